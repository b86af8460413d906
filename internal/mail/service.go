// Package mail sends boletos by e-mail through each account's own SMTP
// server: one message per boleto and recipient, with the boleto's PDF
// attached.
//
// # Where things live
//
// The SMTP settings of an account (server, port, security, user, sender,
// templates) are a row of table mail_settings; its password lives only in
// the OS keychain, under PasswordKey(accountID), and is never written to
// SQLite, logs, errors or events.
//
// Messages wait in an outbox (table mail_outbox). Queue renders the subject
// and body to check them and stores one message per boleto; the worker
// (Start/Stop) renders them again, and the PDF, at send time, so that what
// goes out reflects the boleto as it is then. Messages of a boleto that is
// not issued yet (draft, queued, sending, processing) wait until it is;
// those of a boleto cancelled, expired or refused meanwhile are given up.
//
// # Failures
//
//   - The server cannot be reached, answers 4xx, refuses the login, or the
//     TLS handshake fails: the message is tried again after a back-off that
//     doubles from RetryBackoff up to MaxBackoff (30 s → 1 h), and every
//     queued message of the account waits as long, since the problem is
//     the server's or the settings'. Saving the settings again wakes them.
//     A message still not sent MaxAge (3 days) after its first attempt is
//     given up.
//   - The server refuses the sender, the recipient or the message with a
//     5xx reply: the message fails for good.
//
// Every outcome is written to the boleto's history (store.EventEmail):
// "E-mail para x na fila.", "E-mail enviado para x.", or why it was not.
package mail

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/keychain"
	"boletos/internal/printjob"
	"boletos/internal/store"
)

// EventMailChanged is sent whenever a message changes state (queued, sent,
// retried, failed).
const EventMailChanged = "mail:changed"

// MailChanged is the payload of EventMailChanged.
type MailChanged struct {
	ID        int64           `json:"id"`
	BoletoID  int64           `json:"boletoId"`
	AccountID int64           `json:"accountId"`
	State     store.MailState `json:"state"`
	Error     string          `json:"error"` // pt-BR, the last attempt's failure; "" when none
}

// Emitter delivers events to the UI.
type Emitter interface {
	Emit(name string, payload any)
}

// Config configures a Service. Store and Keys are required.
type Config struct {
	Store   *store.Store
	Keys    *keychain.Store
	Emitter Emitter      // nil: no events
	Logger  *slog.Logger // nil: discard
	Now     func() time.Time

	// Dialer opens the TCP connections (default: a net.Dialer).
	Dialer Dialer
	// RootCAs verifies the servers' certificates; nil means the system's.
	// Tests set the test server's CA; verification is never turned off.
	RootCAs *x509.CertPool
	// HeloName is the name the program introduces itself with (EHLO);
	// default: this computer's host name, or "localhost".
	HeloName string
	// Timeout bounds each step of an SMTP session (default 30 s).
	Timeout time.Duration

	// RetryBackoff is the pause after the first failed attempt, doubled
	// at each further one up to MaxBackoff (defaults 30 s and 1 h).
	RetryBackoff, MaxBackoff time.Duration
	// PollInterval is how often the worker looks for messages whose
	// boleto was issued meanwhile (default 1 min).
	PollInterval time.Duration
	// MaxAge is how long after its first attempt a message that still
	// cannot be sent is given up (default 72 h). Waiting for the boleto
	// to be issued does not count.
	MaxAge time.Duration
	// Lease is how long a message being sent is held; a worker that died
	// mid-send lets it go after that (default 10 min).
	Lease time.Duration
	// PerSession bounds the messages sent over one connection (default 20).
	PerSession int
}

// Defaults of Config.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultRetryBackoff = 30 * time.Second
	DefaultMaxBackoff   = time.Hour
	DefaultPollInterval = time.Minute
	DefaultMaxAge       = 72 * time.Hour
	DefaultLease        = 10 * time.Minute
	DefaultPerSession   = 20
)

// waitStates are the boleto states whose messages wait: not issued yet.
var waitStates = []store.State{store.StateDraft, store.StateQueued, store.StateSending, store.StateProcessing}

// refusedStates are the boleto states that cannot be sent: there is nothing
// to pay.
var refusedStates = []store.State{store.StateCancelRequested, store.StateCancelled, store.StateExpired, store.StateFailed}

func isIn(s store.State, list []store.State) bool { return slices.Contains(list, s) }

// PasswordKey is the keychain item of an account's SMTP password.
func PasswordKey(accountID int64) string {
	return "account/" + strconv.FormatInt(accountID, 10) + "/smtp-password"
}

// Service keeps the e-mail settings, queues messages and runs the sending
// worker. It is safe for concurrent use.
type Service struct {
	cfg  Config
	st   *store.Store
	keys *keychain.Store
	log  *slog.Logger
	now  func() time.Time

	mu sync.Mutex // serialises settings writes

	kick chan struct{}

	runMu  sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// New checks cfg and builds a Service.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Keys == nil {
		return nil, errors.New("mail: Config.Store and Config.Keys are required")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Timeout, DefaultTimeout)
	def(&cfg.RetryBackoff, DefaultRetryBackoff)
	def(&cfg.MaxBackoff, DefaultMaxBackoff)
	def(&cfg.PollInterval, DefaultPollInterval)
	def(&cfg.MaxAge, DefaultMaxAge)
	def(&cfg.Lease, DefaultLease)
	if cfg.PerSession <= 0 {
		cfg.PerSession = DefaultPerSession
	}
	if cfg.Dialer == nil {
		cfg.Dialer = &net.Dialer{}
	}
	if cfg.HeloName == "" {
		cfg.HeloName = "localhost"
		if h, err := os.Hostname(); err == nil && validHostname(h) {
			cfg.HeloName = h
		}
	}
	s := &Service{cfg: cfg, st: cfg.Store, keys: cfg.Keys, log: cfg.Logger, now: cfg.Now, kick: make(chan struct{}, 1)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// SettingsInput is the e-mail form as saved: the settings and, apart, the
// password.
type SettingsInput struct {
	Settings
	// Password is the SMTP password; "" keeps the stored one. It is
	// dropped when Username is empty.
	Password string
}

// LogValue keeps the password out of any log record.
func (in SettingsInput) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", in.Host), slog.Int("port", in.Port),
		slog.String("security", string(in.Security)), slog.Bool("password_given", in.Password != ""))
}

// SettingsView is an account's e-mail form as shown.
type SettingsView struct {
	Settings
	// Configured is false when nothing was saved yet: Settings then holds
	// suggestions (port 587 with STARTTLS, the beneficiário as sender).
	Configured  bool
	HasPassword bool // a password is in the keychain
	Warnings    []apperr.FieldProblem
	UpdatedAt   time.Time
}

// Settings returns the e-mail settings of an account, or suggestions when
// none were saved.
func (s *Service) Settings(ctx context.Context, accountID int64) (SettingsView, error) {
	a, err := s.st.GetAccount(ctx, accountID)
	if err != nil {
		return SettingsView{}, err
	}
	row, err := s.st.GetMailSettings(ctx, accountID)
	if errors.Is(err, store.ErrNotFound) {
		set := Settings{Port: 587, Security: store.MailSTARTTLS, FromName: a.Beneficiary.Name, FromAddress: a.Beneficiary.Email}
		return SettingsView{Settings: set}, nil
	}
	if err != nil {
		return SettingsView{}, err
	}
	v := SettingsView{Settings: settingsOf(row), Configured: true, UpdatedAt: row.UpdatedAt}
	v.Warnings = v.Settings.Warnings()
	if row.Username != "" {
		_, err := s.keys.Get(ctx, PasswordKey(accountID))
		switch {
		case err == nil:
			v.HasPassword = true
		case !errors.Is(err, keychain.ErrNotFound):
			return SettingsView{}, err
		}
	}
	return v, nil
}

// SaveSettings validates and saves the e-mail settings of an account: the
// password to the keychain, the rest to the database. Queued messages of
// the account that were waiting for a retry are tried again at once.
func (s *Service) SaveSettings(ctx context.Context, accountID int64, in SettingsInput) (SettingsView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.GetAccount(ctx, accountID); err != nil {
		return SettingsView{}, err
	}
	set := in.Settings.normalize()
	if err := s.checkInput(ctx, accountID, set, in.Password); err != nil {
		return SettingsView{}, err
	}
	key := PasswordKey(accountID)
	restore := func() {}
	if set.Username != "" && in.Password != "" {
		old, err := s.keys.Get(ctx, key)
		had := err == nil
		if err != nil && !errors.Is(err, keychain.ErrNotFound) {
			return SettingsView{}, err
		}
		if err := s.keys.Put(ctx, key, []byte(in.Password)); err != nil {
			return SettingsView{}, err
		}
		restore = func() {
			bg := context.WithoutCancel(ctx)
			if had {
				_ = s.keys.Put(bg, key, old)
			} else {
				_ = s.keys.Delete(bg, key)
			}
		}
	}
	if _, err := s.st.SaveMailSettings(ctx, set.row(accountID)); err != nil {
		restore()
		return SettingsView{}, err
	}
	if set.Username == "" {
		if err := s.keys.Delete(ctx, key); err != nil {
			s.log.Warn("mail: delete the unused smtp password", "account", accountID, "err", err)
		}
	}
	s.log.Info("mail: settings saved", "account", accountID, "settings", in)
	if n, err := s.st.WakeAccountMail(ctx, accountID); err != nil {
		s.log.Warn("mail: wake the account's queue", "account", accountID, "err", err)
	} else if n > 0 {
		s.SendNow()
	}
	return s.Settings(ctx, accountID)
}

// checkInput validates the form and its password: a user needs a password,
// given now or already in the keychain.
func (s *Service) checkInput(ctx context.Context, accountID int64, set Settings, password string) error {
	p := set.check()
	switch {
	case set.Username == "":
	case len(password) > maxPassword:
		p.add(FieldPassword, "A senha tem mais de %d caracteres.", maxPassword)
	case strings.ContainsAny(password, "\x00\r\n"):
		p.add(FieldPassword, "A senha não pode ter quebras de linha.")
	case password == "":
		_, err := s.keys.Get(ctx, PasswordKey(accountID))
		if errors.Is(err, keychain.ErrNotFound) {
			p.add(FieldPassword, "Informe a senha do e-mail (no Gmail e no Outlook, uma senha de app).")
		} else if err != nil {
			return err
		}
	}
	return p.err()
}

// DeleteSettings removes the e-mail settings of an account and its password
// (keychain first: never a password without its settings). Queued messages
// stay queued and wait for new settings.
func (s *Service) DeleteSettings(ctx context.Context, accountID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.keys.Delete(ctx, PasswordKey(accountID)); err != nil {
		return err
	}
	return s.st.DeleteMailSettings(ctx, accountID)
}

// TestSettings connects to the account's saved SMTP server, secures the
// connection, logs in and quits, sending no message. It returns a sentence
// saying what worked, or an *apperr.Error saying exactly what failed (DNS,
// connection refused, TLS, login…).
func (s *Service) TestSettings(ctx context.Context, accountID int64) (string, error) {
	row, err := s.st.GetMailSettings(ctx, accountID)
	if err != nil {
		return "", err
	}
	pw, f := s.password(ctx, row)
	if f != nil {
		return "", f.appErr()
	}
	return s.test(ctx, row, pw)
}

// TestInput is TestSettings for a form not saved yet; an empty password
// uses the stored one.
func (s *Service) TestInput(ctx context.Context, accountID int64, in SettingsInput) (string, error) {
	set := in.Settings.normalize()
	if err := s.checkInput(ctx, accountID, set, in.Password); err != nil {
		return "", err
	}
	row := set.row(accountID)
	pw := in.Password
	if set.Username != "" && pw == "" {
		var f *failure
		if pw, f = s.password(ctx, row); f != nil {
			return "", f.appErr()
		}
	}
	return s.test(ctx, row, pw)
}

func (s *Service) test(ctx context.Context, row store.MailSettings, password string) (string, error) {
	ss, f := open(ctx, s.sessionConfig(row, password))
	if f != nil {
		s.log.Warn("mail: connection test failed", "account", row.AccountID, "err", f)
		return "", f.appErr()
	}
	ss.quit()
	var b strings.Builder
	fmt.Fprintf(&b, "Conexão com %s bem-sucedida", ss.addr)
	switch {
	case row.Security == store.MailSTARTTLS:
		fmt.Fprintf(&b, " (STARTTLS, %s)", ss.tls)
	case row.Security == store.MailTLS:
		fmt.Fprintf(&b, " (TLS direto, %s)", ss.tls)
	default:
		b.WriteString(" (sem criptografia)")
	}
	if row.Username != "" {
		fmt.Fprintf(&b, " e usuário “%s” autenticado", row.Username)
	}
	b.WriteString(". Nenhuma mensagem foi enviada.")
	return b.String(), nil
}

func (s *Service) sessionConfig(row store.MailSettings, password string) sessionConfig {
	return sessionConfig{settings: row, password: password, dialer: s.cfg.Dialer, roots: s.cfg.RootCAs,
		helo: s.cfg.HeloName, timeout: s.cfg.Timeout}
}

// password reads the SMTP password of the settings' account ("" when the
// settings have no user).
func (s *Service) password(ctx context.Context, row store.MailSettings) (string, *failure) {
	if row.Username == "" {
		return "", nil
	}
	pw, err := s.keys.Get(ctx, PasswordKey(row.AccountID))
	switch {
	case errors.Is(err, keychain.ErrNotFound):
		return "", &failure{session: true, code: apperr.CodeInvalid, err: err,
			msg: "A senha do e-mail não está no cofre de senhas do sistema. Informe-a de novo nas configurações de e-mail da conta."}
	case err != nil:
		code, msg := apperr.Describe(err)
		return "", &failure{session: true, code: code, err: err, msg: msg}
	}
	return string(pw), nil
}

// Queue puts one message per boleto in the outbox, to the address to, or to
// each boleto's payer e-mail when to is empty. Everything is checked first
// (address, boleto state, the account's settings and templates) and then
// queued in one transaction, with "E-mail para x na fila." in each
// boleto's history. Queueing a boleto again to an address it is still
// waiting to go to returns the waiting message.
func (s *Service) Queue(ctx context.Context, boletoIDs []int64, to string) ([]store.MailMessage, error) {
	switch {
	case len(boletoIDs) == 0:
		return nil, apperr.Invalid("Selecione ao menos um boleto para enviar por e-mail.")
	case len(boletoIDs) > printjob.MaxBoletos:
		return nil, apperr.Invalid("Envie no máximo %d boletos por vez; foram selecionados %d.", printjob.MaxBoletos, len(boletoIDs))
	}
	var addr string
	if strings.TrimSpace(to) != "" {
		a, err := ParseAddress(to)
		if err != nil {
			_, msg := apperr.Describe(err)
			return nil, fieldErr(FieldTo, msg)
		}
		addr = a
	}
	accounts := map[int64]store.Account{}
	settings := map[int64]store.MailSettings{}
	seen := map[int64]bool{}
	news := make([]store.NewMail, 0, len(boletoIDs))
	for _, id := range boletoIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		b, err := s.st.GetBoleto(ctx, id)
		if err != nil {
			return nil, err
		}
		if isIn(b.State, refusedStates) {
			return nil, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s está “%s” e não pode ser enviado por e-mail.", b.SeuNumero, store.StateLabel(b.State)))
		}
		dest := addr
		if dest == "" {
			if strings.TrimSpace(b.Payer.Email) == "" {
				return nil, fieldErr(FieldTo, fmt.Sprintf("O pagador do boleto %s não tem e-mail cadastrado. Informe o endereço de destino.", b.SeuNumero))
			}
			if dest, err = ParseAddress(b.Payer.Email); err != nil {
				return nil, fieldErr(FieldTo, fmt.Sprintf("O e-mail do pagador do boleto %s não serve: %s Informe o endereço de destino.", b.SeuNumero, apperrMessage(err)))
			}
		}
		a, ok := accounts[b.AccountID]
		if !ok {
			if a, err = s.st.GetAccount(ctx, b.AccountID); err != nil {
				return nil, err
			}
			accounts[b.AccountID] = a
		}
		row, ok := settings[b.AccountID]
		if !ok {
			row, err = s.st.GetMailSettings(ctx, b.AccountID)
			if errors.Is(err, store.ErrNotFound) {
				return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
					"Configure o envio de e-mail da conta “%s” (servidor SMTP e remetente) antes de enviar boletos por e-mail.", a.Name))
			}
			if err != nil {
				return nil, err
			}
			settings[b.AccountID] = row
		}
		subject, body, err := renderMessage(row, DataOf(b, a))
		if err != nil {
			return nil, err
		}
		note := fmt.Sprintf("E-mail para %s na fila.", dest)
		if isIn(b.State, waitStates) {
			note = fmt.Sprintf("E-mail para %s na fila: será enviado quando o boleto for emitido.", dest)
		}
		news = append(news, store.NewMail{BoletoID: b.ID, To: dest, Subject: subject, Body: body,
			Event: store.Event{Kind: store.EventEmail, Message: note}})
	}
	msgs, err := s.st.QueueMail(ctx, news)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		s.emit(m)
	}
	s.log.Info("mail: queued", "count", len(msgs))
	s.SendNow()
	return msgs, nil
}

// Messages returns the e-mails of a boleto, newest first.
func (s *Service) Messages(ctx context.Context, boletoID int64) ([]store.MailMessage, error) {
	return s.st.ListMail(ctx, store.MailFilter{BoletoID: boletoID, Limit: 1000})
}

// Retry puts a message that was not sent back in the queue, due now.
func (s *Service) Retry(ctx context.Context, messageID int64) (store.MailMessage, error) {
	m, err := s.st.GetMail(ctx, messageID)
	if err != nil {
		return store.MailMessage{}, err
	}
	m, err = s.st.UpdateMail(ctx, messageID, []store.MailState{store.MailFailed}, store.MailUpdate{
		State: store.MailQueued, Requeue: true,
		Event: &store.Event{Kind: store.EventEmail, Message: fmt.Sprintf("E-mail para %s de novo na fila.", m.To)},
	})
	if err != nil {
		return store.MailMessage{}, err
	}
	s.emit(m)
	s.SendNow()
	return m, nil
}

// Cancel gives up a message still in the queue.
func (s *Service) Cancel(ctx context.Context, messageID int64) (store.MailMessage, error) {
	m, err := s.st.GetMail(ctx, messageID)
	if err != nil {
		return store.MailMessage{}, err
	}
	m, err = s.st.UpdateMail(ctx, messageID, []store.MailState{store.MailQueued}, store.MailUpdate{
		State: store.MailFailed, LastError: "Envio cancelado pelo usuário.",
		Event: &store.Event{Kind: store.EventEmail, Message: fmt.Sprintf("Envio do e-mail para %s cancelado.", m.To)},
	})
	if err != nil {
		return store.MailMessage{}, err
	}
	s.emit(m)
	return m, nil
}

func (s *Service) emit(m store.MailMessage) {
	if s.cfg.Emitter != nil {
		s.cfg.Emitter.Emit(EventMailChanged, MailChanged{ID: m.ID, BoletoID: m.BoletoID, AccountID: m.AccountID, State: m.State, Error: m.LastError})
	}
}

// clockText is how a retry time is written in the history: the hour in
// São Paulo, with the date when it is not today.
func clockText(t, now time.Time) string {
	t, now = t.In(boleto.SaoPaulo), now.In(boleto.SaoPaulo)
	if boleto.DateOf(t) != boleto.DateOf(now) {
		return t.Format("02/01 15:04")
	}
	return t.Format("15:04:05")
}
