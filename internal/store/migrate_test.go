package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"boletos/internal/apperr"
)

type migrationRow struct {
	version   int
	name      string
	appliedAt string
}

func appliedMigrations(t *testing.T, s *Store) []migrationRow {
	t.Helper()
	rows, err := s.db.Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []migrationRow
	for rows.Next() {
		var r migrationRow
		if err := rows.Scan(&r.version, &r.name, &r.appliedAt); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenAppliesEmbeddedMigrationsOnceEach(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "boletos.db") // the folder is created
	clock := newTestClock()
	s, err := Open(ctx, path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	want, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	first := appliedMigrations(t, s)
	if len(first) != len(want) || len(want) == 0 {
		t.Fatalf("applied %v, want %d migrations", first, len(want))
	}
	for i, m := range want {
		if first[i].version != m.version || first[i].name != m.name {
			t.Errorf("migration %d = %+v, want version %d name %s", i, first[i], m.version, m.name)
		}
	}
	var appID int
	if err := s.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil || appID != applicationID {
		t.Errorf("application_id = %x, %v; want %x", appID, err, applicationID)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
	if _, err := s.CreateAccount(ctx, Account{Name: "Loja", Environment: EnvDemo}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Opening again applies nothing and keeps the data.
	clock.Advance(3600e9)
	s, err = Open(ctx, path, Options{Now: clock.Now})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	second := appliedMigrations(t, s)
	if len(second) != len(first) {
		t.Fatalf("after reopen %v, want %v", second, first)
	}
	for i := range first {
		if second[i] != first[i] {
			t.Errorf("migration row changed on reopen: %+v → %+v", first[i], second[i])
		}
	}
	if _, err := s.GetAccountByName(ctx, "loja"); err != nil {
		t.Errorf("data lost on reopen: %v", err)
	}
}

func TestMigrationRunnerOrderAndAtomicity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := open(ctx, filepath.Join(t.TempDir(), "m.db"), Options{Now: newTestClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.db.Close()

	// Files are listed out of order; 0010 must run after 0002.
	fsys := fstest.MapFS{
		"migrations/0010_fill.sql":  {Data: []byte("INSERT INTO t (a, b) VALUES (1, 'x');")},
		"migrations/0001_t.sql":     {Data: []byte("CREATE TABLE t (a INTEGER);")},
		"migrations/0002_add_b.sql": {Data: []byte("ALTER TABLE t ADD COLUMN b TEXT;")},
	}
	if err := s.migrateFS(ctx, fsys); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	var versions []int
	for _, r := range appliedMigrations(t, s) {
		versions = append(versions, r.version)
	}
	if len(versions) != 3 || versions[0] != 1 || versions[1] != 2 || versions[2] != 10 {
		t.Fatalf("versions = %v, want [1 2 10]", versions)
	}

	// A failing migration leaves nothing behind: neither its first statement
	// nor its row in schema_migrations.
	fsys["migrations/0011_broken.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE half (x INTEGER); INSERT INTO missing VALUES (1);")}
	if err := s.migrateFS(ctx, fsys); err == nil {
		t.Fatal("broken migration succeeded")
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&n); err != nil || n != 0 {
		t.Errorf("table of the failed migration exists (%d, %v)", n, err)
	}
	if got := appliedMigrations(t, s); len(got) != 3 {
		t.Errorf("failed migration recorded: %+v", got)
	}

	// Fixing it and running again applies only the new one.
	fsys["migrations/0011_broken.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE half (x INTEGER);")}
	if err := s.migrateFS(ctx, fsys); err != nil {
		t.Fatal(err)
	}
	if got := appliedMigrations(t, s); len(got) != 4 {
		t.Errorf("applied = %+v, want 4", got)
	}
	if err := s.db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Errorf("0010 ran %d times (%v), want once", n, err)
	}
}

func TestLoadMigrationsRejectsBadNames(t *testing.T) {
	t.Parallel()
	for _, fsys := range []fstest.MapFS{
		{"migrations/init.sql": {Data: []byte("")}},
		{"migrations/0001_a.sql": {Data: []byte("")}, "migrations/1_b.sql": {Data: []byte("")}},
	} {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("loadMigrations(%v) accepted bad names", fsys)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "boletos.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', '2030-01-01T00:00:00.000000Z')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	wantCode(t, err, apperr.CodeUnavailable, "versão mais nova do Boletos", path, "--data-dir")
}

func TestOpenRefusesCorruptOrForeignFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()

	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("isto não é um banco de dados SQLite, é só texto qualquer. "+string(make([]byte, 4096))), 0o600); err != nil {
		t.Fatal(err)
	}

	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE clientes (id INTEGER PRIMARY KEY, nome TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for _, path := range []string{garbage, foreign} {
		_, err := Open(ctx, path, Options{})
		wantCode(t, err, apperr.CodeUnavailable, "está corrompido ou não é um banco do Boletos", path, "Restaure um backup")
	}
	// The foreign file is left untouched.
	db, err = sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'").Scan(&n); err != nil || n != 0 {
		t.Errorf("foreign database was modified (%d, %v)", n, err)
	}
}

func TestOpenUnwritableLocation(t *testing.T) {
	t.Parallel()
	// A regular file where the folder should be: fails even for root.
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(blocker, "boletos.db")
	_, err := Open(context.Background(), path, Options{})
	wantCode(t, err, apperr.CodeUnavailable, "Não foi possível abrir ou gravar o arquivo de dados", path, "--data-dir")

	_, err = Open(context.Background(), "dados?x=1", Options{})
	wantCode(t, err, apperr.CodeInvalid, "não é válido")
}
