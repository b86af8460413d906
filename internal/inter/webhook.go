package inter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"boletos/internal/boleto"
)

const (
	maxRetryCallbacks        = 50
	minCallbackPage          = 10
	maxCallbackPage          = 50
	callbackQueryTimeLayout  = "2006-01-02T15:04:05Z07:00"
	callbackDefaultPageLimit = 20
)

// Webhook is the cobrança webhook registered for the account (one per
// account).
type Webhook struct {
	WebhookURL  string    `json:"webhookUrl"`
	Criacao     Timestamp `json:"criacao"`
	Atualizacao Timestamp `json:"atualizacao,omitzero"`
}

// CallbackParams filters the history of callbacks. DataHoraInicio and
// DataHoraFim are required.
type CallbackParams struct {
	DataHoraInicio    time.Time
	DataHoraFim       time.Time
	Pagina            int    // 0-based
	TamanhoPagina     int    // 10..50 (default 20)
	CodigoSolicitacao string // optional filter
}

// CallbackPage is one page of the callback history, newest first.
type CallbackPage struct {
	TotalElementos int64             `json:"totalElementos"`
	TotalPaginas   int               `json:"totalPaginas"`
	PrimeiraPagina bool              `json:"primeiraPagina"`
	UltimaPagina   bool              `json:"ultimaPagina"`
	Data           []CallbackAttempt `json:"data"`
}

// CallbackAttempt is one delivery attempt of a callback (NumeroTentativa
// 1..5: the first and up to four retries).
type CallbackAttempt struct {
	WebhookURL      string          `json:"webhookUrl,omitempty"`
	Payload         CallbackPayload `json:"payload"`
	NumeroTentativa int             `json:"numeroTentativa"`
	DataHoraDisparo Timestamp       `json:"dataHoraDisparo"`
	Sucesso         bool            `json:"sucesso"`
	HTTPStatus      int             `json:"httpStatus,omitempty"`
	MensagemErro    string          `json:"mensagemErro,omitempty"`
}

// CallbackCobranca is one charge in a callback the bank posts to the
// webhook (and in the history's payloads).
type CallbackCobranca struct {
	CodigoSolicitacao  string       `json:"codigoSolicitacao"`
	SeuNumero          string       `json:"seuNumero,omitempty"`
	Situacao           Situacao     `json:"situacao"`
	DataHoraSituacao   Timestamp    `json:"dataHoraSituacao"`
	ValorTotalRecebido boleto.Cents `json:"valorTotalRecebido,omitempty"`
	OrigemRecebimento  string       `json:"origemRecebimento,omitempty"`
	NossoNumero        string       `json:"nossoNumero,omitempty"`
	CodigoBarras       string       `json:"codigoBarras,omitempty"`
	LinhaDigitavel     string       `json:"linhaDigitavel,omitempty"`
	Txid               string       `json:"txid,omitempty"`
	PixCopiaECola      string       `json:"pixCopiaECola,omitempty"`
}

// CallbackPayload is a list of charges that also decodes from a single
// object (the portal's "validate webhook" and older examples send one) and
// from an empty object (no charge).
type CallbackPayload []CallbackCobranca

// UnmarshalJSON accepts an array, an object or null.
func (p *CallbackPayload) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*p = nil
		return nil
	case b[0] == '[':
		var list []CallbackCobranca
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		*p = list
		return nil
	}
	var one CallbackCobranca
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	if one.CodigoSolicitacao == "" && one.Situacao == "" {
		*p = nil
		return nil
	}
	*p = CallbackPayload{one}
	return nil
}

// ParseCallback decodes the body the bank posts to the webhook: a JSON array
// of charges, or a single charge.
func ParseCallback(body []byte) ([]CallbackCobranca, error) {
	var p CallbackPayload
	if err := p.UnmarshalJSON(body); err != nil {
		return nil, fmt.Errorf("inter: callback body: %w", err)
	}
	return p, nil
}

// Timestamp is a date-time from the bank. It decodes RFC 3339 with or
// without fractions, and a time without offset as São Paulo time; "" and
// null give the zero time.
type Timestamp struct{ time.Time }

var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
}

// UnmarshalJSON reads the bank's date-time forms.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("inter: date-time must be a string: %w", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	for i, layout := range timestampLayouts {
		var v time.Time
		var err error
		if i < 2 {
			v, err = time.Parse(layout, s)
		} else {
			v, err = time.ParseInLocation(layout, s, boleto.SaoPaulo)
		}
		if err == nil {
			t.Time = v
			return nil
		}
	}
	return fmt.Errorf("inter: bad date-time %q", s)
}

// MarshalJSON writes RFC 3339, or null for the zero time.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.Format(time.RFC3339Nano))
}

// SetWebhook registers (or replaces) the account's cobrança webhook. The URL
// must be https; the bank calls it with mTLS using its own CA.
func (c *Client) SetWebhook(ctx context.Context, webhookURL string) error {
	u, err := url.Parse(webhookURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(webhookURL, " \t\r\n") {
		return inputErr("webhookUrl", "O endereço do webhook deve ser uma URL https:// completa, sem espaços.")
	}
	body := struct {
		URL string `json:"webhookUrl"`
	}{webhookURL}
	return c.do(ctx, request{op: opWebhookPut, body: body})
}

// GetWebhook returns the registered webhook; IsNotFound(err) when there is
// none.
func (c *Client) GetWebhook(ctx context.Context) (Webhook, error) {
	var out Webhook
	err := c.do(ctx, request{op: opWebhookGet, out: &out})
	return out, err
}

// DeleteWebhook removes the webhook; IsNotFound(err) when there was none.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	return c.do(ctx, request{op: opWebhookDel})
}

// Callbacks returns one page of the history of callbacks sent to the
// webhook.
func (c *Client) Callbacks(ctx context.Context, p CallbackParams) (CallbackPage, error) {
	if p.DataHoraInicio.IsZero() || p.DataHoraFim.IsZero() {
		return CallbackPage{}, inputErr("periodo", "Informe o início e o fim do período dos callbacks.")
	}
	if p.DataHoraFim.Before(p.DataHoraInicio) {
		return CallbackPage{}, inputErr("periodo", "O fim do período é anterior ao início.")
	}
	size := p.TamanhoPagina
	if size == 0 {
		size = callbackDefaultPageLimit
	}
	if size < minCallbackPage || size > maxCallbackPage || p.Pagina < 0 {
		return CallbackPage{}, inputErr("tamanhoPagina", "O tamanho da página de callbacks deve ficar entre 10 e 50.")
	}
	q := url.Values{}
	q.Set("dataHoraInicio", p.DataHoraInicio.Format(callbackQueryTimeLayout))
	q.Set("dataHoraFim", p.DataHoraFim.Format(callbackQueryTimeLayout))
	q.Set("pagina", strconv.Itoa(p.Pagina))
	q.Set("tamanhoPagina", strconv.Itoa(size))
	setIf(q, "codigoSolicitacao", p.CodigoSolicitacao)
	var out CallbackPage
	err := c.do(ctx, request{op: opCallbacks, query: q, out: &out})
	return out, err
}

// RetryCallbacks asks the bank to send again the callbacks of up to 50
// charges; it returns the codes whose resend was accepted (codes without
// callbacks are simply absent).
func (c *Client) RetryCallbacks(ctx context.Context, codigos []string) ([]string, error) {
	if len(codigos) == 0 || len(codigos) > maxRetryCallbacks {
		return nil, inputErr("codigoSolicitacao", "Informe de 1 a 50 cobranças para reenviar os callbacks.")
	}
	for _, id := range codigos {
		if err := requireID(id); err != nil {
			return nil, err
		}
	}
	body := struct {
		Codigos []string `json:"codigoSolicitacao"`
	}{codigos}
	var out struct {
		FoundIDs []string `json:"foundIds"`
	}
	if err := c.do(ctx, request{op: opRetryCallbks, body: body, out: &out}); err != nil {
		return nil, err
	}
	return out.FoundIDs, nil
}
