// Package backup copies the program's database while it runs, keeps a
// rotation of those copies, shows what a copy holds and puts one back.
//
// # Files
//
// Backups live in a folder of their own (DefaultDir: DataDir/backups) as
//
//	boletos-2026-11-27T0300.db                    a backup (automatic or "Fazer backup agora")
//	boletos-antes-de-restaurar-2026-11-27T0300.db the data as they were before a restore
//
// named after the minute they were taken, in São Paulo time. Each is a
// complete SQLite database in rollback-journal mode (one file, no -wal),
// written under a temporary name, checked with PRAGMA integrity_check and
// only then renamed into place, so a file with one of these names is always
// a whole, checked copy. Nothing secret is in them: the client secrets and
// private keys stay in the OS keychain, and an account with direct
// integration needs them entered again after a restore on another computer.
//
// # Rotation
//
// After every backup the folder is pruned (Prune): of the backups proper,
// the newest of each of the 7 most recent days that have one and the newest
// of each of the 4 most recent ISO weeks that have one are kept (days and
// weeks in São Paulo time), the rest deleted. Counting days that have a
// backup, rather than calendar days back from today, means a computer left
// off for a month still keeps its last backups. Safety copies made before a
// restore are never deleted automatically, and no file whose name is not one
// of the above is ever touched.
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// DatabaseName is the database file inside the data directory.
const DatabaseName = "boletos.db"

// Retention.
const (
	KeepDaily  = 7 // newest backup of each of the 7 most recent days with backups
	KeepWeekly = 4 // newest backup of each of the 4 most recent ISO weeks with backups
)

// File names.
const (
	backupPrefix = "boletos-"
	safetyPrefix = "boletos-antes-de-restaurar-"
	stampLayout  = "2006-01-02T1504"
	fileExt      = ".db"
	tempPrefix   = ".boletos-backup-"
	tempSuffix   = ".tmp"
	// staleTemp is the age after which a temporary file left by an
	// interrupted backup is deleted.
	staleTemp = 24 * time.Hour
)

// DefaultDir is the backup folder of a data directory.
func DefaultDir(dataDir string) string { return filepath.Join(dataDir, "backups") }

// Kind says what a backup file is.
type Kind string

// Kinds of backup files.
const (
	KindBackup Kind = "backup" // automatic or manual backup, under rotation
	KindSafety Kind = "safety" // copy of the data taken before a restore, kept
)

// Info is one backup file.
type Info struct {
	Path    string
	Name    string
	Kind    Kind
	TakenAt time.Time // from the name: to the minute, in São Paulo time
	Size    int64     // bytes
}

// backupName is the name of a backup taken at now.
func backupName(now time.Time) string {
	return backupPrefix + now.In(boleto.SaoPaulo).Format(stampLayout) + fileExt
}

// parseName recognises the names of our files. A safety copy may carry a
// "-N" suffix (two restores in one minute).
func parseName(name string) (Kind, time.Time, bool) {
	rest, ok := strings.CutSuffix(name, fileExt)
	if !ok {
		return "", time.Time{}, false
	}
	kind := KindBackup
	if r, ok := strings.CutPrefix(rest, safetyPrefix); ok {
		kind, rest = KindSafety, r
		if len(rest) > len(stampLayout) {
			n, err := strconv.Atoi(strings.TrimPrefix(rest[len(stampLayout):], "-"))
			if !strings.HasPrefix(rest[len(stampLayout):], "-") || err != nil || n < 2 {
				return "", time.Time{}, false
			}
			rest = rest[:len(stampLayout)]
		}
	} else if rest, ok = strings.CutPrefix(rest, backupPrefix); !ok {
		return "", time.Time{}, false
	}
	if len(rest) != len(stampLayout) {
		return "", time.Time{}, false
	}
	t, err := time.ParseInLocation(stampLayout, rest, boleto.SaoPaulo)
	if err != nil {
		return "", time.Time{}, false
	}
	return kind, t, true
}

// ErrPrune is the cause of the error Take returns when the backup was made
// but old backups could not be deleted.
var ErrPrune = errors.New("backup: pruning old backups failed")

// Take writes a backup of db into dir (created if needed) named after now,
// checks it and prunes the folder. The program may go on reading and writing
// meanwhile. A backup taken in the same minute as an existing one replaces
// it.
//
// When the backup was written but pruning failed, Take returns its Info
// together with an error wrapping ErrPrune.
func Take(ctx context.Context, db *store.Store, dir string, now time.Time) (Info, error) {
	return take(ctx, db.BackupTo, dir, now)
}

// take is Take with the copy step given (tests break the copy).
func take(ctx context.Context, copyTo func(ctx context.Context, path string) error, dir string, now time.Time) (Info, error) {
	info, err := write(ctx, copyTo, dir, backupName(now), false)
	if err != nil {
		return Info{}, err
	}
	if _, err := Prune(dir); err != nil {
		return info, apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("%w: %w", ErrPrune, err), fmt.Sprintf(
			"O backup foi feito (%s), mas não foi possível apagar os backups antigos da pasta %s. Verifique as permissões dessa pasta.", info.Path, dir))
	}
	return info, nil
}

// write copies the database into dir/name through a temporary file, checks
// the copy and renames it into place. With unique, an existing name gets a
// "-2", "-3"… suffix instead of being replaced.
func write(ctx context.Context, copyTo func(ctx context.Context, path string) error, dir, name string, unique bool) (Info, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Info{}, dirError(dir, err)
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+"*"+tempSuffix)
	if err != nil {
		return Info{}, dirError(dir, err)
	}
	tmpPath := tmp.Name()
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmpPath)
		}
	}()
	if err := tmp.Close(); err != nil {
		return Info{}, dirError(dir, err)
	}
	if err := copyTo(ctx, tmpPath); err != nil {
		return Info{}, err
	}
	if err := store.CheckFile(ctx, tmpPath); err != nil {
		if isContext(err) {
			return Info{}, err
		}
		return Info{}, apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("check new backup: %w", err), fmt.Sprintf(
			"A cópia de backup feita agora não passou na verificação de integridade e foi descartada. Tente de novo; se o erro continuar, verifique o disco da pasta %s.", dir))
	}
	path := filepath.Join(dir, name)
	if unique {
		base := strings.TrimSuffix(name, fileExt)
		for i := 2; exists(path); i++ {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, i, fileExt))
		}
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return Info{}, dirError(dir, err)
	}
	renamed = true
	syncDir(dir)
	st, err := os.Stat(path)
	if err != nil {
		return Info{}, dirError(dir, err)
	}
	kind, takenAt, _ := parseName(filepath.Base(path))
	return Info{Path: path, Name: filepath.Base(path), Kind: kind, TakenAt: takenAt, Size: st.Size()}, nil
}

// List returns the backup files of dir (ours only, both kinds), newest
// first. A folder that does not exist has none.
func List(dir string) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, dirError(dir, err)
	}
	var out []Info
	for _, e := range entries {
		kind, takenAt, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, os.ErrNotExist) {
			continue // pruned meanwhile
		}
		if err != nil {
			return nil, dirError(dir, err)
		}
		out = append(out, Info{Path: filepath.Join(dir, e.Name()), Name: e.Name(), Kind: kind, TakenAt: takenAt, Size: fi.Size()})
	}
	slices.SortFunc(out, func(a, b Info) int {
		if c := b.TakenAt.Compare(a.TakenAt); c != 0 {
			return c
		}
		return strings.Compare(b.Name, a.Name)
	})
	return out, nil
}

// Prune applies the rotation to dir and returns the paths it deleted. It
// also deletes temporary files of backups interrupted more than a day ago.
func Prune(dir string) ([]string, error) {
	all, err := List(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, b := range expired(all) {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b.Path)
	}
	if err := removeStaleTemps(dir); err != nil {
		errs = append(errs, err)
	}
	return removed, errors.Join(errs...)
}

// expired returns the backups (KindBackup) of list, newest first, that the
// rotation does not keep.
func expired(list []Info) []Info {
	type week struct{ year, week int }
	days := map[string]bool{}
	weeks := map[week]bool{}
	var out []Info
	for _, b := range list { // newest first: the first of a day or week is its newest
		if b.Kind != KindBackup {
			continue
		}
		t := b.TakenAt.In(boleto.SaoPaulo)
		keep := false
		if d := t.Format(time.DateOnly); !days[d] {
			days[d] = true
			keep = len(days) <= KeepDaily
		}
		y, n := t.ISOWeek()
		if w := (week{y, n}); !weeks[w] {
			weeks[w] = true
			keep = keep || len(weeks) <= KeepWeekly
		}
		if !keep {
			out = append(out, b)
		}
	}
	return out
}

func removeStaleTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !strings.HasSuffix(e.Name(), tempSuffix) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < staleTemp {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// syncDir flushes a directory entry change (a rename) to disk, where the
// system allows it; it is best effort.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // fails on Windows, where renames are flushed anyway
		d.Close()
	}
}

func isContext(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func dirError(dir string, err error) error {
	return apperr.Wrap(apperr.CodeUnavailable, fmt.Errorf("backup dir %s: %w", dir, err), fmt.Sprintf(
		"Não foi possível gravar na pasta de backups %s. Verifique se a pasta existe, se o disco tem espaço e se você tem permissão de escrita.", dir))
}
