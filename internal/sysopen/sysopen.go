// Package sysopen opens a file in the program the system associates with
// it: the PDF viewer, where the clerk prints.
package sysopen

import (
	"os"
	"os/exec"
	"runtime"

	"boletos/internal/apperr"
)

// Open starts the system's viewer for path and returns without waiting for
// it to close.
func Open(path string) error {
	if _, err := os.Stat(path); err != nil {
		return apperr.Wrap(apperr.CodeNotFound, err, "O arquivo a abrir não existe mais: "+path)
	}
	cmd := command(path)
	if err := cmd.Start(); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err,
			"Não foi possível abrir o visualizador de PDF do sistema. O arquivo está em "+path+"; abra-o por lá.")
	}
	go cmd.Wait() //nolint:errcheck // the viewer's exit status says nothing about the file
	return nil
}

func command(path string) *exec.Cmd {
	switch runtime.GOOS {
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		return exec.Command("open", path)
	}
	return exec.Command("xdg-open", path)
}
