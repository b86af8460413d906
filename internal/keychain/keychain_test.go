package keychain

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
)

// childEnv makes the test binary act as a small program that reads one key
// from the system keychain and prints how the error was classified; the
// Linux tests run it in environments without a usable keychain.
const childEnv = "BOLETOS_KEYCHAIN_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		_, err := New(System()).Get(context.Background(), "probe/never-written")
		code, message := apperr.Describe(err)
		fmt.Printf("%s|%t|%s\n", code, errors.Is(err, ErrUnavailable), message)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// rsaKeyPEM is a 4096-bit RSA private key in PKCS#8 PEM, generated once.
var rsaKeyPEM = sync.OnceValue(func() []byte {
	key, err := rsa.GenerateKey(rand.Reader, 4096)
	if err != nil {
		panic(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
})

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func allByteValues() []byte {
	b := make([]byte, 0, 512)
	for i := range 512 {
		b = append(b, byte(i))
	}
	return b
}

// fakeBackend is an in-memory keychain. With limit > 0 it refuses longer
// values the way go-keyring does on Windows. The hooks, when set, run before
// each call (under the lock; they must not call the backend) and can make it
// fail.
type fakeBackend struct {
	mu       sync.Mutex
	items    map[string]string // user → value, for Service only
	limit    int
	calls    int
	onSet    func(user, value string) error
	onGet    func(user string) error
	onDelete func(user string) error
}

func newFake() *fakeBackend { return &fakeBackend{items: map[string]string{}} }

// newWindowsFake enforces Windows Credential Manager's 2,560-byte limit.
func newWindowsFake() *fakeBackend {
	f := newFake()
	f.limit = 2560
	return f
}

func (f *fakeBackend) Set(service, user, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.onSet != nil {
		if err := f.onSet(user, value); err != nil {
			return err
		}
	}
	if service != Service {
		return fmt.Errorf("fake: unexpected service %q", service)
	}
	if f.limit > 0 && len(value) > f.limit {
		return keyring.ErrSetDataTooBig
	}
	f.items[user] = value
	return nil
}

func (f *fakeBackend) Get(service, user string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.onGet != nil {
		if err := f.onGet(user); err != nil {
			return "", err
		}
	}
	v, ok := f.items[user]
	if !ok || service != Service {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeBackend) Delete(service, user string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.onDelete != nil {
		if err := f.onDelete(user); err != nil {
			return err
		}
	}
	if _, ok := f.items[user]; !ok || service != Service {
		return keyring.ErrNotFound
	}
	delete(f.items, user)
	return nil
}

// users lists the stored item names, sorted.
func (f *fakeBackend) users() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	users := make([]string, 0, len(f.items))
	for u := range f.items {
		users = append(users, u)
	}
	slices.Sort(users)
	return users
}

func (f *fakeBackend) value(user string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.items[user]
}

func (f *fakeBackend) put(user, value string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items[user] = value
}

func (f *fakeBackend) remove(user string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.items, user)
}

func (f *fakeBackend) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// itemNames is what Put(key, secret of size bytes) must leave: the header
// and chunks #1..#n.
func itemNames(key string, size int) []string {
	names := []string{key}
	for i := 1; i <= chunkCount(size); i++ {
		names = append(names, chunkName(key, i))
	}
	slices.Sort(names)
	return names
}

// requireSame compares secrets without printing them.
func requireSame(t *testing.T, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		t.Fatalf("secret read back differs from the one written (got %d bytes, want %d)", len(got), len(want))
	}
}

// requireKind checks that err is the *apperr.Error of a sentinel, with the
// sentinel's code.
func requireKind(t *testing.T, err error, sentinel *apperr.Error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("err = %v, want errors.Is(err, %q)", err, sentinel.Message)
	}
	code, _ := apperr.Describe(err)
	if code != sentinel.Code {
		t.Fatalf("code = %q, want %q", code, sentinel.Code)
	}
}

func TestSizeArithmetic(t *testing.T) {
	t.Parallel()
	if got := base64.StdEncoding.EncodedLen(chunkBytes); got > itemBudget || itemBudget > maxItemBytes {
		t.Errorf("a full chunk encodes to %d characters; budget %d, Windows limit %d", got, itemBudget, maxItemBytes)
	}
	if h := header(maxChunks, randomBytes(10)); len(h) > maxItemBytes {
		t.Errorf("header is %d bytes, over %d", len(h), maxItemBytes)
	}
	if maxChunks*chunkBytes < maxSecretBytes {
		t.Errorf("%d chunks of %d bytes do not hold %d bytes", maxChunks, chunkBytes, maxSecretBytes)
	}
	if n := chunkCount(len(rsaKeyPEM())); n < 2 {
		t.Errorf("a 4096-bit PEM key (%d bytes) takes %d chunk(s), want at least 2", len(rsaKeyPEM()), n)
	}
	if len(chunkName(strings.Repeat("a", maxKeyLen), maxChunks)) > 104 {
		t.Error("item names longer than documented")
	}
}

// TestWindowsLimit: under Credential Manager's 2,560-byte limit, secrets that
// cannot fit one item still round-trip, and no item is over the limit.
func TestWindowsLimit(t *testing.T) {
	t.Parallel()
	pemKey := rsaKeyPEM()

	// The fake must refuse what Windows refuses, or this test proves nothing.
	if err := newWindowsFake().Set(Service, "x", string(pemKey)); !errors.Is(err, keyring.ErrSetDataTooBig) {
		t.Fatalf("fake accepted a %d-byte value: %v", len(pemKey), err)
	}

	tests := []struct {
		name   string
		secret []byte
	}{
		{"empty", []byte{}},
		{"client secret", []byte("c1b2a3d4-e5f6-7890-abcd-ef0123456789")},
		{"binary", allByteValues()},
		{"4096-bit RSA key", pemKey},
		{"20 KB", randomBytes(20 << 10)},
		{"one full chunk", randomBytes(chunkBytes)},
		{"one byte over a chunk", randomBytes(chunkBytes + 1)},
		{"largest accepted", randomBytes(maxSecretBytes)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fake := newWindowsFake()
			store := New(fake)
			const key = "account/3/private-key"
			if err := store.Put(ctx, key, tt.secret); err != nil {
				t.Fatalf("Put: %v", err)
			}
			got, err := store.Get(ctx, key)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			requireSame(t, got, tt.secret)
			if got == nil {
				t.Error("Get returned nil, want a non-nil slice")
			}
			if users, want := fake.users(), itemNames(key, len(tt.secret)); !slices.Equal(users, want) {
				t.Errorf("items = %v, want %v", users, want)
			}
			for _, u := range fake.users() {
				if n := len(fake.value(u)); n > maxItemBytes {
					t.Errorf("item %s is %d bytes, over %d", u, n, maxItemBytes)
				}
			}
		})
	}
}

func TestPutTooLarge(t *testing.T) {
	t.Parallel()
	fake := newFake()
	err := New(fake).Put(context.Background(), "account/1/private-key", randomBytes(maxSecretBytes+1))
	if code, msg := apperr.Describe(err); code != apperr.CodeInvalid || !strings.Contains(msg, "64 KB") {
		t.Fatalf("Describe = %q, %q; want invalid_input mentioning 64 KB", code, msg)
	}
	if n := len(fake.users()); n != 0 {
		t.Errorf("%d items written for a refused secret", n)
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	valid := []string{"account/3/client-secret", "account/3/private-key", "smtp_password", "a", strings.Repeat("x", 100)}
	for _, key := range valid {
		store := New(newFake())
		if err := store.Put(ctx, key, []byte("s")); err != nil {
			t.Errorf("Put(%q): %v", key, err)
		}
	}
	invalid := []string{"", "Account/3", "conta/ç", "a b", "a#1", "a:b", "a.b", strings.Repeat("x", 101)}
	for _, key := range invalid {
		fake := newFake()
		store := New(fake)
		errs := []error{store.Put(ctx, key, []byte("s")), store.Delete(ctx, key)}
		_, err := store.Get(ctx, key)
		errs = append(errs, err)
		for i, err := range errs {
			code, msg := apperr.Describe(err)
			if code != apperr.CodeInvalid || !strings.Contains(msg, "Nome de segredo inválido") {
				t.Errorf("key %q, call %d: Describe = %q, %q", key, i, code, msg)
			}
		}
		if c := fake.callCount(); c != 0 {
			t.Errorf("key %q reached the backend %d times", key, c)
		}
	}
}

func TestOverwrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake := newWindowsFake()
	store := New(fake)
	const key = "account/7/client-secret"
	long, short, middle := randomBytes(20<<10), []byte("novo-segredo"), rsaKeyPEM()
	for _, secret := range [][]byte{long, short, middle, long, middle, short} {
		if err := store.Put(ctx, key, secret); err != nil {
			t.Fatalf("Put: %v", err)
		}
		got, err := store.Get(ctx, key)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		requireSame(t, got, secret)
		if users, want := fake.users(), itemNames(key, len(secret)); !slices.Equal(users, want) {
			t.Fatalf("after a %d-byte Put, items = %v, want %v", len(secret), users, want)
		}
	}
}

func TestDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake := newFake()
	store := New(fake)
	if err := store.Put(ctx, "account/1/private-key", rsaKeyPEM()); err != nil {
		t.Fatal(err)
	}
	if err := store.Put(ctx, "account/2/private-key", rsaKeyPEM()); err != nil {
		t.Fatal(err)
	}
	if err := store.Delete(ctx, "account/1/private-key"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if users, want := fake.users(), itemNames("account/2/private-key", len(rsaKeyPEM())); !slices.Equal(users, want) {
		t.Errorf("items = %v, want only those of account 2: %v", users, want)
	}
	_, err := store.Get(ctx, "account/1/private-key")
	requireKind(t, err, ErrNotFound)
	if err := store.Delete(ctx, "account/1/private-key"); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
	if err := store.Delete(ctx, "never/written"); err != nil {
		t.Errorf("deleting a never written key: %v", err)
	}
}

func TestGetMissing(t *testing.T) {
	t.Parallel()
	_, err := New(newFake()).Get(context.Background(), "account/9/client-secret")
	requireKind(t, err, ErrNotFound)
	if !errors.Is(err, keyring.ErrNotFound) {
		t.Error("the go-keyring cause is lost")
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, ErrCorrupt) {
		t.Error("a missing key also reads as another kind of error")
	}
	if _, msg := apperr.Describe(err); !strings.HasPrefix(msg, "Segredo não encontrado no cofre do sistema") {
		t.Errorf("message = %q", msg)
	}
}

func TestCorruption(t *testing.T) {
	t.Parallel()
	const key = "account/5/private-key"
	secret := rsaKeyPEM()
	tests := []struct {
		name   string
		damage func(f *fakeBackend)
	}{
		{"chunk altered", func(f *fakeBackend) {
			v := []byte(f.value(chunkName(key, 1)))
			if v[10] == 'A' {
				v[10] = 'B'
			} else {
				v[10] = 'A'
			}
			f.put(chunkName(key, 1), string(v))
		}},
		{"chunks swapped", func(f *fakeBackend) {
			a, b := f.value(chunkName(key, 1)), f.value(chunkName(key, 2))
			f.put(chunkName(key, 1), b)
			f.put(chunkName(key, 2), a)
		}},
		{"first chunk missing", func(f *fakeBackend) { f.remove(chunkName(key, 1)) }},
		{"last chunk missing", func(f *fakeBackend) { f.remove(chunkName(key, chunkCount(len(secret)))) }},
		{"last chunk truncated", func(f *fakeBackend) {
			last := chunkName(key, chunkCount(len(secret)))
			f.put(last, f.value(last)[:8])
		}},
		{"chunk not base64", func(f *fakeBackend) { f.put(chunkName(key, 2), "***") }},
		{"chunk too long", func(f *fakeBackend) { f.put(chunkName(key, 2), strings.Repeat("A", itemBudget+4)) }},
		{"header count too high", func(f *fakeBackend) {
			f.put(key, strings.Replace(f.value(key), ":2:", ":3:", 1))
		}},
		{"header count too low", func(f *fakeBackend) {
			f.put(key, strings.Replace(f.value(key), ":2:", ":1:", 1))
		}},
		{"header over the chunk limit", func(f *fakeBackend) {
			f.put(key, strings.Replace(f.value(key), ":2:", ":1000000:", 1))
		}},
		{"header hash altered", func(f *fakeBackend) {
			h := f.value(key)
			last := "0"
			if strings.HasSuffix(h, "0") {
				last = "1"
			}
			f.put(key, h[:len(h)-1]+last)
		}},
		{"header of another format", func(f *fakeBackend) { f.put(key, "plain old password") }},
		{"header of a future version", func(f *fakeBackend) { f.put(key, strings.Replace(f.value(key), "v1:", "v2:", 1)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fake := newFake()
			store := New(fake)
			if err := store.Put(ctx, key, secret); err != nil {
				t.Fatal(err)
			}
			if chunkCount(len(secret)) != 2 {
				t.Fatalf("cases assume 2 chunks, the key takes %d", chunkCount(len(secret)))
			}
			tt.damage(fake)
			got, err := store.Get(ctx, key)
			if got != nil {
				t.Error("Get returned bytes along with the error")
			}
			requireKind(t, err, ErrCorrupt)
			if _, msg := apperr.Describe(err); msg != ErrCorrupt.Message {
				t.Errorf("message = %q", msg)
			}
			requireNoLeak(t, err, secret)

			// Entering the secret again repairs it.
			if err := store.Put(ctx, key, secret); err != nil {
				t.Fatalf("Put after damage: %v", err)
			}
			got, err = store.Get(ctx, key)
			if err != nil {
				t.Fatalf("Get after repair: %v", err)
			}
			requireSame(t, got, secret)
			if users, want := fake.users(), itemNames(key, len(secret)); !slices.Equal(users, want) {
				t.Errorf("items = %v, want %v", users, want)
			}
		})
	}
}

var errPowerCut = errors.New("dbus: connection lost")

// failAfterSets lets n Set calls through, then fails every later one.
func failAfterSets(f *fakeBackend, n int) {
	f.onSet = func(string, string) error {
		if n == 0 {
			return errPowerCut
		}
		n--
		return nil
	}
}

func TestInterruptedPut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const key = "account/4/private-key"
	first, second := rsaKeyPEM(), randomBytes(20<<10)
	total := chunkCount(len(second)) + 1 // chunks and header

	for sets := 0; sets < total; sets++ {
		t.Run(fmt.Sprintf("first Put stops after %d writes", sets), func(t *testing.T) {
			t.Parallel()
			fake := newFake()
			store := New(fake)
			failAfterSets(fake, sets)
			if err := store.Put(ctx, key, second); err == nil {
				t.Fatal("Put succeeded though the backend failed")
			}
			_, err := store.Get(ctx, key)
			requireKind(t, err, ErrNotFound)

			fake.onSet = nil
			if err := store.Put(ctx, key, first); err != nil {
				t.Fatal(err)
			}
			got, err := store.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			requireSame(t, got, first)
			if users, want := fake.users(), itemNames(key, len(first)); !slices.Equal(users, want) {
				t.Errorf("leftovers of the interrupted Put: items = %v, want %v", users, want)
			}
		})
		t.Run(fmt.Sprintf("overwrite stops after %d writes", sets), func(t *testing.T) {
			t.Parallel()
			fake := newFake()
			store := New(fake)
			if err := store.Put(ctx, key, first); err != nil {
				t.Fatal(err)
			}
			failAfterSets(fake, sets)
			if err := store.Put(ctx, key, second); err == nil {
				t.Fatal("Put succeeded though the backend failed")
			}
			// Either the old secret, intact, or "damaged": never mixed bytes.
			got, err := store.Get(ctx, key)
			if err == nil {
				requireSame(t, got, first)
			} else {
				requireKind(t, err, ErrCorrupt)
			}

			fake.onSet = nil
			if err := store.Put(ctx, key, second); err != nil {
				t.Fatal(err)
			}
			got, err = store.Get(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			requireSame(t, got, second)
			if err := store.Delete(ctx, key); err != nil {
				t.Fatal(err)
			}
			if users := fake.users(); len(users) != 0 {
				t.Errorf("items left after Delete: %v", users)
			}
		})
	}
}

func TestInterruptedDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const key = "account/4/private-key"
	secret := randomBytes(20 << 10)
	for deletes := 0; deletes <= chunkCount(len(secret)); deletes++ {
		t.Run(fmt.Sprintf("stops after %d deletions", deletes), func(t *testing.T) {
			t.Parallel()
			fake := newFake()
			store := New(fake)
			if err := store.Put(ctx, key, secret); err != nil {
				t.Fatal(err)
			}
			left := deletes
			fake.onDelete = func(string) error {
				if left == 0 {
					return errPowerCut
				}
				left--
				return nil
			}
			if err := store.Delete(ctx, key); err == nil {
				t.Fatal("Delete succeeded though the backend failed")
			}
			_, err := store.Get(ctx, key)
			if deletes == 0 {
				if err != nil {
					t.Fatalf("nothing was deleted, Get: %v", err)
				}
			} else {
				requireKind(t, err, ErrNotFound)
			}

			// Leftover chunks are swept by the next Put or Delete.
			fake.onDelete = nil
			if err := store.Put(ctx, key, []byte("curto")); err != nil {
				t.Fatal(err)
			}
			if users, want := fake.users(), itemNames(key, 5); !slices.Equal(users, want) {
				t.Errorf("items = %v, want %v", users, want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	fake := newWindowsFake()
	if err := New(fake).Check(ctx); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if users := fake.users(); len(users) != 0 {
		t.Errorf("Check left items behind: %v", users)
	}
	if fake.callCount() == 0 {
		t.Error("Check did not use the backend")
	}

	// A keychain that accepts writes but loses them.
	forgetful := newFake()
	forgetful.onSet = func(string, string) error { return nil }
	forgetful.onGet = func(user string) error {
		if strings.Contains(user, "#") {
			return keyring.ErrNotFound
		}
		return nil
	}
	err := New(forgetful).Check(ctx)
	requireKind(t, err, ErrUnavailable)
	if errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNotFound) {
		t.Error("Check's error also reads as corrupt or not found")
	}
	if _, msg := apperr.Describe(err); msg != msgMismatch {
		t.Errorf("message = %q", msg)
	}

	// A failing Put leaves no probe behind.
	partial := newFake()
	failAfterSets(partial, 1)
	if err := New(partial).Check(ctx); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Check = %v, want ErrUnavailable", err)
	}
	if users := partial.users(); len(users) != 0 {
		t.Errorf("the failed Check left items behind: %v", users)
	}
}

func TestContext(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	fake := newFake()
	store := New(fake)
	const key = "account/1/client-secret"
	_, getErr := store.Get(cancelled, key)
	for name, err := range map[string]error{
		"Put":    store.Put(cancelled, key, []byte("x")),
		"Get":    getErr,
		"Delete": store.Delete(cancelled, key),
		"Check":  store.Check(cancelled),
	} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v", name, err)
		}
	}
	if c := fake.callCount(); c != 0 {
		t.Errorf("the backend was called %d times with a cancelled context", c)
	}

	// Waiting behind another operation honours the deadline.
	store.sem <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := store.Get(ctx, key); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get while another operation runs = %v, want the deadline", err)
	}
	store.unlock()

	// Get stops between chunks.
	if err := store.Put(context.Background(), key, randomBytes(3*chunkBytes)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	fake.onGet = func(user string) error {
		if user == chunkName(key, 1) {
			cancel()
		}
		return nil
	}
	if _, err := store.Get(ctx, key); !errors.Is(err, context.Canceled) {
		t.Errorf("Get cancelled mid-way = %v", err)
	}
}

// TestConcurrentUse: readers of a key being rewritten see one whole version
// or the other, never a mix (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := New(newWindowsFake())
	const key = "account/2/access-token"
	versions := [][]byte{rsaKeyPEM(), randomBytes(20 << 10), []byte("curto")}
	if err := store.Put(ctx, key, versions[0]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 4 {
		wg.Go(func() {
			for i := range 10 {
				if err := store.Put(ctx, key, versions[(w+i)%len(versions)]); err != nil {
					errs <- err
				}
			}
		})
		wg.Go(func() {
			for range 10 {
				got, err := store.Get(ctx, key)
				if err != nil {
					errs <- err
					continue
				}
				if !slices.ContainsFunc(versions, func(v []byte) bool { return bytes.Equal(v, got) }) {
					errs <- fmt.Errorf("read %d bytes that match no version written", len(got))
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// requireNoLeak fails when err, anything it wraps, or its user message
// contains the secret, its base64 form, a stored chunk, or its SHA-256.
func requireNoLeak(t *testing.T, err error, secret []byte) {
	t.Helper()
	if err == nil {
		return
	}
	sum := sha256.Sum256(secret)
	forbidden := []string{
		string(secret),
		base64.StdEncoding.EncodeToString(secret),
		hex.EncodeToString(sum[:]),
		header(chunkCount(len(secret)), secret),
	}
	for i := 0; i < len(secret); i += chunkBytes {
		part := secret[i:min(i+chunkBytes, len(secret))]
		forbidden = append(forbidden, string(part), base64.StdEncoding.EncodeToString(part))
	}
	// Short pieces are also checked by a distinctive prefix.
	for _, f := range slices.Clone(forbidden) {
		if len(f) > 24 {
			forbidden = append(forbidden, f[:24])
		}
	}
	_, message := apperr.Describe(err)
	texts := []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), message}
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		texts = append(texts, e.Error())
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	for _, text := range texts {
		for _, f := range forbidden {
			if f != "" && strings.Contains(text, f) {
				t.Fatalf("an error text contains the secret or a piece of it (%d-byte piece)", len(f))
			}
		}
	}
}
