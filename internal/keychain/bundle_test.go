package keychain

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

// accountBundle is what internal/accounts stores under
// account/<id>/private-key: the PKCS#8 PEM of a 4096-bit RSA key followed by
// its certificate chain, leaf first, the way Banco Inter's certificates come
// (an intermediate CA signing the client certificate, both RSA 4096).
func accountBundle(t *testing.T) []byte {
	t.Helper()
	keyPEM := rsaKeyPEM()
	block, _ := pem.Decode(keyPEM)
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key := parsed.(*rsa.PrivateKey)
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Country: []string{"BR"}, Organization: []string{"Banco Inter S.A."}, CommonName: "Inter Autoridade Certificadora Intermediaria de Teste"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(5, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: new(big.Int).Lsh(big.NewInt(1), 150), // a long serial, as real CAs use
		Subject: pkix.Name{Country: []string{"BR"}, Province: []string{"MG"}, Locality: []string{"Belo Horizonte"},
			Organization: []string{"Padaria Pão de Queijo Comércio de Alimentos Ltda"}, OrganizationalUnit: []string{"Integração API Cobrança"},
			CommonName: "12345678000199:4fd1a2b3-8c7d-4e5f-9a0b-1c2d3e4f5a6b"},
		NotBefore:   now.Add(-time.Hour),
		NotAfter:    now.AddDate(1, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		DNSNames:    []string{"cdpj.partners.bancointer.com.br"},
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(keyPEM)
	pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: leafDER})
	pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return b.Bytes()
}

// TestWindowsLimitAccountBundle: the largest secret the program really
// stores — a 4096-bit key with its certificate chain — is split by the same
// code that runs on Windows into items none of which passes Credential
// Manager's 2,560 bytes, and reads back whole.
func TestWindowsLimitAccountBundle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bundle := accountBundle(t)
	if len(bundle) <= 2*maxItemBytes {
		t.Fatalf("the bundle is only %d bytes: not the realistic size this test is about", len(bundle))
	}

	if err := newWindowsFake().Set(Service, "x", string(bundle)); err == nil {
		t.Fatal("the fake accepted the whole bundle as one item: it does not enforce Windows' limit")
	}
	fake := newWindowsFake()
	store := New(fake)
	const key = "account/7/private-key"
	if err := store.Put(ctx, key, bundle); err != nil {
		t.Fatalf("Put of %d bytes: %v", len(bundle), err)
	}
	users := fake.users()
	if want := 1 + chunkCount(len(bundle)); len(users) != want {
		t.Errorf("%d items for %d bytes, want %d (a header and %d chunks)", len(users), len(bundle), want, want-1)
	}
	for _, u := range users {
		if n := len(fake.value(u)); n > maxItemBytes {
			t.Errorf("item %s is %d bytes, over Windows' %d", u, n, maxItemBytes)
		}
	}
	got, err := store.Get(ctx, key)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !bytes.Equal(got, bundle) {
		t.Fatal("the bundle did not read back byte for byte")
	}
	t.Logf("%d-byte key and chain stored as %d items", len(bundle), len(users))
}
