package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"boletos/internal/apperr"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// applicationID marks the file as a Boletos database in its header
// (PRAGMA application_id): "Bole" in ASCII.
const applicationID = 0x426F6C65

// migration is one numbered schema change, from migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations in version order.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", base)
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(base, ".sql"), sql: string(body)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate brings the schema up to date. The first transaction checks that the
// file belongs to Boletos and is not newer than this program; then each
// pending migration runs in its own transaction together with its row in
// schema_migrations. Because write transactions are BEGIN IMMEDIATE, two
// processes opening the same file at once apply each migration exactly once.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateFS(ctx, migrationFiles)
}

func (s *Store) migrateFS(ctx context.Context, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	known := make(map[int]bool, len(ms))
	for _, m := range ms {
		known[m.version] = true
	}
	applied := map[int]bool{}
	err = s.write(ctx, "check schema", func(tx *sql.Tx) error {
		var appID, tables int
		if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema
			WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`).Scan(&tables); err != nil {
			return err
		}
		var hasMigrations bool
		if err := tx.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_schema
			WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&hasMigrations); err != nil {
			return err
		}
		if appID != applicationID && (appID != 0 || tables > 0 && !hasMigrations) {
			s.log.Error("store: not a Boletos database", "path", s.path, "application_id", appID)
			return apperr.Wrap(apperr.CodeUnavailable, errForeign, fmt.Sprintf(msgCorrupt, s.path))
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT version FROM schema_migrations")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return err
			}
			if !known[v] {
				s.log.Error("store: database is newer than this program", "path", s.path, "version", v)
				return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("schema version %d: %w", v, errNewer), fmt.Sprintf(msgNewer, s.path))
			}
			applied[v] = true
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}

	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		err := s.write(ctx, "migration "+m.name, func(tx *sql.Tx) error {
			var done bool
			if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM schema_migrations WHERE version = ?", m.version).Scan(&done); err != nil || done {
				return err // another process applied it meanwhile
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, timeText(s.clock()))
			return err
		})
		if err != nil {
			return err
		}
		s.log.Info("store: migration applied", "version", m.version, "name", m.name)
	}
	return nil
}

var (
	errForeign = errors.New("not a Boletos database")
	errNewer   = errors.New("database written by a newer program")
)
