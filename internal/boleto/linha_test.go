package boleto

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// refLuhn is an independent restatement of the FEBRABAN módulo 10 (a
// doubling table instead of digit sums), used as an oracle by the tests.
func refLuhn(digits string) int {
	doubled := [10]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}
	sum := 0
	for k := 0; k < len(digits); k++ {
		d := int(digits[len(digits)-1-k] - '0')
		if k%2 == 0 {
			d = doubled[d]
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// refDV is the general DV computed by the oracle.
func refDV(body43 string) byte {
	r := refMod11Remainder(body43)
	if r <= 1 || r == 10 {
		return '1'
	}
	return byte('0' + 11 - r)
}

// refBarcode assembles a barcode from its parts with the oracle DV.
func refBarcode(bank string, currency byte, fator int, amount int64, free string) string {
	body := fmt.Sprintf("%s%c%04d%010d%s", bank, currency, fator, amount, free)
	return body[:4] + string(refDV(body)) + body[4:]
}

// refLinha rearranges a barcode into a linha with oracle field DVs.
func refLinha(bc string) string {
	c1, c2, c3 := bc[0:4]+bc[19:24], bc[24:34], bc[34:44]
	return fmt.Sprintf("%s%d%s%d%s%d%s%s", c1, refLuhn(c1), c2, refLuhn(c2), c3, refLuhn(c3), bc[4:5], bc[5:19])
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// publicVectors are barcode ↔ linha pairs from domain.md §1.4 and §1.7.
var publicVectors = []struct {
	name    string
	barcode string
	linha   string
	due     string
	amount  Cents
}{
	{"real Inter boleto", "07797900200000151300001112064449900815936556", "07790.00116 12064.449908 08159.365561 7 90020000015130", "2022-05-31", 15130},
	{"real Inter API v3", "07794985700000009500001112095331990071264603", "07790001161209533199200712646033498570000000950", "2024-10-02", 950},
	{"BB Anexo V", "00193373700000001000500940144816060680935031", "00190.50095 40144.816069 06809.350314 3 37370000000100", "2007-12-31", 100},
	{"Inter 2026-08-15", "07796153900000127500001110123456700043095401", "07790.00116 10123.456708 00430.954016 6 15390000012750", "2026-08-15", 12750},
}

func TestDecodePublicVectors(t *testing.T) {
	t.Parallel()
	for _, v := range publicVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			due := mustDate(t, v.due)
			plainLinha := strings.NewReplacer(".", "", " ", "").Replace(v.linha)
			for _, input := range []string{v.barcode, v.linha, plainLinha} {
				d, err := Decode(input, due.AddDays(-10))
				if err != nil {
					t.Fatalf("Decode(%q) = %v", input, err)
				}
				if d.Barcode != v.barcode || d.Linha != plainLinha || d.Formatted != FormatLinha(plainLinha) {
					t.Errorf("Decode(%q): barcode %s linha %s", input, d.Barcode, d.Linha)
				}
				if d.Bank != v.barcode[:3] || d.Currency != '9' || d.FreeField != v.barcode[19:] {
					t.Errorf("Decode(%q): bank %q currency %c free %q", input, d.Bank, d.Currency, d.FreeField)
				}
				if !d.HasDueDate || d.DueDate != due || d.Amount != v.amount {
					t.Errorf("Decode(%q): due %s (%v) amount %s; want %s %s", input, d.DueDate, d.HasDueDate, d.Amount, due, v.amount)
				}
				if fator, _ := DueFactor(due); d.Factor != fator || fmt.Sprintf("%04d", d.Factor) != v.barcode[5:9] {
					t.Errorf("Decode(%q): factor %d, barcode says %s", input, d.Factor, v.barcode[5:9])
				}
			}
			if strings.Contains(v.linha, " ") && FormatLinha(plainLinha) != v.linha {
				t.Errorf("FormatLinha = %q, want %q", FormatLinha(plainLinha), v.linha)
			}
			l, err := BarcodeToLinha(v.barcode)
			if err != nil || l != plainLinha {
				t.Errorf("BarcodeToLinha = %q, %v; want %q", l, err, plainLinha)
			}
			bc, err := LinhaToBarcode(v.linha)
			if err != nil || bc != v.barcode {
				t.Errorf("LinhaToBarcode = %q, %v; want %q", bc, err, v.barcode)
			}
			if refLinha(v.barcode) != plainLinha {
				t.Errorf("oracle disagrees with the public vector: %s", refLinha(v.barcode))
			}
		})
	}
}

func TestDecodeSeparators(t *testing.T) {
	t.Parallel()
	in := "  07790.00116\t12064.449908\r\n08159-365561 7 90020000015130\n"
	d, err := Decode(in, Date{2022, time.May, 1})
	if err != nil || d.Barcode != "07797900200000151300001112064449900815936556" {
		t.Fatalf("Decode = %+v, %v", d, err)
	}
}

func TestDecodeNoDueDate(t *testing.T) {
	t.Parallel()
	free := "0001112064449900815936556"
	bc := refBarcode("077", '9', 0, 15130, free)
	for _, code := range []string{bc, refLinha(bc)} {
		d, err := Decode(code, Date{2026, time.January, 1})
		if err != nil {
			t.Fatal(err)
		}
		if d.HasDueDate || !d.DueDate.IsZero() || d.Factor != 0 || d.Amount != 15130 {
			t.Errorf("Decode(%s) = %+v; want no due date and R$ 151,30", code, d)
		}
	}
	got, err := Barcode{Bank: "077", Currency: '9', Amount: 15130, FreeField: free}.Digits()
	if err != nil || got != bc {
		t.Errorf("Digits() = %s, %v; want %s", got, err, bc)
	}
}

func TestDecodeVariableCurrency(t *testing.T) {
	t.Parallel()
	bc := refBarcode("001", '0', 0, 0, strings.Repeat("3", 25))
	d, err := Decode(bc, Date{2026, time.January, 1})
	if err != nil || d.Currency != '0' {
		t.Fatalf("Decode(currency 0) = %+v, %v", d, err)
	}
}

func TestDecodeAmountLimits(t *testing.T) {
	t.Parallel()
	ref := Date{2026, time.January, 1}
	for _, amount := range []int64{0, 1, 250, int64(MaxAmount)} {
		t.Run(fmt.Sprint(amount), func(t *testing.T) {
			t.Parallel()
			bc := refBarcode("077", '9', 1539, amount, strings.Repeat("4", 25))
			for _, code := range []string{bc, refLinha(bc)} {
				d, err := Decode(code, ref)
				if err != nil || int64(d.Amount) != amount {
					t.Errorf("Decode(%s) amount = %d, %v; want %d", code, d.Amount, err, amount)
				}
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	const realLinha = "07790001161206444990808159365561790020000015130"
	const realBarcode = "07797900200000151300001112064449900815936556"
	ref := Date{2022, time.May, 1}
	set := func(s string, i int, c byte) string { b := []byte(s); b[i] = c; return string(b) }

	// A valid currency-5 barcode (wrong currency but consistent DVs).
	curr5 := refBarcode("077", '5', 9002, 15130, "0001112064449900815936556")
	// A consistent barcode with the forbidden fator 0500.
	fator500 := refBarcode("077", '9', 500, 15130, "0001112064449900815936556")
	// A consistent barcode whose fator lands in the gap of the window.
	gap := refBarcode("077", '9', mustFactor(t, ref.AddDays(-3100)), 15130, "0001112064449900815936556")

	tests := []struct {
		name  string
		code  string
		field string
		msg   string // exact message, when given
	}{
		{name: "too short", code: "123", field: "tamanho",
			msg: "O código deve ter 44 dígitos (código de barras) ou 47 (linha digitável); foram informados 3."},
		{name: "empty", code: "", field: "tamanho",
			msg: "O código deve ter 44 dígitos (código de barras) ou 47 (linha digitável); foram informados 0."},
		{name: "46 digits", code: realLinha[:46], field: "tamanho"},
		{name: "45 digits", code: realBarcode + "1", field: "tamanho"},
		{name: "48-digit arrecadação", code: "8" + strings.Repeat("1", 47), field: "tamanho"},
		{name: "letter", code: set(realLinha, 10, 'O'), field: "caractere",
			msg: "O código contém um caractere inválido (\"O\" na posição 11). Use apenas números; pontos, espaços e hífens são ignorados."},
		{name: "slash", code: "07790/00116", field: "caractere"},
		{name: "invalid utf-8", code: "0779\xff", field: "caractere"},
		{name: "campo 1 body", code: set(realLinha, 4, '1'), field: "campo1"},
		{name: "campo 1 DV", code: set(realLinha, 9, '0'), field: "campo1",
			msg: "O dígito verificador do campo 1 da linha digitável está errado (esperado 6, informado 0). Confira os números digitados."},
		{name: "campo 2 DV", code: set(realLinha, 20, '3'), field: "campo2",
			msg: "O dígito verificador do campo 2 da linha digitável está errado (esperado 8, informado 3). Confira os números digitados."},
		{name: "campo 2 body", code: set(realLinha, 12, '9'), field: "campo2"},
		{name: "campo 3 DV", code: set(realLinha, 31, '2'), field: "campo3",
			msg: "O dígito verificador do campo 3 da linha digitável está errado (esperado 1, informado 2). Confira os números digitados."},
		{name: "campo 3 body", code: set(realLinha, 25, '0'), field: "campo3"},
		{name: "campo 4", code: set(realLinha, 32, '3'), field: "dv",
			msg: "O dígito verificador geral da linha digitável (campo 4) está errado (esperado 7, informado 3). Confira os números digitados."},
		{name: "campo 5 amount", code: set(realLinha, 46, '1'), field: "dv"},
		{name: "barcode DV", code: set(realBarcode, 4, '2'), field: "dv",
			msg: "O dígito verificador do código de barras (5º dígito) está errado (esperado 7, informado 2). Confira os números digitados."},
		{name: "barcode DV zero", code: set(realBarcode, 4, '0'), field: "dv"},
		{name: "barcode amount", code: set(realBarcode, 18, '1'), field: "dv"},
		{name: "barcode currency", code: curr5, field: "moeda"},
		{name: "linha currency", code: refLinha(curr5), field: "moeda"},
		{name: "barcode fator 0500", code: fator500, field: "fator"},
		{name: "linha fator 0500", code: refLinha(fator500), field: "fator"},
		{name: "fator outside the window", code: gap, field: "fator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := Decode(tt.code, ref)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode(%q) = %+v, %v; want a *FieldError", tt.code, d, err)
			}
			if fe.Field != tt.field {
				t.Errorf("Field = %q (%s), want %q", fe.Field, fe.Message, tt.field)
			}
			if tt.msg != "" && fe.Message != tt.msg {
				t.Errorf("Message = %q\nwant      %q", fe.Message, tt.msg)
			}
			if fe.Error() != fe.Message {
				t.Errorf("Error() = %q, want the message", fe.Error())
			}
		})
	}
	// The campo-1 body change: the message names the DV the oracle expects.
	var fe *FieldError
	bad := set(realLinha, 4, '1')
	_, err := Decode(bad, ref)
	if errors.As(err, &fe) && !strings.Contains(fe.Message, fmt.Sprintf("esperado %d, informado 6", refLuhn(bad[:9]))) {
		t.Errorf("campo 1 message %q does not state the expected DV %d", fe.Message, refLuhn(bad[:9]))
	}
	_, err = Decode("8"+strings.Repeat("1", 47), ref)
	if errors.As(err, &fe) && !strings.Contains(fe.Message, "arrecadação") {
		t.Errorf("48-digit message %q does not mention arrecadação", fe.Message)
	}
}

// mustFactor is DueFactor for test set-up.
func mustFactor(t testing.TB, d Date) int {
	t.Helper()
	f, err := DueFactor(d)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestConvertersRejectInvalid(t *testing.T) {
	t.Parallel()
	if _, err := BarcodeToLinha("07797900200000151300001112064449900815936557"); err == nil {
		t.Error("BarcodeToLinha accepted a wrong DV")
	}
	if _, err := BarcodeToLinha("0779790020000015130000111206444990081593655"); err == nil {
		t.Error("BarcodeToLinha accepted 43 digits")
	}
	if _, err := BarcodeToLinha("07790001161206444990808159365561790020000015130"); err == nil {
		t.Error("BarcodeToLinha accepted a linha")
	}
	if _, err := LinhaToBarcode("07790001161206444990808159365561790020000015131"); err == nil {
		t.Error("LinhaToBarcode accepted a wrong amount")
	}
	if _, err := LinhaToBarcode("07797900200000151300001112064449900815936556"); err == nil {
		t.Error("LinhaToBarcode accepted a barcode")
	}
	if _, err := LinhaToBarcode("0779O001161206444990808159365561790020000015130"); err == nil {
		t.Error("LinhaToBarcode accepted a letter")
	}
	for _, s := range []string{"123", "", "0779x"} {
		if got := FormatLinha(s); got != s {
			t.Errorf("FormatLinha(%q) = %q, want it unchanged", s, got)
		}
	}
}

// randomBarcode draws a Barcode with a due date inside the window around ref.
func randomBarcode(r *rand.Rand, ref Date) Barcode {
	free := make([]byte, 25)
	for i := range free {
		free[i] = byte('0' + r.IntN(10))
	}
	b := Barcode{
		Bank:      fmt.Sprintf("%03d", r.IntN(1000)),
		Currency:  '9',
		Amount:    Cents(r.Int64N(int64(MaxAmount) + 1)),
		FreeField: string(free),
	}
	switch r.IntN(10) {
	case 0: // no due date
	case 1:
		b.Amount = Cents(r.Int64N(1000)) // small amounts, leading zeros
		b.DueDate = ref.AddDays(r.IntN(fatorDaysBefore+fatorDaysAfter+1) - fatorDaysBefore)
	default:
		b.DueDate = ref.AddDays(r.IntN(fatorDaysBefore+fatorDaysAfter+1) - fatorDaysBefore)
	}
	return b
}

func TestPropertyRoundTrip(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(20260815, 77))
	ref := Date{2026, time.March, 1}
	for i := 0; i < 3000; i++ {
		b := randomBarcode(r, ref)
		bc, err := b.Digits()
		if err != nil {
			t.Fatalf("%+v: %v", b, err)
		}
		fator := 0
		if !b.DueDate.IsZero() {
			fator = mustFactor(t, b.DueDate)
		}
		if want := refBarcode(b.Bank, '9', fator, int64(b.Amount), b.FreeField); bc != want {
			t.Fatalf("Digits() = %s, oracle %s", bc, want)
		}
		l, err := BarcodeToLinha(bc)
		if err != nil || l != refLinha(bc) {
			t.Fatalf("BarcodeToLinha(%s) = %s, %v; oracle %s", bc, l, err, refLinha(bc))
		}
		back, err := LinhaToBarcode(l)
		if err != nil || back != bc {
			t.Fatalf("LinhaToBarcode(BarcodeToLinha(%s)) = %s, %v", bc, back, err)
		}
		if bl, err := b.Linha(); err != nil || bl != l {
			t.Fatalf("Linha() = %s, %v; want %s", bl, err, l)
		}
		for _, code := range []string{bc, l, FormatLinha(l)} {
			d, err := Decode(code, ref)
			if err != nil {
				t.Fatalf("Decode(%s) = %v", code, err)
			}
			if d.Barcode != bc || d.Linha != l || d.Amount != b.Amount || d.DueDate != b.DueDate ||
				d.HasDueDate == b.DueDate.IsZero() || d.FreeField != b.FreeField || d.Bank != b.Bank {
				t.Fatalf("Decode(%s) = %+v, want the parts of %+v", code, d, b)
			}
		}
	}
}

// mod11BlindSpot reports whether a change from orig to mutated (both 44-digit
// barcodes with the same position 5) keeps the general DV: the rule maps the
// remainders 0, 1 and 10 to the same DV 1, so moving between them is invisible.
func mod11BlindSpot(orig, mutated string) bool {
	in := func(r int) bool { return r == 0 || r == 1 || r == 10 }
	return in(refMod11Remainder(withoutDV(orig))) && in(refMod11Remainder(withoutDV(mutated)))
}

func TestPropertySingleDigitChangeDetected(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 1997))
	ref := Date{2026, time.March, 1}
	var codes []string
	for _, v := range publicVectors[1:] { // the 2022 vector lies outside ref's window
		codes = append(codes, v.barcode)
	}
	codes = append(codes,
		"07791945900000005000001110123456700000000014", // r=0
		"33691153900000127501234567890121234567890204", // r=1
		"07791687300000647340001110123456700000004511", // r=10
	)
	for i := 0; i < 60; i++ {
		bc, err := randomBarcode(r, ref).Digits()
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, bc)
	}
	blind := 0
	for _, bc := range codes {
		base := ref
		if _, err := Decode(bc, ref); err != nil {
			// Vectors from other years: decode around their own date.
			f, _ := atoiDigits(bc[5:9])
			base = fatorEpoch.AddDays(f)
			if _, err := Decode(bc, base); err != nil {
				t.Fatalf("vector %s: %v", bc, err)
			}
		}
		l := refLinha(bc)
		for pos := 0; pos < linhaLen; pos++ {
			for c := byte('0'); c <= '9'; c++ {
				if c == l[pos] {
					continue
				}
				m := []byte(l)
				m[pos] = c
				_, err := Decode(string(m), base)
				if err != nil {
					continue
				}
				// Only campo 5 (fator and amount) is covered by the general
				// DV alone, and only its blind spot may go unnoticed.
				if pos < 33 || !mod11BlindSpot(bc, barcodeFromLinha(string(m))) {
					t.Errorf("linha %s: digit %d changed to %c was not detected", l, pos+1, c)
				}
				blind++
			}
		}
		for pos := 0; pos < barcodeLen; pos++ {
			for c := byte('0'); c <= '9'; c++ {
				if c == bc[pos] {
					continue
				}
				m := []byte(bc)
				m[pos] = c
				_, err := Decode(string(m), base)
				if err != nil {
					continue
				}
				if pos == 4 || !mod11BlindSpot(bc, string(m)) {
					t.Errorf("barcode %s: digit %d changed to %c was not detected", bc, pos+1, c)
				}
				blind++
			}
		}
	}
	// The vectors with DV 1 must have exercised the blind spot at least once,
	// or this test would not be checking the exception it allows.
	if blind == 0 {
		t.Error("no mutation fell into the mod-11 blind spot; the exception is untested")
	}
	t.Logf("%d undetectable single-digit changes (remainders 0/1/10 share DV 1)", blind)
}

func FuzzDecode(f *testing.F) {
	for _, v := range publicVectors {
		f.Add(v.barcode)
		f.Add(v.linha)
	}
	f.Add("07791945900000005000001110123456700000000014")
	f.Add("07790.00116 10123.456708 00430.954016 6 15390000012750\n")
	f.Add("")
	f.Add("8" + strings.Repeat("1", 47))
	f.Add("0779\xff")
	f.Add(strings.Repeat("0", 44))
	f.Add(strings.Repeat("9", 47))
	ref := Date{2026, time.March, 1}
	f.Fuzz(func(t *testing.T, code string) {
		d, err := Decode(code, ref)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" || fe.Message == "" {
				t.Fatalf("Decode(%q) error %v is not a complete *FieldError", code, err)
			}
			return
		}
		clean, _ := cleanCode(code)
		if clean != d.Barcode && clean != d.Linha {
			t.Fatalf("Decode(%q) gave %s / %s, neither is the input", code, d.Barcode, d.Linha)
		}
		b := Barcode{Bank: d.Bank, Currency: d.Currency, DueDate: d.DueDate, Amount: d.Amount, FreeField: d.FreeField}
		bc, err := b.Digits()
		if err != nil || bc != d.Barcode {
			t.Fatalf("re-encoding %+v = %s, %v; want %s", b, bc, err, d.Barcode)
		}
		if l, err := b.Linha(); err != nil || l != d.Linha {
			t.Fatalf("re-encoded linha = %s, %v; want %s", l, err, d.Linha)
		}
		if bc2, err := LinhaToBarcode(d.Formatted); err != nil || bc2 != d.Barcode {
			t.Fatalf("LinhaToBarcode(Formatted) = %s, %v", bc2, err)
		}
		if d.HasDueDate != (d.Factor != 0) {
			t.Fatalf("HasDueDate %v with factor %d", d.HasDueDate, d.Factor)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	ref := Date{2026, time.March, 1}
	for b.Loop() {
		if _, err := Decode("07790.00116 10123.456708 00430.954016 6 15390000012750", ref); err != nil {
			b.Fatal(err)
		}
	}
}
