package store

import (
	"context"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// BenchmarkReports seeds 100,000 boletos once (as BenchmarkListBoletos
// does: a year of due dates, every state, 90% in the account shown) and
// measures the Painel of one account for a month and for a year, and the
// aging report of every open boleto of the account (about 15,000 rows,
// read whole). Target: each < 100 ms.
//
//	go test -run '^$' -bench Reports ./internal/store/
func BenchmarkReports(b *testing.B) {
	s, clock := newStore(b)
	a := mustAccount(b, s, "A")
	other := mustAccount(b, s, "B")
	start := time.Now()
	accounts := []int64{a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, a.ID, other.ID}
	bulkInsert(b, s, genBoletos(100_000, accounts, stored(clock.Now())))
	b.Logf("seeded 100,000 boletos in %v", time.Since(start))
	ctx := context.Background()
	today := boleto.Today(clock.Now())

	suite := func(prefix string) {
		dashboard := func(name string, q DashboardQuery) {
			b.Run(name, func(b *testing.B) {
				var d Dashboard
				for b.Loop() {
					var err error
					if d, err = s.Dashboard(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
				if d.Received.Count == 0 || d.ToReceive.Count == 0 || len(d.NextDue) != 10 || len(d.OverdueList) != 10 {
					b.Fatalf("dashboard without data: %+v", d)
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "dashboard-ms")
			})
		}
		dashboard(prefix+"dashboard-month", DashboardQuery{AccountID: a.ID, From: today.AddDays(-30), To: today})
		dashboard(prefix+"dashboard-year-weekly", DashboardQuery{AccountID: a.ID, From: today.AddDays(-365), To: today, Series: SeriesWeek})

		b.Run(prefix+"aging", func(b *testing.B) {
			var ag Aging
			for b.Loop() {
				var err error
				if ag, err = s.Aging(ctx, ReportFilter{AccountID: a.ID}, today); err != nil {
					b.Fatal(err)
				}
			}
			if len(ag.Rows) < 10_000 {
				b.Fatalf("aging of %d rows, want the whole account's open boletos", len(ag.Rows))
			}
			b.ReportMetric(float64(len(ag.Rows)), "rows")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "aging-ms")
		})
	}
	suite("")
}
