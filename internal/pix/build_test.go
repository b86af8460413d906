package pix

import (
	"fmt"
	"strings"
	"testing"
)

func TestBuildCobvMatchesInter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    CobvParams
	}{
		{"as Inter sends it", CobvParams{URL: interURL, AmountCents: 950, MerchantName: "*", MerchantCity: "ROLANDIA", PostalCode: "86601528"}},
		{"defaults and clean-up", CobvParams{URL: " " + interURL + " ", AmountCents: 950, MerchantCity: "Rolândia", PostalCode: "86601-528"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := BuildCobv(tt.p)
			if err != nil {
				t.Fatalf("BuildCobv(%+v): %v", tt.p, err)
			}
			if got != interCobv {
				t.Errorf("BuildCobv(%+v) =\n%s\nwant\n%s", tt.p, got, interCobv)
			}
		})
	}
}

func TestBuildCobvRoundTrip(t *testing.T) {
	t.Parallel()
	longURL := "example.com/" + strings.Repeat("a", 65) // 77 characters, the most that fits in field 26
	tests := []struct {
		name      string
		p         CobvParams
		wantName  string
		wantCity  string
		wantCEP   string
		wantCents int64 // 0 means field 54 absent
	}{
		{"Inter", CobvParams{URL: interURL, AmountCents: 950, MerchantCity: "Rolândia", PostalCode: "86601528"}, "*", "ROLANDIA", "86601528", 950},
		{"no amount", CobvParams{URL: interURL, MerchantCity: "Brasília"}, "*", "BRASILIA", "", 0},
		{"one centavo", CobvParams{URL: interURL, AmountCents: 1, MerchantCity: "Recife"}, "*", "RECIFE", "", 1},
		{"round amount", CobvParams{URL: interURL, AmountCents: 12700, MerchantCity: "Natal"}, "*", "NATAL", "", 12700},
		{"largest amount", CobvParams{URL: interURL, AmountCents: 999_999_999_999, MerchantCity: "Belém"}, "*", "BELEM", "", 999_999_999_999},
		{"accented name", CobvParams{URL: interURL, AmountCents: 2500, MerchantName: "Padaria São João Ltda", MerchantCity: "São José", PostalCode: "88101-000"},
			"Padaria Sao Joao Ltda", "SAO JOSE", "88101000", 2500},
		{"limits", CobvParams{URL: longURL, AmountCents: 99, MerchantName: strings.Repeat("N", 25), MerchantCity: strings.Repeat("c", 15)},
			strings.Repeat("N", 25), strings.Repeat("C", 15), "", 99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := BuildCobv(tt.p)
			if err != nil {
				t.Fatalf("BuildCobv(%+v): %v", tt.p, err)
			}
			c, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(BuildCobv(%+v) = %q): %v", tt.p, s, err)
			}
			url := strings.TrimSpace(tt.p.URL)
			if c.InitiationMethod != "12" || c.GUI != "BR.GOV.BCB.PIX" || c.URL != url || c.Key != "" || c.MCC != "0000" || c.TxID != "***" {
				t.Errorf("Parse(%q) = %+v, want a dynamic cobv for %s", s, c, url)
			}
			if c.MerchantName != tt.wantName || c.MerchantCity != tt.wantCity || c.PostalCode != tt.wantCEP {
				t.Errorf("Parse(%q): name %q city %q CEP %q, want %q %q %q", s, c.MerchantName, c.MerchantCity, c.PostalCode, tt.wantName, tt.wantCity, tt.wantCEP)
			}
			switch {
			case tt.wantCents == 0 && c.AmountCents != nil:
				t.Errorf("Parse(%q).AmountCents = %d, want no amount", s, *c.AmountCents)
			case tt.wantCents != 0 && (c.AmountCents == nil || *c.AmountCents != tt.wantCents):
				t.Errorf("Parse(%q).AmountCents = %v, want %d", s, c.AmountCents, tt.wantCents)
			}
		})
	}
}

func TestBuildCobvErrors(t *testing.T) {
	t.Parallel()
	ok := CobvParams{URL: interURL, AmountCents: 950, MerchantCity: "ROLANDIA"}
	with := func(change func(*CobvParams)) CobvParams {
		p := ok
		change(&p)
		return p
	}
	tests := []struct {
		name    string
		p       CobvParams
		wantErr string
	}{
		{"no URL", with(func(p *CobvParams) { p.URL = " " }), "informe a URL da cobrança"},
		{"URL with https", with(func(p *CobvParams) { p.URL = "https://" + interURL }), "deve vir sem http:// ou https://"},
		{"URL with HTTP", with(func(p *CobvParams) { p.URL = "HTTP://" + interURL }), "deve vir sem http:// ou https://"},
		{"URL with space", with(func(p *CobvParams) { p.URL = "example.com/a b" }), "caractere não permitido (' ')"},
		{"URL with accent", with(func(p *CobvParams) { p.URL = "example.com/ção" }), "caractere não permitido ('ç')"},
		{"URL too long", with(func(p *CobvParams) { p.URL = "example.com/" + strings.Repeat("a", 66) }), "tem 78 caracteres; o limite é 77"},
		{"negative amount", with(func(p *CobvParams) { p.AmountCents = -1 }), "o valor não pode ser negativo"},
		{"amount too large", with(func(p *CobvParams) { p.AmountCents = 1_000_000_000_000 }), "o valor passa do máximo"},
		{"name too long", with(func(p *CobvParams) { p.MerchantName = strings.Repeat("N", 26) }), "o nome do recebedor tem 26 caracteres; o limite é 25"},
		{"name with emoji", with(func(p *CobvParams) { p.MerchantName = "Loja 😀" }), "o nome do recebedor tem um caractere não permitido ('😀')"},
		{"name with line break", with(func(p *CobvParams) { p.MerchantName = "Loja\nX" }), `caractere não permitido ('\n')`},
		{"no city", with(func(p *CobvParams) { p.MerchantCity = "" }), "informe a cidade do recebedor"},
		{"city too long", with(func(p *CobvParams) { p.MerchantCity = "São José dos Campos" }), "a cidade do recebedor tem 19 caracteres; o limite é 15"},
		{"short CEP", with(func(p *CobvParams) { p.PostalCode = "8660152" }), `o CEP "8660152" deve ter 8 números`},
		{"CEP with letter", with(func(p *CobvParams) { p.PostalCode = "8660152A" }), "deve ter 8 números"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := BuildCobv(tt.p)
			if err == nil {
				t.Fatalf("BuildCobv(%+v) = %q, want an error containing %q", tt.p, s, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "Não foi possível gerar o código Pix: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("BuildCobv(%+v) error = %q, want it to contain %q", tt.p, err, tt.wantErr)
			}
		})
	}
}

func ExampleBuildCobv() {
	s, err := BuildCobv(CobvParams{
		URL:          "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f68",
		AmountCents:  950,
		MerchantCity: "Rolândia",
		PostalCode:   "86601-528",
	})
	fmt.Println(s, err)
	// Output: 00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E <nil>
}
