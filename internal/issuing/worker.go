package issuing

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/issuing/situacao"
	"boletos/internal/store"
)

// passLimitFactor × Concurrency bounds the boletos dispatched per look at
// the queue, so that retries that fall due are interleaved with a long
// queue.
const passLimitFactor = 16

// Run is the outbox worker: it sends queued boletos, reconciles the sends
// whose outcome is unknown, follows the ones the bank is processing and
// finishes pending cancellations, until ctx ends; then it waits for the
// work in hand (whose outcomes are recorded) and returns nil. Only one Run
// may be active per Service.
func (s *Service) Run(ctx context.Context) error {
	s.mu.Lock()
	if s.running {
		s.mu.Unlock()
		return errors.New("issuing: the worker is already running")
	}
	s.running = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.running = false
		s.mu.Unlock()
	}()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.processingLoop(ctx)
	}()
	sem := make(chan struct{}, s.cfg.Concurrency)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return nil
		case <-timer.C:
		case <-s.kick:
		}
		next := s.dispatch(ctx, sem, &wg)
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(next)
	}
}

// Start runs the worker in the background until Stop (or ctx's end).
// Starting a started worker does nothing.
func (s *Service) Start(ctx context.Context) {
	s.mu.Lock()
	if s.stop != nil {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.stop, s.done = cancel, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		if err := s.Run(ctx); err != nil {
			s.log.Error("issuing: worker", "err", err)
		}
	}()
}

// Stop ends the worker started by Start and waits for it.
func (s *Service) Stop() {
	s.mu.Lock()
	stop, done := s.stop, s.done
	s.stop, s.done = nil, nil
	s.mu.Unlock()
	if stop == nil {
		return
	}
	stop()
	<-done
}

// Wake asks the worker to look at the queue now.
func (s *Service) Wake() { s.wake() }

// dispatch starts the due work of one look at the queue and returns how
// long until the next look.
func (s *Service) dispatch(ctx context.Context, sem chan struct{}, wg *sync.WaitGroup) time.Duration {
	list, err := s.st.BoletosInStates(ctx, 0, []store.State{store.StateCancelRequested, store.StateSending, store.StateQueued})
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("issuing: read the queue", "err", err)
		}
		return s.cfg.PollInterval
	}
	rank := func(st store.State) int {
		switch st {
		case store.StateCancelRequested:
			return 0
		case store.StateSending:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(list, func(a, b store.Boleto) int {
		return cmp.Or(cmp.Compare(rank(a.State), rank(b.State)), a.NextAttemptAt.Compare(b.NextAttemptAt), cmp.Compare(a.ID, b.ID))
	})
	next := s.cfg.PollInterval
	started := 0
	for _, b := range list {
		if ctx.Err() != nil {
			return next
		}
		wait, ok := s.eligible(b)
		if !ok {
			if wait > 0 {
				next = min(next, wait)
			}
			continue
		}
		if started >= passLimitFactor*s.cfg.Concurrency {
			return 0
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return next
		}
		// The slot may have taken a while: read the boleto again.
		fresh, err := s.st.GetBoleto(ctx, b.ID)
		if err != nil {
			<-sem
			continue
		}
		if wait, ok := s.eligible(fresh); !ok || fresh.State != b.State {
			<-sem
			if wait > 0 {
				next = min(next, wait)
			}
			continue
		}
		release, ok := s.claim(b.ID)
		if !ok {
			<-sem
			continue
		}
		started++
		wg.Add(1)
		go func(b store.Boleto) {
			defer wg.Done()
			defer func() { <-sem }()
			defer release()
			s.work(ctx, b)
		}(fresh)
	}
	return next
}

// eligible reports whether b may be worked on now; when not, wait is how
// long until it may (0: unknown or never).
func (s *Service) eligible(b store.Boleto) (wait time.Duration, ok bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight[b.ID] {
		return 0, false
	}
	if !b.NextAttemptAt.IsZero() && b.NextAttemptAt.After(now) {
		return b.NextAttemptAt.Sub(now), false
	}
	if b.State == store.StateCancelRequested {
		return 0, true
	}
	if bt := s.batchOf[b.ID]; bt != nil && b.State == store.StateQueued {
		if withdraw, paused := bt.holds(); withdraw {
			return 0, true // work() takes it out of the queue
		} else if paused {
			return 0, false
		}
	}
	if until, held := s.holds[b.AccountID]; held && until.After(now) {
		return until.Sub(now), false
	}
	return 0, true
}

// work does the due step of one boleto.
func (s *Service) work(ctx context.Context, b store.Boleto) {
	switch b.State {
	case store.StateQueued:
		s.mu.Lock()
		bt := s.batchOf[b.ID]
		s.mu.Unlock()
		if bt != nil {
			if withdraw, _ := bt.holds(); withdraw {
				if _, err := s.withdraw(ctx, b, msgBatchCancelled); err == nil {
					bt.markWithdrawn(b.ID)
				}
				return
			}
		}
		s.claimAndSend(ctx, b)
	case store.StateSending:
		s.reconcile(ctx, b)
	case store.StateCancelRequested:
		s.reconcileCancel(ctx, b)
	}
}

// refusalDetails is the JSON kept with a refusal event.
type refusalDetails struct {
	Fields    []apperr.FieldProblem `json:"fields"`
	Status    int                   `json:"status,omitempty"`
	RequestID string                `json:"requestId,omitempty"`
}

func detailsJSON(v any) json.RawMessage {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}

// claimAndSend moves a queued boleto to sending (committed) and sends it.
func (s *Service) claimAndSend(ctx context.Context, b store.Boleto) {
	now := s.now()
	if problems := boleto.ValidateDraft(b.Draft, now); problems.Err() != nil {
		// It was valid when queued; time made it invalid (the due date
		// passed while it waited, for example). It goes back to the user.
		err := invalidErr(b, problems)
		msg := apperr.Fields(err)
		reason := "Não enviado: " + joinProblems(msg)
		s.setNote(b.ID, reason, msg...)
		_, _ = s.transition(ctx, b, store.StateDraft, store.Event{Kind: store.EventError, Message: reason,
			Details: detailsJSON(refusalDetails{Fields: msg})}, func(x *store.Boleto) error {
			x.FailureReason = reason
			x.NextAttemptAt = time.Time{}
			return nil
		})
		return
	}
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		_, msg := apperr.Describe(err)
		s.setNote(b.ID, msg)
		s.hold(b.AccountID, now.Add(s.backoff(3)))
		s.log.Warn("issuing: no bank client", "account", b.AccountID, "err", err)
		return
	}
	n := b.SendAttempts + 1
	nb, err := s.transition(ctx, b, store.StateSending,
		store.Event{Kind: store.EventSendAttempt, Message: fmt.Sprintf("Enviando ao banco (tentativa %d).", n)},
		func(x *store.Boleto) error {
			x.SendAttempts++
			x.NextAttemptAt = now.Add(s.cfg.Lease)
			x.FailureReason = ""
			return nil
		})
	if err != nil {
		return
	}
	s.send(ctx, bank, nb)
}

func joinProblems(ps []apperr.FieldProblem) string {
	msgs := make([]string, 0, len(ps))
	for _, p := range ps {
		msgs = append(msgs, strings.TrimSpace(p.Message))
	}
	return strings.Join(msgs, " ")
}

// send POSTs the emission of a boleto in sending and records the outcome.
func (s *Service) send(ctx context.Context, bank Bank, b store.Boleto) {
	resp, err := bank.Emit(ctx, emitRequest(b))
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	if err == nil {
		s.log.Info("issuing: accepted by the bank", "boleto", b.SeuNumero, "account", b.AccountID, "attempt", b.SendAttempts)
		s.accepted(cctx, b, resp.CodigoSolicitacao)
		return
	}
	s.log.Warn("issuing: emission failed", "boleto", b.SeuNumero, "account", b.AccountID, "attempt", b.SendAttempts, "err", err)
	var e *inter.Error
	isHTTP := errors.As(err, &e)
	var ie *inter.InputError
	switch {
	case inter.IsPossiblySent(err):
		s.uncertain(cctx, b, inter.UserMessage(err))
	case inter.IsRateLimit(err):
		wait := s.cfg.RateLimitWait
		if e.RetryAfter > 0 {
			wait = max(wait, e.RetryAfter)
		}
		s.hold(b.AccountID, s.now().Add(wait))
		s.requeue(cctx, b, inter.UserMessage(err), wait)
	case inter.IsAuth(err):
		s.hold(b.AccountID, s.now().Add(s.cfg.AuthHold))
		s.fail(cctx, b, inter.UserMessage(err), e)
	case errors.As(err, &ie):
		s.refusedLocally(cctx, b, ie)
	case isHTTP && e.Status == 0:
		// No answer, and the client says the request never left (a
		// cancelled context, no connection): nothing was stored.
		if ctx.Err() != nil {
			s.requeue(cctx, b, "O envio foi interrompido antes de chegar ao banco.", 0)
			return
		}
		s.requeue(cctx, b, inter.UserMessage(err), s.nextFailure(b.ID))
	case isHTTP && e.Status >= 400 && e.Status < 500 && e.Status != http.StatusRequestTimeout:
		s.refused(ctx, bank, b, err, e)
	default:
		// 408, an unreadable answer, anything unexpected: the outcome is
		// unknown.
		s.uncertain(cctx, b, inter.UserMessage(err))
	}
}

// accepted records the bank's codigoSolicitacao: sending → processing.
func (s *Service) accepted(ctx context.Context, b store.Boleto, codigo string) {
	today := s.today()
	s.setNote(b.ID, "")
	_, err := s.transition(ctx, b, store.StateProcessing, store.Event{Kind: store.EventStatus,
		Message: fmt.Sprintf("Recebido pelo banco (código de solicitação %s); aguardando o processamento.", codigo)},
		func(x *store.Boleto) error {
			x.CodigoSolicitacao = codigo
			x.IssueDate = today
			x.BankSituation = string(inter.SituacaoEmProcessamento)
			x.BankSituationDate = today
			x.NextAttemptAt = time.Time{}
			return nil
		})
	if err != nil {
		// It stays sending: the lookup finds the charge and adopts it.
		return
	}
	s.resetFailures(b.ID)
	s.wakeProcessing()
}

// uncertain keeps a boleto in sending, to be looked up at the bank after a
// back-off before anything is sent again.
func (s *Service) uncertain(ctx context.Context, b store.Boleto, why string) {
	wait := s.nextFailure(b.ID)
	at := s.now().Add(wait)
	msg := strings.TrimSpace(why) + " Conferência no banco às " + clockText(at) + "."
	s.setNote(b.ID, msg)
	_, _ = s.transition(ctx, b, store.StateSending, store.Event{Kind: store.EventError, Message: msg}, func(x *store.Boleto) error {
		x.NextAttemptAt = at
		return nil
	})
}

// requeue puts a boleto that certainly was not stored back in the queue,
// to be sent again after wait.
func (s *Service) requeue(ctx context.Context, b store.Boleto, why string, wait time.Duration) {
	at := s.now().Add(wait)
	msg := "Não enviado: " + strings.TrimSpace(why) + " Nova tentativa às " + clockText(at) + "."
	s.setNote(b.ID, msg)
	_, _ = s.transition(ctx, b, store.StateQueued, store.Event{Kind: store.EventError, Message: msg}, func(x *store.Boleto) error {
		x.NextAttemptAt = at
		return nil
	})
}

// fail ends the emission of a boleto: sending → failed, reason kept.
func (s *Service) fail(ctx context.Context, b store.Boleto, why string, e *inter.Error) {
	ev := store.Event{Kind: store.EventError, Message: why}
	if e != nil {
		ev.RequestID = e.RequestID
	}
	s.setNote(b.ID, why)
	_, _ = s.transition(ctx, b, store.StateFailed, ev, func(x *store.Boleto) error {
		x.FailureReason = why
		x.NextAttemptAt = time.Time{}
		return nil
	})
}

// refusedLocally sends back to draft a boleto the client would not send.
func (s *Service) refusedLocally(ctx context.Context, b store.Boleto, ie *inter.InputError) {
	fields := []apperr.FieldProblem{{Field: DraftField(ie.Field), Message: ie.Message}}
	s.toDraft(ctx, b, "Não enviado: "+ie.Message, refusalDetails{Fields: fields}, "")
}

// toDraft returns a refused boleto to the user.
func (s *Service) toDraft(ctx context.Context, b store.Boleto, reason string, d refusalDetails, requestID string) {
	s.setNote(b.ID, reason, d.Fields...)
	if _, err := s.transition(ctx, b, store.StateDraft, store.Event{Kind: store.EventError, Message: reason,
		RequestID: requestID, Details: detailsJSON(d)}, func(x *store.Boleto) error {
		x.FailureReason = reason
		x.NextAttemptAt = time.Time{}
		return nil
	}); err == nil {
		s.resetFailures(b.ID)
	}
}

// refused handles a 4xx answer to an emission. It may be a genuine refusal
// of the data, or the bank's duplicate filter refusing a resend whose first
// attempt was stored after all: the bank is asked before concluding.
func (s *Service) refused(ctx context.Context, bank Bank, b store.Boleto, err error, e *inter.Error) {
	look, lerr := s.lookup(ctx, bank, b)
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	if lerr != nil {
		s.uncertain(cctx, b, fmt.Sprintf("O banco recusou o envio (%s), mas não foi possível conferir se a cobrança já existe: %s",
			strings.TrimSuffix(inter.UserMessage(err), "."), inter.UserMessage(lerr)))
		return
	}
	if look.found != nil {
		s.adopt(cctx, b, *look.found, "O banco recusou o reenvio porque a cobrança já existia: ela foi encontrada e adotada, sem emitir outra.", look)
		return
	}
	dup := looksDuplicate(err)
	switch {
	case dup && len(look.dead) > 0:
		// An earlier charge with the same key failed or was cancelled
		// less than 30 minutes ago: the bank refuses a new one until then.
		at := s.now().Add(duplicateWindow)
		msg := fmt.Sprintf("O banco recusou o envio por duplicidade com uma cobrança anterior que falhou ou foi cancelada. Novo envio às %s, depois do prazo de 30 minutos do banco.", clockText(at))
		s.setNote(b.ID, msg)
		_, _ = s.transition(cctx, b, store.StateSending, store.Event{Kind: store.EventError, Message: msg, RequestID: e.RequestID}, func(x *store.Boleto) error {
			x.NextAttemptAt = at
			return nil
		})
		return
	case dup && b.SendAttempts > 1 && s.failureCount(b.ID) < maxDuplicateChecks:
		// A resend refused as a duplicate while the bank does not list the
		// charge yet: look again later.
		s.uncertain(cctx, b, "O banco recusou o reenvio como duplicado, mas ainda não lista a cobrança.")
		return
	}
	fields := refusalProblems(e)
	reason := "O banco recusou o boleto: " + joinProblems(fields)
	s.toDraft(cctx, b, reason, refusalDetails{Fields: fields, Status: e.Status, RequestID: e.RequestID}, e.RequestID)
}

// duplicateWindow is how long after a charge the bank refuses another
// with the same key, plus a margin for the clocks.
const duplicateWindow = 31 * time.Minute

// maxDuplicateChecks bounds the lookups after resends refused as
// duplicates of a charge the bank does not list.
const maxDuplicateChecks = 4

func (s *Service) failureCount(id int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failures[id]
}

// lookupResult is what the bank lists under a boleto's seuNumero.
type lookupResult struct {
	found   *inter.Cobranca  // the live charge with the boleto's key (the oldest, if several)
	live    int              // live charges with the key
	dead    []inter.Cobranca // failed, cancelled or expired charges with the key
	foreign int              // charges with the same seuNumero but other data
	from    boleto.Date      // first emission date looked at
}

// lookup lists the account's charges with the boleto's seuNumero emitted
// since the boleto was created.
func (s *Service) lookup(ctx context.Context, bank Bank, b store.Boleto) (lookupResult, error) {
	today := s.today()
	from := boleto.Today(b.CreatedAt).AddDays(-1)
	if from.After(today) {
		from = today.AddDays(-1)
	}
	res := lookupResult{from: from}
	p := inter.ListParams{
		DataInicial: from, DataFinal: today.AddDays(1), FiltrarDataPor: "EMISSAO",
		SeuNumero: strings.TrimSpace(b.SeuNumero), ItensPorPagina: 100,
	}
	err := listAll(ctx, bank, p, func(c inter.Cobranca) {
		d := c.Cobranca
		if strings.TrimSpace(d.SeuNumero) != strings.TrimSpace(b.SeuNumero) {
			return
		}
		if !sameKey(d, b) {
			res.foreign++
			return
		}
		if !situacao.Live(d.Situacao) {
			res.dead = append(res.dead, c)
			return
		}
		res.live++
		if res.found == nil || d.DataEmissao.Before(res.found.Cobranca.DataEmissao) {
			c := c
			res.found = &c
		}
	})
	return res, err
}

// listAll walks every page of a list.
func listAll(ctx context.Context, bank Bank, p inter.ListParams, fn func(inter.Cobranca)) error {
	return listUntil(ctx, bank, p, func(c inter.Cobranca) bool {
		fn(c)
		return true
	})
}

// listUntil walks the pages of a list until fn returns false or the last
// page (1,000 charges a page unless p says otherwise).
func listUntil(ctx context.Context, bank Bank, p inter.ListParams, fn func(inter.Cobranca) bool) error {
	if p.ItensPorPagina <= 0 {
		p.ItensPorPagina = inter.MaxItensPorPagina
	}
	for page := 0; ; page++ {
		p.PaginaAtual = page
		res, err := bank.List(ctx, p)
		if err != nil {
			return err
		}
		for _, c := range res.Cobrancas {
			if !fn(c) {
				return nil
			}
		}
		if res.UltimaPagina || len(res.Cobrancas) == 0 || page+1 >= res.TotalPaginas {
			return nil
		}
	}
}

// adopt takes a charge found at the bank as the boleto's own: sending →
// processing (or whatever the bank says it is by now), without sending.
func (s *Service) adopt(ctx context.Context, b store.Boleto, c inter.Cobranca, why string, look lookupResult) {
	x := b
	u := situacao.Apply(&x, c)
	msg := strings.TrimSpace(why) + " " + u.Message
	if look.live > 1 {
		msg += fmt.Sprintf(" ATENÇÃO: o banco lista %d cobranças com os mesmos dados; confira e cancele as que sobrarem.", look.live)
	}
	s.setNote(b.ID, "")
	nb, err := s.transition(ctx, b, u.To, store.Event{Kind: store.EventReconciled, Message: msg}, func(x *store.Boleto) error {
		situacao.Apply(x, c)
		x.NextAttemptAt = time.Time{}
		return nil
	})
	if err != nil {
		return
	}
	s.resetFailures(b.ID)
	if nb.State == store.StateProcessing {
		s.wakeProcessing()
	}
}

// reconcile resolves a boleto in sending: adopt its charge if the bank has
// it, send it again if the bank certainly has none.
func (s *Service) reconcile(ctx context.Context, b store.Boleto) {
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		_, msg := apperr.Describe(err)
		s.setNote(b.ID, msg)
		s.hold(b.AccountID, s.now().Add(s.backoff(3)))
		return
	}
	look, err := s.lookup(ctx, bank, b)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		cctx, cancel := commitCtx(ctx)
		defer cancel()
		s.uncertain(cctx, b, "Não foi possível conferir no banco se o boleto foi registrado: "+inter.UserMessage(err))
		return
	}
	if look.found != nil {
		cctx, cancel := commitCtx(ctx)
		defer cancel()
		s.adopt(cctx, b, *look.found, fmt.Sprintf("Conferido no banco: a cobrança do seu número %s já existia e foi adotada, sem reenviar.", b.SeuNumero), look)
		return
	}
	if ctx.Err() != nil {
		return
	}
	note := fmt.Sprintf("Conferido no banco: não há cobrança com o seu número %s emitida desde %s.", b.SeuNumero, look.from.BR())
	if look.foreign > 0 {
		note += fmt.Sprintf(" (Há %d cobrança(s) com o mesmo seu número e outros dados, que não são deste boleto.)", look.foreign)
	}
	if len(look.dead) > 0 {
		note += fmt.Sprintf(" (Há %d cobrança(s) anteriores deste boleto que falharam ou foram canceladas.)", len(look.dead))
	}
	if _, err := s.st.AddEvent(ctx, b.ID, store.Event{Kind: store.EventReconciled, Message: note + " Reenviando."}); err != nil {
		return
	}
	now := s.now()
	n := b.SendAttempts + 1
	nb, err := s.transition(ctx, b, store.StateSending,
		store.Event{Kind: store.EventSendAttempt, Message: fmt.Sprintf("Reenviando ao banco (tentativa %d).", n)},
		func(x *store.Boleto) error {
			x.SendAttempts++
			x.NextAttemptAt = now.Add(s.cfg.Lease)
			return nil
		})
	if err != nil {
		return
	}
	s.send(ctx, bank, nb)
}
