package issuing_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// soakFaults are the faults of the soak: 10% 5xx before the bank stores
// anything, 5% connections cut after the charge is stored, 5% requests
// that never get an answer (the client gives up after a short timeout) and
// a trickle of 429 (bursts come on top).
func soakFaults(seed int64) intersim.Faults {
	return intersim.Faults{Error: 0.10, Drop: 0.05, Timeout: 0.05, RateLimit: 0.02, Seed: seed}
}

// TestFaultSoak issues many boletos against a faulty bank. Afterwards every
// boleto is issued, the bank holds exactly one charge per seuNumero, none
// is left sending or processing, and the audit trail explains every retry.
func TestFaultSoak(t *testing.T) {
	t.Parallel()
	n := 1000
	if testing.Short() {
		n = 200
	}
	e := newEnv(t, envOptions{
		client: func(c *inter.Config) {
			c.Timeout = 400 * time.Millisecond
			c.RetryBackoff = 5 * time.Millisecond
			c.RateLimitBackoff = 10 * time.Millisecond
		},
		svc: func(c *issuing.Config) { c.ProcessingInterval = 300 * time.Millisecond },
	})
	ids := issuingtest.Drafts(t, e.st, e.acct.ID, n, e.due(10))
	e.sim.SetFaults(soakFaults(1))
	e.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// 429 bursts: every 250 ms, 40 ms in which nine calls in ten are
	// refused.
	var bursts sync.WaitGroup
	stopBursts := make(chan struct{})
	bursts.Add(1)
	go func() {
		defer bursts.Done()
		for i := int64(2); ; i += 2 {
			select {
			case <-stopBursts:
				return
			case <-time.After(250 * time.Millisecond):
			}
			f := soakFaults(i)
			f.RateLimit = 0.9
			e.sim.SetFaults(f)
			time.Sleep(40 * time.Millisecond)
			e.sim.SetFaults(soakFaults(i + 1))
		}
	}()

	bt, err := e.svc.IssueBatch(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	p, err := bt.Wait(ctx)
	close(stopBursts)
	bursts.Wait()
	e.sim.SetFaults(intersim.Faults{})
	if err != nil {
		t.Fatalf("batch did not finish: %+v: %v (states %v)", p, err, issuingtest.CountStates(t, e.st, e.acct.ID))
	}
	if p.Done != n || p.Failed != 0 {
		for _, it := range bt.Report() {
			if it.Outcome != issuing.OutcomeDone {
				t.Errorf("item %+v", it)
			}
		}
		t.Fatalf("progress %+v", p)
	}
	checkInvariants(t, e.st, e.client, e.acct.ID, ids, e.clock)

	stats := e.sim.Stats()
	if stats.RateLimited == 0 {
		t.Error("the simulator never answered 429: the soak did not exercise rate limits")
	}
	t.Logf("%d boletos; simulator: %v, 429s: %d", n, stats.Requests, stats.RateLimited)
}

// checkInvariants asserts what must hold after any sequence of faults and
// crashes: every boleto issued locally, exactly one charge per seuNumero
// at the bank (the one the boleto points at), nothing left sending or
// processing, and an audit trail in which every send after the first is
// preceded by the event that explains it.
func checkInvariants(t *testing.T, st *store.Store, client *inter.Client, accountID int64, ids []int64, clock *issuingtest.Clock) {
	t.Helper()
	ctx := context.Background()
	states := issuingtest.CountStates(t, st, accountID)
	if states[store.StateIssued] != len(ids) || len(states) != 1 {
		t.Errorf("local states %v, want all %d issued", states, len(ids))
	}
	today := issuingtestToday(clock)
	charges := issuingtest.Charges(t, client, today.AddDays(-2), today.AddDays(2))
	bySeu := map[string][]inter.Cobranca{}
	for _, c := range charges {
		bySeu[c.Cobranca.SeuNumero] = append(bySeu[c.Cobranca.SeuNumero], c)
	}
	if len(charges) != len(ids) {
		t.Errorf("%d charges at the bank for %d boletos", len(charges), len(ids))
	}
	retried, adopted := 0, 0
	for _, id := range ids {
		b, err := st.GetBoleto(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		cs := bySeu[b.SeuNumero]
		if len(cs) != 1 {
			t.Errorf("%s: %d charges at the bank", b.SeuNumero, len(cs))
		} else if cs[0].Cobranca.CodigoSolicitacao != b.CodigoSolicitacao {
			t.Errorf("%s points at %s, the bank's charge is %s", b.SeuNumero, b.CodigoSolicitacao, cs[0].Cobranca.CodigoSolicitacao)
		}
		evs, err := st.ListEvents(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		sends, explained := 0, false
		for _, ev := range evs {
			switch ev.Kind {
			case store.EventSendAttempt:
				sends++
				if sends > 1 && !explained {
					t.Errorf("%s: send %d without an explanation before it: %s", b.SeuNumero, sends, eventsText(evs))
				}
				explained = false
			case store.EventError, store.EventReconciled:
				explained = true
				if ev.Kind == store.EventReconciled && ev.NewState != store.StateSending {
					adopted++
				}
			}
		}
		if sends != b.SendAttempts {
			t.Errorf("%s: %d send events, %d attempts recorded", b.SeuNumero, sends, b.SendAttempts)
		}
		if sends > 1 {
			retried++
		}
		if t.Failed() {
			return
		}
	}
	if retried == 0 && adopted == 0 {
		t.Error("no boleto was ever retried or adopted: the faults did not bite")
	}
	t.Logf("%d boletos resent after a lookup, %d adopted from the bank without resending", retried, adopted)
}

func eventsText(evs []store.Event) string {
	s := ""
	for _, ev := range evs {
		s += fmt.Sprintf("\n\t%s %s→%s %s", ev.Kind, ev.OldState, ev.NewState, ev.Message)
	}
	return s
}
