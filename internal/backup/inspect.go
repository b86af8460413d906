package backup

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"boletos/internal/store"
)

// Preview is what a backup file holds, shown before restoring it.
type Preview struct {
	Path string
	Size int64
	// TakenAt comes from the file name (to the minute); for a file renamed
	// by hand it is the file's modification time.
	TakenAt       time.Time
	SchemaVersion int
	// NewerProgram: the backup was written by a newer version of the
	// program; this one cannot restore it.
	NewerProgram bool
	Accounts     []Account
	Payers       int
	Boletos      []StateCount // states with boletos, in lifecycle order
	TotalBoletos int
	LastBoletoAt time.Time // creation of the newest boleto; zero when none
}

// Account is an account found in a backup.
type Account struct {
	Name              string
	Environment       store.Environment
	DirectIntegration bool
	// NeedsCredentials: the account's client secret and private key live in
	// the OS keychain, which is not in the backup. On another computer (or
	// after they were removed) they must be entered again in "Contas
	// bancárias".
	NeedsCredentials bool
}

// StateCount is the number of boletos in one state.
type StateCount struct {
	State store.State
	Label string // pt-BR, as the screens show it
	Count int
}

// NeedCredentials returns the accounts of the backup whose secrets must be
// entered again after restoring it.
func (p Preview) NeedCredentials() []Account {
	var out []Account
	for _, a := range p.Accounts {
		if a.NeedsCredentials {
			out = append(out, a)
		}
	}
	return out
}

// Inspect opens the backup file at path read-only and describes it. A file
// that is not a Boletos database is refused with a Portuguese sentence
// (errors.Is(err, store.ErrForeignFile)). It does not run the full
// integrity check; Restore does.
func Inspect(ctx context.Context, path string) (Preview, error) {
	sum, err := store.InspectFile(ctx, path)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{
		Path:          path,
		SchemaVersion: sum.SchemaVersion,
		NewerProgram:  sum.SchemaVersion > store.LatestSchemaVersion(),
		Payers:        sum.Payers,
		TotalBoletos:  sum.TotalBoletos,
		LastBoletoAt:  sum.LastBoletoAt,
	}
	if abs, err := filepath.Abs(path); err == nil {
		p.Path = abs
	}
	if st, err := os.Stat(path); err == nil {
		p.Size = st.Size()
		p.TakenAt = st.ModTime()
	}
	if _, t, ok := parseName(filepath.Base(path)); ok {
		p.TakenAt = t
	}
	for _, a := range sum.Accounts {
		p.Accounts = append(p.Accounts, Account{Name: a.Name, Environment: a.Environment,
			DirectIntegration: a.DirectIntegration, NeedsCredentials: a.NeedsCredentials})
	}
	seen := map[store.State]bool{}
	for _, st := range store.States() {
		seen[st] = true
		if n := sum.Boletos[st]; n > 0 {
			p.Boletos = append(p.Boletos, StateCount{State: st, Label: store.StateLabel(st), Count: n})
		}
	}
	var unknown []StateCount // states this version does not know
	for st, n := range sum.Boletos {
		if !seen[st] && n > 0 {
			unknown = append(unknown, StateCount{State: st, Label: store.StateLabel(st), Count: n})
		}
	}
	slices.SortFunc(unknown, func(a, b StateCount) int { return strings.Compare(string(a.State), string(b.State)) })
	p.Boletos = append(p.Boletos, unknown...)
	return p, nil
}
