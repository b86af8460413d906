package accounts

import (
	"context"
	"crypto/x509"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/inter"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

// Input is the account form.
type Input struct {
	Name          string
	Agency        string // 4 digits; "" means 0001, Inter's only agency
	AccountNumber string // with its check digit, e.g. 12345678-9 (printing)
	ContaCorrente string // sent as x-conta-corrente; "" when the integration has one account
	Environment   store.Environment
	// SimulatorURL and SimulatorCAPEM: EnvSimulator only.
	SimulatorURL   string
	SimulatorCAPEM string
	// DirectIntegration sends boletos through the API; off, the account
	// only holds drafts and prints them.
	DirectIntegration bool
	ClientID          string
	ClientSecret      string // "" on update: keep the stored one
	Credentials       Credentials
	Beneficiary       boleto.Payer
	OperationNumber   string // 7 digits or ""
	// Logo is an optional PNG or JPEG printed on the boletos; nil on update
	// keeps the stored one, unless RemoveLogo.
	Logo       []byte
	RemoveLogo bool
}

// LogValue keeps the secret and the key out of any log record.
func (in Input) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("name", in.Name),
		slog.String("environment", string(in.Environment)),
		slog.Bool("direct", in.DirectIntegration),
		slog.String("client_id", in.ClientID),
		slog.Bool("client_secret_given", in.ClientSecret != ""),
		slog.Any("credentials", in.Credentials),
	)
}

// Field paths of the account form (the JSON names of the frontend's form).
const (
	FieldName            = "name"
	FieldAgency          = "agency"
	FieldAccountNumber   = "accountNumber"
	FieldContaCorrente   = "contaCorrente"
	FieldEnvironment     = "environment"
	FieldSimulatorURL    = "simulatorUrl"
	FieldSimulatorCA     = "simulatorCaPem"
	FieldClientID        = "clientId"
	FieldClientSecret    = "clientSecret"
	FieldOperationNumber = "operationNumber"
	FieldLogo            = "beneficiary.logo"
	beneficiaryPrefix    = "beneficiary."
)

const (
	maxAccountName  = 60
	maxClientID     = 100
	maxClientSecret = 1000
	maxLogoBytes    = 512 << 10
)

// interHosts are the bank's domains: a simulator account must never point
// at them.
var interHosts = []string{"bancointer.com.br", "inter.co", "uatinter.co", "uatbi.com.br"}

func isInterHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, h := range interHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// checked is an input that passed validation: the row to write and the
// secrets to put in the keychain (nil: keep what is stored).
type checked struct {
	row    store.Account
	secret []byte    // client secret
	mat    *material // certificate and key
	// dropSecret: the client id was removed, so its secret goes too.
	dropSecret bool
}

// check validates the whole input at once. current is the stored account on
// update, nil on create. Nothing is written.
func (s *Service) check(ctx context.Context, in Input, current *store.Account) (checked, error) {
	var p problems
	var out checked
	row := store.Account{BankCode: boleto.InterBank}
	if current != nil {
		row = *current
	} else {
		row.DefaultDueDays = defaultDueDays
		row.Defaults.AgendaDays = defaultAgendaDays
	}

	// Name.
	row.Name = strings.TrimSpace(in.Name)
	switch n := utf8.RuneCountInString(row.Name); {
	case n == 0:
		p.add(FieldName, "Informe um nome para a conta, por exemplo “Inter — matriz”.")
	case n > maxAccountName:
		p.add(FieldName, "O nome da conta deve ter no máximo %d caracteres; tem %d.", maxAccountName, n)
	case hasControl(row.Name):
		p.add(FieldName, "O nome da conta não pode ter quebras de linha nem tabulações.")
	default:
		other, err := s.store.GetAccountByName(ctx, row.Name)
		switch {
		case err == nil && (current == nil || other.ID != current.ID):
			p.add(FieldName, "Já existe uma conta com o nome “%s”. Escolha outro nome.", other.Name)
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return out, err
		}
	}

	// Agency, account, conta corrente, número da operação.
	row.Agency = strings.TrimSpace(in.Agency)
	if row.Agency == "" {
		row.Agency = "0001"
	} else if len(row.Agency) != 4 || !allDigits(row.Agency) {
		p.add(FieldAgency, "A agência deve ter 4 números (a do Banco Inter é 0001).")
	}
	row.AccountNumber = strings.NewReplacer(" ", "", ".", "").Replace(strings.TrimSpace(in.AccountNumber))
	if row.AccountNumber != "" && !validAccountNumber(row.AccountNumber) {
		p.add(FieldAccountNumber, "Número da conta inválido: use só números, com o dígito depois do hífen, por exemplo 12345678-9.")
	}
	conta := strings.NewReplacer("-", "", ".", "", " ", "").Replace(strings.TrimSpace(in.ContaCorrente))
	switch {
	case conta == "":
	case !allDigits(conta):
		p.add(FieldContaCorrente, "A conta corrente deve ter só números (com o dígito, sem letras), por exemplo 123456789.")
	case strings.TrimLeft(conta, "0") == "":
		p.add(FieldContaCorrente, "A conta corrente informada é inválida.")
	case len(conta) > 20:
		p.add(FieldContaCorrente, "A conta corrente deve ter no máximo 20 números.")
	}
	row.CheckingAccount = strings.TrimLeft(conta, "0")
	row.OperationNumber = strings.TrimSpace(in.OperationNumber)
	if row.OperationNumber != "" && (len(row.OperationNumber) != 7 || !allDigits(row.OperationNumber)) {
		p.add(FieldOperationNumber, "O número da operação deve ter exatamente 7 números.")
	}

	row.Beneficiary = checkBeneficiary(&p, in.Beneficiary)
	checkLogo(&p, &row, in)

	if current != nil && current.Environment == store.EnvDemo {
		// The demo account's bank side is the built-in simulator: only its
		// name, bank details and beneficiary are edited.
		out.row = row
		return out, p.err()
	}

	// Environment.
	row.Environment = in.Environment
	row.SimulatorURL, row.SimulatorCAPEM = "", ""
	switch in.Environment {
	case store.EnvProduction, store.EnvSandbox:
		if strings.TrimSpace(in.SimulatorURL) != "" {
			p.add(FieldSimulatorURL, "Contas de produção e de sandbox falam só com o Banco Inter: apague o endereço do simulador ou escolha o ambiente Simulador.")
		}
		if strings.TrimSpace(in.SimulatorCAPEM) != "" {
			p.add(FieldSimulatorCA, "Contas de produção e de sandbox usam os certificados do próprio Banco Inter: apague a autoridade certificadora do simulador ou escolha o ambiente Simulador.")
		}
	case store.EnvSimulator:
		row.SimulatorURL = checkSimulatorURL(&p, in.SimulatorURL)
		ca := in.SimulatorCAPEM
		if strings.TrimSpace(ca) == "" && current != nil && current.Environment == store.EnvSimulator {
			ca = current.SimulatorCAPEM // on edit, an empty CA keeps the stored one
		}
		row.SimulatorCAPEM = checkSimulatorCA(&p, ca)
	case store.EnvDemo:
		p.add(FieldEnvironment, "A conta de demonstração é criada pelo próprio programa; para uma conta sua, escolha Produção, Sandbox do Inter ou Simulador.")
	case "":
		p.add(FieldEnvironment, "Escolha o ambiente: Produção, Sandbox do Inter ou Simulador.")
	default:
		p.add(FieldEnvironment, "Ambiente desconhecido (%q): escolha Produção, Sandbox do Inter ou Simulador.", string(in.Environment))
	}
	row.DirectIntegration = in.DirectIntegration

	// Client id and secret: an account holds both or neither.
	row.ClientID = strings.TrimSpace(in.ClientID)
	secret := strings.TrimSpace(in.ClientSecret)
	previousID := ""
	if current != nil {
		previousID = current.ClientID
	}
	switch n := utf8.RuneCountInString(row.ClientID); {
	case n == 0 && secret != "":
		p.add(FieldClientID, "Informe o client id junto com o client secret (os dois aparecem no Internet Banking do Inter, na integração).")
	case n == 0 && in.DirectIntegration:
		p.add(FieldClientID, "Com a integração direta ligada, informe o client id da integração (Internet Banking do Inter → Gestão de Integrações).")
	case n > maxClientID:
		p.add(FieldClientID, "O client id deve ter no máximo %d caracteres; tem %d.", maxClientID, n)
	case strings.IndexFunc(row.ClientID, unicode.IsSpace) >= 0 || hasControl(row.ClientID):
		p.add(FieldClientID, "O client id não pode ter espaços: copie-o de novo do Internet Banking do Inter.")
	}
	switch {
	case len(secret) > maxClientSecret:
		p.add(FieldClientSecret, "O client secret deve ter no máximo %d caracteres; tem %d.", maxClientSecret, len(secret))
	case hasControl(secret) || !utf8.ValidString(secret):
		p.add(FieldClientSecret, "O client secret não pode ter quebras de linha nem caracteres especiais: copie-o de novo do Internet Banking do Inter.")
	case secret == "" && row.ClientID != "" && current == nil:
		p.add(FieldClientSecret, "Informe o client secret da integração (o Internet Banking do Inter o mostra junto com o client id).")
	case secret == "" && row.ClientID != "" && row.ClientID != previousID:
		p.add(FieldClientSecret, "O client id mudou: informe também o client secret da nova integração.")
	}
	if secret != "" {
		out.secret = []byte(secret)
	}
	out.dropSecret = current != nil && previousID != "" && row.ClientID == ""

	// Certificate and key.
	if in.Credentials.Kind != CredentialsNone {
		mat, err := parseCredentials(in.Credentials, s.now())
		if err != nil {
			if !p.merge(err) {
				return out, err
			}
		} else {
			out.mat = mat
			row.Certificate = store.Certificate{
				PEM:      string(mat.certPEM),
				Subject:  mat.summary.Subject,
				Issuer:   mat.summary.Issuer,
				Serial:   mat.summary.Serial,
				NotAfter: mat.summary.NotAfter,
			}
		}
	} else if in.DirectIntegration && row.Certificate.PEM == "" {
		p.add(FieldZIP, "Com a integração direta ligada, importe o certificado e a chave da integração: o ZIP baixado no Internet Banking do Inter, os arquivos .crt e .key, ou o .pfx com a senha.")
	}

	// On update, secrets kept from before must really be in the keychain
	// (an interrupted save, or a keychain reset, may have lost them).
	if current != nil && !p.blocking() && in.DirectIntegration {
		if out.secret == nil && row.ClientID != "" && !s.hasItem(ctx, secretKey(current.ID)) {
			p.add(FieldClientSecret, "O client secret desta conta não está no cofre de senhas do sistema: informe-o de novo.")
		}
		if out.mat == nil && row.Certificate.PEM != "" && !s.hasItem(ctx, keyKey(current.ID)) {
			p.add(FieldZIP, "A chave privada desta conta não está no cofre de senhas do sistema: importe de novo o certificado e a chave.")
		}
	}
	out.row = row
	return out, p.err()
}

// hasItem reports whether the keychain holds key. A keychain that cannot be
// read counts as holding it: the write that follows reports the problem.
func (s *Service) hasItem(ctx context.Context, key string) bool {
	v, err := s.keys.Get(ctx, key)
	clear(v)
	return !errors.Is(err, keychain.ErrNotFound)
}

func checkSimulatorURL(p *problems, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		p.add(FieldSimulatorURL, "Informe o endereço do simulador, por exemplo https://127.0.0.1:8443 (o comando boletos sim mostra o endereço).")
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		p.add(FieldSimulatorURL, "Endereço do simulador inválido: use https://ENDEREÇO:PORTA, por exemplo https://127.0.0.1:8443.")
		return ""
	case u.Scheme != "https":
		p.add(FieldSimulatorURL, "O endereço do simulador deve começar com https:// (o simulador usa TLS com certificado de cliente, como o banco).")
		return ""
	case isInterHost(u.Hostname()):
		p.add(FieldSimulatorURL, "Este é um endereço do Banco Inter, não de um simulador: para falar com o banco, escolha o ambiente Produção ou Sandbox do Inter.")
		return ""
	}
	if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsUnspecified() {
		p.add(FieldSimulatorURL, "Endereço do simulador inválido: use 127.0.0.1 em vez de 0.0.0.0.")
		return ""
	}
	return "https://" + u.Host + strings.TrimRight(u.Path, "/")
}

func checkSimulatorCA(p *problems, caPEM string) string {
	caPEM = strings.TrimSpace(caPEM)
	switch {
	case caPEM == "":
		p.add(FieldSimulatorCA, "Informe a autoridade certificadora do simulador (o arquivo ca.crt que o comando boletos sim grava).")
		return ""
	case len(caPEM) > maxFileBytes:
		p.add(FieldSimulatorCA, "A autoridade certificadora do simulador tem mais de 1 MB: escolha o arquivo ca.crt do simulador.")
		return ""
	}
	certs, err := pemCertificates([]byte(caPEM), FieldSimulatorCA, "A autoridade certificadora do simulador")
	if err != nil || len(certs) == 0 {
		p.add(FieldSimulatorCA, "A autoridade certificadora do simulador não é um certificado PEM: escolha o arquivo ca.crt que o comando boletos sim grava.")
		return ""
	}
	return caPEM + "\n"
}

// rootsFromPEM builds the pool that verifies a simulator's server.
func rootsFromPEM(caPEM string) (*x509.CertPool, bool) {
	pool := x509.NewCertPool()
	return pool, pool.AppendCertsFromPEM([]byte(caPEM))
}

// checkBeneficiary validates and normalises the beneficiário printed on
// every boleto. The law requires the full address on collection documents.
func checkBeneficiary(p *problems, b boleto.Payer) boleto.Payer {
	const f = beneficiaryPrefix
	out := boleto.Payer{
		Document:   brazil.NormalizeDocument(b.Document),
		Name:       strings.TrimSpace(b.Name),
		Address:    strings.TrimSpace(b.Address),
		Number:     strings.TrimSpace(b.Number),
		Complement: strings.TrimSpace(b.Complement),
		District:   strings.TrimSpace(b.District),
		City:       strings.TrimSpace(b.City),
		UF:         strings.ToUpper(strings.TrimSpace(b.UF)),
		CEP:        brazil.NormalizeCEP(b.CEP),
		Email:      strings.TrimSpace(b.Email),
		DDD:        digitsOnly(b.DDD),
		Phone:      digitsOnly(b.Phone),
	}
	if _, err := brazil.ValidateDocument(b.Document); err != nil {
		p.add(f+"document", "%s", err.Error())
	}
	texts := []struct {
		field, required string
		value           string
		max             int
	}{
		{"name", "Informe a razão social (ou o nome) do beneficiário, como deve sair no boleto.", out.Name, 100},
		{"address", "Informe o endereço (logradouro) do beneficiário: a lei exige o endereço completo no boleto.", out.Address, 100},
		{"number", "Informe o número do endereço do beneficiário (use S/N quando não houver).", out.Number, 10},
		{"complement", "", out.Complement, 30},
		{"district", "Informe o bairro do beneficiário: a lei exige o endereço completo no boleto.", out.District, 60},
		{"city", "Informe a cidade do beneficiário.", out.City, 60},
	}
	for _, t := range texts {
		switch n := utf8.RuneCountInString(t.value); {
		case n == 0 && t.required != "":
			p.add(f+t.field, "%s", t.required)
		case n > t.max:
			p.add(f+t.field, "Este campo deve ter no máximo %d caracteres; tem %d.", t.max, n)
		case hasControl(t.value) || !utf8.ValidString(t.value):
			p.add(f+t.field, "Este campo não pode ter quebras de linha nem tabulações.")
		}
	}
	switch {
	case out.UF == "":
		p.add(f+"uf", "Informe a UF (estado) do beneficiário.")
	case !brazil.IsUF(out.UF):
		p.add(f+"uf", "UF %q inválida: use a sigla de um dos 27 estados, por exemplo SP.", b.UF)
	}
	if err := brazil.ValidateCEP(b.CEP); err != nil {
		p.add(f+"cep", "%s", err.Error())
	} else if brazil.IsUF(out.UF) && !brazil.CEPMatchesUF(out.CEP, out.UF) {
		p.warn(f+"cep", "O CEP %s não pertence à faixa de CEPs de %s. Confira o CEP e a UF do beneficiário.", brazil.FormatCEP(out.CEP), out.UF)
	}
	if out.Email != "" {
		local, domain, ok := strings.Cut(out.Email, "@")
		if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(out.Email, " <>,;") || len(out.Email) > 100 {
			p.add(f+"email", "E-mail inválido: use o formato nome@empresa.com.br.")
		}
	}
	switch {
	case out.DDD == "" && out.Phone == "":
	case len(out.DDD) != 2 || !allDigits(out.DDD) || out.DDD[0] == '0':
		p.add(f+"ddd", "O DDD deve ter 2 números, por exemplo 11.")
	case len(out.Phone) < 8 || len(out.Phone) > 9 || !allDigits(out.Phone):
		p.add(f+"phone", "O telefone deve ter 8 ou 9 números, sem o DDD.")
	}
	return out
}

func validAccountNumber(s string) bool {
	num, dv, hasDV := strings.Cut(s, "-")
	if num == "" || len(num) > 20 || !allDigits(num) {
		return false
	}
	return !hasDV || (len(dv) == 1 && allDigits(dv))
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '(' || r == ')' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func hasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// baseURL is where an account's requests go. Production and sandbox accounts
// only ever reach the bank's own hosts; simulator and demo accounts never
// do. The check runs again on every client built, whatever the row says.
func baseURL(a store.Account, demoURL string) (string, error) {
	switch a.Environment {
	case store.EnvProduction:
		return inter.Production, nil
	case store.EnvSandbox:
		return inter.Sandbox, nil
	case store.EnvSimulator, store.EnvDemo:
		raw := a.SimulatorURL
		if a.Environment == store.EnvDemo {
			raw = demoURL
		}
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return "", errSimulatorRoute
		}
		if isInterHost(u.Hostname()) {
			return "", errSimulatorRoute
		}
		if a.Environment == store.EnvDemo {
			if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
				return "", errSimulatorRoute
			}
		}
		return raw, nil
	}
	return "", errSimulatorRoute
}

var errSimulatorRoute = errors.New("accounts: account environment and base URL do not agree")

// checkLogo sets the account's logo from the input: a PNG or JPEG of at most
// 512 KB, recognised by its content rather than its name.
func checkLogo(p *problems, row *store.Account, in Input) {
	switch {
	case in.RemoveLogo:
		row.Logo, row.LogoType = nil, ""
	case len(in.Logo) == 0:
		// keep the stored one (none on create)
	case len(in.Logo) > maxLogoBytes:
		p.add(FieldLogo, "O logotipo tem %d KB; o limite é 512 KB. Reduza a imagem e tente de novo.", len(in.Logo)>>10)
	default:
		switch kind := http.DetectContentType(in.Logo); kind {
		case "image/png", "image/jpeg":
			row.Logo, row.LogoType = in.Logo, kind
		default:
			p.add(FieldLogo, "O logotipo deve ser uma imagem PNG ou JPEG.")
		}
	}
}
