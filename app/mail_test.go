package app

import (
	"strings"
	"testing"
	"time"

	"boletos/internal/mail"
	"boletos/internal/mail/smtptest"
)

func TestMailSettingsAndSend(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	srv := smtptest.Start(t, smtptest.Config{Mode: smtptest.STARTTLS, Users: map[string]string{"loja": "s3nha-secreta"}})
	// The mailer never polls in this test: the message queued while the boleto
	// is still at the bank must go out when the boleto is issued.
	svc, err := mail.New(mail.Config{Store: env.st, Keys: env.keys, RootCAs: srv.RootCAs(), PollInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	env.app.mailer = svc
	svc.Start(t.Context())
	t.Cleanup(svc.Stop)

	s, err := env.app.Mail.Settings(env.accountID)
	if err != nil || s.Configured || s.Port != 587 || s.DefaultSubject == "" {
		t.Fatalf("suggested settings %+v %v", s, err)
	}
	in := MailSettingsDTO{Host: srv.Host(), Port: srv.Port(), Security: "starttls", Username: "loja", Password: "s3nha-secreta",
		FromName: "Loja", FromAddress: "loja@example.com.br"}
	saved, err := env.app.Mail.SaveSettings(env.accountID, in)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.Configured || !saved.HasPassword || saved.Password != "" {
		t.Errorf("saved view %+v (the password must never come back)", saved)
	}
	if msg, err := env.app.Mail.Test(env.accountID, MailSettingsDTO{Host: in.Host, Port: in.Port, Security: in.Security,
		Username: in.Username, FromAddress: in.FromAddress}); err != nil || msg == "" {
		t.Errorf("Test with the stored password: %q %v", msg, err)
	}

	d, err := env.app.Boletos.IssueNow(validForm(t, env))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := env.app.Mail.Send([]int64{d.Row.ID}, "maria@example.com.br")
	if err != nil || len(msgs) != 1 || msgs[0].State != "queued" {
		t.Fatalf("Send = %+v %v", msgs, err)
	}
	waitState(t, env, d.Row.ID, "issued")
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := env.app.Mail.Messages(d.Row.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 1 && list[0].State == "sent" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("message not sent: %+v", list)
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := srv.Messages()
	if len(got) != 1 || !strings.Contains(strings.Join(got[0].To, ","), "maria@example.com.br") {
		t.Errorf("server received %+v", got)
	}
}
