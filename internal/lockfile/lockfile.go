// Package lockfile keeps two Boletos processes from owning the same data
// directory at once: the program (window or `boletos serve`) holds the lock
// for as long as it runs, and operations that replace the database under it
// (restoring a backup) take it first and refuse while someone else has it.
//
// The lock is an OS lock on DataDir/boletos.lock (flock on Unix, LockFileEx
// on Windows), so it disappears with the process that held it, even after a
// crash: a stale file never keeps anybody out. The file itself is left in
// place on Release; deleting it would let two processes lock two different
// files of the same name.
package lockfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"boletos/internal/apperr"
)

// Name is the lock file inside the data directory.
const Name = "boletos.lock"

// ErrHeld is the cause of the error Acquire returns when another process
// (or another Acquire of this one) holds the lock.
var ErrHeld = errors.New("lockfile: data directory in use")

// Lock is a held lock on a data directory.
type Lock struct {
	path string

	mu sync.Mutex
	f  *os.File // nil once released
}

// Acquire takes the lock of dataDir without waiting. When another process
// holds it the error is an *apperr.Error (CodeConflict) wrapping ErrHeld,
// with a Portuguese sentence for the user.
func Acquire(dataDir string) (*Lock, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, openErr(dataDir, err)
	}
	path := filepath.Join(dataDir, Name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, openErr(dataDir, err)
	}
	held, err := lock(f)
	if err != nil {
		f.Close()
		if held {
			return nil, apperr.Wrap(apperr.CodeConflict, fmt.Errorf("%s: %w (%w)", path, ErrHeld, err), fmt.Sprintf(
				"O Boletos já está aberto usando a pasta de dados %s (em uma janela ou em boletos serve). Use o programa que já está aberto ou feche-o antes de continuar.", dataDir))
		}
		return nil, openErr(dataDir, err)
	}
	return &Lock{path: path, f: f}, nil
}

// Path is the lock file.
func (l *Lock) Path() string { return l.path }

// Release gives the lock up. Calling it again does nothing.
func (l *Lock) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	uerr := unlock(f)
	cerr := f.Close() // closing releases the lock anyway
	if cerr != nil {
		return fmt.Errorf("release %s: %w", l.path, cerr)
	}
	if uerr != nil {
		return fmt.Errorf("release %s: %w", l.path, uerr)
	}
	return nil
}

func openErr(dataDir string, err error) error {
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("lock %s: %w", dataDir, err), fmt.Sprintf(
		"Não foi possível criar o arquivo de trava na pasta de dados %s. Verifique as permissões dessa pasta ou escolha outra com --data-dir PASTA.", dataDir))
}
