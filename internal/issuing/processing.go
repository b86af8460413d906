package issuing

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/issuing/situacao"
	"boletos/internal/store"
)

// getThreshold is the number of processing boletos of an account up to
// which each is fetched by GET; above it one list by emission date (1,000
// charges a page) is cheaper.
const getThreshold = 4

// processingLoop follows the boletos the bank is processing until ctx ends.
func (s *Service) processingLoop(ctx context.Context) {
	every := s.cfg.ProcessingInterval
	t := time.NewTimer(0) // at start-up, look at once
	defer t.Stop()
	var last time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.procKick:
			// A charge was just accepted. Give the bank a moment (it is
			// rarely processed at once, and a burst of acceptances is
			// served by one list), and never poll more often than every
			// ProcessingInterval.
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			wait := max(every/4, every-time.Since(last))
			t.Reset(wait)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
		s.PollProcessing(ctx)
		s.refreshBatches(ctx)
		last = time.Now()
		t.Reset(every)
	}
}

// PollProcessing checks every boleto the bank is processing, once, and
// records those that are ready (issued, with their codes checked) or failed.
// The worker calls it on its own; it is exported for the CLI's --wait and
// for tests.
func (s *Service) PollProcessing(ctx context.Context) {
	list, err := s.st.BoletosInStates(ctx, 0, []store.State{store.StateProcessing})
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("issuing: read processing boletos", "err", err)
		}
		return
	}
	byAccount := map[int64][]store.Boleto{}
	var accounts []int64
	for _, b := range list {
		if b.CodigoSolicitacao == "" {
			continue
		}
		if _, ok := byAccount[b.AccountID]; !ok {
			accounts = append(accounts, b.AccountID)
		}
		byAccount[b.AccountID] = append(byAccount[b.AccountID], b)
	}
	for _, acct := range accounts {
		if ctx.Err() != nil {
			return
		}
		bank, err := s.client(ctx, acct)
		if err != nil {
			s.log.Warn("issuing: no bank client", "account", acct, "err", err)
			continue
		}
		s.resolveProcessing(ctx, bank, byAccount[acct])
	}
}

// resolveProcessing asks the bank about processing boletos of one account:
// a GET each when they are few, else a list over their emission dates,
// newest first, that stops as soon as every one of them was seen (they are
// the most recent emissions, so this is usually one short page).
func (s *Service) resolveProcessing(ctx context.Context, bank Bank, items []store.Boleto) {
	if len(items) > getThreshold {
		var from, to boleto.Date
		byCode := make(map[string]store.Boleto, len(items))
		for _, b := range items {
			d := b.IssueDate
			if d.IsZero() {
				d = boleto.Today(b.CreatedAt)
			}
			if from.IsZero() || d.Before(from) {
				from = d
			}
			if to.IsZero() || d.After(to) {
				to = d
			}
			byCode[b.CodigoSolicitacao] = b
		}
		if today := s.today(); to.Before(today) {
			to = today
		}
		p := inter.ListParams{
			DataInicial: from.AddDays(-1), DataFinal: to.AddDays(1), FiltrarDataPor: "EMISSAO",
			OrdenarPor: "DATA_EMISSAO", TipoOrdenacao: "DESC",
			ItensPorPagina: min(inter.MaxItensPorPagina, max(100, 2*len(items))),
		}
		err := listUntil(ctx, bank, p, func(c inter.Cobranca) bool {
			if b, ok := byCode[c.Cobranca.CodigoSolicitacao]; ok {
				delete(byCode, c.Cobranca.CodigoSolicitacao)
				s.applyCharge(ctx, b, c)
			}
			return len(byCode) > 0
		})
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("issuing: list processing boletos", "err", err)
			}
			return
		}
		// Not listed (a clock or date disagreement): ask one by one,
		// a few per pass.
		items = items[:0]
		for _, b := range byCode {
			items = append(items, b)
		}
		slices.SortFunc(items, func(a, b store.Boleto) int { return cmp.Compare(a.ID, b.ID) })
		items = items[:min(len(items), getThreshold)]
	}
	for _, b := range items {
		if ctx.Err() != nil {
			return
		}
		c, err := bank.Get(ctx, b.CodigoSolicitacao)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("issuing: get processing boleto", "boleto", b.SeuNumero, "err", err)
			}
			continue
		}
		s.applyCharge(ctx, b, c)
	}
}

// applyCharge records what the bank says about a boleto's charge, when it
// says anything new.
func (s *Service) applyCharge(ctx context.Context, b store.Boleto, c inter.Cobranca) (store.Boleto, bool) {
	if b.CodigoSolicitacao != "" && c.Cobranca.CodigoSolicitacao != "" && c.Cobranca.CodigoSolicitacao != b.CodigoSolicitacao {
		return b, false
	}
	release, ok := s.claim(b.ID)
	if !ok {
		return b, false
	}
	defer release()
	return s.applyClaimed(ctx, b, c)
}

// applyClaimed is applyCharge for a boleto the caller has claimed.
func (s *Service) applyClaimed(ctx context.Context, b store.Boleto, c inter.Cobranca) (store.Boleto, bool) {
	x := b
	u := situacao.Apply(&x, c)
	if !u.Changed {
		return b, false
	}
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	nb, err := s.transition(cctx, b, u.To, store.Event{Kind: u.Kind, Message: u.Message}, func(x *store.Boleto) error {
		situacao.Apply(x, c)
		return nil
	})
	if err != nil {
		return b, false
	}
	if nb.State == store.StateFailed {
		s.setNote(b.ID, nb.FailureReason)
	}
	if len(u.Problems) > 0 {
		s.log.Warn("issuing: codes from the bank do not check", "boleto", b.SeuNumero, "problems", u.Problems)
	}
	return nb, true
}

// Refresh asks the bank for the boleto's charge and records anything new
// ("Atualizar"). A boleto the bank does not know yet is returned as is.
func (s *Service) Refresh(ctx context.Context, id int64) (store.Boleto, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, err
	}
	if b.CodigoSolicitacao == "" {
		return b, nil
	}
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		return b, err
	}
	c, err := bank.Get(ctx, b.CodigoSolicitacao)
	if err != nil {
		return b, bankErr(err)
	}
	if nb, ok := s.applyCharge(ctx, b, c); ok {
		return nb, nil
	}
	nb, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return b, err
	}
	return nb, nil
}

// bankErr wraps an error of the bank client for the user.
func bankErr(err error) error {
	if err == nil {
		return nil
	}
	code := apperr.CodeUnavailable
	switch {
	case inter.IsAuth(err):
		code = apperr.CodeAuth
	case inter.IsNotFound(err):
		code = apperr.CodeNotFound
	case errors.Is(err, context.Canceled):
		code = apperr.CodeCanceled
	default:
		var e *inter.Error
		if errors.As(err, &e) && e.Status >= 400 && e.Status < 500 && e.Status != 429 && e.Status != 408 {
			code = apperr.CodeConflict
		}
	}
	return apperr.Wrap(code, err, inter.UserMessage(err))
}
