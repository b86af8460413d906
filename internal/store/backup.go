package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"boletos/internal/apperr"
)

// Backups: a consistent copy of the live database (BackupTo), and read-only
// looks at database files that are not open as a Store (CheckFile,
// InspectFile), so that the SQL of backups stays in this package.

// Causes of the errors of CheckFile and InspectFile, for errors.Is.
var (
	// ErrForeignFile: the file is not a SQLite database, or is one of
	// another program.
	ErrForeignFile = errors.New("store: not a Boletos database file")
	// ErrDamagedFile: the file is a Boletos database that fails SQLite's
	// integrity check.
	ErrDamagedFile = errors.New("store: database file fails the integrity check")
)

// BackupTo writes a consistent copy of the database to path with VACUUM
// INTO, while the program goes on reading and writing: the copy is the
// snapshot of one read transaction, compacted, in rollback-journal mode. path
// must not exist or be an empty file. The copy is flushed to disk before
// BackupTo returns (VACUUM INTO itself does not fsync).
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if st, err := os.Stat(path); err == nil && (!st.Mode().IsRegular() || st.Size() > 0) {
		return s.backupError(path, fmt.Errorf("%s exists and is not empty", path))
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return s.backupError(path, err)
	}
	if err := syncFile(path); err != nil {
		return s.backupError(path, fmt.Errorf("flush: %w", err))
	}
	return nil
}

// backupError says what went wrong while writing a backup: a full disk or
// a corrupt source as dbError says it, anything else as a failure to write
// the backup file (SQLITE_NOTADB here is about the target).
func (s *Store) backupError(path string, err error) error {
	if isContextErr(err) {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if se, ok := sqliteErr(err); ok {
		switch se.Code {
		case sqlite3.ErrFull, sqlite3.ErrCorrupt, sqlite3.ErrInterrupt:
			return s.dbError("backup to "+path, err)
		}
	}
	s.log.Error("store: cannot write backup", "path", path, "err", err)
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("backup to %s: %w", path, err), fmt.Sprintf(
		"Não foi possível gravar o backup em %s. Verifique se a pasta existe, se o disco tem espaço e se você tem permissão de escrita.", path))
}

// BackupFile copies the database file src to dst (as BackupTo does) through
// a read-only connection, without migrating or otherwise changing src: for
// a data file that is not open as a Store, e.g. the safety copy made before
// a restore. Commits still in a WAL beside src are in the copy; the WAL
// itself is left alone. A damaged src may fail.
func BackupFile(ctx context.Context, src, dst string) error {
	return withFile(ctx, src, func(conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
			return err
		}
		return syncFile(dst)
	})
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// LatestSchemaVersion is the newest schema version this program knows: a
// database file of a higher version was written by a newer program.
func LatestSchemaVersion() int {
	ms, err := loadMigrations(migrationFiles)
	if err != nil || len(ms) == 0 {
		return 0 // unreachable: the migrations are embedded and tested
	}
	return ms[len(ms)-1].version
}

// FileSummary is what a Boletos database file holds, as InspectFile reads it.
type FileSummary struct {
	SchemaVersion int // the highest migration applied
	Accounts      []FileAccount
	Payers        int
	// Boletos counts the boletos by state; states without boletos are
	// absent.
	Boletos      map[State]int
	TotalBoletos int
	// LastBoletoAt is when the newest boleto was created; zero when there is
	// none.
	LastBoletoAt time.Time
}

// FileAccount is an account of a database file.
type FileAccount struct {
	Name              string
	Environment       Environment
	DirectIntegration bool
	// NeedsCredentials: the account uses secrets kept in the OS keychain
	// (its client secret and private key), which are never in the database
	// file: after a restore on another computer they must be entered again.
	// The demo account has none.
	NeedsCredentials bool
}

// CheckFile opens the database file at path read-only and runs SQLite's
// integrity check on it. A file that is not a Boletos database fails with
// ErrForeignFile, one that fails the check with ErrDamagedFile; both are
// *apperr.Error values with a Portuguese sentence naming the file.
func CheckFile(ctx context.Context, path string) error {
	return withFile(ctx, path, func(conn *sql.Conn) error {
		if err := checkOurs(ctx, conn, path); err != nil {
			return err
		}
		rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check(20)") // the first problems are enough for the log
		if err != nil {
			return err
		}
		defer rows.Close()
		var problems []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			if line != "ok" {
				problems = append(problems, line)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(problems) > 0 {
			return damaged(path, fmt.Errorf("%w: %s", ErrDamagedFile, strings.Join(problems, "; ")))
		}
		return nil
	})
}

// InspectFile opens the database file at path read-only and summarises it.
// A file that is not a Boletos database fails as in CheckFile. It does not
// run the (slower) integrity check.
func InspectFile(ctx context.Context, path string) (FileSummary, error) {
	var sum FileSummary
	err := withFile(ctx, path, func(conn *sql.Conn) error {
		if err := checkOurs(ctx, conn, path); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck // read-only
		if err := conn.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&sum.SchemaVersion); err != nil {
			return err
		}
		if err := tableCount(ctx, conn, "payers", &sum.Payers); err != nil {
			return err
		}
		var err error
		if sum.Accounts, err = fileAccounts(ctx, conn); err != nil {
			return err
		}
		sum.Boletos = map[State]int{}
		if ok, err := hasTable(ctx, conn, "boletos"); err != nil || !ok {
			return err
		}
		rows, err := conn.QueryContext(ctx, "SELECT state, count(*) FROM boletos GROUP BY state")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st string
			var n int
			if err := rows.Scan(&st, &n); err != nil {
				return err
			}
			sum.Boletos[State(st)] = n
			sum.TotalBoletos += n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var last sql.NullString
		if err := conn.QueryRowContext(ctx, "SELECT max(created_at) FROM boletos").Scan(&last); err != nil {
			return err
		}
		sum.LastBoletoAt, err = parseNullTime(last)
		return err
	})
	if err != nil {
		return FileSummary{}, err
	}
	return sum, nil
}

func fileAccounts(ctx context.Context, conn *sql.Conn) ([]FileAccount, error) {
	if ok, err := hasTable(ctx, conn, "accounts"); err != nil || !ok {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, `SELECT name, environment, direct_integration,
		client_id <> '' OR cert_pem <> '' FROM accounts ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FileAccount
	for rows.Next() {
		var a FileAccount
		var env string
		var keyed bool
		if err := rows.Scan(&a.Name, &env, &a.DirectIntegration, &keyed); err != nil {
			return nil, err
		}
		a.Environment = Environment(env)
		a.NeedsCredentials = a.Environment != EnvDemo && (a.DirectIntegration || keyed)
		out = append(out, a)
	}
	return out, rows.Err()
}

func hasTable(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
	var n int
	err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&n)
	return n > 0, err
}

// tableCount counts the rows of table, 0 when the table does not exist (an
// old schema).
func tableCount(ctx context.Context, conn *sql.Conn, table string, n *int) error {
	*n = 0
	if ok, err := hasTable(ctx, conn, table); err != nil || !ok {
		return err
	}
	return conn.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(n)
}

// checkOurs refuses a file that is not a Boletos database: its header must
// carry our application_id and it must have the migrations table.
func checkOurs(ctx context.Context, conn *sql.Conn, path string) error {
	headerID, err := headerApplicationID(path)
	if err != nil {
		return err
	}
	var appID int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if isCorrupt(err) && headerID != applicationID {
			return foreign(path, fmt.Errorf("%w: %w", ErrForeignFile, err))
		}
		return err // ours by its header, but the schema cannot be read: damage
	}
	if appID != applicationID {
		return foreign(path, fmt.Errorf("%w: application_id %#x", ErrForeignFile, appID))
	}
	// Ours by its header; a schema that cannot be read is damage (withFile
	// reports it so), a schema without migrations is not ours.
	ok, err := hasTable(ctx, conn, "schema_migrations")
	if err != nil {
		return err
	}
	if !ok {
		return foreign(path, fmt.Errorf("%w: no schema_migrations", ErrForeignFile))
	}
	return nil
}

// headerApplicationID reads the application id from the SQLite file header
// itself, which stays readable when the schema pages are damaged. A file
// without the SQLite header is refused as foreign.
func headerApplicationID(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fileError(path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, foreign(path, fmt.Errorf("%w: no SQLite header", ErrForeignFile))
		}
		return 0, fileError(path, err)
	}
	return int(binary.BigEndian.Uint32(h[68:72])), nil
}

func foreign(path string, err error) error {
	return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
		"O arquivo %s não é um backup do Boletos. Escolha um arquivo boletos-AAAA-MM-DDTHHMM.db da pasta de backups.", path))
}

func damaged(path string, err error) error {
	return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
		"O backup %s está danificado (falhou na verificação de integridade) e não pode ser usado. Escolha outro backup.", path))
}

// withFile opens the database file at path read-only (it must exist) on one
// connection and runs fn. Errors that are not already *apperr.Error values
// become one sentence naming the file.
func withFile(ctx context.Context, path string, fn func(*sql.Conn) error) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fileError(path, err)
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return apperr.Wrap(apperr.CodeNotFound, err, fmt.Sprintf("O arquivo %s não existe.", path))
	}
	if err != nil {
		return fileError(path, err)
	}
	if st.IsDir() {
		return foreign(path, fmt.Errorf("%w: %s is a directory", ErrForeignFile, path))
	}
	db, err := sql.Open("sqlite3", readOnlyDSN(abs))
	if err != nil {
		return fileError(path, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		if !isCorrupt(err) {
			return fileError(path, err)
		}
		if id, herr := headerApplicationID(path); herr != nil || id != applicationID {
			return foreign(path, fmt.Errorf("%w: %w", ErrForeignFile, err))
		}
		return damaged(path, fmt.Errorf("%w: %w", ErrDamagedFile, err))
	}
	defer conn.Close()
	err = fn(conn)
	var ae *apperr.Error
	switch {
	case err == nil, errors.As(err, &ae):
		return err
	case isContextErr(err):
		return fmt.Errorf("read %s: %w", path, err)
	case isCorrupt(err):
		return damaged(path, fmt.Errorf("%w: %w", ErrDamagedFile, err))
	}
	return fileError(path, err)
}

func fileError(path string, err error) error {
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("read %s: %w", path, err), fmt.Sprintf(
		"Não foi possível ler o arquivo %s. Verifique se ele existe, se o disco está acessível e se você tem permissão de leitura.", path))
}

// readOnlyDSN is a file: URI that opens abs read-only (never creating it),
// whatever characters its name has. Without a -wal beside the file the whole
// database is in it, and it is opened immutable: SQLite then creates no -wal
// or -shm next to a file that says WAL mode (a data file copied by hand).
func readOnlyDSN(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/…
	}
	q := "mode=ro&_busy_timeout=5000"
	if _, err := os.Lstat(abs + "-wal"); errors.Is(err, os.ErrNotExist) {
		q += "&immutable=1"
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q}
	return u.String()
}
