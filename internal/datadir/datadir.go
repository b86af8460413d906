// Package datadir finds the program's data folder and applies the operations
// that cannot happen while the folder is open: moving it elsewhere and
// restoring a backup over its database.
//
// # Operations at start-up
//
// While the program runs, "Mover…" and "Restaurar…" only record what the user
// asked in DATA/pending-operation.json (Schedule) and restart the program.
// At the next start, before the log file, the lock or the database are
// opened, ApplyPending carries the request out:
//
//   - move: the folder is renamed when the new place is on the same file
//     system; otherwise everything is copied, each file's size compared, the
//     copied database checked with SQLite's integrity_check, and only then
//     the old files removed. The old folder keeps a small pointer file,
//     data-location.json, that Resolve follows, so that the next start
//     without options (or with the old --data-dir) finds the data.
//   - restore: backup.Restore, which keeps a copy of the current data aside.
//
// The request file is removed before it is carried out, so a request that
// crashes the program is not retried forever. If anything fails, the old
// folder stays in use with its data untouched, and the outcome (success or
// the reason of the failure, in Portuguese) is written to
// DATA/last-operation.json for the program's screens to show (TakeOutcome).
package datadir

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/backup"
	"boletos/internal/boleto"
	"boletos/internal/lockfile"
)

// File names inside a data folder.
const (
	// PointerName is left in a folder whose data moved elsewhere.
	PointerName = "data-location.json"
	// PendingName holds the operation to apply at the next start.
	PendingName = "pending-operation.json"
	// OutcomeName holds the outcome of the last operation applied, until
	// the program shows it.
	OutcomeName = "last-operation.json"
	// DatabaseName is the database file.
	DatabaseName = backup.DatabaseName
)

// maxHops bounds how many pointer files Resolve follows.
const maxHops = 3

// Operation kinds.
const (
	OpMove    = "move"
	OpRestore = "restore"
)

// Pending is an operation waiting for the next start.
type Pending struct {
	Op string `json:"op"`
	// To is the new folder of a move.
	To string `json:"to,omitempty"`
	// From is the backup file of a restore.
	From        string    `json:"from,omitempty"`
	RequestedAt time.Time `json:"requestedAt"`
}

// Outcome is what happened to the last operation applied.
type Outcome struct {
	Op string `json:"op"`
	OK bool   `json:"ok"`
	// Message says in Portuguese what was done, or why nothing was.
	Message string `json:"message"`
	// From and To are the old and new folders of a move.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Backup is the file a restore used; SafetyBackup the copy of the data
	// it replaced.
	Backup       string `json:"backup,omitempty"`
	SafetyBackup string `json:"safetyBackup,omitempty"`
	// NeedCredentials names the accounts of a restored backup whose
	// certificate and client secret must be entered again.
	NeedCredentials []string  `json:"needCredentials,omitempty"`
	At              time.Time `json:"at"`
	// Err is the technical cause of a failure, for the log only.
	Err error `json:"-"`
}

// pointer is the content of PointerName.
type pointer struct {
	MovedTo string    `json:"movedTo"`
	MovedAt time.Time `json:"movedAt"`
}

// Resolve returns the folder holding the data that dir names: dir itself,
// or, when dir has no database but a pointer file left by a move, the folder
// the pointer names (following at most a few pointers). A pointer to a
// folder that is gone is an error: starting with empty data there would
// hide the real data from the user.
func Resolve(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	seen := map[string]bool{}
	for range maxHops + 1 {
		if seen[dir] {
			return "", apperr.New(apperr.CodeUnavailable, fmt.Sprintf(
				"Os arquivos %s das pastas de dados apontam uns para os outros em círculo (%s). Abra o programa com --data-dir PASTA, indicando a pasta onde estão os dados.", PointerName, dir))
		}
		seen[dir] = true
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return dir, nil // a new folder (or none can be made: the caller says so)
		}
		if exists(filepath.Join(dir, DatabaseName)) {
			return dir, nil
		}
		p, ok, err := readPointer(dir)
		if err != nil {
			return "", err
		}
		if !ok {
			return dir, nil
		}
		if st, err := os.Stat(p.MovedTo); err != nil || !st.IsDir() {
			return "", apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("data dir pointer %s: %w", dir, err), fmt.Sprintf(
				"Os dados do Boletos foram movidos para a pasta %s (como diz o arquivo %s em %s), mas essa pasta não está acessível. Conecte o disco onde ela fica ou abra o programa com --data-dir PASTA.",
				p.MovedTo, PointerName, dir))
		}
		dir = p.MovedTo
	}
	return "", apperr.New(apperr.CodeUnavailable, fmt.Sprintf(
		"A pasta de dados foi movida mais de %d vezes seguidas e o caminho se perdeu. Abra o programa com --data-dir PASTA, indicando a pasta onde estão os dados.", maxHops))
}

// readPointer reads dir's pointer file; ok is false when there is none.
func readPointer(dir string) (pointer, bool, error) {
	path := filepath.Join(dir, PointerName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return pointer{}, false, nil
	}
	if err != nil {
		return pointer{}, false, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível ler o arquivo %s. Verifique as permissões da pasta %s.", path, dir))
	}
	var p pointer
	if err := json.Unmarshal(data, &p); err != nil || p.MovedTo == "" || !filepath.IsAbs(p.MovedTo) {
		return pointer{}, false, apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("pointer %s: %w", path, err), fmt.Sprintf(
			"O arquivo %s está danificado e não diz para onde os dados foram movidos. Abra o programa com --data-dir PASTA, indicando a pasta onde estão os dados.", path))
	}
	p.MovedTo = filepath.Clean(p.MovedTo)
	return p, true, nil
}

// Schedule records op to be applied at the next start of the program on
// dataDir. A later request replaces an earlier one.
func Schedule(dataDir string, p Pending) error {
	if p.Op != OpMove && p.Op != OpRestore {
		return fmt.Errorf("datadir: unknown operation %q", p.Op)
	}
	if err := writeJSON(filepath.Join(dataDir, PendingName), p); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível gravar o pedido na pasta de dados %s. Verifique o espaço em disco e as permissões dessa pasta.", dataDir))
	}
	return nil
}

// PendingOperation returns the operation waiting in dataDir, if any.
func PendingOperation(dataDir string) (Pending, bool, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, PendingName))
	if errors.Is(err, os.ErrNotExist) {
		return Pending{}, false, nil
	}
	if err != nil {
		return Pending{}, false, err
	}
	var p Pending
	if err := json.Unmarshal(data, &p); err != nil {
		return Pending{}, true, fmt.Errorf("pending operation: %w", err)
	}
	return p, true, nil
}

// Cancel removes the operation waiting in dataDir, if any.
func Cancel(dataDir string) error {
	err := os.Remove(filepath.Join(dataDir, PendingName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Options adjust ApplyPending; the zero value is the real thing.
type Options struct {
	Now func() time.Time
	// Rename moves a folder; os.Rename when nil. Tests make it fail as
	// between two file systems.
	Rename func(oldpath, newpath string) error
	// FreeSpace reports the bytes available to a new file in dir; ok is
	// false when the system cannot tell. The real one when nil.
	FreeSpace func(dir string) (free uint64, ok bool)
}

func (o *Options) defaults() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rename == nil {
		o.Rename = os.Rename
	}
	if o.FreeSpace == nil {
		o.FreeSpace = diskFree
	}
}

// ApplyPending carries out the operation waiting in dataDir, if any, and
// returns the data folder to use from now on (the new one after a move) and
// the outcome (nil when nothing was waiting). A failed operation is not an
// error: its outcome says why, and dataDir stays in use. The error is only
// for what leaves the program nowhere to start from.
//
// While another program holds dataDir (a window already open), nothing is
// done and the request waits.
func ApplyPending(ctx context.Context, dataDir string, opts Options) (string, *Outcome, error) {
	opts.defaults()
	if !exists(filepath.Join(dataDir, PendingName)) {
		return dataDir, nil, nil
	}
	lock, err := lockfile.Acquire(dataDir)
	if errors.Is(err, lockfile.ErrHeld) {
		return dataDir, nil, nil
	}
	if err != nil {
		return dataDir, nil, err
	}
	p, _, readErr := PendingOperation(dataDir)
	// Whatever happens next, the request is not retried.
	if err := Cancel(dataDir); err != nil {
		lock.Release()
		return dataDir, nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível apagar o arquivo %s da pasta de dados %s. Verifique as permissões dessa pasta.", PendingName, dataDir))
	}
	var out Outcome
	dir := dataDir
	switch {
	case readErr != nil:
		lock.Release()
		out = Outcome{Op: p.Op, Err: readErr,
			Message: "O pedido de mover a pasta dos dados ou de restaurar um backup estava danificado e não foi feito. Os dados continuam como estavam; peça de novo em Configurações."}
	case p.Op == OpMove:
		out = move(ctx, lock, dataDir, p.To, opts)
		if out.OK {
			dir = out.To
		}
	case p.Op == OpRestore:
		lock.Release() // backup.Restore takes it itself
		out = restore(ctx, dataDir, p.From, opts)
	default:
		lock.Release()
		out = Outcome{Op: p.Op, Err: fmt.Errorf("unknown operation %q", p.Op),
			Message: "O pedido encontrado na pasta dos dados não é conhecido por esta versão do programa e foi ignorado. Os dados continuam como estavam."}
	}
	out.At = opts.Now()
	if err := writeJSON(filepath.Join(dir, OutcomeName), out); err != nil && out.Err == nil {
		out.Err = fmt.Errorf("record outcome: %w", err)
	}
	return dir, &out, nil
}

// TakeOutcome returns the outcome recorded in dataDir by the last operation
// and removes it, so that it is shown once; nil when there is none.
func TakeOutcome(dataDir string) (*Outcome, error) {
	path := filepath.Join(dataDir, OutcomeName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out Outcome
	if err := json.Unmarshal(data, &out); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("outcome %s: %w", path, err)
	}
	if err := os.Remove(path); err != nil {
		return &out, err
	}
	return &out, nil
}

// restore puts the backup at from in place of dataDir's database.
func restore(ctx context.Context, dataDir, from string, opts Options) Outcome {
	out := Outcome{Op: OpRestore, Backup: from}
	r, err := backup.Restore(ctx, from, dataDir, opts.Now())
	if err != nil {
		_, msg := apperr.Describe(err)
		out.Err = err
		out.Message = "O backup não foi restaurado: " + msg + " Os dados continuam como estavam."
		return out
	}
	out.OK = true
	out.SafetyBackup = r.SafetyBackup
	var b strings.Builder
	fmt.Fprintf(&b, "Backup de %s restaurado.", r.TakenAt.In(boleto.SaoPaulo).Format("02/01/2006 15:04"))
	if r.SafetyBackup != "" {
		fmt.Fprintf(&b, " Os dados de antes da restauração foram guardados em %s.", r.SafetyBackup)
	}
	for _, a := range r.NeedCredentials() {
		out.NeedCredentials = append(out.NeedCredentials, a.Name)
	}
	if n := len(out.NeedCredentials); n > 0 {
		fmt.Fprintf(&b, " O certificado e o client secret ficam no chaveiro do sistema e não vão no backup: cadastre-os de novo em Contas bancárias para %s.",
			joinNames(out.NeedCredentials))
	}
	out.Message = b.String()
	return out
}

// joinNames writes "A", "A e B", "A, B e C".
func joinNames(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "a conta " + n
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " e " + quoted[len(quoted)-1]
}

// writeJSON writes v to path through a temporary file and a rename, so that
// a reader never sees half of it.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
