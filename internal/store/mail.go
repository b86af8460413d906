package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"boletos/internal/apperr"
)

// MailSecurity is how the connection to an SMTP server is protected.
type MailSecurity string

// Connection security of an SMTP server.
const (
	MailSTARTTLS MailSecurity = "starttls" // plain TCP upgraded with STARTTLS (usually port 587)
	MailTLS      MailSecurity = "tls"      // TLS from the first byte (usually port 465)
	MailNone     MailSecurity = "none"     // no encryption: local relays only
)

// MailSettings is the SMTP server an account sends its boletos through
// (table mail_settings, one row per account). The password is not here: it
// lives in the OS keychain.
type MailSettings struct {
	AccountID   int64
	Host        string
	Port        int
	Security    MailSecurity
	Username    string // "" when the server takes no authentication
	FromName    string
	FromAddress string
	ReplyTo     string // "" for none
	// SubjectTemplate and BodyTemplate are the user's templates; "" means
	// the default ones of the mail package.
	SubjectTemplate string
	BodyTemplate    string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

const (
	msgMailSettingsNotFound = "O envio de e-mail desta conta ainda não foi configurado. Informe o servidor SMTP e o remetente nas configurações de e-mail da conta."
	msgMailNotFound         = "Mensagem de e-mail não encontrada. Ela pode ter sido excluída com o boleto; atualize a tela."
)

const mailSettingsColumns = "account_id, host, port, security, username, from_name, from_address, reply_to, subject_template, body_template, created_at, updated_at"

func scanMailSettings(row interface{ Scan(...any) error }) (MailSettings, error) {
	var (
		m                MailSettings
		security         string
		created, updated string
	)
	if err := row.Scan(&m.AccountID, &m.Host, &m.Port, &security, &m.Username, &m.FromName, &m.FromAddress, &m.ReplyTo,
		&m.SubjectTemplate, &m.BodyTemplate, &created, &updated); err != nil {
		return MailSettings{}, err
	}
	m.Security = MailSecurity(security)
	var err error
	if m.CreatedAt, err = parseTime(created); err != nil {
		return MailSettings{}, err
	}
	if m.UpdatedAt, err = parseTime(updated); err != nil {
		return MailSettings{}, err
	}
	return m, nil
}

// GetMailSettings returns the SMTP settings of an account; CodeNotFound
// (ErrNotFound) when none were saved.
func (s *Store) GetMailSettings(ctx context.Context, accountID int64) (MailSettings, error) {
	var m MailSettings
	err := s.read(ctx, "get mail settings", func(q querier) error {
		var err error
		m, err = scanMailSettings(q.QueryRowContext(ctx, `SELECT `+mailSettingsColumns+` FROM mail_settings WHERE account_id = ?`, accountID))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(msgMailSettingsNotFound)
		}
		return err
	})
	if err != nil {
		return MailSettings{}, err
	}
	return m, nil
}

// SaveMailSettings creates or replaces the SMTP settings of m.AccountID,
// which must exist, and returns them as stored. The store only enforces the
// schema; the mail package validates the settings first.
func (s *Store) SaveMailSettings(ctx context.Context, m MailSettings) (MailSettings, error) {
	var out MailSettings
	err := s.write(ctx, "save mail settings", func(tx *sql.Tx) error {
		if _, err := getAccount(ctx, tx, "id = ?", m.AccountID); err != nil {
			return err
		}
		now := timeText(s.clock())
		var err error
		out, err = scanMailSettings(tx.QueryRowContext(ctx, `INSERT INTO mail_settings (`+mailSettingsColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security,
				username = excluded.username, from_name = excluded.from_name, from_address = excluded.from_address,
				reply_to = excluded.reply_to, subject_template = excluded.subject_template,
				body_template = excluded.body_template, updated_at = excluded.updated_at
			RETURNING `+mailSettingsColumns,
			m.AccountID, strings.TrimSpace(m.Host), m.Port, string(m.Security), m.Username, m.FromName, m.FromAddress, m.ReplyTo,
			m.SubjectTemplate, m.BodyTemplate, now, now))
		return err
	})
	if err != nil {
		return MailSettings{}, err
	}
	return out, nil
}

// DeleteMailSettings removes the SMTP settings of an account; removing
// missing settings is not an error. Messages already queued stay queued.
func (s *Store) DeleteMailSettings(ctx context.Context, accountID int64) error {
	return s.write(ctx, "delete mail settings", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM mail_settings WHERE account_id = ?", accountID)
		return err
	})
}

// MailState is the state of an outgoing e-mail.
type MailState string

// States of an outgoing e-mail.
const (
	MailQueued  MailState = "queued"  // waiting for the worker (first attempt or a retry)
	MailSending MailState = "sending" // claimed by a worker, being sent
	MailSent    MailState = "sent"    // accepted by the SMTP server
	MailFailed  MailState = "failed"  // refused for good, or given up
)

var mailStateLabels = map[MailState]string{
	MailQueued:  "Na fila",
	MailSending: "Enviando",
	MailSent:    "Enviado",
	MailFailed:  "Não enviado",
}

// MailStateLabel returns the Portuguese label of a mail state, or the code
// itself for an unknown one.
func MailStateLabel(s MailState) string {
	if l, ok := mailStateLabels[s]; ok {
		return l
	}
	return string(s)
}

// MailMessage is one e-mail of the outbox (table mail_outbox): one boleto,
// one recipient, its PDF attached at send time.
type MailMessage struct {
	ID            int64
	AccountID     int64
	BoletoID      int64
	To            string
	Subject       string // as last rendered: at queueing, then as sent
	Body          string
	State         MailState
	Attempts      int       // attempts in the current run (the user's retry starts a new run)
	NextAttemptAt time.Time // when the worker may take it; zero once sent or failed
	LastError     string    // pt-BR, why the last attempt failed; "" when none
	MessageID     string    // the Message-ID header it was sent with
	CreatedAt     time.Time
	// AttemptsSince is when the current run of attempts began (its first
	// claim); zero before. A message that waits for its boleto to be
	// issued is not aging.
	AttemptsSince time.Time
	SentAt        time.Time // zero until sent
	UpdatedAt     time.Time
}

const mailColumns = "id, account_id, boleto_id, to_address, subject, body, state, attempts, next_attempt_at, last_error, message_id, created_at, attempts_since, sent_at, updated_at"

func scanMail(row interface{ Scan(...any) error }) (MailMessage, error) {
	var (
		m                 MailMessage
		state             string
		next, since, sent sql.NullString
		created, updated  string
	)
	if err := row.Scan(&m.ID, &m.AccountID, &m.BoletoID, &m.To, &m.Subject, &m.Body, &state, &m.Attempts, &next,
		&m.LastError, &m.MessageID, &created, &since, &sent, &updated); err != nil {
		return MailMessage{}, err
	}
	m.State = MailState(state)
	var err error
	if m.NextAttemptAt, err = parseNullTime(next); err != nil {
		return MailMessage{}, err
	}
	if m.SentAt, err = parseNullTime(sent); err != nil {
		return MailMessage{}, err
	}
	if m.AttemptsSince, err = parseNullTime(since); err != nil {
		return MailMessage{}, err
	}
	for _, t := range []struct {
		dst *time.Time
		src string
	}{{&m.CreatedAt, created}, {&m.UpdatedAt, updated}} {
		if *t.dst, err = parseTime(t.src); err != nil {
			return MailMessage{}, err
		}
	}
	return m, nil
}

func getMail(ctx context.Context, q querier, id int64) (MailMessage, error) {
	m, err := scanMail(q.QueryRowContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return MailMessage{}, notFound(msgMailNotFound)
	}
	return m, err
}

// NewMail is a message for QueueMail.
type NewMail struct {
	BoletoID int64
	To       string // one address, already validated
	Subject  string
	Body     string
	// Event is appended to the boleto's history with the message (its Kind
	// is required).
	Event Event
}

// QueueMail puts the messages in the outbox, due now, and appends each one's
// Event to its boleto's history, all in one transaction: every boleto must
// exist, or nothing is queued. A message to the same address (ignoring
// case) for the same boleto that is still waiting (queued or sending) is
// returned instead of a new one, with no new event: queueing twice by
// mistake sends once. The messages are returned in the order of in.
func (s *Store) QueueMail(ctx context.Context, in []NewMail) ([]MailMessage, error) {
	out := make([]MailMessage, 0, len(in))
	err := s.write(ctx, "queue mail", func(tx *sql.Tx) error {
		out = out[:0]
		now := s.clock()
		for _, n := range in {
			b, err := getBoleto(ctx, tx, "id = ?", n.BoletoID)
			if err != nil {
				return err
			}
			to := strings.TrimSpace(n.To)
			m, err := scanMail(tx.QueryRowContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox
				WHERE boleto_id = ? AND lower(to_address) = lower(?) AND state IN ('queued', 'sending')
				ORDER BY id LIMIT 1`, b.ID, to))
			if err == nil {
				out = append(out, m)
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			m, err = scanMail(tx.QueryRowContext(ctx, `INSERT INTO mail_outbox
				(account_id, boleto_id, to_address, subject, body, state, attempts, next_attempt_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) RETURNING `+mailColumns,
				b.AccountID, b.ID, to, n.Subject, n.Body, timeText(now), timeText(now), timeText(now)))
			if err != nil {
				return err
			}
			ev := n.Event
			if err := appendEvent(ctx, tx, b.ID, b.State, b.State, now, &ev); err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetMail returns one message of the outbox.
func (s *Store) GetMail(ctx context.Context, id int64) (MailMessage, error) {
	var m MailMessage
	err := s.read(ctx, "get mail", func(q querier) (err error) {
		m, err = getMail(ctx, q, id)
		return err
	})
	return m, err
}

// MailFilter selects messages for ListMail. Zero fields do not filter.
type MailFilter struct {
	AccountID int64
	BoletoID  int64
	States    []MailState
	Limit     int // default 50, at most 1000
	Offset    int
}

// ListMail returns the messages matching f, newest first.
func (s *Store) ListMail(ctx context.Context, f MailFilter) ([]MailMessage, error) {
	conds := []string{"1"}
	var args []any
	if f.AccountID != 0 {
		conds, args = append(conds, "account_id = ?"), append(args, f.AccountID)
	}
	if f.BoletoID != 0 {
		conds, args = append(conds, "boleto_id = ?"), append(args, f.BoletoID)
	}
	if len(f.States) > 0 {
		conds = append(conds, "state IN ("+placeholders(len(f.States))+")")
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	args = append(args, clampLimit(f.Limit, 50, 1000), max(f.Offset, 0))
	var out []MailMessage
	err := s.read(ctx, "list mail", func(q querier) error {
		rows, err := q.QueryContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE `+strings.Join(conds, " AND ")+
			` ORDER BY id DESC LIMIT ? OFFSET ?`, args...)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanMail)
		return err
	})
	return out, err
}

// MailClaim says which message ClaimMail may take.
type MailClaim struct {
	AccountID int64         // 0: any account
	Lease     time.Duration // how long the claim holds before another worker may take the message again
	// WaitStates are boleto states whose messages keep waiting (e.g. not
	// yet issued): they are neither claimed nor counted by NextMailAttempt.
	WaitStates []State
}

// claimWhere is the condition of a claimable message (alias m, its boleto
// b) and its arguments, due at or before the given instant ("" for any).
func (c MailClaim) where(dueBy string) (string, []any) {
	conds := []string{"m.state IN ('queued', 'sending')"}
	var args []any
	if dueBy != "" {
		conds, args = append(conds, "m.next_attempt_at <= ?"), append(args, dueBy)
	}
	if c.AccountID != 0 {
		conds, args = append(conds, "m.account_id = ?"), append(args, c.AccountID)
	}
	if len(c.WaitStates) > 0 {
		conds = append(conds, "b.state NOT IN ("+placeholders(len(c.WaitStates))+")")
		for _, st := range c.WaitStates {
			args = append(args, string(st))
		}
	}
	return strings.Join(conds, " AND "), args
}

// ClaimMail takes the message that has been due the longest (queued, or
// sending with its lease over: its worker died), marks it sending, counts
// the attempt (the first one of a run sets AttemptsSince) and holds it for
// c.Lease. ok is false when no message is due.
func (s *Store) ClaimMail(ctx context.Context, c MailClaim) (m MailMessage, ok bool, err error) {
	err = s.write(ctx, "claim mail", func(tx *sql.Tx) error {
		now := s.clock()
		where, args := c.where(timeText(now))
		m, err = scanMail(tx.QueryRowContext(ctx, `UPDATE mail_outbox
			SET state = 'sending', attempts = attempts + 1, next_attempt_at = ?, attempts_since = coalesce(attempts_since, ?), updated_at = ?
			WHERE id = (SELECT m.id FROM mail_outbox m JOIN boletos b ON b.id = m.boleto_id
				WHERE `+where+` ORDER BY m.next_attempt_at, m.id LIMIT 1)
			RETURNING `+mailColumns,
			append([]any{timeText(now.Add(c.Lease)), timeText(now), timeText(now)}, args...)...))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		ok = err == nil
		return err
	})
	if err != nil {
		return MailMessage{}, false, err
	}
	return m, ok, nil
}

// NextMailAttempt returns when the next message ClaimMail could take falls
// due (possibly in the past); ok is false when there is none.
func (s *Store) NextMailAttempt(ctx context.Context, c MailClaim) (at time.Time, ok bool, err error) {
	where, args := c.where("")
	err = s.read(ctx, "next mail attempt", func(q querier) error {
		var next sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT min(m.next_attempt_at) FROM mail_outbox m JOIN boletos b ON b.id = m.boleto_id
			WHERE `+where, args...).Scan(&next); err != nil {
			return err
		}
		if !next.Valid {
			return nil
		}
		var err error
		at, err = parseTime(next.String)
		ok = err == nil
		return err
	})
	return at, ok, err
}

// MailUpdate is the outcome UpdateMail records.
type MailUpdate struct {
	// State is the new state: MailSent (sent now), MailQueued (another
	// attempt at NextAttemptAt) or MailFailed (given up).
	State MailState
	// Subject, Body and MessageID replace the stored ones when not empty
	// (what was really sent).
	Subject, Body, MessageID string
	// LastError replaces the stored one ("" clears it); MailSent always
	// clears it.
	LastError string
	// NextAttemptAt is when a MailQueued message is due; zero means now.
	NextAttemptAt time.Time
	// Requeue starts a new run of attempts (Attempts 0, AttemptsSince
	// cleared), for a message the user queues again.
	Requeue bool
	// Event, when not nil, is appended to the boleto's history.
	Event *Event
}

// UpdateMail records the outcome of an attempt, or the user's retry or
// cancellation, for a message currently in one of from (CodeConflict
// otherwise), and returns it as stored.
func (s *Store) UpdateMail(ctx context.Context, id int64, from []MailState, u MailUpdate) (MailMessage, error) {
	var m MailMessage
	err := s.write(ctx, "update mail", func(tx *sql.Tx) error {
		var err error
		if m, err = getMail(ctx, tx, id); err != nil {
			return err
		}
		if !slices.Contains(from, m.State) {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf(
				"O e-mail para %s está “%s” e não pode passar para “%s”. Atualize a tela e tente de novo.",
				m.To, MailStateLabel(m.State), MailStateLabel(u.State)))
		}
		now := s.clock()
		var next, sent, since any
		lastError := u.LastError
		attempts := m.Attempts
		if !m.AttemptsSince.IsZero() {
			since = timeText(m.AttemptsSince)
		}
		switch u.State {
		case MailSent:
			sent, lastError = timeText(now), ""
		case MailFailed:
		case MailQueued:
			at := u.NextAttemptAt
			if at.IsZero() {
				at = now
			}
			next = timeText(at)
			if u.Requeue {
				attempts, since = 0, nil
			}
		default:
			return fmt.Errorf("update mail %d: state %q cannot be set here", id, u.State)
		}
		if sent == nil && !m.SentAt.IsZero() {
			sent = timeText(m.SentAt)
		}
		subject, body, msgID := orKeep(u.Subject, m.Subject), orKeep(u.Body, m.Body), orKeep(u.MessageID, m.MessageID)
		m, err = scanMail(tx.QueryRowContext(ctx, `UPDATE mail_outbox SET state = ?, subject = ?, body = ?, message_id = ?,
			last_error = ?, next_attempt_at = ?, sent_at = ?, attempts = ?, attempts_since = ?, updated_at = ? WHERE id = ? RETURNING `+mailColumns,
			string(u.State), subject, body, msgID, lastError, next, sent, attempts, since, timeText(now), id))
		if err != nil {
			return err
		}
		if u.Event != nil {
			b, err := getBoleto(ctx, tx, "id = ?", m.BoletoID)
			if err != nil {
				return err
			}
			ev := *u.Event
			return appendEvent(ctx, tx, b.ID, b.State, b.State, now, &ev)
		}
		return nil
	})
	if err != nil {
		return MailMessage{}, err
	}
	return m, nil
}

// orKeep returns a unless it is empty, else b.
func orKeep(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// DeferAccountMail postpones every queued message of the account due
// before until to until, with lastError as the reason: the account's SMTP
// server is unreachable or refuses the session, so none of its messages
// can go before then. It returns how many messages it postponed.
func (s *Store) DeferAccountMail(ctx context.Context, accountID int64, until time.Time, lastError string) (int64, error) {
	var n int64
	err := s.write(ctx, "defer account mail", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET next_attempt_at = ?, last_error = ?, updated_at = ?
			WHERE account_id = ? AND state = 'queued' AND next_attempt_at < ?`,
			timeText(until), lastError, timeText(s.clock()), accountID, timeText(until))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// WakeAccountMail makes every queued message of the account due now (its
// SMTP settings changed, so a waiting retry may succeed) and returns how
// many it moved.
func (s *Store) WakeAccountMail(ctx context.Context, accountID int64) (int64, error) {
	var n int64
	err := s.write(ctx, "wake account mail", func(tx *sql.Tx) error {
		now := timeText(s.clock())
		res, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET next_attempt_at = ?, updated_at = ?
			WHERE account_id = ? AND state = 'queued' AND next_attempt_at > ?`, now, now, accountID, now)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
