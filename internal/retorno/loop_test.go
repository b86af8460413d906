package retorno_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

func finished(rec *issuingtest.Recorder) []retorno.Finished {
	var out []retorno.Finished
	for _, ev := range rec.Events(retorno.EventRetornoFinished) {
		out = append(out, ev.Payload.(retorno.Finished))
	}
	return out
}

// The background loop: a first cycle at start, "Sincronizar agora" at any
// time without blocking, a clean stop.
func TestPollerSyncNowAndStop(t *testing.T) {
	t.Parallel()
	e := newEnv(t, intersim.Faults{}, false)
	bs := e.seed(t, []spec{{5, 30}, {6, 30}})
	p := e.poller(t, func(c *retorno.Config) {
		c.FastInterval, c.NormalInterval, c.IdleInterval = time.Hour, time.Hour, time.Hour
	})
	p.Start(context.Background())
	p.Start(context.Background()) // no second loop
	issuingtest.WaitFor(t, 10*time.Second, "the first cycle", func() bool { return len(finished(e.rec)) == 1 })
	pay(t, e, bs[1], "PIX")
	for range 5 {
		p.SyncNow() // never blocks
	}
	issuingtest.WaitFor(t, 10*time.Second, "the requested cycle", func() bool {
		f := finished(e.rec)
		return len(f) >= 2 && f[1].Changed == 1
	})
	if b := e.get(t, bs[1].ID); b.State != store.StatePaid || b.PaidChannel != store.PaidByPix {
		t.Errorf("after SyncNow: %s via %q", b.State, b.PaidChannel)
	}
	p.Stop()
	n := len(finished(e.rec))
	if n > 3 {
		t.Errorf("%d cycles: the repeated SyncNow calls should give at most one more", n)
	}
	p.SyncNow()
	p.Stop()
	time.Sleep(100 * time.Millisecond)
	if len(finished(e.rec)) != n {
		t.Error("a cycle ran after Stop")
	}
	for _, f := range finished(e.rec) {
		if f.AccountID != e.acct.ID || f.Error != "" || f.At.IsZero() {
			t.Errorf("finished %+v", f)
		}
	}
}

// failingClients answer every list with err.
func failingClients(err error) issuing.Clients {
	return issuing.ClientFunc(func(context.Context, int64) (issuing.Bank, error) { return failingBank{err: err}, nil })
}

// failingBank only lists (the poller calls nothing else); the other methods
// of issuing.Bank are left to the nil embedded interface.
type failingBank struct {
	issuing.Bank
	err error
}

func (f failingBank) List(context.Context, inter.ListParams) (inter.ListPage, error) {
	return inter.ListPage{}, f.err
}

// Failed cycles back off exponentially (capped, with jitter), longer after
// a 429; the cursor keeps the error for the UI and does not move.
func TestPollerBacksOffOnErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		minGap time.Duration
	}{
		{"unavailable", &inter.Error{Method: "GET", Path: "/cobranca/v3/cobrancas", Status: 503}, 0},
		{"rate limited", &inter.Error{Method: "GET", Path: "/cobranca/v3/cobrancas", Status: 429}, 250 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &issuingtest.Clock{}
			st := issuingtest.OpenStore(t, "", clock.Now)
			acct := issuingtest.Account(t, st, "Loja")
			ctx := context.Background()
			b, err := st.CreateDraft(ctx, issuingtest.Draft(acct.ID, 1000, boleto.Today(clock.Now()).AddDays(3)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Transition(ctx, b.ID, []store.State{store.StateDraft}, store.StateIssued, store.Event{Kind: store.EventIssued},
				func(x *store.Boleto) error { x.CodigoSolicitacao = "6f1c1c3e-8d3a-4a53-9d5c-3f0e2b1a9c77"; return nil }); err != nil {
				t.Fatal(err)
			}
			rec := &issuingtest.Recorder{}
			p, err := retorno.New(retorno.Config{Store: st, Clients: failingClients(tt.err), Emitter: rec, Now: clock.Now,
				ErrorBackoff: 20 * time.Millisecond, MaxBackoff: 160 * time.Millisecond, RateLimitWait: 300 * time.Millisecond,
				FastInterval: time.Millisecond, NormalInterval: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			p.Start(ctx)
			want := 6
			if tt.minGap > 0 {
				want = 3
			}
			issuingtest.WaitFor(t, 10*time.Second, "failed cycles", func() bool { return len(rec.Events(retorno.EventRetornoFinished)) >= want })
			p.Stop()
			evs := rec.Events(retorno.EventRetornoFinished)
			var gaps []time.Duration
			for i := 1; i < len(evs); i++ {
				gaps = append(gaps, evs[i].At.Sub(evs[i-1].At))
			}
			for i, g := range gaps {
				switch {
				case tt.minGap > 0 && g < tt.minGap:
					t.Errorf("gap %d after a 429: %v, want at least %v", i, g, tt.minGap)
				case tt.minGap == 0 && i < 3 && g < time.Duration(float64(20*time.Millisecond<<i)*0.85):
					t.Errorf("gap %d: %v, want about %v (gaps %v)", i, g, 20*time.Millisecond<<i, gaps)
				case tt.minGap == 0 && g > 400*time.Millisecond:
					t.Errorf("gap %d: %v beyond the cap (gaps %v)", i, g, gaps)
				}
			}
			for _, ev := range evs {
				if f := ev.Payload.(retorno.Finished); f.Error == "" || f.Calls != 1 {
					t.Errorf("failed cycle reported %+v", f)
				}
			}
			cur, err := st.GetSyncCursor(ctx, acct.ID)
			if err != nil || cur.LastError == "" || !cur.CursorDate.IsZero() || strings.Contains(cur.LastError, "inter:") {
				t.Errorf("cursor after failures %+v, %v", cur, err)
			}
		})
	}
}

// The UI, the issuing worker (a batch) and the poller at once, under
// -race: boletos are issued, paid at the bank as soon as they are, and the
// poller sees every payment, while "the UI" reads and edits drafts.
func TestWorkerAndPollerTogether(t *testing.T) {
	t.Parallel()
	e := newEnv(t, intersim.Faults{Latency: 2 * time.Millisecond}, false)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := e.client.Load()
	svc, err := issuing.New(issuing.Config{
		Store: e.st, Clients: issuing.ClientMap{e.acct.ID: client}, Emitter: e.rec, Now: e.clock.Now,
		Backoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, PollInterval: 20 * time.Millisecond,
		ProcessingInterval: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	p := e.poller(t, func(c *retorno.Config) {
		c.FastInterval, c.NormalInterval, c.IdleInterval = 15*time.Millisecond, 15*time.Millisecond, 15*time.Millisecond
	})
	svc.Start(ctx)
	defer svc.Stop()
	p.Start(ctx)
	defer p.Stop()

	const n = 40
	ids := issuingtest.Drafts(t, e.st, e.acct.ID, n, e.today().AddDays(7))
	bt, err := svc.IssueBatch(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	// The payer pays each boleto as soon as it is issued.
	wg.Add(1)
	go func() {
		defer wg.Done()
		paid := map[int64]bool{}
		for len(paid) < n {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			for i, id := range ids {
				if paid[id] {
					continue
				}
				b, err := e.st.GetBoleto(ctx, id)
				if err != nil || b.State != store.StateIssued {
					continue
				}
				with := "BOLETO"
				if i%2 == 1 {
					with = "PIX"
				}
				if err := client.SandboxPay(ctx, b.CodigoSolicitacao, inter.PayRequest{PagarCom: with}); err != nil {
					t.Errorf("pay %s: %v", b.SeuNumero, err)
					return
				}
				paid[id] = true
			}
		}
	}()
	// The UI lists boletos and keeps editing a draft of its own.
	wg.Add(1)
	go func() {
		defer wg.Done()
		d, err := svc.CreateDraft(ctx, issuingtest.Draft(e.acct.ID, 500, e.today().AddDays(3)))
		if err != nil {
			t.Error(err)
			return
		}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(3 * time.Millisecond):
			}
			if _, err := e.st.ListBoletos(ctx, store.BoletoFilter{AccountID: e.acct.ID, Text: "cliente"}); err != nil {
				t.Error(err)
				return
			}
			if d, err = svc.UpdateDraft(ctx, d.ID, d.Version, issuingtest.Draft(e.acct.ID, boleto.Cents(500+i), e.today().AddDays(3))); err != nil {
				t.Error(err)
				return
			}
			p.SyncNow()
		}
	}()
	issuingtest.WaitFor(t, 45*time.Second, "every boleto paid", func() bool {
		return issuingtest.CountStates(t, e.st, e.acct.ID)[store.StatePaid] == n
	})
	close(stop)
	wg.Wait()
	if p, err := bt.Wait(ctx); err != nil || p.Done != n {
		t.Errorf("batch %+v, %v", p, err)
	}
	for i, id := range ids {
		b := e.get(t, id)
		want := store.PaidByBoleto
		if i%2 == 1 {
			want = store.PaidByPix
		}
		if b.PaidChannel != want || b.PaidAmount != b.Amount || b.Barcode == "" {
			t.Errorf("%s: paid %v via %q (codes %q)", b.SeuNumero, b.PaidAmount, b.PaidChannel, b.Barcode)
		}
	}
	for _, f := range finished(e.rec) {
		if f.Error != "" && !errors.Is(ctx.Err(), context.Canceled) {
			t.Errorf("cycle failed: %+v", f)
		}
	}
}

// A new interval applies at once: a loop waiting an hour for its next cycle
// runs it as soon as the shorter interval has passed since the last one,
// and keeps that rhythm; a longer interval quiets it again.
func TestPollerSetIntervalWakesTheLoop(t *testing.T) {
	t.Parallel()
	e := newEnv(t, intersim.Faults{}, false)
	e.seed(t, []spec{{5, 30}}) // due in a month: the normal interval applies
	p := e.poller(t, func(c *retorno.Config) {
		c.FastInterval, c.NormalInterval, c.IdleInterval = time.Hour, time.Hour, time.Hour
	})
	p.Start(context.Background())
	defer p.Stop()
	issuingtest.WaitFor(t, 10*time.Second, "the first cycle", func() bool { return len(finished(e.rec)) == 1 })
	time.Sleep(200 * time.Millisecond)
	if n := len(finished(e.rec)); n != 1 {
		t.Fatalf("%d cycles before the change, want 1", n)
	}
	p.SetInterval(300 * time.Millisecond)
	if p.Interval() != 300*time.Millisecond {
		t.Errorf("Interval() = %v", p.Interval())
	}
	issuingtest.WaitFor(t, 5*time.Second, "three more cycles at the new interval", func() bool { return len(finished(e.rec)) >= 4 })
	p.SetInterval(time.Hour)
	time.Sleep(100 * time.Millisecond) // a cycle already under way may end
	n := len(finished(e.rec))
	time.Sleep(time.Second)
	if m := len(finished(e.rec)); m != n {
		t.Errorf("%d cycles after going back to an hour, want none", m-n)
	}
}
