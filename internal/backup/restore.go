package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/lockfile"
	"boletos/internal/store"
)

// Restored is the outcome of a restore: what the restored backup holds and
// where the data it replaced were saved.
type Restored struct {
	Preview
	// SafetyBackup is the copy of the data as they were before the restore
	// (in DefaultDir(dataDir)); "" when the data directory had no database.
	SafetyBackup string
}

// Restore puts the backup at backupPath in place of the database of
// dataDir. It refuses while the program (or another restore) holds the data
// directory's lock, and holds it itself until it is done.
//
// In order: the backup is inspected and refused if it is not ours or comes
// from a newer program; it is copied next to the database and the copy
// passes PRAGMA integrity_check; the current database (with its WAL) is
// copied to DefaultDir(dataDir) as boletos-antes-de-restaurar-….db, named
// after now; stale -wal, -shm and -journal files are removed; and the copy is
// renamed over the database. Until that rename the current data are
// untouched. The next store.Open brings an older schema up to date.
//
// The caller should tell the user about Restored.NeedCredentials(): the
// keychain is not in the backup.
func Restore(ctx context.Context, backupPath, dataDir string, now time.Time) (Restored, error) {
	lock, err := acquire(dataDir)
	if err != nil {
		return Restored{}, err
	}
	defer lock.Release()

	dbPath := filepath.Join(dataDir, DatabaseName)
	if same(backupPath, dbPath) {
		return Restored{}, apperr.New(apperr.CodeInvalid, fmt.Sprintf(
			"O arquivo %s é o próprio arquivo de dados em uso, não um backup. Escolha um arquivo da pasta de backups.", backupPath))
	}
	preview, err := Inspect(ctx, backupPath)
	if err != nil {
		return Restored{}, err
	}
	if err := preview.Restorable(); err != nil {
		return Restored{}, err
	}

	tmp, err := copyBeside(backupPath, dataDir)
	if err != nil {
		return Restored{}, err
	}
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp)
		}
	}()
	err = store.CheckFile(ctx, tmp)
	// A backup is one file; should the copy say WAL mode, reading it may
	// have left an empty -wal and -shm beside the temporary name.
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	if err != nil {
		if isContext(err) {
			return Restored{}, err
		}
		return Restored{}, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O backup %s está danificado (falhou na verificação de integridade) e não pode ser usado. Nada foi alterado; escolha outro backup.", backupPath))
	}

	out := Restored{Preview: preview}
	if exists(dbPath) {
		if out.SafetyBackup, err = safetyCopy(ctx, dbPath, DefaultDir(dataDir), now); err != nil {
			return Restored{}, err
		}
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return Restored{}, replaceError(dataDir, err, out.SafetyBackup)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return Restored{}, replaceError(dataDir, err, out.SafetyBackup)
	}
	renamed = true
	syncDir(dataDir)
	return out, nil
}

// CheckIdle returns the error Restore would return because the program is
// running on dataDir, or nil when nothing holds the directory now: for
// refusing before asking the user to confirm.
func CheckIdle(dataDir string) error {
	lock, err := acquire(dataDir)
	if err != nil {
		return err
	}
	return lock.Release()
}

func acquire(dataDir string) (*lockfile.Lock, error) {
	lock, err := lockfile.Acquire(dataDir)
	if errors.Is(err, lockfile.ErrHeld) {
		return nil, apperr.Wrap(apperr.CodeConflict, err, fmt.Sprintf(
			"O Boletos está aberto usando a pasta de dados %s. Feche a janela do programa (ou o boletos serve) e tente restaurar de novo.", dataDir))
	}
	return lock, err
}

// Restorable returns why this program cannot restore the backup (it comes
// from a newer version), or nil.
func (p Preview) Restorable() error {
	if p.NewerProgram {
		return apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"O backup %s foi feito por uma versão mais nova do Boletos. Atualize o programa antes de restaurá-lo.", p.Path))
	}
	return nil
}

// safetyCopy saves the database at dbPath (with its WAL) into dir before it
// is replaced. A database SQLite cannot copy (corrupt, say) is copied byte
// for byte, WAL included, so that nothing is lost either way.
func safetyCopy(ctx context.Context, dbPath, dir string, now time.Time) (string, error) {
	name := safetyPrefix + now.In(boleto.SaoPaulo).Format(stampLayout) + fileExt
	info, err := write(ctx, func(ctx context.Context, path string) error {
		return store.BackupFile(ctx, dbPath, path)
	}, dir, name, true)
	if err == nil {
		return info.Path, nil
	}
	if isContext(err) {
		return "", err
	}
	raw, rawErr := rawCopy(dbPath, dir, name)
	if rawErr != nil {
		return "", apperr.Wrap(apperr.CodeUnavailable, errors.Join(err, rawErr), fmt.Sprintf(
			"Não foi possível guardar uma cópia dos dados atuais em %s antes de restaurar, por isso nada foi alterado. Verifique o espaço em disco e as permissões dessa pasta.", dir))
	}
	return raw, nil
}

// rawCopy copies dbPath and its -wal, byte for byte, to dir/name (made
// unique) and dir/name-wal.
func rawCopy(dbPath, dir, name string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, name)
	base := dst[:len(dst)-len(fileExt)]
	for i := 2; exists(dst) || exists(dst+"-wal"); i++ {
		dst = fmt.Sprintf("%s-%d%s", base, i, fileExt)
	}
	if err := copyFile(dbPath, dst); err != nil {
		return "", err
	}
	if exists(dbPath + "-wal") {
		if err := copyFile(dbPath+"-wal", dst+"-wal"); err != nil {
			return "", err
		}
	}
	syncDir(dir)
	return dst, nil
}

// copyBeside copies the backup to a temporary file in dir.
func copyBeside(backupPath, dir string) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"restaurar-*"+tempSuffix)
	if err != nil {
		return "", dirError(dir, err)
	}
	name := f.Name()
	f.Close()
	if err := copyFile(backupPath, name); err != nil {
		os.Remove(name)
		return "", apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível copiar o backup %s para a pasta de dados %s. Verifique o espaço em disco e as permissões.", backupPath, dir))
	}
	return name, nil
}

// copyFile copies src over dst (0600) and flushes it to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// same reports whether a and b are the same existing file.
func same(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

func replaceError(dataDir string, err error, safety string) error {
	msg := fmt.Sprintf("Não foi possível substituir o arquivo de dados na pasta %s. Verifique se nenhum outro programa está usando essa pasta e tente de novo.", dataDir)
	if safety != "" {
		msg += " Os dados anteriores estão guardados em " + safety + "."
	}
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("replace database: %w", err), msg)
}
