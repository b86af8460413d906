package accounts

import (
	"context"
	"crypto/x509"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/store"
)

func TestConnectionTestCauses(t *testing.T) {
	t.Parallel()
	keys := realKeychain(t)
	sim := startSim(t)
	s, _ := newService(t, keys, Options{})
	ctx := context.Background()

	otherCert, otherKey, err := intersim.OtherCAClientCert()
	if err != nil {
		t.Fatal(err)
	}
	otherCA := newCA(t, "Outra CA de servidor", time.Now())

	tests := []struct {
		name   string
		edit   func(*Input)
		want   string
		failAt string
	}{
		{"wrong secret", func(in *Input) { in.ClientSecret = "errado" }, "client id ou secret errados", "token de acesso"},
		{"wrong client id", func(in *Input) { in.ClientID = "00000000-0000-4000-8000-000000000000" }, "client id ou secret errados", "token de acesso"},
		{"certificate of another CA", func(in *Input) {
			in.Credentials = Credentials{Kind: CredentialsPEM, Cert: otherCert, Key: otherKey}
		}, "recusou o certificado", "token de acesso"},
		{"server of another CA", func(in *Input) { in.SimulatorCAPEM = string(certPEM(otherCA.cert)) }, "identidade do simulador", "token de acesso"},
		{"conta corrente not of the integration", func(in *Input) { in.ContaCorrente = "999999999" }, "", "consulta de cobranças"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := simInput(t, sim, "Falha "+itoa(int64(i)))
			tt.edit(&in)
			a, err := s.Create(ctx, in)
			if err != nil {
				t.Fatalf("create: %v %v", err, fields(err))
			}
			start := time.Now()
			res, err := s.Test(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK || !strings.Contains(res.Message, tt.want) {
				t.Errorf("result %+v; want a failure saying %q", res, tt.want)
			}
			if last := res.Steps[len(res.Steps)-1]; !strings.HasPrefix(last, "Falhou: "+tt.failAt) {
				t.Errorf("last step %q; want the failure at %q", last, tt.failAt)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the test took %s: it should not retry", d)
			}
		})
	}

	t.Run("simulator stopped", func(t *testing.T) {
		sim2 := startSim(t)
		a, err := s.Create(ctx, simInput(t, sim2, "Desligado"))
		if err != nil {
			t.Fatal(err)
		}
		if res, _ := s.Test(ctx, a.ID); !res.OK {
			t.Fatalf("before stopping: %+v", res)
		}
		sim2.Close()
		start := time.Now()
		res, err := s.Test(ctx, a.ID)
		if err != nil || res.OK || !strings.Contains(res.Message, "Não foi possível falar com o simulador em "+a.SimulatorURL) {
			t.Errorf("result %v %+v", err, res)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the test took %s", d)
		}
	})

	t.Run("unknown account", func(t *testing.T) {
		_, err := s.Test(ctx, 9999)
		if code, _ := apperr.Describe(err); code != apperr.CodeNotFound {
			t.Errorf("err %v", err)
		}
	})
}

func TestClientIsSharedAndSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	sim := startSim(t)
	s, _ := newService(t, keychainOf(newMem()), Options{})
	ctx := context.Background()
	a, err := s.Create(ctx, simInput(t, sim, "Concorrente"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	clients := make([]*inter.Client, 16)
	errs := make([]error, 16)
	for i := range clients {
		wg.Go(func() {
			c, err := s.Client(ctx, a.ID)
			if err == nil {
				_, err = c.List(ctx, inter.ListParams{DataInicial: boleto.Today(time.Now()), DataFinal: boleto.Today(time.Now()), ItensPorPagina: 1})
			}
			clients[i], errs[i] = c, err
		})
	}
	wg.Wait()
	for i := range clients {
		if errs[i] != nil {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
		if clients[i] != clients[0] {
			t.Fatal("concurrent callers got different clients")
		}
	}
	if n := clients[0].TokenRequests(); n != 1 {
		t.Errorf("token requests = %d, want 1 shared token", n)
	}
}

func TestRoutesNeverCross(t *testing.T) {
	t.Parallel()
	pool := x509.NewCertPool()
	tests := []struct {
		env  store.Environment
		cfg  inter.Config
		good bool
	}{
		{store.EnvProduction, inter.Config{BaseURL: inter.Production}, true},
		{store.EnvProduction, inter.Config{BaseURL: inter.Sandbox}, false},
		{store.EnvProduction, inter.Config{BaseURL: "https://127.0.0.1:8443"}, false},
		{store.EnvProduction, inter.Config{BaseURL: inter.Production, RootCAs: pool}, false},
		{store.EnvSandbox, inter.Config{BaseURL: inter.Sandbox}, true},
		{store.EnvSandbox, inter.Config{BaseURL: "https://127.0.0.1:8443", RootCAs: pool}, false},
		{store.EnvSimulator, inter.Config{BaseURL: "https://127.0.0.1:8443", RootCAs: pool}, true},
		{store.EnvSimulator, inter.Config{BaseURL: "https://sim.empresa.local:8443", RootCAs: pool}, true},
		{store.EnvSimulator, inter.Config{BaseURL: inter.Production, RootCAs: pool}, false},
		{store.EnvSimulator, inter.Config{BaseURL: "https://cdpj-sandbox.partners.uatinter.co:443", RootCAs: pool}, false},
		{store.EnvSimulator, inter.Config{BaseURL: "https://127.0.0.1:8443"}, false},
		{store.EnvDemo, inter.Config{BaseURL: "https://127.0.0.1:41000", RootCAs: pool}, true},
		{store.EnvDemo, inter.Config{BaseURL: "https://sim.empresa.local:8443", RootCAs: pool}, false},
		{store.EnvDemo, inter.Config{BaseURL: inter.Sandbox, RootCAs: pool}, false},
		{"outro", inter.Config{BaseURL: inter.Production}, false},
	}
	for _, tt := range tests {
		err := checkRoute(tt.env, tt.cfg)
		if (err == nil) != tt.good {
			t.Errorf("checkRoute(%s, %s, roots %v) = %v", tt.env, tt.cfg.BaseURL, tt.cfg.RootCAs != nil, err)
		}
	}
	// A row that says production but carries a simulator URL still goes to
	// the bank, and a simulator row never does.
	if u, err := baseURL(store.Account{Environment: store.EnvProduction, SimulatorURL: "https://127.0.0.1:1"}, ""); err != nil || u != inter.Production {
		t.Errorf("production base = %q %v", u, err)
	}
	if _, err := baseURL(store.Account{Environment: store.EnvSimulator, SimulatorURL: inter.Production}, ""); err == nil {
		t.Error("a simulator row pointing at the bank was accepted")
	}
}

// TestProductionAccountReachesOnlyTheBank builds the client of a production
// and a sandbox account (no request is sent) and checks where it points.
func TestProductionAccountReachesOnlyTheBank(t *testing.T) {
	t.Parallel()
	testKeys(t)
	now := time.Now()
	s, _ := newService(t, keychainOf(newMem()), Options{})
	ctx := context.Background()
	ca := newCA(t, "CA", now)
	cert := ca.issue(t, "empresa", &rsa2048.PublicKey, now.Add(-time.Hour), now.Add(300*24*time.Hour))
	for _, env := range []store.Environment{store.EnvProduction, store.EnvSandbox} {
		a, err := s.Create(ctx, Input{Name: string(env), Environment: env, DirectIntegration: true, ClientID: "id", ClientSecret: "segredo",
			Beneficiary: validBeneficiary(), Credentials: Credentials{Kind: CredentialsPEM, Cert: certPEM(cert), Key: pkcs1PEM(rsa2048)}})
		if err != nil {
			t.Fatalf("%s: %v %v", env, err, fields(err))
		}
		if a.SimulatorURL != "" || a.SimulatorCAPEM != "" {
			t.Errorf("%s row keeps a simulator route: %+v", env, a)
		}
		want := inter.Production
		if env == store.EnvSandbox {
			want = inter.Sandbox
		}
		if got, err := baseURL(a, ""); err != nil || got != want {
			t.Errorf("%s: base %q %v", env, got, err)
		}
		if _, err := s.Client(ctx, a.ID); err != nil {
			t.Errorf("%s client: %v", env, err)
		}
	}
}
