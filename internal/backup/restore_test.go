package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/lockfile"
	"boletos/internal/store"
)

func wantMessage(t *testing.T, err error, code string, fragments ...string) {
	t.Helper()
	gotCode, msg := apperr.Describe(err)
	if gotCode != code {
		t.Errorf("error %v: code %s, want %s", err, gotCode, code)
	}
	for _, f := range fragments {
		if !strings.Contains(msg, f) {
			t.Errorf("message %q lacks %q", msg, f)
		}
	}
}

func TestInspectDescribesTheBackup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	db := openStore(t, data)
	defer db.Close()
	shop := mustAccount(t, db, store.Account{Name: "Loja Centro", Environment: store.EnvProduction, DirectIntegration: true, ClientID: "id-1"})
	mustAccount(t, db, store.Account{Name: "Conta de demonstração", Environment: store.EnvDemo, DirectIntegration: true})
	mustAccount(t, db, store.Account{Name: "Balcão", Environment: store.EnvSandbox})
	if _, err := db.CreatePayer(ctx, store.Payer{Payer: draftInput(0).Payer}); err != nil {
		t.Fatal(err)
	}
	var last store.Boleto
	for i := range 4 {
		last = mustDraft(t, db, shop.ID)
		if i == 0 {
			if _, err := db.Transition(ctx, last.ID, []store.State{store.StateDraft}, store.StateQueued, store.Event{Kind: store.EventQueued}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	info, err := Take(ctx, db, DefaultDir(data), sp(2026, 11, 27, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Inspect(ctx, info.Path)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if p.Path != info.Path || p.Size != info.Size || !p.TakenAt.Equal(sp(2026, 11, 27, 3, 0)) {
		t.Errorf("file fields: %+v", p)
	}
	// Backups hold payers' documents and addresses: only the user reads them.
	if runtime.GOOS != "windows" {
		for _, path := range []string{info.Path, DefaultDir(data)} {
			if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s mode %v (%v), want no access for group and others", path, st.Mode(), err)
			}
		}
	}
	if p.SchemaVersion != store.LatestSchemaVersion() || p.NewerProgram || p.Restorable() != nil {
		t.Errorf("schema %d, newer %v", p.SchemaVersion, p.NewerProgram)
	}
	if p.Payers != 1 || p.TotalBoletos != 4 || !p.LastBoletoAt.Equal(last.CreatedAt) {
		t.Errorf("payers %d, boletos %d, last %v (want %v)", p.Payers, p.TotalBoletos, p.LastBoletoAt, last.CreatedAt)
	}
	wantStates := []StateCount{{store.StateDraft, "Rascunho", 3}, {store.StateQueued, "Na fila", 1}}
	if len(p.Boletos) != 2 || p.Boletos[0] != wantStates[0] || p.Boletos[1] != wantStates[1] {
		t.Errorf("states %+v", p.Boletos)
	}
	if len(p.Accounts) != 3 {
		t.Fatalf("accounts %+v", p.Accounts)
	}
	need := p.NeedCredentials()
	if len(need) != 1 || need[0].Name != "Loja Centro" || !need[0].DirectIntegration {
		t.Errorf("need credentials: %+v (all: %+v)", need, p.Accounts)
	}

	// A copy renamed by hand still opens; its date is the file's.
	renamed := filepath.Join(t.TempDir(), "copia.db")
	if err := copyFile(info.Path, renamed); err != nil {
		t.Fatal(err)
	}
	q, err := Inspect(ctx, renamed)
	if err != nil || q.TotalBoletos != 4 {
		t.Fatalf("renamed copy: %v %+v", err, q)
	}
	if st, _ := os.Stat(renamed); !q.TakenAt.Equal(st.ModTime()) {
		t.Errorf("renamed copy taken at %v, want its mtime", q.TakenAt)
	}
}

func TestInspectRefusesFilesThatAreNotOurs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "boletos-2026-11-27T0300.db") // our name, not our content
	if err := os.WriteFile(pdf, append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("lorem ipsum "), 1000)...), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "agenda.sqlite")
	db, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE accounts (name TEXT); CREATE TABLE schema_migrations (version INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{pdf, other} {
		_, err := Inspect(ctx, path)
		if !errors.Is(err, store.ErrForeignFile) {
			t.Errorf("Inspect(%s) = %v, want ErrForeignFile", filepath.Base(path), err)
		}
		wantMessage(t, err, apperr.CodeInvalid, "não é um backup do Boletos", path)
	}
}

// newDataDir makes a data dir whose database holds n drafts of one account
// with direct integration.
func newDataDir(t *testing.T, n int) string {
	t.Helper()
	data := t.TempDir()
	db := openStore(t, data)
	defer db.Close()
	acc := mustAccount(t, db, store.Account{Name: "Loja Centro", Environment: store.EnvProduction, DirectIntegration: true, ClientID: "id-1"})
	for range n {
		mustDraft(t, db, acc.ID)
	}
	return data
}

func TestRestoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := newDataDir(t, 3)
	db := openStore(t, data)
	info, err := Take(ctx, db, DefaultDir(data), sp(2026, 11, 27, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	// Work goes on after the backup…
	acc, err := db.GetAccountByName(ctx, "Loja Centro")
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		mustDraft(t, db, acc.ID)
	}
	// …and the program stops abruptly: the last commits are only in the
	// -wal, with its -shm beside it. Snapshot the files as a crash would
	// leave them into another data dir.
	crashed := t.TempDir()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(filepath.Join(data, DatabaseName) + suffix)
		if err != nil {
			t.Fatalf("snapshot %q: %v", suffix, err)
		}
		if err := os.WriteFile(filepath.Join(crashed, DatabaseName)+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	r, err := Restore(ctx, info.Path, crashed, sp(2026, 11, 28, 9, 15))
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	dbPath := filepath.Join(crashed, DatabaseName)
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if exists(dbPath + suffix) {
			t.Errorf("%s left after the restore", DatabaseName+suffix)
		}
	}
	if n := countBoletos(t, crashed); n != 3 {
		t.Errorf("restored database holds %d boletos, want the backup's 3", n)
	}
	if r.TotalBoletos != 3 || len(r.NeedCredentials()) != 1 || r.NeedCredentials()[0].Name != "Loja Centro" {
		t.Errorf("preview %+v", r.Preview)
	}
	wantSafety := filepath.Join(DefaultDir(crashed), "boletos-antes-de-restaurar-2026-11-28T0915.db")
	if r.SafetyBackup != wantSafety {
		t.Errorf("safety backup %q, want %q", r.SafetyBackup, wantSafety)
	}
	// The safety copy has everything, the commits that were only in the
	// WAL included.
	if err := store.CheckFile(ctx, r.SafetyBackup); err != nil {
		t.Errorf("safety backup: %v", err)
	}
	if p, err := Inspect(ctx, r.SafetyBackup); err != nil || p.TotalBoletos != 7 {
		t.Errorf("safety backup holds %d boletos (%v), want 7", p.TotalBoletos, err)
	}
	// The restored data are a working database, and restoring the safety
	// copy brings the later work back. A second restore in the same minute
	// keeps the first safety copy.
	r2, err := Restore(ctx, r.SafetyBackup, crashed, sp(2026, 11, 28, 9, 15))
	if err != nil {
		t.Fatalf("restore the safety copy: %v", err)
	}
	if n := countBoletos(t, crashed); n != 7 {
		t.Errorf("after restoring the safety copy: %d boletos, want 7", n)
	}
	if r2.SafetyBackup == r.SafetyBackup || !strings.HasSuffix(r2.SafetyBackup, "T0915-2.db") || !exists(r.SafetyBackup) {
		t.Errorf("second safety copy %q (first %q)", r2.SafetyBackup, r.SafetyBackup)
	}
	if p, err := Inspect(ctx, r.SafetyBackup); err != nil || p.TotalBoletos != 7 {
		t.Errorf("first safety copy changed: %d boletos, %v", p.TotalBoletos, err)
	}
	list, _ := List(DefaultDir(crashed))
	if countKind(list, KindSafety) != 2 {
		t.Errorf("list %+v", list)
	}
	// The lock was released: the program can start.
	l, err := lockfile.Acquire(crashed)
	if err != nil {
		t.Fatalf("lock after restore: %v", err)
	}
	l.Release()
}

func TestRestoreIntoAnEmptyDataDir(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := newDataDir(t, 2)
	db := openStore(t, src)
	info, err := Take(ctx, db, t.TempDir(), sp(2026, 11, 27, 3, 0))
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "novo")
	if err := os.Mkdir(fresh, 0o700); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(ctx, info.Path, fresh, sp(2026, 11, 28, 9, 0))
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if r.SafetyBackup != "" || countBoletos(t, fresh) != 2 {
		t.Errorf("safety %q, boletos %d", r.SafetyBackup, countBoletos(t, fresh))
	}
}

func TestRestoreOverACorruptDatabaseKeepsItsBytes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := newDataDir(t, 2)
	db := openStore(t, src)
	info, err := Take(ctx, db, t.TempDir(), sp(2026, 11, 27, 3, 0))
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The current data: a damaged main file and WAL, which SQLite cannot
	// copy.
	data := t.TempDir()
	garbage := bytes.Repeat([]byte("lixo "), 5000)
	wal := bytes.Repeat([]byte("wal? "), 700)
	dbPath := filepath.Join(data, DatabaseName)
	if err := os.WriteFile(dbPath, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dbPath+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}

	r, err := Restore(ctx, info.Path, data, sp(2026, 11, 28, 9, 0))
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if b, err := os.ReadFile(r.SafetyBackup); err != nil || !bytes.Equal(b, garbage) {
		t.Errorf("the damaged data were not kept byte for byte in %q: %v", r.SafetyBackup, err)
	}
	if b, err := os.ReadFile(r.SafetyBackup + "-wal"); err != nil || !bytes.Equal(b, wal) {
		t.Errorf("the WAL was not kept beside the safety copy: %v", err)
	}
	if exists(dbPath + "-wal") {
		t.Error("the old WAL is still beside the restored database")
	}
	if err := store.CheckFile(ctx, dbPath); err != nil {
		t.Errorf("restored database: %v", err)
	}
	if n := countBoletos(t, data); n != 2 {
		t.Errorf("restored database holds %d boletos, want the backup's 2", n)
	}
}

// unchanged fails unless the data dir still holds the database with n
// boletos and no safety copy was made.
func unchanged(t *testing.T, data string, n int) {
	t.Helper()
	if got := countBoletos(t, data); got != n {
		t.Errorf("database now holds %d boletos, want the untouched %d", got, n)
	}
	if list, _ := List(DefaultDir(data)); countKind(list, KindSafety) != 0 {
		t.Errorf("a safety copy was made although nothing was restored: %+v", list)
	}
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestRestoreRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	backupData := newDataDir(t, 2)
	db := openStore(t, backupData)
	good, err := Take(ctx, db, t.TempDir(), sp(2026, 11, 27, 3, 0))
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("locked by the running program", func(t *testing.T) {
		t.Parallel()
		data := newDataDir(t, 5)
		l, err := lockfile.Acquire(data)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		_, err = Restore(ctx, good.Path, data, sp(2026, 11, 28, 9, 0))
		if !errors.Is(err, lockfile.ErrHeld) {
			t.Errorf("err = %v, want ErrHeld", err)
		}
		wantMessage(t, err, apperr.CodeConflict, "está aberto", data, "Feche")
		if err := CheckIdle(data); !errors.Is(err, lockfile.ErrHeld) {
			t.Errorf("CheckIdle = %v", err)
		}
		unchanged(t, data, 5)
		l.Release()
		if err := CheckIdle(data); err != nil {
			t.Errorf("CheckIdle after release = %v", err)
		}
	})
	t.Run("not a backup", func(t *testing.T) {
		t.Parallel()
		data := newDataDir(t, 5)
		text := filepath.Join(t.TempDir(), "boletos-2026-11-27T0300.db")
		if err := os.WriteFile(text, bytes.Repeat([]byte("texto "), 2000), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Restore(ctx, text, data, sp(2026, 11, 28, 9, 0))
		wantMessage(t, err, apperr.CodeInvalid, "não é um backup do Boletos")
		unchanged(t, data, 5)
	})
	t.Run("damaged backup", func(t *testing.T) {
		t.Parallel()
		data := newDataDir(t, 5)
		bigData := newDataDir(t, 60)
		big := openStore(t, bigData)
		bad, err := Take(ctx, big, t.TempDir(), sp(2026, 11, 27, 3, 0))
		big.Close()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(bad.Path)
		pageSize := int(b[16])<<8 | int(b[17])
		for off := 2 * pageSize; off+16 <= len(b); off += pageSize {
			copy(b[off:], bytes.Repeat([]byte{0xA5}, 16))
		}
		if err := os.WriteFile(bad.Path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err = Restore(ctx, bad.Path, data, sp(2026, 11, 28, 9, 0))
		if err == nil {
			t.Fatal("a damaged backup was restored")
		}
		wantMessage(t, err, apperr.CodeInvalid, "danificado", bad.Path)
		unchanged(t, data, 5)
	})
	t.Run("from a newer program", func(t *testing.T) {
		t.Parallel()
		data := newDataDir(t, 5)
		newer := filepath.Join(t.TempDir(), "boletos-2030-01-01T0300.db")
		if err := copyFile(good.Path, newer); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite3", newer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', '2030-01-01T00:00:00.000000Z')"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		p, err := Inspect(ctx, newer)
		if err != nil || !p.NewerProgram || p.SchemaVersion != 999 {
			t.Fatalf("Inspect: %+v %v", p, err)
		}
		_, err = Restore(ctx, newer, data, sp(2026, 11, 28, 9, 0))
		wantMessage(t, err, apperr.CodeConflict, "versão mais nova")
		unchanged(t, data, 5)
	})
	t.Run("the database itself", func(t *testing.T) {
		t.Parallel()
		data := newDataDir(t, 5)
		_, err := Restore(ctx, filepath.Join(data, DatabaseName), data, sp(2026, 11, 28, 9, 0))
		wantMessage(t, err, apperr.CodeInvalid, "próprio arquivo de dados")
		unchanged(t, data, 5)
	})
}

// TestRestoreACopiedDataFile restores a data file copied by hand from a
// closed program (WAL mode in its header, no -wal beside it).
func TestRestoreACopiedDataFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := newDataDir(t, 4)
	copied := filepath.Join(t.TempDir(), "boletos-copia-manual.db")
	if err := copyFile(filepath.Join(src, DatabaseName), copied); err != nil {
		t.Fatal(err)
	}
	data := newDataDir(t, 1)
	if _, err := Restore(ctx, copied, data, sp(2026, 11, 28, 9, 0)); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if n := countBoletos(t, data); n != 4 {
		t.Errorf("restored %d boletos, want 4", n)
	}
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		switch e.Name() {
		case DatabaseName, lockfile.Name, "backups":
		default:
			t.Errorf("stray file in the data dir: %s", e.Name())
		}
	}
	// Looking at the user's file left nothing beside it.
	if entries, _ := os.ReadDir(filepath.Dir(copied)); len(entries) != 1 {
		t.Errorf("files beside the restored copy: %v", entries)
	}
}
