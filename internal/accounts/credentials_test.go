package accounts

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"boletos/internal/boleto"
)

var testNow = time.Date(2026, time.June, 1, 12, 0, 0, 0, boleto.SaoPaulo)

func TestCredentialsAccepted(t *testing.T) {
	t.Parallel()
	testKeys(t)
	now := testNow
	ca := newCA(t, "Inter CA Teste", now)
	inter := newCA(t, "Inter Intermediária", now)
	year := func(cn string, pub any) *x509.Certificate {
		return ca.issue(t, cn, pub, now.Add(-24*time.Hour), now.Add(365*24*time.Hour))
	}
	leaf2048 := year("rsa2048", &rsa2048.PublicKey)
	leaf4096 := year("rsa4096", &rsa4096.PublicKey)
	leafEC := year("ec", &ecKey.PublicKey)
	chained := inter.issue(t, "encadeado", &rsa2048.PublicKey, now.Add(-time.Hour), now.Add(200*24*time.Hour))
	soon := ca.issue(t, "vence logo", &rsa2048.PublicKey, now.Add(-300*24*time.Hour), now.Add(10*24*time.Hour+time.Hour))

	pfxData, err := pkcs12.Modern.Encode(rsa2048, leaf2048, []*x509.Certificate{ca.cert}, "s3nh@ Forte")
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		creds   Credentials
		subject string
		status  CertStatus
		chain   int
	}{
		{"RSA 2048 PKCS#1", Credentials{Kind: CredentialsPEM, Cert: certPEM(leaf2048), Key: pkcs1PEM(rsa2048)}, "rsa2048", CertOK, 1},
		{"RSA 4096 PKCS#8", Credentials{Kind: CredentialsPEM, Cert: certPEM(leaf4096), Key: pkcs8PEM(t, rsa4096)}, "rsa4096", CertOK, 1},
		{"EC SEC 1", Credentials{Kind: CredentialsPEM, Cert: certPEM(leafEC), Key: sec1PEM(t, ecKey)}, "ec", CertOK, 1},
		{"EC PKCS#8", Credentials{Kind: CredentialsPEM, Cert: certPEM(leafEC), Key: pkcs8PEM(t, ecKey)}, "ec", CertOK, 1},
		{"chain leaf first", Credentials{Kind: CredentialsPEM, Cert: certPEM(chained, inter.cert), Key: pkcs1PEM(rsa2048)}, "encadeado", CertOK, 2},
		{"chain CA first", Credentials{Kind: CredentialsPEM, Cert: certPEM(inter.cert, chained), Key: pkcs1PEM(rsa2048)}, "encadeado", CertOK, 2},
		{"CRLF line ends", Credentials{Kind: CredentialsPEM, Cert: bytes.ReplaceAll(certPEM(leaf2048), []byte("\n"), []byte("\r\n")), Key: bytes.ReplaceAll(pkcs8PEM(t, rsa2048), []byte("\n"), []byte("\r\n"))}, "rsa2048", CertOK, 1},
		{"expiring in 10 days", Credentials{Kind: CredentialsPEM, Cert: certPEM(soon), Key: pkcs1PEM(rsa2048)}, "vence logo", CertExpiring, 1},
		{"pfx with password", Credentials{Kind: CredentialsPFX, PFX: pfxData, PFXPassword: "s3nh@ Forte"}, "rsa2048", CertOK, 2},
		{"Inter ZIP", Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, certPEM(leaf2048), pkcs8PEM(t, rsa2048))}, "rsa2048", CertOK, 1},
		{"ZIP with a folder, accents and macOS junk", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t,
			zipEntry{name: "Integração Inter/", dir: true},
			zipEntry{name: "Integração Inter/Inter API_Certificado.crt", data: certPEM(leaf2048)},
			zipEntry{name: "Integração Inter/Inter API_Chave Privada ção.key", data: pkcs1PEM(rsa2048)},
			zipEntry{name: "__MACOSX/Integração Inter/._Inter API_Chave Privada ção.key", data: []byte("junk")},
		)}, "rsa2048", CertOK, 1},
		{"ZIP with a note beside the files", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t,
			zipEntry{name: "leia-me.txt", data: []byte("Guarde estes arquivos.")},
			zipEntry{name: "certificado.crt", data: certPEM(leafEC)},
			zipEntry{name: "chave.key", data: sec1PEM(t, ecKey)},
		)}, "ec", CertOK, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := parseCredentials(tt.creds, now)
			if err != nil {
				t.Fatalf("refused: %v (fields %v)", err, fields(err))
			}
			if !strings.Contains(m.summary.Subject, "CN="+tt.subject) || m.leaf.Subject.CommonName != tt.subject {
				t.Errorf("subject %q, leaf %q; want CN=%s", m.summary.Subject, m.leaf.Subject.CommonName, tt.subject)
			}
			if m.summary.Status != tt.status {
				t.Errorf("status %q, want %q (message %q)", m.summary.Status, tt.status, m.summary.Message)
			}
			if m.summary.Issuer == "" || m.summary.Serial == "" || m.summary.NotBefore.IsZero() || m.summary.NotAfter.IsZero() {
				t.Errorf("summary incomplete: %+v", m.summary)
			}
			if got := bytes.Count(m.certPEM, []byte("BEGIN CERTIFICATE")); got != tt.chain {
				t.Errorf("stored chain has %d certificates, want %d", got, tt.chain)
			}
			// What is stored is public only; the bundle (keychain) has the key.
			if bytes.Contains(m.certPEM, []byte("PRIVATE KEY")) {
				t.Error("the certificate PEM for SQLite contains a private key")
			}
			if !bytes.Contains(m.bundle, []byte("BEGIN PRIVATE KEY")) || !bytes.Contains(m.bundle, m.certPEM) {
				t.Error("the keychain bundle lacks the PKCS#8 key or the chain")
			}
		})
	}

	t.Run("days left and warning", func(t *testing.T) {
		m, err := parseCredentials(Credentials{Kind: CredentialsPEM, Cert: certPEM(soon), Key: pkcs1PEM(rsa2048)}, now)
		if err != nil {
			t.Fatal(err)
		}
		if m.summary.DaysLeft != 10 || !strings.Contains(m.summary.Message, "vence em 10 dias") || !strings.Contains(m.summary.Message, "Nova integração") {
			t.Errorf("days %d, message %q", m.summary.DaysLeft, m.summary.Message)
		}
		m, err = parseCredentials(Credentials{Kind: CredentialsPEM, Cert: certPEM(leaf2048), Key: pkcs1PEM(rsa2048)}, now)
		if err != nil {
			t.Fatal(err)
		}
		if m.summary.DaysLeft != 365 || m.summary.Message != "" {
			t.Errorf("a fresh certificate: days %d, message %q", m.summary.DaysLeft, m.summary.Message)
		}
	})
}

func TestCredentialsRefused(t *testing.T) {
	t.Parallel()
	testKeys(t)
	now := testNow
	ca := newCA(t, "Inter CA Teste", now)
	good := ca.issue(t, "empresa", &rsa2048.PublicKey, now.Add(-time.Hour), now.Add(365*24*time.Hour))
	expired := ca.issue(t, "vencido", &rsa2048.PublicKey, now.Add(-400*24*time.Hour), now.Add(-35*24*time.Hour))
	future := ca.issue(t, "futuro", &rsa2048.PublicKey, now.Add(72*time.Hour), now.Add(400*24*time.Hour))
	goodPEM, keyPEM := certPEM(good), pkcs8PEM(t, rsa2048)

	encrypted := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: randomBytes(t, 1200)})
	legacyEncrypted := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"},
		Bytes:   randomBytes(t, 1200)})
	derKeyBytes, _ := x509.MarshalPKCS8PrivateKey(rsa2048)
	pfxData, err := pkcs12.Modern.Encode(rsa2048, good, nil, "certa")
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("A"), 2<<20)
	fifty := make([]byte, 50<<20)

	tests := []struct {
		name  string
		creds Credentials
		field string
		want  string
	}{
		{"nothing chosen", Credentials{}, FieldZIP, "Importe o certificado"},
		{"expired", Credentials{Kind: CredentialsPEM, Cert: certPEM(expired), Key: keyPEM}, FieldCert, "venceu em 27/04/2026. Os certificados do Inter valem um ano: crie uma nova integração no Internet Banking (Soluções para sua empresa → Nova integração)"},
		{"not yet valid", Credentials{Kind: CredentialsPEM, Cert: certPEM(future), Key: keyPEM}, FieldCert, "só vale a partir de 04/06/2026"},
		{"key of another certificate", Credentials{Kind: CredentialsPEM, Cert: goodPEM, Key: pkcs1PEM(otherRSA)}, FieldKey, "não corresponde ao certificado"},
		{"DER certificate", Credentials{Kind: CredentialsPEM, Cert: good.Raw, Key: keyPEM}, FieldCert, "formato DER"},
		{"DER key", Credentials{Kind: CredentialsPEM, Cert: goodPEM, Key: derKeyBytes}, FieldKey, "formato DER"},
		{"encrypted PKCS#8 key", Credentials{Kind: CredentialsPEM, Cert: goodPEM, Key: encrypted}, FieldKey, "protegida por senha"},
		{"encrypted legacy PEM key", Credentials{Kind: CredentialsPEM, Cert: goodPEM, Key: legacyEncrypted}, FieldKey, "protegida por senha"},
		{"files swapped", Credentials{Kind: CredentialsPEM, Cert: keyPEM, Key: goodPEM}, FieldCert, "trocados"},
		{"empty key", Credentials{Kind: CredentialsPEM, Cert: goodPEM}, FieldKey, "não foi informado"},
		{"text instead of a certificate", Credentials{Kind: CredentialsPEM, Cert: []byte("olá"), Key: keyPEM}, FieldCert, "não é um certificado PEM"},
		{"certificate of 2 MB", Credentials{Kind: CredentialsPEM, Cert: big, Key: keyPEM}, FieldCert, "mais de 1 MB"},
		{"key file of 50 MB", Credentials{Kind: CredentialsPEM, Cert: goodPEM, Key: fifty}, FieldKey, "mais de 1 MB"},
		{"pfx without password", Credentials{Kind: CredentialsPFX, PFX: pfxData}, FieldPFXPassword, "informe a senha"},
		{"pfx wrong password", Credentials{Kind: CredentialsPFX, PFX: pfxData, PFXPassword: "errada"}, FieldPFXPassword, "incorreta"},
		{"pfx that is not one", Credentials{Kind: CredentialsPFX, PFX: []byte("não é pfx"), PFXPassword: "x"}, FieldPFX, ".pfx"},
		{"unknown kind", Credentials{Kind: "p7b"}, FieldZIP, "desconhecida"},

		{"ZIP without the key", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t, zipEntry{name: "Inter API_Certificado.crt", data: goodPEM})}, FieldZIP, "não contém a chave privada"},
		{"ZIP without the certificate", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t, zipEntry{name: "Inter API_Chave.key", data: keyPEM})}, FieldZIP, "não contém o certificado"},
		{"ZIP with two certificates", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t,
			zipEntry{name: "Inter API_Certificado.crt", data: goodPEM},
			zipEntry{name: "Inter API_Certificado (1).crt", data: certPEM(expired)},
			zipEntry{name: "Inter API_Chave.key", data: keyPEM})}, FieldZIP, "2 certificados (“Inter API_Certificado.crt”, “Inter API_Certificado (1).crt”)"},
		{"ZIP with only a folder", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t, zipEntry{name: "Inter API", dir: true})}, FieldZIP, "só contém pastas"},
		{"ZIP with neither", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t, zipEntry{name: "nota.txt", data: []byte("oi")})}, FieldZIP, "“nota.txt”"},
		{"not a ZIP", Credentials{Kind: CredentialsZIP, ZIP: []byte("%PDF-1.7 não é um zip")}, FieldZIP, "não é um ZIP válido"},
		{"ZIP of 50 MB", Credentials{Kind: CredentialsZIP, ZIP: fifty}, FieldZIP, "mais de 5 MB"},
		{"ZIP entry over 1 MB", Credentials{Kind: CredentialsZIP, ZIP: makeZIP(t,
			zipEntry{name: "Inter API_Certificado.crt", data: goodPEM},
			zipEntry{name: "Inter API_Chave.key", data: append(append([]byte{}, keyPEM...), bytes.Repeat([]byte("\n"), 2<<20)...)})}, FieldZIP, "“Inter API_Chave.key” do ZIP tem mais de 1 MB"},
		{"ZIP with an expired certificate", Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, certPEM(expired), keyPEM)}, FieldZIP, "Nova integração"},
		{"ZIP with a mismatched key", Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, goodPEM, pkcs1PEM(otherRSA))}, FieldZIP, "“Inter API_Chave.key” do ZIP não corresponde"},
		{"ZIP with a DER certificate", Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, good.Raw, keyPEM)}, FieldZIP, "formato DER"},
		{"ZIP with an encrypted key", Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, goodPEM, encrypted)}, FieldZIP, "protegida por senha"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseCredentials(tt.creds, now)
			wantField(t, err, tt.field, tt.want)
			if tt.creds.Key != nil && strings.Contains(err.Error(), string(tt.creds.Key)) {
				t.Error("the error quotes the key file")
			}
		})
	}
}

func TestInspectCredentialsThroughService(t *testing.T) {
	t.Parallel()
	testKeys(t)
	clk := newClock(testNow)
	s, _ := newService(t, keychainOf(newMem()), Options{Now: clk.Now})
	ca := newCA(t, "CA", testNow)
	cert := ca.issue(t, "Empresa Teste", &ecKey.PublicKey, testNow.Add(-time.Hour), testNow.Add(20*24*time.Hour))
	sum, err := s.InspectCredentials(context.Background(), Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, certPEM(cert), sec1PEM(t, ecKey))})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != CertExpiring || sum.DaysLeft != 20 || !strings.Contains(sum.Message, "20 dias") {
		t.Errorf("summary %+v", sum)
	}
	// Three weeks later the same files are refused, with the renewal path.
	clk.Add(21 * 24 * time.Hour)
	_, err = s.InspectCredentials(context.Background(), Credentials{Kind: CredentialsZIP, ZIP: interZIP(t, certPEM(cert), sec1PEM(t, ecKey))})
	wantField(t, err, FieldZIP, RenewalPath)
}

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}
