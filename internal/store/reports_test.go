package store

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// reportWorld is a database seeded only through CreateDraft and
// Transition, with every boleto as stored and the kind of each document.
type reportWorld struct {
	s     *Store
	a, b  Account
	today boleto.Date
	all   []Boleto
	kinds map[int64]DocumentKind // by document id
}

var reportPayers = []boleto.Payer{
	{Document: "52998224725", Name: "José da Conceição"},
	{Document: "11144477735", Name: "Ana Araújo"},
	{Document: "11222333000181", Name: "Padaria São Jorge LTDA"},
	{Document: "45723174000110", Name: "Construtora Ômega"},
	{Document: "39053344705", Name: "joão gonçalves"},
	{Document: "04252011000110", Name: "Brandão & Filhos"},
}

// bankSituationOf is what the bank last said about a boleto in each state.
var bankSituationOf = map[State]string{
	StateProcessing: "EM_PROCESSAMENTO", StateIssued: "A_RECEBER", StateOverdue: "ATRASADO",
	StatePaid: "RECEBIDO", StateCancelRequested: "A_RECEBER", StateCancelled: "CANCELADO",
	StateExpired: "EXPIRADO", StateProtested: "PROTESTO",
}

// reportSeed is one boleto to seed.
type reportSeed struct {
	account  int64
	document int64
	payer    boleto.Payer
	state    State
	amount   boleto.Cents
	due      boleto.Date
	issue    boleto.Date
	paid     boleto.Cents
	paidOn   boleto.Date
	channel  PaidChannel
	bankSit  string
}

// seedReport stores one boleto as the services would: a draft, then one
// transition to its state carrying what the bank reported.
func seedReport(t testing.TB, s *Store, sp reportSeed) Boleto {
	t.Helper()
	ctx := context.Background()
	b, err := s.CreateDraft(ctx, DraftInput{
		AccountID: sp.account, DocumentID: sp.document,
		Draft: boleto.Draft{Amount: sp.amount, DueDate: sp.due, Payer: sp.payer, Charges: boleto.Charges{AgendaDays: 30}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sp.state == StateDraft {
		return b
	}
	b, err = s.Transition(ctx, b.ID, []State{StateDraft}, sp.state, Event{Kind: EventStatus, Message: "Semeado pelo teste."}, func(x *Boleto) error {
		x.IssueDate = sp.issue
		if !sp.issue.IsZero() {
			x.NossoNumero = fmt.Sprintf("%011d", 10_000_000_000+x.ID)
		}
		x.BankSituation = sp.bankSit
		x.PaidAmount, x.PaidDate, x.PaidChannel = sp.paid, sp.paidOn, sp.channel
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newReportWorld seeds n boletos over two accounts, every state, six
// payers (one of whom changes name half-way), three kinds of document and
// boletos typed by hand; payments on time, late (fine and interest), with
// discount, by boleto, by Pix and marked as received at the bank.
func newReportWorld(t testing.TB, n int) *reportWorld {
	t.Helper()
	s, clock := newStore(t)
	ctx := context.Background()
	w := &reportWorld{s: s, a: mustAccount(t, s, "Loja"), b: mustAccount(t, s, "Filial"), today: boleto.Today(clock.Now()), kinds: map[int64]DocumentKind{}}
	docs := []int64{0}
	for i, k := range []DocumentKind{DocNFe, DocCTe, DocSalesOrder} {
		d, err := s.CreateDocument(ctx, Document{Kind: k, Number: fmt.Sprint(100 + i)})
		if err != nil {
			t.Fatal(err)
		}
		w.kinds[d.ID] = k
		docs = append(docs, d.ID)
	}
	r := rand.New(rand.NewPCG(9, 26))
	states := States()
	for i := range n {
		st := states[r.IntN(len(states))]
		sp := reportSeed{
			account:  []int64{w.a.ID, w.a.ID, w.a.ID, w.b.ID}[r.IntN(4)],
			document: docs[r.IntN(len(docs))],
			payer:    reportPayers[r.IntN(len(reportPayers))],
			state:    st,
			amount:   boleto.Cents(250 + r.IntN(500_000)),
			due:      w.today.AddDays(r.IntN(181) - 120),
			bankSit:  bankSituationOf[st],
		}
		if sp.payer.Document == reportPayers[0].Document && i > n/2 {
			sp.payer.Name = "José da Conceição Neto" // the newest name wins in ByPayer
		}
		switch st {
		case StateDraft, StateQueued, StateSending:
		default:
			sp.issue = sp.due.AddDays(-5 - r.IntN(30))
		}
		if st == StateFailed && r.IntN(2) == 0 {
			sp.bankSit = "FALHA_EMISSAO"
		}
		if st == StatePaid {
			sp.paidOn = sp.due.AddDays(r.IntN(21) - 10)
			switch r.IntN(3) {
			case 0:
				sp.paid = sp.amount
			case 1: // discount
				sp.paid = sp.amount - boleto.Cents(1+r.IntN(int(sp.amount)/10))
			case 2: // fine and interest
				sp.paid = sp.amount + boleto.Cents(1+r.IntN(5000))
			}
			switch r.IntN(5) {
			case 0, 1:
				sp.channel = PaidByBoleto
			case 2, 3:
				sp.channel = PaidByPix
			default:
				sp.bankSit = "MARCADO_RECEBIDO"
			}
		}
		w.all = append(w.all, seedReport(t, s, sp))
	}
	return w
}

// match is the Go statement of what a ReportFilter keeps for a report
// whose natural date is def and whose states are base (nil: all).
func (w *reportWorld) match(f ReportFilter, def DateField, base []State, b Boleto) bool {
	if f.AccountID != 0 && b.AccountID != f.AccountID {
		return false
	}
	inBase := base == nil || slices.Contains(base, b.State)
	if !inBase || len(f.States) > 0 && !slices.Contains(f.States, b.State) {
		return false
	}
	field := cmp.Or(f.DateField, def)
	d := map[DateField]boleto.Date{DateDue: b.DueDate, DateIssue: b.IssueDate, DatePaid: b.PaidDate}[field]
	if !f.From.IsZero() || !f.To.IsZero() {
		if d.IsZero() || !f.From.IsZero() && d.Before(f.From) || !f.To.IsZero() && d.After(f.To) {
			return false
		}
	}
	if f.PayerDocument != "" && brazil.NormalizeDocument(f.PayerDocument) != b.Payer.Document {
		return false
	}
	if len(f.DocumentKinds) > 0 {
		if b.DocumentID == 0 {
			return slices.Contains(f.DocumentKinds, DocNone)
		}
		return slices.Contains(f.DocumentKinds, w.kinds[b.DocumentID])
	}
	return true
}

func (w *reportWorld) filter(f ReportFilter, def DateField, base []State) []Boleto {
	var out []Boleto
	for _, b := range w.all {
		if w.match(f, def, base, b) {
			out = append(out, b)
		}
	}
	return out
}

// wantBucket restates the aging buckets for the tests.
func wantBucket(daysLate int) AgingBucket {
	for _, c := range []struct {
		upTo int
		b    AgingBucket
	}{{0, AgingCurrent}, {15, Aging1To15}, {30, Aging16To30}, {60, Aging31To60}} {
		if daysLate <= c.upTo {
			return c.b
		}
	}
	return AgingOver60
}

func reportFilters(w *reportWorld) map[string]ReportFilter {
	march := boleto.Date{Year: 2026, Month: time.March, Day: 1}
	return map[string]ReportFilter{
		"everything":            {},
		"account":               {AccountID: w.a.ID},
		"due period":            {AccountID: w.a.ID, DateField: DateDue, From: march, To: march.AddDays(30)},
		"issue period":          {DateField: DateIssue, From: w.today.AddDays(-60), To: w.today},
		"paid period":           {DateField: DatePaid, From: w.today.AddDays(-45), To: w.today.AddDays(-10)},
		"open-ended period":     {DateField: DateDue, From: w.today},
		"states":                {States: []State{StateOverdue, StatePaid, StateCancelled}},
		"payer masked":          {PayerDocument: "529.982.247-25"},
		"payer cnpj in account": {AccountID: w.b.ID, PayerDocument: "11.222.333/0001-81"},
		"nfe and avulso":        {DocumentKinds: []DocumentKind{DocNFe, DocNone}},
		"cte":                   {AccountID: w.a.ID, DocumentKinds: []DocumentKind{DocCTe}},
		"only drafts":           {States: []State{StateDraft}},
	}
}

// Every report gives exactly the rows its filter means, in its order, and
// every total equals the sum of the rows it summarises.
func TestReportsRowsAndTotals(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t, 400)
	ctx := context.Background()
	for name, f := range reportFilters(w) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			receipts := checkReceipts(t, w, f)
			aging := checkAging(t, w, f)
			payers := checkByPayer(t, w, f)
			if name == "only drafts" {
				if receipts+aging+payers != 0 {
					t.Errorf("drafts are in no report, got %d, %d, %d rows", receipts, aging, payers)
				}
			} else if receipts == 0 && aging == 0 || payers == 0 {
				t.Errorf("a useless case: %d receipts, %d open, %d payer rows", receipts, aging, payers)
			}
			if _, err := w.s.SituationTotals(ctx, f); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func checkReceipts(t *testing.T, w *reportWorld, f ReportFilter) int {
	t.Helper()
	got, err := w.s.Receipts(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	src := w.filter(f, DatePaid, []State{StatePaid})
	slices.SortFunc(src, func(x, y Boleto) int {
		return cmp.Or(cmp.Compare(x.PaidDate.String(), y.PaidDate.String()), cmp.Compare(x.SeuNumero, y.SeuNumero), cmp.Compare(x.ID, y.ID))
	})
	var want []ReceiptRow
	for _, b := range src {
		want = append(want, ReceiptRow{ID: b.ID, SeuNumero: b.SeuNumero, NossoNumero: b.NossoNumero, PayerName: b.Payer.Name,
			PayerDocument: b.Payer.Document, DueDate: b.DueDate, PaidDate: b.PaidDate, Channel: b.PaidChannel,
			Nominal: b.Amount, Paid: b.PaidAmount, Difference: b.PaidAmount - b.Amount})
	}
	if !reflect.DeepEqual(got.Rows, want) {
		t.Errorf("receipts: %d rows, want %d\n got %+v\nwant %+v", len(got.Rows), len(want), got.Rows, want)
	}
	var sum ReceiptTotals
	byChannel := map[PaidChannel]ChannelTotal{}
	for _, r := range got.Rows {
		sum.Count++
		sum.Nominal += r.Nominal
		sum.Paid += r.Paid
		sum.Difference += r.Difference
		if r.Difference < 0 {
			sum.Discounts -= r.Difference
		} else {
			sum.Surcharges += r.Difference
		}
		c := byChannel[r.Channel]
		c.Channel = r.Channel
		c.Count++
		c.Nominal += r.Nominal
		c.Paid += r.Paid
		byChannel[r.Channel] = c
	}
	if got.Totals != sum {
		t.Errorf("receipts totals %+v, sum of rows %+v", got.Totals, sum)
	}
	if sum.Difference != sum.Surcharges-sum.Discounts {
		t.Errorf("difference %v != surcharges %v − discounts %v", sum.Difference, sum.Surcharges, sum.Discounts)
	}
	var wantChannels []ChannelTotal
	for _, ch := range []PaidChannel{PaidByBoleto, PaidByPix, ""} {
		if c, ok := byChannel[ch]; ok {
			wantChannels = append(wantChannels, c)
		}
	}
	if !reflect.DeepEqual(got.ByChannel, wantChannels) {
		t.Errorf("by channel %+v, want %+v", got.ByChannel, wantChannels)
	}
	return len(got.Rows)
}

func checkAging(t *testing.T, w *reportWorld, f ReportFilter) int {
	t.Helper()
	got, err := w.s.Aging(context.Background(), f, w.today)
	if err != nil {
		t.Fatal(err)
	}
	src := w.filter(f, DateDue, []State{StateIssued, StateOverdue})
	slices.SortFunc(src, func(x, y Boleto) int {
		return cmp.Or(cmp.Compare(x.DueDate.String(), y.DueDate.String()), cmp.Compare(x.SeuNumero, y.SeuNumero), cmp.Compare(x.ID, y.ID))
	})
	var want []AgingRow
	for _, b := range src {
		late := w.today.Sub(b.DueDate)
		want = append(want, AgingRow{ID: b.ID, SeuNumero: b.SeuNumero, NossoNumero: b.NossoNumero, PayerName: b.Payer.Name,
			PayerDocument: b.Payer.Document, State: b.State, DueDate: b.DueDate, DaysLate: late, Bucket: wantBucket(late), Amount: b.Amount})
	}
	if !reflect.DeepEqual(got.Rows, want) {
		t.Errorf("aging: %d rows, want %d", len(got.Rows), len(want))
	}
	buckets := make([]BucketTotal, 5)
	var total Total
	for i := range buckets {
		buckets[i].Bucket = AgingBucket(i)
	}
	for _, r := range got.Rows {
		buckets[r.Bucket].Count++
		buckets[r.Bucket].Cents += r.Amount
		total.Count++
		total.Cents += r.Amount
	}
	if !reflect.DeepEqual(got.Buckets, buckets) || got.Total != total || got.Today != w.today {
		t.Errorf("aging totals %+v %+v (today %v), sum of rows %+v %+v", got.Buckets, got.Total, got.Today, buckets, total)
	}
	return len(got.Rows)
}

func checkByPayer(t *testing.T, w *reportWorld, f ReportFilter) int {
	t.Helper()
	got, err := w.s.ByPayer(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]*PayerRow{}
	newest := map[string]int64{}
	for _, b := range w.filter(f, DateDue, bankStates) {
		doc := b.Payer.Document
		r := groups[doc]
		if r == nil {
			r = &PayerRow{Document: doc}
			groups[doc] = r
		}
		if b.ID > newest[doc] {
			newest[doc], r.Name = b.ID, b.Payer.Name
		}
		r.Count++
		r.Nominal += b.Amount
		r.Paid += b.PaidAmount
		if b.State == StateIssued || b.State == StateOverdue {
			r.Open += b.Amount
		}
		if b.State == StateOverdue {
			r.Overdue += b.Amount
		}
	}
	var want []PayerRow
	for _, r := range groups {
		want = append(want, *r)
	}
	slices.SortFunc(want, func(x, y PayerRow) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)), cmp.Compare(x.Document, y.Document))
	})
	if !reflect.DeepEqual(got.Rows, want) {
		t.Errorf("by payer\n got %+v\nwant %+v", got.Rows, want)
	}
	var sum PayerTotals
	for _, r := range got.Rows {
		sum.Payers++
		sum.Count += r.Count
		sum.Nominal += r.Nominal
		sum.Paid += r.Paid
		sum.Open += r.Open
		sum.Overdue += r.Overdue
	}
	if got.Totals != sum {
		t.Errorf("by payer totals %+v, sum of rows %+v", got.Totals, sum)
	}
	return len(got.Rows)
}

// The newest name of a payer is the one the report shows.
func TestByPayerTakesTheNewestName(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t, 120)
	got, err := w.s.ByPayer(context.Background(), ReportFilter{PayerDocument: reportPayers[0].Document})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 1 || got.Rows[0].Name != "José da Conceição Neto" {
		t.Errorf("rows %+v, want one row named José da Conceição Neto", got.Rows)
	}
}

// Open boletos fall in their bucket at the exact boundaries.
func TestAgingBoundaries(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	a := mustAccount(t, s, "Loja")
	today := boleto.Today(clock.Now())
	cases := []struct {
		late  int
		state State
		want  AgingBucket
	}{
		{-5, StateIssued, AgingCurrent}, {0, StateIssued, AgingCurrent},
		{1, StateIssued, Aging1To15}, {15, StateOverdue, Aging1To15},
		{16, StateOverdue, Aging16To30}, {30, StateOverdue, Aging16To30},
		{31, StateOverdue, Aging31To60}, {60, StateOverdue, Aging31To60},
		{61, StateOverdue, AgingOver60}, {400, StateOverdue, AgingOver60},
	}
	ids := map[int64]int{}
	wantBuckets := make([]Total, 5)
	for i, c := range cases {
		b := seedReport(t, s, reportSeed{account: a.ID, payer: reportPayers[i%len(reportPayers)], state: c.state,
			amount: boleto.Cents(1000 * (i + 1)), due: today.AddDays(-c.late), issue: today.AddDays(-c.late - 10), bankSit: bankSituationOf[c.state]})
		ids[b.ID] = i
		wantBuckets[c.want].Count++
		wantBuckets[c.want].Cents += b.Amount
	}
	// Not open: in no bucket.
	seedReport(t, s, reportSeed{account: a.ID, payer: reportPayers[0], state: StatePaid, amount: 999, due: today.AddDays(-20),
		paid: 999, paidOn: today.AddDays(-21), channel: PaidByPix, bankSit: "RECEBIDO"})
	seedReport(t, s, reportSeed{account: a.ID, payer: reportPayers[0], state: StateDraft, amount: 999, due: today.AddDays(-20)})

	got, err := s.Aging(context.Background(), ReportFilter{AccountID: a.ID}, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != len(cases) {
		t.Fatalf("%d rows, want %d", len(got.Rows), len(cases))
	}
	for _, r := range got.Rows {
		c := cases[ids[r.ID]]
		if r.DaysLate != c.late || r.Bucket != c.want || BucketOf(c.late) != c.want {
			t.Errorf("%d days late: row says %d days, bucket %q, want %q", c.late, r.DaysLate, r.Bucket.Label(), c.want.Label())
		}
	}
	for i, bt := range got.Buckets {
		if bt.Bucket != AgingBucket(i) || bt.Total != wantBuckets[i] {
			t.Errorf("bucket %q: %+v, want %+v", AgingBucket(i).Label(), bt.Total, wantBuckets[i])
		}
	}
	// Zero today means the store's today.
	if def, err := s.Aging(context.Background(), ReportFilter{AccountID: a.ID}, boleto.Date{}); err != nil || def.Today != today || !reflect.DeepEqual(def.Buckets, got.Buckets) {
		t.Errorf("default today: %v %+v, %v", def.Today, def.Buckets, err)
	}
}

// The Painel's cards, series and lists say what the boletos say.
func TestDashboard(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t, 300)
	ctx := context.Background()
	type query struct {
		DashboardQuery
		minSeries int
	}
	queries := map[string]query{
		"account, 30 days by day":  {DashboardQuery{AccountID: w.a.ID, From: w.today.AddDays(-30), To: w.today}, 5},
		"all accounts, by week":    {DashboardQuery{From: w.today.AddDays(-90), To: w.today, Series: SeriesWeek}, 5},
		"account B, by month":      {DashboardQuery{AccountID: w.b.ID, From: w.today.AddDays(-130), To: w.today.AddDays(15), Series: SeriesMonth}, 3},
		"no period, short lists":   {DashboardQuery{ListLimit: 3, Series: SeriesDay}, 10},
		"period with no payments":  {DashboardQuery{From: w.today.AddDays(300), To: w.today.AddDays(330)}, 0},
		"explicit today in future": {DashboardQuery{AccountID: w.a.ID, Today: w.today.AddDays(20)}, 5},
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := w.s.Dashboard(ctx, q.DashboardQuery)
			if err != nil {
				t.Fatal(err)
			}
			today := cmp.Or(q.Today, w.today)
			inPeriod := func(d boleto.Date) bool {
				return !d.IsZero() && (q.From.IsZero() || !d.Before(q.From)) && (q.To.IsZero() || !d.After(q.To))
			}
			want := Dashboard{Today: today}
			type key struct {
				d  boleto.Date
				ch PaidChannel
			}
			series := map[key]*SeriesPoint{}
			var next, overdue []Boleto
			for _, b := range w.all {
				if q.AccountID != 0 && b.AccountID != q.AccountID {
					continue
				}
				switch b.State {
				case StateIssued:
					want.ToReceive.Count++
					want.ToReceive.Cents += b.Amount
					if !b.DueDate.Before(today) {
						next = append(next, b)
					}
				case StateOverdue:
					want.Overdue.Count++
					want.Overdue.Cents += b.Amount
					overdue = append(overdue, b)
				case StateDraft:
					want.Drafts++
				case StatePaid:
					if inPeriod(b.PaidDate) {
						want.Received.Count++
						want.Received.Cents += b.PaidAmount
						want.ReceivedNominal += b.Amount
						k := key{seriesStart(b.PaidDate, q.Series), b.PaidChannel}
						if series[k] == nil {
							series[k] = &SeriesPoint{Date: k.d, Channel: k.ch}
						}
						series[k].Count++
						series[k].Cents += b.PaidAmount
					}
				case StateCancelled, StateExpired:
					if inPeriod(b.DueDate) {
						want.CancelledExpired.Count++
						want.CancelledExpired.Cents += b.Amount
					}
				}
			}
			for _, p := range series {
				want.ReceivedSeries = append(want.ReceivedSeries, *p)
			}
			slices.SortFunc(want.ReceivedSeries, func(x, y SeriesPoint) int {
				return cmp.Or(cmp.Compare(x.Date.String(), y.Date.String()), cmp.Compare(x.Channel, y.Channel))
			})
			limit := cmp.Or(q.ListLimit, 10)
			want.NextDue = dashboardList(next, today, limit)
			want.OverdueList = dashboardList(overdue, today, limit)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("dashboard\n got %+v\nwant %+v", got, want)
			}
			if len(got.ReceivedSeries) < q.minSeries {
				t.Errorf("series of %d points, want at least %d: a useless case", len(got.ReceivedSeries), q.minSeries)
			}
			// The series adds up to the Received card.
			var sum Total
			for _, p := range got.ReceivedSeries {
				sum.Count += p.Count
				sum.Cents += p.Cents
			}
			if sum != got.Received {
				t.Errorf("series sums to %+v, received %+v", sum, got.Received)
			}
			for _, b := range got.OverdueList {
				if b.DaysLate != today.Sub(b.DueDate) {
					t.Errorf("overdue %s: %d days late, due %v, today %v", b.SeuNumero, b.DaysLate, b.DueDate, today)
				}
			}
		})
	}
}

// seriesStart restates the grouping of the received series.
func seriesStart(d boleto.Date, g SeriesGroup) boleto.Date {
	switch g {
	case SeriesWeek:
		back := (int(d.Weekday()) + 6) % 7 // days since Monday
		return d.AddDays(-back)
	case SeriesMonth:
		return boleto.Date{Year: d.Year, Month: d.Month, Day: 1}
	}
	return d
}

func dashboardList(bs []Boleto, today boleto.Date, limit int) []DashboardBoleto {
	slices.SortFunc(bs, func(x, y Boleto) int {
		return cmp.Or(cmp.Compare(x.DueDate.String(), y.DueDate.String()), cmp.Compare(x.ID, y.ID))
	})
	var out []DashboardBoleto
	for _, b := range bs[:min(limit, len(bs))] {
		out = append(out, DashboardBoleto{ID: b.ID, SeuNumero: b.SeuNumero, NossoNumero: b.NossoNumero, PayerName: b.Payer.Name,
			PayerDocument: b.Payer.Document, DueDate: b.DueDate, Amount: b.Amount, DaysLate: today.Sub(b.DueDate)})
	}
	return out
}

// Week and month series start on Monday and on the first of the month.
func TestDashboardSeriesGrouping(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Loja")
	pay := func(on boleto.Date, amount boleto.Cents, ch PaidChannel) {
		seedReport(t, s, reportSeed{account: a.ID, payer: reportPayers[0], state: StatePaid, amount: amount, due: on,
			issue: on.AddDays(-10), paid: amount, paidOn: on, channel: ch, bankSit: "RECEBIDO"})
	}
	d := func(m time.Month, day int) boleto.Date { return boleto.Date{Year: 2026, Month: m, Day: day} }
	pay(d(2, 28), 100, PaidByBoleto) // Saturday
	pay(d(3, 1), 200, PaidByBoleto)  // Sunday: same week as Saturday, another month
	pay(d(3, 2), 400, PaidByPix)     // Monday: a new week
	pay(d(3, 2), 800, PaidByPix)
	pay(d(3, 8), 1600, PaidByBoleto) // Sunday
	pay(d(3, 9), 3200, "")           // Monday, marked as received

	cases := map[SeriesGroup][]SeriesPoint{
		SeriesDay: {
			{d(2, 28), PaidByBoleto, 1, 100}, {d(3, 1), PaidByBoleto, 1, 200}, {d(3, 2), PaidByPix, 2, 1200},
			{d(3, 8), PaidByBoleto, 1, 1600}, {d(3, 9), "", 1, 3200},
		},
		SeriesWeek: {
			{d(2, 23), PaidByBoleto, 2, 300}, {d(3, 2), PaidByBoleto, 1, 1600}, {d(3, 2), PaidByPix, 2, 1200}, {d(3, 9), "", 1, 3200},
		},
		SeriesMonth: {
			{d(2, 1), PaidByBoleto, 1, 100}, {d(3, 1), "", 1, 3200}, {d(3, 1), PaidByBoleto, 2, 1800}, {d(3, 1), PaidByPix, 2, 1200},
		},
	}
	for g, want := range cases {
		got, err := s.Dashboard(context.Background(), DashboardQuery{AccountID: a.ID, From: d(2, 1), To: d(3, 31), Series: g})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.ReceivedSeries, want) {
			t.Errorf("%s: %+v\nwant %+v", g, got.ReceivedSeries, want)
		}
		if got.Received != (Total{Count: 6, Cents: 6300}) {
			t.Errorf("%s: received %+v", g, got.Received)
		}
	}
}

// SituationTotals groups by state and bank situation over the period.
func TestSituationTotals(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t, 200)
	f := ReportFilter{AccountID: w.a.ID, From: w.today.AddDays(-60), To: w.today.AddDays(30)}
	got, err := w.s.SituationTotals(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		st  State
		sit string
	}
	sums := map[key]*SituationTotal{}
	for _, b := range w.filter(f, DateDue, nil) {
		k := key{b.State, b.BankSituation}
		if sums[k] == nil {
			sums[k] = &SituationTotal{State: b.State, BankSituation: b.BankSituation}
		}
		sums[k].Count++
		sums[k].Cents += b.Amount
	}
	var want []SituationTotal
	for _, v := range sums {
		want = append(want, *v)
	}
	slices.SortFunc(want, func(x, y SituationTotal) int {
		return cmp.Or(cmp.Compare(x.State, y.State), cmp.Compare(x.BankSituation, y.BankSituation))
	})
	if len(want) < 8 || !reflect.DeepEqual(got, want) {
		t.Errorf("situations\n got %+v\nwant %+v", got, want)
	}
}

func TestReportFilterErrors(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	d := boleto.Date{Year: 2026, Month: 3, Day: 10}
	_, err := s.Receipts(ctx, ReportFilter{DateField: "criacao"})
	wantCode(t, err, apperr.CodeInvalid, "Tipo de data desconhecido")
	_, err = s.Aging(ctx, ReportFilter{From: d, To: d.AddDays(-1)}, d)
	wantCode(t, err, apperr.CodeInvalid, "data inicial")
	_, err = s.ByPayer(ctx, ReportFilter{States: []State{"pago"}})
	wantCode(t, err, apperr.CodeInvalid, "Situação de boleto desconhecida")
	_, err = s.Dashboard(ctx, DashboardQuery{Series: "ano"})
	wantCode(t, err, apperr.CodeInvalid, "Agrupamento desconhecido")
	_, err = s.Dashboard(ctx, DashboardQuery{From: d, To: d.AddDays(-1)})
	wantCode(t, err, apperr.CodeInvalid, "data inicial")
}
