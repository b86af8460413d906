package pix

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	// The canonical static example of the BCB BR Code manual.
	bcbStatic = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
	// A real Banco Inter Bolepix (dynamic cobv).
	interCobv = "00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E"
	interURL  = "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f68"
)

// withCRC completes body with field 63 holding its correct CRC, so that a
// test reaches the checks that come after the CRC.
func withCRC(body string) string {
	body += "6304"
	return body + fmt.Sprintf("%04X", CRC16([]byte(body)))
}

// Bodies (without field 63) for building test codes.
const (
	headStatic = "000201"
	account    = "26580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
	tail       = "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***"
)

func cents(v int64) *int64 { return &v }

func TestParseVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want *Code
	}{
		{"BCB static example", bcbStatic, &Code{
			Raw:           bcbStatic,
			PayloadFormat: "01",
			GUI:           "br.gov.bcb.pix",
			Key:           "123e4567-e12b-12d1-a456-426655440000",
			MCC:           "0000",
			Currency:      "986",
			Country:       "BR",
			MerchantName:  "Fulano de Tal",
			MerchantCity:  "BRASILIA",
			TxID:          "***",
			CRC:           "1D3D",
			Fields: []Field{
				{"00", "01"},
				{"26", "0014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"},
				{"52", "0000"}, {"53", "986"}, {"58", "BR"},
				{"59", "Fulano de Tal"}, {"60", "BRASILIA"},
				{"62", "0503***"}, {"63", "1D3D"},
			},
		}},
		{"Inter cobv", interCobv, &Code{
			Raw:              interCobv,
			PayloadFormat:    "01",
			InitiationMethod: "12",
			GUI:              "BR.GOV.BCB.PIX",
			URL:              interURL,
			MCC:              "0000",
			Currency:         "986",
			AmountCents:      cents(950),
			Country:          "BR",
			MerchantName:     "*",
			MerchantCity:     "ROLANDIA",
			PostalCode:       "86601528",
			TxID:             "***",
			CRC:              "EE2E",
			Fields: []Field{
				{"00", "01"}, {"01", "12"},
				{"26", "0014BR.GOV.BCB.PIX2576" + interURL},
				{"52", "0000"}, {"53", "986"}, {"54", "9.50"}, {"58", "BR"},
				{"59", "*"}, {"60", "ROLANDIA"}, {"61", "86601528"},
				{"62", "0503***"}, {"63", "EE2E"},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, in := range []string{tt.in, "  " + tt.in + "\r\n"} {
				got, err := Parse(in)
				if err != nil {
					t.Fatalf("Parse(%q): %v", in, err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Parse(%q) =\n%+v\nwant\n%+v", in, got, tt.want)
				}
			}
		})
	}
}

// CRC16 catches every change of one byte, and a change in field 63 itself
// breaks the comparison, so no single substitution may survive.
func TestParseRejectsEverySingleCharacterChange(t *testing.T) {
	t.Parallel()
	for _, code := range []string{bcbStatic, interCobv} {
		t.Run(code[len(code)-4:], func(t *testing.T) {
			t.Parallel()
			b := []byte(code)
			for i := range b {
				orig := b[i]
				for c := byte(' '); c <= '~'; c++ {
					if c == orig {
						continue
					}
					b[i] = c
					if _, err := Parse(string(b)); err == nil {
						t.Errorf("Parse accepted %q (position %d changed to %q)", b, i+1, c)
					}
				}
				b[i] = orig
			}
		})
	}
}

func TestParseRejectsEveryTruncation(t *testing.T) {
	t.Parallel()
	for _, code := range []string{bcbStatic, interCobv} {
		t.Run(code[len(code)-4:], func(t *testing.T) {
			t.Parallel()
			for n := 1; n < len(code); n++ {
				_, err := Parse(code[:n])
				if err == nil {
					t.Fatalf("Parse accepted the first %d characters", n)
				}
				if n >= 4 && !strings.HasPrefix(err.Error(), "Código Pix incompleto:") {
					t.Errorf("Parse(first %d characters) = %q, want a message saying the code is incomplete", n, err)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	cut59 := interCobv[:strings.Index(interCobv, "5901*")+4]
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"empty", "", "Código Pix vazio"},
		{"blank", " \t\n", "Código Pix vazio"},
		{"linha digitável", "07790001161234567890123456789012345678901234567", "Este texto não é um código Pix"},
		{"CRC mismatch", interCobv[:len(interCobv)-1] + "F",
			"CRC do código Pix não confere (calculado EE2E, informado EE2F): o código foi alterado ou copiado pela metade."},
		{"lower-case CRC", interCobv[:len(interCobv)-4] + "ee2e", "4 caracteres hexadecimais maiúsculos"},
		{"CRC field of wrong size", interCobv[:len(interCobv)-8] + "6305EE2E0", "4 caracteres hexadecimais maiúsculos"},
		{"altered amount", strings.Replace(interCobv, "9.50", "9.90", 1), "CRC do código Pix não confere"},
		{"cut inside field 59", cut59, "Código Pix incompleto: o campo 59 foi cortado."},
		{"cut at a field boundary", interCobv[:len(interCobv)-8], "falta o CRC (campo 63)"},
		{"text after the CRC", interCobv + "9903abc", "há texto depois do CRC"},
		{"two codes pasted together", interCobv + interCobv, "aparece mais de uma vez"},
		{"too long", withCRC(headStatic + account + tail + strings.Repeat("9999"+strings.Repeat("x", 99), 4)), "Código Pix longo demais: tem 549 bytes e o limite é 512."},
		{"length beyond the end", "0002015999abc", "Código Pix incompleto: o campo 59 foi cortado."},
		{"line break inside", interCobv[:50] + "\n" + interCobv[50:], "quebra de linha ou caractere invisível na posição 51"},
		{"invalid UTF-8", withCRC(headStatic + account + tail + "9901\xff"), "não são texto válido"},
		{"length splits an accented letter", withCRC(headStatic + account + "5204000053039865802BR5903JOÃO6008BRASILIA"), "corta um caractere ao meio"},
		{"non-digit ID", withCRC(headStatic + account + strings.Replace(tail, "5204", "5A04", 1)), "esperava o número de um campo (dois dígitos) na posição 69"},
		{"non-digit length", withCRC(headStatic + account + strings.Replace(tail, "5204", "52X4", 1)), "o tamanho do campo 52, na posição 71, não é um número"},
		{"empty field", withCRC(headStatic + account + "5900" + tail), "o campo 59 está vazio"},
		{"duplicate field", withCRC(headStatic + account + tail + "5901*"), "o campo 59 aparece mais de uma vez"},
		{"payload format 02", withCRC("000202" + account + tail), "o primeiro campo deve ser 00 com valor 01"},
		{"initiation method 13", withCRC(headStatic + "010213" + account + tail), "o campo 01 (forma de iniciação) deve ser 11 ou 12"},
		{"no account", withCRC(headStatic + tail), "falta o campo 26"},
		{"not Pix GUI", withCRC(headStatic + "26580014br.gov.bcb.pex0136123e4567-e12b-12d1-a456-426655440000" + tail), "este código não é de Pix"},
		{"no key nor URL", withCRC(headStatic + "26180014br.gov.bcb.pix" + tail), "nem URL de cobrança"},
		{"account sub-field overlong", withCRC(headStatic + "26250014br.gov.bcb.pix2599abc" + tail), "o campo 26.25 diz ter 99 caracteres, mas o campo 26 só tem 3"},
		{"account sub-field header cut", withCRC(headStatic + "26200014br.gov.bcb.pix01" + tail), "o campo 26 termina no meio de um subcampo, na posição 29"},
		{"missing MCC", withCRC(headStatic + account + strings.Replace(tail, "52040000", "", 1)), "falta o campo 52 (categoria do recebedor)"},
		{"bad MCC", withCRC(headStatic + account + strings.Replace(tail, "52040000", "520300A", 1)), "deve ter 4 dígitos"},
		{"missing currency", withCRC(headStatic + account + strings.Replace(tail, "5303986", "", 1)), "falta o campo 53 (moeda)"},
		{"dollars", withCRC(headStatic + account + strings.Replace(tail, "5303986", "5303840", 1)), "a moeda (campo 53) deve ser 986"},
		{"missing country", withCRC(headStatic + account + strings.Replace(tail, "5802BR", "", 1)), "falta o campo 58 (país)"},
		{"other country", withCRC(headStatic + account + strings.Replace(tail, "5802BR", "5802US", 1)), "o país (campo 58) deve ser BR"},
		{"missing name", withCRC(headStatic + account + strings.Replace(tail, "5913Fulano de Tal", "", 1)), "falta o campo 59 (nome do recebedor)"},
		{"long name", withCRC(headStatic + account + strings.Replace(tail, "5913Fulano de Tal", "5926"+strings.Repeat("N", 26), 1)), "o nome do recebedor (campo 59) tem 26 caracteres; o limite é 25"},
		{"missing city", withCRC(headStatic + account + strings.Replace(tail, "6008BRASILIA", "", 1)), "falta o campo 60 (cidade do recebedor)"},
		{"long city", withCRC(headStatic + account + strings.Replace(tail, "6008BRASILIA", "6016"+strings.Repeat("C", 16), 1)), "a cidade do recebedor (campo 60) tem 16 caracteres; o limite é 15"},
		{"long txid", withCRC(headStatic + account + strings.Replace(tail, "62070503***", "62300526"+strings.Repeat("T", 26), 1)), "o identificador da transação (campo 62.05) tem 26 caracteres; o limite é 25"},
		{"additional data garbled", withCRC(headStatic + account + strings.Replace(tail, "62070503***", "62070509***", 1)), "o campo 62.05 diz ter 9 caracteres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error containing %q", tt.in, c, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error = %q, want it to contain %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		amount  string
		want    int64
		wantErr string
	}{
		{"9.50", 950, ""},
		{"127.5", 12750, ""},
		{"100", 10000, ""},
		{"0.01", 1, ""},
		{"007.00", 700, ""},
		{"9999999999.99", 999_999_999_999, ""},
		{"1234567890123", 123_456_789_012_300, ""},
		{"12345678901234", 0, "tem 14 caracteres; o limite é 13"},
		{"9,50", 0, "não está no formato 1234.56"},
		{"9.505", 0, "não está no formato 1234.56"},
		{"-1.00", 0, "não está no formato 1234.56"},
		{"+1.00", 0, "não está no formato 1234.56"},
		{".50", 0, "não está no formato 1234.56"},
		{"5.", 0, "não está no formato 1234.56"},
		{"1e3", 0, "não está no formato 1234.56"},
		{"1.2.3", 0, "não está no formato 1234.56"},
		{" 9.50", 0, "não está no formato 1234.56"},
		{"0.00", 0, "o valor (campo 54) é zero"},
	}
	for _, tt := range tests {
		t.Run(tt.amount, func(t *testing.T) {
			t.Parallel()
			in := withCRC(headStatic + account + "52040000" + "5303986" + fmt.Sprintf("54%02d%s", len(tt.amount), tt.amount) + "5802BR5913Fulano de Tal6008BRASILIA")
			c, err := Parse(in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(amount %q) error = %v, want one containing %q", tt.amount, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(amount %q): %v", tt.amount, err)
			}
			if c.AmountCents == nil || *c.AmountCents != tt.want {
				t.Errorf("Parse(amount %q).AmountCents = %v, want %d", tt.amount, c.AmountCents, tt.want)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		check func(*Code) bool
	}{
		{"GUI in mixed case", withCRC(headStatic + "26580014Br.Gov.Bcb.Pix0136123e4567-e12b-12d1-a456-426655440000" + tail),
			func(c *Code) bool { return c.GUI == "Br.Gov.Bcb.Pix" }},
		{"no additional data", withCRC(headStatic + account + strings.Replace(tail, "62070503***", "", 1)),
			func(c *Code) bool { return c.TxID == "" }},
		{"accented name counted in bytes", withCRC(headStatic + account + "5204000053039865802BR5905JOÃO6008BRASILIA"),
			func(c *Code) bool { return c.MerchantName == "JOÃO" }},
		{"static with info and txid", withCRC(headStatic + "010211" + "26390014br.gov.bcb.pix0105chave0208Aluguel!" + strings.Replace(tail, "0503***", "0503ABC", 1)),
			func(c *Code) bool {
				return c.InitiationMethod == "11" && c.Key == "chave" && c.Info == "Aluguel!" && c.TxID == "ABC"
			}},
		{"unknown fields kept in order", withCRC(headStatic + account + tail + "80050001x"),
			func(c *Code) bool { return c.Fields[len(c.Fields)-2] == Field{"80", "0001x"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !tt.check(c) {
				t.Errorf("Parse(%q) = %+v", tt.in, c)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(bcbStatic)
	f.Add(interCobv)
	f.Add(interCobv[:100])
	f.Add(withCRC(headStatic + account + tail + "80050001x"))
	f.Add(withCRC(headStatic + "26180014br.gov.bcb.pix" + tail))
	f.Add("")
	f.Add("000201")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			msg := err.Error()
			if !utf8.ValidString(msg) || !strings.HasSuffix(msg, ".") {
				t.Fatalf("Parse(%q) error %q is not a whole sentence", s, msg)
			}
			return
		}
		raw := c.Raw
		if raw != strings.TrimSpace(s) || len(raw) > MaxLength || len(raw) < 8 {
			t.Fatalf("Parse(%q).Raw = %q", s, raw)
		}
		if want := fmt.Sprintf("%04X", CRC16([]byte(raw[:len(raw)-4]))); raw[len(raw)-4:] != want || c.CRC != want {
			t.Fatalf("Parse(%q) accepted CRC %s, computed %s", s, c.CRC, want)
		}
		if c.PayloadFormat != "01" || c.Currency != "986" || c.Country != "BR" || c.MerchantName == "" || c.MerchantCity == "" {
			t.Fatalf("Parse(%q) accepted a code without its mandatory fields: %+v", s, c)
		}
		var rebuilt strings.Builder
		for _, f := range c.Fields {
			fmt.Fprintf(&rebuilt, "%s%02d%s", f.ID, len(f.Value), f.Value)
		}
		if rebuilt.String() != raw {
			t.Fatalf("Fields of %q rebuild %q", raw, rebuilt.String())
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(interCobv); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleParse() {
	c, err := Parse(interCobv)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.InitiationMethod, c.URL, *c.AmountCents, c.MerchantCity, c.TxID)
	// Output: 12 spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f68 950 ROLANDIA ***
}
