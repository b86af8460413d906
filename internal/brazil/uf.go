package brazil

import (
	"slices"
	"strings"
)

// uf describes one of the 27 federative units.
type uf struct {
	name string
	ibge int
}

// ufs holds the 26 states and the Distrito Federal. NF-e's "EX" (abroad) is
// deliberately absent: it is not a valid address for a boleto pagador.
var ufs = map[string]uf{
	"AC": {"Acre", 12},
	"AL": {"Alagoas", 27},
	"AP": {"Amapá", 16},
	"AM": {"Amazonas", 13},
	"BA": {"Bahia", 29},
	"CE": {"Ceará", 23},
	"DF": {"Distrito Federal", 53},
	"ES": {"Espírito Santo", 32},
	"GO": {"Goiás", 52},
	"MA": {"Maranhão", 21},
	"MT": {"Mato Grosso", 51},
	"MS": {"Mato Grosso do Sul", 50},
	"MG": {"Minas Gerais", 31},
	"PA": {"Pará", 15},
	"PB": {"Paraíba", 25},
	"PR": {"Paraná", 41},
	"PE": {"Pernambuco", 26},
	"PI": {"Piauí", 22},
	"RJ": {"Rio de Janeiro", 33},
	"RN": {"Rio Grande do Norte", 24},
	"RS": {"Rio Grande do Sul", 43},
	"RO": {"Rondônia", 11},
	"RR": {"Roraima", 14},
	"SC": {"Santa Catarina", 42},
	"SP": {"São Paulo", 35},
	"SE": {"Sergipe", 28},
	"TO": {"Tocantins", 17},
}

// normalizeUF trims and upper-cases a UF abbreviation.
func normalizeUF(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// IsUF reports whether s is one of the 27 UF abbreviations, in any case.
func IsUF(s string) bool {
	_, ok := ufs[normalizeUF(s)]
	return ok
}

// UFs returns the 27 UF abbreviations in alphabetical order. The caller owns
// the returned slice.
func UFs() []string {
	out := make([]string, 0, len(ufs))
	for k := range ufs {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// UFName returns the full name of a UF ("São Paulo" for "SP"), or "" when s
// is not a UF.
func UFName(s string) string { return ufs[normalizeUF(s)].name }

// UFIBGECode returns the two-digit IBGE code of a UF (35 for "SP"), or 0
// when s is not a UF.
func UFIBGECode(s string) int { return ufs[normalizeUF(s)].ibge }
