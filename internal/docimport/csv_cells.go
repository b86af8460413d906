package docimport

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// This file holds the parsers of single CSV cells. Each returns the value
// and, when the cell is invalid, a pt-BR sentence fragment (without the
// "Linha n, coluna x:" prefix) saying what is wrong and how to write it.

// csvKey normalises a header cell or a keyword for matching: lower case,
// without accents and dots, runs of anything else but letters and digits
// turned into one "_" ("Número do Endereço" → "numero_do_endereco", "C.E.P."
// → "cep").
func csvKey(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range s {
		r = csvFoldRune(unicode.ToLower(r))
		if r == '.' {
			continue
		}
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	return b.String()
}

// csvFoldRune removes the accent of the lower-case letters Portuguese uses.
func csvFoldRune(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ã', 'ä', 'ª':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ó', 'ò', 'ô', 'õ', 'ö', 'º':
		return 'o'
	case 'ú', 'ù', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return r
}

// csvKind reads the tipo cell.
func csvKind(s string) (Kind, bool) {
	switch csvKey(s) {
	case "pedido", "venda", "pedido_de_venda", "pedido_venda", "sales_order":
		return KindSalesOrder, true
	case "os", "o_s", "ordem_de_servico", "ordem_servico", "service_order":
		return KindServiceOrder, true
	case "venda_futura", "future_sale":
		return KindFutureSale, true
	case "contrato", "contract":
		return KindContract, true
	}
	return "", false
}

// csvParseAmount reads an amount: "1.234,56", "1234,56", "1234,5",
// "R$ 1.234,56", "1234", "1.234" (one thousand two hundred and thirty-four
// reais) and "1234.56" (a dot followed by one or two digits is a decimal
// point). Never through floating point.
func csvParseAmount(s string) (boleto.Cents, string) {
	bad := fmt.Sprintf("%q não é um valor; use 1.234,56.", s)
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if len(t) >= 2 && (t[0] == 'R' || t[0] == 'r') && t[1] == '$' {
		t = t[2:]
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") || (strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")")) {
		return 0, fmt.Sprintf("%q: o valor não pode ser negativo.", s)
	}
	if t == "" {
		return 0, bad
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return 0, bad
		}
	}
	if digits := strings.TrimLeft(csvDigits(t), "0"); len(digits) > 13 {
		return 0, fmt.Sprintf("%q é grande demais para um valor; confira se não sobrou algum dígito.", s)
	}
	if whole, frac, ok := strings.Cut(t, "."); ok && !strings.Contains(t, ",") && !strings.Contains(frac, ".") &&
		len(frac) >= 1 && len(frac) <= 2 && whole != "" {
		c, err := boleto.ParseDecimal(t)
		if err != nil {
			return 0, bad
		}
		return c, ""
	}
	c, err := boleto.ParseBRL(t)
	if err != nil {
		if _, frac, _ := strings.Cut(t, ","); len(frac) > 2 && csvAllDigits(frac) && strings.Count(t, ",") == 1 {
			return 0, fmt.Sprintf("%q tem mais de 2 casas decimais; use 1.234,56.", s)
		}
		return 0, bad
	}
	return c, ""
}

// csvParseDate reads dd/mm/aaaa (or d/m/aaaa) and aaaa-mm-dd; a time of
// midnight after the date ("15/08/2026 00:00:00", as some spreadsheets
// export dates) is accepted.
func csvParseDate(s string) (boleto.Date, string) {
	bad := fmt.Sprintf("%q não é uma data; use dd/mm/aaaa, por exemplo 15/08/2026.", s)
	t := s
	if date, clock, ok := strings.Cut(t, " "); ok {
		if c := strings.TrimSpace(clock); c != "00:00" && c != "00:00:00" {
			return boleto.Date{}, bad
		}
		t = date
	}
	var y, m, d string
	switch {
	case strings.Count(t, "/") == 2:
		parts := strings.Split(t, "/")
		d, m, y = parts[0], parts[1], parts[2]
		if len(y) == 2 && len(d) <= 2 && len(m) <= 2 && csvAllDigits(y+m+d) {
			return boleto.Date{}, fmt.Sprintf("%q: escreva o ano com 4 dígitos, por exemplo 15/08/2026.", s)
		}
	case strings.Count(t, "-") == 2:
		parts := strings.Split(t, "-")
		y, m, d = parts[0], parts[1], parts[2]
		if len(m) != 2 || len(d) != 2 {
			return boleto.Date{}, bad
		}
	default:
		return boleto.Date{}, bad
	}
	if len(y) != 4 || len(m) < 1 || len(m) > 2 || len(d) < 1 || len(d) > 2 || !csvAllDigits(y+m+d) {
		return boleto.Date{}, bad
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	date := boleto.Date{Year: yy, Month: time.Month(mm), Day: dd}
	if !date.Valid() {
		return boleto.Date{}, fmt.Sprintf("%q não existe no calendário; confira o dia e o mês.", s)
	}
	return date, ""
}

// csvParseInterval reads the intervalo cell: "mensal", "quinzenal",
// "semanal", or a number of days ("30", "30 dias").
func csvParseInterval(s string) (boleto.Interval, string) {
	key := csvKey(s)
	switch key {
	case "mensal", "mensalmente", "mes", "1_mes":
		return boleto.Interval{Monthly: true}, ""
	case "quinzenal":
		return boleto.Interval{Days: 15}, ""
	case "semanal":
		return boleto.Interval{Days: 7}, ""
	}
	num := strings.TrimSuffix(strings.TrimSuffix(key, "_dias"), "_dia")
	if n, err := strconv.Atoi(num); err == nil && csvAllDigits(num) && len(num) <= 4 {
		return boleto.Interval{Days: n}, ""
	}
	return boleto.Interval{}, fmt.Sprintf("%q não é um intervalo; use \"mensal\" ou um número de dias, por exemplo 30.", s)
}

// csvSplitPhone splits a phone written with its DDD ("(11) 98765-4321",
// "11987654321", "+55 11 98765-4321") into DDD and number.
func csvSplitPhone(s string) (ddd, phone, msg string) {
	for _, r := range s {
		if !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("()-.+", r) {
			return "", "", fmt.Sprintf("%q não é um telefone; use DDD e número, por exemplo (11) 98765-4321.", s)
		}
	}
	digits := csvDigits(s)
	if (len(digits) == 12 || len(digits) == 13) && strings.HasPrefix(digits, "55") {
		digits = digits[2:]
	}
	switch len(digits) {
	case 10, 11:
		return digits[:2], digits[2:], ""
	case 8, 9:
		return "", "", fmt.Sprintf("%q: informe o telefone com DDD, por exemplo (11) 98765-4321.", s)
	}
	return "", "", fmt.Sprintf("%q não é um telefone; use DDD e número, por exemplo (11) 98765-4321.", s)
}

// csvPadDocument restores the leading zeros a spreadsheet drops when it
// takes a CPF or CNPJ for a number: 9 or 10 digits that make a valid CPF
// with zeros in front, 12 or 13 that make a valid CNPJ.
func csvPadDocument(s string) (string, bool) {
	n := brazil.NormalizeDocument(s)
	if !csvAllDigits(n) {
		return "", false
	}
	switch len(n) {
	case 9, 10:
		p := strings.Repeat("0", 11-len(n)) + n
		return p, brazil.ValidateCPF(p) == nil
	case 12, 13:
		p := strings.Repeat("0", 14-len(n)) + n
		return p, brazil.ValidateCNPJ(p) == nil
	}
	return "", false
}

// csvDigits keeps the ASCII digits of s.
func csvDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func csvAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func csvHasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// csvLowerFirst lower-cases the first letter of a sentence that goes after a
// colon, unless it starts an acronym ("CEP inválido").
func csvLowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[size:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// csvCapitalize upper-cases the first letter of s.
func csvCapitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
