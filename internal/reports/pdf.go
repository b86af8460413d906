package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"boletos/internal/printing"
)

// The PDF page: A4 landscape, lengths in millimetres from the top-left
// corner, font sizes in points.
const (
	pdfPageW   = 297.0
	pdfPageH   = 210.0
	pdfMargin  = 10.0
	pdfTableW  = pdfPageW - 2*pdfMargin
	pdfFooterY = pdfPageH - 6.0 // baseline of the footer
	pdfBottom  = pdfPageH - 12  // rows end above this
	pdfRowH    = 5.0
	pdfHeaderH = 8.0 // room for headers on two lines
	pdfPad     = 1.2 // inside each cell, left and right

	fontBody    = 7.5
	fontMinBody = 5.5 // numbers shrink down to this instead of being cut
	fontTitle   = 14
	fontInfo    = 8
	fontTable   = 10
	fontFooter  = 7
	ellipsis    = "…"
)

// Default column widths by kind (relative).
var defaultWidth = map[Kind]float64{KindText: 2, KindMoney: 1.35, KindDate: 1.15, KindCount: 0.8}

// pdfItem is one thing placed on a page by the layout.
type pdfItem struct {
	kind  int // itemTitle, itemSubtitle, itemHeader, itemRow, itemTotals, itemEmpty
	table int
	row   int
	y     float64 // top
}

const (
	itemTitle = iota
	itemSubtitle
	itemHeader
	itemRow
	itemTotals
	itemEmpty
)

// WritePDF writes the report as a printable PDF: A4 landscape; on the first
// page the title, the filters and the generation time; each table under its
// name with its header repeated on every page it spans, the rows (numbers
// right-aligned, long text cut with "…") and the totals row in bold; on
// every page "Página N de M". The fonts (DejaVu Sans) are embedded, so
// accents print everywhere. Same report, same bytes.
func WritePDF(w io.Writer, r Report) error {
	fc, err := printing.Fonts()
	if err != nil {
		return err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitMM, PageSize: gopdf.Rect{W: pdfPageW, H: pdfPageH}})
	pdf.SetInfo(gopdf.PdfInfo{Title: r.Title, Creator: "Boletos", Producer: "Boletos", CreationDate: r.GeneratedAt})
	for _, family := range []string{printing.FontRegular, printing.FontBold} {
		if err := pdf.AddTTFFontFromFontContainer(family, fc); err != nil {
			return fmt.Errorf("embutir a fonte %s: %w", family, err)
		}
	}
	d := &pdfDoc{pdf: pdf, r: r}
	pages := d.layout()
	for i, items := range pages {
		d.page(i+1, len(pages), items)
	}
	if d.err != nil {
		return fmt.Errorf("gerar o PDF do relatório: %w", d.err)
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("gravar o PDF do relatório: %w", err)
	}
	return nil
}

// pdfDoc draws one report, keeping the first error.
type pdfDoc struct {
	pdf  *gopdf.GoPdf
	r    Report
	err  error
	font struct {
		bold bool
		size float64
	}
}

// titleHeight is the height of the first page's title block.
func (d *pdfDoc) titleHeight() float64 {
	return 9 + float64(len(d.r.Filters)+1)*4 + 3
}

// layout places every item on pages, so that the page count is known
// before drawing.
func (d *pdfDoc) layout() [][]pdfItem {
	var (
		pages [][]pdfItem
		cur   []pdfItem
		y     float64
	)
	newPage := func() {
		if cur != nil {
			pages = append(pages, cur)
		}
		cur = []pdfItem{}
		y = pdfMargin
	}
	newPage()
	cur = append(cur, pdfItem{kind: itemTitle, y: y})
	y += d.titleHeight()
	for ti, t := range d.r.Tables {
		// A table starts where its name, header and a few rows fit.
		need := 7 + pdfHeaderH + pdfRowH*float64(min(3, len(t.Rows)+1))
		if ti > 0 {
			y += 4
		}
		if y+need > pdfBottom {
			newPage()
		}
		cur = append(cur, pdfItem{kind: itemSubtitle, table: ti, y: y})
		y += 7
		cur = append(cur, pdfItem{kind: itemHeader, table: ti, y: y})
		y += pdfHeaderH
		if len(t.Rows) == 0 {
			cur = append(cur, pdfItem{kind: itemEmpty, table: ti, y: y})
			y += pdfRowH
		}
		for ri := range t.Rows {
			if y+pdfRowH > pdfBottom {
				newPage()
				cur = append(cur, pdfItem{kind: itemHeader, table: ti, y: y})
				y += pdfHeaderH
			}
			cur = append(cur, pdfItem{kind: itemRow, table: ti, row: ri, y: y})
			y += pdfRowH
		}
		if t.Totals != nil {
			if y+pdfRowH+0.5 > pdfBottom {
				newPage()
				cur = append(cur, pdfItem{kind: itemHeader, table: ti, y: y})
				y += pdfHeaderH
			}
			cur = append(cur, pdfItem{kind: itemTotals, table: ti, y: y})
			y += pdfRowH + 0.5
		}
	}
	return append(pages, cur)
}

// page draws one page.
func (d *pdfDoc) page(n, total int, items []pdfItem) {
	if d.err != nil {
		return
	}
	d.pdf.AddPage()
	d.font.size = 0
	d.pdf.SetLineType("solid")
	for _, it := range items {
		switch it.kind {
		case itemTitle:
			d.titleBlock(it.y)
		case itemSubtitle:
			d.text(pdfMargin, it.y+5, d.r.Tables[it.table].Name, true, fontTable)
		case itemHeader:
			d.headerRow(d.r.Tables[it.table], it.y)
		case itemRow:
			t := d.r.Tables[it.table]
			if it.row%2 == 1 {
				d.fill(pdfMargin, it.y, pdfTableW, pdfRowH, 244)
			}
			d.cells(t, t.Rows[it.row], it.y, false)
		case itemTotals:
			t := d.r.Tables[it.table]
			d.line(pdfMargin, it.y+0.25, pdfMargin+pdfTableW, it.y+0.25, 0.4)
			d.cells(t, t.Totals, it.y+0.5, true)
		case itemEmpty:
			msg := d.r.Tables[it.table].Empty
			if msg == "" {
				msg = noRows
			}
			d.text(pdfMargin+pdfPad, it.y+3.5, msg, false, fontBody)
		}
	}
	// Footer.
	d.line(pdfMargin, pdfFooterY-3.5, pdfPageW-pdfMargin, pdfFooterY-3.5, 0.2)
	d.text(pdfMargin, pdfFooterY, "Boletos — "+d.r.Title+" — "+generated(d.r.GeneratedAt), false, fontFooter)
	label := fmt.Sprintf("Página %d de %d", n, total)
	d.text(pdfPageW-pdfMargin-d.width(label, false, fontFooter), pdfFooterY, label, false, fontFooter)
}

func (d *pdfDoc) titleBlock(y float64) {
	d.text(pdfMargin, y+6, d.r.Title, true, fontTitle)
	y += 9
	for _, line := range append(append([]string{}, d.r.Filters...), generated(d.r.GeneratedAt)) {
		y += 4
		d.text(pdfMargin, y, d.fitText(line, false, fontInfo, pdfTableW), false, fontInfo)
	}
}

// columns returns the x and width of each column of t.
func columns(t Table) (xs, ws []float64) {
	sum := 0.0
	ws = make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		ws[i] = c.Width
		if ws[i] <= 0 {
			ws[i] = defaultWidth[c.Kind]
		}
		sum += ws[i]
	}
	// Narrow tables (summaries) do not stretch over the whole page.
	width := pdfTableW
	if sum < 8 {
		width = pdfTableW * sum / 8
	}
	xs = make([]float64, len(ws))
	x := pdfMargin
	for i := range ws {
		ws[i] = ws[i] / sum * width
		xs[i] = x
		x += ws[i]
	}
	return xs, ws
}

// headerRow draws the column headers on a grey band, on two lines where
// one is too narrow.
func (d *pdfDoc) headerRow(t Table, y float64) {
	xs, ws := columns(t)
	d.fill(pdfMargin, y, xs[len(xs)-1]+ws[len(ws)-1]-pdfMargin, pdfHeaderH, 221)
	for i, c := range t.Columns {
		lines := d.wrap2(c.Header, ws[i]-2*pdfPad)
		if len(lines) == 1 {
			d.cell(xs[i], ws[i], y+5, lines[0], c.Kind, true)
			continue
		}
		d.cell(xs[i], ws[i], y+3.4, lines[0], c.Kind, true)
		d.cell(xs[i], ws[i], y+6.6, lines[1], c.Kind, true)
	}
}

// wrap2 splits a header into at most two lines that fit maxW, breaking at
// the space that makes the longer line shortest.
func (d *pdfDoc) wrap2(s string, maxW float64) []string {
	if d.width(s, true, fontBody) <= maxW {
		return []string{s}
	}
	words := strings.Fields(s)
	best, bestW := -1, 0.0
	for i := 1; i < len(words); i++ {
		w := max(d.width(strings.Join(words[:i], " "), true, fontBody), d.width(strings.Join(words[i:], " "), true, fontBody))
		if best < 0 || w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return []string{s}
	}
	return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
}

// cells draws one row. In the totals row, the label in the first column
// runs over the empty text cells after it.
func (d *pdfDoc) cells(t Table, cells []Cell, y float64, bold bool) {
	xs, ws := columns(t)
	for i := 0; i < len(t.Columns) && i < len(cells); i++ {
		c, x, w := cells[i], xs[i], ws[i]
		if bold && c.Kind == KindText {
			for i+1 < len(cells) && i+1 < len(ws) && cells[i+1].Kind == KindText && cells[i+1].Text == "" {
				i++
				w += ws[i]
			}
		}
		d.cell(x, w, y+3.5, c.String(), c.Kind, bold)
	}
}

// cell writes s in the column at x (width w) with baseline y: text on the
// left, cut with "…"; numbers on the right (dates centred), shrunk to fit.
func (d *pdfDoc) cell(x, w, y float64, s string, k Kind, bold bool) {
	inner := w - 2*pdfPad
	size := fontBody
	if k == KindText {
		s = d.fitText(s, bold, size, inner)
	} else {
		for d.width(s, bold, size) > inner && size-0.25 >= fontMinBody {
			size -= 0.25
		}
		s = d.fitText(s, bold, size, inner)
	}
	sw := d.width(s, bold, size)
	switch {
	case k == KindMoney || k == KindCount:
		x = x + w - pdfPad - sw
	case k == KindDate:
		x = x + (w-sw)/2
	default:
		x += pdfPad
	}
	d.text(x, y, s, bold, size)
}

// fitText cuts s with "…" until it fits maxW.
func (d *pdfDoc) fitText(s string, bold bool, size, maxW float64) string {
	s = strings.Join(strings.Fields(s), " ")
	if d.width(s, bold, size) <= maxW {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.width(string(runes[:mid])+ellipsis, bold, size) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(runes[:lo]), " ") + ellipsis
}

func (d *pdfDoc) setFont(bold bool, size float64) {
	if d.err != nil || (d.font.bold == bold && d.font.size == size) {
		return
	}
	family := printing.FontRegular
	if bold {
		family = printing.FontBold
	}
	if err := d.pdf.SetFont(family, "", size); err != nil {
		d.err = fmt.Errorf("escolher a fonte: %w", err)
		return
	}
	d.font.bold, d.font.size = bold, size
}

func (d *pdfDoc) width(s string, bold bool, size float64) float64 {
	d.setFont(bold, size)
	if d.err != nil || s == "" {
		return 0
	}
	w, err := d.pdf.MeasureTextWidth(s)
	if err != nil {
		d.err = fmt.Errorf("medir o texto: %w", err)
		return 0
	}
	return w
}

// text writes s with its baseline at y.
func (d *pdfDoc) text(x, y float64, s string, bold bool, size float64) {
	d.setFont(bold, size)
	if d.err != nil || s == "" {
		return
	}
	d.pdf.SetXY(x, y)
	if err := d.pdf.Text(s); err != nil {
		d.err = fmt.Errorf("escrever o texto: %w", err)
	}
}

// fill paints a grey rectangle (grey 0–255).
func (d *pdfDoc) fill(x, y, w, h float64, grey uint8) {
	if d.err != nil {
		return
	}
	d.pdf.SetFillColor(grey, grey, grey)
	if err := d.pdf.RectFromUpperLeftWithOpts(gopdf.DrawableRectOptions{
		X: x, Y: y, Rect: gopdf.Rect{W: w, H: h}, PaintStyle: gopdf.FillPaintStyle,
	}); err != nil {
		d.err = fmt.Errorf("desenhar: %w", err)
	}
	d.pdf.SetFillColor(0, 0, 0)
}

func (d *pdfDoc) line(x1, y1, x2, y2, width float64) {
	if d.err != nil {
		return
	}
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y1, x2, y2)
}
