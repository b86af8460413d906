package accounts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/inter"
	"boletos/internal/store"
)

func TestDemoAccount(t *testing.T) {
	t.Parallel()
	// No keychain at all: the demo must still work.
	mem := newMem()
	mem.broken = true
	dir := t.TempDir()
	st := openStore(t, dir, nil)
	ctx := context.Background()
	s := New(st, keychainOf(mem), Options{DataDir: dir, DemoProcessing: 300 * time.Millisecond})
	defer s.Close()

	a, err := s.EnsureDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.EnsureDemo(ctx)
	if err != nil || again.ID != a.ID {
		t.Fatalf("EnsureDemo is not idempotent: %d then %d (%v)", a.ID, again.ID, err)
	}
	if list, _ := s.List(ctx); len(list) != 1 {
		t.Errorf("%d accounts after two EnsureDemo", len(list))
	}
	if a.Name != DemoName || a.Environment != store.EnvDemo || !a.DirectIntegration || a.SimulatorURL != "" {
		t.Errorf("demo row %+v", a)
	}
	if _, err := brazil.ValidateDocument(a.Beneficiary.Document); err != nil || a.Beneficiary.Address == "" ||
		!brazil.CEPMatchesUF(a.Beneficiary.CEP, a.Beneficiary.UF) {
		t.Errorf("demo beneficiary %+v: %v", a.Beneficiary, err)
	}
	if c := s.Certificate(a); c == nil || c.Status != CertOK {
		t.Errorf("demo certificate %+v", c)
	}

	res, err := s.Test(ctx, a.ID)
	if err != nil || !res.OK || !strings.Contains(res.Message, "demonstração") {
		t.Fatalf("test: %v %+v", err, res)
	}

	// Issue a charge: "Em processamento", then "Emitido" with barcode.
	cl, err := s.Client(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	due := boleto.Today(time.Now()).AddDays(10)
	out, err := cl.Emit(ctx, inter.EmitRequest{
		SeuNumero: "DEMO-1", ValorNominal: 12345, DataVencimento: due, NumDiasAgenda: 30,
		Pagador: inter.Pagador{CpfCnpj: "52998224725", TipoPessoa: inter.PessoaFisica, Nome: "Maria da Silva",
			Endereco: "Rua A, 10", Bairro: "Centro", Cidade: "São Paulo", UF: "SP", CEP: "01001000"},
	})
	if err != nil {
		t.Fatal(err)
	}
	first, err := cl.Get(ctx, out.CodigoSolicitacao)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cobranca.Situacao != inter.SituacaoEmProcessamento {
		t.Errorf("just issued: %s, want EM_PROCESSAMENTO", first.Cobranca.Situacao)
	}
	var issued inter.Cobranca
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if issued, err = cl.Get(ctx, out.CodigoSolicitacao); err != nil {
			t.Fatal(err)
		}
		if issued.Cobranca.Situacao != inter.SituacaoEmProcessamento {
			break
		}
	}
	if issued.Cobranca.Situacao != inter.SituacaoAReceber || !issued.HasBoleto() {
		t.Fatalf("after processing: %s, boleto %v", issued.Cobranca.Situacao, issued.HasBoleto())
	}
	url := mustClientURL(t, s, a)
	if !strings.HasPrefix(url, "https://127.0.0.1:") {
		t.Errorf("demo simulator at %q", url)
	}

	// The state survives a restart of the program.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "demo", "sim-state.json")); err != nil {
		t.Fatalf("state file: %v", err)
	}
	if _, err := s.Client(ctx, a.ID); err == nil {
		t.Error("a closed service still hands out demo clients")
	}
	s2 := New(st, keychainOf(mem), Options{DataDir: dir})
	defer s2.Close()
	if b, err := s2.EnsureDemo(ctx); err != nil || b.ID != a.ID {
		t.Fatalf("EnsureDemo after restart: %v (%d vs %d)", err, b.ID, a.ID)
	}
	cl2, err := s2.Client(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	back, err := cl2.Get(ctx, out.CodigoSolicitacao)
	if err != nil {
		t.Fatalf("the demo boleto did not survive the restart: %v", err)
	}
	if back.Cobranca.SeuNumero != "DEMO-1" || back.Boleto == nil || back.Boleto.LinhaDigitavel != issued.Boleto.LinhaDigitavel {
		t.Errorf("after restart: %+v", back)
	}

	// The demo is edited like any account, but keeps its bank side.
	up, err := s2.Update(ctx, a.ID, Input{Name: "Demonstração da loja", Environment: store.EnvProduction, Beneficiary: a.Beneficiary})
	if err != nil {
		t.Fatalf("update demo: %v %v", err, fields(err))
	}
	if up.Environment != store.EnvDemo || up.Name != "Demonstração da loja" || !up.DirectIntegration {
		t.Errorf("demo after update: %+v", up)
	}
	if res, _ := s2.Test(ctx, a.ID); !res.OK {
		t.Errorf("test after update: %+v", res)
	}
	if w := s2.ExpiryWarnings(ctx); len(w) != 0 {
		t.Errorf("warnings: %q", w)
	}
}

func TestDemoNameTaken(t *testing.T) {
	t.Parallel()
	s, _ := newService(t, keychainOf(newMem()), Options{})
	ctx := context.Background()
	if _, err := s.Create(ctx, Input{Name: DemoName, Environment: store.EnvSandbox, Beneficiary: validBeneficiary()}); err != nil {
		t.Fatal(err)
	}
	a, err := s.EnsureDemo(ctx)
	if err != nil || a.Name != DemoName+" 2" || a.Environment != store.EnvDemo {
		t.Errorf("demo beside a same-named account: %+v %v", a, err)
	}
}

// mustClientURL reads where the demo client points, through the same route
// the service builds.
func mustClientURL(t *testing.T, s *Service, a store.Account) string {
	t.Helper()
	creds, err := s.demoCredentials()
	if err != nil {
		t.Fatal(err)
	}
	u, err := baseURL(a, creds.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
