package intersim

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// newClock starts at 2026-03-10 10:00 in São Paulo (a Tuesday).
func newClock() *clock {
	return &clock{t: time.Date(2026, time.March, 10, 10, 0, 0, 0, boleto.SaoPaulo)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// today is the fake clock's São Paulo date.
func (c *clock) today() boleto.Date { return boleto.Today(c.Now()) }

// startSim starts a simulator on loopback with a fake clock (unless cfg has
// one) and closes it when the test ends.
func startSim(t *testing.T, cfg Config) (*Sim, *clock) {
	t.Helper()
	clk := newClock()
	if cfg.Now == nil {
		cfg.Now = clk.Now
	}
	if cfg.Profile == "" {
		cfg.Profile = ProfileUnlimited
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, clk
}

// httpClient is a plain net/http client with the given client certificate
// (none when certPEM is nil) that trusts the simulator's CA.
func httpClient(t *testing.T, caPEM, certPEM, keyPEM []byte, h2 bool) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatal("bad CA PEM")
	}
	cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if certPEM != nil {
		pair, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	tr := &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: h2, DisableKeepAlives: false}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// api talks to a simulator as its account holder.
type api struct {
	t      *testing.T
	s      *Sim
	cr     Credentials
	client *http.Client
	token  string
	// renew fetches a new token once on 401 and retries, as a client with a
	// token cache does when the fake clock jumps past the token's life.
	renew bool
}

func newAPI(t *testing.T, s *Sim) *api {
	t.Helper()
	cr := s.Credentials()
	a := &api{t: t, s: s, cr: cr, client: httpClient(t, cr.CACertPEM, cr.ClientCertPEM, cr.ClientKeyPEM, false), renew: true}
	a.token = a.fetchToken(scopeRead + " " + scopeWrite)
	return a
}

// tokenCall posts the token form and returns status, body.
func (a *api) tokenCall(id, secret, scope string) (int, http.Header, []byte) {
	a.t.Helper()
	form := url.Values{"client_id": {id}, "client_secret": {secret}, "grant_type": {"client_credentials"}, "scope": {scope}}
	resp, err := a.client.Post(a.cr.BaseURL+"/oauth/v2/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func (a *api) fetchToken(scope string) string {
	a.t.Helper()
	status, _, body := a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scope)
	if status != http.StatusOK {
		a.t.Fatalf("token: %d %s", status, body)
	}
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		a.t.Fatal(err)
	}
	return tr.AccessToken
}

// result is an HTTP answer.
type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// problem decodes a Problema body.
func (r result) problem(t *testing.T) problema {
	t.Helper()
	var p problema
	r.decode(t, &p)
	return p
}

// send makes an API call; body is marshalled to JSON unless it is a
// string, sent as is.
func (a *api) send(method, path string, body any) (result, error) {
	r, err := a.sendOnce(method, path, body)
	if err == nil && r.status == http.StatusUnauthorized && a.renew && a.token != "" {
		a.token = a.fetchToken(scopeRead + " " + scopeWrite)
		return a.sendOnce(method, path, body)
	}
	return r, err
}

func (a *api) sendOnce(method, path string, body any) (result, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, a.cr.BaseURL+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return result{status: resp.StatusCode, header: resp.Header, body: data}, err
}

func (a *api) do(method, path string, body any) result {
	a.t.Helper()
	r, err := a.send(method, path, body)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

const cobrancas = "/cobranca/v3/cobrancas"

// emit posts a charge and returns its codigoSolicitacao.
func (a *api) emit(body map[string]any) string {
	a.t.Helper()
	r := a.do("POST", cobrancas, body)
	if r.status != http.StatusOK {
		a.t.Fatalf("emit: %d %s", r.status, r.body)
	}
	var out struct{ CodigoSolicitacao string }
	r.decode(a.t, &out)
	if !isUUID(out.CodigoSolicitacao) || out.CodigoSolicitacao[14] != '4' {
		a.t.Fatalf("codigoSolicitacao %q is not a UUID v4", out.CodigoSolicitacao)
	}
	return out.CodigoSolicitacao
}

// detailOf fetches a charge as a generic map and as the typed detail.
func (a *api) detail(code string) detailJSON {
	a.t.Helper()
	r := a.do("GET", cobrancas+"/"+code, nil)
	if r.status != http.StatusOK {
		a.t.Fatalf("detail: %d %s", r.status, r.body)
	}
	var d detailJSON
	r.decode(a.t, &d)
	return d
}

// detailJSON is the detail as a client reads it.
type detailJSON struct {
	Cobranca struct {
		CodigoSolicitacao  string
		SeuNumero          string
		DataEmissao        string
		DataVencimento     string
		ValorNominal       json.Number
		Situacao           string
		DataSituacao       string
		ValorTotalRecebido string
		OrigemRecebimento  string
		MotivoCancelamento string
		Descontos          []map[string]any
		Multa              map[string]any
		Mora               map[string]any
		Pagador            map[string]string
	}
	Boleto *struct{ NossoNumero, CodigoBarras, LinhaDigitavel string }
	Pix    *struct{ Txid, PixCopiaECola string }
}

// validCPF and validCNPJ pass the check digits.
const (
	validCPF  = "12345678909"
	validCNPJ = "11222333000181"
)

// charge returns a valid emission body due on due.
func chargeBody(seu string, due boleto.Date) map[string]any {
	return map[string]any{
		"seuNumero":      seu,
		"valorNominal":   151.30,
		"dataVencimento": due.String(),
		"numDiasAgenda":  30,
		"pagador": map[string]any{
			"cpfCnpj": validCPF, "tipoPessoa": "FISICA", "nome": "Maria da Silva",
			"endereco": "Avenida Brasil, 1200", "bairro": "Centro", "cidade": "Belo Horizonte",
			"uf": "MG", "cep": "30110000", "email": "maria@example.com", "ddd": "31", "telefone": "999999999",
		},
	}
}

// eventually polls cond in real time until it holds or 5 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
