// Package accounts is the account service: the Banco Inter accounts the
// program issues boletos from, with their integration credentials, their
// beneficiário and their default charges ("Parâmetros do boleto").
//
// # Where things live
//
// The account row (SQLite, through internal/store) holds everything public:
// names, bank details, environment, client id, the certificate chain (PEM)
// and its summary, the beneficiário and the default charges. The client
// secret and the private key live only in the OS keychain, under
//
//	account/<id>/client-secret   the OAuth client secret
//	account/<id>/private-key     the PKCS#8 private key (PEM) followed by the
//	                             certificate chain it belongs to
//
// Keeping the chain beside the key means one keychain write replaces both,
// so the key in the keychain always matches the certificate next to it,
// even after an interrupted update. Neither secret is ever written to
// SQLite, logs, errors or temporary files: the ZIP is read from memory.
//
// An account holds a client secret exactly when it has a client id, and a
// private key exactly when it has a certificate; the demo account holds
// neither (see demo.go).
//
// # Order of writes
//
// SQLite and the keychain cannot share a transaction, so the order is chosen
// so that an interruption leaves a state the user sees and repairs, never a
// secret nobody knows about:
//
//   - Create: validate everything, insert the row, put the client secret,
//     put the key. If a put fails, the items written are deleted and then
//     the row, and the keychain's own message is returned. A crash between
//     the insert and the last put leaves an account whose secret is missing:
//     "Testar conexão" and the edit form say so, and saving the form with
//     the secret again completes it.
//   - Update: validate (including that the kept secrets are really in the
//     keychain), put the new secret and key over the old ones, then update
//     the row; if the row update fails, the previous secrets are put back.
//     A crash in between leaves the new key with its own certificate (they
//     travel together) and the previous row: saving again completes it.
//   - Delete: check that the account can go (no boletos), delete the
//     keychain items, then the row. A crash in between leaves a row without
//     secrets, which can be deleted again; never secrets without a row.
//
// Writes of this Service are serialised by a mutex; reads are not.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

// Defaults of a new account's parameters.
const (
	defaultDueDays    = 7  // a new boleto falls due in a week
	defaultAgendaDays = 30 // and is still payable 30 days after its due date
)

// Options are the optional collaborators of a Service.
type Options struct {
	// Now is the clock for certificate validity; nil means time.Now.
	Now func() time.Time
	// Logger receives one record per change; nil discards them. Secrets
	// never reach it.
	Logger *slog.Logger
	// DataDir holds the demo simulator's state (DataDir/demo); "" keeps that
	// state in memory only.
	DataDir string
	// DemoProcessing is how long a demo boleto stays "Em processamento"
	// (default 1.5 s).
	DemoProcessing time.Duration
	// ClientTimeout bounds each HTTP attempt of the bank clients (default:
	// the client's own, 30 s).
	ClientTimeout time.Duration
}

// Service manages the accounts. It is safe for concurrent use.
type Service struct {
	store *store.Store
	keys  *keychain.Store
	now   func() time.Time
	log   *slog.Logger
	opts  Options

	mu sync.Mutex // serialises the writes

	clientsMu sync.Mutex
	clients   map[int64]*cachedClient

	demoMu sync.Mutex
	demo   *intersim.Sim
	demoOn bool // demo started (serving)
	closed bool
}

type cachedClient struct {
	client  *inter.Client
	version string // what the client was built from (see fingerprint)
}

// New returns the service over the store and the keychain.
func New(st *store.Store, keys *keychain.Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DemoProcessing == 0 {
		opts.DemoProcessing = 1500 * time.Millisecond
	}
	return &Service{
		store:   st,
		keys:    keys,
		now:     opts.Now,
		log:     opts.Logger,
		opts:    opts,
		clients: map[int64]*cachedClient{},
	}
}

// Keychain item names of an account.
func secretKey(id int64) string { return "account/" + strconv.FormatInt(id, 10) + "/client-secret" }
func keyKey(id int64) string    { return "account/" + strconv.FormatInt(id, 10) + "/private-key" }

// List returns every account, by name.
func (s *Service) List(ctx context.Context) ([]store.Account, error) {
	return s.store.ListAccounts(ctx)
}

// Get returns one account.
func (s *Service) Get(ctx context.Context, id int64) (store.Account, error) {
	return s.store.GetAccount(ctx, id)
}

// GetByName returns the account with that name (ignoring case).
func (s *Service) GetByName(ctx context.Context, name string) (store.Account, error) {
	return s.store.GetAccountByName(ctx, name)
}

// InspectCredentials validates certificate and key before anything is
// saved: they match, the certificate is valid today, and how long it lasts.
// A certificate with ExpiryWarningDays or fewer left is accepted with
// Status CertExpiring and a Message; expired or not yet valid ones are
// refused.
func (s *Service) InspectCredentials(_ context.Context, c Credentials) (CertSummary, error) {
	m, err := parseCredentials(c, s.now())
	if err != nil {
		return CertSummary{}, err
	}
	return m.summary, nil
}

// Certificate describes the stored certificate of a, today; nil when the
// account has none.
func (s *Service) Certificate(a store.Account) *CertSummary {
	if a.Certificate.PEM == "" {
		return nil
	}
	if sum, ok := summarizePEM(a.Certificate.PEM, s.now()); ok {
		return &sum
	}
	return &CertSummary{Subject: a.Certificate.Subject, Issuer: a.Certificate.Issuer, Serial: a.Certificate.Serial,
		NotAfter: a.Certificate.NotAfter, Status: CertOK}
}

// HasClientSecret reports whether the account keeps a client secret (in the
// keychain, or the demo simulator's own).
func HasClientSecret(a store.Account) bool {
	return a.Environment == store.EnvDemo || a.ClientID != ""
}

// Create validates the whole input and saves a new account with its secrets.
func (s *Service) Create(ctx context.Context, in Input) (store.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.check(ctx, in, nil)
	if err != nil {
		return store.Account{}, err
	}
	a, err := s.store.CreateAccount(ctx, c.row)
	if err != nil {
		return store.Account{}, nameConflict(err)
	}
	if err := s.putSecrets(ctx, a.ID, c.secret, c.mat); err != nil {
		// Undo: no row without its items, no items without the row.
		undo := context.WithoutCancel(ctx)
		s.deleteItems(undo, a.ID)
		if derr := s.store.DeleteAccount(undo, a.ID); derr != nil {
			s.log.Error("account: undoing a failed create", "account", a.ID, "err", derr)
		}
		s.log.Warn("account: create failed in the keychain", "account", a.ID, "err", err)
		return store.Account{}, err
	}
	s.log.Info("account created", "account", a.ID, "name", a.Name, "environment", string(a.Environment))
	return a, nil
}

// Update validates the whole input and replaces the account. An empty
// client secret keeps the stored one; Credentials with Kind CredentialsNone
// keep the stored certificate and key.
func (s *Service) Update(ctx context.Context, id int64, in Input) (store.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, err := s.store.GetAccount(ctx, id)
	if err != nil {
		return store.Account{}, err
	}
	c, err := s.check(ctx, in, &current)
	if err != nil {
		return store.Account{}, err
	}
	// Keep what is replaced, to put it back if the row cannot be written.
	var oldSecret, oldKey []byte
	if c.secret != nil || c.dropSecret {
		oldSecret, _ = s.keys.Get(ctx, secretKey(id))
	}
	if c.mat != nil {
		oldKey, _ = s.keys.Get(ctx, keyKey(id))
	}
	defer clear(oldSecret)
	defer clear(oldKey)
	if err := s.putSecrets(ctx, id, c.secret, c.mat); err != nil {
		s.restore(context.WithoutCancel(ctx), id, c, oldSecret, oldKey)
		return store.Account{}, err
	}
	a, err := s.store.UpdateAccount(ctx, c.row)
	if err != nil {
		s.restore(context.WithoutCancel(ctx), id, c, oldSecret, oldKey)
		return store.Account{}, nameConflict(err)
	}
	if c.dropSecret {
		if err := s.keys.Delete(ctx, secretKey(id)); err != nil {
			s.log.Warn("account: removing the secret of a cleared client id", "account", id, "err", err)
		}
	}
	s.dropClient(id)
	s.log.Info("account updated", "account", id, "name", a.Name, "environment", string(a.Environment),
		"new_secret", c.secret != nil, "new_certificate", c.mat != nil)
	return a, nil
}

// restore puts back the secrets an update replaced (best effort: the
// keychain just failed, or the row could not be written).
func (s *Service) restore(ctx context.Context, id int64, c checked, oldSecret, oldKey []byte) {
	if c.secret != nil {
		if oldSecret != nil {
			_ = s.keys.Put(ctx, secretKey(id), oldSecret)
		} else {
			_ = s.keys.Delete(ctx, secretKey(id))
		}
	}
	if c.mat != nil {
		if oldKey != nil {
			_ = s.keys.Put(ctx, keyKey(id), oldKey)
		} else {
			_ = s.keys.Delete(ctx, keyKey(id))
		}
	}
}

// putSecrets writes the client secret, then the key bundle (nil: skip).
func (s *Service) putSecrets(ctx context.Context, id int64, secret []byte, mat *material) error {
	if secret != nil {
		if err := s.keys.Put(ctx, secretKey(id), secret); err != nil {
			return err
		}
	}
	if mat != nil {
		if err := s.keys.Put(ctx, keyKey(id), mat.bundle); err != nil {
			return err
		}
	}
	return nil
}

// deleteItems removes both keychain items of an account.
func (s *Service) deleteItems(ctx context.Context, id int64) error {
	err1 := s.keys.Delete(ctx, secretKey(id))
	err2 := s.keys.Delete(ctx, keyKey(id))
	if err1 != nil {
		return err1
	}
	return err2
}

// nameConflict turns the store's unique-name refusal into a field error.
func nameConflict(err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Code == apperr.CodeConflict && len(ae.Fields) == 0 {
		return wrapField(err, FieldName, ae.Message)
	}
	return err
}

// SaveParameters stores the default charges and the default due-date term
// of an account. The charges are checked with boleto.Charges.Validate
// without a nominal value: the checks that depend on the amount of a boleto
// (a fixed discount below the boleto's value) run when each boleto is
// validated. Field paths are the form's: parameters.interestRateBp,
// parameters.messages.2…
func (s *Service) SaveParameters(ctx context.Context, id int64, c boleto.Charges, defaultDueDays int) (store.Account, error) {
	c = normalizeCharges(c)
	var p problems
	for _, pr := range c.Validate(0) {
		field := parameterField(pr.Field)
		if pr.Warning {
			p.warn(field, "%s", pr.Message)
		} else {
			p.add(field, "%s", pr.Message)
		}
	}
	if defaultDueDays < 0 || defaultDueDays > maxDefaultDueDays {
		p.add("parameters.defaultDueDays", "O prazo padrão de vencimento deve ser de 0 a %d dias; foi informado %d.", maxDefaultDueDays, defaultDueDays)
	}
	if err := p.err(); err != nil {
		return store.Account{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.store.GetAccount(ctx, id)
	if err != nil {
		return store.Account{}, err
	}
	a.Defaults, a.DefaultDueDays = c, defaultDueDays
	a, err = s.store.UpdateAccount(ctx, a)
	if err != nil {
		return store.Account{}, err
	}
	s.log.Info("account parameters saved", "account", id)
	return a, nil
}

// maxDefaultDueDays bounds the default term of a new boleto.
const maxDefaultDueDays = 365

// normalizeCharges trims the message lines and zeroes the fields a code
// does not use, so that what is stored is what the code means.
func normalizeCharges(c boleto.Charges) boleto.Charges {
	if in := c.Interest; in != nil {
		v := *in
		switch v.Code {
		case boleto.InterestMonthlyRate:
			v.Amount = 0
		case boleto.InterestDailyAmount:
			v.Rate = 0
		}
		c.Interest = &v
	}
	if f := c.Fine; f != nil {
		v := *f
		switch v.Code {
		case boleto.FinePercent:
			v.Amount = 0
		case boleto.FineFixed:
			v.Rate = 0
		}
		c.Fine = &v
	}
	if d := c.Discount; d != nil {
		v := *d
		switch v.Code {
		case boleto.DiscountPercent:
			v.Amount = 0
		case boleto.DiscountFixed:
			v.Rate = 0
		}
		c.Discount = &v
	}
	for i := range c.Messages {
		c.Messages[i] = strings.TrimSpace(c.Messages[i])
	}
	return c
}

// parameterField maps a path of boleto.Charges.Validate to the form's.
func parameterField(path string) string {
	switch path {
	case "juros.codigo":
		return "parameters.interestCode"
	case "juros.taxa":
		return "parameters.interestRateBp"
	case "juros.valor":
		return "parameters.interestAmountCents"
	case "multa.codigo":
		return "parameters.fineCode"
	case "multa.taxa":
		return "parameters.fineRateBp"
	case "multa.valor":
		return "parameters.fineAmountCents"
	case "desconto.codigo":
		return "parameters.discountCode"
	case "desconto.taxa":
		return "parameters.discountRateBp"
	case "desconto.valor":
		return "parameters.discountAmountCents"
	case "desconto.dias":
		return "parameters.discountDaysBefore"
	case "numDiasAgenda":
		return "parameters.agendaDays"
	}
	var n int
	if _, err := fmt.Sscanf(path, "mensagem.linha%d", &n); err == nil && n >= 1 && n <= 5 {
		return "parameters.messages." + strconv.Itoa(n-1)
	}
	return "parameters"
}

// Delete removes an account that has no boletos, with its keychain items.
func (s *Service) Delete(ctx context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.store.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	page, err := s.store.ListBoletos(ctx, store.BoletoFilter{AccountID: id, Limit: 1})
	if err != nil {
		return err
	}
	if page.Total > 0 {
		return apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"Não é possível excluir a conta “%s”: ela tem boletos (%d). Os boletos guardam o histórico de cobranças e não podem ficar sem conta.",
			a.Name, page.Total))
	}
	s.dropClient(id)
	switch {
	case a.Environment == store.EnvDemo:
	case a.ClientID == "" && a.Certificate.PEM == "":
		// No secrets of its own: sweep leftovers if a keychain is there,
		// but a computer without one can still delete a print-only account.
		_ = s.deleteItems(ctx, id)
	default:
		// Items first: a crash after this leaves a row without secrets
		// (visible, deletable again), never secrets without a row.
		if err := s.deleteItems(ctx, id); err != nil {
			return err
		}
	}
	if err := s.store.DeleteAccount(ctx, id); err != nil {
		return err
	}
	s.log.Info("account deleted", "account", id, "name", a.Name)
	return nil
}

// ExpiryWarnings returns one pt-BR sentence per account whose certificate
// expires within ExpiryWarningDays days or has expired. The demo account is
// left out (its certificate is the simulator's).
func (s *Service) ExpiryWarnings(ctx context.Context) []string {
	list, err := s.store.ListAccounts(ctx)
	if err != nil {
		s.log.Warn("account: expiry check", "err", err)
		return nil
	}
	var out []string
	for _, a := range list {
		if a.Environment == store.EnvDemo {
			continue
		}
		c := s.Certificate(a)
		if c == nil {
			continue
		}
		switch c.Status {
		case CertExpired:
			out = append(out, fmt.Sprintf("Conta “%s”: o certificado da integração com o Inter venceu em %s e o banco vai recusar a conexão. %s",
				a.Name, brDate(c.NotAfter), RenewalPath))
		case CertExpiring:
			out = append(out, fmt.Sprintf("Conta “%s”: o certificado da integração com o Inter vence em %s, em %s. %s",
				a.Name, daysText(c.DaysLeft), brDate(c.NotAfter), RenewalPath))
		}
	}
	return out
}

// Close closes the cached clients and stops the demo simulator.
func (s *Service) Close() error {
	s.clientsMu.Lock()
	for id, c := range s.clients {
		c.client.Close()
		delete(s.clients, id)
	}
	s.clientsMu.Unlock()
	s.demoMu.Lock()
	defer s.demoMu.Unlock()
	s.closed = true
	if s.demo == nil {
		return nil
	}
	err := s.demo.Close()
	s.demo, s.demoOn = nil, false
	return err
}
