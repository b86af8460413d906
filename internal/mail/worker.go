package mail

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/printing"
	"boletos/internal/printjob"
	"boletos/internal/store"
)

// Start runs the sending worker in the background until Stop or ctx's end.
// Starting a started worker does nothing.
func (s *Service) Start(ctx context.Context) {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	if s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.cancel, s.done = cancel, done
	go func() {
		defer close(done)
		s.loop(ctx)
	}()
}

// Stop ends the worker and waits for it. A message being sent is put back
// in the queue (it may go out twice if the server had already taken it).
func (s *Service) Stop() {
	s.runMu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	s.runMu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
}

// SendNow asks the worker to look at the queue now. It never blocks.
func (s *Service) SendNow() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Service) claim(accountID int64) store.MailClaim {
	return store.MailClaim{AccountID: accountID, Lease: s.cfg.Lease, WaitStates: waitStates}
}

// loop is the worker goroutine.
func (s *Service) loop(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-s.kick:
		}
		next := s.drain(ctx)
		if ctx.Err() != nil {
			return
		}
		timer.Stop()
		select {
		case <-timer.C:
		default:
		}
		timer.Reset(next)
	}
}

// drain sends every due message, one account session at a time, and
// returns how long to wait before looking again.
func (s *Service) drain(ctx context.Context) time.Duration {
	for ctx.Err() == nil {
		m, ok, err := s.st.ClaimMail(ctx, s.claim(0))
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("mail: read the queue", "err", err)
			}
			return s.cfg.PollInterval
		}
		if !ok {
			break
		}
		s.emit(m)
		s.runSession(ctx, m)
	}
	if ctx.Err() != nil {
		return 0
	}
	wait := s.cfg.PollInterval
	at, ok, err := s.st.NextMailAttempt(ctx, s.claim(0))
	if err != nil {
		s.log.Error("mail: read the queue", "err", err)
		return wait
	}
	if ok {
		wait = min(wait, max(at.Sub(s.now()), 10*time.Millisecond))
	}
	return wait
}

// runSession sends first, then more due messages of the same account over
// the same connection (up to PerSession).
func (s *Service) runSession(ctx context.Context, first store.MailMessage) {
	row, err := s.st.GetMailSettings(ctx, first.AccountID)
	if err != nil {
		f := &failure{session: true, code: apperr.CodeUnavailable, err: err, msg: "Não foi possível ler as configurações de e-mail da conta."}
		if errors.Is(err, store.ErrNotFound) {
			f.code, f.msg = apperr.CodeInvalid, "O envio de e-mail desta conta não está configurado: informe o servidor SMTP e o remetente nas configurações de e-mail da conta."
		}
		s.finish(ctx, first, nil, f)
		return
	}
	pw, f := s.password(ctx, row)
	if f != nil {
		s.finish(ctx, first, nil, f)
		return
	}
	var ss *session
	defer func() {
		if ss != nil {
			ss.quit()
		}
	}()
	m := first
	for n := 1; ; n++ {
		out, f := s.prepare(ctx, m, row)
		if f == nil {
			if ss == nil {
				ss, f = open(ctx, s.sessionConfig(row, pw))
			} else {
				f = ss.reset(ctx)
			}
			if f == nil {
				f = ss.send(ctx, row.FromAddress, m.To, out.data)
			}
		}
		s.finish(ctx, m, out, f)
		if f != nil && f.session {
			if ss != nil {
				ss.close()
				ss = nil
			}
			return
		}
		if ctx.Err() != nil || n >= s.cfg.PerSession {
			return
		}
		next, ok, err := s.st.ClaimMail(ctx, s.claim(m.AccountID))
		if err != nil || !ok {
			return
		}
		s.emit(next)
		m = next
	}
}

// prepared is a message ready to go.
type prepared struct {
	subject, body, messageID string
	data                     []byte
}

// prepare renders the message of m from the boleto as it is now: subject,
// body and PDF.
func (s *Service) prepare(ctx context.Context, m store.MailMessage, row store.MailSettings) (*prepared, *failure) {
	transient := func(err error) *failure {
		code, msg := apperr.Describe(err)
		return &failure{code: code, err: err, msg: msg}
	}
	b, err := s.st.GetBoleto(ctx, m.BoletoID)
	if err != nil {
		return nil, transient(err)
	}
	if isIn(b.State, refusedStates) {
		return nil, &failure{permanent: true, code: apperr.CodeConflict,
			msg: fmt.Sprintf("O boleto %s está “%s”; não há o que pagar.", b.SeuNumero, store.StateLabel(b.State))}
	}
	a, err := s.st.GetAccount(ctx, b.AccountID)
	if err != nil {
		return nil, transient(err)
	}
	subject, body, err := renderMessage(row, DataOf(b, a))
	if err != nil {
		code, msg := apperr.Describe(err)
		return nil, &failure{permanent: true, code: code, err: err, msg: msg}
	}
	pdf, err := printjob.Render(ctx, s.st, []int64{b.ID}, printjob.LayoutPages, printing.Options{Now: s.now})
	if err != nil {
		code, msg := apperr.Describe(err)
		f := &failure{code: code, err: err, msg: "Não foi possível gerar o PDF do boleto: " + lowerFirst(msg)}
		f.permanent = code == apperr.CodeInvalid || code == apperr.CodeNotFound
		return nil, f
	}
	now := s.now()
	msg := message{
		FromName: row.FromName, FromAddress: row.FromAddress, ReplyTo: row.ReplyTo, To: m.To,
		Subject: subject, Body: body, Date: now, MessageID: newMessageID(row.FromAddress, now),
		Attachment: attachment{Name: attachmentName(b.SeuNumero), Type: "application/pdf", Data: pdf},
	}
	data, err := msg.bytes()
	if err != nil {
		return nil, &failure{permanent: true, code: apperr.CodeInternal, err: err, msg: "Não foi possível montar a mensagem."}
	}
	return &prepared{subject: subject, body: body, messageID: msg.MessageID, data: data}, nil
}

// finish records the outcome of an attempt at m: sent (f nil), another
// attempt later, or failed for good.
func (s *Service) finish(ctx context.Context, m store.MailMessage, out *prepared, f *failure) {
	// The outcome is recorded even when the worker is being stopped.
	rec := context.WithoutCancel(ctx)
	sending := []store.MailState{store.MailSending}
	var (
		u   store.MailUpdate
		now = s.now()
	)
	switch {
	case f == nil:
		u = store.MailUpdate{State: store.MailSent, Subject: out.subject, Body: out.body, MessageID: out.messageID,
			Event: &store.Event{Kind: store.EventEmail, Message: fmt.Sprintf("E-mail enviado para %s.", m.To)}}
		s.log.Info("mail: sent", "mail", m.ID, "boleto", m.BoletoID, "account", m.AccountID, "attempt", m.Attempts)
	case ctx.Err() != nil:
		// Stopped mid-attempt: back to the queue, due now, as if not tried.
		u = store.MailUpdate{State: store.MailQueued, LastError: m.LastError}
	case f.permanent || now.Sub(m.AttemptsSince) >= s.cfg.MaxAge:
		reason := f.msg
		if !f.permanent {
			reason = fmt.Sprintf("Envio abandonado após %s de tentativas. Último erro: %s", ageText(s.cfg.MaxAge), f.msg)
		}
		u = store.MailUpdate{State: store.MailFailed, LastError: reason,
			Event: &store.Event{Kind: store.EventEmail, Message: fmt.Sprintf("E-mail para %s não enviado: %s", m.To, reason)}}
		s.log.Warn("mail: not sent", "mail", m.ID, "boleto", m.BoletoID, "account", m.AccountID, "attempt", m.Attempts, "err", f)
	default:
		next := now.Add(jitter(s.backoff(m.Attempts)))
		u = store.MailUpdate{State: store.MailQueued, LastError: f.msg, NextAttemptAt: next}
		if f.msg != m.LastError || m.Attempts <= 1 {
			u.Event = &store.Event{Kind: store.EventEmail, Message: fmt.Sprintf("E-mail para %s não enviado ainda: %s Nova tentativa às %s.",
				m.To, f.msg, clockText(next, now))}
		}
		s.log.Warn("mail: attempt failed", "mail", m.ID, "boleto", m.BoletoID, "account", m.AccountID, "attempt", m.Attempts, "next", next, "err", f)
		if f.session {
			if _, err := s.st.DeferAccountMail(rec, m.AccountID, next, f.msg); err != nil {
				s.log.Error("mail: postpone the account's queue", "account", m.AccountID, "err", err)
			}
		}
	}
	got, err := s.st.UpdateMail(rec, m.ID, sending, u)
	if err != nil {
		s.log.Error("mail: record the outcome", "mail", m.ID, "boleto", m.BoletoID, "state", u.State, "err", err)
		return
	}
	s.emit(got)
}

// backoff is the pause after the n-th failed attempt.
func (s *Service) backoff(n int) time.Duration {
	d := s.cfg.RetryBackoff
	for i := 1; i < n && d < s.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, s.cfg.MaxBackoff)
}

// jitter spreads d by up to ±10%.
func jitter(d time.Duration) time.Duration {
	if d < 10 {
		return d
	}
	spread := d / 5
	return d - spread/2 + rand.N(spread+1)
}

// ageText is a duration in days, hours, minutes or seconds, in Portuguese.
func ageText(d time.Duration) string {
	n := func(unit time.Duration, one, many string) string {
		k := int(max(d.Round(unit), unit) / unit)
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	switch {
	case d >= 48*time.Hour:
		return n(24*time.Hour, "dia", "dias")
	case d >= 2*time.Hour:
		return n(time.Hour, "hora", "horas")
	case d >= 2*time.Minute:
		return n(time.Minute, "minuto", "minutos")
	}
	return n(time.Second, "segundo", "segundos")
}
