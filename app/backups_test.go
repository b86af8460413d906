package app

import (
	"path/filepath"
	"testing"

	"boletos/internal/backup"
)

func TestBackupNowAndList(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	if _, err := env.app.Boletos.CreateDraft(validForm(t, env)); err != nil {
		t.Fatal(err)
	}
	if _, err := env.app.Backups.List(); err == nil {
		t.Error("List without a scheduler did not fail")
	}
	dir := filepath.Join(t.TempDir(), "backups")
	env.app.backup = backup.NewScheduler(backup.SchedulerConfig{Store: env.st, Dir: dir})
	b, err := env.app.Backups.BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	p, err := backup.Inspect(t.Context(), b.Path)
	if err != nil || p.TotalBoletos != 1 {
		t.Errorf("backup holds %+v (%v), want the draft", p, err)
	}
	list, err := env.app.Backups.List()
	if err != nil || list.Dir != dir || len(list.Backups) != 1 || list.Backups[0].Path != b.Path || list.Backups[0].Size == 0 {
		t.Errorf("List = %+v %v", list, err)
	}
}
