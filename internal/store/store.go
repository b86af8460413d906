// Package store keeps the program's data in one SQLite file (through
// mattn/go-sqlite3): bank accounts, payers, boletos with their audit trail,
// origin documents, settings and the retorno cursors.
//
// The schema is created and upgraded by embedded, numbered migrations (see
// migrate.go) when the file is opened. Nothing secret is ever stored: client
// secrets and private keys live in the OS keychain.
//
// Every exported method takes a context first, runs in its own transaction and
// returns errors that are *apperr.Error values with a Portuguese message (or
// a context error when the context ended); SQL text never reaches that
// message. Helpers that take a *sql.Tx (or a queryer) are the building blocks
// of those transactions.
//
// Storage conventions: money is int64 centavos in INTEGER columns, rates are
// hundredths of a percent, civil dates are 'YYYY-MM-DD' text and instants are
// UTC text with microseconds (times read back are in UTC, truncated to the
// microsecond).
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"boletos/internal/apperr"
)

// Options are the optional collaborators of a Store.
type Options struct {
	// Now is the clock used for every timestamp the store writes; nil means
	// time.Now. Tests inject a controllable one.
	Now func() time.Time
	// Logger receives migration and failure records; nil discards them.
	Logger *slog.Logger
}

// Store is the SQLite database of the program. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	log  *slog.Logger

	// writeSlot serialises the write transactions of this process, so they
	// queue in Go (in order, honouring ctx) instead of spinning in SQLite's
	// busy handler. Other processes are kept out by BEGIN IMMEDIATE and the
	// busy timeout.
	writeSlot chan struct{}
}

// maxOpenConns bounds the connection pool. Under WAL any number of readers
// run beside one writer; writes are serialised anyway (writeSlot), so a few
// connections are enough for the UI's concurrent reads plus one writer, and
// each idle connection costs its own page cache.
const maxOpenConns = 4

// dsnOptions are applied by the driver to every new connection.
//   - WAL lets readers proceed while one writer commits;
//   - foreign keys are off by default in SQLite;
//   - busy_timeout makes a connection wait up to 5 s for another process's
//     write lock instead of failing at once;
//   - _txlock=immediate makes db.BeginTx issue BEGIN IMMEDIATE, taking the
//     write lock up front, so a read-then-write transaction never fails
//     half-way with SQLITE_BUSY. Read-only work therefore never uses
//     db.BeginTx (see read);
//   - synchronous=NORMAL is durable in WAL mode except for the last
//     transactions before a power loss, and much faster than FULL;
//   - a 32 MB page cache per connection (SQLite's default is 2 MB) keeps
//     the Painel's and the reports' scans of 100,000 boletos in memory:
//     measured 3 to 8 times faster; at most maxOpenConns × 32 MB.
const dsnOptions = "_journal_mode=WAL&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate&_synchronous=NORMAL&_cache_size=-32768"

// Open opens (creating if needed) the database file at path and brings its
// schema up to date. A file that is not a Boletos database, is corrupt, is
// not writable, or was written by a newer version of the program is refused
// with a Portuguese message.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	s, err := open(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, s.openError(err)
	}
	// Refresh the query planner's statistics where SQLite finds them stale
	// (bounded work; recommended at start-up for long-lived databases).
	if _, err := s.db.ExecContext(ctx, "PRAGMA optimize=0x10002"); err != nil {
		s.log.Warn("store: optimize at open", "err", err)
	}
	return s, nil
}

// open opens the database without touching its schema.
func open(ctx context.Context, path string, opts Options) (*Store, error) {
	s := &Store{path: path, now: opts.Now, log: opts.Logger, writeSlot: make(chan struct{}, 1)}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if path == "" || strings.Contains(path, "?") || strings.HasPrefix(path, "file:") {
		return nil, apperr.New(apperr.CodeInvalid, fmt.Sprintf("O caminho do arquivo de dados %q não é válido. Escolha outra pasta com --data-dir.", path))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, s.openError(fmt.Errorf("create data dir: %w", err))
	}
	db, err := sql.Open("sqlite3", path+"?"+dsnOptions)
	if err != nil {
		return nil, s.openError(err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)
	s.db = db
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.openError(err)
	}
	return s, nil
}

// Close runs SQLite's recommended PRAGMA optimize and closes the database.
func (s *Store) Close() error {
	if _, err := s.db.ExecContext(context.Background(), "PRAGMA optimize"); err != nil {
		s.log.Warn("store: optimize before close", "err", err)
	}
	return s.db.Close()
}

// Path returns the database file name given to Open.
func (s *Store) Path() string { return s.path }

// openError turns a failure while opening into the one sentence the user
// needs. Errors that already carry a message pass through.
func (s *Store) openError(err error) error {
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae), isContextErr(err):
		return err
	case isCorrupt(err):
		s.log.Error("store: database is corrupt or foreign", "path", s.path, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(msgCorrupt, s.path))
	default:
		s.log.Error("store: cannot open database", "path", s.path, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(msgUnwritable, s.path))
	}
}

// querier is what both *sql.Tx and *sql.Conn offer for running statements.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in a write transaction (BEGIN IMMEDIATE) and commits when fn
// returns nil. An *apperr.Error from fn is returned as is; any other error is
// translated by dbError with op as its context.
func (s *Store) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	select {
	case s.writeSlot <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", op, ctx.Err())
	}
	defer func() { <-s.writeSlot }()

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.dbError(op, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	if err := fn(tx); err != nil {
		return s.dbError(op, err)
	}
	if err := tx.Commit(); err != nil {
		return s.dbError(op, err)
	}
	return nil
}

// read runs fn inside a read (deferred) transaction on one connection, so
// that several SELECTs see a single snapshot of the database. db.BeginTx
// cannot be used for this: the DSN makes every BeginTx take the write lock.
func (s *Store) read(ctx context.Context, op string, fn func(q querier) error) (err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.dbError(op, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return s.dbError(op, err)
	}
	committed := false
	defer func() {
		if committed {
			return
		}
		if _, rbErr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rbErr != nil {
			// Never hand a connection with an open transaction back to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if err := fn(conn); err != nil {
		return s.dbError(op, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return s.dbError(op, err)
	}
	committed = true
	return nil
}

// clock returns the current instant as stored: UTC, microseconds.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// isContextErr reports whether err comes from a cancelled or expired context.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// sqliteErr returns the SQLite error in err's chain, if any.
func sqliteErr(err error) (sqlite3.Error, bool) {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se, true
	}
	var pse *sqlite3.Error
	if errors.As(err, &pse) && pse != nil {
		return *pse, true
	}
	return sqlite3.Error{}, false
}

func isCorrupt(err error) bool {
	se, ok := sqliteErr(err)
	return ok && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// scanEach calls fn for every row, then closes rows and returns the first
// error.
func scanEach(rows *sql.Rows, fn func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanAll reads every row with scan and closes rows.
func scanAll[T any](rows *sql.Rows, scan func(row interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	var out []T
	err := scanEach(rows, func() error {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}
