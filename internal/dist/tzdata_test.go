package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
)

// Windows has no zoneinfo files: the program finds America/Sao_Paulo only
// because it embeds the time zone database (time/tzdata).

// TestMainEmbedsTZData: the program's main package imports time/tzdata
// itself, so that no later change to a library drops it.
func TestMainEmbedsTZData(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, ".")
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if !slices.Contains(strings.Fields(string(out)), "time/tzdata") {
		t.Errorf("main.go does not import time/tzdata; its imports on windows:\n%s", out)
	}
}

const noZoneinfoEnv = "BOLETOS_DIST_TEST_NO_ZONEINFO"

// TestSaoPauloWithoutSystemZoneinfo runs this test binary again in a private
// mount namespace where every place Go looks for zone files is an empty
// folder, as on Windows, and checks there that boleto.SaoPaulo is the real
// America/Sao_Paulo zone, not the fixed UTC−3 fallback.
func TestSaoPauloWithoutSystemZoneinfo(t *testing.T) {
	if os.Getenv(noZoneinfoEnv) != "" {
		checkSaoPauloInChild(t)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("hiding /usr/share/zoneinfo needs root (a private mount namespace)")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) is not installed")
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	empty := t.TempDir()
	// Go's own copy of the database, the last place LoadLocation looks.
	hide := []string{filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time")}
	for _, dir := range []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"} {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			hide = append(hide, dir)
		}
	}
	script := `set -e; empty=$1; shift; for d in "$@"; do mount --bind "$empty" "$d"; done; exec "$TEST_BIN" -test.run='^TestSaoPauloWithoutSystemZoneinfo$' -test.v`
	args := append([]string{"--mount", "--propagation", "private", "sh", "-c", script, "sh", empty}, hide...)
	cmd := exec.Command(unshare, args...)
	cmd.Env = append(os.Environ(), noZoneinfoEnv+"=1", "TEST_BIN="+os.Args[0], "ZONEINFO=", "TZ=America/Sao_Paulo")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "zoneinfo hidden, America/Sao_Paulo found") {
		t.Fatalf("the child did not run the check:\n%s", out)
	}
}

func checkSaoPauloInChild(t *testing.T) {
	entries, err := os.ReadDir("/usr/share/zoneinfo")
	if err == nil && len(entries) > 0 {
		t.Fatal("/usr/share/zoneinfo is still visible: the test would prove nothing")
	}
	if name := boleto.SaoPaulo.String(); name != "America/Sao_Paulo" {
		t.Fatalf("boleto.SaoPaulo = %q, want America/Sao_Paulo (the time zone database is not embedded)", name)
	}
	// Brazil dropped daylight saving time in 2019: January is UTC−3 today,
	// and was UTC−2 in 2018, which a fixed zone would get wrong.
	for _, c := range []struct {
		year   int
		offset int
	}{{2026, -3 * 3600}, {2018, -2 * 3600}} {
		_, off := time.Date(c.year, time.January, 15, 12, 0, 0, 0, boleto.SaoPaulo).Zone()
		if off != c.offset {
			t.Errorf("January %d in São Paulo: offset %d s, want %d s", c.year, off, c.offset)
		}
	}
	t.Log("zoneinfo hidden, America/Sao_Paulo found")
}
