package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

// DocumentKind is the kind of document boletos are made from.
type DocumentKind string

// Document kinds.
const (
	DocNFe          DocumentKind = "nfe"           // nota fiscal eletrônica
	DocNFSe         DocumentKind = "nfse"          // nota fiscal de serviço
	DocCTe          DocumentKind = "cte"           // conhecimento de transporte
	DocSalesOrder   DocumentKind = "sales_order"   // pedido de venda
	DocServiceOrder DocumentKind = "service_order" // ordem de serviço
	DocFutureSale   DocumentKind = "future_sale"   // venda futura
	DocContract     DocumentKind = "contract"      // contrato (parcelas, carnê)
	DocManual       DocumentKind = "manual"        // typed by hand
	// DocNone is not stored: in a BoletoFilter it stands for the boletos
	// made without any document (boletos avulsos).
	DocNone DocumentKind = "avulso"
)

// Document is the origin of one or more boletos.
type Document struct {
	ID         int64
	Kind       DocumentKind
	Number     string
	Series     string
	AccessKey  string // chave de acesso (44 digits) of NF-e/CT-e/NFS-e; "" when none; unique
	IssueDate  boleto.Date
	PayerID    int64 // 0 when none
	Total      boleto.Cents
	FileSHA256 string // hex SHA-256 of the imported file; "" when typed by hand
	CreatedAt  time.Time
}

const documentColumns = "id, kind, number, series, access_key, issue_date, payer_id, total_cents, file_sha256, created_at"

func scanDocument(row interface{ Scan(...any) error }) (Document, error) {
	var (
		d                Document
		kind, created    string
		key, issue, hash sql.NullString
		payer            sql.NullInt64
		total            int64
	)
	if err := row.Scan(&d.ID, &kind, &d.Number, &d.Series, &key, &issue, &payer, &total, &hash, &created); err != nil {
		return Document{}, err
	}
	d.Kind, d.AccessKey, d.PayerID, d.Total, d.FileSHA256 = DocumentKind(kind), key.String, payer.Int64, boleto.Cents(total), hash.String
	var err error
	if d.IssueDate, err = parseNullDate(issue); err != nil {
		return Document{}, err
	}
	if d.CreatedAt, err = parseTime(created); err != nil {
		return Document{}, err
	}
	return d, nil
}

// normalizeAccessKey removes the spaces people paste in a chave de acesso.
func normalizeAccessKey(k string) string { return strings.Join(strings.Fields(k), "") }

// CreateDocument stores a document. An access key already stored is a
// conflict (the document was imported before).
func (s *Store) CreateDocument(ctx context.Context, d Document) (Document, error) {
	d.AccessKey = normalizeAccessKey(d.AccessKey)
	d.FileSHA256 = strings.ToLower(strings.TrimSpace(d.FileSHA256))
	d.CreatedAt = s.clock()
	err := s.write(ctx, "create document", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO documents (kind, number, series, access_key, issue_date, payer_id, total_cents, file_sha256, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(d.Kind), d.Number, d.Series, textArg(d.AccessKey), dateArg(d.IssueDate), idArg(d.PayerID), int64(d.Total),
			textArg(d.FileSHA256), timeText(d.CreatedAt))
		if isUnique(err, "documents.access_key") {
			return apperr.Wrap(apperr.CodeConflict, err, fmt.Sprintf("O documento com a chave de acesso %s já foi importado.", d.AccessKey))
		}
		if err != nil {
			return err
		}
		d.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Document{}, err
	}
	return d, nil
}

func getDocument(ctx context.Context, q querier, where string, args ...any) (Document, error) {
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, notFound(msgDocumentNotFound)
	}
	return d, err
}

// GetDocument returns the document with the given ID.
func (s *Store) GetDocument(ctx context.Context, id int64) (Document, error) {
	var d Document
	err := s.read(ctx, "get document", func(q querier) (err error) {
		d, err = getDocument(ctx, q, "id = ?", id)
		return err
	})
	return d, err
}

// GetDocumentByAccessKey returns the document with that chave de acesso.
func (s *Store) GetDocumentByAccessKey(ctx context.Context, accessKey string) (Document, error) {
	var d Document
	err := s.read(ctx, "get document by access key", func(q querier) (err error) {
		d, err = getDocument(ctx, q, "access_key = ?", normalizeAccessKey(accessKey))
		return err
	})
	return d, err
}

// DocumentsByFileHash returns the documents imported from a file with that
// SHA-256 (hex), oldest first; none means the file was never imported.
func (s *Store) DocumentsByFileHash(ctx context.Context, sha256Hex string) ([]Document, error) {
	return s.listDocuments(ctx, "file_sha256 = ?", []any{strings.ToLower(strings.TrimSpace(sha256Hex))}, "id", 0, 0)
}

// DocumentFilter selects documents for ListDocuments. Zero fields do not
// filter.
type DocumentFilter struct {
	Kind    DocumentKind
	PayerID int64
	Limit   int // default 50, at most 1000
	Offset  int
}

// ListDocuments returns documents, most recent first.
func (s *Store) ListDocuments(ctx context.Context, f DocumentFilter) ([]Document, error) {
	conds, args := []string{"1"}, []any{}
	if f.Kind != "" {
		conds, args = append(conds, "kind = ?"), append(args, string(f.Kind))
	}
	if f.PayerID != 0 {
		conds, args = append(conds, "payer_id = ?"), append(args, f.PayerID)
	}
	return s.listDocuments(ctx, strings.Join(conds, " AND "), args, "id DESC", clampLimit(f.Limit, 50, 1000), max(f.Offset, 0))
}

func (s *Store) listDocuments(ctx context.Context, where string, args []any, order string, limit, offset int) ([]Document, error) {
	query := `SELECT ` + documentColumns + ` FROM documents WHERE ` + where + ` ORDER BY ` + order
	if limit > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, limit, offset)
	}
	var out []Document
	err := s.read(ctx, "list documents", func(q querier) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanDocument)
		return err
	})
	return out, err
}

// DeleteDocument deletes a document no boleto refers to.
func (s *Store) DeleteDocument(ctx context.Context, id int64) error {
	return s.write(ctx, "delete document", func(tx *sql.Tx) error {
		if _, err := getDocument(ctx, tx, "id = ?", id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM boletos WHERE document_id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			what := "1 boleto foi gerado"
			if n > 1 {
				what = fmt.Sprintf("%d boletos foram gerados", n)
			}
			return apperr.New(apperr.CodeConflict, "Não é possível excluir o documento: "+what+" a partir dele.")
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM documents WHERE id = ?", id)
		return err
	})
}
