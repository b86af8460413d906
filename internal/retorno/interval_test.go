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
	p := &Poller{cfg: Config{FastInterval: time.Minute, NormalInterval: 10 * time.Minute, IdleInterval: time.Hour}, now: func() time.Time { return now },
		iv: intervals{fast: time.Minute, normal: 10 * time.Minute, idle: time.Hour}}
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

// SetInterval: the chosen pause while boletos are open, three times it when
// none is, and the fast pause kept but never longer than the chosen one.
func TestSetIntervalScales(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, boleto.SaoPaulo)
	today := boleto.Today(now)
	p := &Poller{cfg: Config{FastInterval: 2 * time.Minute}, now: func() time.Time { return now }, wake: make(chan struct{}, 1),
		iv: intervals{fast: 2 * time.Minute, normal: 10 * time.Minute, idle: 30 * time.Minute}}
	far := []store.Boleto{{State: store.StateIssued, Draft: boleto.Draft{DueDate: today.AddDays(20)}}}
	near := []store.Boleto{{State: store.StateIssued, Draft: boleto.Draft{DueDate: today}}}
	tests := []struct {
		set               time.Duration
		normal, idle, due time.Duration
	}{
		{30 * time.Minute, 30 * time.Minute, 90 * time.Minute, 2 * time.Minute},
		{5 * time.Minute, 5 * time.Minute, 15 * time.Minute, 2 * time.Minute},
		{time.Minute, time.Minute, 3 * time.Minute, time.Minute},
		{0, time.Minute, 3 * time.Minute, time.Minute}, // ignored
	}
	for _, tt := range tests {
		p.SetInterval(tt.set)
		if got := [3]time.Duration{p.interval(far), p.interval(nil), p.interval(near)}; got != [3]time.Duration{tt.normal, tt.idle, tt.due} {
			t.Errorf("SetInterval(%v): open %v, idle %v, due %v; want %v %v %v", tt.set, got[0], got[1], got[2], tt.normal, tt.idle, tt.due)
		}
		if p.Interval() != tt.normal {
			t.Errorf("Interval() = %v", p.Interval())
		}
	}
}
