package importing

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/docimport"
	"boletos/internal/store"
)

var today = boleto.Date{Year: 2026, Month: time.November, Day: 27}

func newEnv(t *testing.T) (*Service, *store.Store, store.Account) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc, err := st.CreateAccount(context.Background(), store.Account{Name: "Loja", Environment: store.EnvSandbox,
		DefaultDueDays: 10, Defaults: boleto.Charges{Fine: &boleto.Fine{Code: boleto.FinePercent, Rate: 200}, AgendaDays: 30}})
	if err != nil {
		t.Fatal(err)
	}
	return New(st, func() time.Time { return today.Time(boleto.SaoPaulo).Add(10 * time.Hour) }), st, acc
}

func nfe(dups ...docimport.Installment) docimport.Document {
	return docimport.Document{
		File: "nota.xml", Format: docimport.FormatNFe, Kind: docimport.KindNFe, Number: "1234", Series: "1",
		AccessKey: strings.Repeat("3", 44), IssueDate: today, Total: 30000,
		Payer: boleto.Payer{Document: "52998224725", Name: "Maria", Address: "Rua A", Number: "1", District: "Centro",
			City: "São Paulo", UF: "SP", CEP: "01310100"},
		Installments: dups,
	}
}

func TestImportCreatesDraftsWithTheAccountDefaultsAndNeverTwice(t *testing.T) {
	svc, st, acc := newEnv(t)
	ctx := context.Background()
	doc := nfe(
		docimport.Installment{Number: "001", Seq: 1, DueDate: today.AddDays(30), Amount: 15000},
		docimport.Installment{Number: "002", Seq: 2, DueDate: today.AddDays(60), Amount: 15000},
	)
	undated := nfe(docimport.Installment{Number: "1", Seq: 1, Amount: 9990})
	undated.Kind, undated.Format, undated.AccessKey, undated.Number = docimport.KindNFSe, docimport.FormatNFSe, "", "77"
	refused := nfe()
	refused.Number, refused.AccessKey, refused.Errors = "9", strings.Repeat("4", 44), []string{"A nota fiscal foi cancelada."}

	out, err := svc.Import(ctx, []docimport.Document{doc, undated, refused}, Options{AccountID: acc.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || len(out[0].Created) != 2 || len(out[1].Created) != 1 || out[2].Error != "A nota fiscal foi cancelada." || len(out[2].Created) != 0 {
		t.Fatalf("outcomes %+v", out)
	}
	first, _ := st.GetBoleto(ctx, out[0].Created[0])
	if first.Amount != 15000 || first.DueDate != today.AddDays(30) || first.InstallmentNumber != 1 || first.InstallmentTotal != 2 ||
		first.Charges.Fine == nil || first.Charges.Fine.Rate != 200 || first.Payer.Name != "Maria" || first.DocumentID != out[0].DocumentID {
		t.Errorf("first installment %+v", first)
	}
	nfse, _ := st.GetBoleto(ctx, out[1].Created[0])
	if nfse.DueDate != today.AddDays(10) || nfse.InstallmentTotal != 1 {
		t.Errorf("undated NFS-e: due %s, installments %d/%d", nfse.DueDate, nfse.InstallmentNumber, nfse.InstallmentTotal)
	}

	again, err := svc.Import(ctx, []docimport.Document{doc, undated}, Options{AccountID: acc.ID, DueDate: today.AddDays(5)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range again {
		if !o.Existing || len(o.Created) != 0 || len(o.Skipped) == 0 {
			t.Errorf("re-import of %s: %+v", o.Number, o)
		}
	}
	page, _ := st.ListBoletos(ctx, store.BoletoFilter{})
	if page.Total != 3 {
		t.Errorf("%d boletos after importing twice, want 3", page.Total)
	}
}

func TestPlanUsesTheChosenDueDateAndCharges(t *testing.T) {
	svc, _, acc := newEnv(t)
	doc := nfe(docimport.Installment{Seq: 1, Amount: 5000})
	none := boleto.Charges{}
	drafts, err := svc.Plan(context.Background(), doc, Options{AccountID: acc.ID, DueDate: today.AddDays(3), Charges: &none})
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].DueDate != today.AddDays(3) || drafts[0].Charges.Fine != nil {
		t.Errorf("plan %+v", drafts)
	}
	if _, err := svc.Plan(context.Background(), nfe(), Options{AccountID: acc.ID}); err == nil {
		t.Error("a document without installments was planned")
	}
}
