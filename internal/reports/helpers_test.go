package reports_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/store"
)

// now is the tests' clock: 10/03/2026 14:30 in São Paulo.
var now = time.Date(2026, time.March, 10, 14, 30, 0, 0, boleto.SaoPaulo)

var today = boleto.Today(now)

// payers of the seeded boletos: accents, a CNPJ, and a name a spreadsheet
// would take for a formula.
var payers = []boleto.Payer{
	{Document: "52998224725", Name: "José da Conceição Araújo"},
	{Document: "11222333000181", Name: "Padaria São João Ltda"},
	{Document: "11144477735", Name: "=HIPERLINK(\"http://exemplo.invalid\")"},
	{Document: "45723174000110", Name: "Construtora Ômega & Irmãos"},
}

// world is a store seeded through CreateDraft and Transition.
type world struct {
	st   *store.Store
	acct store.Account
}

// seed is one boleto to store.
type seed struct {
	payer   boleto.Payer
	state   store.State
	amount  boleto.Cents
	due     boleto.Date
	paid    boleto.Cents
	paidOn  boleto.Date
	channel store.PaidChannel
	bankSit string
}

func newWorld(t testing.TB) *world {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	acct, err := st.CreateAccount(context.Background(), store.Account{Name: "Loja Conceição", Environment: store.EnvSandbox})
	if err != nil {
		t.Fatal(err)
	}
	return &world{st: st, acct: acct}
}

func (w *world) add(t testing.TB, s seed) store.Boleto {
	t.Helper()
	ctx := context.Background()
	b, err := w.st.CreateDraft(ctx, store.DraftInput{AccountID: w.acct.ID, Draft: boleto.Draft{
		Amount: s.amount, DueDate: s.due, Payer: s.payer, Charges: boleto.Charges{AgendaDays: 30},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if s.state == store.StateDraft {
		return b
	}
	b, err = w.st.Transition(ctx, b.ID, []store.State{store.StateDraft}, s.state, store.Event{Kind: store.EventStatus, Message: "Semeado pelo teste."},
		func(x *store.Boleto) error {
			x.IssueDate = s.due.AddDays(-20)
			x.NossoNumero = fmt.Sprintf("%011d", 80_000_000_000+x.ID)
			x.BankSituation = s.bankSit
			x.PaidAmount, x.PaidDate, x.PaidChannel = s.paid, s.paidOn, s.channel
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seedMany stores n boletos in every state that matters to the reports,
// deterministically: payments on time, with discount and late (fine and
// interest), by boleto, Pix and marked as received; open boletos from 90
// days late to 30 days ahead; cancelled, expired and drafts.
func (w *world) seedMany(t testing.TB, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 14))
	states := []store.State{store.StateIssued, store.StateOverdue, store.StatePaid, store.StatePaid, store.StateCancelled, store.StateExpired, store.StateDraft}
	sits := map[store.State]string{store.StateIssued: "A_RECEBER", store.StateOverdue: "ATRASADO", store.StatePaid: "RECEBIDO",
		store.StateCancelled: "CANCELADO", store.StateExpired: "EXPIRADO"}
	for i := range n {
		s := seed{
			payer:  payers[i%len(payers)],
			state:  states[r.IntN(len(states))],
			amount: boleto.Cents(250 + r.IntN(2_000_000)),
			due:    today.AddDays(r.IntN(121) - 90),
		}
		s.bankSit = sits[s.state]
		if s.state == store.StatePaid {
			s.paidOn = s.due.AddDays(r.IntN(11) - 5)
			switch i % 3 {
			case 0:
				s.paid = s.amount
			case 1:
				s.paid = s.amount - boleto.Cents(1+r.IntN(int(s.amount)/20))
			default:
				s.paid = s.amount + boleto.Cents(1+r.IntN(10_000))
			}
			switch r.IntN(5) {
			case 0, 1:
				s.channel = store.PaidByBoleto
			case 2, 3:
				s.channel = store.PaidByPix
			default:
				s.bankSit = "MARCADO_RECEBIDO"
			}
		}
		w.add(t, s)
	}
}

func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s não foi encontrado (pacote Debian %s). `make test` instala as dependências; ou rode: sudo apt-get install -y %s", name, pkg, pkg)
	}
	return path
}
