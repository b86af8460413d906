package printing

import (
	"flag"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var pngOut = flag.String("png-out", "", "folder where boleto.png and carne.png (first page, 100 dpi) are kept for people to look at; a temporary folder when empty")

// screenshotDPI is the resolution of the kept pictures: enough to read
// them, too low to scan the barcode (see TOOLCHAIN.md), which the other
// tests do at 200 dpi.
const screenshotDPI = 100

// TestScreenshots rasterises the first page of Inter's real boleto (with
// Pix) and of a carnê at 100 dpi into -png-out (make test keeps them in
// build/out/print/), and checks that each is a whole A4 page with print on
// both halves.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	dir := *pngOut
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bo, carne := realInter(), carne7(t)
	tests := []struct {
		file string
		pdf  func(io.Writer) error
	}{
		{"boleto.png", func(w io.Writer) error { return RenderBoleto(w, bo, testOpts) }},
		{"carne.png", func(w io.Writer) error { return RenderCarne(w, carne, testOpts) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, tt.file)
			rasteriseFirstPage(t, render(t, tt.pdf), path, screenshotDPI)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			wantW, wantH := pageW/25.4*screenshotDPI, pageH/25.4*screenshotDPI
			got := img.Bounds()
			if math.Abs(float64(got.Dx())-wantW) > 1 || math.Abs(float64(got.Dy())-wantH) > 1 {
				t.Errorf("%s is %d×%d px, want an A4 page at %d dpi (%.0f×%.0f)", tt.file, got.Dx(), got.Dy(), screenshotDPI, wantW, wantH)
			}
			half := got.Dy() / 2
			for _, part := range []image.Rectangle{
				image.Rect(got.Min.X, got.Min.Y, got.Max.X, got.Min.Y+half),
				image.Rect(got.Min.X, got.Min.Y+half, got.Max.X, got.Max.Y),
			} {
				if ink := inkShare(img, part); ink < 0.01 {
					t.Errorf("%s: only %.2f%% of %v is printed", tt.file, 100*ink, part)
				}
			}
		})
	}
}

// rasteriseFirstPage writes the first page of pdf to dst (a .png path) at
// dpi.
func rasteriseFirstPage(t *testing.T, pdf []byte, dst string, dpi int) {
	t.Helper()
	pdftoppm := requireTool(t, "pdftoppm", "poppler-utils")
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	root := strings.TrimSuffix(dst, ".png")
	out, err := exec.Command(pdftoppm, "-r", strconv.Itoa(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", in, root).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

// inkShare is the share of the pixels of r that are darker than light grey.
func inkShare(img image.Image, r image.Rectangle) float64 {
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0xc000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(r.Dx()*r.Dy())
}
