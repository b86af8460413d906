package intersim

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/signintech/gopdf"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// fontPath is the TrueType font gopdf uses when the system has it. Without
// it the PDF is written by hand with the standard Helvetica font, which every
// PDF reader has built in.
const fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// A4 in points.
const (
	pageW = 595.0
	pageH = 842.0
)

// pageText is a line of text; y is its baseline, from the top.
type pageText struct {
	x, y, size float64
	text       string
}

// pageBar is a filled rectangle, from its top-left corner.
type pageBar struct{ x, y, w, h float64 }

// page is what the simulator prints: the same drawing in both writers.
type page struct {
	texts []pageText
	bars  []pageBar
}

// layout draws a simple boleto: the data, the linha digitável, an
// Interleaved 2 of 5 barcode and the Pix copia e cola.
func layout(ch *charge, id identity) page {
	var p page
	y := 60.0
	line := func(size float64, text string) {
		p.texts = append(p.texts, pageText{x: 40, y: y, size: size, text: text})
		y += size + 8
	}
	r := &ch.Request
	line(16, "Banco Inter   "+boleto.FormatBankCode(boleto.InterBank))
	line(13, boleto.FormatLinha(ch.LinhaDigitavel))
	line(9, "Documento gerado pelo simulador do Banco Inter — sem valor de pagamento")
	y += 10
	nn := boleto.InterFreeField{Agency: agencia, Carteira: carteira, Operation: id.Operacao, NossoNumero: ch.NossoNumero[:10]}
	fields := [][2]string{
		{"Beneficiário", "Empresa Simulada Ltda — conta corrente " + id.Conta},
		{"Agência/Código do beneficiário", agencia + " / " + id.Operacao},
		{"Nosso número", boleto.FormatInterNossoNumero(nn)},
		{"Seu número", r.SeuNumero},
		{"Vencimento", r.DataVencimento.BR()},
		{"Valor do documento", r.ValorNominal.BRL()},
		{"Pagador", r.Pagador.Nome + " — " + brazil.FormatDocument(r.Pagador.CpfCnpj)},
		{"Endereço", address(r.Pagador)},
		{"Código da solicitação", ch.CodigoSolicitacao},
	}
	for _, f := range fields {
		line(10, f[0]+": "+f[1])
	}
	for _, m := range charges(r) {
		line(9, m)
	}
	y += 14
	p.bars = i2of5Bars(ch.CodigoBarras, 40, y, 0.72, 37)
	y += 37 + 24
	if ch.PixCopiaECola != "" {
		line(10, "Pix copia e cola:")
		for code := ch.PixCopiaECola; code != ""; {
			n := min(len(code), 90)
			line(8, code[:n])
			code = code[n:]
		}
	}
	return p
}

// address is the payer's address on one line.
func address(p person) string {
	street := strings.TrimSpace(strings.Join([]string{p.Endereco, p.Numero, p.Complemento}, " "))
	parts := []string{}
	for _, part := range []string{street, p.Bairro, p.Cidade + "/" + p.Uf, brazil.FormatCEP(p.Cep)} {
		if strings.Trim(part, " /") != "" {
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, ", ")
}

// charges are the instruction lines and the message of the boleto.
func charges(r *emission) []string {
	lines := r.charges().Describe(r.DataVencimento, r.ValorNominal)
	if m := r.Mensagem; m != nil {
		for _, l := range []string{m.Linha1, m.Linha2, m.Linha3, m.Linha4, m.Linha5} {
			if l != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// i2of5Patterns are the five element widths of each digit (1 = wide).
var i2of5Patterns = [10]string{"00110", "10001", "01001", "11000", "00101", "10100", "01100", "00011", "10010", "01010"}

// i2of5Bars draws an Interleaved 2 of 5 code: start (narrow bar, space,
// bar, space), digit pairs (first digit on the bars, second on the spaces),
// stop (wide bar, narrow space, narrow bar). Wide is three times narrow.
func i2of5Bars(digits string, x, y, narrow, height float64) []pageBar {
	widths := []int{1, 1, 1, 1}
	for i := 0; i+1 < len(digits); i += 2 {
		a, b := i2of5Patterns[digits[i]-'0'], i2of5Patterns[digits[i+1]-'0']
		for j := 0; j < 5; j++ {
			widths = append(widths, 1+2*int(a[j]-'0'), 1+2*int(b[j]-'0'))
		}
	}
	widths = append(widths, 3, 1, 1)
	var bars []pageBar
	for i, w := range widths {
		width := float64(w) * narrow
		if i%2 == 0 {
			bars = append(bars, pageBar{x: x, y: y, w: width, h: height})
		}
		x += width
	}
	return bars
}

// renderPDF writes the boleto of a charge: with gopdf and DejaVu Sans when
// font holds the font, by hand with Helvetica otherwise (or if gopdf fails).
func renderPDF(ch *charge, id identity, font []byte) ([]byte, error) {
	p := layout(ch, id)
	if len(font) > 0 {
		if out, err := renderGopdf(p, font); err == nil {
			return out, nil
		}
	}
	return renderPlain(p), nil
}

// loadFont reads the system font, nil when it is not there.
func loadFont() []byte {
	data, err := os.ReadFile(fontPath)
	if err != nil {
		return nil
	}
	return data
}

func renderGopdf(p page, font []byte) ([]byte, error) {
	var pdf gopdf.GoPdf
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	if err := pdf.AddTTFFontData("dejavu", font); err != nil {
		return nil, err
	}
	pdf.AddPage()
	for _, t := range p.texts {
		if err := pdf.SetFont("dejavu", "", t.size); err != nil {
			return nil, err
		}
		pdf.SetXY(t.x, t.y)
		if err := pdf.Text(t.text); err != nil {
			return nil, err
		}
	}
	pdf.SetFillColor(0, 0, 0)
	for _, b := range p.bars {
		if err := pdf.RectFromUpperLeftWithOpts(gopdf.DrawableRectOptions{X: b.x, Y: b.y, Rect: gopdf.Rect{W: b.w, H: b.h}, PaintStyle: gopdf.FillPaintStyle}); err != nil {
			return nil, err
		}
	}
	return pdf.GetBytesPdfReturnErr()
}

// renderPlain writes a one-page PDF 1.4 by hand: catalog, pages, page,
// Helvetica (WinAnsiEncoding) and one content stream.
func renderPlain(p page) []byte {
	var content bytes.Buffer
	for _, t := range p.texts {
		fmt.Fprintf(&content, "BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET\n", t.size, t.x, pageH-t.y, pdfString(t.text))
	}
	for _, b := range p.bars {
		fmt.Fprintf(&content, "%.3f %.3f %.3f %.3f re f\n", b.x, pageH-b.y-b.h, b.w, b.h)
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>", pageW, pageH),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}

// pdfString escapes text for a PDF literal string in WinAnsiEncoding:
// Latin-1 letters as octal escapes, the dash as its WinAnsi code, anything
// else outside Latin-1 as "?".
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= ' ' && r < 0x7f:
			b.WriteRune(r)
		case r == '—':
			b.WriteString(`\227`)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, `\%03o`, r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
