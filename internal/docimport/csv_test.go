package docimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

var csvToday = boleto.Date{Year: 2026, Month: time.December, Day: 1}

func csvDate(y int, m time.Month, d int) boleto.Date { return boleto.Date{Year: y, Month: m, Day: d} }

// readCSVString reads content with csvToday and fails the test on a file
// error.
func csvReadString(t *testing.T, content string) []Document {
	t.Helper()
	docs, err := ReadCSV("planilha.csv", strings.NewReader(content), Options{Today: csvToday})
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return docs
}

// csvBaseHeader and csvBaseRow make a minimal valid file; rows are built
// from the base row with some cells changed.
var csvBaseHeader = []string{"tipo", "numero", "pagador_nome", "pagador_documento", "logradouro", "numero_endereco", "bairro", "cidade", "uf", "cep", "valor", "vencimento"}

func csvRow(changes ...string) []string {
	row := []string{"pedido", "10", "Maria da Silva", "529.982.247-25", "Rua das Flores", "123", "Centro", "São Paulo", "SP", "01310-100", "100,00", "10/12/2026"}
	for i := 0; i+1 < len(changes); i += 2 {
		j := slices.Index(csvBaseHeader, changes[i])
		if j < 0 {
			panic("no column " + changes[i])
		}
		row[j] = changes[i+1]
	}
	return row
}

// buildCSV writes rows with the csv package (quoting as needed).
func csvBuild(sep rune, rows ...[]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = sep
	if err := w.WriteAll(rows); err != nil {
		panic(err)
	}
	return b.String()
}

func csvDescribe(docs []Document) string {
	var b strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&b, "%s %q total=%v payer=%+v\n", d.Kind, d.Number, d.Total, d.Payer)
		for _, in := range d.Installments {
			fmt.Fprintf(&b, "  %+v\n", in)
		}
		for _, e := range d.Errors {
			fmt.Fprintf(&b, "  E: %s\n", e)
		}
		for _, w := range d.Warnings {
			fmt.Fprintf(&b, "  W: %s\n", w)
		}
	}
	return b.String()
}

func TestCSVTemplate(t *testing.T) {
	t.Parallel()
	tpl := CSVTemplate()
	if !bytes.HasPrefix(tpl, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("template does not start with a UTF-8 BOM: % x", tpl[:3])
	}
	lines := strings.Split(strings.TrimSuffix(string(tpl[3:]), "\r\n"), "\r\n")
	if len(lines) != 6 {
		t.Fatalf("template has %d lines, want a header and 5 rows:\n%s", len(lines), tpl)
	}
	if !strings.HasPrefix(lines[0], "tipo;numero;serie;emissao;pagador_nome;pagador_documento;") {
		t.Errorf("header = %q", lines[0])
	}

	docs, err := ReadCSV("modelo.csv", bytes.NewReader(tpl), Options{Today: csvToday})
	if err != nil {
		t.Fatalf("ReadCSV(template): %v", err)
	}
	issued := csvDate(2027, time.January, 5)
	plan := []Installment{{Number: "0", Seq: 1, DueDate: csvDate(2027, time.January, 20), Amount: 23456}}
	for i := range 10 {
		plan = append(plan, Installment{Number: fmt.Sprint(i + 1), Seq: i + 2, DueDate: csvDate(2027, time.February+time.Month(i), 15), Amount: 10000})
	}
	want := []Document{
		{
			File: "modelo.csv", Format: FormatCSV, Kind: KindSalesOrder, Number: "1001", IssueDate: issued, Total: 15000,
			Payer: boleto.Payer{
				Document: "52998224725", Name: "Maria da Silva", Address: "Rua das Flores", Number: "123", Complement: "Apto 4",
				District: "Centro", City: "São Paulo", UF: "SP", CEP: "01310100", Email: "maria@exemplo.com.br", DDD: "11", Phone: "987654321",
			},
			Installments: []Installment{{Number: "1", Seq: 1, DueDate: csvDate(2027, time.February, 10), Amount: 15000}},
		},
		{
			File: "modelo.csv", Format: FormatCSV, Kind: KindSalesOrder, Number: "2001", Series: "1", IssueDate: issued, Total: 100000,
			Payer: boleto.Payer{
				Document: "11222333000181", Name: "Comércio Exemplo Ltda", Address: "Avenida Atlântica", Number: "1000", Complement: "Bloco B; sala 201",
				District: "Copacabana", City: "Rio de Janeiro", UF: "RJ", CEP: "22021001", Email: "financeiro@exemplo.com.br", DDD: "21", Phone: "33334444",
			},
			Installments: []Installment{
				{Number: "1", Seq: 1, DueDate: csvDate(2027, time.February, 10), Amount: 33334},
				{Number: "2", Seq: 2, DueDate: csvDate(2027, time.March, 10), Amount: 33333},
				{Number: "3", Seq: 3, DueDate: csvDate(2027, time.April, 10), Amount: 33333},
			},
		},
		{
			File: "modelo.csv", Format: FormatCSV, Kind: KindServiceOrder, Number: "3001", IssueDate: issued, Total: 123456,
			Payer: boleto.Payer{
				Document: "11144477735", Name: "João Pereira", Address: "Rua da Bahia", Number: "500",
				District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30160011", Email: "joao@exemplo.com.br", DDD: "31", Phone: "998765432",
			},
			Installments: plan,
		},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("template read as\n%s\nwant\n%s", csvDescribe(docs), csvDescribe(want))
	}
}

// TestReadCSVSeparators reads the same documents written with ";" and with
// ",", with quoted cells holding the other separator, doubled quotes,
// accents in the header and the amount written three ways.
func TestReadCSVSeparators(t *testing.T) {
	t.Parallel()
	var results [][]Document
	for _, file := range []string{"ponto_e_virgula.csv", "virgula.csv"} {
		data, err := os.ReadFile("testdata/csv/" + file)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ReadCSV(file, bytes.NewReader(data), Options{Today: csvToday})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(docs) != 2 {
			t.Fatalf("%s: %d documents, want 2:\n%s", file, len(docs), csvDescribe(docs))
		}
		order := docs[0]
		if order.Kind != KindSalesOrder || order.Number != "500" || order.Total != 300050 {
			t.Errorf("%s: first document %s %q total %v", file, order.Kind, order.Number, order.Total)
		}
		if order.Payer.Name != "Silva; Souza & Cia" || order.Payer.Address != "Rua Augusta, 1500" || order.Payer.Complement != `Conjunto "A"` {
			t.Errorf("%s: quoted cells read as %+v", file, order.Payer)
		}
		wantInst := []Installment{
			{Number: "1/2", Seq: 1, DueDate: csvDate(2027, time.January, 10), Amount: 150000},
			{Number: "2/2", Seq: 2, DueDate: csvDate(2027, time.February, 10), Amount: 150050},
		}
		if !reflect.DeepEqual(order.Installments, wantInst) {
			t.Errorf("%s: installments %+v, want %+v", file, order.Installments, wantInst)
		}
		contract := docs[1]
		if contract.Kind != KindContract || contract.Number != "C-77" || contract.Total != 8990 || len(contract.Installments) != 1 {
			t.Errorf("%s: second document:\n%s", file, csvDescribe(docs[1:]))
		}
		for _, d := range docs {
			if len(d.Errors) > 0 || len(d.Warnings) > 0 {
				t.Errorf("%s: unexpected problems:\n%s", file, csvDescribe([]Document{d}))
			}
			d.File = ""
		}
		for i := range docs {
			docs[i].File = ""
		}
		results = append(results, docs)
	}
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Errorf("the two separators give different documents:\n%s\n%s", csvDescribe(results[0]), csvDescribe(results[1]))
	}
}

func TestReadCSVEncodings(t *testing.T) {
	t.Parallel()
	utf8Text := "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento;Observação\r\n" +
		"OS;77;José da Conceição;529.982.247-25;Praça da Sé;São Paulo;SP;01001-000;R$ 1.234,56;15/12/2026;pago à vista\r\n"
	// The same text in Windows-1252: é = E9, ç = E7, ã = E3, á = E1, à = E0.
	cp1252 := []byte("tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento;Observa\xe7\xe3o\r\n" +
		"OS;77;Jos\xe9 da Concei\xe7\xe3o;529.982.247-25;Pra\xe7a da S\xe9;S\xe3o Paulo;SP;01001-000;R$ 1.234,56;15/12/2026;pago \xe0 vista\r\n")
	// Non-ASCII text only after the first 64 KB window of a Windows-1252
	// file would be read as UTF-8, cell by cell falling back to 1252.
	long := bytes.Repeat([]byte("OS;1;Ana;529.982.247-25;Rua A;Curitiba;PR;80020-310;10,00;15/12/2026;x\r\n"), 70<<10/70)
	lateHeader := "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento;obs\r\n"
	lateCP1252 := append(append([]byte(lateHeader), long...), []byte("OS;2;Jos\xe9;529.982.247-25;Rua B;S\xe3o Paulo;SP;01001-000;10,00;15/12/2026;x\r\n")...)

	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(utf8Text)},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, utf8Text...)},
		{"Windows-1252", cp1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := ReadCSV("x.csv", bytes.NewReader(tt.data), Options{Today: csvToday})
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || len(docs[0].Errors) > 0 {
				t.Fatalf("documents:\n%s", csvDescribe(docs))
			}
			d := docs[0]
			if d.Kind != KindServiceOrder || d.Payer.Name != "José da Conceição" || d.Payer.Address != "Praça da Sé" || d.Payer.City != "São Paulo" {
				t.Errorf("read as %s %+v", d.Kind, d.Payer)
			}
			if want := []string{`A coluna "Observação" não é usada pela importação e foi ignorada; confira se o nome está certo.`}; !slices.Equal(d.Warnings, want) {
				t.Errorf("warnings = %q, want %q", d.Warnings, want)
			}
		})
	}
	t.Run("Windows-1252 after 64 KB", func(t *testing.T) {
		t.Parallel()
		docs, err := ReadCSV("x.csv", bytes.NewReader(lateCP1252), Options{Today: csvToday})
		if err != nil {
			t.Fatal(err)
		}
		last := docs[len(docs)-1]
		if last.Number != "2" || last.Payer.Name != "José" || last.Payer.City != "São Paulo" || len(last.Errors) > 0 {
			t.Errorf("last document:\n%s", csvDescribe([]Document{last}))
		}
	})
}

func TestReadCSVAmounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cell string
		want boleto.Cents
		err  string // the whole problem, when invalid
	}{
		{cell: "1.234,56", want: 123456},
		{cell: "1234.56", want: 123456},
		{cell: "1234,5", want: 123450},
		{cell: "1234.5", want: 123450},
		{cell: "R$ 10,00", want: 1000},
		{cell: "R$10", want: 1000},
		{cell: "r$ 2,50", want: 250},
		{cell: "R$\u00a01.000,00", want: 100000}, // Excel's no-break space
		{cell: "1.234", want: 123400},            // thousands, not 1,234 reais
		{cell: "1.000.000,01", want: 100000001},
		{cell: "99.999.999,99", want: boleto.MaxAmount},
		{cell: "12,3,4", err: `Linha 2, coluna "valor": "12,3,4" não é um valor; use 1.234,56.`},
		{cell: "1,234.56", err: `Linha 2, coluna "valor": "1,234.56" não é um valor; use 1.234,56.`},
		{cell: "1.2345", err: `Linha 2, coluna "valor": "1.2345" não é um valor; use 1.234,56.`},
		{cell: "1e3", err: `Linha 2, coluna "valor": "1e3" não é um valor; use 1.234,56.`},
		{cell: "dez reais", err: `Linha 2, coluna "valor": "dez reais" não é um valor; use 1.234,56.`},
		{cell: "10,555", err: `Linha 2, coluna "valor": "10,555" tem mais de 2 casas decimais; use 1.234,56.`},
		{cell: "-5,00", err: `Linha 2, coluna "valor": "-5,00": o valor não pode ser negativo.`},
		{cell: "(5,00)", err: `Linha 2, coluna "valor": "(5,00)": o valor não pode ser negativo.`},
		{cell: "", err: `Linha 2, coluna "valor": informe o valor, por exemplo 1.234,56.`},
		{cell: "2,49", err: `Linha 2, coluna "valor": R$ 2,49 é menor que o valor mínimo de um boleto (R$ 2,50).`},
		{cell: "0", err: `Linha 2, coluna "valor": R$ 0,00 é menor que o valor mínimo de um boleto (R$ 2,50).`},
		{cell: "100.000.000,00", err: `Linha 2, coluna "valor": R$ 100.000.000,00 passa do valor máximo de um boleto (R$ 99.999.999,99).`},
		{cell: "99999999999999999999", err: `Linha 2, coluna "valor": "99999999999999999999" é grande demais para um valor; confira se não sobrou algum dígito.`},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			t.Parallel()
			docs := csvReadString(t, csvBuild(';', csvBaseHeader, csvRow("valor", tt.cell)))
			if len(docs) != 1 {
				t.Fatalf("%d documents", len(docs))
			}
			d := docs[0]
			if tt.err != "" {
				if !slices.Equal(d.Errors, []string{tt.err}) || d.Installments != nil {
					t.Errorf("errors = %q, installments %v; want only %q", d.Errors, d.Installments, tt.err)
				}
				return
			}
			if len(d.Errors) > 0 || len(d.Installments) != 1 || d.Installments[0].Amount != tt.want || d.Total != tt.want {
				t.Errorf("got\n%s\nwant amount %v", csvDescribe(docs), tt.want)
			}
		})
	}
}

func TestReadCSVDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cell string
		want boleto.Date
		err  string
	}{
		{cell: "15/12/2026", want: csvDate(2026, time.December, 15)},
		{cell: "5/1/2027", want: csvDate(2027, time.January, 5)},
		{cell: "2027-01-05", want: csvDate(2027, time.January, 5)},
		{cell: "29/02/2028", want: csvDate(2028, time.February, 29)},
		{cell: "15/12/2026 00:00:00", want: csvDate(2026, time.December, 15)},
		{cell: "29/02/2027", err: `Linha 2, coluna "vencimento": "29/02/2027" não existe no calendário; confira o dia e o mês.`},
		{cell: "15/12/26", err: `Linha 2, coluna "vencimento": "15/12/26": escreva o ano com 4 dígitos, por exemplo 15/08/2026.`},
		{cell: "2026/12/15", err: `Linha 2, coluna "vencimento": "2026/12/15" não é uma data; use dd/mm/aaaa, por exemplo 15/08/2026.`},
		{cell: "15-12-2026", err: `Linha 2, coluna "vencimento": "15-12-2026" não é uma data; use dd/mm/aaaa, por exemplo 15/08/2026.`},
		{cell: "15/12/2026 10:30", err: `Linha 2, coluna "vencimento": "15/12/2026 10:30" não é uma data; use dd/mm/aaaa, por exemplo 15/08/2026.`},
		{cell: "amanhã", err: `Linha 2, coluna "vencimento": "amanhã" não é uma data; use dd/mm/aaaa, por exemplo 15/08/2026.`},
		{cell: "", err: `Linha 2, coluna "vencimento": informe a data de vencimento (dd/mm/aaaa) ou, para um parcelamento, preencha "parcelas".`},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			t.Parallel()
			d := csvReadString(t, csvBuild(';', csvBaseHeader, csvRow("vencimento", tt.cell)))[0]
			if tt.err != "" {
				if !slices.Equal(d.Errors, []string{tt.err}) {
					t.Errorf("errors = %q, want %q", d.Errors, tt.err)
				}
				return
			}
			if len(d.Errors) > 0 || d.Installments[0].DueDate != tt.want {
				t.Errorf("got\n%s\nwant due date %v", csvDescribe([]Document{d}), tt.want)
			}
		})
	}
}

// TestReadCSVBadCells reads a file with invalid cells in many columns and
// rows: every one is reported, in file order, on its own document, and the
// valid document is unaffected.
func TestReadCSVBadCells(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/csv/erros.csv")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadCSV("erros.csv", bytes.NewReader(data), Options{Today: csvToday})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind   Kind
		number string
		errs   []string
	}{
		{KindSalesOrder, "1", []string{
			`Linha 2, coluna "valor": "12,3,4" não é um valor; use 1.234,56.`,
			`Linha 2, coluna "vencimento": "31/02/2027" não existe no calendário; confira o dia e o mês.`,
		}},
		{KindSalesOrder, "2", []string{
			`Linha 3, coluna "pagador_nome": informe o nome do pagador.`,
			`Linha 3, coluna "pagador_documento": CPF inválido: dígitos verificadores não conferem. Confira o número digitado.`,
			`Linha 3, coluna "uf": UF "XX" inválida do pagador: use a sigla de um dos 27 estados, por exemplo SP.`,
			`Linha 3, coluna "cep": CEP inválido: deve ter 8 números; foram informados 7.`,
		}},
		{"", "3", []string{
			`Linha 5, coluna "tipo": "boleto" não é um tipo de documento; use pedido, venda, OS, venda futura ou contrato.`,
		}},
		{KindServiceOrder, "", []string{
			`Linha 6, coluna "numero": informe o número do documento.`,
		}},
		{KindServiceOrder, "4", nil},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d documents, want %d:\n%s", len(docs), len(want), csvDescribe(docs))
	}
	for i, w := range want {
		d := docs[i]
		if d.Kind != w.kind || d.Number != w.number || !slices.Equal(d.Errors, w.errs) {
			t.Errorf("document %d: %s %q errors\n%q\nwant %s %q errors\n%q", i, d.Kind, d.Number, d.Errors, w.kind, w.number, w.errs)
		}
		if len(d.Errors) > 0 && (d.Installments != nil || d.Total != 0) {
			t.Errorf("document %d has errors but installments %v, total %v", i, d.Installments, d.Total)
		}
	}
	if ok := docs[4]; len(ok.Installments) != 1 || ok.Installments[0].Amount != 2000 || ok.Installments[0].DueDate != csvDate(2027, time.January, 10) {
		t.Errorf("valid document:\n%s", csvDescribe(docs[4:]))
	}
}

func TestReadCSVMixedDocumentCells(t *testing.T) {
	t.Parallel()
	header := append(slices.Clone(csvBaseHeader), "serie", "email")
	row := func(changes ...string) []string {
		r := csvRow(changes...)
		return append(r, "1", "maria@exemplo.com.br")
	}
	content := csvBuild(';', header,
		row("numero", "10", "vencimento", "10/12/2026"),
		row("numero", "11"),
		// Later rows may leave document cells blank, or repeat them with
		// another mask or case.
		row("numero", "10", "vencimento", "10/01/2027", "pagador_documento", "52998224725", "pagador_nome", "MARIA  DA SILVA", "cep", "01310100"),
		append(csvRow("numero", "10", "vencimento", "10/02/2027", "pagador_nome", "", "pagador_documento", "", "logradouro", "", "cidade", "", "uf", "", "cep", ""), "", ""),
		// Another payer on the same order is an error.
		row("numero", "10", "vencimento", "10/03/2027", "pagador_documento", "111.444.777-35", "cidade", "Campinas"),
		append(row("numero", "10", "vencimento", "10/04/2027")[:len(header)-2], "2", ""),
	)
	docs := csvReadString(t, content)
	if len(docs) != 2 {
		t.Fatalf("%d documents:\n%s", len(docs), csvDescribe(docs))
	}
	want := []string{
		`Linha 6, coluna "pagador_documento": "111.444.777-35" difere do informado na linha 2 ("529.982.247-25"); todas as linhas do pedido 10 devem ter o mesmo pagador.`,
		`Linha 6, coluna "cidade": "Campinas" difere do informado na linha 2 ("São Paulo"); todas as linhas do pedido 10 devem ter o mesmo pagador.`,
		`Linha 7, coluna "serie": "2" difere do informado na linha 2 ("1"); todas as linhas do pedido 10 devem ter a mesma série.`,
	}
	if !slices.Equal(docs[0].Errors, want) {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(docs[0].Errors, "\n"), strings.Join(want, "\n"))
	}
	if other := docs[1]; other.Number != "11" || len(other.Errors) > 0 || len(other.Installments) != 1 {
		t.Errorf("order 11 should be unaffected:\n%s", csvDescribe(docs[1:]))
	}

	// Without the conflicting rows, blank and re-masked cells are accepted.
	lines := strings.SplitAfter(content, "\n")
	docs = csvReadString(t, strings.Join(lines[:5], ""))
	if d := docs[0]; len(d.Errors) > 0 || len(d.Installments) != 3 || d.Payer.Name != "Maria da Silva" || d.Series != "1" {
		t.Errorf("consistent rows:\n%s", csvDescribe(docs))
	}
}

func TestReadCSVInstallmentRows(t *testing.T) {
	t.Parallel()
	header := append(slices.Clone(csvBaseHeader), "parcela")
	row := func(number, due, amount string) []string {
		return append(csvRow("vencimento", due, "valor", amount), number)
	}
	t.Run("numbers as written, in row order", func(t *testing.T) {
		t.Parallel()
		docs := csvReadString(t, csvBuild(';', header,
			row("001", "10/01/2027", "10,00"), row("", "10/02/2027", "20,00"), row("003", "10/03/2027", "30,00")))
		want := []Installment{
			{Number: "001", Seq: 1, DueDate: csvDate(2027, 1, 10), Amount: 1000},
			{Number: "2", Seq: 2, DueDate: csvDate(2027, 2, 10), Amount: 2000},
			{Number: "003", Seq: 3, DueDate: csvDate(2027, 3, 10), Amount: 3000},
		}
		if d := docs[0]; !reflect.DeepEqual(d.Installments, want) || d.Total != 6000 {
			t.Errorf("got\n%s", csvDescribe(docs))
		}
	})
	t.Run("repeated number", func(t *testing.T) {
		t.Parallel()
		docs := csvReadString(t, csvBuild(';', header, row("1", "10/01/2027", "10,00"), row("1", "10/02/2027", "20,00")))
		want := []string{`Linha 3, coluna "parcela": a parcela "1" do pedido 10 já aparece na linha 2; cada parcela precisa de um número diferente.`}
		if !slices.Equal(docs[0].Errors, want) {
			t.Errorf("errors = %q, want %q", docs[0].Errors, want)
		}
	})
	t.Run("more than 120", func(t *testing.T) {
		t.Parallel()
		rows := [][]string{header}
		for i := range 121 {
			rows = append(rows, row("", csvDate(2027, 1, 1).AddDays(i).BR(), "10,00"))
		}
		docs := csvReadString(t, csvBuild(';', rows...))
		want := []string{`Linha 122, coluna "parcela": O pedido 10 passa de 120 parcelas, o máximo de um documento.`}
		if !slices.Equal(docs[0].Errors, want) {
			t.Errorf("errors = %q, want %q", docs[0].Errors, want)
		}
	})
}

func TestReadCSVPlans(t *testing.T) {
	t.Parallel()
	header := append(slices.Clone(csvBaseHeader), "parcelas", "primeiro_vencimento", "intervalo", "entrada", "vencimento_entrada")
	plan := func(total, count, first, interval, down, downDue string) []string {
		return append(csvRow("numero", "P1", "valor", total, "vencimento", ""), count, first, interval, down, downDue)
	}
	t.Run("monthly from the 31st", func(t *testing.T) {
		t.Parallel()
		d := csvReadString(t, csvBuild(';', header, plan("100,00", "3", "31/12/2026", "", "", "")))[0]
		want := []Installment{
			{Number: "1", Seq: 1, DueDate: csvDate(2026, 12, 31), Amount: 3333},
			{Number: "2", Seq: 2, DueDate: csvDate(2027, 1, 31), Amount: 3333},
			{Number: "3", Seq: 3, DueDate: csvDate(2027, 2, 28), Amount: 3334},
		}
		if !reflect.DeepEqual(d.Installments, want) || d.Total != 10000 || len(d.Errors) > 0 {
			t.Errorf("got\n%s", csvDescribe([]Document{d}))
		}
	})
	t.Run("every 15 days with a down payment", func(t *testing.T) {
		t.Parallel()
		d := csvReadString(t, csvBuild(';', header, plan("R$ 1.000,00", "2", "2027-01-10", "15 dias", "400", "05/01/2027")))[0]
		want := []Installment{
			{Number: "0", Seq: 1, DueDate: csvDate(2027, 1, 5), Amount: 40000},
			{Number: "1", Seq: 2, DueDate: csvDate(2027, 1, 10), Amount: 30000},
			{Number: "2", Seq: 3, DueDate: csvDate(2027, 1, 25), Amount: 30000},
		}
		if !reflect.DeepEqual(d.Installments, want) || d.Total != 100000 || len(d.Errors) > 0 {
			t.Errorf("got\n%s", csvDescribe([]Document{d}))
		}
	})
	t.Run("due dates in the past are warned about", func(t *testing.T) {
		t.Parallel()
		d := csvReadString(t, csvBuild(';', header, plan("30,00", "3", "15/11/2026", "", "", "")))[0]
		want := []string{`Linha 2, coluna "primeiro_vencimento": 1 das 3 parcelas deste parcelamento vence antes de hoje (01/12/2026); confira as datas.`}
		if len(d.Errors) > 0 || len(d.Installments) != 3 || !slices.Equal(d.Warnings, want) {
			t.Errorf("got\n%s\nwant warnings %q", csvDescribe([]Document{d}), want)
		}
	})
	t.Run("first due date in the vencimento column", func(t *testing.T) {
		t.Parallel()
		row := plan("30,00", "3", "", "30", "", "")
		row[slices.Index(header, "vencimento")] = "10/12/2026"
		d := csvReadString(t, csvBuild(';', header, row))[0]
		if len(d.Errors) > 0 || len(d.Installments) != 3 || d.Installments[2].DueDate != csvDate(2027, 2, 8) {
			t.Errorf("got\n%s", csvDescribe([]Document{d}))
		}
	})

	tests := []struct {
		name string
		row  []string
		want []string
	}{
		{
			name: "bad cells",
			row:  plan("100,00", "dez", "31/11/2026", "bimestral", "x", ""),
			want: []string{
				`Linha 2, coluna "parcelas": "dez" não é um número de parcelas; use um número inteiro de 1 a 120.`,
				`Linha 2, coluna "primeiro_vencimento": "31/11/2026" não existe no calendário; confira o dia e o mês.`,
				`Linha 2, coluna "intervalo": "bimestral" não é um intervalo; use "mensal" ou um número de dias, por exemplo 30.`,
				`Linha 2, coluna "entrada": "x" não é um valor; use 1.234,56.`,
			},
		},
		{
			name: "plan rules",
			row:  plan("20,00", "10", "10/01/2027", "", "5,00", "10/01/2027"),
			want: []string{
				`Linha 2, coluna "parcelas": com 10 parcelas, cada uma ficaria com R$ 1,50, abaixo do mínimo de R$ 2,50 por boleto. Use no máximo 6 parcelas.`,
				`Linha 2, coluna "vencimento_entrada": o vencimento da entrada (10/01/2027) deve ser antes do primeiro vencimento das parcelas (10/01/2027).`,
			},
		},
		{
			name: "too many installments",
			row:  plan("10.000,00", "121", "10/01/2027", "", "", ""),
			want: []string{`Linha 2, coluna "parcelas": o número de parcelas deve ser de 1 a 120; foi informado 121.`},
		},
		{
			name: "no first due date",
			row:  plan("100,00", "2", "", "", "", ""),
			want: []string{`Linha 2, coluna "primeiro_vencimento": informe a data do primeiro vencimento.`},
		},
		{
			name: "down payment without its date",
			row:  plan("100,00", "2", "10/01/2027", "", "10,00", ""),
			want: []string{`Linha 2, coluna "vencimento_entrada": informe o vencimento da entrada.`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := csvReadString(t, csvBuild(';', header, tt.row))[0]
			if !slices.Equal(d.Errors, tt.want) || d.Installments != nil {
				t.Errorf("errors:\n%s\nwant\n%s", strings.Join(d.Errors, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}

	t.Run("installment rows then a plan", func(t *testing.T) {
		t.Parallel()
		withNumber := append(slices.Clone(header), "parcela")
		single := append(csvRow("numero", "P1", "valor", "10,00"), "", "", "", "", "", "")
		planned := append(plan("50,00", "2", "10/01/2027", "", "", ""), "1")
		planned[slices.Index(header, "vencimento")] = "11/01/2027"
		d := csvReadString(t, csvBuild(';', withNumber, single, planned))[0]
		want := []string{
			`Linha 3, coluna "vencimento": "11/01/2027" difere do primeiro vencimento (10/01/2027); numa linha com "parcelas" preencha só "primeiro_vencimento".`,
			`Linha 3, coluna "parcelas": O pedido P1 já tem parcelas em outras linhas (a partir da linha 2); use uma linha só, com "parcelas", ou uma linha por parcela.`,
			`Linha 3, coluna "parcela": numa linha com "parcelas" as parcelas são numeradas sozinhas; apague esta célula.`,
		}
		if !slices.Equal(d.Errors, want) {
			t.Errorf("errors:\n%s\nwant\n%s", strings.Join(d.Errors, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("plan and installment rows mixed", func(t *testing.T) {
		t.Parallel()
		single := append(csvRow("numero", "P1", "valor", "10,00"), "", "", "mensal", "", "")
		d := csvReadString(t, csvBuild(';', header, plan("100,00", "2", "10/01/2027", "", "", ""), single, plan("50,00", "2", "10/01/2027", "", "", "")))[0]
		want := []string{
			`Linha 3, coluna "parcelas": O pedido P1 já tem um parcelamento na linha 2; use uma linha só, com "parcelas", ou uma linha por parcela.`,
			`Linha 3, coluna "intervalo": só vale para um parcelamento: preencha a coluna "parcelas" ou apague esta célula.`,
			`Linha 4, coluna "parcelas": O pedido P1 já tem um parcelamento na linha 2; use uma linha só, com "parcelas", ou uma linha por parcela.`,
		}
		if !slices.Equal(d.Errors, want) {
			t.Errorf("errors:\n%s\nwant\n%s", strings.Join(d.Errors, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestReadCSVWarnings(t *testing.T) {
	t.Parallel()
	header := append(slices.Clone(csvBaseHeader), "telefone", "Observações", "vendedor")
	content := csvBuild(';', header,
		append(csvRow("cep", "20040-020", "vencimento", "30/11/2026", "pagador_documento", "1234567890"), "(21) 2222-3333", "", ""),
	)
	d := csvReadString(t, content)[0]
	want := []string{
		`As colunas "Observações" e "vendedor" não são usadas pela importação e foram ignoradas; confira se os nomes estão certos.`,
		`Linha 2, coluna "pagador_documento": "1234567890" veio sem os zeros à esquerda (a planilha o tratou como número) e foi lido como 012.345.678-90; confira.`,
		`Linha 2, coluna "cep": o CEP 20040-020 não pertence à faixa de CEPs de SP. Confira o CEP e a UF do pagador.`,
		`Linha 2, coluna "vencimento": o vencimento 30/11/2026 já passou (hoje é 01/12/2026).`,
	}
	if len(d.Errors) > 0 || !slices.Equal(d.Warnings, want) {
		t.Errorf("errors %q\nwarnings:\n%s\nwant\n%s", d.Errors, strings.Join(d.Warnings, "\n"), strings.Join(want, "\n"))
	}
	if d.Payer.Document != "01234567890" || d.Payer.DDD != "21" || d.Payer.Phone != "22223333" || d.Payer.CEP != "20040020" {
		t.Errorf("payer = %+v", d.Payer)
	}
	if len(d.Installments) != 1 {
		t.Errorf("warnings must not drop the installment: %+v", d.Installments)
	}
}

func TestReadCSVPhones(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cell, ddd, phone, err string
	}{
		{cell: "(11) 98765-4321", ddd: "11", phone: "987654321"},
		{cell: "+55 11 98765-4321", ddd: "11", phone: "987654321"},
		{cell: "1132221000", ddd: "11", phone: "32221000"},
		{cell: "98765-4321", err: `Linha 2, coluna "telefone": "98765-4321": informe o telefone com DDD, por exemplo (11) 98765-4321.`},
		{cell: "ramal 20", err: `Linha 2, coluna "telefone": "ramal 20" não é um telefone; use DDD e número, por exemplo (11) 98765-4321.`},
		{cell: "(01) 98765-4321", err: `Linha 2, coluna "telefone": o DDD do pagador deve ter 2 números, de 11 a 99 (por exemplo 11); foi informado "01".`},
	}
	header := append(slices.Clone(csvBaseHeader), "telefone")
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			t.Parallel()
			d := csvReadString(t, csvBuild(';', header, append(csvRow(), tt.cell)))[0]
			if tt.err != "" {
				if !slices.Equal(d.Errors, []string{tt.err}) {
					t.Errorf("errors = %q, want %q", d.Errors, tt.err)
				}
				return
			}
			if len(d.Errors) > 0 || d.Payer.DDD != tt.ddd || d.Payer.Phone != tt.phone {
				t.Errorf("got %+v, errors %q", d.Payer, d.Errors)
			}
		})
	}
}

func TestReadCSVKinds(t *testing.T) {
	t.Parallel()
	tests := map[string]Kind{
		"pedido": KindSalesOrder, "Venda": KindSalesOrder, "Pedido de Venda": KindSalesOrder,
		"OS": KindServiceOrder, "O.S.": KindServiceOrder, "Ordem de Serviço": KindServiceOrder, "ORDEM DE SERVICO": KindServiceOrder,
		"venda futura": KindFutureSale, "Venda Futura": KindFutureSale,
		"contrato": KindContract, "Contrato": KindContract,
	}
	for cell, want := range tests {
		d := csvReadString(t, csvBuild(';', csvBaseHeader, csvRow("tipo", cell)))[0]
		if d.Kind != want || len(d.Errors) > 0 {
			t.Errorf("tipo %q: kind %q, errors %q; want %q", cell, d.Kind, d.Errors, want)
		}
	}
	// The same number under two kinds is two documents.
	docs := csvReadString(t, csvBuild(';', csvBaseHeader, csvRow("tipo", "pedido"), csvRow("tipo", "contrato")))
	if len(docs) != 2 || docs[0].Kind != KindSalesOrder || docs[1].Kind != KindContract {
		t.Errorf("got\n%s", csvDescribe(docs))
	}
}

func TestReadCSVHeaderNames(t *testing.T) {
	t.Parallel()
	header := []string{"Vencimento", "VALOR", "C.E.P.", "Estado", "Município", "Endereço", "CPF/CNPJ", "Nome do Pagador", "Número", "Tipo de Documento", "Número do Endereço"}
	row := []string{"10/12/2026", "100,00", "01310-100", "SP", "São Paulo", "Rua das Flores", "529.982.247-25", "Maria", "10", "pedido", "12"}
	d := csvReadString(t, csvBuild(';', header, row))[0]
	if len(d.Errors) > 0 || len(d.Warnings) > 0 || d.Payer.City != "São Paulo" || d.Payer.Number != "12" || d.Number != "10" {
		t.Errorf("got\n%s", csvDescribe([]Document{d}))
	}
}

func TestReadCSVFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		opts Options
		want []string // parts of the message
	}{
		{
			name: "missing columns",
			data: "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;vencimento\npedido;1;Maria;529.982.247-25;Rua A;São Paulo;SP;10/12/2026\n",
			want: []string{`O arquivo f.csv não tem as colunas obrigatórias "cep" e "valor".`, "cabeçalho", "modelo de planilha"},
		},
		{
			name: "no due date column",
			data: "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor\n",
			want: []string{`não tem a coluna obrigatória "vencimento" (ou "primeiro_vencimento").`},
		},
		{
			name: "no header",
			data: "pedido;1;Maria;529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026\n",
			want: []string{`não tem as colunas obrigatórias "tipo", "numero", "pagador_nome"`},
		},
		{
			name: "column twice",
			data: "tipo;numero;Valor;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento\n",
			want: []string{`O arquivo f.csv tem a coluna "valor" duas vezes no cabeçalho (colunas 3 e 10, "Valor" e "valor"); deixe só uma.`},
		},
		{
			name: "empty",
			data: "",
			want: []string{"O arquivo f.csv está vazio"},
		},
		{
			name: "only blank lines",
			data: "\r\n\r\n",
			want: []string{"O arquivo f.csv está vazio"},
		},
		{
			name: "UTF-16",
			data: "\xff\xfet\x00i\x00p\x00o\x00",
			want: []string{"O arquivo f.csv está em UTF-16"},
		},
		{
			name: "rows that do not fit",
			data: "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento\n" +
				"pedido;1;Maria;529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026\n" +
				"pedido;2;Maria;529.982.247-25;Rua A; 10;São Paulo;SP;01310-100;10,00;10/12/2026\n" +
				"pedido;3;Maria;529.982.247-25;Rua A;São Paulo;SP;01310-100;10/12/2026\n" +
				"pedido;4;Maria \"Mel\";529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026\n" +
				"pedido;5;\"Maria\" Silva;529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026\n" +
				"pedido;6;Maria;529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026;;\n",
			want: []string{
				"O arquivo f.csv tem 4 linhas fora do formato e nada foi importado. ",
				"Linha 3: tem 11 colunas, mas o cabeçalho tem 10; um texto que contém ; precisa vir entre aspas. ",
				"Linha 4: tem 9 colunas, mas o cabeçalho tem 10; confira se falta algum separador (;). ",
				`Linha 5: há aspas no meio de um texto sem aspas; coloque o texto todo entre aspas e dobre as aspas de dentro ("").`,
				`Linha 6: aspas fora do lugar; um texto entre aspas deve terminar com aspas logo antes do separador, e as aspas de dentro são dobradas ("").`,
				"O separador das colunas deste arquivo é o ponto e vírgula (;).",
			},
		},
		{
			name: "unclosed quote",
			data: "tipo,numero,pagador_nome,pagador_documento,logradouro,cidade,uf,cep,valor,vencimento\n" +
				"pedido,1,\"Maria,529.982.247-25,Rua A,São Paulo,SP,01310-100,10,10/12/2026\n" +
				"pedido,2,Maria,529.982.247-25,Rua A,São Paulo,SP,01310-100,10,10/12/2026\n",
			want: []string{"tem 1 linha fora do formato", "Linha 2: as aspas abertas nesta linha não se fecham direito (até a linha 3)", "é a vírgula (,)."},
		},
		{
			name: "too large",
			data: "tipo;numero;pagador_nome;pagador_documento;logradouro;cidade;uf;cep;valor;vencimento\n" + strings.Repeat("pedido;1;Maria;529.982.247-25;Rua A;São Paulo;SP;01310-100;10,00;10/12/2026\n", 50),
			opts: Options{MaxFileSize: 2 << 10},
			want: []string{"O arquivo f.csv passa do limite de 2 KB; divida-o em arquivos menores"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := tt.opts
			opts.Today = csvToday
			docs, err := ReadCSV("f.csv", strings.NewReader(tt.data), opts)
			if err == nil {
				t.Fatalf("no error; documents:\n%s", csvDescribe(docs))
			}
			if docs != nil {
				t.Errorf("documents returned with a file error: %v", docs)
			}
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
				t.Errorf("error %v is not an invalid-input apperr.Error", err)
			}
			for _, part := range tt.want {
				if !strings.Contains(ae.Message, part) {
					t.Errorf("message\n%s\ndoes not contain\n%s", ae.Message, part)
				}
			}
		})
	}
}

func TestReadCSVHeaderOnly(t *testing.T) {
	t.Parallel()
	docs, err := ReadCSV("f.csv", strings.NewReader(strings.Join(csvBaseHeader, ";")+"\r\n;;;;;;;;;;;\r\n"), Options{Today: csvToday})
	if err != nil || len(docs) != 0 {
		t.Errorf("ReadCSV = %v, %v; want no documents and no error", docs, err)
	}
}

func TestReadCSVReadError(t *testing.T) {
	t.Parallel()
	r := io.MultiReader(strings.NewReader(strings.Join(csvBaseHeader, ";")+"\n"), csvErrReader{})
	_, err := ReadCSV("f.csv", r, Options{Today: csvToday})
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.CodeUnavailable || !errors.Is(err, csvErrBroken) {
		t.Errorf("err = %v; want an unavailable apperr.Error wrapping the cause", err)
	}
}

var csvErrBroken = errors.New("disk gone")

type csvErrReader struct{}

func (csvErrReader) Read([]byte) (int, error) { return 0, csvErrBroken }

func TestReadCSVRowLimit(t *testing.T) {
	t.Parallel()
	build := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(strings.Join(csvBaseHeader, ";") + "\n")
		for i := range n {
			fmt.Fprintf(&b, "pedido;%d;Maria;529.982.247-25;Rua A;1;Centro;São Paulo;SP;01310-100;10,00;10/12/2026\n", i+1)
			if i%1000 == 0 {
				b.WriteString(";;;;;;;;;;;\n\n") // blank rows are not counted
			}
		}
		return b.Bytes()
	}
	docs, err := ReadCSV("f.csv", bytes.NewReader(build(MaxCSVRows)), Options{Today: csvToday})
	if err != nil || len(docs) != MaxCSVRows {
		t.Fatalf("%d rows: %d documents, %v", MaxCSVRows, len(docs), err)
	}
	_, err = ReadCSV("f.csv", bytes.NewReader(build(MaxCSVRows+1)), Options{Today: csvToday})
	want := "O arquivo f.csv tem mais de 50.000 linhas de dados; divida-o em arquivos menores e importe cada um."
	if err == nil || err.Error() != want {
		t.Errorf("%d rows: err = %v, want %q", MaxCSVRows+1, err, want)
	}
}

func TestReadCSVNeedsToday(t *testing.T) {
	t.Parallel()
	if _, err := ReadCSV("f.csv", bytes.NewReader(CSVTemplate()), Options{}); err == nil {
		t.Error("ReadCSV without Options.Today gave no error")
	}
}

// FuzzReadCSV checks that no input makes the reader panic and that every
// document it returns keeps the package's promises.
func FuzzReadCSV(f *testing.F) {
	f.Add(CSVTemplate())
	for _, name := range []string{"ponto_e_virgula.csv", "virgula.csv", "erros.csv"} {
		data, err := os.ReadFile("testdata/csv/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("tipo,numero,valor\n\"a\"b,\"c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := ReadCSV("f.csv", bytes.NewReader(data), Options{Today: csvToday, MaxFileSize: 1 << 20})
		if err != nil {
			if docs != nil {
				t.Fatalf("documents with an error")
			}
			return
		}
		for _, d := range docs {
			if d.File != "f.csv" || d.Format != FormatCSV {
				t.Fatalf("File %q Format %q", d.File, d.Format)
			}
			if len(d.Errors) > 0 {
				if len(d.Installments) > 0 {
					t.Fatalf("document with errors and installments: %+v", d)
				}
				continue
			}
			if len(d.Installments) == 0 {
				t.Fatalf("document with neither errors nor installments: %+v", d)
			}
			var sum boleto.Cents
			for i, in := range d.Installments {
				sum += in.Amount
				if in.Seq != i+1 || in.Amount < boleto.MinIssueAmount || in.Amount > boleto.MaxAmount || !in.DueDate.Valid() || in.Number == "" {
					t.Fatalf("bad installment %+v", in)
				}
			}
			if sum != d.Total {
				t.Fatalf("total %v, installments add up to %v", d.Total, sum)
			}
			if len(boleto.ValidatePayer(d.Payer, "").Errors()) > 0 {
				t.Fatalf("document without errors has an invalid payer: %+v", d.Payer)
			}
		}
	})
}
