package datadir

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/lockfile"
	"boletos/internal/store"
)

// spaceMargin is kept free beyond the size of the data when they are copied.
const spaceMargin = 16 << 20

// ValidateMoveTarget checks that the data of the folder current can move to
// target and returns target as an absolute, clean path. The target must be
// a folder that does not exist yet (its parent is created) or is empty (a
// pointer file left by an earlier move does not count), outside the current
// folder, writable, and on a disk with room for the data when they cannot
// simply be renamed there. The errors are *apperr.Error values with a
// Portuguese sentence naming the new folder.
func ValidateMoveTarget(current, target string, freeSpace func(string) (uint64, bool)) (string, error) {
	if freeSpace == nil {
		freeSpace = diskFree
	}
	target = strings.TrimSpace(target)
	if target == "" {
		return "", apperr.Invalid("Informe a nova pasta dos dados.")
	}
	if !filepath.IsAbs(target) {
		return "", apperr.Invalid("A nova pasta dos dados precisa ser um caminho completo (por exemplo %s), não %q.", exampleDir(), target)
	}
	target = filepath.Clean(target)
	cur, err := filepath.Abs(current)
	if err != nil {
		return "", err
	}
	realCur, realTarget := realPath(cur), realPath(target)
	if realTarget == realCur {
		return "", apperr.Invalid("A nova pasta dos dados é a pasta atual (%s). Escolha outra pasta.", cur)
	}
	if inside(realCur, realTarget) {
		return "", apperr.Invalid("A nova pasta dos dados (%s) fica dentro da pasta atual (%s). Escolha uma pasta fora dela.", target, cur)
	}
	if inside(realTarget, realCur) {
		return "", apperr.Invalid("A nova pasta dos dados (%s) contém a pasta atual (%s). Escolha uma pasta vazia em outro lugar.", target, cur)
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && !st.IsDir():
		return "", apperr.Invalid("A nova pasta dos dados (%s) é um arquivo, não uma pasta. Escolha uma pasta vazia ou um nome de pasta que ainda não existe.", target)
	case err == nil:
		entries, err := os.ReadDir(target)
		if err != nil {
			return "", apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
				"Não foi possível ler a nova pasta dos dados (%s). Verifique as permissões ou escolha outra pasta.", target))
		}
		for _, e := range entries {
			if e.Name() != PointerName {
				return "", apperr.Invalid("A nova pasta dos dados (%s) não está vazia. Escolha uma pasta vazia ou um nome de pasta que ainda não existe.", target)
			}
		}
	case !errors.Is(err, os.ErrNotExist):
		return "", apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"Não foi possível acessar a nova pasta dos dados (%s). Verifique o caminho e as permissões.", target))
	}
	base := existingAncestor(target)
	if err := writable(base); err != nil {
		return "", apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"Não é possível gravar em %s, onde ficaria a nova pasta dos dados. Verifique as permissões ou escolha outra pasta.", base))
	}
	if !sameDevice(cur, base) {
		need, err := treeSize(cur)
		if err == nil {
			if free, ok := freeSpace(base); ok && free < need+spaceMargin {
				return "", apperr.Invalid("Não há espaço livre suficiente para a nova pasta dos dados em %s: os dados ocupam %s e há %s livres.",
					base, sizeText(need), sizeText(free))
			}
		}
	}
	return target, nil
}

func exampleDir() string {
	if filepath.Separator == '\\' {
		return `D:\Boletos`
	}
	return "/home/usuario/Documentos/boletos"
}

// inside reports whether path is strictly inside dir.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath resolves the symbolic links of the longest existing part of path.
func realPath(path string) string {
	rest := ""
	p := path
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// existingAncestor is path itself when it exists, else its nearest existing
// parent.
func existingAncestor(path string) string {
	for {
		if _, err := os.Stat(path); err == nil {
			return path
		}
		parent := filepath.Dir(path)
		if parent == path {
			return path
		}
		path = parent
	}
}

// writable checks that a file can be created in dir.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".boletos-write-check-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// treeSize adds up the sizes of the regular files under dir.
func treeSize(dir string) (uint64, error) {
	var n uint64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += uint64(info.Size())
		}
		return nil
	})
	return n, err
}

// move carries out a move of the data from from to to. It is called with
// from's lock held, and releases it.
func move(ctx context.Context, lock *lockfile.Lock, from, to string, opts Options) Outcome {
	out := Outcome{Op: OpMove, From: from, To: to}
	fail := func(err error, msg string) Outcome {
		out.Err, out.Message = err, msg+" Os dados continuam em "+from+"."
		return out
	}
	target, err := ValidateMoveTarget(from, to, opts.FreeSpace)
	if err != nil {
		lock.Release()
		_, msg := apperr.Describe(err)
		return fail(err, "A pasta dos dados não foi movida: "+msg)
	}
	out.To = target
	// An empty target (or one holding only an old pointer) is removed, so
	// that a rename can take its place.
	if exists(target) {
		os.Remove(filepath.Join(target, PointerName))
		if err := os.Remove(target); err != nil {
			lock.Release()
			return fail(err, fmt.Sprintf("A pasta dos dados não foi movida: não foi possível usar a pasta %s.", target))
		}
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		lock.Release()
		return fail(err, fmt.Sprintf("A pasta dos dados não foi movida: não foi possível criar a pasta %s.", filepath.Dir(target)))
	}

	// The lock file is open: on Windows the folder cannot be renamed with it.
	lock.Release()
	renameErr := opts.Rename(from, target)
	if renameErr == nil {
		if err := leavePointer(from, target, opts); err != nil {
			// Without the pointer the next start would not find the data:
			// put them back.
			if backErr := opts.Rename(target, from); backErr != nil {
				out.Err = errors.Join(err, backErr)
				out.OK, out.From, out.To = true, from, target
				out.Message = fmt.Sprintf("Os dados foram movidos para %s, mas não foi possível deixar o aviso na pasta antiga %s. Abra o programa com --data-dir \"%s\".", target, from, target)
				return out
			}
			return fail(err, fmt.Sprintf("A pasta dos dados não foi movida: não foi possível gravar o aviso %s na pasta antiga.", PointerName))
		}
		out.OK = true
		out.Message = fmt.Sprintf("A pasta dos dados foi movida de %s para %s.", from, target)
		return out
	}

	// Another disk: copy, check, then remove the old files.
	lock, err = lockfile.Acquire(from)
	if err != nil {
		return fail(err, "A pasta dos dados não foi movida: outro programa passou a usá-la.")
	}
	defer lock.Release()
	if err := copyTree(ctx, from, target, opts); err != nil {
		os.RemoveAll(target)
		_, msg := apperr.Describe(err)
		return fail(errors.Join(renameErr, err), "A pasta dos dados não foi movida: "+msg)
	}
	if err := leavePointer(from, target, opts); err != nil {
		os.RemoveAll(target)
		return fail(err, fmt.Sprintf("A pasta dos dados não foi movida: não foi possível gravar o aviso %s na pasta antiga.", PointerName))
	}
	// From here the pointer is in force as soon as the old database is gone.
	if err := os.Remove(filepath.Join(from, DatabaseName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		os.Remove(filepath.Join(from, PointerName))
		os.RemoveAll(target)
		return fail(err, fmt.Sprintf("A pasta dos dados não foi movida: não foi possível apagar o banco de dados antigo em %s (outro programa pode estar usando o arquivo).", from))
	}
	lock.Release()
	removeAllBut(from, PointerName)
	out.OK = true
	out.Message = fmt.Sprintf("A pasta dos dados foi copiada de %s para %s, conferida, e a pasta antiga foi esvaziada.", from, target)
	return out
}

// leavePointer writes the pointer file of a folder whose data moved to
// target.
func leavePointer(from, target string, opts Options) error {
	if err := os.MkdirAll(from, 0o700); err != nil {
		return err
	}
	return writeJSON(filepath.Join(from, PointerName), pointer{MovedTo: target, MovedAt: opts.Now().UTC()})
}

// removeAllBut deletes everything in dir except the file keep; failures
// leave files behind, which is harmless once the database is gone.
func removeAllBut(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() != keep {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// copyTree copies the folder from into the new folder to, checks every
// file's size and the database's integrity. The lock file is not copied.
func copyTree(ctx context.Context, from, to string, opts Options) error {
	need, err := treeSize(from)
	if err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf("não foi possível ler a pasta %s.", from))
	}
	if free, ok := opts.FreeSpace(existingAncestor(to)); ok && free < need+spaceMargin {
		return apperr.New(apperr.CodeUnavailable, fmt.Sprintf("não há espaço livre suficiente em %s (os dados ocupam %s e há %s livres).",
			to, sizeText(need), sizeText(free)))
	}
	sizes := map[string]int64{}
	err = filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o700)
		case rel == lockfile.Name || rel == PendingName || rel == OutcomeName:
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, dst)
		case !d.Type().IsRegular():
			return nil // sockets and the like are not data
		}
		n, err := copyFile(path, dst)
		if err != nil {
			return err
		}
		sizes[rel] = n
		return nil
	})
	if err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"a cópia para %s falhou. Verifique o espaço em disco e as permissões dessa pasta.", to))
	}
	for rel, n := range sizes {
		src, err1 := os.Stat(filepath.Join(from, rel))
		dst, err2 := os.Stat(filepath.Join(to, rel))
		if err := errors.Join(err1, err2); err != nil || src.Size() != n || dst.Size() != n {
			return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("copy %s: size differs: %w", rel, err), fmt.Sprintf(
				"a cópia do arquivo %s em %s não ficou igual ao original.", rel, to))
		}
	}
	if db := filepath.Join(to, DatabaseName); exists(db) {
		if err := store.CheckFile(ctx, db); err != nil {
			_, msg := apperr.Describe(err)
			return apperr.Wrap(apperr.CodeUnavailable, err, "a cópia do banco de dados não passou na verificação de integridade ("+msg+").")
		}
	}
	return nil
}

// copyFile copies src to dst, flushes it and returns the bytes written.
func copyFile(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return 0, err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm()|0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_ = os.Chtimes(dst, info.ModTime(), info.ModTime())
	}
	return n, err
}

// sizeText writes a size the Brazilian way: "532 bytes", "12,5 KB", "1,2 GB".
func sizeText(n uint64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/(1<<10)), ".", ",", 1)
	case n < 1<<30:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f GB", float64(n)/(1<<30)), ".", ",", 1)
}
