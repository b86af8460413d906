package retorno

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/issuing"
	"boletos/internal/issuing/situacao"
	"boletos/internal/store"
)

// openStates are the states in which a boleto can still change at the
// bank by itself (payment, expiry, cancellation at the bank's site…). A
// boleto in cancel_requested is left to the issuing worker, which owns the
// cancellations it sent (it asks the bank about each, and queues the
// replacement of a substituted boleto).
var openStates = []store.State{
	store.StateProcessing, store.StateIssued, store.StateOverdue, store.StateProtested,
}

// Change is one boleto updated by a cycle.
type Change struct {
	ID          int64             `json:"id"`
	SeuNumero   string            `json:"seuNumero"`
	From        store.State       `json:"from"`
	To          store.State       `json:"to"`
	Situacao    inter.Situacao    `json:"situacao"`
	PaidAmount  boleto.Cents      `json:"paidAmount,omitempty"`
	PaidDate    boleto.Date       `json:"paidDate,omitzero"`
	PaidChannel store.PaidChannel `json:"paidChannel,omitempty"`
	Message     string            `json:"message"` // pt-BR, as in the audit trail
}

// Result is what one cycle of one account did.
type Result struct {
	AccountID int64
	At        time.Time
	Changes   []Change
	Calls     int  // calls to the bank (list pages)
	Swept     bool // the cycle listed every charge over the open due dates
	Open      int  // open boletos looked after
}

// RunOnce runs one cycle for one account now, whatever the schedule, and
// returns what changed ("boletos sync"). An account without open boletos
// costs no call.
func (p *Poller) RunOnce(ctx context.Context, accountID int64) (Result, error) {
	p.cycle.Lock()
	defer p.cycle.Unlock()
	open, err := p.st.BoletosInStates(ctx, accountID, openStates)
	if err != nil {
		return Result{AccountID: accountID, At: p.now()}, err
	}
	return p.runAccount(ctx, accountID, open)
}

// RunAll runs one cycle for every account with open boletos.
func (p *Poller) RunAll(ctx context.Context) ([]Result, error) {
	res, _, err := p.runAll(ctx)
	return res, err
}

// runAll is one cycle of every account with open boletos; next is the pause
// the boletos call for before the next cycle.
func (p *Poller) runAll(ctx context.Context) ([]Result, time.Duration, error) {
	p.cycle.Lock()
	defer p.cycle.Unlock()
	open, err := p.st.BoletosInStates(ctx, 0, openStates)
	if err != nil {
		return nil, p.intervals().normal, err
	}
	byAccount := map[int64][]store.Boleto{}
	var accounts []int64
	for _, b := range open {
		if _, ok := byAccount[b.AccountID]; !ok {
			accounts = append(accounts, b.AccountID)
		}
		byAccount[b.AccountID] = append(byAccount[b.AccountID], b)
	}
	slices.Sort(accounts)
	var (
		results  []Result
		firstErr error
	)
	for _, acct := range accounts {
		if ctx.Err() != nil {
			return results, 0, ctx.Err()
		}
		res, err := p.runAccount(ctx, acct, byAccount[acct])
		results = append(results, res)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return results, p.interval(open), firstErr
}

// interval is the pause before the next cycle: short while boletos are
// being processed or fall due about now (payments cluster around the due
// date, and the day after it brings overdue and expired boletos), long when
// nothing is open.
func (p *Poller) interval(open []store.Boleto) time.Duration {
	iv := p.intervals()
	if len(open) == 0 {
		return iv.idle
	}
	today := boleto.Today(p.now())
	for _, b := range open {
		if b.State == store.StateProcessing {
			return iv.fast
		}
		if d := b.DueDate.Sub(today); !b.DueDate.IsZero() && d >= -1 && d <= 1 {
			return iv.fast
		}
	}
	return iv.normal
}

// countingBank counts the calls of a cycle.
type countingBank struct {
	issuing.Bank
	calls int
}

func (c *countingBank) List(ctx context.Context, p inter.ListParams) (inter.ListPage, error) {
	c.calls++
	return c.Bank.List(ctx, p)
}

// sweepSetting names the setting with the time of an account's last sweep.
func sweepSetting(accountID int64) string { return "retorno.sweep." + strconv.FormatInt(accountID, 10) }

// runAccount is one cycle of one account. Callers hold p.cycle.
func (p *Poller) runAccount(ctx context.Context, accountID int64, open []store.Boleto) (res Result, err error) {
	now := p.now()
	today := boleto.Today(now)
	res = Result{AccountID: accountID, At: now, Open: len(open)}
	cursor, err := p.st.GetSyncCursor(ctx, accountID)
	if err != nil {
		return res, err
	}
	defer func() {
		p.finish(ctx, &res, cursor, today, err)
	}()
	tracked := make(map[string]store.Boleto, len(open))
	for _, b := range open {
		if b.CodigoSolicitacao != "" {
			tracked[b.CodigoSolicitacao] = b
		}
	}
	if len(tracked) == 0 {
		return res, nil
	}
	client, err := p.cfg.Clients.Client(ctx, accountID)
	if err != nil {
		return res, err
	}
	bank := &countingBank{Bank: client}
	defer func() { res.Calls = bank.calls }()

	var applyErr error
	list := func(params inter.ListParams) error {
		params.ItensPorPagina = inter.MaxItensPorPagina
		return listAll(ctx, bank, params, func(c inter.Cobranca) {
			b, ok := tracked[c.Cobranca.CodigoSolicitacao]
			if !ok {
				return
			}
			nb, ch, changed, err := p.apply(ctx, b, c)
			if err != nil {
				if applyErr == nil {
					applyErr = err
				}
				return
			}
			if changed {
				res.Changes = append(res.Changes, ch)
			}
			if isOpen(nb.State) {
				tracked[c.Cobranca.CodigoSolicitacao] = nb
			} else {
				delete(tracked, c.Cobranca.CodigoSolicitacao)
			}
		})
	}

	// Payments (RECEBIDO, MARCADO_RECEBIDO) since the last cycle, with an
	// overlap for late reports; never before the oldest open emission.
	var firstEmission boleto.Date
	for _, b := range tracked {
		d := b.IssueDate
		if d.IsZero() {
			d = boleto.Today(b.CreatedAt)
		}
		if firstEmission.IsZero() || d.Before(firstEmission) {
			firstEmission = d
		}
	}
	from := firstEmission.AddDays(-1)
	if !cursor.CursorDate.IsZero() {
		if c := cursor.CursorDate.AddDays(-p.cfg.OverlapDays); c.After(from) {
			from = c
		}
	}
	if from.After(today) {
		from = today
	}
	if err := list(inter.ListParams{DataInicial: from, DataFinal: today.AddDays(1), FiltrarDataPor: "PAGAMENTO"}); err != nil {
		return res, err
	}

	sweep, err := p.sweepDue(ctx, accountID, cursor, now)
	if err != nil {
		return res, err
	}
	if sweep {
		// Everything over the open boletos' due dates, whatever its
		// situation.
		if lo, hi, ok := dueRange(tracked, func(store.Boleto) bool { return true }); ok {
			if err := list(inter.ListParams{DataInicial: lo, DataFinal: hi, FiltrarDataPor: "VENCIMENTO"}); err != nil {
				return res, err
			}
		}
		res.Swept = true
	} else {
		queries := []struct {
			sit   inter.Situacao
			which func(store.Boleto) bool
		}{
			// Cancelled at the bank (here, at the bank's site or app):
			// any open boleto, at any time.
			{inter.SituacaoCancelado, func(b store.Boleto) bool { return b.State != store.StateProcessing }},
			// Expired: the calendar says the boleto is past its last day
			// of payment.
			{inter.SituacaoExpirado, func(b store.Boleto) bool {
				return (b.State == store.StateIssued || b.State == store.StateOverdue) && b.DueDate.AddDays(b.Charges.AgendaDays).Before(today)
			}},
			// Overdue: past the due date, not yet past the last day.
			{inter.SituacaoAtrasado, func(b store.Boleto) bool {
				return b.State == store.StateIssued && b.DueDate.Before(today) && !b.DueDate.AddDays(b.Charges.AgendaDays).Before(today)
			}},
		}
		for _, q := range queries {
			lo, hi, ok := dueRange(tracked, q.which)
			if !ok {
				continue
			}
			if err := list(inter.ListParams{DataInicial: lo, DataFinal: hi, FiltrarDataPor: "VENCIMENTO", Situacao: q.sit}); err != nil {
				return res, err
			}
		}
	}
	if applyErr != nil {
		return res, applyErr
	}
	if sweep {
		if err := p.st.SetSetting(ctx, sweepSetting(accountID), now.UTC().Format(time.RFC3339Nano)); err != nil {
			return res, err
		}
	}
	return res, nil
}

// sweepDue reports whether this cycle should list everything: on the
// account's first successful cycle, and every SweepEvery.
func (p *Poller) sweepDue(ctx context.Context, accountID int64, cursor store.SyncCursor, now time.Time) (bool, error) {
	if cursor.CursorDate.IsZero() {
		return true, nil
	}
	v, ok, err := p.st.GetSetting(ctx, sweepSetting(accountID))
	if err != nil {
		return false, err
	}
	if !ok {
		return true, nil
	}
	last, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return true, nil
	}
	return now.Sub(last) >= p.cfg.SweepEvery || now.Before(last), nil
}

// dueRange is the range of due dates of the tracked boletos that which
// selects; ok is false when it selects none.
func dueRange(tracked map[string]store.Boleto, which func(store.Boleto) bool) (lo, hi boleto.Date, ok bool) {
	for _, b := range tracked {
		if b.DueDate.IsZero() || !which(b) {
			continue
		}
		if !ok || b.DueDate.Before(lo) {
			lo = b.DueDate
		}
		if !ok || b.DueDate.After(hi) {
			hi = b.DueDate
		}
		ok = true
	}
	return lo, hi, ok
}

func isOpen(s store.State) bool { return slices.Contains(openStates, s) }

// listAll walks every page of a list.
func listAll(ctx context.Context, bank issuing.Bank, p inter.ListParams, fn func(inter.Cobranca)) error {
	for page := 0; ; page++ {
		p.PaginaAtual = page
		res, err := bank.List(ctx, p)
		if err != nil {
			return err
		}
		for _, c := range res.Cobrancas {
			fn(c)
		}
		if res.UltimaPagina || len(res.Cobrancas) == 0 || page+1 >= res.TotalPaginas {
			return nil
		}
	}
}

// errStale aborts an update whose boleto changed since it was read.
var errStale = errors.New("retorno: boleto changed meanwhile")

// apply records what the bank says about one boleto, if anything is new.
// A boleto changed meanwhile (by the issuing worker, or the user) is read
// again and the charge applied to it once more.
func (p *Poller) apply(ctx context.Context, b store.Boleto, c inter.Cobranca) (store.Boleto, Change, bool, error) {
	for attempt := 0; ; attempt++ {
		x := b
		u := situacao.Apply(&x, c)
		if !u.Changed {
			return b, Change{}, false, nil
		}
		version := b.Version
		nb, err := p.st.Transition(ctx, b.ID, []store.State{b.State}, u.To, store.Event{Kind: u.Kind, Message: u.Message},
			func(x *store.Boleto) error {
				if x.Version != version {
					return errStale
				}
				situacao.Apply(x, c)
				return nil
			})
		if err == nil {
			if em := p.cfg.Emitter; em != nil {
				em.Emit(issuing.EventBoletoChanged, issuing.BoletoChanged{ID: nb.ID, State: nb.State, PreviousState: b.State})
			}
			return nb, Change{
				ID: nb.ID, SeuNumero: nb.SeuNumero, From: b.State, To: nb.State, Situacao: c.Cobranca.Situacao,
				PaidAmount: nb.PaidAmount, PaidDate: nb.PaidDate, PaidChannel: nb.PaidChannel, Message: u.Message,
			}, true, nil
		}
		var ae *apperr.Error
		conflict := errors.Is(err, errStale) || errors.As(err, &ae) && ae.Code == apperr.CodeConflict
		if !conflict || attempt > 0 {
			if conflict {
				return b, Change{}, false, nil // still moving: the next cycle sees it
			}
			return b, Change{}, false, err
		}
		fresh, gerr := p.st.GetBoleto(ctx, b.ID)
		if gerr != nil {
			return b, Change{}, false, gerr
		}
		if !isOpen(fresh.State) {
			return fresh, Change{}, false, nil
		}
		b = fresh
	}
}

// finish saves the cursor and announces the end of a cycle.
func (p *Poller) finish(ctx context.Context, res *Result, cursor store.SyncCursor, today boleto.Date, cycleErr error) {
	if cycleErr != nil && ctx.Err() != nil {
		// Stopped (the program is closing): not a failure of the bank's,
		// and nobody is listening. What was applied stays; the cursor does
		// not move, so the next cycle covers the same ground.
		p.log.Info("retorno: cycle interrupted", "account", res.AccountID, "calls", res.Calls)
		return
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	next := cursor
	next.LastCycleAt = p.now()
	msg := ""
	if cycleErr != nil {
		_, msg = apperr.Describe(cycleErr)
		var ie *inter.Error
		if errors.As(cycleErr, &ie) || errors.Is(cycleErr, inter.ErrPossiblySent) {
			msg = inter.UserMessage(cycleErr)
		}
		next.LastError = msg
	} else {
		next.LastError = ""
		if res.Open > 0 || next.CursorDate.IsZero() {
			next.CursorDate = today
		}
	}
	if err := p.st.SetSyncCursor(wctx, next); err != nil {
		p.log.Error("retorno: save the cursor", "account", res.AccountID, "err", err)
	}
	if cycleErr != nil {
		p.log.Warn("retorno: cycle", "account", res.AccountID, "err", cycleErr, "calls", res.Calls)
	} else {
		p.log.Info("retorno: cycle", "account", res.AccountID, "changed", len(res.Changes), "calls", res.Calls, "swept", res.Swept)
	}
	if em := p.cfg.Emitter; em != nil {
		em.Emit(EventRetornoFinished, Finished{AccountID: res.AccountID, Changed: len(res.Changes), Calls: res.Calls, At: next.LastCycleAt, Error: msg})
	}
}

// String describes a change for logs and the CLI.
func (c Change) String() string {
	return fmt.Sprintf("%s: %s → %s (%s)", c.SeuNumero, store.StateLabel(c.From), store.StateLabel(c.To), c.Message)
}
