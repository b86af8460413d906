package store

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"boletos/internal/apperr"
)

func TestAddEvent(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))

	clock.Advance(time.Second)
	ev, err := s.AddEvent(ctx, d.ID, Event{Kind: EventError, Message: "Sem conexão; nova tentativa às 15:00.", Details: json.RawMessage(`{"attempt":2}`)})
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID == 0 || ev.BoletoID != d.ID || ev.OldState != StateDraft || ev.NewState != StateDraft || !ev.At.Equal(stored(clock.Now())) {
		t.Errorf("event = %+v", ev)
	}
	evs, err := s.ListEvents(ctx, d.ID)
	if err != nil || len(evs) != 2 || evs[1].ID != ev.ID || string(evs[1].Details) != `{"attempt":2}` || evs[0].Details != nil {
		t.Errorf("events = %+v, %v", evs, err)
	}
	if got, _ := s.GetBoleto(ctx, d.ID); got.Version != d.Version || !got.UpdatedAt.Equal(d.UpdatedAt) {
		t.Errorf("AddEvent changed the boleto: version %d, updated %v", got.Version, got.UpdatedAt)
	}

	_, err = s.AddEvent(ctx, d.ID, Event{})
	wantCode(t, err, apperr.CodeInvalid, "Informe o tipo do evento")
	_, err = s.AddEvent(ctx, d.ID, Event{Kind: EventError, Details: json.RawMessage("nope")})
	wantCode(t, err, apperr.CodeInvalid, "JSON")
	_, err = s.AddEvent(ctx, 999, Event{Kind: EventError})
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")
}
