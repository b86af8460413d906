package app

import (
	"time"

	"boletos/internal/apperr"
	"boletos/internal/backup"
)

// backupCallTimeout bounds a backup of the database (seconds for the
// largest stores).
const backupCallTimeout = 5 * time.Minute

// Backups is the backup part of Configurações: the automatic daily copies
// of the database, "Fazer backup agora" and the list of copies. Restoring
// needs the program closed: `boletos restore ARQUIVO`.
type Backups struct{ app *App }

// BackupView is one copy of the database.
type BackupView struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	TakenAt string `json:"takenAt"` // RFC 3339
	Size    int64  `json:"size"`
}

// BackupsView is the folder of copies and its content, newest first.
type BackupsView struct {
	Dir     string       `json:"dir"`
	Backups []BackupView `json:"backups"`
}

// List returns the copies kept.
func (f *Backups) List() (BackupsView, error) {
	s, err := f.app.backups()
	if err != nil {
		return BackupsView{}, err
	}
	list, err := backup.List(s.Dir())
	if err != nil {
		return BackupsView{}, err
	}
	out := BackupsView{Dir: s.Dir(), Backups: make([]BackupView, len(list))}
	for i, b := range list {
		out.Backups[i] = BackupView{Name: b.Name, Path: b.Path, Kind: string(b.Kind), TakenAt: b.TakenAt.Format(time.RFC3339), Size: b.Size}
	}
	return out, nil
}

// BackupNow takes a copy now ("Fazer backup agora").
func (f *Backups) BackupNow() (BackupView, error) {
	s, err := f.app.backups()
	if err != nil {
		return BackupView{}, err
	}
	ctx, cancel := f.app.callContext(backupCallTimeout)
	defer cancel()
	b, err := s.BackupNow(ctx)
	if err != nil {
		return BackupView{}, err
	}
	return BackupView{Name: b.Name, Path: b.Path, Kind: string(b.Kind), TakenAt: b.TakenAt.Format(time.RFC3339), Size: b.Size}, nil
}

// UseBackups hands the app the backup scheduler: Configurações uses it,
// and Start and Shutdown run its daily copy. Call it before Start.
func (a *App) UseBackups(s *backup.Scheduler) {
	a.mu.Lock()
	a.backup = s
	a.mu.Unlock()
	a.AddWorkers(s)
}

func (a *App) backups() (*backup.Scheduler, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.backup == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "As cópias de segurança não estão ativas nesta sessão.")
	}
	return a.backup, nil
}
