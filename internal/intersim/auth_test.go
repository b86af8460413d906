package intersim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"boletos/internal/brazil"
)

func TestTestDocumentsAreValid(t *testing.T) {
	t.Parallel()
	for _, d := range []string{validCPF, validCNPJ} {
		if _, err := brazil.ValidateDocument(d); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
}

func TestTokenFlow(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Profile: ProfileSandbox})
	a := newAPI(t, s)

	status, _, body := a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scopeRead)
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil || status != http.StatusOK {
		t.Fatalf("token: %d %s", status, body)
	}
	if tr.TokenType != "Bearer" || tr.ExpiresIn != 3600 || tr.Scope != scopeRead || tr.AccessToken == "" {
		t.Errorf("token response %+v", tr)
	}

	status, hdr, body := a.tokenCall(a.cr.ClientID, "errado", scopeRead)
	if status != http.StatusUnauthorized || len(body) == 0 || len(body) > 100 || hdr.Get("X-Ca-Err") != "201" {
		t.Errorf("bad secret: %d %q %v", status, body, hdr)
	}
	// Four calls so far (newAPI, the read token, the bad secret): the 5th
	// passes, the 6th in the same minute is refused.
	status, _, body = a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, "extrato.read")
	if status != http.StatusUnauthorized {
		t.Errorf("unknown scope: %d %s", status, body)
	}
	status, _, _ = a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scopeRead)
	if status != http.StatusOK {
		t.Errorf("5th call: %d", status)
	}
	status, hdr, body = a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scopeRead)
	if status != http.StatusTooManyRequests || !strings.Contains(string(body), "Too Many Requests") || hdr.Get("X-Rate-Limit-Remaining") != "0" {
		t.Errorf("6th call: %d %s", status, body)
	}
	clk.Add(61 * time.Second)
	if status, _, body = a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scopeRead); status != http.StatusOK {
		t.Errorf("after a minute: %d %s", status, body)
	}
	if st := s.Stats(); st.TokenRequests != 7 || st.RateLimited != 1 || st.Requests["POST /oauth/v2/token"] != 7 {
		t.Errorf("stats %+v", st)
	}
}

func TestTokenRequestValidation(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	tests := []struct {
		name, contentType, body, prop string
	}{
		{"json instead of form", "application/json", `{"client_id":"x"}`, "Content-Type"},
		{"no grant_type", "application/x-www-form-urlencoded", "client_id=a&client_secret=b&scope=boleto-cobranca.read", "grant_type"},
		{"wrong grant_type", "application/x-www-form-urlencoded", "client_id=a&client_secret=b&scope=x&grant_type=password", "grant_type"},
		{"no scope", "application/x-www-form-urlencoded", "client_id=a&client_secret=b&grant_type=client_credentials", "scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := a.client.Post(a.cr.BaseURL+"/oauth/v2/token", tt.contentType, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var p problema
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusBadRequest || len(p.Violacoes) == 0 || p.Violacoes[0].Propriedade != tt.prop {
				t.Errorf("%d %+v, want 400 on %s", resp.StatusCode, p, tt.prop)
			}
		})
	}
}

func TestBearerAndScopes(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	a.renew = false
	due := clk.today().AddDays(5)

	readOnly := *a
	readOnly.token = a.fetchToken(scopeRead)
	r := readOnly.do("POST", cobrancas, chargeBody("RO-1", due))
	if r.status != http.StatusForbidden || r.header.Get("Content-Type") != "application/problem+json" || r.problem(t).Title != "Acesso Negado" {
		t.Errorf("write with read scope: %d %s", r.status, r.body)
	}
	if r := readOnly.do("GET", cobrancas+"/sumario?dataInicial=2026-01-01&dataFinal=2026-12-31", nil); r.status != http.StatusOK {
		t.Errorf("read with read scope: %d %s", r.status, r.body)
	}

	anon := *a
	anon.token = ""
	if r := anon.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized {
		t.Errorf("no bearer: %d", r.status)
	}
	bogus := *a
	bogus.token = "nao-e-um-token"
	if r := bogus.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized {
		t.Errorf("unknown bearer: %d", r.status)
	}

	// Expiry follows the simulator's clock.
	clk.Add(59 * time.Minute)
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusNotFound {
		t.Errorf("token at 59 min: %d %s", r.status, r.body)
	}
	clk.Add(2 * time.Minute)
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized {
		t.Errorf("token at 61 min: %d", r.status)
	}
}

func TestRevokeTokens(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	a.renew = false
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusNotFound {
		t.Fatalf("before revocation: %d", r.status)
	}
	s.RevokeTokens()
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized {
		t.Errorf("after revocation: %d", r.status)
	}
	a.token = a.fetchToken(scopeRead)
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusNotFound {
		t.Errorf("new token: %d", r.status)
	}
}

func TestContaCorrenteHeader(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	for _, tt := range []struct {
		value string
		want  int
	}{
		{a.cr.ContaCorrente, http.StatusNotFound}, // no webhook yet: the call went through
		{"0" + a.cr.ContaCorrente, http.StatusBadRequest},
		{"12345", http.StatusForbidden},
	} {
		req, _ := http.NewRequest("GET", a.cr.BaseURL+cobrancas+"/webhook", nil)
		req.Header.Set("Authorization", "Bearer "+a.token)
		req.Header.Set("x-conta-corrente", tt.value)
		resp, err := a.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("x-conta-corrente %q: %d, want %d", tt.value, resp.StatusCode, tt.want)
		}
	}
}

func TestTLSRefusesBadClientCertificates(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	cr := s.Credentials()
	now := time.Now()
	expiredCert, expiredKey, err := s.IssueClientCert(now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	otherCert, otherKey, err := OtherCAClientCert()
	if err != nil {
		t.Fatal(err)
	}
	freshCert, freshKey, err := s.IssueClientCert(now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		cert, key []byte
		refused   bool
	}{
		{"no certificate", nil, nil, true},
		{"other CA", otherCert, otherKey, true},
		{"expired", expiredCert, expiredKey, true},
		{"issued by the simulator", freshCert, freshKey, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, h2 := range []bool{false, true} {
				c := httpClient(t, cr.CACertPEM, tt.cert, tt.key, h2)
				resp, err := c.Post(cr.BaseURL+"/oauth/v2/token", "application/x-www-form-urlencoded", strings.NewReader("grant_type=client_credentials"))
				if tt.refused {
					if err == nil {
						resp.Body.Close()
						t.Fatalf("h2=%v: got HTTP %d, want a TLS failure", h2, resp.StatusCode)
					}
					continue
				}
				if err != nil {
					t.Fatalf("h2=%v: %v", h2, err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusBadRequest {
					t.Errorf("h2=%v: status %d", h2, resp.StatusCode)
				}
			}
		})
	}
	// Only the two calls with a good certificate reached the bank.
	if n := s.Stats().TokenRequests; n != 2 {
		t.Errorf("%d token requests reached the simulator, want 2", n)
	}
}
