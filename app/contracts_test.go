package app

import (
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/contracts"
)

func TestContractsScreen(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	env.app.cfg.Contracts = contracts.New(contracts.Config{Store: env.st, Now: env.app.cfg.Now})
	today := boleto.Today(time.Now())
	due := today.AddDays(5)
	form := validForm(t, env)
	in := ContractInput{AccountID: env.accountID, Payer: form.Payer, Number: "C-1", Description: "Mensalidade",
		MonthlyCents: 30_000, Day: due.Day, StartDate: today.String(), LeadDays: 10}
	v, err := env.app.Contracts.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Active || v.BilledMonths != 1 || v.PayerName != form.Payer.Name || v.Number != "C-1" || v.NextDueDate == "" || v.NextDueDate <= due.String() {
		t.Errorf("new contract %+v (first due %s)", v, due)
	}
	page, err := env.app.Boletos.List(BoletoFilter{DocumentKinds: []string{"contract"}})
	if err != nil || page.Total != 1 || page.Rows[0].DueDate != due.String() || page.Rows[0].AmountCents != 30_000 {
		t.Errorf("contract boletos %+v %v", page, err)
	}
	if n, err := env.app.Contracts.BillNow(); err != nil || n != 0 {
		t.Errorf("BillNow right after: %d %v", n, err)
	}
	off, err := env.app.Contracts.SetActive(v.ID, false)
	if err != nil || off.Active {
		t.Errorf("SetActive(false) = %+v %v", off, err)
	}
	list, err := env.app.Contracts.List()
	if err != nil || len(list) != 1 || list[0].Active {
		t.Errorf("List = %+v %v", list, err)
	}
	in.StartDate = "31/31/2026"
	if _, err := env.app.Contracts.Create(in); len(fieldsOf(err)) == 0 || fieldsOf(err)[0] != "inicio" {
		t.Errorf("bad start date: %v", err)
	}
}
