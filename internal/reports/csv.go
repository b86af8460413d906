package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"boletos/internal/boleto"
)

// utf8BOM makes Excel read the file as UTF-8 (without it, accents break).
const utf8BOM = "\uFEFF"

// WriteCSV writes t as the CSV Excel in Portuguese opens directly: UTF-8
// with a BOM, ";" between fields, CRLF line ends, a header line, the rows
// and the totals row. Money is written with a decimal comma and no
// thousands separator or currency ("1234,56", "-12,30"), dates as
// DD/MM/AAAA, counts as integers. Text that a spreadsheet would take for a
// formula (starting with =, +, -, @, tab or carriage return) is prefixed
// with an apostrophe, so that a payer's name cannot run as one.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("gravar CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = csvText(c.Header)
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("gravar CSV: %w", err)
	}
	record := make([]string, len(t.Columns))
	write := func(cells []Cell) error {
		for i := range record {
			record[i] = ""
			if i < len(cells) {
				record[i] = CSVValue(cells[i])
			}
		}
		return cw.Write(record)
	}
	for _, row := range t.Rows {
		if err := write(row); err != nil {
			return fmt.Errorf("gravar CSV: %w", err)
		}
	}
	if t.Totals != nil {
		if err := write(t.Totals); err != nil {
			return fmt.Errorf("gravar CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("gravar CSV: %w", err)
	}
	return nil
}

// CSVValue is a cell as WriteCSV writes it.
func CSVValue(c Cell) string {
	switch c.Kind {
	case KindMoney:
		return decimalComma(c.Money)
	case KindText:
		return csvText(c.Text)
	}
	return c.String()
}

// decimalComma writes cents as "1234,56" or "-0,05".
func decimalComma(c boleto.Cents) string {
	return strings.Replace(c.Decimal(), ".", ",", 1)
}

// csvText defuses text a spreadsheet would evaluate as a formula.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
