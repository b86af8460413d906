// Command boletos is the Boletos — Banco Inter desktop application, its
// browser mode and its headless subcommands. This file only wires the pieces.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	// The time zone database, built in: Windows has no zoneinfo files, and
	// due dates and the bank's cut-off times are in America/Sao_Paulo.
	_ "time/tzdata"

	"boletos/app"
	"boletos/internal/accounts"
	"boletos/internal/backup"
	"boletos/internal/cli"
	"boletos/internal/console"
	"boletos/internal/contracts"
	"boletos/internal/importing"
	"boletos/internal/issuing"
	"boletos/internal/keychain"
	"boletos/internal/lockfile"
	"boletos/internal/mail"
	"boletos/internal/notify"
	"boletos/internal/payers"
	"boletos/internal/retorno"
	"boletos/internal/store"
	"boletos/internal/webserve"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "dev"

//go:embed all:frontend/dist
var embedded embed.FS

func main() {
	// Windows: print in the cmd or PowerShell window the program was typed in.
	console.AttachParent()
	if app.GeneratingBindings {
		// `wails generate module` only needs the bound types: touch no data.
		if err := app.New(app.Config{Version: version}).RunDesktop(frontendAssets()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Version: version,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Desktop: runDesktop,
		Serve:   runServe,
	}))
}

func frontendAssets() fs.FS {
	assets, err := fs.Sub(embedded, "frontend/dist")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return assets
}

// openApp opens the data of a session and builds the façades over it. The
// returned function closes what was opened.
func openApp(ctx context.Context, s cli.Session) (*app.App, func(), error) {
	// One program at a time on a data folder: a second window, or a restore,
	// is told so instead of sharing the database.
	lock, err := lockfile.Acquire(s.DataDir)
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, filepath.Join(s.DataDir, "boletos.db"), store.Options{Logger: s.Logger})
	if err != nil {
		lock.Release()
		return nil, nil, err
	}
	keys := keychain.New(keychain.System())
	accts := accounts.New(db, keys, accounts.Options{Logger: s.Logger, DataDir: s.DataDir})
	a := app.New(app.Config{
		Version:   version,
		DataDir:   s.DataDir,
		Logger:    s.Logger,
		Store:     db,
		Keychain:  keys,
		Payers:    payers.New(db, payers.Options{Logger: s.Logger}),
		Accounts:  accts,
		Importing: importing.New(db, nil),

		DemoWhenEmpty: s.Demo,
	})
	// The outbox and the retorno poller reach the bank through the account's
	// client, and the frontend through the app's events.
	clients := accts.BankClients()
	outbox, err := issuing.New(issuing.Config{Store: db, Clients: clients, Emitter: a.Events(), Logger: s.Logger,
		PDFCacheDir: filepath.Join(s.DataDir, "pdf-banco")})
	if err != nil {
		db.Close()
		lock.Release()
		return nil, nil, err
	}
	poller, err := retorno.New(retorno.Config{Store: db, Clients: clients, Emitter: a.Events(), Logger: s.Logger})
	if err != nil {
		db.Close()
		lock.Release()
		return nil, nil, err
	}
	a.UseBoletoServices(outbox, poller)
	a.UseSettings(app.SettingsConfig{LogLevel: s.LogLevel, LogLevelFixed: s.LogLevelFixed,
		LogFile: filepath.Join(s.DataDir, cli.LogFileName)})
	a.UseContracts(contracts.New(contracts.Config{Store: db, Issuer: outbox, Logger: s.Logger}))
	mailer, err := mail.New(mail.Config{Store: db, Keys: keys, Emitter: a.Events(), Logger: s.Logger})
	if err != nil {
		db.Close()
		lock.Release()
		return nil, nil, err
	}
	a.UseMail(mailer)
	a.UseBackups(backup.NewScheduler(backup.SchedulerConfig{Store: db, Dir: backup.DefaultDir(s.DataDir), Log: s.Logger}))
	notifier, err := notify.New(notify.Config{Store: db, Certificates: accts, Logger: s.Logger})
	if err != nil {
		db.Close()
		lock.Release()
		return nil, nil, err
	}
	a.UseNotifications(notifier)
	return a, func() {
		a.Shutdown()
		if err := accts.Close(); err != nil {
			s.Logger.Error("stopping the demo simulator", "err", err)
		}
		if err := db.Close(); err != nil {
			s.Logger.Error("closing the database", "err", err)
		}
		lock.Release()
	}, nil
}

func runDesktop(ctx context.Context, s cli.Session) error {
	if err := app.CheckDisplay(); err != nil {
		return err
	}
	a, closeApp, err := openApp(ctx, s)
	if err != nil {
		return err
	}
	defer closeApp()
	if err := a.RunDesktop(frontendAssets()); err != nil {
		return err
	}
	if a.RestartRequested() {
		return cli.Restart{} // after closeApp: the data folder is free
	}
	return nil
}

func runServe(ctx context.Context, s cli.Session, addr string) error {
	a, closeApp, err := openApp(ctx, s)
	if err != nil {
		return err
	}
	defer closeApp()
	srv, err := webserve.Listen(webserve.Options{
		Addr:        addr,
		Token:       s.ServeToken,
		Assets:      frontendAssets(),
		Bindings:    a.Bindings(),
		FormatError: app.ErrorFormatter{Log: s.Logger}.Format,
		Logger:      s.Logger,
	})
	if err != nil {
		return err
	}
	ctx, quit := context.WithCancel(ctx)
	defer quit()
	a.SetQuit(quit)
	a.SetEmitter(app.EmitterFunc(func(name app.Event, payload any) { srv.Publish(string(name), payload) }))
	a.Start()
	fmt.Fprintf(s.Stdout, "Boletos no navegador: %s\nAbra esse endereço neste computador. Pressione Ctrl+C para encerrar.\n", srv.URL())
	if err := srv.Serve(ctx); err != nil {
		return err
	}
	if a.RestartRequested() {
		// The same address and token after the restart: the page stays open.
		return cli.Restart{ServeAddr: srv.Addr(), ServeToken: srv.Token()}
	}
	return nil
}
