package app

import (
	"slices"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/contracts"
	"boletos/internal/store"
)

// Contracts is the "Contratos" screen: monthly charges whose boletos the
// app creates a few days before each due date, once per month.
type Contracts struct{ app *App }

// ContractInput is the contract form. Dates YYYY-MM-DD; endDate "" and
// months 0 mean no end.
type ContractInput struct {
	AccountID    int64    `json:"accountId"`
	Payer        PartyDTO `json:"payer"`
	Number       string   `json:"number"`
	Description  string   `json:"description"` // e.g. "Mensalidade"; printed with the month
	MonthlyCents int64    `json:"monthlyCents"`
	Day          int      `json:"day"` // 1..31, the month's last day when shorter
	StartDate    string   `json:"startDate"`
	EndDate      string   `json:"endDate"`
	Months       int      `json:"months"`
	LeadDays     int      `json:"leadDays"` // days before the due date the boleto is created
	AutoIssue    bool     `json:"autoIssue"`
}

// ContractView is a contract as the list shows it.
type ContractView struct {
	ID            int64  `json:"id"`
	AccountID     int64  `json:"accountId"`
	DocumentID    int64  `json:"documentId"`
	Number        string `json:"number"`
	Description   string `json:"description"`
	PayerName     string `json:"payerName"`
	PayerDocument string `json:"payerDocument"`
	MonthlyCents  int64  `json:"monthlyCents"`
	Day           int    `json:"day"`
	StartDate     string `json:"startDate"`
	EndDate       string `json:"endDate"`
	Months        int    `json:"months"`
	LeadDays      int    `json:"leadDays"`
	AutoIssue     bool   `json:"autoIssue"`
	Active        bool   `json:"active"`
	BilledMonths  int    `json:"billedMonths"`
	NextDueDate   string `json:"nextDueDate"` // the next month not billed yet; "" when the contract has ended
}

// List returns every contract, active first.
func (f *Contracts) List() ([]ContractView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	list, err := f.app.cfg.Store.ListContracts(ctx, false)
	if err != nil {
		return nil, err
	}
	out := make([]ContractView, 0, len(list))
	for _, c := range list {
		v, err := f.view(c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Create saves a contract and creates right away the boletos already
// within its lead time.
func (f *Contracts) Create(in ContractInput) (ContractView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	svc, err := f.app.contracts()
	if err != nil {
		return ContractView{}, err
	}
	start, err := parseDateField(in.StartDate, "inicio", "início")
	if err != nil {
		return ContractView{}, err
	}
	end, err := parseDateField(in.EndDate, "fim", "fim")
	if err != nil {
		return ContractView{}, err
	}
	c, err := svc.Create(ctx, contracts.Input{
		AccountID: in.AccountID, Payer: in.Payer.payer(), Number: in.Number, Description: in.Description,
		Plan:     boleto.ContractPlan{Monthly: boleto.Cents(in.MonthlyCents), Day: in.Day, Start: start, End: end, Months: in.Months},
		LeadDays: in.LeadDays, AutoIssue: in.AutoIssue,
	})
	if err != nil {
		return ContractView{}, err
	}
	return f.view(c)
}

// SetActive ends (false) or resumes (true) a contract's billing; boletos
// already created stay as they are.
func (f *Contracts) SetActive(id int64, active bool) (ContractView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	st := f.app.cfg.Store
	if err := st.SetContractActive(ctx, id, active); err != nil {
		return ContractView{}, err
	}
	c, err := st.GetContract(ctx, id)
	if err != nil {
		return ContractView{}, err
	}
	return f.view(c)
}

// BillNow creates the boletos due now (the app also does it by itself
// every hour) and says how many.
func (f *Contracts) BillNow() (int, error) {
	ctx, cancel := f.app.callContext(boletoBankTimeout)
	defer cancel()
	svc, err := f.app.contracts()
	if err != nil {
		return 0, err
	}
	ids, err := svc.BillDue(ctx)
	return len(ids), err
}

func (f *Contracts) view(c store.Contract) (ContractView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	st := f.app.cfg.Store
	doc, err := st.GetDocument(ctx, c.DocumentID)
	if err != nil {
		return ContractView{}, err
	}
	v := ContractView{ID: c.ID, AccountID: c.AccountID, DocumentID: c.DocumentID, Number: doc.Number, Description: c.Description,
		MonthlyCents: int64(c.Plan.Monthly), Day: c.Plan.Day, StartDate: dateText(c.Plan.Start), EndDate: dateText(c.Plan.End),
		Months: c.Plan.Months, LeadDays: c.LeadDays, AutoIssue: c.AutoIssue, Active: c.Active}
	if doc.PayerID != 0 {
		if p, err := st.GetPayer(ctx, doc.PayerID); err == nil {
			v.PayerName, v.PayerDocument = p.Name, brazil.FormatDocument(p.Document)
		}
	}
	periods, err := st.ContractPeriods(ctx, c.ID)
	if err != nil {
		return ContractView{}, err
	}
	v.BilledMonths = len(periods)
	today := boleto.Today(f.app.cfg.Now())
	dues := c.Plan.DueDates(today, today.AddDays(400))
	if i := slices.IndexFunc(dues, func(d boleto.Date) bool { _, billed := periods[c.Plan.Period(d)]; return !billed }); i >= 0 {
		v.NextDueDate = dues[i].String()
	}
	return v, nil
}

// contracts is the contracts service, or a clear error without it.
func (a *App) contracts() (*contracts.Service, error) {
	if a.cfg.Contracts == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "Os contratos não estão ativos nesta sessão.")
	}
	return a.cfg.Contracts, nil
}
