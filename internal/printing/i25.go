package printing

import (
	"fmt"
)

// Interleaved 2 of 5 as printed on a boleto (FEBRABAN): 44 digits, a narrow
// element of 0.254 mm (1/100 in) and wide elements three times as wide, so
// that the 138 narrow and 89 wide elements of the symbol add up to about
// 103 mm; the bars are 13 mm tall.
const (
	i25Narrow = 0.254                      // mm
	i25Wide   = 3 * i25Narrow              // mm
	i25Height = 13.0                       // mm
	i25Quiet  = 5.0                        // mm, the minimum clear space on each side
	i25Digits = 44                         // a boleto barcode always has 44 digits
	i25Width  = 138*i25Narrow + 89*i25Wide // 102.87 mm for 44 digits
)

// i25Patterns holds the five elements of each digit, 1 meaning wide.
var i25Patterns = [10][5]byte{
	{0, 0, 1, 1, 0}, // 0
	{1, 0, 0, 0, 1}, // 1
	{0, 1, 0, 0, 1}, // 2
	{1, 1, 0, 0, 0}, // 3
	{0, 0, 1, 0, 1}, // 4
	{1, 0, 1, 0, 0}, // 5
	{0, 1, 1, 0, 0}, // 6
	{0, 0, 0, 1, 1}, // 7
	{1, 0, 0, 1, 0}, // 8
	{0, 1, 0, 1, 0}, // 9
}

// i25Elements encodes digits (an even number of them) as the widths of the
// symbol's elements, in narrow units (1 or 3), alternating bar and space and
// starting with a bar: the start pattern (narrow bar, narrow space, narrow
// bar, narrow space), then each pair of digits with the first one on the bars
// and the second on the spaces, then the stop pattern (wide bar, narrow
// space, narrow bar).
func i25Elements(digits string) ([]int, error) {
	if digits == "" || len(digits)%2 != 0 {
		return nil, fmt.Errorf("o código de barras intercalado 2 de 5 precisa de um número par de dígitos; foram informados %d", len(digits))
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, fmt.Errorf("o código de barras só pode ter números; a posição %d tem %q", i+1, digits[i])
		}
	}
	width := func(wide byte) int { return 1 + 2*int(wide) }
	els := make([]int, 0, 4+5*len(digits)+3)
	els = append(els, 1, 1, 1, 1)
	for i := 0; i < len(digits); i += 2 {
		bars, spaces := i25Patterns[digits[i]-'0'], i25Patterns[digits[i+1]-'0']
		for k := range 5 {
			els = append(els, width(bars[k]), width(spaces[k]))
		}
	}
	return append(els, 3, 1, 1), nil
}

// rect is an axis-aligned rectangle on the page, in millimetres, measured
// from the top-left corner of the page.
type rect struct {
	X, Y, W, H float64
}

func (r rect) right() float64  { return r.X + r.W }
func (r rect) bottom() float64 { return r.Y + r.H }

// barcodeBars returns the filled rectangles that draw the 44-digit barcode
// with its first bar at x = left and its bars spanning top..top+13 mm.
func barcodeBars(digits string, left, top float64) ([]rect, error) {
	if len(digits) != i25Digits {
		return nil, fmt.Errorf("o código de barras deve ter %d dígitos; foram informados %d", i25Digits, len(digits))
	}
	els, err := i25Elements(digits)
	if err != nil {
		return nil, err
	}
	bars := make([]rect, 0, len(els)/2+1)
	x := left
	for i, n := range els {
		w := float64(n) * i25Narrow
		if i%2 == 0 {
			bars = append(bars, rect{X: x, Y: top, W: w, H: i25Height})
		}
		x += w
	}
	return bars, nil
}
