package intersim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// Limits of the emission request (§2.1, §3.3).
const (
	maxSeuNumero    = 15
	maxAgenda       = 60
	maxMessageLine  = 78
	cutoffHour      = 20 // same-day due date accepted until 19:59 in São Paulo
	duplicateWindow = 30 * time.Minute
	minValor        = boleto.Cents(250)
	maxValor        = boleto.Cents(9_999_999_999)
)

// object is a JSON object whose members are decoded one by one, so that
// every bad member becomes its own violation.
type object map[string]json.RawMessage

// checker collects violations while reading a request.
type checker struct {
	vs []violacao
}

func (k *checker) add(prop, razao, valor string) {
	k.vs = append(k.vs, violation(prop, razao, valor))
}

// parseObject reads raw as an object; absent (or null) gives ok=false
// without a violation when optional.
func (k *checker) object(parent object, prefix, name string, required bool) (object, bool) {
	raw, present := parent[name]
	prop := join(prefix, name)
	if !present || isNull(raw) {
		if required {
			k.add(prop, razaoNulo, "")
		}
		return nil, false
	}
	var o object
	if err := json.Unmarshal(raw, &o); err != nil || o == nil {
		k.add(prop, razaoConversao, rawText(raw))
		return nil, false
	}
	return o, true
}

// text reads a string member. A required one must not be blank; lengths
// are counted in characters.
func (k *checker) text(o object, prefix, name string, required bool, minLen, maxLen int) string {
	raw, present := o[name]
	prop := join(prefix, name)
	if !present || isNull(raw) {
		if required {
			k.add(prop, razaoNulo, "")
		}
		return ""
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		k.add(prop, razaoConversao, rawText(raw))
		return ""
	}
	n := utf8.RuneCountInString(v)
	switch {
	case required && strings.TrimSpace(v) == "":
		k.add(prop, razaoVazio, v)
	case n < minLen || n > maxLen:
		if minLen == maxLen {
			k.add(prop, fmt.Sprintf("tamanho deve ser %d", maxLen), v)
		} else {
			k.add(prop, fmt.Sprintf("tamanho deve ser entre %d e %d", minLen, maxLen), v)
		}
	}
	return v
}

// integer reads an integral JSON number within [lo, hi].
func (k *checker) integer(o object, prefix, name string, required bool, lo, hi int64) (int64, bool) {
	raw, present := o[name]
	prop := join(prefix, name)
	if !present || isNull(raw) {
		if required {
			k.add(prop, razaoNulo, "")
		}
		return 0, false
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil || bytes.HasPrefix(bytes.TrimSpace(raw), []byte(`"`)) {
		k.add(prop, razaoConversao, rawText(raw))
		return 0, false
	}
	v, err := strconv.ParseInt(num.String(), 10, 64)
	if err != nil {
		k.add(prop, razaoConversao, num.String())
		return 0, false
	}
	switch {
	case v < lo:
		k.add(prop, fmt.Sprintf("deve ser maior que ou igual a %d", lo), num.String())
		return 0, false
	case v > hi:
		k.add(prop, fmt.Sprintf("deve ser menor que ou igual a %d", hi), num.String())
		return 0, false
	}
	return v, true
}

// decimal reads a JSON number as centavos (or hundredths of a percent).
// strict refuses more than two decimals; otherwise they are rounded half
// up, as the bank does for taxa and valor.
func (k *checker) decimal(o object, prefix, name string, required, strict bool) (int64, bool) {
	raw, present := o[name]
	prop := join(prefix, name)
	if !present || isNull(raw) {
		if required {
			k.add(prop, razaoNulo, "")
		}
		return 0, false
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err != nil || bytes.HasPrefix(bytes.TrimSpace(raw), []byte(`"`)) {
		k.add(prop, razaoConversao, rawText(raw))
		return 0, false
	}
	text := num.String()
	if strict {
		if _, frac, ok := strings.Cut(strings.ToLower(text), "."); ok && !strings.Contains(frac, "e") && len(strings.TrimRight(frac, "0")) > 2 {
			k.add(prop, "valor numérico fora do limite (esperado <10 dígitos>,<2 dígitos>)", text)
			return 0, false
		}
	}
	c, err := boleto.ParseDecimal(text)
	if err != nil {
		k.add(prop, razaoConversao, text)
		return 0, false
	}
	return int64(c), true
}

// date reads a "YYYY-MM-DD" member.
func (k *checker) date(o object, prefix, name string, required bool) (boleto.Date, bool) {
	raw, present := o[name]
	prop := join(prefix, name)
	if !present || isNull(raw) {
		if required {
			k.add(prop, razaoNulo, "")
		}
		return boleto.Date{}, false
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		k.add(prop, razaoConversao, rawText(raw))
		return boleto.Date{}, false
	}
	d, err := boleto.ParseDate(v)
	if err != nil {
		k.add(prop, razaoConversao, v)
		return boleto.Date{}, false
	}
	return d, true
}

// enum reads a string member that must be one of values.
func (k *checker) enum(o object, prefix, name string, required bool, values ...string) string {
	v := k.text(o, prefix, name, required, 0, math.MaxInt32)
	if v == "" {
		return ""
	}
	for _, allowed := range values {
		if v == allowed {
			return v
		}
	}
	k.add(join(prefix, name), "deve ser um dos valores: "+strings.Join(values, ", "), v)
	return ""
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func rawText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// parseRoot reads a request body that must be a JSON object.
func parseRoot(body []byte) (object, *violacao) {
	if len(bytes.TrimSpace(body)) == 0 {
		v := violation("body", "Required Body [body] not specified.", "")
		return nil, &v
	}
	var o object
	if err := json.Unmarshal(body, &o); err != nil || o == nil {
		v := violation("body", "JSON malformado: "+jsonError(err), "")
		return nil, &v
	}
	return o, nil
}

func jsonError(err error) string {
	if err == nil {
		return "esperava um objeto"
	}
	return err.Error()
}

// checkDue applies the due-date rules: not in the past, and today only
// until 19:59 in São Paulo.
func (k *checker) checkDue(prop string, due boleto.Date, now time.Time, cutoff bool) {
	local := now.In(boleto.SaoPaulo)
	today := boleto.DateOf(local)
	switch {
	case due.Before(today):
		k.add(prop, "A data de vencimento deve ser igual ou posterior à data atual.", due.String())
	case cutoff && due.Equal(today) && local.Hour() >= cutoffHour:
		k.add(prop, "Cobranças com vencimento para o dia atual só podem ser emitidas até as 19:59 (horário de Brasília).", due.String())
	}
}

// person reads a Pagador (full) or a BeneficiarioBase.
func (k *checker) person(o object, prefix string, full bool) person {
	var p person
	doc := k.text(o, prefix, "cpfCnpj", true, 11, 18)
	p.TipoPessoa = k.enum(o, prefix, "tipoPessoa", true, "FISICA", "JURIDICA")
	if doc != "" && utf8.RuneCountInString(doc) >= 11 && utf8.RuneCountInString(doc) <= 18 {
		d, err := brazil.ValidateDocument(doc)
		switch {
		case err != nil:
			k.add(join(prefix, "cpfCnpj"), "CPF/CNPJ inválido.", doc)
		case p.TipoPessoa == "FISICA" && d.Kind != brazil.CPF:
			k.add(join(prefix, "tipoPessoa"), "Pessoa FISICA deve ter CPF.", p.TipoPessoa)
		case p.TipoPessoa == "JURIDICA" && d.Kind != brazil.CNPJ:
			k.add(join(prefix, "tipoPessoa"), "Pessoa JURIDICA deve ter CNPJ.", p.TipoPessoa)
		default:
			p.CpfCnpj = d.Number
		}
	}
	p.Nome = k.text(o, prefix, "nome", true, 1, 100)
	p.Endereco = k.text(o, prefix, "endereco", true, 1, 100)
	p.Bairro = k.text(o, prefix, "bairro", false, 0, 60)
	p.Cidade = k.text(o, prefix, "cidade", true, 1, 60)
	p.Uf = k.enum(o, prefix, "uf", true, brazil.UFs()...)
	p.Cep = k.text(o, prefix, "cep", true, 8, 8)
	if utf8.RuneCountInString(p.Cep) == 8 && (strings.Trim(p.Cep, "0123456789") != "" || brazil.ValidateCEP(p.Cep) != nil) {
		k.add(join(prefix, "cep"), "CEP inválido: informe 8 números.", p.Cep)
	}
	if full {
		p.Email = k.text(o, prefix, "email", false, 0, 50)
		p.Ddd = k.text(o, prefix, "ddd", false, 0, 2)
		p.Telefone = k.text(o, prefix, "telefone", false, 0, 9)
		p.Numero = k.text(o, prefix, "numero", false, 0, 10)
		p.Complemento = k.text(o, prefix, "complemento", false, 0, 30)
	}
	return p
}

// adjustment reads a desconto, multa or mora: codigo selects whether taxa
// or valor is required.
func (k *checker) adjustment(o object, name string, rateCodes, amountCodes []string, withDays bool, nominal boleto.Cents) *adjustment {
	obj, ok := k.object(o, "", name, false)
	if !ok {
		return nil
	}
	a := &adjustment{Codigo: k.enum(obj, name, "codigo", true, append(append([]string{}, rateCodes...), amountCodes...)...)}
	if withDays {
		if d, ok := k.integer(obj, name, "quantidadeDias", true, 0, math.MaxInt32); ok {
			n := int(d)
			a.QuantidadeDias = &n
		}
	}
	isRate, isAmount := contains(rateCodes, a.Codigo), contains(amountCodes, a.Codigo)
	if isRate {
		if v, ok := k.decimal(obj, name, "taxa", true, false); ok {
			switch {
			case v <= 0:
				k.add(name+".taxa", "deve ser maior que 0", boleto.Percent(v).Decimal())
			case v > 10000:
				k.add(name+".taxa", "deve ser menor que ou igual a 100", boleto.Percent(v).Decimal())
			default:
				p := boleto.Percent(v)
				a.Taxa = &p
			}
		}
	}
	if isAmount {
		if v, ok := k.decimal(obj, name, "valor", true, false); ok {
			switch {
			case v <= 0:
				k.add(name+".valor", "deve ser maior que 0", boleto.Cents(v).Decimal())
			case name == "desconto" && nominal > 0 && boleto.Cents(v) >= nominal:
				k.add(name+".valor", "O valor do desconto deve ser menor que o valor nominal.", boleto.Cents(v).Decimal())
			case boleto.Cents(v) > maxValor:
				k.add(name+".valor", "deve ser menor que ou igual a 99999999.99", boleto.Cents(v).Decimal())
			default:
				c := boleto.Cents(v)
				a.Valor = &c
			}
		}
	}
	return a
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// parseEmission validates an EmitirCobrancaRequestBody.
func parseEmission(body []byte, now time.Time) (emission, []violacao) {
	root, bad := parseRoot(body)
	if bad != nil {
		return emission{}, []violacao{*bad}
	}
	var k checker
	var e emission
	e.SeuNumero = k.text(root, "", "seuNumero", true, 1, maxSeuNumero)
	if v, ok := k.decimal(root, "", "valorNominal", true, true); ok {
		switch c := boleto.Cents(v); {
		case c < minValor:
			k.add("valorNominal", "deve ser maior que ou igual a 2.5", c.Decimal())
		case c > maxValor:
			k.add("valorNominal", "deve ser menor que ou igual a 99999999.99", c.Decimal())
		default:
			e.ValorNominal = c
		}
	}
	if d, ok := k.date(root, "", "dataVencimento", true); ok {
		k.checkDue("dataVencimento", d, now, true)
		e.DataVencimento = d
	}
	if n, ok := k.integer(root, "", "numDiasAgenda", true, 0, maxAgenda); ok {
		e.NumDiasAgenda = int(n)
	}
	if p, ok := k.object(root, "", "pagador", true); ok {
		e.Pagador = k.person(p, "pagador", true)
	}
	e.Desconto = k.adjustment(root, "desconto", []string{"PERCENTUALDATAINFORMADA"}, []string{"VALORFIXODATAINFORMADA"}, true, e.ValorNominal)
	e.Multa = k.adjustment(root, "multa", []string{"PERCENTUAL"}, []string{"VALORFIXO"}, false, e.ValorNominal)
	e.Mora = k.adjustment(root, "mora", []string{"TAXAMENSAL"}, []string{"VALORDIA"}, false, e.ValorNominal)
	if m, ok := k.object(root, "", "mensagem", false); ok {
		e.Mensagem = &message{
			Linha1: k.text(m, "mensagem", "linha1", false, 0, maxMessageLine),
			Linha2: k.text(m, "mensagem", "linha2", false, 0, maxMessageLine),
			Linha3: k.text(m, "mensagem", "linha3", false, 0, maxMessageLine),
			Linha4: k.text(m, "mensagem", "linha4", false, 0, maxMessageLine),
			Linha5: k.text(m, "mensagem", "linha5", false, 0, maxMessageLine),
		}
	}
	if b, ok := k.object(root, "", "beneficiarioFinal", false); ok {
		p := k.person(b, "beneficiarioFinal", false)
		e.BeneficiarioFinal = &p
	}
	e.FormasRecebimento = k.formas(root)
	if nf, ok := k.object(root, "", "notaFiscal", false); ok {
		e.NotaFiscal = k.invoice(nf)
	}
	return e, k.vs
}

// formas reads formasRecebimento: default BOLETO+PIX; PIX alone is refused;
// SEM_FORMA_PAGAMENTO cannot be combined.
func (k *checker) formas(root object) []string {
	raw, present := root["formasRecebimento"]
	if !present || isNull(raw) {
		return []string{formaBoleto, formaPix}
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		k.add("formasRecebimento", razaoConversao, rawText(raw))
		return nil
	}
	seen := map[string]bool{}
	for _, f := range list {
		switch f {
		case formaBoleto, formaPix, formaNenhum:
		default:
			k.add("formasRecebimento", "deve ser um dos valores: BOLETO, PIX, SEM_FORMA_PAGAMENTO", f)
			return nil
		}
		if seen[f] {
			k.add("formasRecebimento", "não deve conter itens repetidos", f)
			return nil
		}
		seen[f] = true
	}
	switch {
	case len(list) == 0:
		k.add("formasRecebimento", "não deve estar vazio", "[]")
	case seen[formaNenhum] && len(list) > 1:
		k.add("formasRecebimento", "SEM_FORMA_PAGAMENTO não pode ser combinado com outras formas de recebimento.", strings.Join(list, ","))
	case seen[formaPix] && !seen[formaBoleto]:
		k.add("formasRecebimento", "Não é permitido emitir somente com PIX; para isso use a API Pix (cobv).", strings.Join(list, ","))
	}
	return list
}

func (k *checker) invoice(o object) *invoice {
	nf := &invoice{}
	nf.ChaveNFe = k.text(o, "notaFiscal", "chaveNFe", true, 44, 44)
	if nf.ChaveNFe != "" && utf8.RuneCountInString(nf.ChaveNFe) == 44 && strings.Trim(nf.ChaveNFe, "0123456789") != "" {
		k.add("notaFiscal.chaveNFe", "deve corresponder a \"^[0-9]+$\"", nf.ChaveNFe)
	}
	if v, ok := k.integer(o, "notaFiscal", "numero", true, math.MinInt32, math.MaxInt32); ok {
		nf.Numero = v
	}
	if v, ok := k.integer(o, "notaFiscal", "serie", true, math.MinInt32, math.MaxInt32); ok {
		nf.Serie = v
	}
	if d, ok := k.date(o, "notaFiscal", "dataEmissao", true); ok {
		nf.DataEmissao = d
	}
	if v, ok := k.integer(o, "notaFiscal", "parcela", false, math.MinInt32, math.MaxInt32); ok {
		nf.Parcela = &v
	}
	nf.NaturezaOperacao = k.text(o, "notaFiscal", "naturezaOperacao", false, 0, math.MaxInt32)
	return nf
}
