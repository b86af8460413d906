package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is where build/ lies, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestResourcesRoundTrip writes the real resources from build/windows into a
// small windows/amd64 program (pure Go, so no mingw needed), then reads them
// back with CheckPE: what `make windows` embeds is what the checker of
// `make test-dist` expects, and the checker notices a wrong version.
func TestResourcesRoundTrip(t *testing.T) {
	root := repoRoot(t)
	v, err := ParseVersion("v1.4.2-7-gabc1234", 99)
	if err != nil {
		t.Fatal(err)
	}
	rs, ico, err := WindowsResources(ResourceFiles{
		Icon:     filepath.Join(root, "build/appicon.png"),
		Info:     filepath.Join(root, "build/windows/info.json"),
		Manifest: filepath.Join(root, "build/windows/boletos.exe.manifest"),
	}, v)
	if err != nil {
		t.Fatal(err)
	}
	if len(ico) < 6 || string(ico[:4]) != "\x00\x00\x01\x00" {
		t.Errorf("the .ico does not start with an icon header: % x", ico[:min(len(ico), 6)])
	}

	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module tiny\n\ngo 1.21\n")
	write("main.go", "package main\n\nfunc main() {}\n")
	if err := WriteSyso(filepath.Join(dir, "rsrc_windows_amd64.syso"), rs); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "tiny.exe")
	cmd := exec.Command("go", "build", "-ldflags=-s -w -H windowsgui", "-o", exe, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	if err := CheckPE(exe, Expect{Kind: App, ProductName: "Boletos", Version: v}); err != nil {
		t.Fatalf("CheckPE: %v", err)
	}

	// The checker must fail on what it is meant to catch.
	other, _ := ParseVersion("v1.4.2-8-gdef5678", 99)
	bad := []struct {
		name string
		want Expect
		says string
	}{
		{"other version", Expect{Kind: App, ProductName: "Boletos", Version: other}, "want [1 4 2 8]"},
		{"other product", Expect{Kind: App, ProductName: "Outro", Version: v}, `ProductName "Boletos", want "Outro"`},
		{"not the installer", Expect{Kind: Installer, ProductName: "Boletos", Version: v}, "machine"},
	}
	for _, tt := range bad {
		err := CheckPE(exe, tt.want)
		if err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: CheckPE = %v, want an error saying %q", tt.name, err, tt.says)
		}
	}
	if err := CheckPE(filepath.Join(root, "build/appicon.png"), Expect{ProductName: "Boletos", Version: v}); err == nil {
		t.Error("CheckPE accepted a PNG")
	}
}
