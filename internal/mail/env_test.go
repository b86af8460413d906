package mail

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/keychain"
	"boletos/internal/keychain/keychaintest"
	"boletos/internal/mail/smtptest"
	"boletos/internal/pix"
	"boletos/internal/store"
)

// testPassword is the SMTP password of the tests; it must never show up
// outside the keychain.
const testPassword = "Senha-Secreta-ÇÃ-7781!"

const testUser = "financeiro@exemplo.com.br"

// syncBuffer is a log sink safe for the worker's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recorder is an Emitter that keeps the events.
type recorder struct {
	mu     sync.Mutex
	events []MailChanged
}

func (r *recorder) Emit(name string, payload any) {
	if name != EventMailChanged {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, payload.(MailChanged))
}

func (r *recorder) states(id int64) []store.MailState {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []store.MailState
	for _, e := range r.events {
		if e.ID == id {
			out = append(out, e.State)
		}
	}
	return out
}

// env is a store in a temporary directory, the test session's keychain,
// an account with a beneficiário, an SMTP server on loopback and the
// service configured to use it.
type env struct {
	t      *testing.T
	ctx    context.Context
	dbPath string
	st     *store.Store
	keys   *keychain.Store
	srv    *smtptest.Server
	svc    *Service
	acct   store.Account
	logs   *syncBuffer
	rec    *recorder
}

type envOptions struct {
	server   smtptest.Config
	settings func(*Settings) // changes to the default settings (STARTTLS, testUser)
	password string          // "" means testPassword
	config   func(*Config)
}

func newEnv(t *testing.T, o envOptions) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, ctx: ctx, logs: &syncBuffer{}, rec: &recorder{}}
	e.dbPath = filepath.Join(t.TempDir(), "boletos.db")
	log := slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st, err := store.Open(ctx, e.dbPath, store.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	e.st = st
	e.keys = keychain.New(keychaintest.New(t))
	if o.server.Users == nil && o.server.Mode != smtptest.Plain {
		o.server.Users = map[string]string{testUser: testPassword}
	}
	e.srv = smtptest.Start(t, o.server)
	e.acct, err = st.CreateAccount(ctx, store.Account{
		Name: "Conta Inter", Environment: store.EnvSandbox, AccountNumber: "12345678-9",
		Beneficiary: boleto.Payer{Document: "11222333000181", Name: "Comércio Exemplo Ltda", Address: "Avenida Paulista",
			Number: "1578", District: "Bela Vista", City: "São Paulo", UF: "SP", CEP: "01310200", Email: "financeiro@exemplo.com.br"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Store: st, Keys: e.keys, Emitter: e.rec, Logger: log, RootCAs: e.srv.RootCAs(),
		Timeout: 5 * time.Second, RetryBackoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		PollInterval: 100 * time.Millisecond,
	}
	if o.config != nil {
		o.config(&cfg)
	}
	if e.svc, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.svc.Stop)
	set := Settings{Host: e.srv.Host(), Port: e.srv.Port(), Security: store.MailSTARTTLS, Username: testUser,
		FromName: "Comércio Exemplo – Financeiro", FromAddress: "financeiro@exemplo.com.br"}
	switch o.server.Mode {
	case smtptest.TLS:
		set.Security = store.MailTLS
	case smtptest.Plain:
		set.Security = store.MailNone
		if o.server.Users == nil {
			set.Username = ""
		}
	}
	if o.settings != nil {
		o.settings(&set)
	}
	pw := o.password
	if pw == "" {
		pw = testPassword
	}
	if _, err := e.svc.SaveSettings(ctx, e.acct.ID, SettingsInput{Settings: set, Password: pw}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	return e
}

// payer is a valid payer with accents in the name.
func payer() boleto.Payer {
	return boleto.Payer{
		Document: "529.982.247-25", Name: "Maria Conceição Araújo", Address: "Rua das Flores", Number: "123",
		District: "Centro", City: "Rolândia", UF: "PR", CEP: "86600-000", Email: "maria.araujo@exemplo.com.br",
	}
}

// draft creates a draft of amount due in ten days.
func (e *env) draft(amount boleto.Cents) store.Boleto {
	e.t.Helper()
	due := boleto.Today(time.Now()).AddDays(10)
	b, err := e.st.CreateDraft(e.ctx, store.DraftInput{AccountID: e.acct.ID, Draft: boleto.Draft{
		Amount: amount, DueDate: due, Payer: payer(),
		Charges: boleto.Charges{Fine: &boleto.Fine{Code: boleto.FinePercent, Rate: 200}, AgendaDays: 30},
	}})
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// issue moves a draft to issued with a valid Inter barcode, linha and Pix,
// as the issuing worker does when the bank answers.
func (e *env) issue(b store.Boleto, nossoNumero string) store.Boleto {
	e.t.Helper()
	ff := boleto.InterFreeField{Agency: "0001", Carteira: "112", Operation: "0644499", NossoNumero: nossoNumero}
	free, err := ff.String()
	if err != nil {
		e.t.Fatal(err)
	}
	bc, err := boleto.Barcode{Bank: boleto.InterBank, Currency: '9', DueDate: b.DueDate, Amount: b.Amount, FreeField: free}.Digits()
	if err != nil {
		e.t.Fatal(err)
	}
	linha, err := boleto.BarcodeToLinha(bc)
	if err != nil {
		e.t.Fatal(err)
	}
	code, err := pix.BuildCobv(pix.CobvParams{URL: "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/" + nossoNumero + "0123456789abcdef0123456789ab"[:32-len(nossoNumero)],
		AmountCents: int64(b.Amount), MerchantCity: "SAO PAULO", PostalCode: "01310200"})
	if err != nil {
		e.t.Fatal(err)
	}
	out, err := e.st.Transition(e.ctx, b.ID, []store.State{store.StateDraft}, store.StateIssued,
		store.Event{Kind: store.EventIssued, Message: "Boleto emitido pelo banco."}, func(x *store.Boleto) error {
			x.Barcode, x.LinhaDigitavel, x.PixCopiaECola = bc, linha, code
			x.NossoNumero, x.IssueDate, x.BankSituation = nossoNumero, boleto.Today(time.Now()), "A_RECEBER"
			return nil
		})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// issued is draft + issue.
func (e *env) issued(amount boleto.Cents, nossoNumero string) store.Boleto {
	e.t.Helper()
	return e.issue(e.draft(amount), nossoNumero)
}

func (e *env) queue(ids []int64, to string) []store.MailMessage {
	e.t.Helper()
	msgs, err := e.svc.Queue(e.ctx, ids, to)
	if err != nil {
		e.t.Fatalf("Queue: %v", err)
	}
	return msgs
}

func (e *env) mail(id int64) store.MailMessage {
	e.t.Helper()
	m, err := e.st.GetMail(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return m
}

// waitMail waits until the message satisfies cond.
func (e *env) waitMail(id int64, what string, cond func(store.MailMessage) bool) store.MailMessage {
	e.t.Helper()
	var m store.MailMessage
	waitFor(e.t, 15*time.Second, what, func() bool {
		m = e.mail(id)
		return cond(m)
	})
	return m
}

// emailEvents returns the messages of the boleto's e-mail events, in order.
func (e *env) emailEvents(boletoID int64) []string {
	e.t.Helper()
	evs, err := e.st.ListEvents(e.ctx, boletoID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, ev := range evs {
		if ev.Kind == store.EventEmail {
			out = append(out, ev.Message)
		}
	}
	return out
}

func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// requireTool finds a command-line tool the tests need; they are never
// skipped for want of one.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s não foi encontrado (pacote Debian %s): sudo apt-get install -y %s", name, pkg, pkg)
	}
	return path
}

// barcodes rasterises every page of pdf at 200 dpi (pdftoppm) and returns
// the Interleaved 2 of 5 barcodes of 44 digits zbarimg decodes in them.
func barcodes(t *testing.T, pdf []byte) []string {
	t.Helper()
	pdftoppm := requireTool(t, "pdftoppm", "poppler-utils")
	zbarimg := requireTool(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	in := filepath.Join(dir, "boleto.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-r", "200", "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) == 0 {
		t.Fatal("pdftoppm produced no page")
	}
	var out []string
	for _, png := range pages {
		cmd := exec.Command(zbarimg, "--quiet", "--raw", "--nodbus", "-Sdisable", "-Si25.enable", "-Si25.min=44", "-Si25.max=44", png)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		text, err := cmd.Output()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.ExitCode() == 4: // nothing found
			continue
		case err != nil:
			t.Fatalf("zbarimg: %v\n%s", err, stderr.String())
		}
		for line := range strings.SplitSeq(strings.TrimSpace(string(text)), "\n") {
			if line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// assertPasswordNotOnDisk fails the test if the password appears in any file of
// the database (main file, WAL, shared memory).
func (e *env) assertPasswordNotOnDisk() {
	e.t.Helper()
	files, _ := filepath.Glob(e.dbPath + "*")
	if len(files) == 0 {
		e.t.Fatal("no database file found")
	}
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			e.t.Fatal(err)
		}
		total += len(data)
		for _, form := range passwordForms() {
			if bytes.Contains(data, []byte(form)) {
				e.t.Errorf("the password (as %q) is in %s", form, filepath.Base(f))
			}
		}
	}
	if total < 4096 {
		e.t.Fatalf("database files hold only %d bytes; is the scan looking at the right files?", total)
	}
}

// passwordForms are the password and the encodings it could leak in.
func passwordForms() []string {
	return []string{testPassword, "Senha-Secreta", "7781!",
		// AUTH PLAIN payload, base64
		"AGZpbmFuY2Vpcm9AZXhlbXBsby5jb20uYnIAU2VuaGEtU2VjcmV0YS3Dh8ODLTc3ODEh", "U2VuaGEtU2VjcmV0YS3Dh8ODLTc3ODEh"}
}

// wantErr fails unless err is an *apperr.Error with code whose message
// contains fragment.
func wantErr(t testing.TB, err error, code, fragment string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v (%T), want *apperr.Error %s", err, err, code)
	}
	if ae.Code != code || !strings.Contains(ae.Message, fragment) {
		t.Errorf("error = %s %q, want %s with %q", ae.Code, ae.Message, code, fragment)
	}
}

// wantField fails unless err is an input error about field whose message
// contains fragment.
func wantField(t testing.TB, err error, field, fragment string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
		t.Fatalf("error = %v, want an input error", err)
	}
	for _, f := range apperr.Fields(err) {
		if f.Field == field && strings.Contains(f.Message, fragment) {
			return
		}
	}
	t.Errorf("fields %+v lack %s with %q", apperr.Fields(err), field, fragment)
}

// stalling is a TCP server that accepts connections and never answers.
type stalling struct {
	mu    sync.Mutex
	n     int
	conns []net.Conn
}

func (s *stalling) accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func stallingListener(t *testing.T, addr string) *stalling {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &stalling{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.n++
			s.conns = append(s.conns, c)
			s.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, c := range s.conns {
			c.Close()
		}
	})
	return s
}
