package brazil

import "testing"

func TestValidateCEP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{"masked", "01310-100", ""},
		{"plain", "86601528", ""},
		{"dotted", "86.601-528", ""},
		{"spaces", " 01310 100 ", ""},
		{"short", "0131010", "CEP inválido: deve ter 8 números; foram informados 7."},
		{"long", "013101000", "foram informados 9."},
		{"letter", "01310-10A", "CEP inválido: caractere 'A' não é permitido"},
		{"empty", "", "CEP não informado"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr(t, ValidateCEP(tt.in), tt.wantErr)
		})
	}
}

func TestNormalizeAndFormatCEP(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, normalized, formatted string }{
		{"01310-100", "01310100", "01310-100"},
		{"01310100", "01310100", "01310-100"},
		{"86.601-528", "86601528", "86601-528"},
		{"0131010", "0131010", "0131010"},
		{"01310-10A", "0131010", "01310-10A"},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := NormalizeCEP(tt.in); got != tt.normalized {
				t.Errorf("NormalizeCEP(%q) = %q, want %q", tt.in, got, tt.normalized)
			}
			if got := FormatCEP(tt.in); got != tt.formatted {
				t.Errorf("FormatCEP(%q) = %q, want %q", tt.in, got, tt.formatted)
			}
		})
	}
}

func TestUFForCEP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cep, want string // want "" means no UF
	}{
		{"00000-000", ""},
		{"00999-999", ""},
		{"01000-000", "SP"},
		{"01310-100", "SP"},
		{"19999-999", "SP"},
		{"20000-000", "RJ"},
		{"28999-999", "RJ"},
		{"29000-000", "ES"},
		{"30000-000", "MG"},
		{"39999-999", "MG"},
		{"40000-000", "BA"},
		{"48999-999", "BA"},
		{"49000-000", "SE"},
		{"50000-000", "PE"},
		{"56999-999", "PE"},
		{"57000-000", "AL"},
		{"58000-000", "PB"},
		{"59999-999", "RN"},
		{"60000-000", "CE"},
		{"63999-999", "CE"},
		{"64000-000", "PI"},
		{"65000-000", "MA"},
		{"66000-000", "PA"},
		{"68899-999", "PA"},
		{"68900-000", "AP"},
		{"68999-999", "AP"},
		{"69000-000", "AM"},
		{"69299-999", "AM"},
		{"69300-000", "RR"},
		{"69399-999", "RR"},
		{"69400-000", "AM"},
		{"69899-999", "AM"},
		{"69900-000", "AC"},
		{"69999-999", "AC"},
		{"70000-000", "DF"},
		{"72799-999", "DF"},
		{"72800-000", "GO"},
		{"72999-999", "GO"},
		{"73000-000", "DF"},
		{"73699-999", "DF"},
		{"73700-000", "GO"},
		{"76799-999", "GO"},
		{"76800-000", "RO"},
		{"76999-999", "RO"},
		{"77000-000", "TO"},
		{"78000-000", "MT"},
		{"78899-999", "MT"},
		{"78900-000", ""},
		{"78999-999", ""},
		{"79000-000", "MS"},
		{"80000-000", "PR"},
		{"86601-528", "PR"},
		{"87999-999", "PR"},
		{"88000-000", "SC"},
		{"89999-999", "SC"},
		{"90000-000", "RS"},
		{"99999-999", "RS"},
		{"0131010", ""},
		{"01310-10A", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cep, func(t *testing.T) {
			t.Parallel()
			got, ok := UFForCEP(tt.cep)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("UFForCEP(%q) = %q, %v; want %q", tt.cep, got, ok, tt.want)
			}
		})
	}
}

func TestCEPMatchesUF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cep, uf string
		want    bool
	}{
		{"01310-100", "SP", true},
		{"01310-100", " sp ", true},
		{"01310-100", "RJ", false},
		{"69300-000", "RR", true},
		{"69300-000", "AM", false},
		{"69299-999", "AM", true},
		{"72800-000", "GO", true},
		{"72800-000", "DF", false},
		{"78900-000", "MT", false},
		{"0131010", "SP", false},
		{"01310-100", "EX", false},
	}
	for _, tt := range tests {
		t.Run(tt.cep+" "+tt.uf, func(t *testing.T) {
			t.Parallel()
			if got := CEPMatchesUF(tt.cep, tt.uf); got != tt.want {
				t.Errorf("CEPMatchesUF(%q, %q) = %v, want %v", tt.cep, tt.uf, got, tt.want)
			}
		})
	}
}

// The range table must be ordered, must not overlap, and must name only UFs,
// every one of them.
func TestCEPRangesTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i, r := range cepRanges {
		if r.from > r.to {
			t.Errorf("range %d (%s) is reversed", i, r.uf)
		}
		if i > 0 && r.from <= cepRanges[i-1].to {
			t.Errorf("range %d (%s) overlaps or precedes range %d (%s)", i, r.uf, i-1, cepRanges[i-1].uf)
		}
		if !IsUF(r.uf) {
			t.Errorf("range %d names %q, not a UF", i, r.uf)
		}
		seen[r.uf] = true
	}
	for _, uf := range UFs() {
		if !seen[uf] {
			t.Errorf("UF %s has no CEP range", uf)
		}
	}
}
