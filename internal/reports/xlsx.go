package reports

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Number formats of the XLSX cells. The format codes are the file format's
// own (dot for decimals, comma for thousands); Excel shows them with the
// separators of the user's locale: "R$ 1.234,56" in Portuguese.
const (
	xlsxMoneyFormat = `"R$ "#,##0.00;[Red]-"R$ "#,##0.00`
	xlsxDateFormat  = `dd/mm/yyyy`
	xlsxCountFormat = `0`
)

// xlsxStyles are the style ids of one workbook.
type xlsxStyles struct {
	title, info               int
	header                    int
	text, money, date, count  int
	totalText, totalMoney     int
	totalCount, totalDate     int
	headerMoney, headerNumber int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var (
		st  xlsxStyles
		err error
	)
	money, date, count := xlsxMoneyFormat, xlsxDateFormat, xlsxCountFormat
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDDDDD"}}
	bottom := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 2}}
	right := &excelize.Alignment{Horizontal: "right"}
	center := &excelize.Alignment{Horizontal: "center"}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.info, excelize.Style{Font: &excelize.Font{Size: 9, Color: "555555"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Border: bottom}},
		{&st.headerMoney, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Border: bottom, Alignment: right}},
		{&st.headerNumber, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Border: bottom, Alignment: center}},
		{&st.text, excelize.Style{}},
		{&st.money, excelize.Style{CustomNumFmt: &money}},
		{&st.date, excelize.Style{CustomNumFmt: &date, Alignment: center}},
		{&st.count, excelize.Style{CustomNumFmt: &count}},
		{&st.totalText, excelize.Style{Font: &excelize.Font{Bold: true}, Border: top}},
		{&st.totalMoney, excelize.Style{Font: &excelize.Font{Bold: true}, Border: top, CustomNumFmt: &money}},
		{&st.totalCount, excelize.Style{Font: &excelize.Font{Bold: true}, Border: top, CustomNumFmt: &count}},
		{&st.totalDate, excelize.Style{Font: &excelize.Font{Bold: true}, Border: top, CustomNumFmt: &date, Alignment: center}},
	}
	for _, d := range defs {
		if *d.id, err = f.NewStyle(&d.s); err != nil {
			return xlsxStyles{}, err
		}
	}
	return st, nil
}

// xlsxValue is a cell's value and style in the workbook: money as a number
// of reais (exact to the centavo: the file stores the shortest decimal),
// dates as dates, counts as integers.
func (st xlsxStyles) cell(c Cell, total bool) excelize.Cell {
	pick := func(normal, tot int) int {
		if total {
			return tot
		}
		return normal
	}
	switch c.Kind {
	case KindMoney:
		return excelize.Cell{StyleID: pick(st.money, st.totalMoney), Value: float64(c.Money) / 100}
	case KindDate:
		if c.Date.IsZero() {
			return excelize.Cell{StyleID: pick(st.text, st.totalText)}
		}
		return excelize.Cell{StyleID: pick(st.date, st.totalDate), Value: c.Date.Time(time.UTC)}
	case KindCount:
		return excelize.Cell{StyleID: pick(st.count, st.totalCount), Value: c.Count}
	}
	return excelize.Cell{StyleID: pick(st.text, st.totalText), Value: c.Text}
}

// XLSXHeaderRow is the row (1-based) of the column headers in every sheet
// WriteXLSX writes: under the title, the filters, the generation time and
// a blank line. The rows follow it, then the totals.
func XLSXHeaderRow(r Report) int { return len(r.Filters) + 4 }

// WriteXLSX writes the report as an Excel workbook, one sheet per table (in
// the report's order, the list active): the title, the filters and the
// generation time on top, then the header (frozen, so it stays visible
// while scrolling), the rows and the totals row in bold.
func WriteXLSX(w io.Writer, r Report) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("gravar planilha: %w", cerr)
		}
	}()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("gravar planilha: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Title, Creator: "Boletos", Created: r.GeneratedAt.UTC().Format(time.RFC3339)}); err != nil {
		return fmt.Errorf("gravar planilha: %w", err)
	}
	first := f.GetSheetName(0)
	for i, t := range r.Tables {
		name := sheetName(t.Name, i)
		if i == 0 {
			if err := f.SetSheetName(first, name); err != nil {
				return fmt.Errorf("gravar planilha: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("gravar planilha: %w", err)
		}
		if err := writeSheet(f, name, r, t, st); err != nil {
			return fmt.Errorf("gravar planilha %q: %w", name, err)
		}
	}
	if idx, err := f.GetSheetIndex(sheetName(r.ListTable().Name, r.List)); err == nil && idx >= 0 {
		f.SetActiveSheet(idx)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("gravar planilha: %w", err)
	}
	return nil
}

// sheetName makes a valid, unique sheet name from a table's name.
func sheetName(name string, i int) string {
	clean := []rune{}
	for _, r := range name {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = ' '
		}
		clean = append(clean, r)
	}
	if len(clean) > 28 {
		clean = clean[:28]
	}
	if len(clean) == 0 {
		return fmt.Sprintf("Tabela %d", i+1)
	}
	return string(clean)
}

func writeSheet(f *excelize.File, sheet string, r Report, t Table, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range t.Columns {
		width := 14.0
		switch c.Kind {
		case KindText:
			width = 12 + 8*max(c.Width-1, 0)
		case KindDate:
			width = 12
		case KindCount:
			width = 10
		case KindMoney:
			width = 17
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	headerRow := XLSXHeaderRow(r)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cellName(1, headerRow+1), ActiveCell: cellName(1, headerRow+1), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	row := 1
	put := func(cells []any) error {
		err := sw.SetRow(cellName(1, row), cells)
		row++
		return err
	}
	if err := put([]any{excelize.Cell{StyleID: st.title, Value: r.Title + " — " + t.Name}}); err != nil {
		return err
	}
	for _, line := range r.Filters {
		if err := put([]any{excelize.Cell{StyleID: st.info, Value: line}}); err != nil {
			return err
		}
	}
	if err := put([]any{excelize.Cell{StyleID: st.info, Value: generated(r.GeneratedAt)}}); err != nil {
		return err
	}
	row++ // blank line
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		style := st.header
		switch c.Kind {
		case KindMoney:
			style = st.headerMoney
		case KindDate, KindCount:
			style = st.headerNumber
		}
		header[i] = excelize.Cell{StyleID: style, Value: c.Header}
	}
	if err := put(header); err != nil {
		return err
	}
	cells := make([]any, len(t.Columns))
	for _, data := range t.Rows {
		for i := range cells {
			cells[i] = nil
			if i < len(data) {
				cells[i] = st.cell(data[i], false)
			}
		}
		if err := put(cells); err != nil {
			return err
		}
	}
	if t.Totals != nil {
		for i := range cells {
			cells[i] = excelize.Cell{StyleID: st.totalText}
			if i < len(t.Totals) {
				cells[i] = st.cell(t.Totals[i], true)
			}
		}
		if err := put(cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
