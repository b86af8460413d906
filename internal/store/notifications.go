package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// NotificationKind says what a notification is about.
type NotificationKind string

// Notification kinds. The schema has a CHECK constraint with exactly these
// values.
const (
	NotificationPaid                NotificationKind = "paid"                 // a boleto was paid
	NotificationIssueFailed         NotificationKind = "issue_failed"         // a boleto failed to issue
	NotificationCertificateExpiring NotificationKind = "certificate_expiring" // 30, 15, 7 or 1 day(s) left
	NotificationCertificateExpired  NotificationKind = "certificate_expired"  // the certificate expired
	NotificationSyncFailing         NotificationKind = "sync_failing"         // retorno cycles keep failing
)

// Notification is one entry of the notification list.
type Notification struct {
	ID        int64
	AccountID int64 // 0 when no account is concerned
	BoletoID  int64 // 0 when no boleto is concerned
	Kind      NotificationKind
	Title     string // pt-BR
	Body      string // pt-BR
	// DedupeKey names the event ("paid:<boleto id>", …): a second
	// notification with the same key is not stored.
	DedupeKey string
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}

// Unread reports whether the notification was not read yet.
func (n Notification) Unread() bool { return n.ReadAt.IsZero() }

const msgNotificationNotFound = "Notificação não encontrada. Ela pode ter sido apagada por ser antiga; atualize a lista."

const notificationColumns = "id, account_id, boleto_id, kind, title, body, dedupe_id, created_at, read_at"

// AddNotifications stores the notifications whose DedupeKey was never
// stored, in one transaction, and returns those (with ID and CreatedAt
// set) in the order given. The others are skipped silently: the event was
// already notified. A notification of an account or boleto deleted
// meanwhile is skipped too.
func (s *Store) AddNotifications(ctx context.Context, ns []Notification) ([]Notification, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	var added []Notification
	err := s.write(ctx, "add notifications", func(tx *sql.Tx) error {
		added = added[:0]
		now := s.clock()
		for _, n := range ns {
			// The references are checked here rather than left to the
			// foreign keys, so that one stale row does not undo the batch.
			if n.AccountID != 0 && !rowExists(ctx, tx, "accounts", n.AccountID) ||
				n.BoletoID != 0 && !rowExists(ctx, tx, "boletos", n.BoletoID) {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO notifications (account_id, boleto_id, kind, title, body, dedupe_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_id) DO NOTHING`,
				idArg(n.AccountID), idArg(n.BoletoID), string(n.Kind), n.Title, n.Body, n.DedupeKey, timeText(now))
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err != nil || k == 0 {
				if err != nil {
					return err
				}
				continue
			}
			if n.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			n.CreatedAt, n.ReadAt = now, time.Time{}
			added = append(added, n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// rowExists reports whether table has a row with that id; a failed query
// counts as present, so that the insert reports the real error.
func rowExists(ctx context.Context, tx *sql.Tx, table string, id int64) bool {
	var ok bool
	if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM "+table+" WHERE id = ?", id).Scan(&ok); err != nil {
		return true
	}
	return ok
}

// NotificationQuery selects notifications, newest first.
type NotificationQuery struct {
	Limit      int   // at most this many; 0 means 50, and more than 500 is 500
	UnreadOnly bool  // only the unread ones
	BeforeID   int64 // only those older than this one (the next page); 0 from the newest
}

// ListNotifications returns notifications newest first.
func (s *Store) ListNotifications(ctx context.Context, q NotificationQuery) ([]Notification, error) {
	limit := q.Limit
	switch {
	case limit <= 0:
		limit = 50
	case limit > 500:
		limit = 500
	}
	var where []string
	var args []any
	if q.UnreadOnly {
		where = append(where, "read_at IS NULL")
	}
	if q.BeforeID > 0 {
		where = append(where, "id < ?")
		args = append(args, q.BeforeID)
	}
	query := "SELECT " + notificationColumns + " FROM notifications"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	out := []Notification{}
	err := s.read(ctx, "list notifications", func(q querier) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanNotification)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetNotification returns one notification; CodeNotFound when there is
// none with that id.
func (s *Store) GetNotification(ctx context.Context, id int64) (Notification, error) {
	var n Notification
	err := s.read(ctx, "get notification", func(q querier) error {
		var err error
		n, err = scanNotification(q.QueryRowContext(ctx, "SELECT "+notificationColumns+" FROM notifications WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(msgNotificationNotFound)
		}
		return err
	})
	return n, err
}

// CountUnreadNotifications is the number on the bell.
func (s *Store) CountUnreadNotifications(ctx context.Context) (int, error) {
	var n int
	err := s.read(ctx, "count unread notifications", func(q querier) error {
		return q.QueryRowContext(ctx, "SELECT count(*) FROM notifications WHERE read_at IS NULL").Scan(&n)
	})
	return n, err
}

// MarkNotificationRead marks one notification read (reading it again
// keeps the first time); CodeNotFound when there is none with that id.
func (s *Store) MarkNotificationRead(ctx context.Context, id int64) error {
	return s.write(ctx, "mark notification read", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ?", timeText(s.clock()), id)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			if err != nil {
				return err
			}
			return notFound(msgNotificationNotFound)
		}
		return nil
	})
}

// MarkAllNotificationsRead marks every unread notification read and
// returns how many there were.
func (s *Store) MarkAllNotificationsRead(ctx context.Context) (int, error) {
	var n int64
	err := s.write(ctx, "mark all notifications read", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = ? WHERE read_at IS NULL", timeText(s.clock()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// PruneNotifications deletes the notifications created before olderThan
// (none when zero) and all but the newest keep (none when keep <= 0), and
// returns how many it deleted. A pruned event may be notified again should
// it happen again.
func (s *Store) PruneNotifications(ctx context.Context, keep int, olderThan time.Time) (int, error) {
	var n int64
	err := s.write(ctx, "prune notifications", func(tx *sql.Tx) error {
		if !olderThan.IsZero() {
			res, err := tx.ExecContext(ctx, "DELETE FROM notifications WHERE created_at < ?", timeText(olderThan))
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += k
		}
		if keep > 0 {
			res, err := tx.ExecContext(ctx, `DELETE FROM notifications WHERE id <= coalesce(
				(SELECT id FROM notifications ORDER BY id DESC LIMIT 1 OFFSET ?), 0)`, keep)
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return int(n), err
}

func scanNotification(row interface{ Scan(...any) error }) (Notification, error) {
	var (
		n             Notification
		account, bol  sql.NullInt64
		kind, created string
		readAt        sql.NullString
	)
	if err := row.Scan(&n.ID, &account, &bol, &kind, &n.Title, &n.Body, &n.DedupeKey, &created, &readAt); err != nil {
		return Notification{}, err
	}
	n.AccountID, n.BoletoID, n.Kind = account.Int64, bol.Int64, NotificationKind(kind)
	var err error
	if n.CreatedAt, err = parseTime(created); err != nil {
		return Notification{}, err
	}
	if n.ReadAt, err = parseNullTime(readAt); err != nil {
		return Notification{}, err
	}
	return n, nil
}
