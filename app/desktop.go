package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"boletos/internal/apperr"
)

// ErrNoDisplay is returned on Linux when there is no graphical session.
var ErrNoDisplay = apperr.New(apperr.CodeUnavailable,
	"Nenhuma tela gráfica disponível (DISPLAY e WAYLAND_DISPLAY estão vazios). "+
		"Para usar o Boletos no navegador, rode: boletos serve")

// CheckDisplay fails with ErrNoDisplay when no window can be opened, so that
// main can say so before opening anything else.
func CheckDisplay() error {
	if displayMissing() {
		return ErrNoDisplay
	}
	return nil
}

// RunDesktop opens the window and blocks until it is closed. assets holds the
// built frontend (index.html at its root).
func (a *App) RunDesktop(assets fs.FS) error {
	if err := CheckDisplay(); err != nil {
		return err
	}
	title := Title // with the version, so that a support call can ask for it
	if v := a.cfg.Version; v != "" && v != "dev" {
		title += " " + v
	}
	return wails.Run(&options.App{
		Title:            title,
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        640,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 250, A: 255},
		OnStartup:        a.onStartup,
		OnDomReady:       a.onDomReady,
		OnShutdown:       a.onShutdown,
		Bind:             a.Bindings(),
		ErrorFormatter:   ErrorFormatter{Log: a.log}.Format,
	})
}

// onStartup receives the Wails context, which is never cancelled: it is kept
// only for runtime calls through the emitter.
func (a *App) onStartup(wailsCtx context.Context) {
	a.mu.Lock()
	a.wailsCtx = wailsCtx
	a.mu.Unlock()
	a.SetEmitter(runtimeEmitter{ctx: wailsCtx})
	a.Start()
	a.log.Info("desktop started", "version", a.cfg.Version, "data_dir", a.cfg.DataDir)
}

// onDomReady is logged so that the desktop smoke test knows the page loaded.
func (a *App) onDomReady(context.Context) {
	a.log.Info("dom ready")
}

func (a *App) onShutdown(context.Context) {
	a.Shutdown()
	a.log.Info("desktop stopped")
}
