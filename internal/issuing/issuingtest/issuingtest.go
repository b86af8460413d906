// Package issuingtest holds what the tests of the issuing and retorno
// services share: a simulator of Banco Inter over real mTLS with a client
// for it, a store in a temporary directory, a controllable clock, valid
// drafts and an event recorder. It is imported by tests only.
package issuingtest

import (
	"context"
	"crypto/x509"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/store"
)

// Clock is the real time plus an offset that tests move forward.
type Clock struct{ off atomic.Int64 }

// Now returns the clock's current instant.
func (c *Clock) Now() time.Time { return time.Now().Add(time.Duration(c.off.Load())) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.off.Add(int64(d)) }

// StartSim starts a simulator on loopback; it is closed when the test ends.
func StartSim(t testing.TB, cfg intersim.Config) *intersim.Sim {
	t.Helper()
	sim, err := intersim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	return sim
}

// ClientConfig is a client configuration for the simulator's credentials:
// the unlimited rate profile and short waits, for tests.
func ClientConfig(t testing.TB, cr intersim.Credentials) inter.Config {
	t.Helper()
	cert, err := inter.LoadKeyPair(cr.ClientCertPEM, cr.ClientKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(cr.CACertPEM) {
		t.Fatal("the simulator's CA is not a PEM certificate")
	}
	return inter.Config{
		BaseURL:          cr.BaseURL,
		ClientID:         cr.ClientID,
		ClientSecret:     cr.ClientSecret,
		Certificate:      cert,
		RootCAs:          roots,
		ContaCorrente:    cr.ContaCorrente,
		Profile:          inter.ProfileUnlimited,
		Timeout:          10 * time.Second,
		RateLimitBackoff: 20 * time.Millisecond,
		RetryBackoff:     5 * time.Millisecond,
	}
}

// NewClient builds a client and fetches its token (so that faults injected
// later never hit the token endpoint); it is closed when the test ends.
func NewClient(t testing.TB, cfg inter.Config) *inter.Client {
	t.Helper()
	c, err := inter.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// OpenStore opens (creating) the database at path, or in a temporary
// directory when path is "", and closes it when the test ends.
func OpenStore(t testing.TB, path string, now func() time.Time) *store.Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "boletos.db")
	}
	st, err := store.Open(context.Background(), path, store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// Account creates a simulator account.
func Account(t testing.TB, st *store.Store, name string) store.Account {
	t.Helper()
	a, err := st.CreateAccount(context.Background(), store.Account{
		Name:              name,
		Environment:       store.EnvSimulator,
		DirectIntegration: true,
		Defaults:          boleto.Charges{AgendaDays: 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Payer is a valid payer (the CPF passes the check digits).
func Payer(name string) boleto.Payer {
	return boleto.Payer{
		Document: "529.982.247-25", Name: name, Address: "Avenida Paulista", Number: "1000",
		District: "Bela Vista", City: "São Paulo", UF: "SP", CEP: "01310-100",
		Email: "cliente@exemplo.com.br", DDD: "11", Phone: "98765-4321",
	}
}

// Draft is a valid draft input: the given amount and due date, a valid
// payer, fine and interest, 30 days to pay after the due date.
func Draft(accountID int64, amount boleto.Cents, due boleto.Date) store.DraftInput {
	return store.DraftInput{
		AccountID: accountID,
		Draft: boleto.Draft{
			Amount:  amount,
			DueDate: due,
			Payer:   Payer("Cliente de Teste Ltda"),
			Charges: boleto.Charges{
				Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100},
				Fine:       &boleto.Fine{Code: boleto.FinePercent, Rate: 200},
				AgendaDays: 30,
				Messages:   [5]string{"Não receber após 30 dias do vencimento."},
			},
		},
	}
}

// Drafts creates n valid drafts (amounts 10.00, 10.01, …) and returns their
// ids.
func Drafts(t testing.TB, st *store.Store, accountID int64, n int, due boleto.Date) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		b, err := st.CreateDraft(context.Background(), Draft(accountID, boleto.Cents(1000+i), due))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = b.ID
	}
	return ids
}

// Recorded is one event a Recorder saw.
type Recorded struct {
	Name    string
	Payload any
	At      time.Time // real time
}

// Recorder is an Emitter that keeps every event.
type Recorder struct {
	mu     sync.Mutex
	events []Recorded
}

// Emit records an event.
func (r *Recorder) Emit(name string, payload any) {
	r.mu.Lock()
	r.events = append(r.events, Recorded{Name: name, Payload: payload, At: time.Now()})
	r.mu.Unlock()
}

// Events returns the events with the given name ("" for all), in order.
func (r *Recorder) Events(name string) []Recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Recorded
	for _, e := range r.events {
		if name == "" || e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// Charges lists every charge at the simulator emitted between from and to,
// through c (pages of 1,000).
func Charges(t testing.TB, c *inter.Client, from, to boleto.Date) []inter.Cobranca {
	t.Helper()
	var out []inter.Cobranca
	err := c.ListAll(context.Background(), inter.ListParams{DataInicial: from, DataFinal: to, FiltrarDataPor: "EMISSAO"},
		func(cb inter.Cobranca) error {
			out = append(out, cb)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// WaitFor polls cond every 10 ms until it holds or timeout passes.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// CountStates counts the boletos of an account by state.
func CountStates(t testing.TB, st *store.Store, accountID int64) map[store.State]int {
	t.Helper()
	out := map[store.State]int{}
	for _, s := range store.States() {
		p, err := st.ListBoletos(context.Background(), store.BoletoFilter{AccountID: accountID, States: []store.State{s}, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total > 0 {
			out[s] = p.Total
		}
	}
	return out
}

// Describe is a short line about a boleto, for failure messages.
func Describe(b store.Boleto) string {
	return fmt.Sprintf("#%d %s %s attempts=%d codigo=%q reason=%q", b.ID, b.SeuNumero, b.State, b.SendAttempts, b.CodigoSolicitacao, b.FailureReason)
}
