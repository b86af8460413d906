package inter_test

// Contract tests: the client against the simulator (internal/intersim) over
// real mTLS, end to end.

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
)

// validCPF passes the simulator's check digits.
const validCPF = "52998224725"

func startSim(t testing.TB, cfg intersim.Config) (*intersim.Sim, intersim.Credentials) {
	t.Helper()
	sim, err := intersim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	return sim, sim.Credentials()
}

// simConfig is the client configuration for the simulator's credentials.
func simConfig(t testing.TB, cr intersim.Credentials) inter.Config {
	t.Helper()
	cert, err := inter.LoadKeyPair(cr.ClientCertPEM, cr.ClientKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(cr.CACertPEM) {
		t.Fatal("bad CA PEM")
	}
	return inter.Config{
		BaseURL:          cr.BaseURL,
		ClientID:         cr.ClientID,
		ClientSecret:     cr.ClientSecret,
		Certificate:      cert,
		RootCAs:          roots,
		ContaCorrente:    cr.ContaCorrente,
		Profile:          inter.ProfileUnlimited,
		Timeout:          10 * time.Second,
		RateLimitBackoff: 200 * time.Millisecond,
		RetryBackoff:     10 * time.Millisecond,
	}
}

func newSimClient(t testing.TB, cfg inter.Config) *inter.Client {
	t.Helper()
	c, err := inter.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

var seuNumeroSeq atomic.Int64

func emission(seuNumero string, valor boleto.Cents, due boleto.Date) inter.EmitRequest {
	return inter.EmitRequest{
		SeuNumero:      seuNumero,
		ValorNominal:   valor,
		DataVencimento: due,
		NumDiasAgenda:  30,
		Pagador: inter.Pagador{
			CpfCnpj: validCPF, TipoPessoa: inter.PessoaFisica, Nome: "Maria Contrato",
			Endereco: "Rua das Flores", Numero: "10", Bairro: "Centro", Cidade: "Belo Horizonte", UF: "MG", CEP: "30110000",
			Email: "maria@example.com",
		},
		Multa: &inter.Multa{Codigo: inter.MultaPercentual, Taxa: 200},
		Mora:  &inter.Mora{Codigo: inter.MoraTaxaMensal, Taxa: 100},
	}
}

func nextSeuNumero(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, seuNumeroSeq.Add(1))
}

func today() boleto.Date { return boleto.Today(time.Now()) }

// waitFor polls Get until the charge reaches want (or the deadline).
func waitFor(t *testing.T, c *inter.Client, codigo string, want inter.Situacao) inter.Cobranca {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := c.Get(context.Background(), codigo)
		if err != nil {
			t.Fatal(err)
		}
		if got.Cobranca.Situacao == want {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("charge %s still %s, want %s", codigo, got.Cobranca.Situacao, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestContractLifecycle(t *testing.T) {
	t.Parallel()
	_, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited, Faults: intersim.Faults{Processing: 300 * time.Millisecond}})
	c := newSimClient(t, simConfig(t, cr))
	ctx := context.Background()
	due := today().AddDays(10)
	seu := nextSeuNumero("LC")

	// Emit, then EM_PROCESSAMENTO without boleto nor pix.
	res, err := c.Emit(ctx, emission(seu, 123456, due))
	if err != nil {
		t.Fatal(err)
	}
	if res.CodigoSolicitacao == "" {
		t.Fatal("no codigoSolicitacao")
	}
	first, err := c.Get(ctx, res.CodigoSolicitacao)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cobranca.Situacao != inter.SituacaoEmProcessamento || first.HasBoleto() || first.HasPix() {
		t.Errorf("right after emission: %s boleto=%v pix=%v", first.Cobranca.Situacao, first.Boleto, first.Pix)
	}
	if _, err := c.PDF(ctx, res.CodigoSolicitacao); err == nil {
		t.Error("PDF of a charge still in processing")
	}

	// A_RECEBER with boleto and pix, exact money and a valid linha.
	ready := waitFor(t, c, res.CodigoSolicitacao, inter.SituacaoAReceber)
	cb := ready.Cobranca
	if cb.ValorNominal != 123456 || cb.SeuNumero != seu || cb.DataVencimento != due || cb.Pagador.Nome != "Maria Contrato" {
		t.Errorf("detail %+v", cb)
	}
	if cb.Multa == nil || cb.Multa.Taxa != 200 || cb.Mora == nil || cb.Mora.Codigo != inter.MoraTaxaMensal {
		t.Errorf("multa/mora %+v %+v", cb.Multa, cb.Mora)
	}
	if !ready.HasBoleto() || !ready.HasPix() || len(ready.Boleto.NossoNumero) != 11 {
		t.Fatalf("boleto %+v pix %+v", ready.Boleto, ready.Pix)
	}
	dec, err := boleto.Decode(ready.Boleto.LinhaDigitavel, today())
	if err != nil {
		t.Fatalf("linha digitável: %v", err)
	}
	if dec.Barcode != ready.Boleto.CodigoBarras || dec.Amount != 123456 || dec.DueDate != due || dec.Bank != "077" {
		t.Errorf("decoded %+v", dec)
	}

	pdf, err := c.PDF(ctx, res.CodigoSolicitacao)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("pdf starts with %q", pdf[:min(8, len(pdf))])
	}

	// List (valorNominal is a string there), ListAll, Summary.
	window := inter.ListParams{DataInicial: today(), DataFinal: today().AddDays(30)}
	byNumber := window
	byNumber.SeuNumero = seu
	page, err := c.List(ctx, byNumber)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Cobrancas) != 1 || page.Cobrancas[0].Cobranca.ValorNominal != 123456 || page.Cobrancas[0].Cobranca.CodigoSolicitacao != res.CodigoSolicitacao {
		t.Fatalf("list by seuNumero: %+v", page)
	}
	second, err := c.Emit(ctx, emission(nextSeuNumero("LC"), 250, due))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, c, second.CodigoSolicitacao, inter.SituacaoAReceber)
	var all []string
	paged := window
	paged.ItensPorPagina = 1
	if err := c.ListAll(ctx, paged, func(x inter.Cobranca) error {
		all = append(all, x.Cobranca.CodigoSolicitacao)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Errorf("ListAll one per page found %d charges", len(all))
	}
	sum, err := c.Summary(ctx, inter.SummaryParams{DataInicial: window.DataInicial, DataFinal: window.DataFinal})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range sum {
		if s.Situacao == inter.SituacaoAReceber {
			found = true
			if s.Quantidade != 2 || s.Valor != 123456+250 {
				t.Errorf("summary A_RECEBER = %+v", s)
			}
		}
	}
	if !found {
		t.Errorf("summary without A_RECEBER: %+v", sum)
	}

	// Edit the amount, follow the edit, see the new amount.
	ed, err := c.Edit(ctx, second.CodigoSolicitacao, inter.EditRequest{ValorNominal: 990})
	if err != nil {
		t.Fatal(err)
	}
	if ed.CodigoEdicao == "" || ed.Status != inter.EdicaoProcessando {
		t.Fatalf("edit %+v", ed)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := c.EditStatus(ctx, ed.CodigoEdicao)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status == inter.EdicaoSucesso {
			break
		}
		if st.Status == inter.EdicaoFalha || time.Now().After(deadline) {
			t.Fatalf("edit status %+v", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got, err := c.Get(ctx, second.CodigoSolicitacao); err != nil || got.Cobranca.ValorNominal != 990 {
		t.Errorf("after edit: %+v, %v", got.Cobranca, err)
	}

	// Pay the first in the sandbox: RECEBIDO by Pix.
	if err := c.SandboxPay(ctx, res.CodigoSolicitacao, inter.PayRequest{PagarCom: inter.FormaPix}); err != nil {
		t.Fatal(err)
	}
	paid := waitFor(t, c, res.CodigoSolicitacao, inter.SituacaoRecebido)
	if paid.Cobranca.ValorTotalRecebido != 123456 || paid.Cobranca.OrigemRecebimento != inter.OrigemRecebimentoPix {
		t.Errorf("paid %+v", paid.Cobranca)
	}

	// Cancel the second.
	if err := c.Cancel(ctx, second.CodigoSolicitacao, "Cliente desistiu"); err != nil {
		t.Fatal(err)
	}
	cancelled := waitFor(t, c, second.CodigoSolicitacao, inter.SituacaoCancelado)
	if cancelled.Cobranca.MotivoCancelamento != "Cliente desistiu" {
		t.Errorf("motivo %q", cancelled.Cobranca.MotivoCancelamento)
	}
	if err := c.Cancel(ctx, second.CodigoSolicitacao, "de novo"); err == nil {
		t.Error("cancelled twice")
	} else if e := new(inter.Error); !errors.As(err, &e) || e.Status != 400 || len(e.Violations) == 0 {
		t.Errorf("second cancel: %v", err)
	}

	// Unknown charge.
	if _, err := c.Get(ctx, "00000000-0000-4000-8000-000000000000"); !inter.IsNotFound(err) {
		t.Errorf("unknown charge: %v", err)
	}
}

func TestContractWebhookAndCallbacks(t *testing.T) {
	t.Parallel()
	_, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	c := newSimClient(t, simConfig(t, cr))
	ctx := context.Background()
	if _, err := c.GetWebhook(ctx); !inter.IsNotFound(err) {
		t.Fatalf("no webhook yet: %v", err)
	}
	hook := "https://127.0.0.1:9/inter/callback"
	if err := c.SetWebhook(ctx, hook); err != nil {
		t.Fatal(err)
	}
	wh, err := c.GetWebhook(ctx)
	if err != nil || wh.WebhookURL != hook || wh.Criacao.IsZero() {
		t.Fatalf("webhook %+v, %v", wh, err)
	}
	start := time.Now().Add(-time.Minute)
	res, err := c.Emit(ctx, emission(nextSeuNumero("WH"), 500, today().AddDays(5)))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, c, res.CodigoSolicitacao, inter.SituacaoAReceber)
	var page inter.CallbackPage
	deadline := time.Now().Add(10 * time.Second)
	for {
		page, err = c.Callbacks(ctx, inter.CallbackParams{DataHoraInicio: start, DataHoraFim: time.Now().Add(time.Minute), CodigoSolicitacao: res.CodigoSolicitacao})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Data) > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(page.Data) == 0 {
		t.Fatal("no callback attempt recorded")
	}
	a := page.Data[0]
	if a.Sucesso || len(a.Payload) != 1 || a.Payload[0].CodigoSolicitacao != res.CodigoSolicitacao || a.NumeroTentativa < 1 {
		t.Errorf("attempt %+v", a)
	}
	found, err := c.RetryCallbacks(ctx, []string{res.CodigoSolicitacao, "00000000-0000-4000-8000-000000000000"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0] != res.CodigoSolicitacao {
		t.Errorf("foundIds %v", found)
	}
	if err := c.DeleteWebhook(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetWebhook(ctx); !inter.IsNotFound(err) {
		t.Errorf("after delete: %v", err)
	}
	if err := c.DeleteWebhook(ctx); !inter.IsNotFound(err) {
		t.Errorf("second delete: %v", err)
	}
}

func TestContractRefusals(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	ctx := context.Background()

	t.Run("no certificate", func(t *testing.T) {
		cfg := simConfig(t, cr)
		cfg.Certificate.Certificate = nil
		_, err := inter.NewClient(cfg)
		if !errors.Is(err, inter.ErrNoCertificate) || !strings.Contains(inter.UserMessage(err), "importe o .crt e o .key") {
			t.Fatalf("err = %v / %q", err, inter.UserMessage(err))
		}
	})
	t.Run("other CA", func(t *testing.T) {
		certPEM, keyPEM, err := intersim.OtherCAClientCert()
		if err != nil {
			t.Fatal(err)
		}
		cfg := simConfig(t, cr)
		if cfg.Certificate, err = inter.LoadKeyPair(certPEM, keyPEM); err != nil {
			t.Fatal(err)
		}
		c := newSimClient(t, cfg)
		_, err = c.Emit(ctx, emission(nextSeuNumero("CA"), 300, today().AddDays(3)))
		if inter.AuthHint(err) != inter.HintCertificate || inter.IsPossiblySent(err) || inter.IsRetryable(err) {
			t.Fatalf("err = %v, hint %q", err, inter.AuthHint(err))
		}
		if !strings.Contains(inter.UserMessage(err), "recusou o certificado") {
			t.Errorf("message %q", inter.UserMessage(err))
		}
	})
	t.Run("expired certificate", func(t *testing.T) {
		notAfter := time.Now().Add(-48 * time.Hour)
		certPEM, keyPEM, err := sim.IssueClientCert(notAfter.AddDate(-1, 0, 0), notAfter)
		if err != nil {
			t.Fatal(err)
		}
		cert, err := inter.LoadKeyPair(certPEM, keyPEM)
		if err != nil {
			t.Fatal(err)
		}
		cfg := simConfig(t, cr)
		cfg.Certificate = cert
		_, err = inter.NewClient(cfg)
		want := "O certificado venceu em " + notAfter.In(boleto.SaoPaulo).Format("02/01/2006") + ": gere um novo no Internet Banking do Inter."
		if !errors.Is(err, inter.ErrCertExpired) || inter.UserMessage(err) != want {
			t.Fatalf("NewClient: %v", err)
		}
		// With a clock that lies, the client lets it through; the bank
		// refuses it in the handshake.
		cfg.Now = func() time.Time { return notAfter.Add(-time.Hour) }
		c := newSimClient(t, cfg)
		err = c.Authenticate(ctx)
		if inter.AuthHint(err) != inter.HintCertificate {
			t.Fatalf("bank's refusal: %v (hint %q)", err, inter.AuthHint(err))
		}
	})
	t.Run("untrusted server", func(t *testing.T) {
		cfg := simConfig(t, cr)
		cfg.RootCAs = nil
		err := newSimClient(t, cfg).Authenticate(ctx)
		if inter.AuthHint(err) != inter.HintServerCert {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		cfg := simConfig(t, cr)
		cfg.ClientSecret = "errado"
		_, err := newSimClient(t, cfg).List(ctx, inter.ListParams{DataInicial: today(), DataFinal: today()})
		var e *inter.Error
		if !errors.As(err, &e) || e.Status != 401 || e.Code != "invalid_client" || inter.AuthHint(err) != inter.HintCredentials {
			t.Fatalf("err = %v", err)
		}
		if strings.Contains(err.Error(), "errado") || strings.Contains(inter.UserMessage(err), "errado") && !strings.Contains(inter.UserMessage(err), "errados") {
			t.Errorf("the secret leaked: %v", err)
		}
	})
	t.Run("wrong conta corrente", func(t *testing.T) {
		cfg := simConfig(t, cr)
		cfg.ContaCorrente = "1" + cr.ContaCorrente
		_, err := newSimClient(t, cfg).List(ctx, inter.ListParams{DataInicial: today(), DataFinal: today()})
		if !inter.IsAuth(err) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("validation", func(t *testing.T) {
		c := newSimClient(t, simConfig(t, cr))
		req := emission(nextSeuNumero("V"), 100, today().AddDays(3)) // below R$ 2,50
		_, err := c.Emit(ctx, req)
		var e *inter.Error
		if !errors.As(err, &e) || e.Status != 400 || len(e.Violations) == 0 || inter.IsPossiblySent(err) {
			t.Fatalf("err = %v", err)
		}
		if !strings.Contains(inter.UserMessage(err), "valorNominal") {
			t.Errorf("message %q", inter.UserMessage(err))
		}
	})
}

// TestContractTokenOnce: 8 goroutines × 1,000 calls, one token request.
func TestContractTokenOnce(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	c := newSimClient(t, simConfig(t, cr))
	ctx := context.Background()
	res, err := c.Emit(ctx, emission(nextSeuNumero("TK"), 300, today().AddDays(3)))
	if err != nil {
		t.Fatal(err)
	}
	c2 := newSimClient(t, simConfig(t, cr)) // a fresh client: its token is fetched under contention
	before := sim.Stats().TokenRequests
	const workers, calls = 8, 1000
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				if _, err := c2.Get(ctx, res.CodigoSolicitacao); err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	st := sim.Stats()
	if failed.Load() != 0 {
		t.Fatalf("%d calls failed", failed.Load())
	}
	if n := st.TokenRequests - before; n != 1 {
		t.Errorf("token requests = %d, want exactly 1", n)
	}
	if n := st.Requests["GET /cobranca/v3/cobrancas/{codigoSolicitacao}"]; n != workers*calls {
		t.Errorf("%d detail requests, want %d", n, workers*calls)
	}
}

// TestContractProductionBurst: a burst of more calls than the production
// limit, against the simulator's production profile, gets no 429: the
// client's limiter spreads it. The simulator's clock runs 20× faster, so its
// one-minute windows last 3 s, and the client's limiters are rescaled alike.
func TestContractProductionBurst(t *testing.T) {
	t.Parallel()
	const speed = 20
	start := time.Now()
	fast := func() time.Time { return start.Add(time.Since(start) * speed) }
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileProduction, Now: fast})
	cfg := simConfig(t, cr)
	cfg.Profile = inter.ProfileProduction
	c := newSimClient(t, cfg)
	inter.SetRateWindow(c, time.Minute/speed)
	ctx := context.Background()
	res, err := c.Emit(ctx, emission(nextSeuNumero("PB"), 300, today().AddDays(20)))
	if err != nil {
		t.Fatal(err)
	}
	const workers, perWorker = 10, 15 // 150 detail calls, limit 120 a (simulated) minute
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				if _, err := c.Get(ctx, res.CodigoSolicitacao); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() { // another endpoint at the same time, with its own budget
		defer wg.Done()
		for range 30 {
			if _, err := c.List(ctx, inter.ListParams{DataInicial: today(), DataFinal: today().AddDays(30)}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
	st := sim.Stats()
	if st.RateLimited != 0 {
		t.Errorf("%d answers were 429", st.RateLimited)
	}
	if n := st.Requests["GET /cobranca/v3/cobrancas/{codigoSolicitacao}"]; n != workers*perWorker {
		t.Errorf("%d detail requests, want %d (no retries)", n, workers*perWorker)
	}
	if el := time.Since(start); el < 2*time.Second {
		t.Errorf("150 calls in %v: the limiter did not pace them", el)
	}
}

// TestContractForced429: a 429 is waited out and the read retried.
func TestContractForced429(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	cfg := simConfig(t, cr)
	cfg.RateLimitBackoff = 400 * time.Millisecond
	c := newSimClient(t, cfg)
	ctx := context.Background()
	res, err := c.Emit(ctx, emission(nextSeuNumero("RL"), 300, today().AddDays(3)))
	if err != nil {
		t.Fatal(err)
	}
	sim.SetFaults(intersim.Faults{RateLimit: 1})
	done := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, res.CodigoSolicitacao)
		done <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for sim.Stats().RateLimited == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no 429 was served")
		}
		time.Sleep(5 * time.Millisecond)
	}
	sim.SetFaults(intersim.Faults{}) // the bank recovers during the client's wait
	if err := <-done; err != nil {
		t.Fatalf("Get after a 429: %v", err)
	}
	st := sim.Stats()
	if st.RateLimited != 1 || st.Requests["GET /cobranca/v3/cobrancas/{codigoSolicitacao}"] != 2 {
		t.Errorf("stats %+v", st)
	}
}

// TestContractDropAfterStore: the bank stores the emission and the
// connection drops before the answer. The client reports a possibly-sent
// emission, never re-sends it, and the charge is found by seuNumero.
func TestContractDropAfterStore(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	c := newSimClient(t, simConfig(t, cr))
	ctx := context.Background()
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	seu := nextSeuNumero("DR")
	due := today().AddDays(7)
	sim.SetFaults(intersim.Faults{Drop: 1})
	_, err := c.Emit(ctx, emission(seu, 777, due))
	sim.SetFaults(intersim.Faults{})
	if !inter.IsPossiblySent(err) || !errors.Is(err, inter.ErrPossiblySent) {
		t.Fatalf("err = %v, want possibly sent", err)
	}
	if !strings.Contains(inter.UserMessage(err), "conferido no banco") {
		t.Errorf("message %q", inter.UserMessage(err))
	}
	if n := sim.Stats().Requests["POST /cobranca/v3/cobrancas"]; n != 1 {
		t.Errorf("emission sent %d times, want 1", n)
	}
	page, err := c.List(ctx, inter.ListParams{DataInicial: due, DataFinal: due, SeuNumero: seu})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Cobrancas) != 1 || page.Cobrancas[0].Cobranca.ValorNominal != 777 {
		t.Fatalf("reconciliation by seuNumero found %+v", page.Cobrancas)
	}
}

// TestContractTimeoutOnEmission: the bank never answers; the client gives
// up after its timeout and reports a possibly-sent emission.
func TestContractTimeoutOnEmission(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	cfg := simConfig(t, cr)
	cfg.Timeout = 300 * time.Millisecond
	c := newSimClient(t, cfg)
	ctx := context.Background()
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	sim.SetFaults(intersim.Faults{Timeout: 1})
	_, err := c.Emit(ctx, emission(nextSeuNumero("TO"), 300, today().AddDays(3)))
	sim.SetFaults(intersim.Faults{})
	if !inter.IsPossiblySent(err) {
		t.Fatalf("err = %v", err)
	}
	// Reads retry transient failures: a 5xx burst is absorbed.
	res, err := c.Emit(ctx, emission(nextSeuNumero("TO"), 300, today().AddDays(3)))
	if err != nil {
		t.Fatal(err)
	}
	sim.SetFaults(intersim.Faults{Error: 0.5, Seed: 7})
	for range 10 {
		if _, err := c.Get(ctx, res.CodigoSolicitacao); err != nil {
			t.Fatalf("Get with 50%% 5xx: %v", err)
		}
	}
}

// TestContractRevokedToken: tokens revoked at the bank are renewed once.
func TestContractRevokedToken(t *testing.T) {
	t.Parallel()
	sim, cr := startSim(t, intersim.Config{Profile: intersim.ProfileUnlimited})
	c := newSimClient(t, simConfig(t, cr))
	ctx := context.Background()
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	sim.RevokeTokens()
	if _, err := c.List(ctx, inter.ListParams{DataInicial: today(), DataFinal: today()}); err != nil {
		t.Fatal(err)
	}
	if n := sim.Stats().TokenRequests; n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
}
