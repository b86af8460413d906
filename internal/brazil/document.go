package brazil

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind tells a CPF from a CNPJ.
type Kind int

// Document kinds.
const (
	Unknown Kind = iota
	CPF
	CNPJ
)

// String returns "CPF" or "CNPJ", or "desconhecido" for any other value.
func (k Kind) String() string {
	switch k {
	case CPF:
		return "CPF"
	case CNPJ:
		return "CNPJ"
	default:
		return "desconhecido"
	}
}

const (
	cpfLen  = 11
	cnpjLen = 14
)

// Weights of the CNPJ check digits; the first DV uses the last 12 entries.
var cnpjWeights = [13]int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}

// NormalizeDocument removes the mask of a CPF or CNPJ (dots, slashes,
// hyphens and any white space) and upper-cases the rest. Letters and any
// other character are kept, so that an alphanumeric CNPJ survives and
// validation can point at a stray character.
func NormalizeDocument(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == '.' || r == '/' || r == '-' || unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// Document is a validated CPF or CNPJ.
type Document struct {
	Kind   Kind
	Number string // normalised: no mask, upper case
}

// ValidateDocument validates s as a CPF or a CNPJ. The kind is decided by
// the length of the normalised value: 11 characters is a CPF, 14 a CNPJ.
func ValidateDocument(s string) (Document, error) {
	n := NormalizeDocument(s)
	switch utf8.RuneCountInString(n) {
	case 0:
		return Document{}, errors.New("CPF/CNPJ não informado: digite os 11 números do CPF ou os 14 caracteres do CNPJ.")
	case cpfLen:
		if err := ValidateCPF(n); err != nil {
			return Document{}, err
		}
		return Document{Kind: CPF, Number: n}, nil
	case cnpjLen:
		if err := ValidateCNPJ(n); err != nil {
			return Document{}, err
		}
		return Document{Kind: CNPJ, Number: n}, nil
	default:
		return Document{}, fmt.Errorf("CPF/CNPJ deve ter 11 (CPF) ou 14 (CNPJ) caracteres; %s.", informed(utf8.RuneCountInString(n)))
	}
}

// informed phrases "foram informados n" with the right agreement.
func informed(n int) string {
	if n == 1 {
		return "foi informado 1"
	}
	return fmt.Sprintf("foram informados %d", n)
}

// ValidateCPF reports whether s, masked or not, is a valid CPF.
func ValidateCPF(s string) error {
	n := NormalizeDocument(s)
	count := utf8.RuneCountInString(n)
	if count == 0 {
		return errors.New("CPF não informado: digite os 11 números do CPF.")
	}
	for _, r := range n {
		if !isDigit(r) {
			return fmt.Errorf("CPF inválido: caractere %q não é permitido; o CPF tem apenas números.", r)
		}
	}
	if count != cpfLen {
		return fmt.Errorf("CPF inválido: deve ter 11 números; %s.", informed(count))
	}
	if repeated(n) {
		return fmt.Errorf("CPF inválido: %s é uma sequência de dígitos repetidos. Confira o número digitado.", n)
	}
	if n[9:] != cpfCheckDigits(n[:9]) {
		return errors.New("CPF inválido: dígitos verificadores não conferem. Confira o número digitado.")
	}
	return nil
}

// ValidateCNPJ reports whether s, masked or not, is a valid CNPJ, numeric or
// alphanumeric: 12 characters [0-9A-Z] followed by two numeric check digits.
// Lower-case letters are accepted and treated as upper case.
func ValidateCNPJ(s string) error {
	n := NormalizeDocument(s)
	count := utf8.RuneCountInString(n)
	if count == 0 {
		return errors.New("CNPJ não informado: digite os 14 caracteres do CNPJ.")
	}
	for _, r := range n {
		if !isDigit(r) && !isUpperLetter(r) {
			return fmt.Errorf("CNPJ inválido: caractere %q não é permitido. Use apenas números e letras de A a Z.", r)
		}
	}
	if count != cnpjLen {
		return fmt.Errorf("CNPJ inválido: deve ter 14 caracteres; %s.", informed(count))
	}
	if !isDigit(rune(n[12])) || !isDigit(rune(n[13])) {
		return errors.New("CNPJ inválido: os dois últimos caracteres (dígitos verificadores) devem ser números.")
	}
	if repeated(n) {
		return fmt.Errorf("CNPJ inválido: %s é uma sequência de dígitos repetidos. Confira o número digitado.", n)
	}
	if n[12:] != cnpjCheckDigits(n[:12]) {
		return errors.New("CNPJ inválido: dígitos verificadores não conferem. Confira o número digitado.")
	}
	return nil
}

// CPFCheckDigits returns the two check digits of a 9-digit CPF base.
func CPFCheckDigits(base9 string) (string, error) {
	n := NormalizeDocument(base9)
	if len(n) != 9 || !allDigits(n) {
		return "", fmt.Errorf("base do CPF inválida: informe exatamente 9 números (recebido %q).", base9)
	}
	return cpfCheckDigits(n), nil
}

// CNPJCheckDigits returns the two check digits of a 12-character CNPJ base
// (raiz and ordem), numeric or alphanumeric.
func CNPJCheckDigits(base12 string) (string, error) {
	n := NormalizeDocument(base12)
	if len(n) != 12 || !allCNPJBase(n) {
		return "", fmt.Errorf("base do CNPJ inválida: informe exatamente 12 caracteres, números ou letras de A a Z (recebido %q).", base12)
	}
	return cnpjCheckDigits(n), nil
}

// cpfCheckDigits assumes base holds 9 ASCII digits.
func cpfCheckDigits(base string) string {
	d := make([]int, 0, cpfLen)
	for i := range len(base) {
		d = append(d, int(base[i]-'0'))
	}
	for range 2 {
		sum := 0
		w := len(d) + 1
		for _, v := range d {
			sum += v * w
			w--
		}
		d = append(d, mod11(sum))
	}
	return string([]byte{byte('0' + d[9]), byte('0' + d[10])})
}

// cnpjCheckDigits assumes base holds 12 characters of [0-9A-Z]. The value of
// each character is its ASCII code minus 48, as IN RFB 2.229 defines.
func cnpjCheckDigits(base string) string {
	v := make([]int, 0, cnpjLen)
	for i := range len(base) {
		v = append(v, int(base[i])-'0')
	}
	for range 2 {
		weights := cnpjWeights[len(cnpjWeights)-len(v):]
		sum := 0
		for i, x := range v {
			sum += x * weights[i]
		}
		v = append(v, mod11(sum))
	}
	return string([]byte{byte('0' + v[12]), byte('0' + v[13])})
}

// mod11 turns a weighted sum into a check digit: 11 − (sum mod 11), or 0
// when that is 10 or 11.
func mod11(sum int) int {
	r := sum % 11
	if r < 2 {
		return 0
	}
	return 11 - r
}

// FormatCPF masks an 11-digit CPF as 529.982.247-25. Any other input is
// returned unchanged.
func FormatCPF(s string) string {
	n := NormalizeDocument(s)
	if len(n) != cpfLen || !allDigits(n) {
		return s
	}
	return n[0:3] + "." + n[3:6] + "." + n[6:9] + "-" + n[9:11]
}

// FormatCNPJ masks a 14-character CNPJ as 12.ABC.345/01DE-35. Any other
// input is returned unchanged.
func FormatCNPJ(s string) string {
	n := NormalizeDocument(s)
	if len(n) != cnpjLen || !allCNPJBase(n) {
		return s
	}
	return n[0:2] + "." + n[2:5] + "." + n[5:8] + "/" + n[8:12] + "-" + n[12:14]
}

// FormatDocument masks s as a CPF or a CNPJ, chosen by the length of the
// normalised value. Input that is neither is returned unchanged.
func FormatDocument(s string) string {
	switch len(NormalizeDocument(s)) {
	case cpfLen:
		return FormatCPF(s)
	case cnpjLen:
		return FormatCNPJ(s)
	default:
		return s
	}
}

func isDigit(r rune) bool       { return r >= '0' && r <= '9' }
func isUpperLetter(r rune) bool { return r >= 'A' && r <= 'Z' }

func allDigits(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

func allCNPJBase(s string) bool {
	for _, r := range s {
		if !isDigit(r) && !isUpperLetter(r) {
			return false
		}
	}
	return true
}

// repeated reports whether s is one character repeated, like 00000000000.
func repeated(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return len(s) > 0
}
