// Package keychaintest gives tests the real Secret Service of the test
// session (make test-go runs them inside dbus-run-session with an unlocked
// gnome-keyring), with every item name under a prefix unique to the test, so
// that tests of several packages running at once never share an item.
package keychaintest

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"testing"

	"boletos/internal/keychain"
)

// Backend is the system keychain with the test's prefix on every item.
type Backend struct {
	keychain.Backend
	prefix string

	mu   sync.Mutex
	seen map[string]bool
}

// New returns the prefixed system keychain, failing the test (never
// skipping it) when no usable keychain is reachable. The test's items are
// removed when it ends.
func New(t testing.TB) *Backend {
	t.Helper()
	b := &Backend{Backend: keychain.System(), prefix: "t" + strings.ToLower(rand.Text()[:10]) + "/", seen: map[string]bool{}}
	if err := keychain.New(b).Check(context.Background()); err != nil {
		t.Fatalf("no usable keychain (run the tests inside dbus-run-session with an unlocked gnome-keyring, as make test-go does): %v", err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for user := range b.seen {
			_ = b.Backend.Delete(keychain.Service, b.prefix+user)
		}
	})
	return b
}

// Set stores the item under the test's prefix.
func (b *Backend) Set(service, user, password string) error {
	b.mu.Lock()
	b.seen[user] = true
	b.mu.Unlock()
	return b.Backend.Set(service, b.prefix+user, password)
}

// Get reads the item under the test's prefix.
func (b *Backend) Get(service, user string) (string, error) {
	return b.Backend.Get(service, b.prefix+user)
}

// Delete removes the item under the test's prefix.
func (b *Backend) Delete(service, user string) error {
	return b.Backend.Delete(service, b.prefix+user)
}
