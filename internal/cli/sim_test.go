package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
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

// startSimCommand runs `boletos sim ARGS` with a cancellable context, as
// Main would after parsing, and returns the stop function and the result.
func startSimCommand(t *testing.T, dataDir string, args ...string) (stdout *syncBuffer, stop func() error) {
	t.Helper()
	fs := flag.NewFlagSet("boletos sim", flag.ContinueOnError)
	run := bindSim(fs)
	positional, err := parseArgs(fs, args)
	if err != nil {
		t.Fatal(err)
	}
	stdout = &syncBuffer{}
	c := &invocation{
		env:     Env{Stdout: stdout, Stderr: io.Discard},
		session: Session{DataDir: dataDir, Logger: slog.New(slog.DiscardHandler), Stdout: stdout, Stderr: io.Discard},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, c, positional) }()
	var once sync.Once
	var result error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(10 * time.Second):
				t.Error("sim did not stop after the context was cancelled")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	return stdout, stop
}

func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if data, err := os.ReadFile(path); err == nil {
			return data
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never appeared", path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSimWritesFilesAndServes(t *testing.T) {
	t.Parallel()
	dataDir := t.TempDir()
	out := filepath.Join(t.TempDir(), "arquivos")
	stdout, stop := startSimCommand(t, dataDir, "--out", out, "--addr", "127.0.0.1:0")

	var meta struct{ BaseURL, ClientID, ClientSecret, ContaCorrente string }
	if err := json.Unmarshal(waitFile(t, filepath.Join(out, "client.json")), &meta); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(meta.BaseURL, "https://127.0.0.1:") || meta.ClientID == "" || meta.ClientSecret == "" || meta.ContaCorrente == "" {
		t.Fatalf("client.json %+v", meta)
	}
	if fi, err := os.Stat(filepath.Join(out, "client.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("client.key: %v %v", fi, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stdout.String(), "Ctrl+C") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{meta.BaseURL, out, "client.json", "ca.crt"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}

	// A plain client built from the files gets a token.
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(waitFile(t, filepath.Join(out, "ca.crt"))) {
		t.Fatal("ca.crt is not PEM")
	}
	pair, err := tls.LoadX509KeyPair(filepath.Join(out, "client.crt"), filepath.Join(out, "client.key"))
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	form := url.Values{"client_id": {meta.ClientID}, "client_secret": {meta.ClientSecret}, "grant_type": {"client_credentials"}, "scope": {"boleto-cobranca.read boleto-cobranca.write"}}
	resp, err := client.Post(meta.BaseURL+"/oauth/v2/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || tok.AccessToken == "" || tok.TokenType != "Bearer" {
		t.Fatalf("token: %d %+v %v", resp.StatusCode, tok, err)
	}

	if err := stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if _, err := client.Post(meta.BaseURL+"/oauth/v2/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())); err == nil {
		t.Error("the simulator still answers after stopping")
	}
}

func TestSimDefaultsToDataDirAndKeepsState(t *testing.T) {
	t.Parallel()
	dataDir := t.TempDir()
	state := filepath.Join(dataDir, "estado.json")
	_, stop := startSimCommand(t, dataDir, "--json", "--state", state, "--profile", "production")
	first := waitFile(t, filepath.Join(dataDir, "sim", "client.json"))
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(state); err != nil {
		t.Fatalf("state file: %v", err)
	}
	os.Remove(filepath.Join(dataDir, "sim", "client.json"))
	stdout, stop2 := startSimCommand(t, dataDir, "--json", "--state", state)
	second := waitFile(t, filepath.Join(dataDir, "sim", "client.json"))
	var a, b map[string]string
	json.Unmarshal(first, &a)
	json.Unmarshal(second, &b)
	if a["clientId"] == "" || a["clientId"] != b["clientId"] || a["clientSecret"] != b["clientSecret"] {
		t.Errorf("credentials changed across restarts: %v / %v", a, b)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stdout.String(), "\n") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	var res simResult
	if err := json.Unmarshal([]byte(stdout.String()), &res); err != nil || res.BaseURL != b["baseUrl"] || len(res.Files) != 4 || res.Profile != "sandbox" {
		t.Errorf("--json output %q: %v", stdout.String(), err)
	}
	if err := stop2(); err != nil {
		t.Error(err)
	}
}

func TestSimCommandLine(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, Env{}, "sim", "--help", "--data-dir", t.TempDir())
	if code != ExitOK {
		t.Fatalf("--help exit %d", code)
	}
	for _, want := range []string{"--addr", "--profile", "--faults", "--out", "--state", "latency", "jitter", "error", "drop", "timeout", "ratelimit", "processing", "stuck", "empty400", "empty401", "seed", "FALHA"} {
		if !strings.Contains(out, want) {
			t.Errorf("sim --help lacks %q", want)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"sim", "--addr", "0.0.0.0:8080"}, "só atende neste computador"},
		{[]string{"sim", "--addr", "192.168.0.10:0"}, "só atende neste computador"},
		{[]string{"sim", "--addr", ":8080"}, "só atende neste computador"},
		{[]string{"sim", "--addr", "semporta"}, "--addr"},
		{[]string{"sim", "--profile", "homologacao"}, "--profile"},
		{[]string{"sim", "--faults", "error=2"}, `"error=2"`},
		{[]string{"sim", "extra"}, "não recebe argumentos"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			args := append(tt.args, "--data-dir", t.TempDir())
			code, _, errOut := run(t, Env{}, args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
	if !faultGiven("latency=1ms, Processing=0", "processing") || faultGiven("latency=1ms", "processing") {
		t.Error("faultGiven")
	}
}
