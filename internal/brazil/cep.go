package brazil

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// cepRange is an inclusive block of CEPs, as 8-digit numbers.
type cepRange struct {
	from, to int
	uf       string
}

// cepRanges is the Correios "Faixa de CEP por UF" table, in ascending order.
// 00000-000–00999-999 and 78900-000–78999-999 belong to no UF.
var cepRanges = []cepRange{
	{1000000, 19999999, "SP"},
	{20000000, 28999999, "RJ"},
	{29000000, 29999999, "ES"},
	{30000000, 39999999, "MG"},
	{40000000, 48999999, "BA"},
	{49000000, 49999999, "SE"},
	{50000000, 56999999, "PE"},
	{57000000, 57999999, "AL"},
	{58000000, 58999999, "PB"},
	{59000000, 59999999, "RN"},
	{60000000, 63999999, "CE"},
	{64000000, 64999999, "PI"},
	{65000000, 65999999, "MA"},
	{66000000, 68899999, "PA"},
	{68900000, 68999999, "AP"},
	{69000000, 69299999, "AM"},
	{69300000, 69399999, "RR"},
	{69400000, 69899999, "AM"},
	{69900000, 69999999, "AC"},
	{70000000, 72799999, "DF"},
	{72800000, 72999999, "GO"},
	{73000000, 73699999, "DF"},
	{73700000, 76799999, "GO"},
	{76800000, 76999999, "RO"},
	{77000000, 77999999, "TO"},
	{78000000, 78899999, "MT"},
	{79000000, 79999999, "MS"},
	{80000000, 87999999, "PR"},
	{88000000, 89999999, "SC"},
	{90000000, 99999999, "RS"},
}

// NormalizeCEP keeps only the digits of s.
func NormalizeCEP(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ValidateCEP reports whether s is a CEP of 8 digits, with or without the
// mask (99999-999 or 99.999-999). Letters and other symbols are refused
// rather than silently dropped.
func ValidateCEP(s string) error {
	for _, r := range s {
		if !isDigit(r) && r != '-' && r != '.' && !unicode.IsSpace(r) {
			return fmt.Errorf("CEP inválido: caractere %q não é permitido; o CEP tem apenas números.", r)
		}
	}
	n := NormalizeCEP(s)
	switch len(n) {
	case 0:
		return errors.New("CEP não informado: digite os 8 números do CEP.")
	case 8:
		return nil
	default:
		return fmt.Errorf("CEP inválido: deve ter 8 números; %s.", informed(len(n)))
	}
}

// FormatCEP masks an 8-digit CEP as 01310-100. Any other input is returned
// unchanged.
func FormatCEP(s string) string {
	if ValidateCEP(s) != nil {
		return s
	}
	n := NormalizeCEP(s)
	return n[:5] + "-" + n[5:]
}

// UFForCEP returns the UF whose Correios range holds cep. It reports false
// when cep is not 8 digits or falls outside every range. A range is a block,
// not proof the CEP exists.
func UFForCEP(cep string) (string, bool) {
	if ValidateCEP(cep) != nil {
		return "", false
	}
	v, _ := strconv.Atoi(NormalizeCEP(cep)) // 8 digits: cannot fail
	for _, r := range cepRanges {
		if v >= r.from && v <= r.to {
			return r.uf, true
		}
	}
	return "", false
}

// CEPMatchesUF reports whether cep falls in a Correios range of uf. Use it
// as a warning: a mismatch usually means a typo, but it is not proof.
func CEPMatchesUF(cep, uf string) bool {
	got, ok := UFForCEP(cep)
	return ok && got == normalizeUF(uf)
}
