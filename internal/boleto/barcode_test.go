package boleto

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// refMod11Remainder is an independent, table-driven restatement of the
// FEBRABAN weighted sum (weights 2..9 from the right), used to classify the
// test vectors by branch.
func refMod11Remainder(digits string) int {
	weights := [8]int{2, 3, 4, 5, 6, 7, 8, 9}
	sum := 0
	for k := 0; k < len(digits); k++ {
		sum += int(digits[len(digits)-1-k]-'0') * weights[k%8]
	}
	return sum % 11
}

// withoutDV removes position 5 of a 44-digit barcode.
func withoutDV(bc string) string { return bc[:4] + bc[5:] }

func TestMod11General(t *testing.T) {
	t.Parallel()
	// Public vectors (domain.md §1.2, §1.7), one or more per branch of the rule
	// "11 − remainder; 0, 10 and 11 become 1".
	tests := []struct {
		name      string
		barcode   string
		remainder int
	}{
		{"r=0 Inter carteira 110", "07791945900000005000001110123456700000000014", 0},
		{"r=0 Caixa", "10491153900000127501234560000100040000001230", 0},
		{"r=1 C6", "33691153900000127501234567890121234567890204", 1},
		{"r=1 Itaú", "34191719500000600001090022335021234567890000", 1},
		{"r=10 Inter", "07791687300000647340001110123456700000004511", 10},
		{"r=10 Inter manual", "99991101200000350007772130530150081897500000", 10},
		{"r=5 Inter 2026-08-15", "07796153900000127500001110123456700043095401", 5},
		{"BB Anexo V", "00193373700000001000500940144816060680935031", -1},
		{"real Inter 2022", "07797900200000151300001112064449900815936556", -1},
		{"real Inter API 2024", "07794985700000009500001112095331990071264603", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := withoutDV(tt.barcode)
			if tt.remainder >= 0 {
				if r := refMod11Remainder(body); r != tt.remainder {
					t.Fatalf("vector has remainder %d, not %d: the vector is mislabelled", r, tt.remainder)
				}
			}
			want := int(tt.barcode[4] - '0')
			if got := Mod11General(body); got != want {
				t.Errorf("Mod11General = %d, want %d", got, want)
			}
		})
	}
	// The Inter manual's weighted sum is 692 (remainder 10).
	if r := refMod11Remainder(withoutDV("99991101200000350007772130530150081897500000")); r != 692%11 {
		t.Errorf("reference remainder %d, manual says 692 mod 11 = %d", r, 692%11)
	}
	for _, bad := range []string{"12a4", "0779-1"} {
		if got := Mod11General(bad); got != -1 {
			t.Errorf("Mod11General(%q) = %d, want -1", bad, got)
		}
	}
}

func TestMod11GeneralNeverZero(t *testing.T) {
	t.Parallel()
	// Every remainder 0..10 is reached by a one-digit change of the last
	// position; the DV must be 1 for 0, 1, 10 and 11−r otherwise.
	base := withoutDV("07796153900000127500001110123456700043095401")
	seen := map[int]bool{}
	for d := byte('0'); d <= '9'; d++ {
		for p := 0; p < 3; p++ {
			s := []byte(base)
			s[len(s)-1-p] = d
			r := refMod11Remainder(string(s))
			seen[r] = true
			want := 11 - r
			if r == 0 || r == 1 || r == 10 {
				want = 1
			}
			if got := Mod11General(string(s)); got != want {
				t.Errorf("remainder %d: Mod11General = %d, want %d", r, got, want)
			}
		}
	}
	if len(seen) != 11 {
		t.Errorf("only remainders %v were exercised", seen)
	}
}

func TestMod10(t *testing.T) {
	t.Parallel()
	tests := []struct {
		digits string
		want   int
	}{
		// Linha field DVs of BB Anexo V (domain.md §1.4): 5, 9, 4.
		{"001905009", 5},
		{"4014481606", 9},
		{"0680935031", 4},
		// Inter field 1 is always 07790.0011 + 6.
		{"077900011", 6},
		// Inter nosso número DVs (§1.6): sum 29 → 1.
		{"00011100004309540", 1},
		{"00011120081593655", 6},
		{"00011129007126460", 3},
		// Remainder 0 gives DV 0: 0 → sum 0.
		{"0", 0},
		{"", 0},
		// 9×2 = 18 → 1+8 = 9 → DV 1.
		{"9", 1},
		// 5×2 = 10 → 1, + 5 = 6 → DV 4.
		{"55", 4},
		// Weights from the right: "19" is 9×2 = 18 → 9, plus 1 = 10 → DV 0;
		// "91" is 1×2 = 2, plus 9 = 11 → DV 9.
		{"19", 0},
		{"91", 9},
	}
	for _, tt := range tests {
		t.Run(tt.digits, func(t *testing.T) {
			t.Parallel()
			if got := Mod10(tt.digits); got != tt.want {
				t.Errorf("Mod10(%q) = %d, want %d", tt.digits, got, tt.want)
			}
		})
	}
	if got := Mod10("12 3"); got != -1 {
		t.Errorf("Mod10 with a space = %d, want -1", got)
	}
}

func TestDueFactor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date string
		want int
	}{
		{"2000-07-03", 1000},
		{"2000-07-04", 1001},
		{"2007-12-31", 3737},
		{"2022-05-31", 9002},
		{"2024-10-02", 9857},
		{"2025-02-21", 9999},
		{"2025-02-22", 1000},
		{"2025-02-23", 1001},
		{"2025-02-24", 1002},
		{"2025-12-01", 1282},
		{"2026-08-15", 1539},
		{"2026-12-21", 1667},
		{"2035-07-09", 4789},
		{"2049-10-13", 9999},
		{"2049-10-14", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			t.Parallel()
			d, err := ParseDate(tt.date)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DueFactor(d)
			if err != nil || got != tt.want {
				t.Fatalf("DueFactor(%s) = %d, %v; want %d", tt.date, got, err, tt.want)
			}
			// The reverse, seen from the date itself and from either end of
			// the decoding window.
			for _, ref := range []Date{d, d.AddDays(3000), d.AddDays(-5500)} {
				back, ok, err := DateFromFactor(got, ref)
				if err != nil || !ok || back != d {
					t.Errorf("DateFromFactor(%d, %s) = %s, %v, %v; want %s", got, ref, back, ok, err, d)
				}
			}
		})
	}
	for _, bad := range []Date{{2000, time.July, 2}, {1997, time.October, 7}, {}, {2026, time.February, 30}} {
		if f, err := DueFactor(bad); err == nil {
			t.Errorf("DueFactor(%+v) = %d, want an error", bad, f)
		}
	}
}

func TestDateFromFactor(t *testing.T) {
	t.Parallel()
	d := func(s string) Date {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name    string
		fator   int
		ref     Date
		want    Date
		wantErr string // FieldError.Field
	}{
		{"no due date", 0, d("2026-01-01"), Date{}, ""},
		{"1000 seen from 2026", 1000, d("2026-01-01"), d("2025-02-22"), ""},
		{"1000 seen from 2005", 1000, d("2005-01-01"), d("2000-07-03"), ""},
		{"1000 seen from 2010 (gap)", 1000, d("2010-01-01"), Date{}, "fator"},
		{"9999 seen from 2026", 9999, d("2026-01-01"), d("2025-02-21"), ""},
		{"9999 seen from late 2049", 9999, d("2049-10-01"), d("2049-10-13"), ""},
		{"1000 seen from late 2049", 1000, d("2049-10-01"), d("2049-10-14"), ""},
		{"1282 seen from 2025-06", 1282, d("2025-06-01"), d("2025-12-01"), ""},
		{"9002 seen from 2026", 9002, d("2026-01-01"), d("2022-05-31"), ""},
		{"too small", 999, d("2026-01-01"), Date{}, "fator"},
		{"one", 1, d("2026-01-01"), Date{}, "fator"},
		{"five digits", 10000, d("2026-01-01"), Date{}, "fator"},
		{"negative", -5, d("2026-01-01"), Date{}, "fator"},
		{"bad reference", 1500, Date{}, Date{}, "referencia"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok, err := DateFromFactor(tt.fator, tt.ref)
			if tt.wantErr != "" {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != tt.wantErr {
					t.Fatalf("DateFromFactor(%d) = %v, %v, %v; want a *FieldError on %q", tt.fator, got, ok, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want || ok != !tt.want.IsZero() {
				t.Fatalf("DateFromFactor(%d, %s) = %v, %v, %v; want %v", tt.fator, tt.ref, got, ok, err, tt.want)
			}
		})
	}
}

func TestDateFromFactorWindowEdges(t *testing.T) {
	t.Parallel()
	for _, ref := range []Date{{2026, time.January, 1}, {2030, time.June, 15}, {2049, time.October, 13}} {
		t.Run(ref.String(), func(t *testing.T) {
			t.Parallel()
			cases := []struct {
				offset int
				inside bool
			}{{-3000, true}, {-3001, false}, {5500, true}, {5501, false}, {0, true}, {-2999, true}, {5499, true}}
			for _, c := range cases {
				due := ref.AddDays(c.offset)
				f, err := DueFactor(due)
				if err != nil {
					t.Fatal(err)
				}
				got, ok, err := DateFromFactor(f, ref)
				if c.inside {
					if err != nil || !ok || got != due {
						t.Errorf("offset %+d: got %s, %v, %v; want %s", c.offset, got, ok, err, due)
					}
					continue
				}
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "fator" {
					t.Errorf("offset %+d: got %s, %v, %v; want a fator error (outside the window)", c.offset, got, ok, err)
				}
			}
		})
	}
}

func TestBarcodeDigits(t *testing.T) {
	t.Parallel()
	due := Date{2026, time.August, 15}
	tests := []struct {
		name    string
		bc      Barcode
		want    string
		wantErr string
	}{
		{
			name: "Inter 2026-08-15 (domain.md §1.2)",
			bc:   Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: 12750, FreeField: "0001110123456700043095401"},
			want: "07796153900000127500001110123456700043095401",
		},
		{
			name: "real Inter 2022",
			bc:   Barcode{Bank: "077", Currency: '9', DueDate: Date{2022, time.May, 31}, Amount: 15130, FreeField: "0001112064449900815936556"},
			want: "07797900200000151300001112064449900815936556",
		},
		{
			name: "BB Anexo V",
			bc:   Barcode{Bank: "001", Currency: '9', DueDate: Date{2007, time.December, 31}, Amount: 100, FreeField: "0500940144816060680935031"},
			want: "00193373700000001000500940144816060680935031",
		},
		{
			name: "Inter manual DV example (fator 1012)",
			bc:   Barcode{Bank: "999", Currency: '9', DueDate: Date{2000, time.July, 15}, Amount: 35000, FreeField: "7772130530150081897500000"},
			want: "99991101200000350007772130530150081897500000",
		},
		{name: "no due date", bc: Barcode{Bank: "077", Currency: '9', Amount: 100, FreeField: strings.Repeat("1", 25)}, want: "077" + "9" + "?" + "0000" + "0000000100" + strings.Repeat("1", 25)},
		{name: "amount zero", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: 0, FreeField: strings.Repeat("2", 25)}, want: "077" + "9" + "?" + "1539" + "0000000000" + strings.Repeat("2", 25)},
		{name: "amount one", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: 1, FreeField: strings.Repeat("2", 25)}, want: "077" + "9" + "?" + "1539" + "0000000001" + strings.Repeat("2", 25)},
		{name: "amount max", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: MaxAmount, FreeField: strings.Repeat("2", 25)}, want: "077" + "9" + "?" + "1539" + "9999999999" + strings.Repeat("2", 25)},
		{name: "amount max+1", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: MaxAmount + 1, FreeField: strings.Repeat("2", 25)}, wantErr: "valor"},
		{name: "negative amount", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: -1, FreeField: strings.Repeat("2", 25)}, wantErr: "valor"},
		{name: "short free field", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: 1, FreeField: strings.Repeat("2", 24)}, wantErr: "campoLivre"},
		{name: "letters in free field", bc: Barcode{Bank: "077", Currency: '9', DueDate: due, Amount: 1, FreeField: strings.Repeat("A", 25)}, wantErr: "campoLivre"},
		{name: "bank of 2 digits", bc: Barcode{Bank: "77", Currency: '9', DueDate: due, FreeField: strings.Repeat("2", 25)}, wantErr: "banco"},
		{name: "currency unset", bc: Barcode{Bank: "077", DueDate: due, FreeField: strings.Repeat("2", 25)}, wantErr: "moeda"},
		{name: "due before 2000-07-03", bc: Barcode{Bank: "077", Currency: '9', DueDate: Date{1999, time.January, 1}, FreeField: strings.Repeat("2", 25)}, wantErr: "vencimento"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.bc.Digits()
			if tt.wantErr != "" {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != tt.wantErr {
					t.Fatalf("Digits() = %q, %v; want a *FieldError on %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want[4] == '?' {
				// Self-built vector: the DV is checked by the independent reference.
				r := refMod11Remainder(withoutDV(want))
				dv := 11 - r
				if r <= 1 || r == 10 {
					dv = 1
				}
				want = want[:4] + string(rune('0'+dv)) + want[5:]
			}
			if got != want {
				t.Fatalf("Digits() = %s, want %s", got, want)
			}
			ref := tt.bc.DueDate
			if ref.IsZero() {
				ref = Date{2026, time.January, 1}
			}
			dec, err := Decode(got, ref)
			if err != nil {
				t.Fatalf("Decode(Digits()) = %v", err)
			}
			if dec.Amount != tt.bc.Amount || dec.DueDate != tt.bc.DueDate || dec.HasDueDate == tt.bc.DueDate.IsZero() || dec.FreeField != tt.bc.FreeField || dec.Bank != tt.bc.Bank {
				t.Errorf("Decode(Digits()) = %+v, want the fields of %+v", dec, tt.bc)
			}
		})
	}
}

func TestBarcodeLinha(t *testing.T) {
	t.Parallel()
	bc := Barcode{Bank: "077", Currency: '9', DueDate: Date{2022, time.May, 31}, Amount: 15130, FreeField: "0001112064449900815936556"}
	got, err := bc.Linha()
	if err != nil || got != "07790001161206444990808159365561790020000015130" {
		t.Fatalf("Linha() = %q, %v", got, err)
	}
	if _, err := (Barcode{Bank: "077", Currency: '9', FreeField: "1"}).Linha(); err == nil {
		t.Error("Linha() of an invalid barcode succeeded")
	}
}

func TestBankName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"077": "Banco Inter S.A.",
		"001": "Banco do Brasil S.A.",
		"033": "Banco Santander (Brasil) S.A.",
		"104": "Caixa Econômica Federal",
		"237": "Banco Bradesco S.A.",
		"341": "Itaú Unibanco S.A.",
		"260": "Nu Pagamentos S.A. (Nubank)",
		"336": "Banco C6 S.A.",
		"290": "PagSeguro Internet S.A. (PagBank)",
		"748": "Banco Cooperativo Sicredi S.A.",
		"756": "Banco Cooperativo Sicoob S.A.",
		"422": "Banco Safra S.A.",
		"999": "",
		"77":  "",
		"":    "",
	}
	for code, want := range tests {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			if got := BankName(code); got != want {
				t.Errorf("BankName(%q) = %q, want %q", code, got, want)
			}
		})
	}
}
