package mail

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/keychain"
	"boletos/internal/mail/smtptest"
	"boletos/internal/store"
)

func TestSettingsLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	ctx := e.ctx
	acct, err := e.st.CreateAccount(ctx, store.Account{Name: "Filial", Environment: store.EnvSandbox,
		Beneficiary: e.acct.Beneficiary})
	if err != nil {
		t.Fatal(err)
	}
	key := PasswordKey(acct.ID)

	v, err := e.svc.Settings(ctx, acct.ID)
	if err != nil || v.Configured || v.Port != 587 || v.Security != store.MailSTARTTLS ||
		v.FromName != "Comércio Exemplo Ltda" || v.FromAddress != "financeiro@exemplo.com.br" {
		t.Fatalf("suggested settings = %+v, %v", v, err)
	}

	set := validSettings()
	_, err = e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: set})
	wantField(t, err, FieldPassword, "Informe a senha do e-mail")
	bad := set
	bad.Port, bad.Subject = 0, "{{x}}"
	_, err = e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: bad, Password: "x"})
	wantField(t, err, FieldPort, "de 1 a 65535")
	wantField(t, err, FieldSubject, "{{x}}")
	if _, err := e.keys.Get(ctx, key); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("a refused form touched the keychain: %v", err)
	}

	v, err = e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: set, Password: "primeira-senha"})
	if err != nil || !v.Configured || !v.HasPassword || v.Host != set.Host || v.Username != set.Username {
		t.Fatalf("saved = %+v, %v", v, err)
	}
	if pw, err := e.keys.Get(ctx, key); err != nil || string(pw) != "primeira-senha" {
		t.Errorf("keychain holds %q, %v", pw, err)
	}
	set.FromName, set.Port = "Outro nome", 465
	v, err = e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: set})
	if err != nil || v.FromName != "Outro nome" || !v.HasPassword {
		t.Fatalf("saved without a password = %+v, %v", v, err)
	}
	if len(v.Warnings) != 1 || v.Warnings[0].Field != FieldPort {
		t.Errorf("warnings = %+v", v.Warnings)
	}
	if pw, _ := e.keys.Get(ctx, key); string(pw) != "primeira-senha" {
		t.Errorf("an empty password replaced the stored one: %q", pw)
	}

	set.Username = ""
	if v, err = e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: set, Password: "ignorada"}); err != nil || v.HasPassword {
		t.Fatalf("saved without a user = %+v, %v", v, err)
	}
	if _, err := e.keys.Get(ctx, key); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("the password outlived its user: %v", err)
	}

	set.Username = testUser
	if _, err := e.svc.SaveSettings(ctx, acct.ID, SettingsInput{Settings: set, Password: "segunda"}); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.DeleteSettings(ctx, acct.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.keys.Get(ctx, key); !errors.Is(err, keychain.ErrNotFound) {
		t.Errorf("DeleteSettings left the password: %v", err)
	}
	if _, err := e.st.GetMailSettings(ctx, acct.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteSettings left the row: %v", err)
	}
	_, err = e.svc.SaveSettings(ctx, 999999, SettingsInput{Settings: set, Password: "x"})
	wantErr(t, err, apperr.CodeNotFound, "Conta não encontrada")
}

// routeDialer sends every connection to one address, whatever the name:
// a test's stand-in for a DNS record pointing at the loopback server.
type routeDialer struct{ to string }

func (d routeDialer) DialContext(ctx context.Context, network, _ string) (net.Conn, error) {
	var nd net.Dialer
	return nd.DialContext(ctx, network, d.to)
}

// closedPort returns a loopback port nobody listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// TestConnectionTest runs "Testar conexão" against real sessions that fail
// in each way a user meets, and checks the sentence names the cause.
func TestConnectionTest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		server   smtptest.Config
		reply    func(*smtptest.Server)
		settings func(*Settings, *smtptest.Server)
		password string
		config   func(*Config, *smtptest.Server)
		code     string // "" for success
		want     string
	}{
		{name: "STARTTLS and login", want: "bem-sucedida (STARTTLS, TLS 1.3) e usuário “financeiro@exemplo.com.br” autenticado. Nenhuma mensagem foi enviada."},
		{name: "implicit TLS", server: smtptest.Config{Mode: smtptest.TLS}, want: "bem-sucedida (TLS direto, TLS 1.3)"},
		{name: "no such name", settings: func(s *Settings, _ *smtptest.Server) { s.Host = "smtp.nao-existe.exemplo.com.br" },
			config: func(c *Config, _ *smtptest.Server) { c.Dialer = &net.Dialer{Resolver: smtptest.NXDomainResolver(t)} },
			code:   apperr.CodeUnavailable, want: "O servidor de e-mail “smtp.nao-existe.exemplo.com.br” não existe (o DNS não o encontrou)."},
		{name: "DNS unreachable", settings: func(s *Settings, _ *smtptest.Server) { s.Host = "smtp.exemplo.com.br" },
			config: func(c *Config, _ *smtptest.Server) {
				c.Dialer = &net.Dialer{Resolver: &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
					return nil, &net.OpError{Op: "dial", Net: "udp", Err: errors.New("network is unreachable")}
				}}}
			},
			code: apperr.CodeUnavailable, want: "Não foi possível consultar o DNS para encontrar o servidor de e-mail “smtp.exemplo.com.br”. Confira a conexão com a internet."},
		{name: "refused", settings: func(s *Settings, _ *smtptest.Server) { s.Port = closedPort(t) },
			code: apperr.CodeUnavailable, want: "recusou a conexão na porta"},
		{name: "unknown authority", config: func(c *Config, _ *smtptest.Server) { c.RootCAs = nil },
			code: apperr.CodeInvalid, want: "não foi emitido por uma autoridade confiável"},
		{name: "certificate for another name", settings: func(s *Settings, _ *smtptest.Server) { s.Host = "smtp.exemplo.com.br" },
			config: func(c *Config, srv *smtptest.Server) { c.Dialer = routeDialer{srv.Addr()} },
			code:   apperr.CodeInvalid, want: "O certificado do servidor não vale para o nome “smtp.exemplo.com.br” (vale para: localhost)."},
		{name: "TLS on a STARTTLS port", settings: func(s *Settings, _ *smtptest.Server) { s.Security = store.MailTLS },
			code: apperr.CodeInvalid, want: "não respondeu em TLS na porta"},
		{name: "no STARTTLS", server: smtptest.Config{Mode: smtptest.Plain, Users: map[string]string{testUser: testPassword}},
			settings: func(s *Settings, _ *smtptest.Server) { s.Security = store.MailSTARTTLS },
			code:     apperr.CodeInvalid, want: "não oferece STARTTLS"},
		{name: "wrong password", password: "errada", code: apperr.CodeAuth,
			want: "recusou o usuário ou a senha (resposta do servidor: 535 5.7.8 Authentication credentials invalid)"},
		{name: "no AUTH offered", server: smtptest.Config{Mode: smtptest.Plain}, password: "qualquer",
			settings: func(s *Settings, _ *smtptest.Server) { s.Username = testUser },
			code:     apperr.CodeInvalid, want: "não pede usuário e senha"},
		{name: "unsupported mechanism", server: smtptest.Config{Mechanisms: []string{"CRAM-MD5", "XOAUTH2"}},
			code: apperr.CodeInvalid, want: "não aceita autenticação por PLAIN nem por LOGIN"},
		{name: "421 greeting", reply: func(s *smtptest.Server) { s.Reply(smtptest.Greeting, 421, "4.3.2 Service not available", -1) },
			code: apperr.CodeUnavailable, want: "está indisponível no momento (resposta do servidor: 421 4.3.2 Service not available)"},
		{name: "silent server", settings: func(s *Settings, srv *smtptest.Server) {
			srv.Down()
			stallingListener(t, srv.Addr())
		}, config: func(c *Config, _ *smtptest.Server) { c.Timeout = 300 * time.Millisecond },
			code: apperr.CodeUnavailable, want: "não respondeu a tempo na saudação do servidor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{server: tt.server, password: tt.password})
			set := settingsOf(mustSettings(t, e))
			if tt.settings != nil {
				tt.settings(&set, e.srv)
			}
			if tt.reply != nil {
				tt.reply(e.srv)
			}
			svc := e.svc
			if tt.config != nil {
				cfg := e.svc.cfg
				tt.config(&cfg, e.srv)
				var err error
				if svc, err = New(cfg); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := svc.SaveSettings(e.ctx, e.acct.ID, SettingsInput{Settings: set, Password: tt.password}); err != nil {
				t.Fatalf("SaveSettings: %v", err)
			}
			got, err := svc.TestSettings(e.ctx, e.acct.ID)
			if tt.code == "" {
				if err != nil || !strings.Contains(got, tt.want) {
					t.Fatalf("TestSettings = %q, %v; want %q", got, err, tt.want)
				}
				cmds := e.srv.Commands()
				if slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "MAIL") }) || cmds[len(cmds)-1] != "QUIT" {
					t.Errorf("commands %q: want a login and QUIT, no message", cmds)
				}
				return
			}
			wantErr(t, err, tt.code, tt.want)
			if len(e.srv.Messages()) != 0 {
				t.Error("a message was sent")
			}
		})
	}
}

// TestTestInput tests a form before it is saved, with the stored password
// when none is typed.
func TestTestInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	set := settingsOf(mustSettings(t, e))
	got, err := e.svc.TestInput(e.ctx, e.acct.ID, SettingsInput{Settings: set})
	if err != nil || !strings.Contains(got, "autenticado") {
		t.Fatalf("TestInput with the stored password = %q, %v", got, err)
	}
	_, err = e.svc.TestInput(e.ctx, e.acct.ID, SettingsInput{Settings: set, Password: "outra"})
	wantErr(t, err, apperr.CodeAuth, "recusou o usuário ou a senha")
	set.Host = ""
	_, err = e.svc.TestInput(e.ctx, e.acct.ID, SettingsInput{Settings: set})
	wantField(t, err, FieldHost, "Informe o servidor SMTP")
	if row := mustSettings(t, e); row.Host == "" {
		t.Error("TestInput saved the form")
	}
}

// TestNoPasswordWithoutTLS: the client never sends credentials over an
// unencrypted connection to a host that is not this computer, even when
// the server offers AUTH; with STARTTLS the password goes only after the
// upgrade.
func TestNoPasswordWithoutTLS(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	plain := smtptest.Start(t, smtptest.Config{Mode: smtptest.Plain, Users: map[string]string{testUser: testPassword}})
	cfg := sessionConfig{
		settings: store.MailSettings{Host: "smtp.exemplo.com.br", Port: 25, Security: store.MailNone, Username: testUser},
		password: testPassword, dialer: routeDialer{plain.Addr()}, helo: "localhost", timeout: 5 * time.Second,
	}
	ss, f := open(ctx, cfg)
	if f == nil {
		ss.quit()
		t.Fatal("logged in over a plain connection to a remote name")
	}
	if !errors.Is(f, errPlaintextAuth) || !strings.Contains(f.msg, "A senha não é enviada sem criptografia") {
		t.Errorf("failure = %v", f)
	}
	if slices.ContainsFunc(plain.Commands(), func(c string) bool { return strings.HasPrefix(c, "AUTH") }) {
		t.Errorf("AUTH was sent: %q", plain.Commands())
	}

	careless := smtptest.Start(t, smtptest.Config{Mode: smtptest.STARTTLS, AuthBeforeTLS: true, Users: map[string]string{testUser: testPassword}})
	cfg.settings = store.MailSettings{Host: careless.Host(), Port: careless.Port(), Security: store.MailSTARTTLS, Username: testUser}
	cfg.dialer, cfg.roots = &net.Dialer{}, careless.RootCAs()
	ss, f = open(ctx, cfg)
	if f != nil {
		t.Fatal(f)
	}
	ss.quit()
	cmds := careless.Commands()
	tlsAt := slices.Index(cmds, "STARTTLS")
	authAt := slices.IndexFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "AUTH") })
	if tlsAt < 0 || authAt < tlsAt {
		t.Errorf("commands %q: AUTH before STARTTLS", cmds)
	}
}

// TestPasswordStaysInTheKeychain runs sends, a failed login and connection
// tests, then looks for the password everywhere else it could have gone:
// the database files, the log, the timeline and the outbox.
func TestPasswordStaysInTheKeychain(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	b := e.issued(9900, "0000000701")
	msgs := e.queue([]int64{b.ID}, "cliente@exemplo.com.br")
	e.svc.Start(e.ctx)
	e.waitMail(msgs[0].ID, "sent", func(m store.MailMessage) bool { return m.State == store.MailSent })
	if _, err := e.svc.TestSettings(e.ctx, e.acct.ID); err != nil {
		t.Fatal(err)
	}
	// A server that refuses the (right) password: the failure is logged
	// and written to the timeline.
	e.srv.Reply(smtptest.Auth, 535, "5.7.8 Username and Password not accepted", -1)
	_, testErr := e.svc.TestSettings(e.ctx, e.acct.ID)
	wantErr(t, testErr, apperr.CodeAuth, "Username and Password not accepted")
	msgs = e.queue([]int64{b.ID}, "outro@exemplo.com.br")
	e.waitMail(msgs[0].ID, "the failed login", func(m store.MailMessage) bool { return m.Attempts >= 1 && m.LastError != "" })
	e.svc.Stop()

	if pw, err := e.keys.Get(e.ctx, PasswordKey(e.acct.ID)); err != nil || string(pw) != testPassword {
		t.Fatalf("the keychain holds %q, %v", pw, err)
	}
	e.assertPasswordNotOnDisk()
	logs := e.logs.String()
	if !strings.Contains(logs, "mail: attempt failed") || !strings.Contains(logs, "mail: settings saved") {
		t.Fatalf("the log lacks the records it should have:\n%s", logs)
	}
	var texts []string
	texts = append(texts, logs, testErr.Error())
	for _, ev := range e.emailEvents(b.ID) {
		texts = append(texts, ev)
	}
	list, err := e.st.ListMail(e.ctx, store.MailFilter{AccountID: e.acct.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		texts = append(texts, m.LastError, m.Subject, m.Body)
	}
	for _, text := range texts {
		for _, form := range passwordForms() {
			if strings.Contains(text, form) {
				t.Errorf("the password (as %q) leaked into %q", form, text)
			}
		}
	}
	if len(texts) < 6 {
		t.Fatalf("only %d texts scanned", len(texts))
	}
}
