package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// This file holds the aggregations behind the Painel (home screen) and the
// reports. Every total is computed by SQL in the same read snapshot as the
// rows it summarises, so a total always equals the sum of its rows.

// Total is a number of boletos and a sum of money.
type Total struct {
	Count int
	Cents boleto.Cents
}

// add counts one boleto of amount c.
func (t *Total) add(c boleto.Cents) {
	t.Count++
	t.Cents += c
}

// DashboardQuery selects what the Painel shows.
type DashboardQuery struct {
	AccountID int64       // 0: every account
	From, To  boleto.Date // the period (inclusive); a zero end is open
	// Today is the reference for the next due dates and the days late;
	// zero means today in São Paulo by the store's clock.
	Today boleto.Date
	// Series is how ReceivedSeries is grouped; "" means by day.
	Series SeriesGroup
	// ListLimit is the length of NextDue and OverdueList: default 10, at
	// most 100.
	ListLimit int
}

// SeriesGroup is the grouping of the received series.
type SeriesGroup string

// Groupings of the received series.
const (
	SeriesDay   SeriesGroup = "day"
	SeriesWeek  SeriesGroup = "week"  // weeks start on Monday
	SeriesMonth SeriesGroup = "month" // calendar months
)

// seriesKeys are the SQL expressions of each grouping's first day.
var seriesKeys = map[SeriesGroup]string{
	"":          "paid_date",
	SeriesDay:   "paid_date",
	SeriesWeek:  "date(paid_date, '-6 days', 'weekday 1')",
	SeriesMonth: "substr(paid_date, 1, 8) || '01'",
}

// SeriesPoint is the money received on one day (or in the week or month
// starting on Date) through one channel.
type SeriesPoint struct {
	Date    boleto.Date // the day, or the first day of the week or month
	Channel PaidChannel // "" when the bank gave no channel (marked as received at the bank)
	Count   int
	Cents   boleto.Cents // amounts received
}

// DashboardBoleto is one line of the Painel's lists.
type DashboardBoleto struct {
	ID            int64
	SeuNumero     string
	NossoNumero   string
	PayerName     string
	PayerDocument string
	DueDate       boleto.Date
	Amount        boleto.Cents
	// DaysLate is Today − DueDate: positive when overdue, zero on the due
	// date, negative while it is not yet due.
	DaysLate int
}

// Dashboard is what the Painel shows for one account (or all) and period.
type Dashboard struct {
	Today boleto.Date
	// ToReceive are the boletos the bank shows as a receber (Emitido),
	// whatever the period: what is still to come in. Cents are nominal
	// amounts.
	ToReceive Total
	// Overdue are the boletos the bank reports overdue (Vencido), whatever
	// the period. Cents are nominal amounts.
	Overdue Total
	// Received are the boletos paid in the period (by payment date); Cents
	// are the amounts received, ReceivedNominal their nominal amounts.
	Received        Total
	ReceivedNominal boleto.Cents
	// CancelledExpired are the boletos cancelled or expired with a due
	// date in the period (nominal amounts).
	CancelledExpired Total
	// Drafts is the number of drafts not yet sent, whatever the period.
	Drafts int
	// ReceivedSeries is Received by payment date (grouped as asked) and
	// channel, oldest first; its counts and amounts add up to Received.
	ReceivedSeries []SeriesPoint
	// NextDue are the issued boletos with the nearest due dates from Today
	// on; OverdueList the overdue ones due longest ago.
	NextDue     []DashboardBoleto
	OverdueList []DashboardBoleto
}

// Dashboard returns the Painel's totals, series and lists, all from one
// snapshot of the database.
func (s *Store) Dashboard(ctx context.Context, q DashboardQuery) (Dashboard, error) {
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return Dashboard{}, errPeriod()
	}
	key, ok := seriesKeys[q.Series]
	if !ok {
		return Dashboard{}, apperr.Invalid("Agrupamento desconhecido: %q. Use dia, semana ou mês.", string(q.Series))
	}
	d := Dashboard{Today: q.Today}
	if d.Today.IsZero() {
		d.Today = boleto.Today(s.now())
	}
	limit := clampLimit(q.ListLimit, 10, 100)

	account, accountArgs := "1", []any(nil)
	if q.AccountID != 0 {
		account, accountArgs = "account_id = ?", []any{q.AccountID}
	}
	paidIn, paidArgs := dateRange("paid_date", q.From, q.To)
	dueIn, dueArgs := dateRange("due_date", q.From, q.To)

	err := s.read(ctx, "dashboard", func(db querier) error {
		rows, err := db.QueryContext(ctx, `SELECT state, count(*), coalesce(sum(amount_cents), 0) FROM boletos
			WHERE `+account+` AND state IN ('issued', 'overdue', 'draft') GROUP BY state`, accountArgs...)
		if err != nil {
			return err
		}
		err = scanEach(rows, func() error {
			var (
				state string
				t     Total
				cents int64
			)
			if err := rows.Scan(&state, &t.Count, &cents); err != nil {
				return err
			}
			t.Cents = boleto.Cents(cents)
			switch State(state) {
			case StateIssued:
				d.ToReceive = t
			case StateOverdue:
				d.Overdue = t
			case StateDraft:
				d.Drafts = t.Count
			}
			return nil
		})
		if err != nil {
			return err
		}

		var paid, nominal, cancelled int64
		if err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(paid_amount_cents), 0), coalesce(sum(amount_cents), 0)
			FROM boletos WHERE `+account+` AND state = 'paid' AND `+paidIn, concatArgs(accountArgs, paidArgs)...).
			Scan(&d.Received.Count, &paid, &nominal); err != nil {
			return err
		}
		d.Received.Cents, d.ReceivedNominal = boleto.Cents(paid), boleto.Cents(nominal)
		if err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount_cents), 0)
			FROM boletos WHERE `+account+` AND state IN ('cancelled', 'expired') AND `+dueIn, concatArgs(accountArgs, dueArgs)...).
			Scan(&d.CancelledExpired.Count, &cancelled); err != nil {
			return err
		}
		d.CancelledExpired.Cents = boleto.Cents(cancelled)

		rows, err = db.QueryContext(ctx, `SELECT `+key+` AS day, coalesce(paid_channel, ''), count(*), sum(paid_amount_cents)
			FROM boletos WHERE `+account+` AND state = 'paid' AND `+paidIn+`
			GROUP BY day, coalesce(paid_channel, '') ORDER BY day, coalesce(paid_channel, '')`, concatArgs(accountArgs, paidArgs)...)
		if err != nil {
			return err
		}
		err = scanEach(rows, func() error {
			var (
				p       SeriesPoint
				day, ch string
				cents   int64
			)
			if err := rows.Scan(&day, &ch, &p.Count, &cents); err != nil {
				return err
			}
			if p.Date, err = parseStoredDate(day); err != nil {
				return err
			}
			p.Channel, p.Cents = PaidChannel(ch), boleto.Cents(cents)
			d.ReceivedSeries = append(d.ReceivedSeries, p)
			return nil
		})
		if err != nil {
			return err
		}

		list := func(where string, args ...any) ([]DashboardBoleto, error) {
			rows, err := db.QueryContext(ctx, `SELECT id, seu_numero, nosso_numero, payer_name, payer_document, due_date, amount_cents
				FROM boletos WHERE `+account+` AND `+where+` ORDER BY due_date, id LIMIT ?`,
				concatArgs(accountArgs, args, []any{limit})...)
			if err != nil {
				return nil, err
			}
			var out []DashboardBoleto
			err = scanEach(rows, func() error {
				var (
					b      DashboardBoleto
					due    sql.NullString
					amount int64
				)
				if err := rows.Scan(&b.ID, &b.SeuNumero, &b.NossoNumero, &b.PayerName, &b.PayerDocument, &due, &amount); err != nil {
					return err
				}
				if b.DueDate, err = parseNullDate(due); err != nil {
					return err
				}
				b.Amount = boleto.Cents(amount)
				if !b.DueDate.IsZero() {
					b.DaysLate = d.Today.Sub(b.DueDate)
				}
				out = append(out, b)
				return nil
			})
			return out, err
		}
		if d.NextDue, err = list("state = 'issued' AND due_date >= ?", d.Today.String()); err != nil {
			return err
		}
		d.OverdueList, err = list("state = 'overdue'")
		return err
	})
	if err != nil {
		return Dashboard{}, err
	}
	return d, nil
}

// DateField is the date a report's period applies to.
type DateField string

// Dates a report's period may apply to.
const (
	DateDue   DateField = "due"   // vencimento
	DateIssue DateField = "issue" // emissão
	DatePaid  DateField = "paid"  // pagamento
)

var dateColumns = map[DateField]string{DateDue: "due_date", DateIssue: "issue_date", DatePaid: "paid_date"}

// ReportFilter selects the boletos of a report. Zero fields do not filter.
type ReportFilter struct {
	AccountID int64
	// DateField is the date From and To apply to; "" means the report's
	// natural date: payment for Receipts, due date for the others.
	DateField DateField
	From, To  boleto.Date // inclusive
	// States narrows the states each report covers (Receipts: paid; Aging:
	// issued and overdue; ByPayer and SituationTotals: every state the bank
	// knows of); states outside them give no rows.
	States []State
	// PayerDocument keeps one payer's boletos (CPF/CNPJ, mask ignored).
	PayerDocument string
	// DocumentKinds keeps the boletos made from documents of these kinds;
	// DocNone also keeps the boletos typed by hand (see BoletoFilter).
	DocumentKinds []DocumentKind
}

// where builds the WHERE clause for a report whose natural date is def and
// whose states are base (nil: every state).
func (f ReportFilter) where(def DateField, base []State) (string, []any, error) {
	field := f.DateField
	if field == "" {
		field = def
	}
	col, ok := dateColumns[field]
	if !ok {
		return "", nil, apperr.Invalid("Tipo de data desconhecido: %q. Use vencimento, emissão ou pagamento.", string(f.DateField))
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return "", nil, errPeriod()
	}
	states := base
	if len(f.States) > 0 {
		states = nil
		for _, st := range f.States {
			if !st.Valid() {
				return "", nil, apperr.Invalid("Situação de boleto desconhecida: %q.", string(st))
			}
			if (base == nil || slices.Contains(base, st)) && !slices.Contains(states, st) {
				states = append(states, st)
			}
		}
		if len(states) == 0 {
			return "0", nil, nil // nothing can match
		}
	}
	bf := BoletoFilter{AccountID: f.AccountID, States: states, DocumentKinds: f.DocumentKinds}
	where, args := bf.where()
	conds := []string{where}
	period, pargs := dateRange(col, f.From, f.To)
	conds = append(conds, period)
	args = append(args, pargs...)
	if doc := brazil.NormalizeDocument(f.PayerDocument); doc != "" {
		conds = append(conds, "payer_document = ?")
		args = append(args, doc)
	}
	return strings.Join(conds, " AND "), args, nil
}

// ReceiptRow is one paid boleto.
type ReceiptRow struct {
	ID            int64
	SeuNumero     string
	NossoNumero   string
	PayerName     string
	PayerDocument string
	DueDate       boleto.Date
	PaidDate      boleto.Date
	Channel       PaidChannel // "" when the bank gave none (marked as received)
	Nominal       boleto.Cents
	Paid          boleto.Cents
	// Difference is Paid − Nominal: negative for a discount (or rebate),
	// positive for fine and interest.
	Difference boleto.Cents
}

// ReceiptTotals sum the rows of a Receipts report.
type ReceiptTotals struct {
	Count      int
	Nominal    boleto.Cents
	Paid       boleto.Cents
	Difference boleto.Cents // Surcharges − Discounts
	Discounts  boleto.Cents // Σ (Nominal − Paid) over the rows paid below nominal, ≥ 0
	Surcharges boleto.Cents // Σ (Paid − Nominal) over the rows paid above nominal, ≥ 0
}

// add counts one received boleto.
func (t *ReceiptTotals) add(row ReceiptRow) {
	t.Count++
	t.Nominal += row.Nominal
	t.Paid += row.Paid
	t.Difference += row.Difference
	if row.Difference < 0 {
		t.Discounts -= row.Difference
	} else {
		t.Surcharges += row.Difference
	}
}

// ChannelTotal sums the receipts of one channel.
type ChannelTotal struct {
	Channel PaidChannel
	Count   int
	Nominal boleto.Cents
	Paid    boleto.Cents
}

// Receipts is the report of the boletos received.
type Receipts struct {
	Rows      []ReceiptRow // by payment date, then seuNumero
	Totals    ReceiptTotals
	ByChannel []ChannelTotal // BOLETO, PIX, then "" when present
}

// Receipts lists the paid boletos matching f (by payment date unless
// f.DateField says otherwise) with their totals.
func (s *Store) Receipts(ctx context.Context, f ReportFilter) (Receipts, error) {
	where, args, err := f.where(DatePaid, []State{StatePaid})
	if err != nil {
		return Receipts{}, err
	}
	var r Receipts
	// The totals are those of the rows: they always match the list.
	channels := []PaidChannel{PaidByBoleto, PaidByPix, ""}
	byChannel := make([]ChannelTotal, len(channels))
	for i, c := range channels {
		byChannel[i].Channel = c
	}
	err = s.read(ctx, "receipts report", func(db querier) error {
		// The rows, sorted here: SQLite's sorter would spill wide rows to
		// a temporary file.
		rows, err := db.QueryContext(ctx, `SELECT id, seu_numero, nosso_numero, payer_name, payer_document, due_date, paid_date,
				coalesce(paid_channel, ''), amount_cents, paid_amount_cents
			FROM boletos WHERE `+where, args...)
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			var (
				row             ReceiptRow
				due, paidOn     sql.NullString
				ch              string
				nominal, amount int64
			)
			if err := rows.Scan(&row.ID, &row.SeuNumero, &row.NossoNumero, &row.PayerName, &row.PayerDocument, &due, &paidOn, &ch, &nominal, &amount); err != nil {
				return err
			}
			if row.DueDate, err = parseNullDate(due); err != nil {
				return err
			}
			if row.PaidDate, err = parseNullDate(paidOn); err != nil {
				return err
			}
			row.Channel, row.Nominal, row.Paid = PaidChannel(ch), boleto.Cents(nominal), boleto.Cents(amount)
			row.Difference = row.Paid - row.Nominal
			r.Rows = append(r.Rows, row)
			r.Totals.add(row)
			if i := slices.Index(channels, row.Channel); i >= 0 {
				byChannel[i].Count++
				byChannel[i].Nominal += row.Nominal
				byChannel[i].Paid += row.Paid
			}
			return nil
		})
	})
	if err != nil {
		return Receipts{}, err
	}
	slices.SortFunc(r.Rows, func(x, y ReceiptRow) int {
		return cmp.Or(compareDates(x.PaidDate, y.PaidDate), cmp.Compare(x.SeuNumero, y.SeuNumero), cmp.Compare(x.ID, y.ID))
	})
	for _, c := range byChannel {
		if c.Count > 0 {
			r.ByChannel = append(r.ByChannel, c)
		}
	}
	return r, nil
}

// AgingBucket is a range of days late of an open boleto.
type AgingBucket int

// Aging buckets, in order.
const (
	AgingCurrent AgingBucket = iota // not yet due (a vencer)
	Aging1To15                      // 1 to 15 days late
	Aging16To30                     // 16 to 30 days late
	Aging31To60                     // 31 to 60 days late
	AgingOver60                     // more than 60 days late
)

// AgingBuckets lists the buckets in order.
func AgingBuckets() []AgingBucket {
	return []AgingBucket{AgingCurrent, Aging1To15, Aging16To30, Aging31To60, AgingOver60}
}

var agingLabels = [...]string{"A vencer", "1 a 15 dias", "16 a 30 dias", "31 a 60 dias", "Mais de 60 dias"}

// Label is the bucket's name as the reports show it.
func (b AgingBucket) Label() string {
	if b < 0 || int(b) >= len(agingLabels) {
		return "?"
	}
	return agingLabels[b]
}

// BucketOf returns the bucket of a boleto daysLate days past its due date
// (zero or negative: not yet late).
func BucketOf(daysLate int) AgingBucket {
	switch {
	case daysLate <= 0:
		return AgingCurrent
	case daysLate <= 15:
		return Aging1To15
	case daysLate <= 30:
		return Aging16To30
	case daysLate <= 60:
		return Aging31To60
	}
	return AgingOver60
}

// AgingRow is one open boleto.
type AgingRow struct {
	ID            int64
	SeuNumero     string
	NossoNumero   string
	PayerName     string
	PayerDocument string
	State         State
	DueDate       boleto.Date
	DaysLate      int // today − due date; zero or negative when not yet due
	Bucket        AgingBucket
	Amount        boleto.Cents
}

// BucketTotal sums one bucket.
type BucketTotal struct {
	Bucket AgingBucket
	Total
}

// Aging is the report of the open boletos by days late.
type Aging struct {
	Today   boleto.Date
	Rows    []AgingRow    // most overdue first
	Buckets []BucketTotal // every bucket, in order, zeros included
	Total   Total
}

// agingStates are the open boletos: issued and overdue.
var agingStates = []State{StateIssued, StateOverdue}

// Aging lists the open boletos (issued and overdue) matching f by days
// late at today (zero: today in São Paulo), with the totals per bucket.
func (s *Store) Aging(ctx context.Context, f ReportFilter, today boleto.Date) (Aging, error) {
	where, args, err := f.where(DateDue, agingStates)
	if err != nil {
		return Aging{}, err
	}
	if today.IsZero() {
		today = boleto.Today(s.now())
	}
	a := Aging{Today: today, Buckets: make([]BucketTotal, len(AgingBuckets()))}
	for i, b := range AgingBuckets() {
		a.Buckets[i].Bucket = b
	}
	err = s.read(ctx, "aging report", func(db querier) error {
		// The rows, sorted here: SQLite's sorter would spill wide rows to
		// a temporary file.
		rows, err := db.QueryContext(ctx, `SELECT id, seu_numero, nosso_numero, payer_name, payer_document, state, due_date, amount_cents
			FROM boletos WHERE `+where, args...)
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			var (
				r      AgingRow
				state  string
				due    sql.NullString
				amount int64
			)
			if err := rows.Scan(&r.ID, &r.SeuNumero, &r.NossoNumero, &r.PayerName, &r.PayerDocument, &state, &due, &amount); err != nil {
				return err
			}
			if r.DueDate, err = parseNullDate(due); err != nil {
				return err
			}
			if !r.DueDate.IsZero() {
				r.DaysLate = today.Sub(r.DueDate)
			}
			r.Bucket = BucketOf(r.DaysLate)
			r.State, r.Amount = State(state), boleto.Cents(amount)
			a.Rows = append(a.Rows, r)
			// The totals are those of the rows: they always match the list.
			if r.Bucket >= 0 && int(r.Bucket) < len(a.Buckets) {
				a.Buckets[r.Bucket].Total.add(r.Amount)
			}
			a.Total.add(r.Amount)
			return nil
		})
	})
	slices.SortFunc(a.Rows, func(x, y AgingRow) int {
		return cmp.Or(compareDates(x.DueDate, y.DueDate), cmp.Compare(x.SeuNumero, y.SeuNumero), cmp.Compare(x.ID, y.ID))
	})
	if err != nil {
		return Aging{}, err
	}
	return a, nil
}

// PayerRow sums the boletos of one payer (by CPF/CNPJ).
type PayerRow struct {
	Document string // as stored (no mask)
	Name     string // from the payer's most recent boleto
	Count    int
	Nominal  boleto.Cents // all boletos
	Paid     boleto.Cents // amounts received
	Open     boleto.Cents // nominal of the issued and overdue boletos
	Overdue  boleto.Cents // nominal of the overdue boletos
}

// PayerTotals sum the rows of a ByPayer report.
type PayerTotals struct {
	Payers  int
	Count   int
	Nominal boleto.Cents
	Paid    boleto.Cents
	Open    boleto.Cents
	Overdue boleto.Cents
}

// ByPayer is the report of boletos per payer.
type ByPayer struct {
	Rows   []PayerRow // by name, then document
	Totals PayerTotals
}

// bankStates are the states of boletos the bank has (or had) registered:
// everything but drafts, the queue, sends of unknown outcome and failures.
var bankStates = []State{
	StateProcessing, StateIssued, StateOverdue, StatePaid, StateCancelRequested,
	StateCancelled, StateExpired, StateProtested,
}

// openCents and overdueCents are a row's nominal amount when it is open
// (issued or overdue) and when it is overdue, else zero.
const (
	openCents    = "CASE WHEN state IN ('issued', 'overdue') THEN amount_cents ELSE 0 END"
	overdueCents = "CASE WHEN state = 'overdue' THEN amount_cents ELSE 0 END"
)

// ByPayer sums the boletos matching f (by due date unless f.DateField
// says otherwise; drafts and failed boletos are left out) per payer.
func (s *Store) ByPayer(ctx context.Context, f ReportFilter) (ByPayer, error) {
	where, args, err := f.where(DateDue, bankStates)
	if err != nil {
		return ByPayer{}, err
	}
	var p ByPayer
	err = s.read(ctx, "payers report", func(db querier) error {
		// One pass: the totals are window sums over the groups. max(id)
		// makes SQLite take payer_name from the payer's newest boleto.
		rows, err := db.QueryContext(ctx, `SELECT payer_document, payer_name, count(*), sum(amount_cents), sum(paid_amount_cents),
				sum(`+openCents+`), sum(`+overdueCents+`), max(id),
				count(*) OVER all_rows, sum(count(*)) OVER all_rows, sum(sum(amount_cents)) OVER all_rows,
				sum(sum(paid_amount_cents)) OVER all_rows, sum(sum(`+openCents+`)) OVER all_rows, sum(sum(`+overdueCents+`)) OVER all_rows
			FROM boletos WHERE `+where+` GROUP BY payer_document
			WINDOW all_rows AS ()
			ORDER BY payer_name COLLATE NOCASE, payer_document`, args...)
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			var (
				r                                PayerRow
				maxID                            int64
				nominal, paid, open, overdue     int64
				tNominal, tPaid, tOpen, tOverdue int64
			)
			t := &p.Totals
			if err := rows.Scan(&r.Document, &r.Name, &r.Count, &nominal, &paid, &open, &overdue, &maxID,
				&t.Payers, &t.Count, &tNominal, &tPaid, &tOpen, &tOverdue); err != nil {
				return err
			}
			r.Nominal, r.Paid, r.Open, r.Overdue = boleto.Cents(nominal), boleto.Cents(paid), boleto.Cents(open), boleto.Cents(overdue)
			t.Nominal, t.Paid, t.Open, t.Overdue = boleto.Cents(tNominal), boleto.Cents(tPaid), boleto.Cents(tOpen), boleto.Cents(tOverdue)
			p.Rows = append(p.Rows, r)
			return nil
		})
	})
	if err != nil {
		return ByPayer{}, err
	}
	return p, nil
}

// SituationTotal counts the boletos in one local state with one situation
// last reported by the bank (BankSituation, raw: "RECEBIDO",
// "MARCADO_RECEBIDO"…; "" when the bank never said).
type SituationTotal struct {
	State         State
	BankSituation string
	Count         int
	Cents         boleto.Cents // nominal amounts, as the bank's sumário sums them
}

// SituationTotals counts the boletos matching f (by due date unless
// f.DateField says otherwise, like the bank's sumário) per local state and
// last bank situation, ordered by both: what "Conferir com o banco"
// compares with the bank's sumário.
func (s *Store) SituationTotals(ctx context.Context, f ReportFilter) ([]SituationTotal, error) {
	where, args, err := f.where(DateDue, nil)
	if err != nil {
		return nil, err
	}
	var out []SituationTotal
	err = s.read(ctx, "situation totals", func(db querier) error {
		rows, err := db.QueryContext(ctx, `SELECT state, bank_situation, count(*), sum(amount_cents)
			FROM boletos WHERE `+where+` GROUP BY state, bank_situation ORDER BY state, bank_situation`, args...)
		if err != nil {
			return err
		}
		return scanEach(rows, func() error {
			var (
				t     SituationTotal
				state string
				cents int64
			)
			if err := rows.Scan(&state, &t.BankSituation, &t.Count, &cents); err != nil {
				return err
			}
			t.State, t.Cents = State(state), boleto.Cents(cents)
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// dateRange returns the condition col ∈ [from, to] ("1" when both are
// zero) and its arguments.
func dateRange(col string, from, to boleto.Date) (string, []any) {
	var (
		conds []string
		args  []any
	)
	if !from.IsZero() {
		conds = append(conds, col+" >= ?")
		args = append(args, from.String())
	}
	if !to.IsZero() {
		conds = append(conds, col+" <= ?")
		args = append(args, to.String())
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

func errPeriod() error {
	return apperr.Invalid("A data inicial do período é posterior à data final. Confira as datas.")
}

// concatArgs joins argument lists into a new slice.
func concatArgs(lists ...[]any) []any { return slices.Concat(lists...) }

// compareDates orders civil dates, the zero date first.
func compareDates(a, b boleto.Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// parseStoredDate reads a non-null civil date computed by SQL.
func parseStoredDate(s string) (boleto.Date, error) {
	return parseNullDate(sql.NullString{String: s, Valid: true})
}
