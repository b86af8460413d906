package inter

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func TestLoadKeyPairFormats(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	tests := []struct {
		name    string
		certPEM []byte
		key     any
		format  string
	}{
		{"RSA PKCS#1", p.clientRSA, p.rsaKey, "pkcs1"},
		{"RSA PKCS#8", p.clientRSA, p.rsaKey, "pkcs8"},
		{"EC PKCS#8", p.clientEC, p.ecKey, "pkcs8"},
		{"EC SEC 1", p.clientEC, p.ecKey, "sec1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cert, err := LoadKeyPair(tt.certPEM, pemKey(t, tt.key, tt.format))
			if err != nil {
				t.Fatal(err)
			}
			info, err := CertificateInfo(cert)
			if err != nil {
				t.Fatal(err)
			}
			if !info.KeyMatches || info.Expired || info.ChainLength != 1 || info.DaysLeft < 363 || info.ExpiringSoon {
				t.Errorf("info = %+v", info)
			}
			if !strings.Contains(info.Subject, "cliente-") || !strings.Contains(info.Issuer, "Inter Teste CA") {
				t.Errorf("subject %q issuer %q", info.Subject, info.Issuer)
			}
		})
	}
}

// TestEveryKeyFormatCompletesMTLS: each format really authenticates.
func TestEveryKeyFormatCompletesMTLS(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	bank := newFakeBank(t, okGet)
	for _, tc := range []struct {
		cert   []byte
		key    any
		format string
	}{{p.clientRSA, p.rsaKey, "pkcs1"}, {p.clientEC, p.ecKey, "sec1"}} {
		cert, err := LoadKeyPair(tc.cert, pemKey(t, tc.key, tc.format))
		if err != nil {
			t.Fatal(err)
		}
		c := bank.client(t, func(c *Config) { c.Certificate = cert })
		if _, err := c.Get(context.Background(), "c1"); err != nil {
			t.Errorf("%s: %v", tc.format, err)
		}
	}
}

// TestChainInCrtIsSentWhole: the leaf is signed by an intermediate the bank
// does not know; the handshake only succeeds when the .crt's chain is sent.
func TestChainInCrtIsSentWhole(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	inter := newTestCA(t, "Intermediaria", p.root)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, leafPEM := inter.issue(t, "cliente-cadeia", key.Public(), false, time.Now().Add(-time.Hour), time.Now().Add(time.Hour*24*100))
	chain := append(append([]byte{}, leafPEM...), inter.pem...)
	cert, err := LoadKeyPair(chain, pemKey(t, key, "pkcs8"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cert.Certificate) != 2 {
		t.Fatalf("chain of %d certificates, want 2", len(cert.Certificate))
	}
	info, err := CertificateInfo(cert)
	if err != nil || info.ChainLength != 2 {
		t.Fatalf("info %+v, %v", info, err)
	}
	bank := newFakeBank(t, okGet)
	if _, err := bank.client(t, func(c *Config) { c.Certificate = cert }).Get(context.Background(), "c1"); err != nil {
		t.Fatalf("with the chain: %v", err)
	}
	leafOnly, err := LoadKeyPair(leafPEM, pemKey(t, key, "pkcs8"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bank.client(t, func(c *Config) { c.Certificate = leafOnly }).Get(context.Background(), "c1")
	if err == nil {
		t.Fatal("the bank accepted a leaf without its chain: the test proves nothing")
	}
	if AuthHint(err) != HintCertificate || !strings.Contains(UserMessage(err), "recusou o certificado") {
		t.Errorf("err = %v, hint %q", err, AuthHint(err))
	}
}

func TestLoadKeyPairErrors(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	ecKeyPEM := pemKey(t, p.ecKey, "pkcs8")
	tests := []struct {
		name      string
		cert, key []byte
		sentinel  error
		message   string
	}{
		{"mismatch", p.clientRSA, ecKeyPEM, ErrKeyMismatch, "A chave privada não corresponde ao certificado."},
		{"key not PEM", p.clientEC, []byte("isto não é uma chave"), ErrBadKey, "Arquivo .key não é uma chave privada PEM"},
		{"empty key", p.clientEC, nil, ErrBadKey, "vazio"},
		{"cert not PEM", []byte("lixo"), ecKeyPEM, ErrBadCertificate, "Arquivo .crt não é um certificado PEM"},
		{"swapped", ecKeyPEM, p.clientEC, ErrBadCertificate, "trocados"},
		{"cert in key file", p.clientEC, p.clientEC, ErrBadKey, "trocados"},
		{"encrypted", p.clientEC, []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"), ErrEncryptedKey, "senha"},
		{"corrupt key", p.clientEC, []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), ErrBadKey, "corrompida"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := LoadKeyPair(tt.cert, tt.key)
			var ce *CertError
			if !errors.As(err, &ce) || !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want %v", err, tt.sentinel)
			}
			if !strings.Contains(UserMessage(err), tt.message) {
				t.Errorf("message %q lacks %q", UserMessage(err), tt.message)
			}
		})
	}
}

func TestLoadKeyPairDER(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	leaf, _ := p.root.issue(t, "der", p.ecKey.Public(), false, time.Now().Add(-time.Hour), time.Now().Add(time.Hour*48))
	der, _ := x509.MarshalPKCS8PrivateKey(p.ecKey)
	cert, err := LoadKeyPair(leaf.Raw, der)
	if err != nil {
		t.Fatal(err)
	}
	info, err := CertificateInfo(cert)
	if err != nil || !info.ExpiringSoon || info.DaysLeft != 1 {
		t.Errorf("info %+v, %v", info, err)
	}
}

func TestCertificateInfoExpired(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	notAfter := time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)
	_, certPEM := p.root.issue(t, "antigo", p.ecKey.Public(), false, notAfter.AddDate(-1, 0, 0), notAfter)
	cert, err := LoadKeyPair(certPEM, pemKey(t, p.ecKey, "pkcs8"))
	if err != nil {
		t.Fatalf("an expired pair must still load (the screen shows it): %v", err)
	}
	now := notAfter.Add(10*24*time.Hour + time.Hour)
	info, err := CertificateInfoAt(cert, now)
	if !errors.Is(err, ErrCertExpired) {
		t.Fatalf("err = %v", err)
	}
	if got := UserMessage(err); got != "O certificado venceu em 12/03/2026: gere um novo no Internet Banking do Inter." {
		t.Errorf("message %q", got)
	}
	if !info.Expired || info.DaysLeft != -11 || !info.KeyMatches || info.ExpiringSoon || !info.NotAfter.Equal(notAfter) {
		t.Errorf("info %+v", info)
	}
	soon := notAfter.Add(-5 * 24 * time.Hour)
	info, err = CertificateInfoAt(cert, soon)
	if err != nil || !info.ExpiringSoon || info.DaysLeft != 5 {
		t.Errorf("5 days before: %+v, %v", info, err)
	}
	info, err = CertificateInfoAt(cert, notAfter.AddDate(-2, 0, 0))
	if !errors.Is(err, ErrCertNotYetValid) || !info.NotYetValid {
		t.Errorf("before validity: %+v, %v", info, err)
	}
	cfg := Config{BaseURL: "https://127.0.0.1:1", ClientID: "x", ClientSecret: "y", Certificate: cert, Now: func() time.Time { return now }}
	if _, err := NewClient(cfg); !errors.Is(err, ErrCertExpired) {
		t.Errorf("NewClient with an expired certificate: %v", err)
	}
}

func TestCertificateInfoMismatch(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	good := p.clientCert(t)
	bad := tls.Certificate{Certificate: good.Certificate, PrivateKey: p.rsaKey}
	info, err := CertificateInfo(bad)
	if !errors.Is(err, ErrKeyMismatch) || info.KeyMatches || info.Subject == "" {
		t.Errorf("info %+v, %v", info, err)
	}
	if _, err := CertificateInfo(tls.Certificate{}); !errors.Is(err, ErrNoCertificate) {
		t.Errorf("empty certificate: %v", err)
	}
}

func TestLoadPFXRoundTrip(t *testing.T) {
	t.Parallel()
	p := testPKI(t)
	leaf, err := x509.ParseCertificate(p.clientCert(t).Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, enc := range map[string]*pkcs12.Encoder{"Modern": pkcs12.Modern, "LegacyRC2": pkcs12.LegacyRC2} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pfx, err := enc.Encode(p.ecKey, leaf, []*x509.Certificate{p.root.cert}, "senha-forte")
			if err != nil {
				t.Fatal(err)
			}
			cert, err := LoadPFX(pfx, "senha-forte")
			if err != nil {
				t.Fatal(err)
			}
			info, err := CertificateInfo(cert)
			if err != nil || !info.KeyMatches || info.ChainLength != 2 || info.CommonName != "cliente-ec" {
				t.Fatalf("info %+v, %v", info, err)
			}
			bank := newFakeBank(t, okGet)
			if _, err := bank.client(t, func(c *Config) { c.Certificate = cert }).Get(context.Background(), "c1"); err != nil {
				t.Errorf("mTLS with the .pfx: %v", err)
			}
			_, err = LoadPFX(pfx, "errada")
			if !errors.Is(err, ErrPFXPassword) || UserMessage(err) != "A senha do arquivo .pfx está incorreta." {
				t.Errorf("wrong password: %v", err)
			}
		})
	}
	if _, err := LoadPFX([]byte("not a pfx"), "x"); !errors.Is(err, ErrBadPFX) {
		t.Errorf("garbage: %v", err)
	}
	rsaLeaf, _ := x509.ParseCertificate(mustPair(t, p.clientRSA, pemKey(t, p.rsaKey, "pkcs1")).Certificate[0])
	pfx, err := pkcs12.Modern.Encode(p.ecKey, rsaLeaf, nil, "s")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPFX(pfx, "s"); !errors.Is(err, ErrKeyMismatch) {
		t.Errorf("mismatched pfx: %v", err)
	}
}

func mustPair(t *testing.T, certPEM, keyPEM []byte) tls.Certificate {
	t.Helper()
	c, err := LoadKeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCertificateFromOtherCARefused: the bank's TLS refuses a certificate
// its CA did not issue, and the error says so.
func TestCertificateFromOtherCARefused(t *testing.T) {
	t.Parallel()
	other := newTestCA(t, "Outra CA", nil)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, certPEM := other.issue(t, "intruso", key.Public(), false, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
	cert := mustPair(t, certPEM, pemKey(t, key, "pkcs8"))
	bank := newFakeBank(t, okGet)
	_, err := bank.client(t, func(c *Config) { c.Certificate = cert }).Emit(context.Background(), sampleEmit(t))
	if err == nil || IsPossiblySent(err) || IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if AuthHint(err) != HintCertificate {
		t.Errorf("hint %q for %v", AuthHint(err), err)
	}
	if bank.tokenCalls.Load() != 0 || bank.apiCalls.Load() != 0 {
		t.Error("the bank served a request over a refused certificate")
	}
}
