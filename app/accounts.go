package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// Timeouts of the account calls. Saving may wait for the keychain, which can
// show a password prompt; the connection test talks to the bank.
const (
	accountCallTimeout = 30 * time.Second
	accountSaveTimeout = 2 * time.Minute
	accountTestTimeout = 90 * time.Second
)

// Accounts is the bank-account setup: the accounts, their integration
// credentials, "Testar conexão", the "Parâmetros do boleto" and the demo
// account. No secret ever travels back to the frontend.
type Accounts struct{ app *App }

// CertificateView summarises a client certificate for the screens.
type CertificateView struct {
	Subject   string `json:"subject"`
	Issuer    string `json:"issuer"`
	Serial    string `json:"serial"`
	NotBefore string `json:"notBefore"` // YYYY-MM-DD
	NotAfter  string `json:"notAfter"`  // YYYY-MM-DD
	DaysLeft  int    `json:"daysLeft"`
	Status    string `json:"status"`  // "ok" | "expiring" (≤ 30 days) | "expired" | "not_yet_valid"
	Message   string `json:"message"` // pt-BR sentence for expiring/expired, "" when ok
}

// PartyDTO is a party as forms edit it (masks allowed): the beneficiário,
// the pagador of a boleto and the payer register ("Pagadores").
type PartyDTO struct {
	Document   string `json:"document"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	Number     string `json:"number"`
	Complement string `json:"complement"`
	District   string `json:"district"`
	City       string `json:"city"`
	UF         string `json:"uf"`
	CEP        string `json:"cep"`
	Email      string `json:"email"`
	DDD        string `json:"ddd"`
	Phone      string `json:"phone"`
}

// ParametersDTO holds the default charges of an account ("Parâmetros do boleto").
type ParametersDTO struct {
	InterestCode        string   `json:"interestCode"`   // "" | "TAXAMENSAL" | "VALORDIA"
	InterestRateBp      int64    `json:"interestRateBp"` // hundredths of a percent
	InterestAmountCents int64    `json:"interestAmountCents"`
	FineCode            string   `json:"fineCode"` // "" | "PERCENTUAL" | "VALORFIXO"
	FineRateBp          int64    `json:"fineRateBp"`
	FineAmountCents     int64    `json:"fineAmountCents"`
	DiscountCode        string   `json:"discountCode"` // "" | "PERCENTUALDATAINFORMADA" | "VALORFIXODATAINFORMADA"
	DiscountRateBp      int64    `json:"discountRateBp"`
	DiscountAmountCents int64    `json:"discountAmountCents"`
	DiscountDaysBefore  int      `json:"discountDaysBefore"`
	AgendaDays          int      `json:"agendaDays"` // numDiasAgenda 0..60
	Messages            []string `json:"messages"`   // up to 5 lines × 78 chars
	DefaultDueDays      int      `json:"defaultDueDays"`
}

// AccountView is an account as the screens show it. No secret, ever.
type AccountView struct {
	ID                int64            `json:"id"`
	Name              string           `json:"name"`
	Bank              string           `json:"bank"`
	BankName          string           `json:"bankName"`
	Agency            string           `json:"agency"`
	AccountNumber     string           `json:"accountNumber"`
	ContaCorrente     string           `json:"contaCorrente"`
	Environment       string           `json:"environment"`      // "production" | "sandbox" | "simulator" | "demo"
	EnvironmentLabel  string           `json:"environmentLabel"` // "Produção" | "Sandbox do Inter" | "Simulador" | "Demonstração (simulação)"
	IsSimulation      bool             `json:"isSimulation"`
	SimulatorURL      string           `json:"simulatorUrl"`
	DirectIntegration bool             `json:"directIntegration"`
	ClientID          string           `json:"clientId"`
	HasClientSecret   bool             `json:"hasClientSecret"`
	Certificate       *CertificateView `json:"certificate"`
	Beneficiary       PartyDTO         `json:"beneficiary"`
	OperationNumber   string           `json:"operationNumber"`
	LogoDataURL       string           `json:"logoDataUrl"` // data: URL of the printed logo, "" when none
	Parameters        ParametersDTO    `json:"parameters"`
}

// CredentialsInput carries the files of an account, base64 of the raw bytes.
type CredentialsInput struct {
	Kind        string `json:"kind"` // "zip" | "pem" | "pfx" | "" (keep current, on update)
	ZipBase64   string `json:"zipBase64"`
	ZipName     string `json:"zipName"`
	CertBase64  string `json:"certBase64"`
	KeyBase64   string `json:"keyBase64"`
	PfxBase64   string `json:"pfxBase64"`
	PfxPassword string `json:"pfxPassword"`
}

// AccountInput is the account form.
type AccountInput struct {
	Name              string           `json:"name"`
	Agency            string           `json:"agency"`
	AccountNumber     string           `json:"accountNumber"`
	ContaCorrente     string           `json:"contaCorrente"`
	Environment       string           `json:"environment"` // "production" | "sandbox" | "simulator"
	SimulatorURL      string           `json:"simulatorUrl"`
	SimulatorCAPEM    string           `json:"simulatorCaPem"`
	DirectIntegration bool             `json:"directIntegration"`
	ClientID          string           `json:"clientId"`
	ClientSecret      string           `json:"clientSecret"` // "" on update = keep
	Credentials       CredentialsInput `json:"credentials"`
	Beneficiary       PartyDTO         `json:"beneficiary"`
	OperationNumber   string           `json:"operationNumber"`
	LogoBase64        string           `json:"logoBase64"` // optional PNG/JPEG; "" on update keeps the current one
	RemoveLogo        bool             `json:"removeLogo"`
}

// ConnectionTest is the answer of "Testar conexão".
type ConnectionTest struct {
	OK      bool     `json:"ok"`
	Message string   `json:"message"`
	Steps   []string `json:"steps"`
}

// List returns every account, by name.
func (f *Accounts) List() ([]AccountView, error) {
	ctx, cancel := f.app.callContext(accountCallTimeout)
	defer cancel()
	list, err := f.app.cfg.Accounts.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]AccountView, len(list))
	for i, a := range list {
		out[i] = f.view(a)
	}
	return out, nil
}

// Get returns one account.
func (f *Accounts) Get(id int64) (AccountView, error) {
	ctx, cancel := f.app.callContext(accountCallTimeout)
	defer cancel()
	a, err := f.app.cfg.Accounts.Get(ctx, id)
	if err != nil {
		return AccountView{}, err
	}
	return f.view(a), nil
}

// InspectCredentials validates the certificate and key files before the
// account is saved, and describes the certificate.
func (f *Accounts) InspectCredentials(in CredentialsInput) (CertificateView, error) {
	ctx, cancel := f.app.callContext(accountCallTimeout)
	defer cancel()
	creds, err := in.credentials()
	if err != nil {
		return CertificateView{}, err
	}
	sum, err := f.app.cfg.Accounts.InspectCredentials(ctx, creds)
	if err != nil {
		return CertificateView{}, err
	}
	return certificateView(sum), nil
}

// Create saves a new account, its secrets going to the OS keychain.
func (f *Accounts) Create(in AccountInput) (AccountView, error) {
	ctx, cancel := f.app.callContext(accountSaveTimeout)
	defer cancel()
	input, err := in.input()
	if err != nil {
		return AccountView{}, err
	}
	a, err := f.app.cfg.Accounts.Create(ctx, input)
	if err != nil {
		return AccountView{}, err
	}
	return f.view(a), nil
}

// Update replaces an account. An empty clientSecret keeps the stored one;
// credentials.kind "" keeps the stored certificate and key.
func (f *Accounts) Update(id int64, in AccountInput) (AccountView, error) {
	ctx, cancel := f.app.callContext(accountSaveTimeout)
	defer cancel()
	input, err := in.input()
	if err != nil {
		return AccountView{}, err
	}
	a, err := f.app.cfg.Accounts.Update(ctx, id, input)
	if err != nil {
		return AccountView{}, err
	}
	return f.view(a), nil
}

// SaveParameters stores the "Parâmetros do boleto" of an account.
func (f *Accounts) SaveParameters(id int64, p ParametersDTO) (AccountView, error) {
	ctx, cancel := f.app.callContext(accountCallTimeout)
	defer cancel()
	charges, err := p.charges()
	if err != nil {
		return AccountView{}, err
	}
	a, err := f.app.cfg.Accounts.SaveParameters(ctx, id, charges, p.DefaultDueDays)
	if err != nil {
		return AccountView{}, err
	}
	return f.view(a), nil
}

// Delete removes an account without boletos, and its keychain items.
func (f *Accounts) Delete(id int64) error {
	ctx, cancel := f.app.callContext(accountSaveTimeout)
	defer cancel()
	if m, err := f.app.mail(); err == nil {
		// The SMTP password lives in the keychain beside the account's own
		// secrets: it goes with them.
		if err := m.DeleteSettings(ctx, id); err != nil {
			return err
		}
	}
	return f.app.cfg.Accounts.Delete(ctx, id)
}

// TestConnection is "Testar conexão": a token and a cheap read at the bank
// (or the simulator), with the exact cause when it fails.
func (f *Accounts) TestConnection(id int64) (ConnectionTest, error) {
	ctx, cancel := f.app.callContext(accountTestTimeout)
	defer cancel()
	res, err := f.app.cfg.Accounts.Test(ctx, id)
	if err != nil {
		return ConnectionTest{}, err
	}
	return ConnectionTest{OK: res.OK, Message: res.Message, Steps: append([]string{}, res.Steps...)}, nil
}

// CreateDemo returns the "Conta de demonstração", creating it the first
// time.
func (f *Accounts) CreateDemo() (AccountView, error) {
	ctx, cancel := f.app.callContext(accountCallTimeout)
	defer cancel()
	a, err := f.app.cfg.Accounts.EnsureDemo(ctx)
	if err != nil {
		return AccountView{}, err
	}
	return f.view(a), nil
}

// environmentLabels are the names the screens give each environment.
var environmentLabels = map[store.Environment]string{
	store.EnvProduction: "Produção",
	store.EnvSandbox:    "Sandbox do Inter",
	store.EnvSimulator:  "Simulador",
	store.EnvDemo:       "Demonstração (simulação)",
}

// view maps an account to what the screens show. No secret is read.
func (f *Accounts) view(a store.Account) AccountView {
	v := AccountView{
		ID: a.ID, Name: a.Name, Bank: a.BankCode, BankName: boleto.BankName(a.BankCode),
		Agency: a.Agency, AccountNumber: a.AccountNumber, ContaCorrente: a.CheckingAccount,
		Environment: string(a.Environment), EnvironmentLabel: environmentLabels[a.Environment],
		IsSimulation:      a.Environment == store.EnvSimulator || a.Environment == store.EnvDemo,
		SimulatorURL:      a.SimulatorURL,
		DirectIntegration: a.DirectIntegration,
		ClientID:          a.ClientID,
		HasClientSecret:   accounts.HasClientSecret(a),
		Beneficiary:       partyDTO(a.Beneficiary),
		OperationNumber:   a.OperationNumber,
		Parameters:        parametersDTO(a.Defaults, a.DefaultDueDays),
	}
	if len(a.Logo) > 0 {
		v.LogoDataURL = "data:" + a.LogoType + ";base64," + base64.StdEncoding.EncodeToString(a.Logo)
	}
	if c := f.app.cfg.Accounts.Certificate(a); c != nil {
		cv := certificateView(*c)
		v.Certificate = &cv
	}
	return v
}

func certificateView(c accounts.CertSummary) CertificateView {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return boleto.DateOf(t.In(boleto.SaoPaulo)).String()
	}
	return CertificateView{
		Subject: c.Subject, Issuer: c.Issuer, Serial: c.Serial,
		NotBefore: day(c.NotBefore), NotAfter: day(c.NotAfter),
		DaysLeft: c.DaysLeft, Status: string(c.Status), Message: c.Message,
	}
}

func partyDTO(p boleto.Payer) PartyDTO {
	return PartyDTO{
		Document: p.Document, Name: p.Name, Address: p.Address, Number: p.Number, Complement: p.Complement,
		District: p.District, City: p.City, UF: p.UF, CEP: p.CEP, Email: p.Email, DDD: p.DDD, Phone: p.Phone,
	}
}

func (p PartyDTO) payer() boleto.Payer {
	return boleto.Payer{
		Document: p.Document, Name: p.Name, Address: p.Address, Number: p.Number, Complement: p.Complement,
		District: p.District, City: p.City, UF: p.UF, CEP: p.CEP, Email: p.Email, DDD: p.DDD, Phone: p.Phone,
	}
}

func parametersDTO(c boleto.Charges, dueDays int) ParametersDTO {
	p := ParametersDTO{AgendaDays: c.AgendaDays, Messages: c.Messages[:], DefaultDueDays: dueDays}
	if in := c.Interest; in != nil {
		p.InterestCode, p.InterestRateBp, p.InterestAmountCents = string(in.Code), int64(in.Rate), int64(in.Amount)
	}
	if fi := c.Fine; fi != nil {
		p.FineCode, p.FineRateBp, p.FineAmountCents = string(fi.Code), int64(fi.Rate), int64(fi.Amount)
	}
	if d := c.Discount; d != nil {
		p.DiscountCode, p.DiscountRateBp, p.DiscountAmountCents = string(d.Code), int64(d.Rate), int64(d.Amount)
		p.DiscountDaysBefore = d.DaysBefore
	}
	return p
}

// charges maps the form to the domain; an empty code means "none".
func (p ParametersDTO) charges() (boleto.Charges, error) {
	if len(p.Messages) > len(boleto.Charges{}.Messages) {
		msg := fmt.Sprintf("A mensagem do boleto tem no máximo %d linhas; foram informadas %d.", len(boleto.Charges{}.Messages), len(p.Messages))
		return boleto.Charges{}, &apperr.Error{Code: apperr.CodeInvalid, Message: msg,
			Fields: []apperr.FieldProblem{{Field: "parameters.messages", Message: msg}}}
	}
	c := boleto.Charges{AgendaDays: p.AgendaDays}
	copy(c.Messages[:], p.Messages)
	if p.InterestCode != "" {
		c.Interest = &boleto.Interest{Code: boleto.InterestCode(p.InterestCode), Rate: boleto.Percent(p.InterestRateBp), Amount: boleto.Cents(p.InterestAmountCents)}
	}
	if p.FineCode != "" {
		c.Fine = &boleto.Fine{Code: boleto.FineCode(p.FineCode), Rate: boleto.Percent(p.FineRateBp), Amount: boleto.Cents(p.FineAmountCents)}
	}
	if p.DiscountCode != "" {
		c.Discount = &boleto.Discount{Code: boleto.DiscountCode(p.DiscountCode), Rate: boleto.Percent(p.DiscountRateBp),
			Amount: boleto.Cents(p.DiscountAmountCents), DaysBefore: p.DiscountDaysBefore}
	}
	return c, nil
}

func (in AccountInput) input() (accounts.Input, error) {
	creds, err := in.Credentials.credentials()
	if err != nil {
		return accounts.Input{}, err
	}
	var logo []byte
	if in.LogoBase64 != "" {
		if logo, err = decodeFile(in.LogoBase64, accounts.FieldLogo, "O logotipo"); err != nil {
			return accounts.Input{}, err
		}
	}
	return accounts.Input{
		Logo: logo, RemoveLogo: in.RemoveLogo,
		Name: in.Name, Agency: in.Agency, AccountNumber: in.AccountNumber, ContaCorrente: in.ContaCorrente,
		Environment: store.Environment(in.Environment), SimulatorURL: in.SimulatorURL, SimulatorCAPEM: in.SimulatorCAPEM,
		DirectIntegration: in.DirectIntegration, ClientID: in.ClientID, ClientSecret: in.ClientSecret,
		Credentials: creds, Beneficiary: in.Beneficiary.payer(), OperationNumber: in.OperationNumber,
	}, nil
}

// credentials decodes the files (base64 of the raw bytes).
func (in CredentialsInput) credentials() (accounts.Credentials, error) {
	c := accounts.Credentials{Kind: accounts.CredentialsKind(in.Kind), ZIPName: in.ZipName, PFXPassword: in.PfxPassword}
	var err error
	switch c.Kind {
	case accounts.CredentialsZIP:
		c.ZIP, err = decodeFile(in.ZipBase64, accounts.FieldZIP, "O arquivo ZIP")
	case accounts.CredentialsPEM:
		if c.Cert, err = decodeFile(in.CertBase64, accounts.FieldCert, "O certificado (.crt)"); err == nil {
			c.Key, err = decodeFile(in.KeyBase64, accounts.FieldKey, "A chave privada (.key)")
		}
	case accounts.CredentialsPFX:
		c.PFX, err = decodeFile(in.PfxBase64, accounts.FieldPFX, "O arquivo .pfx")
	}
	return c, err
}

// decodeFile reads base64 (a data: URL prefix is tolerated).
func decodeFile(b64, field, what string) ([]byte, error) {
	if i := strings.Index(b64, ";base64,"); i >= 0 && strings.HasPrefix(b64, "data:") {
		b64 = b64[i+len(";base64,"):]
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		msg := what + " não chegou inteiro ao programa. Escolha o arquivo de novo."
		return nil, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Err: err,
			Fields: []apperr.FieldProblem{{Field: field, Message: msg}}}
	}
	return data, nil
}

// prepareAccounts runs when a session starts: with no account at all it
// creates the demo account (so the first screen has something to try), and
// it turns each certificate that expires within 30 days, or has expired,
// into a warning of the installation. It only reads and writes SQLite (the
// demo simulator starts later, on first use), so it runs before the first
// call of the frontend can list the accounts.
func (a *App) prepareAccounts() {
	ctx, cancel := context.WithTimeout(a.ctx, 30*time.Second)
	defer cancel()
	svc := a.cfg.Accounts
	if list, err := svc.List(ctx); err != nil {
		a.log.Warn("listing accounts at start", "err", err)
	} else if len(list) == 0 && a.cfg.DemoWhenEmpty {
		if _, err := svc.EnsureDemo(ctx); err != nil {
			a.log.Warn("creating the demo account", "err", err)
		}
	}
	for _, msg := range svc.ExpiryWarnings(ctx) {
		a.warn(msg)
	}
}
