package inter

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"boletos/internal/boleto"
)

// Sentinels wrapped by the *CertError of the certificate helpers, for callers
// that branch on the cause.
var (
	ErrNoCertificate   = errors.New("inter: no client certificate")
	ErrBadCertificate  = errors.New("inter: certificate file is not a PEM or DER X.509 certificate")
	ErrBadKey          = errors.New("inter: key file is not a PEM or DER private key")
	ErrEncryptedKey    = errors.New("inter: private key is encrypted")
	ErrKeyMismatch     = errors.New("inter: private key does not match the certificate")
	ErrCertExpired     = errors.New("inter: certificate expired")
	ErrCertNotYetValid = errors.New("inter: certificate not yet valid")
	ErrPFXPassword     = errors.New("inter: wrong .pfx password")
	ErrBadPFX          = errors.New("inter: file is not a PKCS#12 (.pfx) archive")
)

// CertError is a problem with the integration's certificate or key. Message
// is Portuguese and safe to show; Err is one of the sentinels above.
type CertError struct {
	Err     error
	Message string
}

func (e *CertError) Error() string { return e.Message }
func (e *CertError) Unwrap() error { return e.Err }

func certErr(sentinel error, msg string) *CertError { return &CertError{Err: sentinel, Message: msg} }

// ExpiryWarningDays is how close to expiry a certificate is flagged
// (CertInfo.ExpiringSoon), as Inter's official SDKs do.
const ExpiryWarningDays = 30

// CertInfo describes a client certificate for the account screens.
type CertInfo struct {
	Subject      string // distinguished name of the certificate
	CommonName   string
	Issuer       string // distinguished name of the issuer
	SerialNumber string // hexadecimal
	NotBefore    time.Time
	NotAfter     time.Time
	DaysLeft     int  // whole days until NotAfter; negative once expired
	Expired      bool // NotAfter has passed
	NotYetValid  bool // NotBefore is in the future
	ExpiringSoon bool // fewer than ExpiryWarningDays days left
	KeyMatches   bool // the private key belongs to the certificate
	ChainLength  int  // certificates sent in the handshake (leaf included)
}

// LoadKeyPair builds the TLS client certificate from the .crt and .key that
// Inter hands out. The certificate may be PEM (one or more CERTIFICATE blocks:
// a chain is sent whole, leaf first) or DER; the key may be PKCS#1, PKCS#8 or
// SEC 1 (EC), PEM or DER. Errors are *CertError with a Portuguese message.
func LoadKeyPair(certPEM, keyPEM []byte) (tls.Certificate, error) {
	chain, err := parseCertificates(certPEM)
	if err != nil {
		return tls.Certificate{}, err
	}
	key, err := parsePrivateKey(keyPEM)
	if err != nil {
		return tls.Certificate{}, err
	}
	return buildPair(chain, key)
}

// LoadPFX builds the TLS client certificate from a PKCS#12 (.pfx/.p12)
// archive protected by password, the format of Inter's official SDKs. CA
// certificates in the archive are sent after the leaf.
func LoadPFX(data []byte, password string) (tls.Certificate, error) {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) || errors.Is(err, pkcs12.ErrDecryption) {
			return tls.Certificate{}, certErr(ErrPFXPassword, "A senha do arquivo .pfx está incorreta.")
		}
		return tls.Certificate{}, certErr(fmt.Errorf("%w: %v", ErrBadPFX, err),
			"O arquivo não é um certificado .pfx (PKCS#12) válido. Exporte de novo o certificado com a chave privada ou use os arquivos .crt e .key.")
	}
	if leaf == nil {
		return tls.Certificate{}, certErr(ErrNoCertificate, "O arquivo .pfx não contém o certificado da integração.")
	}
	chain := append([]*x509.Certificate{leaf}, cas...)
	return buildPair(chain, key)
}

func buildPair(chain []*x509.Certificate, key any) (tls.Certificate, error) {
	if _, ok := key.(crypto.Signer); !ok {
		return tls.Certificate{}, certErr(ErrBadKey, "O tipo de chave privada não é suportado: use uma chave RSA ou EC.")
	}
	leaf := chain[0]
	if !keyMatches(leaf, key) {
		return tls.Certificate{}, certErr(ErrKeyMismatch, "A chave privada não corresponde ao certificado.")
	}
	out := tls.Certificate{PrivateKey: key, Leaf: leaf}
	for _, c := range chain {
		out.Certificate = append(out.Certificate, c.Raw)
	}
	return out, nil
}

// parseCertificates reads every certificate of a .crt (PEM blocks in order,
// or a single DER certificate).
func parseCertificates(data []byte) ([]*x509.Certificate, error) {
	bad := certErr(ErrBadCertificate, "Arquivo .crt não é um certificado PEM: escolha o arquivo .crt baixado no Internet Banking do Inter (começa com -----BEGIN CERTIFICATE-----).")
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, certErr(ErrNoCertificate, "O arquivo .crt está vazio.")
	}
	var chain []*x509.Certificate
	rest := data
	sawKey := false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch {
		case block.Type == "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, certErr(fmt.Errorf("%w: %v", ErrBadCertificate, err), "O certificado do arquivo .crt está corrompido: baixe-o de novo no Internet Banking do Inter.")
			}
			chain = append(chain, c)
		case strings.HasSuffix(block.Type, "PRIVATE KEY"):
			sawKey = true
		}
	}
	if len(chain) > 0 {
		return chain, nil
	}
	if sawKey {
		return nil, certErr(ErrBadCertificate, "O arquivo informado como .crt contém uma chave privada: parece que o .crt e o .key foram trocados.")
	}
	if c, err := x509.ParseCertificate(data); err == nil {
		return []*x509.Certificate{c}, nil
	}
	return nil, bad
}

// parsePrivateKey reads a PEM (or DER) private key in PKCS#1, PKCS#8 or SEC 1.
func parsePrivateKey(data []byte) (any, error) {
	bad := certErr(ErrBadKey, "Arquivo .key não é uma chave privada PEM: escolha o arquivo .key baixado no Internet Banking do Inter (começa com -----BEGIN PRIVATE KEY----- ou -----BEGIN RSA PRIVATE KEY-----).")
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, certErr(ErrBadKey, "O arquivo .key está vazio.")
	}
	rest := data
	sawCert := false
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type == "CERTIFICATE" {
			sawCert = true
			continue
		}
		if !strings.HasSuffix(block.Type, "PRIVATE KEY") {
			continue
		}
		if block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] != "" {
			return nil, certErr(ErrEncryptedKey, "A chave privada está protegida por senha. Use o arquivo .key original do Inter (sem senha) ou o certificado .pfx com a senha.")
		}
		key, err := parseKeyDER(block.Bytes)
		if err != nil {
			return nil, certErr(fmt.Errorf("%w: %v", ErrBadKey, err), "A chave privada do arquivo .key está corrompida ou num formato não suportado (use RSA ou EC).")
		}
		return key, nil
	}
	if sawCert {
		return nil, certErr(ErrBadKey, "O arquivo informado como .key contém um certificado, não uma chave privada: parece que o .crt e o .key foram trocados.")
	}
	if key, err := parseKeyDER(data); err == nil {
		return key, nil
	}
	return nil, bad
}

func parseKeyDER(der []byte) (any, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	k, err := x509.ParseECPrivateKey(der)
	if err != nil {
		return nil, errors.New("not a PKCS#8, PKCS#1 or SEC 1 private key")
	}
	return k, nil
}

// keyMatches reports whether key is the private half of leaf's public key.
func keyMatches(leaf *x509.Certificate, key any) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	var pub crypto.PublicKey
	switch k := key.(type) {
	case *rsa.PrivateKey:
		pub = &k.PublicKey
	case *ecdsa.PrivateKey:
		pub = &k.PublicKey
	case crypto.Signer:
		pub = k.Public()
	default:
		return false
	}
	eq, ok := pub.(equaler)
	return ok && eq.Equal(leaf.PublicKey)
}

// CertificateInfo describes cert as of now. It returns the information and,
// when the certificate cannot be used, a *CertError: key and certificate do
// not match, the certificate expired, or it is not valid yet.
func CertificateInfo(cert tls.Certificate) (CertInfo, error) {
	return CertificateInfoAt(cert, time.Now())
}

// CertificateInfoAt is CertificateInfo at the instant now.
func CertificateInfoAt(cert tls.Certificate, now time.Time) (CertInfo, error) {
	if len(cert.Certificate) == 0 {
		return CertInfo{}, certErr(ErrNoCertificate, "Nenhum certificado informado: importe o .crt e o .key (ou o .pfx) da integração com o Inter.")
	}
	leaf := cert.Leaf
	if leaf == nil {
		var err error
		if leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return CertInfo{}, certErr(fmt.Errorf("%w: %v", ErrBadCertificate, err), "O certificado está corrompido: importe-o de novo.")
		}
	}
	info := CertInfo{
		Subject:      leaf.Subject.String(),
		CommonName:   leaf.Subject.CommonName,
		Issuer:       leaf.Issuer.String(),
		SerialNumber: fmt.Sprintf("%X", leaf.SerialNumber),
		NotBefore:    leaf.NotBefore,
		NotAfter:     leaf.NotAfter,
		Expired:      now.After(leaf.NotAfter),
		NotYetValid:  now.Before(leaf.NotBefore),
		KeyMatches:   cert.PrivateKey != nil && keyMatches(leaf, cert.PrivateKey),
		ChainLength:  len(cert.Certificate),
	}
	left := leaf.NotAfter.Sub(now)
	info.DaysLeft = int(left / (24 * time.Hour))
	if left < 0 && left%(24*time.Hour) != 0 {
		info.DaysLeft-- // floor: expired an hour ago is day −1
	}
	info.ExpiringSoon = !info.Expired && info.DaysLeft < ExpiryWarningDays
	switch {
	case cert.PrivateKey == nil:
		return info, certErr(ErrBadKey, "Falta a chave privada do certificado: importe também o arquivo .key.")
	case !info.KeyMatches:
		return info, certErr(ErrKeyMismatch, "A chave privada não corresponde ao certificado.")
	case info.Expired:
		return info, certErr(ErrCertExpired, fmt.Sprintf("O certificado venceu em %s: gere um novo no Internet Banking do Inter.",
			leaf.NotAfter.In(boleto.SaoPaulo).Format("02/01/2006")))
	case info.NotYetValid:
		return info, certErr(ErrCertNotYetValid, fmt.Sprintf("O certificado só vale a partir de %s. Confira a data e a hora deste computador.",
			leaf.NotBefore.In(boleto.SaoPaulo).Format("02/01/2006 15:04")))
	}
	return info, nil
}
