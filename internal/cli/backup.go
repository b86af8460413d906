package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"boletos/internal/backup"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// `boletos backup [--out PASTA]`, `boletos backup list`, `boletos backup
// inspect ARQUIVO` and `boletos restore [--yes] ARQUIVO`: the same backups
// the program takes every day (internal/backup).

func bindBackup(fs *flag.FlagSet) runner { return bindBackupWith(fs, time.Now) }

func bindBackupWith(fs *flag.FlagSet, now func() time.Time) runner {
	out := fs.String("out", "", "pasta dos backups (padrão: DADOS/backups)")
	asJSON := fs.Bool("json", false, "saída em JSON")
	return func(ctx context.Context, c *invocation, args []string) error {
		dir := *out
		if dir == "" {
			dir = backup.DefaultDir(c.session.DataDir)
		}
		if len(args) == 0 {
			return backupTake(ctx, c, dir, now(), *asJSON)
		}
		switch sub, rest := args[0], args[1:]; sub {
		case "list":
			if len(rest) > 0 {
				return usageErr{"boletos backup list não recebe argumentos além das opções"}
			}
			return backupList(c, dir, *asJSON)
		case "inspect":
			if len(rest) != 1 {
				return usageErr{"informe um arquivo: boletos backup inspect ARQUIVO"}
			}
			p, err := backup.Inspect(ctx, backupPath(rest[0], c.session.DataDir, *out))
			if err != nil {
				return err
			}
			if *asJSON {
				return writeJSON(c.env.Stdout, previewJSONOf(p))
			}
			_, err = io.WriteString(c.env.Stdout, previewText(p))
			return err
		}
		return usageErr{fmt.Sprintf("subcomando desconhecido %q: use boletos backup, boletos backup list ou boletos backup inspect ARQUIVO", args[0])}
	}
}

// backupItem is a backup file in --json output.
type backupItem struct {
	Path    string `json:"path"`
	Name    string `json:"name"`
	Kind    string `json:"kind"` // backup | safety
	TakenAt string `json:"takenAt"`
	Size    int64  `json:"size"`
}

func backupItemOf(b backup.Info) backupItem {
	return backupItem{Path: b.Path, Name: b.Name, Kind: string(b.Kind), TakenAt: b.TakenAt.In(boleto.SaoPaulo).Format(time.RFC3339), Size: b.Size}
}

func backupTake(ctx context.Context, c *invocation, dir string, now time.Time, asJSON bool) error {
	db, err := store.Open(ctx, filepath.Join(c.session.DataDir, backup.DatabaseName), store.Options{Logger: c.session.Logger})
	if err != nil {
		return err
	}
	defer db.Close()
	info, err := backup.Take(ctx, db, dir, now)
	if info.Path == "" {
		return err
	}
	if asJSON {
		if werr := writeJSON(c.env.Stdout, backupItemOf(info)); werr != nil {
			return werr
		}
	} else if _, werr := fmt.Fprintf(c.env.Stdout, "Backup feito: %s (%s)\n", info.Path, sizeText(info.Size)); werr != nil {
		return werr
	}
	return err // pruning failed: the backup exists, the message says so
}

func backupList(c *invocation, dir string, asJSON bool) error {
	list, err := backup.List(dir)
	if err != nil {
		return err
	}
	if asJSON {
		items := make([]backupItem, len(list))
		for i, b := range list {
			items[i] = backupItemOf(b)
		}
		return writeJSON(c.env.Stdout, items)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintf(c.env.Stdout, "Nenhum backup em %s. Faça um com: boletos backup\n", dir)
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s  %-18s  %10s  %s\n", "FEITO EM", "TIPO", "TAMANHO", "ARQUIVO")
	for _, f := range list {
		kind := "backup"
		if f.Kind == backup.KindSafety {
			kind = "antes de restaurar"
		}
		fmt.Fprintf(&b, "%-16s  %-18s  %10s  %s\n", dateTimeText(f.TakenAt), kind, sizeText(f.Size), f.Path)
	}
	_, err = io.WriteString(c.env.Stdout, b.String())
	return err
}

// ---- boletos restore ----

func bindRestore(fs *flag.FlagSet) runner { return bindRestoreWith(fs, os.Stdin, time.Now) }

func bindRestoreWith(fs *flag.FlagSet, stdin io.Reader, now func() time.Time) runner {
	yes := fs.Bool("yes", false, "restaura sem pedir confirmação")
	asJSON := fs.Bool("json", false, "saída em JSON (exige --yes)")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) != 1 {
			return usageErr{"informe o arquivo do backup: boletos restore [--yes] ARQUIVO (veja os backups com boletos backup list)"}
		}
		if *asJSON && !*yes {
			return usageErr{"com --json, confirme com --yes: boletos restore --yes --json ARQUIVO"}
		}
		dataDir := c.session.DataDir
		path := backupPath(args[0], dataDir, "")
		if err := backup.CheckIdle(dataDir); err != nil {
			return err
		}
		p, err := backup.Inspect(ctx, path)
		if err != nil {
			return err
		}
		if err := p.Restorable(); err != nil {
			return err
		}
		if !*asJSON {
			fmt.Fprint(c.env.Stdout, previewText(p))
		}
		if !*yes {
			fmt.Fprintf(c.env.Stdout, "\nOs dados atuais da pasta %s serão substituídos por este backup (antes, uma cópia deles é guardada em %s).\nRestaurar? Digite s para confirmar: ",
				dataDir, backup.DefaultDir(dataDir))
			if !confirmed(stdin) {
				fmt.Fprintln(c.env.Stdout, "\nRestauração cancelada: nada foi alterado.")
				return silentErr{}
			}
		}
		r, err := backup.Restore(ctx, path, dataDir, now())
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, restoreJSON{Restored: previewJSONOf(r.Preview), SafetyBackup: optional(r.SafetyBackup),
				NeedCredentials: accountNames(r.NeedCredentials())})
		}
		var b strings.Builder
		fmt.Fprintf(&b, "\nBackup de %s restaurado na pasta de dados %s.\n", dateTimeText(r.TakenAt), dataDir)
		if r.SafetyBackup != "" {
			fmt.Fprintf(&b, "Os dados anteriores foram guardados em %s.\n", r.SafetyBackup)
		}
		if need := r.NeedCredentials(); len(need) > 0 {
			b.WriteString("O certificado e o client secret ficam no chaveiro do sistema e não vão no backup:\n")
			for _, a := range need {
				fmt.Fprintf(&b, "  Conta %s: cadastre de novo o certificado e o client secret em Contas bancárias.\n", a.Name)
			}
		}
		_, err = io.WriteString(c.env.Stdout, b.String())
		return err
	}
}

// restoreJSON is the --json answer of restore.
type restoreJSON struct {
	Restored        previewJSON `json:"restored"`
	SafetyBackup    *string     `json:"safetyBackup"`
	NeedCredentials []string    `json:"needCredentials"`
}

// confirmed reads one line and reports whether it says yes.
func confirmed(stdin io.Reader) bool {
	if stdin == nil {
		return false
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || line == "") {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "s", "sim", "y", "yes":
		return true
	}
	return false
}

// backupPath resolves the ARQUIVO argument: a bare name that does not exist
// here is looked up in the backup folder (--out, or DADOS/backups).
func backupPath(arg, dataDir, dir string) string {
	if _, err := os.Stat(arg); err == nil || filepath.Base(arg) != arg {
		return arg
	}
	if dir == "" {
		dir = backup.DefaultDir(dataDir)
	}
	if p := filepath.Join(dir, arg); fileExists(p) {
		return p
	}
	return arg
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ---- the preview ----

type previewJSON struct {
	Path          string         `json:"path"`
	Size          int64          `json:"size"`
	TakenAt       string         `json:"takenAt"`
	SchemaVersion int            `json:"schemaVersion"`
	Accounts      []accountJSON  `json:"accounts"`
	Payers        int            `json:"payers"`
	Boletos       map[string]int `json:"boletos"` // by state code
	TotalBoletos  int            `json:"totalBoletos"`
	LastBoletoAt  *string        `json:"lastBoletoAt"`
}

type accountJSON struct {
	Name              string `json:"name"`
	Environment       string `json:"environment"`
	DirectIntegration bool   `json:"directIntegration"`
	NeedsCredentials  bool   `json:"needsCredentials"`
}

func previewJSONOf(p backup.Preview) previewJSON {
	out := previewJSON{Path: p.Path, Size: p.Size, TakenAt: p.TakenAt.In(boleto.SaoPaulo).Format(time.RFC3339), SchemaVersion: p.SchemaVersion,
		Accounts: []accountJSON{}, Payers: p.Payers, Boletos: map[string]int{}, TotalBoletos: p.TotalBoletos}
	for _, a := range p.Accounts {
		out.Accounts = append(out.Accounts, accountJSON{Name: a.Name, Environment: string(a.Environment),
			DirectIntegration: a.DirectIntegration, NeedsCredentials: a.NeedsCredentials})
	}
	for _, s := range p.Boletos {
		out.Boletos[string(s.State)] = s.Count
	}
	if !p.LastBoletoAt.IsZero() {
		out.LastBoletoAt = optional(p.LastBoletoAt.In(boleto.SaoPaulo).Format(time.RFC3339))
	}
	return out
}

// previewText describes a backup in a few lines of Portuguese.
func previewText(p backup.Preview) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Backup: %s\n", p.Path)
	fmt.Fprintf(&b, "Feito em: %s (%s)\n", dateTimeText(p.TakenAt), sizeText(p.Size))
	if len(p.Accounts) == 0 {
		b.WriteString("Contas: nenhuma\n")
	} else {
		fmt.Fprintf(&b, "Contas (%d):\n", len(p.Accounts))
		for _, a := range p.Accounts {
			note := envLabels[a.Environment]
			if note == "" {
				note = string(a.Environment)
			}
			if a.DirectIntegration {
				note += ", integração direta"
			}
			if a.NeedsCredentials {
				note += " — certificado e client secret terão de ser cadastrados de novo"
			}
			fmt.Fprintf(&b, "  %s (%s)\n", a.Name, note)
		}
	}
	fmt.Fprintf(&b, "Pagadores: %d\n", p.Payers)
	if p.TotalBoletos == 0 {
		b.WriteString("Boletos: nenhum\n")
	} else {
		parts := make([]string, len(p.Boletos))
		for i, s := range p.Boletos {
			parts[i] = fmt.Sprintf("%s %d", s.Label, s.Count)
		}
		fmt.Fprintf(&b, "Boletos: %d (%s)\n", p.TotalBoletos, strings.Join(parts, ", "))
		fmt.Fprintf(&b, "Último boleto criado em: %s\n", dateTimeText(p.LastBoletoAt))
	}
	return b.String()
}

func accountNames(as []backup.Account) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

func dateTimeText(t time.Time) string { return t.In(boleto.SaoPaulo).Format("02/01/2006 15:04") }

// sizeText writes a file size the Brazilian way: "532 bytes", "12,5 KB",
// "1,2 MB".
func sizeText(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/1024), ".", ",", 1)
	case n < 1024*1024*1024:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1024*1024)), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f GB", float64(n)/(1024*1024*1024)), ".", ",", 1)
}
