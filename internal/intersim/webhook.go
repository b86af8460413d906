package intersim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"boletos/internal/boleto"
)

// retryDelays are the waits after failed attempts 1..4: Inter tries up to 4
// more times, 20, 30, 60 and 120 minutes apart.
var retryDelays = [...]time.Duration{20 * time.Minute, 30 * time.Minute, 60 * time.Minute, 120 * time.Minute}

const maxAttempts = len(retryDelays) + 1

// webhookPattern is the bank's pattern for webhookUrl.
var webhookPattern = regexp.MustCompile(`^https://[^\s]*$`)

// Time layouts of the webhook endpoints.
const (
	layoutMillis   = "2006-01-02T15:04:05.000Z07:00"
	layoutCallback = "2006-01-02T15:04:05.000Z"
)

// callbackOf freezes the charge's current state as a CallbackCobranca.
func (s *Sim) callbackOf(ch *charge) callbackItem {
	return callbackItem{
		CodigoSolicitacao:  ch.CodigoSolicitacao,
		SeuNumero:          ch.Request.SeuNumero,
		Situacao:           ch.Situacao,
		DataHoraSituacao:   ch.HoraSituacao.UTC().Format(layoutCallback),
		ValorTotalRecebido: ch.received(),
		OrigemRecebimento:  ch.Origem,
		NossoNumero:        ch.NossoNumero,
		CodigoBarras:       ch.CodigoBarras,
		LinhaDigitavel:     ch.LinhaDigitavel,
		TxID:               ch.TxID,
		PixCopiaECola:      ch.PixCopiaECola,
	}
}

// enqueue schedules one callback call carrying every event (the bank
// batches). Nothing is sent without a webhook. Callers hold s.mu.
func (s *Sim) enqueue(items []callbackItem, now time.Time) {
	if s.st.Webhook == nil || len(items) == 0 {
		return
	}
	s.st.Pending = append(s.st.Pending, &delivery{ID: s.st.NextDeliveryID, Payload: items, Attempt: 1, Due: now})
	s.st.NextDeliveryID++
	s.markDirty()
	s.wake()
}

// outgoing is a delivery handed to the sender.
type outgoing struct {
	id      int64
	url     string
	attempt int
	payload []callbackItem
}

// dueDeliveries picks the deliveries due at now. Callers hold s.mu.
func (s *Sim) dueDeliveries(now time.Time) []outgoing {
	if s.st.Webhook == nil {
		if len(s.st.Pending) > 0 {
			s.st.Pending = nil
			s.markDirty()
		}
		return nil
	}
	var out []outgoing
	for _, d := range s.st.Pending {
		if s.inflight[d.ID] || now.Before(d.Due) {
			continue
		}
		s.inflight[d.ID] = true
		out = append(out, outgoing{id: d.ID, url: s.st.Webhook.URL, attempt: d.Attempt, payload: d.Payload})
	}
	return out
}

// send makes one callback attempt and records it.
func (s *Sim) send(ctx context.Context, o outgoing) {
	sentAt := s.now()
	status, errText := s.post(ctx, o)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inflight, o.id)
	if ctx.Err() != nil {
		return // closing: the delivery stays pending for the next start
	}
	ok := errText == "" && status >= 200 && status < 300
	if errText == "" && !ok {
		errText = fmt.Sprintf("O webhook respondeu HTTP %d.", status)
	}
	s.st.Attempts = append(s.st.Attempts, &attempt{
		Seq: int64(len(s.st.Attempts) + 1), WebhookURL: o.url, Payload: o.payload, Numero: o.attempt,
		Disparo: sentAt, Sucesso: ok, HTTPStatus: status, MensagemErr: errText,
	})
	i := slices.IndexFunc(s.st.Pending, func(d *delivery) bool { return d.ID == o.id })
	if i >= 0 {
		d := s.st.Pending[i]
		if ok || d.Attempt >= maxAttempts {
			s.st.Pending = slices.Delete(s.st.Pending, i, i+1)
		} else {
			d.Due = sentAt.Add(retryDelays[d.Attempt-1])
			d.Attempt++
		}
	}
	s.log.Debug("callback enviado", "url", o.url, "attempt", o.attempt, "status", status, "ok", ok)
	s.markDirty()
	s.persist()
}

// post sends the callback body: a JSON array, header x-conta-corrente.
func (s *Sim) post(ctx context.Context, o outgoing) (status int, errText string) {
	body, err := json.Marshal(o.payload)
	if err != nil {
		return 0, err.Error()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.url, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	s.mu.Lock()
	req.Header.Set("x-conta-corrente", s.st.Identity.Conta)
	s.mu.Unlock()
	resp, err := s.callbackClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	discard(resp.Body)
	return resp.StatusCode, ""
}

// webhookOut is WebhookCompleto.
type webhookOut struct {
	WebhookURL  string `json:"webhookUrl"`
	Criacao     string `json:"criacao"`
	Atualizacao string `json:"atualizacao,omitempty"`
}

// handleWebhookPut is PUT /cobrancas/webhook: creates or replaces the
// account's single webhook.
func (s *Sim) handleWebhookPut(c *call) {
	o, ok := body(c)
	if !ok {
		return
	}
	var k checker
	raw := k.text(o, "", "webhookUrl", true, 1, 2048)
	if raw != "" {
		u, err := url.Parse(raw)
		if !webhookPattern.MatchString(raw) || err != nil || u.Host == "" {
			k.add("webhookUrl", "deve corresponder a \"^https://[^\\s]*$\"", raw)
		}
	}
	if len(k.vs) > 0 {
		c.resp.badRequest(c.now, k.vs...)
		return
	}
	if s.st.Webhook == nil {
		s.st.Webhook = &webhook{URL: raw, Criacao: c.now}
	} else {
		at := c.now
		s.st.Webhook.URL, s.st.Webhook.Atualizacao = raw, &at
	}
	s.markDirty()
	c.resp.empty(http.StatusNoContent)
}

// handleWebhookGet is GET /cobrancas/webhook (404 without one).
func (s *Sim) handleWebhookGet(c *call) {
	w := s.st.Webhook
	if w == nil {
		c.resp.problem(c.now, problem404)
		return
	}
	out := webhookOut{WebhookURL: w.URL, Criacao: inSP(w.Criacao)}
	if w.Atualizacao != nil {
		out.Atualizacao = inSP(*w.Atualizacao)
	}
	c.resp.ok(out)
}

// handleWebhookDelete is DELETE /cobrancas/webhook (404 without one).
func (s *Sim) handleWebhookDelete(c *call) {
	if s.st.Webhook == nil {
		c.resp.problem(c.now, problem404)
		return
	}
	s.st.Webhook = nil
	s.st.Pending = nil
	s.markDirty()
	c.resp.empty(http.StatusNoContent)
}

func inSP(t time.Time) string {
	return t.In(boleto.SaoPaulo).Format(layoutMillis)
}

// attemptOut is CallbackAttemptPageItem.
type attemptOut struct {
	WebhookURL      string         `json:"webhookUrl,omitempty"`
	Payload         []callbackItem `json:"payload"`
	NumeroTentativa int            `json:"numeroTentativa"`
	DataHoraDisparo string         `json:"dataHoraDisparo"`
	Sucesso         bool           `json:"sucesso"`
	HTTPStatus      int            `json:"httpStatus,omitempty"`
	MensagemErro    string         `json:"mensagemErro,omitempty"`
}

type attemptPage struct {
	TotalElementos int64        `json:"totalElementos"`
	TotalPaginas   int          `json:"totalPaginas"`
	PrimeiraPagina bool         `json:"primeiraPagina"`
	UltimaPagina   bool         `json:"ultimaPagina"`
	Data           []attemptOut `json:"data"`
}

// parseDateTime reads yyyy-MM-dd'T'HH:mm[:ss][.SSS]XXX.
func parseDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04Z07:00", time.RFC3339Nano} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// handleCallbacks is GET /cobrancas/webhook/callbacks: the attempts in a
// period, newest first.
func (s *Sim) handleCallbacks(c *call) {
	k := &queryChecker{q: c.r.URL.Query()}
	var bounds [2]time.Time
	for i, name := range []string{"dataHoraInicio", "dataHoraFim"} {
		v := k.q.Get(name)
		if v == "" {
			k.add(name, razaoNulo, "")
			continue
		}
		t, ok := parseDateTime(v)
		if !ok {
			k.add(name, razaoConversao, v)
		}
		bounds[i] = t
	}
	page := k.integer("pagina", 0, 0, 1<<31-1)
	size := k.integer("tamanhoPagina", 20, 10, 50)
	code := k.q.Get("codigoSolicitacao")
	if code != "" && !isUUID(code) {
		k.add("codigoSolicitacao", "deve ser um UUID válido", code)
	}
	if len(k.vs) > 0 {
		c.resp.badRequest(c.now, k.vs...)
		return
	}
	var found []*attempt
	for _, a := range s.st.Attempts {
		if a.Disparo.Before(bounds[0]) || a.Disparo.After(bounds[1]) {
			continue
		}
		if code != "" && !slices.ContainsFunc(a.Payload, func(it callbackItem) bool { return strings.EqualFold(it.CodigoSolicitacao, code) }) {
			continue
		}
		found = append(found, a)
	}
	slices.SortStableFunc(found, func(a, b *attempt) int {
		if r := b.Disparo.Compare(a.Disparo); r != 0 {
			return r
		}
		return int(b.Seq - a.Seq)
	})
	pages := max(1, (len(found)+size-1)/size)
	out := attemptPage{TotalElementos: int64(len(found)), TotalPaginas: pages, PrimeiraPagina: page == 0, UltimaPagina: page >= pages-1, Data: []attemptOut{}}
	if start := page * size; start < len(found) {
		for _, a := range found[start:min(start+size, len(found))] {
			out.Data = append(out.Data, attemptOut{
				WebhookURL: a.WebhookURL, Payload: a.Payload, NumeroTentativa: a.Numero,
				DataHoraDisparo: inSP(a.Disparo), Sucesso: a.Sucesso, HTTPStatus: a.HTTPStatus, MensagemErro: a.MensagemErr,
			})
		}
	}
	c.resp.ok(out)
}

// handleRetry is POST /cobrancas/webhook/callbacks/retry: resends the last
// callback of each code that has one.
func (s *Sim) handleRetry(c *call) {
	o, ok := body(c)
	if !ok {
		return
	}
	raw, present := o["codigoSolicitacao"]
	var codes []string
	if !present || isNull(raw) {
		c.resp.badRequest(c.now, violation("codigoSolicitacao", razaoNulo, ""))
		return
	}
	if err := json.Unmarshal(raw, &codes); err != nil {
		c.resp.badRequest(c.now, violation("codigoSolicitacao", razaoConversao, rawText(raw)))
		return
	}
	if len(codes) < 1 || len(codes) > 50 {
		c.resp.badRequest(c.now, violation("codigoSolicitacao", "tamanho deve ser entre 1 e 50", strconv.Itoa(len(codes))))
		return
	}
	for _, code := range codes {
		if !isUUID(code) {
			c.resp.badRequest(c.now, violation("codigoSolicitacao", "deve ser um UUID válido", code))
			return
		}
	}
	if s.st.Webhook == nil {
		c.resp.problem(c.now, problem404)
		return
	}
	found := []string{}
	var items []callbackItem
	for _, code := range codes {
		if slices.Contains(found, code) {
			continue
		}
		if it, ok := s.lastCallback(code); ok {
			found = append(found, code)
			items = append(items, it)
		}
	}
	s.enqueue(items, c.now)
	c.resp.ok(map[string][]string{"foundIds": found})
}

// lastCallback is the latest callback item sent for a code.
func (s *Sim) lastCallback(code string) (callbackItem, bool) {
	for i := len(s.st.Attempts) - 1; i >= 0; i-- {
		for _, it := range s.st.Attempts[i].Payload {
			if strings.EqualFold(it.CodigoSolicitacao, code) {
				return it, true
			}
		}
	}
	return callbackItem{}, false
}
