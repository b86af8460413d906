package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/printing"
	"boletos/internal/printjob"
)

// printCallTimeout bounds rendering a print job (a 1,000-boleto PDF takes a
// few seconds) or fetching the bank's PDF.
const printCallTimeout = 2 * time.Minute

// printedDir is where "Imprimir" writes the PDFs it opens in the system
// viewer, inside the data dir; files older than printedKeep are removed.
const (
	printedDir  = "impressos"
	printedKeep = 7 * 24 * time.Hour
)

// Printing makes the PDFs of boletos: ours (one per page or carnê) and the
// bank's own copy. In the window the PDF is saved through the system's file
// dialog or opened in the system viewer to print; in browser mode the page
// downloads it.
type Printing struct{ app *App }

// PrintRequest says what to print: boletos by id, and the layout —
// "boleto" (one per A4 page), "carne" (three slips per page) or "bank"
// (the bank's own PDF of one registered boleto).
type PrintRequest struct {
	IDs    []int64 `json:"ids"`
	Layout string  `json:"layout"`
}

// PDFFile is a rendered PDF for the browser to download.
type PDFFile struct {
	FileName string `json:"fileName"`
	Base64   string `json:"base64"`
}

// PDF renders the request and returns it whole (browser mode's download).
func (p *Printing) PDF(req PrintRequest) (PDFFile, error) {
	ctx, cancel := p.app.callContext(printCallTimeout)
	defer cancel()
	name, data, err := p.render(ctx, req)
	if err != nil {
		return PDFFile{}, err
	}
	return PDFFile{FileName: name, Base64: base64.StdEncoding.EncodeToString(data)}, nil
}

// Save renders the request and writes it where the user chooses in the
// system's save dialog. It returns the path, or "" when the user gave up.
func (p *Printing) Save(req PrintRequest) (string, error) {
	wctx, err := p.app.window()
	if err != nil {
		return "", err
	}
	ctx, cancel := p.app.callContext(printCallTimeout)
	defer cancel()
	name, data, err := p.render(ctx, req)
	if err != nil {
		return "", err
	}
	return p.app.saveAs(wctx, "Salvar PDF", name, runtime.FileFilter{DisplayName: "PDF (*.pdf)", Pattern: "*.pdf"}, data)
}

// saveAs asks where to save data in the system's dialog and writes it
// there. It returns the path, or "" when the user gave up.
func (a *App) saveAs(wctx context.Context, title, name string, filter runtime.FileFilter, data []byte) (string, error) {
	path, err := runtime.SaveFileDialog(wctx, runtime.SaveDialogOptions{
		Title: title, DefaultFilename: name, Filters: []runtime.FileFilter{filter},
	})
	if err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível abrir a janela para salvar o arquivo.")
	}
	if path == "" {
		return "", nil
	}
	if ext := filepath.Ext(name); !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf("Não foi possível gravar %s: confira a pasta e as permissões.", path))
	}
	return path, nil
}

// Open renders the request into the data dir and opens it in the system's
// PDF viewer, where it is printed. It returns the file's path.
func (p *Printing) Open(req PrintRequest) (string, error) {
	ctx, cancel := p.app.callContext(printCallTimeout)
	defer cancel()
	name, data, err := p.render(ctx, req)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(p.app.cfg.DataDir, printedDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível criar a pasta "+dir+".")
	}
	removeOlder(dir, p.app.cfg.Now().Add(-printedKeep))
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível gravar "+path+".")
	}
	if err := p.app.cfg.OpenFile(path); err != nil {
		return "", err
	}
	return path, nil
}

// render makes the PDF of a request and names its file.
func (p *Printing) render(ctx context.Context, req PrintRequest) (string, []byte, error) {
	st := p.app.cfg.Store
	if len(req.IDs) == 0 {
		return "", nil, apperr.Invalid("Selecione ao menos um boleto para imprimir.")
	}
	first, err := st.GetBoleto(ctx, req.IDs[0])
	if err != nil {
		return "", nil, err
	}
	if req.Layout == "bank" {
		if len(req.IDs) != 1 {
			return "", nil, apperr.Invalid("O PDF do banco é baixado de um boleto por vez.")
		}
		iss, err := p.app.issuing()
		if err != nil {
			return "", nil, err
		}
		data, err := iss.BankPDF(ctx, first.ID)
		if err != nil {
			return "", nil, err
		}
		return fileName("boleto-"+first.SeuNumero+"-banco", ""), data, nil
	}
	data, err := printjob.Render(ctx, st, req.IDs, printjob.Layout(req.Layout), printing.Options{Now: p.app.cfg.Now})
	if err != nil {
		return "", nil, err
	}
	switch {
	case req.Layout == string(printjob.LayoutCarne):
		return fileName("carne-"+first.SeuNumero, fmt.Sprintf("%d-parcelas", len(req.IDs))), data, nil
	case len(req.IDs) == 1:
		return fileName("boleto-"+first.SeuNumero, ""), data, nil
	}
	return fileName("boletos", fmt.Sprintf("%d-%s", len(req.IDs), p.app.cfg.Now().Format("2006-01-02-150405"))), data, nil
}

// fileName joins the parts of a PDF's name, keeping only characters every
// file system accepts.
func fileName(base, suffix string) string {
	name := base
	if suffix != "" {
		name += "-" + suffix
	}
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
	return clean + ".pdf"
}

// removeOlder deletes the printed PDFs modified before cutoff; failures are
// ignored (the next print tries again).
func removeOlder(dir string, cutoff time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && info.Mode().IsRegular() && info.ModTime().Before(cutoff) && strings.HasSuffix(e.Name(), ".pdf") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// window is the Wails runtime context, or a clear error in browser mode.
func (a *App) window() (context.Context, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.wailsCtx == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "No navegador, o PDF é baixado pelo próprio navegador.")
	}
	return a.wailsCtx, nil
}
