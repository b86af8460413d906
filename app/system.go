package app

// System answers what the shell needs about the program itself.
type System struct{ app *App }

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
