package accounts

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/keychain"
	"boletos/internal/keychain/keychaintest"
	"boletos/internal/store"
)

// ---- a clock the tests move --------------------------------------------------

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// ---- a tiny PKI ----------------------------------------------------------------

var serials atomic.Int64

type testCA struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func newCA(t testing.TB, name string, now time.Time) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serials.Add(1)),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"Banco Teste"}},
		NotBefore:             now.Add(-48 * time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key}
}

// issue signs a client certificate for pub.
func (ca *testCA) issue(t testing.TB, cn string, pub crypto.PublicKey, notBefore, notAfter time.Time) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serials.Add(1)),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Empresa Teste LTDA"}},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, pub, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert
}

func certPEM(certs ...*x509.Certificate) []byte {
	var b bytes.Buffer
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.Bytes()
}

// Keys are generated once per test binary: RSA 4096 takes a while.
var (
	keysOnce sync.Once
	rsa2048  *rsa.PrivateKey
	rsa4096  *rsa.PrivateKey
	ecKey    *ecdsa.PrivateKey
	otherRSA *rsa.PrivateKey
)

func testKeys(t testing.TB) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		if rsa2048, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if rsa4096, err = rsa.GenerateKey(rand.Reader, 4096); err != nil {
			panic(err)
		}
		if ecKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
			panic(err)
		}
		if otherRSA, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
}

func pkcs1PEM(k *rsa.PrivateKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func pkcs8PEM(t testing.TB, k any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func sec1PEM(t testing.TB, k *ecdsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})
}

// ---- ZIPs built in memory --------------------------------------------------------

type zipEntry struct {
	name string
	data []byte
	dir  bool
}

func makeZIP(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.dir {
			if _, err := w.Create(strings.TrimSuffix(e.name, "/") + "/"); err != nil {
				t.Fatal(err)
			}
			continue
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// interZIP is the ZIP as Inter delivers it.
func interZIP(t testing.TB, cert, key []byte) []byte {
	return makeZIP(t, zipEntry{name: "Inter API_Certificado.crt", data: cert}, zipEntry{name: "Inter API_Chave.key", data: key})
}

// ---- keychains ---------------------------------------------------------------

// realKeychain is the Secret Service of the test session; the test's items
// are removed when it ends.
func realKeychain(t *testing.T) *keychain.Store {
	t.Helper()
	return keychain.New(keychaintest.New(t))
}

// memBackend is an in-memory keychain whose Set fails once, at the failAt-th
// write of a header item (the last write of a keychain.Put; 0: never).
type memBackend struct {
	mu      sync.Mutex
	items   map[string]string
	headers int
	failAt  int
	broken  bool // every call fails, as with no keychain at all
}

func newMem() *memBackend { return &memBackend{items: map[string]string{}} }

var errNoKeychain = errors.New("The name org.freedesktop.secrets was not provided by any .service files")

func (m *memBackend) Set(service, user, password string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken {
		return errNoKeychain
	}
	if !strings.Contains(user, "#") {
		m.headers++
		if m.failAt > 0 && m.headers == m.failAt {
			return errNoKeychain
		}
	}
	m.items[service+"|"+user] = password
	return nil
}

func (m *memBackend) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken {
		return "", errNoKeychain
	}
	v, ok := m.items[service+"|"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (m *memBackend) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken {
		return errNoKeychain
	}
	if _, ok := m.items[service+"|"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.items, service+"|"+user)
	return nil
}

func (m *memBackend) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}

// ---- services and simulators --------------------------------------------------

func openStore(t *testing.T, dir string, now func() time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newService(t *testing.T, keys *keychain.Store, opts Options) (*Service, *store.Store) {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	st := openStore(t, opts.DataDir, opts.Now)
	s := New(st, keys, opts)
	t.Cleanup(func() { s.Close() })
	return s, st
}

func startSim(t *testing.T) *intersim.Sim {
	t.Helper()
	sim, err := intersim.New(intersim.Config{Profile: intersim.ProfileUnlimited})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

// validBeneficiary passes every check.
func validBeneficiary() boleto.Payer {
	return boleto.Payer{
		Document: "11.222.333/0001-81", Name: "Padaria Pão Quente Ltda", Address: "Rua das Flores",
		Number: "120", District: "Centro", City: "Belo Horizonte", UF: "mg", CEP: "30110-000",
	}
}

// simInput is a complete simulator account for sim, its credentials given
// as the ZIP Inter hands out.
func simInput(t *testing.T, sim *intersim.Sim, name string) Input {
	t.Helper()
	cr := sim.Credentials()
	return Input{
		Name:              name,
		Environment:       store.EnvSimulator,
		SimulatorURL:      cr.BaseURL,
		SimulatorCAPEM:    string(cr.CACertPEM),
		DirectIntegration: true,
		ClientID:          cr.ClientID,
		ClientSecret:      cr.ClientSecret,
		ContaCorrente:     cr.ContaCorrente,
		Credentials:       Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, cr.ClientCertPEM, cr.ClientKeyPEM), ZIPName: "integracao.zip"},
		Beneficiary:       validBeneficiary(),
	}
}

// fields returns the field paths of an input error (warnings marked "~").
func fields(err error) []string {
	var out []string
	for _, f := range apperr.Fields(err) {
		if f.Warning {
			out = append(out, "~"+f.Field)
		} else {
			out = append(out, f.Field)
		}
	}
	return out
}

// wantField fails unless err is an input error naming field with a message
// containing want.
func wantField(t *testing.T, err error, field, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s: %q", field, want)
	}
	code, msg := apperr.Describe(err)
	if code != apperr.CodeInvalid {
		t.Fatalf("code %q (%v); want %q", code, err, apperr.CodeInvalid)
	}
	for _, f := range apperr.Fields(err) {
		if f.Field == field && strings.Contains(f.Message, want) && !f.Warning {
			return
		}
	}
	t.Fatalf("error %q with fields %v; want %s containing %q", msg, apperr.Fields(err), field, want)
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func keychainOf(b keychain.Backend) *keychain.Store { return keychain.New(b) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ioMulti(w ...io.Writer) io.Writer { return io.MultiWriter(w...) }

func summaryParams(d boleto.Date) inter.SummaryParams {
	return inter.SummaryParams{DataInicial: d.AddDays(-30), DataFinal: d}
}
