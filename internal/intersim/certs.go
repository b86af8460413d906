package intersim

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

// Validity of the generated certificates. The client certificate lasts one
// year, like the ones Inter hands out; the CA and the server certificate
// outlive any state file.
const (
	caValidity     = 10 * 365 * 24 * time.Hour
	serverValidity = 10 * 365 * 24 * time.Hour
	clientValidity = 365 * 24 * time.Hour
	// backdate absorbs clock skew between the simulator and its clients.
	backdate = time.Hour
)

// authority is a CA able to sign leaf certificates.
type authority struct {
	cert    *x509.Certificate
	key     crypto.Signer
	certPEM []byte
}

// newAuthority creates a self-signed CA with an ECDSA P-256 key.
func newAuthority(name string, now time.Time) (*authority, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate CA key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: name, Organization: []string{"Simulador Banco Inter (Boletos)"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, fmt.Errorf("create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := encodeKey(key)
	if err != nil {
		return nil, nil, err
	}
	return &authority{cert: cert, key: key, certPEM: encodeCert(der)}, keyPEM, nil
}

// loadAuthority reads a CA saved by newAuthority.
func loadAuthority(certPEM, keyPEM []byte) (*authority, error) {
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	signer, ok := pair.PrivateKey.(crypto.Signer)
	if !ok {
		return nil, errors.New("CA key cannot sign")
	}
	cert, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return nil, err
	}
	return &authority{cert: cert, key: signer, certPEM: certPEM}, nil
}

// leafKind selects the key usage of a leaf certificate.
type leafKind int

const (
	serverLeaf leafKind = iota
	clientLeaf
)

// leafOptions describe one leaf certificate.
type leafOptions struct {
	kind      leafKind
	name      string
	notBefore time.Time
	notAfter  time.Time
	rsa       bool // RSA 2048 instead of ECDSA P-256
}

// issue signs a leaf certificate and returns it and its key, both in PEM.
func (a *authority) issue(o leafOptions) (certPEM, keyPEM []byte, err error) {
	var key crypto.Signer
	if o.rsa {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: o.name, Organization: []string{"Simulador Banco Inter (Boletos)"}},
		NotBefore:    o.notBefore,
		NotAfter:     o.notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if o.rsa {
		tmpl.KeyUsage |= x509.KeyUsageKeyEncipherment
	}
	switch o.kind {
	case serverLeaf:
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.DNSNames = []string{"localhost"}
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	case clientLeaf:
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, key.Public(), a.key)
	if err != nil {
		return nil, nil, fmt.Errorf("sign certificate: %w", err)
	}
	keyPEM, err = encodeKey(key)
	if err != nil {
		return nil, nil, err
	}
	return encodeCert(der), keyPEM, nil
}

// OtherCAClientCert returns a valid client certificate and key issued by a
// freshly made CA that no simulator trusts, for tests of the TLS refusal.
func OtherCAClientCert() (certPEM, keyPEM []byte, err error) {
	now := time.Now()
	ca, _, err := newAuthority("Outra CA", now)
	if err != nil {
		return nil, nil, err
	}
	return ca.issue(leafOptions{kind: clientLeaf, name: "cliente-de-outra-ca", notBefore: now.Add(-backdate), notAfter: now.Add(clientValidity)})
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		// crypto/rand never fails on supported platforms.
		panic(err)
	}
	return n.Add(n, big.NewInt(1))
}

func encodeCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// encodeKey writes a private key as PKCS#8 ("PRIVATE KEY"), the form of the
// .key file Inter hands out.
func encodeKey(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}
