// Package notify keeps the notification list (the bell in the header) and
// decides what the user is told about: a boleto paid, a boleto that failed
// to issue, the certificate of an account near its expiry (30, 15, 7 and 1
// day before, and once expired), and the sync with the bank failing cycle
// after cycle.
//
// The services announce changes as events; the app hands the ones that
// matter to the Service (BoletoChanged, SyncFinished), which stores one row
// per event — never two for the same event, whoever sees it first — and,
// after a short quiet time, hands the new rows to the app in one Batch with
// a summary: a retorno cycle that settles 200 boletos stores 200 rows but
// makes one operating-system notification, not 200.
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/boleto"
	"boletos/internal/periodic"
	"boletos/internal/store"
)

// Defaults of Config.
const (
	DefaultDebounce      = 1500 * time.Millisecond
	DefaultMaxWait       = 10 * time.Second
	DefaultCheckInterval = time.Hour
	DefaultKeep          = 1000
	DefaultKeepFor       = 180 * 24 * time.Hour
	DefaultSyncFailures  = 3
)

// CertificateThresholds are the days before a certificate's expiry at which
// the user is told, once each.
var CertificateThresholds = []int{30, 15, 7, 1}

// SettingSystem is the settings entry of "Notificações do sistema": "off"
// turns the operating-system notifications off; anything else (or none)
// leaves them on.
const SettingSystem = "notifications.system"

// Certificates describes the certificate of an account today
// (*accounts.Service does).
type Certificates interface {
	Certificate(a store.Account) *accounts.CertSummary
}

// Config configures a Service. Store is required.
type Config struct {
	Store *store.Store
	// Certificates enables the certificate check; nil: no check.
	Certificates Certificates
	Logger       *slog.Logger // nil: discard
	Now          func() time.Time

	// Debounce is the quiet time after the last new notification before
	// the batch is delivered (default 1.5 s); MaxWait bounds the wait
	// while notifications keep coming (default 10 s).
	Debounce, MaxWait time.Duration
	// CheckInterval is how often certificates are checked and old
	// notifications pruned, besides at Start (default 1 h: each threshold
	// is notified once, so checking often costs nothing but a read).
	CheckInterval time.Duration
	// Keep and KeepFor bound the list: at most Keep notifications (default
	// 1,000), none older than KeepFor (default 180 days).
	Keep    int
	KeepFor time.Duration
	// SyncFailures is how many retorno cycles in a row must fail before
	// the user is told (default 3).
	SyncFailures int
}

// Batch is what the deliver function receives: the notifications stored
// within one debounce window, oldest first, and one summary of them for a
// single operating-system notification.
type Batch struct {
	Items []store.Notification
	// Title and Body summarise Items in pt-BR ("3 boletos pagos — R$ 450,00").
	Title, Body string
	// Route is the screen that shows what the summary is about
	// ("/boletos/12", "/contas/3"), "" when Items concern several.
	Route string
}

// Service stores notifications and delivers them in batches. It is a
// Worker of the app: Start, Stop.
type Service struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	queue   []event
	deliver func(Batch)
	pending []entry
	first   time.Time // when the oldest pending entry arrived (real time)
	timer   *time.Timer
	cancel  context.CancelFunc
	stopped bool
	wake    chan struct{}
	wg      sync.WaitGroup
	// housekeeping checks the certificates and prunes the list.
	housekeeping *periodic.Loop
	// delivering keeps batches one at a time.
	delivering sync.Mutex

	// failures is the streak of failed retorno cycles of each account; only
	// the loop touches it.
	failures map[int64]streak
}

// entry is a stored notification with what its batch summary needs.
type entry struct {
	n      store.Notification
	amount boleto.Cents // paid: the amount received
	payer  string       // paid: who paid
}

type streak struct {
	count int
	since time.Time
}

// event is something announced by the services, waiting for the loop.
type event struct {
	boletoID int64
	from, to store.State

	sync *syncResult
}

type syncResult struct {
	accountID int64
	err       string
	at        time.Time
}

// New returns a service; nothing runs before Start.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, fmt.Errorf("notify: Store is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	if cfg.CheckInterval <= 0 {
		cfg.CheckInterval = DefaultCheckInterval
	}
	if cfg.Keep <= 0 {
		cfg.Keep = DefaultKeep
	}
	if cfg.KeepFor <= 0 {
		cfg.KeepFor = DefaultKeepFor
	}
	if cfg.SyncFailures <= 0 {
		cfg.SyncFailures = DefaultSyncFailures
	}
	s := &Service{cfg: cfg, log: cfg.Logger, wake: make(chan struct{}, 1), failures: map[int64]streak{}}
	s.housekeeping = periodic.New(cfg.CheckInterval, s.periodic)
	return s, nil
}

// SetDeliver sets the function that receives each batch of new
// notifications (the app: an event for the screens, and the
// operating-system notification). It is called on a goroutine of its own,
// one batch at a time.
func (s *Service) SetDeliver(fn func(Batch)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliver = fn
}

// BoletoChanged is told every change of state of a boleto. It returns at
// once: the work happens on the service's goroutine.
func (s *Service) BoletoChanged(id int64, from, to store.State) {
	if from == to || to != store.StatePaid && to != store.StateFailed {
		return
	}
	s.enqueue(event{boletoID: id, from: from, to: to})
}

// SyncFinished is told the end of each retorno cycle of an account; errMsg
// is the cycle's pt-BR failure, "" when it worked. It returns at once.
func (s *Service) SyncFinished(accountID int64, errMsg string, at time.Time) {
	s.enqueue(event{sync: &syncResult{accountID: accountID, err: errMsg, at: at}})
}

func (s *Service) enqueue(e event) {
	s.mu.Lock()
	s.queue = append(s.queue, e)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Start checks the certificates and prunes the list at once and then every
// CheckInterval, and handles the announced events as they come. It returns
// at once; calling it again while running does nothing.
func (s *Service) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return
	}
	s.stopped = false
	ctx, s.cancel = context.WithCancel(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	s.housekeeping.Start(ctx)
}

// Stop ends the background work and waits for it. Events already
// announced are stored; a batch not yet delivered is dropped (its rows are
// in the list).
func (s *Service) Stop() {
	s.mu.Lock()
	cancel := s.cancel
	s.cancel = nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.housekeeping.Stop()
	s.wg.Wait()
	s.mu.Lock()
	s.stopped = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.pending, s.first = nil, time.Time{}
	s.mu.Unlock()
}

// loop handles the announced events as they come.
func (s *Service) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			s.drain(ctx) // what was announced before the end
			return
		case <-s.wake:
			s.drain(ctx)
		}
	}
}

// periodic checks the certificates and prunes the list.
func (s *Service) periodic(ctx context.Context) {
	s.checkCertificates(ctx)
	if ctx.Err() != nil {
		return
	}
	n, err := s.cfg.Store.PruneNotifications(ctx, s.cfg.Keep, s.cfg.Now().Add(-s.cfg.KeepFor))
	if err != nil {
		s.log.Warn("notify: prune", "err", err)
	} else if n > 0 {
		s.log.Info("notify: pruned old notifications", "count", n)
	}
}

// drain handles the events announced so far. Stopping does not interrupt
// it (an event announced is an event stored), but it is bounded in time.
func (s *Service) drain(ctx context.Context) {
	s.mu.Lock()
	events := s.queue
	s.queue = nil
	s.mu.Unlock()
	if len(events) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var entries []entry
	for _, e := range events {
		var (
			en entry
			ok bool
		)
		if e.sync != nil {
			en, ok = s.syncEntry(ctx, *e.sync)
		} else {
			en, ok = s.boletoEntry(ctx, e)
		}
		if ok {
			entries = append(entries, en)
		}
	}
	s.store(ctx, entries)
}

// store saves the entries and queues the new ones for delivery.
func (s *Service) store(ctx context.Context, entries []entry) {
	if len(entries) == 0 {
		return
	}
	ns := make([]store.Notification, len(entries))
	for i, e := range entries {
		ns[i] = e.n
	}
	added, err := s.cfg.Store.AddNotifications(ctx, ns)
	if err != nil {
		s.log.Error("notify: store notifications", "count", len(ns), "err", err)
		return
	}
	if len(added) == 0 {
		return
	}
	byKey := make(map[string]entry, len(entries))
	for _, e := range entries {
		byKey[e.n.DedupeKey] = e
	}
	fresh := make([]entry, len(added))
	for i, n := range added {
		e := byKey[n.DedupeKey]
		e.n = n
		fresh[i] = e
	}
	s.log.Info("notify: new notifications", "count", len(fresh))
	s.publish(fresh)
}

// publish adds entries to the pending batch and (re)arms its delivery:
// Debounce after the last entry, at most MaxWait after the first.
func (s *Service) publish(entries []entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	now := time.Now()
	if len(s.pending) == 0 {
		s.first = now
	}
	s.pending = append(s.pending, entries...)
	wait := min(s.cfg.Debounce, max(s.cfg.MaxWait-now.Sub(s.first), 0))
	if s.timer == nil {
		s.timer = time.AfterFunc(wait, s.flush)
	} else {
		s.timer.Reset(wait)
	}
}

// flush delivers the pending batch.
func (s *Service) flush() {
	s.mu.Lock()
	entries, deliver := s.pending, s.deliver
	s.pending, s.first = nil, time.Time{}
	stopped := s.stopped
	s.mu.Unlock()
	if len(entries) == 0 || deliver == nil || stopped {
		return
	}
	s.delivering.Lock()
	defer s.delivering.Unlock()
	deliver(summarize(entries))
}

// boletoEntry is the notification of a boleto paid or failed.
func (s *Service) boletoEntry(ctx context.Context, e event) (entry, bool) {
	b, err := s.cfg.Store.GetBoleto(ctx, e.boletoID)
	if err != nil {
		s.log.Warn("notify: read boleto", "boleto", e.boletoID, "err", err)
		return entry{}, false
	}
	switch e.to {
	case store.StatePaid:
		if b.State != store.StatePaid {
			return entry{}, false // moved on meanwhile (e.g. a paid boleto marked otherwise): stale
		}
		return paidEntry(b), true
	case store.StateFailed:
		if b.State != store.StateFailed {
			return entry{}, false
		}
		return failedEntry(b), true
	}
	return entry{}, false
}

// syncEntry counts failed cycles in a row and returns a notification when
// the streak reaches SyncFailures (once per streak).
func (s *Service) syncEntry(ctx context.Context, r syncResult) (entry, bool) {
	if r.err == "" {
		delete(s.failures, r.accountID)
		return entry{}, false
	}
	st := s.failures[r.accountID]
	if st.count == 0 {
		st.since = r.at
	}
	st.count++
	s.failures[r.accountID] = st
	if st.count != s.cfg.SyncFailures {
		return entry{}, false
	}
	a, err := s.cfg.Store.GetAccount(ctx, r.accountID)
	if err != nil {
		s.log.Warn("notify: read account", "account", r.accountID, "err", err)
		return entry{}, false
	}
	return syncFailingEntry(a, st.count, st.since, r.err), true
}

// checkCertificates stores the certificate notifications due today.
func (s *Service) checkCertificates(ctx context.Context) {
	if s.cfg.Certificates == nil {
		return
	}
	list, err := s.cfg.Store.ListAccounts(ctx)
	if err != nil {
		s.log.Warn("notify: certificate check", "err", err)
		return
	}
	var entries []entry
	for _, a := range list {
		if a.Environment == store.EnvDemo || a.Environment == store.EnvSimulator {
			continue // the simulator's own certificates
		}
		c := s.cfg.Certificates.Certificate(a)
		if c == nil {
			continue
		}
		if e, ok := certificateEntry(a, *c); ok {
			entries = append(entries, e)
		}
	}
	s.store(ctx, entries)
}

// List returns notifications newest first.
func (s *Service) List(ctx context.Context, q store.NotificationQuery) ([]store.Notification, error) {
	return s.cfg.Store.ListNotifications(ctx, q)
}

// UnreadCount is the number on the bell.
func (s *Service) UnreadCount(ctx context.Context) (int, error) {
	return s.cfg.Store.CountUnreadNotifications(ctx)
}

// MarkRead marks one notification read.
func (s *Service) MarkRead(ctx context.Context, id int64) error {
	return s.cfg.Store.MarkNotificationRead(ctx, id)
}

// MarkAllRead marks every notification read and says how many were unread.
func (s *Service) MarkAllRead(ctx context.Context) (int, error) {
	return s.cfg.Store.MarkAllNotificationsRead(ctx)
}

// SystemEnabled reports whether operating-system notifications are on
// ("Notificações do sistema"; on unless turned off).
func (s *Service) SystemEnabled(ctx context.Context) (bool, error) {
	v, ok, err := s.cfg.Store.GetSetting(ctx, SettingSystem)
	if err != nil {
		return false, err
	}
	return !ok || v != "off", nil
}

// SetSystemEnabled turns operating-system notifications on or off.
func (s *Service) SetSystemEnabled(ctx context.Context, on bool) error {
	v := "off"
	if on {
		v = "on"
	}
	return s.cfg.Store.SetSetting(ctx, SettingSystem, v)
}
