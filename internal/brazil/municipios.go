package brazil

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// municipiosTSV is IBGE's list of the 5,570 municipalities (Divisão
// Territorial Brasileira), one per line as "code<TAB>UF<TAB>name", sorted
// by code. It is generated from a DTB listing by ./internal/genmunicipios:
//
//	IBGE_DTB=/path/to/listing.txt go generate ./internal/brazil/
//
//go:generate go run ./internal/genmunicipios -src $IBGE_DTB -out municipios.tsv
//go:embed municipios.tsv
var municipiosTSV string

// municipality is one row of the IBGE table; uf and name point into
// municipiosTSV.
type municipality struct {
	code     int32
	uf, name string
}

// municipalities parses municipiosTSV once, on first use.
var municipalities = sync.OnceValue(func() []municipality {
	out := make([]municipality, 0, 5570)
	for line := range strings.Lines(municipiosTSV) {
		code, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		uf, name, _ := strings.Cut(rest, "\t")
		n, err := strconv.ParseInt(code, 10, 32)
		if err != nil || name == "" {
			continue // the tests hold the table to 5,570 well-formed rows
		}
		out = append(out, municipality{int32(n), uf, name})
	}
	return out
})

// Municipality returns the name ("São Paulo") and UF ("SP") of the
// municipality with the given 7-digit IBGE code ("3550308"), as IBGE spells
// them. Spaces around the code are ignored; anything other than 7 digits,
// or a code absent from IBGE's table, gives ok false.
//
// The 7th digit is IBGE's check digit (weights 1,2,1,2,1,2 over the first
// six, mod 10), but nine codes of the table do not follow it (Bom Princípio
// do Piauí 2201919, for one), so the table alone decides whether a code
// exists.
func Municipality(code string) (name, uf string, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 7 {
		return "", "", false
	}
	n := int32(0)
	for i := range len(code) {
		c := code[i]
		if c < '0' || c > '9' {
			return "", "", false
		}
		n = n*10 + int32(c-'0')
	}
	table := municipalities()
	i, found := slices.BinarySearchFunc(table, n, func(m municipality, n int32) int { return int(m.code - n) })
	if !found {
		return "", "", false
	}
	return table[i].name, table[i].uf, true
}
