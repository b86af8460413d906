package app

import (
	"time"

	"boletos/internal/backup"
	"boletos/internal/store"
)

// settingWelcomeDismissed records when the first-run welcome was closed.
const settingWelcomeDismissed = "welcome.dismissed"

// WelcomeView is the first-run welcome on the Painel: the demo account
// versus a real Inter account, where the data lives and how it is backed up.
type WelcomeView struct {
	Show           bool   `json:"show"`
	DataDir        string `json:"dataDir"`
	BackupDir      string `json:"backupDir"`
	HasDemo        bool   `json:"hasDemo"`
	HasRealAccount bool   `json:"hasRealAccount"`
}

// Welcome tells the Painel whether to show the welcome: until the user
// closes it, and never once a real (non-simulated) account is connected.
func (s *System) Welcome() (WelcomeView, error) {
	a := s.app
	v := WelcomeView{DataDir: a.cfg.DataDir, BackupDir: backup.DefaultDir(a.cfg.DataDir)}
	if b, err := a.backups(); err == nil {
		v.BackupDir = b.Dir()
	}
	if a.cfg.Store == nil || a.cfg.Accounts == nil {
		return v, nil
	}
	ctx, cancel := a.callContext(welcomeCallTimeout)
	defer cancel()
	_, dismissed, err := a.cfg.Store.GetSetting(ctx, settingWelcomeDismissed)
	if err != nil {
		return WelcomeView{}, err
	}
	list, err := a.cfg.Accounts.List(ctx)
	if err != nil {
		return WelcomeView{}, err
	}
	for _, acc := range list {
		switch acc.Environment {
		case store.EnvDemo, store.EnvSimulator:
			v.HasDemo = v.HasDemo || acc.Environment == store.EnvDemo
		default:
			v.HasRealAccount = true
		}
	}
	v.Show = !dismissed && !v.HasRealAccount
	return v, nil
}

// DismissWelcome closes the welcome for good.
func (s *System) DismissWelcome() error {
	a := s.app
	if a.cfg.Store == nil {
		return nil
	}
	ctx, cancel := a.callContext(welcomeCallTimeout)
	defer cancel()
	return a.cfg.Store.SetSetting(ctx, settingWelcomeDismissed, a.cfg.Now().UTC().Format(time.RFC3339))
}

// welcomeCallTimeout bounds the welcome's two reads of SQLite.
const welcomeCallTimeout = 15 * time.Second
