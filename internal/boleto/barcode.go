package boleto

import (
	"fmt"
	"strings"
	"time"
)

// Layout of the 44-digit barcode of a boleto de cobrança (FEBRABAN):
//
//	01–03 bank · 04 currency · 05 general DV · 06–09 fator de vencimento ·
//	10–19 amount in centavos · 20–44 campo livre (bank-defined)
const (
	barcodeLen   = 44
	linhaLen     = 47
	freeFieldLen = 25
)

// fatorEpoch is the base date of the fator de vencimento (BACEN): fator 1000
// is 2000-07-03, one more per calendar day, restarting at 1000 every 9000 days
// (the first restart was 2025-02-22).
var fatorEpoch = Date{1997, time.October, 7}

// firstFatorDate is the earliest date a fator can express (fator 1000).
var firstFatorDate = Date{2000, time.July, 3}

// The window, around a reference date, in which a fator is decoded (Banco
// Inter CNAB400 manual §6.1.2: 3000 factors before, 5500 after).
const (
	fatorDaysBefore = 3000
	fatorDaysAfter  = 5500
	fatorCycle      = 9000
)

// Mod10 is the FEBRABAN módulo 10 used for the linha digitável field DVs and
// for Inter's nosso número DV: weights 2,1,2,1… from the right, the digits of
// each product summed, DV = (10 − sum mod 10) mod 10. It returns −1 when digits
// holds anything other than ASCII digits.
func Mod10(digits string) int {
	sum, weight := 0, 2
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return -1
		}
		p := int(c-'0') * weight
		sum += p/10 + p%10
		weight = 3 - weight
	}
	return (10 - sum%10) % 10
}

// Mod11General is the general DV of a barcode (position 5), computed over the
// other 43 digits: weights 2..9 cycling from the right, DV = 11 − (sum mod 11),
// and 0, 10 or 11 become 1 (so the DV is never 0). It returns −1 when digits
// holds anything other than ASCII digits.
func Mod11General(digits43 string) int {
	sum, ok := mod11Sum(digits43)
	if !ok {
		return -1
	}
	dv := 11 - sum%11
	if dv == 10 || dv == 11 {
		return 1
	}
	return dv
}

// mod11Sum is the sum of the digits with weights 2..9 cycling from the right;
// ok is false when a byte is not an ASCII digit.
func mod11Sum(digits string) (sum int, ok bool) {
	weight := 2
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * weight
		weight++
		if weight > 9 {
			weight = 2
		}
	}
	return sum, true
}

// DueFactor returns the fator de vencimento of d: the days since 1997-10-07,
// kept in 1000..9999 by restarting at 1000 every 9000 days. Dates before
// 2000-07-03 (fator 1000 of the first cycle) have no fator.
func DueFactor(d Date) (int, error) {
	if !d.Valid() {
		return 0, fieldErr("vencimento", "A data de vencimento é inválida.")
	}
	if d.Before(firstFatorDate) {
		return 0, fieldErr("vencimento", "A data de vencimento deve ser a partir de 03/07/2000.")
	}
	n := d.Sub(fatorEpoch)
	return (n-1000)%fatorCycle + 1000, nil
}

// DateFromFactor returns the due date that fator f stands for. f == 0 means
// "no due date" (ok is false, err is nil). Because a fator repeats every 9000
// days, the date is the one candidate within [ref − 3000 days, ref + 5500
// days], ref usually being today; a fator whose candidates all fall outside
// that window (the 499-day safety gap) is an error.
func DateFromFactor(f int, ref Date) (due Date, ok bool, err error) {
	if f == 0 {
		return Date{}, false, nil
	}
	if f < 1000 || f > 9999 {
		return Date{}, false, fieldErr("fator", fmt.Sprintf("O fator de vencimento %04d é inválido: deve ser 0000 (sem vencimento) ou de 1000 a 9999.", f))
	}
	if !ref.Valid() {
		return Date{}, false, fieldErr("referencia", "A data de referência para calcular o vencimento é inválida.")
	}
	refN := ref.Sub(fatorEpoch)
	lo, hi := refN-fatorDaysBefore, refN+fatorDaysAfter
	n := f // first cycle: n = f days after the epoch
	if n < lo {
		n += (lo - n + fatorCycle - 1) / fatorCycle * fatorCycle
	}
	if n > hi {
		return Date{}, false, fieldErr("fator", fmt.Sprintf(
			"O fator de vencimento %04d não corresponde a nenhuma data entre %s e %s. Confira o código.",
			f, ref.AddDays(-fatorDaysBefore).BR(), ref.AddDays(fatorDaysAfter).BR()))
	}
	return fatorEpoch.AddDays(n), true, nil
}

// Barcode holds the parts of a 44-digit boleto de cobrança barcode.
type Barcode struct {
	Bank      string // 3 digits, e.g. "077"
	Currency  byte   // '9' for the real ('0' is variable currency)
	DueDate   Date   // zero: no due date (fator 0000)
	Amount    Cents  // 0..MaxAmount
	FreeField string // 25 digits, bank-defined (see InterFreeField)
}

// Digits builds the 44 digits of the barcode, computing the general DV.
func (b Barcode) Digits() (string, error) {
	if len(b.Bank) != 3 || !allDigits(b.Bank) {
		return "", fieldErr("banco", fmt.Sprintf("O código do banco deve ter 3 dígitos; foi informado %q.", b.Bank))
	}
	if b.Currency != '9' && b.Currency != '0' {
		return "", fieldErr("moeda", "O código da moeda deve ser 9 (real).")
	}
	fator := 0
	if !b.DueDate.IsZero() {
		f, err := DueFactor(b.DueDate)
		if err != nil {
			return "", err
		}
		fator = f
	}
	if b.Amount < 0 || b.Amount > MaxAmount {
		return "", fieldErr("valor", fmt.Sprintf("O valor do boleto deve ficar entre R$ 0,00 e %s; foi informado %s.", MaxAmount.BRL(), b.Amount.BRL()))
	}
	if len(b.FreeField) != freeFieldLen || !allDigits(b.FreeField) {
		return "", fieldErr("campoLivre", fmt.Sprintf("O campo livre deve ter 25 dígitos; foi informado %q.", b.FreeField))
	}
	body := fmt.Sprintf("%s%c%04d%010d%s", b.Bank, b.Currency, fator, int64(b.Amount), b.FreeField)
	dv := Mod11General(body)
	return body[:4] + string(rune('0'+dv)) + body[4:], nil
}

// Linha builds the 47-digit linha digitável (unformatted) of the barcode.
func (b Barcode) Linha() (string, error) {
	bc, err := b.Digits()
	if err != nil {
		return "", err
	}
	return linhaFromBarcode(bc), nil
}

// verifyBarcode checks a 44-digit string: general DV, currency and fator.
// fromLinha only changes the wording of the messages.
func verifyBarcode(bc string, fromLinha bool) error {
	if len(bc) != barcodeLen || !allDigits(bc) {
		return fieldErr("tamanho", fmt.Sprintf("O código de barras deve ter 44 dígitos; foram informados %d.", len(bc)))
	}
	want := Mod11General(bc[:4] + bc[5:])
	if got := int(bc[4] - '0'); got != want {
		where := "do código de barras (5º dígito)"
		if fromLinha {
			where = "geral da linha digitável (campo 4)"
		}
		return fieldErr("dv", fmt.Sprintf("O dígito verificador %s está errado (esperado %d, informado %d). Confira os números digitados.", where, want, got))
	}
	if bc[3] != '9' && bc[3] != '0' {
		return fieldErr("moeda", fmt.Sprintf("O código da moeda deve ser 9 (real); foi informado %c. Este código não é de um boleto de cobrança válido.", bc[3]))
	}
	if f, _ := atoiDigits(bc[5:9]); f != 0 && f < 1000 {
		return fieldErr("fator", fmt.Sprintf("O fator de vencimento %s é inválido: deve ser 0000 (sem vencimento) ou de 1000 a 9999.", bc[5:9]))
	}
	return nil
}

// banks are the names of the banks most often seen on boletos, by clearing code.
var banks = map[string]string{
	"001": "Banco do Brasil S.A.",
	"004": "Banco do Nordeste do Brasil S.A.",
	"021": "Banestes S.A. Banco do Estado do Espírito Santo",
	"033": "Banco Santander (Brasil) S.A.",
	"041": "Banco do Estado do Rio Grande do Sul S.A. (Banrisul)",
	"070": "BRB - Banco de Brasília S.A.",
	"077": "Banco Inter S.A.",
	"104": "Caixa Econômica Federal",
	"208": "Banco BTG Pactual S.A.",
	"212": "Banco Original S.A.",
	"237": "Banco Bradesco S.A.",
	"260": "Nu Pagamentos S.A. (Nubank)",
	"290": "PagSeguro Internet S.A. (PagBank)",
	"323": "Mercado Pago",
	"336": "Banco C6 S.A.",
	"341": "Itaú Unibanco S.A.",
	"389": "Banco Mercantil do Brasil S.A.",
	"422": "Banco Safra S.A.",
	"623": "Banco Pan S.A.",
	"655": "Banco Votorantim S.A.",
	"707": "Banco Daycoval S.A.",
	"745": "Banco Citibank S.A.",
	"748": "Banco Cooperativo Sicredi S.A.",
	"756": "Banco Cooperativo Sicoob S.A.",
}

// BankName returns the name of the bank with the 3-digit clearing code, or ""
// when the code is not known.
func BankName(code string) string { return banks[strings.TrimSpace(code)] }
