package issuing_test

import (
	"context"
	"testing"
	"time"

	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
)

// BenchmarkIssue1000 issues 1,000 boletos as one batch against the
// simulator's unlimited profile with 50 ms of latency on every call, with
// the service's default settings, from queue to issued (processing
// included). Target: at least 40 boletos/s.
func BenchmarkIssue1000(b *testing.B) {
	const n = 1000
	e := newEnv(b, envOptions{
		sim: intersim.Config{Faults: intersim.Faults{Latency: 50 * time.Millisecond}},
		svc: func(c *issuing.Config) {
			d := issuing.Config{}
			c.Backoff, c.MaxBackoff, c.Lease, c.RateLimitWait = d.Backoff, d.MaxBackoff, d.Lease, d.RateLimitWait
			c.AuthHold, c.PollInterval, c.ProcessingInterval, c.EditPollInterval = d.AuthHold, d.PollInterval, d.ProcessingInterval, d.EditPollInterval
		},
	})
	e.start(b)
	ctx := context.Background()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		ids := issuingtest.Drafts(b, e.st, e.acct.ID, n, e.due(10))
		b.StartTimer()
		start := time.Now()
		bt, err := e.svc.IssueBatch(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		p, err := bt.Wait(ctx)
		if err != nil || p.Done != n {
			b.Fatalf("batch %+v, %v", p, err)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "boletos/s")
	b.ReportMetric(total.Seconds()/float64(b.N), "s/batch")
}
