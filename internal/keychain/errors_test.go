package keychain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
)

// failingBackend returns err from every call.
func failingBackend(err error) *fakeBackend {
	f := newFake()
	f.onSet = func(string, string) error { return err }
	f.onGet = func(string) error { return err }
	f.onDelete = func(string) error { return err }
	return f
}

// operations runs each Store method once against backend.
func operations(backend Backend) map[string]error {
	ctx := context.Background()
	store := New(backend)
	const key = "account/3/client-secret"
	_, getErr := store.Get(ctx, key)
	return map[string]error{
		"Put":    store.Put(ctx, key, []byte("segredo")),
		"Get":    getErr,
		"Delete": store.Delete(ctx, key),
		"Check":  store.Check(ctx),
	}
}

// TestUnavailableMessages: each way go-keyring and godbus report a missing
// keychain (the errors listed in docs/TOOLCHAIN.md, as their real types and
// as bare text) gives its own sentence and ErrUnavailable.
func TestUnavailableMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no dbus-launch", &exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}, msgNoSession},
		{"no dbus-launch, as text", errors.New(`exec: "dbus-launch": executable file not found in $PATH`), msgNoSession},
		{"no session bus address", errors.New("dbus: couldn't determine address of session bus"), msgNoSession},
		{"dead bus socket", &net.OpError{Op: "dial", Net: "unix",
			Addr: &net.UnixAddr{Name: "/run/user/1000/bus", Net: "unix"},
			Err:  os.NewSyscallError("connect", errors.New("connection refused"))}, msgDeadBus},
		{"dead bus socket, as text", errors.New("dial unix /tmp/dbus-Xa1: connect: no such file or directory"), msgDeadBus},
		{"bus does not answer", dbus.Error{Name: dbusNoReply, Body: []any{"Did not receive a reply."}}, msgDeadBus},
		{"bus connection closed", fmt.Errorf("call: %w", dbus.ErrClosed), msgDeadBus},
		{"no Secret Service provider", dbus.Error{Name: dbusServiceUnknown,
			Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}}, msgNoProvider},
		{"no Secret Service provider, as text", errors.New("The name org.freedesktop.secrets was not provided by any .service files"), msgNoProvider},
		{"locked collection", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), msgLocked},
		{"locked item", dbus.Error{Name: secretIsLocked, Body: []any{"Cannot get secret of a locked object"}}, msgLocked},
		{"no default collection", dbus.Error{Name: dbusUnknownObject,
			Body: []any{"No such object path '/org/freedesktop/secrets/aliases/default'"}}, msgNoDefault},
		{"other D-Bus error", dbus.Error{Name: "org.freedesktop.DBus.Error.AccessDenied", Body: []any{"Rejected send message"}}, msgBusError},
		{"D-Bus authentication", errors.New("dbus: authentication failed"), msgBusError},
		{"anything else", errors.New("The operation completed successfully."), msgUnavailable},
	}
	if runtime.GOOS == "linux" {
		// dbus-launch exists but fails (it needs X11 to start a bus).
		exitErr := exec.Command("sh", "-c", "exit 1").Run()
		tests = append(tests, struct {
			name string
			err  error
			want string
		}{"dbus-launch fails", exitErr, msgNoSession})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for op, err := range operations(failingBackend(tt.err)) {
				requireKind(t, err, ErrUnavailable)
				if errors.Is(err, ErrNotFound) || errors.Is(err, ErrCorrupt) {
					t.Errorf("%s: also reads as not found or corrupt", op)
				}
				var appErr *apperr.Error
				if !errors.As(err, &appErr) || appErr.Message != tt.want {
					t.Errorf("%s: message = %q, want %q", op, appErr.Message, tt.want)
				}
				if !strings.Contains(err.Error(), tt.err.Error()) {
					t.Errorf("%s: the cause is missing from the log text %q", op, err.Error())
				}
			}
		})
	}
}

// TestMessagesArePortuguese guards against an English or empty sentence
// reaching the user.
func TestMessagesArePortuguese(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{msgUnavailable, msgNoSession, msgDeadBus, msgNoProvider, msgLocked,
		msgNoDefault, msgBusError, msgMismatch, msgTooBig, ErrNotFound.Message, ErrCorrupt.Message} {
		if !strings.Contains(msg, "cofre") || !strings.HasSuffix(msg, ".") || strings.Contains(msg, "keyring:") {
			t.Errorf("message %q", msg)
		}
	}
}

func TestBackendRefusesSize(t *testing.T) {
	t.Parallel()
	fake := newFake()
	fake.limit = 100 // smaller than a chunk: what a keychain tighter than Windows would do
	err := New(fake).Put(context.Background(), "account/1/private-key", rsaKeyPEM())
	if !errors.Is(err, keyring.ErrSetDataTooBig) {
		t.Fatalf("err = %v, want the cause ErrSetDataTooBig", err)
	}
	if code, msg := apperr.Describe(err); code != apperr.CodeInternal || msg != msgTooBig {
		t.Errorf("Describe = %q, %q", code, msg)
	}
	if errors.Is(err, ErrUnavailable) {
		t.Error("a size refusal reads as a missing keychain")
	}
	requireNoLeak(t, err, rsaKeyPEM())
}

// TestSecretNeverInErrors makes the backend fail at every call of every
// operation in turn, with errors that repeat whatever it was given (item
// names, and the value on Set), and checks that no error carries the secret,
// a chunk of it or its hash.
func TestSecretNeverInErrors(t *testing.T) {
	t.Parallel()
	secrets := map[string][]byte{
		"password": []byte("senha-SMTP-muito-secreta-2468"),
		"pem key":  rsaKeyPEM(),
		"20 KB":    randomBytes(20 << 10),
	}
	const key = "account/8/private-key"
	ctx := context.Background()
	type operation struct {
		name    string
		prepare func(store *Store, secret []byte) error
		run     func(store *Store, secret []byte) error
	}
	nothing := func(*Store, []byte) error { return nil }
	stored := func(store *Store, secret []byte) error { return store.Put(ctx, key, secret) }
	operations := []operation{
		{"first Put", nothing, func(s *Store, secret []byte) error { return s.Put(ctx, key, secret) }},
		{"overwrite", func(s *Store, secret []byte) error { return s.Put(ctx, key, randomBytes(len(secret)+chunkBytes)) },
			func(s *Store, secret []byte) error { return s.Put(ctx, key, secret) }},
		{"Get", stored, func(s *Store, _ []byte) error { _, err := s.Get(ctx, key); return err }},
		{"Delete", stored, func(s *Store, _ []byte) error { return s.Delete(ctx, key) }},
	}
	for name, secret := range secrets {
		for _, op := range operations {
			t.Run(name+"/"+op.name, func(t *testing.T) {
				t.Parallel()
				for failAt := 1; ; failAt++ {
					fake := newWindowsFake()
					store := New(fake)
					if err := op.prepare(store, secret); err != nil {
						t.Fatal(err)
					}
					calls, failed := 0, false
					fail := func(user, value string) error {
						calls++
						if calls != failAt {
							return nil
						}
						failed = true
						return fmt.Errorf("dbus: org.freedesktop.Secret.Error: refused item %s with value %s", user, value)
					}
					fake.onSet = fail
					fake.onGet = func(user string) error { return fail(user, "") }
					fake.onDelete = func(user string) error { return fail(user, "") }
					err := op.run(store, secret)
					requireNoLeak(t, err, secret)
					if !failed {
						if err != nil {
							t.Fatalf("failed with no backend failure: %v", err)
						}
						if failAt < 3 {
							t.Fatalf("only %d backend calls", calls)
						}
						return
					}
					if err == nil {
						t.Fatalf("backend call %d failed but the operation reported success", failAt)
					}
					if errors.Is(err, ErrUnavailable) == false {
						t.Fatalf("backend call %d: err = %v, want ErrUnavailable", failAt, err)
					}
				}
			})
		}
	}
}

// TestRedaction checks the guard itself: a backend error that quotes the
// value being written is dropped from the log text, the classification stays.
func TestRedaction(t *testing.T) {
	t.Parallel()
	value := "c2VncmVkbw=="
	err := backendError("put", "account/1/x", fmt.Errorf("dbus: could not store %s", value), value)
	if strings.Contains(err.Error(), value) {
		t.Fatal("the value reached the error text")
	}
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("err = %v, want ErrUnavailable", err)
	}
	if _, msg := apperr.Describe(err); msg != msgBusError {
		t.Errorf("message = %q, want %q", msg, msgBusError)
	}
}
