package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/datadir"
	"boletos/internal/retorno"
	"boletos/internal/store"
	"boletos/internal/sysopen"
)

// Settings of the program itself (Configurações): how often the bank is
// asked about payments, how much the log says, where the data live. They
// are bound on System; this file holds them.

// Names of the settings in the store.
const (
	settingPollMinutes = "settings.poll_minutes"
	settingLogLevel    = "settings.log_level"
)

// PollMinuteOptions are the choices of "Verificar pagamentos a cada".
var PollMinuteOptions = []int{5, 10, 15, 30, 60}

// logLevels are the choices of "Detalhe do registro", by their stored name.
var logLevels = map[string]slog.Level{
	"debug": slog.LevelDebug,
	"info":  slog.LevelInfo,
	"warn":  slog.LevelWarn,
	"error": slog.LevelError,
}

// restartDelay lets the answer of the call that asked for a restart reach
// the page before the session ends.
const restartDelay = 300 * time.Millisecond

const settingsCallTimeout = 10 * time.Second

// SettingsConfig is what main.go hands the settings from the command line.
type SettingsConfig struct {
	// LogLevel is the level of the program's logger. LogLevelFixed: it
	// was given with --log-level, and wins over the stored choice for this
	// run.
	LogLevel      *slog.LevelVar
	LogLevelFixed bool
	// LogFile is the log being written (DATA/boletos.log).
	LogFile string
	// OpenFolder shows a folder in the file manager; nil: sysopen.OpenFolder.
	OpenFolder func(dir string) error
}

// UseSettings applies the stored settings to the session (the poller's
// interval, the log level) and picks up the outcome of a move or restore
// applied as the program started: a failure, or accounts whose credentials
// must be entered again, becomes a warning on every screen. Call it after
// UseBoletoServices and before Start.
func (a *App) UseSettings(c SettingsConfig) {
	if c.OpenFolder == nil {
		c.OpenFolder = sysopen.OpenFolder
	}
	if c.LogLevel == nil {
		c.LogLevel = new(slog.LevelVar)
	}
	s := a.System
	s.mu.Lock()
	s.logLevel, s.logLevelFixed, s.logFile, s.openFolder = c.LogLevel, c.LogLevelFixed, c.LogFile, c.OpenFolder
	s.startedAt = time.Now()
	s.mu.Unlock()

	if a.cfg.DataDir != "" {
		out, err := datadir.TakeOutcome(a.cfg.DataDir)
		if err != nil {
			a.log.Warn("reading the outcome of the last data folder operation", "err", err)
		}
		if out != nil {
			s.mu.Lock()
			s.outcome = out
			s.mu.Unlock()
			if !out.OK {
				a.warn(out.Message)
			} else if len(out.NeedCredentials) > 0 {
				a.warn(fmt.Sprintf("Backup restaurado. O certificado e o client secret ficam no chaveiro do sistema e não vão no backup: cadastre-os de novo em Contas bancárias para %s.",
					strings.Join(out.NeedCredentials, ", ")))
			}
		}
	}
	if a.cfg.Store == nil {
		return
	}
	ctx, cancel := context.WithTimeout(a.ctx, settingsCallTimeout)
	defer cancel()
	if m, ok := a.storedPollMinutes(ctx); ok {
		if p := a.poller(); p != nil {
			p.SetInterval(time.Duration(m) * time.Minute)
		}
	}
	if !c.LogLevelFixed {
		if v, ok, err := a.cfg.Store.GetSetting(ctx, settingLogLevel); err == nil && ok {
			if l, known := logLevels[v]; known {
				c.LogLevel.Set(l)
			}
		}
	}
}

func (a *App) poller() *retorno.Poller {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.retorno
}

// storedPollMinutes is the stored interval, when there is a valid one.
func (a *App) storedPollMinutes(ctx context.Context) (int, bool) {
	v, ok, err := a.cfg.Store.GetSetting(ctx, settingPollMinutes)
	if err != nil || !ok {
		return 0, false
	}
	m, err := strconv.Atoi(v)
	if err != nil || !slices.Contains(PollMinuteOptions, m) {
		return 0, false
	}
	return m, true
}

// SettingsView is the program part of Configurações.
type SettingsView struct {
	// PollMinutes is the pause between checks at the bank while boletos
	// are open, one of PollOptions.
	PollMinutes int   `json:"pollMinutes"`
	PollOptions []int `json:"pollOptions"`
	// LogLevel is the chosen "Detalhe do registro": debug, info, warn or
	// error. LogLevelFlag is the level --log-level imposes on this run
	// ("" when it was not given): the choice applies from the next start
	// without it.
	LogLevel     string `json:"logLevel"`
	LogLevelFlag string `json:"logLevelFlag"`
	LogFile      string `json:"logFile"`
	LogDir       string `json:"logDir"`
	DataDir      string `json:"dataDir"`
	// Desktop: the window, with the system's dialogs and file manager;
	// false in the browser mode, where paths are typed and copied.
	Desktop bool `json:"desktop"`
	// LastOperation is the move or restore applied as the program started
	// this time; null when there was none.
	LastOperation *OperationView `json:"lastOperation"`
	// SessionStarted changes when the program restarts: the page waits for
	// a new value before it reloads.
	SessionStarted string `json:"sessionStarted"`
}

// OperationView is the outcome of a move of the data folder or a restore.
type OperationView struct {
	Op              string   `json:"op"` // move | restore
	OK              bool     `json:"ok"`
	Message         string   `json:"message"` // pt-BR
	NeedCredentials []string `json:"needCredentials"`
	At              string   `json:"at"` // RFC 3339
}

// Settings returns the program settings.
func (s *System) Settings() (SettingsView, error) {
	ctx, cancel := s.app.callContext(settingsCallTimeout)
	defer cancel()
	return s.view(ctx)
}

func (s *System) view(ctx context.Context) (SettingsView, error) {
	a := s.app
	v := SettingsView{
		PollMinutes: int(retorno.DefaultNormalInterval / time.Minute),
		PollOptions: PollMinuteOptions,
		LogLevel:    "info",
		DataDir:     a.cfg.DataDir,
		Desktop:     a.inWindow(),
	}
	if p := a.poller(); p != nil {
		v.PollMinutes = int(p.Interval() / time.Minute)
	}
	if a.cfg.Store != nil {
		if m, ok := a.storedPollMinutes(ctx); ok {
			v.PollMinutes = m
		}
		stored, ok, err := a.cfg.Store.GetSetting(ctx, settingLogLevel)
		if err != nil {
			return SettingsView{}, err
		}
		if _, known := logLevels[stored]; ok && known {
			v.LogLevel = stored
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.logLevelFixed && s.logLevel != nil {
		v.LogLevelFlag = levelName(s.logLevel.Level())
	}
	if !s.startedAt.IsZero() {
		v.SessionStarted = s.startedAt.Format(time.RFC3339Nano)
	}
	v.LogFile = s.logFile
	if v.LogFile == "" && a.cfg.DataDir != "" {
		v.LogFile = filepath.Join(a.cfg.DataDir, "boletos.log")
	}
	if v.LogFile != "" {
		v.LogDir = filepath.Dir(v.LogFile)
	}
	if o := s.outcome; o != nil {
		v.LastOperation = &OperationView{Op: o.Op, OK: o.OK, Message: o.Message, NeedCredentials: append([]string{}, o.NeedCredentials...),
			At: o.At.Format(time.RFC3339)}
	}
	return v, nil
}

func levelName(l slog.Level) string {
	for name, level := range logLevels {
		if level == l {
			return name
		}
	}
	return strings.ToLower(l.String())
}

// SetPollInterval stores "Verificar pagamentos a cada" (minutes) and applies
// it to the running poller at once.
func (s *System) SetPollInterval(minutes int) (SettingsView, error) {
	if !slices.Contains(PollMinuteOptions, minutes) {
		return SettingsView{}, fieldError("pollMinutes", fmt.Sprintf(
			"Verificar pagamentos a cada: escolha um dos intervalos oferecidos (%s minutos); %d não é um deles.", optionsText(), minutes))
	}
	st, err := s.store()
	if err != nil {
		return SettingsView{}, err
	}
	ctx, cancel := s.app.callContext(settingsCallTimeout)
	defer cancel()
	if err := st.SetSetting(ctx, settingPollMinutes, strconv.Itoa(minutes)); err != nil {
		return SettingsView{}, err
	}
	if p := s.app.poller(); p != nil {
		p.SetInterval(time.Duration(minutes) * time.Minute)
	}
	s.app.log.Info("poll interval changed", "minutes", minutes)
	return s.view(ctx)
}

// SetLogLevel stores "Detalhe do registro" (debug, info, warn or error) and
// applies it at once, unless --log-level imposes another for this run.
func (s *System) SetLogLevel(level string) (SettingsView, error) {
	l, ok := logLevels[level]
	if !ok {
		return SettingsView{}, fieldError("logLevel", fmt.Sprintf(
			"Detalhe do registro: escolha Normal, Detalhado, Só avisos ou Só erros (%q não é uma opção).", level))
	}
	st, err := s.store()
	if err != nil {
		return SettingsView{}, err
	}
	ctx, cancel := s.app.callContext(settingsCallTimeout)
	defer cancel()
	if err := st.SetSetting(ctx, settingLogLevel, level); err != nil {
		return SettingsView{}, err
	}
	s.mu.Lock()
	if !s.logLevelFixed && s.logLevel != nil {
		s.logLevel.Set(l)
	}
	s.mu.Unlock()
	s.app.log.Info("log level changed", "level", level)
	return s.view(ctx)
}

// OpenLogFolder shows the folder of the log in the system's file manager
// and returns it. In the browser mode the page shows the path instead.
func (s *System) OpenLogFolder() (string, error) {
	v, err := s.view(s.app.ctx)
	if err != nil {
		return "", err
	}
	if v.LogDir == "" {
		return "", apperr.New(apperr.CodeUnavailable, "Esta sessão não tem pasta de dados.")
	}
	s.mu.Lock()
	open := s.openFolder
	s.mu.Unlock()
	if open == nil {
		open = sysopen.OpenFolder
	}
	if err := open(v.LogDir); err != nil {
		return "", err
	}
	return v.LogDir, nil
}

// ChooseDataFolder asks for the new data folder in the system's dialog
// (desktop only) and returns it, or "" when the user gave up.
func (s *System) ChooseDataFolder() (string, error) {
	wctx, err := s.app.dialogWindow("digite o caminho da nova pasta no campo")
	if err != nil {
		return "", err
	}
	path, err := runtime.OpenDirectoryDialog(wctx, runtime.OpenDialogOptions{
		Title:                "Escolha a nova pasta dos dados (vazia)",
		DefaultDirectory:     existingParent(filepath.Dir(s.app.cfg.DataDir)),
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível abrir a janela para escolher a pasta. Digite o caminho da nova pasta.")
	}
	return path, nil
}

// CheckDataFolder validates a new data folder without moving anything: what
// "Mover…" shows before asking for confirmation. It returns the path as it
// will be used.
func (s *System) CheckDataFolder(path string) (string, error) {
	target, err := datadir.ValidateMoveTarget(s.app.cfg.DataDir, path, nil)
	if err != nil {
		return "", asField("dataDir", err)
	}
	return target, nil
}

// MoveDataFolder moves the data to path: the folder is checked, the move
// recorded in the data folder, and the program restarts to carry it out
// before opening the data (see internal/datadir). It returns the new
// folder; the session ends a moment later.
func (s *System) MoveDataFolder(path string) (string, error) {
	if err := s.app.checkNotRestarting(); err != nil {
		return "", err
	}
	target, err := s.CheckDataFolder(path)
	if err != nil {
		return "", err
	}
	if err := s.app.scheduleAndRestart(datadir.Pending{Op: datadir.OpMove, To: target}); err != nil {
		return "", err
	}
	return target, nil
}

func (s *System) store() (*store.Store, error) {
	if s.app.cfg.Store == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "As configurações não podem ser gravadas nesta sessão.")
	}
	return s.app.cfg.Store, nil
}

// ---- restart ----

// SetQuit sets how the session ends for a restart in the browser mode (the
// server's shutdown). In the window the runtime quits it.
func (a *App) SetQuit(quit func()) {
	a.System.mu.Lock()
	a.System.quit = quit
	a.System.mu.Unlock()
}

// RestartRequested reports whether the session ended to start the program
// again: main.go does so once everything is closed.
func (a *App) RestartRequested() bool {
	a.System.mu.Lock()
	defer a.System.mu.Unlock()
	return a.System.restarting
}

func (a *App) checkNotRestarting() error {
	if a.RestartRequested() {
		return apperr.New(apperr.CodeConflict, "O Boletos já está reiniciando. Aguarde um instante.")
	}
	return nil
}

// scheduleAndRestart records op in the data folder and restarts the program
// to apply it. When the restart cannot be asked for, the request is taken
// back and nothing changes.
func (a *App) scheduleAndRestart(op datadir.Pending) error {
	if a.cfg.DataDir == "" {
		return apperr.New(apperr.CodeUnavailable, "Esta sessão não tem pasta de dados.")
	}
	op.RequestedAt = a.cfg.Now()
	if err := datadir.Schedule(a.cfg.DataDir, op); err != nil {
		return err
	}
	a.log.Info("data folder operation scheduled", "op", op.Op, "data_dir", a.cfg.DataDir, "to", op.To, "backup", op.From)
	if err := a.requestRestart(); err != nil {
		if cerr := datadir.Cancel(a.cfg.DataDir); cerr != nil {
			a.log.Error("taking back a scheduled operation", "err", cerr)
		}
		return err
	}
	return nil
}

// requestRestart ends the session a moment from now (the window quits, or
// the browser mode's server stops); main.go then starts the program again.
func (a *App) requestRestart() error {
	s := a.System
	a.mu.RLock()
	wctx := a.wailsCtx
	a.mu.RUnlock()
	s.mu.Lock()
	quit := s.quit
	if quit == nil && wctx != nil {
		quit = func() { runtime.Quit(wctx) }
	}
	if quit == nil {
		s.mu.Unlock()
		return apperr.New(apperr.CodeUnavailable, "Esta sessão não pode se reiniciar sozinha. Feche o programa e abra-o de novo.")
	}
	s.restarting = true
	s.mu.Unlock()
	a.log.Info("restarting the program")
	timer := time.NewTimer(restartDelay)
	go func() {
		// Not a.Go: Shutdown, which the quit leads to, waits for those.
		<-timer.C
		quit()
	}()
	return nil
}

// ---- helpers ----

// inWindow reports whether the session runs in the window.
func (a *App) inWindow() bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.wailsCtx != nil
}

// dialogWindow is the Wails runtime context for a dialog, or a clear error
// in the browser mode, where the page asks for the path instead (instead
// says how).
func (a *App) dialogWindow(instead string) (context.Context, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.wailsCtx == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "No navegador não há janela do sistema para escolher: "+instead+".")
	}
	return a.wailsCtx, nil
}

// existingParent is dir, or its nearest existing parent ("" when none).
func existingParent(dir string) string {
	for dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	return ""
}

// fieldError is an input error about one field of the form.
func fieldError(field, msg string) error {
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: []apperr.FieldProblem{{Field: field, Message: msg}}}
}

// asField attaches an input error's message to a field of the form.
func asField(field string, err error) error {
	code, msg := apperr.Describe(err)
	if code != apperr.CodeInvalid {
		return err
	}
	return &apperr.Error{Code: code, Message: msg, Fields: []apperr.FieldProblem{{Field: field, Message: msg}}, Err: err}
}

func optionsText() string {
	parts := make([]string, len(PollMinuteOptions))
	for i, m := range PollMinuteOptions {
		parts[i] = strconv.Itoa(m)
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " ou " + parts[len(parts)-1]
}
