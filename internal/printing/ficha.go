package printing

import (
	"strings"

	"boletos/internal/boleto"
)

// Texts of the ficha de compensação.
const (
	bankName        = "Banco Inter"
	bankCode        = "077-9"
	paymentPlace    = "Pagável em qualquer banco até o vencimento. Após, somente no Banco Inter."
	fichaCaption    = "Autenticação mecânica — Ficha de Compensação"
	instructionsLbl = "Instruções (texto de responsabilidade do beneficiário)"
	defaultCarteira = "112"
	defaultEspecie  = "DM"
	defaultAceite   = "N"
)

// fichaLayout places a ficha de compensação. The ficha is the part of the
// paper below its cut line: x from edgeL to edgeR and y from edgeT to
// edgeB. The grid of boxes spans gridL..gridR from gridT down; the barcode
// sits under the grid, quiet zones included, with its centre 12 mm above the
// ficha's bottom edge.
type fichaLayout struct {
	edgeL, edgeR, edgeT, edgeB float64
	gridL, gridR, gridT        float64
	rightW                     float64 // the right-hand column (vencimento, valores)

	headerH, rowH, beneficiaryH, sideH, payerH float64

	bankFont, codeFont, linhaFont font
	label, value, valueBold       font
	minValue                      float64 // smallest size a value may shrink to
	instr                         font    // instructions
	minInstr                      float64
}

// The barcode and caption positions, derived from the layout.
func (l fichaLayout) barcodeCentreY() float64 { return l.edgeB - 12 }
func (l fichaLayout) barcodeTop() float64     { return l.barcodeCentreY() - i25Height/2 }
func (l fichaLayout) barcodeLeft() float64    { return l.gridL + i25Quiet + 1 }

// barcodeZone is the barcode with its quiet zones: nothing else is drawn in it.
func (l fichaLayout) barcodeZone() rect {
	return rect{X: l.barcodeLeft() - i25Quiet, Y: l.barcodeTop(), W: i25Width + 2*i25Quiet, H: i25Height}
}

// gridBottom is where the pagador box ends.
func (l fichaLayout) gridBottom() float64 {
	return l.gridT + l.headerH + 3*l.rowH + l.beneficiaryH + 3*l.sideH + l.payerH
}

// leftW is the width of the left-hand part of the grid.
func (l fichaLayout) leftW() float64 { return l.gridR - l.gridL - l.rightW }

// cell is one labelled box of the grid.
type cell struct {
	label string
	value string
	bold  bool
	align align
}

// drawFicha draws the ficha de compensação of p.
func (c *canvas) drawFicha(p prepared, l fichaLayout) {
	x0, x1 := l.gridL, l.gridR
	xr := x1 - l.rightW // left edge of the right-hand column
	y := l.gridT

	// (A) bank, code and linha digitável, over a thick rule.
	c.bankHeader(p, l.gridL, l.gridR, y, l.headerH, l.bankFont, l.codeFont, l.linhaFont)
	y += l.headerH
	thick, thin := 0.5, 0.2
	c.hline(x0, x1, y, thick)

	// (B) local de pagamento | vencimento
	c.row(y, l, []float64{l.leftW()}, []cell{{label: "Local de pagamento", value: paymentPlace}})
	c.rightCell(y, l.rowH, xr, x1, l, cell{label: "Vencimento", value: p.DueDate.BR(), bold: true, align: alignRight})
	y += l.rowH
	c.hline(x0, x1, y, thin)

	// (C) beneficiário (name, CPF/CNPJ, address) | agência/código do beneficiário
	c.party(rect{X: x0, Y: y, W: l.leftW(), H: l.beneficiaryH}, "Beneficiário", p.Beneficiary, l)
	c.rightCell(y, l.beneficiaryH, xr, x1, l, cell{label: "Agência/Código do Beneficiário", value: p.AgencyCode, align: alignRight})
	y += l.beneficiaryH
	c.hline(x0, x1, y, thin)

	// (D) data do documento | nº do documento | espécie doc | aceite | data do processamento | nosso número
	c.row(y, l, scale([]float64{27, 38, 18, 12, 50}, l.leftW()), []cell{
		{label: "Data do documento", value: p.DocumentDate.BR()},
		{label: "Nº do documento", value: p.SeuNumero},
		{label: "Espécie doc.", value: orDefault(p.EspecieDoc, defaultEspecie), align: alignCenter},
		{label: "Aceite", value: orDefault(p.Aceite, defaultAceite), align: alignCenter},
		{label: "Data do processamento", value: p.ProcessingDate.BR()},
	})
	c.rightCell(y, l.rowH, xr, x1, l, cell{label: "Nosso número", value: p.NossoNumero, align: alignRight})
	y += l.rowH
	c.hline(x0, x1, y, thin)

	// (E) uso do banco | carteira | espécie | quantidade | (x) valor | (=) valor do documento
	c.row(y, l, scale([]float64{27, 20, 18, 30, 50}, l.leftW()), []cell{
		{label: "Uso do banco"},
		{label: "Carteira", value: orDefault(p.Carteira, defaultCarteira), align: alignCenter},
		{label: "Espécie", value: "R$", align: alignCenter},
		{label: "Quantidade"},
		{label: "(x) Valor"},
	})
	c.rightCell(y, l.rowH, xr, x1, l, cell{label: "(=) Valor do documento", value: amount(p.Amount), bold: true, align: alignRight})
	y += l.rowH
	c.hline(x0, x1, y, thin)

	// (F–H) instructions | (−) desconto/abatimento, (+) mora/multa, (=) valor cobrado
	c.instructions(rect{X: x0, Y: y, W: l.leftW(), H: 3 * l.sideH}, p.Instructions, l)
	for i, label := range []string{"(−) Desconto/Abatimento", "(+) Mora/Multa", "(=) Valor cobrado"} {
		yy := y + float64(i)*l.sideH
		c.rightCell(yy, l.sideH, xr, x1, l, cell{label: label})
		if i > 0 {
			c.hline(xr, x1, yy, thin)
		}
	}
	c.vline(xr, l.gridT+l.headerH, y+3*l.sideH, thin)
	y += 3 * l.sideH
	c.hline(x0, x1, y, thin)

	// (I) pagador, and the sacador/avalista at the bottom of the same box.
	c.payer(rect{X: x0, Y: y, W: x1 - x0, H: l.payerH}, p, l)
	y += l.payerH
	c.hline(x0, x1, y, thick)

	// (J) caption, then the barcode (or the reason there is none).
	capFont := regular(5.5)
	c.line(rect{X: x0, Y: y, W: x1 - x0, H: l.barcodeTop() - y}, y+2.4, fichaCaption, capFont, 5, alignRight)
	if p.barcode != "" {
		bars, err := barcodeBars(p.barcode, l.barcodeLeft(), l.barcodeTop())
		if err != nil {
			c.err = err
			return
		}
		c.fill(bars)
	} else {
		box := rect{X: x0, Y: l.barcodeTop(), W: x1 - x0, H: i25Height}
		c.line(box, l.barcodeCentreY()+bold(9).em()*emCap/2, p.State.notice(), bold(9), 7, alignCenter)
	}
}

// bankHeader draws the three cells of line (A): bank name, bank code with
// its DV, and the linha digitável (or, when there is none, why).
func (c *canvas) bankHeader(p prepared, x0, x1, y, h float64, bankF, codeF, linhaF font) {
	nameW := c.width(bankName, bankF) + 3
	codeW := c.width(bankCode, codeF) + 5
	base := func(f font) float64 { return y + h/2 + f.em()*emCap/2 }
	c.line(rect{X: x0 + 0.5, Y: y, W: nameW, H: h}, base(bankF), bankName, bankF, bankF.size, alignLeft)
	c.vline(x0+nameW+1, y+h*0.25, y+h, 0.5)
	c.line(rect{X: x0 + nameW + 1, Y: y, W: codeW, H: h}, base(codeF), bankCode, codeF, codeF.size, alignCenter)
	c.vline(x0+nameW+codeW+1, y+h*0.25, y+h, 0.5)
	box := rect{X: x0 + nameW + codeW + 2, Y: y, W: x1 - (x0 + nameW + codeW + 2), H: h}
	if p.linha != "" {
		c.line(box, base(linhaF), p.linha, linhaF, linhaF.size-2, alignRight)
		return
	}
	f := bold(linhaF.size * 0.75)
	c.line(box, base(f), p.State.notice(), f, 6, alignRight)
}

// row draws the cells of a grid row of the left-hand part, left to right,
// with vertical rules between them.
func (c *canvas) row(y float64, l fichaLayout, widths []float64, cells []cell) {
	x := l.gridL
	for i, cl := range cells {
		w := widths[i]
		c.cellText(rect{X: x, Y: y, W: w, H: l.rowH}, cl, l)
		if i > 0 {
			c.vline(x, y, y+l.rowH, 0.2)
		}
		x += w
	}
}

// rightCell draws a cell of the right-hand column.
func (c *canvas) rightCell(y, h, xr, x1 float64, l fichaLayout, cl cell) {
	c.cellText(rect{X: xr, Y: y, W: x1 - xr, H: h}, cl, l)
}

// cellText writes a cell's label at the top and its value at the bottom.
func (c *canvas) cellText(box rect, cl cell, l fichaLayout) {
	in := rect{X: box.X + 1, Y: box.Y, W: box.W - 2, H: box.H}
	c.line(in, box.Y+0.35+l.label.em()*emAscent, cl.label, l.label, l.label.size-0.5, alignLeft)
	f := l.value
	if cl.bold {
		f = l.valueBold
	}
	c.line(in, box.bottom()-1.1-f.em()*emDescent+0.3, cl.value, f, l.minValue, cl.align)
}

// party draws a box with a label, the name and document on the first line
// and the address on the second (the beneficiário).
func (c *canvas) party(box rect, label string, pt Party, l fichaLayout) {
	in := rect{X: box.X + 1, Y: box.Y, W: box.W - 2, H: box.H}
	y := box.Y + 0.35 + l.label.em()*emAscent
	c.line(in, y, label, l.label, l.label.size-0.5, alignLeft)
	second := box.bottom() - 0.9 - l.value.em()*emDescent
	c.nameDoc(in, second-l.value.em()*1.2, pt.Name, pt.Document, l.value, l.minValue)
	c.line(in, second, pt.address(), l.value, l.minValue, alignLeft)
}

// nameDoc writes "NAME — CNPJ 00.000.000/0000-00" on one line, shortening
// the name (never the document) when the line is too long.
func (c *canvas) nameDoc(box rect, y float64, name, doc string, f font, minSize float64) {
	name, doc = clean(name), document(doc)
	if doc == "" {
		c.line(box, y, name, f, minSize, alignLeft)
		return
	}
	sep := " — "
	for c.width(name+sep+doc, f) > box.W && f.size-0.25 >= minSize-1e-9 {
		f.size -= 0.25
	}
	docW := c.width(sep+doc, f)
	name = c.shorten(name, f, box.W-docW)
	if name == "" {
		c.line(box, y, doc, f, minSize, alignLeft)
		return
	}
	c.text(box.X, y, name, f, rect{X: box.X, Y: box.Y, W: box.W - docW, H: box.H})
	c.text(box.X+c.width(name, f), y, sep+doc, f, rect{X: box.X + c.width(name, f), Y: box.Y, W: docW + 0.01, H: box.H})
}

// instructions fills the instruction box: label, then the lines, wrapped;
// the font shrinks down to minInstr before lines are dropped (the last one
// kept ends with "…").
func (c *canvas) instructions(box rect, lines []string, l fichaLayout) {
	in := rect{X: box.X + 1, Y: box.Y, W: box.W - 2, H: box.H}
	y := box.Y + 0.35 + l.label.em()*emAscent
	c.line(in, y, instructionsLbl, l.label, l.label.size-0.5, alignLeft)
	c.paragraphs(rect{X: in.X, Y: y + 0.4, W: in.W, H: box.bottom() - y - 0.8}, lines, l.instr, l.minInstr)
}

// paragraphs writes each text of lines wrapped in box, top to bottom, with
// the largest font (from f down to minSize) that fits them all; when even
// minSize does not, the text is cut with "…" at the last line that fits.
func (c *canvas) paragraphs(box rect, texts []string, f font, minSize float64) {
	var parts []string
	for _, s := range texts {
		if s = clean(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return
	}
	lineH := func(f font) float64 { return f.em() * 1.18 }
	layout := func(f font, limit int) []string {
		var out []string
		for _, s := range parts {
			out = append(out, c.wrap(s, f, box.W, 0)...)
		}
		if limit > 0 && len(out) > limit {
			last := strings.Join(out[limit-1:], " ")
			out = append(out[:limit-1], c.shorten(last, f, box.W))
		}
		return out
	}
	maxLines := func(f font) int { return int((box.H - f.em()*emDescent) / lineH(f)) }
	for f.size > minSize && len(layout(f, 0)) > maxLines(f) {
		f.size -= 0.25
	}
	out := layout(f, maxLines(f))
	y := box.Y
	for _, s := range out {
		y += lineH(f)
		c.text(box.X, y, s, f, box)
	}
}

// payer draws the pagador box: name and document, address, and the
// sacador/avalista on the last line when there is one.
func (c *canvas) payer(box rect, p prepared, l fichaLayout) {
	in := rect{X: box.X + 1, Y: box.Y, W: box.W - 2, H: box.H}
	y := box.Y + 0.35 + l.label.em()*emAscent
	c.line(in, y, "Pagador", l.label, l.label.size-0.5, alignLeft)
	step := l.value.em() * 1.15
	y += step
	c.nameDoc(in, y, p.Payer.Name, p.Payer.Document, l.value, l.minValue)
	y += step
	c.line(in, y, p.Payer.street(), l.value, l.minValue, alignLeft)
	y += step
	c.line(in, y, p.Payer.place(), l.value, l.minValue, alignLeft)
	if fb := p.FinalBeneficiary; fb != nil {
		yb := box.bottom() - 1.0
		lbl := "Sacador/Avalista: "
		lw := c.width(lbl, l.label)
		c.text(in.X, yb, lbl, l.label, rect{X: in.X, Y: box.Y, W: lw + 0.01, H: box.H})
		c.nameDoc(rect{X: in.X + lw, Y: box.Y, W: in.W - lw, H: box.H}, yb, fb.Name, fb.Document, regular(l.value.size-0.5), l.minValue)
	}
}

// scale stretches widths proportionally so that they add up to total.
func scale(widths []float64, total float64) []float64 {
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	out := make([]float64, len(widths))
	for i, w := range widths {
		out[i] = w * total / sum
	}
	return out
}

// amount is the value as printed in a box: "R$ 151,30".
func amount(c boleto.Cents) string { return c.BRL() }
