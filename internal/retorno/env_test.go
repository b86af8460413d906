package retorno_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/issuing/situacao"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// env is a simulator (with a state file, so that it can be edited and
// restarted like a bank that keeps running), a client, a store with one
// account, and a controllable clock shared by all of them.
type env struct {
	simPath string
	sim     *intersim.Sim
	client  atomic.Pointer[inter.Client]
	st      *store.Store
	acct    store.Account
	clock   *issuingtest.Clock
	rec     *issuingtest.Recorder
	faults  intersim.Faults
}

// newEnv starts everything with the clock at 10:00 (São Paulo) of the next
// day, so that tests know when midnight comes.
// With editable, the simulator keeps a state file (slow: it is rewritten
// after every change), so that editSim works.
func newEnv(t testing.TB, faults intersim.Faults, editable bool) *env {
	t.Helper()
	e := &env{clock: &issuingtest.Clock{}, rec: &issuingtest.Recorder{}, faults: faults}
	now := time.Now().In(boleto.SaoPaulo)
	target := time.Date(now.Year(), now.Month(), now.Day()+1, 10, 0, 0, 0, boleto.SaoPaulo)
	e.clock.Advance(target.Sub(now))
	if editable {
		e.simPath = filepath.Join(t.TempDir(), "sim.json")
	}
	e.startSim(t)
	e.st = issuingtest.OpenStore(t, "", e.clock.Now)
	e.acct = issuingtest.Account(t, e.st, "Loja")
	return e
}

// startSim starts (or restarts) the simulator on its state file and points
// the client at it.
func (e *env) startSim(t testing.TB) {
	t.Helper()
	e.sim = issuingtest.StartSim(t, intersim.Config{Profile: intersim.ProfileUnlimited, Now: e.clock.Now, StateFile: e.simPath, Faults: e.faults})
	e.client.Store(issuingtest.NewClient(t, issuingtest.ClientConfig(t, e.sim.Credentials())))
}

// editSim stops the simulator, lets edit change its saved charges (what
// the bank's own site does: marks, protests), and starts it again.
func (e *env) editSim(t testing.TB, edit func(charge map[string]any)) {
	t.Helper()
	if e.simPath == "" {
		t.Fatal("editSim needs an editable simulator")
	}
	if err := e.sim.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(e.simPath)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	dec := json.NewDecoder(bytesReader(data))
	dec.UseNumber()
	if err := dec.Decode(&state); err != nil {
		t.Fatal(err)
	}
	for _, c := range state["charges"].([]any) {
		edit(c.(map[string]any))
	}
	out, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.simPath, out, 0o600); err != nil {
		t.Fatal(err)
	}
	e.startSim(t)
}

// clients gives the current client (it changes when the simulator
// restarts).
func (e *env) clients() issuing.Clients {
	return issuing.ClientFunc(func(context.Context, int64) (issuing.Bank, error) { return e.client.Load(), nil })
}

func (e *env) poller(t testing.TB, mod func(*retorno.Config)) *retorno.Poller {
	t.Helper()
	cfg := retorno.Config{Store: e.st, Clients: e.clients(), Emitter: e.rec, Now: e.clock.Now, SweepEvery: 30 * 24 * time.Hour}
	if mod != nil {
		mod(&cfg)
	}
	p, err := retorno.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (e *env) today() boleto.Date { return boleto.Today(e.clock.Now()) }

// spec is one boleto to seed: its due date (days from today) and its
// number of days to pay after the due date.
type spec struct {
	dueIn  int
	agenda int
}

// seed registers boletos at the bank and stores them locally as issued,
// exactly as the outbox would leave them (but faster).
func (e *env) seed(t testing.TB, specs []spec) []store.Boleto {
	t.Helper()
	ctx := context.Background()
	client := e.client.Load()
	out := make([]store.Boleto, len(specs))
	codes := make([]string, len(specs))
	for i, s := range specs {
		in := issuingtest.Draft(e.acct.ID, boleto.Cents(10000+i), e.today().AddDays(s.dueIn))
		in.Charges.AgendaDays = s.agenda
		b, err := e.st.CreateDraft(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(specs))
	next := atomic.Int64{}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(out) {
					return
				}
				b := out[i]
				res, err := client.Emit(ctx, inter.EmitRequest{
					SeuNumero: b.SeuNumero, ValorNominal: b.Amount, DataVencimento: b.DueDate, NumDiasAgenda: b.Charges.AgendaDays,
					Pagador: inter.Pagador{CpfCnpj: "52998224725", TipoPessoa: inter.PessoaFisica, Nome: b.Payer.Name,
						Endereco: b.Payer.Address, Cidade: b.Payer.City, UF: b.Payer.UF, CEP: "01310100"},
					Multa: &inter.Multa{Codigo: inter.MultaPercentual, Taxa: b.Charges.Fine.Rate},
					Mora:  &inter.Mora{Codigo: inter.MoraTaxaMensal, Taxa: b.Charges.Interest.Rate},
				})
				if err != nil {
					errs <- err
					return
				}
				codes[i] = res.CodigoSolicitacao
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	byCode := map[string]inter.Cobranca{}
	for _, c := range issuingtest.Charges(t, client, e.today().AddDays(-1), e.today().AddDays(1)) {
		byCode[c.Cobranca.CodigoSolicitacao] = c
	}
	for i, b := range out {
		c, ok := byCode[codes[i]]
		if !ok || c.Cobranca.Situacao != inter.SituacaoAReceber {
			t.Fatalf("charge %s of %s not ready: %+v", codes[i], b.SeuNumero, c.Cobranca)
		}
		nb, err := e.st.Transition(ctx, b.ID, []store.State{store.StateDraft}, store.StateIssued,
			store.Event{Kind: store.EventIssued, Message: "Boleto emitido pelo banco."}, func(x *store.Boleto) error {
				situacao.Apply(x, c)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		out[i] = nb
	}
	return out
}

func (e *env) get(t testing.TB, id int64) store.Boleto {
	t.Helper()
	b, err := e.st.GetBoleto(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// refreshToken makes one call so that a token the bank expired (the clock
// jumped) is renewed before a counted cycle.
func (e *env) refreshToken(t testing.TB) {
	t.Helper()
	_, err := e.client.Load().Summary(context.Background(), inter.SummaryParams{DataInicial: e.today(), DataFinal: e.today()})
	if err != nil {
		t.Fatal(err)
	}
}

// listCalls is how many list calls the simulator has served.
func (e *env) listCalls() int { return e.sim.Stats().Requests["GET /cobranca/v3/cobrancas"] }

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
