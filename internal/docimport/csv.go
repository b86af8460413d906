package docimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// MaxCSVRows is the largest number of data rows (the header and blank rows
// not counted) one CSV file may have.
const MaxCSVRows = 50_000

// ReadCSV reads a spreadsheet of sales orders, service orders, future sales
// and contracts saved as CSV, and returns one Document per document found,
// in the order of their first row. Document.File is name.
//
// # Layout
//
// The first row is a header naming the columns; they can come in any order
// and are matched by name, ignoring case, accents, dots, spaces and other
// punctuation ("Número Endereço" is numero_endereco, "C.E.P." is cep). A few
// common other names are accepted too ("cpf_cnpj", "endereco", "municipio",
// "estado"…, see csvAliases). CSVTemplate is a ready-made example. The
// columns are:
//
//	tipo                 required: pedido, venda or pedido de venda (a sales
//	                     order), os or ordem de serviço, venda futura, contrato
//	numero               required: the document number
//	serie                optional
//	emissao              optional: the issue date
//	pagador_nome         required: the payer's name
//	pagador_documento    required: CPF or CNPJ, masked or not
//	email, telefone      optional; telefone with its DDD, "(11) 98765-4321"
//	                     (or a separate ddd column)
//	logradouro           required: street
//	numero_endereco      optional: the house number
//	complemento, bairro  optional
//	cidade, uf, cep      required
//	valor                required: the installment's value, or the plan's
//	                     total on a row with parcelas
//	vencimento           the due date (required on a row without parcelas)
//	parcela              optional: the installment's number as the document
//	                     writes it ("1", "2/3"); its position otherwise
//	parcelas             an installment plan in one row: the number of
//	                     installments (1 to 120)
//	primeiro_vencimento  the plan's first due date
//	intervalo            the plan's spacing: "mensal" (the default), or a
//	                     number of days ("30"); "quinzenal" and "semanal" too
//	entrada              optional: the plan's down payment
//	vencimento_entrada   the down payment's due date (before the first)
//
// At least one of vencimento and primeiro_vencimento must be a column; on a
// row, either may hold the due date (or the plan's first due date).
//
// Rows with the same tipo and numero are one document. Without parcelas,
// each row is one installment with its own valor and vencimento, in the
// order of the rows. With parcelas, the row is a whole plan, expanded by
// boleto.PlanInstallments (the down payment, if any, is installment "0"),
// and must be the document's only row. The document-level cells (serie,
// emissao and the payer's) may be left blank on a document's later rows;
// filled in, they must agree with the earlier rows.
//
// # Format
//
// Cells are separated by ";" or ",", whichever the header line uses more.
// A cell holding the separator, quotes or a line break is quoted, with
// quotes inside doubled. The file is UTF-8, with or without a byte order
// mark, or Windows-1252 (what Excel writes as "CSV (separado por vírgulas)"):
// when its first 64 KB are not valid UTF-8 the whole file is read as
// Windows-1252, and in a file read as UTF-8 a later cell that is not valid
// UTF-8 is read as Windows-1252 on its own. Amounts are written "1.234,56", "1234,56", "1234.56",
// "1234" or "R$ 1.234,56" ("1.234" is one thousand two hundred and
// thirty-four reais), and never go through floating point; dates are
// dd/mm/aaaa (or d/m/aaaa) or aaaa-mm-dd. Rows whose cells are all empty
// are skipped.
//
// # Problems
//
// Every invalid cell is reported, each as one pt-BR sentence naming its
// line and column, in its document's Errors; such a document has no
// installments, the others are unaffected. A CEP outside its UF's range, a
// due date before opts.Today and unknown columns give Warnings. The whole
// file is refused, with an error that is a pt-BR sentence naming the file,
// when: it is empty or in UTF-16; a required column is missing; a column
// appears twice; a row cannot be split into the header's columns (stray
// quotes, missing or extra separators) — then its cells cannot be trusted
// to belong to any document, so nothing is imported; it has more than
// MaxCSVRows data rows; or it is larger than opts.MaxFileSize. Rows are
// read one at a time.
func ReadCSV(name string, r io.Reader, opts Options) ([]Document, error) {
	if opts.Today.IsZero() {
		return nil, errors.New("docimport: ReadCSV needs Options.Today")
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	src, sep, fallback, err := csvSource(name, &csvLimitReader{r: r, left: limit})
	if err != nil {
		return nil, csvReadErr(name, limit, err)
	}
	cr := csv.NewReader(src)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	rec, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, apperr.Invalid("O arquivo %s está vazio; a primeira linha deve ser o cabeçalho com os nomes das colunas, como no modelo de planilha.", name)
	case err != nil && !isCSVSyntax(err):
		return nil, csvReadErr(name, limit, err)
	case err != nil:
		return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s tem aspas fora do lugar no cabeçalho (linha 1); corrija a primeira linha como no modelo de planilha.", name))
	}
	hdr, err := newCSVHeader(name, csvFix(rec, fallback))
	if err != nil {
		return nil, err
	}

	b := &csvBuilder{name: name, hdr: hdr, today: opts.Today, docs: map[string]*csvDoc{}}
	var bad []string // rows that do not fit the header
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !isCSVSyntax(err) {
			return nil, csvReadErr(name, limit, err)
		}
		if err == nil && csvBlank(rec) {
			continue
		}
		if rows++; rows > MaxCSVRows {
			return nil, apperr.Invalid("O arquivo %s tem mais de %s linhas de dados; divida-o em arquivos menores e importe cada um.", name, csvThousands(MaxCSVRows))
		}
		if err != nil {
			bad = append(bad, csvSyntaxProblem(err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if msg := hdr.fit(line, rec, sep); msg != "" {
			bad = append(bad, msg)
			continue
		}
		if len(bad) == 0 {
			b.add(line, csvFix(rec, fallback))
		}
	}
	if len(bad) > 0 {
		return nil, csvStructureErr(name, sep, bad)
	}
	return b.finish(), nil
}

// csvSource detects the encoding and the separator from the first 64 KB of
// the file and returns a reader of UTF-8 text. fallback is true when the
// file is read as UTF-8: a cell that turns out not to be is then decoded as
// Windows-1252 on its own (see csvFix).
func csvSource(name string, r io.Reader) (src io.Reader, sep rune, fallback bool, err error) {
	const window = 64 << 10
	br := bufio.NewReaderSize(r, window)
	head, err := br.Peek(window)
	whole := errors.Is(err, io.EOF)
	if err != nil && !whole && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, 0, false, err
	}
	utf8BOM := []byte{0xEF, 0xBB, 0xBF}
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		if _, err := br.Discard(len(utf8BOM)); err != nil {
			return nil, 0, false, err
		}
		head = head[len(utf8BOM):]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, 0, false, apperr.Invalid(
			"O arquivo %s está em UTF-16 (\"Texto Unicode\"); salve a planilha como \"CSV UTF-8\" ou \"CSV (separado por vírgulas)\" e importe de novo.", name)
	}
	sep = csvSeparator(head)
	if !csvValidUTF8Head(head, whole) {
		return charmap.Windows1252.NewDecoder().Reader(br), sep, false, nil
	}
	return br, sep, true, nil
}

// csvValidUTF8Head reports whether head is valid UTF-8, ignoring a
// character cut by the end of the window when the file goes on.
func csvValidUTF8Head(head []byte, whole bool) bool {
	if !whole {
		for i := 1; i <= utf8.UTFMax && i <= len(head); i++ {
			if utf8.RuneStart(head[len(head)-i]) {
				if !utf8.FullRune(head[len(head)-i:]) {
					head = head[:len(head)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(head)
}

// csvSeparator picks ";" or "," by counting them, outside quotes, on the
// header line; ";" when neither appears (the header then has one column and
// is refused for its missing columns).
func csvSeparator(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	semis, commas, quoted := 0, 0, false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ';':
			semis++
		case c == ',':
			commas++
		}
	}
	if commas > semis {
		return ','
	}
	return ';'
}

// csvFix trims every cell and, in a file read as UTF-8, decodes a cell that
// is not valid UTF-8 as Windows-1252 (a file pasted together from two
// sources). The record is copied: the csv.Reader reuses its slice.
func csvFix(rec []string, fallback bool) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		if fallback && !utf8.ValidString(c) {
			if s, err := charmap.Windows1252.NewDecoder().String(c); err == nil {
				c = s
			}
		}
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func csvBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// errCSVTooLarge is returned by csvLimitReader past the size limit.
var errCSVTooLarge = errors.New("docimport: CSV file too large")

// csvLimitReader reads at most left bytes from r and fails with
// errCSVTooLarge if there are more.
type csvLimitReader struct {
	r    io.Reader
	left int64
}

func (l *csvLimitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			return 0, errCSVTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// csvReadErr turns a failure to read the file into a pt-BR error.
func csvReadErr(name string, limit int64, err error) error {
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae):
		return err
	case errors.Is(err, errCSVTooLarge):
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s passa do limite de %s; divida-o em arquivos menores e importe cada um.", name, csvSize(limit)))
	default:
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível ler o arquivo %s até o fim; confira se ele ainda está no lugar e tente de novo.", name))
	}
}

func csvSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// csvThousands writes n with dots between the thousands: 50.000.
func csvThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func isCSVSyntax(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote))
}

// csvSyntaxProblem describes a row the csv package could not split.
func csvSyntaxProblem(err error) string {
	var pe *csv.ParseError
	errors.As(err, &pe)
	if errors.Is(pe.Err, csv.ErrBareQuote) {
		return fmt.Sprintf("Linha %d: há aspas no meio de um texto sem aspas; coloque o texto todo entre aspas e dobre as aspas de dentro (\"\").", pe.Line)
	}
	if pe.Line > pe.StartLine {
		return fmt.Sprintf("Linha %d: as aspas abertas nesta linha não se fecham direito (até a linha %d); confira as aspas e dobre as que ficam dentro do texto (\"\").", pe.StartLine, pe.Line)
	}
	return fmt.Sprintf("Linha %d: aspas fora do lugar; um texto entre aspas deve terminar com aspas logo antes do separador, e as aspas de dentro são dobradas (\"\").", pe.Line)
}

// csvStructureErr refuses a file with rows that do not fit its header.
func csvStructureErr(name string, sep rune, bad []string) error {
	const shown = 10
	var b strings.Builder
	if len(bad) == 1 {
		fmt.Fprintf(&b, "O arquivo %s tem 1 linha fora do formato e nada foi importado. ", name)
	} else {
		fmt.Fprintf(&b, "O arquivo %s tem %d linhas fora do formato e nada foi importado. ", name, len(bad))
	}
	for _, msg := range bad[:min(len(bad), shown)] {
		b.WriteString(msg)
		b.WriteByte(' ')
	}
	if len(bad) > shown {
		fmt.Fprintf(&b, "E mais %d linhas. ", len(bad)-shown)
	}
	fmt.Fprintf(&b, "O separador das colunas deste arquivo é %s.", csvSepName(sep))
	return apperr.Invalid("%s", b.String())
}

func csvSepName(sep rune) string {
	if sep == ',' {
		return "a vírgula (,)"
	}
	return "o ponto e vírgula (;)"
}

// csvColumn is a column the reader knows.
type csvColumn int

const (
	colTipo csvColumn = iota
	colNumero
	colSerie
	colEmissao
	colNome
	colDocumento
	colEmail
	colTelefone
	colDDD
	colLogradouro
	colNumeroEndereco
	colComplemento
	colBairro
	colCidade
	colUF
	colCEP
	colValor
	colVencimento
	colParcela
	colParcelas
	colPrimeiroVencimento
	colIntervalo
	colEntrada
	colVencimentoEntrada
	numCSVColumns
)

// csvColumnNames are the canonical names, as in the template.
var csvColumnNames = [numCSVColumns]string{
	colTipo: "tipo", colNumero: "numero", colSerie: "serie", colEmissao: "emissao",
	colNome: "pagador_nome", colDocumento: "pagador_documento", colEmail: "email",
	colTelefone: "telefone", colDDD: "ddd", colLogradouro: "logradouro",
	colNumeroEndereco: "numero_endereco", colComplemento: "complemento", colBairro: "bairro",
	colCidade: "cidade", colUF: "uf", colCEP: "cep", colValor: "valor", colVencimento: "vencimento",
	colParcela: "parcela", colParcelas: "parcelas", colPrimeiroVencimento: "primeiro_vencimento",
	colIntervalo: "intervalo", colEntrada: "entrada", colVencimentoEntrada: "vencimento_entrada",
}

// csvAliases are other names people give the columns, as csvKey writes them.
var csvAliases = map[string]csvColumn{
	"tipo_documento": colTipo, "tipo_de_documento": colTipo,
	"numero_documento": colNumero, "numero_do_documento": colNumero,
	"data_emissao": colEmissao, "data_de_emissao": colEmissao,
	"nome": colNome, "pagador": colNome, "nome_pagador": colNome, "nome_do_pagador": colNome,
	"cpf_cnpj": colDocumento, "cnpj_cpf": colDocumento, "documento_pagador": colDocumento, "pagador_cpf_cnpj": colDocumento,
	"e_mail": colEmail, "pagador_email": colEmail,
	"fone": colTelefone, "celular": colTelefone,
	"endereco": colLogradouro, "rua": colLogradouro,
	"numero_do_endereco": colNumeroEndereco, "endereco_numero": colNumeroEndereco,
	"municipio": colCidade, "estado": colUF,
	"valor_total": colValor, "valor_parcela": colValor,
	"data_vencimento": colVencimento, "data_de_vencimento": colVencimento,
	"numero_parcela": colParcela, "n_parcela": colParcela,
	"quantidade_parcelas": colParcelas, "qtd_parcelas": colParcelas, "numero_de_parcelas": colParcelas,
	"valor_entrada": colEntrada, "data_entrada": colVencimentoEntrada,
}

// csvRequired are the columns a file must have (besides a due date column).
var csvRequired = []csvColumn{colTipo, colNumero, colNome, colDocumento, colLogradouro, colCidade, colUF, colCEP, colValor}

// csvHeader maps the known columns to their position in the rows.
type csvHeader struct {
	width   int                   // cells in the header row
	idx     [numCSVColumns]int    // position, -1 when absent
	labels  [numCSVColumns]string // the header cell as written
	unknown []string              // header cells that name no known column
	warning string                // about unknown, for every document
}

func newCSVHeader(name string, rec []string) (*csvHeader, error) {
	h := &csvHeader{width: len(rec)}
	for c := range h.idx {
		h.idx[c] = -1
	}
	for i, label := range rec {
		if label == "" {
			continue
		}
		col, ok := csvColumnByKey(csvKey(label))
		if !ok {
			h.unknown = append(h.unknown, label)
			continue
		}
		if j := h.idx[col]; j >= 0 {
			return nil, apperr.Invalid("O arquivo %s tem a coluna %q duas vezes no cabeçalho (colunas %d e %d, %q e %q); deixe só uma.",
				name, csvColumnNames[col], j+1, i+1, h.labels[col], label)
		}
		h.idx[col], h.labels[col] = i, label
	}
	var missing []string
	for _, c := range csvRequired {
		if h.idx[c] < 0 {
			missing = append(missing, strconv.Quote(csvColumnNames[c]))
		}
	}
	if h.idx[colVencimento] < 0 && h.idx[colPrimeiroVencimento] < 0 {
		missing = append(missing, `"vencimento" (ou "primeiro_vencimento")`)
	}
	switch len(missing) {
	case 0:
	case 1:
		return nil, apperr.Invalid("O arquivo %s não tem a coluna obrigatória %s. A primeira linha deve ser o cabeçalho com os nomes das colunas; baixe o modelo de planilha para ver o formato.", name, missing[0])
	default:
		return nil, apperr.Invalid("O arquivo %s não tem as colunas obrigatórias %s. A primeira linha deve ser o cabeçalho com os nomes das colunas; baixe o modelo de planilha para ver o formato.", name, csvJoin(missing))
	}
	switch len(h.unknown) {
	case 0:
	case 1:
		h.warning = fmt.Sprintf("A coluna %q não é usada pela importação e foi ignorada; confira se o nome está certo.", h.unknown[0])
	default:
		quoted := make([]string, len(h.unknown))
		for i, u := range h.unknown {
			quoted[i] = strconv.Quote(u)
		}
		h.warning = fmt.Sprintf("As colunas %s não são usadas pela importação e foram ignoradas; confira se os nomes estão certos.", csvJoin(quoted))
	}
	return h, nil
}

func csvColumnByKey(key string) (csvColumn, bool) {
	for c, n := range csvColumnNames {
		if n == key {
			return csvColumn(c), true
		}
	}
	c, ok := csvAliases[key]
	return c, ok
}

// fit checks that a row has the header's cells; extra cells are fine when
// they are empty (some programs pad every row).
func (h *csvHeader) fit(line int, rec []string, sep rune) string {
	switch {
	case len(rec) < h.width:
		return fmt.Sprintf("Linha %d: tem %d colunas, mas o cabeçalho tem %d; confira se falta algum separador (%c).", line, len(rec), h.width, sep)
	case len(rec) > h.width && !csvBlank(rec[h.width:]):
		return fmt.Sprintf("Linha %d: tem %d colunas, mas o cabeçalho tem %d; um texto que contém %c precisa vir entre aspas.", line, len(rec), h.width, sep)
	}
	return ""
}

// cell returns the trimmed cell of a column, "" when the column is absent.
func (h *csvHeader) cell(rec []string, c csvColumn) string {
	if i := h.idx[c]; i >= 0 && i < len(rec) {
		return rec[i]
	}
	return ""
}

func (h *csvHeader) has(c csvColumn) bool { return h.idx[c] >= 0 }

// label is how problems name a column: as the header writes it.
func (h *csvHeader) label(c csvColumn) string {
	if h.labels[c] != "" {
		return h.labels[c]
	}
	return csvColumnNames[c]
}

// order sorts problems of one line by column position.
func (h *csvHeader) order(c csvColumn) int {
	if i := h.idx[c]; i >= 0 {
		return i
	}
	return h.width + int(c)
}

// csvProblem is one problem, kept with its place so that a document's
// problems come out in the order of the file.
type csvProblem struct {
	line, order int
	msg         string
}

// csvValue is a document-level cell: the first value a document's rows give.
type csvValue struct {
	raw  string
	norm string
	line int
}

// csvEntry is one installment row.
type csvEntry struct {
	number string
	due    boleto.Date
	amount boleto.Cents
}

// csvDoc collects the rows of one document.
type csvDoc struct {
	doc       Document
	firstLine int
	what      string // "o pedido 1001", for messages
	whose     string // "do pedido 1001"
	values    map[csvColumn]csvValue
	entries   []csvEntry
	numbers   map[string]int // installment number → line
	rowsLine  int            // the first installment row
	rows      int            // installment rows, valid or not
	planLine  int
	plan      []boleto.PlannedInstallment
	errs      []csvProblem
	warns     []csvProblem
}

// csvBuilder groups rows into documents.
type csvBuilder struct {
	name  string
	hdr   *csvHeader
	today boleto.Date
	docs  map[string]*csvDoc
	order []*csvDoc
}

func (d *csvDoc) problem(h *csvHeader, line int, c csvColumn, format string, args ...any) {
	d.errs = append(d.errs, csvProblem{line, h.order(c), fmt.Sprintf("Linha %d, coluna %q: ", line, h.label(c)) + fmt.Sprintf(format, args...)})
}

func (d *csvDoc) warn(h *csvHeader, line int, c csvColumn, format string, args ...any) {
	d.warns = append(d.warns, csvProblem{line, h.order(c), fmt.Sprintf("Linha %d, coluna %q: ", line, h.label(c)) + fmt.Sprintf(format, args...)})
}

// add reads one data row into its document.
func (b *csvBuilder) add(line int, rec []string) {
	h := b.hdr
	tipo, numero := h.cell(rec, colTipo), h.cell(rec, colNumero)
	kind, kindOK := csvKind(tipo)

	key := string(kind) + "\x00" + numero
	if !kindOK {
		key = "?" + csvKey(tipo) + "\x00" + numero
	}
	if numero == "" {
		key = "\x00line " + strconv.Itoa(line) // cannot be grouped: a document of its own
	}
	d := b.docs[key]
	if d == nil {
		d = &csvDoc{
			doc:       Document{File: b.name, Format: FormatCSV, Kind: kind, Number: numero},
			firstLine: line,
			values:    map[csvColumn]csvValue{},
			numbers:   map[string]int{},
		}
		d.what, d.whose = csvNouns(kind, numero)
		b.docs[key] = d
		b.order = append(b.order, d)
	}

	switch {
	case tipo == "":
		d.problem(h, line, colTipo, "informe o tipo do documento (pedido, venda, OS, venda futura ou contrato).")
	case !kindOK:
		d.problem(h, line, colTipo, "%q não é um tipo de documento; use pedido, venda, OS, venda futura ou contrato.", tipo)
	}
	switch n := utf8.RuneCountInString(numero); {
	case n == 0:
		d.problem(h, line, colNumero, "informe o número do documento.")
	case n > csvMaxNumber:
		d.problem(h, line, colNumero, "o número do documento deve ter no máximo %d caracteres; tem %d.", csvMaxNumber, n)
	case csvHasControl(numero):
		d.problem(h, line, colNumero, "o número do documento não pode ter quebras de linha nem tabulações.")
	}

	b.documentCells(d, line, rec)
	if h.cell(rec, colParcelas) != "" {
		b.planRow(d, line, rec)
	} else {
		b.installmentRow(d, line, rec)
	}
}

// Limits of the document-level cells.
const (
	csvMaxNumber     = 60
	csvMaxSeries     = 20
	csvMaxInstNumber = 20
)

// csvDocColumns are the cells that belong to the document, not the row.
var csvDocColumns = []csvColumn{
	colSerie, colEmissao, colNome, colDocumento, colEmail, colTelefone, colDDD,
	colLogradouro, colNumeroEndereco, colComplemento, colBairro, colCidade, colUF, colCEP,
}

// documentCells records the document-level cells of a row, checking that
// they agree with the document's earlier rows.
func (b *csvBuilder) documentCells(d *csvDoc, line int, rec []string) {
	h := b.hdr
	for _, c := range csvDocColumns {
		v := h.cell(rec, c)
		if v == "" {
			continue
		}
		norm, ok := b.normalize(d, line, c, v)
		if !ok {
			continue
		}
		prev, seen := d.values[c]
		if !seen {
			d.values[c] = csvValue{raw: v, norm: norm, line: line}
			continue
		}
		if prev.norm != norm {
			same := "o mesmo pagador"
			switch c {
			case colSerie:
				same = "a mesma série"
			case colEmissao:
				same = "a mesma data de emissão"
			}
			d.problem(h, line, c, "%q difere do informado na linha %d (%q); todas as linhas %s devem ter %s.", v, prev.line, prev.raw, d.whose, same)
		}
	}
}

// normalize checks a document-level cell on its own and returns the form
// rows are compared in; ok is false when the cell is invalid (and reported).
func (b *csvBuilder) normalize(d *csvDoc, line int, c csvColumn, v string) (string, bool) {
	h := b.hdr
	switch c {
	case colSerie:
		if n := utf8.RuneCountInString(v); n > csvMaxSeries {
			d.problem(h, line, c, "a série deve ter no máximo %d caracteres; tem %d.", csvMaxSeries, n)
			return "", false
		}
		return v, true
	case colEmissao:
		date, msg := csvParseDate(v)
		if msg != "" {
			d.problem(h, line, c, "%s", msg)
			return "", false
		}
		return date.String(), true
	case colDocumento:
		return brazil.NormalizeDocument(v), true
	case colCEP:
		if brazil.ValidateCEP(v) == nil {
			return brazil.NormalizeCEP(v), true
		}
		return v, true
	case colUF:
		return strings.ToUpper(v), true
	case colTelefone, colDDD:
		return csvDigits(v), true
	default:
		return strings.ToLower(strings.Join(strings.Fields(v), " ")), true
	}
}

// installmentRow reads a row that is one installment.
func (b *csvBuilder) installmentRow(d *csvDoc, line int, rec []string) {
	h := b.hdr
	problems := len(d.errs)
	if d.rowsLine == 0 {
		d.rowsLine = line
	}
	d.rows++
	if d.planLine != 0 {
		d.problem(h, line, b.planColumn(), "%s já tem um parcelamento na linha %d; use uma linha só, com \"parcelas\", ou uma linha por parcela.", csvCapitalize(d.what), d.planLine)
	}
	for _, c := range []csvColumn{colIntervalo, colEntrada, colVencimentoEntrada} {
		if h.cell(rec, c) != "" {
			d.problem(h, line, c, "só vale para um parcelamento: preencha a coluna \"parcelas\" ou apague esta célula.")
		}
	}

	amount, amountOK := b.amountCell(d, line, rec, colValor, true)
	if amountOK {
		switch {
		case amount < boleto.MinIssueAmount:
			d.problem(h, line, colValor, "%s é menor que o valor mínimo de um boleto (%s).", amount.BRL(), boleto.MinIssueAmount.BRL())
		case amount > boleto.MaxAmount:
			d.problem(h, line, colValor, "%s passa do valor máximo de um boleto (%s).", amount.BRL(), boleto.MaxAmount.BRL())
		}
	}

	dueCol := colVencimento
	if h.cell(rec, colVencimento) == "" && h.cell(rec, colPrimeiroVencimento) != "" {
		dueCol = colPrimeiroVencimento
	}
	if !h.has(colVencimento) {
		dueCol = colPrimeiroVencimento
	}
	var due boleto.Date
	if v := h.cell(rec, dueCol); v == "" {
		d.problem(h, line, dueCol, "informe a data de vencimento (dd/mm/aaaa) ou, para um parcelamento, preencha \"parcelas\".")
	} else if date, msg := csvParseDate(v); msg != "" {
		d.problem(h, line, dueCol, "%s", msg)
	} else {
		due = date
		if due.Before(b.today) {
			d.warn(h, line, dueCol, "o vencimento %s já passou (hoje é %s).", due.BR(), b.today.BR())
		}
	}

	number := h.cell(rec, colParcela)
	numberCol := colParcela
	switch n := utf8.RuneCountInString(number); {
	case n > csvMaxInstNumber:
		d.problem(h, line, colParcela, "o número da parcela deve ter no máximo %d caracteres; tem %d.", csvMaxInstNumber, n)
	case csvHasControl(number):
		d.problem(h, line, colParcela, "o número da parcela não pode ter quebras de linha nem tabulações.")
	case n == 0:
		number = strconv.Itoa(d.rows)
		if !h.has(colParcela) {
			numberCol = colValor
		}
	}
	if prev, dup := d.numbers[number]; dup {
		d.problem(h, line, numberCol, "a parcela %q %s já aparece na linha %d; cada parcela precisa de um número diferente.", number, d.whose, prev)
	} else {
		d.numbers[number] = line
	}
	if d.rows == boleto.MaxInstallments+1 {
		d.problem(h, line, numberCol, "%s passa de %d parcelas, o máximo de um documento.", csvCapitalize(d.what), boleto.MaxInstallments)
	}
	if len(d.errs) == problems {
		d.entries = append(d.entries, csvEntry{number: number, due: due, amount: amount})
	}
}

// planColumn is the column that marks a plan row.
func (b *csvBuilder) planColumn() csvColumn {
	if b.hdr.has(colParcelas) {
		return colParcelas
	}
	return colValor
}

// planRow reads a row that is a whole installment plan.
func (b *csvBuilder) planRow(d *csvDoc, line int, rec []string) {
	h := b.hdr
	problems := len(d.errs)
	switch {
	case d.planLine != 0:
		d.problem(h, line, colParcelas, "%s já tem um parcelamento na linha %d; use uma linha só, com \"parcelas\", ou uma linha por parcela.", csvCapitalize(d.what), d.planLine)
	case d.rowsLine != 0:
		d.problem(h, line, colParcelas, "%s já tem parcelas em outras linhas (a partir da linha %d); use uma linha só, com \"parcelas\", ou uma linha por parcela.", csvCapitalize(d.what), d.rowsLine)
	}
	if h.cell(rec, colParcela) != "" {
		d.problem(h, line, colParcela, "numa linha com \"parcelas\" as parcelas são numeradas sozinhas; apague esta célula.")
	}

	plan := boleto.Plan{Interval: boleto.Interval{Monthly: true}}
	plan.Total, _ = b.amountCell(d, line, rec, colValor, true)

	count := h.cell(rec, colParcelas)
	if n, err := strconv.Atoi(count); err != nil || n < 0 || !csvAllDigits(count) {
		d.problem(h, line, colParcelas, "%q não é um número de parcelas; use um número inteiro de 1 a %d.", count, boleto.MaxInstallments)
	} else {
		plan.Count = n
	}

	firstCol := colPrimeiroVencimento
	firstText, due := h.cell(rec, colPrimeiroVencimento), h.cell(rec, colVencimento)
	switch {
	case firstText == "" && (due != "" || !h.has(colPrimeiroVencimento)):
		firstCol, firstText = colVencimento, due
	case firstText != "" && due != "":
		a, msgA := csvParseDate(firstText)
		c, msgC := csvParseDate(due)
		if msgA == "" && msgC == "" && a != c {
			d.problem(h, line, colVencimento, "%q difere do primeiro vencimento (%s); numa linha com \"parcelas\" preencha só %q.", due, a.BR(), h.label(colPrimeiroVencimento))
		}
	}
	if firstText != "" {
		if date, msg := csvParseDate(firstText); msg != "" {
			d.problem(h, line, firstCol, "%s", msg)
		} else {
			plan.First = date
		}
	}

	if v := h.cell(rec, colIntervalo); v != "" {
		if iv, msg := csvParseInterval(v); msg != "" {
			d.problem(h, line, colIntervalo, "%s", msg)
		} else {
			plan.Interval = iv
		}
	}
	if h.cell(rec, colEntrada) != "" {
		plan.DownPayment, _ = b.amountCell(d, line, rec, colEntrada, false)
	}
	if v := h.cell(rec, colVencimentoEntrada); v != "" {
		if date, msg := csvParseDate(v); msg != "" {
			d.problem(h, line, colVencimentoEntrada, "%s", msg)
		} else {
			plan.DownPaymentDate = date
		}
	}
	if len(d.errs) > problems {
		return
	}

	planned, err := boleto.PlanInstallments(plan)
	var ve *boleto.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			d.problem(h, line, b.planField(p.Field, firstCol), "%s", csvLowerFirst(p.Message))
		}
		return
	}
	if err != nil {
		d.problem(h, line, colParcelas, "%s", csvLowerFirst(err.Error()))
		return
	}
	d.planLine, d.plan = line, planned
	d.doc.Total = plan.Total
	past := 0
	for _, p := range planned {
		if p.DueDate.Before(b.today) {
			past++
		}
	}
	switch {
	case past == 1:
		d.warn(h, line, firstCol, "1 das %d parcelas deste parcelamento vence antes de hoje (%s); confira as datas.", len(planned), b.today.BR())
	case past > 1:
		d.warn(h, line, firstCol, "%d das %d parcelas deste parcelamento vencem antes de hoje (%s); confira as datas.", past, len(planned), b.today.BR())
	}
}

// planField maps a field of boleto.Plan's problems to its column.
func (b *csvBuilder) planField(field string, firstCol csvColumn) csvColumn {
	h := b.hdr
	switch field {
	case "valor":
		return colValor
	case "primeiroVencimento":
		return firstCol
	case "intervalo":
		if h.has(colIntervalo) {
			return colIntervalo
		}
	case "entrada":
		return colEntrada
	case "entrada.vencimento":
		if h.has(colVencimentoEntrada) {
			return colVencimentoEntrada
		}
		return colEntrada
	}
	return colParcelas
}

// amountCell reads an amount cell, reporting an empty (when required) or
// invalid one.
func (b *csvBuilder) amountCell(d *csvDoc, line int, rec []string, c csvColumn, required bool) (boleto.Cents, bool) {
	v := b.hdr.cell(rec, c)
	if v == "" {
		if required {
			d.problem(b.hdr, line, c, "informe o valor, por exemplo 1.234,56.")
		}
		return 0, false
	}
	amount, msg := csvParseAmount(v)
	if msg != "" {
		d.problem(b.hdr, line, c, "%s", msg)
		return 0, false
	}
	return amount, true
}

// finish checks each document's payer and turns the rows into
// installments.
func (b *csvBuilder) finish() []Document {
	out := make([]Document, 0, len(b.order))
	for _, d := range b.order {
		b.payer(d)
		if b.hdr.warning != "" {
			d.doc.Warnings = append(d.doc.Warnings, b.hdr.warning)
		}
		d.doc.Warnings = append(d.doc.Warnings, csvMessages(d.warns)...)
		if len(d.errs) > 0 {
			d.doc.Errors = csvMessages(d.errs)
			d.doc.Total = 0
			out = append(out, d.doc)
			continue
		}
		if d.plan != nil {
			for i, p := range d.plan {
				d.doc.Installments = append(d.doc.Installments, Installment{
					Number: strconv.Itoa(p.Number), Seq: i + 1, DueDate: p.DueDate, Amount: p.Amount,
				})
			}
		} else {
			var total boleto.Cents
			for i, e := range d.entries {
				d.doc.Installments = append(d.doc.Installments, Installment{Number: e.number, Seq: i + 1, DueDate: e.due, Amount: e.amount})
				total += e.amount
			}
			d.doc.Total = total
		}
		out = append(out, d.doc)
	}
	return out
}

// payer builds and validates a document's payer.
func (b *csvBuilder) payer(d *csvDoc) {
	h := b.hdr
	get := func(c csvColumn) string { return d.values[c].raw }
	lineOf := func(c csvColumn) int {
		if v, ok := d.values[c]; ok {
			return v.line
		}
		return d.firstLine
	}
	if v, ok := d.values[colSerie]; ok {
		d.doc.Series = v.raw
	}
	if v, ok := d.values[colEmissao]; ok {
		d.doc.IssueDate, _ = boleto.ParseDate(v.norm)
	}

	p := boleto.Payer{
		Document:   get(colDocumento),
		Name:       get(colNome),
		Address:    get(colLogradouro),
		Number:     get(colNumeroEndereco),
		Complement: get(colComplemento),
		District:   get(colBairro),
		City:       get(colCidade),
		UF:         strings.ToUpper(get(colUF)),
		CEP:        get(colCEP),
		Email:      get(colEmail),
	}
	if padded, ok := csvPadDocument(p.Document); ok {
		d.warn(h, lineOf(colDocumento), colDocumento, "%q veio sem os zeros à esquerda (a planilha o tratou como número) e foi lido como %s; confira.", p.Document, brazil.FormatDocument(padded))
		p.Document = padded
	}
	phoneOK := true
	if h.has(colDDD) && get(colDDD) != "" {
		p.DDD, p.Phone = get(colDDD), get(colTelefone)
	} else if tel := get(colTelefone); tel != "" {
		var msg string
		p.DDD, p.Phone, msg = csvSplitPhone(tel)
		if msg != "" {
			d.problem(h, lineOf(colTelefone), colTelefone, "%s", msg)
			phoneOK = false
		}
	}

	fields := map[string]csvColumn{
		"documento": colDocumento, "nome": colNome, "endereco": colLogradouro, "numero": colNumeroEndereco,
		"complemento": colComplemento, "bairro": colBairro, "cidade": colCidade, "uf": colUF, "cep": colCEP,
		"email": colEmail, "ddd": colTelefone, "telefone": colTelefone,
	}
	if h.has(colDDD) {
		fields["ddd"] = colDDD
	}
	for _, prob := range boleto.ValidatePayer(p, "") {
		c, ok := fields[prob.Field]
		if !ok {
			c = colNome
		}
		if !phoneOK && c == colTelefone {
			continue // already reported
		}
		msg := csvLowerFirst(prob.Message)
		if prob.Warning {
			d.warn(h, lineOf(c), c, "%s", msg)
		} else {
			d.problem(h, lineOf(c), c, "%s", msg)
		}
	}

	p.Document = brazil.NormalizeDocument(p.Document)
	if brazil.ValidateCEP(p.CEP) == nil {
		p.CEP = brazil.NormalizeCEP(p.CEP)
	}
	if phone := csvDigits(p.Phone); phone != "" && csvAllDigits(phone) {
		p.Phone = phone
	}
	d.doc.Payer = p
}

// csvMessages sorts problems by line and column and returns their text.
func csvMessages(ps []csvProblem) []string {
	slices.SortStableFunc(ps, func(a, b csvProblem) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.order - b.order
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.msg
	}
	return out
}

// csvNouns names a document in messages: "o pedido 1001", "do pedido 1001".
func csvNouns(k Kind, number string) (what, whose string) {
	switch k {
	case KindSalesOrder:
		return "o pedido " + number, "do pedido " + number
	case KindServiceOrder:
		return "a OS " + number, "da OS " + number
	case KindFutureSale:
		return "a venda futura " + number, "da venda futura " + number
	case KindContract:
		return "o contrato " + number, "do contrato " + number
	}
	if number == "" {
		return "o documento", "do documento"
	}
	return "o documento " + number, "do documento " + number
}

// csvJoin joins items the Portuguese way: "a", "a e b", "a, b e c".
func csvJoin(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " e " + items[len(items)-1]
}
