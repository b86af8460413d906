package printing

import (
	"io"
	"testing"
)

// BenchmarkRenderBoleto renders the full page of Inter's real boleto.
func BenchmarkRenderBoleto(b *testing.B) {
	bo := realInter()
	for b.Loop() {
		if err := RenderBoleto(io.Discard, bo, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderCarne100 renders a carnê of 100 slips (34 pages).
func BenchmarkRenderCarne100(b *testing.B) {
	seven := carne7(b)
	bs := make([]Boleto, 100)
	for i := range bs {
		bs[i] = seven[i%len(seven)]
	}
	for b.Loop() {
		if err := RenderCarne(io.Discard, bs, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}
