// Command genmunicipios writes internal/brazil/municipios.tsv, the IBGE
// municipality table embedded by package brazil, from a tab-separated
// listing of IBGE's Divisão Territorial Brasileira (DTB): the 5,570
// municipalities, one per line as
//
//	UF code (2 digits) <TAB> state name <TAB> municipality code (5 digits, check digit included) <TAB> name
//
// Lines may repeat; the output has one line per municipality,
//
//	7-digit code <TAB> UF abbreviation <TAB> name
//
// sorted by code, in UTF-8. It refuses a listing with an unknown UF code, a
// malformed code, an empty name or two names for one code. Run it through
// go generate in internal/brazil with IBGE_DTB set to the listing's path.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

// ufByCode maps IBGE's two-digit UF codes to the UF abbreviations.
var ufByCode = map[string]string{
	"11": "RO", "12": "AC", "13": "AM", "14": "RR", "15": "PA", "16": "AP", "17": "TO",
	"21": "MA", "22": "PI", "23": "CE", "24": "RN", "25": "PB", "26": "PE", "27": "AL", "28": "SE", "29": "BA",
	"31": "MG", "32": "ES", "33": "RJ", "35": "SP",
	"41": "PR", "42": "SC", "43": "RS",
	"50": "MS", "51": "MT", "52": "GO", "53": "DF",
}

func main() {
	src := flag.String("src", "", "tab-separated IBGE DTB municipality listing to read")
	out := flag.String("out", "municipios.tsv", "table to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genmunicipios:", err)
		os.Exit(1)
	}
}

type municipality struct{ code, uf, name string }

func run(src, out string) error {
	if src == "" {
		return errors.New("-src is required (the IBGE DTB listing)")
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	byCode := map[string]municipality{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			return fmt.Errorf("%s:%d: %d columns, want 4", src, n, len(cols))
		}
		ufCode, suffix, name := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[2]), strings.TrimSpace(cols[3])
		uf, ok := ufByCode[ufCode]
		if !ok {
			return fmt.Errorf("%s:%d: unknown UF code %q", src, n, ufCode)
		}
		if len(suffix) != 5 || strings.Trim(suffix, "0123456789") != "" {
			return fmt.Errorf("%s:%d: municipality code %q is not 5 digits", src, n, suffix)
		}
		if name == "" || strings.ContainsAny(name, "\t\n") {
			return fmt.Errorf("%s:%d: bad name %q", src, n, name)
		}
		m := municipality{ufCode + suffix, uf, name}
		if prev, ok := byCode[m.code]; ok && prev != m {
			return fmt.Errorf("%s:%d: code %s is both %q and %q", src, n, m.code, prev.name, m.name)
		}
		byCode[m.code] = m
	}
	if err := sc.Err(); err != nil {
		return err
	}
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var b strings.Builder
	for _, c := range codes {
		m := byCode[c]
		fmt.Fprintf(&b, "%s\t%s\t%s\n", m.code, m.uf, m.name)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Printf("genmunicipios: %d municipalities written to %s\n", len(codes), out)
	return nil
}
