package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/backup"
	"boletos/internal/datadir"
	"boletos/internal/issuing"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// settingsEnv is an app over a real database in a data folder of its own,
// with a retorno poller (never started) and a fake file manager.
type settingsEnv struct {
	app    *App
	st     *store.Store
	dir    string
	poller *retorno.Poller
	level  *slog.LevelVar
	opened []string
	quits  chan struct{}
}

func newSettingsApp(t *testing.T, fixedLevel bool) *settingsEnv {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newSettingsAppOn(t, dir, st, fixedLevel)
}

func newSettingsAppOn(t *testing.T, dir string, st *store.Store, fixedLevel bool) *settingsEnv {
	t.Helper()
	noBank := issuing.ClientFunc(func(context.Context, int64) (issuing.Bank, error) { return nil, errors.New("no bank in this test") })
	p, err := retorno.New(retorno.Config{Store: st, Clients: noBank})
	if err != nil {
		t.Fatal(err)
	}
	e := &settingsEnv{st: st, dir: dir, poller: p, level: new(slog.LevelVar), quits: make(chan struct{}, 4)}
	e.app = New(Config{DataDir: dir, Store: st})
	e.app.retorno = p // as UseBoletoServices, without starting it
	e.app.UseSettings(SettingsConfig{LogLevel: e.level, LogLevelFixed: fixedLevel, LogFile: filepath.Join(dir, "boletos.log"),
		OpenFolder: func(d string) error { e.opened = append(e.opened, d); return nil }})
	t.Cleanup(func() {
		e.app.Shutdown()
		st.Close()
	})
	return e
}

// wantFieldError checks an input error naming field, whose message has want.
func wantFieldError(t *testing.T, err error, field, want string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
		t.Fatalf("error %v, want an input error", err)
	}
	if !strings.Contains(ae.Message, want) {
		t.Errorf("message %q, want %q", ae.Message, want)
	}
	if len(ae.Fields) != 1 || ae.Fields[0].Field != field || ae.Fields[0].Message != ae.Message {
		t.Errorf("fields %+v, want %s", ae.Fields, field)
	}
}

func TestPollIntervalIsStoredAndApplied(t *testing.T) {
	t.Parallel()
	e := newSettingsApp(t, false)
	v, err := e.app.System.Settings()
	if err != nil || v.PollMinutes != 10 || len(v.PollOptions) != 5 || v.LogLevel != "info" || v.LogLevelFlag != "" ||
		v.DataDir != e.dir || v.LogDir != e.dir || v.LogFile != filepath.Join(e.dir, "boletos.log") || v.Desktop || v.LastOperation != nil ||
		v.SessionStarted == "" {
		t.Fatalf("defaults: %+v, %v", v, err)
	}
	for _, bad := range []int{0, 7, 120} {
		_, err := e.app.System.SetPollInterval(bad)
		wantFieldError(t, err, "pollMinutes", "Verificar pagamentos a cada: escolha um dos intervalos oferecidos (5, 10, 15, 30 ou 60 minutos)")
	}
	if e.poller.Interval() != retorno.DefaultNormalInterval {
		t.Errorf("a refused value changed the poller: %v", e.poller.Interval())
	}
	v, err = e.app.System.SetPollInterval(30)
	if err != nil || v.PollMinutes != 30 || e.poller.Interval() != 30*time.Minute {
		t.Fatalf("SetPollInterval(30) = %+v, %v; poller %v", v, err, e.poller.Interval())
	}
	// The next start reads it.
	again := newSettingsAppOn(t, e.dir, e.st, false)
	if again.poller.Interval() != 30*time.Minute {
		t.Errorf("the next session's poller waits %v", again.poller.Interval())
	}
	if v, _ := again.app.System.Settings(); v.PollMinutes != 30 {
		t.Errorf("the next session shows %d minutes", v.PollMinutes)
	}
}

func TestLogLevelIsStoredAndApplied(t *testing.T) {
	t.Parallel()
	e := newSettingsApp(t, false)
	_, err := e.app.System.SetLogLevel("loud")
	wantFieldError(t, err, "logLevel", "Detalhe do registro: escolha Normal, Detalhado, Só avisos ou Só erros")
	v, err := e.app.System.SetLogLevel("debug")
	if err != nil || v.LogLevel != "debug" || e.level.Level() != slog.LevelDebug {
		t.Fatalf("SetLogLevel(debug) = %+v, %v; level %v", v, err, e.level.Level())
	}
	// The next start applies it, unless --log-level says otherwise.
	again := newSettingsAppOn(t, e.dir, e.st, false)
	if again.level.Level() != slog.LevelDebug {
		t.Errorf("next session at %v", again.level.Level())
	}
	fixed := newSettingsAppOn(t, e.dir, e.st, true)
	fixed.level.Set(slog.LevelWarn) // --log-level warn
	if _, err := fixed.app.System.SetLogLevel("error"); err != nil {
		t.Fatal(err)
	}
	v, _ = fixed.app.System.Settings()
	if fixed.level.Level() != slog.LevelWarn || v.LogLevel != "error" || v.LogLevelFlag != "warn" {
		t.Errorf("with --log-level warn: level %v, view %+v", fixed.level.Level(), v)
	}
}

func TestOpenLogFolder(t *testing.T) {
	t.Parallel()
	e := newSettingsApp(t, false)
	dir, err := e.app.System.OpenLogFolder()
	if err != nil || dir != e.dir || len(e.opened) != 1 || e.opened[0] != e.dir {
		t.Errorf("OpenLogFolder = %q, %v; opened %v", dir, err, e.opened)
	}
	// Dialogs need the window.
	if _, err := e.app.System.ChooseDataFolder(); err == nil || !strings.Contains(err.Error(), "No navegador") {
		t.Errorf("ChooseDataFolder in the browser: %v", err)
	}
	if _, err := e.app.Backups.ChooseFile(); err == nil || !strings.Contains(err.Error(), "No navegador") {
		t.Errorf("ChooseFile in the browser: %v", err)
	}
}

func TestMoveDataFolderChecksAndRestarts(t *testing.T) {
	t.Parallel()
	e := newSettingsApp(t, false)
	root := t.TempDir()
	full := filepath.Join(root, "cheia")
	if err := os.MkdirAll(full, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "planilha.csv"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{"", "Informe a nova pasta dos dados"},
		{"boletos-novos", "A nova pasta dos dados precisa ser um caminho completo"},
		{e.dir, "A nova pasta dos dados é a pasta atual"},
		{filepath.Join(e.dir, "backups"), "A nova pasta dos dados (" + filepath.Join(e.dir, "backups") + ") fica dentro da pasta atual"},
		{full, "A nova pasta dos dados (" + full + ") não está vazia"},
	} {
		_, err := e.app.System.MoveDataFolder(tt.path)
		wantFieldError(t, err, "dataDir", tt.want)
	}
	target := filepath.Join(root, "nova", "boletos")
	if got, err := e.app.System.CheckDataFolder(target + "/"); err != nil || got != target {
		t.Errorf("CheckDataFolder = %q, %v", got, err)
	}

	// Without a way to end the session, nothing is left scheduled.
	if _, err := e.app.System.MoveDataFolder(target); err == nil || !strings.Contains(err.Error(), "Feche o programa e abra-o de novo") {
		t.Errorf("no restart possible: %v", err)
	}
	if _, ok, _ := datadir.PendingOperation(e.dir); ok {
		t.Error("a move stayed scheduled though the program could not restart")
	}

	e.app.SetQuit(func() { e.quits <- struct{}{} })
	got, err := e.app.System.MoveDataFolder(target)
	if err != nil || got != target {
		t.Fatalf("MoveDataFolder = %q, %v", got, err)
	}
	p, ok, err := datadir.PendingOperation(e.dir)
	if !ok || err != nil || p.Op != datadir.OpMove || p.To != target {
		t.Errorf("scheduled %+v %v %v", p, ok, err)
	}
	select {
	case <-e.quits:
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end")
	}
	if !e.app.RestartRequested() {
		t.Error("RestartRequested = false")
	}
	var ae *apperr.Error
	if _, err := e.app.System.MoveDataFolder(target); !errors.As(err, &ae) || ae.Code != apperr.CodeConflict || !strings.Contains(ae.Message, "já está reiniciando") {
		t.Errorf("second request while restarting: %v", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Error("the app moved something itself: only the next start may")
	}
}

func TestRestoreFromTheScreen(t *testing.T) {
	t.Parallel()
	e := newSettingsApp(t, false)
	ctx := context.Background()
	if _, err := e.st.CreateAccount(ctx, store.Account{Name: "Loja Centro", Environment: store.EnvProduction, DirectIntegration: true, ClientID: "id-1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateAccount(ctx, store.Account{Name: "Conta de demonstração", Environment: store.EnvDemo, DirectIntegration: true}); err != nil {
		t.Fatal(err)
	}
	taken, err := backup.Take(ctx, e.st, backup.DefaultDir(e.dir), time.Date(2026, 5, 10, 14, 22, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{"  ", "Arquivo do backup: informe o caminho do arquivo a restaurar."},
		{"boletos-2026-05-10T1122.db", "Arquivo do backup: informe o caminho completo do arquivo"},
		{filepath.Join(e.dir, "nada.db"), "Arquivo do backup: o arquivo " + filepath.Join(e.dir, "nada.db") + " não existe"},
		{backup.DefaultDir(e.dir), "é uma pasta"},
		{filepath.Join(e.dir, "boletos.db"), "é o próprio arquivo de dados em uso"},
	} {
		_, err := e.app.Backups.Preview(tt.path)
		wantFieldError(t, err, "backupPath", tt.want)
		_, err = e.app.Backups.Restore(tt.path)
		wantFieldError(t, err, "backupPath", tt.want)
	}
	notOurs := filepath.Join(t.TempDir(), "outro.db")
	if err := os.WriteFile(notOurs, []byte("não é um banco de dados"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.Backups.Preview(notOurs); err == nil {
		t.Error("a file that is not a backup was previewed")
	}

	v, err := e.app.Backups.Preview(taken.Path)
	if err != nil {
		t.Fatal(err)
	}
	if v.Path != taken.Path || v.Name != taken.Name || v.Size != taken.Size || v.Problem != "" || v.TotalBoletos != 0 || v.LastBoletoAt != "" ||
		len(v.Accounts) != 2 {
		t.Fatalf("Preview = %+v", v)
	}
	byName := map[string]BackupAccountView{}
	for _, a := range v.Accounts {
		byName[a.Name] = a
	}
	if a := byName["Loja Centro"]; !a.NeedsCredentials || a.EnvironmentLabel != "Produção" {
		t.Errorf("Loja Centro: %+v", a)
	}
	if a := byName["Conta de demonstração"]; a.NeedsCredentials {
		t.Errorf("the demo account has no secret to enter: %+v", a)
	}

	e.app.SetQuit(func() { e.quits <- struct{}{} })
	if _, err := e.app.Backups.Restore(taken.Path); err != nil {
		t.Fatal(err)
	}
	p, ok, err := datadir.PendingOperation(e.dir)
	if !ok || err != nil || p.Op != datadir.OpRestore || p.From != taken.Path {
		t.Errorf("scheduled %+v %v %v", p, ok, err)
	}
	select {
	case <-e.quits:
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end")
	}
}

// The outcome of the operation applied at start-up reaches the screens:
// in Configurações, and as a warning everywhere when something needs the
// user.
func TestOutcomeOfTheLastOperation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		outcome datadir.Outcome
		warning string
	}{
		{"moved", datadir.Outcome{Op: datadir.OpMove, OK: true, Message: "A pasta dos dados foi movida de /a para /b."}, ""},
		{"restored, credentials needed", datadir.Outcome{Op: datadir.OpRestore, OK: true, Message: "Backup de 10/05/2026 14:22 restaurado.",
			NeedCredentials: []string{"Loja Centro", "Filial"}}, "cadastre-os de novo em Contas bancárias para Loja Centro, Filial"},
		{"move failed", datadir.Outcome{Op: datadir.OpMove, Message: "A pasta dos dados não foi movida: não há espaço. Os dados continuam em /a."},
			"A pasta dos dados não foi movida"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			writeOutcome(t, dir, tt.outcome)
			e := newSettingsAppOn(t, dir, st, false)
			v, err := e.app.System.Settings()
			if err != nil || v.LastOperation == nil || v.LastOperation.Message != tt.outcome.Message || v.LastOperation.OK != tt.outcome.OK ||
				v.LastOperation.Op != tt.outcome.Op || len(v.LastOperation.NeedCredentials) != len(tt.outcome.NeedCredentials) {
				t.Errorf("LastOperation = %+v, %v", v.LastOperation, err)
			}
			warnings := e.app.Warnings()
			switch {
			case tt.warning == "" && len(warnings) > 0:
				t.Errorf("warnings %q", warnings)
			case tt.warning != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning)):
				t.Errorf("warnings %q, want %q", warnings, tt.warning)
			}
			if _, err := os.Stat(filepath.Join(dir, datadir.OutcomeName)); !errors.Is(err, os.ErrNotExist) {
				t.Error("the outcome would be shown again at the next start")
			}
		})
	}
}

// writeOutcome records an outcome as datadir.ApplyPending leaves it.
func writeOutcome(t *testing.T, dir string, o datadir.Outcome) {
	t.Helper()
	o.At = time.Date(2026, 5, 10, 17, 22, 0, 0, time.UTC)
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, datadir.OutcomeName), data, 0o600); err != nil {
		t.Fatal(err)
	}
}
