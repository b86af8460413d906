//go:build linux

package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
)

// The tests in this file use the real Secret Service. `make test-go` runs
// them inside dbus-run-session with a gnome-keyring unlocked in a temporary
// data directory; outside it they fail and say so, rather than skip.

const runMakeTestGo = "este teste usa o cofre de senhas real (Secret Service) numa sessão D-Bus isolada, " +
	"com o gnome-keyring desbloqueado numa pasta temporária. Rode `make test-go` " +
	"(ou o comando dbus-run-session descrito em docs/TOOLCHAIN.md, \"Keyring in tests\")"

// systemStore returns a Store over the real keychain, after checking that
// the test runs inside the isolated session: never against the developer's
// own keychain.
func systemStore(t *testing.T) (*Store, Backend) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("DBUS_SESSION_BUS_ADDRESS não está definida: " + runMakeTestGo + ".")
	}
	if dataHome := os.Getenv("XDG_DATA_HOME"); !insideTempDir(dataHome) {
		t.Fatalf("XDG_DATA_HOME (%q) não é uma pasta temporária, então o chaveiro usado pode ser o seu: %s.", dataHome, runMakeTestGo)
	}
	backend := System()
	return New(backend), backend
}

func insideTempDir(dir string) bool {
	if dir == "" || !filepath.IsAbs(dir) {
		return false
	}
	rel, err := filepath.Rel(os.TempDir(), dir)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// testKey is a key of its own for each test, deleted when the test ends.
func testKey(t *testing.T, store *Store) string {
	t.Helper()
	name := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '/', r == '-':
			return r
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '_'
	}, t.Name())
	key := "test/" + name
	if len(key) > maxKeyLen {
		key = key[:maxKeyLen]
	}
	t.Cleanup(func() {
		if err := store.Delete(context.Background(), key); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return key
}

// requireItems checks through the backend that key is stored as a header
// and exactly want chunks, each within Windows' limit.
func requireItems(t *testing.T, backend Backend, key string, want int) {
	t.Helper()
	h, err := backend.Get(Service, key)
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	if len(h) > maxItemBytes {
		t.Errorf("header is %d bytes", len(h))
	}
	if n, _, ok := parseHeader(h); !ok || n != want {
		t.Errorf("header announces %d chunks (parses: %t), want %d", n, ok, want)
	}
	for i := 1; i <= want; i++ {
		v, err := backend.Get(Service, chunkName(key, i))
		if err != nil {
			t.Fatalf("chunk %d: %v", i, err)
		}
		if len(v) > maxItemBytes {
			t.Errorf("chunk %d is %d bytes, over %d", i, len(v), maxItemBytes)
		}
	}
	if _, err := backend.Get(Service, chunkName(key, want+1)); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("chunk %d exists beyond the %d announced (err %v)", want+1, want, err)
	}
}

func TestSystemRoundTrip(t *testing.T) {
	t.Parallel()
	store, backend := systemStore(t)
	tests := []struct {
		name   string
		secret []byte
	}{
		{"client secret", []byte("c1b2a3d4-e5f6-7890-abcd-ef0123456789")},
		{"accented password", []byte("senha-çãé-€-2468")},
		{"empty", []byte{}},
		{"binary", allByteValues()},
		{"rsa 4096 key", rsaKeyPEM()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			key := testKey(t, store)
			if err := store.Put(ctx, key, tt.secret); err != nil {
				t.Fatalf("Put: %v", err)
			}
			got, err := store.Get(ctx, key)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			requireSame(t, got, tt.secret)
			requireItems(t, backend, key, chunkCount(len(tt.secret)))
		})
	}
}

func TestSystemPrivateKeyTakesSeveralChunks(t *testing.T) {
	t.Parallel()
	store, backend := systemStore(t)
	ctx := context.Background()
	key := testKey(t, store)
	pemKey := rsaKeyPEM()
	if len(pemKey) <= maxItemBytes {
		t.Fatalf("the PEM key has %d bytes: it would fit one item and prove nothing", len(pemKey))
	}
	if err := store.Put(ctx, key, pemKey); err != nil {
		t.Fatal(err)
	}
	n := chunkCount(len(pemKey))
	if n < 2 {
		t.Fatalf("%d chunk(s)", n)
	}
	requireItems(t, backend, key, n)
	got, err := store.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	requireSame(t, got, pemKey)
}

func TestSystemOverwriteLongWithShort(t *testing.T) {
	t.Parallel()
	store, backend := systemStore(t)
	ctx := context.Background()
	key := testKey(t, store)
	long := randomBytes(20 << 10)
	if err := store.Put(ctx, key, long); err != nil {
		t.Fatal(err)
	}
	requireItems(t, backend, key, chunkCount(len(long)))
	short := []byte("token-curto")
	if err := store.Put(ctx, key, short); err != nil {
		t.Fatal(err)
	}
	requireItems(t, backend, key, 1)
	for i := 2; i <= chunkCount(len(long)); i++ {
		if _, err := backend.Get(Service, chunkName(key, i)); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("surplus chunk %d still stored (err %v)", i, err)
		}
	}
	got, err := store.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	requireSame(t, got, short)
}

func TestSystemDelete(t *testing.T) {
	t.Parallel()
	store, backend := systemStore(t)
	ctx := context.Background()
	key := testKey(t, store)
	if err := store.Put(ctx, key, rsaKeyPEM()); err != nil {
		t.Fatal(err)
	}
	if err := store.Delete(ctx, key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	for i, user := range itemNames(key, len(rsaKeyPEM())) {
		if _, err := backend.Get(Service, user); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("item %d still stored after Delete (err %v)", i, err)
		}
	}
	_, err := store.Get(ctx, key)
	requireKind(t, err, ErrNotFound)
	if err := store.Delete(ctx, key); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
}

func TestSystemGetMissing(t *testing.T) {
	t.Parallel()
	store, _ := systemStore(t)
	_, err := store.Get(context.Background(), testKey(t, store))
	requireKind(t, err, ErrNotFound)
}

func TestSystemCheck(t *testing.T) {
	t.Parallel()
	store, _ := systemStore(t)
	if err := store.Check(context.Background()); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

// TestSystemWithoutKeychain runs this test binary (see TestMain) where no
// keychain can be reached, and checks that the real go-keyring and godbus
// errors get the right sentence. The child only reads, so it cannot write
// to any keychain it might reach by mistake.
func TestSystemWithoutKeychain(t *testing.T) {
	t.Parallel()
	busConfig := filepath.Join(t.TempDir(), "session.conf")
	if err := os.WriteFile(busConfig, []byte(noSecretsBusConfig(t.TempDir())), 0o600); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     []string // added to the environment, without the bus address
		command []string // wraps the child, if any
		want    string
		skipIf  func() string
	}{
		{
			name: "dead bus socket",
			env:  []string{"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "gone")},
			want: msgDeadBus,
		},
		{
			name:   "no bus and no dbus-launch",
			env:    []string{"PATH=" + t.TempDir()},
			want:   msgNoSession,
			skipIf: desktopBusExists,
		},
		{
			name:    "bus without a Secret Service",
			env:     []string{"XDG_DATA_HOME=" + t.TempDir(), "XDG_RUNTIME_DIR=" + t.TempDir()},
			command: []string{"dbus-run-session", "--config-file=" + busConfig, "--"},
			want:    msgNoProvider,
		},
		{
			// The bus starts gnome-keyring on demand, with no password to
			// unlock its collection and no screen to ask for one.
			name: "locked collection",
			env: []string{"XDG_DATA_HOME=" + t.TempDir(), "XDG_RUNTIME_DIR=" + t.TempDir(),
				"DISPLAY=", "WAYLAND_DISPLAY="},
			command: []string{"dbus-run-session", "--"},
			want:    msgLocked,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.skipIf != nil {
				if reason := tt.skipIf(); reason != "" {
					t.Skip(reason)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			args := append(append([]string{}, tt.command...), self)
			cmd := exec.CommandContext(ctx, args[0], args[1:]...)
			cmd.Env = append(childEnviron(), childEnv+"=1")
			cmd.Env = append(cmd.Env, tt.env...)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("child: %v", err)
			}
			// Daemons the bus starts share stdout: the verdict is the last line.
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			line := lines[len(lines)-1]
			if want := fmt.Sprintf("%s|true|%s", apperr.CodeUnavailable, tt.want); line != want {
				t.Errorf("child printed %q\nwant          %q", line, want)
			}
		})
	}
}

// childEnviron is the environment without the bus address and the variables
// the cases set themselves.
func childEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "DISPLAY", "WAYLAND_DISPLAY", childEnv:
			continue
		}
		env = append(env, kv)
	}
	return env
}

// desktopBusExists reports why godbus would find a session bus on its own
// (it looks in /run/user/<uid>), which makes "no bus" impossible to produce.
func desktopBusExists() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	for _, name := range []string{"bus", "dbus-session"} {
		p := filepath.Join("/run/user", u.Uid, name)
		if _, err := os.Stat(p); err == nil {
			return p + " exists: godbus would connect to that session bus"
		}
	}
	return ""
}

// noSecretsBusConfig is a session bus whose only service directory is
// empty, so nothing provides org.freedesktop.secrets.
func noSecretsBusConfig(serviceDir string) string {
	return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=` + os.TempDir() + `</listen>
  <servicedir>` + serviceDir + `</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
}
