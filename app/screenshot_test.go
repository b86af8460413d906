package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// blankReason says why a screenshot looks blank, or "" when it shows a page:
// a rendered shell has many colours (text anti-aliasing, accents) and a good
// share of pixels that differ from the dominant background.
func blankReason(pngData []byte) string {
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return "screenshot is not a PNG: " + err.Error()
	}
	b := img.Bounds()
	if b.Dx() < 400 || b.Dy() < 300 {
		return "window too small"
	}
	counts := map[uint32]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			counts[pixelKey(img, x, y)]++
		}
	}
	total, top := 0, 0
	for _, n := range counts {
		total += n
		top = max(top, n)
	}
	if len(counts) < 24 {
		return "too few colours"
	}
	if float64(total-top)/float64(total) < 0.02 {
		return "almost every pixel is the background colour"
	}
	return ""
}

func pixelKey(img image.Image, x, y int) uint32 {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r>>8)<<16 | (g>>8)<<8 | b>>8
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The smoke test is only as good as its blank detector: a window of one
// colour must be called blank, and a window with text and accents must not.
func TestBlankReason(t *testing.T) {
	t.Parallel()
	blank := image.NewRGBA(image.Rect(0, 0, 1280, 820))
	for i := range blank.Pix {
		blank.Pix[i] = 0xF8
	}
	if blankReason(encodePNG(t, blank)) == "" {
		t.Error("a one-colour window was not called blank")
	}
	page := image.NewRGBA(image.Rect(0, 0, 1280, 820))
	for y := 0; y < 820; y++ {
		for x := 0; x < 1280; x++ {
			c := color.RGBA{0xF8, 0xF9, 0xFA, 0xFF}
			if y%20 < 12 && x%200 < 150 { // lines of "text" in shades of grey and blue
				c = color.RGBA{uint8(x % 97), uint8(y % 89), uint8((x + y) % 255), 0xFF}
			}
			page.Set(x, y, c)
		}
	}
	if r := blankReason(encodePNG(t, page)); r != "" {
		t.Errorf("a busy window was called blank: %s", r)
	}
	if blankReason([]byte("not a png")) == "" {
		t.Error("garbage was accepted as a screenshot")
	}
}
