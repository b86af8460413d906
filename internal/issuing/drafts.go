package issuing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// Drafts never touch the network. A draft may be saved incomplete; it is
// validated in full (boleto.ValidateDraft) when it is queued.

// CreateDraft stores a new draft ("Rascunho"). Its seuNumero is the one in
// in.Draft, or the account's next number when empty; a number is never
// given out twice in an account.
func (s *Service) CreateDraft(ctx context.Context, in store.DraftInput) (store.Boleto, error) {
	b, err := s.st.CreateDraft(ctx, in)
	if err != nil {
		return store.Boleto{}, err
	}
	s.changed(b, "")
	return b, nil
}

// UpdateDraft replaces the data of a draft (or of a boleto the bank
// refused or failed) that is still at version; see store.UpdateDraft.
func (s *Service) UpdateDraft(ctx context.Context, id, version int64, in store.DraftInput) (store.Boleto, error) {
	b, err := s.st.UpdateDraft(ctx, id, version, in)
	if err != nil {
		return store.Boleto{}, err
	}
	s.changed(b, b.State)
	return b, nil
}

// DuplicateDraft creates a new draft with the data of boleto id (any
// state): same payer, amount, due date, charges and origin document, with a
// new seuNumero. Links to an installment plan or a replaced boleto are not
// copied.
func (s *Service) DuplicateDraft(ctx context.Context, id int64) (store.Boleto, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, err
	}
	d := b.Draft
	d.SeuNumero = ""
	if d.FinalBeneficiary != nil {
		fb := *d.FinalBeneficiary
		d.FinalBeneficiary = &fb
	}
	return s.CreateDraft(ctx, store.DraftInput{AccountID: b.AccountID, PayerID: b.PayerID, Draft: d, DocumentID: b.DocumentID})
}

// DeleteDraft deletes a draft; its seuNumero is never used again.
func (s *Service) DeleteDraft(ctx context.Context, id int64) error {
	return s.st.DeleteDraft(ctx, id)
}

// DraftDefaults returns a new draft for the account with its default
// charges and instructions and the default due date (today plus the
// account's term, at least tomorrow). The payer and amount are left blank.
func (s *Service) DraftDefaults(ctx context.Context, accountID int64) (boleto.Draft, error) {
	a, err := s.st.GetAccount(ctx, accountID)
	if err != nil {
		return boleto.Draft{}, err
	}
	return boleto.Draft{Charges: a.Defaults, DueDate: s.today().AddDays(max(1, a.DefaultDueDays))}, nil
}

// Validate returns every problem of a boleto's draft data, warnings
// included, as boleto.ValidateDraft finds them now.
func (s *Service) Validate(ctx context.Context, id int64) (boleto.Problems, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return nil, err
	}
	return boleto.ValidateDraft(b.Draft, s.now()), nil
}

// invalidErr is the error of a draft that cannot be sent: CodeInvalid with
// every blocking problem by field, wrapping the *boleto.ValidationError.
func invalidErr(b store.Boleto, problems boleto.Problems) error {
	err := problems.Err()
	var verr *boleto.ValidationError
	if !errors.As(err, &verr) {
		return nil
	}
	msg := fmt.Sprintf("O boleto %s não pode ser enviado: %s", b.SeuNumero, verr.Error())
	if len(verr.Problems) > 1 {
		msg = fmt.Sprintf("O boleto %s não pode ser enviado: há %d problemas a corrigir.", b.SeuNumero, len(verr.Problems))
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: verr.FieldProblems(), Err: verr}
}

// Queue puts a draft (or a boleto that failed) in the outbox, provided it
// passes the full validation now; the worker sends it. A boleto already on
// its way (queued, sending, processing) is returned as is. An invalid draft
// gives a CodeInvalid *apperr.Error whose Fields name every problem (and
// that wraps the *boleto.ValidationError).
func (s *Service) Queue(ctx context.Context, id int64) (store.Boleto, error) {
	for attempt := 0; ; attempt++ {
		b, err := s.queue(ctx, id)
		if errors.Is(err, errStale) && attempt < 3 {
			continue // changed between the read and the write: read again
		}
		if errors.Is(err, errStale) {
			return b, apperr.Wrap(apperr.CodeConflict, err, fmt.Sprintf("O boleto %s está sendo alterado. Tente de novo.", b.SeuNumero))
		}
		return b, err
	}
}

func (s *Service) queue(ctx context.Context, id int64) (store.Boleto, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, err
	}
	switch b.State {
	case store.StateQueued, store.StateSending, store.StateProcessing:
		return b, nil
	case store.StateDraft, store.StateFailed:
	default:
		return b, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s já foi emitido (está “%s”); para emitir outro igual, duplique-o.", b.SeuNumero, store.StateLabel(b.State)))
	}
	now := s.now()
	msg := "Colocado na fila de envio ao banco."
	if b.State == store.StateFailed && b.CodigoSolicitacao != "" {
		msg = fmt.Sprintf("Colocado de novo na fila de envio (a cobrança anterior, código %s, falhou no banco).", b.CodigoSolicitacao)
	}
	nb, err := s.transition(ctx, b, store.StateQueued, store.Event{Kind: store.EventQueued, Message: msg}, func(x *store.Boleto) error {
		if err := invalidErr(*x, boleto.ValidateDraft(x.Draft, now)); err != nil {
			return err
		}
		if x.State == store.StateFailed {
			// A new emission: what the failed charge had is history
			// (kept in the audit trail).
			x.CodigoSolicitacao, x.NossoNumero, x.Barcode, x.LinhaDigitavel = "", "", "", ""
			x.PixCopiaECola, x.TxID, x.BankSituation = "", "", ""
			x.BankSituationDate, x.IssueDate = boleto.Date{}, boleto.Date{}
			x.Flags = 0
		}
		x.FailureReason = ""
		x.SendAttempts = 0
		x.NextAttemptAt = now
		return nil
	})
	if err != nil {
		return b, err
	}
	s.resetFailures(id)
	s.setNote(id, "")
	s.wake()
	return nb, nil
}

// Unqueue takes a boleto out of the queue before it is sent, back to
// draft. A boleto already being sent cannot come back.
func (s *Service) Unqueue(ctx context.Context, id int64) (store.Boleto, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, err
	}
	if b.State != store.StateQueued {
		return b, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s está “%s” e não pode mais sair da fila.", b.SeuNumero, store.StateLabel(b.State)))
	}
	release, ok := s.claim(id)
	if !ok {
		return b, busyErr(b)
	}
	defer release()
	return s.withdraw(ctx, b, "Retirado da fila de envio; voltou a ser rascunho.")
}

// withdraw moves a queued boleto back to draft.
func (s *Service) withdraw(ctx context.Context, b store.Boleto, msg string) (store.Boleto, error) {
	nb, err := s.st.Transition(ctx, b.ID, []store.State{store.StateQueued}, store.StateDraft,
		store.Event{Kind: store.EventQueued, Message: msg}, func(x *store.Boleto) error {
			x.NextAttemptAt = time.Time{}
			return nil
		})
	if err != nil {
		return b, err
	}
	s.changed(nb, store.StateQueued)
	return nb, nil
}

// BankProblems returns the field problems of the bank's last refusal of a
// boleto that came back to draft, as recorded in its audit trail; nil when
// the boleto is not a refused draft.
func (s *Service) BankProblems(ctx context.Context, id int64) ([]apperr.FieldProblem, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.State != store.StateDraft || b.FailureReason == "" {
		return nil, nil
	}
	evs, err := s.st.ListEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, ev := range slices.Backward(evs) {
		if ev.Kind != store.EventError || ev.NewState != store.StateDraft || len(ev.Details) == 0 {
			continue
		}
		var d refusalDetails
		if json.Unmarshal(ev.Details, &d) == nil && len(d.Fields) > 0 {
			return d.Fields, nil
		}
	}
	return []apperr.FieldProblem{{Message: strings.TrimSpace(b.FailureReason)}}, nil
}
