package brazil

import (
	"slices"
	"testing"
)

func TestIsUF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"SP", true},
		{"sp", true},
		{" Rj ", true},
		{"DF", true},
		{"TO", true},
		{"EX", false}, // NF-e's "abroad" is not a UF for a boleto
		{"XX", false},
		{"S", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := IsUF(tt.in); got != tt.want {
				t.Errorf("IsUF(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestUFs(t *testing.T) {
	t.Parallel()
	got := UFs()
	want := []string{"AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT",
		"PA", "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"}
	if !slices.Equal(got, want) {
		t.Fatalf("UFs() = %v, want %v", got, want)
	}
	got[0] = "ZZ"
	if UFs()[0] != "AC" {
		t.Error("UFs() shares its slice with the caller")
	}
}

func TestUFNameAndIBGECode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		uf   string
		name string
		ibge int
	}{
		{"SP", "São Paulo", 35},
		{"sp", "São Paulo", 35},
		{"RO", "Rondônia", 11},
		{"DF", "Distrito Federal", 53},
		{"RS", "Rio Grande do Sul", 43},
		{"TO", "Tocantins", 17},
		{"EX", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.uf, func(t *testing.T) {
			t.Parallel()
			if got := UFName(tt.uf); got != tt.name {
				t.Errorf("UFName(%q) = %q, want %q", tt.uf, got, tt.name)
			}
			if got := UFIBGECode(tt.uf); got != tt.ibge {
				t.Errorf("UFIBGECode(%q) = %d, want %d", tt.uf, got, tt.ibge)
			}
		})
	}
}

// IBGE codes are unique and their first digit is the region (1 North …
// 5 Centre-West).
func TestUFIBGECodesConsistent(t *testing.T) {
	t.Parallel()
	seen := map[int]string{}
	for _, uf := range UFs() {
		code := UFIBGECode(uf)
		if code < 11 || code > 53 {
			t.Errorf("UFIBGECode(%s) = %d, out of range", uf, code)
		}
		if other, dup := seen[code]; dup {
			t.Errorf("IBGE code %d used by %s and %s", code, other, uf)
		}
		seen[code] = uf
	}
}
