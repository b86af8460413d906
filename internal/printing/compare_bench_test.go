package printing

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// The peer of BenchmarkCompareGerarBoletos: the npm package gerar-boletos,
// installed in compare/node_modules by `make bench` and driven by
// compare/render.mjs (see its header for the bank and due date it can use).
const (
	gerarBoletosVersion = "1.4.5"
	compareScript       = "compare/render.mjs"
	compareRuns         = 30  // timed single-boleto renders on the Node side
	compareBatch        = 100 // boletos in one PDF for the batch figures
	compareBatchRuns    = 5   // timed batch renders on each side
)

// compareInstructions are printed by both sides; the package takes at most
// five.
var compareInstructions = []string{
	"Após o vencimento, cobrar multa de 2,00%.",
	"Juros de 1,00% ao mês (R$ 0,05 por dia de atraso).",
	"Até 10/12/2023, conceder desconto de R$ 5,00.",
	"Não receber após 14/01/2024.",
	"Referente à NF-e 1234, série 1.",
}

// comparableBoleto is the boleto render.mjs prints, as ours: the same
// beneficiary, payer, amount, dates, document number and instructions, on
// Inter instead of Bradesco. withPix adds the Pix QR code, which the package
// cannot print.
func comparableBoleto(tb testing.TB, withPix bool) Boleto {
	tb.Helper()
	b := generated(tb, "0081593655", date(2023, time.December, 15), 15130, withPix)
	b.DocumentDate, b.ProcessingDate = date(2023, time.December, 5), date(2023, time.December, 5)
	b.SeuNumero = "NF1234-1"
	b.Instructions = slices.Clone(compareInstructions)
	return b
}

// theirBarcode is the barcode the package must print for render.mjs's
// Bradesco boleto, computed here from the rules: campo livre = agency (4),
// carteira (2), nosso número (11), account (7), "0".
func theirBarcode(tb testing.TB) string {
	tb.Helper()
	bc, err := boleto.Barcode{
		Bank: "237", Currency: '9', DueDate: date(2023, time.December, 15), Amount: 15130,
		FreeField: "0001" + "09" + "00081593655" + "1234567" + "0",
	}.Digits()
	if err != nil {
		tb.Fatal(err)
	}
	return bc
}

// theirResult is what render.mjs prints.
type theirResult struct {
	PerBoletoMs  float64  `json:"perBoletoMs"`
	Runs         int      `json:"runs"`
	Bytes        int      `json:"bytes"`
	PDF          string   `json:"pdf"`
	Batch        int      `json:"batch"`
	BatchMs      float64  `json:"batchPerBoletoMs"`
	BatchBytes   int      `json:"batchBytes"`
	Bank         string   `json:"bank"`
	Barcode      string   `json:"barcode"`
	AmountCents  int64    `json:"amountCents"`
	DueDate      string   `json:"dueDate"`
	Instructions []string `json:"instructions"`
}

// BenchmarkCompareGerarBoletos renders the same boleto with ours and with
// gerar-boletos 1.4.5 (Node, PDFKit) and reports, per boleto, the median
// time of each, the speed-up, the size of each single-boleto PDF, and
// whether each PDF's barcode scans (pdftoppm -r 200 + zbarimg, I25) as the
// 44 digits it must be. The batch-* figures are the same for one PDF of
// compareBatch boletos (RenderBoletos; the package's generator with a
// list), per boleto: the package loads and embeds its fonts once per PDF,
// which dominates its single-boleto time. ours-pix-* are ours with the Pix
// QR code, which the package cannot print. It needs node and
// compare/node_modules, which `make bench` installs; `go test` without
// -bench never runs it.
func BenchmarkCompareGerarBoletos(b *testing.B) {
	theirs := runGerarBoletos(b)
	ours := comparableBoleto(b, false)
	if theirs.AmountCents != int64(ours.Amount) || theirs.DueDate != ours.DueDate.String() ||
		!slices.Equal(theirs.Instructions, ours.Instructions) {
		b.Fatalf("render.mjs prints another boleto than comparableBoleto: amount %d, due %s, instructions %q",
			theirs.AmountCents, theirs.DueDate, theirs.Instructions)
	}
	wantTheirs := theirBarcode(b)
	if theirs.Barcode != wantTheirs {
		b.Fatalf("gerar-boletos computed the barcode %s, the rules give %s", theirs.Barcode, wantTheirs)
	}

	var pdf bytes.Buffer
	if err := RenderBoleto(&pdf, ours, testOpts); err != nil {
		b.Fatal(err)
	}
	// The same boleto with its Pix QR code, as Inter's are (informative:
	// the package cannot print one).
	oursPix := comparableBoleto(b, true)
	var withPix bytes.Buffer
	if err := RenderBoleto(&withPix, oursPix, testOpts); err != nil {
		b.Fatal(err)
	}
	var pixTimes []time.Duration
	for range compareRuns {
		start := time.Now()
		if err := RenderBoleto(io.Discard, oursPix, testOpts); err != nil {
			b.Fatal(err)
		}
		pixTimes = append(pixTimes, time.Since(start))
	}
	batch := make([]Boleto, compareBatch)
	for i := range batch {
		batch[i] = ours
	}
	var batchPDF bytes.Buffer
	if err := RenderBoletos(&batchPDF, batch, testOpts); err != nil { // warm-up, and the size
		b.Fatal(err)
	}
	var batchTimes []time.Duration
	for range compareBatchRuns {
		start := time.Now()
		if err := RenderBoletos(io.Discard, batch, testOpts); err != nil {
			b.Fatal(err)
		}
		batchTimes = append(batchTimes, time.Since(start))
	}
	oursBatchMs := float64(median(batchTimes)) / float64(time.Millisecond) / compareBatch
	ourScans := scanCount(b, pdf.Bytes(), ours.Barcode)
	theirPDF, err := os.ReadFile(theirs.PDF)
	if err != nil {
		b.Fatal(err)
	}
	theirScans := scanCount(b, theirPDF, wantTheirs)

	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := RenderBoleto(io.Discard, ours, testOpts); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	oursMs := float64(median(times)) / float64(time.Millisecond)

	b.ReportMetric(oursMs, "ours-ms")
	b.ReportMetric(theirs.PerBoletoMs, "theirs-ms")
	b.ReportMetric(theirs.PerBoletoMs/oursMs, "speedup-x")
	b.ReportMetric(float64(pdf.Len()), "ours-bytes")
	b.ReportMetric(float64(median(pixTimes))/float64(time.Millisecond), "ours-pix-ms")
	b.ReportMetric(float64(withPix.Len()), "ours-pix-bytes")
	b.ReportMetric(float64(theirs.Bytes), "theirs-bytes")
	b.ReportMetric(float64(ourScans), "our-barcode-scans")
	b.ReportMetric(float64(theirScans), "their-barcode-scans")
	b.ReportMetric(oursBatchMs, "ours-batch-ms")
	b.ReportMetric(theirs.BatchMs, "theirs-batch-ms")
	b.ReportMetric(theirs.BatchMs/oursBatchMs, "batch-speedup-x")
	b.ReportMetric(float64(batchPDF.Len()), "ours-batch-bytes")
	b.ReportMetric(float64(theirs.BatchBytes), "theirs-batch-bytes")
}

// runGerarBoletos runs render.mjs once and decodes what it prints.
func runGerarBoletos(b *testing.B) theirResult {
	b.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		b.Fatal("node was not found: BenchmarkCompareGerarBoletos needs Node.js 20; run make bench")
	}
	manifest, err := os.ReadFile(filepath.Join("compare", "node_modules", "gerar-boletos", "package.json"))
	if err != nil {
		b.Fatal("internal/printing/compare/node_modules is missing (gerar-boletos is not installed): run make bench")
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(manifest, &pkg); err != nil || pkg.Version != gerarBoletosVersion {
		b.Fatalf("compare/node_modules holds gerar-boletos %q, want %s: run make bench", pkg.Version, gerarBoletosVersion)
	}
	cmd := exec.Command(node, compareScript, "--runs", strconv.Itoa(compareRuns), "--batch", strconv.Itoa(compareBatch),
		"--out", filepath.Join(b.TempDir(), "theirs.pdf"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("node %s: %v\n%s", compareScript, err, stderr.String())
	}
	var r theirResult
	if err := json.Unmarshal(out, &r); err != nil {
		b.Fatalf("node %s printed %q: %v", compareScript, out, err)
	}
	if r.PerBoletoMs <= 0 || r.Bytes <= 0 || r.Runs != compareRuns || r.BatchMs <= 0 || r.BatchBytes <= 0 || r.Batch != compareBatch {
		b.Fatalf("node %s printed implausible figures: %+v", compareScript, r)
	}
	return r
}

// scanCount rasterises the first page of pdf at 200 dpi and decodes it
// with zbarimg (I25, 44 digits): 1 if exactly the barcode want is found,
// else 0, with what was found in the log. poppler's complaints about the
// PDF are logged too.
func scanCount(b *testing.B, pdf []byte, want string) int {
	b.Helper()
	dir := b.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		b.Fatal(err)
	}
	var stderr bytes.Buffer
	ppm := exec.Command("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page"))
	ppm.Stderr = &stderr
	if err := ppm.Run(); err != nil {
		b.Fatalf("pdftoppm (poppler-utils; make bench installs it): %v\n%s", err, stderr.String())
	}
	if n := strings.Count(stderr.String(), "Error"); n > 0 {
		b.Logf("pdftoppm reported %d errors in the PDF whose barcode should be %s; the first: %s",
			n, want, strings.SplitN(stderr.String(), "\n", 2)[0])
	}
	zbar := exec.Command("zbarimg", "--quiet", "--raw", "--nodbus", "-Sdisable", "-Si25.enable",
		"-Si25.min=44", "-Si25.max=44", filepath.Join(dir, "page.png"))
	out, err := zbar.Output()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 4: // nothing found
	case err != nil:
		b.Fatalf("zbarimg (zbar-tools; make bench installs it): %v", err)
	}
	found := strings.Fields(string(out))
	if !slices.Equal(found, []string{want}) {
		b.Logf("the barcode %s did not scan: zbarimg found %q", want, found)
		return 0
	}
	return 1
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
