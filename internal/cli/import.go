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

func bindImport(fs *flag.FlagSet) runner { return bindImportWith(fs, time.Now) }

// bindImportWith takes the clock, so that tests fix the day due dates are
// compared with.
func bindImportWith(fs *flag.FlagSet, now func() time.Time) runner {
	var dryRun, asJSON bool
	fs.BoolVar(&dryRun, "dry-run", false, "só mostra os documentos e parcelas que seriam importados, sem criar rascunhos")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	return func(_ context.Context, c *invocation, args []string) error {
		if len(args) == 0 {
			return usageErr{"informe os arquivos ou pastas: boletos import --dry-run ARQUIVO.xml|LOTE.zip|PLANILHA.csv|PASTA…"}
		}
		if !dryRun {
			return usageErr{"criar rascunhos pelo terminal chega na próxima versão; por enquanto use boletos import --dry-run ARQUIVO… para conferir o que seria importado"}
		}
		results := docimport.ReadPaths(args, docimport.Options{Today: boleto.Today(now())})
		unreadable := 0
		for _, r := range results {
			if r.Err != nil {
				unreadable++
			}
		}
		var err error
		if asJSON {
			err = writeJSON(c.env.Stdout, importItems(results))
		} else {
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
