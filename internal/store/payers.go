package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// Payer is a saved pagador: the customer a boleto is issued to. Boletos keep
// their own copy of the payer's data as sent, so editing a payer never
// changes a boleto already created.
type Payer struct {
	ID int64
	boleto.Payer
	CreatedAt time.Time
	UpdatedAt time.Time
}

// payerDataColumns are the columns written from a payer, in the order of
// payerArgs.
var payerDataColumns = append(personColumns(""), "search_text")

var payerColumns = "id, " + columnList(payerDataColumns) + ", created_at, updated_at"

// payerArgs normalises the document (no mask, upper case: the unique key)
// and returns the values of payerDataColumns.
func payerArgs(p *boleto.Payer) []any {
	p.Document = brazil.NormalizeDocument(p.Document)
	return append(personArgs(*p), fold(p.Name)+searchSep+fold(p.Document))
}

func scanPayer(row interface{ Scan(...any) error }) (Payer, error) {
	var (
		p                Payer
		search           string
		created, updated string
	)
	dest := slices.Concat([]any{&p.ID}, personDest(&p.Payer), []any{&search, &created, &updated})
	if err := row.Scan(dest...); err != nil {
		return Payer{}, err
	}
	var err error
	if p.CreatedAt, err = parseTime(created); err != nil {
		return Payer{}, err
	}
	if p.UpdatedAt, err = parseTime(updated); err != nil {
		return Payer{}, err
	}
	return p, nil
}

func payerDocumentTaken(err error) error {
	return apperr.Wrap(apperr.CodeConflict, err, "Já existe um pagador com este CPF/CNPJ.")
}

// CreatePayer stores a new payer. The document is stored without its mask
// and must be unique.
func (s *Store) CreatePayer(ctx context.Context, p Payer) (Payer, error) {
	now := s.clock()
	err := s.write(ctx, "create payer", func(tx *sql.Tx) error {
		args := append(payerArgs(&p.Payer), timeText(now), timeText(now))
		res, err := tx.ExecContext(ctx, `INSERT INTO payers (`+columnList(payerDataColumns)+`, created_at, updated_at)
			VALUES (`+placeholders(len(args))+`)`, args...)
		if isUnique(err, "payers.document") {
			return payerDocumentTaken(err)
		}
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Payer{}, err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	return p, nil
}

// UpdatePayer replaces the data of payer p.ID and returns it as stored.
func (s *Store) UpdatePayer(ctx context.Context, p Payer) (Payer, error) {
	var out Payer
	err := s.write(ctx, "update payer", func(tx *sql.Tx) error {
		args := append(payerArgs(&p.Payer), timeText(s.clock()), p.ID)
		res, err := tx.ExecContext(ctx, `UPDATE payers SET `+setList(payerDataColumns)+`, updated_at = ? WHERE id = ?`, args...)
		if isUnique(err, "payers.document") {
			return payerDocumentTaken(err)
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(msgPayerNotFound)
		}
		out, err = getPayer(ctx, tx, "id = ?", p.ID)
		return err
	})
	return out, err
}

func getPayer(ctx context.Context, q querier, where string, args ...any) (Payer, error) {
	p, err := scanPayer(q.QueryRowContext(ctx, `SELECT `+payerColumns+` FROM payers WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Payer{}, notFound(msgPayerNotFound)
	}
	return p, err
}

// GetPayer returns the payer with the given ID.
func (s *Store) GetPayer(ctx context.Context, id int64) (Payer, error) {
	var p Payer
	err := s.read(ctx, "get payer", func(q querier) (err error) {
		p, err = getPayer(ctx, q, "id = ?", id)
		return err
	})
	return p, err
}

// GetPayerByDocument returns the payer with the given CPF/CNPJ, masked or not.
func (s *Store) GetPayerByDocument(ctx context.Context, document string) (Payer, error) {
	var p Payer
	err := s.read(ctx, "get payer by document", func(q querier) (err error) {
		p, err = getPayer(ctx, q, "document = ?", brazil.NormalizeDocument(document))
		return err
	})
	return p, err
}

// SearchPayers returns up to limit payers (default 20, at most 500) whose
// name or CPF/CNPJ contains every word of query, ignoring case, accents and
// the document's mask. Payers whose name or document starts with the first
// word come first, then by name. An empty query lists payers by name.
func (s *Store) SearchPayers(ctx context.Context, query string, limit int) ([]Payer, error) {
	limit = clampLimit(limit, 20, 500)
	terms := searchTerms(query)
	where, args := "1", []any{}
	order := "search_text, id"
	if len(terms) > 0 {
		where, args = termsWhere("search_text", terms)
		order = "(substr(search_text, 1, length(?)) = ? OR instr(search_text, ?) > 0) DESC, " + order
		args = append(args, terms[0], terms[0], searchSep+terms[0])
	}
	args = append(args, limit)
	var out []Payer
	err := s.read(ctx, "search payers", func(q querier) error {
		rows, err := q.QueryContext(ctx, `SELECT `+payerColumns+` FROM payers WHERE `+where+` ORDER BY `+order+` LIMIT ?`, args...)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanPayer)
		return err
	})
	return out, err
}

// DeletePayer deletes a saved payer. Boletos and documents that referred to
// it keep their own copy of the data and lose only the link.
func (s *Store) DeletePayer(ctx context.Context, id int64) error {
	return s.write(ctx, "delete payer", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM payers WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(msgPayerNotFound)
		}
		return nil
	})
}

// clampLimit applies a default to a non-positive limit and caps it.
func clampLimit(limit, def, max int) int {
	if limit <= 0 {
		return def
	}
	return min(limit, max)
}
