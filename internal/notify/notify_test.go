package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// clock is a settable clock for the store, the accounts and the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// batches records what the service delivers.
type batches struct {
	mu  sync.Mutex
	got []Batch
	ch  chan Batch
}

func newBatches() *batches { return &batches{ch: make(chan Batch, 100)} }

func (b *batches) deliver(x Batch) {
	b.mu.Lock()
	b.got = append(b.got, x)
	b.mu.Unlock()
	b.ch <- x
}

// next waits for the next batch.
func (b *batches) next(t *testing.T) Batch {
	t.Helper()
	select {
	case x := <-b.ch:
		return x
	case <-time.After(20 * time.Second):
		t.Fatal("no batch delivered within 20 s")
		return Batch{}
	}
}

// none fails when a batch arrives within d.
func (b *batches) none(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case x := <-b.ch:
		t.Fatalf("unexpected batch: %+v", x)
	case <-time.After(d):
	}
}

type env struct {
	st    *store.Store
	svc   *Service
	clock *clock
	out   *batches
	acc   store.Account
}

func newEnv(t *testing.T, cfg Config) env {
	t.Helper()
	e := newStoppedEnv(t, cfg)
	e.svc.Start(context.Background())
	t.Cleanup(e.svc.Stop)
	return e
}

// newStoppedEnv is newEnv without Start: the test calls the loop's steps.
func newStoppedEnv(t *testing.T, cfg Config) env {
	t.Helper()
	c := &clock{t: time.Date(2026, time.March, 10, 14, 0, 0, 0, boleto.SaoPaulo)}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc, err := st.CreateAccount(context.Background(), store.Account{Name: "Loja Centro", Environment: store.EnvSandbox})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Now = st, c.Now
	if cfg.Debounce == 0 {
		cfg.Debounce = 100 * time.Millisecond
	}
	svc, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := newBatches()
	svc.SetDeliver(out.deliver)
	return env{st: st, svc: svc, clock: c, out: out, acc: acc}
}

// boletoIn makes a boleto of the account and moves it to state (paid: by
// Pix, the amount plus R$ 1,00 of interest).
func (e env) boletoIn(t *testing.T, payer string, amount boleto.Cents, state store.State) store.Boleto {
	t.Helper()
	ctx := context.Background()
	b, err := e.st.CreateDraft(ctx, store.DraftInput{AccountID: e.acc.ID, Draft: boleto.Draft{
		Amount: amount, DueDate: boleto.Date{Year: 2026, Month: time.April, Day: 15},
		Payer: boleto.Payer{Name: payer, Document: "52998224725"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, err = e.st.Transition(ctx, b.ID, []store.State{store.StateDraft}, state, store.Event{Kind: store.EventStatus},
		func(x *store.Boleto) error {
			switch state {
			case store.StatePaid:
				x.PaidAmount, x.PaidChannel = amount+100, store.PaidByPix
				x.PaidDate = boleto.Date{Year: 2026, Month: time.March, Day: 10}
			case store.StateFailed:
				x.FailureReason = "O CEP do pagador não existe."
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (e env) list(t *testing.T) []store.Notification {
	t.Helper()
	l, err := e.svc.List(context.Background(), store.NotificationQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestPaidBoletoIsNotifiedOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	b := e.boletoIn(t, "Maria da Conceição Souza", 123456, store.StatePaid)

	// The outbox and the retorno poller may both see the payment.
	e.svc.BoletoChanged(b.ID, store.StateIssued, store.StatePaid)
	e.svc.BoletoChanged(b.ID, store.StateOverdue, store.StatePaid)
	// Changes that are no news.
	e.svc.BoletoChanged(b.ID, store.StatePaid, store.StatePaid)
	e.svc.BoletoChanged(b.ID, store.StateQueued, store.StateProcessing)

	got := e.out.next(t)
	want := "Maria da Conceição Souza pagou R$ 1.235,56 por Pix — boleto " + b.SeuNumero + ", vencimento 15/04/2026."
	if len(got.Items) != 1 || got.Title != "Boleto pago" || got.Body != want || got.Route != fmt.Sprintf("/boletos/%d", b.ID) {
		t.Fatalf("batch = %+v\nwant body %q", got, want)
	}
	e.out.none(t, 300*time.Millisecond)

	l := e.list(t)
	if len(l) != 1 || l[0].Kind != store.NotificationPaid || l[0].BoletoID != b.ID || l[0].AccountID != e.acc.ID || !l[0].Unread() {
		t.Fatalf("stored = %+v", l)
	}
	if n, err := e.svc.UnreadCount(context.Background()); err != nil || n != 1 {
		t.Errorf("unread = %d, %v", n, err)
	}

	// Seen again later (the next cycle, another session): still one row, no delivery.
	e.svc.BoletoChanged(b.ID, store.StateIssued, store.StatePaid)
	e.out.none(t, 300*time.Millisecond)
	if l := e.list(t); len(l) != 1 {
		t.Errorf("after the same event again: %d rows", len(l))
	}
}

func TestAnnouncedStateNoLongerTrueIsNotNotified(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	b := e.boletoIn(t, "João", 1000, store.StateIssued)
	e.svc.BoletoChanged(b.ID, store.StateIssued, store.StatePaid) // stale: the boleto is not paid
	e.out.none(t, 400*time.Millisecond)
	if l := e.list(t); len(l) != 0 {
		t.Errorf("stored %+v", l)
	}
}

func TestFailedIssueIsNotifiedPerFailure(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	b := e.boletoIn(t, "Padaria Pão Quente", 5000, store.StateFailed)
	e.svc.BoletoChanged(b.ID, store.StateSending, store.StateFailed)
	got := e.out.next(t)
	want := "O boleto " + b.SeuNumero + " de Padaria Pão Quente (R$ 50,00) não foi emitido: O CEP do pagador não existe."
	if got.Title != "Falha na emissão" || got.Body != want {
		t.Fatalf("batch = %+v\nwant body %q", got, want)
	}
	e.svc.BoletoChanged(b.ID, store.StateSending, store.StateFailed) // the same failure, told twice
	e.out.none(t, 300*time.Millisecond)

	// Corrected, sent again, refused again: a new failure, a new notification.
	ctx := context.Background()
	b, err := e.st.Transition(ctx, b.ID, []store.State{store.StateFailed}, store.StateQueued, store.Event{Kind: store.EventQueued}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.Transition(ctx, b.ID, []store.State{store.StateQueued}, store.StateFailed, store.Event{Kind: store.EventError}, nil); err != nil {
		t.Fatal(err)
	}
	e.svc.BoletoChanged(b.ID, store.StateQueued, store.StateFailed)
	if got := e.out.next(t); len(got.Items) != 1 || got.Items[0].Kind != store.NotificationIssueFailed {
		t.Fatalf("second failure: %+v", got)
	}
	if l := e.list(t); len(l) != 2 {
		t.Errorf("rows = %d, want 2", len(l))
	}
}

func TestBurstOfPaymentsMakesOneDelivery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{Debounce: 300 * time.Millisecond})
	var ids []int64
	var total boleto.Cents
	for i := range 200 {
		amount := boleto.Cents(1000 + i)
		b := e.boletoIn(t, fmt.Sprintf("Cliente %03d", i), amount, store.StatePaid)
		ids = append(ids, b.ID)
		total += amount + 100
	}
	// A retorno cycle announces them one after the other.
	for _, id := range ids {
		e.svc.BoletoChanged(id, store.StateIssued, store.StatePaid)
	}
	got := e.out.next(t)
	e.out.none(t, time.Second)
	if len(got.Items) != 200 {
		t.Fatalf("one batch of %d items, want 200", len(got.Items))
	}
	if want := "200 boletos pagos — " + total.BRL(); got.Title != want {
		t.Errorf("title %q, want %q", got.Title, want)
	}
	if got.Body != "Pagos por Cliente 000, Cliente 001, Cliente 002 e mais 197." || got.Route != "/boletos?situacao=paid&ordem=paid" {
		t.Errorf("body %q route %q", got.Body, got.Route)
	}
	if l := e.list(t); len(l) != 200 {
		t.Errorf("rows = %d, want one per boleto", len(l))
	}
}

func TestBatchDeliveredWithinMaxWaitWhileEventsKeepComing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{Debounce: 400 * time.Millisecond, MaxWait: 600 * time.Millisecond})
	start := time.Now()
	stop := time.After(1500 * time.Millisecond)
	i := 0
loop:
	for {
		select {
		case <-stop:
			break loop
		case <-time.After(100 * time.Millisecond):
			b := e.boletoIn(t, fmt.Sprintf("Cliente %d", i), 1000, store.StatePaid)
			e.svc.BoletoChanged(b.ID, store.StateIssued, store.StatePaid)
			i++
		}
	}
	first := e.out.next(t)
	if elapsed := time.Since(start); len(first.Items) == i {
		t.Errorf("all %d payments in one batch after %s: the wait is not bounded", i, elapsed)
	}
}

func TestMixedBatchSummary(t *testing.T) {
	t.Parallel()
	got := summarize([]entry{
		paidEntry(store.Boleto{ID: 1, Draft: boleto.Draft{SeuNumero: "B1", Amount: 10000, Payer: boleto.Payer{Name: "Ana"}}, PaidAmount: 10000, PaidChannel: store.PaidByBoleto}),
		failedEntry(store.Boleto{ID: 2, Draft: boleto.Draft{SeuNumero: "B2", Amount: 500}}),
		failedEntry(store.Boleto{ID: 3, Draft: boleto.Draft{SeuNumero: "B3", Amount: 500}, Version: 2}),
	})
	if got.Title != "3 novas notificações" || got.Body != "1 boleto pago (R$ 100,00) e 2 falhas na emissão." || got.Route != "" {
		t.Errorf("mixed = %q / %q / %q", got.Title, got.Body, got.Route)
	}
	if got := summarize([]entry{failedEntry(store.Boleto{ID: 2}), failedEntry(store.Boleto{ID: 3})}); got.Title != "2 boletos com falha na emissão" {
		t.Errorf("failures = %q", got.Title)
	}
	if e := paidEntry(store.Boleto{ID: 4, Draft: boleto.Draft{SeuNumero: "B4", Amount: 2500, Payer: boleto.Payer{Name: "Bia"},
		DueDate: boleto.Date{Year: 2026, Month: 5, Day: 1}}}); e.n.Body != "O boleto B4 de Bia (R$ 25,00, vencimento 01/05/2026) foi marcado como recebido no banco." {
		t.Errorf("marked as received: %q", e.n.Body)
	}
}

// selfSigned makes a certificate valid until notAfter.
func selfSigned(t *testing.T, notAfter time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Loja Centro"},
		NotBefore: notAfter.AddDate(-1, 0, 0), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestCertificateThresholdsAreNotifiedOnceEach(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2026, time.March, 1, 9, 0, 0, 0, boleto.SaoPaulo)}
	e := newStoppedEnv(t, Config{Certificates: accounts.New(nil, nil, accounts.Options{Now: c.Now})})
	ctx := context.Background()
	notAfter := time.Date(2026, time.April, 30, 18, 0, 0, 0, boleto.SaoPaulo)
	acc := e.acc
	acc.Certificate = store.Certificate{PEM: selfSigned(t, notAfter), NotAfter: notAfter}
	acc, err := e.st.UpdateAccount(ctx, acc)
	if err != nil {
		t.Fatal(err)
	}
	// A demo account's certificate is the simulator's: never notified.
	if _, err := e.st.CreateAccount(ctx, store.Account{Name: "Demonstração", Environment: store.EnvDemo,
		Certificate: store.Certificate{PEM: selfSigned(t, notAfter.AddDate(0, -2, 0))}}); err != nil {
		t.Fatal(err)
	}

	check := func(at time.Time) []store.Notification {
		t.Helper()
		c.Set(at)
		before := len(e.list(t))
		e.svc.checkCertificates(ctx)
		return e.list(t)[:len(e.list(t))-before]
	}
	days := func(d float64) time.Time { return notAfter.Add(-time.Duration(d * 24 * float64(time.Hour))) }

	steps := []struct {
		at    time.Time
		title string // "" when nothing is due
		key   string
	}{
		{days(40), "", ""},
		{days(30.5), "Certificado vence em 30 dias", "30"},
		{days(29), "", ""}, // the 30-day notice was given
		{days(16), "", ""},
		{days(14.2), "Certificado vence em 14 dias", "15"},
		{days(14), "", ""},
		{days(5), "Certificado vence em 5 dias", "7"}, // opened late: only the threshold reached now
		{days(1.5), "Certificado vence em 1 dia", "1"},
		{days(0.2), "", ""},
		{days(-0.1), "Certificado vencido", "expired"},
		{days(-10), "", ""},
	}
	for _, s := range steps {
		got := check(s.at)
		if s.title == "" {
			if len(got) != 0 {
				t.Errorf("at %s: unexpected %+v", s.at, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Title != s.title || got[0].AccountID != acc.ID ||
			got[0].DedupeKey != fmt.Sprintf("cert:%d:%d:%s", acc.ID, notAfter.Unix(), s.key) ||
			!strings.HasPrefix(got[0].Body, "Conta “Loja Centro”: O certificado da integração") ||
			!strings.Contains(got[0].Body, "30/04/2026") {
			t.Errorf("at %s: got %+v, want %q", s.at, got, s.title)
		}
	}
	if got := e.list(t); got[0].Kind != store.NotificationCertificateExpired || got[1].Kind != store.NotificationCertificateExpiring {
		t.Errorf("kinds: %s, %s", got[0].Kind, got[1].Kind)
	}

	// A renewed certificate starts over.
	renewed := notAfter.AddDate(1, 0, 0)
	acc.Certificate = store.Certificate{PEM: selfSigned(t, renewed), NotAfter: renewed}
	if _, err := e.st.UpdateAccount(ctx, acc); err != nil {
		t.Fatal(err)
	}
	if got := check(renewed.Add(-10 * 24 * time.Hour)); len(got) != 1 || got[0].Title != "Certificado vence em 10 dias" {
		t.Errorf("renewed certificate: %+v", got)
	}
}

func TestCertificateCheckedAtStartAndDelivered(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Now()}
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	notAfter := time.Now().Add(5*24*time.Hour + time.Hour)
	if _, err := st.CreateAccount(context.Background(), store.Account{Name: "Oficina", Environment: store.EnvProduction,
		Certificate: store.Certificate{PEM: selfSigned(t, notAfter), NotAfter: notAfter}}); err != nil {
		t.Fatal(err)
	}
	svc, err := New(Config{Store: st, Certificates: accounts.New(st, nil, accounts.Options{Now: c.Now}), Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	out := newBatches()
	svc.SetDeliver(out.deliver)
	svc.Start(context.Background())
	defer svc.Stop()
	got := out.next(t)
	if got.Title != "Certificado vence em 5 dias" || !strings.HasPrefix(got.Route, "/contas/") {
		t.Errorf("at start: %+v", got)
	}
}

func TestSyncFailingAfterThreeCyclesInARow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	at := time.Date(2026, time.March, 10, 9, 0, 0, 0, boleto.SaoPaulo)
	fail := func(n int) {
		for range n {
			e.svc.SyncFinished(e.acc.ID, "O banco não respondeu a tempo.", at)
			at = at.Add(time.Minute)
		}
	}
	fail(2)
	e.svc.SyncFinished(e.acc.ID, "", at) // worked: the streak starts over
	fail(2)
	e.out.none(t, 400*time.Millisecond)
	fail(1)
	got := e.out.next(t)
	if got.Title != "A consulta ao banco está falhando" ||
		!strings.Contains(got.Body, "Conta “Loja Centro”: as últimas 3 consultas") ||
		!strings.Contains(got.Body, "desde 10/03/2026 09:02") || !strings.HasSuffix(got.Body, "Último erro: O banco não respondeu a tempo.") {
		t.Errorf("sync failing: %+v", got)
	}
	fail(5) // the same streak: told once
	e.out.none(t, 400*time.Millisecond)
	e.svc.SyncFinished(e.acc.ID, "", at)
	fail(3) // a new streak
	if got := e.out.next(t); got.Items[0].Kind != store.NotificationSyncFailing {
		t.Errorf("new streak: %+v", got)
	}
}

func TestStartPrunesOldNotifications(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC)}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	add := func(prefix string, n int) {
		var ns []store.Notification
		for i := range n {
			ns = append(ns, store.Notification{Kind: store.NotificationSyncFailing, Title: "x", DedupeKey: fmt.Sprintf("%s:%d", prefix, i)})
		}
		if _, err := st.AddNotifications(ctx, ns); err != nil {
			t.Fatal(err)
		}
	}
	add("old", 3)
	c.Set(c.Now().AddDate(0, 7, 0))
	add("new", 8)
	svc, err := New(Config{Store: st, Now: c.Now, Keep: 5})
	if err != nil {
		t.Fatal(err)
	}
	svc.Start(ctx)
	deadline := time.Now().Add(10 * time.Second)
	for {
		l, err := svc.List(ctx, store.NotificationQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(l) == 5 && l[4].DedupeKey == "new:3" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after start: %d left, want the newest 5", len(l))
		}
		time.Sleep(20 * time.Millisecond)
	}
	svc.Stop()
}

func TestSystemSetting(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	ctx := context.Background()
	if on, err := e.svc.SystemEnabled(ctx); err != nil || !on {
		t.Errorf("default = %v, %v; want on", on, err)
	}
	if err := e.svc.SetSystemEnabled(ctx, false); err != nil {
		t.Fatal(err)
	}
	if on, err := e.svc.SystemEnabled(ctx); err != nil || on {
		t.Errorf("after turning off = %v, %v", on, err)
	}
	if err := e.svc.SetSystemEnabled(ctx, true); err != nil {
		t.Fatal(err)
	}
	if on, _ := e.svc.SystemEnabled(ctx); !on {
		t.Error("not back on")
	}
}

func TestEventsAnnouncedBeforeStopAreStored(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{Debounce: time.Hour})
	b := e.boletoIn(t, "Ana", 1000, store.StatePaid)
	e.svc.BoletoChanged(b.ID, store.StateIssued, store.StatePaid)
	e.svc.Stop()
	if l := e.list(t); len(l) != 1 {
		t.Errorf("after Stop: %d rows, want 1", len(l))
	}
	e.out.none(t, 100*time.Millisecond)
}
