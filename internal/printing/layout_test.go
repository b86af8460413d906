package printing

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// barsOf splits the filled rectangles of a page into barcode bars (13 mm
// tall) and the rest, grouping the bars by barcode (their top).
func barsOf(fills []rect) (barcodes map[float64][]rect, other []rect) {
	barcodes = map[float64][]rect{}
	for _, r := range fills {
		if math.Abs(r.H-i25Height) < 0.01 {
			key := math.Round(r.Y*10) / 10
			barcodes[key] = append(barcodes[key], r)
		} else {
			other = append(other, r)
		}
	}
	for _, bars := range barcodes {
		sort.Slice(bars, func(i, j int) bool { return bars[i].X < bars[j].X })
	}
	return barcodes, other
}

func bbox(rs []rect) rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rs {
		x0, y0 = math.Min(x0, r.X), math.Min(y0, r.Y)
		x1, y1 = math.Max(x1, r.right()), math.Max(y1, r.bottom())
	}
	return rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func overlaps(a, b rect) bool {
	const eps = 1e-6
	return a.X < b.right()-eps && b.X < a.right()-eps && a.Y < b.bottom()-eps && b.Y < a.bottom()-eps
}

// lineRect is a drawn rule as a (thin) rectangle.
func lineRect(l [4]float64) rect {
	return rect{X: math.Min(l[0], l[2]), Y: math.Min(l[1], l[3]), W: math.Abs(l[2] - l[0]), H: math.Abs(l[3] - l[1])}
}

// textRect is the area a traced run of text covers; for a rotated run
// (watermarks, stamps), the upright rectangle around it.
func textRect(r textRun) rect {
	em := r.size * ptToMM
	box := rect{X: r.x, Y: r.baseline - em*emAscent, W: r.width, H: em * (emAscent + emDescent)}
	if r.angle == 0 {
		return box
	}
	// rotated() turns the run counter-clockwise about its centre; the
	// page's y axis points down.
	cx, cy := r.x+r.width/2, r.baseline-em*emCap/2
	sin, cos := math.Sincos(r.angle * math.Pi / 180)
	var corners []rect
	for _, p := range [][2]float64{{box.X, box.Y}, {box.right(), box.Y}, {box.X, box.bottom()}, {box.right(), box.bottom()}} {
		dx, dy := p[0]-cx, p[1]-cy
		corners = append(corners, rect{X: cx + dx*cos + dy*sin, Y: cy - dx*sin + dy*cos})
	}
	return bbox(corners)
}

// carneSlipAt is the slip (0, 1 or 2) of a carnê page that y falls in.
func carneSlipAt(y float64) int { return int((y - carneTop) / carneSlipH) }

// Margins the printed page keeps from the paper's edges, for printers that
// cannot print near them and for "fit to page", which shrinks what is there.
const (
	minBarcodeBottomGap = 10.0 // from the bars' bottom to the paper's bottom edge
	minCarneSideMargin  = 8.0  // from anything printed on a carnê to the left and right edges
)

// checkPlaced asserts, from what was drawn, that a barcode sits where the
// layout says and that its quiet zones and band hold nothing else.
func checkPlaced(t *testing.T, bars []rect, l fichaLayout, others []rect) {
	t.Helper()
	checkBars(t, bars)
	box := bbox(bars)
	if q := box.X - l.edgeL; q < 5 {
		t.Errorf("left quiet zone %.2f mm from the ficha's edge, want ≥ 5", q)
	}
	if q := l.edgeR - box.right(); q < 5 {
		t.Errorf("right quiet zone %.2f mm from the ficha's edge, want ≥ 5", q)
	}
	if c := l.edgeB - (box.Y + box.H/2); math.Abs(c-12) > 0.02 {
		t.Errorf("barcode centre %.3f mm above the ficha's bottom edge, want 12", c)
	}
	if h := l.edgeB - l.edgeT; h < 95 || h > 108 {
		t.Errorf("ficha %.1f mm tall, want 95–108 (domain.md §2.3)", h)
	}
	if box.Y < l.gridBottom() {
		t.Errorf("barcode starts at y=%.1f, above the end of the grid (%.1f)", box.Y, l.gridBottom())
	}
	if gap := pageH - box.bottom(); gap < minBarcodeBottomGap {
		t.Errorf("bars end %.2f mm above the paper's bottom edge, want ≥ %.0f", gap, minBarcodeBottomGap)
	}
	zone := rect{X: box.X - i25Quiet, Y: box.Y, W: box.W + 2*i25Quiet, H: box.H}
	for _, o := range others {
		if overlaps(zone, o) {
			t.Errorf("%+v is drawn inside the barcode's band or quiet zones %+v", o, zone)
		}
	}
}

// checkSideMargins asserts that nothing drawn on a page (filled shapes,
// rules, text) comes within margin of the paper's left and right edges.
func checkSideMargins(t *testing.T, page int, ops pdfOps, trace []textRun, margin float64) {
	t.Helper()
	check := func(what string, r rect) {
		if r.X < margin-0.01 || r.right() > pageW-margin+0.01 {
			t.Errorf("page %d: %s spans x %.2f–%.2f mm, within %.0f mm of the paper's left or right edge", page, what, r.X, r.right(), margin)
		}
	}
	for _, r := range ops.fills {
		check(fmt.Sprintf("a filled rectangle at y=%.1f", r.Y), r)
	}
	for _, l := range ops.lines {
		check(fmt.Sprintf("the rule %.1f", l), lineRect(l))
	}
	for _, r := range trace {
		if r.page == page {
			check(fmt.Sprintf("%q", r.text), textRect(r))
		}
	}
}

// checkDashes asserts that each dashed rule (the cut lines) starts and ends
// with a whole dash: its length is n dashes and n−1 gaps. It returns how
// many dashed rules there are.
func checkDashes(t *testing.T, page int, ops pdfOps) int {
	t.Helper()
	n := 0
	for i, l := range ops.lines {
		d := ops.dash[i]
		if d == nil {
			continue
		}
		n++
		if len(d) != 2 {
			t.Errorf("page %d: rule %.1f dashed with %v, want one dash and one gap", page, l, d)
			continue
		}
		length := math.Hypot(l[2]-l[0], l[3]-l[1])
		k := math.Round((length + d[1]) / (d[0] + d[1]))
		if rest := length - (k*d[0] + (k-1)*d[1]); math.Abs(rest) > 0.15 {
			t.Errorf("page %d: dashed rule %.1f (%.2f mm) is %.0f dashes of %.2f mm and gaps of %.2f mm with %.2f mm left over: it does not end with a whole dash", page, l, length, k, d[0], d[1], rest)
		}
	}
	return n
}

// checkReciboAboveCut asserts that the recibo (everything drawn before the
// cut line) ends at least 2 mm above it.
func checkReciboAboveCut(t *testing.T, ops pdfOps, trace []textRun) {
	t.Helper()
	limit := pageCutY - 2
	for _, r := range trace {
		if r.text == "✂" {
			break
		}
		if b := textRect(r).bottom(); b > limit {
			t.Errorf("recibo text %q ends at y=%.1f, want ≤ %.1f (the cut line is at %.0f)", r.text, b, limit, pageCutY)
		}
	}
	cut := -1
	for i, l := range ops.lines {
		if ops.dash[i] != nil && l[1] == l[3] && math.Abs(l[1]-pageCutY) < 0.01 {
			cut = i
			break
		}
	}
	if cut < 0 {
		t.Fatalf("no dashed cut line at y=%.0f", pageCutY)
	}
	for _, l := range ops.lines[:cut] {
		if b := lineRect(l).bottom(); b > limit {
			t.Errorf("recibo rule %.1f ends at y=%.1f, want ≤ %.1f", l, b, limit)
		}
	}
	_, fills := barsOf(ops.fills)
	for _, r := range fills {
		if r.bottom() > limit {
			t.Errorf("recibo fill %+v below y=%.1f", r, limit)
		}
	}
}

// TestLayoutFromPDF reads the drawing operations back from the PDF of the
// full page: the barcode's bars, their size and place, the QR code, the
// margin under the ficha and the cut line.
func TestLayoutFromPDF(t *testing.T) {
	t.Parallel()
	var trace []textRun
	c, err := build([]Boleto{realInter()}, testOpts, false, &trace)
	if err != nil {
		t.Fatal(err)
	}
	pdf := render(t, func(w io.Writer) error { _, err := c.pdf.WriteTo(w); return err })
	pages := contentOps(t, pdf)
	if len(pages) != 1 {
		t.Fatalf("%d content streams, want 1", len(pages))
	}
	barcodes, fills := barsOf(pages[0].fills)
	if len(barcodes) != 1 {
		t.Fatalf("%d barcodes on the page, want 1", len(barcodes))
	}
	var others []rect
	for _, l := range pages[0].lines {
		others = append(others, lineRect(l))
	}
	for _, r := range trace {
		others = append(others, textRect(r))
	}
	others = append(others, fills...)
	for _, bars := range barcodes {
		checkPlaced(t, bars, pageFicha, others)
		others = append(others, bars...)
	}

	// The ficha ends 12 mm or more above the paper's bottom edge, and
	// nothing is drawn below it.
	if gap := pageH - pageFicha.edgeB; gap < 12 {
		t.Errorf("the ficha's bottom edge is %.1f mm above the paper's, want ≥ 12", gap)
	}
	for _, o := range others {
		if o.bottom() > pageFicha.edgeB+0.01 {
			t.Errorf("%+v is drawn below the ficha's bottom edge (y=%.0f)", o, pageFicha.edgeB)
		}
	}
	checkReciboAboveCut(t, pages[0], trace)
	if n := checkDashes(t, 1, pages[0]); n != 1 {
		t.Errorf("%d dashed rules, want 1 (the cut line)", n)
	}

	// Type sizes of the ficha (domain.md §2.3), from what was drawn.
	for _, r := range trace {
		em := r.size * ptToMM
		switch {
		case r.text == interLinhaF && (em < 3.5 || em > 4.5):
			t.Errorf("linha digitável set at %.2f mm, want 3.5–4.5", em)
		case r.text == bankCode && em < 5:
			t.Errorf("bank code set at %.2f mm, want 5", em)
		case r.text == fichaCaption && em > 2:
			t.Errorf("caption set at %.2f mm, want at most 2", em)
		}
	}

	// The rest of the fills is the QR code, in the recibo.
	qr := bbox(fills)
	if qr.W < 30 || qr.H < 30 || math.Abs(qr.W-qr.H) > 0.01 {
		t.Errorf("QR code %.2f × %.2f mm, want a square of at least 30 mm", qr.W, qr.H)
	}
	if qr.bottom() > pageCutY {
		t.Errorf("QR code ends at y=%.1f, below the cut line", qr.bottom())
	}
	m, err := encodeQR(interPix)
	if err != nil {
		t.Fatal(err)
	}
	quiet := qrQuietModules * qr.W / float64(m.n)
	zone := rect{X: qr.X - quiet, Y: qr.Y - quiet, W: qr.W + 2*quiet, H: qr.H + 2*quiet}
	for _, l := range pages[0].lines {
		if overlaps(zone, lineRect(l)) {
			t.Errorf("line %v inside the QR code's quiet zone %+v", l, zone)
		}
	}
	for _, r := range trace {
		if overlaps(zone, textRect(r)) {
			t.Errorf("text %q inside the QR code's quiet zone", r.text)
		}
	}
}

// TestCarneLayoutFromPDF: three slips per page, each barcode in its place.
func TestCarneLayoutFromPDF(t *testing.T) {
	t.Parallel()
	bs := carne7(t)
	var trace []textRun
	c, err := build(bs, testOpts, true, &trace)
	if err != nil {
		t.Fatal(err)
	}
	pdf := render(t, func(w io.Writer) error { _, err := c.pdf.WriteTo(w); return err })
	pages := contentOps(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	for i, page := range pages {
		barcodes, fills := barsOf(page.fills)
		want := min(3, len(bs)-3*i)
		if len(barcodes) != want {
			t.Fatalf("page %d: %d barcodes, want %d", i+1, len(barcodes), want)
		}
		var others []rect
		for _, l := range page.lines {
			others = append(others, lineRect(l))
		}
		for _, r := range trace {
			if r.page == i+1 {
				others = append(others, textRect(r))
			}
		}
		others = append(others, fills...)
		for _, bars := range barcodes {
			checkPlaced(t, bars, carneFicha(carneSlipAt(bars[0].Y)), others)
		}
	}
	// QR codes of the stubs: at least 30 mm, with their quiet zone inside
	// the slip.
	for i, page := range pages {
		_, fills := barsOf(page.fills)
		for slip := range 3 {
			var mine []rect
			for _, r := range fills {
				if r.X < carneCutX && carneSlipAt(r.Y) == slip {
					mine = append(mine, r)
				}
			}
			if len(mine) == 0 {
				continue
			}
			q := bbox(mine)
			if q.W < 30 || q.H < 30 {
				t.Errorf("page %d slip %d: QR code %.2f × %.2f mm, want ≥ 30", i+1, slip+1, q.W, q.H)
			}
			m, err := encodeQR(bs[3*i+slip].PixCopiaECola)
			if err != nil {
				t.Fatal(err)
			}
			quiet := qrQuietModules * q.W / float64(m.n)
			if top, bottom := carneSlipTop(slip), carneSlipTop(slip)+carneSlipH; q.Y-quiet < top || q.bottom()+quiet > bottom {
				t.Errorf("page %d slip %d: QR code and quiet zone span y %.1f–%.1f, outside the slip (%.1f–%.1f)", i+1, slip+1, q.Y-quiet, q.bottom()+quiet, top, bottom)
			}
		}
	}
}

// TestCarneMargins: on every page of a carnê, whatever it holds, nothing is
// printed within 8 mm of the paper's left and right edges, every barcode
// ends 10 mm or more above the paper's bottom edge (checkPlaced), and the
// cut lines end with whole dashes.
func TestCarneMargins(t *testing.T) {
	t.Parallel()
	state := func(s State) Boleto {
		b := realInter()
		b.State = s
		return b
	}
	tests := []struct {
		name     string
		bs       []Boleto
		barcodes int
	}{
		{"sete-parcelas", carne7(t), 7},
		{"textos-longos", []Boleto{longBoleto(), longBoleto(), longBoleto()}, 3},
		{"pago-expirado-cancelado", []Boleto{state(StatePaid), state(StateExpired), state(StateCancelled)}, 1},
		{"rascunhos", []Boleto{state(StateDraft), state(StateFailed)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var trace []textRun
			c, err := build(tt.bs, testOpts, true, &trace)
			if err != nil {
				t.Fatal(err)
			}
			pages := contentOps(t, render(t, func(w io.Writer) error { _, err := c.pdf.WriteTo(w); return err }))
			if want := (len(tt.bs) + 2) / 3; len(pages) != want {
				t.Fatalf("%d pages, want %d", len(pages), want)
			}
			found := 0
			for i, page := range pages {
				checkSideMargins(t, i+1, page, trace, minCarneSideMargin)
				slips := min(3, len(tt.bs)-3*i)
				// One vertical cut line per slip, one horizontal between slips.
				if n := checkDashes(t, i+1, page); n != 2*slips-1 {
					t.Errorf("page %d: %d dashed rules, want %d", i+1, n, 2*slips-1)
				}
				barcodes, _ := barsOf(page.fills)
				for _, bars := range barcodes {
					checkPlaced(t, bars, carneFicha(carneSlipAt(bars[0].Y)), nil)
				}
				found += len(barcodes)
			}
			if found != tt.barcodes {
				t.Errorf("%d barcodes, want %d", found, tt.barcodes)
			}
		})
	}
}

// longParty is a party whose every field is as long as the bank allows.
func longParty(doc string) Party {
	return Party{
		Name:       "Companhia Brasileira de Distribuição de Autopeças, Acessórios e Serviços Automotivos do Vale do Paraíba Ltda",
		Document:   doc,
		Address:    "Avenida Presidente Juscelino Kubitschek de Oliveira, Marginal Direita da Rodovia Presidente Dutra",
		Number:     "123456789",
		Complement: "Bloco B, Torre Norte, Conjunto 1.204",
		District:   "Jardim das Acácias e Quintas do Vale Encantado de São José",
		City:       "São José dos Campos do Vale do Paraíba Paulista e Região Metropolitana",
		UF:         "SP",
		CEP:        "12245000",
	}
}

func longBoleto() Boleto {
	b := realInter()
	b.Beneficiary = longParty("11222333000181")
	b.Payer = longParty("52998224725")
	fb := longParty("12ABC34501DE35")
	b.FinalBeneficiary = &fb
	b.SeuNumero = "ABCDEFGHIJKLMNO"
	b.AgencyCode = "0001-9 / 123456789012345-6"
	b.Installment = "120/120"
	b.EspecieDoc = "DMI-ESPECIAL"
	long := strings.Repeat("Mensagem longa do beneficiário para o pagador, ", 2)
	b.Instructions = append(b.Instructions, long, long, long, long, long,
		"UmaPalavraSemEspaçosQueNãoCabeEmLinhaNenhumaDoBoletoPorqueÉLongaDemaisParaQualquerCaixaQueExistaNoLayout")
	return b
}

// TestLongTextStaysInItsBox: with every text as long as it gets, each piece
// of text stays inside its box (it is shrunk or cut with "…") and the
// barcodes still scan.
func TestLongTextStaysInItsBox(t *testing.T) {
	t.Parallel()
	for _, carne := range []bool{false, true} {
		name := map[bool]string{false: "page", true: "carne"}[carne]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := longBoleto()
			var trace []textRun
			c, err := build([]Boleto{b, b, b}, testOpts, carne, &trace)
			if err != nil {
				t.Fatal(err)
			}
			shortened := 0
			for _, r := range trace {
				if r.box.W == 0 {
					continue
				}
				if r.x < r.box.X-0.01 || r.x+r.width > r.box.right()+0.01 {
					t.Errorf("%q (x %.2f–%.2f) spills out of its box (x %.2f–%.2f)", r.text, r.x, r.x+r.width, r.box.X, r.box.right())
				}
				if r.size < 5 {
					t.Errorf("%q printed at %.2f pt, below 5 pt", r.text, r.size)
				}
				if strings.HasSuffix(r.text, "…") {
					shortened++
				}
			}
			if shortened == 0 {
				t.Error("nothing was shortened with …: the test does not exercise long texts")
			}
			pdf := render(t, func(w io.Writer) error { _, err := c.pdf.WriteTo(w); return err })
			if carne {
				// Long texts do not move the barcodes.
				ops := contentOps(t, pdf)
				if len(ops) != 1 {
					t.Fatalf("%d pages, want 1", len(ops))
				}
				barcodes, _ := barsOf(ops[0].fills)
				if len(barcodes) != 3 {
					t.Fatalf("%d barcodes, want 3", len(barcodes))
				}
				for _, bars := range barcodes {
					checkPlaced(t, bars, carneFicha(carneSlipAt(bars[0].Y)), nil)
				}
				return
			}
			// The recibo, as tall as it gets, still ends above the cut line.
			ops := contentOps(t, pdf)
			if len(ops) != 3 {
				t.Fatalf("%d pages, want 3", len(ops))
			}
			var first []textRun
			for _, r := range trace {
				if r.page == 1 {
					first = append(first, r)
				}
			}
			checkReciboAboveCut(t, ops[0], first)
			pages := rasterise(t, pdf)
			keepPNG(t, pages[0], "boleto-textos-longos.png")
			got := scan(t, pages[0])
			if !slices.Equal(got.barcodes, []string{interBarcode}) || !slices.Equal(got.qrs, []string{interPix}) {
				t.Errorf("scanned as %q %q", got.barcodes, got.qrs)
			}
		})
	}
}

// TestTextLayer checks the labels and values a person reads, from the PDF's
// text layer (pdftotext -layout).
func TestTextLayer(t *testing.T) {
	t.Parallel()
	b := realInter()
	fb := Party{Name: "Distribuidora Avalista S.A.", Document: "34665388000161"}
	b.FinalBeneficiary = &fb
	b.Installment = "3/12"
	pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
	text := pdfText(t, pdf)
	want := []string{
		"Recibo do Pagador", "Impresso em 27/11/2026 às 10:45",
		"Banco Inter", "077-9", interLinhaF,
		"Local de pagamento", paymentPlace,
		"Vencimento", "31/05/2022",
		"Beneficiário", "Exemplo Comércio de Peças Ltda — CNPJ 11.222.333/0001-81",
		"Avenida Paulista, 1578, conj. 42 — Bela Vista — São Paulo/SP — CEP 01310-200",
		"Agência/Código do Beneficiário", "0001-9 / 1234567-8",
		"Data do documento", "20/05/2022", "Nº do documento", "NF1234-1",
		"Espécie doc.", "DM", "Aceite", "Data do processamento",
		"Nosso número", "00019/112/0081593655-6",
		"Uso do banco", "Carteira", "112", "Espécie", "R$", "Quantidade", "(x) Valor",
		"(=) Valor do documento", "R$ 151,30",
		"(−) Desconto/Abatimento", "(+) Mora/Multa", "(=) Valor cobrado",
		"Instruções (texto de responsabilidade do beneficiário)",
		"Após o vencimento, cobrar multa de 2,00%.",
		"Juros de 1,00% ao mês (R$ 0,05 por dia de atraso).",
		"Até 26/05/2022, conceder desconto de R$ 5,00.",
		"Não receber após 30/06/2022.",
		"Referente à NF-e 1234, série 1.",
		"Pagador", "João da Silva Araújo — CPF 529.982.247-25",
		"Rua das Flores, 123 — Centro", "Rolândia/PR — CEP 86600-000",
		"Sacador/Avalista", "Distribuidora Avalista S.A. — CNPJ 34.665.388/0001-61",
		"Parcela", "3/12",
		"Autenticação mecânica — Ficha de Compensação",
		"Pague com Pix", "Pix Copia e Cola",
		"Corte na linha pontilhada",
	}
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("text layer lacks %q", s)
		}
	}
	if n := strings.Count(text, interLinhaF); n != 2 {
		t.Errorf("linha digitável printed %d times, want 2 (recibo and ficha)", n)
	}
}

// TestGoldenTrace keeps every piece of text of the full page and of a carnê
// page, with its position and size, in testdata/: a change to the layout
// shows up as a diff (go test -run TestGoldenTrace -update rewrites them).
func TestGoldenTrace(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file  string
		bs    []Boleto
		carne bool
	}{
		{"boleto.golden", []Boleto{realInter()}, false},
		{"carne.golden", carne7(t)[:3], true},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			var trace []textRun
			if _, err := build(tc.bs, testOpts, tc.carne, &trace); err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			for _, r := range trace {
				fmt.Fprintf(&sb, "%6.1f %6.1f %5.2f %s\n", r.x, r.baseline, r.size, r.text)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenTrace -update to create it)", err)
			}
			if got := sb.String(); got != string(want) {
				t.Errorf("the text of the layout changed; diff %s against:\n%s", path, got)
			}
		})
	}
}
