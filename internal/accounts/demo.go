package accounts

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/intersim"
	"boletos/internal/store"
)

// The demo account ("Conta de demonstração") is backed by a Banco Inter
// simulator running inside this process, so that the program can be tried
// with no bank account, no network and no keychain:
//
//   - its credentials (client id and secret, certificate and key, the CA of
//     the simulator's server) are the simulator's own, generated on first
//     use and kept in the simulator's state file, DataDir/demo/sim-state.json
//     (0600), beside the simulated charges, so demo boletos survive a
//     restart. Nothing of the demo goes to the keychain: a computer without
//     one still runs the demo. Those credentials open nothing but that local
//     simulator;
//   - the simulator starts on the first Client or Test of the demo account,
//     listens on 127.0.0.1 only, and stops with Close;
//   - a boleto stays EM_PROCESSAMENTO for Options.DemoProcessing (1.5 s) and
//     then becomes A_RECEBER, as at the bank;
//   - the demo account never talks to the bank, nor does any other account
//     talk to this simulator (checkRoute).

// DemoName is the name of the demo account.
const DemoName = "Conta de demonstração"

// demoBeneficiary is fictitious but valid, so that printing works.
var demoBeneficiary = boleto.Payer{
	Document: "11222333000181",
	Name:     "Empresa de Demonstração Ltda",
	Address:  "Avenida Paulista",
	Number:   "1000",
	District: "Bela Vista",
	City:     "São Paulo",
	UF:       "SP",
	CEP:      "01310100",
	Email:    "contato@exemplo.com.br",
}

// EnsureDemo returns the demo account, creating it the first time.
func (s *Service) EnsureDemo(ctx context.Context) (store.Account, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.store.ListAccounts(ctx)
	if err != nil {
		return store.Account{}, err
	}
	taken := map[string]bool{}
	for _, a := range list {
		if a.Environment == store.EnvDemo {
			return a, nil
		}
		taken[strings.ToLower(a.Name)] = true // names are unique ignoring case
	}
	s.demoMu.Lock()
	sim, err := s.demoSimLocked()
	s.demoMu.Unlock()
	if err != nil {
		return store.Account{}, err
	}
	creds := sim.Credentials()
	row := store.Account{
		Name:              DemoName,
		BankCode:          boleto.InterBank,
		Agency:            "0001",
		AccountNumber:     withCheckDigit(creds.ContaCorrente),
		CheckingAccount:   creds.ContaCorrente,
		Environment:       store.EnvDemo,
		DirectIntegration: true,
		ClientID:          creds.ClientID,
		Beneficiary:       demoBeneficiary,
		Defaults: boleto.Charges{
			Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100},
			Fine:       &boleto.Fine{Code: boleto.FinePercent, Rate: 200},
			AgendaDays: defaultAgendaDays,
			Messages:   [5]string{"Boleto de demonstração: simulação, sem valor de pagamento."},
		},
		DefaultDueDays: defaultDueDays,
	}
	for i := 2; taken[strings.ToLower(row.Name)]; i++ {
		row.Name = fmt.Sprintf("%s %d", DemoName, i)
	}
	if block, _ := pem.Decode(creds.ClientCertPEM); block != nil {
		if leaf, err := x509.ParseCertificate(block.Bytes); err == nil {
			sum := summarize(leaf, s.now())
			row.Certificate = store.Certificate{PEM: string(creds.ClientCertPEM), Subject: sum.Subject,
				Issuer: sum.Issuer, Serial: sum.Serial, NotAfter: sum.NotAfter}
		}
	}
	a, err := s.store.CreateAccount(ctx, row)
	if err != nil {
		return store.Account{}, err
	}
	s.log.Info("demo account created", "account", a.ID)
	return a, nil
}

// withCheckDigit writes 123456789 as 12345678-9.
func withCheckDigit(conta string) string {
	if len(conta) < 2 {
		return conta
	}
	return conta[:len(conta)-1] + "-" + conta[len(conta)-1:]
}

// demoSimLocked returns the demo simulator, loading or generating its state
// (without serving). Callers hold demoMu.
func (s *Service) demoSimLocked() (*intersim.Sim, error) {
	if s.closed {
		return nil, apperr.New(apperr.CodeCanceled, "O programa está sendo encerrado.")
	}
	if s.demo != nil {
		return s.demo, nil
	}
	cfg := intersim.Config{
		Profile: intersim.ProfileUnlimited,
		Faults:  intersim.Faults{Processing: s.opts.DemoProcessing},
		Logger:  s.log.With("component", "demo-simulator"),
	}
	if s.opts.DataDir != "" {
		dir := filepath.Join(s.opts.DataDir, "demo")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
				"Não foi possível criar a pasta %s do simulador da demonstração. Verifique as permissões da pasta de dados.", dir))
		}
		cfg.StateFile = filepath.Join(dir, "sim-state.json")
	}
	sim, err := intersim.New(cfg)
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"O estado do simulador da demonstração não pôde ser lido. Apague o arquivo %s para começar do zero (os boletos de demonstração se perdem).", cfg.StateFile))
	}
	s.demo = sim
	return sim, nil
}

// demoCredentials starts the demo simulator if needed and returns how to
// reach it.
func (s *Service) demoCredentials() (intersim.Credentials, error) {
	s.demoMu.Lock()
	defer s.demoMu.Unlock()
	sim, err := s.demoSimLocked()
	if err != nil {
		return intersim.Credentials{}, err
	}
	if !s.demoOn {
		if err := sim.Start("127.0.0.1:0"); err != nil {
			return intersim.Credentials{}, apperr.Wrap(apperr.CodeUnavailable, err,
				"Não foi possível iniciar o simulador da conta de demonstração neste computador. Feche e abra o programa de novo.")
		}
		s.demoOn = true
	}
	creds := sim.Credentials()
	if creds.BaseURL == "" {
		return intersim.Credentials{}, apperr.Wrap(apperr.CodeInternal, errors.New("demo simulator has no URL"),
			"O simulador da conta de demonstração não está no ar. Feche e abra o programa de novo.")
	}
	return creds, nil
}
