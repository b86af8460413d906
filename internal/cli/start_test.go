package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"boletos/internal/datadir"
	"boletos/internal/store"
)

func TestRotateLog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "boletos.log")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "<none>"
		}
		return string(b)
	}
	if err := rotateLog(path, 10, 3); err != nil { // no log yet
		t.Fatal(err)
	}
	write("boletos.log", "pequeno")
	if err := rotateLog(path, 10, 3); err != nil || read("boletos.log") != "pequeno" || read("boletos.log.1") != "<none>" {
		t.Fatalf("a small log was rotated: %v", err)
	}
	write("boletos.log", "atual, grande demais")
	write("boletos.log.1", "um")
	write("boletos.log.2", "dois")
	write("boletos.log.3", "três")
	if err := rotateLog(path, 10, 3); err != nil {
		t.Fatal(err)
	}
	got := []string{read("boletos.log"), read("boletos.log.1"), read("boletos.log.2"), read("boletos.log.3"), read("boletos.log.4")}
	want := []string{"<none>", "atual, grande demais", "um", "dois", "<none>"}
	if !slices.Equal(got, want) {
		t.Errorf("after rotation %q, want %q", got, want)
	}
}

// At start-up a log over LogMaxSize is set aside and a new one begins.
func TestStartRotatesABigLog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	log := filepath.Join(dir, LogFileName)
	if err := os.WriteFile(log, []byte("linha antiga\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(log, LogMaxSize+1); err != nil {
		t.Fatal(err)
	}
	code, _, _ := run(t, Env{Desktop: func(_ context.Context, s Session) error {
		s.Logger.Info("depois da rotação")
		return nil
	}}, "--data-dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	st, err := os.Stat(log + ".1")
	if err != nil || st.Size() != LogMaxSize+1 {
		t.Errorf("boletos.log.1: %v %v", st, err)
	}
	b, err := os.ReadFile(log)
	if err != nil || len(b) > 1000 || !strings.Contains(string(b), "depois da rotação") {
		t.Errorf("new log: %v %q", err, b)
	}
}

// The level starts from --log-level (or info) and changes while running
// through the session's LevelVar; an explicit flag is marked as such.
func TestLogLevelVar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args  []string
		level slog.Level
		fixed bool
	}{
		{nil, slog.LevelInfo, false},
		{[]string{"--log-level", "debug"}, slog.LevelDebug, true},
		{[]string{"--log-level", "info"}, slog.LevelInfo, true},
		{[]string{"--log-level=warn"}, slog.LevelWarn, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			var got Session
			code, _, _ := run(t, Env{Desktop: func(_ context.Context, s Session) error {
				got = s
				s.Logger.Debug("antes: detalhe")
				s.LogLevel.Set(slog.LevelDebug)
				s.Logger.Debug("depois: detalhe")
				s.LogLevel.Set(slog.LevelError)
				s.Logger.Warn("depois: aviso")
				return nil
			}}, append(tt.args, "--data-dir", dir)...)
			if code != ExitOK || got.LogLevel == nil {
				t.Fatalf("exit %d, session %+v", code, got)
			}
			if got.LogLevelFixed != tt.fixed {
				t.Errorf("LogLevelFixed = %v, want %v", got.LogLevelFixed, tt.fixed)
			}
			b, _ := os.ReadFile(filepath.Join(dir, LogFileName))
			log := string(b)
			if strings.Contains(log, "antes: detalhe") != (tt.level == slog.LevelDebug) {
				t.Errorf("level %v: log %q", tt.level, log)
			}
			if !strings.Contains(log, "depois: detalhe") || strings.Contains(log, "depois: aviso") {
				t.Errorf("the LevelVar did not change the level: %q", log)
			}
		})
	}
}

// A move scheduled in the data folder is applied before the mode starts:
// the mode gets the new folder, the log is written there, and the old
// folder (given again on the command line) leads to it.
func TestStartAppliesAPendingMove(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	old, moved := filepath.Join(root, "antiga"), filepath.Join(root, "nova", "boletos")
	db, err := store.Open(context.Background(), filepath.Join(old, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAccount(context.Background(), store.Account{Name: "Loja", Environment: store.EnvSandbox}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := datadir.Schedule(old, datadir.Pending{Op: datadir.OpMove, To: moved}); err != nil {
		t.Fatal(err)
	}
	var dirs []string
	desktop := func(_ context.Context, s Session) error {
		dirs = append(dirs, s.DataDir)
		return nil
	}
	for range 2 {
		if code, _, errOut := run(t, Env{Desktop: desktop}, "--data-dir", old); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	if !slices.Equal(dirs, []string{moved, moved}) {
		t.Errorf("data dirs %q, want %q twice", dirs, moved)
	}
	b, err := os.ReadFile(filepath.Join(moved, LogFileName))
	if err != nil || !strings.Contains(string(b), "data folder operation applied") {
		t.Errorf("log in the new folder: %v %q", err, b)
	}
	if _, err := os.Stat(filepath.Join(moved, "boletos.db")); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(old); len(entries) != 1 || entries[0].Name() != datadir.PointerName {
		t.Errorf("old folder: %v", entries)
	}
	// The outcome waits in the new folder for the program to show it.
	if out, err := datadir.TakeOutcome(moved); err != nil || out == nil || !out.OK {
		t.Errorf("outcome %+v %v", out, err)
	}
}

// A mode that asks for a restart gets the program started again with the
// same command line; the browser mode's address and token go along in the
// environment, and come back as the serve address and the session's token.
func TestRestart(t *testing.T) {
	dir := t.TempDir()
	var envs [][]string
	restartFn := func(env []string) error {
		envs = append(envs, env)
		return nil
	}
	code, _, errOut := run(t, Env{Restart: restartFn, Desktop: func(context.Context, Session) error { return Restart{} }}, "--data-dir", dir)
	if code != ExitOK || len(envs) != 1 || hasVar(envs[0], envServeAddr) || hasVar(envs[0], envServeToken) {
		t.Fatalf("desktop restart: exit %d %s, env %v", code, errOut, envs)
	}
	if !hasVar(envs[0], "PATH") {
		t.Error("the environment was not passed on")
	}
	token := strings.Repeat("t", 43)
	serve := func(_ context.Context, s Session, addr string) error {
		return Restart{ServeAddr: "127.0.0.1:41234", ServeToken: token}
	}
	code, _, _ = run(t, Env{Restart: restartFn, Serve: serve}, "serve", "--data-dir", dir)
	if code != ExitOK || len(envs) != 2 || !hasVar(envs[1], envServeAddr+"=127.0.0.1:41234") || !hasVar(envs[1], envServeToken+"="+token) {
		t.Fatalf("serve restart: exit %d, env %v", code, envs)
	}

	// The new process: serve listens where the old one did, with its token,
	// and nothing started from it sees them.
	t.Setenv(envServeAddr, "127.0.0.1:41234")
	t.Setenv(envServeToken, token)
	var gotAddr, gotToken string
	code, _, _ = run(t, Env{Serve: func(_ context.Context, s Session, addr string) error {
		gotAddr, gotToken = addr, s.ServeToken
		return nil
	}}, "serve", "--addr", "127.0.0.1:0", "--data-dir", dir)
	if code != ExitOK || gotAddr != "127.0.0.1:41234" || gotToken != token {
		t.Errorf("resumed serve: exit %d addr %q token %q", code, gotAddr, gotToken)
	}
	if os.Getenv(envServeAddr) != "" || os.Getenv(envServeToken) != "" {
		t.Error("the token stayed in the environment")
	}

	// A restart that cannot happen says so.
	code, _, errOut = run(t, Env{Restart: func([]string) error { return fmt.Errorf("exec: no such file") },
		Desktop: func(context.Context, Session) error { return Restart{} }}, "--data-dir", dir)
	if code != ExitFailure || !strings.Contains(errOut, "não foi possível reiniciar o programa sozinho") {
		t.Errorf("failed restart: exit %d %q", code, errOut)
	}
}

func hasVar(env []string, kv string) bool {
	for _, e := range env {
		if e == kv || strings.HasPrefix(e, kv+"=") {
			return true
		}
	}
	return false
}
