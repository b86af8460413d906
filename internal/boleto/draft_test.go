package boleto

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// validDraft is a draft that passes every rule when issued at draftNow.
func validDraft() Draft {
	return Draft{
		SeuNumero: "FAT-001704",
		Amount:    15130,
		DueDate:   Date{2026, time.August, 20},
		Payer: Payer{
			Document:   "529.982.247-25",
			Name:       "Maria da Silva",
			Address:    "Avenida Brasil",
			Number:     "1200",
			Complement: "apto 3",
			District:   "Centro",
			City:       "Belo Horizonte",
			UF:         "MG",
			CEP:        "30110-000",
			Email:      "maria.silva@example.com.br",
			DDD:        "31",
			Phone:      "99999-9999",
		},
		Charges: Charges{
			Fine:       &Fine{Code: FinePercent, Rate: 200},
			Interest:   &Interest{Code: InterestMonthlyRate, Rate: 100},
			Discount:   &Discount{Code: DiscountFixed, Amount: 100, DaysBefore: 2},
			AgendaDays: 30,
		},
	}
}

// draftNow is 10:00 in São Paulo on 2026-08-14.
var draftNow = time.Date(2026, time.August, 14, 13, 0, 0, 0, time.UTC)

func fieldsOf(ps Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestValidateDraftValid(t *testing.T) {
	t.Parallel()
	ps := ValidateDraft(validDraft(), draftNow)
	if len(ps) != 0 || ps.Err() != nil {
		t.Fatalf("valid draft has problems: %+v", ps)
	}
	variants := map[string]func(*Draft){
		"CNPJ":                 func(d *Draft) { d.Payer.Document = "11.222.333/0001-81" },
		"alphanumeric CNPJ":    func(d *Draft) { d.Payer.Document = "12.abc.345/01de-35" },
		"minimum amount":       func(d *Draft) { d.Amount = MinIssueAmount },
		"maximum amount":       func(d *Draft) { d.Amount = MaxAmount },
		"due today before cut": func(d *Draft) { d.DueDate, d.Charges.Discount = Date{2026, time.August, 14}, nil },
		"lower-case UF":        func(d *Draft) { d.Payer.UF = "mg" },
		"latest due date":      func(d *Draft) { d.DueDate = Date{2041, time.September, 4} },
		"no contact":           func(d *Draft) { d.Payer.Email, d.Payer.DDD, d.Payer.Phone = "", "", "" },
		"phone with 8 digits":  func(d *Draft) { d.Payer.DDD, d.Payer.Phone = "(31)", "3222 1234" },
		"15-char seu número":   func(d *Draft) { d.SeuNumero = "ABCDEFGHIJKLMNO" },
		"no charges":           func(d *Draft) { d.Charges = Charges{} },
		"final beneficiary": func(d *Draft) {
			d.FinalBeneficiary = &Payer{Document: "11222333000181", Name: "Loja X", Address: "Rua A", City: "São Paulo", UF: "SP", CEP: "01310-100"}
		},
		"100-char name": func(d *Draft) { d.Payer.Name = strings.Repeat("ã", 100) },
	}
	for name, change := range variants {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := validDraft()
			change(&d)
			if ps := ValidateDraft(d, draftNow); len(ps) != 0 {
				t.Errorf("problems: %+v", ps)
			}
		})
	}
}

func TestValidateDraftAllProblemsAtOnce(t *testing.T) {
	t.Parallel()
	d := Draft{
		SeuNumero: "1234567890123456",
		Amount:    249,
		DueDate:   Date{2026, time.August, 13},
		Payer: Payer{
			Document:   "111.444.777-05",
			Name:       "",
			Address:    strings.Repeat("x", 101),
			Number:     "12345678901",
			Complement: strings.Repeat("c", 31),
			District:   strings.Repeat("b", 61),
			City:       "",
			UF:         "EX",
			CEP:        "123",
			Email:      "maria@",
			DDD:        "0",
			Phone:      "12345",
		},
		Charges: Charges{
			Interest:   &Interest{Code: InterestMonthlyRate, Rate: 0},
			Fine:       &Fine{Code: "NAOTEMMULTA"},
			Discount:   &Discount{Code: DiscountFixed, Amount: 300, DaysBefore: -1},
			AgendaDays: 61,
			Messages:   [5]string{2: strings.Repeat("m", 79)},
		},
		FinalBeneficiary: &Payer{Document: "", Name: "B", Address: "R", City: "C", UF: "ZZ", CEP: "01310100"},
	}
	ps := ValidateDraft(d, draftNow)
	want := []string{
		"seuNumero", "valor", "vencimento",
		"pagador.documento", "pagador.nome", "pagador.endereco", "pagador.numero", "pagador.complemento",
		"pagador.bairro", "pagador.cidade", "pagador.uf", "pagador.cep", "pagador.email", "pagador.ddd", "pagador.telefone",
		"beneficiarioFinal.documento", "beneficiarioFinal.uf",
		"juros.taxa", "multa.codigo", "desconto.valor", "desconto.dias", "numDiasAgenda", "mensagem.linha3",
	}
	if got := fieldsOf(ps); !reflect.DeepEqual(got, want) {
		t.Fatalf("fields =\n%v\nwant\n%v", got, want)
	}
	for _, p := range ps {
		if p.Warning || p.Message == "" {
			t.Errorf("%s: warning=%v message=%q", p.Field, p.Warning, p.Message)
		}
	}
	err := ps.Err()
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != len(want) {
		t.Fatalf("Err() = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "Há 23 problemas a corrigir:") {
		t.Errorf("Error() = %q", err.Error())
	}
	uf := ps.Field("pagador.uf")
	if len(uf) != 1 || !strings.Contains(uf[0].Message, "Pagador no exterior não pode receber boleto") {
		t.Errorf("pagador.uf problem = %+v", uf)
	}
}

func TestValidateDraftMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Draft)
		field  string
		msg    string
	}{
		{"empty seu número", func(d *Draft) { d.SeuNumero = "  " }, "seuNumero",
			"Informe o seu número (o código que identifica este boleto na sua empresa, até 15 caracteres)."},
		{"long seu número", func(d *Draft) { d.SeuNumero = strings.Repeat("9", 16) }, "seuNumero",
			"O seu número deve ter no máximo 15 caracteres; tem 16."},
		{"seu número with a tab", func(d *Draft) { d.SeuNumero = "A\tB" }, "seuNumero",
			"O seu número não pode ter quebras de linha nem tabulações."},
		{"no amount", func(d *Draft) { d.Amount = 0 }, "valor", "Informe o valor do boleto (mínimo R$ 2,50)."},
		{"amount below the minimum", func(d *Draft) { d.Amount = 249 }, "valor",
			"O valor mínimo de um boleto é R$ 2,50; foi informado R$ 2,49."},
		{"amount above the maximum", func(d *Draft) { d.Amount = MaxAmount + 1 }, "valor",
			"O valor máximo de um boleto é R$ 99.999.999,99; foi informado R$ 100.000.000,00."},
		{"no due date", func(d *Draft) { d.DueDate = Date{} }, "vencimento", "Informe a data de vencimento."},
		{"impossible due date", func(d *Draft) { d.DueDate = Date{2026, time.February, 30} }, "vencimento",
			"A data de vencimento é inválida. Confira o dia, o mês e o ano."},
		{"due yesterday", func(d *Draft) { d.DueDate = Date{2026, time.August, 13} }, "vencimento",
			"A data de vencimento (13/08/2026) já passou. Escolha hoje (14/08/2026) ou uma data futura."},
		{"due too far", func(d *Draft) { d.DueDate = Date{2041, time.September, 5} }, "vencimento",
			"A data de vencimento não pode passar de 04/09/2041."},
		{"invalid CPF", func(d *Draft) { d.Payer.Document = "111.444.777-05" }, "pagador.documento", ""},
		{"missing name", func(d *Draft) { d.Payer.Name = " " }, "pagador.nome", "Informe o nome do pagador."},
		{"long city", func(d *Draft) { d.Payer.City = strings.Repeat("c", 61) }, "pagador.cidade",
			"A cidade do pagador deve ter no máximo 60 caracteres; tem 61."},
		{"name with a line break", func(d *Draft) { d.Payer.Name = "Maria\nSilva" }, "pagador.nome",
			"O nome do pagador tem caracteres inválidos (quebras de linha ou tabulações)."},
		{"no UF", func(d *Draft) { d.Payer.UF = "" }, "pagador.uf", "Informe a UF (estado) do pagador."},
		{"abroad", func(d *Draft) { d.Payer.UF = "EX" }, "pagador.uf",
			"Pagador no exterior não pode receber boleto: informe um endereço no Brasil."},
		{"unknown UF", func(d *Draft) { d.Payer.UF = "XY" }, "pagador.uf",
			`UF "XY" inválida do pagador: use a sigla de um dos 27 estados, por exemplo SP.`},
		{"CEP with a letter", func(d *Draft) { d.Payer.CEP = "3011O-000" }, "pagador.cep", ""},
		{"long e-mail", func(d *Draft) { d.Payer.Email = strings.Repeat("a", 40) + "@example.com" }, "pagador.email",
			"O e-mail do pagador deve ter no máximo 50 caracteres; tem 52."},
		{"e-mail without domain", func(d *Draft) { d.Payer.Email = "maria@example" }, "pagador.email",
			`O e-mail do pagador ("maria@example") não é válido. Use o formato nome@empresa.com.br.`},
		{"phone without DDD", func(d *Draft) { d.Payer.DDD = "" }, "pagador.ddd", "Informe o DDD do telefone do pagador."},
		{"DDD without phone", func(d *Draft) { d.Payer.Phone = "" }, "pagador.telefone", "Informe o telefone do pagador ou apague o DDD."},
		{"DDD of 3 digits", func(d *Draft) { d.Payer.DDD = "031" }, "pagador.ddd",
			`O DDD do pagador deve ter 2 números, de 11 a 99 (por exemplo 11); foi informado "031".`},
		{"phone with the DDD", func(d *Draft) { d.Payer.Phone = "31 99999-9999" }, "pagador.telefone",
			"O telefone do pagador deve ter 8 ou 9 números, sem o DDD; tem 11."},
		{"phone with letters", func(d *Draft) { d.Payer.Phone = "9999-ABCD" }, "pagador.telefone",
			`O telefone do pagador deve ter só números; foi informado "9999-ABCD".`},
		{"beneficiary abroad", func(d *Draft) {
			d.FinalBeneficiary = &Payer{Document: "11222333000181", Name: "X", Address: "Y", City: "Z", UF: "EX", CEP: "01310100"}
		}, "beneficiarioFinal.uf", "O beneficiário final (sacador/avalista) precisa ter endereço no Brasil."},
		{"beneficiary without name", func(d *Draft) {
			d.FinalBeneficiary = &Payer{Document: "11222333000181", Address: "Y", City: "Z", UF: "SP", CEP: "01310100"}
		}, "beneficiarioFinal.nome", "Informe o nome do beneficiário final (sacador/avalista)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := validDraft()
			tt.change(&d)
			ps := ValidateDraft(d, draftNow)
			if len(ps) != 1 || ps[0].Field != tt.field || ps[0].Warning {
				t.Fatalf("problems = %+v; want one error on %s", ps, tt.field)
			}
			if tt.msg != "" && ps[0].Message != tt.msg {
				t.Errorf("message = %q\nwant      %q", ps[0].Message, tt.msg)
			}
			if ps[0].Message == "" {
				t.Error("empty message")
			}
			if ps.Err() == nil || ps.Err().Error() != ps[0].Message {
				t.Errorf("Err() = %v", ps.Err())
			}
		})
	}
}

func TestValidateDraftSameDayCutoff(t *testing.T) {
	t.Parallel()
	today := Date{2026, time.August, 14}
	tests := []struct {
		name string
		now  time.Time
		due  Date
		ok   bool
	}{
		{"19:59:59 in São Paulo", time.Date(2026, time.August, 14, 19, 59, 59, 0, SaoPaulo), today, true},
		{"20:00 in São Paulo", time.Date(2026, time.August, 14, 20, 0, 0, 0, SaoPaulo), today, false},
		{"20:00 but due tomorrow", time.Date(2026, time.August, 14, 20, 0, 0, 0, SaoPaulo), today.AddDays(1), true},
		// 22:30 UTC is 19:30 in São Paulo.
		{"22:30 UTC", time.Date(2026, time.August, 14, 22, 30, 0, 0, time.UTC), today, true},
		// 23:30 UTC is 20:30 in São Paulo, still the 14th there.
		{"23:30 UTC", time.Date(2026, time.August, 14, 23, 30, 0, 0, time.UTC), today, false},
		// 02:00 UTC on the 15th is 23:00 on the 14th in São Paulo: the 14th is
		// not yet in the past.
		{"02:00 UTC next day, due the 14th", time.Date(2026, time.August, 15, 2, 0, 0, 0, time.UTC), today, false},
		{"02:00 UTC next day, due the 15th", time.Date(2026, time.August, 15, 2, 0, 0, 0, time.UTC), today.AddDays(1), true},
		{"03:00 UTC next day, due the 15th", time.Date(2026, time.August, 15, 3, 0, 0, 0, time.UTC), today.AddDays(1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := validDraft()
			d.DueDate = tt.due
			d.Charges.Discount = nil
			ps := ValidateDraft(d, tt.now)
			if tt.ok != (len(ps) == 0) {
				t.Fatalf("problems = %+v; want ok=%v", ps, tt.ok)
			}
			if !tt.ok && (ps[0].Field != "vencimento" || !strings.Contains(ps[0].Message, "19:59")) {
				t.Errorf("problem = %+v; want the 19:59 rule", ps[0])
			}
		})
	}
}

func TestValidateDraftWarnings(t *testing.T) {
	t.Parallel()
	d := validDraft()
	d.Payer.CEP = "01310-100" // São Paulo, while the UF says MG
	d.Charges.Discount = &Discount{Code: DiscountFixed, Amount: 500, DaysBefore: 10}
	ps := ValidateDraft(d, draftNow)
	if got := fieldsOf(ps); !reflect.DeepEqual(got, []string{"pagador.cep", "desconto.dias"}) {
		t.Fatalf("fields = %v (%+v)", got, ps)
	}
	if len(ps.Warnings()) != 2 || len(ps.Errors()) != 0 || ps.Err() != nil {
		t.Errorf("want two warnings and no error, got %+v", ps)
	}
	if !strings.Contains(ps[1].Message, "10/08/2026") {
		t.Errorf("discount warning %q does not give the limit date", ps[1].Message)
	}
	// With a blocking problem as well, Err holds only the errors.
	d.Amount = MaxAmount + 1
	ps = ValidateDraft(d, draftNow)
	var ve *ValidationError
	if err := ps.Err(); !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Field != "valor" {
		t.Errorf("Err() = %v", err)
	}
}

func TestValidEmail(t *testing.T) {
	t.Parallel()
	good := []string{"a@b.co", "nome.sobrenome@x.com.br", "fin+boletos@empresa-x.com", "joão@empresa.com.br"}
	bad := []string{"", "a", "a@", "@b.com", "a@b", "a@b.c", "a b@c.com", "a@@b.com", "a@b@c.com", ".a@b.com", "a.@b.com",
		"a..b@c.com", "a@.b.com", "a@b..com", "a@-b.com", "Maria <m@x.com>", "a@b.com;c@d.com", "a@b.com\n"}
	for _, s := range good {
		if !validEmail(s) {
			t.Errorf("validEmail(%q) = false", s)
		}
	}
	for _, s := range bad {
		if validEmail(s) {
			t.Errorf("validEmail(%q) = true", s)
		}
	}
}
