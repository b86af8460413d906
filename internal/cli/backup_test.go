package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"boletos/internal/backup"
	"boletos/internal/boleto"
	"boletos/internal/lockfile"
	"boletos/internal/store"
)

// seedBackupData makes a data dir with the account "Loja Centro" (direct
// integration, so its secrets would be in the keychain) and n drafts.
func seedBackupData(t *testing.T, n int) string {
	t.Helper()
	data := t.TempDir()
	addDrafts(t, data, n)
	return data
}

// addDrafts adds n drafts to "Loja Centro" (created if missing) in data.
func addDrafts(t *testing.T, data string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(data, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	acc, err := db.GetAccountByName(ctx, "Loja Centro")
	if err != nil {
		acc, err = db.CreateAccount(ctx, store.Account{Name: "Loja Centro", Environment: store.EnvProduction,
			DirectIntegration: true, ClientID: "client-id"})
		if err != nil {
			t.Fatal(err)
		}
	}
	for range n {
		_, err := db.CreateDraft(ctx, store.DraftInput{AccountID: acc.ID, Draft: boleto.Draft{
			Amount: 5000, DueDate: boleto.Date{Year: 2026, Month: time.December, Day: 10},
			Payer: boleto.Payer{Document: "52998224725", Name: "Maria da Silva", Address: "Rua A", Number: "1",
				District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30110000"},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func boletoCount(t *testing.T, data string) int {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(data, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.ListBoletos(context.Background(), store.BoletoFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// runRestore runs `boletos restore` the way Main does, with stdin given.
func runRestore(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &invocation{env: Env{Version: "test", Stdout: &out, Stderr: &errOut}, globals: globals{logLevel: "warn"}}
	fs := c.newFlagSet("restore")
	run := bindRestoreWith(fs, strings.NewReader(stdin), time.Now)
	positional, err := parseArgs(fs, args)
	if err != nil {
		return c.usageError(err), out.String(), errOut.String()
	}
	code := c.finish(c.start(context.Background(), true, func(ctx context.Context) error {
		return run(ctx, c, positional)
	}))
	return code, out.String(), errOut.String()
}

var backupLine = regexp.MustCompile(`^Backup feito: (.+boletos-\d{4}-\d{2}-\d{2}T\d{4}\.db) \(\d+(,\d)? (bytes|KB|MB)\)\n$`)

// takeBackup runs `boletos backup` and returns the file it made.
func takeBackup(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, Env{}, append([]string{"backup"}, args...)...)
	if code != ExitOK {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errOut)
	}
	m := backupLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("backup printed %q", out)
	}
	return m[1]
}

func TestBackupCommands(t *testing.T) {
	t.Parallel()
	data := seedBackupData(t, 2)

	path := takeBackup(t, "--data-dir", data)
	if filepath.Dir(path) != filepath.Join(data, "backups") {
		t.Errorf("backup in %s, want the data dir's backups folder", path)
	}
	if err := store.CheckFile(context.Background(), path); err != nil {
		t.Errorf("backup file: %v", err)
	}

	code, out, errOut := run(t, Env{}, "backup", "list", "--json", "--data-dir", data)
	if code != ExitOK {
		t.Fatalf("backup list --json: %d %s", code, errOut)
	}
	var items []backupItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("backup list --json = %q: %v", out, err)
	}
	st, _ := os.Stat(path)
	if len(items) != 1 || items[0].Path != path || items[0].Kind != "backup" || items[0].Size != st.Size() {
		t.Errorf("items %+v", items)
	}
	if _, err := time.Parse(time.RFC3339, items[0].TakenAt); err != nil {
		t.Errorf("takenAt %q: %v", items[0].TakenAt, err)
	}

	code, out, _ = run(t, Env{}, "backup", "list", "--data-dir", data)
	if code != ExitOK || !strings.Contains(out, "FEITO EM") || !strings.Contains(out, path) {
		t.Errorf("backup list: %d\n%s", code, out)
	}

	other := filepath.Join(t.TempDir(), "pendrive")
	code, out, errOut = run(t, Env{}, "backup", "--out", other, "--json", "--data-dir", data)
	var item backupItem
	if code != ExitOK || json.Unmarshal([]byte(out), &item) != nil || filepath.Dir(item.Path) != other {
		t.Errorf("backup --out --json: %d %q %s", code, out, errOut)
	}
	code, out, _ = run(t, Env{}, "backup", "list", "--out", filepath.Join(t.TempDir(), "vazia"), "--data-dir", data)
	if code != ExitOK || !strings.Contains(out, "Nenhum backup em") {
		t.Errorf("list of an empty folder: %d %q", code, out)
	}

	// inspect takes a bare name from the backups folder.
	code, out, errOut = run(t, Env{}, "backup", "inspect", filepath.Base(path), "--data-dir", data)
	if code != ExitOK {
		t.Fatalf("backup inspect: %d %s", code, errOut)
	}
	for _, want := range []string{"Backup: " + path, "Contas (1):", "Loja Centro (produção, integração direta — certificado e client secret terão de ser cadastrados de novo)",
		"Pagadores: 0", "Boletos: 2 (Rascunho 2)", "Último boleto criado em: "} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q:\n%s", want, out)
		}
	}
}

func TestRestoreYes(t *testing.T) {
	t.Parallel()
	data := seedBackupData(t, 2)
	path := takeBackup(t, "--data-dir", data)
	addDrafts(t, data, 3) // work done after the backup

	code, out, errOut := run(t, Env{}, "restore", "--yes", "--data-dir", data, path)
	if code != ExitOK {
		t.Fatalf("restore --yes: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"Boletos: 2 (Rascunho 2)",
		"restaurado na pasta de dados " + data,
		"Os dados anteriores foram guardados em " + filepath.Join(data, "backups", "boletos-antes-de-restaurar-"),
		"Conta Loja Centro: cadastre de novo o certificado e o client secret em Contas bancárias.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("restore output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Restaurar?") {
		t.Error("--yes still asked")
	}
	if n := boletoCount(t, data); n != 2 {
		t.Errorf("after restore: %d boletos, want the backup's 2", n)
	}
	list, err := backup.List(filepath.Join(data, "backups"))
	if err != nil {
		t.Fatal(err)
	}
	var safety string
	for _, b := range list {
		if b.Kind == backup.KindSafety {
			safety = b.Path
		}
	}
	if safety == "" {
		t.Fatalf("no safety copy in %+v", list)
	}

	// Restoring the safety copy, as JSON, brings the later work back.
	code, out, errOut = run(t, Env{}, "restore", "--yes", "--json", "--data-dir", data, safety)
	if code != ExitOK {
		t.Fatalf("restore --yes --json: %d %s", code, errOut)
	}
	var res restoreJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("restore --json = %q: %v", out, err)
	}
	if res.Restored.TotalBoletos != 5 || res.SafetyBackup == nil || len(res.NeedCredentials) != 1 || res.NeedCredentials[0] != "Loja Centro" {
		t.Errorf("restore --json = %+v", res)
	}
	if n := boletoCount(t, data); n != 5 {
		t.Errorf("after restoring the safety copy: %d boletos, want 5", n)
	}
}

func TestRestoreAsksForConfirmation(t *testing.T) {
	t.Parallel()
	data := seedBackupData(t, 2)
	path := takeBackup(t, "--data-dir", data)
	addDrafts(t, data, 3)

	for _, answer := range []string{"n\n", "", "talvez\n"} {
		code, out, errOut := runRestore(t, answer, "--data-dir", data, path)
		if code != ExitFailure || !strings.Contains(out, "Restaurar? Digite s para confirmar") ||
			!strings.Contains(out, "Restauração cancelada: nada foi alterado.") || errOut != "" {
			t.Errorf("answer %q: exit %d\n%s\n%s", answer, code, out, errOut)
		}
		if !strings.Contains(out, "Boletos: 2 (Rascunho 2)") {
			t.Errorf("the preview was not shown before asking:\n%s", out)
		}
		if n := boletoCount(t, data); n != 5 {
			t.Fatalf("answer %q changed the data: %d boletos", answer, n)
		}
	}
	if list, _ := backup.List(filepath.Join(data, "backups")); len(list) != 1 {
		t.Errorf("a declined restore left files: %+v", list)
	}

	code, out, errOut := runRestore(t, "s\n", "--data-dir", data, path)
	if code != ExitOK || !strings.Contains(out, "Conta Loja Centro: cadastre de novo") {
		t.Fatalf("answer s: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := boletoCount(t, data); n != 2 {
		t.Errorf("after a confirmed restore: %d boletos, want 2", n)
	}
}

func TestRestoreRefusals(t *testing.T) {
	t.Parallel()
	data := seedBackupData(t, 2)
	path := takeBackup(t, "--data-dir", data)
	addDrafts(t, data, 1)

	// The program is running on the data dir.
	l, err := lockfile.Acquire(data)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, Env{}, "restore", "--yes", "--data-dir", data, path)
	l.Release()
	if code != ExitFailure || !strings.Contains(errOut, "O Boletos está aberto usando a pasta de dados") || strings.Contains(out, "restaurado") {
		t.Errorf("while locked: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := boletoCount(t, data); n != 3 {
		t.Errorf("a refused restore changed the data: %d boletos", n)
	}

	notes := writeFile(t, t.TempDir(), "notas.db", []byte(strings.Repeat("não é banco ", 500)))
	code, _, errOut = run(t, Env{}, "restore", "--yes", "--data-dir", data, notes)
	if code != ExitFailure || !strings.Contains(errOut, "não é um backup do Boletos") {
		t.Errorf("foreign file: exit %d %q", code, errOut)
	}
	code, _, errOut = run(t, Env{}, "restore", "--yes", "--data-dir", data, "boletos-1999-01-01T0000.db")
	if code != ExitFailure || !strings.Contains(errOut, "não existe") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}

	usage := []struct {
		args []string
		want string
	}{
		{[]string{"restore", "--data-dir", data}, "informe o arquivo do backup"},
		{[]string{"restore", "--data-dir", data, "a.db", "b.db"}, "informe o arquivo do backup"},
		{[]string{"restore", "--json", "--data-dir", data, path}, "--yes"},
		{[]string{"backup", "frob", "--data-dir", data}, "subcomando desconhecido"},
		{[]string{"backup", "list", "extra", "--data-dir", data}, "não recebe argumentos"},
		{[]string{"backup", "inspect", "--data-dir", data}, "informe um arquivo"},
	}
	for _, u := range usage {
		code, _, errOut := run(t, Env{}, u.args...)
		if code != ExitUsage || !strings.Contains(errOut, u.want) {
			t.Errorf("%v: exit %d %q, want 2 and %q", u.args, code, errOut, u.want)
		}
	}
	if n := boletoCount(t, data); n != 3 {
		t.Errorf("data changed: %d boletos", n)
	}
}

func TestSizeText(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 bytes", 532: "532 bytes", 12800: "12,5 KB", 1258291: "1,2 MB", 3 << 30: "3,0 GB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
