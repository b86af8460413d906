// Package webserve serves the built frontend and the bound façades over HTTP on
// loopback, so the real UI runs in any browser against the real backend
// (`boletos serve`). Calls are POST /api/call/<Struct>.<Method> with a JSON
// array of arguments; events are Server-Sent Events on /api/events.
//
// Only loopback addresses are accepted. Every request needs the random token
// given in the printed URL (a cookie after the first load), a Host naming the
// listener, and, when it carries one, an Origin of the same address.
package webserve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"boletos/internal/apperr"
)

const cookieName = "boletos_token"

// Options configures a Server.
type Options struct {
	Addr        string // host:port; host must be loopback; port 0 picks a free one
	Assets      fs.FS  // the built frontend, index.html at its root
	Bindings    []any  // pointers to the bound façades
	FormatError func(error) any
	Logger      *slog.Logger
	// Token is the session token to accept; empty makes a new random one.
	// A restart of the program passes the old one on, so that the page
	// already open keeps its access.
	Token string
}

// Server is a running browser-mode listener.
type Server struct {
	opts     Options
	log      *slog.Logger
	ln       net.Listener
	token    string
	hosts    map[string]bool // accepted Host header values
	origins  map[string]bool // accepted Origin header values
	methods  map[string]method
	events   *broker
	mux      *http.ServeMux
	shutdown time.Duration
}

// Listen binds the address and prepares the server; Serve starts answering.
func Listen(opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.FormatError == nil {
		opts.FormatError = func(err error) any {
			code, msg := apperr.Describe(err)
			return map[string]string{"code": code, "message": msg}
		}
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"Endereço %q inválido para --addr. Use o formato 127.0.0.1:PORTA (por exemplo 127.0.0.1:8080, ou 127.0.0.1:0 para qualquer porta livre).", opts.Addr))
	}
	if !isLoopback(host) {
		return nil, apperr.Invalid(
			"Por segurança, o modo navegador só aceita endereços locais (127.0.0.1, ::1 ou localhost); %q não é local. Use --addr 127.0.0.1:PORTA.", host)
	}
	if opts.Token != "" && len(opts.Token) < minTokenLen {
		return nil, fmt.Errorf("webserve: token of %d characters is too short", len(opts.Token))
	}
	methods, err := collectMethods(opts.Bindings)
	if err != nil {
		return nil, err
	}
	ln, err := listen(opts.Addr, opts.Token != "")
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
				"A porta de %s já está em uso por outro programa. Feche-o ou escolha outra porta com --addr 127.0.0.1:PORTA (0 escolhe uma livre).", opts.Addr))
		}
		return nil, apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível abrir %s para o modo navegador. Escolha outro endereço com --addr 127.0.0.1:PORTA.", opts.Addr))
	}
	token := opts.Token
	if token == "" {
		if token, err = newToken(); err != nil {
			ln.Close()
			return nil, err
		}
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		ln:       ln,
		token:    token,
		methods:  methods,
		events:   newBroker(opts.Logger),
		shutdown: 5 * time.Second,
	}
	s.allowAddress(ln.Addr().(*net.TCPAddr).Port)
	s.routes()
	return s, nil
}

// minTokenLen is the shortest token accepted from Options (newToken makes
// 43 characters).
const minTokenLen = 32

// listen binds addr. Resuming a session after a restart, the port may take a
// moment to be free again: it is retried for a few seconds.
func listen(addr string, resuming bool) (net.Listener, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", addr)
		if err == nil || !resuming || !errors.Is(err, syscall.EADDRINUSE) || time.Now().After(deadline) {
			return ln, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webserve token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// allowAddress records the Host and Origin values that name this listener, so
// that a page on another site (or a rebound DNS name) is refused.
func (s *Server) allowAddress(port int) {
	p := strconv.Itoa(port)
	s.hosts = map[string]bool{}
	s.origins = map[string]bool{}
	for _, h := range []string{"127.0.0.1", "localhost", "[::1]"} {
		s.hosts[h+":"+p] = true
		s.origins["http://"+h+":"+p] = true
	}
}

// URL is the address to open, with the token; give it only to the user.
func (s *Server) URL() string {
	return fmt.Sprintf("http://%s/?token=%s", s.ln.Addr().String(), s.token)
}

// Addr is the address the server listens on (host:port).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Token is the session token; hand it only to the program's own restart.
func (s *Server) Token() string { return s.token }

// Publish sends an event to every connected browser.
func (s *Server) Publish(name string, payload any) { s.events.publish(name, payload) }

// Serve answers requests until ctx is cancelled, then shuts down.
func (s *Server) Serve(ctx context.Context) error {
	srv := &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve shutdown: %w", err)
	}
	return nil
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.Handle("POST /api/call/{name}", s.guard(http.HandlerFunc(s.handleCall)))
	s.mux.Handle("GET /api/events", s.guard(http.HandlerFunc(s.handleEvents)))
	s.mux.Handle("GET /", s.guard(s.staticHandler()))
}

// guard applies the Host, Origin and token checks to every request.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts[r.Host] {
			http.Error(w, "Endereço não permitido.", http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !s.origins[o] {
			http.Error(w, "Origem não permitida.", http.StatusForbidden)
			return
		}
		if q := r.URL.Query().Get("token"); q != "" && r.Method == http.MethodGet {
			if !s.validToken(q) {
				http.Error(w, "Token inválido. Abra o endereço exato que o comando boletos serve mostrou.", http.StatusUnauthorized)
				return
			}
			http.SetCookie(w, &http.Cookie{
				Name: cookieName, Value: s.token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode,
			})
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		c, err := r.Cookie(cookieName)
		if err != nil || !s.validToken(c.Value) {
			http.Error(w, "Acesso negado. Abra o endereço com o token que o comando boletos serve mostrou.", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) validToken(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func (s *Server) staticHandler() http.Handler {
	files := http.FileServerFS(s.opts.Assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Cache-Control", "no-store")
		}
		files.ServeHTTP(w, r)
	})
}
