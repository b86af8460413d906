package retorno_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

func pay(t testing.TB, e *env, b store.Boleto, with string) {
	t.Helper()
	if err := e.client.Load().SandboxPay(context.Background(), b.CodigoSolicitacao, inter.PayRequest{PagarCom: with}); err != nil {
		t.Fatalf("pay %s with %s: %v", b.SeuNumero, with, err)
	}
}

func cancelAtBank(t testing.TB, e *env, b store.Boleto) {
	t.Helper()
	if err := e.client.Load().Cancel(context.Background(), b.CodigoSolicitacao, "Cancelado no site do banco"); err != nil {
		t.Fatalf("cancel %s: %v", b.SeuNumero, err)
	}
}

// setSituation edits the bank's saved charge b (what only the bank's site
// does: a manual mark as received, a protest).
func setSituation(e *env, codigo, situacao string, received boleto.Cents) func(map[string]any) {
	now := e.clock.Now()
	return func(c map[string]any) {
		if c["codigoSolicitacao"] != codigo {
			return
		}
		c["situacao"] = situacao
		c["dataSituacao"] = boleto.Today(now).String()
		c["horaSituacao"] = now.UTC().Format(time.RFC3339Nano)
		if received > 0 {
			c["valorRecebido"] = received.Decimal()
			c["dataRecebimento"] = boleto.Today(now).String()
		}
	}
}

func runOnce(t testing.TB, p *retorno.Poller, e *env) retorno.Result {
	t.Helper()
	res, err := p.RunOnce(context.Background(), e.acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func changedIDs(res retorno.Result) map[int64]retorno.Change {
	out := map[int64]retorno.Change{}
	for _, c := range res.Changes {
		out[c.ID] = c
	}
	return out
}

// Payments by boleto and by Pix, cancellations, manual marks, expiries and
// overdue boletos made at the bank are all reflected after one cycle, and
// none is missed across a restart (a new poller on the same database
// after days without one).
func TestRetornoFindsEveryChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t, intersim.Faults{}, true)
	ctx := context.Background()
	specs := []spec{
		{10, 30}, {10, 30}, {10, 30}, // 0–2 paid by boleto, boleto, Pix
		{10, 30}, {10, 30}, // 3–4 cancelled at the bank
		{10, 30},        // 5 marked as received at the bank
		{1, 0}, {1, 30}, // 6 expires, 7 becomes overdue (while closed)
		{10, 30}, {2, 30}, // 8 paid by Pix, 9 paid late by boleto (while closed)
		{10, 30}, {10, 30}, {10, 30}, // 10–12 nothing happens
		{10, 30}, // 13 protested at the bank: only the sweep sees it
	}
	bs := e.seed(t, specs)

	a := e.poller(t, nil)
	if res := runOnce(t, a, e); len(res.Changes) != 0 || !res.Swept {
		t.Fatalf("first cycle: %d changes, swept %v", len(res.Changes), res.Swept)
	}
	e.editSim(t, setSituation(e, bs[5].CodigoSolicitacao, "MARCADO_RECEBIDO", bs[5].Amount))
	pay(t, e, bs[0], "BOLETO")
	pay(t, e, bs[1], "BOLETO")
	pay(t, e, bs[2], "PIX")
	cancelAtBank(t, e, bs[3])
	cancelAtBank(t, e, bs[4])

	res := runOnce(t, a, e)
	got := changedIDs(res)
	if len(res.Changes) != 6 || res.Swept {
		t.Errorf("second cycle: %v (swept %v)", res.Changes, res.Swept)
	}
	for i, want := range map[int]store.PaidChannel{0: store.PaidByBoleto, 1: store.PaidByBoleto, 2: store.PaidByPix, 5: ""} {
		b := e.get(t, bs[i].ID)
		if b.State != store.StatePaid || b.PaidAmount != bs[i].Amount || b.PaidChannel != want || b.PaidDate != e.today() {
			t.Errorf("boleto %d: %s paid %v on %v via %q, want paid %v today via %q", i, b.State, b.PaidAmount, b.PaidDate, b.PaidChannel, bs[i].Amount, want)
		}
		if c := got[b.ID]; c.To != store.StatePaid || c.PaidAmount != bs[i].Amount {
			t.Errorf("boleto %d change %+v", i, c)
		}
	}
	for _, i := range []int{3, 4} {
		// The list does not carry the reason of a cancellation made
		// elsewhere; the state is what matters.
		if b := e.get(t, bs[i].ID); b.State != store.StateCancelled || b.BankSituation != "CANCELADO" {
			t.Errorf("boleto %d: %s (%s)", i, b.State, b.BankSituation)
		}
	}
	events := map[int64]int{}
	for _, ev := range e.rec.Events(issuing.EventBoletoChanged) {
		events[ev.Payload.(issuing.BoletoChanged).ID]++
	}
	for id := range got {
		if events[id] != 1 {
			t.Errorf("boleto %d: %d boleto:changed events, want 1", id, events[id])
		}
	}
	fin := e.rec.Events(retorno.EventRetornoFinished)
	if len(fin) != 2 || fin[1].Payload.(retorno.Finished).Changed != 6 || fin[1].Payload.(retorno.Finished).Error != "" {
		t.Errorf("retorno:finished events %+v", fin)
	}

	// The app is closed for three days; meanwhile boletos fall due,
	// expire and are paid.
	e.clock.Advance(3 * 24 * time.Hour)
	e.refreshToken(t)
	pay(t, e, bs[8], "PIX")
	pay(t, e, bs[9], "BOLETO")
	e.editSim(t, setSituation(e, bs[13].CodigoSolicitacao, "PROTESTO", 0))

	b := e.poller(t, nil)
	res = runOnce(t, b, e)
	got = changedIDs(res)
	want := map[int]store.State{6: store.StateExpired, 7: store.StateOverdue, 8: store.StatePaid, 9: store.StatePaid}
	if len(res.Changes) != len(want) {
		t.Errorf("after the restart: %v", res.Changes)
	}
	for i, st := range want {
		if b := e.get(t, bs[i].ID); b.State != st || got[b.ID].To != st {
			t.Errorf("boleto %d: %s (change %+v), want %s", i, b.State, got[b.ID], st)
		}
	}
	late := e.get(t, bs[9].ID)
	if late.PaidAmount <= late.Amount || late.PaidChannel != store.PaidByBoleto {
		t.Errorf("late payment %v of %v via %q: fine and interest missing", late.PaidAmount, late.Amount, late.PaidChannel)
	}
	if res := runOnce(t, b, e); len(res.Changes) != 0 {
		t.Errorf("a cycle with nothing new changed %v", res.Changes)
	}
	// The protest is no payment, cancellation, expiry or overdue: only the
	// daily sweep lists it.
	sweeper := e.poller(t, func(c *retorno.Config) { c.SweepEvery = time.Nanosecond })
	res = runOnce(t, sweeper, e)
	if b := e.get(t, bs[13].ID); !res.Swept || b.State != store.StateProtested || len(res.Changes) != 1 {
		t.Errorf("sweep: %v, boleto 13 %s", res.Changes, b.State)
	}
	for _, i := range []int{10, 11, 12} {
		if b := e.get(t, bs[i].ID); b.State != store.StateIssued {
			t.Errorf("untouched boleto %d is %s", i, b.State)
		}
	}
	cur, err := e.st.GetSyncCursor(ctx, e.acct.ID)
	if err != nil || cur.CursorDate != e.today() || cur.LastError != "" || cur.LastCycleAt.IsZero() {
		t.Errorf("cursor %+v, %v", cur, err)
	}
}

// With many open boletos and a few changes, one cycle costs a handful of
// list calls, never one per boleto.
func TestRetornoCallsPerCycle(t *testing.T) {
	t.Parallel()
	n := 1000
	if testing.Short() {
		n = 200
	}
	e := newEnv(t, intersim.Faults{}, false)
	specs := make([]spec, n)
	for i := range specs {
		specs[i] = spec{dueIn: 5 + i%20, agenda: 30}
	}
	// 3 expire and 3 become overdue by tomorrow.
	for i := range 3 {
		specs[i] = spec{dueIn: 0, agenda: 0}
		specs[3+i] = spec{dueIn: 0, agenda: 30}
	}
	bs := e.seed(t, specs)
	p := e.poller(t, func(c *retorno.Config) { c.SweepEvery = 24 * time.Hour })
	if res := runOnce(t, p, e); !res.Swept || len(res.Changes) != 0 {
		t.Fatalf("baseline: swept %v, %d changes", res.Swept, len(res.Changes))
	}
	want := map[int64]store.State{}
	for i := range 3 {
		want[bs[i].ID] = store.StateExpired
		want[bs[3+i].ID] = store.StateOverdue
	}
	for i := 6; i < 16; i++ {
		pay(t, e, bs[i], "BOLETO")
		want[bs[i].ID] = store.StatePaid
	}
	for i := 16; i < 24; i++ {
		pay(t, e, bs[i], "PIX")
		want[bs[i].ID] = store.StatePaid
	}
	for i := 24; i < 30; i++ {
		cancelAtBank(t, e, bs[i])
		want[bs[i].ID] = store.StateCancelled
	}
	// 23 hours later: the next day, but no sweep due yet.
	e.clock.Advance(23 * time.Hour)
	e.refreshToken(t)
	before := e.listCalls()
	res := runOnce(t, p, e)
	calls := e.listCalls() - before
	t.Logf("%d open boletos, %d changed: %d list calls (%d counted by the poller)", n, len(res.Changes), calls, res.Calls)
	if calls > 5 || res.Calls != calls || res.Swept {
		t.Errorf("one cycle made %d calls (poller counted %d, swept %v), want at most 5", calls, res.Calls, res.Swept)
	}
	got := changedIDs(res)
	if len(got) != 30 {
		t.Errorf("%d changes, want 30", len(got))
	}
	for id, st := range want {
		if b := e.get(t, id); b.State != st || got[id].To != st {
			t.Errorf("boleto %d: %s (change %+v), want %s", id, b.State, got[id], st)
		}
	}
}

// A changes list reads well.
func TestChangeString(t *testing.T) {
	t.Parallel()
	c := retorno.Change{SeuNumero: "B000007", From: store.StateIssued, To: store.StatePaid, Message: "Pagamento recebido."}
	if s := c.String(); !strings.Contains(s, "Emitido → Liquidado") {
		t.Errorf("String = %q", s)
	}
	_ = fmt.Sprint(c)
}
