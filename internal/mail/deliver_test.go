package mail

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"boletos/internal/boleto"
	"boletos/internal/mail/smtptest"
	"boletos/internal/store"
)

// TestDelivery sends an issued boleto through a real SMTP session (STARTTLS
// with the test CA, AUTH PLAIN) and reads the message the server received
// as a mail reader would: recipient, decoded subject, accented body, and a
// PDF whose barcode, rasterised and scanned, is the boleto's.
func TestDelivery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	b := e.issued(123456, "0081593655")
	msgs := e.queue([]int64{b.ID}, "Cliente <cliente@exemplo.com.br>")
	if len(msgs) != 1 || msgs[0].State != store.MailQueued || msgs[0].To != "cliente@exemplo.com.br" {
		t.Fatalf("queued %+v", msgs)
	}
	e.svc.Start(e.ctx)
	m := e.waitMail(msgs[0].ID, "the message sent", func(m store.MailMessage) bool { return m.State != store.MailQueued && m.State != store.MailSending })
	if m.State != store.MailSent || m.Attempts != 1 || m.SentAt.IsZero() || m.LastError != "" || !m.NextAttemptAt.IsZero() {
		t.Fatalf("message = %+v", m)
	}

	got := e.srv.Messages()
	if len(got) != 1 {
		t.Fatalf("the server received %d messages", len(got))
	}
	r := got[0]
	if r.From != "financeiro@exemplo.com.br" || !slices.Equal(r.To, []string{"cliente@exemplo.com.br"}) || !r.TLS || r.User != testUser {
		t.Errorf("envelope from %q to %q, TLS %v, user %q", r.From, r.To, r.TLS, r.User)
	}
	p := parseMessage(t, r.Data)
	due := b.DueDate.BR()
	wantSubject := fmt.Sprintf("Boleto %s de Comércio Exemplo Ltda – vencimento %s", b.SeuNumero, due)
	if p.subject != wantSubject || m.Subject != wantSubject {
		t.Errorf("subject = %q (stored %q), want %q", p.subject, m.Subject, wantSubject)
	}
	if p.fromName != "Comércio Exemplo – Financeiro" || p.header.Get("To") != "cliente@exemplo.com.br" {
		t.Errorf("From %q, To %q", p.fromName, p.header.Get("To"))
	}
	if p.header.Get("Message-Id") != m.MessageID || !strings.HasSuffix(m.MessageID, "@exemplo.com.br>") {
		t.Errorf("Message-ID %q, stored %q", p.header.Get("Message-Id"), m.MessageID)
	}
	if _, err := p.header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	for _, want := range []string{
		"Olá, Maria Conceição Araújo.",
		"boleto de R$ 1.234,56 com vencimento em " + due + ", emitido por Comércio Exemplo Ltda",
		boleto.FormatLinha(b.LinhaDigitavel),
		b.PixCopiaECola,
	} {
		if !strings.Contains(p.body, want) {
			t.Errorf("body lacks %q:\n%s", want, p.body)
		}
	}
	if p.body != m.Body {
		t.Errorf("stored body %q differs from the one sent %q", m.Body, p.body)
	}
	if len(p.attachments) != 1 {
		t.Fatalf("%d attachments", len(p.attachments))
	}
	a := p.attachments[0]
	if a.filename != "boleto-"+b.SeuNumero+".pdf" || a.contentType != "application/pdf" || !strings.HasPrefix(string(a.data), "%PDF-") {
		t.Errorf("attachment %q %q starts with %q", a.filename, a.contentType, a.data[:min(8, len(a.data))])
	}
	if codes := barcodes(t, a.data); !slices.Equal(codes, []string{b.Barcode}) {
		t.Errorf("barcodes in the PDF = %q, want [%s]", codes, b.Barcode)
	}

	evs := e.emailEvents(b.ID)
	want := []string{"E-mail para cliente@exemplo.com.br na fila.", "E-mail enviado para cliente@exemplo.com.br."}
	if !slices.Equal(evs, want) {
		t.Errorf("timeline = %q, want %q", evs, want)
	}
	if st := e.rec.states(m.ID); !slices.Equal(st, []store.MailState{store.MailQueued, store.MailSending, store.MailSent}) {
		t.Errorf("events emitted: %v", st)
	}
}

// TestDeliveryModes sends over implicit TLS (LOGIN, the only mechanism
// offered) and over a plain connection to a loopback relay, and checks the
// password goes only where it is safe.
func TestDeliveryModes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		server smtptest.Config
		tls    bool
		user   string
	}{
		{"implicit TLS with LOGIN", smtptest.Config{Mode: smtptest.TLS, Mechanisms: []string{"LOGIN"}}, true, testUser},
		{"STARTTLS with LOGIN and PLAIN", smtptest.Config{Mode: smtptest.STARTTLS}, true, testUser},
		{"plain relay on loopback, with a login", smtptest.Config{Mode: smtptest.Plain, Users: map[string]string{testUser: testPassword}}, false, testUser},
		{"plain relay on loopback, no login", smtptest.Config{Mode: smtptest.Plain}, false, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{server: tt.server})
			b := e.issued(5000+boleto.Cents(i), fmt.Sprintf("00815936%02d", i))
			msgs := e.queue([]int64{b.ID}, "")
			e.svc.Start(e.ctx)
			m := e.waitMail(msgs[0].ID, "sent", func(m store.MailMessage) bool { return m.State == store.MailSent || m.State == store.MailFailed })
			if m.State != store.MailSent {
				t.Fatalf("message %+v", m)
			}
			got := e.srv.Messages()
			if len(got) != 1 || got[0].TLS != tt.tls || got[0].User != tt.user || !slices.Equal(got[0].To, []string{"maria.araujo@exemplo.com.br"}) {
				t.Fatalf("received %+v", got)
			}
			if p := parseMessage(t, got[0].Data); !strings.Contains(p.body, "Olá, Maria Conceição Araújo.") {
				t.Errorf("body %q", p.body)
			}
		})
	}
}

// TestSessionCarriesSeveralMessages: one connection and one login for a
// batch, each boleto with its own PDF.
func TestSessionCarriesSeveralMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	var ids []int64
	for i := range 3 {
		ids = append(ids, e.issued(1000+boleto.Cents(i), fmt.Sprintf("00200000%02d", i)).ID)
	}
	msgs := e.queue(ids, "lote@exemplo.com.br")
	e.svc.Start(e.ctx)
	for _, m := range msgs {
		e.waitMail(m.ID, "sent", func(m store.MailMessage) bool { return m.State == store.MailSent })
	}
	got := e.srv.Messages()
	if len(got) != 3 || e.srv.Sessions() != 1 {
		t.Fatalf("%d messages over %d sessions, want 3 over 1", len(got), e.srv.Sessions())
	}
	if ok, failed := e.srv.Logins(); ok != 1 || failed != 0 {
		t.Errorf("logins: %d ok, %d failed", ok, failed)
	}
	names := map[string]bool{}
	for _, r := range got {
		p := parseMessage(t, r.Data)
		names[p.attachments[0].filename] = true
	}
	if len(names) != 3 {
		t.Errorf("attachments %v", names)
	}
}
