package docimport

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// testToday is the import date of every test: due dates before it warn.
var testToday = boleto.Date{Year: 2026, Month: time.March, Day: 10}

func testOptions() Options { return Options{Today: testToday} }

func day(t testing.TB, s string) boleto.Date {
	t.Helper()
	d, err := boleto.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readString reads content as the file name would be, failing the test when
// the file cannot be read at all.
func readString(t testing.TB, name, content string) []Document {
	t.Helper()
	docs, err := Read(name, strings.NewReader(content), testOptions())
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return docs
}

// readOne reads a fixture that holds exactly one document.
func readOne(t testing.TB, name string) Document {
	t.Helper()
	docs := readString(t, name, string(fixture(t, name)))
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents, want 1", name, len(docs))
	}
	return docs[0]
}

// readEdited reads a fixture after replacing old with new (which must occur).
func readEdited(t testing.TB, name, old, new string) Document {
	t.Helper()
	src := string(fixture(t, name))
	if !strings.Contains(src, old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	docs := readString(t, name, strings.Replace(src, old, new, 1))
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents, want 1", name, len(docs))
	}
	return docs[0]
}

func inst(t testing.TB, number string, seq int, due, amount string) Installment {
	t.Helper()
	in := Installment{Number: number, Seq: seq}
	if due != "" {
		in.DueDate = day(t, due)
	}
	a, err := boleto.ParseDecimal(amount)
	if err != nil {
		t.Fatal(err)
	}
	in.Amount = a
	return in
}

// hasMessage reports whether one message contains every part.
func hasMessage(msgs []string, parts ...string) bool {
	for _, m := range msgs {
		ok := true
		for _, p := range parts {
			if !strings.Contains(m, p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func wantMessage(t testing.TB, kind string, msgs []string, parts ...string) {
	t.Helper()
	if !hasMessage(msgs, parts...) {
		t.Errorf("no %s contains %q; got:\n  %s", kind, parts, strings.Join(msgs, "\n  "))
	}
}

func TestNFeWithThreeDuplicatas(t *testing.T) {
	t.Parallel()
	got := readOne(t, "nfe_400_cnpj_3dup.xml")
	want := Document{
		File: "nfe_400_cnpj_3dup.xml", Format: FormatNFe, Kind: KindNFe,
		Number: "1234", Series: "1", AccessKey: "35260311222333000181550010000012341123456785",
		IssueDate: day(t, "2026-03-10"), Total: 161500,
		Payer: boleto.Payer{
			Document: "11444777000161", Name: "Comércio de Ferragens Boa Vista Ltda",
			Address: "Rua das Acácias", Number: "1250", Complement: "Sala 3", District: "Jardim Paulista",
			City: "São Paulo", UF: "SP", CEP: "01415001", Email: "financeiro@boavista.com.br", DDD: "11", Phone: "32345678",
		},
		Installments: []Installment{
			inst(t, "001", 1, "2026-04-09", "538.33"),
			inst(t, "002", 2, "2026-05-09", "538.33"),
			inst(t, "003", 3, "2026-06-08", "538.34"),
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestNFeBuyers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file         string
		payer        boleto.Payer
		installments func(t testing.TB) []Installment
		total        boleto.Cents
	}{
		{
			// Bare NFe, CPF buyer, duplicata without fat, mobile phone,
			// two e-mails of which the bank takes the first.
			file: "nfe_400_cpf_nofat.xml",
			payer: boleto.Payer{Document: "52998224725", Name: "Maria José da Silva", Address: "Praça da Liberdade",
				Number: "S/N", District: "Funcionários", City: "Belo Horizonte", UF: "MG", CEP: "30140071",
				Email: "maria.silva@example.com", DDD: "31", Phone: "987654321"},
			installments: func(t testing.TB) []Installment {
				return []Installment{inst(t, "001", 1, "2026-04-15", "250.00")}
			},
			total: 25000,
		},
		{
			// Alphanumeric CNPJ, 12 duplicatas numbered 47428/1-n, fat
			// without nFat, phone with the country code.
			file: "nfe_400_alnum_12dup.xml",
			payer: boleto.Payer{Document: "12ABC34501DE35", Name: "Nova Empresa Alfanumérica S.A.", Address: "Avenida Rio Branco",
				Number: "156", Complement: "Andar 12", District: "Centro", City: "Rio de Janeiro", UF: "RJ", CEP: "20040002",
				DDD: "21", Phone: "22223333"},
			installments: func(t testing.TB) []Installment {
				var out []Installment
				due := day(t, "2026-04-10")
				for i := 1; i <= 12; i++ {
					out = append(out, Installment{Number: "47428/1-" + itoa(i), Seq: i, DueDate: due, Amount: 10000})
					due = boleto.DateOf(due.Time(time.UTC).AddDate(0, 1, 0))
				}
				return out
			},
			total: 120000,
		},
		{
			// No cobr at all: one installment of vNF without a due date.
			file: "nfe_400_nocobr.xml",
			payer: boleto.Payer{Document: "98765432000198", Name: "Padaria Pão Quente ME", Address: "Rua XV de Novembro",
				Number: "88", District: "Centro", City: "Curitiba", UF: "PR", CEP: "80020310"},
			installments: func(t testing.TB) []Installment {
				return []Installment{inst(t, "1", 1, "", "89.90")}
			},
			total: 8990,
		},
		{
			// cobr with fat and no dup: one installment of vLiq.
			file: "nfe_400_fat_nodup.xml",
			payer: boleto.Payer{Document: "98765432000198", Name: "Padaria Pão Quente ME", Address: "Rua XV de Novembro",
				Number: "88", District: "Centro", City: "Curitiba", UF: "PR", CEP: "80020310"},
			installments: func(t testing.TB) []Installment {
				return []Installment{inst(t, "1", 1, "", "480.00")}
			},
			total: 48000,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			d := readOne(t, tt.file)
			if d.Payer != tt.payer {
				t.Errorf("payer\n got %+v\nwant %+v", d.Payer, tt.payer)
			}
			if want := tt.installments(t); !reflect.DeepEqual(d.Installments, want) {
				t.Errorf("installments\n got %+v\nwant %+v", d.Installments, want)
			}
			if d.Total != tt.total {
				t.Errorf("total %s, want %s", d.Total, tt.total)
			}
			if len(d.Warnings)+len(d.Errors) > 0 {
				t.Errorf("warnings %q, errors %q; want none", d.Warnings, d.Errors)
			}
		})
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

func TestNFeWarnings(t *testing.T) {
	t.Parallel()
	d := readOne(t, "nfe_400_warnings.xml")
	if len(d.Errors) > 0 {
		t.Fatalf("errors %q", d.Errors)
	}
	// The signed Id wins over a protocol that differs.
	if d.AccessKey != "35260311222333000181550010000012391623456780" {
		t.Errorf("key %s", d.AccessKey)
	}
	wantMessage(t, "warning", d.Warnings, "protNFe/chNFe 35260311222333000181550010000012401723456783", "infNFe/@Id 35260311222333000181550010000012391623456780")
	wantMessage(t, "warning", d.Warnings, "duplicata 001 vence em 01/03/2026", "antes da emissão", "09/03/2026")
	wantMessage(t, "warning", d.Warnings, "duplicata 001 venceu em 01/03/2026", "antes de hoje (10/03/2026)")
	wantMessage(t, "warning", d.Warnings, "duplicata 001 aparece 2 vezes")
	wantMessage(t, "warning", d.Warnings, "R$ 70,00", "cobr/fat/vLiq", "R$ 75,00")
	wantMessage(t, "warning", d.Warnings, "CEP 01310100", "RJ")
	if len(d.Warnings) != 6 {
		t.Errorf("%d warnings, want 6:\n  %s", len(d.Warnings), strings.Join(d.Warnings, "\n  "))
	}
	// The repeated nDup keeps both installments, told apart by Seq.
	want := []Installment{
		inst(t, "001", 1, "2026-03-01", "25.00"),
		inst(t, "001", 2, "2026-04-09", "25.00"),
		inst(t, "002", 3, "2026-05-09", "20.00"),
	}
	if !reflect.DeepEqual(d.Installments, want) {
		t.Errorf("installments %+v", d.Installments)
	}
	for _, w := range d.Warnings {
		if strings.Count(strings.TrimSuffix(w, "."), ". ") > 0 {
			t.Errorf("warning is more than one sentence: %q", w)
		}
	}
}

func TestNFeOlderLayouts(t *testing.T) {
	t.Parallel()
	d := readOne(t, "nfe_310.xml")
	if d.Number != "501" || d.Series != "2" || d.IssueDate != day(t, "2017-05-10") || d.Payer.Document != "11144477735" ||
		d.Payer.Complement != "APTO 501" || d.Payer.DDD != "31" || d.Payer.Phone != "32221100" {
		t.Errorf("3.10: %+v", d)
	}
	want := []Installment{inst(t, "000030-1", 1, "2017-06-09", "200.00"), inst(t, "000030-2", 2, "2017-07-09", "200.00")}
	if !reflect.DeepEqual(d.Installments, want) {
		t.Errorf("3.10 installments %+v", d.Installments)
	}
	// Due dates of 2017 are long past on the import date.
	wantMessage(t, "warning", d.Warnings, "000030-1 venceu em 09/06/2017")
	wantMessage(t, "warning", d.Warnings, "000030-2 venceu em 09/07/2017")

	d = readOne(t, "nfe_200_badcpf.xml")
	if d.IssueDate != day(t, "2012-08-20") {
		t.Errorf("2.00 dEmi: %s", d.IssueDate)
	}
	wantMessage(t, "error", d.Errors, "CPF 12345678900", "dest/CPF", "NF-e 1244", "não é válido")
}

func TestNFeBatch(t *testing.T) {
	t.Parallel()
	docs := readString(t, "lote.xml", string(fixture(t, "nfe_envi_batch.xml")))
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	if docs[0].Number != "1245" || docs[0].Payer.Document != "11444777000161" || len(docs[0].Installments) != 1 ||
		docs[0].Installments[0] != inst(t, "001", 1, "2026-04-09", "120.00") {
		t.Errorf("first: %+v", docs[0])
	}
	want := []Installment{inst(t, "001", 1, "2026-04-20", "40.00"), inst(t, "002", 2, "2026-05-20", "40.00")}
	if docs[1].Number != "1246" || docs[1].Payer.Document != "52998224725" || !reflect.DeepEqual(docs[1].Installments, want) {
		t.Errorf("second: %+v", docs[1])
	}
	for _, d := range docs {
		if d.File != "lote.xml" || len(d.Errors)+len(d.Warnings) > 0 {
			t.Errorf("%s: file %q, warnings %q, errors %q", d.Number, d.File, d.Warnings, d.Errors)
		}
	}
}

func TestNFeRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		doc   func(t testing.TB) Document
		parts []string
	}{
		{"foreign buyer", func(t testing.TB) Document { return readOne(t, "nfe_400_foreign.xml") },
			[]string{"destinatário da NF-e 1241 é estrangeiro", "cobre por outro meio"}},
		{"cancelled by protocol", func(t testing.TB) Document { return readOne(t, "nfe_400_cancelled.xml") },
			[]string{"NF-e 1242 foi cancelada", "cStat 101"}},
		{"cancellation event in the nfeProc", func(t testing.TB) Document { return readOne(t, "nfe_400_cancel_event.xml") },
			[]string{"NF-e 1243 tem um evento de cancelamento (Cancelamento)"}},
		{"no dest (NFC-e)", func(t testing.TB) Document { return readOne(t, "nfce_nodest.xml") },
			[]string{"NFC-e 77 não tem destinatário (dest)"}},
		{"denied", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cnpj_3dup.xml", "<cStat>100</cStat>", "<cStat>110</cStat>")
		}, []string{"uso denegado", "cStat 110"}},
		{"cancelled with a 135 protocol", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cnpj_3dup.xml", "<cStat>100</cStat><xMotivo>Autorizado o uso da NF-e</xMotivo>",
				"<cStat>135</cStat><xMotivo>Evento de Cancelamento registrado</xMotivo>")
		}, []string{"NF-e 1234 foi cancelada", "cStat 135"}},
		{"invalid CNPJ", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cnpj_3dup.xml", "<CNPJ>11444777000161</CNPJ>", "<CNPJ>11444777000162</CNPJ>")
		}, []string{"CNPJ 11444777000162", "dest/CNPJ", "não é válido"}},
		{"zero duplicata", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cpf_nofat.xml", "<vDup>250.00</vDup>", "<vDup>0.00</vDup>")
		}, []string{"duplicata 001", "valor zero"}},
		{"unreadable amount", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cpf_nofat.xml", "<vDup>250.00</vDup>", "<vDup>250,00</vDup>")
		}, []string{`"250,00"`, "dup/vDup", "não é um número válido"}},
		{"invalid due date", func(t testing.TB) Document {
			return readEdited(t, "nfe_400_cpf_nofat.xml", "<dVenc>2026-04-15</dVenc>", "<dVenc>2026-02-30</dVenc>")
		}, []string{`"2026-02-30"`, "duplicata 001", "cobr/dup/dVenc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := tt.doc(t)
			wantMessage(t, "error", d.Errors, tt.parts...)
		})
	}
}

func TestNFeAcceptedVariants(t *testing.T) {
	t.Parallel()
	// A cancellation event that SEFAZ refused does not cancel the note.
	d := readEdited(t, "nfe_400_cancel_event.xml", "<cStat>135</cStat>", "<cStat>573</cStat>")
	if len(d.Errors) > 0 {
		t.Errorf("refused event: errors %q", d.Errors)
	}
	d = readEdited(t, "nfe_400_cnpj_3dup.xml", "<tpAmb>1</tpAmb><finNFe>1</finNFe>", "<tpAmb>2</tpAmb><finNFe>1</finNFe>")
	wantMessage(t, "warning", d.Warnings, "homologação")
	// A CPF in the CNPJ tag is still the buyer's document.
	d = readEdited(t, "nfe_400_cnpj_3dup.xml", "<CNPJ>11444777000161</CNPJ>", "<CNPJ>529.982.247-25</CNPJ>")
	if d.Payer.Document != "52998224725" || len(d.Errors) > 0 {
		t.Errorf("CPF in CNPJ: %q %q", d.Payer.Document, d.Errors)
	}
	// Without the Id the protocol's key is used; a wrong check digit warns.
	d = readEdited(t, "nfe_400_cnpj_3dup.xml", `Id="NFe35260311222333000181550010000012341123456785"`, "")
	if d.AccessKey != "35260311222333000181550010000012341123456785" || len(d.Warnings) > 0 {
		t.Errorf("key from protNFe: %q %q", d.AccessKey, d.Warnings)
	}
	d = readEdited(t, "nfe_400_cpf_nofat.xml", "NFe35260311222333000181550010000012351223456784", "NFe35260311222333000181550010000012351223456780")
	wantMessage(t, "warning", d.Warnings, "35260311222333000181550010000012351223456780", "dígito verificador")
	// Without duplicatas, a note paid by Pix warns; one paid by boleto does not.
	d = readEdited(t, "nfe_400_nocobr.xml", "<tPag>15</tPag>", "<tPag>17</tPag>")
	wantMessage(t, "warning", d.Warnings, "NF-e 1237", "Pix (tPag 17)", "não boleto")
	if d := readOne(t, "nfe_400_nocobr.xml"); len(d.Warnings) > 0 {
		t.Errorf("boleto payment warned: %q", d.Warnings)
	}
	// Without xMun the city is named from cMun, IBGE's code.
	d = readEdited(t, "nfe_400_nocobr.xml", "<xMun>Curitiba</xMun>", "")
	if d.Payer.City != "Curitiba" || d.Payer.UF != "PR" || len(d.Warnings) > 0 {
		t.Errorf("city from cMun: %q/%q %q", d.Payer.City, d.Payer.UF, d.Warnings)
	}
}

func TestNFeStringTemplate(t *testing.T) {
	t.Parallel()
	d := readOne(t, "nfe_string_template.xml")
	wantMessage(t, "warning", d.Warnings, `texto "string"`, "dest/CNPJ", "dest/xNome", "dup/dVenc")
	wantMessage(t, "error", d.Errors, "não traz CNPJ nem CPF do destinatário")
	wantMessage(t, "error", d.Errors, "não tem valor (cobr/dup/vDup)")
	if d.Payer.Name != "" || d.Number != "" {
		t.Errorf("placeholders kept: %+v", d)
	}
}

// TestNFeCharsets reads the same note written in the encodings Brazilian
// software declares, and in Latin-1 while claiming UTF-8.
func TestNFeCharsets(t *testing.T) {
	t.Parallel()
	src := fixture(t, "nfe_400_cpf_nofat.xml")
	latin1 := func(b []byte) []byte {
		var out []byte
		for _, r := range string(b) {
			if r > 0xFF {
				t.Fatalf("rune %q not in Latin-1", r)
			}
			out = append(out, byte(r))
		}
		return out
	}
	declare := func(b []byte, enc string) []byte {
		return bytes.Replace(b, []byte(`encoding="UTF-8"`), []byte(`encoding="`+enc+`"`), 1)
	}
	utf16le := func(b []byte) []byte {
		out := []byte{0xFF, 0xFE}
		for _, r := range string(b) {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	tests := []struct {
		name    string
		data    []byte
		recoded bool
	}{
		{"ISO-8859-1", latin1(declare(src, "ISO-8859-1")), false},
		{"windows-1252", latin1(declare(src, "windows-1252")), false},
		{"Latin-1 declared as UTF-8", latin1(src), true},
		{"Latin-1 declared as utf8", latin1(declare(src, "utf8")), true},
		{"Latin-1 with no declaration", latin1(bytes.Replace(src, []byte(`<?xml version="1.0" encoding="UTF-8"?>`), nil, 1)), true},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), src...), false},
		{"UTF-16 with BOM", utf16le(declare(src, "UTF-16")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := Read("nota.xml", bytes.NewReader(tt.data), testOptions())
			if err != nil || len(docs) != 1 {
				t.Fatalf("%v, %d docs", err, len(docs))
			}
			d := docs[0]
			if d.Payer.Name != "Maria José da Silva" || d.Payer.Address != "Praça da Liberdade" || d.Payer.District != "Funcionários" {
				t.Errorf("accents lost: %+v", d.Payer)
			}
			if got := hasMessage(d.Warnings, "nota.xml", "ISO-8859-1/Windows-1252"); got != tt.recoded {
				t.Errorf("recoding warning %v, want %v: %q", got, tt.recoded, d.Warnings)
			}
		})
	}

	// Windows-1252 has typographic quotes where ISO-8859-1 has controls.
	quoted := bytes.Replace(latin1(declare(src, "windows-1252")), []byte("Maria Jos\xe9 da Silva"), []byte("\x93Maria\x94 \x96 ME"), 1)
	docs, err := Read("nota.xml", bytes.NewReader(quoted), testOptions())
	if err != nil || len(docs) != 1 || docs[0].Payer.Name != "“Maria” – ME" {
		t.Errorf("windows-1252 quotes: %v %+v", err, docs)
	}
}
