package retorno

import (
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/store"
)

func TestAdaptiveInterval(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, boleto.SaoPaulo)
	today := boleto.Today(now)
	p := &Poller{cfg: Config{FastInterval: time.Minute, NormalInterval: 10 * time.Minute, IdleInterval: time.Hour}, now: func() time.Time { return now }}
	issued := func(dueIn int) store.Boleto {
		return store.Boleto{State: store.StateIssued, Draft: boleto.Draft{DueDate: today.AddDays(dueIn)}}
	}
	tests := []struct {
		name string
		open []store.Boleto
		want time.Duration
	}{
		{"nothing open", nil, time.Hour},
		{"far from due dates", []store.Boleto{issued(10), issued(-10)}, 10 * time.Minute},
		{"due tomorrow", []store.Boleto{issued(10), issued(1)}, time.Minute},
		{"due today", []store.Boleto{issued(0)}, time.Minute},
		{"due yesterday", []store.Boleto{issued(-1)}, time.Minute},
		{"processing", []store.Boleto{issued(10), {State: store.StateProcessing}}, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.interval(tt.open); got != tt.want {
				t.Errorf("interval = %v, want %v", got, tt.want)
			}
		})
	}
	for range 100 {
		if d := jitter(10 * time.Minute); d < 9*time.Minute || d > 11*time.Minute {
			t.Fatalf("jitter(10m) = %v", d)
		}
	}
	p.cfg.ErrorBackoff, p.cfg.MaxBackoff = time.Second, 5*time.Second
	for n, want := range []time.Duration{0, time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second} {
		if n > 0 && p.backoff(n) != want {
			t.Errorf("backoff(%d) = %v, want %v", n, p.backoff(n), want)
		}
	}
}
