package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

// Contract is a monthly charge: the app creates the boleto of each month a
// few days (LeadDays) before its due date, once per period.
type Contract struct {
	ID          int64
	AccountID   int64
	DocumentID  int64 // the contract's document (kind contract), which names the payer
	Description string
	Plan        boleto.ContractPlan
	LeadDays    int
	AutoIssue   bool // send the boletos to the bank as they are created
	Active      bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

const contractColumns = "id, account_id, document_id, description, monthly_cents, day, start_date, end_date, months, lead_days, auto_issue, active, created_at, updated_at"

const msgContractNotFound = "Contrato não encontrado. Ele pode ter sido excluído; atualize a lista."

func scanContract(row interface{ Scan(...any) error }) (Contract, error) {
	var (
		c                Contract
		monthly          int64
		start            string
		end              sql.NullString
		auto, active     int
		created, updated string
	)
	if err := row.Scan(&c.ID, &c.AccountID, &c.DocumentID, &c.Description, &monthly, &c.Plan.Day, &start, &end,
		&c.Plan.Months, &c.LeadDays, &auto, &active, &created, &updated); err != nil {
		return Contract{}, err
	}
	c.Plan.Monthly, c.AutoIssue, c.Active = boleto.Cents(monthly), auto == 1, active == 1
	var err error
	if c.Plan.Start, err = boleto.ParseDate(start); err != nil {
		return Contract{}, err
	}
	if c.Plan.End, err = parseNullDate(end); err != nil {
		return Contract{}, err
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return Contract{}, err
	}
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return Contract{}, err
	}
	return c, nil
}

// CreateContract stores a contract with its document (kind contract,
// number doc.Number) and its payer, registered when new, in one
// transaction. A document that already has a contract is a conflict.
func (s *Store) CreateContract(ctx context.Context, c Contract, doc Document, payer boleto.Payer) (Contract, error) {
	now := s.clock()
	c.CreatedAt, c.UpdatedAt, c.Active = now, now, true
	doc.Kind = DocContract
	err := s.write(ctx, "create contract", func(tx *sql.Tx) error {
		if _, err := getAccount(ctx, tx, "id = ?", c.AccountID); err != nil {
			return err
		}
		payerID, _, err := ensurePayer(ctx, tx, payer, now)
		if err != nil {
			return err
		}
		doc.PayerID = payerID
		if doc, _, err = ensureDocument(ctx, tx, doc, now); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contracts WHERE document_id = ?", doc.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf("Já existe um contrato %s para este pagador.", doc.Number))
		}
		c.DocumentID = doc.ID
		res, err := tx.ExecContext(ctx, `INSERT INTO contracts (account_id, document_id, description, monthly_cents, day, start_date,
			end_date, months, lead_days, auto_issue, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			c.AccountID, c.DocumentID, c.Description, int64(c.Plan.Monthly), c.Plan.Day, c.Plan.Start.String(), dateArg(c.Plan.End),
			c.Plan.Months, c.LeadDays, boolInt(c.AutoIssue), timeText(now), timeText(now))
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Contract{}, err
	}
	return c, nil
}

// GetContract returns one contract.
func (s *Store) GetContract(ctx context.Context, id int64) (Contract, error) {
	var c Contract
	err := s.read(ctx, "get contract", func(q querier) error {
		var err error
		c, err = scanContract(q.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM contracts WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(msgContractNotFound)
		}
		return err
	})
	return c, err
}

// ListContracts returns the contracts, active first, newest first.
func (s *Store) ListContracts(ctx context.Context, activeOnly bool) ([]Contract, error) {
	where := "1"
	if activeOnly {
		where = "active = 1"
	}
	var out []Contract
	err := s.read(ctx, "list contracts", func(q querier) error {
		rows, err := q.QueryContext(ctx, `SELECT `+contractColumns+` FROM contracts WHERE `+where+` ORDER BY active DESC, id DESC`)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanContract)
		return err
	})
	return out, err
}

// SetContractActive ends (false) or resumes (true) a contract's billing.
func (s *Store) SetContractActive(ctx context.Context, id int64, active bool) error {
	return s.write(ctx, "set contract active", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE contracts SET active = ?, updated_at = ? WHERE id = ?", boolInt(active), timeText(s.clock()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(msgContractNotFound)
		}
		return nil
	})
}

// ContractPeriods returns the periods (YYYY-MM) a contract has billed, with
// their boletos (0 when the draft was deleted since).
func (s *Store) ContractPeriods(ctx context.Context, contractID int64) (map[string]int64, error) {
	out := map[string]int64{}
	err := s.read(ctx, "list contract periods", func(q querier) error {
		rows, err := q.QueryContext(ctx, "SELECT period, boleto_id FROM contract_periods WHERE contract_id = ?", contractID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			var id sql.NullInt64
			if err := rows.Scan(&p, &id); err != nil {
				return err
			}
			out[p] = id.Int64
		}
		return rows.Err()
	})
	return out, err
}

// BillContractPeriod creates the draft of one period of a contract, in one
// transaction with the record of the period. A period billed before (even
// if its draft was deleted since) is never billed again: created is false
// and nothing changes.
func (s *Store) BillContractPeriod(ctx context.Context, contractID int64, period string, in DraftInput) (b Boleto, created bool, err error) {
	err = s.write(ctx, "bill contract period", func(tx *sql.Tx) error {
		c, err := scanContract(tx.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM contracts WHERE id = ?`, contractID))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(msgContractNotFound)
		}
		if err != nil {
			return err
		}
		now := s.clock()
		res, err := tx.ExecContext(ctx, `INSERT INTO contract_periods (contract_id, period, created_at) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, contractID, period, timeText(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // billed before
		}
		in.AccountID, in.DocumentID = c.AccountID, c.DocumentID
		if b, err = createDraft(ctx, tx, in, now, fmt.Sprintf("Rascunho criado pelo contrato (mês %s).", period)); err != nil {
			return err
		}
		created = true
		_, err = tx.ExecContext(ctx, "UPDATE contract_periods SET boleto_id = ? WHERE contract_id = ? AND period = ?", b.ID, contractID, period)
		return err
	})
	if err != nil {
		return Boleto{}, false, err
	}
	return b, created, nil
}
