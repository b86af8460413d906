package mail

import (
	"errors"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/store"
)

var sampleData = Data{
	Pagador: "João Araújo", Valor: "R$ 1.234,56", Vencimento: "15/04/2026",
	LinhaDigitavel: "07790.00116 12064.449908 08159.365561 7 90020000015130", Pix: "000201...6304ABCD",
	SeuNumero: "B000042", Empresa: "Comércio Exemplo Ltda",
}

func TestRender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, tmpl, want string
	}{
		{"every placeholder", "{{pagador}}|{{valor}}|{{vencimento}}|{{linha_digitavel}}|{{pix}}|{{seu_numero}}|{{empresa}}",
			"João Araújo|R$ 1.234,56|15/04/2026|07790.00116 12064.449908 08159.365561 7 90020000015130|000201...6304ABCD|B000042|Comércio Exemplo Ltda"},
		{"case and spaces ignored", "Olá, {{ Pagador }}! {{SEU_NUMERO}}", "Olá, João Araújo! B000042"},
		{"repeated", "{{empresa}} / {{empresa}}", "Comércio Exemplo Ltda / Comércio Exemplo Ltda"},
		{"no placeholders", "Texto simples com { chaves } e }}", "Texto simples com { chaves } e }}"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(tt.tmpl, sampleData)
			if err != nil || got != tt.want {
				t.Errorf("Render(%q) = %q, %v; want %q", tt.tmpl, got, err, tt.want)
			}
		})
	}
}

// A value that looks like a placeholder or a template action is copied as
// is: the substitution is one pass, with no other syntax.
func TestRenderValuesAreNotExpanded(t *testing.T) {
	t.Parallel()
	d := sampleData
	d.Pagador = "{{pix}} {{.}} {{printf \"%s\" 1}}"
	got, err := Render("Olá, {{pagador}}.", d)
	if err != nil || got != "Olá, {{pix}} {{.}} {{printf \"%s\" 1}}." {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestRenderUnknown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		tmpl     string
		unknown  []string
		unclosed bool
		fragment string
	}{
		{"one", "Olá {{nome}}", []string{"nome"}, false, "{{nome}}, que não existe"},
		{"several, once each", "{{nome}} {{cpf}} {{nome}} {{valor}}", []string{"nome", "cpf"}, false, "{{nome}}, {{cpf}}, que não existem"},
		{"template action", "{{.Pagador}} {{if 1}}", []string{".Pagador", "if 1"}, false, "{{.Pagador}}"},
		{"empty name", "a {{}} b", []string{""}, false, "{{}}"},
		{"unclosed", "Olá {{pagador", nil, true, "sem o “}}”"},
		{"unknown then unclosed", "{{x}} e {{pagador", []string{"x"}, true, "{{x}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Render(tt.tmpl, sampleData)
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("Render(%q) = %q, %v; want a *TemplateError", tt.tmpl, got, err)
			}
			if strings.Join(te.Unknown, "|") != strings.Join(tt.unknown, "|") || te.Unclosed != tt.unclosed {
				t.Errorf("error = %+v, want unknown %q unclosed %v", te, tt.unknown, tt.unclosed)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.fragment) || !strings.Contains(msg, "{{linha_digitavel}}") {
				t.Errorf("message %q lacks %q or the list of valid placeholders", msg, tt.fragment)
			}
		})
	}
}

func TestDefaultTemplatesRender(t *testing.T) {
	t.Parallel()
	for _, tmpl := range []string{DefaultSubject, DefaultBody} {
		if err := CheckTemplate(tmpl); err != nil {
			t.Errorf("default template does not render: %v", err)
		}
	}
	for _, p := range Placeholders {
		if !strings.Contains(DefaultBody, "{{"+p+"}}") {
			t.Errorf("the default body does not use {{%s}}", p)
		}
	}
}

func TestDataOf(t *testing.T) {
	t.Parallel()
	bc := "07797900200000151300001112064449900815936556"
	b := store.Boleto{State: store.StateIssued, Barcode: bc}
	b.SeuNumero = "NF1234-1"
	b.Payer.Name = "  Maria Conceição  "
	b.Amount = 123456
	b.DueDate = boleto.Date{Year: 2026, Month: time.April, Day: 5}
	a := store.Account{Name: "Conta Inter"}
	d := DataOf(b, a)
	want := Data{Pagador: "Maria Conceição", Valor: "R$ 1.234,56", Vencimento: "05/04/2026",
		LinhaDigitavel: "07790.00116 12064.449908 08159.365561 7 90020000015130", Pix: notAvailable,
		SeuNumero: "NF1234-1", Empresa: "Conta Inter"}
	if d != want {
		t.Errorf("DataOf = %+v\nwant   %+v", d, want)
	}
	a.Beneficiary.Name = "Comércio Exemplo Ltda"
	b.PixCopiaECola = "000201"
	if d := DataOf(b, a); d.Empresa != "Comércio Exemplo Ltda" || d.Pix != "000201" {
		t.Errorf("DataOf with beneficiary and Pix = %+v", d)
	}
	b.Barcode = ""
	if d := DataOf(b, a); d.LinhaDigitavel != notAvailable {
		t.Errorf("linha of a boleto without codes = %q", d.LinhaDigitavel)
	}
}

func TestRenderMessageUsesDefaultsAndOneLineSubject(t *testing.T) {
	t.Parallel()
	subject, body, err := renderMessage(store.MailSettings{}, sampleData)
	if err != nil {
		t.Fatal(err)
	}
	if subject != "Boleto B000042 de Comércio Exemplo Ltda – vencimento 15/04/2026" {
		t.Errorf("subject = %q", subject)
	}
	if !strings.HasPrefix(body, "Olá, João Araújo.\n") || !strings.Contains(body, sampleData.LinhaDigitavel) {
		t.Errorf("body = %q", body)
	}
	subject, _, err = renderMessage(store.MailSettings{SubjectTemplate: "Boleto\r\n{{pagador}}\nBcc: x@y.com"}, sampleData)
	if err != nil || subject != "Boleto João Araújo Bcc: x@y.com" {
		t.Errorf("multi-line subject = %q, %v", subject, err)
	}
	_, _, err = renderMessage(store.MailSettings{BodyTemplate: "{{nome}}"}, sampleData)
	if err == nil || !strings.Contains(err.Error(), "O modelo do texto do e-mail está errado: o modelo usa {{nome}}") {
		t.Errorf("bad body template: %v", err)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{DefaultSubject, DefaultBody, "{{", "}}{{", "{{pagador}}}}", "{{{pagador}}}", "{{ valor "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tmpl string) {
		got, err := Render(tmpl, sampleData)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		// Without placeholders the text is unchanged.
		if !strings.Contains(tmpl, "{{") && got != tmpl {
			t.Fatalf("Render(%q) = %q", tmpl, got)
		}
	})
}
