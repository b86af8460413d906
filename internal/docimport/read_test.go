package docimport

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/apperr"
)

// wantReadError checks that Read refuses data with an input error whose
// message has every part.
func wantReadError(t *testing.T, name string, data []byte, opts Options, parts ...string) {
	t.Helper()
	docs, err := Read(name, bytes.NewReader(data), opts)
	if err == nil {
		t.Fatalf("read %d documents, want an error", len(docs))
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
		t.Fatalf("error %v is not an input error", err)
	}
	for _, p := range append([]string{name}, parts...) {
		if !strings.Contains(ae.Message, p) {
			t.Errorf("message %q lacks %q", ae.Message, p)
		}
	}
}

func TestReadBadInput(t *testing.T) {
	t.Parallel()
	note := fixture(t, "nfe_400_cnpj_3dup.xml")
	tests := []struct {
		name  string
		data  []byte
		opts  Options
		parts []string
	}{
		{"truncated", note[:len(note)/2], testOptions(), []string{"incompleto", "baixe o XML"}},
		{"PDF", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), testOptions(), []string{"parece ser um PDF (DANFE?), importe o XML"}},
		{"event only", fixture(t, "nfe_event_only.xml"), testOptions(),
			[]string{"é um evento (Cancelamento) da NF-e 35260311222333000181550010000012341123456785", "não uma nota fiscal"}},
		{"another NF-e document", []byte(`<retConsSitNFe xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><cStat>100</cStat></retConsSitNFe>`),
			testOptions(), []string{"<retConsSitNFe>", "não é uma nota"}},
		{"unrelated XML", []byte(`<?xml version="1.0"?><pedido><item>1</item></pedido>`), testOptions(), []string{"<pedido>", "não é NF-e, CT-e nem NFS-e"}},
		{"unrelated XML with markup in a text", []byte(`<pedido><obs>&lt;b&gt;urgente&lt;/b&gt;</obs></pedido>`), testOptions(), []string{"<pedido>", "não é NF-e"}},
		{"truncated note escaped in SOAP", []byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><r>&lt;CompNfse&gt;&lt;Nfse&gt;</r></s:Body></s:Envelope>`),
			testOptions(), []string{"termina antes do fim"}},
		{"SOAP fault", []byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Certificado inválido</faultstring></s:Fault></s:Body></s:Envelope>`),
			testOptions(), []string{"resposta de erro do serviço web (Certificado inválido)"}},
		{"city answer without NFS-e", []byte(`<ConsultarNfseResposta xmlns="http://www.abrasf.org.br/nfse.xsd"><ListaMensagemRetorno><MensagemRetorno><Codigo>E92</Codigo><Mensagem>Nenhuma NFS-e encontrada</Mensagem></MensagemRetorno></ListaMensagemRetorno></ConsultarNfseResposta>`),
			testOptions(), []string{"resposta da prefeitura sem NFS-e (E92 Nenhuma NFS-e encontrada)"}},
		{"RPS batch", []byte(`<EnviarLoteRpsEnvio xmlns="http://www.abrasf.org.br/nfse.xsd"><LoteRps><ListaRps><Rps><InfDeclaracaoPrestacaoServico/></Rps></ListaRps></LoteRps></EnviarLoteRpsEnvio>`),
			testOptions(), []string{"RPS enviado à prefeitura"}},
		{"HTML page", []byte("<!DOCTYPE html>\n<html><body>Consulta NF-e</body></html>"), testOptions(), []string{"página da web (HTML)"}},
		{"empty", []byte(" \n\t"), testOptions(), []string{"está vazio"}},
		{"binary", []byte("\x00\x01\x02\x03binary"), testOptions(), []string{"não é um XML de NF-e, CT-e ou NFS-e nem uma planilha CSV"}},
		{"JSON", []byte(`{"nNF": 1}`), testOptions(), []string{"é um JSON"}},
		{"ZIP given to Read", []byte("PK\x03\x04rest"), testOptions(), []string{"é um ZIP"}},
		{"too large", note, Options{Today: testToday, MaxFileSize: 1024}, []string{"tem mais de 1 KB"}},
		{"undeclared entity", bytes.Replace(note, []byte("Sala 3"), []byte("Sala&nbsp;3"), 1), testOptions(), []string{"entidade", "nbsp"}},
		{"unsupported encoding", []byte(`<?xml version="1.0" encoding="Shift_JIS"?><NFe/>`), testOptions(), []string{`"Shift_JIS"`, "UTF-8"}},
		{"mismatched tags", []byte(`<nfeProc><NFe></nfeProc>`), testOptions(), []string{"não é um XML válido", "linha 1"}},
		{"DOCTYPE with entities", fixture(t, "bomb.xml"), testOptions(), []string{"DOCTYPE com ENTITY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantReadError(t, "entrada.xml", tt.data, tt.opts, tt.parts...)
		})
	}
}

// TestReadBombBoundedMemory: the billion-laughs file would expand to about
// 6 GB; refusing it must cost next to nothing.
func TestReadBombBoundedMemory(t *testing.T) {
	data := fixture(t, "bomb.xml")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 10 {
		if _, err := Read("bomb.xml", bytes.NewReader(data), testOptions()); err == nil {
			t.Fatal("bomb accepted")
		}
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Errorf("10 refusals allocated %d bytes", grew)
	}
}

func TestReadTreeLimits(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("<a>", maxXMLDepth+2) + strings.Repeat("</a>", maxXMLDepth+2)
	wantReadError(t, "fundo.xml", []byte(deep), testOptions(), "aninhados")
	wide := "<r>" + strings.Repeat("<a/>", maxXMLElements+1) + "</r>"
	wantReadError(t, "largo.xml", []byte(wide), Options{MaxFileSize: 8 << 20}, "elementos XML")
	// Skipped subtrees (products, signature) do not count.
	items := "<det>" + strings.Repeat("<x/>", maxXMLElements+1) + "</det>"
	note := strings.Replace(string(fixture(t, "nfe_400_nocobr.xml")), "<det nItem=\"1\">", items+"<det nItem=\"1\">", 1)
	if docs := readString(t, "itens.xml", note); len(docs) != 1 || len(docs[0].Errors) > 0 {
		t.Errorf("note with many items: %+v", docs)
	}
}

func TestReadCSVDispatch(t *testing.T) {
	// CSV content goes to the CSV reader: a missing column is its error.
	wantReadError(t, "pedidos.csv", []byte("tipo;numero;nome\npedido;1;Maria\n"), testOptions(), "pedidos.csv", "coluna")
	docs, err := Read("modelo.csv", bytes.NewReader(CSVTemplate()), testOptions())
	if err != nil || len(docs) == 0 || docs[0].Format != FormatCSV {
		t.Errorf("CSV template through Read: %v %+v", err, docs)
	}
	// An XML named .csv is still read as XML: the content decides.
	docs, err = Read("nota.csv", bytes.NewReader(fixture(t, "nfe_400_nocobr.xml")), testOptions())
	if err != nil || len(docs) != 1 || docs[0].Format != FormatNFe {
		t.Errorf("XML named .csv: %v %+v", err, docs)
	}
}

// zipFile writes a ZIP with the given entries (name → content) in order.
func zipFile(t testing.TB, path string, entries ...[2]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if path != "" {
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	_, msg := apperr.Describe(err)
	return msg
}

func TestReadZip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := string(fixture(t, "nfe_400_cnpj_3dup.xml")), string(fixture(t, "cte_400_toma3.xml"))
	lote := zipFile(t, filepath.Join(dir, "lote.zip"),
		[2]string{"notas/", ""},
		[2]string{"notas/nota1.xml", a},
		[2]string{"notas/DANFE.pdf", "%PDF-1.4"},
		[2]string{"__MACOSX/notas/._nota1.xml", "junk"},
		[2]string{"notas/frete.XML", b},
		[2]string{"notas/quebrada.xml", a[:300]},
	)
	res := ReadFile(filepath.Join(dir, "lote.zip"), testOptions())
	if len(res) != 3 {
		t.Fatalf("%d results: %+v", len(res), res)
	}
	base := filepath.Join(dir, "lote.zip")
	if res[0].File != base+"/notas/nota1.xml" || res[0].Err != nil || len(res[0].Documents) != 1 || res[0].Documents[0].File != res[0].File ||
		res[0].Documents[0].Number != "1234" {
		t.Errorf("nota1: %+v", res[0])
	}
	if res[1].File != base+"/notas/frete.XML" || res[1].Err != nil || len(res[1].Documents) != 1 || res[1].Documents[0].Kind != KindCTe {
		t.Errorf("frete: %+v", res[1])
	}
	if res[2].File != base+"/notas/quebrada.xml" || !strings.Contains(errText(res[2].Err), "quebrada.xml termina antes do fim") {
		t.Errorf("broken entry: %+v", res[2])
	}

	// One level of ZIP inside the ZIP is read; a second one is refused.
	inner := zipFile(t, "", [2]string{"n.xml", a})
	nested := zipFile(t, filepath.Join(dir, "externo.zip"), [2]string{"interno.zip", inner}, [2]string{"fundo.zip", zipFile(t, "", [2]string{"de-novo.zip", inner})})
	res = ReadFile(filepath.Join(dir, "externo.zip"), testOptions())
	if len(res) != 2 || res[0].File != filepath.Join(dir, "externo.zip")+"/interno.zip/n.xml" || len(res[0].Documents) != 1 {
		t.Fatalf("nested: %+v", res)
	}
	if !strings.Contains(errText(res[1].Err), "ZIP dentro de outro ZIP dentro de outro ZIP") || res[1].File != filepath.Join(dir, "externo.zip")+"/fundo.zip/de-novo.zip" {
		t.Errorf("second level: %+v", res[1])
	}
	_ = lote
	_ = nested

	// Only PDFs: one result saying so.
	zipFile(t, filepath.Join(dir, "pdfs.zip"), [2]string{"a.pdf", "%PDF"})
	res = ReadFile(filepath.Join(dir, "pdfs.zip"), testOptions())
	if len(res) != 1 || !strings.Contains(errText(res[0].Err), "não tem arquivos XML ou CSV") {
		t.Errorf("PDF-only zip: %+v", res)
	}

	// A file that starts like a ZIP but is not one.
	if err := os.WriteFile(filepath.Join(dir, "falso.zip"), []byte("PK\x03\x04 not really"), 0o600); err != nil {
		t.Fatal(err)
	}
	res = ReadFile(filepath.Join(dir, "falso.zip"), testOptions())
	if len(res) != 1 || !strings.Contains(errText(res[0].Err), "não é um ZIP válido") {
		t.Errorf("fake zip: %+v", res)
	}
}

func TestReadZipLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	note := string(fixture(t, "nfe_400_nocobr.xml"))

	t.Run("too many entries", func(t *testing.T) {
		t.Parallel()
		entries := make([][2]string, MaxZipEntries+1)
		for i := range entries {
			entries[i] = [2]string{fmt.Sprintf("n%05d.xml", i), ""}
		}
		p := filepath.Join(dir, "muitos.zip")
		zipFile(t, p, entries...)
		res := ReadFile(p, testOptions())
		if len(res) != 1 || !strings.Contains(errText(res[0].Err), "tem 5001 arquivos, mais que o limite de 5000") {
			t.Errorf("got %+v", res)
		}
	})

	t.Run("entry larger than the limit", func(t *testing.T) {
		t.Parallel()
		p := filepath.Join(dir, "grande.zip")
		zipFile(t, p, [2]string{"grande.xml", note + strings.Repeat(" ", 8192)}, [2]string{"ok.xml", note})
		res := ReadFile(p, Options{Today: testToday, MaxFileSize: 4096})
		if len(res) != 2 || !strings.Contains(errText(res[0].Err), "grande.xml tem mais de 4 KB") || res[1].Err != nil || len(res[1].Documents) != 1 {
			t.Errorf("got %+v", res)
		}
	})

	t.Run("entry that lies about its size", func(t *testing.T) {
		t.Parallel()
		// Compress 64 KB but declare 100 bytes: what is read is counted.
		var raw bytes.Buffer
		zw := zip.NewWriter(&raw)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "mentira.xml", Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		big := strings.Repeat("<a/>", 16<<10)
		io.WriteString(w, big)
		zw.Close()
		data := raw.Bytes()
		// Patch the sizes in the central directory header (offsets 20 and 24).
		cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
		for _, off := range []int{cd + 20, cd + 24} {
			data[off], data[off+1], data[off+2], data[off+3] = 100, 0, 0, 0
		}
		p := filepath.Join(dir, "mentira.zip")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		res := ReadFile(p, Options{Today: testToday, MaxFileSize: 4096})
		if len(res) != 1 || res[0].Err == nil || len(res[0].Documents) > 0 {
			t.Errorf("got %+v", res)
		}
	})

	t.Run("total expanded size", func(t *testing.T) {
		t.Parallel()
		limit := int64(len(note))
		var entries [][2]string
		for i := range zipTotalFactor + 2 {
			entries = append(entries, [2]string{fmt.Sprintf("n%02d.xml", i), note})
		}
		p := filepath.Join(dir, "total.zip")
		zipFile(t, p, entries...)
		res := ReadFile(p, Options{Today: testToday, MaxFileSize: limit})
		if len(res) != zipTotalFactor+1 {
			t.Fatalf("%d results, want %d read and one refusal", len(res), zipTotalFactor+1)
		}
		for _, r := range res[:zipTotalFactor] {
			if r.Err != nil || len(r.Documents) != 1 {
				t.Errorf("%s: %v", r.File, r.Err)
			}
		}
		if last := res[zipTotalFactor]; last.File != p || !strings.Contains(errText(last.Err), "descompactado passa de") {
			t.Errorf("last: %+v", last)
		}
	})
}

func TestZipEntryCount(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 3} {
		entries := make([][2]string, n)
		for i := range entries {
			entries[i] = [2]string{fmt.Sprint(i), ""}
		}
		data := zipFile(t, "", entries...)
		got, ok := zipEntryCount(strings.NewReader(data), int64(len(data)))
		if !ok || got != uint64(n) {
			t.Errorf("%d entries: got %d, %v", n, got, ok)
		}
	}
	// A ZIP64 tail (end record, locator, classic end record saying 0xFFFF),
	// written by hand: a real archive of 70,000 entries is slow to build.
	tail := make([]byte, 56+20+22)
	le := binary.LittleEndian
	copy(tail, "PK\x06\x06")
	le.PutUint64(tail[4:], 44)
	le.PutUint64(tail[24:], 70000)
	le.PutUint64(tail[32:], 70000)
	loc := tail[56:]
	copy(loc, "PK\x06\x07")
	le.PutUint64(loc[8:], 0) // the ZIP64 end record starts the data
	end := tail[76:]
	copy(end, "PK\x05\x06")
	le.PutUint16(end[8:], 0xFFFF)
	le.PutUint16(end[10:], 0xFFFF)
	if got, ok := zipEntryCount(bytes.NewReader(tail), int64(len(tail))); !ok || got != 70000 {
		t.Errorf("ZIP64: got %d, %v", got, ok)
	}
	if _, ok := zipEntryCount(strings.NewReader("PK\x03\x04 no end record"), 20); ok {
		t.Error("found an end record in garbage")
	}
}

func TestReadPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.xml", fixture(t, "nfe_400_cnpj_3dup.xml"))
	write("b.txt", []byte("ignored"))
	write("c.pdf", []byte("%PDF-1.4"))
	write("d.csv", []byte("tipo;numero\npedido;1\n"))
	write("sub/e.xml", fixture(t, "nfse_nacional.xml"))
	write("sub/f.xml", []byte("<quebrado>"))
	zipFile(t, filepath.Join(dir, "g.zip"), [2]string{"h.xml", string(fixture(t, "cte_400_toma3.xml"))})
	write("planilha.xlsx", []byte("PK\x03\x04"))
	if err := os.Symlink(filepath.Join(dir, "a.xml"), filepath.Join(dir, "sub", "link.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "vazia"), 0o700); err != nil {
		t.Fatal(err)
	}

	res := ReadPaths([]string{dir, filepath.Join(dir, "nao-existe.xml"), filepath.Join(dir, "planilha.xlsx"),
		filepath.Join(dir, "vazia"), filepath.Join(dir, "c.pdf")}, testOptions())
	type row struct{ file, kind, err string }
	var got []row
	for _, r := range res {
		kind := ""
		for _, d := range r.Documents {
			kind += string(d.Kind)
		}
		got = append(got, row{strings.TrimPrefix(r.File, dir), kind, errText(r.Err)})
	}
	want := []struct{ file, kind, err string }{
		{"/a.xml", "nfe", ""},
		{"/d.csv", "", "colunas obrigatórias"},
		{"/g.zip/h.xml", "cte", ""},
		{"/sub/e.xml", "nfse", ""},
		{"/sub/f.xml", "", "termina antes do fim"},
		{"/sub/link.xml", "nfe", ""},
		{"/nao-existe.xml", "", "não existe"},
		{"/planilha.xlsx", "", "salve-a como CSV"},
		{"/vazia", "", "não tem arquivos XML, ZIP ou CSV"},
		{"/c.pdf", "", "parece ser um PDF"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results:\n%+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.file != w.file || g.kind != w.kind || (w.err == "") != (g.err == "") || !strings.Contains(g.err, w.err) {
			t.Errorf("result %d = %+v, want %+v", i, g, w)
		}
		if g.err != "" && !strings.Contains(g.err, dir) {
			t.Errorf("result %d does not name the file: %q", i, g.err)
		}
	}
}

// FuzzRead: no input makes Read panic, every error is a user message, and
// every document has installments or errors.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xml")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte(`<a>&lt;CompNfse&gt;&lt;Nfse&gt;&lt;InfNfse/&gt;&lt;/Nfse&gt;&lt;/CompNfse&gt;</a>`))
	f.Add([]byte("<NFe><infNFe><cobr><dup><vDup>1e9</vDup><dVenc>0000-00-00</dVenc></dup></cobr></infNFe></NFe>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := Read("fuzz.xml", bytes.NewReader(data), Options{Today: testToday, MaxFileSize: 1 << 20})
		if err != nil {
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Message == "" {
				t.Fatalf("error without a user message: %v", err)
			}
			return
		}
		for i, d := range docs {
			if len(d.Installments) == 0 && len(d.Errors) == 0 {
				t.Fatalf("document %d has neither installments nor errors: %+v", i, d)
			}
			for _, in := range d.Installments {
				if in.Amount < 0 || in.Seq < 1 {
					t.Fatalf("installment %+v", in)
				}
			}
		}
	})
}

// BenchmarkImportNFe1000 reads a folder of 1,000 NF-e (the 3-duplicata
// fixture with a different number and key in each) through ReadPaths.
//
// files/s is files read per second of wall time. peak-MB is the largest
// HeapInuse seen by a sampler that reads runtime.MemStats every 2 ms while
// the benchmark runs: a sample, so a spike shorter than that can be missed,
// and it includes the heap of the testing framework itself. B/op from
// ReportAllocs is the total allocated per 1,000 files, not a peak.
func BenchmarkImportNFe1000(b *testing.B) {
	dir := b.TempDir()
	src := string(fixture(b, "nfe_400_cnpj_3dup.xml"))
	const key = "35260311222333000181550010000012341123456785"
	for i := range 1000 {
		k := key[:25] + fmt.Sprintf("%09d", 100000+i) + key[34:43]
		k += fmt.Sprint(dvOf(k))
		note := strings.ReplaceAll(src, key, k)
		note = strings.Replace(note, "<nNF>1234</nNF>", fmt.Sprintf("<nNF>%d</nNF>", 100000+i), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("nfe%04d.xml", i)), []byte(note), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	b.ReportAllocs()
	start := time.Now()
	rounds := 0
	for b.Loop() {
		rounds++
		res := ReadPaths([]string{dir}, testOptions())
		if len(res) != 1000 || res[999].Err != nil || len(res[999].Documents[0].Warnings) > 0 {
			b.Fatalf("%d results; last %+v", len(res), res[len(res)-1])
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(1000*rounds)/elapsed.Seconds(), "files/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MB")
}

// dvOf is the check digit of a 43-digit access key base.
func dvOf(base string) int {
	for dv := range 10 {
		if accessKeyDVOK(base + fmt.Sprint(dv)) {
			return dv
		}
	}
	return -1
}
