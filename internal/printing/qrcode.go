package printing

import (
	"fmt"

	"github.com/boombuler/barcode/qr"
)

// qrQuietModules is the clear margin a QR code needs around it, in modules.
const qrQuietModules = 4

// qrMatrix is the module matrix of a QR code: dark[y][x].
type qrMatrix struct {
	n    int
	dark [][]bool
}

// encodeQR encodes a Pix copia-e-cola as a QR code with error correction
// level M, in byte mode (the text is ASCII).
func encodeQR(content string) (qrMatrix, error) {
	code, err := qr.Encode(content, qr.M, qr.Unicode)
	if err != nil {
		return qrMatrix{}, fmt.Errorf("O QR code do Pix não pôde ser gerado: %v", err)
	}
	b := code.Bounds()
	m := qrMatrix{n: b.Dx(), dark: make([][]bool, b.Dy())}
	for y := range b.Dy() {
		m.dark[y] = make([]bool, b.Dx())
		for x := range b.Dx() {
			r, g, bl, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA()
			m.dark[y][x] = r+g+bl < 3*0x8000
		}
	}
	return m, nil
}

// qrPlacement is where a QR code goes: the symbol's top-left corner and
// its side (the modules only; the quiet zone is around it).
type qrPlacement struct {
	x, y, size float64
	n          int
}

func (q qrPlacement) module() float64 { return q.size / float64(q.n) }
func (q qrPlacement) quiet() float64  { return qrQuietModules * q.module() }

// rects returns the filled rectangles that draw the matrix at q: each run
// of dark modules in a row is one rectangle.
func (m qrMatrix) rects(q qrPlacement) []rect {
	mod := q.module()
	var out []rect
	for y, row := range m.dark {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			out = append(out, rect{X: q.x + float64(start)*mod, Y: q.y + float64(y)*mod, W: float64(x-start) * mod, H: mod})
		}
	}
	return out
}
