package sysopen

import (
	"os"

	"boletos/internal/apperr"
)

// OpenFolder shows the folder dir in the system's file manager and returns
// without waiting for it to close.
func OpenFolder(dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return apperr.Wrap(apperr.CodeNotFound, err, "A pasta a abrir não existe mais: "+dir)
	}
	cmd := command(dir)
	if err := cmd.Start(); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err,
			"Não foi possível abrir o gerenciador de arquivos do sistema. A pasta é "+dir+"; abra-a por lá.")
	}
	go cmd.Wait() //nolint:errcheck // the file manager's exit status says nothing about the folder
	return nil
}
