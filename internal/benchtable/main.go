// Command benchtable reads `go test -bench` output on stdin and prints one
// table of figures — name, value, unit, target — for `make bench`. Each
// benchmark's own metrics (b.ReportMetric) become rows too.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
)

// targets gives the goal of a figure, by benchmark name and unit. Each issue
// that adds a benchmark with a target adds its row here.
var targets = map[string]string{
	"boleto.Decode ns/op":                               "< 5000",
	"boleto.AmountDue ns/op":                            "< 5000",
	"pix.Parse ns/op":                                   "< 20000",
	"inter.Emit tokens/1000req":                         "≤ 1",
	"inter.Get tokens/1000req":                          "≤ 1",
	"inter.Get overhead-p50-ms":                         "< 2",
	"inter.Get overhead-p99-ms":                         "< 2",
	"store.ListBoletos/first-page first-page-ms":        "< 50",
	"store.ListBoletos/first-page-states first-page-ms": "< 50",
	"store.ListBoletos/first-page-due first-page-ms":    "< 50",
	"store.ListBoletos/search search-ms":                "< 150",
	"store.ListBoletos/search-document search-ms":       "< 150",
	"issuing.Issue1000 boletos/s":                       "≥ 40",
	"retorno.RetornoCycle calls/cycle":                  "≤ 5",
	"store.Reports/dashboard-month dashboard-ms":        "< 100",
	"store.Reports/dashboard-year-weekly dashboard-ms":  "< 100",
	"store.Reports/aging aging-ms":                      "< 100",
	// Ours beside the npm package gerar-boletos 1.4.5 (PDFKit), same boleto.
	"printing.CompareGerarBoletos speedup-x":           "≥ 5",
	"printing.CompareGerarBoletos ours-bytes":          "< theirs-bytes",
	"printing.CompareGerarBoletos ours-pix-bytes":      "< theirs-bytes",
	"printing.CompareGerarBoletos our-barcode-scans":   "1",
	"printing.CompareGerarBoletos their-barcode-scans": "info: 1 = it scans",
	"printing.CompareGerarBoletos batch-speedup-x":     "info: 100 per PDF",
	"printing.CompareGerarBoletos ours-batch-bytes":    "< theirs-batch-bytes",
}

var (
	pkgLine   = regexp.MustCompile(`^pkg: (\S+)`)
	benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)
)

func main() {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tVALUE\tUNIT\tTARGET")
	pkg, rows := "", 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		line := sc.Text()
		if m := pkgLine.FindStringSubmatch(line); m != nil {
			pkg = m[1][strings.LastIndex(m[1], "/")+1:]
			continue
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := pkg + "." + m[1]
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			value, unit := fields[i], fields[i+1]
			target := targets[name+" "+unit]
			if target == "" {
				target = "-"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", name, value, unit, target)
			rows++
		}
	}
	w.Flush()
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if rows == 0 {
		fmt.Println("(nenhum benchmark ainda)")
	}
}
