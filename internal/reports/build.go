package reports

import (
	"fmt"
	"strings"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/store"
)

// Meta is what a report says about how it was made.
type Meta struct {
	AccountName string             // "" when the report covers every account
	Filter      store.ReportFilter // the filter given to the store
	Now         time.Time          // generation time
}

// Report titles.
const (
	TitleReceipts = "Recebimentos"
	TitleAging    = "Boletos em aberto por atraso"
	TitleByPayer  = "Boletos por pagador"
)

// noRows is shown in the PDF for a table without rows.
const noRows = "Nenhum boleto encontrado com estes filtros."

// channelLabel names a payment channel.
func channelLabel(c store.PaidChannel) string {
	switch c {
	case store.PaidByBoleto:
		return "Boleto"
	case store.PaidByPix:
		return "Pix"
	}
	return "Não informada"
}

// plural writes "1 boleto" / "2 boletos".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// totalLabel names a totals row: "Total (12 boletos)".
func totalLabel(n int, one, many string) string {
	return "Total (" + plural(n, one, many) + ")"
}

// Receipts builds the receipts report: the list of boletos received with
// nominal and received amounts, discount and fine/interest, and a summary
// per channel.
func Receipts(r store.Receipts, m Meta) Report {
	list := Table{
		Name: "Recebimentos",
		Columns: []Column{
			{Header: "Seu número", Kind: KindText, Width: 1.2},
			{Header: "Nosso número", Kind: KindText, Width: 1.35},
			{Header: "Pagador", Kind: KindText, Width: 2.8},
			{Header: "CPF/CNPJ", Kind: KindText, Width: 1.75},
			{Header: "Vencimento", Kind: KindDate},
			{Header: "Pagamento", Kind: KindDate},
			{Header: "Forma", Kind: KindText, Width: 1.3},
			{Header: "Valor nominal", Kind: KindMoney},
			{Header: "Valor recebido", Kind: KindMoney},
			{Header: "Desconto", Kind: KindMoney},
			{Header: "Juros e multa", Kind: KindMoney},
		},
		Empty: noRows,
	}
	for _, row := range r.Rows {
		discount, surcharge := splitDifference(row.Difference)
		list.Rows = append(list.Rows, []Cell{
			Text(row.SeuNumero), Text(row.NossoNumero), Text(row.PayerName), Text(brazil.FormatDocument(row.PayerDocument)),
			Date(row.DueDate), Date(row.PaidDate), Text(channelLabel(row.Channel)),
			Money(row.Nominal), Money(row.Paid), Money(discount), Money(surcharge),
		})
	}
	t := r.Totals
	list.Totals = []Cell{
		Text(totalLabel(t.Count, "boleto", "boletos")), Text(""), Text(""), Text(""), Text(""), Text(""), Text(""),
		Money(t.Nominal), Money(t.Paid), Money(t.Discounts), Money(t.Surcharges),
	}

	channels := Table{
		Name: "Por forma de recebimento",
		Columns: []Column{
			{Header: "Forma", Kind: KindText, Width: 2},
			{Header: "Boletos", Kind: KindCount},
			{Header: "Valor nominal", Kind: KindMoney},
			{Header: "Valor recebido", Kind: KindMoney},
		},
		Empty: noRows,
	}
	for _, c := range r.ByChannel {
		channels.Rows = append(channels.Rows, []Cell{Text(channelLabel(c.Channel)), Count(c.Count), Money(c.Nominal), Money(c.Paid)})
	}
	channels.Totals = []Cell{Text("Total"), Count(t.Count), Money(t.Nominal), Money(t.Paid)}

	filters := describeFilter(m, store.DatePaid)
	if t.Count > 0 {
		filters = append(filters, fmt.Sprintf("Diferença entre recebido e nominal: %s (descontos %s, juros e multa %s).",
			t.Difference.BRL(), t.Discounts.BRL(), t.Surcharges.BRL()))
	}
	return Report{Title: TitleReceipts, Filters: filters, GeneratedAt: m.Now, Tables: []Table{channels, list}, List: 1}
}

// splitDifference returns the discount (received below nominal) and the
// fine and interest (above) in a difference received − nominal, both ≥ 0.
func splitDifference(d boleto.Cents) (discount, surcharge boleto.Cents) {
	if d < 0 {
		return -d, 0
	}
	return 0, d
}

// Aging builds the aging report of the open boletos: totals per bucket of
// days late, then the list.
func Aging(a store.Aging, m Meta) Report {
	buckets := Table{
		Name: "Faixas de atraso",
		Columns: []Column{
			{Header: "Faixa", Kind: KindText, Width: 2},
			{Header: "Boletos", Kind: KindCount},
			{Header: "Valor", Kind: KindMoney},
		},
	}
	for _, b := range a.Buckets {
		buckets.Rows = append(buckets.Rows, []Cell{Text(b.Bucket.Label()), Count(b.Count), Money(b.Cents)})
	}
	buckets.Totals = []Cell{Text("Total em aberto"), Count(a.Total.Count), Money(a.Total.Cents)}

	list := Table{
		Name: "Boletos em aberto",
		Columns: []Column{
			{Header: "Seu número", Kind: KindText, Width: 1.25},
			{Header: "Nosso número", Kind: KindText, Width: 1.35},
			{Header: "Pagador", Kind: KindText, Width: 3.4},
			{Header: "CPF/CNPJ", Kind: KindText, Width: 1.75},
			{Header: "Situação", Kind: KindText, Width: 1},
			{Header: "Vencimento", Kind: KindDate},
			{Header: "Dias de atraso", Kind: KindCount},
			{Header: "Faixa", Kind: KindText, Width: 1.3},
			{Header: "Valor", Kind: KindMoney},
		},
		Empty: "Nenhum boleto em aberto com estes filtros.",
	}
	for _, r := range a.Rows {
		list.Rows = append(list.Rows, []Cell{
			Text(r.SeuNumero), Text(r.NossoNumero), Text(r.PayerName), Text(brazil.FormatDocument(r.PayerDocument)),
			Text(store.StateLabel(r.State)), Date(r.DueDate), Count(max(r.DaysLate, 0)), Text(r.Bucket.Label()), Money(r.Amount),
		})
	}
	list.Totals = []Cell{
		Text(totalLabel(a.Total.Count, "boleto", "boletos")), Text(""), Text(""), Text(""), Text(""), Text(""), Text(""), Text(""),
		Money(a.Total.Cents),
	}
	filters := append(describeFilter(m, store.DateDue), "Posição em "+a.Today.BR()+" (dias de atraso contados até esta data).")
	return Report{Title: TitleAging, Filters: filters, GeneratedAt: m.Now, Tables: []Table{buckets, list}, List: 1}
}

// ByPayer builds the report of boletos per payer.
func ByPayer(p store.ByPayer, m Meta) Report {
	list := Table{
		Name: "Boletos por pagador",
		Columns: []Column{
			{Header: "Pagador", Kind: KindText, Width: 3.6},
			{Header: "CPF/CNPJ", Kind: KindText, Width: 1.8},
			{Header: "Boletos", Kind: KindCount, Width: 0.8},
			{Header: "Valor nominal", Kind: KindMoney},
			{Header: "Recebido", Kind: KindMoney},
			{Header: "Em aberto", Kind: KindMoney},
			{Header: "Vencido", Kind: KindMoney},
		},
		Empty: noRows,
	}
	for _, r := range p.Rows {
		list.Rows = append(list.Rows, []Cell{
			Text(r.Name), Text(brazil.FormatDocument(r.Document)), Count(r.Count),
			Money(r.Nominal), Money(r.Paid), Money(r.Open), Money(r.Overdue),
		})
	}
	t := p.Totals
	list.Totals = []Cell{
		Text(totalLabel(t.Payers, "pagador", "pagadores")), Text(""), Count(t.Count),
		Money(t.Nominal), Money(t.Paid), Money(t.Open), Money(t.Overdue),
	}
	filters := append(describeFilter(m, store.DateDue), "Rascunhos e boletos não emitidos pelo banco ficam de fora.")
	return Report{Title: TitleByPayer, Filters: filters, GeneratedAt: m.Now, Tables: []Table{list}}
}

var dateFieldLabels = map[store.DateField]string{
	store.DateDue:   "Vencimento",
	store.DateIssue: "Emissão",
	store.DatePaid:  "Pagamento",
}

// describeFilter writes the filters of a report as pt-BR lines; def is the
// report's date when the filter names none.
func describeFilter(m Meta, def store.DateField) []string {
	f := m.Filter
	account := "todas"
	if m.AccountName != "" {
		account = m.AccountName
	}
	lines := []string{"Conta: " + account}
	field := f.DateField
	if field == "" {
		field = def
	}
	label := dateFieldLabels[field]
	switch {
	case !f.From.IsZero() && !f.To.IsZero():
		lines = append(lines, fmt.Sprintf("%s de %s a %s", label, f.From.BR(), f.To.BR()))
	case !f.From.IsZero():
		lines = append(lines, fmt.Sprintf("%s a partir de %s", label, f.From.BR()))
	case !f.To.IsZero():
		lines = append(lines, fmt.Sprintf("%s até %s", label, f.To.BR()))
	default:
		lines = append(lines, "Período: todos")
	}
	if len(f.States) > 0 {
		names := make([]string, len(f.States))
		for i, s := range f.States {
			names[i] = store.StateLabel(s)
		}
		lines = append(lines, "Situações: "+strings.Join(names, ", "))
	}
	if f.PayerDocument != "" {
		lines = append(lines, "Pagador: "+brazil.FormatDocument(brazil.NormalizeDocument(f.PayerDocument)))
	}
	if len(f.DocumentKinds) > 0 {
		names := make([]string, len(f.DocumentKinds))
		for i, k := range f.DocumentKinds {
			names[i] = store.DocumentKindLabel(k)
		}
		lines = append(lines, "Origem: "+strings.Join(names, ", "))
	}
	return lines
}

// generated is the generation line: "Gerado em 10/03/2026 às 14:30".
func generated(t time.Time) string {
	t = t.In(boleto.SaoPaulo)
	return "Gerado em " + t.Format("02/01/2006") + " às " + t.Format("15:04")
}
