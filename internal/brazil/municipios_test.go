package brazil

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMunicipality(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code, name, uf string
		ok             bool
	}{
		{"3550308", "São Paulo", "SP", true},
		{"3304557", "Rio de Janeiro", "RJ", true},
		{"5300108", "Brasília", "DF", true},
		{"4122404", "Rolândia", "PR", true},
		{"4205407", "Florianópolis", "SC", true},
		{"1100015", "Alta Floresta D'Oeste", "RO", true}, // the first code
		{"5222302", "Vila Propício", "GO", true},
		{"2201919", "Bom Princípio do Piauí", "PI", true}, // breaks the check digit rule
		{" 3550308\n", "São Paulo", "SP", true},
		{"3550309", "", "", false}, // wrong check digit
		{"9999999", "", "", false},
		{"0000000", "", "", false},
		{"355030", "", "", false},
		{"35503080", "", "", false},
		{"355030a", "", "", false},
		{"3550-308", "", "", false},
		{"35 50308", "", "", false},
		{"+355030", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			name, uf, ok := Municipality(tt.code)
			if name != tt.name || uf != tt.uf || ok != tt.ok {
				t.Errorf("Municipality(%q) = %q, %q, %v; want %q, %q, %v", tt.code, name, uf, ok, tt.name, tt.uf, tt.ok)
			}
		})
	}
}

func TestMunicipalityTable(t *testing.T) {
	t.Parallel()
	table := municipalities()
	if len(table) != 5570 {
		t.Errorf("%d municipalities, want IBGE's 5,570", len(table))
	}
	if lines := strings.Count(municipiosTSV, "\n"); lines != len(table) || !strings.HasSuffix(municipiosTSV, "\n") {
		t.Errorf("municipios.tsv has %d lines, %d of them parsed", lines, len(table))
	}
	perUF := map[string]int{}
	for i, m := range table {
		code := fmt.Sprintf("%07d", m.code)
		// Strictly ascending: sorted for the binary search, and no code twice.
		if i > 0 && table[i-1].code >= m.code {
			t.Errorf("code %d follows %d", m.code, table[i-1].code)
		}
		if got := fmt.Sprintf("%02d", UFIBGECode(m.uf)); got != code[:2] {
			t.Errorf("%s %s is in UF %s, whose IBGE code is %s", code, m.name, m.uf, got)
		}
		if !utf8.ValidString(m.name) || strings.TrimSpace(m.name) != m.name || strings.ContainsAny(m.name, "\t\r\n") {
			t.Errorf("%s: bad name %q", code, m.name)
		}
		perUF[m.uf]++
	}
	if len(perUF) != 27 {
		t.Errorf("municipalities in %d UFs, want 27", len(perUF))
	}
	if perUF["DF"] != 1 || perUF["MG"] != 853 || perUF["SP"] != 645 || perUF["RR"] != 15 {
		t.Errorf("DF %d, MG %d, SP %d, RR %d municipalities; want 1, 853, 645, 15", perUF["DF"], perUF["MG"], perUF["SP"], perUF["RR"])
	}
}

// TestMunicipalityCheckDigit backs the doc comment of Municipality: IBGE's
// check digit holds for every code of the table but nine, so it cannot be
// used to reject codes.
func TestMunicipalityCheckDigit(t *testing.T) {
	t.Parallel()
	var breaking []string
	for _, m := range municipalities() {
		code := fmt.Sprintf("%07d", m.code)
		sum := 0
		for i := range 6 {
			p := int(code[i]-'0') * (1 + i%2)
			sum += p/10 + p%10
		}
		if int(code[6]-'0') != (10-sum%10)%10 {
			breaking = append(breaking, code)
		}
	}
	want := []string{"2201919", "2201988", "2202251", "2611533", "3117836", "3152131", "4305871", "5203939", "5203962"}
	if !slices.Equal(breaking, want) {
		t.Errorf("codes breaking the check digit: %q, want %q", breaking, want)
	}
}

func BenchmarkMunicipality(b *testing.B) {
	table := municipalities()
	codes := make([]string, 0, 64)
	for i := 0; i < len(table); i += len(table) / 63 {
		codes = append(codes, fmt.Sprintf("%07d", table[i].code))
	}
	for i := 0; b.Loop(); i++ {
		if _, _, ok := Municipality(codes[i%len(codes)]); !ok {
			b.Fatal("known code not found")
		}
	}
}
