package store

import (
	"context"
	"testing"
	"time"
)

// BenchmarkListBoletos seeds 100,000 boletos once (one transaction) and
// measures the first page of the main screen and a text search, both with
// their totals. Targets: first page < 50 ms, search < 150 ms.
//
//	go test -run '^$' -bench ListBoletos ./internal/store/
func BenchmarkListBoletos(b *testing.B) {
	s, clock := newStore(b)
	a := mustAccount(b, s, "A")
	other := mustAccount(b, s, "B")
	start := time.Now()
	// 90% in the account listed, the rest in another one.
	accounts := []int64{a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, other.ID}
	bulkInsert(b, s, genBoletos(100_000, accounts, stored(clock.Now())))
	b.Logf("seeded 100,000 boletos in %v", time.Since(start))
	ctx := context.Background()

	run := func(name, metric string, f BoletoFilter, minRows int) {
		b.Run(name, func(b *testing.B) {
			var page BoletoPage
			for b.Loop() {
				var err error
				if page, err = s.ListBoletos(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			if len(page.Boletos) < minRows || page.Total < len(page.Boletos) {
				b.Fatalf("%d rows of %d, want at least %d", len(page.Boletos), page.Total, minRows)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), metric)
		})
	}
	run("first-page", "first-page-ms", BoletoFilter{AccountID: a.ID, Limit: 50}, 50)
	run("first-page-states", "first-page-ms", BoletoFilter{AccountID: a.ID, States: []State{StateIssued, StateOverdue}, Limit: 50}, 50)
	run("first-page-due", "first-page-ms", BoletoFilter{AccountID: a.ID, Order: OrderDueDate, Limit: 50}, 50)
	run("search", "search-ms", BoletoFilter{AccountID: a.ID, Text: "conceição araújo", Limit: 50}, 1)
	run("search-document", "search-ms", BoletoFilter{Text: "100.002", Limit: 50}, 1)
}
