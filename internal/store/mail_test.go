package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"boletos/internal/apperr"
)

func sampleMailSettings(accountID int64) MailSettings {
	return MailSettings{
		AccountID: accountID, Host: " smtp.exemplo.com.br ", Port: 587, Security: MailSTARTTLS,
		Username: "financeiro@exemplo.com.br", FromName: "Comércio Exemplo", FromAddress: "financeiro@exemplo.com.br",
		ReplyTo: "cobranca@exemplo.com.br", SubjectTemplate: "Boleto {{seu_numero}}", BodyTemplate: "Olá, {{pagador}}.",
	}
}

func TestMailSettings(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")

	_, err := s.GetMailSettings(ctx, a.ID)
	wantCode(t, err, apperr.CodeNotFound, "ainda não foi configurado")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("not found is not ErrNotFound: %v", err)
	}
	_, err = s.SaveMailSettings(ctx, sampleMailSettings(999))
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")

	saved, err := s.SaveMailSettings(ctx, sampleMailSettings(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	want := sampleMailSettings(a.ID)
	want.Host = "smtp.exemplo.com.br"
	want.CreatedAt, want.UpdatedAt = stored(clock.Now()), stored(clock.Now())
	if saved != want {
		t.Errorf("saved = %+v\nwant    %+v", saved, want)
	}
	if got, err := s.GetMailSettings(ctx, a.ID); err != nil || got != want {
		t.Errorf("GetMailSettings = %+v, %v", got, err)
	}

	clock.Advance(time.Minute)
	change := sampleMailSettings(a.ID)
	change.Port, change.Security, change.Username = 465, MailTLS, ""
	saved, err = s.SaveMailSettings(ctx, change)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Port != 465 || saved.Security != MailTLS || saved.Username != "" ||
		!saved.CreatedAt.Equal(want.CreatedAt) || !saved.UpdatedAt.Equal(stored(clock.Now())) {
		t.Errorf("updated = %+v", saved)
	}

	bad := sampleMailSettings(a.ID)
	bad.Security = "ssl"
	_, err = s.SaveMailSettings(ctx, bad)
	wantCode(t, err, apperr.CodeInvalid)
	bad = sampleMailSettings(a.ID)
	bad.Port = 0
	_, err = s.SaveMailSettings(ctx, bad)
	wantCode(t, err, apperr.CodeInvalid)

	if err := s.DeleteMailSettings(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetMailSettings(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if err := s.DeleteMailSettings(ctx, a.ID); err != nil {
		t.Errorf("deleting missing settings: %v", err)
	}

	// Settings go with their account.
	if _, err := s.SaveMailSettings(ctx, sampleMailSettings(a.ID)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM mail_settings").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d settings rows left after the account was deleted (%v)", n, err)
	}
}

func mailEvent(msg string) Event { return Event{Kind: EventEmail, Message: msg} }

func TestQueueMail(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	b1, b2 := mustDraft(t, s, sampleDraft(a.ID)), mustDraft(t, s, sampleDraft(a.ID))

	msgs, err := s.QueueMail(ctx, []NewMail{
		{BoletoID: b1.ID, To: "ana@exemplo.com.br", Subject: "Assunto 1", Body: "Corpo 1", Event: mailEvent("E-mail para ana@exemplo.com.br na fila.")},
		{BoletoID: b2.ID, To: "bia@exemplo.com.br", Subject: "Assunto 2", Body: "Corpo 2", Event: mailEvent("E-mail para bia@exemplo.com.br na fila.")},
	})
	if err != nil {
		t.Fatal(err)
	}
	now := stored(clock.Now())
	if len(msgs) != 2 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := msgs[0]
	if m.ID == 0 || m.AccountID != a.ID || m.BoletoID != b1.ID || m.To != "ana@exemplo.com.br" || m.Subject != "Assunto 1" ||
		m.Body != "Corpo 1" || m.State != MailQueued || m.Attempts != 0 || !m.NextAttemptAt.Equal(now) ||
		!m.CreatedAt.Equal(now) || !m.AttemptsSince.IsZero() || !m.SentAt.IsZero() || m.LastError != "" {
		t.Errorf("queued = %+v", m)
	}
	evs, err := s.ListEvents(ctx, b1.ID)
	if err != nil || len(evs) != 2 || evs[1].Kind != EventEmail || evs[1].Message != "E-mail para ana@exemplo.com.br na fila." ||
		evs[1].OldState != StateDraft || evs[1].NewState != StateDraft {
		t.Errorf("events = %+v, %v", evs, err)
	}
	if got, _ := s.GetBoleto(ctx, b1.ID); got.Version != b1.Version {
		t.Error("queueing an e-mail changed the boleto")
	}

	// The same boleto and address (any case) while waiting: the same message, no new event.
	again, err := s.QueueMail(ctx, []NewMail{{BoletoID: b1.ID, To: "ANA@exemplo.com.br", Event: mailEvent("de novo")}})
	if err != nil || len(again) != 1 || again[0].ID != m.ID {
		t.Errorf("queued again = %+v, %v", again, err)
	}
	if evs, _ := s.ListEvents(ctx, b1.ID); len(evs) != 2 {
		t.Errorf("queueing again added an event: %+v", evs)
	}

	// All or nothing.
	_, err = s.QueueMail(ctx, []NewMail{
		{BoletoID: b2.ID, To: "nova@exemplo.com.br", Event: mailEvent("x")},
		{BoletoID: 999, To: "x@exemplo.com.br", Event: mailEvent("x")},
	})
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")
	if list, _ := s.ListMail(ctx, MailFilter{BoletoID: b2.ID}); len(list) != 1 {
		t.Errorf("a failed batch left %d messages for b2", len(list))
	}
	_, err = s.QueueMail(ctx, []NewMail{{BoletoID: b2.ID, To: "x@exemplo.com.br"}})
	wantCode(t, err, apperr.CodeInvalid, "Informe o tipo do evento")

	list, err := s.ListMail(ctx, MailFilter{AccountID: a.ID})
	if err != nil || len(list) != 2 || list[0].ID != msgs[1].ID {
		t.Errorf("ListMail = %+v, %v (newest first)", list, err)
	}
	if list, _ := s.ListMail(ctx, MailFilter{States: []MailState{MailSent}}); len(list) != 0 {
		t.Errorf("sent = %+v", list)
	}

	// A deleted draft takes its messages along.
	if err := s.DeleteDraft(ctx, b1.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetMail(ctx, m.ID)
	wantCode(t, err, apperr.CodeNotFound, "Mensagem de e-mail não encontrada")
}

func TestClaimMail(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a1, a2 := mustAccount(t, s, "Conta 1"), mustAccount(t, s, "Conta 2")
	draft := mustDraft(t, s, sampleDraft(a1.ID))
	issued := mustDraft(t, s, sampleDraft(a1.ID))
	if _, err := s.Transition(ctx, issued.ID, []State{StateDraft}, StateIssued, Event{Kind: EventIssued}, nil); err != nil {
		t.Fatal(err)
	}
	other := mustDraft(t, s, sampleDraft(a2.ID))
	if _, err := s.Transition(ctx, other.ID, []State{StateDraft}, StateIssued, Event{Kind: EventIssued}, nil); err != nil {
		t.Fatal(err)
	}
	queue := func(id int64, to string) MailMessage {
		t.Helper()
		m, err := s.QueueMail(ctx, []NewMail{{BoletoID: id, To: to, Event: mailEvent("na fila")}})
		if err != nil {
			t.Fatal(err)
		}
		return m[0]
	}
	wait := []State{StateDraft, StateQueued, StateSending, StateProcessing}
	claim := MailClaim{Lease: time.Minute, WaitStates: wait}

	mDraft := queue(draft.ID, "a@x.com")
	clock.Advance(time.Second)
	mIssued := queue(issued.ID, "b@x.com")
	clock.Advance(time.Second)
	mOther := queue(other.ID, "c@x.com")

	if at, ok, err := s.NextMailAttempt(ctx, claim); err != nil || !ok || !at.Equal(mIssued.NextAttemptAt) {
		t.Errorf("NextMailAttempt = %v, %v, %v; want the issued boleto's %v", at, ok, err, mIssued.NextAttemptAt)
	}
	got, ok, err := s.ClaimMail(ctx, MailClaim{AccountID: a2.ID, Lease: time.Minute, WaitStates: wait})
	if err != nil || !ok || got.ID != mOther.ID {
		t.Fatalf("claim for account 2 = %+v, %v, %v", got, ok, err)
	}
	got, ok, err = s.ClaimMail(ctx, claim)
	if err != nil || !ok || got.ID != mIssued.ID || got.State != MailSending || got.Attempts != 1 ||
		!got.NextAttemptAt.Equal(stored(clock.Now().Add(time.Minute))) || !got.AttemptsSince.Equal(stored(clock.Now())) {
		t.Fatalf("claim = %+v, %v, %v; want the issued boleto's message, leased", got, ok, err)
	}
	if _, ok, err := s.ClaimMail(ctx, claim); ok || err != nil {
		t.Errorf("claimed again while leased or waiting (%v)", err)
	}
	if _, ok, _ := s.NextMailAttempt(ctx, MailClaim{WaitStates: wait, AccountID: a1.ID}); !ok {
		t.Error("the leased message is not counted as coming back")
	}
	// Without WaitStates the draft's message is claimable.
	if got, ok, _ := s.ClaimMail(ctx, MailClaim{Lease: time.Minute}); !ok || got.ID != mDraft.ID {
		t.Errorf("claim without wait states = %+v, %v", got, ok)
	}
	// A lease that ran out (the worker died) gives the message back.
	clock.Advance(2 * time.Minute)
	firstAttempt := got.AttemptsSince
	got, ok, err = s.ClaimMail(ctx, claim)
	if err != nil || !ok || got.ID != mIssued.ID || got.Attempts != 2 || !got.AttemptsSince.Equal(firstAttempt) {
		t.Errorf("claim after the lease = %+v, %v, %v", got, ok, err)
	}
}

func TestUpdateMail(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	b := mustDraft(t, s, sampleDraft(a.ID))
	msgs, err := s.QueueMail(ctx, []NewMail{
		{BoletoID: b.ID, To: "a@x.com", Subject: "S", Body: "B", Event: mailEvent("na fila")},
		{BoletoID: b.ID, To: "b@x.com", Event: mailEvent("na fila")},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[0]
	claim := MailClaim{Lease: time.Minute}
	if _, _, err := s.ClaimMail(ctx, claim); err != nil {
		t.Fatal(err)
	}

	// A failed attempt: back to the queue later, with the reason.
	clock.Advance(time.Second)
	next := clock.Now().Add(30 * time.Second)
	got, err := s.UpdateMail(ctx, m.ID, []MailState{MailSending}, MailUpdate{State: MailQueued, LastError: "Servidor fora do ar.",
		NextAttemptAt: next, Event: &Event{Kind: EventEmail, Message: "Não enviado ainda."}})
	if err != nil || got.State != MailQueued || got.LastError != "Servidor fora do ar." || !got.NextAttemptAt.Equal(stored(next)) ||
		got.Subject != "S" || got.Attempts != 1 {
		t.Fatalf("retry = %+v, %v", got, err)
	}
	// The account's other messages wait as long.
	n, err := s.DeferAccountMail(ctx, a.ID, next, "Servidor fora do ar.")
	if err != nil || n != 1 {
		t.Errorf("DeferAccountMail = %d, %v", n, err)
	}
	if o, _ := s.GetMail(ctx, msgs[1].ID); !o.NextAttemptAt.Equal(stored(next)) || o.LastError != "Servidor fora do ar." || o.Attempts != 0 {
		t.Errorf("deferred = %+v", o)
	}
	if _, ok, _ := s.ClaimMail(ctx, claim); ok {
		t.Error("claimed a deferred message")
	}
	// New settings: everything due now.
	n, err = s.WakeAccountMail(ctx, a.ID)
	if err != nil || n != 2 {
		t.Errorf("WakeAccountMail = %d, %v", n, err)
	}
	got, ok, err := s.ClaimMail(ctx, claim)
	if err != nil || !ok || got.ID != m.ID || got.Attempts != 2 {
		t.Fatalf("claim after wake = %+v, %v, %v", got, ok, err)
	}

	clock.Advance(time.Second)
	got, err = s.UpdateMail(ctx, m.ID, []MailState{MailSending}, MailUpdate{State: MailSent, Subject: "S2", Body: "B2", MessageID: "<1@x.com>",
		LastError: "ignored", Event: &Event{Kind: EventEmail, Message: "E-mail enviado para a@x.com."}})
	if err != nil || got.State != MailSent || got.LastError != "" || !got.NextAttemptAt.IsZero() || !got.SentAt.Equal(stored(clock.Now())) ||
		got.Subject != "S2" || got.Body != "B2" || got.MessageID != "<1@x.com>" {
		t.Fatalf("sent = %+v, %v", got, err)
	}
	evs, _ := s.ListEvents(ctx, b.ID)
	if last := evs[len(evs)-1]; last.Message != "E-mail enviado para a@x.com." || last.Kind != EventEmail {
		t.Errorf("last event = %+v", last)
	}
	_, err = s.UpdateMail(ctx, m.ID, []MailState{MailFailed}, MailUpdate{State: MailQueued})
	wantCode(t, err, apperr.CodeConflict, "está “Enviado”")

	// Failed for good, then queued again by the user: a new run.
	clock.Advance(time.Hour)
	o, err := s.UpdateMail(ctx, msgs[1].ID, []MailState{MailQueued}, MailUpdate{State: MailFailed, LastError: "Cancelado."})
	if err != nil || o.State != MailFailed || !o.NextAttemptAt.IsZero() || o.LastError != "Cancelado." {
		t.Fatalf("failed = %+v, %v", o, err)
	}
	o, err = s.UpdateMail(ctx, o.ID, []MailState{MailFailed}, MailUpdate{State: MailQueued, Requeue: true})
	if err != nil || o.State != MailQueued || !o.AttemptsSince.IsZero() || o.Attempts != 0 || !o.NextAttemptAt.Equal(stored(clock.Now())) || o.LastError != "" {
		t.Fatalf("requeued = %+v, %v", o, err)
	}
	if _, err := s.UpdateMail(ctx, o.ID, []MailState{MailQueued}, MailUpdate{State: MailSending}); err == nil {
		t.Error("UpdateMail set sending")
	}
	_, err = s.UpdateMail(ctx, 999, []MailState{MailQueued}, MailUpdate{State: MailFailed})
	wantCode(t, err, apperr.CodeNotFound)
}
