package app

import (
	"log/slog"
	"sync"
	"time"

	"boletos/internal/datadir"
)

// System answers what the shell needs about the program itself, and holds
// the program's own settings of Configurações (settings.go): the interval of
// the payment checks, the log level, the data folder and the restart that
// moving it or restoring a backup needs.
type System struct {
	app *App

	mu sync.Mutex
	// set by UseSettings
	logLevel      *slog.LevelVar
	logLevelFixed bool
	logFile       string
	openFolder    func(dir string) error
	// outcome is the move or restore applied as this session started.
	outcome *datadir.Outcome
	// startedAt tells this session from the one after a restart.
	startedAt time.Time
	// quit ends the session for a restart (browser mode); nil: the
	// window's runtime.Quit.
	quit       func()
	restarting bool
}

// SystemInfo is shown in the header and the about page.
type SystemInfo struct {
	Version  string   `json:"version"`
	DataDir  string   `json:"dataDir"`
	Warnings []string `json:"warnings"` // pt-BR sentences, e.g. no keychain
}

// Info returns the version and where the data lives.
func (s *System) Info() (SystemInfo, error) {
	return SystemInfo{Version: s.app.cfg.Version, DataDir: s.app.cfg.DataDir, Warnings: s.app.Warnings()}, nil
}
