package store

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// matches is the Go statement of what a BoletoFilter means.
func matches(f BoletoFilter, b Boleto) bool {
	inRange := func(d, from, to boleto.Date) bool {
		if from.IsZero() && to.IsZero() {
			return true
		}
		return !d.IsZero() && (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
	}
	switch {
	case f.AccountID != 0 && b.AccountID != f.AccountID,
		len(f.States) > 0 && !slices.Contains(f.States, b.State),
		!inRange(b.DueDate, f.DueFrom, f.DueTo),
		!inRange(b.PaidDate, f.PaidFrom, f.PaidTo),
		f.PayerID != 0 && b.PayerID != f.PayerID,
		f.DocumentID != 0 && b.DocumentID != f.DocumentID:
		return false
	}
	fields := []string{fold(b.Payer.Name), fold(brazil.NormalizeDocument(b.Payer.Document)), fold(b.SeuNumero), fold(b.NossoNumero)}
	for _, term := range searchTerms(f.Text) {
		if !slices.ContainsFunc(fields, func(s string) bool { return strings.Contains(s, term) }) {
			return false
		}
	}
	return true
}

func TestListBoletosMatchesFilterAndTotals(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "A")
	b := mustAccount(t, s, "B")
	all := genBoletos(600, []int64{a.ID, b.ID}, stored(clock.Now()))
	bulkInsert(t, s, all)

	// One boleto with a payer and one with a document, to filter on.
	p, err := s.CreatePayer(ctx, Payer{Payer: boleto.Payer{Document: "52998224725", Name: "Única Pagadora"}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.CreateDocument(ctx, Document{Kind: DocNFe, Number: "1"})
	if err != nil {
		t.Fatal(err)
	}
	in := sampleDraft(a.ID)
	in.PayerID, in.DocumentID = p.ID, doc.ID
	in.Payer.Name = "Única Pagadora"
	all = append(all, mustDraft(t, s, in))

	d := func(m, day int) boleto.Date {
		return boleto.Date{Year: 2026, Month: 1, Day: 1}.AddDays((m-1)*30 + day - 1)
	}
	filters := map[string]BoletoFilter{
		"everything":           {},
		"account":              {AccountID: a.ID},
		"account and states":   {AccountID: b.ID, States: []State{StateIssued, StateOverdue}},
		"due range":            {DueFrom: d(3, 1), DueTo: d(4, 15)},
		"paid range":           {PaidFrom: d(2, 1), PaidTo: d(8, 1), Order: OrderPaidDate},
		"paid from only":       {PaidFrom: d(6, 1)},
		"text name accents":    {Text: "JOAO gonçalves"},
		"text document masked": {Text: "100.000."},
		"text seu numero":      {Text: "s00001"},
		"text nosso numero":    {Text: "9000000012"},
		"payer":                {PayerID: p.ID},
		"document":             {DocumentID: doc.ID, AccountID: a.ID},
		"by due date":          {AccountID: a.ID, States: []State{StateDraft, StateQueued}, Order: OrderDueDate},
		"nothing":              {Text: "ninguém-com-este-nome"},
	}
	for name, f := range filters {
		t.Run(name, func(t *testing.T) {
			var want []Boleto
			var amount, paid boleto.Cents
			for _, b := range all {
				if matches(f, b) {
					want = append(want, b)
					amount += b.Amount
					paid += b.PaidAmount
				}
			}
			slices.SortFunc(want, func(x, y Boleto) int {
				switch f.Order {
				case OrderDueDate:
					return cmp.Or(cmp.Compare(x.DueDate.String(), y.DueDate.String()), cmp.Compare(x.ID, y.ID))
				case OrderPaidDate:
					return cmp.Or(cmp.Compare(y.PaidDate.String(), x.PaidDate.String()), cmp.Compare(y.ID, x.ID))
				}
				return cmp.Compare(y.ID, x.ID)
			})
			if name != "nothing" && len(want) == 0 {
				t.Fatalf("filter %+v matches nothing: a useless case", f)
			}

			// Page through the result 37 rows at a time.
			var got []int64
			f.Limit = 37
			for f.Offset = 0; ; f.Offset += f.Limit {
				page, err := s.ListBoletos(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != len(want) || page.TotalAmount != amount || page.TotalPaid != paid {
					t.Fatalf("totals %d %s %s, want %d %s %s", page.Total, page.TotalAmount, page.TotalPaid, len(want), amount, paid)
				}
				if len(page.Boletos) > f.Limit {
					t.Fatalf("page of %d rows, limit %d", len(page.Boletos), f.Limit)
				}
				for _, b := range page.Boletos {
					got = append(got, b.ID)
				}
				if len(page.Boletos) < f.Limit {
					break
				}
			}
			wantIDs := make([]int64, len(want))
			for i, b := range want {
				wantIDs[i] = b.ID
			}
			if !slices.Equal(got, wantIDs) {
				t.Errorf("ids = %v\nwant %v", got, wantIDs)
			}
		})
	}

	page, err := s.ListBoletos(ctx, BoletoFilter{AccountID: a.ID, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Boletos) != 5 || page.Boletos[0].ID != all[len(all)-1].ID || !reflect.DeepEqual(page.Boletos[0], all[len(all)-1]) {
		t.Errorf("first page does not start with the newest boleto, fully read")
	}
	_, err = s.ListBoletos(ctx, BoletoFilter{Order: "valor"})
	wantCode(t, err, apperr.CodeInvalid, "Ordem de listagem desconhecida")
}
