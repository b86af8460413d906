package intersim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStateFileSurvivesRestart(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "estado.json")
	clk := newClock()
	s1, err := New(Config{StateFile: file, Now: clk.Now, Faults: Faults{Processing: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s1.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, s1)
	issued := a.emit(chargeBody("PERSIST-1", clk.today().AddDays(5)))
	clk.Add(time.Second)
	before := a.detail(issued)
	pending := a.emit(chargeBody("PERSIST-2", clk.today().AddDays(5)))
	a.do("PUT", cobrancas+"/webhook", map[string]string{"webhookUrl": "https://exemplo.com.br/hook"})

	// Saved after each change, not only at Close.
	data, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(data, []byte(pending)) {
		t.Fatalf("state file lacks the last charge: %v", err)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, %v", fi.Mode(), err)
	}
	cr1 := s1.Credentials()
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}

	s2, err := New(Config{StateFile: file, Now: clk.Now, Faults: Faults{Processing: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	cr2 := s2.Credentials()
	if cr2.ClientID != cr1.ClientID || cr2.ClientSecret != cr1.ClientSecret || cr2.ContaCorrente != cr1.ContaCorrente ||
		!bytes.Equal(cr2.CACertPEM, cr1.CACertPEM) || !bytes.Equal(cr2.ClientKeyPEM, cr1.ClientKeyPEM) {
		t.Fatal("identity changed across the restart")
	}
	// The old client files still work against the new process.
	b := newAPI(t, s2)
	after := b.detail(issued)
	if after.Boleto == nil || after.Boleto.CodigoBarras != before.Boleto.CodigoBarras || after.Cobranca.Situacao != sitAReceber {
		t.Errorf("issued charge after restart: %+v", after)
	}
	clk.Add(time.Second)
	second := b.detail(pending)
	if second.Boleto == nil || second.Boleto.NossoNumero[:10] <= before.Boleto.NossoNumero[:10] {
		t.Errorf("nosso número did not continue the sequence: %+v after %s", second.Boleto, before.Boleto.NossoNumero)
	}
	if r := b.do("GET", cobrancas+"/webhook", nil); r.status != http.StatusOK || !strings.Contains(string(r.body), "exemplo.com.br") {
		t.Errorf("webhook after restart: %d %s", r.status, r.body)
	}
	// The duplicate rule also remembers.
	if r := b.do("POST", cobrancas, chargeBody("PERSIST-1", clk.today().AddDays(5))); r.status != http.StatusBadRequest {
		t.Errorf("duplicate after restart: %d", r.status)
	}
}

func TestStateFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "ruim.json")
	if err := os.WriteFile(bad, []byte("{não é json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{StateFile: bad}); err == nil || !strings.Contains(err.Error(), "corrompido") {
		t.Errorf("corrupt state: %v", err)
	}
	future := filepath.Join(dir, "futuro.json")
	if err := os.WriteFile(future, []byte(`{"version":99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{StateFile: future}); err == nil || !strings.Contains(err.Error(), "versão") {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := New(Config{StateFile: filepath.Join(dir, "nao-existe", "estado.json")}); err == nil {
		t.Error("unwritable state path accepted")
	}
	if _, err := New(Config{Profile: "homologacao"}); err == nil || !strings.Contains(err.Error(), "perfil") {
		t.Errorf("unknown profile: %v", err)
	}
}

func TestWriteFiles(t *testing.T) {
	t.Parallel()
	s, _ := startSim(t, Config{})
	dir := filepath.Join(t.TempDir(), "sim")
	if err := s.WriteFiles(dir); err != nil {
		t.Fatal(err)
	}
	cr := s.Credentials()
	for name, want := range map[string][]byte{"ca.crt": cr.CACertPEM, "client.crt": cr.ClientCertPEM, "client.key": cr.ClientKeyPEM} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"client.key", "client.json"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v %v", name, fi.Mode(), err)
		}
	}
	var meta map[string]string
	data, _ := os.ReadFile(filepath.Join(dir, "client.json"))
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	if meta["baseUrl"] != s.URL() || meta["clientId"] != cr.ClientID || meta["clientSecret"] != cr.ClientSecret ||
		meta["contaCorrente"] != cr.ContaCorrente || len(meta) != 4 {
		t.Errorf("client.json %v", meta)
	}
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") {
		t.Errorf("URL %q", s.URL())
	}
	if !bytes.Contains(cr.ClientKeyPEM, []byte("BEGIN PRIVATE KEY")) {
		t.Error("client key is not PKCS#8 PEM")
	}
}

func TestStartTwiceAndAfterClose(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.URL() != "" {
		t.Errorf("URL before Start: %q", s.URL())
	}
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if err := s.Start("127.0.0.1:0"); err == nil {
		t.Error("second Start accepted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Start("127.0.0.1:0"); err == nil {
		t.Error("Start after Close accepted")
	}
}
