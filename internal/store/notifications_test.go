package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"boletos/internal/apperr"
)

func TestNotificationsDedupeListAndRead(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	b := mustDraft(t, s, sampleDraft(a.ID))

	paid := Notification{AccountID: a.ID, BoletoID: b.ID, Kind: NotificationPaid, Title: "Boleto pago",
		Body: "José da Silva pagou R$ 123,45.", DedupeKey: fmt.Sprintf("paid:%d", b.ID)}
	added, err := s.AddNotifications(ctx, []Notification{paid})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].ID == 0 || !added[0].CreatedAt.Equal(stored(clock.Now())) || !added[0].Unread() {
		t.Fatalf("added = %+v", added)
	}

	// The same event again, in a batch with a new one: only the new one is stored.
	clock.Advance(time.Minute)
	cert := Notification{AccountID: a.ID, Kind: NotificationCertificateExpiring, Title: "Certificado vence em 7 dias",
		DedupeKey: "cert:1:2026-04-01:7"}
	added, err = s.AddNotifications(ctx, []Notification{paid, cert})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].DedupeKey != cert.DedupeKey {
		t.Fatalf("second batch added %+v, want only the certificate", added)
	}
	// A notification of a boleto or account that no longer exists is skipped, not an error.
	added, err = s.AddNotifications(ctx, []Notification{
		{BoletoID: 999_999, Kind: NotificationPaid, Title: "x", DedupeKey: "paid:999999"},
		{AccountID: 999_999, Kind: NotificationSyncFailing, Title: "x", DedupeKey: "sync:999999:1"},
		{Kind: NotificationSyncFailing, Title: "Sem conta", DedupeKey: "global"},
	})
	if err != nil || len(added) != 1 || added[0].DedupeKey != "global" || added[0].AccountID != 0 {
		t.Fatalf("stale references: %+v, %v", added, err)
	}

	list, err := s.ListNotifications(ctx, NotificationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, n := range list {
		keys = append(keys, n.DedupeKey)
	}
	if fmt.Sprint(keys) != "[global cert:1:2026-04-01:7 paid:"+fmt.Sprint(b.ID)+"]" {
		t.Errorf("newest first: %v", keys)
	}
	if got := list[2]; got.Body != paid.Body || got.BoletoID != b.ID || got.AccountID != a.ID || got.Kind != NotificationPaid {
		t.Errorf("stored paid notification = %+v", got)
	}
	if n, err := s.CountUnreadNotifications(ctx); err != nil || n != 3 {
		t.Errorf("unread = %d, %v", n, err)
	}

	clock.Advance(time.Minute)
	if err := s.MarkNotificationRead(ctx, list[1].ID); err != nil {
		t.Fatal(err)
	}
	firstRead := stored(clock.Now())
	clock.Advance(time.Minute)
	if err := s.MarkNotificationRead(ctx, list[1].ID); err != nil { // again: keeps the first time
		t.Fatal(err)
	}
	got, err := s.GetNotification(ctx, list[1].ID)
	if err != nil || !got.ReadAt.Equal(firstRead) {
		t.Errorf("read notification = %+v, %v; want read at %v", got, err, firstRead)
	}
	unread, err := s.ListNotifications(ctx, NotificationQuery{UnreadOnly: true})
	if err != nil || len(unread) != 2 || unread[0].ID != list[0].ID || unread[1].ID != list[2].ID {
		t.Errorf("unread only = %+v, %v", unread, err)
	}
	page, err := s.ListNotifications(ctx, NotificationQuery{Limit: 1, BeforeID: list[0].ID})
	if err != nil || len(page) != 1 || page[0].ID != list[1].ID {
		t.Errorf("next page = %+v, %v", page, err)
	}

	wantCode(t, s.MarkNotificationRead(ctx, 424242), apperr.CodeNotFound, "Notificação não encontrada")
	_, err = s.GetNotification(ctx, 424242)
	wantCode(t, err, apperr.CodeNotFound, "Notificação não encontrada")

	if n, err := s.MarkAllNotificationsRead(ctx); err != nil || n != 2 {
		t.Errorf("mark all read = %d, %v", n, err)
	}
	if n, err := s.CountUnreadNotifications(ctx); err != nil || n != 0 {
		t.Errorf("unread after mark all = %d, %v", n, err)
	}

	// Deleting the boleto takes its notification with it.
	if err := s.DeleteDraft(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.ListNotifications(ctx, NotificationQuery{}); len(list) != 2 {
		t.Errorf("after deleting the boleto: %d notifications, want 2", len(list))
	}
}

func TestNotificationKindsAreChecked(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	for _, k := range []NotificationKind{NotificationPaid, NotificationIssueFailed, NotificationCertificateExpiring,
		NotificationCertificateExpired, NotificationSyncFailing} {
		if _, err := s.AddNotifications(ctx, []Notification{{Kind: k, Title: "t", DedupeKey: string(k)}}); err != nil {
			t.Errorf("kind %s refused: %v", k, err)
		}
	}
	_, err := s.AddNotifications(ctx, []Notification{{Kind: "birthday", Title: "t", DedupeKey: "b"}})
	wantCode(t, err, apperr.CodeInvalid)
	_, err = s.AddNotifications(ctx, []Notification{{Kind: NotificationPaid, Title: "t", DedupeKey: ""}})
	wantCode(t, err, apperr.CodeInvalid)
}

func TestPruneNotifications(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	var batch []Notification
	for i := range 5 {
		batch = append(batch, Notification{Kind: NotificationSyncFailing, Title: "velha", DedupeKey: fmt.Sprintf("old:%d", i)})
	}
	if _, err := s.AddNotifications(ctx, batch); err != nil {
		t.Fatal(err)
	}
	clock.Advance(200 * 24 * time.Hour)
	batch = batch[:0]
	for i := range 12 {
		batch = append(batch, Notification{Kind: NotificationSyncFailing, Title: "nova", DedupeKey: fmt.Sprintf("new:%d", i)})
	}
	if _, err := s.AddNotifications(ctx, batch); err != nil {
		t.Fatal(err)
	}

	// By age: the 5 from 200 days ago go.
	n, err := s.PruneNotifications(ctx, 0, clock.Now().Add(-180*24*time.Hour))
	if err != nil || n != 5 {
		t.Fatalf("pruned by age %d, %v; want 5", n, err)
	}
	// By count: the newest 10 stay.
	if n, err = s.PruneNotifications(ctx, 10, time.Time{}); err != nil || n != 2 {
		t.Fatalf("pruned by count %d, %v; want 2", n, err)
	}
	list, err := s.ListNotifications(ctx, NotificationQuery{Limit: 100})
	if err != nil || len(list) != 10 || list[0].DedupeKey != "new:11" || list[9].DedupeKey != "new:2" {
		t.Fatalf("left %d: first %+v", len(list), list)
	}
	if n, err = s.PruneNotifications(ctx, 10, clock.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Errorf("nothing left to prune: %d, %v", n, err)
	}
	// A pruned key may be stored again.
	if added, err := s.AddNotifications(ctx, []Notification{{Kind: NotificationSyncFailing, Title: "t", DedupeKey: "old:0"}}); err != nil || len(added) != 1 {
		t.Errorf("re-adding a pruned key: %+v, %v", added, err)
	}
}
