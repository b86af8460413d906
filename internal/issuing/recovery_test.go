package issuing_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/inter"
	"boletos/internal/issuing"
	"boletos/internal/store"
)

// emitDirect registers a boleto's charge at the bank behind the service's
// back (what a send whose answer was lost leaves behind).
func emitDirect(t *testing.T, c *inter.Client, b store.Boleto) string {
	t.Helper()
	p := b.Payer
	res, err := c.Emit(context.Background(), inter.EmitRequest{
		SeuNumero: b.SeuNumero, ValorNominal: b.Amount, DataVencimento: b.DueDate, NumDiasAgenda: b.Charges.AgendaDays,
		Pagador: inter.Pagador{CpfCnpj: brazil.NormalizeDocument(p.Document), TipoPessoa: inter.PessoaFisica, Nome: p.Name,
			Endereco: p.Address, Cidade: p.City, UF: p.UF, CEP: brazil.NormalizeCEP(p.CEP)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.CodigoSolicitacao
}

// move forces a boleto into a state, as a process that died there left it.
func move(t *testing.T, st *store.Store, b store.Boleto, to store.State, mutate func(*store.Boleto)) store.Boleto {
	t.Helper()
	nb, err := st.Transition(context.Background(), b.ID, []store.State{b.State}, to,
		store.Event{Kind: store.EventSendAttempt, Message: "Enviando ao banco (tentativa 1)."}, func(x *store.Boleto) error {
			if mutate != nil {
				mutate(x)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// On start-up the worker picks up what a dead process left: a send whose
// charge exists is adopted (not sent again), a send that never reached the
// bank is sent once, a processing boleto is followed to the end.
func TestStartupPicksUp(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	queued := func() store.Boleto {
		b := e.draft(t, boleto.Cents(2500+e.clockTick()), e.due(3))
		q, err := e.svc.Queue(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	sent := func(x *store.Boleto) { x.SendAttempts = 1 }
	stored := move(t, e.st, queued(), store.StateSending, sent)
	emitDirect(t, e.client, stored)
	lost := move(t, e.st, queued(), store.StateSending, sent)
	proc := move(t, e.st, queued(), store.StateSending, sent)
	codigo := emitDirect(t, e.client, proc)
	proc = move(t, e.st, proc, store.StateProcessing, func(x *store.Boleto) { x.CodigoSolicitacao = codigo })

	e.start(t)
	for _, b := range []store.Boleto{stored, lost, proc} {
		e.waitState(t, b.ID, 10*time.Second, store.StateIssued)
	}
	if got := e.get(t, stored.ID); got.SendAttempts != 1 {
		t.Errorf("stored send: %d attempts, want 1 (adopted)", got.SendAttempts)
	}
	if got := e.get(t, lost.ID); got.SendAttempts != 2 {
		t.Errorf("lost send: %d attempts, want 2 (sent again once)", got.SendAttempts)
	}
	if got := e.get(t, proc.ID); got.CodigoSolicitacao != codigo {
		t.Errorf("processing boleto now points at %s, want %s", got.CodigoSolicitacao, codigo)
	}
	if n := len(e.simCharges(t)); n != 3 {
		t.Errorf("%d charges at the bank, want 3", n)
	}
}

var tick atomic.Int64

func (e *env) clockTick() int64 { return tick.Add(1) }

// lagBank loses the answer of the first emission (after the bank stored
// it) and, once, lists nothing (the bank's listing lags): the resend is
// refused by the bank's 30-minute duplicate filter, and that refusal is
// read as "it exists": the charge is looked up again and adopted.
type lagBank struct {
	issuing.Bank
	emits, lists atomic.Int32
}

func (l *lagBank) Emit(ctx context.Context, req inter.EmitRequest) (inter.EmitResponse, error) {
	res, err := l.Bank.Emit(ctx, req)
	if l.emits.Add(1) == 1 && err == nil {
		return inter.EmitResponse{}, fmt.Errorf("emit %s: connection reset: %w", req.SeuNumero, inter.ErrPossiblySent)
	}
	return res, err
}

func (l *lagBank) List(ctx context.Context, p inter.ListParams) (inter.ListPage, error) {
	if p.SeuNumero != "" && l.lists.Add(1) == 1 {
		return inter.ListPage{TotalPaginas: 1, UltimaPagina: true, PrimeiraPagina: true}, nil
	}
	return l.Bank.List(ctx, p)
}

func TestResendRefusedAsDuplicateIsAdopted(t *testing.T) {
	t.Parallel()
	lb := &lagBank{}
	e := newEnv(t, envOptions{bank: func(b issuing.Bank) issuing.Bank { lb.Bank = b; return lb }})
	e.start(t)
	b := e.issue(t, 4200, e.due(2))
	if n := len(e.simCharges(t)); n != 1 {
		t.Fatalf("%d charges at the bank, want 1", n)
	}
	if b.SendAttempts != 2 || lb.emits.Load() != 2 {
		t.Errorf("%d attempts, %d emissions; want 2 and 2", b.SendAttempts, lb.emits.Load())
	}
	var trail []string
	for _, ev := range e.events(t, b.ID) {
		trail = append(trail, ev.Message)
	}
	joined := strings.Join(trail, "\n")
	for _, want := range []string{"Não foi possível confirmar", "não há cobrança", "recusou o reenvio porque a cobrança já existia"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit trail lacks %q:\n%s", want, joined)
		}
	}
}
