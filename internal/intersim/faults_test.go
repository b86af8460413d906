package intersim

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	f, err := ParseFaults(" latency=50ms, jitter=20ms,error=0.1,drop=0.05,timeout=0.05,ratelimit=0.05,processing=2s,seed=7,empty400=0.5,empty401=1,stuck=30s ")
	want := Faults{Latency: 50 * time.Millisecond, Jitter: 20 * time.Millisecond, Error: 0.1, Drop: 0.05, Timeout: 0.05, RateLimit: 0.05,
		Processing: 2 * time.Second, Seed: 7, EmptyBody400: 0.5, EmptyBody401: 1, StuckProcessing: 30 * time.Second}
	if err != nil || f != want {
		t.Errorf("ParseFaults = %+v, %v", f, err)
	}
	if f, err := ParseFaults(""); err != nil || f != (Faults{}) {
		t.Errorf("empty: %+v %v", f, err)
	}
	if f, err := ParseFaults("processing=0"); err != nil || f.Processing != 0 {
		t.Errorf("processing=0: %+v %v", f, err)
	}
	for _, bad := range []struct{ in, pair string }{
		{"latency=abc", "latency=abc"},
		{"latency=50", "latency=50"},
		{"jitter=-1s", "jitter=-1s"},
		{"error=2", "error=2"},
		{"drop=-0.1", "drop=-0.1"},
		{"timeout=muito", "timeout=muito"},
		{"seed=x", "seed=x"},
		{"latency", "latency"},
		{"=1", "=1"},
		{"erro=0.1", "erro=0.1"},
		{"error=0.1,error=0.2", "error=0.2"},
	} {
		_, err := ParseFaults(bad.in)
		if err == nil || !strings.Contains(err.Error(), `"`+bad.pair+`"`) || !strings.Contains(err.Error(), "falha") {
			t.Errorf("ParseFaults(%q) = %v, want an error naming %q", bad.in, err, bad.pair)
		}
	}
	if _, err := ParseFaults("nope=1"); err == nil || !strings.Contains(err.Error(), "ratelimit") {
		t.Errorf("unknown key should list the accepted ones: %v", err)
	}
	help := FaultHelp()
	for _, k := range faultKeys {
		if !strings.Contains(help, k.key) {
			t.Errorf("help lacks %s", k.key)
		}
	}
}

func listAll(clk *clock) string {
	today := clk.today()
	return cobrancas + "?" + url.Values{"dataInicial": {today.String()}, "dataFinal": {today.AddDays(60).String()}}.Encode()
}

func TestDropAfterStore(t *testing.T) {
	t.Parallel()
	for _, h2 := range []bool{false, true} {
		s, clk := startSim(t, Config{})
		a := newAPI(t, s)
		a.client = httpClient(t, a.cr.CACertPEM, a.cr.ClientCertPEM, a.cr.ClientKeyPEM, h2)
		s.SetFaults(Faults{Drop: 1})
		_, err := a.send("POST", cobrancas, chargeBody("DROP-1", clk.today().AddDays(3)))
		if err == nil {
			t.Fatalf("h2=%v: the client got an answer despite the drop", h2)
		}
		s.SetFaults(Faults{})
		var p pageJSON
		a.do("GET", listAll(clk), nil).decode(t, &p)
		if p.TotalElementos != 1 || p.Cobrancas[0].Cobranca.SeuNumero != "DROP-1" {
			t.Errorf("h2=%v: after the drop the bank has %+v", h2, p)
		}
	}
}

func TestTimeoutHangsUntilClientGivesUp(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	s.SetFaults(Faults{Timeout: 1})
	a.client.Timeout = 300 * time.Millisecond
	start := time.Now()
	_, err := a.send("GET", cobrancas+"/webhook", nil)
	var ne interface{ Timeout() bool }
	if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("want a client timeout, got %v", err)
	}
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Errorf("answered after %v", el)
	}
	// A hanging request ends with its context, and Close does not wait for it.
	ctx, cancel := context.WithCancel(context.Background())
	a.client.Timeout = 0
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", a.cr.BaseURL+cobrancas+"/webhook", nil)
		resp, err := a.client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; err == nil {
		t.Error("cancelled request got an answer")
	}
}

func TestEmptyBodies(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	a.renew = false
	s.SetFaults(Faults{EmptyBody400: 1, EmptyBody401: 1})
	body := chargeBody("", clk.today().AddDays(3))
	if r := a.do("POST", cobrancas, body); r.status != http.StatusBadRequest || len(r.body) != 0 {
		t.Errorf("400: %d %q", r.status, r.body)
	}
	if status, _, b := a.tokenCall(a.cr.ClientID, "errado", scopeRead); status != http.StatusUnauthorized || len(b) != 0 {
		t.Errorf("token 401: %d %q", status, b)
	}
	a.token = "revogado"
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized || len(r.body) != 0 {
		t.Errorf("bearer 401: %d %q", r.status, r.body)
	}
	s.SetFaults(Faults{})
	if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusUnauthorized || len(r.body) == 0 {
		t.Errorf("without the fault a 401 has a body: %d %q", r.status, r.body)
	}
}

func TestInjectedErrorsStoreNothing(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	s.SetFaults(Faults{Error: 1, Seed: 3})
	seen := map[int]bool{}
	for i := 0; i < 40; i++ {
		r := a.do("POST", cobrancas, chargeBody("ERR", clk.today().AddDays(3)))
		seen[r.status] = true
		switch r.status {
		case 500, 503:
			if r.header.Get("Content-Type") != "application/problem+json" || r.problem(t).Status != r.status {
				t.Errorf("%d body %s", r.status, r.body)
			}
		case 502, 504:
		default:
			t.Fatalf("status %d", r.status)
		}
	}
	if len(seen) != 4 {
		t.Errorf("statuses seen %v, want all of 500, 502, 503, 504", seen)
	}
	s.SetFaults(Faults{})
	if r := a.do("GET", listAll(clk), nil); !strings.Contains(string(r.body), `"totalElementos":0`) {
		t.Errorf("an injected error stored a charge: %s", r.body)
	}
}

func TestInjectedRateLimitAndLatency(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	s.SetFaults(Faults{RateLimit: 1})
	r := a.do("GET", cobrancas+"/webhook", nil)
	if r.status != http.StatusTooManyRequests || strings.TrimSpace(string(r.body)) != `{"message":"Too Many Requests"}` {
		t.Errorf("ratelimit fault: %d %s", r.status, r.body)
	}
	if s.Stats().RateLimited != 1 {
		t.Errorf("stats %+v", s.Stats())
	}
	s.SetFaults(Faults{Latency: 150 * time.Millisecond, Jitter: 50 * time.Millisecond})
	start := time.Now()
	a.do("GET", cobrancas+"/webhook", nil)
	if el := time.Since(start); el < 150*time.Millisecond {
		t.Errorf("latency: answered in %v", el)
	}
}

func TestSeededFaultsAreReproducible(t *testing.T) {
	t.Parallel()
	run := func(seed int64) string {
		s, _ := startSim(t, Config{})
		a := newAPI(t, s)
		s.SetFaults(Faults{Error: 0.3, RateLimit: 0.2, EmptyBody401: 0.5, Seed: seed})
		a.renew = false
		a.token = "invalido"
		var b strings.Builder
		for i := 0; i < 30; i++ {
			r := a.do("GET", cobrancas+"/webhook", nil)
			b.WriteString(http.StatusText(r.status))
			if len(r.body) == 0 {
				b.WriteString("(vazio)")
			}
			b.WriteByte(' ')
		}
		return b.String()
	}
	first, second, other := run(42), run(42), run(43)
	if first != second {
		t.Errorf("same seed, different faults:\n%s\n%s", first, second)
	}
	if first == other {
		t.Errorf("different seeds, same faults: %s", first)
	}
	if !strings.Contains(first, "Unauthorized ") || !strings.Contains(first, "Unauthorized(vazio)") || !strings.Contains(first, "Too Many") {
		t.Errorf("the run did not mix outcomes: %s", first)
	}
}

func TestStuckProcessing(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Faults: Faults{Processing: time.Second}})
	a := newAPI(t, s)
	s.SetFaults(Faults{Processing: time.Second, StuckProcessing: 30 * time.Second})
	code := a.emit(chargeBody("STUCK", clk.today().AddDays(3)))
	clk.Add(29 * time.Second)
	if d := a.detail(code); d.Cobranca.Situacao != sitEmProcessamento {
		t.Errorf("at 29 s: %s", d.Cobranca.Situacao)
	}
	clk.Add(time.Second)
	if d := a.detail(code); d.Cobranca.Situacao != sitAReceber {
		t.Errorf("at 30 s: %s", d.Cobranca.Situacao)
	}
}

func TestRateLimitProfiles(t *testing.T) {
	t.Parallel()
	t.Run("sandbox", func(t *testing.T) {
		t.Parallel()
		s, clk := startSim(t, Config{Profile: ProfileSandbox})
		a := newAPI(t, s)
		path := cobrancas + "/" + newUUID()
		for i := 0; i < 10; i++ {
			if r := a.do("GET", path, nil); r.status != http.StatusNotFound {
				t.Fatalf("call %d: %d", i+1, r.status)
			}
		}
		r := a.do("GET", path, nil)
		if r.status != http.StatusTooManyRequests || strings.TrimSpace(string(r.body)) != `{"message":"Too Many Requests"}` {
			t.Errorf("11th call: %d %s", r.status, r.body)
		}
		// Limits are per endpoint.
		if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusNotFound {
			t.Errorf("other endpoint: %d", r.status)
		}
		clk.Add(time.Minute)
		if r := a.do("GET", path, nil); r.status != http.StatusNotFound {
			t.Errorf("a minute later: %d", r.status)
		}
		if st := s.Stats(); st.RateLimited != 1 || st.Requests["GET /cobranca/v3/cobrancas/{codigoSolicitacao}"] != 12 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("production", func(t *testing.T) {
		t.Parallel()
		s, _ := startSim(t, Config{Profile: ProfileProduction})
		a := newAPI(t, s)
		path := cobrancas + "/" + newUUID()
		for i := 0; i < 120; i++ {
			if r := a.do("GET", path, nil); r.status != http.StatusNotFound {
				t.Fatalf("call %d: %d", i+1, r.status)
			}
		}
		if r := a.do("GET", path, nil); r.status != http.StatusTooManyRequests {
			t.Errorf("121st call: %d", r.status)
		}
		for i := 0; i < 10; i++ {
			a.do("GET", cobrancas+"/edicao/"+newUUID(), nil)
		}
		if r := a.do("GET", cobrancas+"/edicao/"+newUUID(), nil); r.status != http.StatusTooManyRequests {
			t.Errorf("11th edit status call: %d", r.status)
		}
	})
	t.Run("unlimited", func(t *testing.T) {
		t.Parallel()
		s, _ := startSim(t, Config{Profile: ProfileUnlimited})
		a := newAPI(t, s)
		for i := 0; i < 20; i++ {
			if status, _, _ := a.tokenCall(a.cr.ClientID, a.cr.ClientSecret, scopeRead); status != http.StatusOK {
				t.Fatalf("token call %d: %d", i+1, status)
			}
		}
		for i := 0; i < 200; i++ {
			if r := a.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusNotFound {
				t.Fatalf("call %d: %d", i+1, r.status)
			}
		}
		if s.Stats().RateLimited != 0 {
			t.Errorf("stats %+v", s.Stats())
		}
	})
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	a := newAPI(t, s)
	if r := a.do("GET", "/cobranca/v2/boletos", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown path: %d", r.status)
	}
	if r := a.do("DELETE", cobrancas, nil); r.status != http.StatusMethodNotAllowed || !strings.Contains(r.header.Get("Allow"), "POST") {
		t.Errorf("wrong method: %d %v", r.status, r.header)
	}
	if r := a.do("GET", cobrancas+"/nao-e-uuid", nil); r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != "codigoSolicitacao" {
		t.Errorf("non-UUID code: %d %s", r.status, r.body)
	}
	if r := a.do("GET", cobrancas+"/"+newUUID(), nil); r.status != http.StatusNotFound || r.problem(t).Title != "Não Encontrado" {
		t.Errorf("unknown code: %d %s", r.status, r.body)
	}
	req, _ := http.NewRequest("POST", a.cr.BaseURL+cobrancas, strings.NewReader("seuNumero=1"))
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("form body on a JSON endpoint: %d", resp.StatusCode)
	}
}
