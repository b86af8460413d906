package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/docimport"
	"boletos/internal/importing"
)

// ---- boletos import ----

// importItem is one object of `boletos import --dry-run --json`: a document,
// or a file that could not be read (type and payer null, its reason in
// errors).
type importItem struct {
	File         string              `json:"file"`
	Type         *string             `json:"type"`
	Number       string              `json:"number"`
	Key          string              `json:"key"`
	Payer        *importPayer        `json:"payer"`
	Installments []importInstallment `json:"installments"`
	Warnings     []string            `json:"warnings"`
	Errors       []string            `json:"errors"`
}

type importPayer struct {
	Name     string        `json:"name"`
	Document string        `json:"document"`
	Address  importAddress `json:"address"`
}

type importAddress struct {
	Street     string `json:"street"`
	Number     string `json:"number"`
	Complement string `json:"complement"`
	District   string `json:"district"`
	City       string `json:"city"`
	State      string `json:"state"`
	Zip        string `json:"zip"`
}

type importInstallment struct {
	Number  string  `json:"number"`
	DueDate *string `json:"dueDate"` // null: the document has none, the account's term applies
	Amount  string  `json:"amount"`
}

func bindImport(fs *flag.FlagSet) runner { return bindImportWith(fs, systemDeps(), time.Now) }

// bindImportWith takes the clock, so that tests fix the day due dates are
// compared with.
func bindImportWith(fs *flag.FlagSet, deps accountDeps, now func() time.Time) runner {
	var dryRun, asJSON, issueNow, wait bool
	var account, due string
	fs.BoolVar(&dryRun, "dry-run", false, "só mostra os documentos e parcelas que seriam importados, sem criar rascunhos")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	fs.StringVar(&account, "account", "", "conta em que os rascunhos são criados (obrigatório sem --dry-run)")
	fs.StringVar(&due, "due", "", "vencimento AAAA-MM-DD dos documentos sem data (padrão: o prazo da conta)")
	fs.BoolVar(&issueNow, "issue", false, "envia os rascunhos criados ao banco")
	fs.BoolVar(&wait, "wait", false, "com --issue, espera até cada boleto ser emitido ou falhar")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) == 0 {
			return usageErr{"informe os arquivos ou pastas: boletos import [--dry-run] ARQUIVO.xml|LOTE.zip|PLANILHA.csv|PASTA…"}
		}
		if !dryRun && strings.TrimSpace(account) == "" {
			return usageErr{"informe a conta com --account NOME (ou use --dry-run para só conferir)"}
		}
		var dueDate boleto.Date
		if due != "" {
			d, err := boleto.ParseDate(due)
			if err != nil {
				return usageErr{fmt.Sprintf("--due %q inválido: use AAAA-MM-DD", due)}
			}
			dueDate = d
		}
		results := docimport.ReadPaths(args, docimport.Options{Today: boleto.Today(now())})
		unreadable := 0
		for _, r := range results {
			if r.Err != nil {
				unreadable++
			}
		}
		var err error
		switch {
		case !dryRun:
			err = withServices(ctx, c, deps, func(s *services) error {
				return importDrafts(ctx, c, s, results, account, dueDate, now, issueNow, wait, asJSON)
			})
		case asJSON:
			err = writeJSON(c.env.Stdout, importItems(results))
		default:
			err = writeImportText(c.env.Stdout, results)
		}
		if err != nil {
			return err
		}
		if unreadable > 0 {
			fmt.Fprintf(c.env.Stderr, "boletos: %s; veja os motivos acima.\n",
				plural(unreadable, "arquivo não pôde ser lido", "arquivos não puderam ser lidos"))
			return silentErr{}
		}
		return nil
	}
}

// importOutcome is one object of `boletos import --json` (without
// --dry-run): what happened to a document.
type importOutcome struct {
	File       string  `json:"file"`
	Type       string  `json:"type"`
	Number     string  `json:"number"`
	DocumentID *int64  `json:"documentId"`
	Existing   bool    `json:"existing"`
	Created    []int64 `json:"created"`
	Skipped    []int   `json:"skipped"`
	Error      *string `json:"error"`
}

// importDrafts stores the documents read as drafts of account, and sends
// them to the bank when asked.
func importDrafts(ctx context.Context, c *invocation, s *services, results []docimport.FileResult, account string,
	due boleto.Date, now func() time.Time, issueNow, wait, asJSON bool) error {
	a, err := findAccount(ctx, s.acc, account)
	if err != nil {
		return err
	}
	var docs []docimport.Document
	for _, r := range results {
		if r.Err != nil {
			_, msg := apperr.Describe(r.Err)
			fmt.Fprintf(c.env.Stderr, "%s: não lido: %s\n", r.File, msg)
			continue
		}
		docs = append(docs, r.Documents...)
	}
	outcomes, err := importing.New(s.db, now).Import(ctx, docs, importing.Options{AccountID: a.ID, DueDate: due})
	if err != nil {
		return err
	}
	var created []int64
	out := make([]importOutcome, len(outcomes))
	var b strings.Builder
	for i, o := range outcomes {
		created = append(created, o.Created...)
		out[i] = importOutcome{File: o.File, Type: string(o.Kind), Number: o.Number, Existing: o.Existing,
			Created: append([]int64{}, o.Created...), Skipped: append([]int{}, o.Skipped...)}
		label := strings.TrimSpace(kindLabels[o.Kind] + " " + o.Number)
		switch {
		case o.Error != "":
			out[i].Error = optional(o.Error)
			fmt.Fprintf(&b, "%s (%s): não importado: %s\n", label, o.File, o.Error)
		case o.Existing && len(o.Created) == 0:
			out[i].DocumentID = &o.DocumentID
			fmt.Fprintf(&b, "%s (%s): já importado antes; nada novo.\n", label, o.File)
		default:
			out[i].DocumentID = &o.DocumentID
			fmt.Fprintf(&b, "%s (%s): %s.\n", label, o.File, plural(len(o.Created), "rascunho criado", "rascunhos criados"))
		}
	}
	if issueNow && len(created) > 0 {
		if !asJSON {
			if _, err := io.WriteString(c.env.Stdout, b.String()); err != nil {
				return err
			}
		}
		return issue(ctx, c, s, a, nil, created, wait, asJSON)
	}
	if asJSON {
		return writeJSON(c.env.Stdout, out)
	}
	fmt.Fprintf(&b, "Resumo: %s na conta “%s”.\n", plural(len(created), "rascunho criado", "rascunhos criados"), a.Name)
	_, err = io.WriteString(c.env.Stdout, b.String())
	return err
}

func importItems(results []docimport.FileResult) []importItem {
	items := []importItem{}
	for _, r := range results {
		if r.Err != nil {
			_, msg := apperr.Describe(r.Err)
			items = append(items, importItem{File: r.File, Installments: []importInstallment{},
				Warnings: []string{}, Errors: []string{msg}})
			continue
		}
		for _, d := range r.Documents {
			typ := string(d.Format)
			p := d.Payer
			it := importItem{
				File: d.File, Type: &typ, Number: d.Number, Key: d.AccessKey,
				Payer: &importPayer{Name: p.Name, Document: p.Document, Address: importAddress{
					Street: p.Address, Number: p.Number, Complement: p.Complement, District: p.District,
					City: p.City, State: p.UF, Zip: p.CEP}},
				Installments: []importInstallment{},
				Warnings:     append([]string{}, d.Warnings...),
				Errors:       append([]string{}, d.Errors...),
			}
			for _, in := range d.Installments {
				ii := importInstallment{Number: in.Number, Amount: in.Amount.Decimal()}
				if !in.DueDate.IsZero() {
					ii.DueDate = optional(in.DueDate.String())
				}
				it.Installments = append(it.Installments, ii)
			}
			items = append(items, it)
		}
	}
	return items
}

// kindLabels name the documents in the text output.
var kindLabels = map[docimport.Kind]string{
	docimport.KindNFe: "NF-e", docimport.KindNFSe: "NFS-e", docimport.KindCTe: "CT-e",
	docimport.KindSalesOrder: "Pedido de venda", docimport.KindServiceOrder: "Ordem de serviço",
	docimport.KindFutureSale: "Venda futura", docimport.KindContract: "Contrato",
}

// writeImportText prints one block per file and document and a summary.
func writeImportText(w io.Writer, results []docimport.FileResult) error {
	var b strings.Builder
	docs, ready, withErrors, unreadable := 0, 0, 0, 0
	for _, r := range results {
		if r.Err != nil {
			unreadable++
			_, msg := apperr.Describe(r.Err)
			fmt.Fprintf(&b, "%s\n  Não lido: %s\n\n", r.File, msg)
			continue
		}
		for _, d := range r.Documents {
			docs++
			if len(d.Errors) > 0 {
				withErrors++
			} else {
				ready++
			}
			writeImportDoc(&b, d)
		}
	}
	fmt.Fprintf(&b, "Resumo: %s em %s; %s para importar, %s com erro",
		plural(docs, "documento", "documentos"), plural(countFiles(results), "arquivo", "arquivos"),
		plural(ready, "pronto", "prontos"), plural(withErrors, "documento", "documentos"))
	if unreadable > 0 {
		fmt.Fprintf(&b, "; %s", plural(unreadable, "arquivo não pôde ser lido", "arquivos não puderam ser lidos"))
	}
	b.WriteString(".\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// countFiles counts the distinct files of the results (a batch file gives
// several documents, each ZIP entry is a file).
func countFiles(results []docimport.FileResult) int {
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.File] = true
	}
	return len(seen)
}

func writeImportDoc(b *strings.Builder, d docimport.Document) {
	fmt.Fprintf(b, "%s\n  %s", d.File, kindLabels[d.Kind])
	if d.Number != "" {
		fmt.Fprintf(b, " %s", d.Number)
	}
	if d.Series != "" {
		fmt.Fprintf(b, ", série %s", d.Series)
	}
	if !d.IssueDate.IsZero() {
		fmt.Fprintf(b, ", emissão %s", d.IssueDate.BR())
	}
	if d.AccessKey != "" {
		fmt.Fprintf(b, ", chave %s", d.AccessKey)
	}
	b.WriteString("\n")
	p := d.Payer
	doc := "sem CPF/CNPJ"
	if p.Document != "" {
		doc = documentLabel(p.Document) + " " + brazil.FormatDocument(p.Document)
	}
	name := p.Name
	if name == "" {
		name = "(sem nome)"
	}
	fmt.Fprintf(b, "  Pagador:  %s — %s\n", name, doc)
	if addr := addressLine(p); addr != "" {
		fmt.Fprintf(b, "            %s\n", addr)
	}
	if len(d.Installments) > 0 {
		fmt.Fprintf(b, "  Parcelas: %s, total %s\n", plural(len(d.Installments), "parcela", "parcelas"), d.Total.BRL())
		for _, in := range d.Installments {
			due := "sem vencimento (vale o prazo da conta)"
			if !in.DueDate.IsZero() {
				due = "vence " + in.DueDate.BR()
			}
			fmt.Fprintf(b, "    %-12s %-40s %16s\n", in.Number, due, in.Amount.BRL())
		}
	}
	for _, m := range d.Warnings {
		fmt.Fprintf(b, "  Aviso: %s\n", m)
	}
	for _, m := range d.Errors {
		fmt.Fprintf(b, "  Erro:  %s\n", m)
	}
	b.WriteString("\n")
}

func documentLabel(doc string) string {
	if len(brazil.NormalizeDocument(doc)) == 11 {
		return "CPF"
	}
	return "CNPJ"
}

// addressLine is "Rua X, 10, Sala 2 — Centro — Cidade/UF — CEP 01310-100",
// leaving out what is missing.
func addressLine(p boleto.Payer) string {
	var parts []string
	street := strings.Join(nonEmpty(p.Address, p.Number, p.Complement), ", ")
	place := strings.Join(nonEmpty(p.City, p.UF), "/")
	cep := ""
	if p.CEP != "" {
		cep = "CEP " + brazil.FormatCEP(p.CEP)
	}
	parts = nonEmpty(street, p.District, place, cep)
	return strings.Join(parts, " — ")
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
