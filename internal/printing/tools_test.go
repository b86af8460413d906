package printing

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The tests check the PDFs with real tools: poppler-utils (pdftoppm,
// pdftotext) and zbar-tools (zbarimg). They are never skipped.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s não foi encontrado (pacote Debian %s). `make test` instala as dependências; ou rode: sudo apt-get install -y %s", name, pkg, pkg)
	}
	return path
}

// render runs fn into a buffer and fails the test on error.
func render(t testing.TB, fn func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.Bytes()
}

// rasterise turns every page of pdf into a PNG at 200 dpi and returns the
// files, in page order.
func rasterise(t *testing.T, pdf []byte) []string {
	t.Helper()
	pdftoppm := requireTool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftoppm, "-r", "200", "-png", in, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Slice(pages, func(i, j int) bool { return pageNumber(pages[i]) < pageNumber(pages[j]) })
	if len(pages) == 0 {
		t.Fatal("pdftoppm não gerou nenhuma página")
	}
	return pages
}

func pageNumber(path string) int {
	base := strings.TrimSuffix(filepath.Base(path), ".png")
	n, _ := strconv.Atoi(base[strings.LastIndexByte(base, '-')+1:])
	return n
}

// scanned is what zbarimg found on one page.
type scanned struct {
	barcodes []string // I25, 44 digits
	qrs      []string
}

// scan decodes the barcodes and QR codes of one page image with the flags
// of TOOLCHAIN.md. Exit code 4 means nothing was found.
func scan(t *testing.T, png string) scanned {
	t.Helper()
	zbarimg := requireTool(t, "zbarimg", "zbar-tools")
	cmd := exec.Command(zbarimg, "--quiet", "--raw", "--nodbus", "-Sdisable", "-Si25.enable", "-Sqrcode.enable",
		"-Si25.min=44", "-Si25.max=44", png)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 4:
		return scanned{}
	case err != nil:
		t.Fatalf("zbarimg %s: %v\n%s", png, err, stderr.String())
	}
	var s scanned
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if len(line) == 44 && strings.Trim(line, "0123456789") == "" {
			s.barcodes = append(s.barcodes, line)
		} else if line != "" {
			s.qrs = append(s.qrs, line)
		}
	}
	return s
}

// pdfText extracts the text layer with pdftotext -layout.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return pdftotext(t, pdf, "-layout")
}

// pdfWords extracts the text in content-stream order (pdftotext -raw) with
// every run of white space turned into one space: rotated text, which
// -layout scatters letter by letter, reads as it was written.
func pdfWords(t *testing.T, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftotext(t, pdf, "-raw")), " ")
}

func pdftotext(t *testing.T, pdf []byte, mode string) string {
	t.Helper()
	tool := requireTool(t, "pdftotext", "poppler-utils")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, mode, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// keepPNG copies a rendered page to build/out/printing/ at the repository
// root, so that people can look at it.
func keepPNG(t *testing.T, src, name string) {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "build", "out", "printing")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod não encontrado")
		}
		dir = parent
	}
}

// pdfOps are the drawing operations read back from a PDF's content streams,
// converted to millimetres from the top-left corner of the page.
type pdfOps struct {
	fills []rect       // "re f"
	lines [][4]float64 // "m … l S": x1, y1, x2, y2
	dash  [][]float64  // per line, the dash array it was stroked with ("d"); nil when solid
}

var (
	streamRe = regexp.MustCompile(`/Length (\d+)[^>]*>>\s*stream\r?\n`)
	fillRe   = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f\n`)
	// A line, or a change of the dash pattern (the later lines use it).
	lineRe = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S\n|\[([\d. ]*)\] -?[\d.]+ d\n`)
)

// contentOps decompresses every stream of pdf and collects, per content
// stream (one per page, in page order), its filled rectangles and lines.
func contentOps(t *testing.T, pdf []byte) []pdfOps {
	t.Helper()
	const k = 72 / 25.4 // points per millimetre
	pageHpt := pageH * k
	var pages []pdfOps
	for _, m := range streamRe.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		start := m[1]
		if start+n > len(pdf) {
			t.Fatal("stream além do fim do PDF")
		}
		r, err := zlib.NewReader(bytes.NewReader(pdf[start : start+n]))
		if err != nil {
			continue // not a Flate stream
		}
		data, err := io.ReadAll(r)
		if err != nil || !bytes.Contains(data, []byte(" TD\n")) && !bytes.Contains(data, []byte(" re f\n")) {
			continue // a font or image, not a page's content
		}
		var ops pdfOps
		f := func(b []byte) float64 { v, _ := strconv.ParseFloat(string(b), 64); return v }
		for _, g := range fillRe.FindAllSubmatch(data, -1) {
			x, y, w, h := f(g[1]), f(g[2]), f(g[3]), f(g[4])
			ops.fills = append(ops.fills, rect{X: x / k, Y: (pageHpt - y - h) / k, W: w / k, H: h / k})
		}
		var dash []float64
		for _, g := range lineRe.FindAllSubmatch(data, -1) {
			if g[1] == nil {
				dash = nil
				for _, v := range strings.Fields(string(g[5])) {
					dash = append(dash, f([]byte(v))/k)
				}
				continue
			}
			ops.lines = append(ops.lines, [4]float64{f(g[1]) / k, (pageHpt - f(g[2])) / k, f(g[3]) / k, (pageHpt - f(g[4])) / k})
			ops.dash = append(ops.dash, dash)
		}
		pages = append(pages, ops)
	}
	return pages
}
