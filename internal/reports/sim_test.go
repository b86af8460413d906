package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/reports"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// After boletos are issued through the outbox, paid at the bank (by
// boleto, by Pix, one late with fine and interest), cancelled, left to
// fall overdue and to expire, and after one retorno cycle, the program's
// totals agree with the simulator's sumário: CompareSummary finds no
// difference, and the Painel's cards and the receipts report match the
// sumário's lines. Before the cycle, the comparison reports what is
// missing.
func TestTotalsMatchTheSimulatorsSumario(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &issuingtest.Clock{}
	// 10:00 in São Paulo tomorrow, far from midnight.
	sp := time.Now().In(boleto.SaoPaulo)
	clock.Advance(time.Date(sp.Year(), sp.Month(), sp.Day()+1, 10, 0, 0, 0, boleto.SaoPaulo).Sub(sp))
	sim := issuingtest.StartSim(t, intersim.Config{Profile: intersim.ProfileUnlimited, Now: clock.Now})
	client := issuingtest.NewClient(t, issuingtest.ClientConfig(t, sim.Credentials()))
	st := issuingtest.OpenStore(t, "", clock.Now)
	acct := issuingtest.Account(t, st, "Loja")
	rec := &issuingtest.Recorder{}
	svc, err := issuing.New(issuing.Config{
		Store: st, Clients: issuing.ClientMap{acct.ID: client}, Emitter: rec, Now: clock.Now,
		Backoff: 10 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, RateLimitWait: 20 * time.Millisecond,
		PollInterval: 50 * time.Millisecond, ProcessingInterval: 30 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	svc.Start(ctx)
	t.Cleanup(svc.Stop)
	today := func() boleto.Date { return boleto.Today(clock.Now()) }

	// What each boleto goes through.
	type plan struct {
		dueIn, agenda int
		amount        boleto.Cents
		then          string // "", "boleto", "pix", "cancel", "late" (paid after falling due)
	}
	plans := []plan{
		{10, 30, 15000, ""}, {12, 30, 22050, ""}, {20, 30, 9990, ""}, // stay a receber
		{10, 30, 30000, "boleto"}, {15, 30, 12345, "pix"}, {11, 30, 5000, "pix"}, // paid on time
		{10, 30, 8000, "cancel"},             // cancelled through the outbox
		{1, 30, 7000, ""}, {1, 30, 6100, ""}, // fall overdue
		{1, 0, 4000, ""},       // expires (no days to pay after the due date)
		{1, 30, 50000, "late"}, // paid late, with fine and interest
	}
	ids := make([]int64, len(plans))
	for i, p := range plans {
		in := issuingtest.Draft(acct.ID, p.amount, today().AddDays(p.dueIn))
		in.Charges.AgendaDays = p.agenda
		b, err := svc.CreateDraft(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Queue(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		ids[i] = b.ID
	}
	// One draft never sent: in no sumário.
	if _, err := svc.CreateDraft(ctx, issuingtest.Draft(acct.ID, 99900, today().AddDays(5))); err != nil {
		t.Fatal(err)
	}
	issued := make([]store.Boleto, len(ids))
	issuingtest.WaitFor(t, 30*time.Second, "every boleto issued", func() bool {
		for i, id := range ids {
			b, err := st.GetBoleto(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if b.State != store.StateIssued {
				return false
			}
			issued[i] = b
		}
		return true
	})

	pay := func(b store.Boleto, with string) {
		t.Helper()
		if err := client.SandboxPay(ctx, b.CodigoSolicitacao, inter.PayRequest{PagarCom: with}); err != nil {
			t.Fatalf("pay %s: %v", b.SeuNumero, err)
		}
	}
	for i, p := range plans {
		switch p.then {
		case "boleto":
			pay(issued[i], "BOLETO")
		case "pix":
			pay(issued[i], "PIX")
		case "cancel":
			if b, err := svc.Cancel(ctx, ids[i], "Venda desfeita"); err != nil || b.State != store.StateCancelled {
				t.Fatalf("cancel: %s, %v", b.State, err)
			}
		}
	}
	// Three days later the boletos due tomorrow are overdue or expired;
	// one of them is paid late.
	clock.Advance(3 * 24 * time.Hour)
	for i, p := range plans {
		if p.then == "late" {
			pay(issued[i], "BOLETO")
		}
	}

	f := store.ReportFilter{AccountID: acct.ID, From: today().AddDays(-30), To: today().AddDays(60)}
	params, err := reports.BankSummaryParams(f)
	if err != nil {
		t.Fatal(err)
	}
	compare := func() ([]string, []inter.SummaryItem) {
		t.Helper()
		ours, err := st.SituationTotals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		bank, err := client.Summary(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		return reports.CompareSummary(ours, bank), bank
	}
	// Before the retorno cycle the program does not know about the
	// payments, the overdue and the expired boleto: the comparison says so.
	before, _ := compare()
	joined := strings.Join(before, "\n")
	for _, want := range []string{"Recebidos: 0 no programa, 4 no banco", "Vencidos: 0 no programa, 2 no banco", "Expirados: 0 no programa, 1 no banco", "A receber: 10 no programa, 3 no banco"} {
		if !strings.Contains(joined, want) {
			t.Errorf("before the retorno, the comparison %q lacks %q", before, want)
		}
	}

	p, err := retorno.New(retorno.Config{Store: st, Clients: issuing.ClientMap{acct.ID: client}, Emitter: rec, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.RunOnce(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 7 {
		t.Errorf("retorno changed %d boletos, want 7 (4 paid, 2 overdue, 1 expired): %v", len(res.Changes), res.Changes)
	}

	diffs, bank := compare()
	if diffs != nil {
		t.Fatalf("after the retorno the totals still differ: %q", diffs)
	}
	sumario := map[inter.Situacao]inter.SummaryItem{}
	for _, it := range bank {
		sumario[it.Situacao] = it
	}
	for _, sit := range []inter.Situacao{"A_RECEBER", "ATRASADO", "RECEBIDO", "CANCELADO", "EXPIRADO"} {
		if sumario[sit].Quantidade == 0 {
			t.Errorf("the sumário has no %s: the test proves nothing about it", sit)
		}
	}

	// The Painel over the same period shows the sumário's numbers.
	d, err := st.Dashboard(ctx, store.DashboardQuery{AccountID: acct.ID, From: f.From, To: f.To})
	if err != nil {
		t.Fatal(err)
	}
	line := func(sits ...inter.Situacao) store.Total {
		var tot store.Total
		for _, s := range sits {
			tot.Count += int(sumario[s].Quantidade)
			tot.Cents += sumario[s].Valor
		}
		return tot
	}
	if d.ToReceive != line("A_RECEBER") || d.Overdue != line("ATRASADO") || d.CancelledExpired != line("CANCELADO", "EXPIRADO") {
		t.Errorf("cards a receber %+v, vencido %+v, cancelado/expirado %+v; sumário %+v", d.ToReceive, d.Overdue, d.CancelledExpired, sumario)
	}
	recv := line("RECEBIDO", "MARCADO_RECEBIDO")
	if d.Received.Count != recv.Count || d.ReceivedNominal != recv.Cents || d.Drafts != 1 {
		t.Errorf("received %+v (nominal %v), drafts %d; sumário %+v", d.Received, d.ReceivedNominal, d.Drafts, recv)
	}
	if d.Received.Cents <= d.ReceivedNominal {
		t.Errorf("received %v is not above nominal %v: the late payment's fine and interest are missing", d.Received.Cents, d.ReceivedNominal)
	}
	var series store.Total
	channels := map[store.PaidChannel]int{}
	for _, pt := range d.ReceivedSeries {
		series.Count += pt.Count
		series.Cents += pt.Cents
		channels[pt.Channel] += pt.Count
	}
	if series != d.Received || channels[store.PaidByBoleto] != 2 || channels[store.PaidByPix] != 2 {
		t.Errorf("series %+v by channel %v, received %+v", series, channels, d.Received)
	}

	// The receipts report, by payment date, against the sumário by
	// payment date.
	pf := store.ReportFilter{AccountID: acct.ID, DateField: store.DatePaid, From: today().AddDays(-30), To: today()}
	rc, err := st.Receipts(ctx, pf)
	if err != nil {
		t.Fatal(err)
	}
	pp, err := reports.BankSummaryParams(pf)
	if err != nil {
		t.Fatal(err)
	}
	byPaid, err := client.Summary(ctx, pp)
	if err != nil {
		t.Fatal(err)
	}
	var paidAtBank store.Total
	for _, it := range byPaid {
		if it.Situacao == inter.SituacaoRecebido || it.Situacao == inter.SituacaoMarcadoRecebido {
			paidAtBank.Count += int(it.Quantidade)
			paidAtBank.Cents += it.Valor
		}
	}
	if rc.Totals.Count != paidAtBank.Count || rc.Totals.Nominal != paidAtBank.Cents || rc.Totals.Surcharges == 0 {
		t.Errorf("receipts %+v, sumário by payment date %+v", rc.Totals, paidAtBank)
	}
	ours, err := st.SituationTotals(ctx, pf)
	if err != nil {
		t.Fatal(err)
	}
	if diffs := reports.CompareSummary(ours, byPaid); diffs != nil {
		t.Errorf("by payment date: %q", diffs)
	}
}
