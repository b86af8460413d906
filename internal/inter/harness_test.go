package inter

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ---- a tiny PKI -------------------------------------------------------------

type testCA struct {
	cert *x509.Certificate
	key  crypto.Signer
	pem  []byte
}

var serialCounter atomic.Int64

func newTestCA(t testing.TB, name string, parent *testCA) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serialCounter.Add(1)),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"Teste"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	signerCert, signerKey := tmpl, crypto.Signer(key)
	if parent != nil {
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, key.Public(), signerKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert: cert, key: key, pem: pemCert(der)}
}

// issue signs a leaf for pub; server leaves get 127.0.0.1 as SAN.
func (ca *testCA) issue(t testing.TB, cn string, pub crypto.PublicKey, server bool, notBefore, notAfter time.Time) (*x509.Certificate, []byte) {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serialCounter.Add(1)),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Empresa Teste LTDA"}},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if server {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
		tmpl.DNSNames = []string{"localhost"}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, pub, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert, pemCert(der)
}

func (ca *testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

func pemCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func pemKey(t testing.TB, key any, format string) []byte {
	t.Helper()
	var typ string
	var der []byte
	var err error
	switch format {
	case "pkcs1":
		typ, der = "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key.(*rsa.PrivateKey))
	case "sec1":
		typ = "EC PRIVATE KEY"
		der, err = x509.MarshalECPrivateKey(key.(*ecdsa.PrivateKey))
	default:
		typ = "PRIVATE KEY"
		der, err = x509.MarshalPKCS8PrivateKey(key)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

// pki is shared by the tests of the package (key generation is slow under
// -race, RSA above all).
type pkiSet struct {
	root       *testCA
	serverCert tls.Certificate
	ecKey      *ecdsa.PrivateKey
	rsaKey     *rsa.PrivateKey
	clientEC   []byte // PEM certificate for ecKey
	clientRSA  []byte // PEM certificate for rsaKey
}

var (
	pkiOnce sync.Once
	pkiVal  *pkiSet
)

func testPKI(t testing.TB) *pkiSet {
	t.Helper()
	pkiOnce.Do(func() {
		p := &pkiSet{root: newTestCA(t, "Inter Teste CA", nil)}
		skey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		scert, _ := p.root.issue(t, "127.0.0.1", skey.Public(), true, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
		p.serverCert = tls.Certificate{Certificate: [][]byte{scert.Raw}, PrivateKey: skey, Leaf: scert}
		p.ecKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		var err error
		if p.rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			t.Fatal(err)
		}
		nb, na := time.Now().Add(-time.Hour), time.Now().Add(365*24*time.Hour)
		_, p.clientEC = p.root.issue(t, "cliente-ec", p.ecKey.Public(), false, nb, na)
		_, p.clientRSA = p.root.issue(t, "cliente-rsa", p.rsaKey.Public(), false, nb, na)
		pkiVal = p
	})
	return pkiVal
}

// clientCert is the default client certificate of the tests.
func (p *pkiSet) clientCert(t testing.TB) tls.Certificate {
	t.Helper()
	c, err := LoadKeyPair(p.clientEC, pemKey(t, p.ecKey, "pkcs8"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ---- a fake bank ------------------------------------------------------------

const (
	testClientID     = "client-id-123"
	testClientSecret = "s3cr3t-NAO-VAZAR"
)

type recorded struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// fakeBank is an mTLS server with an OAuth token endpoint and a pluggable
// API handler. The API handler is only reached with a valid bearer token;
// other tokens get 401 (empty body).
type fakeBank struct {
	t   testing.TB
	srv *httptest.Server

	tokenCalls  atomic.Int64
	tokenSerial atomic.Int64
	tokenExpiry atomic.Int64 // expires_in; 0: 3600
	// tokenFail, when set, answers every token request with it.
	tokenFail  atomic.Pointer[func(w http.ResponseWriter)]
	tokenDelay atomic.Int64 // ns
	// tokenHook, when set, sees every token request first.
	tokenHook atomic.Pointer[func(r *http.Request)]

	mu       sync.Mutex
	valid    map[string]bool
	api      http.HandlerFunc
	requests []recorded
	apiCalls atomic.Int64
}

func newFakeBank(t testing.TB, api http.HandlerFunc) *fakeBank {
	t.Helper()
	p := testPKI(t)
	b := &fakeBank{t: t, valid: map[string]bool{}, api: api}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/v2/token", b.token)
	mux.HandleFunc("/", b.serveAPI)
	b.srv = httptest.NewUnstartedServer(mux)
	b.srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{p.serverCert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    p.root.pool(),
		MinVersion:   tls.VersionTLS12,
	}
	b.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	b.srv.StartTLS()
	t.Cleanup(b.srv.Close)
	return b
}

func (b *fakeBank) token(w http.ResponseWriter, r *http.Request) {
	b.tokenCalls.Add(1)
	if h := b.tokenHook.Load(); h != nil {
		(*h)(r)
	}
	if d := b.tokenDelay.Load(); d > 0 {
		time.Sleep(time.Duration(d))
	}
	if f := b.tokenFail.Load(); f != nil {
		(*f)(w)
		return
	}
	if r.Header.Get("Authorization") != "" {
		http.Error(w, `{"error":"invalid_request","error_description":"Authorization header not expected"}`, http.StatusBadRequest)
		return
	}
	if err := r.ParseForm(); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if r.PostForm.Get("client_id") != testClientID || r.PostForm.Get("client_secret") != testClientSecret ||
		r.PostForm.Get("grant_type") != "client_credentials" ||
		r.PostForm.Get("scope") != "boleto-cobranca.read boleto-cobranca.write" {
		w.Header().Set("X-Request-Id", "req-token-401")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	tok := fmt.Sprintf("access-token-%d-XYZ", b.tokenSerial.Add(1))
	b.mu.Lock()
	b.valid[tok] = true
	b.mu.Unlock()
	exp := b.tokenExpiry.Load()
	if exp == 0 {
		exp = 3600
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":%d,"scope":"boleto-cobranca.read boleto-cobranca.write"}`, tok, exp)
}

func (b *fakeBank) serveAPI(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	b.mu.Lock()
	ok := b.valid[tok]
	b.requests = append(b.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
	api := b.api
	b.mu.Unlock()
	b.apiCalls.Add(1)
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if api == nil {
		http.NotFound(w, r)
		return
	}
	api(w, r)
}

// revokeAll makes every token issued so far invalid.
func (b *fakeBank) revokeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.valid = map[string]bool{}
}

func (b *fakeBank) setAPI(h http.HandlerFunc) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.api = h
}

func (b *fakeBank) last() recorded {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) == 0 {
		b.t.Fatal("no API request reached the bank")
	}
	return b.requests[len(b.requests)-1]
}

func (b *fakeBank) failTokens(f func(w http.ResponseWriter)) { b.tokenFail.Store(&f) }

// testConfig is a client Config for b: unlimited profile, fast back-offs.
func (b *fakeBank) config(t testing.TB) Config {
	p := testPKI(t)
	return Config{
		BaseURL:          b.srv.URL,
		ClientID:         testClientID,
		ClientSecret:     testClientSecret,
		Certificate:      p.clientCert(t),
		RootCAs:          p.root.pool(),
		Profile:          ProfileUnlimited,
		Timeout:          5 * time.Second,
		RateLimitBackoff: 20 * time.Millisecond,
		RetryBackoff:     2 * time.Millisecond,
	}
}

func (b *fakeBank) client(t testing.TB, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := b.config(t)
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// writeJSON answers status with body (a string is sent verbatim).
func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch v := body.(type) {
	case string:
		io.WriteString(w, v)
	case nil:
	default:
		_ = json.NewEncoder(w).Encode(v)
	}
}

// logBuffer is a concurrency-safe buffer for a JSON slog handler.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogger(buf *logBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
