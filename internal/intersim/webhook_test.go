package intersim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// receiver is a webhook endpoint that fails its first failures calls.
type receiver struct {
	mu       sync.Mutex
	failures int
	calls    []receivedCall
}

type receivedCall struct {
	conta       string
	contentType string
	items       []callbackItem
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var items []callbackItem
	_ = json.Unmarshal(body, &items)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls = append(rc.calls, receivedCall{conta: r.Header.Get("x-conta-corrente"), contentType: r.Header.Get("Content-Type"), items: items})
	if rc.failures > 0 {
		rc.failures--
		http.Error(w, "fora do ar", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (rc *receiver) received() []receivedCall {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]receivedCall(nil), rc.calls...)
}

func TestWebhookRules(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Profile: ProfileProduction})
	a := newAPI(t, s)
	path := cobrancas + "/webhook"
	if r := a.do("GET", path, nil); r.status != http.StatusNotFound || r.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("GET without webhook: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if r := a.do("DELETE", path, nil); r.status != http.StatusNotFound {
		t.Errorf("DELETE without webhook: %d", r.status)
	}
	for _, bad := range []string{"http://exemplo.com.br/hook", "https://exemplo .com.br", "ftp://x", "https://"} {
		r := a.do("PUT", path, map[string]string{"webhookUrl": bad})
		if r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != "webhookUrl" {
			t.Errorf("PUT %q: %d %s", bad, r.status, r.body)
		}
	}
	// 5 calls so far on PUT: the per-minute limit of the production profile.
	clk.Add(time.Minute)
	if r := a.do("PUT", path, map[string]string{"webhookUrl": "https://exemplo.com.br/hook"}); r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	var wh struct{ WebhookURL, Criacao, Atualizacao string }
	a.do("GET", path, nil).decode(t, &wh)
	if wh.WebhookURL != "https://exemplo.com.br/hook" || wh.Atualizacao != "" {
		t.Errorf("GET: %+v", wh)
	}
	if _, err := time.Parse(time.RFC3339, wh.Criacao); err != nil {
		t.Errorf("criacao %q: %v", wh.Criacao, err)
	}
	clk.Add(time.Minute)
	a.do("PUT", path, map[string]string{"webhookUrl": "https://exemplo.com.br/outro"})
	a.do("GET", path, nil).decode(t, &wh)
	if wh.WebhookURL != "https://exemplo.com.br/outro" || wh.Atualizacao == "" {
		t.Errorf("after replacing: %+v", wh)
	}
	if r := a.do("DELETE", path, nil); r.status != http.StatusNoContent {
		t.Errorf("DELETE: %d", r.status)
	}
	if r := a.do("GET", path, nil); r.status != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d", r.status)
	}
}

func TestCallbackDeliveryAndRetries(t *testing.T) {
	t.Parallel()
	rc := &receiver{failures: 2}
	ts := httptest.NewTLSServer(rc)
	t.Cleanup(ts.Close)
	s, clk := startSim(t, Config{Faults: Faults{Processing: time.Second}, CallbackClient: ts.Client()})
	a := newAPI(t, s)
	if r := a.do("PUT", cobrancas+"/webhook", map[string]string{"webhookUrl": ts.URL + "/hook"}); r.status != http.StatusNoContent {
		t.Fatal(r.status)
	}
	due := clk.today().AddDays(3)
	c1 := a.emit(chargeBody("CB-1", due))
	c2 := a.emit(chargeBody("CB-2", due))
	clk.Add(time.Second)

	// Both charges leave processing together: one call, an array of two.
	eventually(t, "first attempt", func() bool { return len(rc.received()) == 1 })
	first := rc.received()[0]
	if first.conta != a.cr.ContaCorrente || first.contentType != "application/json" || len(first.items) != 2 {
		t.Fatalf("first call %+v", first)
	}
	for _, it := range first.items {
		if it.Situacao != sitAReceber || len(it.CodigoBarras) != 44 || len(it.LinhaDigitavel) != 47 || len(it.NossoNumero) != 11 ||
			it.PixCopiaECola == "" || !strings.HasSuffix(it.DataHoraSituacao, "Z") || (it.CodigoSolicitacao != c1 && it.CodigoSolicitacao != c2) {
			t.Errorf("callback item %+v", it)
		}
	}
	history := func(code string) []attemptOut {
		q := url.Values{"dataHoraInicio": {"2026-01-01T00:00Z"}, "dataHoraFim": {"2026-12-31T23:59:59.999-03:00"}}
		if code != "" {
			q.Set("codigoSolicitacao", code)
		}
		r := a.do("GET", cobrancas+"/webhook/callbacks?"+q.Encode(), nil)
		var p struct {
			TotalElementos int
			Data           []attemptOut
		}
		r.decode(t, &p)
		if p.TotalElementos != len(p.Data) {
			t.Fatalf("history %s", r.body)
		}
		return p.Data
	}
	eventually(t, "attempt 1 in the history", func() bool { return len(history("")) == 1 })

	// Not retried before 20 minutes.
	clk.Add(19 * time.Minute)
	time.Sleep(5 * loopInterval)
	if n := len(rc.received()); n != 1 {
		t.Fatalf("retried after 19 min: %d calls", n)
	}
	clk.Add(time.Minute)
	eventually(t, "attempt 2", func() bool { return len(history("")) == 2 })
	clk.Add(30 * time.Minute)
	eventually(t, "attempt 3", func() bool { return len(history("")) == 3 })
	h := history(c1)
	if len(h) != 3 || h[0].NumeroTentativa != 3 || !h[0].Sucesso || h[0].HTTPStatus != 200 ||
		h[1].NumeroTentativa != 2 || h[1].Sucesso || h[1].HTTPStatus != 500 || h[2].NumeroTentativa != 1 || h[2].WebhookURL != ts.URL+"/hook" {
		t.Errorf("history (newest first) %+v", h)
	}
	if len(history(newUUID())) != 0 {
		t.Error("filter by an unknown code returned attempts")
	}

	// A payment, then a cancellation: one call each.
	if r := a.do("POST", cobrancas+"/"+c1+"/pagar", map[string]string{"pagarCom": "PIX"}); r.status != http.StatusNoContent {
		t.Fatal(r.status)
	}
	if r := a.do("POST", cobrancas+"/"+c2+"/cancelar", map[string]string{"motivoCancelamento": "teste"}); r.status != http.StatusAccepted {
		t.Fatal(r.status)
	}
	eventually(t, "payment and cancellation callbacks", func() bool { return len(rc.received()) == 5 })
	calls := rc.received()
	paid, cancelled := calls[3].items[0], calls[4].items[0]
	if paid.Situacao != sitRecebido || paid.OrigemRecebimento != "PIX" || paid.ValorTotalRecebido != "151.30" {
		t.Errorf("payment callback %+v", paid)
	}
	if cancelled.Situacao != sitCancelado || cancelled.CodigoSolicitacao != c2 {
		t.Errorf("cancellation callback %+v", cancelled)
	}

	// Bad history queries.
	for _, q := range []url.Values{
		{"dataHoraFim": {"2026-12-31T00:00Z"}},
		{"dataHoraInicio": {"2026-01-01"}, "dataHoraFim": {"2026-12-31T00:00Z"}},
		{"dataHoraInicio": {"2026-01-01T00:00Z"}, "dataHoraFim": {"2026-12-31T00:00Z"}, "tamanhoPagina": {"9"}},
		{"dataHoraInicio": {"2026-01-01T00:00Z"}, "dataHoraFim": {"2026-12-31T00:00Z"}, "tamanhoPagina": {"51"}},
	} {
		if r := a.do("GET", cobrancas+"/webhook/callbacks?"+q.Encode(), nil); r.status != http.StatusBadRequest {
			t.Errorf("%v: %d", q, r.status)
		}
	}
}

func TestCallbacksGiveUpAfterFiveAttempts(t *testing.T) {
	t.Parallel()
	rc := &receiver{failures: 100}
	ts := httptest.NewTLSServer(rc)
	t.Cleanup(ts.Close)
	s, clk := startSim(t, Config{CallbackClient: ts.Client()})
	a := newAPI(t, s)
	a.do("PUT", cobrancas+"/webhook", map[string]string{"webhookUrl": ts.URL})
	a.emit(chargeBody("GIVEUP", clk.today().AddDays(3)))
	for i, wait := range []time.Duration{0, 20 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour} {
		clk.Add(wait)
		eventually(t, "attempt", func() bool { return len(rc.received()) == i+1 })
	}
	clk.Add(24 * time.Hour)
	time.Sleep(5 * loopInterval)
	if n := len(rc.received()); n != 5 {
		t.Errorf("%d attempts, want 5", n)
	}
}

func TestCallbackRetryEndpoint(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	ts := httptest.NewTLSServer(rc)
	t.Cleanup(ts.Close)
	s, clk := startSim(t, Config{Profile: ProfileProduction, CallbackClient: ts.Client()})
	a := newAPI(t, s)
	path := cobrancas + "/webhook/callbacks/retry"
	code := a.emit(chargeBody("RETRY-1", clk.today().AddDays(3)))
	if r := a.do("POST", path, map[string]any{"codigoSolicitacao": []string{code}}); r.status != http.StatusNotFound {
		t.Errorf("retry without webhook: %d", r.status)
	}
	a.do("PUT", cobrancas+"/webhook", map[string]string{"webhookUrl": ts.URL})
	// Processed before the webhook existed: no callback yet, nothing found.
	var out struct{ FoundIds []string }
	a.do("POST", path, map[string]any{"codigoSolicitacao": []string{code}}).decode(t, &out)
	if len(out.FoundIds) != 0 {
		t.Errorf("foundIds %v before any callback", out.FoundIds)
	}
	a.do("POST", cobrancas+"/"+code+"/cancelar", map[string]string{"motivoCancelamento": "teste"})
	eventually(t, "cancellation callback", func() bool { return len(rc.received()) == 1 })
	// The receiver answers before the simulator records the attempt: wait
	// for the record, which is what a retry looks up.
	eventually(t, "the callback recorded", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		_, ok := s.lastCallback(code)
		return ok
	})

	r := a.do("POST", path, map[string]any{"codigoSolicitacao": []string{code, newUUID()}})
	r.decode(t, &out)
	if r.status != http.StatusOK || len(out.FoundIds) != 1 || out.FoundIds[0] != code {
		t.Errorf("retry: %d %s", r.status, r.body)
	}
	eventually(t, "resent callback", func() bool { return len(rc.received()) == 2 })
	if it := rc.received()[1].items; len(it) != 1 || it[0].Situacao != sitCancelado {
		t.Errorf("resent %+v", it)
	}

	clk.Add(time.Minute)
	many := make([]string, 51)
	for i := range many {
		many[i] = newUUID()
	}
	for _, bad := range []any{"", map[string]any{}, map[string]any{"codigoSolicitacao": []string{}}, map[string]any{"codigoSolicitacao": many}, map[string]any{"codigoSolicitacao": []string{"x"}}} {
		if r := a.do("POST", path, bad); r.status != http.StatusBadRequest {
			t.Errorf("retry %v: %d", bad, r.status)
		} else if bad == "" && !strings.Contains(string(r.body), "Required Body [body] not specified.") {
			t.Errorf("empty body: %s", r.body)
		}
	}

	// The sandbox has no retry endpoint.
	sb, _ := startSim(t, Config{Profile: ProfileSandbox})
	asb := newAPI(t, sb)
	if r := asb.do("POST", path, map[string]any{"codigoSolicitacao": []string{code}}); r.status != http.StatusNotFound {
		t.Errorf("retry in the sandbox: %d", r.status)
	}
}
