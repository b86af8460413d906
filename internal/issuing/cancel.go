package issuing

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"boletos/internal/apperr"
	"boletos/internal/inter"
	"boletos/internal/issuing/situacao"
	"boletos/internal/store"
)

// msgCancelAgain is recorded before a cancellation is sent again.
const msgCancelAgain = "O banco ainda mostra o boleto em aberto: cancelamento enviado de novo."

// MaxCancelReason is the longest cancellation reason the bank accepts.
const MaxCancelReason = 50

// CancelReasons are common reasons offered to the user (any text up to
// MaxCancelReason characters is accepted).
var CancelReasons = []string{
	"Pago por outra forma",
	"A pedido do cliente",
	"Emitido por engano",
	"Valor ou vencimento incorreto",
	"Venda ou serviço cancelado",
	"Devolução da mercadoria",
	"Substituído por outro boleto",
}

// checkReason trims a cancellation reason and checks its length.
func checkReason(reason string) (string, error) {
	reason = strings.Join(strings.Fields(reason), " ")
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return "", &apperr.Error{Code: apperr.CodeInvalid, Message: "Informe o motivo do cancelamento.",
			Fields: []apperr.FieldProblem{{Field: "motivo", Message: "Informe o motivo do cancelamento."}}}
	case n > MaxCancelReason:
		msg := fmt.Sprintf("O motivo do cancelamento deve ter no máximo %d caracteres; tem %d.", MaxCancelReason, n)
		return "", &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: []apperr.FieldProblem{{Field: "motivo", Message: msg}}}
	}
	return reason, nil
}

// Cancel asks the bank to cancel (baixa) an issued or overdue boleto. The
// state cancel_requested and the reason are committed before the request;
// on the bank's 202 the boleto is cancelled. When the outcome is unknown
// the bank is asked (GET) and the request repeated if the charge is still
// open; if that is not possible now, the boleto stays cancel_requested
// ("Cancelando") and the worker finishes the job, so the returned error is
// nil. A refusal by the bank puts the boleto back as it was (or as the bank
// says it is: paid, expired…) and returns a CodeConflict error.
func (s *Service) Cancel(ctx context.Context, id int64, reason string) (store.Boleto, error) {
	return s.cancel(ctx, id, reason, 0)
}

func (s *Service) cancel(ctx context.Context, id int64, reason string, replacedBy int64) (store.Boleto, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return store.Boleto{}, err
	}
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, err
	}
	switch b.State {
	case store.StateIssued, store.StateOverdue:
	case store.StateCancelRequested, store.StateCancelled:
		if replacedBy != 0 {
			return b, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s já está “%s” e não pode mais ser substituído.", b.SeuNumero, store.StateLabel(b.State)))
		}
		return b, nil
	default:
		return b, apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"O boleto %s está “%s”: só boletos emitidos ou vencidos podem ser cancelados no banco.", b.SeuNumero, store.StateLabel(b.State)))
	}
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		return b, err
	}
	release, ok := s.claim(id)
	if !ok {
		return b, busyErr(b)
	}
	defer release()
	now := s.now()
	nb, err := s.transition(ctx, b, store.StateCancelRequested, store.Event{Kind: store.EventCancel,
		Message: "Cancelamento (baixa) solicitado ao banco. Motivo: " + reason + "."}, func(x *store.Boleto) error {
		x.CancelReason = reason
		x.NextAttemptAt = now.Add(s.cfg.Lease)
		if replacedBy != 0 {
			x.ReplacedByID = replacedBy
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	cerr := bank.Cancel(ctx, nb.CodigoSolicitacao, reason)
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	return s.cancelOutcome(cctx, bank, nb, cerr, true)
}

// refusedByBank reports a 4xx answer that is a refusal of the request
// itself (not a rate limit, a timeout or a credentials problem).
func refusedByBank(err error) (*inter.Error, bool) {
	var e *inter.Error
	if !errors.As(err, &e) || inter.IsAuth(err) {
		return nil, false
	}
	ok := e.Status >= 400 && e.Status < 500 && e.Status != http.StatusRequestTimeout && e.Status != http.StatusTooManyRequests
	return e, ok
}

// cancelOutcome records the answer to the cancellation of a boleto in
// cancel_requested. retry allows one more POST when the outcome is unknown
// and the bank still shows the charge open.
func (s *Service) cancelOutcome(ctx context.Context, bank Bank, b store.Boleto, err error, retry bool) (store.Boleto, error) {
	if err == nil {
		nb, terr := s.transition(ctx, b, store.StateCancelled, store.Event{Kind: store.EventCancel,
			Message: "O banco aceitou o cancelamento."}, func(x *store.Boleto) error {
			x.NextAttemptAt = time.Time{}
			return nil
		})
		if isConflict(terr) {
			// Another process recorded the outcome first.
			if fresh, gerr := s.st.GetBoleto(ctx, b.ID); gerr == nil && fresh.State == store.StateCancelled {
				s.afterCancelled(ctx, fresh)
				return fresh, nil
			}
		}
		if terr != nil {
			return b, terr
		}
		s.resetFailures(b.ID)
		s.setNote(b.ID, "")
		s.afterCancelled(ctx, nb)
		return nb, nil
	}
	s.log.Warn("issuing: cancellation failed", "boleto", b.SeuNumero, "account", b.AccountID, "err", err)
	e, refused := refusedByBank(err)
	c, gerr := bank.Get(ctx, b.CodigoSolicitacao)
	if gerr != nil {
		return s.cancelPending(ctx, b, "Não foi possível confirmar o cancelamento no banco ("+strings.TrimSuffix(inter.UserMessage(err), ".")+").")
	}
	open := c.Cobranca.Situacao == inter.SituacaoAReceber || c.Cobranca.Situacao == inter.SituacaoAtrasado
	switch {
	case !open:
		return s.settleCancel(ctx, b, c, err)
	case refused:
		return s.revertCancel(ctx, b, c, err, e)
	case retry && !inter.IsRateLimit(err) && !inter.IsAuth(err):
		if _, aerr := s.st.AddEvent(ctx, b.ID, store.Event{Kind: store.EventCancel, Message: msgCancelAgain}); aerr != nil {
			return s.cancelPending(ctx, b, "Não foi possível registrar a nova tentativa de cancelamento.")
		}
		return s.cancelOutcome(ctx, bank, b, bank.Cancel(ctx, b.CodigoSolicitacao, b.CancelReason), false)
	}
	return s.cancelPending(ctx, b, "O cancelamento ainda não foi confirmado pelo banco ("+strings.TrimSuffix(inter.UserMessage(err), ".")+").")
}

// settleCancel records the situation the bank reports for a charge that is
// no longer open (cancelled, paid, expired…). refusal is the error of the
// cancellation request, if any.
func (s *Service) settleCancel(ctx context.Context, b store.Boleto, c inter.Cobranca, refusal error) (store.Boleto, error) {
	x := b
	u := situacao.Apply(&x, c)
	msg := u.Message
	if refusal != nil && u.To != store.StateCancelled {
		msg = "O banco não cancelou o boleto. " + msg
	}
	nb, err := s.transition(ctx, b, u.To, store.Event{Kind: u.Kind, Message: msg}, func(x *store.Boleto) error {
		situacao.Apply(x, c)
		x.NextAttemptAt = time.Time{}
		if u.To != store.StateCancelled {
			x.ReplacedByID = 0
			x.CancelReason = ""
		}
		return nil
	})
	if err != nil {
		return b, err
	}
	s.resetFailures(b.ID)
	s.setNote(b.ID, "")
	if nb.State == store.StateCancelled {
		s.afterCancelled(ctx, nb)
		return nb, nil
	}
	return nb, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s não foi cancelado: o banco informa que ele está “%s”.", nb.SeuNumero, store.StateLabel(nb.State)))
}

// revertCancel puts back a boleto whose cancellation the bank refused while
// the charge is still open.
func (s *Service) revertCancel(ctx context.Context, b store.Boleto, c inter.Cobranca, err error, e *inter.Error) (store.Boleto, error) {
	to, ok := situacao.StateOf(c.Cobranca.Situacao)
	if !ok {
		to = store.StateIssued
	}
	text := strings.TrimPrefix(inter.UserMessage(err), "O banco recusou os dados: ")
	msg := "O banco recusou o cancelamento: " + text
	nb, terr := s.transition(ctx, b, to, store.Event{Kind: store.EventError, Message: msg, RequestID: e.RequestID}, func(x *store.Boleto) error {
		situacao.Apply(x, c)
		x.CancelReason = ""
		x.ReplacedByID = 0
		x.NextAttemptAt = time.Time{}
		return nil
	})
	if terr != nil {
		return b, terr
	}
	s.resetFailures(b.ID)
	return nb, apperr.Wrap(apperr.CodeConflict, err, fmt.Sprintf("O banco recusou o cancelamento do boleto %s: %s", b.SeuNumero, text))
}

// cancelPending leaves a boleto in cancel_requested for the worker to look
// at again after a back-off.
func (s *Service) cancelPending(ctx context.Context, b store.Boleto, why string) (store.Boleto, error) {
	at := s.now().Add(s.nextFailure(b.ID))
	msg := why + " O boleto será conferido no banco e o cancelamento repetido se preciso, às " + clockText(at) + "."
	nb, err := s.transition(ctx, b, store.StateCancelRequested, store.Event{Kind: store.EventError, Message: msg}, func(x *store.Boleto) error {
		x.NextAttemptAt = at
		return nil
	})
	if err != nil {
		return b, err
	}
	s.setNote(b.ID, msg)
	return nb, nil
}

// reconcileCancel finishes a pending cancellation (worker): the bank is
// asked, and the request repeated if the charge is still open.
func (s *Service) reconcileCancel(ctx context.Context, b store.Boleto) {
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		s.hold(b.AccountID, s.now().Add(s.backoff(3)))
		return
	}
	c, err := bank.Get(ctx, b.CodigoSolicitacao)
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	if err != nil {
		if ctx.Err() == nil {
			_, _ = s.cancelPending(cctx, b, "Não foi possível conferir o cancelamento no banco ("+strings.TrimSuffix(inter.UserMessage(err), ".")+").")
		}
		return
	}
	switch c.Cobranca.Situacao {
	case inter.SituacaoAReceber, inter.SituacaoAtrasado:
		if ctx.Err() != nil {
			return
		}
		if _, err := s.st.AddEvent(ctx, b.ID, store.Event{Kind: store.EventCancel, Message: msgCancelAgain}); err != nil {
			return
		}
		_, err = s.cancelOutcome(cctx, bank, b, bank.Cancel(ctx, b.CodigoSolicitacao, b.CancelReason), false)
	default:
		_, err = s.settleCancel(cctx, b, c, nil)
	}
	if err != nil {
		s.log.Warn("issuing: pending cancellation", "boleto", b.SeuNumero, "err", err)
	}
}

// afterCancelled queues the boleto that replaces a cancelled one, if any.
func (s *Service) afterCancelled(ctx context.Context, b store.Boleto) {
	if b.ReplacedByID == 0 {
		return
	}
	r, err := s.st.GetBoleto(ctx, b.ReplacedByID)
	if err != nil || r.State != store.StateDraft {
		return
	}
	if _, err := s.Queue(ctx, r.ID); err != nil {
		_, msg := apperr.Describe(err)
		_, _ = s.st.AddEvent(ctx, r.ID, store.Event{Kind: store.EventError,
			Message: fmt.Sprintf("O boleto %s foi cancelado, mas este substituto não pôde entrar na fila: %s", b.SeuNumero, msg)})
	}
}
