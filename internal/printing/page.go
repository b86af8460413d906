package printing

import (
	"math"
	"time"

	"boletos/internal/boleto"
)

// The full page (A4 portrait): the recibo do pagador on top, a dashed cut
// line at y = pageCutY, and the ficha de compensação below it, pageFichaH
// tall and as wide as the paper. The ficha's bottom edge is pageFichaB,
// pageBottomGap above the paper's: office printers leave 5–6 mm at the edge
// unprinted and "fit to page" shrinks what is near it, so the barcode, whose
// centre is 12 mm above the ficha's bottom edge, must not be down there.
// Nothing is drawn below pageFichaB.
const (
	pageMarginX   = 10.0
	pageFichaH    = 107.0 // domain.md §2.3: 95–108 mm
	pageBottomGap = 12.0
	pageFichaB    = pageH - pageBottomGap   // 285
	pageCutY      = pageFichaB - pageFichaH // 178
	reciboTop     = 8.0
)

// pageFicha is the layout of the ficha on the full page.
var pageFicha = fichaLayout{
	edgeL: 0, edgeR: pageW, edgeT: pageCutY, edgeB: pageFichaB,
	gridL: pageMarginX, gridR: pageW - pageMarginX, gridT: pageCutY + 3,
	rightW:  45,
	headerH: 10, rowH: 7.5, beneficiaryH: 10.5, sideH: 7, payerH: 16.5,
	bankFont: bold(11), codeFont: bold(15), linhaFont: regular(12),
	label: regular(5.5), value: regular(8), valueBold: bold(8.5), minValue: 6,
	instr: regular(7), minInstr: 5.5,
}

// Colours of the watermarks and of the "PAGO" stamp: light enough for the
// text under them to stay readable, dark enough to survive a photocopy.
var (
	watermarkColour = [3]uint8{225, 150, 150}
	paidColour      = [3]uint8{150, 200, 150}
)

// drawPage draws one boleto on the current page.
func (c *canvas) drawPage(p prepared, now time.Time) {
	l := pageFicha
	if wm := p.State.watermark(); wm != "" {
		// One watermark on each part, so that both still carry it once cut.
		c.watermark(rect{X: 0, Y: 0, W: pageW, H: pageCutY}, wm, bold(44))
		c.watermark(rect{X: 0, Y: pageCutY, W: pageW, H: pageFichaH}, wm, bold(36))
	}
	if p.State == StatePaid {
		// On both parts, away from the codes: over the recibo's values and
		// over the ficha's instructions, well above the barcode.
		c.stamp(150, 75, bold(60))
		c.stamp(95, pageCutY+56, bold(40))
	}
	c.drawRecibo(p, l, now)
	c.cutLine(pageMarginX, pageW-pageMarginX, pageCutY)
	c.drawFicha(p, l)
}

// stamp writes "PAGO" centred on (x, y), turned 20 degrees.
func (c *canvas) stamp(x, y float64, f font) {
	c.rotated(x, y, 20, "PAGO", f, paidColour[0], paidColour[1], paidColour[2])
}

// watermark writes s diagonally across box, along its diagonal, as large as
// f allows.
func (c *canvas) watermark(box rect, s string, f font) {
	angle := math.Atan2(box.H, box.W) * 180 / math.Pi
	if angle > 30 {
		angle = 30
	}
	// Shrink until the rotated text fits inside box.
	for f.size > 12 {
		w := c.width(s, f)
		rad := angle * math.Pi / 180
		if w*math.Cos(rad)+f.em()*math.Sin(rad) <= box.W*0.92 && w*math.Sin(rad)+f.em()*math.Cos(rad) <= box.H*0.92 {
			break
		}
		f.size -= 2
	}
	col := watermarkColour
	c.rotated(box.X+box.W/2, box.Y+box.H/2, angle, s, f, col[0], col[1], col[2])
}

// cutLine draws the dashed line where the page is cut, with scissors.
func (c *canvas) cutLine(x0, x1, y float64) {
	f := regular(11)
	c.text(x0, y+f.em()*emCap/2, "✂", f, rect{X: x0, Y: y - 3, W: 5, H: 6})
	label, small := "Corte na linha pontilhada", regular(6)
	lw := c.width(label, small)
	c.dashed(x0+5, y, x1-lw-2, y)
	c.text(x1-lw, y+small.em()*emCap/2, label, small, rect{X: x1 - lw, Y: y - 2, W: lw, H: 4})
}

// drawRecibo draws the recibo do pagador at the top of the page.
func (c *canvas) drawRecibo(p prepared, l fichaLayout, now time.Time) {
	x0, x1 := l.gridL, l.gridR
	xr := x1 - l.rightW
	thin := 0.2

	// Title line: logo, title, printing date.
	titleBase := reciboTop + 7
	tx := x0
	if len(p.Logo) > 0 {
		c.image(p.Logo, rect{X: x0, Y: reciboTop, W: 40, H: 11})
		tx = x0 + 44
	}
	c.line(rect{X: tx, Y: reciboTop, W: 70, H: 11}, titleBase, "Recibo do Pagador", bold(12), 10, alignLeft)
	when := now.In(boleto.SaoPaulo)
	c.line(rect{X: x1 - 70, Y: reciboTop, W: 70, H: 11}, titleBase, "Impresso em "+when.Format("02/01/2006")+" às "+when.Format("15:04"), regular(6.5), 6, alignRight)

	y := reciboTop + 12
	c.bankHeader(p, x0, x1, y, l.headerH, l.bankFont, l.codeFont, l.linhaFont)
	y += l.headerH
	c.hline(x0, x1, y, 0.5)
	gridTop := y

	h := l.beneficiaryH
	c.party(rect{X: x0, Y: y, W: l.leftW(), H: h}, "Beneficiário", p.Beneficiary, l)
	c.rightCell(y, h, xr, x1, l, cell{label: "Vencimento", value: p.DueDate.BR(), bold: true, align: alignRight})
	y += h
	c.hline(x0, x1, y, thin)

	c.party(rect{X: x0, Y: y, W: l.leftW(), H: h}, "Pagador", p.Payer, l)
	c.rightCell(y, h, xr, x1, l, cell{label: "Valor do documento", value: amount(p.Amount), bold: true, align: alignRight})
	y += h
	c.hline(x0, x1, y, thin)

	cells := []cell{
		{label: "Nosso número", value: p.NossoNumero},
		{label: "Nº do documento", value: p.SeuNumero},
		{label: "Data do documento", value: p.DocumentDate.BR()},
	}
	widths := []float64{50, 40, 30}
	if inst := clean(p.Installment); inst != "" {
		cells = append(cells, cell{label: "Parcela", value: inst, bold: true, align: alignCenter})
		widths = append(widths, 25)
	}
	c.row(y, l, scale(widths, l.leftW()), cells)
	c.rightCell(y, l.rowH, xr, x1, l, cell{label: "Agência/Código do Beneficiário", value: p.AgencyCode, align: alignRight})
	y += l.rowH
	c.vline(xr, gridTop, y, thin)
	c.hline(x0, x1, y, thin)

	if fb := p.FinalBeneficiary; fb != nil {
		in := rect{X: x0 + 1, Y: y, W: x1 - x0 - 2, H: l.rowH}
		c.line(in, y+0.35+l.label.em()*emAscent, "Sacador/Avalista", l.label, l.label.size, alignLeft)
		c.nameDoc(in, y+l.rowH-1.1-l.value.em()*emDescent+0.3, fb.Name, fb.Document, l.value, l.minValue)
		y += l.rowH
		c.hline(x0, x1, y, thin)
	}

	if hasText(p.Instructions) {
		// As tall as the lines need at the normal size, within limits.
		n := 0
		for _, s := range p.Instructions {
			n += len(c.wrap(s, l.instr, x1-x0-2, 0))
		}
		hgt := 0.35 + l.label.em()*emAscent + 0.4 + float64(n)*l.instr.em()*1.18 + 1.2
		box := rect{X: x0, Y: y, W: x1 - x0, H: math.Max(10, math.Min(hgt, 40))}
		c.instructions(box, p.Instructions, l)
		y += box.H
		c.hline(x0, x1, y, thin)
	}
	c.line(rect{X: x0, Y: y, W: x1 - x0, H: 3}, y+2.4, "Autenticação mecânica", regular(5.5), 5, alignRight)
	y += 6

	if p.pix != "" {
		c.pixBlock(rect{X: x0, Y: y, W: x1 - x0}, p, 34)
	}
}

// pixBlock draws the "Pague com Pix" box: the QR code on the left (size mm
// wide, without its quiet zone) and, beside it, how to pay and the Pix Copia
// e Cola text.
func (c *canvas) pixBlock(area rect, p prepared, size float64) {
	m, err := encodeQR(p.pix)
	if err != nil {
		c.err = err
		return
	}
	q := qrPlacement{size: size, n: m.n}
	pad := q.quiet() + 0.5 // keeps the quiet zone clear of the frame
	q.x, q.y = area.X+pad, area.Y+pad
	h := size + 2*pad
	c.frame(rect{X: area.X, Y: area.Y, W: area.W, H: h})
	c.fill(m.rects(q))

	tx := q.x + size + pad + 3
	text := rect{X: tx, Y: area.Y, W: area.right() - 3 - tx, H: h}
	y := area.Y + 3 + bold(13).em()*emAscent
	c.line(text, y, "Pague com Pix", bold(13), 10, alignLeft)
	y += 2
	how := "Abra o app do seu banco, escolha pagar com Pix e leia o QR Code ao lado. " +
		"Ou escolha Pix Copia e Cola e cole o código abaixo. O pagamento por Pix quita este boleto: não pague duas vezes."
	f := regular(8)
	for _, s := range c.wrap(how, f, text.W, 3) {
		y += f.em() * 1.25
		c.text(text.X, y, s, f, text)
	}
	y += 3.5
	c.line(text, y, "Pix Copia e Cola", bold(6.5), 6, alignLeft)
	code := regular(6.5)
	rest := rect{X: text.X, Y: y, W: text.W, H: area.Y + h - 2 - y}
	c.paragraphs(rest, []string{p.pix}, code, 5)
}

// frame strokes the outline of r.
func (c *canvas) frame(r rect) {
	c.hline(r.X, r.right(), r.Y, 0.2)
	c.hline(r.X, r.right(), r.bottom(), 0.2)
	c.vline(r.X, r.Y, r.bottom(), 0.2)
	c.vline(r.right(), r.Y, r.bottom(), 0.2)
}

func hasText(lines []string) bool {
	for _, s := range lines {
		if clean(s) != "" {
			return true
		}
	}
	return false
}
