package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// Event is one entry of a boleto's audit trail (table boleto_events).
type Event struct {
	ID        int64
	BoletoID  int64
	At        time.Time
	OldState  State // "" for the event that created the boleto
	NewState  State
	Kind      EventKind
	Message   string          // pt-BR, shown in the boleto's history; never a secret
	RequestID string          // the bank's request id, when there is one
	Details   json.RawMessage // optional JSON with machine-readable detail; never a secret
}

// ListEvents returns the history of a boleto, oldest first.
func (s *Store) ListEvents(ctx context.Context, boletoID int64) ([]Event, error) {
	var out []Event
	err := s.read(ctx, "list events", func(q querier) error {
		if _, err := getBoleto(ctx, q, "id = ?", boletoID); err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, `SELECT id, boleto_id, at, old_state, new_state, kind, message, request_id, details
			FROM boleto_events WHERE boleto_id = ? ORDER BY id`, boletoID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				ev             Event
				at             string
				old, details   sql.NullString
				newState, kind string
			)
			if err := rows.Scan(&ev.ID, &ev.BoletoID, &at, &old, &newState, &kind, &ev.Message, &ev.RequestID, &details); err != nil {
				return err
			}
			if ev.At, err = parseTime(at); err != nil {
				return err
			}
			ev.OldState, ev.NewState, ev.Kind = State(old.String), State(newState), EventKind(kind)
			if details.Valid {
				ev.Details = json.RawMessage(details.String)
			}
			out = append(out, ev)
		}
		return rows.Err()
	})
	return out, err
}

// AddEvent appends an event to a boleto's history without changing the
// boleto (old and new state are its current state), e.g. a failed attempt
// that will be retried, or the boleto being printed. It returns the event
// as stored.
func (s *Store) AddEvent(ctx context.Context, boletoID int64, ev Event) (Event, error) {
	err := s.write(ctx, "add event", func(tx *sql.Tx) error {
		b, err := getBoleto(ctx, tx, "id = ?", boletoID)
		if err != nil {
			return err
		}
		return appendEvent(ctx, tx, b.ID, b.State, b.State, s.clock(), &ev)
	})
	if err != nil {
		return Event{}, err
	}
	return ev, nil
}
