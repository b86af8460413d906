package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"image"
	pngenc "image/png"
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/apperr"
	"boletos/internal/intersim"
	"boletos/internal/keychain"
	"boletos/internal/keychain/keychaintest"
	"boletos/internal/store"
)

type accountsEnv struct {
	app  *App
	svc  *accounts.Service
	st   *store.Store
	keys *keychain.Store
}

func newAccountsApp(t *testing.T, now func() time.Time) accountsEnv {
	t.Helper()
	keys := keychain.New(keychaintest.New(t))
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := accounts.New(st, keys, accounts.Options{DataDir: dir, Now: now, DemoProcessing: 200 * time.Millisecond})
	a := New(Config{Store: st, Keychain: keys, Accounts: svc})
	t.Cleanup(func() {
		a.Shutdown()
		svc.Close()
		st.Close()
	})
	return accountsEnv{app: a, svc: svc, st: st, keys: keys}
}

func startTestSim(t *testing.T) *intersim.Sim {
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

func zipBase64(t *testing.T, files map[string][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func beneficiaryDTO() PartyDTO {
	return PartyDTO{Document: "11.222.333/0001-81", Name: "Padaria Pão Quente Ltda", Address: "Rua das Flores",
		Number: "120", District: "Centro", City: "Belo Horizonte", UF: "mg", CEP: "30110-000"}
}

func simAccountInput(t *testing.T, sim *intersim.Sim) AccountInput {
	cr := sim.Credentials()
	return AccountInput{
		Name: "Simulador", Environment: "simulator", SimulatorURL: cr.BaseURL, SimulatorCAPEM: string(cr.CACertPEM),
		DirectIntegration: true, ClientID: cr.ClientID, ClientSecret: cr.ClientSecret, ContaCorrente: cr.ContaCorrente,
		Credentials: CredentialsInput{Kind: "zip", ZipName: "Inter.zip", ZipBase64: zipBase64(t, map[string][]byte{
			"Inter API/Inter API_Certificado.crt": cr.ClientCertPEM, "Inter API/Inter API_Chave.key": cr.ClientKeyPEM})},
		Beneficiary: beneficiaryDTO(),
	}
}

func TestAccountsAreBound(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	if !slices.Contains(a.Bindings(), any(a.Accounts)) {
		t.Error("the Accounts façade is not among the bindings")
	}
}

func TestAccountsCreateMapsTheView(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	sim := startTestSim(t)
	cr := sim.Credentials()
	in := simAccountInput(t, sim)

	cert, err := env.app.Accounts.InspectCredentials(in.Credentials)
	if err != nil {
		t.Fatal(err)
	}
	if cert.Status != "ok" || cert.DaysLeft < 360 || len(cert.NotAfter) != 10 || len(cert.NotBefore) != 10 || cert.Serial == "" ||
		!strings.Contains(cert.Subject, cr.ClientID) || !strings.Contains(cert.Issuer, "Simulador") {
		t.Errorf("InspectCredentials = %+v", cert)
	}

	v, err := env.app.Accounts.Create(in)
	if err != nil {
		t.Fatalf("Create: %v %+v", err, apperr.Fields(err))
	}
	want := AccountView{
		ID: v.ID, Name: "Simulador", Bank: "077", BankName: "Banco Inter S.A.", Agency: "0001",
		ContaCorrente: cr.ContaCorrente, Environment: "simulator", EnvironmentLabel: "Simulador", IsSimulation: true,
		SimulatorURL: cr.BaseURL, DirectIntegration: true, ClientID: cr.ClientID, HasClientSecret: true,
		Certificate: &cert,
		Beneficiary: PartyDTO{Document: "11222333000181", Name: "Padaria Pão Quente Ltda", Address: "Rua das Flores",
			Number: "120", District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30110000"},
		Parameters: ParametersDTO{AgendaDays: 30, DefaultDueDays: 7, Messages: []string{"", "", "", "", ""}},
	}
	gotJSON, _ := json.Marshal(v)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("Create =\n %s\nwant\n %s", gotJSON, wantJSON)
	}
	got, err := env.app.Accounts.Get(v.ID)
	if g, _ := json.Marshal(got); err != nil || !bytes.Equal(g, wantJSON) {
		t.Errorf("Get = %s, %v", g, err)
	}

	// No secret in any answer.
	list, err := env.app.Accounts.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %d %v", len(list), err)
	}
	all, _ := json.Marshal(list)
	keyBlock, _ := pem.Decode(cr.ClientKeyPEM)
	keyB64 := base64.StdEncoding.EncodeToString(keyBlock.Bytes)
	for _, secret := range []string{cr.ClientSecret, keyB64[len(keyB64)-100:]} {
		if bytes.Contains(all, []byte(secret)) || bytes.Contains(gotJSON, []byte(secret)) {
			t.Error("an account view carries a secret")
		}
	}

	res, err := env.app.Accounts.TestConnection(v.ID)
	if err != nil || !res.OK || len(res.Steps) != 4 {
		t.Errorf("TestConnection = %+v %v", res, err)
	}

	// Update keeping the secrets.
	in.Name, in.ClientSecret, in.Credentials = "Simulador da loja", "", CredentialsInput{}
	v2, err := env.app.Accounts.Update(v.ID, in)
	if err != nil || v2.Name != "Simulador da loja" || v2.Certificate == nil || !v2.HasClientSecret {
		t.Errorf("Update = %+v %v", v2, err)
	}

	if err := env.app.Accounts.Delete(v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.app.Accounts.Get(v.ID); err == nil {
		t.Error("deleted account still found")
	} else if code, _ := apperr.Describe(err); code != apperr.CodeNotFound {
		t.Errorf("Get after delete: %v", err)
	}
}

func TestAccountsFieldErrorsReachTheForm(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	f := ErrorFormatter{}

	_, err := env.app.Accounts.Create(AccountInput{Environment: "production", ContaCorrente: "abc",
		Beneficiary: PartyDTO{Document: "123", UF: "SP", CEP: "30110-000"}})
	dto := f.DTO(err)
	if dto.Code != apperr.CodeInvalid {
		t.Errorf("code %q", dto.Code)
	}
	for _, want := range []string{"name", "contaCorrente", "beneficiary.document", "beneficiary.name", "beneficiary.address"} {
		if !slices.Contains(fieldsOf(err), want) {
			t.Errorf("fields %v lack %s", fieldsOf(err), want)
		}
	}

	_, err = env.app.Accounts.Create(AccountInput{Name: "X", Environment: "production", Beneficiary: beneficiaryDTO(),
		Credentials: CredentialsInput{Kind: "zip", ZipBase64: "***não é base64***"}})
	if got := fieldsOf(err); !slices.Equal(got, []string{"credentials.zip"}) {
		t.Errorf("bad base64: fields %v", got)
	}
	_, err = env.app.Accounts.InspectCredentials(CredentialsInput{Kind: "pem", CertBase64: base64.StdEncoding.EncodeToString([]byte("x")), KeyBase64: "@@"})
	if got := fieldsOf(err); !slices.Equal(got, []string{"credentials.key"}) {
		t.Errorf("bad key base64: fields %v", got)
	}
	_, err = env.app.Accounts.InspectCredentials(CredentialsInput{Kind: "zip",
		ZipBase64: zipBase64(t, map[string][]byte{"Inter API_Certificado.crt": []byte("-----BEGIN CERTIFICATE-----\n")})})
	if dto := f.DTO(err); len(dto.Fields) != 1 || dto.Fields[0].Field != "credentials.zip" || !strings.Contains(dto.Message, "chave") {
		t.Errorf("ZIP without key: %+v", dto)
	}

	v, err := env.app.Accounts.Create(AccountInput{Name: "Loja", Environment: "sandbox", Beneficiary: beneficiaryDTO()})
	if err != nil {
		t.Fatal(err)
	}
	if v.Certificate != nil || v.HasClientSecret || v.EnvironmentLabel != "Sandbox do Inter" || v.IsSimulation {
		t.Errorf("print-only account: %+v", v)
	}
	_, err = env.app.Accounts.SaveParameters(v.ID, ParametersDTO{Messages: make([]string, 6)})
	if got := fieldsOf(err); !slices.Equal(got, []string{"parameters.messages"}) {
		t.Errorf("6 message lines: fields %v", got)
	}
	_, err = env.app.Accounts.SaveParameters(v.ID, ParametersDTO{InterestCode: "TAXAMENSAL", FineCode: "PERCENTUAL", FineRateBp: 20000,
		AgendaDays: 90, Messages: []string{"", "", strings.Repeat("x", 80)}})
	for _, want := range []string{"parameters.interestRateBp", "parameters.fineRateBp", "parameters.agendaDays", "parameters.messages.2"} {
		if !slices.Contains(fieldsOf(err), want) {
			t.Errorf("fields %v lack %s", fieldsOf(err), want)
		}
	}

	p := ParametersDTO{InterestCode: "VALORDIA", InterestAmountCents: 15, FineCode: "PERCENTUAL", FineRateBp: 200,
		DiscountCode: "VALORFIXODATAINFORMADA", DiscountAmountCents: 500, DiscountDaysBefore: 3, AgendaDays: 20,
		Messages: []string{"Não receber após 20 dias"}, DefaultDueDays: 15}
	v, err = env.app.Accounts.SaveParameters(v.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Messages = []string{"Não receber após 20 dias", "", "", "", ""}
	gotP, _ := json.Marshal(v.Parameters)
	wantP, _ := json.Marshal(p)
	if !bytes.Equal(gotP, wantP) {
		t.Errorf("parameters\n %s\nwant\n %s", gotP, wantP)
	}
	if err := env.app.Accounts.Delete(9999); err == nil {
		t.Error("deleting an unknown account succeeded")
	}
}

func TestAccountsDemo(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	v, err := env.app.Accounts.CreateDemo()
	if err != nil {
		t.Fatal(err)
	}
	again, err := env.app.Accounts.CreateDemo()
	if err != nil || again.ID != v.ID {
		t.Errorf("CreateDemo is not idempotent: %d, %d, %v", v.ID, again.ID, err)
	}
	if v.Name != "Conta de demonstração" || v.Environment != "demo" || v.EnvironmentLabel != "Demonstração (simulação)" ||
		!v.IsSimulation || !v.HasClientSecret || v.Certificate == nil || v.Certificate.Status != "ok" {
		t.Errorf("demo view %+v", v)
	}
	res, err := env.app.Accounts.TestConnection(v.ID)
	if err != nil || !res.OK {
		t.Errorf("TestConnection(demo) = %+v %v", res, err)
	}
}

func TestStartLeavesTheChoiceToTheUserByDefault(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	env.app.Start()
	if list, err := env.app.Accounts.List(); err != nil || len(list) != 0 {
		t.Fatalf("after Start without --demo: %+v %v", list, err)
	}
}

func TestStartCreatesTheDemoWhenThereIsNoAccount(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	env.app.cfg.DemoWhenEmpty = true // make run passes --demo
	env.app.Start()
	list, err := env.app.Accounts.List()
	if err != nil || len(list) != 1 || list[0].Environment != "demo" {
		t.Fatalf("after Start: %+v %v", list, err)
	}
	// Only when there is none: a second start adds nothing.
	env.app.Start()
	if list, _ := env.app.Accounts.List(); len(list) != 1 {
		t.Errorf("%d accounts after a second start", len(list))
	}
}

func TestStartWarnsOfExpiringCertificates(t *testing.T) {
	t.Parallel()
	now := time.Now()
	env := newAccountsApp(t, func() time.Time { return now })
	certPEM, keyPEM := shortCertificate(t, now, 12)
	_, err := env.app.Accounts.Create(AccountInput{Name: "Matriz", Environment: "production", DirectIntegration: true,
		ClientID: "client-id", ClientSecret: "segredo", Beneficiary: beneficiaryDTO(),
		Credentials: CredentialsInput{Kind: "pem", CertBase64: base64.StdEncoding.EncodeToString(certPEM), KeyBase64: base64.StdEncoding.EncodeToString(keyPEM)}})
	if err != nil {
		t.Fatalf("create: %v %+v", err, apperr.Fields(err))
	}
	rec := &recorder{}
	env.app.SetEmitter(rec)
	env.app.Start()
	info, _ := env.app.System.Info()
	if len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "Conta “Matriz”") || !strings.Contains(info.Warnings[0], "12 dias") {
		t.Errorf("warnings = %q", info.Warnings)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if !slices.Contains(rec.events, EventNotice) {
		t.Errorf("events = %v", rec.events)
	}
	if list, _ := env.app.Accounts.List(); len(list) != 1 {
		t.Errorf("the demo was created beside an existing account: %d accounts", len(list))
	}
}

// shortCertificate issues a self-signed EC client certificate that expires
// in days days (and an hour).
func shortCertificate(t *testing.T, now time.Time, days int) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42),
		Subject:      pkix.Name{CommonName: "empresa", Organization: []string{"Empresa Teste LTDA"}},
		NotBefore:    now.Add(-300 * 24 * time.Hour),
		NotAfter:     now.Add(time.Duration(days)*24*time.Hour + time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
}

// The optional logo printed on the boletos: PNG or JPEG up to 512 KB, kept on
// an edit that does not choose another, removed on request.
func TestAccountsLogo(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	var png bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	in := AccountInput{Name: "Com logo", Environment: "sandbox", Beneficiary: beneficiaryDTO(),
		LogoBase64: base64.StdEncoding.EncodeToString(png.Bytes())}
	v, err := env.app.Accounts.Create(in)
	if err != nil {
		t.Fatalf("%v %v", err, fieldsOf(err))
	}
	want := "data:image/png;base64," + base64.StdEncoding.EncodeToString(png.Bytes())
	if v.LogoDataURL != want {
		t.Errorf("logo = %.40q", v.LogoDataURL)
	}
	in.LogoBase64, in.Name = "", "Com logo renomeada"
	if v, err = env.app.Accounts.Update(v.ID, in); err != nil || v.LogoDataURL != want {
		t.Errorf("edit without a new logo: %v %.40q", err, v.LogoDataURL)
	}
	in.LogoBase64 = base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 not an image"))
	_, err = env.app.Accounts.Update(v.ID, in)
	if got := fieldsOf(err); !slices.Equal(got, []string{"beneficiary.logo"}) {
		t.Errorf("a PDF as logo: fields %v", got)
	}
	in.LogoBase64 = base64.StdEncoding.EncodeToString(append(png.Bytes(), make([]byte, 600<<10)...))
	if got := fieldsOf(func() error { _, err := env.app.Accounts.Update(v.ID, in); return err }()); !slices.Equal(got, []string{"beneficiary.logo"}) {
		t.Errorf("a 600 KB logo: fields %v", got)
	}
	in.LogoBase64, in.RemoveLogo = "", true
	if v, err = env.app.Accounts.Update(v.ID, in); err != nil || v.LogoDataURL != "" {
		t.Errorf("remove: %v %.40q", err, v.LogoDataURL)
	}
}

// fieldsOf lists the form fields an error names, as the frontend gets them.
func fieldsOf(err error) []string {
	var out []string
	for _, fp := range (ErrorFormatter{}).DTO(err).Fields {
		out = append(out, fp.Field)
	}
	return out
}
