package webserve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"boletos/internal/apperr"
)

type Calc struct{ calls int }

type Sum struct {
	Total int `json:"total"`
}

func (c *Calc) Add(a, b int) (Sum, error) { return Sum{Total: a + b}, nil }
func (c *Calc) Refuse(field string) (Sum, error) {
	return Sum{}, apperr.Invalid("O campo %s está errado.", field)
}
func (c *Calc) Secret() error      { return errors.New("password=hunter2") }
func (c *Calc) Boom() (int, error) { panic("kaboom") }

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := Listen(Options{
		Addr:     "127.0.0.1:0",
		Assets:   fstest.MapFS{"index.html": {Data: []byte("<html>Boletos</html>")}},
		Bindings: []any{&Calc{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}

// browser returns a client that opened the printed URL, so it holds the cookie.
func browser(t *testing.T, s *Server) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := c.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Boletos") {
		t.Fatalf("opening the URL: %d %q", resp.StatusCode, body)
	}
	if resp.Request.URL.RawQuery != "" {
		t.Errorf("token left in the address bar: %s", resp.Request.URL)
	}
	u, _ := url.Parse(s.URL())
	return c, u.Scheme + "://" + u.Host
}

func call(t *testing.T, c *http.Client, base, name, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/call/"+name, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func TestCalls(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c, base := browser(t, s)

	status, out := call(t, c, base, "Calc.Add", "[2, 40]", map[string]string{"Origin": base})
	if status != 200 || out["total"] != float64(42) {
		t.Fatalf("Add = %d %v", status, out)
	}
	status, out = call(t, c, base, "Calc.Refuse", `["valor"]`, nil)
	if status != 422 || out["code"] != apperr.CodeInvalid || out["message"] != "O campo valor está errado." {
		t.Fatalf("Refuse = %d %v", status, out)
	}
	status, out = call(t, c, base, "Calc.Secret", `[]`, nil)
	if status != 500 || out["code"] != apperr.CodeInternal || strings.Contains(out["message"].(string), "hunter2") {
		t.Fatalf("Secret = %d %v", status, out)
	}
	status, out = call(t, c, base, "Calc.Boom", `[]`, nil)
	if status != 500 || out["code"] != apperr.CodeInternal || strings.Contains(out["message"].(string), "kaboom") {
		t.Fatalf("Boom = %d %v", status, out)
	}
	status, out = call(t, c, base, "Calc.Add", `[1]`, nil)
	if status != 422 || !strings.Contains(out["message"].(string), "espera 2") {
		t.Fatalf("wrong arity = %d %v", status, out)
	}
	status, out = call(t, c, base, "Calc.Add", `["a", 1]`, nil)
	if status != 422 {
		t.Fatalf("wrong type = %d %v", status, out)
	}
	status, _ = call(t, c, base, "Calc.Nope", `[]`, nil)
	if status != 404 {
		t.Fatalf("unknown method = %d", status)
	}
}

func TestRefusesStrangers(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c, base := browser(t, s)
	anon := &http.Client{Timeout: 10 * time.Second}

	if status, _ := call(t, anon, base, "Calc.Add", "[1,2]", nil); status != 401 {
		t.Errorf("no token: status %d, want 401", status)
	}
	if status, _ := call(t, c, base, "Calc.Add", "[1,2]", map[string]string{"Origin": "http://evil.example"}); status != 403 {
		t.Errorf("foreign origin: status %d, want 403", status)
	}
	if status, _ := call(t, c, base, "Calc.Add", "[1,2]", map[string]string{"Content-Type": "text/plain"}); status != 415 {
		t.Errorf("form-like post: status %d, want 415", status)
	}
	// A page on a DNS name rebound to 127.0.0.1 sends its own Host.
	req, _ := http.NewRequest(http.MethodGet, base+"/", nil)
	req.Host = "evil.example:80"
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("foreign host: status %d, want 403", resp.StatusCode)
	}
	resp, err = anon.Get(base + "/?token=wrong")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong token: status %d, want 401", resp.StatusCode)
	}
	resp, err = anon.Get(base + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("static without token: status %d, want 401", resp.StatusCode)
	}
}

func TestEvents(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c, base := browser(t, s)
	resp, err := c.Get(base + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // ": conectado", written after the subscription exists
	s.Publish("boleto:changed", map[string]string{"id": "7"})
	for lines.Scan() {
		line := lines.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		var env struct {
			Name string            `json:"name"`
			Data map[string]string `json:"data"`
		}
		if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &env); err != nil {
			t.Fatal(err)
		}
		if env.Name != "boleto:changed" || env.Data["id"] != "7" {
			t.Fatalf("event = %+v", env)
		}
		return
	}
	t.Fatalf("stream ended without the event: %v", lines.Err())
}

func TestListenRefusesBadAddresses(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.168.0.10:8080", "nonsense"} {
		_, err := Listen(Options{Addr: addr, Assets: fstest.MapFS{}})
		code, msg := apperr.Describe(err)
		if code != apperr.CodeInvalid || !strings.Contains(msg, "--addr") {
			t.Errorf("Listen(%q) = %q %q", addr, code, msg)
		}
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = Listen(Options{Addr: busy.Addr().String(), Assets: fstest.MapFS{}})
	if _, msg := apperr.Describe(err); !strings.Contains(msg, "já está em uso") {
		t.Errorf("busy port: %v", err)
	}
}

// A restart hands the address and the token to the next server: the browser
// that opened the first keeps its cookie and its access.
func TestResumeKeepsAddressAndToken(t *testing.T) {
	t.Parallel()
	assets := fstest.MapFS{"index.html": {Data: []byte("<html>Boletos</html>")}}
	first, err := Listen(Options{Addr: "127.0.0.1:0", Assets: assets, Bindings: []any{&Calc{}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- first.Serve(ctx) }()
	c, base := browser(t, first)
	if status, out := call(t, c, base, "Calc.Add", "[1, 2]", nil); status != 200 || out["total"] != float64(3) {
		t.Fatalf("first server: %d %v", status, out)
	}
	addr, token := first.Addr(), first.Token()
	if len(token) < minTokenLen || !strings.Contains(first.URL(), addr) || !strings.Contains(first.URL(), token) {
		t.Fatalf("Addr %q Token %q URL %q", addr, token, first.URL())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	second, err := Listen(Options{Addr: addr, Token: token, Assets: assets, Bindings: []any{&Calc{}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	done2 := make(chan error, 1)
	go func() { done2 <- second.Serve(ctx2) }()
	defer func() {
		cancel2()
		<-done2
	}()
	c.CloseIdleConnections() // the first server closed them; a browser opens new ones
	if second.Addr() != addr || second.URL() != first.URL() {
		t.Errorf("second server at %s (%s), want %s", second.Addr(), second.URL(), first.URL())
	}
	if status, out := call(t, c, base, "Calc.Add", "[20, 22]", map[string]string{"Origin": base}); status != 200 || out["total"] != float64(42) {
		t.Errorf("the old cookie on the new server: %d %v", status, out)
	}
	anon := &http.Client{Timeout: 10 * time.Second}
	if status, _ := call(t, anon, base, "Calc.Add", "[1, 1]", nil); status != http.StatusUnauthorized {
		t.Errorf("without the cookie: %d", status)
	}

	if _, err := Listen(Options{Addr: "127.0.0.1:0", Token: "curto", Assets: assets}); err == nil {
		t.Error("a short token was accepted")
	}
}
