// Package cli is the command line of the boletos binary: the global flags, the
// choice between the desktop window and a headless subcommand, and the
// subcommands themselves. It turns every failure into one Portuguese sentence
// and an exit code; it never shows a stack trace.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"boletos/internal/apperr"
	"boletos/internal/datadir"
	"boletos/internal/restart"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and failed (invalid code, bank refused…)
	ExitUsage   = 2 // the command line itself is wrong
)

// Session is what a mode needs from the command line.
type Session struct {
	DataDir string
	Demo    bool // --demo: start with the demo account when there is none
	Logger  *slog.Logger
	// LogLevel is the level of Logger, changeable while the program runs
	// (Configurações). LogLevelFixed: --log-level was given, and wins over
	// the level stored in the settings for this run.
	LogLevel      *slog.LevelVar
	LogLevelFixed bool
	// ServeToken is the token of the browser session a restart resumes
	// (empty: serve makes a new one).
	ServeToken string
	Stdout     io.Writer
	Stderr     io.Writer
}

// Restart is returned by a mode (desktop or serve) that ended so that the
// program starts again with the same command line: after a move of the data
// folder or a restore, applied at the next start. The browser mode passes
// its address and token on, so that the open page keeps working.
type Restart struct {
	ServeAddr  string
	ServeToken string
}

func (Restart) Error() string { return "restart requested" }

// Internal variables that carry the browser session across a restart.
const (
	envServeAddr  = "BOLETOS_RESTART_ADDR"
	envServeToken = "BOLETOS_RESTART_TOKEN"
)

// Env is what main.go hands to Main: the version and the modes that need the
// façades (wired in main.go, so this package does not know the Wails seam).
type Env struct {
	Version string
	Stdout  io.Writer
	Stderr  io.Writer
	Desktop func(ctx context.Context, s Session) error
	Serve   func(ctx context.Context, s Session, addr string) error
	// Restart starts the program again with env as its environment
	// (restart.Exec when nil); on Unix it does not return when it works.
	Restart func(env []string) error
}

// globals are the flags every mode understands.
type globals struct {
	dataDir  string
	logLevel string
	// logLevelSet: --log-level was on the command line.
	logLevelSet bool
	demo        bool
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.dataDir, "data-dir", g.dataDir, "pasta dos dados (padrão: pasta de configuração do usuário/boletos)")
	fs.Var(levelFlag{g}, "log-level", "detalhe do registro: debug, info, warn ou error")
	fs.BoolVar(&g.demo, "demo", g.demo, "ao abrir sem nenhuma conta, cria a conta de demonstração (simulada)")
}

// levelFlag is --log-level, remembering that it was given.
type levelFlag struct{ g *globals }

func (f levelFlag) String() string {
	if f.g == nil {
		return ""
	}
	return f.g.logLevel
}

func (f levelFlag) Set(v string) error {
	f.g.logLevel, f.g.logLevelSet = v, true
	return nil
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	// needsData: the command opens the data dir (created and checked first).
	needsData bool
	// bind registers the command's own flags and returns what runs it with
	// the positional arguments.
	bind func(fs *flag.FlagSet) runner
}

type runner func(ctx context.Context, c *invocation, args []string) error

// invocation carries the parsed globals and the environment to a subcommand.
type invocation struct {
	env     Env
	globals globals
	session Session
	// resume is the browser session handed over by a restart.
	resume Restart
}

func commands() []command {
	return []command{
		{name: "serve", summary: "abre a mesma interface no navegador (só neste computador)", needsData: true, bind: bindServe},
		{name: "barcode", summary: "valida e decodifica um código de barras ou linha digitável de boleto", bind: bindBarcode},
		{name: "pix", summary: "valida e decodifica um Pix copia e cola", bind: bindPix},
		{name: "sim", summary: "executa o simulador do Banco Inter neste computador", needsData: true, bind: bindSim},
		{name: "account", summary: "cadastra, lista e testa contas do Banco Inter", needsData: true, bind: bindAccount},
		{name: "import", summary: "cria rascunhos a partir de NF-e, CT-e, NFS-e (XML, ZIP ou pasta) e planilhas CSV (--dry-run só mostra)", needsData: true, bind: bindImport},
		{name: "issue", summary: "emite boletos de um arquivo JSON ou rascunhos já salvos", needsData: true, bind: bindIssue},
		{name: "sync", summary: "consulta o banco uma vez e mostra o que mudou (pagamentos, baixas)", needsData: true, bind: bindSync},
		{name: "list", summary: "lista os boletos (tabela ou JSON)", needsData: true, bind: bindList},
		{name: "cancel", summary: "cancela (baixa) um boleto emitido", needsData: true, bind: bindCancel},
		{name: "print", summary: "gera o PDF de boletos ou de um carnê", needsData: true, bind: bindPrint},
		{name: "backup", summary: "faz um backup dos dados agora (backup list: mostra os backups)", needsData: true, bind: bindBackup},
		{name: "restore", summary: "restaura um backup; o programa precisa estar fechado", needsData: true, bind: bindRestore},
		{name: "version", summary: "mostra a versão do programa", bind: bindVersion},
	}
}

// Main runs the program and returns the process exit code.
func Main(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &invocation{env: env, globals: globals{logLevel: "info"}, resume: takeResume()}

	root := flag.NewFlagSet("boletos", flag.ContinueOnError)
	root.SetOutput(io.Discard)
	c.globals.register(root)
	if err := root.Parse(args); err != nil {
		return c.usageError(err)
	}
	rest := root.Args()
	if len(rest) == 0 {
		return c.end(c.start(ctx, true, func(ctx context.Context) error {
			return env.Desktop(ctx, c.session)
		}))
	}
	name := rest[0]
	if name == "help" || name == "ajuda" {
		c.printUsage(env.Stdout)
		return ExitOK
	}
	for _, cmd := range commands() {
		if cmd.name != name {
			continue
		}
		fs := c.newFlagSet(name)
		run := cmd.bind(fs)
		positional, err := parseArgs(fs, rest[1:])
		if err != nil {
			return c.usageError(err)
		}
		return c.end(c.start(ctx, cmd.needsData, func(ctx context.Context) error {
			return run(ctx, c, positional)
		}))
	}
	fmt.Fprintf(env.Stderr, "boletos: comando desconhecido %q. Use 'boletos help' para ver os comandos.\n", name)
	return ExitUsage
}

// start prepares the data dir and the logger, then runs fn.
//
// The data dir named on the command line (or the default one) may have
// moved: its pointer file is followed. An operation the program scheduled
// there before restarting (a move of the folder, a restore) is applied
// before anything else opens the folder.
func (c *invocation) start(ctx context.Context, needsData bool, fn func(context.Context) error) error {
	level, err := parseLevel(c.globals.logLevel)
	if err != nil {
		return err
	}
	levelVar := new(slog.LevelVar)
	levelVar.Set(level)
	c.session = Session{Stdout: c.env.Stdout, Stderr: c.env.Stderr, Demo: c.globals.demo,
		LogLevel: levelVar, LogLevelFixed: c.globals.logLevelSet, ServeToken: c.resume.ServeToken}
	logOut := io.Writer(c.env.Stderr)
	var outcome *datadir.Outcome
	var rotateErr error
	if needsData {
		dir, err := prepareDataDir(c.globals.dataDir)
		if err != nil {
			return err
		}
		if dir, outcome, err = datadir.ApplyPending(ctx, dir, datadir.Options{}); err != nil {
			return err
		}
		c.session.DataDir = dir
		logPath := filepath.Join(dir, LogFileName)
		rotateErr = rotateLog(logPath, LogMaxSize, LogKeep)
		f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return dataDirError(dir, err)
		}
		defer f.Close()
		logOut = io.MultiWriter(c.env.Stderr, f)
	}
	c.session.Logger = slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: levelVar}))
	if rotateErr != nil {
		c.session.Logger.Warn("log rotation failed", "err", rotateErr)
	}
	if outcome != nil {
		if outcome.OK {
			c.session.Logger.Info("data folder operation applied", "op", outcome.Op, "data_dir", c.session.DataDir, "result", outcome.Message)
		} else {
			c.session.Logger.Warn("data folder operation failed", "op", outcome.Op, "data_dir", c.session.DataDir, "result", outcome.Message, "err", outcome.Err)
		}
	}
	return fn(ctx)
}

// end turns the outcome of a run into the exit code, starting the program
// again when the mode asked for it.
func (c *invocation) end(err error) int {
	var r Restart
	if !errors.As(err, &r) {
		return c.finish(err)
	}
	var set []string
	if r.ServeAddr != "" && r.ServeToken != "" {
		set = []string{envServeAddr + "=" + r.ServeAddr, envServeToken + "=" + r.ServeToken}
	}
	exec := c.env.Restart
	if exec == nil {
		exec = restart.Exec
	}
	if err := exec(restart.Environ([]string{envServeAddr, envServeToken}, set...)); err != nil {
		fmt.Fprintf(c.env.Stderr, "boletos: não foi possível reiniciar o programa sozinho (%v). Abra-o de novo.\n", err)
		return ExitFailure
	}
	return ExitOK // Windows: the new process carries on
}

// takeResume reads the browser session a restart handed over and removes it
// from the environment, so that no program started from here sees it.
func takeResume() Restart {
	r := Restart{ServeAddr: os.Getenv(envServeAddr), ServeToken: os.Getenv(envServeToken)}
	if r.ServeAddr != "" || r.ServeToken != "" {
		os.Unsetenv(envServeAddr)
		os.Unsetenv(envServeToken)
	}
	if r.ServeAddr == "" || r.ServeToken == "" {
		return Restart{}
	}
	return r
}

// finish prints a failure as one sentence and picks the exit code.
func (c *invocation) finish(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageErr
	if errors.As(err, &ue) {
		return c.usageError(err)
	}
	var silent silentErr
	if errors.As(err, &silent) {
		return ExitFailure
	}
	code, msg := apperr.Describe(err)
	if code == apperr.CodeCanceled {
		return ExitOK // Ctrl+C
	}
	if c.session.Logger != nil {
		c.session.Logger.Debug("command failed", "err", err)
	}
	fmt.Fprintf(c.env.Stderr, "boletos: %s\n", msg)
	return ExitFailure
}

func (c *invocation) usageError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		c.printUsage(c.env.Stdout)
		return ExitOK
	}
	fmt.Fprintf(c.env.Stderr, "boletos: %s\nUse 'boletos help' para ver os comandos e opções.\n", translateFlagError(err))
	return ExitUsage
}

func (c *invocation) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Boletos — Banco Inter %s\n\nUso:\n  boletos [opções]               abre o programa (janela)\n  boletos <comando> [opções]\n\nComandos:\n", c.env.Version)
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, "  help       mostra esta ajuda\n\nOpções de todos os comandos:\n")
	fmt.Fprint(w, "  --data-dir PASTA   pasta dos dados (padrão: pasta de configuração do usuário/boletos)\n")
	fmt.Fprint(w, "  --log-level NÍVEL  debug, info, warn ou error (padrão: info)\n")
	fmt.Fprint(w, "  --demo             ao abrir sem nenhuma conta, cria a conta de demonstração (simulada)\n")
	fmt.Fprint(w, "  --json             saída em JSON (comandos que mostram dados)\n")
}

// usageErr marks a wrong command line (exit 2).
type usageErr struct{ msg string }

func (e usageErr) Error() string { return e.msg }

// silentErr marks a failure already reported on stdout (exit 1, nothing more).
type silentErr struct{}

func (silentErr) Error() string { return "reported" }

func translateFlagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "opção desconhecida " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "a opção " + strings.TrimPrefix(msg, "flag needs an argument: ") + " precisa de um valor"
	}
	return msg
}

func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info", "":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, usageErr{fmt.Sprintf("--log-level %q inválido: use debug, info, warn ou error", s)}
}

// prepareDataDir resolves the data dir (the default one when dir is empty,
// and where its pointer file says the data moved), creates it and checks
// that it can be written, so that a read-only or missing folder is one clear
// sentence.
func prepareDataDir(dir string) (string, error) {
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", apperr.Wrap(apperr.CodeUnavailable, err,
				"Não foi possível descobrir a pasta de configuração do usuário. Informe a pasta dos dados com --data-dir PASTA.")
		}
		dir = filepath.Join(base, "boletos")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", dataDirError(dir, err)
	}
	if dir, err = datadir.Resolve(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", dataDirError(dir, err)
	}
	probe, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return "", dataDirError(dir, err)
	}
	name := probe.Name()
	probe.Close()
	if err := os.Remove(name); err != nil {
		return "", dataDirError(dir, err)
	}
	return dir, nil
}

func dataDirError(dir string, err error) error {
	return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
		"Não foi possível gravar na pasta de dados %s. Verifique as permissões dessa pasta ou escolha outra com --data-dir PASTA.", dir))
}

// parseArgs parses flags that may come before or after the positional
// arguments (`boletos barcode CODE --json`).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr{translateFlagError(err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// newFlagSet makes a subcommand's flag set with the global flags on it.
func (c *invocation) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("boletos "+name, flag.ContinueOnError)
	c.globals.register(fs)
	return fs
}
