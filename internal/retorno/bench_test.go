package retorno_test

import (
	"context"
	"testing"
	"time"

	"boletos/internal/intersim"
	"boletos/internal/retorno"
)

// BenchmarkRetornoCycle measures one cycle with 10,000 boletos open at the
// bank of which 150 changed since the last cycle (paid by boleto or Pix,
// or cancelled): list calls per cycle (target ≤ 5, against 10,000 for a GET
// per boleto) and the cycle's duration.
func BenchmarkRetornoCycle(b *testing.B) {
	const open, changed = 10000, 150
	e := newEnv(b, intersim.Faults{}, false)
	specs := make([]spec, open)
	for i := range specs {
		specs[i] = spec{dueIn: 3 + i%60, agenda: 30}
	}
	bs := e.seed(b, specs)
	p := e.poller(b, func(c *retorno.Config) { c.SweepEvery = 24 * time.Hour })
	ctx := context.Background()
	if _, err := p.RunOnce(ctx, e.acct.ID); err != nil { // the first cycle sweeps
		b.Fatal(err)
	}
	next := 0
	var calls int
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		if next+changed > len(bs) {
			b.Fatal("out of open boletos")
		}
		for i := range changed {
			bo := bs[next+i]
			switch i % 3 {
			case 0:
				pay(b, e, bo, "BOLETO")
			case 1:
				pay(b, e, bo, "PIX")
			default:
				cancelAtBank(b, e, bo)
			}
		}
		next += changed
		before := e.listCalls()
		b.StartTimer()
		start := time.Now()
		res, err := p.RunOnce(ctx, e.acct.ID)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Changes) != changed {
			b.Fatalf("%d changes, want %d", len(res.Changes), changed)
		}
		calls += e.listCalls() - before
	}
	b.ReportMetric(float64(calls)/float64(b.N), "calls/cycle")
	b.ReportMetric(float64(elapsed.Milliseconds())/float64(b.N), "cycle-ms")
}
