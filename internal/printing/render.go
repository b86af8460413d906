package printing

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// RenderBoleto writes a one-page A4 PDF of b to w: the recibo do pagador
// on top, a dashed cut line, and the ficha de compensação at the bottom.
func RenderBoleto(w io.Writer, b Boleto, opts Options) error {
	return renderPages(w, []Boleto{b}, opts, false)
}

// RenderBoletos writes a PDF with one page per boleto, laid out like
// RenderBoleto (for printing a selection at once).
func RenderBoletos(w io.Writer, bs []Boleto, opts Options) error {
	return renderPages(w, bs, opts, false)
}

// RenderCarne writes a carnê: three boletos per A4 page, each a slip with
// the payer's stub (canhoto, with the Pix QR code) and a compact ficha de
// compensação, separated by dashed cut lines.
func RenderCarne(w io.Writer, bs []Boleto, opts Options) error {
	return renderPages(w, bs, opts, true)
}

func renderPages(w io.Writer, bs []Boleto, opts Options, carne bool) error {
	c, err := build(bs, opts, carne, nil)
	if err != nil {
		return err
	}
	if _, err := c.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("gravar o PDF: %w", err)
	}
	return nil
}

// build lays out every page; trace, when not nil, collects the text drawn.
func build(bs []Boleto, opts Options, carne bool, trace *[]textRun) (*canvas, error) {
	if len(bs) == 0 {
		return nil, errors.New("Nenhum boleto para imprimir.")
	}
	ps := make([]prepared, len(bs))
	for i, b := range bs {
		n := i + 1
		if len(bs) == 1 {
			n = 0
		}
		p, err := prepare(b, n)
		if err != nil {
			return nil, err
		}
		ps[i] = p
	}
	now := opts.now()
	c, err := newCanvas(now, title(ps, carne))
	if err != nil {
		return nil, err
	}
	c.trace = trace
	for i, p := range ps {
		if carne {
			if i%3 == 0 {
				c.addPage()
			}
			c.drawSlip(p, i%3)
		} else {
			c.addPage()
			c.drawPage(p, now)
		}
		if c.err != nil {
			if len(ps) > 1 {
				return nil, fmt.Errorf("Boleto %d da lista: %w", i+1, c.err)
			}
			return nil, c.err
		}
	}
	return c, nil
}

// title names the document in its properties.
func title(ps []prepared, carne bool) string {
	switch {
	case carne:
		return fmt.Sprintf("Carnê — %s", strings.TrimSpace(clean(ps[0].Payer.Name)))
	case len(ps) == 1:
		return "Boleto " + clean(ps[0].SeuNumero)
	}
	return fmt.Sprintf("Boletos (%d)", len(ps))
}
