package boleto

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestParseBRL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Cents
		errPart string // a fragment of the expected message; "" means success
	}{
		{in: "R$ 1.234,56", want: 123456},
		{in: "R$1.234,56", want: 123456},
		{in: "r$ 10,00", want: 1000},
		{in: "1234,56", want: 123456},
		{in: "1.234,5", want: 123450},
		{in: "1234", want: 123400},
		{in: "1.234", want: 123400},
		{in: "0,05", want: 5},
		{in: ",5", want: 50},
		{in: "7,", want: 700},
		{in: "  2,50  ", want: 250},
		{in: "R$\u00a01.000.000,00", want: 100000000},
		{in: "99.999.999,99", want: MaxAmount},
		{in: "0", want: 0},
		{in: "000,01", want: 1},
		{in: "9.999.999.999,00", want: 999_999_999_900},
		{in: "9.999.999.999,01", errPart: "grande demais"},
		{in: "100000000000", errPart: "grande demais"},
		{in: "-1,00", errPart: "negativo"},
		{in: "R$ -1,00", errPart: "negativo"},
		{in: "-R$ 1,00", errPart: "negativo"},
		{in: "−5", errPart: "negativo"},
		{in: "1,234", errPart: "2 casas decimais"},
		{in: "0,001", errPart: "2 casas decimais"},
		{in: "12.50", errPart: "milhares"},
		{in: "1234.56", errPart: "milhares"},
		{in: "1.23,45", errPart: "milhares"},
		{in: "1234.567,00", errPart: "milhares"},
		{in: ".5", errPart: "milhares"},
		{in: "1,2,3", errPart: "vírgula só"},
		{in: "1,2.3", errPart: "milhar"},
		{in: "", errPart: "Informe o valor"},
		{in: "   ", errPart: "Informe o valor"},
		{in: "R$", errPart: "não é um número"},
		{in: ",", errPart: "não é um número"},
		{in: "12a", errPart: "não é um número"},
		{in: "US$ 5", errPart: "não é um número"},
		{in: "1e3", errPart: "não é um número"},
		{in: "+5", errPart: "não é um número"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseBRL(tt.in)
			if tt.errPart == "" {
				if err != nil || got != tt.want {
					t.Fatalf("ParseBRL(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "valor" {
				t.Fatalf("ParseBRL(%q) = %d, %v; want a *FieldError on \"valor\"", tt.in, got, err)
			}
			if !strings.Contains(fe.Message, tt.errPart) {
				t.Errorf("message %q does not mention %q", fe.Message, tt.errPart)
			}
		})
	}
}

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Cents
		wantErr bool
	}{
		{in: "2.5", want: 250},
		{in: "9.50", want: 950},
		{in: "1234", want: 123400},
		{in: "1234.56", want: 123456},
		{in: "0.01", want: 1},
		{in: "0", want: 0},
		{in: "-0", want: 0},
		{in: "0.00", want: 0},
		{in: " 151.30 ", want: 15130},
		{in: "99999999.99", want: MaxAmount},
		// Rounding half up (on the magnitude).
		{in: "0.335", want: 34},
		{in: "0.334", want: 33},
		{in: "0.3349999", want: 33},
		{in: "0.3350001", want: 34},
		{in: "0.005", want: 1},
		{in: "0.004999", want: 0},
		{in: "2.999", want: 300},
		{in: "99999999.995", want: MaxAmount + 1},
		{in: "-0.335", want: -34},
		{in: "-2.5", want: -250},
		// Exponents, exactly.
		{in: "1.5e2", want: 15000},
		{in: "1.5E+2", want: 15000},
		{in: "25e-1", want: 250},
		{in: "1e-7", want: 0},
		{in: "5e-3", want: 1},
		{in: "0e999999", want: 0},
		{in: "1e-999999", want: 0},
		{in: "007.50", want: 750},
		// Limits.
		{in: "9999999999", want: MaxAmount * 100},
		{in: "9999999999.004", want: MaxAmount * 100},
		{in: "9999999999.01", wantErr: true},
		{in: "9999999999.005", wantErr: true},
		{in: "1e10", wantErr: true},
		{in: "1e999999", wantErr: true},
		{in: "123456789012345678901234567890", wantErr: true},
		// Malformed.
		{in: "", wantErr: true},
		{in: "-", wantErr: true},
		{in: ".5", wantErr: true},
		{in: "5.", wantErr: true},
		{in: "1,50", wantErr: true},
		{in: "1.2.3", wantErr: true},
		{in: "+5", wantErr: true},
		{in: "--5", wantErr: true},
		{in: "1e", wantErr: true},
		{in: "1e+", wantErr: true},
		{in: "1e2.5", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "Infinity", wantErr: true},
		{in: "0x10", wantErr: true},
		{in: "R$ 5", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDecimal(tt.in)
			if tt.wantErr {
				var fe *FieldError
				if !errors.As(err, &fe) {
					t.Fatalf("ParseDecimal(%q) = %d, %v; want a *FieldError", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDecimal(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestCentsFormatting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		c       Cents
		brl     string
		decimal string
	}{
		{0, "R$ 0,00", "0.00"},
		{1, "R$ 0,01", "0.01"},
		{5, "R$ 0,05", "0.05"},
		{250, "R$ 2,50", "2.50"},
		{100000, "R$ 1.000,00", "1000.00"},
		{99999, "R$ 999,99", "999.99"},
		{123456, "R$ 1.234,56", "1234.56"},
		{12345678, "R$ 123.456,78", "123456.78"},
		{MaxAmount, "R$ 99.999.999,99", "99999999.99"},
		{-100, "-R$ 1,00", "-1.00"},
		{-123456, "-R$ 1.234,56", "-1234.56"},
		{math.MaxInt64, "R$ 92.233.720.368.547.758,07", "92233720368547758.07"},
		{math.MinInt64, "-R$ 92.233.720.368.547.758,08", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		t.Run(tt.decimal, func(t *testing.T) {
			t.Parallel()
			if got := tt.c.BRL(); got != tt.brl {
				t.Errorf("BRL() = %q, want %q", got, tt.brl)
			}
			if got := tt.c.String(); got != tt.brl {
				t.Errorf("String() = %q, want %q", got, tt.brl)
			}
			if got := tt.c.Decimal(); got != tt.decimal {
				t.Errorf("Decimal() = %q, want %q", got, tt.decimal)
			}
			if tt.c < 0 || int64(tt.c) > maxParsed {
				return
			}
			if back, err := ParseBRL(tt.brl); err != nil || back != tt.c {
				t.Errorf("ParseBRL(BRL()) = %d, %v", back, err)
			}
			if back, err := ParseDecimal(tt.decimal); err != nil || back != tt.c {
				t.Errorf("ParseDecimal(Decimal()) = %d, %v", back, err)
			}
		})
	}
}

func TestCentsJSON(t *testing.T) {
	t.Parallel()
	type body struct {
		Valor Cents  `json:"valor"`
		Opt   *Cents `json:"opt,omitempty"`
	}
	b, err := json.Marshal(body{Valor: 250})
	if err != nil || string(b) != `{"valor":2.50}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	b, err = json.Marshal(body{Valor: MaxAmount})
	if err != nil || string(b) != `{"valor":99999999.99}` {
		t.Fatalf("Marshal max = %s, %v", b, err)
	}
	tests := []struct {
		in      string
		want    Cents
		wantErr bool
	}{
		{in: `{"valor":2.5}`, want: 250},
		{in: `{"valor":1234.56}`, want: 123456},
		{in: `{"valor":"123.45"}`, want: 12345},
		{in: `{"valor":"0.335"}`, want: 34},
		{in: `{"valor":0.335}`, want: 34},
		{in: `{"valor":""}`, want: 0},
		{in: `{"valor":1.5e2}`, want: 15000},
		{in: `{"valor":null}`, want: 777},
		{in: `{"valor":"abc"}`, wantErr: true},
		{in: `{"valor":true}`, wantErr: true},
		{in: `{"valor":"1,50"}`, wantErr: true},
		{in: `{"valor":1e30}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got := body{Valor: 777}
			err := json.Unmarshal([]byte(tt.in), &got)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Unmarshal(%s) = %d, want an error", tt.in, got.Valor)
				}
				return
			}
			if err != nil || got.Valor != tt.want {
				t.Fatalf("Unmarshal(%s) = %d, %v; want %d", tt.in, got.Valor, err, tt.want)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Percent
		wantErr bool
	}{
		{in: "2,5", want: 250},
		{in: "2.5", want: 250},
		{in: "2,50%", want: 250},
		{in: "0,33 %", want: 33},
		{in: "1", want: 100},
		{in: "100", want: OneHundredPercent},
		{in: "0,01", want: 1},
		{in: ",5", want: 50},
		{in: "-1", wantErr: true},
		{in: "1,234", wantErr: true},
		{in: "1.000,00", wantErr: true},
		{in: "1,0,0", wantErr: true},
		{in: "abc", wantErr: true},
		{in: "%", wantErr: true},
		{in: "", wantErr: true},
		{in: "99999999999", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePercent(tt.in)
			if tt.wantErr {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "taxa" {
					t.Fatalf("ParsePercent(%q) = %d, %v; want a *FieldError on \"taxa\"", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParsePercent(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestPercentFormattingAndJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p       Percent
		str     string
		decimal string
	}{
		{250, "2,50%", "2.50"},
		{1, "0,01%", "0.01"},
		{OneHundredPercent, "100,00%", "100.00"},
		{0, "0,00%", "0.00"},
		{-50, "-0,50%", "-0.50"},
	}
	for _, tt := range tests {
		t.Run(tt.decimal, func(t *testing.T) {
			t.Parallel()
			if got := tt.p.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := tt.p.Decimal(); got != tt.decimal {
				t.Errorf("Decimal() = %q, want %q", got, tt.decimal)
			}
			b, err := json.Marshal(tt.p)
			if err != nil || string(b) != tt.decimal {
				t.Errorf("Marshal = %s, %v", b, err)
			}
			var back Percent
			if err := json.Unmarshal(b, &back); err != nil || back != tt.p {
				t.Errorf("Unmarshal(%s) = %d, %v", b, back, err)
			}
			if tt.p >= 0 {
				if back, err := ParsePercent(tt.str); err != nil || back != tt.p {
					t.Errorf("ParsePercent(String()) = %d, %v", back, err)
				}
			}
		})
	}
	var p Percent
	if err := json.Unmarshal([]byte(`"5"`), &p); err != nil || p != 500 {
		t.Errorf(`Unmarshal("5") = %d, %v`, p, err)
	}
	if err := json.Unmarshal([]byte(`2.345`), &p); err != nil || p != 235 {
		t.Errorf(`Unmarshal(2.345) = %d, %v`, p, err)
	}
}

// ratCents is an oracle for ParseDecimal built on math/big: the exact value
// times 100, rounded half away from zero.
func ratCents(s string) (int64, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, false
	}
	r.Mul(r, big.NewRat(100, 1))
	neg := r.Sign() < 0
	r.Abs(r)
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Lsh(m, 1).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, false
	}
	if neg {
		return -q.Int64(), true
	}
	return q.Int64(), true
}

func FuzzParseBRL(f *testing.F) {
	for _, s := range []string{"R$ 1.234,56", "1234,56", "1.234,5", "1234", "0,05", "-1,00", "1,234",
		"12.50", "R$\u00a099.999.999,99", "9.999.999.999,00", ",5", "", "R$", "1.2.3", "0,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseBRL(s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Message == "" {
				t.Fatalf("ParseBRL(%q) error %v is not a *FieldError", s, err)
			}
			return
		}
		if c < 0 || int64(c) > maxParsed {
			t.Fatalf("ParseBRL(%q) = %d, out of range", s, c)
		}
		if back, err := ParseBRL(c.BRL()); err != nil || back != c {
			t.Fatalf("ParseBRL(%q) = %d; ParseBRL(%q) = %d, %v", s, c, c.BRL(), back, err)
		}
		if back, err := ParseDecimal(c.Decimal()); err != nil || back != c {
			t.Fatalf("ParseDecimal(%q) = %d, %v; want %d", c.Decimal(), back, err, c)
		}
		// A plain reading of the digits must agree: remove the grouping dots
		// and compare with the oracle.
		digits := strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9':
				return r
			case r == ',':
				return '.'
			}
			return -1
		}, s)
		if strings.HasPrefix(digits, ".") {
			digits = "0" + digits
		}
		digits = strings.TrimSuffix(digits, ".")
		if want, ok := ratCents(digits); !ok || want != int64(c) {
			t.Fatalf("ParseBRL(%q) = %d, oracle reads %q as %d", s, c, digits, want)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"2.5", "9.50", "1234", "1234.56", "0.335", "-0.335", "1.5e2", "1e-7",
		"99999999.99", "9999999999.004", "", "-", ".5", "5.", "1e999999", "007.50"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseDecimal(s)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Message == "" {
				t.Fatalf("ParseDecimal(%q) error %v is not a *FieldError", s, err)
			}
			return
		}
		if back, err := ParseDecimal(c.Decimal()); err != nil || back != c {
			t.Fatalf("ParseDecimal(%q) = %d; ParseDecimal(%q) = %d, %v", s, c, c.Decimal(), back, err)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Cents
		if err := json.Unmarshal(b, &back); err != nil || back != c {
			t.Fatalf("JSON round trip of %d: %s → %d, %v", c, b, back, err)
		}
		if c >= 0 {
			if back, err := ParseBRL(c.BRL()); err != nil || back != c {
				t.Fatalf("ParseBRL(%q) = %d, %v; want %d", c.BRL(), back, err, c)
			}
		}
		// Compare with the exact oracle unless the exponent is huge (the
		// oracle would build enormous powers of ten).
		if i := strings.IndexAny(s, "eE"); i >= 0 && len(strings.TrimLeft(s[i+1:], "+-0")) > 3 {
			return
		}
		if want, ok := ratCents(strings.TrimSpace(s)); !ok || want != int64(c) {
			t.Fatalf("ParseDecimal(%q) = %d, oracle %d (%v)", s, c, want, ok)
		}
	})
}
