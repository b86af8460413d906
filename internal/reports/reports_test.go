package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/reports"
	"boletos/internal/store"
)

// built holds the three reports made from one seeded store, with what the
// store returned for them.
type built struct {
	w        *world
	receipts store.Receipts
	aging    store.Aging
	payers   store.ByPayer
	reports  map[string]reports.Report
}

func buildAll(t *testing.T, n int) built {
	t.Helper()
	ctx := context.Background()
	w := newWorld(t)
	w.seedMany(t, n)
	b := built{w: w, reports: map[string]reports.Report{}}
	var err error
	rf := store.ReportFilter{AccountID: w.acct.ID, DateField: store.DatePaid, From: today.AddDays(-100), To: today.AddDays(10)}
	if b.receipts, err = w.st.Receipts(ctx, rf); err != nil {
		t.Fatal(err)
	}
	if b.aging, err = w.st.Aging(ctx, store.ReportFilter{AccountID: w.acct.ID}, today); err != nil {
		t.Fatal(err)
	}
	pf := store.ReportFilter{AccountID: w.acct.ID, States: []store.State{store.StateIssued, store.StateOverdue, store.StatePaid}}
	if b.payers, err = w.st.ByPayer(ctx, pf); err != nil {
		t.Fatal(err)
	}
	meta := func(f store.ReportFilter) reports.Meta {
		return reports.Meta{AccountName: w.acct.Name, Filter: f, Now: now}
	}
	b.reports["receipts"] = reports.Receipts(b.receipts, meta(rf))
	b.reports["aging"] = reports.Aging(b.aging, meta(store.ReportFilter{AccountID: w.acct.ID}))
	b.reports["payers"] = reports.ByPayer(b.payers, meta(pf))
	if len(b.receipts.Rows) < 10 || len(b.aging.Rows) < 10 || len(b.payers.Rows) != len(payers) {
		t.Fatalf("too little data: %d receipts, %d open, %d payers", len(b.receipts.Rows), len(b.aging.Rows), len(b.payers.Rows))
	}
	return b
}

// countIn reads N from a totals label "Total (N boletos)".
func countIn(t *testing.T, label string) int {
	t.Helper()
	m := regexp.MustCompile(`\((\d+) `).FindStringSubmatch(label)
	if m == nil {
		t.Fatalf("totals label %q has no count", label)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Every totals row of every table equals the sum of the table's rows, and
// the tables say what the store said.
func TestTotalsEqualTheSumOfTheirRows(t *testing.T) {
	t.Parallel()
	b := buildAll(t, 160)
	for name, r := range b.reports {
		for _, tb := range r.Tables {
			t.Run(name+"/"+tb.Name, func(t *testing.T) {
				if len(tb.Totals) != len(tb.Columns) {
					t.Fatalf("totals row of %d cells for %d columns", len(tb.Totals), len(tb.Columns))
				}
				summed := 0
				for j, tot := range tb.Totals {
					var money boleto.Cents
					var count int64
					for _, row := range tb.Rows {
						if len(row) != len(tb.Columns) {
							t.Fatalf("row of %d cells for %d columns", len(row), len(tb.Columns))
						}
						if row[j].Kind != tb.Columns[j].Kind {
							t.Fatalf("column %q holds a cell of kind %d", tb.Columns[j].Header, row[j].Kind)
						}
						money += row[j].Money
						count += row[j].Count
					}
					switch tot.Kind {
					case reports.KindMoney:
						summed++
						if tot.Money != money {
							t.Errorf("%s: total %s, rows sum to %s", tb.Columns[j].Header, tot.Money, money)
						}
					case reports.KindCount:
						summed++
						if tot.Count != count {
							t.Errorf("%s: total %d, rows sum to %d", tb.Columns[j].Header, tot.Count, count)
						}
					}
				}
				if summed == 0 {
					t.Error("a totals row that sums nothing")
				}
				if label := tb.Totals[0].Text; strings.Contains(label, "(") && countIn(t, label) != len(tb.Rows) {
					t.Errorf("totals label %q for %d rows", label, len(tb.Rows))
				}
			})
		}
	}

	rc := b.reports["receipts"]
	list, channels := rc.ListTable(), rc.Tables[0]
	if len(list.Rows) != len(b.receipts.Rows) || list.Totals[8].Money != b.receipts.Totals.Paid || channels.Totals[3].Money != b.receipts.Totals.Paid {
		t.Errorf("receipts tables do not carry the store's %d rows and %s received", len(b.receipts.Rows), b.receipts.Totals.Paid)
	}
	for i, r := range b.receipts.Rows {
		row := list.Rows[i]
		disc, sur := row[9].Money, row[10].Money
		if row[7].Money != r.Nominal || row[8].Money != r.Paid || sur-disc != r.Difference || disc < 0 || sur < 0 || disc > 0 && sur > 0 {
			t.Errorf("row %d: nominal %s paid %s discount %s fine %s, store %+v", i, row[7].Money, row[8].Money, disc, sur, r)
		}
		if want := map[store.PaidChannel]string{store.PaidByBoleto: "Boleto", store.PaidByPix: "Pix", "": "Não informada"}[r.Channel]; row[6].Text != want {
			t.Errorf("row %d: channel %q, want %q", i, row[6].Text, want)
		}
		if row[3].Text != brazil.FormatDocument(r.PayerDocument) || row[5].Date != r.PaidDate {
			t.Errorf("row %d: %q %v", i, row[3].Text, row[5].Date)
		}
	}
	if b.receipts.Totals.Discounts == 0 || b.receipts.Totals.Surcharges == 0 || len(b.receipts.ByChannel) != 3 {
		t.Errorf("the data lacks discounts, surcharges or a channel: %+v %+v", b.receipts.Totals, b.receipts.ByChannel)
	}
	ag := b.reports["aging"]
	if ag.Tables[0].Totals[1].Count != int64(len(ag.ListTable().Rows)) || ag.Tables[0].Totals[2].Money != ag.ListTable().Totals[8].Money {
		t.Error("aging buckets and list disagree")
	}
	for i, bt := range b.aging.Buckets {
		row := ag.Tables[0].Rows[i]
		if row[0].Text != bt.Bucket.Label() || row[1].Count != int64(bt.Count) || row[2].Money != bt.Cents {
			t.Errorf("bucket row %v, store %+v", row, bt)
		}
	}
}

func TestFiltersAreDescribed(t *testing.T) {
	t.Parallel()
	f := store.ReportFilter{
		DateField: store.DateIssue, From: boleto.Date{Year: 2026, Month: 3, Day: 1}, To: boleto.Date{Year: 2026, Month: 3, Day: 31},
		States: []store.State{store.StateIssued, store.StateOverdue}, PayerDocument: "11222333000181",
		DocumentKinds: []store.DocumentKind{store.DocNFe, store.DocNone},
	}
	r := reports.ByPayer(store.ByPayer{}, reports.Meta{AccountName: "Loja", Filter: f, Now: now})
	got := strings.Join(r.Filters, "\n")
	for _, want := range []string{"Conta: Loja", "Emissão de 01/03/2026 a 31/03/2026", "Situações: Emitido, Vencido",
		"Pagador: 11.222.333/0001-81", "Origem: NF-e, boleto avulso"} {
		if !strings.Contains(got, want) {
			t.Errorf("filters %q lack %q", got, want)
		}
	}
	r = reports.Receipts(store.Receipts{}, reports.Meta{Now: now})
	if got := strings.Join(r.Filters, "\n"); !strings.Contains(got, "Conta: todas") || !strings.Contains(got, "Período: todos") {
		t.Errorf("filters %q", got)
	}
}

// The CSV opens in Brazilian Excel (BOM, ";", decimal comma) and reads
// back as the table, totals included.
func TestCSVReadsBackAsTheTable(t *testing.T) {
	t.Parallel()
	b := buildAll(t, 120)
	for name, r := range b.reports {
		t.Run(name, func(t *testing.T) {
			tb := r.ListTable()
			var buf bytes.Buffer
			if err := reports.WriteCSV(&buf, tb); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
				t.Fatal("no UTF-8 BOM")
			}
			if !bytes.Contains(data, []byte("\r\n")) {
				t.Error("lines do not end in CRLF")
			}
			cr := csv.NewReader(bytes.NewReader(data[3:]))
			cr.Comma = ';'
			records, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != len(tb.Rows)+2 {
				t.Fatalf("%d records, want header + %d rows + totals", len(records), len(tb.Rows))
			}
			for j, c := range tb.Columns {
				if records[0][j] != c.Header {
					t.Errorf("header %d = %q, want %q", j, records[0][j], c.Header)
				}
			}
			for i, cells := range append(append([][]reports.Cell{}, tb.Rows...), tb.Totals) {
				for j, c := range cells {
					got := records[i+1][j]
					switch c.Kind {
					case reports.KindMoney:
						if strings.Contains(got, ".") || strings.Contains(got, "R$") {
							t.Fatalf("money %q: thousands separator or currency", got)
						}
						cents, err := boleto.ParseDecimal(strings.Replace(got, ",", ".", 1))
						if err != nil || cents != c.Money {
							t.Fatalf("row %d col %d: %q reads as %v (%v), want %v", i, j, got, cents, err, c.Money)
						}
					case reports.KindDate:
						want := ""
						if !c.Date.IsZero() {
							want = fmt.Sprintf("%02d/%02d/%04d", c.Date.Day, c.Date.Month, c.Date.Year)
						}
						if got != want {
							t.Fatalf("row %d col %d: date %q, want %q", i, j, got, want)
						}
					case reports.KindCount:
						if n, err := strconv.ParseInt(got, 10, 64); err != nil || n != c.Count {
							t.Fatalf("row %d col %d: count %q, want %d", i, j, got, c.Count)
						}
					default:
						want := c.Text
						if strings.HasPrefix(want, "=") {
							want = "'" + want // defused formula
						}
						if got != want {
							t.Fatalf("row %d col %d: %q, want %q", i, j, got, want)
						}
					}
				}
			}
		})
	}
	// Negative money keeps its sign and its comma.
	if got := reports.CSVValue(reports.Money(-1205)); got != "-12,05" {
		t.Errorf("CSV of -12,05 = %q", got)
	}
	if got := reports.CSVValue(reports.Text("+55 11 9999")); got != "'+55 11 9999" {
		t.Errorf("CSV of a formula-like text = %q", got)
	}
}

// The XLSX holds numbers as numbers (with a R$ format), dates as dates,
// the totals row, and a frozen header, on one sheet per table.
func TestXLSXReadsBackAsTheTables(t *testing.T) {
	t.Parallel()
	b := buildAll(t, 120)
	for name, r := range b.reports {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.WriteXLSX(&buf, r); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheets := f.GetSheetList()
			if len(sheets) != len(r.Tables) {
				t.Fatalf("sheets %v for %d tables", sheets, len(r.Tables))
			}
			if active := sheets[f.GetActiveSheetIndex()]; active != r.ListTable().Name {
				t.Errorf("active sheet %q, want the list %q", active, r.ListTable().Name)
			}
			hr := reports.XLSXHeaderRow(r)
			for ti, tb := range r.Tables {
				sheet := sheets[ti]
				if sheet != tb.Name {
					t.Errorf("sheet %q, want %q", sheet, tb.Name)
				}
				title, _ := f.GetCellValue(sheet, "A1")
				gen, _ := f.GetCellValue(sheet, fmt.Sprintf("A%d", hr-2))
				if !strings.HasPrefix(title, r.Title) || gen != "Gerado em 10/03/2026 às 14:30" {
					t.Errorf("title %q, generated %q", title, gen)
				}
				panes, err := f.GetPanes(sheet)
				if err != nil || !panes.Freeze || panes.YSplit != hr {
					t.Errorf("panes %+v (%v), want the header row %d frozen", panes, err, hr)
				}
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != hr+len(tb.Rows)+1 {
					t.Fatalf("%d rows in the sheet, want %d", len(rows), hr+len(tb.Rows)+1)
				}
				for j, c := range tb.Columns {
					if rows[hr-1][j] != c.Header {
						t.Errorf("header %q, want %q", rows[hr-1][j], c.Header)
					}
				}
				for i, cells := range append(append([][]reports.Cell{}, tb.Rows...), tb.Totals) {
					rowNum := hr + 1 + i
					for j, c := range cells {
						ref, _ := excelize.CoordinatesToCellName(j+1, rowNum)
						raw := ""
						if j < len(rows[rowNum-1]) {
							raw = rows[rowNum-1][j]
						}
						checkXLSXCell(t, f, sheet, ref, raw, c)
					}
				}
				// The totals row is bold.
				ref, _ := excelize.CoordinatesToCellName(1, hr+len(tb.Rows)+1)
				if id, err := f.GetCellStyle(sheet, ref); err != nil {
					t.Fatal(err)
				} else if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
					t.Errorf("totals row not bold: %+v %v", st, err)
				}
			}
		})
	}
}

func checkXLSXCell(t *testing.T, f *excelize.File, sheet, ref, raw string, c reports.Cell) {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	styleID, _ := f.GetCellStyle(sheet, ref)
	st, _ := f.GetStyle(styleID)
	format := ""
	if st != nil && st.CustomNumFmt != nil {
		format = *st.CustomNumFmt
	}
	switch c.Kind {
	case reports.KindMoney:
		cents, err := boleto.ParseDecimal(raw)
		if err != nil || cents != c.Money || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Fatalf("%s: money %q (type %d) reads as %v, want %v", ref, raw, typ, cents, c.Money)
		}
		if !strings.Contains(format, `R$`) || !strings.Contains(format, "#,##0.00") {
			t.Fatalf("%s: money format %q", ref, format)
		}
	case reports.KindDate:
		if c.Date.IsZero() {
			if raw != "" {
				t.Fatalf("%s: %q for no date", ref, raw)
			}
			return
		}
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s: date %q is not a serial number", ref, raw)
		}
		tm, err := excelize.ExcelDateToTime(serial, false)
		if err != nil || boleto.DateOf(tm) != c.Date || format != "dd/mm/yyyy" {
			t.Fatalf("%s: date %q = %v (format %q), want %v", ref, raw, tm, format, c.Date)
		}
	case reports.KindCount:
		if n, err := strconv.ParseInt(raw, 10, 64); err != nil || n != c.Count {
			t.Fatalf("%s: count %q, want %d", ref, raw, c.Count)
		}
	default:
		if raw != c.Text {
			t.Fatalf("%s: %q, want %q", ref, raw, c.Text)
		}
	}
}

// pdfText renders r and extracts its text with pdftotext -layout.
func pdfText(t *testing.T, r reports.Report) (string, []byte) {
	t.Helper()
	tool := requireTool(t, "pdftotext", "poppler-utils")
	var buf bytes.Buffer
	if err := reports.WritePDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", in, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out), buf.Bytes()
}

// The PDF carries the title, the filters, a row, the totals with accents,
// and "Página N de M" on every page; it is the same for the same report.
func TestPDFText(t *testing.T) {
	t.Parallel()
	b := buildAll(t, 200)
	for name, r := range b.reports {
		t.Run(name, func(t *testing.T) {
			text, pdf := pdfText(t, r)
			pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
			list := r.ListTable()
			var row []reports.Cell
			for _, cells := range list.Rows { // a row with an accented payer
				if strings.Contains(cells[0].Text+cells[2].Text, "Conceição") {
					row = cells
					break
				}
			}
			if row == nil {
				t.Fatal("no row with an accented payer")
			}
			want := []string{r.Title, "Conta: Loja Conceição", "Gerado em 10/03/2026 às 14:30", list.Name, list.Columns[0].Header,
				"José da Conceição Araújo", list.Totals[0].Text, list.Totals[len(list.Totals)-1].String()}
			for _, c := range row {
				if c.Kind != reports.KindText || c.Text == "" {
					want = append(want, c.String())
				}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
			for i, p := range pages {
				if !strings.Contains(p, fmt.Sprintf("Página %d de %d", i+1, len(pages))) {
					t.Errorf("page %d lacks its number", i+1)
				}
			}
			if name == "aging" && len(pages) < 2 {
				t.Errorf("aging of %d rows on %d page(s): the test does not cross a page", len(list.Rows), len(pages))
			}
			// The header is repeated on every page the list spans.
			header := "Pagador" // one word: never split over two lines
			if n := strings.Count(text, header); n < len(pages)-1 {
				t.Errorf("header %q printed %d times on %d pages", header, n, len(pages))
			}
			if _, again := pdfText(t, r); !bytes.Equal(pdf, again) {
				t.Error("two renderings of the same report differ")
			}
		})
	}
}

// An empty report still prints its tables, a message and zero totals.
func TestEmptyReportPDF(t *testing.T) {
	t.Parallel()
	r := reports.Aging(store.Aging{Today: today, Buckets: []store.BucketTotal{{Bucket: store.AgingCurrent}, {Bucket: store.Aging1To15},
		{Bucket: store.Aging16To30}, {Bucket: store.Aging31To60}, {Bucket: store.AgingOver60}}}, reports.Meta{Now: now})
	text, _ := pdfText(t, r)
	for _, w := range []string{"Nenhum boleto em aberto com estes filtros.", "Total (0 boletos)", "R$ 0,00", "Mais de 60 dias", "Página 1 de 1"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q:\n%s", w, text)
		}
	}
	var buf bytes.Buffer
	if err := reports.WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteCSV(&buf, r.ListTable()); err != nil {
		t.Fatal(err)
	}
}
