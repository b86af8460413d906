package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// ImportInput is one document to store with the drafts made from it.
type ImportInput struct {
	AccountID int64
	// Document is stored unless it was imported before (the same access
	// key; without one, the same kind, number, series and payer).
	Document Document
	// Payer is registered when no saved payer has its CPF/CNPJ; a saved one
	// is used as it is.
	Payer boleto.Payer
	// Drafts are the document's installments: InstallmentNumber is the
	// installment's position in the document (1-based) and identifies it on
	// a re-import. DocumentID and PayerID are set here.
	Drafts []DraftInput
}

// ImportResult says what ImportDocument did.
type ImportResult struct {
	Document Document
	Existing bool // the document had been imported before
	PayerID  int64
	NewPayer bool
	Created  []Boleto
	// Skipped are the installment numbers the document already had a
	// boleto for: they are not created twice.
	Skipped []int
}

// ImportDocument stores a document, its payer and the drafts of its
// installments in one transaction: all of it, or nothing. Importing the same
// document again creates only the installments it does not have yet.
func (s *Store) ImportDocument(ctx context.Context, in ImportInput) (ImportResult, error) {
	var res ImportResult
	err := s.write(ctx, "import document", func(tx *sql.Tx) error {
		res = ImportResult{}
		if _, err := getAccount(ctx, tx, "id = ?", in.AccountID); err != nil {
			return err
		}
		now := s.clock()
		var err error
		if res.PayerID, res.NewPayer, err = ensurePayer(ctx, tx, in.Payer, now); err != nil {
			return err
		}
		doc := in.Document
		doc.PayerID = res.PayerID
		if res.Document, res.Existing, err = ensureDocument(ctx, tx, doc, now); err != nil {
			return err
		}
		have := map[int]bool{}
		if res.Existing {
			if have, err = installmentsOf(ctx, tx, res.Document.ID); err != nil {
				return err
			}
		}
		message := fmt.Sprintf("Rascunho criado a partir de %s.", DescribeDocument(res.Document))
		for _, d := range in.Drafts {
			if d.InstallmentNumber > 0 && have[d.InstallmentNumber] {
				res.Skipped = append(res.Skipped, d.InstallmentNumber)
				continue
			}
			d.AccountID, d.PayerID, d.DocumentID = in.AccountID, res.PayerID, res.Document.ID
			b, err := createDraft(ctx, tx, d, now, message)
			if err != nil {
				return err
			}
			res.Created = append(res.Created, b)
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// ensurePayer returns the saved payer with p's document, registering p when
// there is none.
func ensurePayer(ctx context.Context, tx *sql.Tx, p boleto.Payer, now time.Time) (id int64, created bool, err error) {
	doc := brazil.NormalizeDocument(p.Document)
	if doc == "" {
		return 0, false, apperr.Invalid("O documento não tem o CPF/CNPJ do pagador.")
	}
	saved, err := getPayer(ctx, tx, "document = ?", doc)
	if err == nil {
		return saved.ID, false, nil
	}
	if code, _ := apperr.Describe(err); code != apperr.CodeNotFound {
		return 0, false, err
	}
	args := append(payerArgs(&p), timeText(now), timeText(now))
	r, err := tx.ExecContext(ctx, `INSERT INTO payers (`+columnList(payerDataColumns)+`, created_at, updated_at)
		VALUES (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return 0, false, err
	}
	id, err = r.LastInsertId()
	return id, true, err
}

// ensureDocument returns the stored document d matches, or stores d.
func ensureDocument(ctx context.Context, tx *sql.Tx, d Document, now time.Time) (Document, bool, error) {
	d.AccessKey = normalizeAccessKey(d.AccessKey)
	d.FileSHA256 = strings.ToLower(strings.TrimSpace(d.FileSHA256))
	found, err := findDocument(ctx, tx, d)
	if err == nil {
		return found, true, nil
	}
	if code, _ := apperr.Describe(err); code != apperr.CodeNotFound {
		return Document{}, false, err
	}
	d.CreatedAt = now
	r, err := tx.ExecContext(ctx, `INSERT INTO documents (kind, number, series, access_key, issue_date, payer_id, total_cents, file_sha256, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(d.Kind), d.Number, d.Series, textArg(d.AccessKey), dateArg(d.IssueDate), idArg(d.PayerID), int64(d.Total),
		textArg(d.FileSHA256), timeText(d.CreatedAt))
	if err != nil {
		return Document{}, false, err
	}
	d.ID, err = r.LastInsertId()
	return d, false, err
}

// findDocument returns the stored document d is a repeat of: the same
// access key or, without one, the same kind, number, series and payer.
func findDocument(ctx context.Context, q querier, d Document) (Document, error) {
	switch {
	case d.AccessKey != "":
		return getDocument(ctx, q, "access_key = ?", d.AccessKey)
	case strings.TrimSpace(d.Number) != "":
		return getDocument(ctx, q, "kind = ? AND number = ? AND series = ? AND payer_id IS ? ORDER BY id LIMIT 1",
			string(d.Kind), d.Number, d.Series, idArg(d.PayerID))
	}
	return Document{}, notFound(msgDocumentNotFound)
}

// FindImported looks for a document imported before, as ImportDocument
// would recognise it (payerDocument is the payer's CPF/CNPJ, which
// identifies the payer), and returns it with the installment numbers that
// have boletos. ok is false when it was never imported.
func (s *Store) FindImported(ctx context.Context, d Document, payerDocument string) (doc Document, installments map[int]bool, ok bool, err error) {
	err = s.read(ctx, "find imported document", func(q querier) error {
		d.AccessKey = normalizeAccessKey(d.AccessKey)
		if d.AccessKey == "" {
			p, err := getPayer(ctx, q, "document = ?", brazil.NormalizeDocument(payerDocument))
			if code, _ := apperr.Describe(err); code == apperr.CodeNotFound {
				return nil // a new payer: a new document
			} else if err != nil {
				return err
			}
			d.PayerID = p.ID
		}
		found, err := findDocument(ctx, q, d)
		if code, _ := apperr.Describe(err); code == apperr.CodeNotFound {
			return nil
		} else if err != nil {
			return err
		}
		doc, ok = found, true
		installments, err = installmentsOf(ctx, q, found.ID)
		return err
	})
	return doc, installments, ok, err
}

// installmentsOf returns the installment numbers a document has boletos for.
func installmentsOf(ctx context.Context, q querier, documentID int64) (map[int]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT installment_number FROM boletos WHERE document_id = ? AND installment_number IS NOT NULL", documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		have[n] = true
	}
	return have, rows.Err()
}

var documentKindLabels = map[DocumentKind]string{
	DocNFe: "NF-e", DocNFSe: "NFS-e", DocCTe: "CT-e", DocSalesOrder: "pedido de venda",
	DocServiceOrder: "ordem de serviço", DocFutureSale: "venda futura", DocContract: "contrato", DocManual: "parcelamento",
	DocNone: "boleto avulso",
}

// DocumentKindLabel names a kind of document in Portuguese ("NF-e",
// "pedido de venda").
func DocumentKindLabel(k DocumentKind) string {
	if label, ok := documentKindLabels[k]; ok {
		return label
	}
	return "documento"
}

// DescribeDocument names a document for people: "NF-e 1234 série 1".
func DescribeDocument(d Document) string {
	parts := []string{DocumentKindLabel(d.Kind)}
	if d.Number != "" {
		parts = append(parts, d.Number)
	}
	if d.Series != "" {
		parts = append(parts, "série "+d.Series)
	}
	return strings.Join(parts, " ")
}
