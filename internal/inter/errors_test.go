package inter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCheckResponseShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		header      map[string]string
		body        string
		wantTitle   string
		wantDetail  string
		wantCode    string
		wantViol    []Violation
		wantRetryIn time.Duration
	}{
		{
			name:   "problema with violacoes",
			status: 400,
			header: map[string]string{"X-Request-Id": "rid-1"},
			body: `{"title":"Dados inválidos.","status":400,"detail":"Verifique se os dados informados estão de acordo com a documentação disponibilizada e tente novamente.",
				"timestamp":"2023-09-26T18:06:11.692931-03:00",
				"violacoes":[{"razao":"Não foi possível converter o valor.","propriedade":"dataInicial","valor":"2023-13-01"},{"razao":"deve ser maior que 2.5","propriedade":"valorNominal","valor":1}]}`,
			wantTitle:  "Dados inválidos.",
			wantDetail: "Verifique se os dados informados estão de acordo com a documentação disponibilizada e tente novamente.",
			wantViol: []Violation{
				{Field: "dataInicial", Reason: "Não foi possível converter o valor.", Value: "2023-13-01"},
				{Field: "valorNominal", Reason: "deve ser maior que 2.5", Value: "1"},
			},
		},
		{name: "empty 400", status: 400, body: "", wantTitle: "Bad Request"},
		{name: "empty 401", status: 401, body: "", wantTitle: "Unauthorized"},
		{name: "message string", status: 429, header: map[string]string{"Retry-After": "7"}, body: `{"message":"Too Many Requests"}`, wantTitle: "Too Many Requests", wantRetryIn: 7 * time.Second},
		{name: "message array", status: 400, body: `{"message":["codigoBaixa: não pode ser nulo","outro erro"]}`, wantTitle: "codigoBaixa: não pode ser nulo; outro erro"},
		{name: "oauth error", status: 401, body: `{"error":"invalid_client","error_description":"Client authentication failed"}`, wantTitle: "Unauthorized", wantDetail: "Client authentication failed", wantCode: "invalid_client"},
		{name: "conta corrente", status: 400, body: `{"title":"Conta Corrente não informada! Favor adicionar o header x-conta-corrente com a conta desejada","timestamp":"2024-01-01T00:00:00"}`, wantTitle: "Conta Corrente não informada! Favor adicionar o header x-conta-corrente com a conta desejada"},
		{name: "problem+json 503", status: 503, body: `{"title":"Serviço Indisponível","status":503,"detail":"Serviço não está disponível no momento."}`, wantTitle: "Serviço Indisponível", wantDetail: "Serviço não está disponível no momento."},
		{name: "html gateway", status: 502, body: `<html><body>502 Bad Gateway</body></html>`, wantTitle: "Bad Gateway"},
		{name: "not json object", status: 500, body: `"oops"`, wantTitle: "Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			for k, v := range tt.header {
				rec.Header().Set(k, v)
			}
			rec.WriteHeader(tt.status)
			resp := rec.Result()
			err := checkResponse("GET", "/cobranca/v3/cobrancas", resp, []byte(tt.body))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Status != tt.status || e.Title != tt.wantTitle || e.Detail != tt.wantDetail || e.Code != tt.wantCode ||
				e.RetryAfter != tt.wantRetryIn || e.Method != "GET" || e.Path != "/cobranca/v3/cobrancas" {
				t.Errorf("got %+v", e)
			}
			if !reflect.DeepEqual(e.Violations, tt.wantViol) {
				t.Errorf("violations = %+v, want %+v", e.Violations, tt.wantViol)
			}
			if tt.header["X-Request-Id"] != e.RequestID {
				t.Errorf("request id = %q", e.RequestID)
			}
			if UserMessage(err) == "" {
				t.Error("empty user message")
			}
		})
	}
	rec := httptest.NewRecorder()
	rec.WriteHeader(204)
	if err := checkResponse("PUT", "/x", rec.Result(), nil); err != nil {
		t.Errorf("2xx gave %v", err)
	}
}

func TestErrorStringHidesViolationValues(t *testing.T) {
	t.Parallel()
	e := &Error{Method: "POST", Path: "/cobranca/v3/cobrancas", Status: 400, Title: "Dados inválidos.", RequestID: "r-9",
		Violations: []Violation{{Field: "pagador.cpfCnpj", Reason: "inválido", Value: "123.456.789-00"}}}
	s := e.Error()
	if strings.Contains(s, "123.456.789-00") {
		t.Errorf("Error() leaks a violation value: %s", s)
	}
	for _, want := range []string{"POST", "/cobranca/v3/cobrancas", "400", "pagador.cpfCnpj", "r-9"} {
		if !strings.Contains(s, want) {
			t.Errorf("Error() %q lacks %q", s, want)
		}
	}
	if m := UserMessage(e); !strings.Contains(m, "pagador.cpfCnpj: inválido") {
		t.Errorf("user message %q", m)
	}
}

// TestErrorShapesEndToEnd drives each error body through a real call.
func TestErrorShapesEndToEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		check  func(t *testing.T, e *Error, err error)
	}{
		{"problema 400", 400, `{"title":"Dados inválidos.","violacoes":[{"razao":"tamanho máximo 15","propriedade":"seuNumero","valor":"x"}]}`,
			func(t *testing.T, e *Error, err error) {
				if len(e.Violations) != 1 || e.Violations[0].Field != "seuNumero" || IsRetryable(err) || IsAuth(err) {
					t.Errorf("%+v", e)
				}
			}},
		{"empty 400", 400, "", func(t *testing.T, e *Error, err error) {
			if e.Title != "Bad Request" || !strings.Contains(UserMessage(err), "não informou o motivo") {
				t.Errorf("%+v / %s", e, UserMessage(err))
			}
		}},
		{"403 scope", 403, `{"title":"Acesso Negado","status":403,"detail":"Requisição de participante autenticado que viola alguma regra de autorização."}`,
			func(t *testing.T, e *Error, err error) {
				if !IsAuth(err) || AuthHint(err) != HintScope {
					t.Errorf("hint %q", AuthHint(err))
				}
			}},
		{"conta corrente", 400, `{"title":"Conta Corrente não informada! Favor adicionar o header x-conta-corrente com a conta desejada"}`,
			func(t *testing.T, e *Error, err error) {
				if AuthHint(err) != HintAccount || !strings.Contains(UserMessage(err), "conta corrente") {
					t.Errorf("hint %q msg %q", AuthHint(err), UserMessage(err))
				}
			}},
		{"404", 404, `{"title":"Não Encontrado","status":404,"detail":"Entidade não encontrada."}`,
			func(t *testing.T, e *Error, err error) {
				if !IsNotFound(err) || IsRetryable(err) {
					t.Errorf("%+v", e)
				}
			}},
		{"message array", 400, `{"message":["a","b"]}`, func(t *testing.T, e *Error, err error) {
			if e.Title != "a; b" {
				t.Errorf("title %q", e.Title)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Request-Id", "rid-"+tt.name)
				writeJSON(w, tt.status, tt.body)
			})
			_, err := bank.client(t).Get(context.Background(), "c1")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %T %v", err, err)
			}
			if e.Status != tt.status || e.RequestID != "rid-"+tt.name || e.Path != opGet.path || e.Method != "GET" {
				t.Errorf("error %+v", e)
			}
			tt.check(t, e, err)
			if bank.apiCalls.Load() != 1 {
				t.Errorf("%d calls for a 4xx, want 1", bank.apiCalls.Load())
			}
		})
	}
}

func TestEmpty401OnAPIRenewsOnceThenFails(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) })
	c := bank.client(t)
	c.tokens.limiter.SetLimit(1e9) // let the renewal through at once
	_, err := c.Get(context.Background(), "c1")
	var e *Error
	if !errors.As(err, &e) || e.Status != 401 || e.Title != "Unauthorized" {
		t.Fatalf("err = %v", err)
	}
	if !IsAuth(err) || AuthHint(err) != HintToken {
		t.Errorf("hint = %q", AuthHint(err))
	}
	if a, tk := bank.apiCalls.Load(), bank.tokenCalls.Load(); a != 2 || tk != 2 {
		t.Errorf("api calls %d (want 2), token calls %d (want 2)", a, tk)
	}
}

func TestOAuthErrorFromTokenEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		status     int
		hint       string
	}{
		{"invalid_client", `{"error":"invalid_client","error_description":"Bad credentials"}`, 401, HintCredentials},
		{"invalid_scope", `{"error":"invalid_scope","error_description":"escopo não permitido"}`, 400, HintScope},
		{"empty 401", ``, 401, HintCredentials},
		{"403 certificate", ``, 403, HintCertificate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			bank := newFakeBank(t, nil)
			bank.failTokens(func(w http.ResponseWriter) {
				w.Header().Set("X-Request-Id", "tok-rid")
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			})
			_, err := bank.client(t).Get(context.Background(), "c1")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %T %v", err, err)
			}
			if e.Path != tokenPath || e.Method != "POST" || e.Status != tt.status || e.RequestID != "tok-rid" {
				t.Errorf("error %+v", e)
			}
			if AuthHint(err) != tt.hint || !IsAuth(err) || IsRetryable(err) {
				t.Errorf("hint %q, want %q", AuthHint(err), tt.hint)
			}
			if strings.Contains(err.Error(), testClientSecret) || strings.Contains(UserMessage(err), testClientSecret) {
				t.Error("the secret leaked into the error")
			}
			if bank.apiCalls.Load() != 0 {
				t.Error("the API was called without a token")
			}
		})
	}
}

func TestClassifiers(t *testing.T) {
	t.Parallel()
	e := func(status int) error { return &Error{Method: "GET", Path: "/p", Status: status} }
	net := &Error{Method: "GET", Path: "/p", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name                            string
		err                             error
		retryable, rateLimit, auth, pos bool
	}{
		{"429", e(429), true, true, false, false},
		{"500", e(500), true, false, false, false},
		{"504", e(504), true, false, false, false},
		{"408", e(408), true, false, false, false},
		{"400", e(400), false, false, false, false},
		{"401", e(401), false, false, true, false},
		{"403", e(403), false, false, true, false},
		{"network", net, true, false, false, false},
		{"possibly sent", &possiblySent{e(502)}, false, false, false, true},
		{"wrapped", fmt.Errorf("issue X: %w", e(503)), true, false, false, false},
		{"canceled", &Error{Err: context.Canceled}, false, false, false, false},
		{"plain", errors.New("x"), false, false, false, false},
	}
	for _, tt := range tests {
		if IsRetryable(tt.err) != tt.retryable || IsRateLimit(tt.err) != tt.rateLimit || IsAuth(tt.err) != tt.auth || IsPossiblySent(tt.err) != tt.pos {
			t.Errorf("%s: retryable %v rate %v auth %v possiblySent %v", tt.name, IsRetryable(tt.err), IsRateLimit(tt.err), IsAuth(tt.err), IsPossiblySent(tt.err))
		}
		if UserMessage(tt.err) == "" {
			t.Errorf("%s: no user message", tt.name)
		}
	}
	var inner *Error
	if !errors.As(&possiblySent{e(502)}, &inner) || inner.Status != 502 {
		t.Error("a possibly-sent error does not expose the bank's *Error")
	}
	if UserMessage(nil) != "" {
		t.Error("nil error has a message")
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"5":                             5 * time.Second,
		"-1":                            0,
		"abc":                           0,
		"Sun, 01 Mar 2026 12:00:30 GMT": 30 * time.Second,
		"Sun, 01 Mar 2026 11:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
