package accounts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/issuing"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

// Client returns the bank client of an account with the direct integration
// on. Clients are cached per account and shared (an *inter.Client is safe
// for concurrent use and keeps one token); a change of the account (here or
// by another process) builds a new one. Errors are *apperr.Error in pt-BR.
func (s *Service) Client(ctx context.Context, id int64) (*inter.Client, error) {
	a, err := s.store.GetAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.DirectIntegration {
		return nil, apperr.New(apperr.CodeInvalid, fmt.Sprintf(
			"A conta “%s” está com a integração direta desligada: ela guarda rascunhos e imprime, mas não envia boletos ao banco. Ligue a integração na configuração da conta.", a.Name))
	}
	version := fingerprint(a)
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	if c, ok := s.clients[id]; ok && c.version == version {
		return c.client, nil
	}
	cl, err := s.newClient(ctx, a, 0, 0)
	if err != nil {
		return nil, err
	}
	if old, ok := s.clients[id]; ok {
		old.client.Close()
	}
	s.clients[id] = &cachedClient{client: cl, version: version}
	return cl, nil
}

// dropClient closes and forgets the cached client of an account.
func (s *Service) dropClient(id int64) {
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	if c, ok := s.clients[id]; ok {
		c.client.Close()
		delete(s.clients, id)
	}
}

// fingerprint identifies what a client is built from.
func fingerprint(a store.Account) string {
	h := sha256.New()
	for _, v := range []string{string(a.Environment), a.SimulatorURL, a.SimulatorCAPEM, a.ClientID,
		a.CheckingAccount, a.Certificate.PEM, a.UpdatedAt.Format(time.RFC3339Nano)} {
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// newClient builds a client from the row and the keychain (or, for the
// demo, from the built-in simulator). maxRetries and timeout override the
// client's defaults when not zero.
func (s *Service) newClient(ctx context.Context, a store.Account, maxRetries int, timeout time.Duration) (*inter.Client, error) {
	cfg := inter.Config{
		ClientID:      a.ClientID,
		ContaCorrente: a.CheckingAccount,
		Logger:        s.log.With("account", a.ID),
		Now:           s.now,
		Timeout:       s.opts.ClientTimeout,
		MaxRetries:    maxRetries,
	}
	if timeout > 0 {
		cfg.Timeout = timeout
	}
	demoURL := ""
	if a.Environment == store.EnvDemo {
		creds, err := s.demoCredentials()
		if err != nil {
			return nil, err
		}
		pair, err := inter.LoadKeyPair(creds.ClientCertPEM, creds.ClientKeyPEM)
		if err != nil {
			return nil, apperr.Wrap(apperr.CodeInternal, err, "Os certificados do simulador da demonstração estão danificados. Apague a pasta demo dentro da pasta de dados para recriá-los.")
		}
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(creds.CACertPEM)
		cfg.ClientID, cfg.ClientSecret, cfg.ContaCorrente = creds.ClientID, creds.ClientSecret, creds.ContaCorrente
		cfg.Certificate, cfg.RootCAs, cfg.Profile = pair, roots, inter.ProfileUnlimited
		demoURL = creds.BaseURL
	} else {
		if a.ClientID == "" || a.Certificate.PEM == "" {
			return nil, apperr.New(apperr.CodeInvalid, fmt.Sprintf(
				"A conta “%s” ainda não tem as credenciais da integração (client id, client secret, certificado e chave). Edite a conta e importe o ZIP baixado no Internet Banking do Inter.", a.Name))
		}
		secret, err := s.keys.Get(ctx, secretKey(a.ID))
		if errors.Is(err, keychain.ErrNotFound) {
			return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
				"O client secret da conta “%s” não está no cofre de senhas do sistema. Edite a conta e informe-o de novo.", a.Name))
		}
		if err != nil {
			return nil, err
		}
		cfg.ClientSecret = string(secret)
		clear(secret)
		bundle, err := s.keys.Get(ctx, keyKey(a.ID))
		if errors.Is(err, keychain.ErrNotFound) {
			return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
				"A chave privada da conta “%s” não está no cofre de senhas do sistema. Edite a conta e importe de novo o certificado e a chave.", a.Name))
		}
		if err != nil {
			return nil, err
		}
		pair, err := inter.LoadKeyPair(bundle, bundle)
		clear(bundle)
		if err != nil {
			return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
				"A chave guardada da conta “%s” está danificada. Edite a conta e importe de novo o certificado e a chave.", a.Name))
		}
		if leaf := rowLeaf(a); leaf != nil && !bytes.Equal(leaf.Raw, pair.Certificate[0]) {
			// The key travels with its own certificate, so the pair is
			// consistent; the row is from before an interrupted update.
			s.log.Warn("account: the certificate in the keychain differs from the stored one; using the keychain's", "account", a.ID)
		}
		cfg.Certificate = pair
		if a.Environment == store.EnvSimulator {
			roots, ok := rootsFromPEM(a.SimulatorCAPEM)
			if !ok {
				return nil, apperr.New(apperr.CodeInvalid, fmt.Sprintf(
					"A autoridade certificadora do simulador da conta “%s” não pôde ser lida. Edite a conta e informe o ca.crt do simulador.", a.Name))
			}
			cfg.RootCAs = roots
		}
	}
	base, err := baseURL(a, demoURL)
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O endereço da conta “%s” não combina com o ambiente dela. Edite a conta e confira o ambiente e o endereço do simulador.", a.Name))
	}
	cfg.BaseURL = base
	if err := checkRoute(a.Environment, cfg); err != nil {
		return nil, apperr.Wrap(apperr.CodeInternal, err, "A conta está configurada de um jeito inconsistente e não foi usada. Edite a conta e salve de novo.")
	}
	cl, err := inter.NewClient(cfg)
	if err != nil {
		return nil, clientError(err, a)
	}
	return cl, nil
}

// checkRoute is the last guard before a client exists: production and
// sandbox accounts reach only the bank, with the system's roots; simulator
// and demo accounts never reach the bank, and the demo only this computer.
func checkRoute(env store.Environment, cfg inter.Config) error {
	host := strings.TrimPrefix(cfg.BaseURL, "https://")
	if i := strings.IndexAny(host, "/"); i >= 0 {
		host = host[:i]
	}
	hostname := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		hostname = h
	}
	switch env {
	case store.EnvProduction:
		if cfg.BaseURL != inter.Production || cfg.RootCAs != nil {
			return fmt.Errorf("production account routed to %q", cfg.BaseURL)
		}
	case store.EnvSandbox:
		if cfg.BaseURL != inter.Sandbox || cfg.RootCAs != nil {
			return fmt.Errorf("sandbox account routed to %q", cfg.BaseURL)
		}
	case store.EnvSimulator, store.EnvDemo:
		if isInterHost(hostname) || cfg.BaseURL == inter.Production || cfg.BaseURL == inter.Sandbox || cfg.RootCAs == nil {
			return fmt.Errorf("%s account routed to the bank (%q)", env, cfg.BaseURL)
		}
		if env == store.EnvDemo {
			if ip := net.ParseIP(hostname); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("demo account routed off this computer (%q)", cfg.BaseURL)
			}
		}
	default:
		return fmt.Errorf("unknown environment %q", env)
	}
	return nil
}

// clientError turns an error of inter.NewClient into a pt-BR input error.
func clientError(err error, a store.Account) error {
	var ce *inter.CertError
	var ie *inter.InputError
	switch {
	case errors.Is(err, inter.ErrCertExpired):
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("O certificado da conta “%s” venceu. %s", a.Name, RenewalPath))
	case errors.As(err, &ce):
		return apperr.Wrap(apperr.CodeInvalid, err, ce.Message)
	case errors.As(err, &ie):
		return apperr.Wrap(apperr.CodeInvalid, err, ie.Message)
	}
	return apperr.Wrap(apperr.CodeInternal, err, "Não foi possível preparar a conexão com o banco. Tente de novo; se continuar, consulte o arquivo de registro (boletos.log).")
}

// rowLeaf parses the leaf of the stored chain.
func rowLeaf(a store.Account) *x509.Certificate {
	block, _ := pem.Decode([]byte(a.Certificate.PEM))
	if block == nil {
		return nil
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil
	}
	return leaf
}

// TestResult is the answer of "Testar conexão".
type TestResult struct {
	OK      bool
	Message string   // pt-BR: success, or the cause and what to do
	Steps   []string // pt-BR, one line per step done (the last one failed when !OK)
}

// testTimeout bounds the whole test; the client makes no retries in a test,
// so that the cause shows at once.
const (
	testTimeout        = 45 * time.Second
	testAttemptTimeout = 20 * time.Second
)

// Test is "Testar conexão": it loads the certificate and secrets, builds a
// fresh client (not the cached one, so that the stored credentials are what
// is tested, not a token obtained earlier), fetches a token and calls the
// cheapest read endpoint (one charge of today). A failure is a TestResult
// with OK false and the exact cause; the error is for a missing account or
// a cancelled call only.
func (s *Service) Test(ctx context.Context, id int64) (TestResult, error) {
	a, err := s.store.GetAccount(ctx, id)
	if err != nil {
		return TestResult{}, err
	}
	var res TestResult
	fail := func(step, msg string) (TestResult, error) {
		res.Steps = append(res.Steps, "Falhou: "+step)
		res.Message = msg
		s.log.Info("account: connection test failed", "account", id, "step", step)
		return res, nil
	}
	if a.Environment != store.EnvDemo {
		c := s.Certificate(a)
		switch {
		case c == nil:
			return fail("sem certificado", fmt.Sprintf(
				"A conta “%s” ainda não tem o certificado e a chave da integração. Edite a conta e importe o ZIP baixado no Internet Banking do Inter (ou o .crt e o .key, ou o .pfx).", a.Name))
		case c.Status == CertExpired || c.Status == CertNotYetValid:
			return fail("certificado fora da validade", c.Message)
		}
		res.Steps = append(res.Steps, fmt.Sprintf("Certificado da integração válido até %s (%s).", brDate(c.NotAfter), daysText(c.DaysLeft)))
	}
	ctx, cancel := context.WithTimeout(ctx, testTimeout)
	defer cancel()
	cl, err := s.newClient(ctx, a, -1, testAttemptTimeout)
	if err != nil {
		if ctx.Err() != nil {
			return TestResult{}, err
		}
		_, msg := apperr.Describe(err)
		return fail("credenciais", msg)
	}
	defer cl.Close()
	if a.Environment == store.EnvDemo {
		res.Steps = append(res.Steps, "Simulador da conta de demonstração no ar neste computador.")
	} else {
		res.Steps = append(res.Steps, "Client secret e chave privada lidos do cofre de senhas do sistema.")
	}
	if err := cl.Authenticate(ctx); err != nil {
		return s.testFailure(ctx, res, a, "token de acesso", err)
	}
	res.Steps = append(res.Steps, "O banco autenticou a integração e entregou o token de acesso.")
	today := boleto.Today(s.now())
	if _, err := cl.List(ctx, inter.ListParams{DataInicial: today, DataFinal: today, ItensPorPagina: 1}); err != nil {
		return s.testFailure(ctx, res, a, "consulta de cobranças", err)
	}
	res.Steps = append(res.Steps, "A consulta de cobranças (API Cobrança Boleto com Pix) respondeu.")
	res.OK = true
	switch a.Environment {
	case store.EnvProduction:
		res.Message = "Conexão com o Banco Inter (produção) funcionando: o banco autenticou a integração e respondeu à consulta de cobranças."
	case store.EnvSandbox:
		res.Message = "Conexão com o sandbox do Banco Inter funcionando: o banco autenticou a integração e respondeu à consulta de cobranças."
	case store.EnvSimulator:
		res.Message = "Conexão com o simulador funcionando (simulação: nada é enviado ao banco): ele autenticou a integração e respondeu à consulta de cobranças."
	default:
		res.Message = "Conta de demonstração funcionando: o simulador embutido respondeu (simulação: nada é enviado ao banco)."
	}
	s.log.Info("account: connection test passed", "account", id)
	return res, nil
}

// testFailure explains why the bank refused or could not be reached.
func (s *Service) testFailure(ctx context.Context, res TestResult, a store.Account, step string, err error) (TestResult, error) {
	if errors.Is(ctx.Err(), context.Canceled) {
		return TestResult{}, ctx.Err()
	}
	s.log.Info("account: connection test failed", "account", a.ID, "step", step, "err", err)
	msg := testCause(a, err)
	hint := inter.AuthHint(err)
	if hint == "" {
		who, from := "o banco", "do banco"
		if a.Environment == store.EnvSimulator || a.Environment == store.EnvDemo {
			who, from = "o simulador", "do simulador"
		}
		hint = "sem resposta " + from
		var e *inter.Error
		if errors.As(err, &e) && e.Status != 0 {
			hint = fmt.Sprintf("%s respondeu com o erro %d", who, e.Status)
		}
	}
	res.Steps = append(res.Steps, "Falhou: "+step+" — "+hint+".")
	res.Message = msg
	return res, nil
}

// testCause is the pt-BR cause of a failed test, with what to do.
func testCause(a store.Account, err error) string {
	sim := a.Environment == store.EnvSimulator || a.Environment == store.EnvDemo
	switch inter.AuthHint(err) {
	case inter.HintScope:
		return "O banco negou o acesso: a integração não tem a permissão “API Cobrança Boleto com Pix”. No Internet Banking do Inter (Soluções para sua empresa → Gestão de Integrações), edite a integração, selecione todas as opções de “API Cobrança Boleto com Pix”, salve e teste de novo."
	case inter.HintCredentials:
		if sim {
			return "O simulador recusou a autenticação: client id ou secret errados. Confira o client id e o client secret no arquivo client.json que o comando boletos sim grava."
		}
		return inter.UserMessage(err) + " Se a integração acabou de ser criada, aguarde o status “Ativo” na Gestão de Integrações e teste de novo."
	case inter.HintCertificate:
		if sim {
			return "O simulador recusou o certificado da integração: ele não foi emitido pela autoridade certificadora deste simulador. Importe o client.crt e o client.key que o comando boletos sim grava."
		}
		return inter.UserMessage(err)
	case inter.HintServerCert:
		if sim {
			return "Não foi possível confirmar a identidade do simulador: a autoridade certificadora informada na conta não é a dele. Informe o ca.crt que o comando boletos sim grava."
		}
		return inter.UserMessage(err)
	}
	var e *inter.Error
	if errors.As(err, &e) && e.Status == 0 && sim && !errors.Is(err, context.DeadlineExceeded) {
		if a.Environment == store.EnvDemo {
			return "O simulador da conta de demonstração não respondeu. Feche e abra o programa de novo."
		}
		return fmt.Sprintf("Não foi possível falar com o simulador em %s: ele não está em execução ou o endereço mudou. Inicie-o (boletos sim), confira o endereço na conta e teste de novo.", a.SimulatorURL)
	}
	return inter.UserMessage(err)
}

// BankClients is Client as the issuing outbox and the retorno poller ask
// for it: the bank of an account by id.
func (s *Service) BankClients() issuing.Clients {
	return issuing.ClientFunc(func(ctx context.Context, id int64) (issuing.Bank, error) {
		c, err := s.Client(ctx, id)
		if err != nil {
			return nil, err // not a typed nil inside the interface
		}
		return c, nil
	})
}
