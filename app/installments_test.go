package app

import (
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/importing"
)

func TestCarneFromAPlan(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	env.app.cfg.Importing = importing.New(env.st, nil)
	// The 10th of next month: every month has it, so the plan's days are all 10.
	today := boleto.Today(time.Now())
	first := boleto.DateOf(time.Date(today.Year, today.Month+1, 10, 0, 0, 0, 0, time.UTC))
	plan := InstallmentPlanInput{TotalCents: 100_000, Count: 3, FirstDueDate: first.String(), DocumentKind: "contract", DocumentNumber: "C-7"}
	preview, err := env.app.Boletos.PlanInstallments(plan)
	if err != nil || len(preview.Problems) != 0 {
		t.Fatal(err, preview.Problems)
	}
	rows := preview.Rows
	if len(rows) != 3 || rows[0].AmountCents != 33_333 || rows[2].AmountCents != 33_334 || rows[1].Label != "2/3" ||
		rows[0].DueDate != first.String() || !strings.HasSuffix(rows[1].DueDate, first.String()[7:]) {
		t.Errorf("plan rows %+v", rows)
	}
	// A half-typed plan is an answer with its problems, not an error.
	half, err := env.app.Boletos.PlanInstallments(InstallmentPlanInput{TotalCents: 100, Count: 0, FirstDueDate: first.String()})
	if err != nil || len(half.Rows) != 0 || len(half.Problems) == 0 || half.Problems[0].Field == "" {
		t.Errorf("a plan of 0 installments: %+v %v", half, err)
	}
	if half, err := env.app.Boletos.PlanInstallments(InstallmentPlanInput{TotalCents: 100_000, Count: 3, FirstDueDate: "31/02/2027"}); err != nil ||
		len(half.Problems) != 1 || half.Problems[0].Field != "primeiroVencimento" {
		t.Errorf("an impossible first due date: %+v %v", half, err)
	}

	form := validForm(t, env)
	res, err := env.app.Boletos.CreateInstallments(plan, form)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IDs) != 3 || res.DocumentID == 0 {
		t.Fatalf("carnê %+v", res)
	}
	last, err := env.app.Boletos.Get(res.IDs[2])
	if err != nil || last.Row.Installment != "3/3" || last.Row.AmountCents != 33_334 || last.Document == nil || last.Document.Label != "contrato C-7" {
		t.Errorf("last installment %+v document %+v %v", last.Row, last.Document, err)
	}
	doc, err := env.app.Boletos.Document(res.DocumentID)
	if err != nil || len(doc.Boletos) != 3 || doc.TotalCents != 100_000 || doc.KindLabel != "contrato" {
		t.Errorf("document %+v %v", doc, err)
	}
	page, err := env.app.Boletos.List(BoletoFilter{DocumentKinds: []string{"contract"}})
	if err != nil || page.Total != 3 {
		t.Errorf("list by document kind: %d %v", page.Total, err)
	}
	if _, err := env.app.Boletos.CreateInstallments(plan, form); err == nil || !strings.Contains(err.Error(), "já tem boletos") {
		t.Errorf("the same contract again: %v", err)
	}
	bad := form
	bad.Payer.Document = "123"
	plan.DocumentNumber = "C-8"
	if _, err := env.app.Boletos.CreateInstallments(plan, bad); !strings.Contains(strings.Join(fieldsOf(err), ","), "pagador.documento") {
		t.Errorf("bad payer: %v", err)
	}
	if _, err := env.app.Boletos.List(BoletoFilter{DocumentKinds: []string{"boleto"}}); err == nil {
		t.Error("unknown document kind accepted")
	}
}
