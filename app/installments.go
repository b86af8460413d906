package app

import (
	"errors"
	"fmt"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/docimport"
	"boletos/internal/importing"
	"boletos/internal/store"
)

// InstallmentPlanInput is "Parcelar" (carnê): the total, the number of
// installments, the first due date and the interval (0 days = monthly on
// the same day), an optional down payment, and the document it charges.
type InstallmentPlanInput struct {
	TotalCents       int64  `json:"totalCents"`
	Count            int    `json:"count"`
	FirstDueDate     string `json:"firstDueDate"`
	IntervalDays     int    `json:"intervalDays"`
	DownPaymentCents int64  `json:"downPaymentCents"`
	DownPaymentDate  string `json:"downPaymentDate"`
	DocumentKind     string `json:"documentKind"` // "" = a plan made in the app; or sales_order, service_order, future_sale, contract
	DocumentNumber   string `json:"documentNumber"`
}

// PlannedInstallmentRow is one boleto of a plan.
type PlannedInstallmentRow struct {
	Label       string `json:"label"` // "Entrada", "1/10"…
	DueDate     string `json:"dueDate"`
	AmountCents int64  `json:"amountCents"`
	DownPayment bool   `json:"downPayment"`
}

// PlanPreview is a plan as typed so far: its boletos, or the problems that
// keep it from being split (a half-typed plan is an answer, not an error).
type PlanPreview struct {
	Rows     []PlannedInstallmentRow `json:"rows"`
	Problems []FieldProblemDTO       `json:"problems"`
}

// CarneResult is the drafts of a plan and their document.
type CarneResult struct {
	DocumentID int64   `json:"documentId"`
	IDs        []int64 `json:"ids"`
}

// PlanInstallments splits a plan into its boletos ("Parcelar"), for the
// live preview of the carnê form; nothing is saved. A plan that cannot be
// split yet comes back with its problems by field.
func (f *Boletos) PlanInstallments(in InstallmentPlanInput) (PlanPreview, error) {
	list, err := planOf(in)
	if err != nil {
		var e *apperr.Error
		if errors.As(err, &e) && e.Code == apperr.CodeInvalid {
			fields := e.Fields
			if len(fields) == 0 {
				fields = []apperr.FieldProblem{{Message: e.Message}}
			}
			return PlanPreview{Rows: []PlannedInstallmentRow{}, Problems: problemDTOs(fields)}, nil
		}
		return PlanPreview{}, err
	}
	out := PlanPreview{Rows: make([]PlannedInstallmentRow, len(list)), Problems: []FieldProblemDTO{}}
	for i, p := range list {
		// As the boletos will show it: the entrada is the first of them.
		label := fmt.Sprintf("%d/%d", i+1, len(list))
		if p.DownPayment {
			label = "Entrada (" + label + ")"
		}
		out.Rows[i] = PlannedInstallmentRow{Label: label, DueDate: p.DueDate.String(), AmountCents: int64(p.Amount), DownPayment: p.DownPayment}
	}
	return out, nil
}

// planOf reads and splits a plan; its problems are an apperr.CodeInvalid
// error with the fields named.
func planOf(in InstallmentPlanInput) ([]boleto.PlannedInstallment, error) {
	plan, err := in.plan()
	if err != nil {
		return nil, err
	}
	list, err := boleto.PlanInstallments(plan)
	if err != nil {
		return nil, formError(err, "O parcelamento não pode ser feito")
	}
	return list, nil
}

// CreateInstallments saves the drafts of a plan (a carnê) with the payer,
// charges and messages of the form, linked to one document; the payer is
// registered when new. All of them, or none.
func (f *Boletos) CreateInstallments(in InstallmentPlanInput, form DraftInput) (CarneResult, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	svc, err := f.app.importing()
	if err != nil {
		return CarneResult{}, err
	}
	list, err := planOf(in)
	if err != nil {
		return CarneResult{}, err
	}
	form.AmountCents, form.DueDate, form.SeuNumero = int64(list[0].Amount), list[0].DueDate.String(), ""
	d, err := form.draft()
	if err != nil {
		return CarneResult{}, err
	}
	if err := boleto.ValidatePayer(d.Payer, "pagador").Err(); err != nil {
		return CarneResult{}, formError(err, "O carnê não pode ser criado")
	}
	kind := docimport.Kind(in.DocumentKind)
	if kind == "" {
		kind = docimport.KindManual
	}
	doc := docimport.Document{Kind: kind, Number: strings.TrimSpace(in.DocumentNumber), Payer: d.Payer,
		IssueDate: boleto.Today(f.app.cfg.Now()), Total: boleto.Cents(in.TotalCents)}
	for i, p := range list {
		doc.Installments = append(doc.Installments, docimport.Installment{Number: fmt.Sprint(p.Number), Seq: i + 1, DueDate: p.DueDate, Amount: p.Amount})
	}
	outcomes, err := svc.Import(ctx, []docimport.Document{doc}, importing.Options{AccountID: form.AccountID, Charges: &d.Charges})
	if err != nil {
		return CarneResult{}, err
	}
	o := outcomes[0]
	switch {
	case o.Error != "":
		return CarneResult{}, apperr.New(apperr.CodeInvalid, o.Error)
	case o.Existing && len(o.Created) == 0:
		return CarneResult{}, apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"O %s %s já tem boletos gerados; abra-o na lista de boletos.", store.DocumentKindLabel(store.DocumentKind(kind)), doc.Number))
	}
	return CarneResult{DocumentID: o.DocumentID, IDs: o.Created}, nil
}

// plan converts the form, naming the field of a date that cannot be read.
func (in InstallmentPlanInput) plan() (boleto.Plan, error) {
	first, err := parseDateField(in.FirstDueDate, "primeiroVencimento", "primeiro vencimento")
	if err != nil {
		return boleto.Plan{}, err
	}
	down, err := parseDateField(in.DownPaymentDate, "entrada.vencimento", "vencimento da entrada")
	if err != nil {
		return boleto.Plan{}, err
	}
	switch in.DocumentKind {
	case "", string(store.DocSalesOrder), string(store.DocServiceOrder), string(store.DocFutureSale), string(store.DocContract):
	default:
		return boleto.Plan{}, apperr.Invalid("Tipo de documento desconhecido para parcelar: %q.", in.DocumentKind)
	}
	iv := boleto.Interval{Monthly: in.IntervalDays == 0, Days: in.IntervalDays}
	return boleto.Plan{Total: boleto.Cents(in.TotalCents), Count: in.Count, First: first, Interval: iv,
		DownPayment: boleto.Cents(in.DownPaymentCents), DownPaymentDate: down}, nil
}
