package printing

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"math"
	"strings"
	"time"

	"github.com/signintech/gopdf"
)

// Page size (A4) and unit conversions. Every length in this package is in
// millimetres, measured from the top-left corner of the page; font sizes are
// in points.
const (
	pageW    = 210.0
	pageH    = 297.0
	ptToMM   = 25.4 / 72
	ellipsis = "…"
)

// DejaVu Sans metrics, as fractions of the font size (em): ascender,
// descender and the height of capitals and digits.
const (
	emAscent  = 0.928
	emDescent = 0.236
	emCap     = 0.729
)

// font is a face and a size in points.
type font struct {
	bold bool
	size float64
}

func regular(size float64) font { return font{size: size} }
func bold(size float64) font    { return font{bold: true, size: size} }

func (f font) family() string {
	if f.bold {
		return familyBold
	}
	return familyRegular
}

// em is the font size in millimetres.
func (f font) em() float64 { return f.size * ptToMM }

// textRun records one piece of text drawn and the box it had to stay in;
// tests use it to prove that nothing spills out of its box.
type textRun struct {
	page     int
	text     string
	x, width float64
	baseline float64
	size     float64
	angle    float64 // degrees counter-clockwise about the run's centre (watermarks, stamps)
	box      rect
}

// canvas wraps a gopdf document with millimetre helpers and a sticky error,
// so that drawing code reads top to bottom and checks the error once.
type canvas struct {
	pdf   *gopdf.GoPdf
	err   error
	cur   font
	page  int
	angle float64    // the rotation in force, for the trace
	trace *[]textRun // nil except in tests
}

// newCanvas starts an A4 document dated now, with the fonts loaded.
func newCanvas(now time.Time, title string) (*canvas, error) {
	fc, err := loadFonts()
	if err != nil {
		return nil, err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitMM, PageSize: gopdf.Rect{W: pageW, H: pageH}})
	pdf.SetInfo(gopdf.PdfInfo{
		Title:        title,
		Creator:      "Boletos",
		Producer:     "Boletos",
		CreationDate: now,
	})
	for _, family := range []string{familyRegular, familyBold} {
		if err := pdf.AddTTFFontFromFontContainer(family, fc); err != nil {
			return nil, fmt.Errorf("embutir a fonte %s: %w", family, err)
		}
	}
	return &canvas{pdf: pdf}, nil
}

// addPage starts a new page and resets the drawing state.
func (c *canvas) addPage() {
	if c.err != nil {
		return
	}
	c.pdf.AddPage()
	c.page++
	c.cur = font{}
	c.pdf.SetTextColor(0, 0, 0)
	c.pdf.SetFillColor(0, 0, 0)
	c.pdf.SetStrokeColor(0, 0, 0)
	c.pdf.SetLineType("solid")
	c.pdf.SetLineWidth(0.2)
}

func (c *canvas) setFont(f font) {
	if c.err != nil || f == c.cur {
		return
	}
	if err := c.pdf.SetFont(f.family(), "", f.size); err != nil {
		c.err = fmt.Errorf("escolher a fonte: %w", err)
		return
	}
	c.cur = f
}

// width is the width of s in font f.
func (c *canvas) width(s string, f font) float64 {
	c.setFont(f)
	if c.err != nil || s == "" {
		return 0
	}
	w, err := c.pdf.MeasureTextWidth(s)
	if err != nil {
		c.err = fmt.Errorf("medir o texto: %w", err)
		return 0
	}
	return w
}

// text draws s with its baseline at y, starting at x. box is the area the
// text must stay in (recorded for the tests).
func (c *canvas) text(x, y float64, s string, f font, box rect) {
	if c.err != nil || s == "" {
		return
	}
	w := c.width(s, f)
	c.pdf.SetXY(x, y)
	if err := c.pdf.Text(s); err != nil {
		c.err = fmt.Errorf("escrever o texto: %w", err)
		return
	}
	if c.trace != nil {
		*c.trace = append(*c.trace, textRun{page: c.page, text: s, x: x, width: w, baseline: y, size: f.size, angle: c.angle, box: box})
	}
}

type align int

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// line draws s on one line inside box (baseline y), shrinking the font
// down to minSize and then shortening the text with "…" until it fits.
func (c *canvas) line(box rect, y float64, s string, f font, minSize float64, a align) {
	s, f = c.fit(s, f, box.W, minSize)
	if s == "" {
		return
	}
	x := box.X
	switch a {
	case alignRight:
		x = box.right() - c.width(s, f)
	case alignCenter:
		x = box.X + (box.W-c.width(s, f))/2
	}
	c.text(x, y, s, f, box)
}

// fit returns s and a font in which it fits maxW: the size goes down in
// quarter points to minSize, then s is shortened with "…".
func (c *canvas) fit(s string, f font, maxW, minSize float64) (string, font) {
	s = clean(s)
	if s == "" {
		return "", f
	}
	for c.width(s, f) > maxW && f.size-0.25 >= minSize-1e-9 {
		f.size -= 0.25
	}
	return c.shorten(s, f, maxW), f
}

// shorten cuts s at the end, adding "…", until it fits maxW in font f.
func (c *canvas) shorten(s string, f font, maxW float64) string {
	if c.width(s, f) <= maxW {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.width(strings.TrimRight(string(runes[:mid]), " ,;-—")+ellipsis, f) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(runes[:lo]), " ,;-—") + ellipsis
}

// wrap breaks s into lines no wider than maxW in font f, at spaces when it
// can and anywhere inside a word too long for a line. At most maxLines
// lines are returned (0: no limit); when text is left over, the last line
// ends with "…".
func (c *canvas) wrap(s string, f font, maxW float64, maxLines int) []string {
	words := strings.Fields(clean(s))
	var lines []string
	cur := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if c.width(try, f) <= maxW {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
			i-- // retry the word on a fresh line
			continue
		}
		// A single word wider than the line: break it.
		head, tail := c.split(w, f, maxW)
		lines = append(lines, head)
		if tail != "" {
			words[i] = tail
			i--
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if maxLines > 0 && len(lines) > maxLines {
		last := lines[maxLines-1] + " " + strings.Join(lines[maxLines:], " ")
		lines = append(lines[:maxLines-1], c.shorten(last, f, maxW))
	}
	return lines
}

// split cuts the longest prefix of w that fits maxW (at least one rune).
func (c *canvas) split(w string, f font, maxW float64) (head, tail string) {
	runes := []rune(w)
	n := 1
	for n < len(runes) && c.width(string(runes[:n+1]), f) <= maxW {
		n++
	}
	return string(runes[:n]), string(runes[n:])
}

// hline and vline draw solid rules of the given width.
func (c *canvas) hline(x1, x2, y, width float64) {
	if c.err != nil {
		return
	}
	c.pdf.SetLineWidth(width)
	c.pdf.Line(x1, y, x2, y)
}

func (c *canvas) vline(x, y1, y2, width float64) {
	if c.err != nil {
		return
	}
	c.pdf.SetLineWidth(width)
	c.pdf.Line(x, y1, x, y2)
}

// Dashes of the cut lines: cutDash long, about cutGap apart.
const (
	cutDash = 4.0
	cutGap  = 2.5
)

// dashed draws a dashed rule (a cut line) from (x1, y1) to (x2, y2). The
// gaps are stretched or squeezed a little so that the rule starts and ends
// with a whole dash, not a sliver of one.
func (c *canvas) dashed(x1, y1, x2, y2 float64) {
	if c.err != nil {
		return
	}
	c.pdf.SetLineWidth(0.25)
	if n, gap := dashes(math.Hypot(x2-x1, y2-y1)); n > 1 {
		c.pdf.SetCustomLineType([]float64{cutDash, gap}, 0)
	}
	c.pdf.Line(x1, y1, x2, y2)
	c.pdf.SetLineType("solid")
}

// dashes splits a rule of the given length into n dashes of cutDash with
// n−1 gaps as close to cutGap as whole dashes allow (never under half of
// it). A rule too short for two dashes is one solid dash (n = 1).
func dashes(length float64) (n int, gap float64) {
	n = int(math.Round((length + cutGap) / (cutDash + cutGap)))
	for ; n > 1; n-- {
		if gap = (length - float64(n)*cutDash) / float64(n-1); gap >= cutGap/2 {
			return n, gap
		}
	}
	return 1, 0
}

// fill paints the rectangles in black.
func (c *canvas) fill(rs []rect) {
	if c.err != nil {
		return
	}
	c.pdf.SetFillColor(0, 0, 0)
	for _, r := range rs {
		if err := c.pdf.RectFromUpperLeftWithOpts(gopdf.DrawableRectOptions{
			X: r.X, Y: r.Y, Rect: gopdf.Rect{W: r.W, H: r.H}, PaintStyle: gopdf.FillPaintStyle,
		}); err != nil {
			c.err = fmt.Errorf("desenhar: %w", err)
			return
		}
	}
}

// rotated draws s centred on (cx, cy), turned by angle degrees
// (counter-clockwise), in a light colour: the watermarks and the stamp.
func (c *canvas) rotated(cx, cy, angle float64, s string, f font, r, g, b uint8) {
	if c.err != nil {
		return
	}
	w := c.width(s, f)
	c.pdf.Rotate(angle, cx, cy)
	c.pdf.SetTextColor(r, g, b)
	c.angle = angle
	c.text(cx-w/2, cy+f.em()*emCap/2, s, f, rect{X: cx - w/2, W: w})
	c.angle = 0
	c.pdf.SetTextColor(0, 0, 0)
	c.pdf.RotateReset()
}

// image draws a PNG or JPEG inside box, as large as fits, keeping its
// proportions, aligned to the box's left and vertical centre.
func (c *canvas) image(data []byte, box rect) {
	if c.err != nil || len(data) == 0 {
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") || cfg.Width <= 0 || cfg.Height <= 0 {
		c.err = errors.New("O logotipo não pôde ser lido: use uma imagem PNG ou JPEG.")
		return
	}
	scale := math.Min(box.W/float64(cfg.Width), box.H/float64(cfg.Height))
	w, h := float64(cfg.Width)*scale, float64(cfg.Height)*scale
	holder, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		c.err = fmt.Errorf("ler o logotipo: %w", err)
		return
	}
	if err := c.pdf.ImageByHolder(holder, box.X, box.Y+(box.H-h)/2, &gopdf.Rect{W: w, H: h}); err != nil {
		c.err = fmt.Errorf("O logotipo não pôde ser incluído (%v): use uma imagem PNG ou JPEG.", err)
	}
}
