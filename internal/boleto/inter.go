package boleto

import (
	"fmt"
	"strings"
)

// InterBank is Banco Inter's clearing code.
const InterBank = "077"

// InterFreeField is Banco Inter's 25-digit campo livre (barcode positions
// 20–44): agência (4) + carteira (3) + número da operação (7) + nosso número
// (10) + the nosso número DV (1).
type InterFreeField struct {
	Agency      string // 4 digits; Inter has a single branch, "0001"
	Carteira    string // 3 digits: "112" (number assigned by the bank, what the API issues) or "110"
	Operation   string // 7 digits, fixed per account ("código do cliente")
	NossoNumero string // 10 digits, without the DV
}

// String returns the 25 digits of the campo livre, computing the nosso
// número DV.
func (f InterFreeField) String() (string, error) {
	if err := f.check(); err != nil {
		return "", err
	}
	return f.Agency + f.Carteira + f.Operation + f.NossoNumero +
		string(rune('0'+NossoNumeroDV(f.Agency, f.Carteira, f.NossoNumero))), nil
}

func (f InterFreeField) check() error {
	parts := []struct {
		field, name, value string
		size               int
	}{
		{"agencia", "A agência", f.Agency, 4},
		{"carteira", "A carteira", f.Carteira, 3},
		{"operacao", "O número da operação", f.Operation, 7},
		{"nossoNumero", "O nosso número (sem o dígito)", f.NossoNumero, 10},
	}
	for _, p := range parts {
		if len(p.value) != p.size || !allDigits(p.value) {
			return fieldErr(p.field, fmt.Sprintf("%s deve ter %d dígitos; foi informado %q.", p.name, p.size, p.value))
		}
	}
	return nil
}

// ParseInterFreeField splits a 25-digit Inter campo livre and checks its
// nosso número DV.
func ParseInterFreeField(s25 string) (InterFreeField, error) {
	if len(s25) != freeFieldLen || !allDigits(s25) {
		return InterFreeField{}, fieldErr("campoLivre", fmt.Sprintf("O campo livre deve ter 25 dígitos; foi informado %q.", s25))
	}
	f := InterFreeField{Agency: s25[0:4], Carteira: s25[4:7], Operation: s25[7:14], NossoNumero: s25[14:24]}
	want := NossoNumeroDV(f.Agency, f.Carteira, f.NossoNumero)
	if got := int(s25[24] - '0'); got != want {
		return InterFreeField{}, fieldErr("nossoNumero", fmt.Sprintf(
			"O dígito verificador do nosso número está errado (esperado %d, informado %d).", want, got))
	}
	return f, nil
}

// NossoNumeroDV is the DV of an Inter nosso número: módulo 10 over agência
// (4) + carteira (3) + nosso número (10). It returns −1 for non-digit input.
func NossoNumeroDV(agency, carteira, nn10 string) int {
	return Mod10(agency + carteira + nn10)
}

// mod11Short is the check digit printed after a bank code or an agency
// ("077-9", "0001-9"): weights 2..9 from the right, 11 − (sum mod 11), with
// 10 and 11 written as 0. ok is false for non-digit input.
func mod11Short(digits string) (dv int, ok bool) {
	sum, ok := mod11Sum(digits)
	if !ok || digits == "" {
		return 0, false
	}
	dv = 11 - sum%11
	if dv >= 10 {
		dv = 0
	}
	return dv, true
}

// FormatBankCode writes a 3-digit bank code with its módulo-11 check digit,
// as printed at the top of the ficha de compensação: "077" → "077-9",
// "001" → "001-9", "104" → "104-0". When the rule gives 10, Sicredi (748)
// prints "X" instead of 0. Input that is not 3 digits is returned unchanged.
func FormatBankCode(code string) string {
	if len(code) != 3 {
		return code
	}
	dv, ok := mod11Short(code)
	if !ok {
		return code
	}
	if code == "748" {
		return code + "-X"
	}
	return fmt.Sprintf("%s-%d", code, dv)
}

// FormatInterNossoNumero writes the nosso número as printed on Inter boletos:
// agência with its DV, carteira, nosso número and its DV, for example
// "00019/112/0081593655-6". It returns "" when a part is malformed.
func FormatInterNossoNumero(f InterFreeField) string {
	if f.check() != nil {
		return ""
	}
	agencyDV, _ := mod11Short(f.Agency)
	return fmt.Sprintf("%s%d/%s/%s-%d", f.Agency, agencyDV, f.Carteira, f.NossoNumero,
		NossoNumeroDV(f.Agency, f.Carteira, f.NossoNumero))
}

// FormatAgencyCode writes "Agência/Código do Beneficiário" as printed on
// Inter boletos: the agency with its módulo-11 check digit and the account
// with its own (its last digit), e.g. ("0001", "12345678") → "0001-9 / 1234567-8".
// An account already written with a hyphen is kept as it is.
func FormatAgencyCode(agency, account string) string {
	ag := agency
	if dv, ok := mod11Short(agency); ok {
		ag = fmt.Sprintf("%s-%d", agency, dv)
	}
	acct := strings.TrimSpace(account)
	if len(acct) > 1 && !strings.Contains(acct, "-") {
		acct = acct[:len(acct)-1] + "-" + acct[len(acct)-1:]
	}
	if acct == "" {
		return ag
	}
	return ag + " / " + acct
}
