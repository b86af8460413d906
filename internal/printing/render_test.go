package printing

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// TestScanRealInter renders Inter's real boleto with its real Pix code,
// rasterises the page at 200 dpi and decodes it with zbarimg: the barcode
// must be the bank's 44 digits and the QR code the copia-e-cola, exactly.
func TestScanRealInter(t *testing.T) {
	t.Parallel()
	pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, realInter(), testOpts) })
	pages := rasterise(t, pdf)
	if len(pages) != 1 {
		t.Fatalf("%d pages, want 1", len(pages))
	}
	keepPNG(t, pages[0], "boleto-inter.png")
	got := scan(t, pages[0])
	if !slices.Equal(got.barcodes, []string{interBarcode}) {
		t.Errorf("barcodes %q, want [%s]", got.barcodes, interBarcode)
	}
	if !slices.Equal(got.qrs, []string{interPix}) {
		t.Errorf("QR codes %q, want [%s]", got.qrs, interPix)
	}
}

// TestScanGenerated renders boletos built from the rules (amounts at the
// limits, due dates before and after the 2025 restart of the fator and
// around the next one), with and without Pix, and decodes each page.
func TestScanGenerated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		nn      string
		due     boleto.Date
		amount  boleto.Cents
		withPix bool
	}{
		{"2024-minimo", "0000000001", date(2024, time.October, 2), 250, true},
		{"2025-02-21-fator-9999", "1234567890", date(2025, time.February, 21), 123456, true},
		{"2025-02-22-fator-1000", "9999999999", date(2025, time.February, 22), 1, false},
		{"2026-valor-maximo", "0043095401", date(2026, time.August, 15), boleto.MaxAmount, true},
		{"2049-10-13-fator-9999", "5555555555", date(2049, time.October, 13), 98765, false},
		{"2049-10-14-fator-1000", "0081593655", date(2049, time.October, 14), 100000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := generated(t, tt.nn, tt.due, tt.amount, tt.withPix)
			pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
			pages := rasterise(t, pdf)
			if tt.name == "2025-02-22-fator-1000" {
				keepPNG(t, pages[0], "boleto-sem-pix.png")
			}
			got := scan(t, pages[0])
			if !slices.Equal(got.barcodes, []string{b.Barcode}) {
				t.Errorf("barcodes %q, want [%s]", got.barcodes, b.Barcode)
			}
			var wantQR []string
			if tt.withPix {
				wantQR = []string{b.PixCopiaECola}
			}
			if !slices.Equal(got.qrs, wantQR) {
				t.Errorf("QR codes %q, want %q", got.qrs, wantQR)
			}
		})
	}
}

// TestScanNotPayable: drafts, failures, cancelled and expired boletos print
// their watermark and nothing that scans, even when the codes are known.
func TestScanNotPayable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		state     State
		watermark string
	}{
		{StateDraft, "RASCUNHO — SEM VALOR"},
		{StateFailed, "RASCUNHO — SEM VALOR"},
		{StateCancelled, "CANCELADO"},
		{StateExpired, "EXPIRADO"},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			t.Parallel()
			b := realInter() // codes present: they must not be printed
			b.State = tt.state
			pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
			// Nothing filled is drawn at all: no bars, no QR modules.
			ops := contentOps(t, pdf)
			if len(ops) != 1 {
				t.Fatalf("%d content streams, want 1", len(ops))
			}
			for _, page := range ops {
				if len(page.fills) > 0 {
					t.Errorf("%d filled rectangles drawn on a %s boleto", len(page.fills), tt.state)
				}
			}
			if tt.state == StateDraft {
				// And the scanner agrees (exit code 4: nothing found).
				pages := rasterise(t, pdf)
				keepPNG(t, pages[0], "boleto-rascunho.png")
				if got := scan(t, pages[0]); len(got.barcodes)+len(got.qrs) > 0 {
					t.Errorf("zbarimg found %q %q on a draft", got.barcodes, got.qrs)
				}
			}
			text := pdfWords(t, pdf)
			if n := strings.Count(text, tt.watermark); n < 2 {
				t.Errorf("watermark %q printed %d times, want one on the recibo and one on the ficha", tt.watermark, n)
			}
			if strings.Contains(text, interLinhaF) || strings.Contains(text, "Pix Copia e Cola") {
				t.Error("the linha digitável or the Pix code is printed on a boleto that cannot be paid")
			}
			if !strings.Contains(text, "Não pague") {
				t.Error("no notice where the barcode would be")
			}
		})
	}
}

// TestScanDraftWithoutCodes is what a real draft looks like: no nosso
// número, no codes.
func TestScanDraftWithoutCodes(t *testing.T) {
	t.Parallel()
	b := realInter()
	b.State, b.Barcode, b.Linha, b.PixCopiaECola, b.NossoNumero, b.ProcessingDate = StateDraft, "", "", "", "", boleto.Date{}
	pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
	ops := contentOps(t, pdf)
	if len(ops) != 1 {
		t.Fatalf("%d content streams, want 1", len(ops))
	}
	for _, page := range ops {
		if len(page.fills) > 0 {
			t.Errorf("%d filled rectangles drawn on a draft", len(page.fills))
		}
	}
	if !strings.Contains(pdfWords(t, pdf), "RASCUNHO — SEM VALOR") {
		t.Error("no RASCUNHO on the draft")
	}
}

// TestScanPaid: a paid boleto prints normally, with a "PAGO" stamp that
// does not get in the way of the codes; the logo on the recibo does not
// either.
func TestScanPaid(t *testing.T) {
	t.Parallel()
	b := realInter()
	b.State = StatePaid
	b.Logo = testLogo(t)
	pdf := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
	pages := rasterise(t, pdf)
	got := scan(t, pages[0])
	if !slices.Equal(got.barcodes, []string{interBarcode}) || !slices.Equal(got.qrs, []string{interPix}) {
		t.Errorf("paid boleto scanned as %q %q", got.barcodes, got.qrs)
	}
	if !strings.Contains(pdfWords(t, pdf), "PAGO") {
		t.Error("no PAGO stamp")
	}
}

// TestScanCarne: seven installments make three pages; every slip's barcode
// and QR code decode to its own codes.
func TestScanCarne(t *testing.T) {
	t.Parallel()
	bs := carne7(t)
	pdf := render(t, func(w io.Writer) error { return RenderCarne(w, bs, testOpts) })
	pages := rasterise(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	keepPNG(t, pages[0], "carne-pagina-1.png")
	for i, page := range pages {
		t.Run(fmt.Sprintf("page-%d", i+1), func(t *testing.T) {
			var wantBC, wantQR []string
			for _, b := range bs[3*i : min(3*i+3, len(bs))] {
				wantBC = append(wantBC, b.Barcode)
				if b.PixCopiaECola != "" {
					wantQR = append(wantQR, b.PixCopiaECola)
				}
			}
			got := scan(t, page)
			slices.Sort(wantBC)
			slices.Sort(wantQR)
			slices.Sort(got.barcodes)
			slices.Sort(got.qrs)
			if !slices.Equal(got.barcodes, wantBC) {
				t.Errorf("page %d: barcodes %q, want %q", i+1, got.barcodes, wantBC)
			}
			if !slices.Equal(got.qrs, wantQR) {
				t.Errorf("page %d: QR codes %q, want %q", i+1, got.qrs, wantQR)
			}
		})
	}
}

// carne7 is a carnê of seven monthly installments; the third has no Pix.
func carne7(t testing.TB) []Boleto {
	var bs []Boleto
	for i := range 7 {
		nn := "00815936" + string(rune('0'+i)) + "1"
		b := generated(t, nn, date(2026, time.Month(i+1), 10), boleto.Cents(12345+1000*i), i != 2)
		b.Installment = string(rune('1'+i)) + "/7"
		bs = append(bs, b)
	}
	return bs
}

// TestRenderBoletos: a selection prints one page per boleto.
func TestRenderBoletos(t *testing.T) {
	t.Parallel()
	a := realInter()
	b := generated(t, "1111111111", date(2027, time.March, 3), 50000, true)
	pdf := render(t, func(w io.Writer) error { return RenderBoletos(w, []Boleto{a, b}, testOpts) })
	pages := rasterise(t, pdf)
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2", len(pages))
	}
	for i, want := range []Boleto{a, b} {
		got := scan(t, pages[i])
		if !slices.Equal(got.barcodes, []string{want.Barcode}) || !slices.Equal(got.qrs, []string{want.PixCopiaECola}) {
			t.Errorf("page %d scanned as %q %q", i+1, got.barcodes, got.qrs)
		}
	}
}

// testLogo is a small two-colour PNG.
func testLogo(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for y := range 40 {
		for x := range 120 {
			c := color.RGBA{0xff, 0x7a, 0x00, 0xff}
			if (x/10+y/10)%2 == 0 {
				c = color.RGBA{0x20, 0x20, 0x20, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDeterministic: the same input and clock give the same bytes, also
// when documents are rendered concurrently; the clock is the only input
// besides the boletos.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	b := realInter()
	b.Logo = testLogo(t)
	first := render(t, func(w io.Writer) error { return RenderBoleto(w, b, testOpts) })
	carne := carne7(t)
	var wg sync.WaitGroup
	results := make([][]byte, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			var err error
			if i%2 == 0 {
				err = RenderBoleto(&buf, b, testOpts)
			} else {
				err = RenderCarne(&buf, carne, testOpts)
			}
			if err != nil {
				t.Error(err)
			}
			results[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, r := range results {
		want := first
		if i%2 == 1 {
			want = results[1]
		}
		if !bytes.Equal(r, want) {
			t.Errorf("render %d differs from the first one", i)
		}
	}
	later := Options{Now: func() time.Time { return fixedNow().Add(time.Hour) }}
	other := render(t, func(w io.Writer) error { return RenderBoleto(w, b, later) })
	if bytes.Equal(first, other) {
		t.Error("a different clock gave the same bytes: the date is not printed")
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	mod := func(f func(*Boleto)) Boleto {
		b := realInter()
		f(&b)
		return b
	}
	tests := []struct {
		name string
		b    Boleto
		want string
	}{
		{"estado vazio", mod(func(b *Boleto) { b.State = "" }), "Situação"},
		{"estado desconhecido", mod(func(b *Boleto) { b.State = "overdue" }), "Situação"},
		{"emitido sem código", mod(func(b *Boleto) { b.Barcode, b.Linha = "", "" }), "não tem código de barras"},
		{"dv errado", mod(func(b *Boleto) { b.Barcode = "07798900200000151300001112064449900815936556" }), "código de barras"},
		{"linha de outro boleto", mod(func(b *Boleto) { b.Linha = "07790001161209533199200712646033498570000000950" }), "não conferem"},
		{"valor diferente", mod(func(b *Boleto) { b.Amount = 15131 }), "cobra R$ 151,30"},
		{"vencimento diferente", mod(func(b *Boleto) { b.DueDate = date(2022, time.June, 1) }), "vencimento"},
		{"pix com crc errado", mod(func(b *Boleto) { b.PixCopiaECola = strings.Replace(interPix, "ROLANDIA", "ROLANDIO", 1) }), "Pix"},
		{"logo inválido", mod(func(b *Boleto) { b.Logo = []byte("not an image") }), "logotipo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := RenderBoleto(io.Discard, tt.b, testOpts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if err := RenderBoletos(io.Discard, nil, testOpts); err == nil {
		t.Error("an empty selection printed")
	}
	if err := RenderCarne(io.Discard, []Boleto{realInter(), mod(func(b *Boleto) { b.Barcode = "" })}, testOpts); err == nil || !strings.Contains(err.Error(), "Boleto 2") {
		t.Errorf("error %v, want one naming the second boleto", err)
	}
}
