// Package smtptest is a small SMTP server on loopback for tests: it speaks
// enough of the protocol for a real client (EHLO/HELO, STARTTLS or implicit
// TLS with a certificate of its own CA, AUTH PLAIN and LOGIN, MAIL, RCPT,
// DATA, RSET, NOOP, QUIT), keeps the messages it accepts, can be told to
// answer a stage with an error reply (421, 451, 550…), and can be taken
// down and brought back on the same address. NXDomainResolver gives a
// resolver for names that do not exist. It is imported by tests only.
package smtptest

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Mode is how the server protects connections.
type Mode int

// Modes.
const (
	STARTTLS Mode = iota // plain TCP, STARTTLS offered (port 587 style)
	TLS                  // TLS from the first byte (port 465 style)
	Plain                // no TLS at all
)

// Config configures a Server.
type Config struct {
	Mode Mode
	// Users are the accepted logins (user → password). Nil: AUTH is not
	// offered and not required.
	Users map[string]string
	// Mechanisms offered in AUTH (default PLAIN LOGIN).
	Mechanisms []string
	// AuthBeforeTLS offers AUTH on a connection not yet encrypted, as a
	// careless server would (STARTTLS mode); by default AUTH is offered
	// only once TLS is on, or always in Plain mode.
	AuthBeforeTLS bool
	// Hostname is the name in the greeting (default "localhost").
	Hostname string
}

// Stage is a point of the protocol where a reply can be imposed.
type Stage string

// Stages.
const (
	Greeting Stage = "greeting" // the 220 on connect
	Ehlo     Stage = "ehlo"
	Auth     Stage = "auth"     // the final reply to AUTH
	Mail     Stage = "mail"     // MAIL FROM
	Rcpt     Stage = "rcpt"     // RCPT TO
	Data     Stage = "data"     // the DATA command (before the content)
	EndData  Stage = "end_data" // the reply after the content's final dot
)

// Message is one message the server accepted.
type Message struct {
	From string   // MAIL FROM address
	To   []string // RCPT TO addresses
	Data []byte   // the content, dot-unstuffed, CRLF line endings, without the final dot line
	User string   // authenticated user; "" when none
	TLS  bool     // the session was encrypted
	At   time.Time
}

type reply struct {
	code  int
	text  string
	times int // remaining uses; < 0: forever
}

// Server is a running test SMTP server.
type Server struct {
	cfg   Config
	addr  string
	roots *x509.CertPool
	tls   *tls.Config
	t     testing.TB

	mu       sync.Mutex
	ln       net.Listener
	conns    map[net.Conn]struct{}
	msgs     []Message
	replies  map[Stage]*reply
	sessions int
	authOK   int
	authFail int
	lines    []string // every command line received, AUTH payloads masked
	wg       sync.WaitGroup
	closed   bool
}

// Start starts a server on 127.0.0.1 and a random port; it is closed when
// the test ends.
func Start(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Hostname == "" {
		cfg.Hostname = "localhost"
	}
	if len(cfg.Mechanisms) == 0 {
		cfg.Mechanisms = []string{"PLAIN", "LOGIN"}
	}
	cert, roots, err := newCertificate()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{
		cfg: cfg, roots: roots, t: t,
		tls:     &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		conns:   map[net.Conn]struct{}{},
		replies: map[Stage]*reply{},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(s.Close)
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr }

// Host is the server's IP address ("127.0.0.1").
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.addr); return h }

// Port is the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

// RootCAs holds the CA that signed the server's certificate (valid for
// localhost, 127.0.0.1 and ::1).
func (s *Server) RootCAs() *x509.CertPool { return s.roots }

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Sessions is the number of connections accepted so far.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// Logins returns the number of successful and failed AUTH exchanges.
func (s *Server) Logins() (ok, failed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authOK, s.authFail
}

// Commands returns every command line received so far, in order, with the
// AUTH payloads replaced by "***".
func (s *Server) Commands() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

// Reply makes the next times commands at stage get code and text instead
// of the normal answer (times < 0: until Clear). A 421 also closes the
// connection, as real servers do.
func (s *Server) Reply(stage Stage, code int, text string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[stage] = &reply{code: code, text: text, times: times}
}

// Clear removes every imposed reply.
func (s *Server) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = map[Stage]*reply{}
}

// Down stops listening and drops every connection: clients get "connection
// refused" until Up.
func (s *Server) Down() {
	s.mu.Lock()
	ln := s.ln
	s.ln = nil
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	if ln != nil {
		ln.Close()
	}
}

// Up listens again on the same address.
func (s *Server) Up() {
	s.t.Helper()
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("smtptest: listen again on %s: %v", s.addr, err)
	}
	s.serve(ln)
}

// Close stops the server and waits for its goroutines.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.Down()
	s.wg.Wait()
}

func (s *Server) serve(ln net.Listener) {
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			if s.closed {
				s.mu.Unlock()
				c.Close()
				return
			}
			s.conns[c] = struct{}{}
			s.sessions++
			s.mu.Unlock()
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer func() {
					s.mu.Lock()
					delete(s.conns, c)
					s.mu.Unlock()
					c.Close()
				}()
				s.handle(c)
			}()
		}
	}()
}

// imposed returns the reply imposed on stage, if any, using it up.
func (s *Server) imposed(stage Stage) (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.replies[stage]
	if !ok {
		return reply{}, false
	}
	if r.times > 0 {
		r.times--
		if r.times == 0 {
			delete(s.replies, stage)
		}
	}
	return *r, true
}

// conn is the state of one session.
type conn struct {
	s      *Server
	c      net.Conn
	r      *bufio.Reader
	tls    bool
	helo   bool
	user   string
	from   string
	rcpts  []string
	inMail bool
}

func (cn *conn) write(code int, text string) error {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		fmt.Fprintf(&b, "%d%s%s\r\n", code, sep, l)
	}
	_ = cn.c.SetWriteDeadline(time.Now().Add(10 * time.Second))
	_, err := cn.c.Write([]byte(b.String()))
	return err
}

func (cn *conn) readLine() (string, error) {
	_ = cn.c.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := cn.r.ReadString('\n')
	if err != nil {
		return "", err
	}
	if len(line) > 64<<10 {
		return "", errors.New("line too long")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// answer writes the imposed reply of stage and reports true, or reports
// false when there is none. errClose asks the caller to end the session.
func (cn *conn) answer(stage Stage) (bool, error) {
	r, ok := cn.s.imposed(stage)
	if !ok {
		return false, nil
	}
	if err := cn.write(r.code, r.text); err != nil {
		return true, err
	}
	if r.code == 421 {
		return true, errClose
	}
	return true, nil
}

var errClose = errors.New("close")

func (s *Server) handle(c net.Conn) {
	cn := &conn{s: s, c: c}
	if s.cfg.Mode == TLS {
		tc := tls.Server(c, s.tls)
		_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return
		}
		cn.c, cn.tls = tc, true
	}
	cn.r = bufio.NewReader(cn.c)
	if done, err := cn.answer(Greeting); err != nil || done {
		return
	}
	if cn.write(220, s.cfg.Hostname+" ESMTP smtptest") != nil {
		return
	}
	for {
		line, err := cn.readLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		logged := line
		if verb == "AUTH" {
			mech, _, _ := strings.Cut(arg, " ")
			logged = "AUTH " + mech + " ***"
		}
		s.mu.Lock()
		s.lines = append(s.lines, logged)
		s.mu.Unlock()
		if err := cn.command(verb, arg); err != nil {
			return
		}
	}
}

func (cn *conn) offerAuth() bool {
	s := cn.s
	return s.cfg.Users != nil && (cn.tls || s.cfg.Mode == Plain || s.cfg.AuthBeforeTLS)
}

func (cn *conn) command(verb, arg string) error {
	s := cn.s
	switch verb {
	case "EHLO", "HELO":
		if done, err := cn.answer(Ehlo); done || err != nil {
			return err
		}
		cn.helo, cn.inMail, cn.from, cn.rcpts = true, false, "", nil
		if verb == "HELO" {
			return cn.write(250, s.cfg.Hostname)
		}
		ext := []string{s.cfg.Hostname + " greets " + arg, "PIPELINING", "8BITMIME", "SIZE 10485760"}
		if s.cfg.Mode == STARTTLS && !cn.tls {
			ext = append(ext, "STARTTLS")
		}
		if cn.offerAuth() {
			ext = append(ext, "AUTH "+strings.Join(s.cfg.Mechanisms, " "))
		}
		return cn.write(250, strings.Join(ext, "\n"))
	case "STARTTLS":
		if s.cfg.Mode != STARTTLS || cn.tls {
			return cn.write(502, "5.5.1 STARTTLS not available")
		}
		if err := cn.write(220, "2.0.0 Ready to start TLS"); err != nil {
			return err
		}
		tc := tls.Server(cn.c, s.tls)
		_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return err
		}
		cn.c, cn.r, cn.tls = tc, bufio.NewReader(tc), true
		cn.helo, cn.user, cn.inMail, cn.from, cn.rcpts = false, "", false, "", nil
		return nil
	case "AUTH":
		return cn.auth(arg)
	case "MAIL":
		switch {
		case !cn.helo:
			return cn.write(503, "5.5.1 EHLO first")
		case s.cfg.Users != nil && cn.user == "":
			return cn.write(530, "5.7.0 Authentication required")
		case s.cfg.Mode != Plain && !cn.tls:
			return cn.write(530, "5.7.0 Must issue a STARTTLS command first")
		}
		addr, ok := pathArg(arg, "FROM:")
		if !ok {
			return cn.write(501, "5.5.4 Syntax: MAIL FROM:<address>")
		}
		if done, err := cn.answer(Mail); done || err != nil {
			return err
		}
		cn.inMail, cn.from, cn.rcpts = true, addr, nil
		return cn.write(250, "2.1.0 Ok")
	case "RCPT":
		if !cn.inMail {
			return cn.write(503, "5.5.1 MAIL first")
		}
		addr, ok := pathArg(arg, "TO:")
		if !ok || addr == "" {
			return cn.write(501, "5.5.4 Syntax: RCPT TO:<address>")
		}
		if done, err := cn.answer(Rcpt); done || err != nil {
			return err
		}
		cn.rcpts = append(cn.rcpts, addr)
		return cn.write(250, "2.1.5 Ok")
	case "DATA":
		if len(cn.rcpts) == 0 {
			return cn.write(503, "5.5.1 RCPT first")
		}
		if done, err := cn.answer(Data); done || err != nil {
			return err
		}
		if err := cn.write(354, "End data with <CR><LF>.<CR><LF>"); err != nil {
			return err
		}
		data, err := cn.readData()
		if err != nil {
			return err
		}
		from, rcpts := cn.from, cn.rcpts
		cn.inMail, cn.from, cn.rcpts = false, "", nil
		if done, err := cn.answer(EndData); done || err != nil {
			return err
		}
		s.mu.Lock()
		s.msgs = append(s.msgs, Message{From: from, To: rcpts, Data: data, User: cn.user, TLS: cn.tls, At: time.Now()})
		s.mu.Unlock()
		return cn.write(250, "2.0.0 Ok: queued")
	case "RSET":
		cn.inMail, cn.from, cn.rcpts = false, "", nil
		return cn.write(250, "2.0.0 Ok")
	case "NOOP":
		return cn.write(250, "2.0.0 Ok")
	case "QUIT":
		_ = cn.write(221, "2.0.0 Bye")
		return errClose
	}
	return cn.write(502, "5.5.2 Command not recognized")
}

// auth runs AUTH PLAIN or AUTH LOGIN.
func (cn *conn) auth(arg string) error {
	s := cn.s
	if !cn.offerAuth() {
		return cn.write(503, "5.5.1 AUTH not available")
	}
	if cn.user != "" {
		return cn.write(503, "5.5.1 Already authenticated")
	}
	mech, initial, _ := strings.Cut(arg, " ")
	mech = strings.ToUpper(mech)
	offered := false
	for _, m := range s.cfg.Mechanisms {
		offered = offered || strings.EqualFold(m, mech)
	}
	if !offered {
		return cn.write(504, "5.5.4 Unrecognized authentication type")
	}
	var user, pass string
	switch mech {
	case "PLAIN":
		if initial == "" {
			if err := cn.write(334, ""); err != nil {
				return err
			}
			var err error
			if initial, err = cn.readLine(); err != nil {
				return err
			}
		}
		raw, err := base64.StdEncoding.DecodeString(initial)
		parts := strings.Split(string(raw), "\x00")
		if err != nil || len(parts) != 3 {
			return cn.write(501, "5.5.2 Cannot decode response")
		}
		user, pass = parts[1], parts[2]
	case "LOGIN":
		for i, prompt := range []string{"Username:", "Password:"} {
			if i > 0 || initial == "" {
				if err := cn.write(334, base64.StdEncoding.EncodeToString([]byte(prompt))); err != nil {
					return err
				}
				var err error
				if initial, err = cn.readLine(); err != nil {
					return err
				}
			}
			raw, err := base64.StdEncoding.DecodeString(initial)
			if err != nil {
				return cn.write(501, "5.5.2 Cannot decode response")
			}
			if i == 0 {
				user = string(raw)
			} else {
				pass = string(raw)
			}
		}
	}
	if done, err := cn.answer(Auth); done || err != nil {
		s.mu.Lock()
		s.authFail++
		s.mu.Unlock()
		return err
	}
	want, ok := s.cfg.Users[user]
	s.mu.Lock()
	if ok && want == pass {
		s.authOK++
	} else {
		s.authFail++
	}
	s.mu.Unlock()
	if !ok || want != pass {
		return cn.write(535, "5.7.8 Authentication credentials invalid")
	}
	cn.user = user
	return cn.write(235, "2.7.0 Authentication successful")
}

// readData reads the content of DATA up to the line with a single dot,
// undoing the dot-stuffing.
func (cn *conn) readData() ([]byte, error) {
	var b strings.Builder
	for {
		line, err := cn.readLine()
		if err != nil {
			return nil, err
		}
		if line == "." {
			return []byte(b.String()), nil
		}
		if strings.HasPrefix(line, ".") {
			line = line[1:]
		}
		b.WriteString(line)
		b.WriteString("\r\n")
		if b.Len() > 20<<20 {
			return nil, errors.New("message too large")
		}
	}
}

// pathArg reads "FROM:<addr> params" (or TO:), returning addr.
func pathArg(arg, prefix string) (string, bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", false
	}
	rest := strings.TrimSpace(arg[len(prefix):])
	if !strings.HasPrefix(rest, "<") {
		return "", false
	}
	end := strings.IndexByte(rest, '>')
	if end < 0 {
		return "", false
	}
	return rest[1:end], true
}

// newCertificate makes a CA and a server certificate it signs, valid for
// localhost, 127.0.0.1 and ::1 for a day.
func newCertificate() (tls.Certificate, *x509.CertPool, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "smtptest CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(caCert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, roots, nil
}

// NXDomainResolver returns a resolver (Go's own, not the system's) whose
// queries all go to a DNS server on loopback that answers every question
// "no such domain" (NXDOMAIN): a name that does not exist, without a query
// leaving the machine.
func NXDomainResolver(t testing.TB) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if resp := nxdomain(buf[:n]); resp != nil {
				_, _ = pc.WriteTo(resp, addr)
			}
		}
	}()
	server := pc.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", server)
	}}
}

// nxdomain builds the NXDOMAIN answer to a DNS query: its header and
// question, with QR, RA and RCODE 3 set and no records.
func nxdomain(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	i := 12
	for i < len(q) && q[i] != 0 {
		i += int(q[i]) + 1
	}
	i += 1 + 4 // the root label, QTYPE and QCLASS
	if i > len(q) {
		return nil
	}
	resp := append([]byte(nil), q[:i]...)
	flags := binary.BigEndian.Uint16(q[2:4])
	binary.BigEndian.PutUint16(resp[2:4], 0x8000|flags&0x7900|0x0080|3) // QR, opcode and RD echoed, RA, NXDOMAIN
	binary.BigEndian.PutUint16(resp[4:6], 1)
	clear(resp[6:12])
	return resp
}
