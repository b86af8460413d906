package boleto

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Cents is an amount of money in centavos of a real. All arithmetic on money
// in this project is done on Cents; there is no floating point anywhere.
type Cents int64

const (
	// MaxAmount is the largest amount a boleto can carry: R$ 99.999.999,99
	// (the 10-digit value field of the barcode).
	MaxAmount Cents = 9_999_999_999
	// MinIssueAmount is Banco Inter's minimum nominal value: R$ 2,50.
	MinIssueAmount Cents = 250

	// maxParsed bounds every parsed amount or rate (MaxAmount × 100), so that
	// later multiplications by rates and days stay far from int64 overflow.
	maxParsed = int64(MaxAmount) * 100
)

// Percent is a rate in hundredths of a percent: 2,5% is Percent(250) and
// 100% is Percent(10000).
type Percent int64

// OneHundredPercent is 100%.
const OneHundredPercent Percent = 10000

const (
	amountTooLarge = "O valor informado é grande demais; confira se não sobrou algum dígito."
	rateTooLarge   = "A taxa informada é grande demais; confira se não sobrou algum dígito."
)

// ParseBRL parses an amount typed by a user in Brazilian notation:
// "R$ 1.234,56", "1234,56", "1.234,5", "1234", "0,05". The "R$" prefix and
// spaces are optional; a dot may only separate thousands (groups of three
// digits) and a comma separates the centavos, with at most two decimals.
// Negative amounts are refused.
func ParseBRL(s string) (Cents, error) {
	t := stripSpaces(s)
	if t == "" {
		return 0, fieldErr("valor", "Informe o valor, por exemplo 1.234,56.")
	}
	t, neg := stripSign(t)
	if len(t) >= 2 && (t[0] == 'R' || t[0] == 'r') && t[1] == '$' {
		t = t[2:]
	}
	t, neg2 := stripSign(t)
	if neg || neg2 {
		return 0, fieldErr("valor", "O valor não pode ser negativo.")
	}
	bad := fieldErr("valor", fmt.Sprintf("O valor %q não é um número válido. Use o formato 1.234,56.", strings.TrimSpace(s)))
	intPart, fracPart, hasComma := strings.Cut(t, ",")
	if hasComma && strings.Contains(fracPart, ",") {
		return 0, fieldErr("valor", "Use uma vírgula só, para separar os centavos (por exemplo 1.234,56).")
	}
	if strings.Contains(fracPart, ".") {
		return 0, fieldErr("valor", "O ponto separa só os milhares; os centavos vêm depois da vírgula (por exemplo 1.234,56).")
	}
	if strings.Contains(intPart, ".") {
		groups := strings.Split(intPart, ".")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, fieldErr("valor", "Use o ponto só para separar os milhares e a vírgula para os centavos (por exemplo 1.234,56).")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if !allDigits(intPart) || !allDigits(fracPart) || intPart+fracPart == "" {
		return 0, bad
	}
	if len(fracPart) > 2 {
		return 0, fieldErr("valor", "O valor tem centavos demais: use no máximo 2 casas decimais.")
	}
	n, ok := fixedPoint(intPart, fracPart)
	if !ok {
		return 0, fieldErr("valor", amountTooLarge)
	}
	return Cents(n), nil
}

// ParseDecimal parses an amount in the bank's wire format: a decimal number
// with a dot ("2.5", "9.50", "1234", "1234.56"), as found in JSON numbers or
// strings. An exponent ("1.5e2") is accepted too. The conversion is exact;
// more than two decimals are rounded half up on the magnitude, as the bank does
// (0.335 → 0.34, -0.335 → -0.34).
func ParseDecimal(s string) (Cents, error) {
	n, err := parseDecimal(strings.TrimSpace(s), "valor", amountTooLarge)
	if err != nil {
		return 0, err
	}
	return Cents(n), nil
}

func parseDecimal(s, field, tooLarge string) (int64, error) {
	bad := fieldErr(field, fmt.Sprintf("Número inválido %q: esperava um número decimal como 1234.56.", s))
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	mant, expText, hasExp := strings.Cut(strings.ToLower(s), "e")
	intDigits, fracDigits, hasDot := strings.Cut(mant, ".")
	if intDigits == "" || !allDigits(intDigits) || !allDigits(fracDigits) || (hasDot && fracDigits == "") {
		return 0, bad
	}
	exp := 0
	if hasExp {
		sign := 1
		switch {
		case strings.HasPrefix(expText, "+"):
			expText = expText[1:]
		case strings.HasPrefix(expText, "-"):
			sign = -1
			expText = expText[1:]
		}
		if expText == "" || !allDigits(expText) {
			return 0, bad
		}
		for _, c := range expText {
			if exp < 100_000 {
				exp = exp*10 + int(c-'0')
			}
		}
		exp *= sign
	}
	digits := strings.TrimLeft(intDigits+fracDigits, "0")
	// value = 0.<digits> × 10^point
	point := len(intDigits) - (len(intDigits+fracDigits) - len(digits)) + exp
	if digits == "" {
		return 0, nil
	}
	k := point + 2 // digits that make up whole centavos
	if k > 13 {
		return 0, fieldErr(field, tooLarge)
	}
	var n int64
	for i := 0; i < k; i++ {
		d := int64(0)
		if i < len(digits) {
			d = int64(digits[i] - '0')
		}
		n = n*10 + d
	}
	if k >= 0 && k < len(digits) && digits[k] >= '5' {
		n++
	}
	if n > maxParsed {
		return 0, fieldErr(field, tooLarge)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// ParsePercent parses a rate typed by a user or read from the bank: "2,5",
// "2.5", "2,50%", "0,33 %". Comma and dot are both read as the decimal
// separator (a rate has no thousands separator); at most two decimals; negative
// rates are refused.
func ParsePercent(s string) (Percent, error) {
	t := stripSpaces(s)
	t = strings.TrimSuffix(t, "%")
	if t == "" {
		return 0, fieldErr("taxa", "Informe a taxa em porcentagem, por exemplo 2,5.")
	}
	t, neg := stripSign(t)
	if neg {
		return 0, fieldErr("taxa", "A taxa não pode ser negativa.")
	}
	t = strings.ReplaceAll(t, ",", ".")
	intPart, fracPart, _ := strings.Cut(t, ".")
	if !allDigits(intPart) || !allDigits(fracPart) || intPart+fracPart == "" {
		return 0, fieldErr("taxa", fmt.Sprintf("A taxa %q não é um número válido. Use o formato 2,5 (sem o símbolo de milhar).", strings.TrimSpace(s)))
	}
	if len(fracPart) > 2 {
		return 0, fieldErr("taxa", "A taxa tem casas decimais demais: use no máximo 2 casas decimais.")
	}
	n, ok := fixedPoint(intPart, fracPart)
	if !ok {
		return 0, fieldErr("taxa", rateTooLarge)
	}
	return Percent(n), nil
}

// fixedPoint turns digit strings "1234" and "5" into 123450 (two implied
// decimals), refusing values above maxParsed.
func fixedPoint(intPart, fracPart string) (int64, bool) {
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 11 {
		return 0, false
	}
	var n int64
	for _, c := range intPart + fracPart + "00"[len(fracPart):] {
		n = n*10 + int64(c-'0')
	}
	return n, n <= maxParsed
}

func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// stripSign removes one leading minus sign (ASCII or U+2212) and reports it.
func stripSign(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest, true
	}
	if rest, ok := strings.CutPrefix(s, "−"); ok {
		return rest, true
	}
	return s, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// magnitude splits n into its sign and absolute value, math.MinInt64 included.
func magnitude(n int64) (neg bool, abs uint64) {
	if n < 0 {
		return true, uint64(-(n + 1)) + 1
	}
	return false, uint64(n)
}

// twoDecimals writes the absolute value of n/100 with sep before the two
// decimals, optionally grouping thousands with dots.
func twoDecimals(n int64, sep byte, group bool) (neg bool, text string) {
	neg, abs := magnitude(n)
	whole := strconv.FormatUint(abs/100, 10)
	if group && len(whole) > 3 {
		var b strings.Builder
		first := len(whole) % 3
		if first == 0 {
			first = 3
		}
		b.WriteString(whole[:first])
		for i := first; i < len(whole); i += 3 {
			b.WriteByte('.')
			b.WriteString(whole[i : i+3])
		}
		whole = b.String()
	}
	frac := abs % 100
	return neg, whole + string(sep) + string(rune('0'+frac/10)) + string(rune('0'+frac%10))
}

// BRL formats c for display: "R$ 1.234,56"; a negative amount is "-R$ 1,00".
func (c Cents) BRL() string {
	neg, s := twoDecimals(int64(c), ',', true)
	if neg {
		return "-R$ " + s
	}
	return "R$ " + s
}

// String is the same as BRL.
func (c Cents) String() string { return c.BRL() }

// Decimal formats c in the bank's wire format: "1234.56", "-1.00".
func (c Cents) Decimal() string {
	neg, s := twoDecimals(int64(c), '.', false)
	if neg {
		return "-" + s
	}
	return s
}

// MarshalJSON writes c as a JSON number with exactly two decimals (2.50).
func (c Cents) MarshalJSON() ([]byte, error) { return []byte(c.Decimal()), nil }

// UnmarshalJSON reads a JSON number (2.5) or a JSON string ("2.50"), exactly,
// rounding more than two decimals half up. An empty string reads as zero (the
// bank leaves some string amounts blank); null leaves c unchanged.
func (c *Cents) UnmarshalJSON(b []byte) error {
	n, skip, err := unmarshalDecimal(b, "valor", amountTooLarge)
	if err != nil || skip {
		return err
	}
	*c = Cents(n)
	return nil
}

// String formats p for display: "2,50%".
func (p Percent) String() string {
	neg, s := twoDecimals(int64(p), ',', false)
	if neg {
		return "-" + s + "%"
	}
	return s + "%"
}

// Decimal formats p in the bank's wire format: "2.50".
func (p Percent) Decimal() string { return Cents(p).Decimal() }

// MarshalJSON writes p as a JSON number with exactly two decimals (2.50).
func (p Percent) MarshalJSON() ([]byte, error) { return []byte(p.Decimal()), nil }

// UnmarshalJSON reads a JSON number or string like Cents.UnmarshalJSON.
func (p *Percent) UnmarshalJSON(b []byte) error {
	n, skip, err := unmarshalDecimal(b, "taxa", rateTooLarge)
	if err != nil || skip {
		return err
	}
	*p = Percent(n)
	return nil
}

func unmarshalDecimal(b []byte, field, tooLarge string) (n int64, skip bool, err error) {
	text := strings.TrimSpace(string(b))
	if text == "null" {
		return 0, true, nil
	}
	if strings.HasPrefix(text, `"`) {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, false, fieldErr(field, "Número inválido: texto JSON malformado.")
		}
		if strings.TrimSpace(s) == "" {
			return 0, false, nil
		}
		text = strings.TrimSpace(s)
	}
	n, err = parseDecimal(text, field, tooLarge)
	return n, false, err
}
