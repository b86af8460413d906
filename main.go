// Command boletos is the Boletos — Banco Inter desktop application, its
// browser mode and its headless subcommands. This file only wires the pieces.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"

	"boletos/app"
	"boletos/internal/cli"
	"boletos/internal/keychain"
	"boletos/internal/webserve"
)

// version is set at build time: -ldflags "-X main.version=…".
var version = "dev"

//go:embed all:frontend/dist
var embedded embed.FS

func main() {
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

func newApp(s cli.Session) *app.App {
	return app.New(app.Config{
		Version:  version,
		DataDir:  s.DataDir,
		Logger:   s.Logger,
		Keychain: keychain.New(keychain.System()),
	})
}

func runDesktop(_ context.Context, s cli.Session) error {
	return newApp(s).RunDesktop(frontendAssets())
}

func runServe(ctx context.Context, s cli.Session, addr string) error {
	a := newApp(s)
	defer a.Shutdown()
	srv, err := webserve.Listen(webserve.Options{
		Addr:        addr,
		Assets:      frontendAssets(),
		Bindings:    a.Bindings(),
		FormatError: app.ErrorFormatter{Log: s.Logger}.Format,
		Logger:      s.Logger,
	})
	if err != nil {
		return err
	}
	a.SetEmitter(app.EmitterFunc(func(name app.Event, payload any) { srv.Publish(string(name), payload) }))
	a.Start()
	fmt.Fprintf(s.Stdout, "Boletos no navegador: %s\nAbra esse endereço neste computador. Pressione Ctrl+C para encerrar.\n", srv.URL())
	return srv.Serve(ctx)
}
