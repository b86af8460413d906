package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/smtp"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/store"
)

// Dialer opens TCP connections; *net.Dialer is one. Tests may route a name
// to a loopback server through their own.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// stage is the step of an SMTP session an error happened in.
type stage string

const (
	stageConnect  stage = "connect"
	stageTLS      stage = "tls" // implicit TLS handshake
	stageGreeting stage = "greeting"
	stageEHLO     stage = "ehlo"
	stageSTARTTLS stage = "starttls"
	stageAuth     stage = "auth"
	stageMail     stage = "mail"
	stageRcpt     stage = "rcpt"
	stageData     stage = "data"
	stageReset    stage = "reset"
)

// during says in Portuguese what was going on at a stage.
var during = map[stage]string{
	stageConnect:  "ao conectar",
	stageTLS:      "na negociação TLS",
	stageGreeting: "na saudação do servidor",
	stageEHLO:     "na apresentação (EHLO)",
	stageSTARTTLS: "ao ativar o STARTTLS",
	stageAuth:     "na autenticação",
	stageMail:     "ao informar o remetente",
	stageRcpt:     "ao informar o destinatário",
	stageData:     "ao transmitir a mensagem",
	stageReset:    "entre duas mensagens",
}

// failure is why an SMTP attempt failed, in words for the user, and what
// it means for the outbox.
type failure struct {
	msg string // pt-BR sentence(s), the exact cause; never a secret
	// session: the server or the account's settings failed, not this
	// message, so every message of the account waits.
	session bool
	// permanent: the server refused this message for good (5xx); do not
	// retry.
	permanent bool
	code      string // apperr code, for TestSettings
	err       error  // cause, for the log
}

func (f *failure) Error() string {
	if f.err != nil {
		return f.msg + " [" + f.err.Error() + "]"
	}
	return f.msg
}

func (f *failure) Unwrap() error { return f.err }

// appErr is the failure as the error the user sees.
func (f *failure) appErr() error { return apperr.Wrap(f.code, f, f.msg) }

// Errors of the client's own checks.
var (
	errNoSTARTTLS     = errors.New("server does not offer STARTTLS")
	errNoAuth         = errors.New("server does not offer AUTH")
	errNoMechanism    = errors.New("no supported AUTH mechanism")
	errPlaintextAuth  = errors.New("refusing to send credentials without TLS to a remote host")
	errUnexpectedAuth = errors.New("unexpected server challenge")
)

// session is one open SMTP connection, authenticated when the settings have
// a user.
type session struct {
	raw     net.Conn // the TCP connection, for deadlines and closing
	c       *smtp.Client
	addr    string // host:port, for messages
	host    string
	timeout time.Duration
	stop    func() bool // releases the context watch
	tls     string      // negotiated TLS version, "" without TLS
}

// sessionConfig is what open needs.
type sessionConfig struct {
	settings store.MailSettings
	password string
	dialer   Dialer
	roots    *x509.CertPool // nil: the system's
	helo     string
	timeout  time.Duration // per SMTP step
}

// open connects, greets, secures and authenticates as the settings say.
// It never sends credentials over an unencrypted connection, except to a
// loopback host.
func open(ctx context.Context, cfg sessionConfig) (*session, *failure) {
	set := cfg.settings
	host := strings.Trim(set.Host, "[]")
	ss := &session{addr: net.JoinHostPort(host, strconv.Itoa(set.Port)), host: host, timeout: cfg.timeout}
	fail := func(st stage, err error) (*session, *failure) {
		f := ss.classify(ctx, st, err)
		ss.close()
		return nil, f
	}
	dctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	raw, err := cfg.dialer.DialContext(dctx, "tcp", ss.addr)
	cancel()
	if err != nil {
		return fail(stageConnect, err)
	}
	ss.raw = raw
	ss.stop = context.AfterFunc(ctx, func() { raw.Close() })
	tlsConf := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12, RootCAs: cfg.roots}

	conn := raw
	if set.Security == store.MailTLS {
		ss.deadline(1)
		tc := tls.Client(raw, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fail(stageTLS, err)
		}
		ss.tls = tlsVersion(tc.ConnectionState().Version)
		conn = tc
	}
	ss.deadline(1)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fail(stageGreeting, err)
	}
	ss.c = c
	ss.deadline(1)
	if err := c.Hello(cfg.helo); err != nil {
		return fail(stageEHLO, err)
	}
	if set.Security == store.MailSTARTTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fail(stageSTARTTLS, errNoSTARTTLS)
		}
		ss.deadline(1)
		if err := c.StartTLS(tlsConf); err != nil {
			return fail(stageSTARTTLS, err)
		}
		if st, ok := c.TLSConnectionState(); ok {
			ss.tls = tlsVersion(st.Version)
		}
	}
	if set.Username != "" {
		ok, mechs := c.Extension("AUTH")
		if !ok {
			return fail(stageAuth, errNoAuth)
		}
		loopback := isLoopback(set.Host)
		var a smtp.Auth
		switch list := strings.Fields(strings.ToUpper(mechs)); {
		case slices.Contains(list, "PLAIN"):
			a = &plainAuth{user: set.Username, pass: cfg.password, loopback: loopback}
		case slices.Contains(list, "LOGIN"):
			a = &loginAuth{user: set.Username, pass: cfg.password, loopback: loopback}
		default:
			return fail(stageAuth, fmt.Errorf("%w: server offers %s", errNoMechanism, mechs))
		}
		ss.deadline(1)
		if err := c.Auth(a); err != nil {
			return fail(stageAuth, err)
		}
	}
	return ss, nil
}

// send transmits one message: MAIL FROM, RCPT TO, DATA.
func (ss *session) send(ctx context.Context, from, to string, data []byte) *failure {
	ss.deadline(1)
	if err := ss.c.Mail(from); err != nil {
		return ss.classify(ctx, stageMail, err)
	}
	if err := ss.c.Rcpt(to); err != nil {
		return ss.classify(ctx, stageRcpt, err)
	}
	w, err := ss.c.Data()
	if err != nil {
		return ss.classify(ctx, stageData, err)
	}
	ss.deadline(1 + len(data)/(256<<10)) // a slow uplink gets a step per 256 KB
	if _, err := w.Write(data); err != nil {
		return ss.classify(ctx, stageData, err)
	}
	if err := w.Close(); err != nil {
		return ss.classify(ctx, stageData, err)
	}
	return nil
}

// reset readies the session for another message (RSET).
func (ss *session) reset(ctx context.Context) *failure {
	ss.deadline(1)
	if err := ss.c.Reset(); err != nil {
		return ss.classify(ctx, stageReset, err)
	}
	return nil
}

// quit ends the session politely (QUIT), then closes it.
func (ss *session) quit() {
	if ss.c != nil {
		ss.deadline(1)
		_ = ss.c.Quit()
	}
	ss.close()
}

// close drops the connection.
func (ss *session) close() {
	if ss.stop != nil {
		ss.stop()
	}
	if ss.c != nil {
		_ = ss.c.Close()
	}
	if ss.raw != nil {
		_ = ss.raw.Close()
	}
}

// deadline gives the next steps n timeouts from now.
func (ss *session) deadline(n int) {
	if ss.raw != nil {
		_ = ss.raw.SetDeadline(time.Now().Add(time.Duration(n) * ss.timeout))
	}
}

// classify turns an error at a stage into the user's sentence and its
// meaning for the outbox.
func (ss *session) classify(ctx context.Context, st stage, err error) *failure {
	host, addr := ss.host, ss.addr
	f := &failure{session: true, code: apperr.CodeUnavailable, err: fmt.Errorf("smtp %s %s: %w", addr, st, err)}
	var (
		dnsErr  *net.DNSError
		tpErr   *textproto.Error
		certErr *tls.CertificateVerificationError
		recErr  tls.RecordHeaderError
		alert   tls.AlertError
		netErr  net.Error
	)
	switch {
	case ctx.Err() != nil:
		f.msg, f.code = "O envio foi interrompido porque o programa está sendo encerrado.", apperr.CodeCanceled
		f.err = fmt.Errorf("smtp %s %s: %w (%w)", addr, st, ctx.Err(), err)
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			f.msg = fmt.Sprintf("O servidor de e-mail “%s” não existe (o DNS não o encontrou). Confira o nome do servidor SMTP.", host)
		} else {
			f.msg = fmt.Sprintf("Não foi possível consultar o DNS para encontrar o servidor de e-mail “%s”. Confira a conexão com a internet.", host)
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		f.msg = fmt.Sprintf("O servidor %s recusou a conexão na porta %s: confira a porta (587 com STARTTLS, 465 com TLS) e se o servidor de e-mail está no ar.", host, portOf(addr))
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		f.msg = fmt.Sprintf("Não há rota de rede até o servidor de e-mail %s. Confira a conexão com a internet.", host)
	case errors.Is(err, errNoSTARTTLS):
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("O servidor %s não oferece STARTTLS na porta %s. Escolha TLS (normalmente na porta 465) ou confira a porta; o programa não envia e-mail sem criptografia a um servidor da internet.", host, portOf(addr))
	case errors.Is(err, errNoAuth):
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("O servidor %s não pede usuário e senha (não oferece AUTH). Deixe o usuário em branco ou confira o servidor e a porta.", host)
	case errors.Is(err, errNoMechanism):
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("O servidor %s não aceita autenticação por PLAIN nem por LOGIN, as formas que o programa usa.", host)
	case errors.Is(err, errPlaintextAuth):
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("A senha não é enviada sem criptografia a %s: escolha STARTTLS ou TLS.", host)
	case errors.As(err, &certErr):
		f.code = apperr.CodeInvalid
		f.msg = certMessage(host, certErr)
	case errors.As(err, &recErr):
		f.code = apperr.CodeInvalid
		if st == stageTLS {
			f.msg = fmt.Sprintf("O servidor %s não respondeu em TLS na porta %s. Se ele usa STARTTLS (normalmente na porta 587), escolha STARTTLS.", host, portOf(addr))
		} else {
			f.msg = fmt.Sprintf("A negociação TLS com %s falhou: o servidor respondeu algo que não é TLS.", host)
		}
	case errors.As(err, &alert), st == stageTLS && !errors.As(err, &netErr):
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("A negociação TLS com %s falhou (%s). Confira a segurança escolhida (STARTTLS ou TLS) e a porta.", host, clip(oneLine(err.Error()), 120))
	case errors.As(err, &tpErr):
		return replyFailure(f, st, host, tpErr)
	case errors.As(err, &netErr) && netErr.Timeout():
		f.msg = fmt.Sprintf("O servidor de e-mail %s não respondeu a tempo %s. Confira a conexão com a internet, o servidor e a porta.", addr, during[st])
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed):
		f.msg = fmt.Sprintf("A conexão com o servidor de e-mail %s caiu %s.", addr, during[st])
	default:
		f.msg = fmt.Sprintf("Falha na comunicação com o servidor de e-mail %s %s.", addr, during[st])
	}
	return f
}

// replyFailure describes an SMTP error reply.
func replyFailure(f *failure, st stage, host string, e *textproto.Error) *failure {
	reply := fmt.Sprintf("resposta do servidor: %d %s", e.Code, clip(oneLine(e.Msg), 200))
	switch {
	case e.Code == 421:
		f.msg = fmt.Sprintf("O servidor %s está indisponível no momento (%s).", host, reply)
	case st == stageAuth && e.Code >= 500:
		f.code = apperr.CodeAuth
		f.msg = fmt.Sprintf("O servidor %s recusou o usuário ou a senha (%s). Confira o usuário e a senha; no Gmail e no Outlook, use uma senha de app.", host, reply)
	case st == stageAuth:
		f.msg = fmt.Sprintf("O servidor %s não pôde autenticar agora (%s).", host, reply)
	case st == stageMail || st == stageRcpt || st == stageData:
		f.session = false
		what := map[stage]string{
			stageMail: "o remetente",
			stageRcpt: "o destinatário",
			stageData: "a mensagem",
		}[st]
		if e.Code >= 500 {
			f.permanent, f.code = true, apperr.CodeInvalid
			f.msg = fmt.Sprintf("O servidor %s recusou %s (%s).", host, what, reply)
		} else {
			f.msg = fmt.Sprintf("O servidor %s adiou o recebimento d%s (%s).", host, what, reply)
		}
	case e.Code >= 500:
		f.code = apperr.CodeInvalid
		f.msg = fmt.Sprintf("O servidor %s recusou a conexão %s (%s).", host, during[st], reply)
	default:
		f.msg = fmt.Sprintf("O servidor %s pediu para tentar mais tarde %s (%s).", host, during[st], reply)
	}
	return f
}

// certMessage explains why the server's certificate was not accepted.
func certMessage(host string, e *tls.CertificateVerificationError) string {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	switch {
	case errors.As(e.Err, &unknown):
		return fmt.Sprintf("O certificado do servidor %s não foi emitido por uma autoridade confiável para este computador. Confira o nome do servidor; se ele for o certo, fale com o provedor de e-mail.", host)
	case errors.As(e.Err, &hostname):
		names := ""
		if hostname.Certificate != nil {
			names = strings.Join(hostname.Certificate.DNSNames, ", ")
		}
		if names == "" {
			return fmt.Sprintf("O certificado do servidor não vale para o nome “%s”. Confira o nome do servidor SMTP.", host)
		}
		return fmt.Sprintf("O certificado do servidor não vale para o nome “%s” (vale para: %s). Use o nome do servidor que consta no certificado.", host, clip(names, 120))
	case errors.As(e.Err, &invalid) && invalid.Reason == x509.Expired:
		return fmt.Sprintf("O certificado do servidor %s está vencido ou ainda não vale. Confira a data e a hora deste computador; se estiverem certas, fale com o provedor de e-mail.", host)
	}
	return fmt.Sprintf("O certificado do servidor %s não foi aceito (%s).", host, clip(oneLine(e.Err.Error()), 120))
}

func portOf(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

func tlsVersion(v uint16) string {
	switch v {
	case tls.VersionTLS12:
		return "TLS 1.2"
	case tls.VersionTLS13:
		return "TLS 1.3"
	}
	return "TLS"
}

// plainAuth is SASL PLAIN (RFC 4616). Unlike net/smtp's, it decides about
// loopback from the configured host, and its errors never hold the
// password.
type plainAuth struct {
	user, pass string
	loopback   bool
}

func (a *plainAuth) Start(si *smtp.ServerInfo) (string, []byte, error) {
	if !si.TLS && !a.loopback {
		return "", nil, errPlaintextAuth
	}
	return "PLAIN", []byte("\x00" + a.user + "\x00" + a.pass), nil
}

func (a *plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, errUnexpectedAuth
	}
	return nil, nil
}

// loginAuth is the LOGIN mechanism (the only password mechanism some
// providers, such as Microsoft 365, offer): the user, then the password,
// each in answer to a prompt.
type loginAuth struct {
	user, pass string
	loopback   bool
	step       int
}

func (a *loginAuth) Start(si *smtp.ServerInfo) (string, []byte, error) {
	if !si.TLS && !a.loopback {
		return "", nil, errPlaintextAuth
	}
	a.step = 0
	return "LOGIN", nil, nil
}

func (a *loginAuth) Next(prompt []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	a.step++
	p := strings.ToLower(string(prompt))
	switch {
	case strings.Contains(p, "user"), a.step == 1 && !strings.Contains(p, "pass"):
		return []byte(a.user), nil
	case strings.Contains(p, "pass"), a.step == 2:
		return []byte(a.pass), nil
	}
	return nil, errUnexpectedAuth
}
