package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"boletos/internal/apperr"
)

func TestBackupToCopiesTheDataAndPassesTheCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := newStore(t)
	shop, err := s.CreateAccount(ctx, Account{Name: "Loja Centro", Environment: EnvProduction,
		DirectIntegration: true, ClientID: "client-1"})
	if err != nil {
		t.Fatal(err)
	}
	printOnly := mustAccount(t, s, "Só impressão") // sandbox, no integration, no credentials
	if _, err := s.CreateAccount(ctx, Account{Name: "Conta de demonstração", Environment: EnvDemo, DirectIntegration: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePayer(ctx, Payer{Payer: samplePayer()}); err != nil {
		t.Fatal(err)
	}
	var last Boleto
	for range 3 {
		last = mustDraft(t, s, sampleDraft(shop.ID))
	}
	if _, err := s.Transition(ctx, last.ID, []State{StateDraft}, StateQueued, Event{Kind: EventQueued}, nil); err != nil {
		t.Fatal(err)
	}
	mustDraft(t, s, sampleDraft(printOnly.ID))
	newest, err := s.GetBoleto(ctx, last.ID+1)
	if err != nil {
		t.Fatal(err)
	}

	// Directory and file names that need escaping in a file: URI.
	dir := filepath.Join(t.TempDir(), "cópia com espaço ?#%")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "b?#%.db")
	if err := s.BackupTo(ctx, path); err != nil {
		t.Fatalf("BackupTo: %v", err)
	}
	if err := CheckFile(ctx, path); err != nil {
		t.Fatalf("CheckFile: %v", err)
	}
	sum, err := InspectFile(ctx, path)
	if err != nil {
		t.Fatalf("InspectFile: %v", err)
	}
	if sum.SchemaVersion != LatestSchemaVersion() || sum.SchemaVersion < 3 {
		t.Errorf("schema version %d, latest %d", sum.SchemaVersion, LatestSchemaVersion())
	}
	if sum.Payers != 1 || sum.TotalBoletos != 4 || sum.Boletos[StateDraft] != 3 || sum.Boletos[StateQueued] != 1 || len(sum.Boletos) != 2 {
		t.Errorf("counts: payers %d, boletos %d %v", sum.Payers, sum.TotalBoletos, sum.Boletos)
	}
	if !sum.LastBoletoAt.Equal(newest.CreatedAt) {
		t.Errorf("last boleto at %v, want %v", sum.LastBoletoAt, newest.CreatedAt)
	}
	want := []FileAccount{
		{Name: "Conta de demonstração", Environment: EnvDemo, DirectIntegration: true, NeedsCredentials: false},
		{Name: "Loja Centro", Environment: EnvProduction, DirectIntegration: true, NeedsCredentials: true},
		{Name: "Só impressão", Environment: EnvSandbox},
	}
	if len(sum.Accounts) != len(want) {
		t.Fatalf("accounts %+v", sum.Accounts)
	}
	for i := range want {
		if sum.Accounts[i] != want[i] {
			t.Errorf("account %d = %+v, want %+v", i, sum.Accounts[i], want[i])
		}
	}

	// The copy is one file in rollback-journal mode: reading it left no
	// -wal or -shm behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("backup dir holds %v, want only the backup", names)
	}
}

func TestBackupToRefusesAnExistingFile(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("não sobrescreva"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.BackupTo(context.Background(), path)
	wantCode(t, err, apperr.CodeUnavailable, "Não foi possível gravar o backup em", path)
	if b, _ := os.ReadFile(path); string(b) != "não sobrescreva" {
		t.Errorf("file changed: %q", b)
	}
}

func TestCheckFileRefusesWhatIsNotOurs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notas.txt")
	if err := os.WriteFile(text, bytes.Repeat([]byte("isto não é um banco de dados\n"), 200), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "vazio.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "outro.db")
	db, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE clientes (nome TEXT); INSERT INTO clientes VALUES ('Ana')"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for _, path := range []string{text, empty, other, dir} {
		for name, fn := range map[string]func() error{
			"CheckFile":   func() error { return CheckFile(ctx, path) },
			"InspectFile": func() error { _, err := InspectFile(ctx, path); return err },
		} {
			err := fn()
			if !errors.Is(err, ErrForeignFile) {
				t.Errorf("%s(%s) = %v, want ErrForeignFile", name, filepath.Base(path), err)
				continue
			}
			wantCode(t, err, apperr.CodeInvalid, "não é um backup do Boletos", path)
		}
	}
	// Nothing was created or changed by looking.
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Errorf("empty file grew to %d bytes", st.Size())
	}
	for _, p := range []string{text, empty, other} {
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(p + suffix); err == nil {
				t.Errorf("%s left behind", p+suffix)
			}
		}
	}

	missing := filepath.Join(dir, "nao-existe.db")
	wantCode(t, CheckFile(ctx, missing), apperr.CodeNotFound, "não existe")
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("CheckFile created the missing file")
	}
	wantCode(t, BackupFile(ctx, missing, filepath.Join(dir, "copia.db")), apperr.CodeNotFound, missing)
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("BackupFile created the missing source")
	}
}

func TestCheckFileFindsDamage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Conta")
	for range 3 { // few enough that the boletos table is its root page alone
		mustDraft(t, s, sampleDraft(a.ID))
	}
	good := filepath.Join(t.TempDir(), "b.db")
	if err := s.BackupTo(ctx, good); err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(orig[16])<<8 | int(orig[17])
	db, err := sql.Open("sqlite3", good)
	if err != nil {
		t.Fatal(err)
	}
	var root int
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'boletos'").Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		damage func(b []byte)
		// readable: the file still reads (InspectFile works), so only the
		// integrity check can find the damage.
		readable bool
	}{
		{"every page but the header", func(b []byte) {
			for off := pageSize; off+16 <= len(b); off += pageSize {
				copy(b[off:], bytes.Repeat([]byte{0xA5}, 16))
			}
		}, false},
		{"a table row out of step with its index", func(b []byte) {
			page := b[(root-1)*pageSize : root*pageSize]
			if bytes.Count(page, []byte("B000002")) != 1 {
				t.Fatalf("seu número not found once in the boletos page %d", root)
			}
			i := bytes.Index(page, []byte("B000002"))
			page[i+6] = 'Z' // same length: the row stays well formed
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.db")
			b := bytes.Clone(orig)
			tt.damage(b)
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := InspectFile(ctx, path); (err == nil) != tt.readable {
				t.Fatalf("InspectFile = %v; the damage is not the kind this case wants", err)
			}
			err := CheckFile(ctx, path)
			if !errors.Is(err, ErrDamagedFile) {
				t.Fatalf("CheckFile of a damaged file = %v, want ErrDamagedFile", err)
			}
			t.Logf("cause: %v", errors.Unwrap(err))
			wantCode(t, err, apperr.CodeInvalid, "está danificado", path)
		})
	}
}

func TestBackupFileCopiesAClosedDatabaseWithItsWAL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Conta")
	for range 5 {
		mustDraft(t, s, sampleDraft(a.ID))
	}
	// Snapshot the files while the store is open, as a crash would leave
	// them: the recent commits are in the -wal only.
	crashed := filepath.Join(t.TempDir(), "boletos.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(s.Path() + suffix)
		if err != nil {
			t.Fatalf("read %s: %v", suffix, err)
		}
		if err := os.WriteFile(crashed+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := map[string][]byte{}
	for _, suffix := range []string{"", "-wal"} {
		before[suffix], _ = os.ReadFile(crashed + suffix)
	}
	dst := filepath.Join(t.TempDir(), "copia.db")
	if err := BackupFile(ctx, crashed, dst); err != nil {
		t.Fatalf("BackupFile: %v", err)
	}
	for suffix, b := range before {
		if now, err := os.ReadFile(crashed + suffix); err != nil || !bytes.Equal(now, b) {
			t.Errorf("BackupFile changed the source file %q (%v)", suffix, err)
		}
	}
	sum, err := InspectFile(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if sum.TotalBoletos != 5 || len(sum.Accounts) != 1 {
		t.Errorf("copy holds %d boletos and %d accounts, want 5 and 1", sum.TotalBoletos, len(sum.Accounts))
	}
}

func TestBackupToHonoursCancelledContext(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.BackupTo(ctx, filepath.Join(t.TempDir(), "b.db"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
