package issuing_test

import (
	"context"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// env is a simulator, a client for it, a store with one account and a
// service wired to them.
type env struct {
	sim    *intersim.Sim
	client *inter.Client
	st     *store.Store
	acct   store.Account
	svc    *issuing.Service
	rec    *issuingtest.Recorder
	clock  *issuingtest.Clock
}

// testConfig has short waits for tests.
func testConfig() issuing.Config {
	return issuing.Config{
		Backoff:            10 * time.Millisecond,
		MaxBackoff:         200 * time.Millisecond,
		Lease:              2 * time.Second,
		RateLimitWait:      20 * time.Millisecond,
		AuthHold:           100 * time.Millisecond,
		PollInterval:       50 * time.Millisecond,
		ProcessingInterval: 30 * time.Millisecond,
		EditPollInterval:   10 * time.Millisecond,
	}
}

type envOptions struct {
	sim    intersim.Config
	client func(*inter.Config)
	svc    func(*issuing.Config)
	bank   func(issuing.Bank) issuing.Bank // wraps the client
}

func newEnv(t testing.TB, o envOptions) *env {
	t.Helper()
	e := &env{rec: &issuingtest.Recorder{}, clock: &issuingtest.Clock{}}
	if o.sim.Now == nil {
		o.sim.Now = e.clock.Now
	}
	if o.sim.Profile == "" {
		o.sim.Profile = intersim.ProfileUnlimited
	}
	e.sim = issuingtest.StartSim(t, o.sim)
	cfg := issuingtest.ClientConfig(t, e.sim.Credentials())
	if o.client != nil {
		o.client(&cfg)
	}
	e.client = issuingtest.NewClient(t, cfg)
	e.st = issuingtest.OpenStore(t, "", e.clock.Now)
	e.acct = issuingtest.Account(t, e.st, "Loja")
	var bank issuing.Bank = e.client
	if o.bank != nil {
		bank = o.bank(bank)
	}
	sc := testConfig()
	sc.Store, sc.Clients, sc.Emitter, sc.Now = e.st, issuing.ClientMap{e.acct.ID: bank}, e.rec, e.clock.Now
	if o.svc != nil {
		o.svc(&sc)
	}
	svc, err := issuing.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	e.svc = svc
	return e
}

// start runs the worker until the test ends.
func (e *env) start(t testing.TB) {
	t.Helper()
	e.svc.Start(context.Background())
	t.Cleanup(e.svc.Stop)
}

// due is a due date n days after the clock's today.
func (e *env) due(n int) boleto.Date { return boleto.Today(e.clock.Now()).AddDays(n) }

func (e *env) get(t testing.TB, id int64) store.Boleto {
	t.Helper()
	b, err := e.st.GetBoleto(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (e *env) events(t testing.TB, id int64) []store.Event {
	t.Helper()
	evs, err := e.st.ListEvents(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// draft creates one valid draft.
func (e *env) draft(t testing.TB, amount boleto.Cents, due boleto.Date) store.Boleto {
	t.Helper()
	b, err := e.svc.CreateDraft(context.Background(), issuingtest.Draft(e.acct.ID, amount, due))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// waitState waits until boleto id is in one of states.
func (e *env) waitState(t testing.TB, id int64, timeout time.Duration, states ...store.State) store.Boleto {
	t.Helper()
	var b store.Boleto
	issuingtest.WaitFor(t, timeout, "boleto in "+string(states[0]), func() bool {
		b = e.get(t, id)
		for _, s := range states {
			if b.State == s {
				return true
			}
		}
		return false
	})
	return b
}

// issue queues a draft and waits until it is issued.
func (e *env) issue(t testing.TB, amount boleto.Cents, due boleto.Date) store.Boleto {
	t.Helper()
	b := e.draft(t, amount, due)
	if _, err := e.svc.Queue(context.Background(), b.ID); err != nil {
		t.Fatal(err)
	}
	return e.waitState(t, b.ID, 20*time.Second, store.StateIssued)
}

// simCharges lists the simulator's charges emitted around today.
func (e *env) simCharges(t testing.TB) []inter.Cobranca {
	t.Helper()
	today := boleto.Today(e.clock.Now())
	return issuingtest.Charges(t, e.client, today.AddDays(-2), today.AddDays(2))
}

func issuingtestToday(c *issuingtest.Clock) boleto.Date { return boleto.Today(c.Now()) }
