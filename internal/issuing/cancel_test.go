package issuing_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// flakyCancelBank misbehaves on the first cancellations.
type flakyCancelBank struct {
	issuing.Bank
	calls    atomic.Int32
	lose     int32 // the first lose calls reach the bank, but the answer is lost
	drop     int32 // the first drop calls never reach the bank
	failGets atomic.Int32
}

var errCut = &inter.Error{Method: "POST", Path: "/cobranca/v3/cobrancas/{codigoSolicitacao}/cancelar", Err: io.ErrUnexpectedEOF}

func (f *flakyCancelBank) Cancel(ctx context.Context, codigo, motivo string) error {
	n := f.calls.Add(1)
	switch {
	case n <= f.drop:
		return errCut
	case n <= f.lose:
		if err := f.Bank.Cancel(ctx, codigo, motivo); err != nil {
			return err
		}
		return errCut
	}
	return f.Bank.Cancel(ctx, codigo, motivo)
}

func (f *flakyCancelBank) Get(ctx context.Context, codigo string) (inter.Cobranca, error) {
	if f.failGets.Add(-1) >= 0 {
		return inter.Cobranca{}, &inter.Error{Method: "GET", Path: "/cobranca/v3/cobrancas/{codigoSolicitacao}", Status: 503}
	}
	return f.Bank.Get(ctx, codigo)
}

func TestCancel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		bank      *flakyCancelBank
		failGets  int32
		wantCalls int32
	}{
		{"accepted", &flakyCancelBank{}, 0, 1},
		{"answer lost, the bank cancelled", &flakyCancelBank{lose: 1}, 0, 1},
		{"request lost, sent again", &flakyCancelBank{drop: 1}, 0, 2},
		{"unknown, the worker finishes", &flakyCancelBank{drop: 2}, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{bank: func(b issuing.Bank) issuing.Bank { tt.bank.Bank = b; return tt.bank }})
			e.start(t)
			ctx := context.Background()
			b := e.issue(t, 3000, e.due(4))
			tt.bank.failGets.Store(tt.failGets)
			got, err := e.svc.Cancel(ctx, b.ID, "  Pago por   outra forma ")
			if err != nil {
				t.Fatal(err)
			}
			if tt.failGets > 0 {
				if got.State != store.StateCancelRequested {
					t.Fatalf("state %s, want cancel_requested while unknown", got.State)
				}
				got = e.waitState(t, b.ID, 10*time.Second, store.StateCancelled)
			}
			if got.State != store.StateCancelled || got.CancelReason != "Pago por outra forma" {
				t.Fatalf("after cancel: %s reason %q", issuingtest.Describe(got), got.CancelReason)
			}
			if n := tt.bank.calls.Load(); n != tt.wantCalls {
				t.Errorf("%d cancel requests, want %d", n, tt.wantCalls)
			}
			c, err := e.client.Get(ctx, got.CodigoSolicitacao)
			if err != nil || c.Cobranca.Situacao != inter.SituacaoCancelado || c.Cobranca.MotivoCancelamento != "Pago por outra forma" {
				t.Errorf("at the bank: %+v, %v", c.Cobranca, err)
			}
			var trail []string
			for _, ev := range e.events(t, b.ID) {
				trail = append(trail, string(ev.NewState))
			}
			if !strings.Contains(strings.Join(trail, " "), "issued cancel_requested") || trail[len(trail)-1] != "cancelled" {
				t.Errorf("audit trail states %v", trail)
			}
		})
	}
}

func TestCancelRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.start(t)
	ctx := context.Background()
	b := e.issue(t, 3000, e.due(4))

	var ae *apperr.Error
	_, err := e.svc.Cancel(ctx, b.ID, strings.Repeat("x", 51))
	if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid || len(ae.Fields) != 1 || ae.Fields[0].Field != "motivo" {
		t.Fatalf("reason of 51 characters: %v", err)
	}
	// Paid meanwhile: the bank refuses, and the boleto shows the payment.
	if err := e.client.SandboxPay(ctx, b.CodigoSolicitacao, inter.PayRequest{PagarCom: "PIX"}); err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.Cancel(ctx, b.ID, "Cliente desistiu")
	if !errors.As(err, &ae) || ae.Code != apperr.CodeConflict {
		t.Fatalf("cancel of a paid boleto: %v", err)
	}
	if got.State != store.StatePaid || got.PaidAmount != 3000 || got.PaidChannel != store.PaidByPix || got.CancelReason != "" {
		t.Errorf("after the refusal: %s paid %v via %q reason %q", issuingtest.Describe(got), got.PaidAmount, got.PaidChannel, got.CancelReason)
	}
}

func TestEdit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.start(t)
	ctx := context.Background()
	b := e.issue(t, 10000, e.due(4))
	newDue := e.due(9)
	res, err := e.svc.Edit(ctx, b.ID, issuing.EditInput{DueDate: newDue, Amount: 12550})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Boleto
	if res.Status != inter.EdicaoSucesso || got.Amount != 12550 || got.DueDate != newDue || got.State != store.StateIssued {
		t.Fatalf("edit result %s %s %v %v", res.Status, issuingtest.Describe(got), got.Amount, got.DueDate)
	}
	dec, err := boleto.Decode(got.Barcode, newDue)
	if err != nil || dec.Amount != 12550 || dec.DueDate != newDue || got.Flags != 0 || got.Barcode == b.Barcode {
		t.Errorf("codes after the edit: %+v %v flags %b", dec, err, got.Flags)
	}
	var msgs []string
	for _, ev := range e.events(t, b.ID) {
		if ev.Kind == store.EventEdit {
			msgs = append(msgs, ev.Message)
		}
	}
	joined := strings.Join(msgs, " | ")
	for _, want := range []string{"Alteração solicitada ao banco", "R$ 100,00 para R$ 125,50", "O banco recebeu a alteração", "confirmada"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit trail of the edit lacks %q: %s", want, joined)
		}
	}

	var ae *apperr.Error
	if _, err := e.svc.Edit(ctx, b.ID, issuing.EditInput{DueDate: e.due(-1)}); !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid || ae.Fields[0].Field != "vencimento" {
		t.Errorf("past due date: %v", err)
	}
	if _, err := e.svc.Edit(ctx, b.ID, issuing.EditInput{Amount: 12550}); !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
		t.Errorf("no change: %v", err)
	}
}

// The bank's processing of an edit outlasts the call: Edit returns
// PROCESSANDO, FollowEdit finishes the job.
func TestEditFollowLater(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{sim: intersim.Config{Faults: intersim.Faults{Processing: 400 * time.Millisecond}}})
	e.start(t)
	b := e.issue(t, 10000, e.due(4))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res, err := e.svc.Edit(ctx, b.ID, issuing.EditInput{Amount: 9000})
	if err != nil || res.Status != inter.EdicaoProcessando || res.CodigoEdicao == "" || res.Boleto.Amount != 10000 {
		t.Fatalf("edit: %+v, %v", res, err)
	}
	res, err = e.svc.FollowEdit(context.Background(), b.ID, res.CodigoEdicao)
	if err != nil || res.Status != inter.EdicaoSucesso || res.Boleto.Amount != 9000 {
		t.Fatalf("follow: %s %v, %v", res.Status, res.Boleto.Amount, err)
	}
	if _, err := e.svc.FollowEdit(context.Background(), b.ID, "00000000-0000-4000-8000-000000000000"); err == nil {
		t.Error("following an unknown edit succeeded")
	}
}

// refusingEditBank refuses every edit, as for charges the bank cannot edit.
type refusingEditBank struct{ issuing.Bank }

func (refusingEditBank) Edit(context.Context, string, inter.EditRequest) (inter.EditResponse, error) {
	return inter.EditResponse{}, &inter.Error{Method: "PATCH", Path: "/cobranca/v3/cobrancas/{codigoSolicitacao}", Status: 400,
		Title: "Dados inválidos.", Violations: []inter.Violation{{Field: "codigoSolicitacao", Reason: "A cobrança não pode ser editada."}}}
}

// Where the bank cannot edit, the way out is Substitute: the old boleto is
// cancelled and a new one, linked to it, is issued.
func TestEditRefusedThenSubstitute(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{bank: func(b issuing.Bank) issuing.Bank { return refusingEditBank{b} }})
	e.start(t)
	ctx := context.Background()
	b := e.issue(t, 10000, e.due(4))
	_, err := e.svc.Edit(ctx, b.ID, issuing.EditInput{Amount: 15000})
	if !errors.Is(err, issuing.ErrEditRefused) || !strings.Contains(err.Error(), "Substituir") {
		t.Fatalf("refused edit: %v", err)
	}
	if got := e.get(t, b.ID); got.Amount != 10000 || got.State != store.StateIssued {
		t.Fatalf("after the refused edit: %s", issuingtest.Describe(got))
	}

	old, repl, err := e.svc.Substitute(ctx, b.ID, issuing.SubstituteInput{Amount: 15000, DueDate: e.due(6)})
	if err != nil {
		t.Fatal(err)
	}
	if old.State != store.StateCancelled || old.ReplacedByID != repl.ID || repl.ReplacesID != old.ID || repl.SeuNumero == old.SeuNumero {
		t.Fatalf("old %s → %d, new %s ← %d", issuingtest.Describe(old), old.ReplacedByID, issuingtest.Describe(repl), repl.ReplacesID)
	}
	got := e.waitState(t, repl.ID, 10*time.Second, store.StateIssued)
	if got.Amount != 15000 || got.DueDate != e.due(6) || got.Payer.Name != b.Payer.Name {
		t.Errorf("replacement %s", issuingtest.Describe(got))
	}
	charges := map[inter.Situacao]int{}
	for _, c := range e.simCharges(t) {
		charges[c.Cobranca.Situacao]++
	}
	if charges[inter.SituacaoCancelado] != 1 || charges[inter.SituacaoAReceber] != 1 || len(charges) != 2 {
		t.Errorf("charges at the bank: %v", charges)
	}
	if _, _, err := e.svc.Substitute(ctx, old.ID, issuing.SubstituteInput{}); err == nil {
		t.Error("substituted a cancelled boleto")
	}
}

// A substitution the bank cannot carry out (the boleto was paid) changes
// nothing: no replacement is left behind.
func TestSubstituteRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.start(t)
	ctx := context.Background()
	b := e.issue(t, 10000, e.due(4))
	if err := e.client.SandboxPay(ctx, b.CodigoSolicitacao, inter.PayRequest{PagarCom: "BOLETO"}); err != nil {
		t.Fatal(err)
	}
	old, repl, err := e.svc.Substitute(ctx, b.ID, issuing.SubstituteInput{Amount: 20000})
	if err == nil || repl.ID != 0 || old.State != store.StatePaid || old.ReplacedByID != 0 {
		t.Fatalf("substitute of a paid boleto: %v, old %s, new %d", err, issuingtest.Describe(old), repl.ID)
	}
	page, err := e.st.ListBoletos(ctx, store.BoletoFilter{AccountID: e.acct.ID})
	if err != nil || page.Total != 1 {
		t.Errorf("%d boletos after the refused substitution, want 1 (%v)", page.Total, err)
	}
}
