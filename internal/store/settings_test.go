package store

import (
	"context"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func TestSettings(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	if v, ok, err := s.GetSetting(ctx, "theme"); err != nil || ok || v != "" {
		t.Errorf("missing setting = %q, %v, %v", v, ok, err)
	}
	for _, v := range []string{"dark", "", "light"} {
		if err := s.SetSetting(ctx, "theme", v); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := s.GetSetting(ctx, "theme"); err != nil || !ok || got != v {
			t.Errorf("after SetSetting(%q): %q, %v, %v", v, got, ok, err)
		}
	}
	if err := s.DeleteSetting(ctx, "theme"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.GetSetting(ctx, "theme"); err != nil || ok {
		t.Errorf("deleted setting still there: %v, %v", ok, err)
	}
	if err := s.DeleteSetting(ctx, "never-set"); err != nil {
		t.Errorf("deleting a missing setting: %v", err)
	}
}

func TestSyncCursor(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")

	c, err := s.GetSyncCursor(ctx, a.ID)
	if err != nil || c != (SyncCursor{AccountID: a.ID}) {
		t.Errorf("cursor of a never-polled account = %+v, %v", c, err)
	}
	want := SyncCursor{
		AccountID:   a.ID,
		LastCycleAt: time.Date(2026, 3, 10, 17, 0, 0, 5000, time.UTC),
		CursorDate:  boleto.Date{Year: 2026, Month: 3, Day: 1},
		LastError:   "O banco não respondeu.",
	}
	if err := s.SetSyncCursor(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.UpdatedAt = stored(clock.Now())
	if got, err := s.GetSyncCursor(ctx, a.ID); err != nil || got != want {
		t.Errorf("cursor = %+v, %v; want %+v", got, err, want)
	}
	clock.Advance(time.Minute)
	want.LastError, want.CursorDate = "", boleto.Date{Year: 2026, Month: 3, Day: 10}
	if err := s.SetSyncCursor(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.UpdatedAt = stored(clock.Now())
	if got, err := s.GetSyncCursor(ctx, a.ID); err != nil || got != want {
		t.Errorf("cursor = %+v, %v; want %+v", got, err, want)
	}
	wantCode(t, s.SetSyncCursor(ctx, SyncCursor{AccountID: 999}), apperr.CodeNotFound, "Conta não encontrada")
}
