package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"boletos/internal/boleto"
)

// GetSetting returns the value stored under name; ok is false when there is
// none.
func (s *Store) GetSetting(ctx context.Context, name string) (value string, ok bool, err error) {
	err = s.read(ctx, "get setting", func(q querier) error {
		err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = ?", name).Scan(&value)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		ok = err == nil
		return err
	})
	return value, ok, err
}

// SetSetting stores value under name, replacing any previous value.
func (s *Store) SetSetting(ctx context.Context, name, value string) error {
	return s.write(ctx, "set setting", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			name, value, timeText(s.clock()))
		return err
	})
}

// DeleteSetting removes the setting name; removing a missing one is not an
// error.
func (s *Store) DeleteSetting(ctx context.Context, name string) error {
	return s.write(ctx, "delete setting", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE name = ?", name)
		return err
	})
}

// SyncCursor is where the retorno poller stopped for one account.
type SyncCursor struct {
	AccountID   int64
	LastCycleAt time.Time   // when the last polling cycle ended; zero if never
	CursorDate  boleto.Date // the date the next cycle starts from; zero if never
	LastError   string      // pt-BR message of the last cycle's failure; "" when it succeeded
	UpdatedAt   time.Time
}

// GetSyncCursor returns the account's cursor. An account never polled gets
// a zero cursor (with AccountID set), not an error.
func (s *Store) GetSyncCursor(ctx context.Context, accountID int64) (SyncCursor, error) {
	c := SyncCursor{AccountID: accountID}
	err := s.read(ctx, "get sync cursor", func(q querier) error {
		var last, cursor sql.NullString
		var updated string
		err := q.QueryRowContext(ctx, "SELECT last_cycle_at, cursor_date, last_error, updated_at FROM sync_cursors WHERE account_id = ?",
			accountID).Scan(&last, &cursor, &c.LastError, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if c.LastCycleAt, err = parseNullTime(last); err != nil {
			return err
		}
		if c.CursorDate, err = parseNullDate(cursor); err != nil {
			return err
		}
		c.UpdatedAt, err = parseTime(updated)
		return err
	})
	if err != nil {
		return SyncCursor{}, err
	}
	return c, nil
}

// SetSyncCursor stores the cursor of c.AccountID, which must exist.
func (s *Store) SetSyncCursor(ctx context.Context, c SyncCursor) error {
	return s.write(ctx, "set sync cursor", func(tx *sql.Tx) error {
		if _, err := getAccount(ctx, tx, "id = ?", c.AccountID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_cursors (account_id, last_cycle_at, cursor_date, last_error, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET last_cycle_at = excluded.last_cycle_at,
				cursor_date = excluded.cursor_date, last_error = excluded.last_error, updated_at = excluded.updated_at`,
			c.AccountID, timeArg(c.LastCycleAt), dateArg(c.CursorDate), c.LastError, timeText(s.clock()))
		return err
	})
}
