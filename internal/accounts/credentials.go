package accounts

import (
	"archive/zip"
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"strings"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
)

// CredentialsKind says where the certificate and key of an integration come
// from.
type CredentialsKind string

// Kinds of credentials.
const (
	CredentialsNone CredentialsKind = ""    // nothing new (on update: keep the stored ones)
	CredentialsZIP  CredentialsKind = "zip" // the ZIP exactly as Inter delivers it
	CredentialsPEM  CredentialsKind = "pem" // a .crt and a .key, both PEM
	CredentialsPFX  CredentialsKind = "pfx" // a PKCS#12 archive and its password
)

// Credentials are the files of an integration, as raw bytes read in memory.
// Nothing here is ever written to disk.
type Credentials struct {
	Kind        CredentialsKind
	ZIP         []byte
	ZIPName     string // shown in messages only
	Cert        []byte // .crt (PEM)
	Key         []byte // .key (PEM)
	PFX         []byte
	PFXPassword string
}

// LogValue keeps the key and the password out of any log record.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", string(c.Kind)), slog.String("zip_name", c.ZIPName))
}

// Field paths of the credentials, as the account form names them.
const (
	FieldZIP         = "credentials.zip"
	FieldCert        = "credentials.cert"
	FieldKey         = "credentials.key"
	FieldPFX         = "credentials.pfx"
	FieldPFXPassword = "credentials.pfxPassword"
)

// Size limits. The ZIP Inter hands out holds two files of a few kilobytes.
const (
	maxZIPBytes   = 5 << 20
	maxFileBytes  = 1 << 20
	maxZIPEntries = 20
)

// RenewalPath is what to do when the certificate of the integration expires.
const RenewalPath = "Os certificados do Inter valem um ano: crie uma nova integração no Internet Banking (Soluções para sua empresa → Nova integração) e baixe o novo certificado."

// CertStatus is the state of a certificate on a given day.
type CertStatus string

// Certificate states.
const (
	CertOK          CertStatus = "ok"
	CertExpiring    CertStatus = "expiring" // ExpiryWarningDays days left or fewer
	CertExpired     CertStatus = "expired"
	CertNotYetValid CertStatus = "not_yet_valid"
)

// ExpiryWarningDays is how close to its expiry a certificate is flagged.
const ExpiryWarningDays = 30

// CertSummary describes the client certificate of an account.
type CertSummary struct {
	Subject   string
	Issuer    string
	Serial    string // hexadecimal
	NotBefore time.Time
	NotAfter  time.Time
	DaysLeft  int // whole days until NotAfter, negative once expired
	Status    CertStatus
	Message   string // pt-BR, "" when Status is CertOK
}

// summarize describes leaf as of now.
func summarize(leaf *x509.Certificate, now time.Time) CertSummary {
	s := CertSummary{
		Subject:   leaf.Subject.String(),
		Issuer:    leaf.Issuer.String(),
		Serial:    fmt.Sprintf("%X", leaf.SerialNumber),
		NotBefore: leaf.NotBefore,
		NotAfter:  leaf.NotAfter,
	}
	left := leaf.NotAfter.Sub(now)
	s.DaysLeft = int(left / (24 * time.Hour))
	if left < 0 && left%(24*time.Hour) != 0 {
		s.DaysLeft-- // floor: expired an hour ago is day −1
	}
	until := brDate(leaf.NotAfter)
	switch {
	case now.After(leaf.NotAfter):
		s.Status = CertExpired
		s.Message = fmt.Sprintf("O certificado da integração venceu em %s. %s", until, RenewalPath)
	case now.Before(leaf.NotBefore):
		s.Status = CertNotYetValid
		s.Message = fmt.Sprintf("O certificado só vale a partir de %s. Confira a data e a hora deste computador.",
			leaf.NotBefore.In(boleto.SaoPaulo).Format("02/01/2006 15:04"))
	case s.DaysLeft <= ExpiryWarningDays:
		s.Status = CertExpiring
		s.Message = fmt.Sprintf("O certificado da integração vence em %s, em %s. %s", daysText(s.DaysLeft), until, RenewalPath)
	default:
		s.Status = CertOK
	}
	return s
}

// summarizePEM describes the leaf (first certificate) of a stored PEM chain.
func summarizePEM(certPEM string, now time.Time) (CertSummary, bool) {
	block, _ := pem.Decode([]byte(certPEM))
	if block == nil || block.Type != "CERTIFICATE" {
		return CertSummary{}, false
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return CertSummary{}, false
	}
	return summarize(leaf, now), true
}

func brDate(t time.Time) string { return t.In(boleto.SaoPaulo).Format("02/01/2006") }

func daysText(n int) string {
	switch {
	case n <= 0:
		return "menos de 1 dia"
	case n == 1:
		return "1 dia"
	}
	return fmt.Sprintf("%d dias", n)
}

// material is a validated certificate and key, ready to be stored: the
// certificate chain (leaf first) as PEM for SQLite, and the bundle for the
// keychain (the PKCS#8 key followed by the same chain, so that key and
// certificate are always replaced together by one keychain write).
type material struct {
	certPEM []byte
	bundle  []byte
	leaf    *x509.Certificate
	summary CertSummary
}

// parseCredentials validates the credentials at instant now. A refusal is
// an *apperr.Error (CodeInvalid) naming the field.
func parseCredentials(c Credentials, now time.Time) (*material, error) {
	switch c.Kind {
	case CredentialsZIP:
		cert, key, err := unzipCredentials(c.ZIP)
		if err != nil {
			return nil, err
		}
		return parsePair(cert.data, key.data, now, pairFields{cert: FieldZIP, key: FieldZIP, certName: cert.name, keyName: key.name})
	case CredentialsPEM:
		if err := checkFile(FieldCert, "O arquivo do certificado (.crt)", c.Cert); err != nil {
			return nil, err
		}
		if err := checkFile(FieldKey, "O arquivo da chave privada (.key)", c.Key); err != nil {
			return nil, err
		}
		return parsePair(c.Cert, c.Key, now, pairFields{cert: FieldCert, key: FieldKey})
	case CredentialsPFX:
		return parsePFX(c.PFX, c.PFXPassword, now)
	case CredentialsNone:
		return nil, fieldErr(FieldZIP, "Importe o certificado e a chave da integração: o ZIP baixado no Internet Banking do Inter, os arquivos .crt e .key, ou o .pfx com a senha.")
	}
	return nil, fieldErr(FieldZIP, fmt.Sprintf("Forma de importar as credenciais desconhecida (%q): use o ZIP, o .crt com o .key, ou o .pfx.", c.Kind))
}

// checkFile refuses a missing or oversized file.
func checkFile(field, what string, data []byte) error {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return fieldErr(field, what+" não foi informado ou está vazio.")
	case len(data) > maxFileBytes:
		return fieldErr(field, what+" tem mais de 1 MB, grande demais para um certificado ou uma chave. Confira se escolheu o arquivo certo.")
	}
	return nil
}

// pairFields names the fields (and, inside a ZIP, the files) that messages
// about the certificate and the key point at.
type pairFields struct {
	cert, key         string
	certName, keyName string
}

func (f pairFields) certWhat() string {
	if f.certName != "" {
		return fmt.Sprintf("O certificado “%s” do ZIP", f.certName)
	}
	return "O certificado (.crt)"
}

func (f pairFields) keyWhat() string {
	if f.keyName != "" {
		return fmt.Sprintf("A chave “%s” do ZIP", f.keyName)
	}
	return "A chave privada (.key)"
}

// parsePair validates a PEM certificate (chain) and a PEM private key.
func parsePair(certData, keyData []byte, now time.Time, f pairFields) (*material, error) {
	chain, err := pemCertificates(certData, f.cert, f.certWhat())
	if err != nil {
		return nil, err
	}
	if len(chain) == 0 {
		if _, derErr := x509.ParseCertificate(certData); derErr == nil {
			return nil, fieldErr(f.cert, f.certWhat()+" está no formato DER (binário), mas o programa precisa do formato PEM (texto que começa com -----BEGIN CERTIFICATE-----). Converta com: openssl x509 -inform der -in certificado.crt -out certificado.pem")
		}
		if hasPEMKey(certData) {
			return nil, fieldErr(f.cert, f.certWhat()+" contém uma chave privada, não um certificado: parece que o .crt e o .key foram trocados.")
		}
		return nil, fieldErr(f.cert, f.certWhat()+" não é um certificado PEM. Escolha o arquivo .crt baixado no Internet Banking do Inter (começa com -----BEGIN CERTIFICATE-----).")
	}
	block := firstKeyBlock(keyData)
	if block == nil {
		if derKey(keyData) {
			return nil, fieldErr(f.key, f.keyWhat()+" está no formato DER (binário), mas o programa precisa do formato PEM (texto que começa com -----BEGIN PRIVATE KEY-----). Converta com: openssl pkey -inform der -in chave.key -out chave.pem")
		}
		if bytes.Contains(keyData, []byte("-----BEGIN CERTIFICATE-----")) {
			return nil, fieldErr(f.key, f.keyWhat()+" contém um certificado, não uma chave privada: parece que o .crt e o .key foram trocados.")
		}
		return nil, fieldErr(f.key, f.keyWhat()+" não é uma chave privada PEM. Escolha o arquivo .key baixado no Internet Banking do Inter (começa com -----BEGIN PRIVATE KEY----- ou -----BEGIN RSA PRIVATE KEY-----).")
	}
	if block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] != "" {
		return nil, fieldErr(f.key, f.keyWhat()+" está protegida por senha, e o programa não guarda chaves cifradas. Use o arquivo .key original do Inter (sem senha), tire a senha com: openssl pkey -in chave.key -out chave-sem-senha.key, ou importe o .pfx com a senha.")
	}
	key, err := parseKeyDER(block.Bytes)
	if err != nil {
		return nil, fieldErr(f.key, f.keyWhat()+" está corrompida ou num formato não suportado: use uma chave RSA ou EC em PEM.")
	}
	// A chain may come in any order: the leaf is the certificate of the key.
	leaf := -1
	for i, c := range chain {
		if keyMatches(c, key) {
			leaf = i
			break
		}
	}
	if leaf < 0 {
		return nil, fieldErr(f.key, f.keyWhat()+" não corresponde ao certificado. Use o par baixado junto, da mesma integração, no Internet Banking do Inter.")
	}
	if leaf > 0 {
		chain = append([]*x509.Certificate{chain[leaf]}, append(chain[:leaf:leaf], chain[leaf+1:]...)...)
	}
	return build(chain, key, now, f.cert)
}

// parsePFX validates a PKCS#12 archive and its password.
func parsePFX(data []byte, password string, now time.Time) (*material, error) {
	if err := checkFile(FieldPFX, "O arquivo .pfx", data); err != nil {
		return nil, err
	}
	pair, err := inter.LoadPFX(data, password)
	if err != nil {
		var ce *inter.CertError
		switch {
		case errors.Is(err, inter.ErrPFXPassword) && password == "":
			return nil, fieldErr(FieldPFXPassword, "O arquivo .pfx está protegido por senha: informe a senha.")
		case errors.Is(err, inter.ErrPFXPassword):
			return nil, fieldErr(FieldPFXPassword, "A senha do arquivo .pfx está incorreta.")
		case errors.As(err, &ce):
			return nil, wrapField(err, FieldPFX, ce.Message)
		}
		return nil, fieldErr(FieldPFX, "O arquivo .pfx não pôde ser lido. Exporte de novo o certificado com a chave privada ou use os arquivos .crt e .key.")
	}
	chain := make([]*x509.Certificate, 0, len(pair.Certificate))
	for _, der := range pair.Certificate {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fieldErr(FieldPFX, "Um certificado do arquivo .pfx está corrompido. Exporte-o de novo.")
		}
		chain = append(chain, c)
	}
	return build(chain, pair.PrivateKey, now, FieldPFX)
}

// build checks the validity of the pair at now and encodes what is stored.
func build(chain []*x509.Certificate, key any, now time.Time, certField string) (*material, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fieldErr(certField, "O tipo de chave privada não é suportado: use uma chave RSA ou EC.")
	}
	var certPEM bytes.Buffer
	for _, c := range chain {
		_ = pem.Encode(&certPEM, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	bundle := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	bundle = append(bundle, certPEM.Bytes()...)
	// Built again through the bank client's own loader: what is stored is
	// exactly what it will accept.
	pair, err := inter.LoadKeyPair(bundle, bundle)
	if err != nil {
		return nil, certError(err, certField)
	}
	m := &material{certPEM: certPEM.Bytes(), bundle: bundle, leaf: chain[0], summary: summarize(chain[0], now)}
	if _, err := inter.CertificateInfoAt(pair, now); err != nil {
		switch {
		case errors.Is(err, inter.ErrCertExpired):
			return nil, fieldErr(certField, m.summary.Message)
		case errors.Is(err, inter.ErrCertNotYetValid):
			return nil, fieldErr(certField, m.summary.Message)
		}
		return nil, certError(err, certField)
	}
	return m, nil
}

// certError turns a *inter.CertError into an input error on field.
func certError(err error, field string) error {
	var ce *inter.CertError
	if errors.As(err, &ce) {
		return wrapField(err, field, ce.Message)
	}
	return wrapField(err, field, "O certificado ou a chave não puderam ser lidos. Importe-os de novo.")
}

// pemCertificates parses every CERTIFICATE block of data.
func pemCertificates(data []byte, field, what string) ([]*x509.Certificate, error) {
	var chain []*x509.Certificate
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return chain, nil
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, wrapField(err, field, what+" está corrompido: baixe-o de novo no Internet Banking do Inter.")
		}
		chain = append(chain, c)
	}
}

// firstKeyBlock returns the first PEM block whose type ends in PRIVATE KEY.
func firstKeyBlock(data []byte) *pem.Block {
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil
		}
		if strings.HasSuffix(block.Type, "PRIVATE KEY") {
			return block
		}
	}
}

func hasPEMKey(data []byte) bool { return firstKeyBlock(data) != nil }

// derKey reports whether data is a private key in DER.
func derKey(data []byte) bool {
	_, err := parseKeyDER(data)
	return err == nil
}

func parseKeyDER(der []byte) (any, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	return x509.ParseECPrivateKey(der)
}

// keyMatches reports whether key is the private half of cert's public key.
func keyMatches(cert *x509.Certificate, key any) bool {
	signer, ok := key.(crypto.Signer)
	if !ok {
		return false
	}
	pub, ok := signer.Public().(interface{ Equal(crypto.PublicKey) bool })
	return ok && pub.Equal(cert.PublicKey)
}

// zipFile is one file read from the ZIP.
type zipFile struct {
	name string
	data []byte
}

// junk reports files that archivers add and that carry no credentials.
func junk(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") ||
		base == ".DS_Store" || strings.EqualFold(base, "Thumbs.db") || strings.EqualFold(base, "desktop.ini")
}

// unzipCredentials finds the certificate and the key in the ZIP Inter hands
// out, reading it from memory: two files, any names (spaces and accents
// included), possibly inside a folder.
func unzipCredentials(data []byte) (cert, key zipFile, err error) {
	switch {
	case len(data) == 0:
		return cert, key, fieldErr(FieldZIP, "Escolha o arquivo ZIP baixado no Internet Banking do Inter.")
	case len(data) > maxZIPBytes:
		return cert, key, fieldErr(FieldZIP, "O arquivo tem mais de 5 MB; o ZIP do Inter tem poucos kilobytes. Confira se escolheu o arquivo baixado no Internet Banking do Inter.")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return cert, key, wrapField(err, FieldZIP, "O arquivo escolhido não é um ZIP válido. Escolha o ZIP baixado no Internet Banking do Inter ou importe o .crt e o .key separados.")
	}
	var files []zipFile
	dirs := 0
	for _, f := range zr.File {
		name := strings.ToValidUTF8(f.Name, "?")
		if f.FileInfo().IsDir() || strings.HasSuffix(name, "/") {
			dirs++
			continue
		}
		if junk(name) {
			continue
		}
		if len(files) == maxZIPEntries {
			return cert, key, fieldErr(FieldZIP, fmt.Sprintf("O ZIP tem mais de %d arquivos; o do Inter traz só dois (o certificado .crt e a chave .key). Confira se escolheu o arquivo certo.", maxZIPEntries))
		}
		if f.Flags&0x1 != 0 {
			return cert, key, fieldErr(FieldZIP, "O ZIP está protegido por senha. Extraia o certificado e a chave e importe o .crt e o .key separados.")
		}
		if f.UncompressedSize64 > maxFileBytes {
			return cert, key, fieldErr(FieldZIP, fmt.Sprintf("O arquivo “%s” do ZIP tem mais de 1 MB, grande demais para um certificado ou uma chave. Confira se escolheu o ZIP do Inter.", path.Base(name)))
		}
		content, err := readZipEntry(f)
		if err != nil {
			return cert, key, err
		}
		files = append(files, zipFile{name: path.Base(name), data: content})
	}
	if len(files) == 0 {
		if dirs > 0 {
			return cert, key, fieldErr(FieldZIP, "O ZIP só contém pastas, nenhum arquivo. O ZIP do Inter traz dois arquivos: o certificado (.crt) e a chave privada (.key).")
		}
		return cert, key, fieldErr(FieldZIP, "O ZIP está vazio. O ZIP do Inter traz dois arquivos: o certificado (.crt) e a chave privada (.key).")
	}
	var certs, keys []zipFile
	for _, f := range files {
		isCert := bytes.Contains(f.data, []byte("-----BEGIN CERTIFICATE-----"))
		isKey := hasPEMKey(f.data)
		if !isCert && !isKey {
			switch strings.ToLower(path.Ext(f.name)) {
			case ".crt", ".cer", ".der":
				isCert = true
			case ".key":
				isKey = true
			}
		}
		if isCert {
			certs = append(certs, f)
		}
		if isKey {
			keys = append(keys, f)
		}
	}
	switch {
	case len(certs) == 0 && len(keys) == 0:
		return cert, key, fieldErr(FieldZIP, fmt.Sprintf("O ZIP não contém o certificado (.crt) nem a chave (.key) do Inter; ele tem: %s. Baixe de novo o ZIP no Internet Banking do Inter.", names(files)))
	case len(keys) == 0:
		return cert, key, fieldErr(FieldZIP, "O ZIP não contém a chave privada (arquivo .key), só o certificado. O ZIP do Inter traz os dois: baixe-o de novo no Internet Banking ou importe o .crt e o .key separados.")
	case len(certs) == 0:
		return cert, key, fieldErr(FieldZIP, "O ZIP não contém o certificado (arquivo .crt), só a chave. O ZIP do Inter traz os dois: baixe-o de novo no Internet Banking ou importe o .crt e o .key separados.")
	case len(certs) > 1:
		return cert, key, fieldErr(FieldZIP, fmt.Sprintf("O ZIP contém %d certificados (%s); deve haver só um. Use o ZIP exatamente como o Inter entrega ou importe o .crt e o .key separados.", len(certs), names(certs)))
	case len(keys) > 1:
		return cert, key, fieldErr(FieldZIP, fmt.Sprintf("O ZIP contém %d chaves privadas (%s); deve haver só uma. Use o ZIP exatamente como o Inter entrega ou importe o .crt e o .key separados.", len(keys), names(keys)))
	}
	return certs[0], keys[0], nil
}

// readZipEntry reads one entry, never more than maxFileBytes whatever its
// header claims.
func readZipEntry(f *zip.File) ([]byte, error) {
	name := path.Base(strings.ToValidUTF8(f.Name, "?"))
	rc, err := f.Open()
	if err != nil {
		msg := fmt.Sprintf("O arquivo “%s” do ZIP não pôde ser lido: o ZIP está corrompido ou usa uma compressão não suportada. Baixe-o de novo ou importe o .crt e o .key separados.", name)
		return nil, wrapField(err, FieldZIP, msg)
	}
	defer rc.Close()
	content, err := io.ReadAll(io.LimitReader(rc, maxFileBytes+1))
	if err != nil {
		return nil, wrapField(err, FieldZIP, fmt.Sprintf("O arquivo “%s” do ZIP está corrompido. Baixe o ZIP de novo no Internet Banking do Inter.", name))
	}
	if len(content) > maxFileBytes {
		return nil, fieldErr(FieldZIP, fmt.Sprintf("O arquivo “%s” do ZIP tem mais de 1 MB, grande demais para um certificado ou uma chave. Confira se escolheu o ZIP do Inter.", name))
	}
	return content, nil
}

func names(files []zipFile) string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = "“" + f.name + "”"
	}
	return strings.Join(out, ", ")
}
