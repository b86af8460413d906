package boleto

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The linha digitável (47 digits) rearranges the barcode into five fields:
//
//	campo 1 (1–10):  bank, currency, campo livre 1–5, DV (mod 10)
//	campo 2 (11–21): campo livre 6–15, DV (mod 10)
//	campo 3 (22–32): campo livre 16–25, DV (mod 10)
//	campo 4 (33):    the barcode's general DV
//	campo 5 (34–47): fator de vencimento and amount

// linhaFromBarcode rearranges 44 verified barcode digits into the linha.
func linhaFromBarcode(bc string) string {
	c1 := bc[0:4] + bc[19:24]
	c2 := bc[24:34]
	c3 := bc[34:44]
	var b strings.Builder
	b.Grow(linhaLen)
	for _, f := range []string{c1, c2, c3} {
		b.WriteString(f)
		b.WriteByte(byte('0' + Mod10(f)))
	}
	b.WriteString(bc[4:19])
	return b.String()
}

// barcodeFromLinha rearranges 47 linha digits into the barcode (the three
// field DVs are dropped).
func barcodeFromLinha(l string) string {
	return l[0:4] + l[32:33] + l[33:47] + l[4:9] + l[10:20] + l[21:31]
}

// linhaFields are the positions (0-based, end exclusive) of the three fields
// of the linha that carry a mod-10 DV in their last digit.
var linhaFields = [3][2]int{{0, 10}, {10, 21}, {21, 32}}

// verifyLinhaFields checks the DVs of campos 1, 2 and 3.
func verifyLinhaFields(l string) error {
	for i, f := range linhaFields {
		body, dv := l[f[0]:f[1]-1], int(l[f[1]-1]-'0')
		if want := Mod10(body); want != dv {
			return fieldErr(fmt.Sprintf("campo%d", i+1), fmt.Sprintf(
				"O dígito verificador do campo %d da linha digitável está errado (esperado %d, informado %d). Confira os números digitados.",
				i+1, want, dv))
		}
	}
	return nil
}

// BarcodeToLinha converts a 44-digit barcode into the 47-digit linha
// digitável (unformatted), after checking the barcode. Dots, spaces and
// hyphens in the input are ignored.
func BarcodeToLinha(bc44 string) (string, error) {
	bc, err := cleanCode(bc44)
	if err != nil {
		return "", err
	}
	if len(bc) != barcodeLen {
		return "", fieldErr("tamanho", fmt.Sprintf("O código de barras deve ter 44 dígitos; foram informados %d.", len(bc)))
	}
	if err := verifyBarcode(bc, false); err != nil {
		return "", err
	}
	return linhaFromBarcode(bc), nil
}

// LinhaToBarcode converts a 47-digit linha digitável (formatted or not) into
// the 44-digit barcode: the three field DVs are checked, the digits are
// rearranged, and the barcode is then verified (general DV, currency, fator).
func LinhaToBarcode(l47 string) (string, error) {
	l, err := cleanCode(l47)
	if err != nil {
		return "", err
	}
	if len(l) != linhaLen {
		return "", fieldErr("tamanho", fmt.Sprintf("A linha digitável deve ter 47 dígitos; foram informados %d.", len(l)))
	}
	if err := verifyLinhaFields(l); err != nil {
		return "", err
	}
	bc := barcodeFromLinha(l)
	if err := verifyBarcode(bc, true); err != nil {
		return "", err
	}
	return bc, nil
}

// FormatLinha writes a 47-digit linha digitável in its printed form,
// "07790.00116 12064.449908 08159.365561 7 90020000015130". Input that is not
// 47 digits (after removing punctuation) is returned unchanged.
func FormatLinha(l47 string) string {
	l, err := cleanCode(l47)
	if err != nil || len(l) != linhaLen {
		return l47
	}
	return l[0:5] + "." + l[5:10] + " " +
		l[10:15] + "." + l[15:21] + " " +
		l[21:26] + "." + l[26:32] + " " +
		l[32:33] + " " + l[33:47]
}

// cleanCode removes the separators people paste along with a code (dots,
// spaces, hyphens, tabs, line breaks) and refuses any other non-digit.
func cleanCode(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for i, r := range s {
		pos++
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == ' ' || r == '-' || r == '\t' || r == '\n' || r == '\r':
		default:
			shown := string(r)
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					shown = fmt.Sprintf("\\x%02x", s[i])
				}
			}
			return "", fieldErr("caractere", fmt.Sprintf(
				"O código contém um caractere inválido (%q na posição %d). Use apenas números; pontos, espaços e hífens são ignorados.",
				shown, pos))
		}
	}
	return b.String(), nil
}

// Decoded is everything that can be read from a boleto barcode or linha.
type Decoded struct {
	Bank       string // clearing code, e.g. "077"
	Barcode    string // 44 digits
	Linha      string // 47 digits, unformatted
	Formatted  string // the linha in its printed form
	FreeField  string // 25 digits
	Currency   byte   // '9' (real) or '0' (variable currency)
	DueDate    Date   // zero when HasDueDate is false
	HasDueDate bool   // false for fator 0000
	Factor     int    // the fator de vencimento, 0 or 1000..9999
	Amount     Cents  // 0 means "amount filled in at payment"
}

// Decode reads a 44-digit barcode or a 47-digit linha digitável (dots,
// spaces, hyphens, tabs and line breaks allowed), checks every verification
// digit and the fator, and returns its parts. ref is the date around which the
// fator de vencimento is resolved (normally today; see DateFromFactor). Every
// error is a *FieldError whose Field names the part that is wrong: tamanho,
// caractere, campo1, campo2, campo3, dv, moeda, fator (and referencia when
// ref itself is not a valid date).
func Decode(code string, ref Date) (Decoded, error) {
	digits, err := cleanCode(code)
	if err != nil {
		return Decoded{}, err
	}
	var bc string
	switch len(digits) {
	case barcodeLen:
		bc = digits
		if err := verifyBarcode(bc, false); err != nil {
			return Decoded{}, err
		}
	case linhaLen:
		if err := verifyLinhaFields(digits); err != nil {
			return Decoded{}, err
		}
		bc = barcodeFromLinha(digits)
		if err := verifyBarcode(bc, true); err != nil {
			return Decoded{}, err
		}
	default:
		msg := fmt.Sprintf("O código deve ter 44 dígitos (código de barras) ou 47 (linha digitável); foram informados %d.", len(digits))
		if len(digits) == 48 && digits[0] == '8' {
			msg += " Códigos de 48 dígitos começando com 8 são de arrecadação (contas de consumo e tributos), não de boleto de cobrança."
		}
		return Decoded{}, fieldErr("tamanho", msg)
	}
	factor, _ := atoiDigits(bc[5:9])
	var amount int64
	for i := 9; i < 19; i++ {
		amount = amount*10 + int64(bc[i]-'0')
	}
	due, has, err := DateFromFactor(factor, ref)
	if err != nil {
		return Decoded{}, err
	}
	linha := linhaFromBarcode(bc)
	return Decoded{
		Bank:       bc[0:3],
		Barcode:    bc,
		Linha:      linha,
		Formatted:  FormatLinha(linha),
		FreeField:  bc[19:44],
		Currency:   bc[3],
		DueDate:    due,
		HasDueDate: has,
		Factor:     factor,
		Amount:     Cents(amount),
	}, nil
}
