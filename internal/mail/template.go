package mail

import (
	"fmt"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// Placeholders of the subject and body templates, in the order the
// settings form lists them.
var Placeholders = []string{"pagador", "valor", "vencimento", "linha_digitavel", "pix", "seu_numero", "empresa"}

// DefaultSubject is the subject used when the account's template is empty.
const DefaultSubject = "Boleto {{seu_numero}} de {{empresa}} – vencimento {{vencimento}}"

// DefaultBody is the body used when the account's template is empty.
const DefaultBody = `Olá, {{pagador}}.

Segue em anexo o boleto de {{valor}} com vencimento em {{vencimento}}, emitido por {{empresa}} (nosso controle: {{seu_numero}}).

Para pagar no aplicativo ou no site do seu banco, use a linha digitável:
{{linha_digitavel}}

Ou pague com Pix copia e cola:
{{pix}}

Em caso de dúvida, responda a este e-mail.

Atenciosamente,
{{empresa}}
`

// Data is what the placeholders stand for, already formatted for reading.
type Data struct {
	Pagador        string // payer's name
	Valor          string // "R$ 1.234,56"
	Vencimento     string // "15/04/2026"
	LinhaDigitavel string // formatted linha digitável
	Pix            string // Pix copia e cola
	SeuNumero      string
	Empresa        string // the beneficiário's name
}

// notAvailable stands in for a code the boleto does not have (yet).
const notAvailable = "(não disponível)"

// DataOf builds the template data of a stored boleto of account a.
func DataOf(b store.Boleto, a store.Account) Data {
	d := Data{
		Pagador:        strings.TrimSpace(b.Payer.Name),
		Valor:          b.Amount.BRL(),
		SeuNumero:      b.SeuNumero,
		Empresa:        strings.TrimSpace(a.Beneficiary.Name),
		LinhaDigitavel: notAvailable,
		Pix:            notAvailable,
	}
	if d.Empresa == "" {
		d.Empresa = strings.TrimSpace(a.Name)
	}
	if !b.DueDate.IsZero() {
		d.Vencimento = b.DueDate.BR()
	}
	linha := b.LinhaDigitavel
	if linha == "" && b.Barcode != "" {
		linha, _ = boleto.BarcodeToLinha(b.Barcode)
	}
	if linha != "" {
		d.LinhaDigitavel = boleto.FormatLinha(linha)
	}
	if p := strings.TrimSpace(b.PixCopiaECola); p != "" {
		d.Pix = p
	}
	return d
}

func (d Data) value(name string) (string, bool) {
	switch name {
	case "pagador":
		return d.Pagador, true
	case "valor":
		return d.Valor, true
	case "vencimento":
		return d.Vencimento, true
	case "linha_digitavel":
		return d.LinhaDigitavel, true
	case "pix":
		return d.Pix, true
	case "seu_numero":
		return d.SeuNumero, true
	case "empresa":
		return d.Empresa, true
	}
	return "", false
}

// TemplateError is a template that cannot be rendered: a placeholder that
// does not exist or a "{{" never closed.
type TemplateError struct {
	Unknown  []string // names of unknown placeholders, as written, in order of appearance
	Unclosed bool     // a "{{" without its "}}"
}

func (e *TemplateError) Error() string {
	var parts []string
	if len(e.Unknown) > 0 {
		quoted := make([]string, len(e.Unknown))
		for i, n := range e.Unknown {
			quoted[i] = "{{" + n + "}}"
		}
		parts = append(parts, fmt.Sprintf("o modelo usa %s, que não existe", strings.Join(quoted, ", ")))
		if len(e.Unknown) > 1 {
			parts[0] = fmt.Sprintf("o modelo usa %s, que não existem", strings.Join(quoted, ", "))
		}
	}
	if e.Unclosed {
		parts = append(parts, "há um “{{” sem o “}}” que o fecha")
	}
	msg := strings.Join(parts, "; ")
	return strings.ToUpper(msg[:1]) + msg[1:] + ". Use somente " + placeholderList() + "."
}

func placeholderList() string {
	names := make([]string, len(Placeholders))
	for i, n := range Placeholders {
		names[i] = "{{" + n + "}}"
	}
	return strings.Join(names[:len(names)-1], ", ") + " e " + names[len(names)-1]
}

// Render replaces every {{name}} of tmpl by the value of that placeholder in
// d (names ignore case and surrounding spaces: {{ Pagador }} works). It is
// one pass of plain text substitution: a value that itself contains "{{"
// is copied as is, never expanded, and there is no other syntax. Unknown
// placeholders and an unclosed "{{" are a *TemplateError naming them.
func Render(tmpl string, d Data) (string, error) {
	var (
		out     strings.Builder
		tErr    TemplateError
		seenBad = map[string]bool{}
	)
	rest := tmpl
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			out.WriteString(rest)
			break
		}
		out.WriteString(rest[:i])
		j := strings.Index(rest[i+2:], "}}")
		if j < 0 {
			tErr.Unclosed = true
			break
		}
		raw := rest[i+2 : i+2+j]
		name := strings.ToLower(strings.TrimSpace(raw))
		if v, ok := d.value(name); ok {
			out.WriteString(v)
		} else if shown := strings.TrimSpace(raw); !seenBad[shown] {
			seenBad[shown] = true
			tErr.Unknown = append(tErr.Unknown, shown)
		}
		rest = rest[i+2+j+2:]
	}
	if tErr.Unclosed || len(tErr.Unknown) > 0 {
		return "", &tErr
	}
	return out.String(), nil
}

// CheckTemplate reports whether tmpl renders (see Render).
func CheckTemplate(tmpl string) error {
	_, err := Render(tmpl, Data{})
	return err
}

// renderMessage renders the subject and body of settings s (the defaults
// for empty templates) for d. The subject is made one line.
func renderMessage(s store.MailSettings, d Data) (subject, body string, err error) {
	st, bt := s.SubjectTemplate, s.BodyTemplate
	if strings.TrimSpace(st) == "" {
		st = DefaultSubject
	}
	if strings.TrimSpace(bt) == "" {
		bt = DefaultBody
	}
	if subject, err = Render(st, d); err != nil {
		return "", "", apperr.Wrap(apperr.CodeInvalid, err, "O modelo do assunto do e-mail está errado: "+lowerFirst(err.Error()))
	}
	if body, err = Render(bt, d); err != nil {
		return "", "", apperr.Wrap(apperr.CodeInvalid, err, "O modelo do texto do e-mail está errado: "+lowerFirst(err.Error()))
	}
	return oneLine(subject), body, nil
}

// oneLine turns every run of white space (line breaks included) into one
// space and trims the ends.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToLower(string(r[0])))[0]
	return string(r)
}
