package issuing

import (
	"errors"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/inter"
	"boletos/internal/store"
)

// emitRequest is the body of POST /cobrancas for a boleto: the draft's
// data normalised as the bank wants it (document and CEP without mask,
// phone digits only, texts trimmed). formasRecebimento is left out: the
// bank's default is boleto plus Pix (when the account has a Pix key).
func emitRequest(b store.Boleto) inter.EmitRequest {
	req := inter.EmitRequest{
		SeuNumero:      strings.TrimSpace(b.SeuNumero),
		ValorNominal:   b.Amount,
		DataVencimento: b.DueDate,
		NumDiasAgenda:  b.Charges.AgendaDays,
		Pagador: inter.Pagador{
			CpfCnpj:     brazil.NormalizeDocument(b.Payer.Document),
			TipoPessoa:  tipoPessoa(b.Payer.Document),
			Nome:        strings.TrimSpace(b.Payer.Name),
			Endereco:    strings.TrimSpace(b.Payer.Address),
			Numero:      strings.TrimSpace(b.Payer.Number),
			Complemento: strings.TrimSpace(b.Payer.Complement),
			Bairro:      strings.TrimSpace(b.Payer.District),
			Cidade:      strings.TrimSpace(b.Payer.City),
			UF:          strings.ToUpper(strings.TrimSpace(b.Payer.UF)),
			CEP:         brazil.NormalizeCEP(b.Payer.CEP),
			Email:       strings.TrimSpace(b.Payer.Email),
			DDD:         digits(b.Payer.DDD),
			Telefone:    digits(b.Payer.Phone),
		},
	}
	c := b.Charges
	if in := c.Interest; in != nil {
		m := &inter.Mora{Codigo: string(in.Code)}
		if in.Code == boleto.InterestMonthlyRate {
			m.Taxa = in.Rate
		} else {
			m.Valor = in.Amount
		}
		req.Mora = m
	}
	if f := c.Fine; f != nil {
		m := &inter.Multa{Codigo: string(f.Code)}
		if f.Code == boleto.FinePercent {
			m.Taxa = f.Rate
		} else {
			m.Valor = f.Amount
		}
		req.Multa = m
	}
	if d := c.Discount; d != nil {
		m := &inter.Desconto{Codigo: string(d.Code), QuantidadeDias: d.DaysBefore}
		if d.Code == boleto.DiscountPercent {
			m.Taxa = d.Rate
		} else {
			m.Valor = d.Amount
		}
		req.Desconto = m
	}
	var lines [5]string
	any := false
	for i, l := range c.Messages {
		lines[i] = strings.TrimSpace(l)
		any = any || lines[i] != ""
	}
	if any {
		req.Mensagem = &inter.Mensagem{Linha1: lines[0], Linha2: lines[1], Linha3: lines[2], Linha4: lines[3], Linha5: lines[4]}
	}
	if fb := b.FinalBeneficiary; fb != nil {
		req.BeneficiarioFinal = &inter.Beneficiario{
			CpfCnpj:    brazil.NormalizeDocument(fb.Document),
			TipoPessoa: tipoPessoa(fb.Document),
			Nome:       strings.TrimSpace(fb.Name),
			Endereco:   strings.TrimSpace(fb.Address),
			Bairro:     strings.TrimSpace(fb.District),
			Cidade:     strings.TrimSpace(fb.City),
			UF:         strings.ToUpper(strings.TrimSpace(fb.UF)),
			CEP:        brazil.NormalizeCEP(fb.CEP),
		}
	}
	return req
}

// tipoPessoa is FISICA for a CPF (11 characters) and JURIDICA otherwise.
func tipoPessoa(doc string) string {
	if len(brazil.NormalizeDocument(doc)) == 11 {
		return inter.PessoaFisica
	}
	return inter.PessoaJuridica
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// sameKey reports whether a listed charge has the bank's duplicate key of
// the boleto: seuNumero, amount, due date and payer document.
func sameKey(c inter.DadosCobranca, b store.Boleto) bool {
	return strings.TrimSpace(c.SeuNumero) == strings.TrimSpace(b.SeuNumero) &&
		c.ValorNominal == b.Amount && c.DataVencimento == b.DueDate &&
		brazil.NormalizeDocument(c.Pagador.CpfCnpj) == brazil.NormalizeDocument(b.Payer.Document)
}

// personFields maps the fields of the bank's pagador and beneficiarioFinal
// to the draft's.
var personFields = map[string]string{
	"cpfCnpj": "documento", "tipoPessoa": "documento", "nome": "nome", "endereco": "endereco",
	"numero": "numero", "complemento": "complemento", "bairro": "bairro", "cidade": "cidade",
	"uf": "uf", "cep": "cep", "email": "email", "ddd": "ddd", "telefone": "telefone",
}

// DraftField maps a field of the bank's emission request, as named in its
// violacoes (pagador.cpfCnpj, valorNominal, mora.taxa…), to the field path
// of the draft that boleto.ValidateDraft and the form use (pagador.documento,
// valor, juros.taxa…). An unknown field gives "" (a problem of the whole
// boleto).
func DraftField(bankField string) string {
	f := strings.TrimSpace(bankField)
	switch f {
	case "seuNumero", "numDiasAgenda":
		return f
	case "valorNominal":
		return "valor"
	case "dataVencimento":
		return "vencimento"
	case "pagador", "beneficiarioFinal", "formasRecebimento":
		return f
	}
	head, tail, ok := strings.Cut(f, ".")
	if !ok {
		return ""
	}
	switch head {
	case "pagador", "beneficiarioFinal":
		if m, ok := personFields[tail]; ok {
			return head + "." + m
		}
		return head
	case "mora":
		return "juros." + chargeField(tail)
	case "multa":
		return "multa." + chargeField(tail)
	case "desconto":
		if tail == "quantidadeDias" {
			return "desconto.dias"
		}
		return "desconto." + chargeField(tail)
	case "mensagem":
		if strings.HasPrefix(tail, "linha") {
			return f
		}
		return "mensagem.linha1"
	}
	return ""
}

func chargeField(f string) string {
	switch f {
	case "taxa", "valor", "codigo":
		return f
	}
	return "codigo"
}

// refusalProblems turns the bank's violacoes into field problems of the
// draft, with the bank's reason (its own Portuguese) in the message.
func refusalProblems(e *inter.Error) []apperr.FieldProblem {
	var out []apperr.FieldProblem
	for _, v := range e.Violations {
		reason := strings.TrimSuffix(strings.TrimSpace(v.Reason), ".")
		if reason == "" {
			reason = "valor não aceito"
		}
		field := DraftField(v.Field)
		msg := "O banco recusou este campo: " + reason + "."
		if field == "" && v.Field != "" {
			msg = "O banco recusou " + v.Field + ": " + reason + "."
		}
		out = append(out, apperr.FieldProblem{Field: field, Message: msg})
	}
	if len(out) == 0 {
		text := strings.TrimSuffix(strings.TrimSpace(e.Detail), ".")
		if text == "" {
			text = "o banco não informou o motivo"
		}
		out = append(out, apperr.FieldProblem{Message: "O banco recusou o boleto: " + text + "."})
	}
	return out
}

// looksDuplicate reports whether a refusal of an emission may be the bank's
// 30-minute duplicate filter: a violation that says the charge already
// exists, or a refusal without any explanation (the bank sometimes answers
// 400 with an empty body).
func looksDuplicate(err error) bool {
	var e *inter.Error
	if !errors.As(err, &e) {
		return false
	}
	if len(e.Violations) == 0 && e.Detail == "" {
		return true
	}
	for _, v := range e.Violations {
		r := strings.ToLower(v.Reason)
		if strings.Contains(r, "já existe") || strings.Contains(r, "ja existe") || strings.Contains(r, "duplic") {
			return true
		}
	}
	d := strings.ToLower(e.Title + " " + e.Detail)
	return strings.Contains(d, "duplic") || strings.Contains(d, "já existe")
}
