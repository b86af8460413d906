// Package app is the seam between the Wails webview (or the browser mode of
// `boletos serve`) and the internal services. It holds the bound façades, the
// DTOs they return, the event names and the error formatting. It is the only
// package that imports the Wails runtime; it holds no business rules.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/apperr"
	"boletos/internal/backup"
	"boletos/internal/contracts"
	"boletos/internal/importing"
	"boletos/internal/issuing"
	"boletos/internal/mail"
	"boletos/internal/notify"
	"boletos/internal/payers"
	"boletos/internal/retorno"
	"boletos/internal/store"
	"boletos/internal/sysopen"
)

// Title is the window title and the product name shown to the user.
const Title = "Boletos — Banco Inter"

// Config is what the façades need from the command line and main.go.
type Config struct {
	Version string
	DataDir string
	Logger  *slog.Logger
	Now     func() time.Time // injectable clock; time.Now when nil
	// Store is the local database; nil only in tests of façades that do not
	// need it.
	Store *store.Store
	// Keychain is checked once at start-up so that a missing or locked
	// keychain is one clear sentence on screen, long before a secret is needed.
	Keychain interface {
		Check(ctx context.Context) error
	}
	// Payers is the register of pagadores behind the Pagadores screen.
	Payers *payers.Service
	// Accounts is the bank-account service behind the Contas screen.
	Accounts *accounts.Service
	// Importing turns imported documents into drafts ("Importar documentos").
	Importing *importing.Service
	// Contracts bills monthly contracts ("Contratos").
	Contracts *contracts.Service
	// OpenFile shows a file in the system's viewer; nil: sysopen.Open.
	OpenFile func(path string) error
	// DemoWhenEmpty creates the demo account at start-up when there is no
	// account at all (make run); otherwise the screens offer it.
	DemoWhenEmpty bool
}

// App owns the lifecycle: its own cancellable context (the one Wails hands to
// OnStartup is never cancelled), the background goroutines and the emitter.
type App struct {
	cfg    Config
	log    *slog.Logger
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.RWMutex
	emitter  Emitter
	wailsCtx context.Context // the window's runtime context; nil in browser mode
	warnings []string
	workers  []Worker

	// The outbox and the retorno poller, set by UseBoletoServices before Start.
	outbox  *issuing.Service
	retorno *retorno.Poller
	backup  *backup.Scheduler
	mailer  *mail.Service
	// lastSync is the last retorno cycle of each account (the Painel's sync status).
	lastSync map[int64]retorno.Finished
	// notifier keeps the notification list (UseNotifications); osNotify
	// shows them on the desktop (made on first use in the window).
	notifier *notify.Service
	osNotify systemNotifier

	System    *System
	Tools     *Tools
	Payers    *Payers
	Accounts  *Accounts
	Boletos   *Boletos
	Printing  *Printing
	Imports   *Imports
	Contracts *Contracts
	Backups   *Backups
	Mail      *Mail
	Reports   *Reports

	Notifications *Notifications
}

// New builds the App and its façades. Nothing touches the network or the
// window here.
func New(cfg Config) *App {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.OpenFile == nil {
		cfg.OpenFile = sysopen.Open
	}
	a := &App{cfg: cfg, log: cfg.Logger}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	a.System = &System{app: a}
	a.Tools = &Tools{app: a}
	a.Payers = &Payers{app: a}
	a.Accounts = &Accounts{app: a}
	a.Boletos = &Boletos{app: a}
	a.Printing = &Printing{app: a}
	a.Imports = &Imports{app: a}
	a.Contracts = &Contracts{app: a}
	a.Backups = &Backups{app: a}
	a.Mail = &Mail{app: a}
	a.Reports = &Reports{app: a}
	a.Notifications = &Notifications{app: a}
	return a
}

// Bindings are the façades exposed to the frontend, in Wails and in the
// browser mode alike.
func (a *App) Bindings() []any {
	return []any{a.System, a.Tools, a.Payers, a.Accounts, a.Boletos, a.Printing, a.Imports, a.Contracts, a.Backups, a.Mail, a.Reports, a.Notifications}
}

// UseBoletoServices hands the app the issuing outbox and the retorno
// poller: the Boletos screens use them, and Start and Shutdown run them.
// Call it before Start.
func (a *App) UseBoletoServices(outbox *issuing.Service, poller *retorno.Poller) {
	a.mu.Lock()
	a.outbox, a.retorno = outbox, poller
	a.mu.Unlock()
	a.AddWorkers(outbox, poller)
}

// UseContracts hands the app the contracts service: the Contratos screen
// uses it, and Start and Shutdown run its hourly billing. Call it before
// Start.
func (a *App) UseContracts(c *contracts.Service) {
	a.cfg.Contracts = c
	a.AddWorkers(c)
}

// importing is the import service, or a clear error in a session built
// without it.
func (a *App) importing() (*importing.Service, error) {
	if a.cfg.Importing == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "A importação de documentos não está ativa nesta sessão.")
	}
	return a.cfg.Importing, nil
}

// issuing is the outbox, or a clear error in a session built without it.
func (a *App) issuing() (*issuing.Service, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.outbox == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "A emissão de boletos não está ativa nesta sessão.")
	}
	return a.outbox, nil
}

// SetEmitter connects the events to a frontend transport. Until it is set,
// events are dropped.
func (a *App) SetEmitter(e Emitter) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.emitter = e
}

// emit sends an event to the frontend, if one is connected.
func (a *App) emit(name Event, payload any) {
	a.mu.RLock()
	e := a.emitter
	a.mu.RUnlock()
	if e == nil {
		a.log.Debug("event dropped: no frontend", "event", string(name))
		return
	}
	e.Emit(name, payload)
}

// Worker is background work that lives as long as a session: the issuing
// outbox and the retorno poller.
type Worker interface {
	Start(ctx context.Context)
	Stop()
}

// AddWorkers registers background work that Start starts with the app's
// context and Shutdown stops. Call it before Start.
func (a *App) AddWorkers(ws ...Worker) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.workers = append(a.workers, ws...)
}

// EventSink lets services that name events by string reach the frontend.
type EventSink struct{ app *App }

// Emit sends the event through the app's emitter.
func (s EventSink) Emit(name string, payload any) {
	if Event(name) == EventRetornoFinished {
		s.app.noteSync(payload)
	}
	s.app.observe(payload)
	s.app.wakeMail(payload)
	s.app.emit(Event(name), payload)
}

// Events is the sink to hand to the services.
func (a *App) Events() EventSink { return EventSink{app: a} }

// Start begins the background work of a session (desktop or browser mode).
func (a *App) Start() {
	a.mu.RLock()
	workers := append([]Worker{}, a.workers...)
	a.mu.RUnlock()
	for _, w := range workers {
		w.Start(a.ctx)
	}
	if a.cfg.Keychain != nil {
		a.Go(a.checkKeychain)
	}
	if a.cfg.Accounts != nil {
		a.prepareAccounts()
	}
}

func (a *App) checkKeychain(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := a.cfg.Keychain.Check(ctx)
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	_, msg := apperr.Describe(err)
	a.log.Warn("keychain unavailable", "err", err)
	a.warn(msg)
}

// warn records a problem of the installation and tells the frontend.
func (a *App) warn(msg string) {
	a.mu.Lock()
	a.warnings = append(a.warnings, msg)
	a.mu.Unlock()
	a.emit(EventNotice, Notice{Level: "warning", Message: msg})
}

// Warnings are problems of the installation the user should fix.
func (a *App) Warnings() []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return append([]string{}, a.warnings...)
}

// Go runs fn in the background with the app's context; Shutdown waits for it.
func (a *App) Go(fn func(ctx context.Context)) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		fn(a.ctx)
	}()
}

// Shutdown cancels the app's context and waits for the background work.
func (a *App) Shutdown() {
	a.cancel()
	a.mu.RLock()
	workers := append([]Worker{}, a.workers...)
	a.mu.RUnlock()
	for _, w := range workers {
		w.Stop()
	}
	a.wg.Wait()
	a.SetEmitter(nil)
}

// callContext derives the context of one bound call from the app's own.
func (a *App) callContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(a.ctx, timeout)
}
