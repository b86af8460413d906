package datadir

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/backup"
	"boletos/internal/boleto"
	"boletos/internal/lockfile"
	"boletos/internal/store"
)

var now = time.Date(2026, 5, 10, 14, 22, 0, 0, boleto.SaoPaulo)

func opts() Options { return Options{Now: func() time.Time { return now }} }

// crossDevice makes every rename fail as between two file systems.
func crossDevice(oldpath, newpath string) error {
	return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EXDEV}
}

// seed makes a data folder with a database holding an account with direct
// integration and n payers, a log and a backups subfolder.
func seed(t *testing.T, dir string, payers int) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dir, DatabaseName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CreateAccount(t.Context(), store.Account{Name: "Loja Centro", Environment: store.EnvProduction, DirectIntegration: true, ClientID: "id-1"}); err != nil {
		t.Fatal(err)
	}
	addPayers(t, db, 0, payers)
	if err := os.WriteFile(filepath.Join(dir, "boletos.log"), []byte("time=… level=INFO msg=hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "backups", "nota.txt"), []byte("uma nota"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// addPayers adds n payers numbered from first (their names and CPFs differ).
func addPayers(t *testing.T, db *store.Store, first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		p := boleto.Payer{Document: cpf(100000000 + i), Name: "Pagador " + string(rune('A'+i)), Address: "Avenida Brasil", Number: "1200",
			District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30110000"}
		if _, err := db.CreatePayer(t.Context(), store.Payer{Payer: p}); err != nil {
			t.Fatal(err)
		}
	}
}

// cpf makes a valid CPF from nine digits.
func cpf(base int) string {
	d := []int{}
	for _, c := range fmt.Sprintf("%09d", base) {
		d = append(d, int(c-'0'))
	}
	for range 2 {
		sum := 0
		for i, v := range d {
			sum += v * (len(d) + 1 - i)
		}
		r := sum * 10 % 11
		if r == 10 {
			r = 0
		}
		d = append(d, r)
	}
	var b strings.Builder
	for _, v := range d {
		b.WriteByte(byte('0' + v))
	}
	return b.String()
}

// payers counts the payers of the database in dir.
func payers(t *testing.T, dir string) int {
	t.Helper()
	p, err := backup.Inspect(t.Context(), filepath.Join(dir, DatabaseName))
	if err != nil {
		t.Fatalf("inspect %s: %v", dir, err)
	}
	return p.Payers
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestResolveFollowsPointers(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	a, b, c := filepath.Join(root, "a"), filepath.Join(root, "b"), filepath.Join(root, "c")
	for _, d := range []string{a, b, c} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	must := func(dir, want string) {
		t.Helper()
		got, err := Resolve(dir)
		if err != nil || got != want {
			t.Errorf("Resolve(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	must(a, a) // nothing there: a new folder
	if err := writeJSON(filepath.Join(a, PointerName), pointer{MovedTo: b}); err != nil {
		t.Fatal(err)
	}
	must(a, b)
	if err := writeJSON(filepath.Join(b, PointerName), pointer{MovedTo: c}); err != nil {
		t.Fatal(err)
	}
	must(a, c) // two hops
	seed(t, b, 0)
	must(a, b)      // b has a database: its pointer is stale
	seed(t, a, 0)   // the data came back to a
	must(a, a)      // a's own database wins over its pointer
	must(c, c)      // no pointer at all
	must(a+"/.", a) // cleaned

	gone := filepath.Join(root, "d")
	if err := os.MkdirAll(gone, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := writeJSON(filepath.Join(gone, PointerName), pointer{MovedTo: filepath.Join(root, "pendrive", "boletos")}); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(gone); err == nil || !strings.Contains(err.Error(), "pendrive") || !strings.Contains(err.Error(), "não está acessível") {
		t.Errorf("pointer to a missing folder: %v", err)
	}

	x, y := filepath.Join(root, "x"), filepath.Join(root, "y")
	for _, pair := range [][2]string{{x, y}, {y, x}} {
		if err := os.MkdirAll(pair[0], 0o700); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(filepath.Join(pair[0], PointerName), pointer{MovedTo: pair[1]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Resolve(x); err == nil || !strings.Contains(err.Error(), "círculo") {
		t.Errorf("pointer loop: %v", err)
	}

	bad := filepath.Join(root, "bad")
	if err := os.MkdirAll(bad, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, PointerName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(bad); err == nil || !strings.Contains(err.Error(), "danificado") {
		t.Errorf("damaged pointer: %v", err)
	}
}

func TestValidateMoveTarget(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	cur := filepath.Join(root, "dados")
	seed(t, cur, 1)
	full := filepath.Join(root, "cheia")
	if err := os.MkdirAll(full, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "x.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "arquivo")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	emptyDir := filepath.Join(root, "vazia")
	if err := os.MkdirAll(emptyDir, 0o700); err != nil {
		t.Fatal(err)
	}
	oldHome := filepath.Join(root, "antiga") // a folder the data moved out of earlier
	if err := os.MkdirAll(oldHome, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := writeJSON(filepath.Join(oldHome, PointerName), pointer{MovedTo: cur}); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(root, "somente-leitura")
	if err := os.MkdirAll(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		want   string // "" = valid
	}{
		{"", "Informe a nova pasta dos dados"},
		{"dados-novos", "caminho completo"},
		{cur, "é a pasta atual"},
		{cur + "/", "é a pasta atual"},
		{filepath.Join(cur, "sub"), "fica dentro da pasta atual"},
		{root, "contém a pasta atual"},
		{full, "não está vazia"},
		{file, "é um arquivo"},
		{emptyDir, ""},
		{oldHome, ""},
		{filepath.Join(root, "nova", "pasta"), ""},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		tests = append(tests, struct{ target, want string }{filepath.Join(readOnly, "boletos"), "Não é possível gravar em " + readOnly})
	}
	for _, tt := range tests {
		got, err := ValidateMoveTarget(cur, tt.target, nil)
		if tt.want == "" {
			if err != nil || got != filepath.Clean(tt.target) {
				t.Errorf("%q: %q, %v; want it accepted", tt.target, got, err)
			}
			continue
		}
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid || !strings.Contains(ae.Message, tt.want) || !strings.Contains(ae.Message, "nova pasta dos dados") && !strings.Contains(ae.Message, "Não é possível gravar") {
			t.Errorf("%q: %v; want an invalid-input error saying %q", tt.target, err, tt.want)
		}
	}
	// Another disk without room: refused before anything is done.
	small := func(string) (uint64, bool) { return 1024, true }
	if sameDevice(cur, root) {
		// The temporary folder has one file system: the check only runs
		// for another one, tried through copyTree below.
		t.Log("single file system: the free-space check of ValidateMoveTarget is not reached")
	} else if _, err := ValidateMoveTarget(cur, emptyDir, small); err == nil {
		t.Error("no free space accepted")
	}
}

func TestMoveByRename(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	from, to := filepath.Join(root, "dados"), filepath.Join(root, "novo", "lugar", "boletos")
	seed(t, from, 2)
	if err := Schedule(from, Pending{Op: OpMove, To: to, RequestedAt: now}); err != nil {
		t.Fatal(err)
	}
	renamed := 0
	o := opts()
	o.Rename = func(a, b string) error { renamed++; return os.Rename(a, b) }
	dir, out, err := ApplyPending(t.Context(), from, o)
	if err != nil || out == nil || !out.OK || dir != to || renamed != 1 {
		t.Fatalf("ApplyPending = %q, %+v, %v (renames %d)", dir, out, err, renamed)
	}
	if payers(t, to) != 2 || !exists(filepath.Join(to, "boletos.log")) || !exists(filepath.Join(to, "backups", "nota.txt")) {
		t.Errorf("the new folder holds %v", names(t, to))
	}
	if got := names(t, from); len(got) != 1 || got[0] != PointerName {
		t.Errorf("the old folder holds %v, want only the pointer", got)
	}
	if got, err := Resolve(from); err != nil || got != to {
		t.Errorf("Resolve(old) = %q, %v", got, err)
	}
	if exists(filepath.Join(to, PendingName)) {
		t.Error("the request is still pending")
	}
	// The outcome is in the new folder, once.
	shown, err := TakeOutcome(to)
	if err != nil || shown == nil || !shown.OK || shown.Op != OpMove || !strings.Contains(shown.Message, to) || !shown.At.Equal(now) {
		t.Errorf("TakeOutcome = %+v, %v", shown, err)
	}
	if again, err := TakeOutcome(to); again != nil || err != nil {
		t.Errorf("second TakeOutcome = %+v, %v", again, err)
	}
	// Nothing pending: nothing done.
	if dir, out, err := ApplyPending(t.Context(), to, opts()); dir != to || out != nil || err != nil {
		t.Errorf("nothing pending: %q %+v %v", dir, out, err)
	}

	// And back to the first folder, which holds only its pointer: allowed,
	// and the pointers now lead there.
	if err := Schedule(to, Pending{Op: OpMove, To: from}); err != nil {
		t.Fatal(err)
	}
	dir, out, err = ApplyPending(t.Context(), to, opts())
	if err != nil || !out.OK || dir != from || payers(t, from) != 2 {
		t.Fatalf("moving back: %q %+v %v", dir, out, err)
	}
	if exists(filepath.Join(from, PointerName)) {
		t.Error("the old pointer survived in the folder the data came back to")
	}
	if got, err := Resolve(to); err != nil || got != from {
		t.Errorf("Resolve(second folder) = %q, %v", got, err)
	}
}

func TestMoveByCopyToAnotherDisk(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	from, to := filepath.Join(root, "dados"), filepath.Join(root, "pendrive", "boletos")
	seed(t, from, 3)
	if err := os.MkdirAll(to, 0o700); err != nil { // an existing empty folder
		t.Fatal(err)
	}
	if err := Schedule(from, Pending{Op: OpMove, To: to}); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Rename = crossDevice
	dir, out, err := ApplyPending(t.Context(), from, o)
	if err != nil || !out.OK || dir != to {
		t.Fatalf("ApplyPending = %q, %+v, %v", dir, out, err)
	}
	if !strings.Contains(out.Message, "copiada") {
		t.Errorf("message %q", out.Message)
	}
	if payers(t, to) != 3 {
		t.Error("the copy lost payers")
	}
	for _, name := range []string{"boletos.log", filepath.Join("backups", "nota.txt")} {
		a, err := os.ReadFile(filepath.Join(to, name))
		if err != nil || len(a) == 0 {
			t.Errorf("%s not copied: %v", name, err)
		}
	}
	if exists(filepath.Join(to, lockfile.Name)) {
		t.Error("the lock file was copied")
	}
	if got := names(t, from); len(got) != 1 || got[0] != PointerName {
		t.Errorf("the old folder holds %v, want only the pointer", got)
	}
	if got, err := Resolve(from); err != nil || got != to {
		t.Errorf("Resolve(old) = %q, %v", got, err)
	}
}

func TestFailedMoveLeavesTheOldFolderInUse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		prepare func(t *testing.T, to string, o *Options)
		want    string
	}{
		{"the target filled up after the request", func(t *testing.T, to string, _ *Options) {
			if err := os.MkdirAll(to, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(to, "outro.txt"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "não está vazia"},
		{"no room on the other disk", func(_ *testing.T, _ string, o *Options) {
			o.Rename = crossDevice
			o.FreeSpace = func(string) (uint64, bool) { return 4096, true }
		}, "espaço livre"},
		{"the copy cannot be written", func(_ *testing.T, _ string, o *Options) {
			// A file where the copy puts the backups folder.
			o.Rename = func(a, b string) error {
				if err := os.MkdirAll(b, 0o700); err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(b, "backups"), nil, 0o600); err != nil {
					return err
				}
				return crossDevice(a, b)
			}
		}, "cópia para"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			from, to := filepath.Join(root, "dados"), filepath.Join(root, "destino")
			seed(t, from, 2)
			if err := Schedule(from, Pending{Op: OpMove, To: to}); err != nil {
				t.Fatal(err)
			}
			before := names(t, from)
			o := opts()
			tt.prepare(t, to, &o)
			dir, out, err := ApplyPending(t.Context(), from, o)
			if err != nil || out == nil || out.OK || dir != from {
				t.Fatalf("ApplyPending = %q, %+v, %v", dir, out, err)
			}
			if !strings.Contains(out.Message, tt.want) || !strings.Contains(out.Message, "Os dados continuam em "+from) || out.Err == nil {
				t.Errorf("message %q (err %v), want %q", out.Message, out.Err, tt.want)
			}
			if payers(t, from) != 2 {
				t.Error("the old data changed")
			}
			if got, err := Resolve(from); err != nil || got != from {
				t.Errorf("Resolve = %q, %v", got, err)
			}
			after := names(t, from)
			for _, n := range before {
				if n != PendingName && !contains(after, n) {
					t.Errorf("%s disappeared from the old folder", n)
				}
			}
			if contains(after, PendingName) || contains(after, PointerName) {
				t.Errorf("old folder: %v", after)
			}
			shown, err := TakeOutcome(from)
			if err != nil || shown == nil || shown.OK || shown.Message != out.Message {
				t.Errorf("TakeOutcome = %+v, %v", shown, err)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRestorePending(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed(t, dir, 1)
	db, err := store.Open(t.Context(), filepath.Join(dir, DatabaseName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := backup.Take(t.Context(), db, backup.DefaultDir(dir), now.Add(-time.Hour))
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	addPayers(t, db, 10, 2) // after the backup
	db.Close()
	if payers(t, dir) != 3 {
		t.Fatal("seed")
	}
	if err := Schedule(dir, Pending{Op: OpRestore, From: b.Path}); err != nil {
		t.Fatal(err)
	}
	got, out, err := ApplyPending(t.Context(), dir, opts())
	if err != nil || out == nil || !out.OK || got != dir {
		t.Fatalf("ApplyPending = %q, %+v, %v", got, out, err)
	}
	if payers(t, dir) != 1 {
		t.Errorf("after the restore: %d payers, want 1", payers(t, dir))
	}
	if p, err := backup.Inspect(t.Context(), out.SafetyBackup); err != nil || p.Payers != 3 {
		t.Errorf("safety copy holds %+v, %v", p, err)
	}
	if len(out.NeedCredentials) != 1 || out.NeedCredentials[0] != "Loja Centro" ||
		!strings.Contains(out.Message, "Backup de 10/05/2026 13:22 restaurado") || !strings.Contains(out.Message, "a conta Loja Centro") {
		t.Errorf("outcome %+v", out)
	}

	// A backup that is not one: nothing changes, the outcome says why.
	junk := filepath.Join(t.TempDir(), "nada.db")
	if err := os.WriteFile(junk, []byte("isto não é um banco de dados SQLite, é só texto para o teste"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Schedule(dir, Pending{Op: OpRestore, From: junk}); err != nil {
		t.Fatal(err)
	}
	_, out, err = ApplyPending(t.Context(), dir, opts())
	if err != nil || out == nil || out.OK || !strings.HasPrefix(out.Message, "O backup não foi restaurado: ") || !strings.HasSuffix(out.Message, "Os dados continuam como estavam.") {
		t.Errorf("junk restore: %+v, %v", out, err)
	}
	if payers(t, dir) != 1 {
		t.Error("a failed restore changed the data")
	}
}

func TestPendingWaitsWhileTheFolderIsInUse(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	from, to := filepath.Join(root, "dados"), filepath.Join(root, "novo")
	seed(t, from, 1)
	if err := Schedule(from, Pending{Op: OpMove, To: to}); err != nil {
		t.Fatal(err)
	}
	lock, err := lockfile.Acquire(from)
	if err != nil {
		t.Fatal(err)
	}
	dir, out, err := ApplyPending(t.Context(), from, opts())
	lock.Release()
	if dir != from || out != nil || err != nil || !exists(filepath.Join(from, PendingName)) || exists(to) {
		t.Errorf("while in use: %q %+v %v", dir, out, err)
	}
	if p, ok, err := PendingOperation(from); !ok || err != nil || p.Op != OpMove || p.To != to {
		t.Errorf("PendingOperation = %+v %v %v", p, ok, err)
	}
	if err := Cancel(from); err != nil || exists(filepath.Join(from, PendingName)) {
		t.Errorf("Cancel: %v", err)
	}
	if err := Cancel(from); err != nil {
		t.Errorf("second Cancel: %v", err)
	}
}

func TestDamagedOrUnknownRequest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed(t, dir, 1)
	if err := os.WriteFile(filepath.Join(dir, PendingName), []byte(`{"op":`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, out, err := ApplyPending(t.Context(), dir, opts())
	if err != nil || got != dir || out == nil || out.OK || !strings.Contains(out.Message, "danificado") || exists(filepath.Join(dir, PendingName)) {
		t.Errorf("damaged request: %q %+v %v", got, out, err)
	}
	if err := os.WriteFile(filepath.Join(dir, PendingName), []byte(`{"op":"teleport"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, out, err = ApplyPending(t.Context(), dir, opts())
	if err != nil || out == nil || out.OK || !strings.Contains(out.Message, "não é conhecido") {
		t.Errorf("unknown request: %+v %v", out, err)
	}
	if err := Schedule(dir, Pending{Op: "teleport"}); err == nil {
		t.Error("Schedule accepted an unknown operation")
	}
	if payers(t, dir) != 1 {
		t.Error("data changed")
	}
}
