package mail

import (
	"fmt"
	"net"
	netmail "net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"boletos/internal/apperr"
	"boletos/internal/store"
)

// Settings is the e-mail form of an account: its SMTP server, the sender and
// the message templates. The password travels apart (SettingsInput) and is
// kept in the OS keychain only.
type Settings struct {
	Host        string
	Port        int
	Security    store.MailSecurity
	Username    string // "" when the server takes no authentication
	FromName    string
	FromAddress string
	ReplyTo     string // optional
	Subject     string // template; "" means DefaultSubject
	Body        string // template; "" means DefaultBody
}

// Field paths of the e-mail form, as the frontend names them.
const (
	FieldHost        = "host"
	FieldPort        = "port"
	FieldSecurity    = "security"
	FieldUsername    = "username"
	FieldPassword    = "password"
	FieldFromName    = "fromName"
	FieldFromAddress = "fromAddress"
	FieldReplyTo     = "replyTo"
	FieldSubject     = "subject"
	FieldBody        = "body"
	FieldTo          = "to"
)

// Limits of the form.
const (
	maxHost        = 253
	maxUsername    = 256
	maxPassword    = 1024
	maxFromName    = 100
	maxAddress     = 254
	maxSubjectTmpl = 300
	maxBodyTmpl    = 20000
)

// normalize trims what the user cannot mean to keep.
func (s Settings) normalize() Settings {
	s.Host = strings.TrimSuffix(strings.TrimSpace(s.Host), ".")
	s.Username = strings.TrimSpace(s.Username)
	s.FromName = oneLine(s.FromName)
	s.FromAddress = strings.TrimSpace(s.FromAddress)
	s.ReplyTo = strings.TrimSpace(s.ReplyTo)
	if strings.TrimSpace(s.Subject) == "" {
		s.Subject = ""
	}
	if strings.TrimSpace(s.Body) == "" {
		s.Body = ""
	}
	return s
}

// Validate checks the whole form and returns one *apperr.Error (CodeInvalid)
// listing every field to fix, with pt-BR messages; warnings (a port that
// does not match the security chosen) ride along but do not block.
func (s Settings) Validate() error { return s.check().err() }

// Warnings returns the problems of the form that do not block saving it,
// such as a port that does not match the security chosen.
func (s Settings) Warnings() []apperr.FieldProblem {
	var out []apperr.FieldProblem
	for _, f := range s.check().list {
		if f.Warning {
			out = append(out, f)
		}
	}
	return out
}

func (s Settings) check() *problems {
	s = s.normalize()
	p := &problems{}
	switch {
	case s.Host == "":
		p.add(FieldHost, "Informe o servidor SMTP (por exemplo, smtp.gmail.com).")
	case strings.Contains(s.Host, "://"):
		p.add(FieldHost, "Informe só o nome do servidor, sem “smtp://” ou “https://” (por exemplo, smtp.gmail.com).")
	case strings.Count(s.Host, ":") == 1:
		p.add(FieldHost, "Informe só o nome do servidor e coloque a porta no campo Porta.")
	case !validHost(s.Host):
		p.add(FieldHost, "O servidor SMTP “%s” não é um nome de servidor ou endereço IP válido.", clip(s.Host, 60))
	}
	if s.Port < 1 || s.Port > 65535 {
		p.add(FieldPort, "A porta deve ser um número de 1 a 65535 (normalmente 587 com STARTTLS ou 465 com TLS).")
	}
	switch s.Security {
	case store.MailSTARTTLS:
		if s.Port == 465 {
			p.warn(FieldPort, "A porta 465 normalmente usa TLS direto, não STARTTLS. Confira com o provedor de e-mail.")
		}
	case store.MailTLS:
		if s.Port == 587 || s.Port == 25 {
			p.warn(FieldPort, "A porta %d normalmente usa STARTTLS, não TLS direto. Confira com o provedor de e-mail.", s.Port)
		}
	case store.MailNone:
		if s.Username != "" && !isLoopback(s.Host) {
			p.add(FieldSecurity, "Sem criptografia, o usuário e a senha passariam pela rede sem proteção: escolha STARTTLS ou TLS. (Sem criptografia, só um servidor neste computador ou um servidor sem usuário e senha.)")
		}
	default:
		p.add(FieldSecurity, "Escolha a segurança da conexão: STARTTLS, TLS ou nenhuma.")
	}
	switch {
	case len(s.Username) > maxUsername:
		p.add(FieldUsername, "O usuário tem mais de %d caracteres.", maxUsername)
	case strings.IndexFunc(s.Username, unicode.IsControl) >= 0:
		p.add(FieldUsername, "O usuário não pode ter quebras de linha ou caracteres de controle.")
	}
	if utf8.RuneCountInString(s.FromName) > maxFromName {
		p.add(FieldFromName, "O nome do remetente tem mais de %d caracteres.", maxFromName)
	}
	if s.FromAddress == "" {
		p.add(FieldFromAddress, "Informe o e-mail do remetente (o endereço que aparece como “De”).")
	} else if _, err := ParseAddress(s.FromAddress); err != nil {
		p.add(FieldFromAddress, "E-mail do remetente: %s", apperrMessage(err))
	}
	if s.ReplyTo != "" {
		if _, err := ParseAddress(s.ReplyTo); err != nil {
			p.add(FieldReplyTo, "E-mail para respostas: %s", apperrMessage(err))
		}
	}
	if utf8.RuneCountInString(s.Subject) > maxSubjectTmpl {
		p.add(FieldSubject, "O assunto tem mais de %d caracteres.", maxSubjectTmpl)
	} else if err := CheckTemplate(s.Subject); err != nil {
		p.add(FieldSubject, "Assunto: %s", err.Error())
	}
	if utf8.RuneCountInString(s.Body) > maxBodyTmpl {
		p.add(FieldBody, "O texto do e-mail tem mais de %d caracteres.", maxBodyTmpl)
	} else if err := CheckTemplate(s.Body); err != nil {
		p.add(FieldBody, "Texto do e-mail: %s", err.Error())
	}
	return p
}

// row is the settings as stored for account id.
func (s Settings) row(accountID int64) store.MailSettings {
	s = s.normalize()
	return store.MailSettings{
		AccountID: accountID, Host: s.Host, Port: s.Port, Security: s.Security, Username: s.Username,
		FromName: s.FromName, FromAddress: s.FromAddress, ReplyTo: s.ReplyTo,
		SubjectTemplate: s.Subject, BodyTemplate: s.Body,
	}
}

// settingsOf is the form of a stored row.
func settingsOf(m store.MailSettings) Settings {
	return Settings{
		Host: m.Host, Port: m.Port, Security: m.Security, Username: m.Username,
		FromName: m.FromName, FromAddress: m.FromAddress, ReplyTo: m.ReplyTo,
		Subject: m.SubjectTemplate, Body: m.BodyTemplate,
	}
}

// ParseAddress checks one e-mail address, as typed by the user ("ana@x.com"
// or "Ana <ana@x.com>"), and returns the bare address. The error is an
// *apperr.Error (CodeInvalid) that says what is wrong.
func ParseAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	shown := clip(s, 80)
	switch {
	case s == "":
		return "", apperr.Invalid("Informe o endereço de e-mail.")
	case strings.ContainsAny(s, ",;") && strings.Count(s, "@") > 1:
		return "", apperr.Invalid("Informe um endereço de e-mail só (“%s” tem mais de um).", shown)
	case len(s) > 2*maxAddress:
		return "", apperr.Invalid("O endereço de e-mail é longo demais.")
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return "", apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("“%s” não é um endereço de e-mail válido (exemplo: nome@empresa.com.br).", shown))
	}
	addr := a.Address
	local, domain, ok := strings.Cut(addr, "@")
	switch {
	case len(addr) > maxAddress:
		return "", apperr.Invalid("O endereço de e-mail “%s” é longo demais.", shown)
	case !isASCII(addr):
		return "", apperr.Invalid("O endereço “%s” tem acentos ou caracteres especiais, que o envio de e-mail não aceita. Confira com o destinatário.", shown)
	case !ok || local == "" || !strings.Contains(domain, ".") || !validHostname(domain):
		return "", apperr.Invalid("“%s” não é um endereço de e-mail válido (exemplo: nome@empresa.com.br).", shown)
	}
	return addr, nil
}

// validHost reports whether h is an IP address or a host name.
func validHost(h string) bool {
	if len(h) > maxHost {
		return false
	}
	if net.ParseIP(strings.Trim(h, "[]")) != nil {
		return true
	}
	return validHostname(h)
}

// validHostname reports whether h is a DNS name of letters, digits and
// hyphens (LDH labels of 1 to 63 characters).
func validHostname(h string) bool {
	if h == "" || len(h) > maxHost {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := range len(label) {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// isLoopback reports whether host names this computer: "localhost" or a
// loopback IP address. It never resolves names.
func isLoopback(host string) bool {
	host = strings.Trim(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), "."), "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			return false
		}
	}
	return true
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// apperrMessage is the user message of err.
func apperrMessage(err error) string {
	_, msg := apperr.Describe(err)
	return lowerFirst(msg)
}

// problems collects every problem of a form, so that the user sees them all
// at once.
type problems struct{ list []apperr.FieldProblem }

func (p *problems) add(field, format string, args ...any) {
	p.list = append(p.list, apperr.FieldProblem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) warn(field, format string, args ...any) {
	p.list = append(p.list, apperr.FieldProblem{Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
}

// err is nil when nothing blocks, else one input error carrying every
// problem (warnings included). Its message is the first blocking problem,
// prefixed by the count when there are several.
func (p *problems) err() error {
	var first string
	n := 0
	for _, f := range p.list {
		if !f.Warning {
			if n == 0 {
				first = f.Message
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	msg := first
	if n > 1 {
		msg = fmt.Sprintf("Há %d campos a corrigir. %s", n, first)
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: append([]apperr.FieldProblem(nil), p.list...)}
}

// fieldErr is an input error about one field.
func fieldErr(field, msg string) *apperr.Error {
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: []apperr.FieldProblem{{Field: field, Message: msg}}}
}
