package app

import (
	"path/filepath"
	"testing"
)

func TestWelcomeUntilDismissedOrARealAccount(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	env.app.cfg.DataDir = t.TempDir()

	v, err := env.app.System.Welcome()
	if err != nil || !v.Show || v.HasDemo || v.HasRealAccount {
		t.Fatalf("fresh install: %+v %v, want the welcome", v, err)
	}
	if v.DataDir != env.app.cfg.DataDir || v.BackupDir != filepath.Join(env.app.cfg.DataDir, "backups") {
		t.Errorf("folders %q %q", v.DataDir, v.BackupDir)
	}
	if _, err := env.app.Accounts.CreateDemo(); err != nil {
		t.Fatal(err)
	}
	if v, err := env.app.System.Welcome(); err != nil || !v.Show || !v.HasDemo {
		t.Errorf("with the demo account: %+v %v, want the welcome still", v, err)
	}
	if err := env.app.System.DismissWelcome(); err != nil {
		t.Fatal(err)
	}
	if v, err := env.app.System.Welcome(); err != nil || v.Show {
		t.Errorf("after Fechar: %+v %v", v, err)
	}

	// A clerk who already connected the bank is not welcomed again, even
	// without having closed the welcome.
	other := newAccountsApp(t, nil)
	if _, err := other.app.Accounts.Create(AccountInput{Name: "Loja", Environment: "sandbox", Beneficiary: beneficiaryDTO()}); err != nil {
		t.Fatal(err)
	}
	if v, err := other.app.System.Welcome(); err != nil || v.Show || !v.HasRealAccount {
		t.Errorf("with a real account: %+v %v", v, err)
	}
}
