package mail

import (
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/mail/smtptest"
	"boletos/internal/store"
)

// TestOfflineThenOnline: with the server down the message stays queued and
// is retried with a growing pause; once the server is back it is sent
// exactly once.
func TestOfflineThenOnline(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{config: func(c *Config) {
		c.RetryBackoff, c.MaxBackoff = 40*time.Millisecond, 160*time.Millisecond
	}})
	b := e.issued(25000, "0000000001")
	e.srv.Down()
	msgs := e.queue([]int64{b.ID}, "cliente@exemplo.com.br")
	start := time.Now()
	e.svc.Start(e.ctx)
	m := e.waitMail(msgs[0].ID, "four failed attempts", func(m store.MailMessage) bool { return m.Attempts >= 4 })
	elapsed := time.Since(start)
	if m.State != store.MailQueued && m.State != store.MailSending {
		t.Fatalf("message %+v, want still queued", m)
	}
	if !strings.Contains(m.LastError, "recusou a conexão na porta") {
		t.Errorf("last error = %q", m.LastError)
	}
	// Pauses of about 40, 80 and 160 ms (±10 %) lie between the four
	// attempts.
	if elapsed < 240*time.Millisecond {
		t.Errorf("four attempts took %v: the back-off is not growing", elapsed)
	}
	evs := e.emailEvents(b.ID)
	if len(evs) != 2 || !strings.HasPrefix(evs[1], "E-mail para cliente@exemplo.com.br não enviado ainda: O servidor 127.0.0.1 recusou a conexão na porta") ||
		!strings.Contains(evs[1], "Nova tentativa às") {
		t.Errorf("timeline = %q (the same failure is written once)", evs)
	}

	e.srv.Up()
	m = e.waitMail(m.ID, "sent", func(m store.MailMessage) bool { return m.State == store.MailSent })
	time.Sleep(300 * time.Millisecond) // a duplicate would be sent by now
	if n := len(e.srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages, want exactly 1", n)
	}
	if m.LastError != "" {
		t.Errorf("last error kept after sending: %q", m.LastError)
	}
	evs = e.emailEvents(b.ID)
	if evs[len(evs)-1] != "E-mail enviado para cliente@exemplo.com.br." {
		t.Errorf("timeline = %q", evs)
	}
}

// TestGivesUpAfterMaxAge: a message that still cannot go MaxAge after its
// first attempt fails, with the last reason; the time it waited for its
// boleto to be issued does not count.
func TestGivesUpAfterMaxAge(t *testing.T) {
	t.Parallel()
	const maxAge = time.Second
	e := newEnv(t, envOptions{config: func(c *Config) {
		c.MaxAge, c.PollInterval = maxAge, 50*time.Millisecond
	}})
	d := e.draft(3100)
	e.srv.Down()
	msgs := e.queue([]int64{d.ID}, "cliente@exemplo.com.br")
	e.svc.Start(e.ctx)
	time.Sleep(maxAge + 200*time.Millisecond) // waiting for the boleto, longer than MaxAge
	issuedAt := time.Now()
	e.issue(d, "0000000801")
	m := e.waitMail(msgs[0].ID, "given up", func(m store.MailMessage) bool { return m.State == store.MailFailed })
	if !strings.HasPrefix(m.LastError, "Envio abandonado após 1 segundo de tentativas. Último erro: O servidor 127.0.0.1 recusou a conexão") {
		t.Errorf("last error %q", m.LastError)
	}
	if m.AttemptsSince.Before(issuedAt.Add(-time.Millisecond)) {
		t.Errorf("the run of attempts began at %v, before the boleto was issued (%v)", m.AttemptsSince, issuedAt)
	}
	if took := m.UpdatedAt.Sub(m.AttemptsSince); took < maxAge {
		t.Errorf("given up %v after the first attempt, before MaxAge", took)
	}
	evs := e.emailEvents(d.ID)
	if last := evs[len(evs)-1]; last != "E-mail para cliente@exemplo.com.br não enviado: "+m.LastError {
		t.Errorf("timeline = %q", evs)
	}
}

// TestBackoff: doubling from RetryBackoff, capped at MaxBackoff (the
// defaults: 30 s → 1 h).
func TestBackoff(t *testing.T) {
	t.Parallel()
	s := &Service{cfg: Config{RetryBackoff: DefaultRetryBackoff, MaxBackoff: DefaultMaxBackoff}}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := s.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := s.backoff(1000); got != time.Hour {
		t.Errorf("backoff(1000) = %v", got)
	}
	for d, want := range map[time.Duration]string{DefaultMaxAge: "3 dias", 5 * time.Hour: "5 horas", 90 * time.Minute: "90 minutos", time.Second: "1 segundo"} {
		if got := ageText(d); got != want {
			t.Errorf("ageText(%v) = %q, want %q", d, got, want)
		}
	}
	for range 100 {
		if j := jitter(time.Minute); j < 54*time.Second || j > 66*time.Second {
			t.Fatalf("jitter(1m) = %v", j)
		}
	}
}

// TestReplies: what the worker does with each kind of server answer.
func TestReplies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		stage    smtptest.Stage
		code     int
		text     string
		times    int
		state    store.MailState
		attempts int
		fragment string // in the last error (failed) or in the timeline (sent after a retry)
	}{
		{"550 recipient", smtptest.Rcpt, 550, "5.1.1 Mailbox unavailable", -1, store.MailFailed, 1,
			"O servidor 127.0.0.1 recusou o destinatário (resposta do servidor: 550 5.1.1 Mailbox unavailable)."},
		{"554 content", smtptest.EndData, 554, "5.7.1 Message rejected as spam", -1, store.MailFailed, 1,
			"recusou a mensagem (resposta do servidor: 554 5.7.1 Message rejected as spam)"},
		{"553 sender", smtptest.Mail, 553, "5.7.1 Sender address rejected", -1, store.MailFailed, 1,
			"recusou o remetente"},
		{"451 once, then accepted", smtptest.Rcpt, 451, "4.7.1 Greylisted, try again", 1, store.MailSent, 2,
			"adiou o recebimento do destinatário (resposta do servidor: 451 4.7.1 Greylisted, try again)"},
		{"421 at the greeting twice", smtptest.Greeting, 421, "4.3.2 Too busy", 2, store.MailSent, 3,
			"está indisponível no momento (resposta do servidor: 421 4.3.2 Too busy)"},
		{"452 after the content", smtptest.EndData, 452, "4.3.1 Insufficient storage", 1, store.MailSent, 2,
			"adiou o recebimento da mensagem"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{})
			b := e.issued(30000, "000000001"+string(rune('0'+i)))
			e.srv.Reply(tt.stage, tt.code, tt.text, tt.times)
			msgs := e.queue([]int64{b.ID}, "destino@exemplo.com.br")
			e.svc.Start(e.ctx)
			m := e.waitMail(msgs[0].ID, "a final state", func(m store.MailMessage) bool { return m.State == store.MailSent || m.State == store.MailFailed })
			if m.State != tt.state || m.Attempts != tt.attempts {
				t.Fatalf("message %+v, want %s after %d attempts", m, tt.state, tt.attempts)
			}
			evs := e.emailEvents(b.ID)
			switch tt.state {
			case store.MailFailed:
				if !strings.Contains(m.LastError, tt.fragment) || len(e.srv.Messages()) != 0 {
					t.Errorf("last error %q lacks %q (or a message got through)", m.LastError, tt.fragment)
				}
				want := "E-mail para destino@exemplo.com.br não enviado: " + m.LastError
				if len(evs) != 2 || evs[1] != want {
					t.Errorf("timeline = %q, want the failure %q", evs, want)
				}
			case store.MailSent:
				if len(e.srv.Messages()) != 1 {
					t.Errorf("the server received %d messages", len(e.srv.Messages()))
				}
				if len(evs) < 3 || !strings.Contains(evs[1], tt.fragment) || evs[len(evs)-1] != "E-mail enviado para destino@exemplo.com.br." {
					t.Errorf("timeline = %q, want the retry (%q) then the delivery", evs, tt.fragment)
				}
			}
		})
	}
}

// TestAuthFailureWaitsForNewSettings: a refused login keeps the message
// (and the account's other messages) queued with the reason; saving the
// right password sends them at once, without waiting for the back-off.
func TestAuthFailureWaitsForNewSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{password: "senha-errada", config: func(c *Config) {
		c.RetryBackoff, c.MaxBackoff = time.Hour, time.Hour
	}})
	b1, b2 := e.issued(1000, "0000000101"), e.issued(2000, "0000000102")
	msgs := e.queue([]int64{b1.ID, b2.ID}, "cliente@exemplo.com.br")
	e.svc.Start(e.ctx)
	m1 := e.waitMail(msgs[0].ID, "the failed login", func(m store.MailMessage) bool { return m.Attempts == 1 && m.State == store.MailQueued })
	if !strings.Contains(m1.LastError, "recusou o usuário ou a senha (resposta do servidor: 535 5.7.8 Authentication credentials invalid)") {
		t.Errorf("last error = %q", m1.LastError)
	}
	if wait := time.Until(m1.NextAttemptAt); wait < 50*time.Minute {
		t.Errorf("next attempt in %v, want about an hour", wait)
	}
	m2 := e.mail(msgs[1].ID)
	if m2.Attempts != 0 || m2.LastError != m1.LastError || m2.NextAttemptAt.Before(m1.NextAttemptAt) {
		t.Errorf("the account's other message was not held back with it: %+v", m2)
	}
	if ok, failed := e.srv.Logins(); ok != 0 || failed != 1 {
		t.Errorf("logins: %d ok, %d failed; one failure should stop the account's session", ok, failed)
	}

	set := settingsOf(mustSettings(t, e))
	if _, err := e.svc.SaveSettings(e.ctx, e.acct.ID, SettingsInput{Settings: set, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		e.waitMail(m.ID, "sent after the new password", func(m store.MailMessage) bool { return m.State == store.MailSent })
	}
	if n := len(e.srv.Messages()); n != 2 {
		t.Errorf("the server received %d messages", n)
	}
}

func mustSettings(t *testing.T, e *env) store.MailSettings {
	t.Helper()
	row, err := e.st.GetMailSettings(e.ctx, e.acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

// TestWaitsUntilIssued: a message queued for a draft waits, untried, until
// the boleto is issued, and then carries the issued PDF.
func TestWaitsUntilIssued(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{config: func(c *Config) { c.PollInterval = 50 * time.Millisecond }})
	d := e.draft(4321)
	msgs := e.queue([]int64{d.ID}, "cliente@exemplo.com.br")
	if evs := e.emailEvents(d.ID); !slices.Equal(evs, []string{"E-mail para cliente@exemplo.com.br na fila: será enviado quando o boleto for emitido."}) {
		t.Errorf("timeline = %q", evs)
	}
	e.svc.Start(e.ctx)
	time.Sleep(300 * time.Millisecond)
	if m := e.mail(msgs[0].ID); m.State != store.MailQueued || m.Attempts != 0 || e.srv.Sessions() != 0 {
		t.Fatalf("a message for a draft was tried: %+v, %d sessions", m, e.srv.Sessions())
	}
	b := e.issue(d, "0000000201")
	e.waitMail(msgs[0].ID, "sent once issued", func(m store.MailMessage) bool { return m.State == store.MailSent })
	got := e.srv.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d", len(got))
	}
	p := parseMessage(t, got[0].Data)
	if !strings.Contains(p.body, b.PixCopiaECola) || strings.Contains(p.body, notAvailable) {
		t.Errorf("the body was not rendered from the issued boleto:\n%s", p.body)
	}
}

// TestCancelledMeanwhile: a boleto cancelled after its message was queued
// is not sent; the reason is in the message and the timeline.
func TestCancelledMeanwhile(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	b := e.issued(1500, "0000000301")
	msgs := e.queue([]int64{b.ID}, "cliente@exemplo.com.br")
	if _, err := e.st.Transition(e.ctx, b.ID, []store.State{store.StateIssued}, store.StateCancelled,
		store.Event{Kind: store.EventCancel, Message: "Cancelado."}, nil); err != nil {
		t.Fatal(err)
	}
	e.svc.Start(e.ctx)
	m := e.waitMail(msgs[0].ID, "failed", func(m store.MailMessage) bool { return m.State == store.MailFailed })
	if !strings.Contains(m.LastError, "está “Cancelado”; não há o que pagar") || e.srv.Sessions() != 0 {
		t.Errorf("last error %q, %d sessions", m.LastError, e.srv.Sessions())
	}
	_, err := e.svc.Queue(e.ctx, []int64{b.ID}, "cliente@exemplo.com.br")
	wantErr(t, err, apperr.CodeConflict, "está “Cancelado” e não pode ser enviado por e-mail")
}

// TestRetryAndCancel: the user's "Reenviar" and "Cancelar envio".
func TestRetryAndCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	b := e.issued(1700, "0000000401")
	e.srv.Reply(smtptest.Rcpt, 550, "5.1.1 No such user", 1)
	msgs := e.queue([]int64{b.ID}, "errado@exemplo.com.br")
	e.svc.Start(e.ctx)
	e.waitMail(msgs[0].ID, "failed", func(m store.MailMessage) bool { return m.State == store.MailFailed })

	if _, err := e.svc.Cancel(e.ctx, msgs[0].ID); err == nil {
		t.Error("a failed message was cancelled")
	}
	m, err := e.svc.Retry(e.ctx, msgs[0].ID)
	if err != nil || m.State != store.MailQueued || m.LastError != "" {
		t.Fatalf("Retry = %+v, %v", m, err)
	}
	e.waitMail(m.ID, "sent", func(m store.MailMessage) bool { return m.State == store.MailSent })
	if _, err := e.svc.Retry(e.ctx, m.ID); err == nil {
		t.Error("a sent message was queued again")
	}

	e.svc.Stop()
	b2 := e.issued(1800, "0000000402")
	msgs = e.queue([]int64{b2.ID}, "cliente@exemplo.com.br")
	m, err = e.svc.Cancel(e.ctx, msgs[0].ID)
	if err != nil || m.State != store.MailFailed || m.LastError != "Envio cancelado pelo usuário." {
		t.Fatalf("Cancel = %+v, %v", m, err)
	}
	e.svc.Start(e.ctx)
	time.Sleep(200 * time.Millisecond)
	if n := len(e.srv.Messages()); n != 1 {
		t.Errorf("the server received %d messages, want only the first", n)
	}
	evs := e.emailEvents(b2.ID)
	if len(evs) != 2 || evs[1] != "Envio do e-mail para cliente@exemplo.com.br cancelado." {
		t.Errorf("timeline = %q", evs)
	}
}

// TestStopPutsTheMessageBack: stopping while the server stalls returns the
// message to the queue, due at once, and Stop does not hang.
func TestStopPutsTheMessageBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{server: smtptest.Config{Mode: smtptest.STARTTLS}})
	b := e.issued(1900, "0000000501")
	// A server that accepts the connection and never greets.
	e.srv.Down()
	stall := stallingListener(t, e.srv.Addr())
	msgs := e.queue([]int64{b.ID}, "cliente@exemplo.com.br")
	e.svc.Start(e.ctx)
	waitFor(t, 10*time.Second, "the connection", func() bool { return stall.accepted() > 0 })
	done := make(chan struct{})
	go func() { e.svc.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop hangs on a stalled server")
	}
	m := e.mail(msgs[0].ID)
	if m.State != store.MailQueued || time.Until(m.NextAttemptAt) > time.Second {
		t.Errorf("after Stop: %+v", m)
	}
	if evs := e.emailEvents(b.ID); len(evs) != 1 {
		t.Errorf("stopping wrote to the timeline: %q", evs)
	}
}

func TestQueueChecks(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	b := e.issued(2500, "0000000601")

	_, err := e.svc.Queue(e.ctx, nil, "")
	wantErr(t, err, apperr.CodeInvalid, "Selecione ao menos um boleto")
	_, err = e.svc.Queue(e.ctx, []int64{b.ID}, "cliente@")
	wantField(t, err, FieldTo, "não é um endereço de e-mail válido")
	_, err = e.svc.Queue(e.ctx, []int64{b.ID}, "a@exemplo.com; b@exemplo.com")
	wantField(t, err, FieldTo, "um endereço de e-mail só")
	_, err = e.svc.Queue(e.ctx, []int64{999999}, "")
	wantErr(t, err, apperr.CodeNotFound, "Boleto não encontrado")

	// No e-mail on the payer and no address given.
	noMail := e.draft(100)
	in := store.DraftInput{AccountID: e.acct.ID, Draft: noMail.Draft}
	in.Payer.Email = ""
	if _, err := e.st.UpdateDraft(e.ctx, noMail.ID, noMail.Version, in); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Queue(e.ctx, []int64{b.ID, noMail.ID}, "")
	wantField(t, err, FieldTo, "não tem e-mail cadastrado")
	if evs := e.emailEvents(b.ID); len(evs) != 0 {
		t.Errorf("a refused batch queued part of it: %q", evs)
	}

	// An account without settings.
	other, err := e.st.CreateAccount(e.ctx, store.Account{Name: "Outra conta", Environment: store.EnvSandbox})
	if err != nil {
		t.Fatal(err)
	}
	od, err := e.st.CreateDraft(e.ctx, store.DraftInput{AccountID: other.ID, Draft: b.Draft})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Queue(e.ctx, []int64{od.ID}, "cliente@exemplo.com.br")
	wantErr(t, err, apperr.CodeInvalid, "Configure o envio de e-mail da conta “Outra conta”")

	// The payer's address by default; queueing twice gives the same message.
	first := e.queue([]int64{b.ID, b.ID}, "")
	again := e.queue([]int64{b.ID}, "MARIA.ARAUJO@exemplo.com.br")
	if len(first) != 1 || first[0].To != "maria.araujo@exemplo.com.br" || len(again) != 1 || again[0].ID != first[0].ID {
		t.Errorf("first %+v, again %+v", first, again)
	}
	if evs := e.emailEvents(b.ID); len(evs) != 1 {
		t.Errorf("timeline = %q, want one entry", evs)
	}
	list, err := e.svc.Messages(e.ctx, b.ID)
	if err != nil || len(list) != 1 {
		t.Errorf("Messages = %+v, %v", list, err)
	}
}
