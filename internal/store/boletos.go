package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// Boleto is a boleto as stored: the draft data (embedded: SeuNumero, Amount,
// DueDate, Payer snapshot, Charges, FinalBeneficiary), its local state and
// what the bank returned.
type Boleto struct {
	ID        int64
	AccountID int64
	PayerID   int64 // the saved payer it was made from; 0 when none (or deleted since)
	boleto.Draft
	State State

	IssueDate         boleto.Date // dataEmissao at the bank
	CodigoSolicitacao string      // the bank's id of the charge; "" until known
	NossoNumero       string
	Barcode           string // 44 digits
	LinhaDigitavel    string // linha digitável, 47 digits
	PixCopiaECola     string
	TxID              string
	BankSituation     string      // raw situacao, e.g. "A_RECEBER"
	BankSituationDate boleto.Date // dataSituacao
	FailureReason     string      // pt-BR, why issuing failed
	PaidAmount        boleto.Cents
	PaidDate          boleto.Date
	PaidChannel       PaidChannel // "" until paid
	CancelReason      string

	DocumentID        int64 // origin document; 0 when typed by hand
	InstallmentNumber int   // 1..InstallmentTotal in a carnê; 0 when single
	InstallmentTotal  int
	ReplacesID        int64 // the boleto this one was issued to replace; 0 when none
	ReplacedByID      int64 // the boleto that replaced this one; 0 when none

	Version       int64 // bumped by every change; see UpdateDraft
	SendAttempts  int
	NextAttemptAt time.Time // zero when not scheduled
	Flags         Flags
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// DraftInput is what CreateDraft and UpdateDraft write. The store does not
// validate the draft (boleto.ValidateDraft does, before queueing); it only
// enforces the schema's constraints.
type DraftInput struct {
	AccountID int64 // required by CreateDraft; UpdateDraft refuses a different one
	PayerID   int64 // optional link to a saved payer
	// Draft holds the data. SeuNumero may be left empty on create, and then
	// the account's next number is assigned; UpdateDraft keeps the number
	// (a different one is refused).
	boleto.Draft
	DocumentID        int64
	InstallmentNumber int
	InstallmentTotal  int
	ReplacesID        int64
}

// seuNumeroPrefix starts every generated seuNumero: "B" and the account's
// counter with at least 6 digits (B000001, …, B999999, B1000000, …; at most
// 15 characters). The letter keeps generated numbers apart from numbers
// typed by the user or taken from an ERP, which are usually digits.
const seuNumeroPrefix = "B"

// FormatSeuNumero renders the n-th generated seuNumero of an account.
func FormatSeuNumero(n int64) string { return fmt.Sprintf("%s%06d", seuNumeroPrefix, n) }

// boletoDataColumns are the columns written from a Boleto, in the order of
// boletoArgs.
var boletoDataColumns = slices.Concat(
	[]string{"account_id", "payer_id", "seu_numero", "state", "amount_cents", "due_date", "issue_date"},
	personColumns("payer_"),
	[]string{"final_beneficiary"},
	chargesColumns,
	[]string{"codigo_solicitacao", "nosso_numero", "barcode", "linha_digitavel", "pix_copy_paste", "txid",
		"bank_situation", "bank_situation_date", "failure_reason",
		"paid_amount_cents", "paid_date", "paid_channel", "cancel_reason",
		"document_id", "installment_number", "installment_total", "replaces_id", "replaced_by_id",
		"version", "send_attempts", "next_attempt_at", "flags", "search_text", "created_at", "updated_at"},
)

var boletoColumns = "id, " + columnList(boletoDataColumns)

var insertBoletoQuery = "INSERT INTO boletos (" + columnList(boletoDataColumns) + ") VALUES (" + placeholders(len(boletoDataColumns)) + ")"

// personJSON is the stored form of the final beneficiary.
type personJSON struct {
	Document   string `json:"document"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	Number     string `json:"number,omitempty"`
	Complement string `json:"complement,omitempty"`
	District   string `json:"district,omitempty"`
	City       string `json:"city"`
	UF         string `json:"uf"`
	CEP        string `json:"cep"`
	Email      string `json:"email,omitempty"`
	DDD        string `json:"ddd,omitempty"`
	Phone      string `json:"phone,omitempty"`
}

// boletoArgs returns the values of boletoDataColumns for b.
func boletoArgs(b *Boleto) ([]any, error) {
	var fb any
	if p := b.FinalBeneficiary; p != nil {
		raw, err := json.Marshal(personJSON(*p))
		if err != nil {
			return nil, err
		}
		fb = string(raw)
	}
	var channel any
	if b.PaidChannel != "" {
		channel = string(b.PaidChannel)
	}
	search := strings.Join([]string{fold(b.Payer.Name), fold(brazil.NormalizeDocument(b.Payer.Document)), fold(b.SeuNumero), fold(b.NossoNumero)}, searchSep)
	args := slices.Concat(
		[]any{b.AccountID, idArg(b.PayerID), b.SeuNumero, string(b.State), int64(b.Amount), dateArg(b.DueDate), dateArg(b.IssueDate)},
		personArgs(b.Payer),
		[]any{fb},
		chargesArgs(b.Charges),
		[]any{textArg(b.CodigoSolicitacao), b.NossoNumero, b.Barcode, b.LinhaDigitavel, b.PixCopiaECola, b.TxID,
			b.BankSituation, dateArg(b.BankSituationDate), b.FailureReason,
			int64(b.PaidAmount), dateArg(b.PaidDate), channel, b.CancelReason,
			idArg(b.DocumentID), intArg(b.InstallmentNumber), intArg(b.InstallmentTotal), idArg(b.ReplacesID), idArg(b.ReplacedByID),
			b.Version, b.SendAttempts, timeArg(b.NextAttemptAt), int64(b.Flags), search, timeText(b.CreatedAt), timeText(b.UpdatedAt)},
	)
	return args, nil
}

func scanBoleto(row interface{ Scan(...any) error }) (Boleto, error) {
	var (
		b                                    Boleto
		payerID, docID, replaces, replacedBy sql.NullInt64
		instNo, instTotal                    sql.NullInt64
		state                                string
		due, issue, sitDate, paidDate        sql.NullString
		fb, codigo, channel, nextAt          sql.NullString
		amount, paid                         int64
		flags                                int64
		search, created, updated             string
		cs                                   chargesScan
	)
	dest := slices.Concat(
		[]any{&b.ID, &b.AccountID, &payerID, &b.SeuNumero, &state, &amount, &due, &issue},
		personDest(&b.Payer),
		[]any{&fb},
		cs.dest(),
		[]any{&codigo, &b.NossoNumero, &b.Barcode, &b.LinhaDigitavel, &b.PixCopiaECola, &b.TxID,
			&b.BankSituation, &sitDate, &b.FailureReason,
			&paid, &paidDate, &channel, &b.CancelReason,
			&docID, &instNo, &instTotal, &replaces, &replacedBy,
			&b.Version, &b.SendAttempts, &nextAt, &flags, &search, &created, &updated},
	)
	if err := row.Scan(dest...); err != nil {
		return Boleto{}, err
	}
	b.PayerID, b.DocumentID, b.ReplacesID, b.ReplacedByID = payerID.Int64, docID.Int64, replaces.Int64, replacedBy.Int64
	b.InstallmentNumber, b.InstallmentTotal = int(instNo.Int64), int(instTotal.Int64)
	b.State, b.Amount, b.PaidAmount = State(state), boleto.Cents(amount), boleto.Cents(paid)
	b.CodigoSolicitacao, b.PaidChannel, b.Flags = codigo.String, PaidChannel(channel.String), Flags(flags)
	b.Charges = cs.charges()
	if fb.Valid {
		var p personJSON
		if err := json.Unmarshal([]byte(fb.String), &p); err != nil {
			return Boleto{}, fmt.Errorf("boleto %d final beneficiary: %w", b.ID, err)
		}
		fb := boleto.Payer(p)
		b.FinalBeneficiary = &fb
	}
	var err error
	for _, d := range []struct {
		dst *boleto.Date
		src sql.NullString
	}{{&b.DueDate, due}, {&b.IssueDate, issue}, {&b.BankSituationDate, sitDate}, {&b.PaidDate, paidDate}} {
		if *d.dst, err = parseNullDate(d.src); err != nil {
			return Boleto{}, err
		}
	}
	if b.NextAttemptAt, err = parseNullTime(nextAt); err != nil {
		return Boleto{}, err
	}
	if b.CreatedAt, err = parseTime(created); err != nil {
		return Boleto{}, err
	}
	if b.UpdatedAt, err = parseTime(updated); err != nil {
		return Boleto{}, err
	}
	return b, nil
}

// insertBoleto writes a new row for b (b.ID is set from the database).
func insertBoleto(ctx context.Context, tx *sql.Tx, b *Boleto) error {
	args, err := boletoArgs(b)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, insertBoletoQuery, args...)
	if err != nil {
		return err
	}
	b.ID, err = res.LastInsertId()
	return err
}

// updateBoleto rewrites every column of b, provided the row still has
// version expected; it reports a conflict otherwise.
func updateBoleto(ctx context.Context, tx *sql.Tx, b *Boleto, expected int64) error {
	args, err := boletoArgs(b)
	if err != nil {
		return err
	}
	args = append(args, b.ID, expected)
	res, err := tx.ExecContext(ctx, `UPDATE boletos SET `+setList(boletoDataColumns)+` WHERE id = ? AND version = ?`, args...)
	if isUnique(err, "boletos.codigo_solicitacao") {
		return apperr.Wrap(apperr.CodeConflict, err, "Outro boleto já tem este código de solicitação do banco.")
	}
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errVersionConflict(b.SeuNumero)
	}
	return nil
}

func errVersionConflict(seu string) error {
	return apperr.New(apperr.CodeConflict, fmt.Sprintf(
		"O boleto %s foi alterado em outra janela ou por outro processo depois que você o abriu. Atualize a tela e tente de novo.", seu))
}

func getBoleto(ctx context.Context, q querier, where string, args ...any) (Boleto, error) {
	b, err := scanBoleto(q.QueryRowContext(ctx, `SELECT `+boletoColumns+` FROM boletos WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Boleto{}, notFound(msgBoletoNotFound)
	}
	return b, err
}

// appendEvent records ev for a boleto that went from one state to another
// at the given time (from is "" for a new boleto) and fills in ev's ID,
// BoletoID, At and states.
func appendEvent(ctx context.Context, tx *sql.Tx, boletoID int64, from, to State, at time.Time, ev *Event) error {
	ev.BoletoID, ev.At, ev.OldState, ev.NewState = boletoID, at, from, to
	var details any
	if len(ev.Details) > 0 {
		details = string(ev.Details)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO boleto_events (boleto_id, at, old_state, new_state, kind, message, request_id, details)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.BoletoID, timeText(ev.At), textArg(string(from)), string(to), string(ev.Kind), ev.Message, ev.RequestID, details)
	if err != nil {
		return err
	}
	ev.ID, err = res.LastInsertId()
	return err
}

// nextSeuNumero reserves the account's next generated seuNumero, skipping
// any number already reserved (typed by hand earlier).
func nextSeuNumero(ctx context.Context, tx *sql.Tx, accountID int64, now time.Time) (string, error) {
	for {
		var n int64
		err := tx.QueryRowContext(ctx, `INSERT INTO seu_numero_sequences (account_id, last_value) VALUES (?, 1)
			ON CONFLICT (account_id) DO UPDATE SET last_value = last_value + 1
			RETURNING last_value`, accountID).Scan(&n)
		if err != nil {
			return "", err
		}
		seu := FormatSeuNumero(n)
		ok, err := reserveSeuNumero(ctx, tx, accountID, seu, now)
		if err != nil || ok {
			return seu, err
		}
	}
}

// reserveSeuNumero records seu as used in the account; ok is false when it
// was used before (by a boleto alive or deleted).
func reserveSeuNumero(ctx context.Context, tx *sql.Tx, accountID int64, seu string, now time.Time) (ok bool, err error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO seu_numeros (account_id, seu_numero, reserved_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, accountID, seu, timeText(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// applyDraft copies the editable fields of in onto b.
func applyDraft(b *Boleto, in DraftInput) {
	seu := b.SeuNumero
	b.Draft = in.Draft
	b.SeuNumero = seu
	b.Payer.Document = brazil.NormalizeDocument(b.Payer.Document)
	if fb := b.FinalBeneficiary; fb != nil {
		c := *fb
		c.Document = brazil.NormalizeDocument(c.Document)
		b.FinalBeneficiary = &c
	}
	b.PayerID = in.PayerID
	b.DocumentID = in.DocumentID
	b.InstallmentNumber, b.InstallmentTotal = in.InstallmentNumber, in.InstallmentTotal
	b.ReplacesID = in.ReplacesID
}

// CreateDraft stores a new boleto in state draft and records its "created"
// event. When in.SeuNumero is empty the account's next number is assigned
// (see FormatSeuNumero); a number given by the caller must never have been
// used in the account, not even by a deleted draft. The account must exist.
func (s *Store) CreateDraft(ctx context.Context, in DraftInput) (Boleto, error) {
	var b Boleto
	err := s.write(ctx, "create draft", func(tx *sql.Tx) error {
		if _, err := getAccount(ctx, tx, "id = ?", in.AccountID); err != nil {
			return err
		}
		var err error
		b, err = createDraft(ctx, tx, in, s.clock(), "Rascunho criado.")
		return err
	})
	if err != nil {
		return Boleto{}, err
	}
	return b, nil
}

// createDraft inserts a draft and its "created" event inside tx; the
// account is known to exist.
func createDraft(ctx context.Context, tx *sql.Tx, in DraftInput, now time.Time, message string) (Boleto, error) {
	seu := strings.TrimSpace(in.SeuNumero)
	if seu == "" {
		var err error
		if seu, err = nextSeuNumero(ctx, tx, in.AccountID, now); err != nil {
			return Boleto{}, err
		}
	} else {
		ok, err := reserveSeuNumero(ctx, tx, in.AccountID, seu, now)
		if err != nil {
			return Boleto{}, err
		}
		if !ok {
			msg := fmt.Sprintf("O seu número “%s” já foi usado nesta conta (números de boletos excluídos também não voltam a ser usados). Deixe o campo vazio para gerar o próximo número.", seu)
			return Boleto{}, &apperr.Error{Code: apperr.CodeConflict, Message: msg, Fields: []apperr.FieldProblem{{Field: "seuNumero", Message: msg}}}
		}
	}
	b := Boleto{AccountID: in.AccountID, Draft: boleto.Draft{SeuNumero: seu}, State: StateDraft, Version: 1, CreatedAt: now, UpdatedAt: now}
	applyDraft(&b, in)
	if err := insertBoleto(ctx, tx, &b); err != nil {
		return Boleto{}, err
	}
	if err := appendEvent(ctx, tx, b.ID, "", b.State, now, &Event{Kind: EventCreated, Message: message}); err != nil {
		return Boleto{}, err
	}
	return b, nil
}

// UpdateDraft replaces the data of a boleto in state draft or failed, if it
// is still at version (the Version the caller read; CodeConflict otherwise),
// records an "edit" event and returns the boleto with its new version. The
// state and the seuNumero do not change.
func (s *Store) UpdateDraft(ctx context.Context, id, version int64, in DraftInput) (Boleto, error) {
	var b Boleto
	err := s.write(ctx, "update draft", func(tx *sql.Tx) error {
		var err error
		if b, err = getBoleto(ctx, tx, "id = ?", id); err != nil {
			return err
		}
		if b.Version != version {
			return errVersionConflict(b.SeuNumero)
		}
		if b.State != StateDraft && b.State != StateFailed {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf(
				"O boleto %s está “%s” e não pode mais ser alterado aqui.", b.SeuNumero, StateLabel(b.State)))
		}
		if in.AccountID != 0 && in.AccountID != b.AccountID {
			return apperr.Invalid("Não é possível trocar a conta de um boleto. Exclua o rascunho e crie outro na conta desejada.")
		}
		if seu := strings.TrimSpace(in.SeuNumero); seu != "" && seu != b.SeuNumero {
			return apperr.Invalid("O seu número de um boleto não pode ser alterado.")
		}
		applyDraft(&b, in)
		b.Version++
		b.UpdatedAt = s.clock()
		if err := updateBoleto(ctx, tx, &b, version); err != nil {
			return err
		}
		return appendEvent(ctx, tx, b.ID, b.State, b.State, b.UpdatedAt, &Event{Kind: EventEdit, Message: "Dados do boleto alterados."})
	})
	if err != nil {
		return Boleto{}, err
	}
	return b, nil
}

// DeleteDraft deletes a boleto in state draft, with its events. Its
// seuNumero stays reserved: it is never given out again.
func (s *Store) DeleteDraft(ctx context.Context, id int64) error {
	return s.write(ctx, "delete draft", func(tx *sql.Tx) error {
		b, err := getBoleto(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		if b.State != StateDraft {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf(
				"Só rascunhos podem ser excluídos; o boleto %s está “%s”.", b.SeuNumero, StateLabel(b.State)))
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM boletos WHERE id = ? AND state = 'draft'", id)
		return err
	})
}

// GetBoleto returns the boleto with the given ID.
func (s *Store) GetBoleto(ctx context.Context, id int64) (Boleto, error) {
	var b Boleto
	err := s.read(ctx, "get boleto", func(q querier) (err error) {
		b, err = getBoleto(ctx, q, "id = ?", id)
		return err
	})
	return b, err
}

// GetBoletoBySeuNumero returns the boleto of the account with that seuNumero.
func (s *Store) GetBoletoBySeuNumero(ctx context.Context, accountID int64, seuNumero string) (Boleto, error) {
	var b Boleto
	err := s.read(ctx, "get boleto by seu numero", func(q querier) (err error) {
		b, err = getBoleto(ctx, q, "account_id = ? AND seu_numero = ?", accountID, strings.TrimSpace(seuNumero))
		return err
	})
	return b, err
}

// GetBoletoByCodigoSolicitacao returns the boleto the bank knows by that code.
func (s *Store) GetBoletoByCodigoSolicitacao(ctx context.Context, codigo string) (Boleto, error) {
	var b Boleto
	err := s.read(ctx, "get boleto by codigo", func(q querier) (err error) {
		b, err = getBoleto(ctx, q, "codigo_solicitacao = ?", strings.TrimSpace(codigo))
		return err
	})
	return b, err
}

// Transition is the one way to change a boleto's state. In a single
// transaction it checks that the boleto is in one of from (CodeConflict
// otherwise), lets mutate change its data, sets the state to, bumps the
// version, stamps UpdatedAt and appends ev to its history (ev's Kind,
// Message, RequestID and Details are used; the rest is filled in), then
// returns the boleto as stored. to may equal the current state, to record
// new data from the bank.
//
// mutate may be nil. Changes it makes to ID, AccountID, SeuNumero, State,
// Version, CreatedAt and UpdatedAt are ignored. If it returns an error,
// nothing is written and that error is returned as is; if anything else
// fails (a constraint, the database), nothing is written either.
func (s *Store) Transition(ctx context.Context, id int64, from []State, to State, ev Event, mutate func(*Boleto) error) (Boleto, error) {
	var (
		b      Boleto
		mutErr error // returned to the caller as is
	)
	err := s.write(ctx, "transition boleto", func(tx *sql.Tx) error {
		var err error
		if b, err = getBoleto(ctx, tx, "id = ?", id); err != nil {
			return err
		}
		if !slices.Contains(from, b.State) {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf(
				"O boleto %s está “%s”; não é possível passá-lo para “%s”. Atualize a tela e tente de novo.",
				b.SeuNumero, StateLabel(b.State), StateLabel(to)))
		}
		old := b
		if mutate != nil {
			if mutErr = mutate(&b); mutErr != nil {
				return errMutate
			}
		}
		b.ID, b.AccountID, b.SeuNumero, b.CreatedAt = old.ID, old.AccountID, old.SeuNumero, old.CreatedAt
		b.State = to
		b.Version = old.Version + 1
		b.UpdatedAt = s.clock()
		if err := updateBoleto(ctx, tx, &b, old.Version); err != nil {
			return err
		}
		return appendEvent(ctx, tx, b.ID, old.State, b.State, b.UpdatedAt, &ev)
	})
	if mutErr != nil {
		return Boleto{}, mutErr
	}
	if err != nil {
		return Boleto{}, err
	}
	return b, nil
}

// errMutate aborts a Transition whose mutate function failed.
var errMutate = apperr.New(apperr.CodeInternal, "mutate failed")

// BoletosInStates returns the boletos of an account (every account when
// accountID is 0) in any of states, oldest first: the outbox pick-up at
// start-up (queued, sending, processing…).
func (s *Store) BoletosInStates(ctx context.Context, accountID int64, states []State) ([]Boleto, error) {
	if len(states) == 0 {
		return nil, nil
	}
	where := "state IN (" + placeholders(len(states)) + ")"
	args := make([]any, 0, len(states)+1)
	for _, st := range states {
		args = append(args, string(st))
	}
	if accountID != 0 {
		where += " AND account_id = ?"
		args = append(args, accountID)
	}
	var out []Boleto
	err := s.read(ctx, "boletos in states", func(q querier) (err error) {
		out, err = queryBoletos(ctx, q, `SELECT `+boletoColumns+` FROM boletos WHERE `+where+` ORDER BY id`, args...)
		return err
	})
	return out, err
}

func queryBoletos(ctx context.Context, q querier, query string, args ...any) ([]Boleto, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, scanBoleto)
}

// BoletoOrder is the order of ListBoletos.
type BoletoOrder string

// Orders of ListBoletos.
const (
	OrderNewest   BoletoOrder = ""         // most recently created first (the default)
	OrderDueDate  BoletoOrder = "due_date" // earliest due date first; drafts without one first
	OrderPaidDate BoletoOrder = "paid"     // most recently paid first; unpaid last
)

var orderClauses = map[BoletoOrder]string{
	OrderNewest:   "id DESC",
	OrderDueDate:  "due_date, id",
	OrderPaidDate: "paid_date IS NULL, paid_date DESC, id DESC",
}

// BoletoFilter selects boletos for ListBoletos. Zero fields do not filter.
type BoletoFilter struct {
	AccountID        int64
	States           []State
	DueFrom, DueTo   boleto.Date // inclusive
	PaidFrom, PaidTo boleto.Date // inclusive
	PayerID          int64
	DocumentID       int64
	// DocumentKinds keeps the boletos made from documents of these kinds;
	// DocNone among them also keeps the boletos typed by hand (no document).
	DocumentKinds []DocumentKind
	// Text: every word must occur in the payer's name, the CPF/CNPJ (mask
	// ignored), the seuNumero or the nosso número, ignoring case and accents.
	Text   string
	Order  BoletoOrder
	Limit  int // page size: default 50, at most 1000
	Offset int
}

// BoletoPage is one page of ListBoletos and the totals of the whole filtered
// set (not only of the page).
type BoletoPage struct {
	Boletos     []Boleto
	Total       int          // boletos matching the filter
	TotalAmount boleto.Cents // sum of their nominal amounts
	TotalPaid   boleto.Cents // sum of their paid amounts
}

// where builds the WHERE clause of a filter.
func (f BoletoFilter) where() (string, []any) {
	conds := []string{"1"}
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if f.AccountID != 0 {
		add("account_id = ?", f.AccountID)
	}
	if len(f.States) > 0 {
		st := make([]any, len(f.States))
		for i, s := range f.States {
			st[i] = string(s)
		}
		add("state IN ("+placeholders(len(st))+")", st...)
	}
	if !f.DueFrom.IsZero() {
		add("due_date >= ?", f.DueFrom.String())
	}
	if !f.DueTo.IsZero() {
		add("due_date <= ?", f.DueTo.String())
	}
	if !f.PaidFrom.IsZero() {
		add("paid_date >= ?", f.PaidFrom.String())
	}
	if !f.PaidTo.IsZero() {
		add("paid_date <= ?", f.PaidTo.String())
	}
	if f.PayerID != 0 {
		add("payer_id = ?", f.PayerID)
	}
	if f.DocumentID != 0 {
		add("document_id = ?", f.DocumentID)
	}
	if len(f.DocumentKinds) > 0 {
		var kinds []any
		none := false
		for _, k := range f.DocumentKinds {
			if k == DocNone {
				none = true
				continue
			}
			kinds = append(kinds, string(k))
		}
		var parts []string
		if len(kinds) > 0 {
			parts = append(parts, "document_id IN (SELECT id FROM documents WHERE kind IN ("+placeholders(len(kinds))+"))")
		}
		if none {
			parts = append(parts, "document_id IS NULL")
		}
		add("("+strings.Join(parts, " OR ")+")", kinds...)
	}
	if terms := searchTerms(f.Text); len(terms) > 0 {
		cond, a := termsWhere("search_text", terms)
		add(cond, a...)
	}
	return strings.Join(conds, " AND "), args
}

// ListBoletos returns one page of the boletos matching f, with the count and
// the sums of the whole filtered set, all from one snapshot.
func (s *Store) ListBoletos(ctx context.Context, f BoletoFilter) (BoletoPage, error) {
	order, ok := orderClauses[f.Order]
	if !ok {
		return BoletoPage{}, apperr.Invalid("Ordem de listagem desconhecida: %q.", string(f.Order))
	}
	limit := clampLimit(f.Limit, 50, 1000)
	offset := max(f.Offset, 0)
	where, args := f.where()
	var page BoletoPage
	err := s.read(ctx, "list boletos", func(q querier) error {
		var amount, paid int64
		if err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount_cents), 0), coalesce(sum(paid_amount_cents), 0)
			FROM boletos WHERE `+where, args...).Scan(&page.Total, &amount, &paid); err != nil {
			return err
		}
		page.TotalAmount, page.TotalPaid = boleto.Cents(amount), boleto.Cents(paid)
		if page.Total == 0 || offset >= page.Total {
			return nil
		}
		// Sort and cut the page on the ids alone (from the indexes), then
		// read the page's full rows: sorting whole rows costs ten times more.
		var err error
		page.Boletos, err = queryBoletos(ctx, q, `SELECT `+boletoColumns+` FROM boletos WHERE id IN (
			SELECT id FROM boletos WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?)
			ORDER BY `+order, append(args, limit, offset)...)
		return err
	})
	if err != nil {
		return BoletoPage{}, err
	}
	return page, nil
}

// ParseSeuNumero returns the counter of a generated seuNumero (B000042 → 42),
// or false for a number typed by hand.
func ParseSeuNumero(seu string) (int64, bool) {
	digits, ok := strings.CutPrefix(seu, seuNumeroPrefix)
	if !ok || len(digits) < 6 {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil && n > 0
}
