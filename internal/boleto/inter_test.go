package boleto

import (
	"errors"
	"testing"
	"time"
)

func TestNossoNumeroDV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		agency, carteira, nn string
		want                 int
	}{
		{"0001", "110", "0004309540", 1}, // Inter manual V9 §8.3 worked example
		{"0001", "112", "0081593655", 6}, // real boleto (2022)
		{"0001", "112", "9007126460", 3}, // real API v3 callback (2024)
	}
	for _, tt := range tests {
		t.Run(tt.nn, func(t *testing.T) {
			t.Parallel()
			if got := NossoNumeroDV(tt.agency, tt.carteira, tt.nn); got != tt.want {
				t.Errorf("NossoNumeroDV = %d, want %d", got, tt.want)
			}
			if got := refLuhn(tt.agency + tt.carteira + tt.nn); got != tt.want {
				t.Errorf("oracle says %d, vector says %d", got, tt.want)
			}
		})
	}
	if got := NossoNumeroDV("0001", "11a", "0081593655"); got != -1 {
		t.Errorf("NossoNumeroDV with a letter = %d, want -1", got)
	}
}

func TestInterFreeField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    InterFreeField
		want string
	}{
		{"real boleto 2022", InterFreeField{"0001", "112", "0644499", "0081593655"}, "0001112064449900815936556"},
		{"real API v3 2024", InterFreeField{"0001", "112", "0953319", "9007126460"}, "0001112095331990071264603"},
		{"carteira 110", InterFreeField{"0001", "110", "0123456", "0004309540"}, "0001110012345600043095401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.f.String()
			if err != nil || got != tt.want {
				t.Fatalf("String() = %q, %v; want %q", got, err, tt.want)
			}
			back, err := ParseInterFreeField(got)
			if err != nil || back != tt.f {
				t.Fatalf("ParseInterFreeField(%q) = %+v, %v", got, back, err)
			}
		})
	}
}

func TestInterFreeFieldErrors(t *testing.T) {
	t.Parallel()
	bad := []struct {
		f     InterFreeField
		field string
	}{
		{InterFreeField{"001", "112", "0644499", "0081593655"}, "agencia"},
		{InterFreeField{"0001", "12", "0644499", "0081593655"}, "carteira"},
		{InterFreeField{"0001", "112", "644499", "0081593655"}, "operacao"},
		{InterFreeField{"0001", "112", "0644499", "81593655"}, "nossoNumero"},
		{InterFreeField{"0001", "112", "0644499", "008159365A"}, "nossoNumero"},
	}
	for _, b := range bad {
		_, err := b.f.String()
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != b.field {
			t.Errorf("String() of %+v = %v; want a *FieldError on %q", b.f, err, b.field)
		}
		if got := FormatInterNossoNumero(b.f); got != "" {
			t.Errorf("FormatInterNossoNumero(%+v) = %q, want \"\"", b.f, got)
		}
	}
	for _, s := range []struct{ in, field string }{
		{"0001112064449900815936557", "nossoNumero"}, // DV 7 instead of 6
		{"0001112064449900815936550", "nossoNumero"},
		{"000111206444990081593655", "campoLivre"},
		{"000111206444990081593655X", "campoLivre"},
	} {
		_, err := ParseInterFreeField(s.in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != s.field {
			t.Errorf("ParseInterFreeField(%q) = %v; want a *FieldError on %q", s.in, err, s.field)
		}
	}
}

func TestInterRealBoleto(t *testing.T) {
	t.Parallel()
	const barcode = "07797900200000151300001112064449900815936556"
	const linha = "07790.00116 12064.449908 08159.365561 7 90020000015130"
	ff := InterFreeField{Agency: "0001", Carteira: "112", Operation: "0644499", NossoNumero: "0081593655"}
	free, err := ff.String()
	if err != nil {
		t.Fatal(err)
	}
	b := Barcode{Bank: InterBank, Currency: '9', DueDate: Date{2022, time.May, 31}, Amount: 15130, FreeField: free}
	got, err := b.Digits()
	if err != nil || got != barcode {
		t.Fatalf("Digits() = %s, %v; want %s", got, err, barcode)
	}
	l, err := b.Linha()
	if err != nil || FormatLinha(l) != linha {
		t.Fatalf("Linha() = %s, %v; want %s", FormatLinha(l), err, linha)
	}
	d, err := Decode(linha, Date{2022, time.May, 20})
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ParseInterFreeField(d.FreeField)
	if err != nil || parsed != ff {
		t.Fatalf("ParseInterFreeField(decoded) = %+v, %v", parsed, err)
	}
	if d.Amount != 15130 || d.DueDate != (Date{2022, time.May, 31}) || BankName(d.Bank) != "Banco Inter S.A." {
		t.Errorf("decoded %+v", d)
	}
	if got := FormatInterNossoNumero(parsed); got != "00019/112/0081593655-6" {
		t.Errorf("FormatInterNossoNumero = %q", got)
	}
	if l[:10] != "0779000116" {
		t.Errorf("Inter linhas start 07790.00116, got %s", l[:10])
	}
}

func TestFormatInterNossoNumero(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    InterFreeField
		want string
	}{
		{InterFreeField{"0001", "112", "0644499", "0081593655"}, "00019/112/0081593655-6"},
		{InterFreeField{"0001", "110", "0123456", "0004309540"}, "00019/110/0004309540-1"},
		{InterFreeField{"0001", "112", "0953319", "9007126460"}, "00019/112/9007126460-3"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := FormatInterNossoNumero(tt.f); got != tt.want {
				t.Errorf("FormatInterNossoNumero(%+v) = %q, want %q", tt.f, got, tt.want)
			}
		})
	}
}

func TestFormatBankCode(t *testing.T) {
	t.Parallel()
	// Check digits as printed on the banks' boletos.
	tests := map[string]string{
		"077":  "077-9",
		"001":  "001-9",
		"033":  "033-7",
		"104":  "104-0", // 11 − 1 = 10 → 0
		"237":  "237-2",
		"341":  "341-7",
		"422":  "422-7",
		"756":  "756-0", // 11 − 0 = 11 → 0
		"748":  "748-X",
		"77":   "77",
		"0779": "0779",
		"0a7":  "0a7",
		"":     "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got := FormatBankCode(in); got != want {
				t.Errorf("FormatBankCode(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestFormatAgencyCode(t *testing.T) {
	t.Parallel()
	tests := []struct{ agency, account, want string }{
		{"0001", "12345678", "0001-9 / 1234567-8"},
		{"0001", "1234567-8", "0001-9 / 1234567-8"},
		{"0001", "", "0001-9"},
		{"x1", "99", "x1 / 9-9"},
	}
	for _, tt := range tests {
		if got := FormatAgencyCode(tt.agency, tt.account); got != tt.want {
			t.Errorf("FormatAgencyCode(%q, %q) = %q, want %q", tt.agency, tt.account, got, tt.want)
		}
	}
}
