package printing

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestI25Patterns(t *testing.T) {
	seen := map[[5]byte]int{}
	for d, p := range i25Patterns {
		wide := 0
		for _, e := range p {
			wide += int(e)
		}
		if wide != 2 {
			t.Errorf("digit %d: %d wide elements, want 2", d, wide)
		}
		if other, dup := seen[p]; dup {
			t.Errorf("digits %d and %d share a pattern", other, d)
		}
		seen[p] = d
	}
}

func TestI25Elements(t *testing.T) {
	tests := []struct {
		digits string
		want   []int
	}{
		// 1 = 10001 on the bars, 2 = 01001 on the spaces.
		{"12", []int{1, 1, 1, 1, 3, 1, 1, 3, 1, 1, 1, 1, 3, 3, 3, 1, 1}},
		// 0 = 00110, 9 = 01010.
		{"09", []int{1, 1, 1, 1, 1, 1, 1, 3, 3, 1, 3, 3, 1, 1, 3, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.digits, func(t *testing.T) {
			got, err := i25Elements(tt.digits)
			if err != nil {
				t.Fatal(err)
			}
			if !equalInts(got, tt.want) {
				t.Errorf("i25Elements(%q) = %v, want %v", tt.digits, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "1", "123", "12a4", "１２"} {
		if _, err := i25Elements(bad); err == nil {
			t.Errorf("i25Elements(%q) accepted", bad)
		}
	}
}

// decodeI25 reads digits back from element widths (the inverse of
// i25Elements), to check the encoder independently of the drawing.
func decodeI25(t *testing.T, els []int) string {
	t.Helper()
	if len(els) < 7 || !equalInts(els[:4], []int{1, 1, 1, 1}) || !equalInts(els[len(els)-3:], []int{3, 1, 1}) {
		t.Fatalf("start/stop patterns missing: %v", els)
	}
	body := els[4 : len(els)-3]
	if len(body)%10 != 0 {
		t.Fatalf("body of %d elements", len(body))
	}
	digit := func(p [5]byte) byte {
		for d, q := range i25Patterns {
			if q == p {
				return byte('0' + d)
			}
		}
		t.Fatalf("unknown pattern %v", p)
		return 0
	}
	var b strings.Builder
	for i := 0; i < len(body); i += 10 {
		var bars, spaces [5]byte
		for k := range 5 {
			bars[k] = byte(body[i+2*k] / 3)
			spaces[k] = byte(body[i+2*k+1] / 3)
		}
		b.WriteByte(digit(bars))
		b.WriteByte(digit(spaces))
	}
	return b.String()
}

func TestI25RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 44))
	codes := []string{interBarcode, strings.Repeat("0", 44), strings.Repeat("9", 44), "99991101200000350007772130530150081897500000"}
	for range 200 {
		var b strings.Builder
		for range 44 {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		codes = append(codes, b.String())
	}
	for _, code := range codes {
		els, err := i25Elements(code)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeI25(t, els); got != code {
			t.Fatalf("round trip of %s gave %s", code, got)
		}
		// 44 digits: 138 narrow and 89 wide elements (domain.md §2.3).
		narrow, wide := 0, 0
		for _, e := range els {
			if e == 1 {
				narrow++
			} else {
				wide++
			}
		}
		if narrow != 138 || wide != 89 {
			t.Fatalf("%s: %d narrow and %d wide elements, want 138 and 89", code, narrow, wide)
		}
	}
}

// TestBarcodeGeometry checks the bars computed for the barcode: 103 mm ×
// 13 mm, narrow 0.254 mm, wide three times that.
func TestBarcodeGeometry(t *testing.T) {
	bars, err := barcodeBars(interBarcode, 16, 278.5)
	if err != nil {
		t.Fatal(err)
	}
	checkBars(t, bars)
	if _, err := barcodeBars(interBarcode[:43], 0, 0); err == nil {
		t.Error("43 digits accepted")
	}
	if _, err := barcodeBars(interBarcode+"00", 0, 0); err == nil {
		t.Error("46 digits accepted")
	}
}

// checkBars asserts the geometry of a drawn barcode (from the layout or read
// back from the PDF).
func checkBars(t *testing.T, bars []rect) {
	t.Helper()
	const tol = 0.004 // mm; the PDF keeps 0.01 pt
	// start (2 bars) + 22 pairs × 5 bars + stop (2 bars)
	if len(bars) != 114 {
		t.Fatalf("%d bars, want 114", len(bars))
	}
	total := bars[len(bars)-1].right() - bars[0].X
	if math.Abs(total-103) > 1 {
		t.Errorf("barcode is %.3f mm long, want 103 ± 1", total)
	}
	minW, maxW := math.Inf(1), 0.0
	for i, b := range bars {
		if math.Abs(b.H-13) > tol {
			t.Errorf("bar %d is %.3f mm tall, want 13", i, b.H)
		}
		if math.Abs(b.Y-bars[0].Y) > tol {
			t.Errorf("bar %d starts at y=%.3f, the first at %.3f", i, b.Y, bars[0].Y)
		}
		minW, maxW = math.Min(minW, b.W), math.Max(maxW, b.W)
		if math.Abs(b.W-0.254) > tol && math.Abs(b.W-0.762) > tol {
			t.Errorf("bar %d is %.4f mm wide: neither narrow (0.254) nor wide (0.762)", i, b.W)
		}
		if i > 0 {
			gap := b.X - bars[i-1].right()
			if math.Abs(gap-0.254) > tol && math.Abs(gap-0.762) > tol {
				t.Errorf("space before bar %d is %.4f mm: neither narrow nor wide", i, gap)
			}
		}
	}
	if math.Abs(minW-0.254) > tol {
		t.Errorf("narrow bar %.4f mm, want 0.254", minW)
	}
	if r := maxW / minW; math.Abs(r-3) > 0.05 {
		t.Errorf("wide/narrow ratio %.3f, want 3", r)
	}
}

// TestFichaPlacement checks where each layout puts the ficha and its
// barcode: quiet zones, centre 12 mm above the bottom edge, nothing of the
// grid in the barcode's band, and the ficha's size on the full page.
func TestFichaPlacement(t *testing.T) {
	layouts := map[string]fichaLayout{"page": pageFicha, "carne-1": carneFicha(0), "carne-2": carneFicha(1), "carne-3": carneFicha(2)}
	for name, l := range layouts {
		t.Run(name, func(t *testing.T) {
			left, right := l.barcodeLeft(), l.barcodeLeft()+i25Width
			if q := left - l.edgeL; q < 5 {
				t.Errorf("left quiet zone from the ficha's edge %.2f mm, want ≥ 5", q)
			}
			if q := left - l.gridL; q < 5 {
				t.Errorf("left quiet zone from the grid %.2f mm, want ≥ 5", q)
			}
			if q := math.Min(l.gridR, l.edgeR) - right; q < 5 {
				t.Errorf("right quiet zone %.2f mm, want ≥ 5", q)
			}
			if c := l.edgeB - l.barcodeCentreY(); math.Abs(c-12) > 1e-9 {
				t.Errorf("barcode centre %.2f mm above the bottom edge, want 12", c)
			}
			if gap := l.barcodeTop() - l.gridBottom(); gap < 3 {
				t.Errorf("only %.2f mm between the grid and the barcode", gap)
			}
			if l.edgeB > pageH+1e-9 || l.edgeT < 0 {
				t.Errorf("ficha %v..%v outside the page", l.edgeT, l.edgeB)
			}
		})
	}
	if h := pageFicha.edgeB - pageFicha.edgeT; h < 95 || h > 108 {
		t.Errorf("ficha %.1f mm tall, want 95–108", h)
	}
	if w := pageFicha.edgeR - pageFicha.edgeL; w < 170 || w > 216 {
		t.Errorf("ficha %.1f mm wide, want 170–216", w)
	}
	// Printers leave the paper's last 5–6 mm unprinted: the ficha's bottom
	// edge, 12 mm under the barcode's centre, stays 12 mm above the paper's.
	if gap := pageH - pageFicha.edgeB; gap < 12 {
		t.Errorf("ficha ends %.1f mm above the bottom of the A4 page, want ≥ 12", gap)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
