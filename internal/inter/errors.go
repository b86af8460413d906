package inter

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrPossiblySent is wrapped by the error of an emission whose outcome is
// unknown: the request left this machine (timeout, connection cut after the
// request was written, or a 5xx) and the bank may have stored the charge.
// The client never re-sends an emission by itself; the caller must look the
// charge up (List by seuNumero) before sending it again.
var ErrPossiblySent = errors.New("inter: emission possibly sent")

// Error is a failed call to the bank. Status is the HTTP status, or 0 when no
// answer came (the transport error is then in Err). Error() is technical and
// English; UserMessage gives the Portuguese text for the user. Neither ever
// contains tokens, secrets, keys or violation values.
type Error struct {
	Method string // HTTP method
	Path   string // path template, e.g. /cobranca/v3/cobrancas/{codigoSolicitacao}
	Status int    // 0: no HTTP answer (see Err)

	Title      string      // Problema title, {message}, or the HTTP status text
	Detail     string      // Problema detail or OAuth error_description
	Code       string      // OAuth "error" code (invalid_client, invalid_scope…)
	Violations []Violation // Problema violacoes

	RequestID      string        // X-Request-Id of the answer
	RetryAfter     time.Duration // from Retry-After, 0 when absent
	RateLimitReset time.Time     // from X-Rate-Limit-Time (epoch ms), zero when absent

	Err error // transport error when Status == 0
}

// Violation is one item of a Problema's violacoes.
type Violation struct {
	Field  string // propriedade
	Reason string // razao
	Value  string // valor (may hold personal data: never logged nor put in Error())
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("inter: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	if e.Status == 0 {
		if e.Err != nil {
			b.WriteString(e.Err.Error())
		} else {
			b.WriteString("no answer")
		}
	} else {
		b.WriteString(strconv.Itoa(e.Status))
		if e.Title != "" {
			b.WriteByte(' ')
			b.WriteString(e.Title)
		}
		if e.Code != "" {
			b.WriteString(" [")
			b.WriteString(e.Code)
			b.WriteByte(']')
		}
		if e.Detail != "" {
			b.WriteString(": ")
			b.WriteString(e.Detail)
		}
		for i, v := range e.Violations {
			if i == 0 {
				b.WriteString(" (")
			} else {
				b.WriteString("; ")
			}
			b.WriteString(v.Field)
			b.WriteString(": ")
			b.WriteString(v.Reason)
			if i == len(e.Violations)-1 {
				b.WriteByte(')')
			}
		}
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteByte(']')
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// possiblySent marks an emission error whose outcome is unknown.
type possiblySent struct{ err error }

func (p *possiblySent) Error() string {
	return "inter: emission outcome unknown, the bank may have stored the charge (look it up by seuNumero before resending): " + p.err.Error()
}

func (p *possiblySent) Unwrap() []error { return []error{ErrPossiblySent, p.err} }

// InputError is a request refused by the client before it reaches the bank.
// Message is Portuguese and safe to show.
type InputError struct {
	Field   string
	Message string
}

func (e *InputError) Error() string { return e.Message }

func inputErr(field, msg string) *InputError { return &InputError{Field: field, Message: msg} }

// tokenPath is the path of the OAuth token endpoint.
const tokenPath = "/oauth/v2/token"

// checkResponse turns a non-2xx answer into an *Error, whatever its body: a
// Problema (title/detail/violacoes), an empty body, {"message": string or
// array}, an OAuth {"error","error_description"} or anything else (an HTML
// page from a gateway). A 2xx answer gives nil.
func checkResponse(method, path string, resp *http.Response, body []byte) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	return newResponseError(method, path, resp, body)
}

// newResponseError builds the *Error of an answer (used as is for token
// answers that carry an OAuth error with a 2xx status).
func newResponseError(method, path string, resp *http.Response, body []byte) *Error {
	e := &Error{
		Method:     method,
		Path:       path,
		Status:     resp.StatusCode,
		RequestID:  resp.Header.Get("X-Request-Id"),
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	if ms, err := strconv.ParseInt(strings.TrimSpace(resp.Header.Get("X-Rate-Limit-Time")), 10, 64); err == nil && ms > 0 {
		e.RateLimitReset = time.UnixMilli(ms)
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '{' {
		var p struct {
			Title     string          `json:"title"`
			Detail    string          `json:"detail"`
			Message   json.RawMessage `json:"message"`
			Error     string          `json:"error"`
			ErrorDesc string          `json:"error_description"`
			Violacoes []struct {
				Razao       anyString `json:"razao"`
				Propriedade anyString `json:"propriedade"`
				Valor       anyString `json:"valor"`
			} `json:"violacoes"`
		}
		if json.Unmarshal(body, &p) == nil {
			e.Title, e.Detail = p.Title, p.Detail
			if e.Title == "" {
				e.Title = messageText(p.Message)
			}
			if p.Error != "" {
				e.Code = p.Error
				if e.Detail == "" {
					e.Detail = p.ErrorDesc
				}
			}
			for _, v := range p.Violacoes {
				e.Violations = append(e.Violations, Violation{Field: string(v.Propriedade), Reason: string(v.Razao), Value: string(v.Valor)})
			}
		}
	}
	if e.Title == "" {
		e.Title = http.StatusText(resp.StatusCode)
	}
	return e
}

// messageText reads {"message": "..."} or {"message": ["...", "..."]}.
func messageText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []anyString
	if json.Unmarshal(raw, &list) == nil {
		parts := make([]string, 0, len(list))
		for _, m := range list {
			if m != "" {
				parts = append(parts, string(m))
			}
		}
		return strings.Join(parts, "; ")
	}
	return ""
}

// anyString decodes a JSON string, number or boolean as text (and null or an
// object as "").
type anyString string

func (a *anyString) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = anyString(s)
		return nil
	}
	t := strings.TrimSpace(string(b))
	if t == "null" || strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		*a = ""
		return nil
	}
	*a = anyString(t)
	return nil
}

// parseRetryAfter reads delay-seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// transportError wraps an error of the HTTP round trip (no answer). The
// *url.Error layer is dropped: its URL may carry a payer's name or document
// in the query.
func transportError(method, path string, err error) *Error {
	for {
		ue, ok := err.(*url.Error)
		if !ok {
			break
		}
		err = ue.Err
	}
	return &Error{Method: method, Path: path, Err: err}
}

// Classification helpers.

// IsPossiblySent reports whether err is an emission whose outcome is unknown.
// Such an error is never retryable: reconcile (List by seuNumero) first.
func IsPossiblySent(err error) bool { return errors.Is(err, ErrPossiblySent) }

// IsRateLimit reports whether the bank answered 429 (after the client's own
// waits and retries, when MaxRetries ran out or the context ended).
func IsRateLimit(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusTooManyRequests
}

// IsNotFound reports whether the bank answered 404 (unknown charge, no
// webhook registered).
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// IsRetryable reports whether trying the same call again later may succeed:
// 408, 429, 5xx and network failures. It is false for an emission whose
// outcome is unknown (see IsPossiblySent), for certificate problems and for a
// cancelled context.
func IsRetryable(err error) bool {
	if err == nil || IsPossiblySent(err) || IsAuth(err) {
		return false
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case e.Status == http.StatusRequestTimeout, e.Status == http.StatusTooManyRequests, e.Status >= 500:
		return true
	case e.Status == 0:
		return e.Err != nil && !isTLSTrustError(e.Err)
	}
	return false
}

// IsAuth reports whether err is an authentication or authorisation failure:
// credentials, scopes, certificate or missing x-conta-corrente. AuthHint says
// which.
func IsAuth(err error) bool { return authKind(err) != authNone }

type authReason int

const (
	authNone authReason = iota
	authCredentials
	authScope
	authCertificate
	authAccount
	authServerCert
	authToken
)

// Hints returned by AuthHint.
const (
	HintCredentials = "client id ou secret errados"
	HintScope       = "escopo boleto-cobranca não habilitado na integração"
	HintCertificate = "certificado não aceito pelo banco"
	HintAccount     = "header x-conta-corrente ausente: informe a conta corrente"
	HintServerCert  = "certificado do servidor do banco não é confiável"
	HintToken       = "token recusado pelo banco mesmo depois de renovado"
)

// AuthHint says, in Portuguese, the likely cause of an authentication or
// authorisation failure, or "" when err is not one.
func AuthHint(err error) string {
	switch authKind(err) {
	case authCredentials:
		return HintCredentials
	case authScope:
		return HintScope
	case authCertificate:
		return HintCertificate
	case authAccount:
		return HintAccount
	case authServerCert:
		return HintServerCert
	case authToken:
		return HintToken
	}
	return ""
}

func authKind(err error) authReason {
	var e *Error
	if !errors.As(err, &e) {
		return authNone
	}
	text := strings.ToLower(e.Title + " " + e.Detail + " " + e.Code)
	if strings.Contains(text, "conta corrente") || strings.Contains(text, "x-conta-corrente") {
		return authAccount
	}
	if e.Status == 0 {
		switch {
		case isCertRefused(e.Err):
			return authCertificate
		case isTLSTrustError(e.Err):
			return authServerCert
		}
		return authNone
	}
	scope := strings.Contains(text, "scope") || strings.Contains(text, "escopo")
	if e.Path == tokenPath {
		switch {
		case e.Code == "invalid_scope" || scope:
			return authScope
		case e.Code == "invalid_client" || e.Code == "unauthorized_client" || e.Code == "invalid_grant",
			e.Status == http.StatusUnauthorized, e.Status == http.StatusBadRequest:
			return authCredentials
		case e.Status == http.StatusForbidden:
			// The token endpoint refuses applications whose certificate
			// does not belong to the client id.
			return authCertificate
		}
		return authNone
	}
	switch e.Status {
	case http.StatusUnauthorized:
		if scope {
			return authScope
		}
		return authToken
	case http.StatusForbidden:
		return authScope
	}
	return authNone
}

// isCertRefused reports whether the bank refused our client certificate
// during the TLS handshake (a TLS alert from the server).
func isCertRefused(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "remote error" {
		return true
	}
	var alert tls.AlertError
	if errors.As(err, &alert) {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "remote error: tls:")
}

// isTLSTrustError reports a TLS failure that retrying cannot fix: the
// server's certificate is not trusted, or ours was refused.
func isTLSTrustError(err error) bool {
	if err == nil {
		return false
	}
	if isCertRefused(err) {
		return true
	}
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	return errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid) || errors.As(err, &verify)
}

// UserMessage turns any error of this package into a Portuguese sentence
// that can be shown to the user as is: no secrets, no technical detail
// beyond what helps to act.
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	var ce *CertError
	if errors.As(err, &ce) {
		return ce.Message
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Message
	}
	if IsPossiblySent(err) {
		return "Não foi possível confirmar se o banco registrou o boleto: a conexão caiu ou o banco demorou a responder. " +
			"Ele será conferido no banco antes de qualquer novo envio, para não emitir em dobro."
	}
	var e *Error
	if !errors.As(err, &e) {
		switch {
		case errors.Is(err, context.Canceled):
			return "A operação com o banco foi cancelada."
		case errors.Is(err, context.DeadlineExceeded):
			return "O banco Inter demorou demais para responder. Tente de novo em instantes."
		}
		return "Erro inesperado na comunicação com o banco Inter. Tente de novo; se continuar, consulte o registro do programa."
	}
	if hint := AuthHint(err); hint != "" {
		switch authKind(err) {
		case authCertificate:
			return "O banco recusou o certificado da integração (" + hint + "). Confira se o .crt e o .key (ou o .pfx) são os baixados no Internet Banking do Inter para esta integração e se não venceram."
		case authServerCert:
			return "Não foi possível confirmar a identidade do servidor do banco (" + hint + "). Verifique se algum proxy ou antivírus está interceptando a conexão."
		case authAccount:
			return "O banco pediu a conta corrente (" + hint + "). Preencha a conta corrente da integração, só números com o dígito."
		case authScope:
			return "O banco negou o acesso: " + hint + ". No Internet Banking do Inter, edite a integração e marque as permissões de boleto (leitura e escrita); confira também se a conta corrente informada pertence a esta integração."
		case authCredentials:
			return "O banco recusou a autenticação: " + hint + ". Confira o client id e o client secret da integração no Internet Banking do Inter."
		default:
			return "O banco recusou a autenticação: " + hint + ". Confira as credenciais da integração."
		}
	}
	switch {
	case e.Status == 0:
		switch {
		case errors.Is(e.Err, context.Canceled):
			return "A operação com o banco foi cancelada."
		case isTimeout(e.Err):
			return "O banco Inter demorou demais para responder. Tente de novo em instantes."
		}
		return "Não foi possível falar com o banco Inter. Verifique a conexão com a internet e tente de novo."
	case e.Status == http.StatusTooManyRequests:
		return "O limite de requisições do banco Inter foi atingido. Aguarde um minuto e tente de novo."
	case e.Status == http.StatusNotFound:
		return "O banco Inter não encontrou o registro pedido."
	case e.Status >= 500:
		return fmt.Sprintf("O banco Inter está com instabilidade (erro %d). Tente de novo em alguns minutos.", e.Status)
	case e.Status == http.StatusBadRequest || e.Status == http.StatusUnprocessableEntity || e.Status == http.StatusConflict:
		return "O banco recusou os dados: " + problemText(e)
	}
	return fmt.Sprintf("O banco Inter recusou a operação (erro %d): %s", e.Status, problemText(e))
}

// problemText is the bank's own (Portuguese) explanation of a 4xx.
func problemText(e *Error) string {
	var parts []string
	if e.Title != "" && e.Title != http.StatusText(e.Status) {
		parts = append(parts, strings.TrimSuffix(e.Title, "."))
	}
	if e.Detail != "" && len(e.Violations) == 0 {
		parts = append(parts, strings.TrimSuffix(e.Detail, "."))
	}
	for _, v := range e.Violations {
		if v.Field != "" {
			parts = append(parts, v.Field+": "+strings.TrimSuffix(v.Reason, "."))
		} else {
			parts = append(parts, strings.TrimSuffix(v.Reason, "."))
		}
	}
	if len(parts) == 0 {
		return "o banco não informou o motivo. Confira os dados e tente de novo."
	}
	return strings.Join(parts, "; ") + "."
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
