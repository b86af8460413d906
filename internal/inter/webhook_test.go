package inter

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWebhookCRUD(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var registered string
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.Method {
		case http.MethodPut:
			var body struct {
				URL string `json:"webhookUrl"`
			}
			_ = json.NewDecoder(r.Body).Decode(&body)
			registered = body.URL
			w.WriteHeader(http.StatusNoContent)
		case http.MethodGet:
			if registered == "" {
				writeJSON(w, 404, `{"title":"Não Encontrado","status":404,"detail":"Entidade não encontrada."}`)
				return
			}
			writeJSON(w, 200, fmt.Sprintf(`{"webhookUrl":%q,"criacao":"2026-01-02T10:20:30.123-03:00","atualizacao":"2026-01-03T10:00:00Z"}`, registered))
		case http.MethodDelete:
			if registered == "" {
				writeJSON(w, 404, `{"title":"Não Encontrado","status":404}`)
				return
			}
			registered = ""
			w.WriteHeader(http.StatusNoContent)
		}
	})
	c := bank.client(t)
	ctx := context.Background()
	if _, err := c.GetWebhook(ctx); !IsNotFound(err) {
		t.Fatalf("GetWebhook without one: %v", err)
	}
	if err := c.SetWebhook(ctx, "https://exemplo.com.br/inter/callback"); err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodPut || r.Path != "/cobranca/v3/cobrancas/webhook" || string(r.Body) != `{"webhookUrl":"https://exemplo.com.br/inter/callback"}` ||
		r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("PUT %s %s %s", r.Method, r.Path, r.Body)
	}
	wh, err := c.GetWebhook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 1, 2, 13, 20, 30, 123e6, time.UTC)
	if wh.WebhookURL != "https://exemplo.com.br/inter/callback" || !wh.Criacao.Equal(want) || wh.Atualizacao.IsZero() {
		t.Errorf("webhook %+v", wh)
	}
	if err := c.DeleteWebhook(ctx); err != nil {
		t.Fatal(err)
	}
	if r := bank.last(); r.Method != http.MethodDelete || r.Path != "/cobranca/v3/cobrancas/webhook" {
		t.Errorf("DELETE %s %s", r.Method, r.Path)
	}
	if err := c.DeleteWebhook(ctx); !IsNotFound(err) {
		t.Errorf("second delete: %v", err)
	}
	for _, bad := range []string{"http://exemplo.com", "exemplo.com", "https://", "https://a b.com"} {
		if err := c.SetWebhook(ctx, bad); err == nil {
			t.Errorf("webhook %q accepted", bad)
		}
	}
}

func TestCallbacks(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"totalElementos":2,"totalPaginas":1,"primeiraPagina":true,"ultimaPagina":true,"data":[
			{"webhookUrl":"https://x.com/cb","numeroTentativa":2,"dataHoraDisparo":"2026-01-02T10:00:00.5-03:00","sucesso":false,"httpStatus":500,"mensagemErro":"erro",
			 "payload":[{"codigoSolicitacao":"c1","seuNumero":"S1","situacao":"RECEBIDO","dataHoraSituacao":"2024-09-30T19:29:22.684Z",
			   "valorTotalRecebido":"9.50","origemRecebimento":"PIX","nossoNumero":"90071264603","txid":"abc"}]},
			{"numeroTentativa":1,"dataHoraDisparo":"2026-01-02T09:00","sucesso":true,"payload":{}}]}`)
	})
	c := bank.client(t)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	page, err := c.Callbacks(context.Background(), CallbackParams{DataHoraInicio: from, DataHoraFim: from.Add(48 * time.Hour), Pagina: 1, TamanhoPagina: 50, CodigoSolicitacao: "c1"})
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	q, _ := url.ParseQuery(r.Query)
	wantQ := url.Values{"dataHoraInicio": {"2026-01-01T00:00:00Z"}, "dataHoraFim": {"2026-01-03T00:00:00Z"}, "pagina": {"1"}, "tamanhoPagina": {"50"}, "codigoSolicitacao": {"c1"}}
	if r.Path != "/cobranca/v3/cobrancas/webhook/callbacks" || !reflect.DeepEqual(q, wantQ) {
		t.Errorf("request %s ? %v", r.Path, q)
	}
	if len(page.Data) != 2 || page.TotalElementos != 2 {
		t.Fatalf("page %+v", page)
	}
	a := page.Data[0]
	if a.NumeroTentativa != 2 || a.Sucesso || a.HTTPStatus != 500 || len(a.Payload) != 1 {
		t.Errorf("attempt %+v", a)
	}
	cb := a.Payload[0]
	if cb.Situacao != SituacaoRecebido || cb.ValorTotalRecebido != 950 || cb.OrigemRecebimento != OrigemRecebimentoPix ||
		!cb.DataHoraSituacao.Equal(time.Date(2024, 9, 30, 19, 29, 22, 684e6, time.UTC)) {
		t.Errorf("callback %+v", cb)
	}
	if len(page.Data[1].Payload) != 0 || page.Data[1].DataHoraDisparo.IsZero() {
		t.Errorf("second attempt %+v", page.Data[1])
	}
	if _, err := c.Callbacks(context.Background(), CallbackParams{DataHoraInicio: from, DataHoraFim: from.Add(time.Hour), TamanhoPagina: 5}); err == nil {
		t.Error("page size 5 accepted")
	}
	if _, err := c.Callbacks(context.Background(), CallbackParams{DataHoraInicio: from}); err == nil {
		t.Error("missing end accepted")
	}
	if _, err := c.Callbacks(context.Background(), CallbackParams{DataHoraInicio: from, DataHoraFim: from.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if q, _ := url.ParseQuery(bank.last().Query); q.Get("tamanhoPagina") != "20" || q.Get("pagina") != "0" {
		t.Errorf("defaults %v", q)
	}
}

func TestRetryCallbacks(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"foundIds":["c1"]}`)
	})
	c := bank.client(t)
	found, err := c.RetryCallbacks(context.Background(), []string{"c1", "c2"})
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodPost || r.Path != "/cobranca/v3/cobrancas/webhook/callbacks/retry" || string(r.Body) != `{"codigoSolicitacao":["c1","c2"]}` {
		t.Errorf("request %s %s %s", r.Method, r.Path, r.Body)
	}
	if !reflect.DeepEqual(found, []string{"c1"}) {
		t.Errorf("found %v", found)
	}
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprint("c", i)
	}
	if _, err := c.RetryCallbacks(context.Background(), many); err == nil {
		t.Error("51 codes accepted")
	}
	if _, err := c.RetryCallbacks(context.Background(), nil); err == nil {
		t.Error("no codes accepted")
	}
	if _, err := c.RetryCallbacks(context.Background(), many[:50]); err != nil {
		t.Errorf("50 codes: %v", err)
	}
}

func TestParseCallback(t *testing.T) {
	t.Parallel()
	item := `{"codigoSolicitacao":"8f8ad139-fbcc-4bad-8e16-58080f4a6016","seuNumero":"FAT-001704","situacao":"A_RECEBER",
		"dataHoraSituacao":"2024-09-30T19:29:22.684Z","nossoNumero":"90071264603",
		"codigoBarras":"07794985700000009500001112095331990071264603",
		"linhaDigitavel":"07790001161209533199200712646033498570000000950",
		"txid":"131665491727713762000U35jsDoeGaqVIa","pixCopiaECola":"000201"}`
	for name, body := range map[string]string{"array": "[" + item + "," + item + "]", "object": item} {
		got, err := ParseCallback([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) == 0 || got[0].Situacao != SituacaoAReceber || got[0].NossoNumero != "90071264603" || len(got[0].LinhaDigitavel) != 47 {
			t.Errorf("%s: %+v", name, got)
		}
	}
	if _, err := ParseCallback([]byte("lixo")); err == nil {
		t.Error("garbage accepted")
	}
}

func TestTimestampForms(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Time{
		`"2026-01-02T10:20:30Z"`:             time.Date(2026, 1, 2, 10, 20, 30, 0, time.UTC),
		`"2026-01-02T10:20:30.123456-03:00"`: time.Date(2026, 1, 2, 13, 20, 30, 123456e3, time.UTC),
		`"2023-06-01T00:00Z"`:                time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC),
		`"2026-01-02T10:20:30"`:              time.Date(2026, 1, 2, 13, 20, 30, 0, time.UTC),
		`""`:                                 {},
		`null`:                               {},
	} {
		var ts Timestamp
		if err := json.Unmarshal([]byte(in), &ts); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if !ts.Equal(want) {
			t.Errorf("%s → %v, want %v", in, ts.Time, want)
		}
	}
	var ts Timestamp
	if err := json.Unmarshal([]byte(`"ontem"`), &ts); err == nil || !strings.Contains(err.Error(), "ontem") {
		t.Errorf("bad date-time: %v", err)
	}
}
