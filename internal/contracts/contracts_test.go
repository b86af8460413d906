package contracts

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(d boleto.Date) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = d.Time(boleto.SaoPaulo).Add(9 * time.Hour)
}

type queued struct {
	mu  sync.Mutex
	ids []int64
}

func (q *queued) Queue(_ context.Context, id int64) (store.Boleto, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ids = append(q.ids, id)
	return store.Boleto{ID: id}, nil
}

func day(y int, m time.Month, d int) boleto.Date { return boleto.Date{Year: y, Month: m, Day: d} }

func newEnv(t *testing.T) (*Service, *store.Store, *clock, *queued, store.Account) {
	t.Helper()
	clk := &clock{}
	clk.set(day(2026, 11, 27))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc, err := st.CreateAccount(context.Background(), store.Account{Name: "Escola", Environment: store.EnvSandbox,
		Defaults: boleto.Charges{Fine: &boleto.Fine{Code: boleto.FinePercent, Rate: 200}, Messages: [5]string{"Não receber após 30 dias"}}})
	if err != nil {
		t.Fatal(err)
	}
	q := &queued{}
	return New(Config{Store: st, Issuer: q, Now: clk.Now}), st, clk, q, acc
}

var payer = boleto.Payer{Document: "52998224725", Name: "Maria", Address: "Rua A", Number: "1", District: "Centro",
	City: "São Paulo", UF: "SP", CEP: "01310100"}

func TestContractBillsEachMonthOnceAheadOfItsDueDate(t *testing.T) {
	svc, st, clk, q, acc := newEnv(t)
	ctx := context.Background()
	c, err := svc.Create(ctx, Input{AccountID: acc.ID, Payer: payer, Number: "C-1", Description: "Mensalidade",
		Plan:     boleto.ContractPlan{Monthly: 45000, Day: 5, Start: day(2026, 12, 1), Months: 3},
		LeadDays: 10, AutoIssue: true})
	if err != nil {
		t.Fatal(err)
	}
	// 27/11: the 05/12 boleto is within 10 days, and was made by Create.
	periods, _ := st.ContractPeriods(ctx, c.ID)
	if len(periods) != 1 || periods["2026-12"] == 0 {
		t.Fatalf("after Create on 27/11: %v", periods)
	}
	b, _ := st.GetBoleto(ctx, periods["2026-12"])
	if b.Amount != 45000 || b.DueDate != day(2026, 12, 5) || b.Charges.Messages[1] != "Mensalidade — referente a 12/2026" ||
		b.Charges.Messages[0] != "Não receber após 30 dias" || b.Charges.Fine == nil || b.DocumentID != c.DocumentID {
		t.Errorf("December's boleto: %+v", b)
	}
	if len(q.ids) != 1 || q.ids[0] != b.ID {
		t.Errorf("auto-issue queued %v", q.ids)
	}

	// Running again the same day, or after deleting the draft, bills nothing.
	if ids, err := svc.BillDue(ctx); err != nil || len(ids) != 0 {
		t.Errorf("second run: %v %v", ids, err)
	}
	if err := st.DeleteDraft(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if ids, err := svc.BillDue(ctx); err != nil || len(ids) != 0 {
		t.Errorf("after deleting December's draft: %v %v", ids, err)
	}

	// 20/12: nothing (January 5 is 16 days away); 26/12: January.
	clk.set(day(2026, 12, 20))
	if ids, _ := svc.BillDue(ctx); len(ids) != 0 {
		t.Errorf("on 20/12: %v", ids)
	}
	clk.set(day(2026, 12, 26))
	if ids, _ := svc.BillDue(ctx); len(ids) != 1 {
		t.Errorf("on 26/12: %v", ids)
	}
	// Months: 3 → December, January, February; nothing after.
	clk.set(day(2027, 1, 30))
	svc.BillDue(ctx)
	clk.set(day(2027, 2, 28))
	if ids, _ := svc.BillDue(ctx); len(ids) != 0 {
		t.Errorf("after the last month: %v", ids)
	}
	periods, _ = st.ContractPeriods(ctx, c.ID)
	if len(periods) != 3 || periods["2027-03"] != 0 {
		t.Errorf("periods %v", periods)
	}

	if err := st.SetContractActive(ctx, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.ListContracts(ctx, true); len(list) != 0 {
		t.Errorf("inactive contract still listed as active")
	}
}

func TestContractInputIsCheckedAndNothingHalfSaved(t *testing.T) {
	svc, st, _, _, acc := newEnv(t)
	ctx := context.Background()
	bad := payer
	bad.Document = "123"
	_, err := svc.Create(ctx, Input{AccountID: acc.ID, Payer: bad, Description: strings.Repeat("x", 51),
		Plan: boleto.ContractPlan{Monthly: 100, Day: 40}, LeadDays: 90})
	var e *apperr.Error
	if !asErr(err, &e) || e.Code != apperr.CodeInvalid {
		t.Fatalf("bad contract: %v", err)
	}
	got := map[string]bool{}
	for _, f := range e.Fields {
		got[f.Field] = true
	}
	for _, f := range []string{"valor", "dia", "inicio", "pagador.documento", "descricao", "antecedencia"} {
		if !got[f] {
			t.Errorf("no problem for %s in %+v", f, e.Fields)
		}
	}
	if list, _ := st.ListContracts(ctx, false); len(list) != 0 {
		t.Errorf("a refused contract was stored")
	}
	ok := Input{AccountID: acc.ID, Payer: payer, Number: "C-9", Plan: boleto.ContractPlan{Monthly: 1000, Day: 10, Start: day(2027, 1, 1)}}
	if _, err := svc.Create(ctx, ok); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Create(ctx, ok); !asErr(err, &e) || e.Code != apperr.CodeConflict {
		t.Errorf("the same contract twice: %v", err)
	}
}

func asErr(err error, target **apperr.Error) bool { return errors.As(err, target) }
