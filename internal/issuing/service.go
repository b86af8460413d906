// Package issuing is the outbox that registers boletos at Banco Inter
// exactly once: offline drafts, the queue, the send, the reconciliation of
// every send whose outcome is unknown, the wait for the bank's processing,
// batches, cancellation (baixa), edits and substitutions.
//
// # States and what is committed before each call
//
// Every state change goes through store.Transition and is committed to
// SQLite before the network call it announces; the call's outcome is
// committed after it. A crash, a timeout or a 5xx at any point leaves a
// state from which the worker resumes without ever emitting twice:
//
//	from              to                 committed before            after the call
//	draft|failed      queued             (no call: Queue validates the draft in full)
//	queued            draft              (no call: invalid by now, e.g. the due date passed, or the batch was cancelled)
//	queued            sending            send_attempts+1, lease   →  POST /cobrancas
//	sending           processing         ←  200 codigoSolicitacao
//	sending           sending            ←  outcome unknown (timeout, cut, 5xx): reconcile after back-off
//	sending           queued             ←  certainly not stored (429, no connection): retry after back-off
//	sending           draft              ←  refused (4xx with violations), after a lookup found no charge
//	sending           failed             ←  credentials or permission refused (401/403)
//	sending           processing|issued  ←  reconcile: the lookup by seuNumero found the charge (adopted)
//	sending           sending            send_attempts+1, lease   →  POST again, only after a successful
//	                                                                  lookup that does not contain the charge
//	processing        issued|failed|…    ←  GET (few) or one list by emission date (many)
//	issued|overdue    cancel_requested   reason, lease            →  POST /cancelar
//	cancel_requested  cancelled          ←  202
//	cancel_requested  issued|overdue|…   ←  refused: GET tells the real situation
//	cancel_requested  cancel_requested   ←  outcome unknown: GET, then POST again if still open
//	issued|overdue    issued|overdue     audit "edit requested"   →  PATCH; then EditStatus and GET
//
// The lookup ("reconciliation") lists the account's charges filtered by
// seuNumero over the emission dates since the boleto was created, and adopts
// only a live charge with the same duplicate key (seuNumero, amount, due
// date, payer document). A refusal of a resend is treated as "it may
// exist": the lookup runs again; when the bank's 30-minute duplicate filter
// blocks a resend of a boleto whose earlier charge failed, the resend waits
// for the window to pass.
//
// On start-up every queued, sending, processing and cancel_requested boleto
// is picked up again: sending ones after their lease (so that two processes
// on the same data never send the same boleto at once).
package issuing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/store"
)

// Bank is what the outbox needs from Banco Inter's API Cobrança v3.
// *inter.Client satisfies it.
type Bank interface {
	Emit(ctx context.Context, req inter.EmitRequest) (inter.EmitResponse, error)
	Get(ctx context.Context, codigoSolicitacao string) (inter.Cobranca, error)
	List(ctx context.Context, p inter.ListParams) (inter.ListPage, error)
	Cancel(ctx context.Context, codigoSolicitacao, motivo string) error
	Edit(ctx context.Context, codigoSolicitacao string, req inter.EditRequest) (inter.EditResponse, error)
	EditStatus(ctx context.Context, codigoEdicao string) (inter.EditResponse, error)
	PDF(ctx context.Context, codigoSolicitacao string) ([]byte, error)
}

// Clients gives the bank client of an account.
type Clients interface {
	Client(ctx context.Context, accountID int64) (Bank, error)
}

// ClientFunc adapts a function to Clients.
type ClientFunc func(ctx context.Context, accountID int64) (Bank, error)

// Client calls f.
func (f ClientFunc) Client(ctx context.Context, accountID int64) (Bank, error) {
	return f(ctx, accountID)
}

// ClientMap is a fixed set of clients by account ID (tests, the CLI).
type ClientMap map[int64]Bank

// Client returns the account's client, or a not-found error.
func (m ClientMap) Client(_ context.Context, accountID int64) (Bank, error) {
	if c, ok := m[accountID]; ok && c != nil {
		return c, nil
	}
	return nil, apperr.New(apperr.CodeNotFound, "Esta conta não tem a integração com o Banco Inter configurada.")
}

// Emitter delivers events to the UI.
type Emitter interface {
	Emit(name string, payload any)
}

// Event names.
const (
	EventBoletoChanged = "boleto:changed"
	EventBatchProgress = "batch:progress"
)

// BoletoChanged is the payload of EventBoletoChanged. State may equal
// PreviousState when only the boleto's data changed.
type BoletoChanged struct {
	ID            int64       `json:"id"`
	State         store.State `json:"state"`
	PreviousState store.State `json:"previousState"`
}

// Config configures a Service. Store is required; Clients is required for
// everything that talks to the bank.
type Config struct {
	Store   *store.Store
	Clients Clients
	Emitter Emitter      // nil: no events
	Logger  *slog.Logger // nil: discard
	Now     func() time.Time
	// PDFCacheDir keeps the bank's own PDFs ("Baixar PDF do banco") so each
	// is fetched once; "" disables the cache.
	PDFCacheDir string

	// Concurrency bounds the boletos sent at once (default 8). The bank
	// client keeps to the bank's per-minute limits on top of it.
	Concurrency int
	// Backoff and MaxBackoff shape the capped exponential back-off (with
	// jitter) between attempts on one boleto (defaults 2 s and 5 min).
	Backoff, MaxBackoff time.Duration
	// Lease is how long a boleto being sent is left alone by other
	// processes sharing the database (default 2 min); it must outlast one
	// request with the client's own retries.
	Lease time.Duration
	// RateLimitWait is the pause after the bank answers 429 and the client's
	// own retries ran out (default 60 s, what Inter's SDKs wait).
	RateLimitWait time.Duration
	// AuthHold is how long an account whose credentials the bank refused
	// is left alone before the next boleto is tried (default 5 min).
	AuthHold time.Duration
	// PollInterval is how often the queue is looked at when nothing wakes
	// the worker (default 5 s).
	PollInterval time.Duration
	// ProcessingInterval is how often boletos waiting for the bank's
	// processing are checked (default 3 s).
	ProcessingInterval time.Duration
	// EditPollInterval is the pause between checks of an edit's status
	// (default 2 s).
	EditPollInterval time.Duration
	// ProgressInterval is the least time between two batch:progress events
	// of one batch (default 100 ms).
	ProgressInterval time.Duration
}

// Defaults of Config.
const (
	DefaultConcurrency        = 8
	DefaultBackoff            = 2 * time.Second
	DefaultMaxBackoff         = 5 * time.Minute
	DefaultLease              = 2 * time.Minute
	DefaultRateLimitWait      = time.Minute
	DefaultAuthHold           = 5 * time.Minute
	DefaultPollInterval       = 5 * time.Second
	DefaultProcessingInterval = 3 * time.Second
	DefaultEditPollInterval   = 2 * time.Second
	DefaultProgressInterval   = 100 * time.Millisecond
)

// Service issues, follows, cancels and edits boletos. It is safe for
// concurrent use; the worker runs in Run (or Start).
type Service struct {
	cfg Config
	st  *store.Store
	log *slog.Logger
	now func() time.Time

	kick     chan struct{} // wakes the dispatcher
	procKick chan struct{} // wakes the processing loop

	mu       sync.Mutex
	inflight map[int64]bool      // boletos a goroutine of this process is working on
	holds    map[int64]time.Time // account → no sends before
	failures map[int64]int       // consecutive uncertain outcomes per boleto (back-off exponent)
	notes    map[int64]note      // last problem per boleto, for batch reports
	batchOf  map[int64]*Batch    // boleto → the latest batch holding it
	batches  map[string]*Batch   // by job id
	recent   []string            // job ids, oldest first (bounded)
	running  bool                // Run is active
	stop     context.CancelFunc  // Start's
	done     chan struct{}       // closed when Start's Run returns
	batchSeq int
}

// New checks cfg and builds a Service.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("issuing: Config.Store is required")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	def(&cfg.Backoff, DefaultBackoff)
	def(&cfg.MaxBackoff, DefaultMaxBackoff)
	def(&cfg.Lease, DefaultLease)
	def(&cfg.RateLimitWait, DefaultRateLimitWait)
	def(&cfg.AuthHold, DefaultAuthHold)
	def(&cfg.PollInterval, DefaultPollInterval)
	def(&cfg.ProcessingInterval, DefaultProcessingInterval)
	def(&cfg.EditPollInterval, DefaultEditPollInterval)
	def(&cfg.ProgressInterval, DefaultProgressInterval)
	if cfg.MaxBackoff < cfg.Backoff {
		cfg.MaxBackoff = cfg.Backoff
	}
	s := &Service{
		cfg:      cfg,
		st:       cfg.Store,
		log:      cfg.Logger,
		now:      cfg.Now,
		kick:     make(chan struct{}, 1),
		procKick: make(chan struct{}, 1),
		inflight: map[int64]bool{},
		holds:    map[int64]time.Time{},
		failures: map[int64]int{},
		notes:    map[int64]note{},
		batchOf:  map[int64]*Batch{},
		batches:  map[string]*Batch{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// errStale aborts a transition whose boleto changed since it was read
// (another goroutine or process got there first).
var errStale = errors.New("issuing: boleto changed meanwhile")

// expect wraps mutate with an optimistic check of the version read.
func expect(version int64, mutate func(*store.Boleto) error) func(*store.Boleto) error {
	return func(b *store.Boleto) error {
		if b.Version != version {
			return errStale
		}
		if mutate != nil {
			return mutate(b)
		}
		return nil
	}
}

// isConflict reports a transition lost to a concurrent change.
func isConflict(err error) bool {
	var ae *apperr.Error
	return errors.Is(err, errStale) || errors.As(err, &ae) && ae.Code == apperr.CodeConflict
}

// transition moves b (as read) to state to, provided nobody changed it
// since, and announces the change.
func (s *Service) transition(ctx context.Context, b store.Boleto, to store.State, ev store.Event, mutate func(*store.Boleto) error) (store.Boleto, error) {
	nb, err := s.st.Transition(ctx, b.ID, []store.State{b.State}, to, ev, expect(b.Version, mutate))
	if err != nil {
		if !isConflict(err) {
			s.log.Warn("issuing: transition failed", "boleto", b.SeuNumero, "from", string(b.State), "to", string(to), "err", err)
		}
		return b, err
	}
	s.changed(nb, b.State)
	return nb, nil
}

// changed announces a committed change to the UI and to the batch holding
// the boleto.
func (s *Service) changed(b store.Boleto, prev store.State) {
	if s.cfg.Emitter != nil {
		s.cfg.Emitter.Emit(EventBoletoChanged, BoletoChanged{ID: b.ID, State: b.State, PreviousState: prev})
	}
	s.mu.Lock()
	bt := s.batchOf[b.ID]
	note := s.notes[b.ID]
	s.mu.Unlock()
	if bt != nil {
		bt.update(b, note)
	}
}

// note is the last problem of a boleto, for batch reports.
type note struct {
	text   string
	fields []apperr.FieldProblem
}

// setNote records the last problem of a boleto; "" clears it.
func (s *Service) setNote(id int64, text string, fields ...apperr.FieldProblem) {
	s.mu.Lock()
	if text == "" {
		delete(s.notes, id)
	} else {
		s.notes[id] = note{text: text, fields: fields}
	}
	s.mu.Unlock()
}

// client returns the bank client of an account.
func (s *Service) client(ctx context.Context, accountID int64) (Bank, error) {
	if s.cfg.Clients == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "A integração com o Banco Inter não está disponível neste modo.")
	}
	c, err := s.cfg.Clients.Client(ctx, accountID)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "Esta conta não tem a integração com o Banco Inter configurada.")
	}
	return c, nil
}

// claim marks a boleto as being worked on by this process; ok is false
// when another goroutine already is.
func (s *Service) claim(id int64) (release func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight[id] {
		return nil, false
	}
	s.inflight[id] = true
	return func() {
		s.mu.Lock()
		delete(s.inflight, id)
		s.mu.Unlock()
	}, true
}

// busyErr is the answer to a user action on a boleto the worker holds.
func busyErr(b store.Boleto) error {
	return apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s está sendo processado neste momento. Aguarde alguns segundos e tente de novo.", b.SeuNumero))
}

// backoff is the wait before attempt n (1-based): exponential from
// Backoff, capped at MaxBackoff, with jitter in [d/2, d].
func (s *Service) backoff(n int) time.Duration {
	d := s.cfg.Backoff
	for i := 1; i < n && d < s.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, s.cfg.MaxBackoff)
	if d < 2 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// nextFailure counts one more uncertain outcome of a boleto and returns the
// back-off before its next attempt.
func (s *Service) nextFailure(id int64) time.Duration {
	s.mu.Lock()
	s.failures[id]++
	n := s.failures[id]
	s.mu.Unlock()
	return s.backoff(n)
}

// resetFailures forgets a boleto's uncertain outcomes.
func (s *Service) resetFailures(id int64) {
	s.mu.Lock()
	delete(s.failures, id)
	s.mu.Unlock()
}

// hold keeps the dispatcher away from an account until t.
func (s *Service) hold(accountID int64, t time.Time) {
	s.mu.Lock()
	if t.After(s.holds[accountID]) {
		s.holds[accountID] = t
	}
	s.mu.Unlock()
}

// wake asks the dispatcher to look at the queue now.
func (s *Service) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// wakeProcessing asks the processing loop to look now.
func (s *Service) wakeProcessing() {
	select {
	case s.procKick <- struct{}{}:
	default:
	}
}

// commitCtx is the context for recording the outcome of a call that was
// made: it survives the cancellation of ctx (shutdown), briefly, so that a
// known outcome is not thrown away.
func commitCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
}

// clockText writes an instant as the user reads it: São Paulo time.
func clockText(t time.Time) string { return t.In(boleto.SaoPaulo).Format("15:04:05") }

// today is the current civil date in São Paulo.
func (s *Service) today() boleto.Date { return boleto.Today(s.now()) }
