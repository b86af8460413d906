package printing

// The carnê: three slips per A4 page, each carneSlipH tall, with a canhoto
// (the payer's stub) on the left and a compact ficha de compensação on the
// right, a dashed vertical cut line between them and a dashed horizontal one
// between slips. The ficha keeps the standard barcode: 103 × 13 mm, centre
// 12 mm above the slip's bottom edge, quiet zones clear.
//
// The slips stand carneTop below the paper's top edge and end 6 mm above its
// bottom edge, so that the last barcode ends 11.5 mm above it, and nothing is
// printed within carneMarginX of the left and right edges: office printers
// leave 5–6 mm at the edges unprinted, and "fit to page" shrinks what is
// near them.
const (
	carneMarginX = 8.0
	carneTop     = 3.0
	carneSlipH   = 96.0 // domain.md §2.3: a ficha is 95–108 mm tall
	carneStubL   = carneMarginX
	carneStubR   = 51.0
	carneCutX    = 54.0
	carneGridL   = 57.0
	carneGridR   = pageW - carneMarginX
	carneTopPad  = 3.0
)

// carneSlipTop is the top edge of slip i (0, 1 or 2) of a page.
func carneSlipTop(i int) float64 { return carneTop + float64(i)*carneSlipH }

// carneFicha is the layout of the ficha of slip i (0, 1 or 2) of a page.
func carneFicha(i int) fichaLayout {
	top := carneSlipTop(i)
	return fichaLayout{
		edgeL: carneCutX, edgeR: pageW, edgeT: top, edgeB: top + carneSlipH,
		gridL: carneGridL, gridR: carneGridR, gridT: top + carneTopPad,
		rightW:  38,
		headerH: 9, rowH: 6.5, beneficiaryH: 9, sideH: 6, payerH: 14,
		bankFont: bold(8.5), codeFont: bold(11), linhaFont: regular(9),
		label: regular(5), value: regular(7), valueBold: bold(7.5), minValue: 5.5,
		instr: regular(6.5), minInstr: 5,
	}
}

// drawSlip draws boleto p as slip i of the current page.
func (c *canvas) drawSlip(p prepared, i int) {
	l := carneFicha(i)
	top := l.edgeT
	if wm := p.State.watermark(); wm != "" {
		c.watermark(rect{X: carneMarginX, Y: top, W: pageW - 2*carneMarginX, H: carneSlipH}, wm, bold(36))
	}
	if p.State == StatePaid {
		c.stamp((carneStubL+carneStubR)/2, top+32, bold(30))
		c.stamp(120, top+50, bold(32))
	}
	c.drawStub(p, l)
	c.dashed(carneCutX, top+3, carneCutX, top+carneSlipH-3)
	if i > 0 {
		c.cutLine(carneMarginX, pageW-carneMarginX, top)
	}
	c.drawFicha(p, l)
}

// drawStub draws the canhoto: bank, parcela, vencimento, valor, nosso
// número, nº do documento, pagador, beneficiário and the Pix QR code.
func (c *canvas) drawStub(p prepared, l fichaLayout) {
	x0, x1 := carneStubL, carneStubR
	y := l.gridT
	w := x1 - x0
	// Bank name and code over a thick rule, like the ficha.
	bf, cf := bold(8.5), bold(11)
	base := y + l.headerH/2 + cf.em()*emCap/2
	c.line(rect{X: x0, Y: y, W: w - 14, H: l.headerH}, base, bankName, bf, 7, alignLeft)
	c.line(rect{X: x1 - 14, Y: y, W: 14, H: l.headerH}, base, bankCode, cf, 9, alignRight)
	y += l.headerH
	c.hline(x0, x1, y, 0.5)
	c.line(rect{X: x0, Y: y, W: w, H: 3}, y+2.5, "Recibo do Pagador", bold(6.5), 6, alignCenter)
	y += 3
	c.hline(x0, x1, y, 0.2)

	rowH := 6.0
	lbl := func(box rect, label string) {
		c.line(rect{X: box.X + 0.5, W: box.W - 1}, box.Y+0.35+l.label.em()*emAscent, label, l.label, l.label.size-0.5, alignLeft)
	}
	val := func(box rect, s string, f font, a align) {
		c.line(rect{X: box.X + 0.5, Y: box.Y, W: box.W - 1, H: box.H}, box.bottom()-1.0-f.em()*emDescent+0.3, s, f, l.minValue, a)
	}
	// Parcela | Vencimento
	pw := 16.0
	if inst := clean(p.Installment); inst != "" {
		b := rect{X: x0, Y: y, W: pw, H: rowH}
		lbl(b, "Parcela")
		val(b, inst, l.valueBold, alignCenter)
		c.vline(x0+pw, y, y+rowH, 0.2)
	} else {
		pw = 0
	}
	b := rect{X: x0 + pw, Y: y, W: w - pw, H: rowH}
	lbl(b, "Vencimento")
	val(b, p.DueDate.BR(), l.valueBold, alignRight)
	y += rowH
	c.hline(x0, x1, y, 0.2)

	for _, f := range []struct {
		label, value string
		bold         bool
	}{
		{"Valor do documento", amount(p.Amount), true},
		{"Nosso número", p.NossoNumero, false},
		{"Nº do documento", p.SeuNumero, false},
	} {
		b := rect{X: x0, Y: y, W: w, H: rowH}
		lbl(b, f.label)
		fnt := l.value
		if f.bold {
			fnt = l.valueBold
		}
		val(b, f.value, fnt, alignRight)
		y += rowH
		c.hline(x0, x1, y, 0.2)
	}

	// Pagador and beneficiário: name on one line, document on the next.
	for _, pt := range []struct {
		label string
		party Party
	}{{"Pagador", p.Payer}, {"Beneficiário", p.Beneficiary}} {
		b := rect{X: x0, Y: y, W: w, H: 8.5}
		lbl(b, pt.label)
		in := rect{X: x0 + 0.5, Y: y, W: w - 1, H: b.H}
		c.line(in, y+4.6, pt.party.Name, l.value, l.minValue, alignLeft)
		c.line(in, y+7.4, document(pt.party.Document), regular(l.value.size-0.5), l.minValue, alignLeft)
		y += b.H
		c.hline(x0, x1, y, 0.2)
	}

	if p.pix == "" {
		return
	}
	y += 1
	c.line(rect{X: x0, Y: y, W: w, H: 3}, y+2.6, "Pague com Pix", bold(7.5), 6, alignCenter)
	y += 3
	m, err := encodeQR(p.pix)
	if err != nil {
		c.err = err
		return
	}
	q := qrPlacement{size: 30, n: m.n}
	q.x = x0 + (w-q.size)/2
	q.y = y + q.quiet()
	c.fill(m.rects(q))
}
