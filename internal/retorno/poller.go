// Package retorno is the background poller that finds out what happened to
// the issued boletos at Banco Inter ("retorno" is the bank's word for the
// return of payments): paid (amount, date, channel), overdue, cancelled,
// expired, marked as received, protested.
//
// It asks with as few calls as the API allows: no GET per boleto, but the
// list endpoint (pages of 1,000) filtered by payment date over the days
// since the last cycle (plus an overlap for the bank's lag), and by
// situation over the due dates of the boletos that can still change —
// cancellations over every open boleto's due dates, expiries and overdue
// charges only over the due dates of the boletos for which the calendar
// says they are due. Once a day (and on the first cycle) a sweep lists
// every charge over the open boletos' due dates, whatever its situation, to
// catch anything the targeted lists cannot see. A normal cycle costs one to
// four calls, however many boletos are open.
//
// Where it stopped is kept in the store (the sync cursor), and every
// update goes through store.Transition from the state it was read in, so a
// restart misses nothing and a change is never applied twice.
package retorno

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"boletos/internal/inter"
	"boletos/internal/issuing"
	"boletos/internal/store"
)

// EventRetornoFinished is the name of the event sent at the end of each
// account's cycle.
const EventRetornoFinished = "retorno:finished"

// Finished is the payload of EventRetornoFinished: one account's cycle.
// Error is the pt-BR message of a failed cycle, "" when it succeeded.
type Finished struct {
	AccountID int64     `json:"accountId"`
	Changed   int       `json:"changed"`
	Calls     int       `json:"calls"`
	At        time.Time `json:"at"`
	Error     string    `json:"error"`
}

// Config configures a Poller. Store and Clients are required.
//
// Clients and Emitter are the issuing outbox's: of the bank the poller only
// calls List (*inter.Client satisfies issuing.Bank), and it announces a
// boleto's change with the outbox's issuing.EventBoletoChanged and
// issuing.BoletoChanged payload, so that the UI reads a change the same
// whichever of them saw it.
type Config struct {
	Store   *store.Store
	Clients issuing.Clients
	Emitter issuing.Emitter // nil: no events
	Logger  *slog.Logger    // nil: discard
	Now     func() time.Time

	// FastInterval is the pause between cycles while some boleto is being
	// processed, or falls due within a day (default 2 min);
	// NormalInterval while boletos are open (default 10 min); IdleInterval
	// when none is (default 30 min). SetInterval changes them while the
	// poller runs (the user's "Verificar pagamentos a cada").
	FastInterval, NormalInterval, IdleInterval time.Duration
	// ErrorBackoff is the first pause after a failed cycle, doubled at
	// each failure up to MaxBackoff (defaults 30 s and 1 h); after a 429
	// the pause is at least RateLimitWait (default 1 min).
	ErrorBackoff, MaxBackoff, RateLimitWait time.Duration
	// OverlapDays are re-read before the cursor's date in the payments
	// list, for payments the bank reports late (default 3).
	OverlapDays int
	// SweepEvery is how often a cycle lists every charge over the open
	// boletos' due dates (default 24 h).
	SweepEvery time.Duration
}

// Defaults of Config.
const (
	DefaultFastInterval   = 2 * time.Minute
	DefaultNormalInterval = 10 * time.Minute
	DefaultIdleInterval   = 30 * time.Minute
	DefaultErrorBackoff   = 30 * time.Second
	DefaultMaxBackoff     = time.Hour
	DefaultRateLimitWait  = time.Minute
	DefaultOverlapDays    = 3
	DefaultSweepEvery     = 24 * time.Hour
)

// Poller polls the bank for changes of the boletos. Its methods are safe
// for concurrent use; cycles never overlap.
type Poller struct {
	cfg Config
	st  *store.Store
	log *slog.Logger
	now func() time.Time

	trigger chan struct{}
	wake    chan struct{} // the intervals changed
	cycle   sync.Mutex    // one cycle at a time

	ivMu sync.Mutex
	iv   intervals

	mu      sync.Mutex
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	running bool
}

// New checks cfg and builds a Poller.
func New(cfg Config) (*Poller, error) {
	if cfg.Store == nil || cfg.Clients == nil {
		return nil, errors.New("retorno: Config.Store and Config.Clients are required")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.FastInterval, DefaultFastInterval)
	def(&cfg.NormalInterval, DefaultNormalInterval)
	def(&cfg.IdleInterval, DefaultIdleInterval)
	def(&cfg.ErrorBackoff, DefaultErrorBackoff)
	def(&cfg.MaxBackoff, DefaultMaxBackoff)
	def(&cfg.RateLimitWait, DefaultRateLimitWait)
	def(&cfg.SweepEvery, DefaultSweepEvery)
	if cfg.OverlapDays <= 0 {
		cfg.OverlapDays = DefaultOverlapDays
	}
	p := &Poller{cfg: cfg, st: cfg.Store, log: cfg.Logger, now: cfg.Now, trigger: make(chan struct{}, 1), wake: make(chan struct{}, 1),
		iv: intervals{fast: cfg.FastInterval, normal: cfg.NormalInterval, idle: cfg.IdleInterval}}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	return p, nil
}

// Start runs the poller in the background: a first cycle at once, then one
// per interval (adaptive), until Stop or ctx's end. Starting a running
// poller does nothing.
func (p *Poller) Start(ctx context.Context) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	p.cancel, p.running = cancel, true
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.loop(ctx)
	}()
}

// Stop ends the background loop and waits for it (a cycle in progress is
// cancelled; what it already recorded stays).
func (p *Poller) Stop() {
	p.mu.Lock()
	cancel := p.cancel
	p.cancel, p.running = nil, false
	p.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	p.wg.Wait()
}

// SyncNow asks the background loop for a cycle now ("Sincronizar agora").
// It never blocks; a request made while a cycle runs gives one more cycle
// right after it.
func (p *Poller) SyncNow() {
	select {
	case p.trigger <- struct{}{}:
	default:
	}
}

// IdleFactor is how many times the chosen interval (SetInterval) the poller
// waits while no boleto is open.
const IdleFactor = 3

// intervals are the pauses between cycles (see Config).
type intervals struct{ fast, normal, idle time.Duration }

func (p *Poller) intervals() intervals {
	p.ivMu.Lock()
	defer p.ivMu.Unlock()
	return p.iv
}

// Interval is the pause between cycles while boletos are open.
func (p *Poller) Interval() time.Duration { return p.intervals().normal }

// SetInterval changes the pause between cycles while boletos are open
// ("Verificar pagamentos a cada", NormalInterval). The pause while nothing
// is open becomes IdleFactor times d; the short pause while a boleto is
// being processed or falls due about now stays Config.FastInterval, and is
// never longer than d. It applies at once: a loop waiting for its next
// cycle wakes and waits the new pause, counted from the end of the last
// cycle (so a shorter interval may start a cycle right away). A loop backing
// off after failures keeps its backoff. Safe for concurrent use; d <= 0 is
// ignored.
func (p *Poller) SetInterval(d time.Duration) {
	if d <= 0 {
		return
	}
	p.ivMu.Lock()
	p.iv = intervals{fast: min(p.cfg.FastInterval, d), normal: d, idle: IdleFactor * d}
	p.ivMu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// plannedPause is the pause the open boletos call for now, as at the end
// of a cycle.
func (p *Poller) plannedPause(ctx context.Context) (time.Duration, error) {
	open, err := p.st.BoletosInStates(ctx, 0, openStates)
	if err != nil {
		return 0, err
	}
	return p.interval(open), nil
}

// loop is the background goroutine.
func (p *Poller) loop(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	stop := func() {
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
	failures := 0
	var lastEnd time.Time // end of the last cycle; zero before the first
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-p.trigger:
			stop()
		case <-p.wake:
			if failures > 0 || lastEnd.IsZero() {
				continue // the backoff, or the first cycle, keeps its time
			}
			next, err := p.plannedPause(ctx)
			if err != nil {
				p.log.Warn("retorno: new interval not applied until the next cycle", "err", err)
				continue
			}
			stop()
			timer.Reset(max(0, time.Until(lastEnd.Add(jitter(next)))))
			p.log.Debug("retorno: interval changed", "next", next)
			continue
		}
		_, next, err := p.runAll(ctx)
		if ctx.Err() != nil {
			return
		}
		lastEnd = time.Now()
		if err != nil {
			failures++
			next = p.backoff(failures)
			if inter.IsRateLimit(err) {
				next = max(next, p.cfg.RateLimitWait)
			}
			p.log.Warn("retorno: cycle failed", "err", err, "attempt", failures, "next", next)
		} else {
			failures = 0
		}
		timer.Reset(jitter(next))
	}
}

// backoff is the pause after n failed cycles in a row.
func (p *Poller) backoff(n int) time.Duration {
	d := p.cfg.ErrorBackoff
	for i := 1; i < n && d < p.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.cfg.MaxBackoff)
}

// jitter spreads d by up to ±10%, so that many installations (or accounts)
// do not poll in step.
func jitter(d time.Duration) time.Duration {
	if d < 10 {
		return d
	}
	spread := d / 5
	return d - spread/2 + rand.N(spread+1)
}
