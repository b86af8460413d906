package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/backup"
	"boletos/internal/datadir"
)

// backupCallTimeout bounds a backup of the database (seconds for the
// largest stores).
const backupCallTimeout = 5 * time.Minute

// Backups is the backup part of Configurações: the automatic daily copies
// of the database, "Fazer backup agora", the list of copies, and
// "Restaurar…": a preview of what a copy holds, then a restart that puts it
// in place before the database is opened (the same as `boletos restore
// ARQUIVO` with the program closed).
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

// BackupPreviewView is what a backup holds, shown before restoring it.
type BackupPreviewView struct {
	Path          string `json:"path"`
	Name          string `json:"name"`
	TakenAt       string `json:"takenAt"` // RFC 3339
	Size          int64  `json:"size"`
	SchemaVersion int    `json:"schemaVersion"`
	// Accounts are the bank accounts in the backup; those with
	// needsCredentials must have their certificate and client secret
	// entered again after the restore (the keychain is not in backups).
	Accounts     []BackupAccountView `json:"accounts"`
	Payers       int                 `json:"payers"`
	Boletos      []BackupStateView   `json:"boletos"` // states with boletos, in lifecycle order
	TotalBoletos int                 `json:"totalBoletos"`
	LastBoletoAt string              `json:"lastBoletoAt"` // RFC 3339; "" when none
	// Problem says why this program cannot restore it ("" when it can).
	Problem string `json:"problem"`
}

// BackupAccountView is an account found in a backup.
type BackupAccountView struct {
	Name              string `json:"name"`
	EnvironmentLabel  string `json:"environmentLabel"`
	DirectIntegration bool   `json:"directIntegration"`
	NeedsCredentials  bool   `json:"needsCredentials"`
}

// BackupStateView is the number of boletos of a backup in one state.
type BackupStateView struct {
	State string `json:"state"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Preview describes the backup file at path (from the list, or any other
// file) without changing anything.
func (f *Backups) Preview(path string) (BackupPreviewView, error) {
	path, err := f.app.backupFile(path)
	if err != nil {
		return BackupPreviewView{}, err
	}
	ctx, cancel := f.app.callContext(backupCallTimeout)
	defer cancel()
	p, err := backup.Inspect(ctx, path)
	if err != nil {
		return BackupPreviewView{}, asField("backupPath", err)
	}
	v := BackupPreviewView{Path: p.Path, Name: filepath.Base(p.Path), TakenAt: p.TakenAt.Format(time.RFC3339), Size: p.Size,
		SchemaVersion: p.SchemaVersion, Accounts: []BackupAccountView{}, Payers: p.Payers, Boletos: []BackupStateView{},
		TotalBoletos: p.TotalBoletos}
	for _, a := range p.Accounts {
		v.Accounts = append(v.Accounts, BackupAccountView{Name: a.Name, EnvironmentLabel: environmentLabels[a.Environment],
			DirectIntegration: a.DirectIntegration, NeedsCredentials: a.NeedsCredentials})
	}
	for _, s := range p.Boletos {
		v.Boletos = append(v.Boletos, BackupStateView{State: string(s.State), Label: s.Label, Count: s.Count})
	}
	if !p.LastBoletoAt.IsZero() {
		v.LastBoletoAt = p.LastBoletoAt.Format(time.RFC3339)
	}
	if err := p.Restorable(); err != nil {
		_, v.Problem = apperr.Describe(err)
	}
	return v, nil
}

// Restore puts the backup at path in place of the data: it is checked, the
// restore recorded in the data folder, and the program restarts to carry it
// out before opening the database (a copy of the current data is kept in
// the backup folder first). It returns the preview of what is restored; the
// session ends a moment later.
func (f *Backups) Restore(path string) (BackupPreviewView, error) {
	if err := f.app.checkNotRestarting(); err != nil {
		return BackupPreviewView{}, err
	}
	v, err := f.Preview(path)
	if err != nil {
		return BackupPreviewView{}, err
	}
	if v.Problem != "" {
		return BackupPreviewView{}, &apperr.Error{Code: apperr.CodeConflict, Message: v.Problem,
			Fields: []apperr.FieldProblem{{Field: "backupPath", Message: v.Problem}}}
	}
	if err := f.app.scheduleAndRestart(datadir.Pending{Op: datadir.OpRestore, From: v.Path}); err != nil {
		return BackupPreviewView{}, err
	}
	return v, nil
}

// ChooseFile asks for a backup file in the system's dialog (desktop only)
// and returns it, or "" when the user gave up.
func (f *Backups) ChooseFile() (string, error) {
	wctx, err := f.app.dialogWindow("digite o caminho do arquivo do backup no campo")
	if err != nil {
		return "", err
	}
	dir := ""
	if f.app.cfg.DataDir != "" {
		dir = existingParent(backup.DefaultDir(f.app.cfg.DataDir))
	}
	path, err := runtime.OpenFileDialog(wctx, runtime.OpenDialogOptions{
		Title:            "Escolha o backup a restaurar",
		DefaultDirectory: dir,
		Filters:          []runtime.FileFilter{{DisplayName: "Backups do Boletos (*.db)", Pattern: "*.db"}},
	})
	if err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível abrir a janela para escolher o arquivo. Digite o caminho do backup.")
	}
	return path, nil
}

// backupFile checks the path of a backup to restore: a whole path to a
// file that exists and is not the database in use.
func (a *App) backupFile(path string) (string, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return "", fieldError("backupPath", "Arquivo do backup: informe o caminho do arquivo a restaurar.")
	}
	if !filepath.IsAbs(path) {
		return "", fieldError("backupPath", fmt.Sprintf(
			"Arquivo do backup: informe o caminho completo do arquivo (por exemplo %s), não %q.", filepath.Join(backup.DefaultDir(a.cfg.DataDir), "boletos-2026-05-10T0300.db"), path))
	}
	path = filepath.Clean(path)
	st, err := os.Stat(path)
	if err != nil {
		return "", fieldError("backupPath", fmt.Sprintf("Arquivo do backup: o arquivo %s não existe ou não pode ser lido.", path))
	}
	if st.IsDir() {
		return "", fieldError("backupPath", fmt.Sprintf("Arquivo do backup: %s é uma pasta; escolha o arquivo .db do backup.", path))
	}
	if a.cfg.DataDir != "" {
		if live, err := os.Stat(filepath.Join(a.cfg.DataDir, backup.DatabaseName)); err == nil && os.SameFile(st, live) {
			return "", fieldError("backupPath", fmt.Sprintf(
				"Arquivo do backup: %s é o próprio arquivo de dados em uso, não um backup. Escolha um arquivo da pasta de backups.", path))
		}
	}
	return path, nil
}
