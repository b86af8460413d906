package accounts

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

func TestValidationReportsEveryFieldAtOnce(t *testing.T) {
	t.Parallel()
	s, _ := newService(t, keychainOf(newMem()), Options{})
	ctx := context.Background()

	_, err := s.Create(ctx, Input{DirectIntegration: true, ContaCorrente: "12a", Agency: "12", OperationNumber: "123",
		Beneficiary: boleto.Payer{Document: "111.111.111-11", UF: "XX", CEP: "123"}})
	got := fields(err)
	for _, want := range []string{FieldName, FieldEnvironment, FieldClientID, FieldZIP, FieldAgency, FieldContaCorrente, FieldOperationNumber,
		"beneficiary.document", "beneficiary.name", "beneficiary.address", "beneficiary.number", "beneficiary.district",
		"beneficiary.city", "beneficiary.uf", "beneficiary.cep"} {
		if !slices.Contains(got, want) {
			t.Errorf("fields %v lack %s", got, want)
		}
	}
	if code, msg := apperr.Describe(err); code != apperr.CodeInvalid || !strings.HasPrefix(msg, "Há ") {
		t.Errorf("code %q message %q", code, msg)
	}
	if list, _ := s.List(ctx); len(list) != 0 {
		t.Errorf("a refused input saved %d accounts", len(list))
	}

	base := Input{Name: "Loja", Environment: store.EnvProduction, Beneficiary: validBeneficiary()}
	tests := []struct {
		name  string
		edit  func(*Input)
		field string
		want  string
	}{
		{"production with a simulator URL", func(in *Input) { in.SimulatorURL = "https://127.0.0.1:9" }, FieldSimulatorURL, "falam só com o Banco Inter"},
		{"sandbox with a simulator CA", func(in *Input) { in.Environment = store.EnvSandbox; in.SimulatorCAPEM = "x" }, FieldSimulatorCA, "apague"},
		{"simulator without URL", func(in *Input) { in.Environment = store.EnvSimulator; in.SimulatorCAPEM = "x" }, FieldSimulatorURL, "Informe o endereço do simulador"},
		{"simulator over http", func(in *Input) { in.Environment = store.EnvSimulator; in.SimulatorURL = "http://127.0.0.1:8443" }, FieldSimulatorURL, "https://"},
		{"simulator pointing at the bank", func(in *Input) {
			in.Environment = store.EnvSimulator
			in.SimulatorURL = "https://cdpj.partners.bancointer.com.br"
		}, FieldSimulatorURL, "endereço do Banco Inter"},
		{"simulator without CA", func(in *Input) { in.Environment = store.EnvSimulator; in.SimulatorURL = "https://127.0.0.1:8443" }, FieldSimulatorCA, "ca.crt"},
		{"simulator CA that is not PEM", func(in *Input) {
			in.Environment = store.EnvSimulator
			in.SimulatorURL = "https://127.0.0.1:8443"
			in.SimulatorCAPEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
		}, FieldSimulatorCA, ""},
		{"demo by hand", func(in *Input) { in.Environment = store.EnvDemo }, FieldEnvironment, "criada pelo próprio programa"},
		{"unknown environment", func(in *Input) { in.Environment = "homologacao" }, FieldEnvironment, "desconhecido"},
		{"client id without secret", func(in *Input) { in.ClientID = "abc" }, FieldClientSecret, "Informe o client secret"},
		{"secret without client id", func(in *Input) { in.ClientSecret = "abc" }, FieldClientID, "junto com o client secret"},
		{"client id with spaces", func(in *Input) { in.ClientID = "a b"; in.ClientSecret = "x" }, FieldClientID, "espaços"},
		{"direct integration without credentials", func(in *Input) { in.DirectIntegration = true; in.ClientID = "id"; in.ClientSecret = "s" }, FieldZIP, "importe o certificado"},
		{"conta corrente with letters", func(in *Input) { in.ContaCorrente = "12345-X" }, FieldContaCorrente, "só números"},
		{"account number", func(in *Input) { in.AccountNumber = "12-345" }, FieldAccountNumber, "12345678-9"},
		{"operation number", func(in *Input) { in.OperationNumber = "12345678" }, FieldOperationNumber, "7 números"},
		{"CPF", func(in *Input) { in.Beneficiary.Document = "123.456.789-00" }, "beneficiary.document", "CPF inválido"},
		{"CNPJ", func(in *Input) { in.Beneficiary.Document = "11.222.333/0001-80" }, "beneficiary.document", "CNPJ inválido"},
		{"UF", func(in *Input) { in.Beneficiary.UF = "ZZ" }, "beneficiary.uf", "UF"},
		{"CEP", func(in *Input) { in.Beneficiary.CEP = "3011-000" }, "beneficiary.cep", "CEP inválido"},
		{"e-mail", func(in *Input) { in.Beneficiary.Email = "contato@empresa" }, "beneficiary.email", "E-mail inválido"},
		{"phone without DDD", func(in *Input) { in.Beneficiary.Phone = "99999-0000" }, "beneficiary.ddd", "DDD"},
		{"long name", func(in *Input) { in.Name = strings.Repeat("n", 61) }, FieldName, "no máximo 60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.edit(&in)
			_, err := s.Create(ctx, in)
			wantField(t, err, tt.field, tt.want)
		})
	}

	t.Run("alphanumeric CNPJ, CEP of another UF is only a warning", func(t *testing.T) {
		in := base
		in.Name = "Filial"
		in.Beneficiary.Document = "12.ABC.345/01DE-35"
		in.Beneficiary.UF = "SP" // CEP 30110-000 is in MG
		a, err := s.Create(ctx, in)
		if err != nil {
			t.Fatalf("refused: %v %v", err, fields(err))
		}
		if a.Beneficiary.Document != "12ABC34501DE35" || a.Beneficiary.CEP != "30110000" || a.Agency != "0001" || a.BankCode != "077" {
			t.Errorf("stored %+v", a)
		}
		// The warning shows beside errors when something else blocks.
		in.Name = ""
		_, err = s.Create(ctx, in)
		if got := fields(err); !slices.Contains(got, "~beneficiary.cep") || !slices.Contains(got, FieldName) {
			t.Errorf("fields %v", got)
		}
	})

	t.Run("names are unique ignoring case", func(t *testing.T) {
		in := base
		in.Name = "Matriz"
		if _, err := s.Create(ctx, in); err != nil {
			t.Fatal(err)
		}
		in.Name = "  MATRIZ "
		_, err := s.Create(ctx, in)
		wantField(t, err, FieldName, "Já existe uma conta com o nome “Matriz”")
	})
}

// TestSimulatorAccountLifecycle: a full setup against the simulator over
// real mTLS, secrets in the real Secret Service.
func TestSimulatorAccountLifecycle(t *testing.T) {
	t.Parallel()
	keys := realKeychain(t)
	sim := startSim(t)
	s, st := newService(t, keys, Options{})
	ctx := context.Background()
	cr := sim.Credentials()

	a, err := s.Create(ctx, simInput(t, sim, "Simulador local"))
	if err != nil {
		t.Fatalf("create: %v %v", err, fields(err))
	}
	if a.Environment != store.EnvSimulator || a.SimulatorURL != cr.BaseURL || a.ClientID != cr.ClientID || !a.DirectIntegration {
		t.Errorf("row %+v", a)
	}
	if !strings.Contains(a.Certificate.PEM, "BEGIN CERTIFICATE") || a.Certificate.Subject == "" || a.Certificate.NotAfter.IsZero() {
		t.Errorf("certificate not stored: %+v", a.Certificate)
	}
	// The secrets are in the keychain, under the documented names.
	secret, err := keys.Get(ctx, "account/"+itoa(a.ID)+"/client-secret")
	if err != nil || string(secret) != cr.ClientSecret {
		t.Errorf("client secret in keychain: %v", err)
	}
	bundle, err := keys.Get(ctx, "account/"+itoa(a.ID)+"/private-key")
	if err != nil || !bytes.Contains(bundle, []byte("BEGIN PRIVATE KEY")) {
		t.Errorf("private key in keychain: %v", err)
	}
	if !HasClientSecret(a) {
		t.Error("HasClientSecret = false")
	}

	res, err := s.Test(ctx, a.ID)
	if err != nil || !res.OK {
		t.Fatalf("test: %v %+v", err, res)
	}
	if len(res.Steps) != 4 || !strings.Contains(res.Message, "simulador funcionando") {
		t.Errorf("result %+v", res)
	}

	// The cached client is shared, and rebuilt after a change.
	c1, err := s.Client(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := s.Client(ctx, a.ID)
	if c1 != c2 {
		t.Error("Client built twice for an unchanged account")
	}
	in := simInput(t, sim, "Simulador renomeado")
	in.ClientSecret, in.Credentials = "", Credentials{} // keep both
	a, err = s.Update(ctx, a.ID, in)
	if err != nil {
		t.Fatalf("update: %v %v", err, fields(err))
	}
	c3, err := s.Client(ctx, a.ID)
	if err != nil || c3 == c1 {
		t.Errorf("client after update: %v, same = %v", err, c3 == c1)
	}
	if res, _ := s.Test(ctx, a.ID); !res.OK {
		t.Errorf("test after update: %+v", res)
	}

	// A new secret replaces the old one; a wrong one then fails the test.
	in.ClientSecret = "segredo-errado"
	if _, err := s.Update(ctx, a.ID, in); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Test(ctx, a.ID); res.OK || !strings.Contains(res.Message, "client id ou secret errados") {
		t.Errorf("test with the wrong secret: %+v", res)
	}

	// Delete removes the row and both items.
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetAccount(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("row after delete: %v", err)
	}
	for _, k := range []string{secretKey(a.ID), keyKey(a.ID)} {
		if _, err := keys.Get(ctx, k); !errors.Is(err, keychain.ErrNotFound) {
			t.Errorf("%s after delete: %v", k, err)
		}
	}
}

func TestUpdateRules(t *testing.T) {
	t.Parallel()
	mem := newMem()
	sim := startSim(t)
	s, _ := newService(t, keychainOf(mem), Options{})
	ctx := context.Background()
	a, err := s.Create(ctx, simInput(t, sim, "Conta"))
	if err != nil {
		t.Fatal(err)
	}

	// An edit that does not choose ca.crt again keeps the stored one.
	keepCA := simInput(t, sim, "Conta renomeada")
	keepCA.ClientSecret, keepCA.Credentials, keepCA.SimulatorCAPEM = "", Credentials{}, ""
	renamed, err := s.Update(ctx, a.ID, keepCA)
	if err != nil {
		t.Fatalf("edit without the CA file: %v %v", err, fields(err))
	}
	if renamed.SimulatorCAPEM != a.SimulatorCAPEM || renamed.Name != "Conta renomeada" {
		t.Errorf("CA not kept on edit: %q", renamed.SimulatorCAPEM)
	}
	if res, _ := s.Test(ctx, a.ID); !res.OK {
		t.Errorf("test after an edit that kept the CA: %+v", res)
	}

	in := simInput(t, sim, "Conta")
	in.ClientSecret, in.Credentials = "", Credentials{}
	in.ClientID = "outro-client-id"
	_, err = s.Update(ctx, a.ID, in)
	wantField(t, err, FieldClientSecret, "O client id mudou")

	// A secret lost from the keychain (an interrupted create, a keychain
	// reset) is asked for again rather than assumed.
	in.ClientID = a.ClientID
	if err := keychainOf(mem).Delete(ctx, secretKey(a.ID)); err != nil {
		t.Fatal(err)
	}
	_, err = s.Update(ctx, a.ID, in)
	wantField(t, err, FieldClientSecret, "não está no cofre")
	if res, _ := s.Test(ctx, a.ID); res.OK || !strings.Contains(res.Message, "não está no cofre de senhas") {
		t.Errorf("test without the secret: %+v", res)
	}
	in.ClientSecret = sim.Credentials().ClientSecret
	if _, err := s.Update(ctx, a.ID, in); err != nil {
		t.Fatalf("re-entering the secret: %v %v", err, fields(err))
	}
	if res, _ := s.Test(ctx, a.ID); !res.OK {
		t.Errorf("test after repair: %+v", res)
	}

	// Turning the integration off and clearing the client id drops the secret.
	in.DirectIntegration, in.ClientID, in.ClientSecret = false, "", ""
	b, err := s.Update(ctx, a.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if HasClientSecret(b) {
		t.Error("HasClientSecret after clearing the client id")
	}
	if _, err := keychainOf(mem).Get(ctx, secretKey(a.ID)); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("secret after clearing the client id: %v", err)
	}
	if _, err := s.Client(ctx, a.ID); err == nil || !strings.Contains(err.Error(), "integração direta desligada") {
		t.Errorf("client of an account without direct integration: %v", err)
	}
}

// TestNothingHalfSaved: when the keychain fails on the second write, neither
// the row nor any item is left.
func TestNothingHalfSaved(t *testing.T) {
	t.Parallel()
	sim := startSim(t)
	ctx := context.Background()

	mem := newMem()
	mem.failAt = 2 // the client secret is written, the key is refused
	s, st := newService(t, keychainOf(mem), Options{})
	_, err := s.Create(ctx, simInput(t, sim, "Conta"))
	if code, msg := apperr.Describe(err); code != apperr.CodeUnavailable || !strings.Contains(msg, "cofre de senhas") {
		t.Fatalf("create = %q %q (%v)", code, msg, err)
	}
	if list, _ := st.ListAccounts(ctx); len(list) != 0 {
		t.Errorf("rows left: %d", len(list))
	}
	if n := mem.count(); n != 0 {
		t.Errorf("keychain items left: %d (%v)", n, mem.items)
	}

	// On update, a refused write leaves the row and the previous secrets as
	// they were.
	mem2 := newMem()
	s2, _ := newService(t, keychainOf(mem2), Options{})
	a, err := s2.Create(ctx, simInput(t, sim, "Conta"))
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]string{}
	for k, v := range mem2.items {
		before[k] = v
	}
	mem2.mu.Lock()
	mem2.failAt = mem2.headers + 2
	mem2.mu.Unlock()
	in := simInput(t, sim, "Conta renomeada")
	in.ClientSecret = "novo-segredo"
	if _, err := s2.Update(ctx, a.ID, in); err == nil {
		t.Fatal("update succeeded though the keychain failed")
	}
	got, _ := s2.Get(ctx, a.ID)
	if got.Name != "Conta" {
		t.Errorf("row changed by a failed update: %q", got.Name)
	}
	mem2.mu.Lock()
	mem2.failAt = 0
	mem2.mu.Unlock()
	if secret, err := keychainOf(mem2).Get(ctx, secretKey(a.ID)); err != nil || string(secret) != sim.Credentials().ClientSecret {
		t.Errorf("secret after a failed update: %q %v", secret, err)
	}

	// The real keychain: a create refused by the store (name taken after
	// validation) writes nothing either.
	keys := realKeychain(t)
	s3, _ := newService(t, keys, Options{})
	in3 := simInput(t, sim, "Única")
	if _, err := s3.Create(ctx, in3); err != nil {
		t.Fatal(err)
	}
	if _, err := s3.Create(ctx, in3); err == nil {
		t.Fatal("duplicate name accepted")
	}
	if _, err := keys.Get(ctx, secretKey(2)); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("item of the refused account: %v", err)
	}
}

func TestNoKeychainStillRunsDraftAccounts(t *testing.T) {
	t.Parallel()
	mem := newMem()
	mem.broken = true
	s, _ := newService(t, keychainOf(mem), Options{})
	ctx := context.Background()
	// Without the integration the account only prints: no keychain needed.
	a, err := s.Create(ctx, Input{Name: "Só impressão", Environment: store.EnvProduction, Beneficiary: validBeneficiary()})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Errorf("delete without keychain: %v", err)
	}
	// An account with secrets cannot be created there: one clear sentence.
	sim := startSim(t)
	_, err = s.Create(ctx, simInput(t, sim, "Integrada"))
	if code, msg := apperr.Describe(err); code != apperr.CodeUnavailable || !strings.Contains(msg, "gnome-keyring") {
		t.Errorf("create with secrets and no keychain: %q %q", code, msg)
	}
	if list, _ := s.List(ctx); len(list) != 0 {
		t.Errorf("rows left: %d", len(list))
	}
}

func TestSaveParameters(t *testing.T) {
	t.Parallel()
	s, _ := newService(t, keychainOf(newMem()), Options{})
	ctx := context.Background()
	a, err := s.Create(ctx, Input{Name: "Loja", Environment: store.EnvSandbox, Beneficiary: validBeneficiary()})
	if err != nil {
		t.Fatal(err)
	}
	if a.DefaultDueDays != defaultDueDays || a.Defaults.AgendaDays != defaultAgendaDays {
		t.Errorf("defaults of a new account: %d %d", a.DefaultDueDays, a.Defaults.AgendaDays)
	}
	c := boleto.Charges{
		Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100, Amount: 999},
		Fine:       &boleto.Fine{Code: boleto.FineFixed, Amount: 500},
		Discount:   &boleto.Discount{Code: boleto.DiscountPercent, Rate: 250, DaysBefore: 5},
		AgendaDays: 15,
		Messages:   [5]string{"  Não receber em cheque ", "", "Obrigado!"},
	}
	a, err = s.SaveParameters(ctx, a.ID, c, 10)
	if err != nil {
		t.Fatalf("save: %v %v", err, fields(err))
	}
	a, _ = s.Get(ctx, a.ID)
	if a.Defaults.Interest == nil || a.Defaults.Interest.Rate != 100 || a.Defaults.Interest.Amount != 0 ||
		a.Defaults.Fine.Amount != 500 || a.Defaults.Discount.DaysBefore != 5 || a.Defaults.AgendaDays != 15 ||
		a.Defaults.Messages[0] != "Não receber em cheque" || a.Defaults.Messages[2] != "Obrigado!" || a.DefaultDueDays != 10 {
		t.Errorf("stored %+v interest %+v due %d", a.Defaults, a.Defaults.Interest, a.DefaultDueDays)
	}

	bad := boleto.Charges{
		Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate},
		Fine:       &boleto.Fine{Code: "XYZ"},
		Discount:   &boleto.Discount{Code: boleto.DiscountFixed, Amount: 100, DaysBefore: -1},
		AgendaDays: 61,
		Messages:   [5]string{"", "", strings.Repeat("x", 79)},
	}
	_, err = s.SaveParameters(ctx, a.ID, bad, -1)
	got := fields(err)
	for _, want := range []string{"parameters.interestRateBp", "parameters.fineCode", "parameters.discountDaysBefore",
		"parameters.agendaDays", "parameters.messages.2", "parameters.defaultDueDays"} {
		if !slices.Contains(got, want) {
			t.Errorf("fields %v lack %s", got, want)
		}
	}
	if b, _ := s.Get(ctx, a.ID); b.Defaults.AgendaDays != 15 {
		t.Error("refused parameters were saved")
	}
	if _, err := s.SaveParameters(ctx, 9999, boleto.Charges{}, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}

func TestDeleteRefusedWithBoletos(t *testing.T) {
	t.Parallel()
	mem := newMem()
	sim := startSim(t)
	s, st := newService(t, keychainOf(mem), Options{})
	ctx := context.Background()
	a, err := s.Create(ctx, simInput(t, sim, "Com boletos"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDraft(ctx, store.DraftInput{AccountID: a.ID, Draft: boleto.Draft{Amount: 1000}}); err != nil {
		t.Fatal(err)
	}
	err = s.Delete(ctx, a.ID)
	if code, msg := apperr.Describe(err); code != apperr.CodeConflict || !strings.Contains(msg, "tem boletos") {
		t.Errorf("delete = %q %q", code, msg)
	}
	// Nothing was removed: the secrets are still there.
	if _, err := keychainOf(mem).Get(ctx, keyKey(a.ID)); err != nil {
		t.Errorf("key after a refused delete: %v", err)
	}
}

func TestExpiryWarnings(t *testing.T) {
	t.Parallel()
	testKeys(t)
	clk := newClock(testNow)
	s, _ := newService(t, keychainOf(newMem()), Options{Now: clk.Now})
	ctx := context.Background()
	ca := newCA(t, "CA", testNow)
	mk := func(name string, days int) {
		t.Helper()
		cert := ca.issue(t, name, &rsa2048.PublicKey, testNow.Add(-time.Hour), testNow.Add(time.Duration(days)*24*time.Hour+time.Hour))
		_, err := s.Create(ctx, Input{Name: name, Environment: store.EnvProduction, ClientID: "id-" + name, ClientSecret: "s",
			DirectIntegration: true, Beneficiary: validBeneficiary(),
			Credentials: Credentials{Kind: CredentialsPEM, Cert: certPEM(cert), Key: pkcs1PEM(rsa2048)}})
		if err != nil {
			t.Fatalf("%s: %v %v", name, err, fields(err))
		}
	}
	mk("Longe", 200)
	mk("Perto", 40)
	if w := s.ExpiryWarnings(ctx); len(w) != 0 {
		t.Errorf("warnings today: %q", w)
	}
	clk.Add(15 * 24 * time.Hour) // Perto: 25 days left
	w := s.ExpiryWarnings(ctx)
	if len(w) != 1 || !strings.Contains(w[0], "Conta “Perto”") || !strings.Contains(w[0], "vence em 25 dias") || !strings.Contains(w[0], "Nova integração") {
		t.Errorf("warnings at 25 days: %q", w)
	}
	clk.Add(30 * 24 * time.Hour) // Perto expired
	w = s.ExpiryWarnings(ctx)
	if len(w) != 1 || !strings.Contains(w[0], "venceu em") {
		t.Errorf("warnings after expiry: %q", w)
	}
	list, _ := s.List(ctx)
	for _, a := range list {
		if a.Name == "Perto" {
			if c := s.Certificate(a); c == nil || c.Status != CertExpired {
				t.Errorf("certificate of Perto: %+v", c)
			}
			id := a.ID
			res, err := s.Test(ctx, id)
			if err != nil || res.OK || !strings.Contains(res.Message, RenewalPath) {
				t.Errorf("test with an expired certificate: %v %+v", err, res)
			}
		}
	}
}

// TestNoSecretOnDisk: after a full setup, no file of the data dir and no log
// line holds the private key, the client secret or a token.
func TestNoSecretOnDisk(t *testing.T) {
	t.Parallel()
	keys := realKeychain(t)
	sim := startSim(t)
	dir := t.TempDir()
	logFile, err := os.OpenFile(filepath.Join(dir, "boletos.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	var logBuf syncBuffer
	logger := slog.New(slog.NewTextHandler(ioMulti(logFile, &logBuf), &slog.HandlerOptions{Level: slog.LevelDebug}))
	st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := New(st, keys, Options{Logger: logger, DataDir: dir})
	defer s.Close()
	ctx := context.Background()
	cr := sim.Credentials()

	in := simInput(t, sim, "Completa")
	if _, err := s.InspectCredentials(ctx, in.Credentials); err != nil {
		t.Fatal(err)
	}
	a, err := s.Create(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Test(ctx, a.ID); !res.OK {
		t.Fatalf("test: %+v", res)
	}
	cl, err := s.Client(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := boleto.Today(time.Now())
	if _, err := cl.Summary(ctx, summaryParams(today)); err != nil {
		t.Fatal(err)
	}
	in.ClientSecret = cr.ClientSecret // rewrite the secret too
	if _, err := s.Update(ctx, a.ID, in); err != nil {
		t.Fatal(err)
	}
	// A failed attempt logs too: it must not leak the wrong secret either.
	bad := simInput(t, sim, "Errada")
	bad.ClientSecret = "segredo-errado-0123456789"
	b, err := s.Create(ctx, bad)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Test(ctx, b.ID); res.OK {
		t.Fatal("wrong secret accepted")
	}
	s.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	logFile.Sync()

	certBlock, _ := pem.Decode(cr.ClientCertPEM)
	certB64 := base64.StdEncoding.EncodeToString(certBlock.Bytes)
	secrets := map[string]string{
		"client secret":       cr.ClientSecret,
		"wrong client secret": bad.ClientSecret,
	}
	// Every line of the key's PEM body, as stored in the keychain (PKCS#8,
	// 64 characters a line), except lines that are public anyway: the
	// modulus is in the certificate too.
	bundle, err := keys.Get(ctx, keyKey(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	keyBlock, _ := pem.Decode(bundle)
	var keyLines []string
	body := base64.StdEncoding.EncodeToString(keyBlock.Bytes)
	for i := 0; i+64 <= len(body); i += 64 {
		if line := body[i : i+64]; !strings.Contains(certB64, line) && !strings.Contains(string(cr.ClientCertPEM), line) {
			keyLines = append(keyLines, line)
		}
	}
	if len(keyLines) < 10 {
		t.Fatalf("only %d private lines in the key", len(keyLines))
	}
	for i, line := range keyLines {
		secrets["private key line "+strconv.Itoa(i)] = line
	}
	uuid := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	certFound := false
	scan := func(where string, data []byte) {
		for what, secret := range secrets {
			if i := bytes.Index(data, []byte(secret)); i >= 0 {
				t.Errorf("%s holds the %s: %q", where, what, data[max(0, i-300):min(len(data), i+100)])
			}
		}
		// Tokens of the simulator are UUIDs: the only UUIDs allowed are the
		// client id (public) and the bank's request ids in the log.
		for _, loc := range uuid.FindAllIndex(data, -1) {
			found := string(data[loc[0]:loc[1]])
			if found == cr.ClientID || bytes.HasSuffix(data[:loc[0]], []byte("request_id=")) || bytes.HasSuffix(data[:loc[0]], []byte("[request id ")) {
				continue
			}
			t.Errorf("%s holds a UUID that may be a token: %s in %q", where, found, data[max(0, loc[0]-200):min(len(data), loc[1]+50)])
		}
		// The certificate is public and lives in SQLite (PEM, 64 per line).
		if bytes.Contains(data, []byte(certB64[64:128])) {
			certFound = true
		}
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scan(path, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	scan("captured log", logBuf.Bytes())
	if !certFound {
		t.Error("the certificate was not found in the data dir: the scan reads nothing (positive control)")
	}
	if !strings.Contains(logBuf.String(), "account created") {
		t.Error("nothing was logged: the log scan proves nothing")
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.buf.Bytes()...)
}

func (b *syncBuffer) String() string { return string(b.Bytes()) }
