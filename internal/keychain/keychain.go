// Package keychain keeps the secrets of each Banco Inter account (OAuth
// client secret, mTLS private key, tokens, SMTP password) in the operating
// system's keychain: the Secret Service (gnome-keyring) on Linux, Credential
// Manager on Windows, the Keychain on macOS. They live there and in memory
// only; this package writes them nowhere else and never puts a secret, a
// piece of one or its hash in an error.
//
// # Storage format
//
// Windows Credential Manager refuses a value above 2,560 bytes, and a PEM
// 4096-bit RSA key is about 3.3 KB, so a secret is stored as several items of
// service [Service]:
//
//	<key>      header  "v1:<n>:<sha256 of the secret, lowercase hex>"
//	<key>#1    chunk 1 base64 of secret[0:1800]
//	…
//	<key>#n    chunk n base64 of the rest (n = 0 for an empty secret)
//
// The same format is used on every platform, so the tests on Linux exercise
// what runs on Windows. Get checks the chunk count and the SHA-256 and
// returns [ErrCorrupt] rather than wrong bytes.
//
// Chunk items always form an unbroken run #1..#k: Put writes them in
// ascending order and removals go in descending order. Put writes the chunks
// first and the header last, then deletes the chunks a longer previous
// version left above the new count. Interrupting it is therefore safe to
// detect and to repair: an interrupted first Put leaves no header (Get says
// [ErrNotFound]); an interrupted overwrite leaves the old header over partly
// rewritten chunks, which fails the SHA-256 check ([ErrCorrupt]), never
// returning mixed bytes. Repeating the Put repairs either case, and Delete
// or a later Put sweeps leftover chunks.
//
// Secrets are not compressed: PEM and tokens are base64 text already, so
// gzip would save under a quarter of the size (a 4096-bit key still takes two
// chunks) while adding a decompression step to guard against.
//
// # Blocking and cancellation
//
// go-keyring calls block (D-Bus round trips, or a password prompt the
// desktop shows) and cannot be interrupted. Every method returns ctx.Err()
// when ctx is done before it starts or while it waits for another operation
// of the same Store; Get also stops between chunk reads. Put and Delete,
// once they have begun writing, run to the end: stopping half-way would only
// damage the stored secret.
package keychain

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
)

// Service is the keychain service name under which every item of the
// product is stored.
const Service = "boletos"

// Sizes. The arithmetic:
//
//   - maxItemBytes = 2,560: Windows' CRED_MAX_CREDENTIAL_BLOB_SIZE (5 × 512);
//     go-keyring returns keyring.ErrSetDataTooBig above it. go-keyring stores
//     the string's bytes as the blob unchanged (no UTF-16 conversion), and
//     every value written here is ASCII, so characters = bytes (wincred
//     writes CredentialBlob from []byte(password) as is).
//   - itemBudget = 2,400: the longest value written, 160 bytes (6 %) under the
//     limit, so no item sits on an operating-system boundary.
//   - chunkBytes = 2,400 / 4 × 3 = 1,800: standard base64 turns each 3 bytes
//     into 4 characters, so a full chunk becomes exactly 2,400 characters,
//     with no padding; a shorter last chunk is shorter still.
//   - The header is at most len("v1:37:") + 64 = 70 bytes.
//   - macOS: go-keyring wraps the value again ("go-keyring-base64:" + base64,
//     18 + 3,200 characters) in a command it limits to 4,096 bytes; with the
//     service and a 104-character item name the command stays under 3,400.
//   - A 4096-bit RSA key in PEM (3,243 bytes as PKCS#1, 3,272 as PKCS#8)
//     takes 2 chunks; the largest secret accepted, 64 KiB, takes 37.
//
// A Backend that stored values as UTF-16 (as Python's keyring does on
// Windows) would double every value: itemBudget would then have to drop to
// 1,280 and chunkBytes to 960.
const (
	maxItemBytes   = 2560
	itemBudget     = 2400
	chunkBytes     = itemBudget / 4 * 3
	maxSecretBytes = 64 << 10
	maxChunks      = (maxSecretBytes + chunkBytes - 1) / chunkBytes
	maxKeyLen      = 100
	headerVersion  = "v1"
	probePrefix    = "probe/"
)

// Backend is the keychain itself: go-keyring's functions, or a fake in tests.
// A missing item is reported as keyring.ErrNotFound.
type Backend interface {
	Set(service, user, password string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// System returns the operating system's keychain, through go-keyring.
func System() Backend { return systemBackend{} }

type systemBackend struct{}

func (systemBackend) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

func (systemBackend) Get(service, user string) (string, error) { return keyring.Get(service, user) }

func (systemBackend) Delete(service, user string) error { return keyring.Delete(service, user) }

// Store reads and writes secrets in a Backend. It is safe for concurrent
// use: its operations run one at a time, so a Get never sees a Put of the
// same Store half done. The zero Store is not usable; build one with New.
type Store struct {
	backend Backend
	sem     chan struct{} // holds one token while an operation runs
}

// New returns a Store over backend; use System() in the program.
func New(backend Backend) *Store {
	return &Store{backend: backend, sem: make(chan struct{}, 1)}
}

// Put stores secret under key, replacing any previous value. It is safe to
// repeat, and an interrupted Put is detected by Get (see the package
// documentation).
func (s *Store) Put(ctx context.Context, key string, secret []byte) error {
	if err := checkKey("put", key); err != nil {
		return err
	}
	if len(secret) > maxSecretBytes {
		return apperr.Wrap(apperr.CodeInvalid,
			&failure{op: "put", key: key, detail: fmt.Sprintf("secret of %d bytes exceeds %d", len(secret), maxSecretBytes)},
			fmt.Sprintf("O segredo tem %d bytes, mais que o máximo de %d KB que o programa guarda no cofre do sistema. Confira se escolheu o arquivo certo.", len(secret), maxSecretBytes>>10))
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()

	previous, err := s.storedCount("put", key)
	if err != nil {
		return err
	}
	n := chunkCount(len(secret))
	for i := range n {
		part := secret[i*chunkBytes : min((i+1)*chunkBytes, len(secret))]
		if err := s.set("put", key, chunkName(key, i+1), base64.StdEncoding.EncodeToString(part)); err != nil {
			return err
		}
	}
	if err := s.set("put", key, key, header(n, secret)); err != nil {
		return err
	}
	return s.removeChunks("put", key, n, previous)
}

// Get returns the secret stored under key: ErrNotFound when there is none,
// ErrCorrupt when its items do not add up to what was written.
func (s *Store) Get(ctx context.Context, key string) ([]byte, error) {
	if err := checkKey("get", key); err != nil {
		return nil, err
	}
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.unlock()

	h, err := s.backend.Get(Service, key)
	if err != nil {
		return nil, backendError("get", key, err, "")
	}
	n, sum, ok := parseHeader(h)
	if !ok {
		return nil, corrupt("get", key, "header does not parse")
	}
	secret := make([]byte, 0, n*chunkBytes)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		v, err := s.backend.Get(Service, chunkName(key, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return nil, corrupt("get", key, fmt.Sprintf("chunk %d of %d is missing", i, n))
		}
		if err != nil {
			return nil, backendError("get", key, err, "")
		}
		if len(v) > itemBudget {
			return nil, corrupt("get", key, fmt.Sprintf("chunk %d of %d is too long", i, n))
		}
		part, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return nil, corrupt("get", key, fmt.Sprintf("chunk %d of %d is not base64", i, n))
		}
		secret = append(secret, part...)
	}
	if sha256.Sum256(secret) != sum {
		return nil, corrupt("get", key, fmt.Sprintf("checksum of %d chunks does not match", n))
	}
	return secret, nil
}

// Delete removes every item of key. Deleting a missing key is not an error.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := checkKey("delete", key); err != nil {
		return err
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()

	known, err := s.storedCount("delete", key)
	if err != nil {
		return err
	}
	// Header first: from here on Get says "not found" rather than "damaged".
	if err := s.backend.Delete(Service, key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return backendError("delete", key, err, "")
	}
	return s.removeChunks("delete", key, 0, known)
}

// Check writes a random probe secret, reads it back and deletes it, to tell
// at start-up whether a keychain is usable. The error says what to install
// or unlock.
func (s *Store) Check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	key := probePrefix + strings.ToLower(rand.Text())
	probe := make([]byte, 32)
	rand.Read(probe) // never fails (crypto/rand, Go ≥ 1.24)

	// The probe must not outlive Check, even when ctx ends meanwhile.
	cleanup := context.WithoutCancel(ctx)
	if err := s.Put(ctx, key, probe); err != nil {
		_ = s.Delete(cleanup, key) // best effort: the keychain just failed
		return err
	}
	got, err := s.Get(ctx, key)
	delErr := s.Delete(cleanup, key)
	switch {
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrCorrupt):
		// The keychain accepted the probe but did not keep it faithfully.
		return apperr.Wrap(apperr.CodeUnavailable,
			&failure{op: "check", key: key, detail: "probe read back as missing or damaged", kind: ErrUnavailable},
			msgMismatch)
	case err != nil:
		return err
	case !bytes.Equal(got, probe):
		return apperr.Wrap(apperr.CodeUnavailable,
			&failure{op: "check", key: key, detail: "value read back differs from the value written", kind: ErrUnavailable},
			msgMismatch)
	}
	return delErr
}

// lock waits for the Store's turn, giving up when ctx is done.
func (s *Store) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		s.unlock()
		return err
	}
	return nil
}

func (s *Store) unlock() { <-s.sem }

// set writes one item, mapping the backend's error.
func (s *Store) set(op, key, user, value string) error {
	if err := s.backend.Set(Service, user, value); err != nil {
		return backendError(op, key, err, value)
	}
	return nil
}

// storedCount returns the chunk count the current header of key announces:
// 0 when there is no header or it does not parse (removeChunks still finds
// the chunks by probing).
func (s *Store) storedCount(op, key string) (int, error) {
	h, err := s.backend.Get(Service, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, backendError(op, key, err, "")
	}
	n, _, ok := parseHeader(h)
	if !ok {
		return 0, nil
	}
	return n, nil
}

// removeChunks deletes the chunk items of key above keep: up to known, and
// any further ones an interrupted Put left (found by probing, as chunk items
// form an unbroken run). It deletes from the top down to keep that run
// unbroken if it is interrupted in turn.
func (s *Store) removeChunks(op, key string, keep, known int) error {
	top := max(keep, known)
	for top < maxChunks {
		_, err := s.backend.Get(Service, chunkName(key, top+1))
		if errors.Is(err, keyring.ErrNotFound) {
			break
		}
		if err != nil {
			return backendError(op, key, err, "")
		}
		top++
	}
	for i := top; i > keep; i-- {
		err := s.backend.Delete(Service, chunkName(key, i))
		if err != nil && !errors.Is(err, keyring.ErrNotFound) {
			return backendError(op, key, err, "")
		}
	}
	return nil
}

// chunkCount is how many chunk items a secret of size bytes takes.
func chunkCount(size int) int { return (size + chunkBytes - 1) / chunkBytes }

// chunkName is the item name of chunk i (from 1) of key. Keys cannot contain
// '#', so chunk names never collide with keys.
func chunkName(key string, i int) string { return key + "#" + strconv.Itoa(i) }

func header(n int, secret []byte) string {
	sum := sha256.Sum256(secret)
	return headerVersion + ":" + strconv.Itoa(n) + ":" + hex.EncodeToString(sum[:])
}

func parseHeader(h string) (n int, sum [sha256.Size]byte, ok bool) {
	parts := strings.Split(h, ":")
	if len(parts) != 3 || parts[0] != headerVersion {
		return 0, sum, false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 0 || n > maxChunks || strconv.Itoa(n) != parts[1] {
		return 0, sum, false
	}
	if len(parts[2]) != hex.EncodedLen(sha256.Size) {
		return 0, sum, false
	}
	if _, err := hex.Decode(sum[:], []byte(parts[2])); err != nil {
		return 0, sum, false
	}
	return n, sum, true
}

// validKey reports whether key has 1 to maxKeyLen characters from
// [a-z0-9/_-].
func validKey(key string) bool {
	if key == "" || len(key) > maxKeyLen {
		return false
	}
	for i := range len(key) {
		c := key[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '/' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func checkKey(op, key string) error {
	if validKey(key) {
		return nil
	}
	// The key is left out of the detail: a caller could have passed a secret
	// by mistake.
	return apperr.Wrap(apperr.CodeInvalid,
		&failure{op: op, detail: fmt.Sprintf("invalid key of %d bytes", len(key))},
		"Nome de segredo inválido: use de 1 a 100 caracteres entre letras minúsculas sem acento, números, /, _ e -.")
}
