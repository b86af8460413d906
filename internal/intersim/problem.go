package intersim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"boletos/internal/boleto"
)

// violacao is one item of a Problema's violacoes.
type violacao struct {
	Razao       string `json:"razao"`
	Propriedade string `json:"propriedade"`
	Valor       string `json:"valor"`
}

// problema is the bank's error body.
type problema struct {
	Title     string     `json:"title"`
	Status    int        `json:"status,omitempty"`
	Detail    string     `json:"detail,omitempty"`
	Timestamp string     `json:"timestamp,omitempty"`
	Violacoes []violacao `json:"violacoes,omitempty"`
}

// Canned bodies of the portal's OpenAPI.
var (
	problem403 = problema{Title: "Acesso Negado", Status: 403, Detail: "Requisição de participante autenticado que viola alguma regra de autorização."}
	problem404 = problema{Title: "Não Encontrado", Status: 404, Detail: "Entidade não encontrada."}
	problem500 = problema{Title: "Erro Interno", Status: 500, Detail: "Ocorreu um erro não esperado. Tente novamente mais tarde."}
	problem503 = problema{Title: "Serviço Indisponível", Status: 503, Detail: "Serviço não está disponível no momento. Serviço solicitado pode estar em manutenção ou fora da janela de funcionamento."}
)

// Texts of a 400.
const (
	title400  = "Dados inválidos."
	detail400 = "Verifique se os dados informados estão de acordo com a documentação disponibilizada e tente novamente."
)

// Reasons used in violacoes.
const (
	razaoConversao = "Não foi possível converter o valor."
	razaoNulo      = "não deve ser nulo"
	razaoVazio     = "não deve estar em branco"
)

// timestamp writes t as the bank does: São Paulo offset, microseconds.
func timestamp(t time.Time) string {
	return t.In(boleto.SaoPaulo).Format("2006-01-02T15:04:05.000000-07:00")
}

// response is an answer being built; the dispatcher sends it, or drops it
// when a fault says so.
type response struct {
	status int
	header http.Header
	body   []byte
}

func newResponse() *response { return &response{header: make(http.Header)} }

// json sets a JSON body with the given status and content type.
func (r *response) json(status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		r.status, r.body = http.StatusInternalServerError, nil
		return
	}
	r.status = status
	r.header.Set("Content-Type", contentType)
	r.body = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func (r *response) ok(v any) { r.json(http.StatusOK, "application/json", v) }

// empty answers status with no body.
func (r *response) empty(status int) {
	r.status = status
	r.body = nil
}

// badRequest answers 400 with a Problema listing the violations
// (application/json, as the bank does for 400).
func (r *response) badRequest(now time.Time, vs ...violacao) {
	r.json(http.StatusBadRequest, "application/json", problema{
		Title: title400, Detail: detail400, Timestamp: timestamp(now), Violacoes: vs,
	})
}

// problem answers one of the canned problems as application/problem+json.
func (r *response) problem(now time.Time, p problema) {
	p.Timestamp = timestamp(now)
	r.json(p.Status, "application/problem+json", p)
}

// tooMany answers 429 like the gateway in front of the bank.
func (r *response) tooMany() {
	r.json(http.StatusTooManyRequests, "application/json", map[string]string{"message": "Too Many Requests"})
}

// gatewayError answers a 5xx as the bank or its gateway would.
func (r *response) gatewayError(now time.Time, status int) {
	switch status {
	case http.StatusInternalServerError:
		r.problem(now, problem500)
	case http.StatusServiceUnavailable:
		r.problem(now, problem503)
	default:
		r.status = status
		r.header.Set("Content-Type", "text/html")
		text := strconv.Itoa(status) + " " + http.StatusText(status)
		r.body = []byte("<html><head><title>" + text + "</title></head><body><center><h1>" + text + "</h1></center></body></html>\n")
	}
}

// write sends the response.
func (r *response) write(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(r.body)))
	w.WriteHeader(r.status)
	if len(r.body) > 0 {
		_, _ = w.Write(r.body)
	}
}

// violation builds a violacao.
func violation(prop, razao, valor string) violacao {
	return violacao{Razao: razao, Propriedade: prop, Valor: valor}
}
