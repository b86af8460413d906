package boleto

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"boletos/internal/brazil"
)

// Payer is the pagador of a boleto, or the beneficiário final (sacador
// avalista), who uses only Document, Name, Address, District, City, UF and
// CEP.
type Payer struct {
	Document   string // CPF or CNPJ (numeric or alphanumeric), masked or not
	Name       string
	Address    string // logradouro
	Number     string
	Complement string
	District   string // bairro
	City       string
	UF         string
	CEP        string
	Email      string
	DDD        string
	Phone      string
}

// Draft is a boleto being prepared locally, before it is sent to the bank.
type Draft struct {
	SeuNumero        string // our own identifier, 1..15 characters
	Amount           Cents  // valor nominal
	DueDate          Date
	Payer            Payer
	Charges          Charges
	FinalBeneficiary *Payer // sacador avalista, optional
}

// Banco Inter's limits for the fields of a draft (API Cobrança v3).
const (
	MaxSeuNumero  = 15
	maxName       = 100
	maxAddress    = 100
	maxNumber     = 10
	maxComplement = 30
	maxDistrict   = 60
	maxCity       = 60
	maxEmail      = 50
)

// sameDayCutoffHour is the hour (São Paulo time) from which a boleto can no
// longer be issued to fall due on the same day: until 19:59 it is accepted.
const sameDayCutoffHour = 20

// ValidateDraft checks a draft against the bank's rules and returns every
// problem at once, in a stable order, each with a field path and a message in
// Portuguese. now is the current instant (only its São Paulo date and time
// matter): the due date may not be in the past, and may be today only until
// 19:59 in São Paulo. Texts are measured after trimming surrounding spaces,
// and the phone is measured after removing spaces, hyphens, dots and
// parentheses; adapters are expected to send the values normalised the same
// way. A CEP outside the UF's range is only a warning.
func ValidateDraft(d Draft, now time.Time) Problems {
	var l problemList

	seu := strings.TrimSpace(d.SeuNumero)
	switch n := utf8.RuneCountInString(seu); {
	case n == 0:
		l.add("seuNumero", "Informe o seu número (o código que identifica este boleto na sua empresa, até %d caracteres).", MaxSeuNumero)
	case n > MaxSeuNumero:
		l.add("seuNumero", "O seu número deve ter no máximo %d caracteres; tem %d.", MaxSeuNumero, n)
	case hasControl(seu):
		l.add("seuNumero", "O seu número não pode ter quebras de linha nem tabulações.")
	}

	switch {
	case d.Amount <= 0:
		l.add("valor", "Informe o valor do boleto (mínimo %s).", MinIssueAmount.BRL())
	case d.Amount < MinIssueAmount:
		l.add("valor", "O valor mínimo de um boleto é %s; foi informado %s.", MinIssueAmount.BRL(), d.Amount.BRL())
	case d.Amount > MaxAmount:
		l.add("valor", "O valor máximo de um boleto é %s; foi informado %s.", MaxAmount.BRL(), d.Amount.BRL())
	}

	local := now.In(SaoPaulo)
	today := DateOf(local)
	lastDue := today.AddDays(fatorDaysAfter)
	switch due := d.DueDate; {
	case due.IsZero():
		l.add("vencimento", "Informe a data de vencimento.")
	case !due.Valid():
		l.add("vencimento", "A data de vencimento é inválida. Confira o dia, o mês e o ano.")
	case due.Before(today):
		l.add("vencimento", "A data de vencimento (%s) já passou. Escolha hoje (%s) ou uma data futura.", due.BR(), today.BR())
	case due.Equal(today) && local.Hour() >= sameDayCutoffHour:
		l.add("vencimento", "Boletos com vencimento para hoje só podem ser emitidos até 19:59 (horário de Brasília). Escolha uma data a partir de amanhã (%s).", today.AddDays(1).BR())
	case due.After(lastDue):
		l.add("vencimento", "A data de vencimento não pode passar de %s.", lastDue.BR())
	}

	l.ps = append(l.ps, ValidatePayer(d.Payer, "pagador")...)
	if d.FinalBeneficiary != nil {
		validatePerson(&l, "beneficiarioFinal", *d.FinalBeneficiary, false)
	}

	l.ps = append(l.ps, d.Charges.Validate(d.Amount)...)
	if disc := d.Charges.Discount; disc != nil && disc.DaysBefore >= 0 && d.DueDate.Valid() && !d.DueDate.Before(today) {
		if until := d.DueDate.AddDays(-disc.DaysBefore); until.Before(today) {
			l.warn("desconto.dias", "A data limite do desconto (%s) já passou: o desconto não será concedido.", until.BR())
		}
	}
	return l.ps
}

// ValidatePayer checks a pagador on its own, as the payer register and
// ValidateDraft do, and returns every problem at once. Field paths are
// prefix + "." + the field ("pagador.cep"), or the bare field ("cep") when
// prefix is empty. A CEP outside the UF's range is only a warning.
func ValidatePayer(p Payer, prefix string) Problems {
	var l problemList
	validatePerson(&l, prefix, p, true)
	return l.ps
}

// fieldPath joins a prefix and a field name into a problem's path.
func fieldPath(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// textRule is one text field of a person.
type textRule struct {
	field    string // path suffix
	noun     string // with its article, e.g. "o nome", "a cidade"
	value    string
	required bool
	max      int
}

// validatePerson checks a pagador (full) or a beneficiário final (only the
// fields the bank takes for it).
func validatePerson(l *problemList, prefix string, p Payer, full bool) {
	whose := "do pagador"
	if !full {
		whose = "do beneficiário final (sacador/avalista)"
	}
	if _, err := brazil.ValidateDocument(p.Document); err != nil {
		l.add(fieldPath(prefix, "documento"), "%s", err.Error())
	}
	rules := []textRule{
		{"nome", "o nome", p.Name, true, maxName},
		{"endereco", "o endereço", p.Address, true, maxAddress},
	}
	if full {
		rules = append(rules,
			textRule{"numero", "o número do endereço", p.Number, false, maxNumber},
			textRule{"complemento", "o complemento do endereço", p.Complement, false, maxComplement})
	}
	rules = append(rules,
		textRule{"bairro", "o bairro", p.District, false, maxDistrict},
		textRule{"cidade", "a cidade", p.City, true, maxCity})
	for _, r := range rules {
		v := strings.TrimSpace(r.value)
		switch n := utf8.RuneCountInString(v); {
		case n == 0 && r.required:
			l.add(fieldPath(prefix, r.field), "Informe %s %s.", r.noun, whose)
		case n > r.max:
			l.add(fieldPath(prefix, r.field), "%s %s deve ter no máximo %d caracteres; tem %d.", capitalize(r.noun), whose, r.max, n)
		case hasControl(v) || !utf8.ValidString(v):
			l.add(fieldPath(prefix, r.field), "%s %s tem caracteres inválidos (quebras de linha ou tabulações).", capitalize(r.noun), whose)
		}
	}

	uf := strings.ToUpper(strings.TrimSpace(p.UF))
	switch {
	case uf == "":
		l.add(fieldPath(prefix, "uf"), "Informe a UF (estado) %s.", whose)
	case uf == "EX" && full:
		l.add(fieldPath(prefix, "uf"), "Pagador no exterior não pode receber boleto: informe um endereço no Brasil.")
	case uf == "EX":
		l.add(fieldPath(prefix, "uf"), "O beneficiário final (sacador/avalista) precisa ter endereço no Brasil.")
	case !brazil.IsUF(uf):
		l.add(fieldPath(prefix, "uf"), "UF %q inválida %s: use a sigla de um dos 27 estados, por exemplo SP.", p.UF, whose)
	}
	if err := brazil.ValidateCEP(p.CEP); err != nil {
		l.add(fieldPath(prefix, "cep"), "%s", err.Error())
	} else if brazil.IsUF(uf) && !brazil.CEPMatchesUF(p.CEP, uf) {
		l.warn(fieldPath(prefix, "cep"), "O CEP %s não pertence à faixa de CEPs de %s. Confira o CEP e a UF %s.", p.CEP, uf, whose)
	}

	if !full {
		return
	}
	if email := strings.TrimSpace(p.Email); email != "" {
		switch n := utf8.RuneCountInString(email); {
		case n > maxEmail:
			l.add(fieldPath(prefix, "email"), "O e-mail %s deve ter no máximo %d caracteres; tem %d.", whose, maxEmail, n)
		case !validEmail(email):
			l.add(fieldPath(prefix, "email"), "O e-mail %s (%q) não é válido. Use o formato nome@empresa.com.br.", whose, email)
		}
	}
	ddd, phone := phoneDigits(p.DDD), phoneDigits(p.Phone)
	switch {
	case ddd == "" && phone == "":
	case ddd == "":
		l.add(fieldPath(prefix, "ddd"), "Informe o DDD do telefone %s.", whose)
	case len(ddd) != 2 || !allDigits(ddd) || ddd[0] == '0' || ddd[1] == '0':
		l.add(fieldPath(prefix, "ddd"), "O DDD %s deve ter 2 números, de 11 a 99 (por exemplo 11); foi informado %q.", whose, p.DDD)
	}
	switch {
	case phone == "" && ddd == "":
	case phone == "":
		l.add(fieldPath(prefix, "telefone"), "Informe o telefone %s ou apague o DDD.", whose)
	case !allDigits(phone):
		l.add(fieldPath(prefix, "telefone"), "O telefone %s deve ter só números; foi informado %q.", whose, p.Phone)
	case len(phone) < 8 || len(phone) > 9:
		l.add(fieldPath(prefix, "telefone"), "O telefone %s deve ter 8 ou 9 números, sem o DDD; tem %d.", whose, len(phone))
	}
}

// phoneDigits removes the separators people type in phone numbers.
func phoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '(' || r == ')' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// validEmail is a pragmatic check of one address: something@domain.tld, no
// spaces or characters that only appear in display forms.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.ContainsAny(s, " \t\r\n<>()[],;:\"\\") || strings.Contains(domain, "@") {
		return false
	}
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || len(labels[len(labels)-1]) < 2 {
		return false
	}
	for _, lb := range labels {
		if lb == "" || strings.HasPrefix(lb, "-") || strings.HasSuffix(lb, "-") {
			return false
		}
	}
	return utf8.ValidString(s) && !hasControl(s)
}

func hasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
