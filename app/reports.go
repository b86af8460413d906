package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/reports"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// Reports is the Painel (the home page) and the Relatórios: totals,
// received amounts by channel, what falls due, what is late, the reports
// with their exports, and "Conferir com o banco".
type Reports struct{ app *App }

// TotalDTO is a count of boletos and their amount.
type TotalDTO struct {
	Count int   `json:"count"`
	Cents int64 `json:"cents"`
}

// SeriesPointDTO is one bar of the received chart.
type SeriesPointDTO struct {
	Date    string `json:"date"`    // the day, or the first day of the week or month
	Channel string `json:"channel"` // "BOLETO" | "PIX" | "" (marked as received at the bank)
	Count   int    `json:"count"`
	Cents   int64  `json:"cents"`
}

// DashboardBoletoDTO is one line of the Painel's lists.
type DashboardBoletoDTO struct {
	ID            int64  `json:"id"`
	SeuNumero     string `json:"seuNumero"`
	PayerName     string `json:"payerName"`
	PayerDocument string `json:"payerDocument"`
	DueDate       string `json:"dueDate"`
	AmountCents   int64  `json:"amountCents"`
	DaysLate      int    `json:"daysLate"`
}

// SyncStatus is the last retorno cycle of an account.
type SyncStatus struct {
	AccountID int64  `json:"accountId"`
	At        string `json:"at"` // RFC 3339; "" when there was none in this session
	Changed   int    `json:"changed"`
	Error     string `json:"error"`
}

// CertificateStatus is an account's certificate as the Painel warns of it.
type CertificateStatus struct {
	AccountID   int64  `json:"accountId"`
	AccountName string `json:"accountName"`
	DaysLeft    int    `json:"daysLeft"`
	Status      string `json:"status"` // "ok" | "expiring" | "expired" | "not_yet_valid"
	Message     string `json:"message"`
}

// DashboardQueryDTO selects the Painel's data: the account (0: all), the
// period (YYYY-MM-DD) and how the chart groups ("day" | "week" | "month").
type DashboardQueryDTO struct {
	AccountID int64  `json:"accountId"`
	From      string `json:"from"`
	To        string `json:"to"`
	Series    string `json:"series"`
}

// DashboardDTO is everything the Painel shows.
type DashboardDTO struct {
	Today            string               `json:"today"`
	ToReceive        TotalDTO             `json:"toReceive"`
	Overdue          TotalDTO             `json:"overdue"`
	Received         TotalDTO             `json:"received"`
	ReceivedNominal  int64                `json:"receivedNominalCents"`
	CancelledExpired TotalDTO             `json:"cancelledExpired"`
	Drafts           int                  `json:"drafts"`
	Series           []SeriesPointDTO     `json:"series"`
	NextDue          []DashboardBoletoDTO `json:"nextDue"`
	OverdueList      []DashboardBoletoDTO `json:"overdueList"`
	Sync             []SyncStatus         `json:"sync"`
	Certificates     []CertificateStatus  `json:"certificates"`
}

// ReportFilterDTO selects a report's boletos. Empty fields do not filter.
type ReportFilterDTO struct {
	AccountID     int64    `json:"accountId"`
	DateField     string   `json:"dateField"` // "" (the report's own) | "due" | "issue" | "paid"
	From          string   `json:"from"`
	To            string   `json:"to"`
	States        []string `json:"states"`
	PayerDocument string   `json:"payerDocument"`
	DocumentKinds []string `json:"documentKinds"`
}

// ReportColumnDTO is one column of a report table.
type ReportColumnDTO struct {
	Header string `json:"header"`
	Kind   string `json:"kind"` // "text" | "money" | "date" | "count"
}

// ReportTableDTO is one table of a report, its cells as people read them.
type ReportTableDTO struct {
	Name    string            `json:"name"`
	Columns []ReportColumnDTO `json:"columns"`
	Rows    [][]string        `json:"rows"`
	Totals  []string          `json:"totals"`
}

// ReportDTO is a report as the screen shows it.
type ReportDTO struct {
	Title   string           `json:"title"`
	Filters []string         `json:"filters"`
	Tables  []ReportTableDTO `json:"tables"`
}

// Report kinds.
const (
	reportReceipts = "receipts"
	reportAging    = "aging"
	reportByPayer  = "by_payer"
)

// Dashboard returns the Painel's data.
func (f *Reports) Dashboard(q DashboardQueryDTO) (DashboardDTO, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	from, err := parseDateField(q.From, "from", "início do período")
	if err != nil {
		return DashboardDTO{}, err
	}
	to, err := parseDateField(q.To, "to", "fim do período")
	if err != nil {
		return DashboardDTO{}, err
	}
	today := boleto.Today(f.app.cfg.Now())
	d, err := f.app.cfg.Store.Dashboard(ctx, store.DashboardQuery{AccountID: q.AccountID, From: from, To: to, Today: today,
		Series: store.SeriesGroup(q.Series)})
	if err != nil {
		return DashboardDTO{}, err
	}
	out := DashboardDTO{
		Today: today.String(), ToReceive: totalDTO(d.ToReceive), Overdue: totalDTO(d.Overdue), Received: totalDTO(d.Received),
		ReceivedNominal: int64(d.ReceivedNominal), CancelledExpired: totalDTO(d.CancelledExpired), Drafts: d.Drafts,
		Series: make([]SeriesPointDTO, len(d.ReceivedSeries)), NextDue: dashboardBoletos(d.NextDue),
		OverdueList: dashboardBoletos(d.OverdueList), Sync: f.app.syncStatus(), Certificates: []CertificateStatus{},
	}
	for i, p := range d.ReceivedSeries {
		out.Series[i] = SeriesPointDTO{Date: p.Date.String(), Channel: string(p.Channel), Count: p.Count, Cents: int64(p.Cents)}
	}
	if f.app.cfg.Accounts != nil {
		accs, err := f.app.Accounts.List()
		if err != nil {
			return DashboardDTO{}, err
		}
		for _, a := range accs {
			if a.Certificate != nil && !a.IsSimulation && (q.AccountID == 0 || q.AccountID == a.ID) {
				c := a.Certificate
				out.Certificates = append(out.Certificates, CertificateStatus{AccountID: a.ID, AccountName: a.Name,
					DaysLeft: c.DaysLeft, Status: c.Status, Message: c.Message})
			}
		}
	}
	return out, nil
}

// Report returns a report ("receipts" | "aging" | "by_payer") for the
// screen.
func (f *Reports) Report(kind string, filter ReportFilterDTO) (ReportDTO, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	r, err := f.build(ctx, kind, filter)
	if err != nil {
		return ReportDTO{}, err
	}
	out := ReportDTO{Title: r.Title, Filters: append([]string{}, r.Filters...), Tables: make([]ReportTableDTO, len(r.Tables))}
	for i, t := range r.Tables {
		td := ReportTableDTO{Name: t.Name, Columns: make([]ReportColumnDTO, len(t.Columns)), Rows: make([][]string, len(t.Rows))}
		for j, c := range t.Columns {
			td.Columns[j] = ReportColumnDTO{Header: c.Header, Kind: columnKind(c.Kind)}
		}
		for j, row := range t.Rows {
			td.Rows[j] = cellTexts(row)
		}
		if t.Totals != nil {
			td.Totals = cellTexts(t.Totals)
		}
		out.Tables[i] = td
	}
	return out, nil
}

// Export renders a report as "csv", "xlsx" or "pdf" for the browser to
// download.
func (f *Reports) Export(kind string, filter ReportFilterDTO, format string) (PDFFile, error) {
	name, data, err := f.export(kind, filter, format)
	if err != nil {
		return PDFFile{}, err
	}
	return PDFFile{FileName: name, Base64: base64.StdEncoding.EncodeToString(data)}, nil
}

// SaveExport renders a report and saves it where the user chooses in the
// system's dialog; "" when the user gave up.
func (f *Reports) SaveExport(kind string, filter ReportFilterDTO, format string) (string, error) {
	wctx, err := f.app.window()
	if err != nil {
		return "", err
	}
	name, data, err := f.export(kind, filter, format)
	if err != nil {
		return "", err
	}
	filters := map[string]runtime.FileFilter{
		"csv":  {DisplayName: "Planilha CSV (*.csv)", Pattern: "*.csv"},
		"xlsx": {DisplayName: "Planilha do Excel (*.xlsx)", Pattern: "*.xlsx"},
		"pdf":  {DisplayName: "PDF (*.pdf)", Pattern: "*.pdf"},
	}
	return f.app.saveAs(wctx, "Salvar relatório", name, filters[format], data)
}

// CompareWithBank ("Conferir com o banco") compares the program's totals
// per situation with the bank's sumário for the same account and period,
// and returns the differences as pt-BR lines (none when they agree).
func (f *Reports) CompareWithBank(filter ReportFilterDTO) ([]string, error) {
	ctx, cancel := f.app.callContext(boletoBankTimeout)
	defer cancel()
	if filter.AccountID == 0 {
		return nil, &apperr.Error{Code: apperr.CodeInvalid, Message: "Escolha a conta a conferir com o banco.",
			Fields: []apperr.FieldProblem{{Field: "conta", Message: "Escolha a conta a conferir com o banco."}}}
	}
	sf, err := filter.store()
	if err != nil {
		return nil, err
	}
	params, err := reports.BankSummaryParams(sf)
	if err != nil {
		return nil, err
	}
	ours, err := f.app.cfg.Store.SituationTotals(ctx, sf)
	if err != nil {
		return nil, err
	}
	client, err := f.app.cfg.Accounts.Client(ctx, filter.AccountID)
	if err != nil {
		return nil, err
	}
	bank, err := client.Summary(ctx, params)
	if err != nil {
		return nil, err
	}
	diffs := reports.CompareSummary(ours, bank)
	if diffs == nil {
		diffs = []string{}
	}
	return diffs, nil
}

func (f *Reports) export(kind string, filter ReportFilterDTO, format string) (string, []byte, error) {
	ctx, cancel := f.app.callContext(printCallTimeout)
	defer cancel()
	fm := reports.Format(format)
	switch fm {
	case reports.FormatCSV, reports.FormatXLSX, reports.FormatPDF:
	default:
		return "", nil, apperr.Invalid("Formato de exportação desconhecido: %q (use CSV, XLSX ou PDF).", format)
	}
	r, err := f.build(ctx, kind, filter)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := reports.Write(&buf, r, fm); err != nil {
		return "", nil, apperr.Wrap(apperr.CodeInternal, err, "Não foi possível gerar o relatório.")
	}
	return reports.FileName(r, fm), buf.Bytes(), nil
}

// build queries the store and builds a report.
func (f *Reports) build(ctx context.Context, kind string, filter ReportFilterDTO) (reports.Report, error) {
	sf, err := filter.store()
	if err != nil {
		return reports.Report{}, err
	}
	meta := reports.Meta{Filter: sf, Now: f.app.cfg.Now()}
	if sf.AccountID != 0 {
		a, err := f.app.cfg.Store.GetAccount(ctx, sf.AccountID)
		if err != nil {
			return reports.Report{}, err
		}
		meta.AccountName = a.Name
	}
	st := f.app.cfg.Store
	switch kind {
	case reportReceipts:
		r, err := st.Receipts(ctx, sf)
		if err != nil {
			return reports.Report{}, err
		}
		return reports.Receipts(r, meta), nil
	case reportAging:
		r, err := st.Aging(ctx, sf, boleto.Today(f.app.cfg.Now()))
		if err != nil {
			return reports.Report{}, err
		}
		return reports.Aging(r, meta), nil
	case reportByPayer:
		r, err := st.ByPayer(ctx, sf)
		if err != nil {
			return reports.Report{}, err
		}
		return reports.ByPayer(r, meta), nil
	}
	return reports.Report{}, apperr.Invalid("Relatório desconhecido: %q.", kind)
}

// store converts the report filter, naming the field of a bad value.
func (f ReportFilterDTO) store() (store.ReportFilter, error) {
	out := store.ReportFilter{AccountID: f.AccountID, DateField: store.DateField(f.DateField), PayerDocument: f.PayerDocument}
	switch out.DateField {
	case "", store.DateDue, store.DateIssue, store.DatePaid:
	default:
		return store.ReportFilter{}, apperr.Invalid("Data de referência desconhecida: %q.", f.DateField)
	}
	var err error
	if out.From, err = parseDateField(f.From, "from", "início do período"); err != nil {
		return store.ReportFilter{}, err
	}
	if out.To, err = parseDateField(f.To, "to", "fim do período"); err != nil {
		return store.ReportFilter{}, err
	}
	bf, err := BoletoFilter{States: f.States, DocumentKinds: f.DocumentKinds}.store()
	if err != nil {
		return store.ReportFilter{}, err
	}
	out.States, out.DocumentKinds = bf.States, bf.DocumentKinds
	return out, nil
}

func totalDTO(t store.Total) TotalDTO { return TotalDTO{Count: t.Count, Cents: int64(t.Cents)} }

func dashboardBoletos(list []store.DashboardBoleto) []DashboardBoletoDTO {
	out := make([]DashboardBoletoDTO, len(list))
	for i, b := range list {
		out[i] = DashboardBoletoDTO{ID: b.ID, SeuNumero: b.SeuNumero, PayerName: b.PayerName, PayerDocument: b.PayerDocument,
			DueDate: b.DueDate.String(), AmountCents: int64(b.Amount), DaysLate: b.DaysLate}
	}
	return out
}

func columnKind(k reports.Kind) string {
	switch k {
	case reports.KindMoney:
		return "money"
	case reports.KindDate:
		return "date"
	case reports.KindCount:
		return "count"
	}
	return "text"
}

func cellTexts(cells []reports.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.String()
	}
	return out
}

// noteSync keeps the last retorno cycle of each account for the Painel.
func (a *App) noteSync(payload any) {
	fin, ok := payload.(retorno.Finished)
	if !ok {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lastSync == nil {
		a.lastSync = map[int64]retorno.Finished{}
	}
	a.lastSync[fin.AccountID] = fin
}

// syncStatus is the last retorno cycle of each account in this session.
func (a *App) syncStatus() []SyncStatus {
	a.mu.RLock()
	defer a.mu.RUnlock()
	out := make([]SyncStatus, 0, len(a.lastSync))
	for _, fin := range a.lastSync {
		out = append(out, SyncStatus{AccountID: fin.AccountID, At: fin.At.Format(time.RFC3339), Changed: fin.Changed, Error: fin.Error})
	}
	return out
}
