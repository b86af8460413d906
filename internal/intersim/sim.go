package intersim

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Profile selects the per-minute rate limits and which sandbox-only or
// production-only endpoints exist.
type Profile string

// Profiles.
const (
	// ProfileProduction: production limits; no /pagar.
	ProfileProduction Profile = "production"
	// ProfileSandbox: sandbox limits (10/min on most endpoints); /pagar
	// exists, the callback retry endpoint does not.
	ProfileSandbox Profile = "sandbox"
	// ProfileUnlimited: every endpoint, no per-minute limit at all.
	ProfileUnlimited Profile = "unlimited"
)

// Config configures a simulator.
type Config struct {
	Profile Profile // default ProfileSandbox
	Faults  Faults
	// Now is the simulator's clock; every date, expiry, rate window and
	// callback schedule follows it. Default time.Now. TLS certificate
	// validity always uses the real clock.
	Now func() time.Time
	// NoPixKey: the account has no Pix key, so boletos are issued without
	// the Pix QR code.
	NoPixKey bool
	// StateFile, when set, keeps the state (identity, credentials, charges,
	// webhook, callbacks) in this JSON file: loaded by New, saved after every
	// change.
	StateFile string
	Logger    *slog.Logger
	// CallbackClient sends the callbacks to the registered webhook. Default:
	// a client with a 10 s timeout, the system roots, presenting a client
	// certificate issued by the simulator's CA (Inter authenticates itself to
	// webhooks with mTLS).
	CallbackClient *http.Client
}

// Credentials are what the account holder downloads from Internet Banking.
type Credentials struct {
	BaseURL       string
	ClientID      string
	ClientSecret  string
	ContaCorrente string
	CACertPEM     []byte // the simulator's CA: trust it to reach BaseURL
	ClientCertPEM []byte
	ClientKeyPEM  []byte
}

// Stats counts what the simulator has served.
type Stats struct {
	TokenRequests int
	Requests      map[string]int // by "METHOD /path-template"
	RateLimited   int
}

// Sim is a local Banco Inter (API Cobrança v3 with OAuth and mTLS).
type Sim struct {
	cfg            Config
	now            func() time.Time
	log            *slog.Logger
	ca             *authority
	serverCert     tls.Certificate
	callbackClient *http.Client

	mu         sync.Mutex
	st         state
	byCode     map[string]*charge
	tokens     map[string]*token
	limiter    limiter
	faults     Faults
	dice       *dice
	stuckUntil time.Time
	stats      Stats
	inflight   map[int64]bool
	dirty      bool
	fontOnce   sync.Once
	font       []byte

	srv    *http.Server
	url    string
	kick   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
	closed bool
}

// New creates a simulator: it loads Config.StateFile when it exists, or
// generates a new identity (CA, server certificate, client certificate and
// key, client id and secret, conta corrente, número da operação).
func New(cfg Config) (*Sim, error) {
	switch cfg.Profile {
	case "":
		cfg.Profile = ProfileSandbox
	case ProfileProduction, ProfileSandbox, ProfileUnlimited:
	default:
		return nil, fmt.Errorf("perfil %q desconhecido: use production, sandbox ou unlimited", cfg.Profile)
	}
	s := &Sim{
		cfg:      cfg,
		now:      cfg.Now,
		log:      cfg.Logger,
		tokens:   map[string]*token{},
		limiter:  limiter{hits: map[string][]time.Time{}},
		inflight: map[int64]bool{},
		kick:     make(chan struct{}, 1),
		stats:    Stats{Requests: map[string]int{}},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	loaded := false
	if cfg.StateFile != "" {
		st, ok, err := loadState(cfg.StateFile)
		if err != nil {
			return nil, err
		}
		s.st, loaded = st, ok
	}
	if !loaded {
		id, err := newIdentity()
		if err != nil {
			return nil, fmt.Errorf("não foi possível gerar os certificados do simulador: %w", err)
		}
		s.st = state{Version: stateVersion, Identity: id, NextNosso: firstNossoNumero(), NextSeq: 1, NextDeliveryID: 1}
	}
	if err := s.loadIdentity(); err != nil {
		return nil, fmt.Errorf("os certificados do estado do simulador são inválidos (%v); apague o arquivo de estado para começar do zero", err)
	}
	s.byCode = make(map[string]*charge, len(s.st.Charges))
	for _, c := range s.st.Charges {
		s.byCode[c.CodigoSolicitacao] = c
	}
	s.applyFaults(cfg.Faults)
	if cfg.StateFile != "" && !loaded {
		if err := saveState(cfg.StateFile, &s.st); err != nil {
			return nil, fmt.Errorf("não foi possível gravar o estado do simulador em %s: %w", cfg.StateFile, err)
		}
	}
	return s, nil
}

// newIdentity generates the certificates and credentials of a new account.
func newIdentity() (identity, error) {
	now := time.Now()
	ca, caKey, err := newAuthority("Simulador Banco Inter CA", now)
	if err != nil {
		return identity{}, err
	}
	serverCert, serverKey, err := ca.issue(leafOptions{kind: serverLeaf, name: "localhost", notBefore: now.Add(-backdate), notAfter: now.Add(serverValidity)})
	if err != nil {
		return identity{}, err
	}
	clientID := newUUID()
	// The application's certificate is RSA, like the one Inter hands out.
	clientCert, clientKey, err := ca.issue(leafOptions{kind: clientLeaf, name: clientID, notBefore: now.Add(-backdate), notAfter: now.Add(clientValidity), rsa: true})
	if err != nil {
		return identity{}, err
	}
	hookCert, hookKey, err := ca.issue(leafOptions{kind: clientLeaf, name: "webhook.simulador.bancointer", notBefore: now.Add(-backdate), notAfter: now.Add(serverValidity)})
	if err != nil {
		return identity{}, err
	}
	return identity{
		CACert: string(ca.certPEM), CAKey: string(caKey),
		ServerCert: string(serverCert), ServerKey: string(serverKey),
		ClientCert: string(clientCert), ClientKey: string(clientKey),
		HookCert: string(hookCert), HookKey: string(hookKey),
		ClientID:     clientID,
		ClientSecret: newUUID(),
		Conta:        randomDigits(9),
		Operacao:     "0" + randomDigits(6),
	}, nil
}

// firstNossoNumero picks where the account's nosso número sequence starts.
func firstNossoNumero() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return 1_000_000_000 + int64(binary.BigEndian.Uint64(b[:])%5_000_000_000)
}

// loadIdentity parses the PEMs of s.st.Identity.
func (s *Sim) loadIdentity() error {
	id := &s.st.Identity
	ca, err := loadAuthority([]byte(id.CACert), []byte(id.CAKey))
	if err != nil {
		return err
	}
	s.ca = ca
	s.serverCert, err = tls.X509KeyPair([]byte(id.ServerCert), []byte(id.ServerKey))
	if err != nil {
		return err
	}
	if _, err := tls.X509KeyPair([]byte(id.ClientCert), []byte(id.ClientKey)); err != nil {
		return err
	}
	hook, err := tls.X509KeyPair([]byte(id.HookCert), []byte(id.HookKey))
	if err != nil {
		return err
	}
	s.callbackClient = s.cfg.CallbackClient
	if s.callbackClient == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{hook}}
		s.callbackClient = &http.Client{Transport: tr, Timeout: 10 * time.Second}
	}
	return nil
}

// Start serves HTTPS on addr (for example "127.0.0.1:0"). Every connection
// must present a client certificate issued by the simulator's CA.
func (s *Sim) Start(addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("o simulador já foi encerrado")
	}
	if s.srv != nil {
		return errors.New("o simulador já está em execução")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("não foi possível atender em %s: %w", addr, err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.ca.cert)
	s.srv = &http.Server{
		Handler: http.HandlerFunc(s.serveHTTP),
		TLSConfig: &tls.Config{
			MinVersion:   tls.VersionTLS12,
			Certificates: []tls.Certificate{s.serverCert},
			ClientAuth:   tls.RequireAndVerifyClientCert,
			ClientCAs:    pool,
		},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	s.url = "https://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	srv := s.srv
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("simulador parou de atender", "err", err)
		}
	}()
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	s.log.Info("simulador do Banco Inter no ar", "url", s.url, "profile", string(s.cfg.Profile))
	return nil
}

// URL is the base URL, "https://127.0.0.1:PORT"; empty before Start.
func (s *Sim) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops serving (requests left hanging by the timeout fault end too),
// stops the callback sender and saves the state.
func (s *Sim) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	srv, cancel := s.srv, s.cancel
	s.mu.Unlock()
	var err error
	if cancel != nil {
		cancel()
	}
	if srv != nil {
		err = srv.Close()
	}
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.StateFile != "" {
		if serr := saveState(s.cfg.StateFile, &s.st); serr != nil && err == nil {
			err = serr
		}
	}
	return err
}

// Credentials returns the base URL, the client id and secret, the conta
// corrente and the PEMs a client needs.
func (s *Sim) Credentials() Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.st.Identity
	return Credentials{
		BaseURL:       s.url,
		ClientID:      id.ClientID,
		ClientSecret:  id.ClientSecret,
		ContaCorrente: id.Conta,
		CACertPEM:     []byte(id.CACert),
		ClientCertPEM: []byte(id.ClientCert),
		ClientKeyPEM:  []byte(id.ClientKey),
	}
}

// clientFile is client.json.
type clientFile struct {
	BaseURL       string `json:"baseUrl"`
	ClientID      string `json:"clientId"`
	ClientSecret  string `json:"clientSecret"`
	ContaCorrente string `json:"contaCorrente"`
}

// WriteFiles writes ca.crt, client.crt, client.key (0600) and client.json
// (0600, it holds the secret) into dir, creating it.
func (s *Sim) WriteFiles(dir string) error {
	cr := s.Credentials()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("não foi possível criar a pasta %s: %w", dir, err)
	}
	meta, err := json.MarshalIndent(clientFile{cr.BaseURL, cr.ClientID, cr.ClientSecret, cr.ContaCorrente}, "", "  ")
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
		perm os.FileMode
	}{
		{"ca.crt", cr.CACertPEM, 0o644},
		{"client.crt", cr.ClientCertPEM, 0o644},
		{"client.key", cr.ClientKeyPEM, 0o600},
		{"client.json", append(meta, '\n'), 0o600}, // written last: its presence means the set is complete
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data, f.perm); err != nil {
			return fmt.Errorf("não foi possível gravar %s em %s: %w", f.name, dir, err)
		}
	}
	return nil
}

// IssueClientCert issues another client certificate from the simulator's CA
// with the given validity (for tests: an expired certificate).
func (s *Sim) IssueClientCert(notBefore, notAfter time.Time) (certPEM, keyPEM []byte, err error) {
	return s.ca.issue(leafOptions{kind: clientLeaf, name: "cliente-extra", notBefore: notBefore, notAfter: notAfter})
}

// SetFaults replaces the faults; the generator restarts from the new seed.
func (s *Sim) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyFaults(f)
}

func (s *Sim) applyFaults(f Faults) {
	seed := f.Seed
	if seed == 0 {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			panic(err)
		}
		seed = int64(binary.BigEndian.Uint64(b[:]) >> 1)
		if f != (Faults{}) {
			s.log.Info("falhas com semente aleatória", "seed", seed)
		}
	}
	s.faults = f
	s.dice = newDice(seed)
	s.stuckUntil = time.Time{}
	if f.StuckProcessing > 0 {
		s.stuckUntil = s.now().Add(f.StuckProcessing)
	}
}

// RevokeTokens invalidates every token issued so far: they answer 401.
func (s *Sim) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// Stats returns a copy of the counters.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.stats
	out.Requests = make(map[string]int, len(s.stats.Requests))
	for k, v := range s.stats.Requests {
		out.Requests[k] = v
	}
	return out
}

// markDirty records that the state changed and must be saved.
func (s *Sim) markDirty() { s.dirty = true }

// persist saves the state if it changed. Callers hold s.mu.
func (s *Sim) persist() {
	if !s.dirty || s.cfg.StateFile == "" {
		s.dirty = false
		return
	}
	s.dirty = false
	if err := saveState(s.cfg.StateFile, &s.st); err != nil {
		s.log.Error("não foi possível gravar o estado do simulador", "err", err, "file", s.cfg.StateFile)
	}
}

// wake asks the background loop to run now.
func (s *Sim) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// loopInterval is how often, in real time, the background loop applies the
// clock (processing, due dates, callback retries).
const loopInterval = 50 * time.Millisecond

// loop advances the state with the clock and sends the callbacks.
func (s *Sim) loop(ctx context.Context) {
	t := time.NewTicker(loopInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick:
		}
		s.mu.Lock()
		s.advance(s.now())
		due := s.dueDeliveries(s.now())
		s.persist()
		s.mu.Unlock()
		for _, d := range due {
			s.send(ctx, d)
		}
	}
}

// discard drains a body so the connection can be reused.
func discard(r io.Reader) { _, _ = io.Copy(io.Discard, io.LimitReader(r, 1<<20)) }
