// Package reports turns the store's aggregations (receipts, aging of open
// boletos, boletos per payer) into tables with Portuguese headers and typed
// cells, and exports them as CSV (for Brazilian Excel: ";" between fields,
// decimal comma, UTF-8 with BOM), XLSX (numbers as numbers, dates as dates,
// a totals row, the header frozen) and a printable PDF (A4 landscape, with
// the filters, the generation time, page numbers and the totals). It also
// compares the program's totals per situation with the bank's sumário
// (CompareSummary).
//
// Nothing here reads the database or the network: builders take what the
// store returned, writers take a Report and an io.Writer. The totals shown
// are the ones the store computed for the same rows.
package reports

import (
	"strconv"
	"time"

	"boletos/internal/boleto"
)

// Kind is the type of a column's cells.
type Kind int

// Kinds of cell.
const (
	KindText  Kind = iota
	KindMoney      // boleto.Cents
	KindDate       // boleto.Date (zero: empty)
	KindCount      // an integer
)

// Column is one column of a table.
type Column struct {
	Header string // pt-BR
	Kind   Kind
	// Width is the column's share of the PDF page width, relative to the
	// other columns; 0 takes a default for its kind.
	Width float64
}

// Cell is one typed value. Only the field of its Kind is used.
type Cell struct {
	Kind  Kind
	Text  string
	Money boleto.Cents
	Date  boleto.Date
	Count int64
}

// Cell constructors.
func Text(s string) Cell              { return Cell{Kind: KindText, Text: s} }
func Money(c boleto.Cents) Cell       { return Cell{Kind: KindMoney, Money: c} }
func Date(d boleto.Date) Cell         { return Cell{Kind: KindDate, Date: d} }
func Count[N ~int | ~int64](n N) Cell { return Cell{Kind: KindCount, Count: int64(n)} }

// String is the cell as people read it in Brazil: "R$ 1.234,56",
// "10/03/2026", "12".
func (c Cell) String() string {
	switch c.Kind {
	case KindMoney:
		return c.Money.BRL()
	case KindDate:
		return c.Date.BR()
	case KindCount:
		return strconv.FormatInt(c.Count, 10)
	}
	return c.Text
}

// Table is a list of rows under typed columns, with its totals row.
type Table struct {
	Name    string // the table's title, and the sheet's name in XLSX (≤ 31 characters)
	Columns []Column
	Rows    [][]Cell // each row has one cell per column
	// Totals is the totals row (one cell per column; a text cell in the
	// first column names it); nil when the table has none.
	Totals []Cell
	// Empty is shown in the PDF when there are no rows.
	Empty string
}

// Report is one report: its title, the filters it was made with, when,
// and its tables (a summary and the list, or just the list).
type Report struct {
	Title       string   // e.g. "Recebimentos"
	Filters     []string // pt-BR lines, e.g. "Conta: Loja"
	GeneratedAt time.Time
	Tables      []Table
	// List is the index in Tables of the list of boletos (or payers): the
	// table a CSV export carries.
	List int
}

// ListTable returns the table a CSV export carries.
func (r Report) ListTable() Table { return r.Tables[r.List] }
