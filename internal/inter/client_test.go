package inter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewClientValidation(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, nil)
	p := testPKI(t)
	expiredCA := p.root
	_, expiredPEM := expiredCA.issue(t, "vencido", p.ecKey.Public(), false, time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour))
	expired, err := LoadKeyPair(expiredPEM, pemKey(t, p.ecKey, "sec1"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string // in UserMessage
	}{
		{"no base url", func(c *Config) { c.BaseURL = "" }, "ambiente"},
		{"http", func(c *Config) { c.BaseURL = "http://127.0.0.1:1" }, "https://"},
		{"no client id", func(c *Config) { c.ClientID = "" }, "client id"},
		{"no secret", func(c *Config) { c.ClientSecret = " " }, "client secret"},
		{"no certificate", func(c *Config) { c.Certificate.Certificate = nil }, "Nenhum certificado"},
		{"expired", func(c *Config) { c.Certificate = expired }, "O certificado venceu em"},
		{"bad conta", func(c *Config) { c.ContaCorrente = "12a45" }, "conta corrente"},
		{"bad profile", func(c *Config) { c.Profile = "turbo" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := bank.config(t)
			tt.mutate(&cfg)
			c, err := NewClient(cfg)
			if err == nil {
				c.Close()
				t.Fatal("accepted")
			}
			if !strings.Contains(UserMessage(err), tt.want) {
				t.Errorf("message %q lacks %q", UserMessage(err), tt.want)
			}
		})
	}
	cfg := bank.config(t)
	cfg.ContaCorrente = " 000123.456-7 "
	cfg.BaseURL = bank.srv.URL + "/"
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.conta != "1234567" || c.baseURL != bank.srv.URL {
		t.Errorf("conta %q base %q", c.conta, c.baseURL)
	}
	if c.maxRetries != DefaultMaxRetries || c.rateBackoff != 20*time.Millisecond {
		t.Errorf("defaults: retries %d backoff %v", c.maxRetries, c.rateBackoff)
	}
	if c.http.Timeout != 5*time.Second {
		t.Errorf("timeout %v", c.http.Timeout)
	}
	tlsConf := c.transport.TLSClientConfig
	if tlsConf.InsecureSkipVerify || tlsConf.MinVersion < 0x0303 || tlsConf.RootCAs == nil {
		t.Errorf("tls config %+v", tlsConf)
	}
}

func TestNoRootCAsMeansSystemRoots(t *testing.T) {
	t.Parallel()
	// Without RootCAs, the test CA is not trusted: the bank's identity
	// cannot be verified and nothing is sent.
	bank := newFakeBank(t, okGet)
	c := bank.client(t, func(c *Config) { c.RootCAs = nil })
	_, err := c.Get(context.Background(), "c1")
	if AuthHint(err) != HintServerCert || IsRetryable(err) {
		t.Fatalf("err = %v, hint %q", err, AuthHint(err))
	}
	if !strings.Contains(UserMessage(err), "identidade do servidor") {
		t.Errorf("message %q", UserMessage(err))
	}
	if bank.tokenCalls.Load() != 0 {
		t.Error("a request went through an untrusted connection")
	}
}

func TestConfigStringRedacts(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, nil)
	cfg := bank.config(t)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", &cfg)} {
		if strings.Contains(s, testClientSecret) || strings.Contains(s, "PRIVATE") || strings.Contains(s, "PrivateKey") {
			t.Errorf("Config printed with a secret: %s", s)
		}
	}
}

func Test5xxOnGetRetriedWithBackoff(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			writeJSON(w, 503, `{"title":"Serviço Indisponível","status":503}`)
		case 2:
			writeJSON(w, 502, "<html>bad gateway</html>")
		default:
			okGet(w, r)
		}
	})
	c := bank.client(t, func(c *Config) { c.RetryBackoff = 40 * time.Millisecond })
	start := time.Now()
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	// Back-off: [20,40] ms then [40,80] ms.
	if el := time.Since(start); el < 60*time.Millisecond {
		t.Errorf("retries after %v: no back-off", el)
	}
	if n.Load() != 3 {
		t.Errorf("%d calls, want 3", n.Load())
	}
}

func Test5xxOnGetGivesUp(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, `{"title":"Erro Interno","status":500}`)
	})
	c := bank.client(t, func(c *Config) { c.MaxRetries = 4 })
	_, err := c.Get(context.Background(), "c1")
	var e *Error
	if !errors.As(err, &e) || e.Status != 500 || !IsRetryable(err) || IsPossiblySent(err) {
		t.Fatalf("err = %v", err)
	}
	if n := bank.apiCalls.Load(); n != 5 {
		t.Errorf("%d calls, want 5", n)
	}
	if !strings.Contains(UserMessage(err), "instabilidade") {
		t.Errorf("message %q", UserMessage(err))
	}
}

func Test5xxOnEmissionNotRetriedAndPossiblySent(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, status, "") })
			_, err := bank.client(t).Emit(context.Background(), sampleEmit(t))
			if !IsPossiblySent(err) || !errors.Is(err, ErrPossiblySent) || IsRetryable(err) {
				t.Fatalf("err = %v", err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Status != status {
				t.Errorf("inner error %+v", e)
			}
			if n := bank.apiCalls.Load(); n != 1 {
				t.Errorf("emission sent %d times, want 1", n)
			}
			if !strings.Contains(UserMessage(err), "conferido no banco") {
				t.Errorf("message %q", UserMessage(err))
			}
		})
	}
}

func Test5xxOnCancelNotRetried(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 503, "") })
	err := bank.client(t).Cancel(context.Background(), "c1", "motivo")
	if err == nil || IsPossiblySent(err) || bank.apiCalls.Load() != 1 {
		t.Fatalf("err = %v, calls %d", err, bank.apiCalls.Load())
	}
}

func Test400OnEmissionIsDefinite(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"title":"Dados inválidos.","violacoes":[{"razao":"deve ser maior ou igual a 2.5","propriedade":"valorNominal","valor":"1"}]}`)
	})
	_, err := bank.client(t).Emit(context.Background(), sampleEmit(t))
	if err == nil || IsPossiblySent(err) || IsRetryable(err) || bank.apiCalls.Load() != 1 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(UserMessage(err), "valorNominal: deve ser maior ou igual a 2.5") {
		t.Errorf("message %q", UserMessage(err))
	}
}

// hijackAndClose stores the request (reads it whole) and cuts the connection
// before answering.
func hijackAndClose(stored *atomic.Int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		stored.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		conn.Close()
	}
}

func TestConnectionCutAfterStoreOnEmission(t *testing.T) {
	t.Parallel()
	var stored atomic.Int64
	bank := newFakeBank(t, hijackAndClose(&stored))
	_, err := bank.client(t).Emit(context.Background(), sampleEmit(t))
	if !IsPossiblySent(err) {
		t.Fatalf("err = %v, want possibly sent", err)
	}
	if stored.Load() != 1 {
		t.Errorf("emission stored %d times, want 1 (never re-sent)", stored.Load())
	}
	var e *Error
	if !errors.As(err, &e) || e.Status != 0 || e.Err == nil {
		t.Errorf("inner %+v", e)
	}
}

func TestConnectionCutOnGetIsRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	cut := hijackAndClose(new(atomic.Int64))
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			cut(w, r)
			return
		}
		okGet(w, r)
	})
	if _, err := bank.client(t).Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if n.Load() < 2 {
		t.Errorf("%d calls", n.Load())
	}
}

func TestClientTimeoutOnEmission(t *testing.T) {
	t.Parallel()
	var stored atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		stored.Add(1)
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	c := bank.client(t, func(c *Config) { c.Timeout = 200 * time.Millisecond })
	start := time.Now()
	_, err := c.Emit(context.Background(), sampleEmit(t))
	if !IsPossiblySent(err) {
		t.Fatalf("err = %v, want possibly sent", err)
	}
	if time.Since(start) > 2*time.Second || stored.Load() != 1 {
		t.Errorf("took %v, stored %d", time.Since(start), stored.Load())
	}
}

func TestContextCancelledAfterSendOnEmission(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	c := bank.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Emit(ctx, sampleEmit(t))
	if !IsPossiblySent(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

// TestEmissionNotSentIsNotPossiblySent: when the connection cannot even be
// made nothing reached the bank, so the emission is retried and its final
// error is a plain network failure.
func TestEmissionNotSentIsNotPossiblySent(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"codigoSolicitacao":"c1"}`) })
	c := bank.client(t)
	if err := c.Authenticate(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Point the client at a closed port, keeping the token.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c.baseURL = "https://" + addr
	_, err = c.Emit(context.Background(), sampleEmit(t))
	if err == nil || IsPossiblySent(err) || !IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(UserMessage(err), "Verifique a conexão") {
		t.Errorf("message %q", UserMessage(err))
	}
}

func TestEmissionUnreadableAnswerIsPossiblySent(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{"garbage": "{not json", "no code": `{}`} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, body) })
			_, err := bank.client(t).Emit(context.Background(), sampleEmit(t))
			if !IsPossiblySent(err) || bank.apiCalls.Load() != 1 {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestLogsCarryNoSecrets runs token fetch, emission, list by payer, a
// renewal after 401 and errors through a JSON logger and checks what it
// wrote.
func TestLogsCarryNoSecrets(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", fmt.Sprintf("rid-%d", n.Add(1)))
		switch {
		case r.Method == http.MethodPost:
			writeJSON(w, 200, `{"codigoSolicitacao":"cod-777"}`)
		case strings.HasSuffix(r.URL.Path, "/cobrancas"):
			writeJSON(w, 200, `{"totalPaginas":1,"ultimaPagina":true,"cobrancas":[]}`)
		default:
			writeJSON(w, 400, `{"title":"Dados inválidos.","violacoes":[{"razao":"inválido","propriedade":"pagador.cpfCnpj","valor":"98765432100"}]}`)
		}
	})
	var buf logBuffer
	c := bank.client(t, func(c *Config) { c.Logger = newLogger(&buf); c.ContaCorrente = "555" })
	c.tokens.limiter.SetLimit(1e9)
	ctx := context.Background()
	req := sampleEmit(t)
	req.Pagador.Nome, req.Pagador.CpfCnpj = "Joana Sigilosa", "98765432100"
	if _, err := c.Emit(ctx, req); err != nil {
		t.Fatal(err)
	}
	bank.revokeAll()
	if _, err := c.List(ctx, ListParams{DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31"),
		PessoaPagadora: "Joana Sigilosa", CpfCnpjPessoaPagadora: "98765432100"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "cod-777"); err == nil {
		t.Fatal("want a 400")
	}
	logs := buf.String()
	for _, secret := range []string{testClientSecret, "access-token-", "Bearer", "Authorization", "authorization",
		"Joana", "Sigilosa", "98765432100", "PRIVATE KEY", "client_secret"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	for _, want := range []string{`"path":"/cobranca/v3/cobrancas"`, `"path":"/cobranca/v3/cobrancas/{codigoSolicitacao}"`,
		`"request_id":"rid-1"`, `"attempt":2`, `"status":401`, `"status":400`, `"path":"/oauth/v2/token"`, `"id":"cod-777"`, `"duration"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}
