package docimport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// This file holds the XML side shared by the NF-e, CT-e and NFS-e readers: a
// small element tree matched by local name (fiscal XML comes with the
// namespace as a default, with prefixes like tipos: or ns2:, or with none at
// all), the charset handling, and the refusal of DTD entities.

// xnode is one element of a parsed file. The tree root made by parseXMLTree
// is a synthetic node with an empty name whose children are the document's
// top-level elements.
type xnode struct {
	name  string // local name, without prefix
	space string // namespace URI as resolved by encoding/xml ("" when none)
	attrs []xml.Attr
	text  string // the element's own character data, trimmed
	kids  []*xnode
}

// child returns the first direct child called name, or nil.
func (n *xnode) child(name string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// children returns the direct children called name.
func (n *xnode) children(name string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// at follows a path of child names; nil when any step is missing.
func (n *xnode) at(path ...string) *xnode {
	for _, p := range path {
		n = n.child(p)
		if n == nil {
			return nil
		}
	}
	return n
}

// textAt is the trimmed text of the element at path, or "".
func (n *xnode) textAt(path ...string) string {
	if m := n.at(path...); m != nil {
		return m.text
	}
	return ""
}

// attr returns the value of the attribute with the given local name.
func (n *xnode) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// walk calls fn on every descendant of n in document order; when fn returns
// false the descendant's own children are not visited.
func (n *xnode) walk(fn func(*xnode) bool) {
	if n == nil {
		return
	}
	for _, k := range n.kids {
		if fn(k) {
			k.walk(fn)
		}
	}
}

// find returns the first descendant called name (depth first), or nil.
func (n *xnode) find(name string) *xnode {
	var found *xnode
	n.walk(func(k *xnode) bool {
		if found != nil {
			return false
		}
		if k.name == name {
			found = k
			return false
		}
		return true
	})
	return found
}

// findText is the text of the first descendant called name, or "".
func (n *xnode) findText(name string) string {
	if m := n.find(name); m != nil {
		return m.text
	}
	return ""
}

// findAll returns every descendant called name, not looking inside matches.
func (n *xnode) findAll(name string) []*xnode {
	var out []*xnode
	n.walk(func(k *xnode) bool {
		if k.name == name {
			out = append(out, k)
			return false
		}
		return true
	})
	return out
}

// Limits of one parsed XML file. Fiscal XML is shallow (an NF-e is about ten
// levels deep); the element cap bounds the memory of the tree whatever the
// file holds.
const (
	maxXMLDepth    = 64
	maxXMLElements = 500_000
)

// skippedElements are subtrees no import needs: products, the signature,
// transport, the QR code, CT-e's document list and modal. Skipping them keeps
// the tree of an NF-e with hundreds of items to a few dozen nodes; they are
// still checked for well-formedness.
var skippedElements = map[string]bool{
	"det": true, "Signature": true, "infNFeSupl": true, "infRespTec": true, "autXML": true,
	"transp": true, "infAdic": true, "infDoc": true, "infModal": true,
}

// parseResult is a parsed file and what was learnt about its encoding.
type parseResult struct {
	root *xnode
	// recoded is true when the file declared (or defaulted to) UTF-8 but was
	// in ISO-8859-1/Windows-1252 and was read as such.
	recoded bool
}

// parseXML parses data as XML into a tree, refusing DTD entities and
// enforcing the depth and size limits. A file that claims UTF-8 but holds
// Latin-1 bytes is read again as Windows-1252 (the superset Windows tools
// write) and flagged. nested is for XML found escaped inside another file's
// text: it is already decoded, so its encoding declaration is ignored.
func parseXML(name string, data []byte, nested bool) (parseResult, error) {
	data, utf16Done := decodeUTF16(data)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, charsetUsed, err := buildTree(name, data, nested || utf16Done)
	if err == nil {
		return parseResult{root: root}, nil
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) && strings.Contains(se.Msg, "invalid UTF-8") && !charsetUsed && !nested {
		root, _, err2 := buildTree(name, decodeWindows1252(data), true)
		if err2 == nil {
			return parseResult{root: root, recoded: true}, nil
		}
	}
	return parseResult{}, err
}

// buildTree runs the decoder. passthrough makes any declared encoding read as
// UTF-8 (the bytes were decoded already).
func buildTree(name string, data []byte, passthrough bool) (root *xnode, charsetUsed bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var badCharset string
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(strings.TrimSpace(label)); l == "utf8" || l == "utf-8" {
			return in, nil
		}
		charsetUsed = true
		if passthrough {
			return in, nil
		}
		r, ok := charsetReader(label, in)
		if !ok {
			badCharset = label
			return nil, fmt.Errorf("unsupported charset %q", label)
		}
		return r, nil
	}

	type frame struct {
		n    *xnode
		text []byte
	}
	root = &xnode{}
	stack := []frame{{n: root}}
	elements := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if badCharset != "" {
				return nil, charsetUsed, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
					"O arquivo %s declara a codificação %q, que o programa não lê; salve o XML em UTF-8 ou ISO-8859-1 e importe de novo.", name, badCharset))
			}
			return nil, charsetUsed, syntaxProblem(name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if len(stack) > maxXMLDepth {
				return nil, charsetUsed, apperr.Invalid("O arquivo %s tem elementos aninhados em mais de %d níveis, o que nenhum documento fiscal tem; confira se é mesmo o XML da nota.", name, maxXMLDepth)
			}
			if elements > maxXMLElements {
				return nil, charsetUsed, apperr.Invalid("O arquivo %s tem mais de %d elementos XML, muito mais do que um documento fiscal; divida-o em arquivos menores.", name, maxXMLElements)
			}
			if len(stack) > 1 && skippedElements[t.Name.Local] {
				if err := d.Skip(); err != nil {
					return nil, charsetUsed, syntaxProblem(name, err)
				}
				continue
			}
			n := &xnode{name: t.Name.Local, space: t.Name.Space, attrs: t.Attr}
			parent := stack[len(stack)-1].n
			parent.kids = append(parent.kids, n)
			stack = append(stack, frame{n: n})
		case xml.EndElement:
			top := stack[len(stack)-1]
			top.n.text = strings.TrimSpace(string(top.text))
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 1 {
				f := &stack[len(stack)-1]
				f.text = append(f.text, t...)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return nil, charsetUsed, apperr.Invalid("O arquivo %s define entidades XML (DOCTYPE com ENTITY), o que documentos fiscais não usam; por segurança ele não foi lido, importe o XML original da nota.", name)
			}
		}
	}
	if len(root.kids) == 0 {
		return nil, charsetUsed, apperr.Invalid("O arquivo %s não tem nenhum elemento XML; confira se é mesmo o XML da nota.", name)
	}
	return root, charsetUsed, nil
}

// syntaxProblem turns a decoder error into one pt-BR sentence; the Go detail
// stays in the wrapped error for the log.
func syntaxProblem(name string, err error) error {
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("O arquivo %s não pôde ser lido como XML; baixe o XML da nota de novo.", name))
	}
	switch {
	case strings.Contains(se.Msg, "unexpected EOF"):
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s termina antes do fim do XML (linha %d), está incompleto ou corrompido; baixe o XML da nota de novo.", name, se.Line))
	case strings.Contains(se.Msg, "invalid character entity"):
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s usa uma entidade que o XML não define (linha %d, %s); corrija o caractere ou baixe o XML original.", name, se.Line, strings.TrimPrefix(se.Msg, "invalid character entity ")))
	case strings.Contains(se.Msg, "invalid UTF-8"):
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s tem caracteres fora da codificação declarada (linha %d); salve o XML em UTF-8 e importe de novo.", name, se.Line))
	default:
		return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s não é um XML válido (erro na linha %d); baixe o XML da nota de novo, sem editá-lo.", name, se.Line))
	}
}

// charsetReader reads the single-byte encodings Brazilian fiscal software
// declares. ISO-8859-1 and US-ASCII are read as Windows-1252, as browsers
// do: the files that declare them are written by Windows programs.
func charsetReader(label string, in io.Reader) (io.Reader, bool) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
		"windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii":
		return &singleByteReader{r: in, table: &windows1252}, true
	case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
		return &singleByteReader{r: in, table: &iso885915}, true
	}
	return nil, false
}

// singleByteReader decodes a single-byte charset to UTF-8.
type singleByteReader struct {
	r     io.Reader
	table *[256]rune
	in    [2048]byte
	out   []byte
	err   error
}

func (s *singleByteReader) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		if s.err != nil {
			return 0, s.err
		}
		n, err := s.r.Read(s.in[:])
		for _, b := range s.in[:n] {
			s.out = utf8.AppendRune(s.out, s.table[b])
		}
		s.err = err
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

// decodeWindows1252 converts a whole Windows-1252 byte string to UTF-8.
func decodeWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, windows1252[c])
	}
	return out
}

// decodeUTF16 converts data to UTF-8 when it starts with a UTF-16 byte order
// mark, reporting whether it did.
func decodeUTF16(data []byte) ([]byte, bool) {
	var big bool
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		big = true
	default:
		return data, false
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		if big {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			units = append(units, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

// windows1252 maps each byte to its rune; 0x80–0x9F differ from ISO-8859-1.
// The five bytes Windows-1252 leaves undefined keep their C1 code points.
var windows1252 = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	high := [32]rune{
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
	}
	copy(t[0x80:0xA0], high[:])
	return t
}()

// iso885915 is ISO-8859-1 with the eight code points Latin-9 replaced.
var iso885915 = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	t[0xA4], t[0xA6], t[0xA8], t[0xB4] = 0x20AC, 0x0160, 0x0161, 0x017D
	t[0xB8], t[0xBC], t[0xBD], t[0xBE] = 0x017E, 0x0152, 0x0153, 0x0178
	return t
}()

// fiscalDoc is a document being mapped from fiscal XML, with the messages
// found on the way.
type fiscalDoc struct {
	Document
	what string // how messages name the document: "NF-e 1234", "CT-e 55"
	male bool   // the document's noun is masculine (o CT-e) rather than feminine (a NF-e)
	// placeholders are fields filled with the literal "string" of
	// schema-generated templates; they are read as empty.
	placeholders []string
	// skipPayerFields are the payer validation fields already warned about
	// in a more specific way (an NFS-e city given only by an IBGE code that
	// is not in the table).
	skipPayerFields map[string]bool
}

func newFiscalDoc(file string, f Format, k Kind) *fiscalDoc {
	return &fiscalDoc{Document: Document{File: file, Format: f, Kind: k}, skipPayerFields: map[string]bool{}}
}

// subject is the document as the subject of a sentence: "A NF-e 12", "O CT-e 7".
func (b *fiscalDoc) subject() string {
	if b.male {
		return "O " + b.what
	}
	return "A " + b.what
}

// of is "da NF-e 12" or "do CT-e 7".
func (b *fiscalDoc) of() string {
	if b.male {
		return "do " + b.what
	}
	return "da " + b.what
}

// in is "na NF-e 12" or "no CT-e 7".
func (b *fiscalDoc) in() string {
	if b.male {
		return "no " + b.what
	}
	return "na " + b.what
}

// pronoun is "ela" or "ele".
func (b *fiscalDoc) pronoun() string {
	if b.male {
		return "ele"
	}
	return "ela"
}

// agree turns a feminine participle ("cancelada") masculine when needed.
func (b *fiscalDoc) agree(feminine string) string {
	if b.male {
		return strings.TrimSuffix(feminine, "a") + "o"
	}
	return feminine
}

func (b *fiscalDoc) warnf(format string, args ...any) {
	b.Warnings = append(b.Warnings, fmt.Sprintf(format, args...))
}

func (b *fiscalDoc) failf(format string, args ...any) {
	b.Errors = append(b.Errors, fmt.Sprintf(format, args...))
}

// label names the element at path under n for messages: "dest/xNome".
func label(n *xnode, path ...string) string {
	parts := make([]string, 0, len(path)+1)
	if n != nil && n.name != "" {
		parts = append(parts, n.name)
	}
	return strings.Join(append(parts, path...), "/")
}

// field reads the text at path under n. The literal "string" that
// schema-generated templates put in every field reads as empty and is
// remembered for one warning.
func (b *fiscalDoc) field(n *xnode, path ...string) string {
	v := n.textAt(path...)
	if strings.EqualFold(v, "string") {
		b.placeholders = append(b.placeholders, label(n, path...))
		return ""
	}
	return v
}

// amount reads a decimal amount (TDec_1302, "1234.56") at path under n. ok
// is false when the field is absent or empty; an invalid or negative value
// is an error of the document.
func (b *fiscalDoc) amount(n *xnode, path ...string) (c boleto.Cents, ok bool) {
	v := b.field(n, path...)
	if v == "" {
		return 0, false
	}
	c, err := boleto.ParseDecimal(v)
	if err != nil || c < 0 {
		b.failf("O valor %q em %s %s não é um número válido; corrija o XML ou crie o boleto manualmente.", v, label(n, path...), b.of())
		return 0, false
	}
	return c, true
}

// parseFiscalDate reads AAAA-MM-DD or the date part of a date-time
// ("2026-03-10T10:30:00-03:00").
func parseFiscalDate(s string) (boleto.Date, bool) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	d, err := boleto.ParseDate(s)
	return d, err == nil
}

// issueDate sets IssueDate from the first non-empty of the fields given.
func (b *fiscalDoc) issueDate(n *xnode, fields ...string) {
	for _, f := range fields {
		v := b.field(n, f)
		if v == "" {
			continue
		}
		if d, ok := parseFiscalDate(v); ok {
			b.IssueDate = d
		} else {
			b.warnf("A data de emissão %q (%s) %s não é uma data válida; confira o XML.", v, label(n, f), b.of())
		}
		return
	}
}

// payerDocument validates the buyer's CNPJ or CPF into Payer.Document.
// whose names the party for messages: "do destinatário".
func (b *fiscalDoc) payerDocument(n *xnode, cnpjPath, cpfPath []string, whose string) {
	kind, path := "CNPJ", cnpjPath
	v := b.field(n, cnpjPath...)
	if v == "" {
		kind, path = "CPF", cpfPath
		v = b.field(n, cpfPath...)
	}
	if v == "" {
		where := ""
		if n != nil {
			where = " (" + n.name + ")"
		}
		b.failf("%s não traz CNPJ nem CPF %s%s; sem o documento do pagador não há boleto, crie-o manualmente com os dados do cliente.", b.subject(), whose, where)
		return
	}
	// A valid CPF in the CNPJ tag (or the reverse) is still the buyer's
	// document: the length decides what it is.
	doc, err := brazil.ValidateDocument(v)
	if err != nil {
		b.failf("O %s %s %s (%s) %s não é válido; confira o XML ou crie o boleto manualmente com o documento correto.", kind, v, whose, label(n, path...), b.of())
		return
	}
	b.Payer.Document = doc.Number
}

// setPhone splits a phone with area code (10 or 11 digits, optionally after
// the country code 55) into DDD and number; anything else is left out.
func (b *fiscalDoc) setPhone(raw string) {
	d := asciiDigitsOf(raw)
	if (len(d) == 12 || len(d) == 13) && strings.HasPrefix(d, "55") {
		d = d[2:]
	}
	if len(d) == 10 || len(d) == 11 {
		b.Payer.DDD, b.Payer.Phone = d[:2], d[2:]
	}
}

// setEmail keeps the first address of a list ("a@x.com; b@y.com"): the bank
// takes one.
func (b *fiscalDoc) setEmail(raw string) {
	first, _, _ := strings.Cut(strings.NewReplacer(",", ";", " ", ";").Replace(strings.TrimSpace(raw)), ";")
	b.Payer.Email = strings.TrimSpace(first)
}

// setCEP keeps the 8 digits of a CEP; anything else is kept as written so
// that the payer validation names it.
func (b *fiscalDoc) setCEP(raw string) {
	if d := asciiDigitsOf(raw); len(d) == 8 {
		b.Payer.CEP = d
		return
	}
	b.Payer.CEP = strings.TrimSpace(raw)
}

// cityFromIBGE fills the payer's city, which the document left empty, from
// the IBGE municipality code of the address (tag names where it came from),
// and the UF too when that is empty. A UF in the document that disagrees with
// the code's is kept, with a warning naming both. It reports whether the
// code is in IBGE's table.
func (b *fiscalDoc) cityFromIBGE(code, tag string) bool {
	name, uf, ok := brazil.Municipality(code)
	if !ok {
		return false
	}
	p := &b.Payer
	p.City = name
	switch {
	case p.UF == "":
		p.UF = uf
	case !strings.EqualFold(p.UF, uf):
		b.warnf("O endereço do pagador %s traz a UF %s, mas o código IBGE do município (%s %s) é de %s/%s; a cidade foi preenchida como %s e a UF %s foi mantida, confira cidade e UF antes de emitir.",
			b.of(), p.UF, tag, strings.TrimSpace(code), name, uf, name, p.UF)
	}
	return true
}

// ufFromIBGE returns the UF of an IBGE municipality code (its first two
// digits), or "".
func ufFromIBGE(code string) string {
	if len(code) < 2 {
		return ""
	}
	for _, uf := range brazil.UFs() {
		if fmt.Sprintf("%02d", brazil.UFIBGECode(uf)) == code[:2] {
			return uf
		}
	}
	return ""
}

// dupInstallments maps cobr/dup (NF-e and CT-e) to installments.
func (b *fiscalDoc) dupInstallments(dups []*xnode, opts Options) {
	seen := map[string]int{}
	var order []string
	for i, d := range dups {
		seq := i + 1
		num := b.field(d, "nDup")
		if num == "" {
			num = strconv.Itoa(seq)
		} else {
			if seen[num] == 0 {
				order = append(order, num)
			}
			seen[num]++
		}
		inst := Installment{Number: num, Seq: seq}
		raw := d.textAt("vDup")
		if a, ok := b.amount(d, "vDup"); ok {
			if a == 0 {
				b.failf("A duplicata %s %s tem valor zero (cobr/dup/vDup); corrija o XML ou crie o boleto manualmente.", num, b.of())
			}
			inst.Amount = a
		} else if raw == "" || strings.EqualFold(raw, "string") {
			b.failf("A duplicata %s %s não tem valor (cobr/dup/vDup); corrija o XML ou crie o boleto manualmente.", num, b.of())
		}
		if v := b.field(d, "dVenc"); v != "" {
			due, ok := parseFiscalDate(v)
			if !ok {
				b.failf("O vencimento %q da duplicata %s %s não é uma data válida (cobr/dup/dVenc); corrija o XML ou informe o vencimento manualmente.", v, num, b.of())
			}
			inst.DueDate = due
		}
		if !inst.DueDate.IsZero() {
			if !b.IssueDate.IsZero() && inst.DueDate.Before(b.IssueDate) {
				b.warnf("A duplicata %s vence em %s, antes da emissão %s (%s); confira a data de vencimento.", num, inst.DueDate.BR(), b.of(), b.IssueDate.BR())
			}
			if !opts.Today.IsZero() && inst.DueDate.Before(opts.Today) {
				b.warnf("A duplicata %s venceu em %s, antes de hoje (%s); escolha um novo vencimento antes de emitir o boleto.", num, inst.DueDate.BR(), opts.Today.BR())
			}
		}
		b.Installments = append(b.Installments, inst)
	}
	for _, num := range order {
		if n := seen[num]; n > 1 {
			b.warnf("O número de duplicata %s aparece %d vezes %s; as parcelas serão distinguidas pela ordem no XML, confira se não há duplicata repetida.", num, n, b.in())
		}
	}
}

// checkSum warns when the installments do not add up to the total.
func (b *fiscalDoc) checkSum(total boleto.Cents, totalLabel string) {
	var sum boleto.Cents
	for _, in := range b.Installments {
		sum += in.Amount
	}
	if sum != total {
		b.warnf("A soma das duplicatas, %s, é diferente do %s, %s; confira os valores antes de emitir.", sum.BRL(), totalLabel, total.BRL())
	}
}

// single makes the one installment of a document without duplicatas: no
// due date (the caller applies the account's term).
func (b *fiscalDoc) single(amount boleto.Cents, what string) {
	if amount <= 0 {
		b.failf("%s não tem valor a cobrar (%s zerado ou ausente); confira o XML ou crie o boleto manualmente.", b.subject(), what)
		return
	}
	b.Installments = append(b.Installments, Installment{Number: "1", Seq: 1, Amount: amount})
}

// accessKey picks the 44-digit key from the signed Id or the protocol and
// warns when they disagree or the check digit is wrong.
func (b *fiscalDoc) accessKey(idLabel, idKey, protLabel, protKey string) {
	validID, validProt := isAccessKey(idKey), isAccessKey(protKey)
	switch {
	case validID:
		b.AccessKey = idKey
	case validProt:
		b.AccessKey = protKey
	default:
		return
	}
	if validID && validProt && idKey != protKey {
		b.warnf("A chave de acesso do protocolo (%s %s) é diferente da chave %s (%s %s); confira se o XML não foi montado com arquivos diferentes.", protLabel, protKey, b.of(), idLabel, idKey)
	}
	if !accessKeyDVOK(b.AccessKey) {
		b.warnf("A chave de acesso %s %s tem o dígito verificador errado; confira se o XML não foi alterado.", b.AccessKey, b.of())
	}
}

func isAccessKey(s string) bool { return len(s) == 44 && asciiDigitsOf(s) == s }

// accessKeyDVOK checks the mod-11 check digit of a 44-digit access key.
func accessKeyDVOK(key string) bool {
	sum, w := 0, 2
	for i := 42; i >= 0; i-- {
		sum += int(key[i]-'0') * w
		if w++; w > 9 {
			w = 2
		}
	}
	dv := 11 - sum%11
	if dv >= 10 {
		dv = 0
	}
	return int(key[43]-'0') == dv
}

// protocol checks the SEFAZ protocol (protNFe or protCTe) of the document.
func (b *fiscalDoc) protocol(prot *xnode) {
	inf := prot.child("infProt")
	cStat, motivo := inf.textAt("cStat"), inf.textAt("xMotivo")
	switch cStat {
	case "", "100", "150":
	case "101", "151", "155":
		b.failf("%s foi %s (protocolo cStat %s: %s); não emita boleto para %s.", b.subject(), b.agree("cancelada"), cStat, motivo, b.pronoun())
	case "135", "136":
		if strings.Contains(strings.ToLower(motivo), "cancel") {
			b.failf("%s foi %s (protocolo cStat %s: %s); não emita boleto para %s.", b.subject(), b.agree("cancelada"), cStat, motivo, b.pronoun())
		} else {
			b.warnf("O protocolo %s é de um evento (cStat %s: %s), não da autorização; confira a situação do documento antes de emitir.", b.of(), cStat, motivo)
		}
	case "110", "205", "301", "302", "303":
		b.failf("%s teve o uso denegado pela SEFAZ (cStat %s: %s); não emita boleto para %s.", b.subject(), cStat, motivo, b.pronoun())
	default:
		b.warnf("O protocolo %s tem a situação cStat %s (%s), que não é de documento autorizado; confira a situação na SEFAZ antes de emitir.", b.of(), cStat, motivo)
	}
}

// finish adds the collected warnings and the payer checks and returns the
// document, which always has installments or errors.
func (b *fiscalDoc) finish() Document {
	if n := len(b.placeholders); n == 1 {
		b.warnf("O campo %s %s está preenchido com o texto \"string\", típico de um modelo gerado a partir do esquema, e foi ignorado; confira se este é o XML real do documento.", b.placeholders[0], b.of())
	} else if n > 1 {
		b.warnf("Os campos %s %s estão preenchidos com o texto \"string\", típico de um modelo gerado a partir do esquema, e foram ignorados; confira se este é o XML real do documento.", strings.Join(b.placeholders, ", "), b.of())
	}
	if len(b.Errors) == 0 {
		for _, p := range boleto.ValidatePayer(b.Payer, "pagador") {
			if p.Field == "pagador.documento" || b.skipPayerFields[p.Field] {
				continue
			}
			b.Warnings = append(b.Warnings, oneSentence(p.Message))
		}
	}
	if len(b.Installments) == 0 && len(b.Errors) == 0 {
		b.failf("%s não tem valor a cobrar; confira o XML ou crie o boleto manualmente.", b.subject())
	}
	return b.Document
}

// oneSentence joins the sentences of a validation message with semicolons
// ("… de RJ. Confira o CEP" → "… de RJ; confira o CEP"), so that every
// import message is one sentence.
func oneSentence(msg string) string {
	parts := strings.Split(msg, ". ")
	for i := 1; i < len(parts); i++ {
		r, size := utf8.DecodeRuneInString(parts[i])
		parts[i] = string(unicode.ToLower(r)) + parts[i][size:]
	}
	return strings.Join(parts, "; ")
}

// asciiDigitsOf keeps the ASCII digits of s.
func asciiDigitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// events are the NF-e, CT-e and NFS-e events found in a file.
type events struct {
	// cancelled maps the key of each document cancelled by an event that was
	// not refused to the event's description.
	cancelled map[string]string
	// first describes the first event, for a file that holds only events.
	first      string
	firstKey   string
	firstOfWho string // "da NF-e", "do CT-e", "da NFS-e"
}

// indexEvents finds every event: evento/eventoCTe (alone, in a proc wrapper
// with the SEFAZ answer, in an envEvento batch or beside the note) and the
// NFS-e Nacional pedRegEvento.
func indexEvents(root *xnode) events {
	ev := events{cancelled: map[string]string{}}
	var visit func(n *xnode)
	visit = func(n *xnode) {
		for _, k := range n.kids {
			switch k.name {
			case "evento", "eventoCTe":
				ev.add(k.child("infEvento"), n)
			case "pedRegEvento":
				ev.add(k, n)
			default:
				visit(k)
			}
		}
	}
	visit(root)
	return ev
}

func (ev *events) add(inf, parent *xnode) {
	if inf == nil {
		return
	}
	var key, tp, desc, who string
	if ped := inf.find("infPedReg"); ped != nil || inf.name == "pedRegEvento" {
		if ped == nil {
			ped = inf.child("infPedReg")
		}
		who, key = "da NFS-e", ped.textAt("chNFSe")
		for _, k := range ped.kids {
			if len(k.name) == 7 && k.name[0] == 'e' && asciiDigitsOf(k.name[1:]) == k.name[1:] {
				tp, desc = k.name[1:], k.textAt("xDesc")
			}
		}
	} else {
		key, tp, desc = inf.textAt("chNFe"), inf.textAt("tpEvento"), inf.textAt("detEvento", "descEvento")
		who = "da NF-e"
		if key == "" {
			key, who = inf.textAt("chCTe"), "do CT-e"
		}
	}
	if desc == "" {
		desc = "tipo " + tp
	}
	if ev.first == "" {
		ev.first, ev.firstKey, ev.firstOfWho = desc, key, who
	}
	// The SEFAZ answer beside the event, when present, says whether it was
	// registered: 135, 136 and 155 are; anything else refused it.
	if ret := parent.child("retEvento"); ret != nil {
		switch ret.textAt("infEvento", "cStat") {
		case "135", "136", "155":
		default:
			return
		}
	}
	switch tp {
	case "110111", "110112", "101101", "105102":
		ev.cancelled[key] = desc
	}
}
