package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"boletos/internal/intersim"
	"boletos/internal/keychain"
	"boletos/internal/keychain/keychaintest"
)

func newTestKeychain(t *testing.T) func() *keychain.Store {
	t.Helper()
	k := keychaintest.New(t)
	return func() *keychain.Store { return keychain.New(k) }
}

// runAccount runs `boletos account ARGS` the way Main does (same flag set,
// data dir, log file and exit codes), with stdin and the keychain given.
func runAccount(t *testing.T, keys func() *keychain.Store, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &invocation{env: Env{Version: "test", Stdout: &out, Stderr: &errOut}, globals: globals{logLevel: "debug"}}
	fs := c.newFlagSet("account")
	run := bindAccountWith(fs, accountDeps{stdin: strings.NewReader(stdin), keys: keys})
	positional, err := parseArgs(fs, args)
	if err != nil {
		return c.usageError(err), out.String(), errOut.String()
	}
	code := c.finish(c.start(context.Background(), true, func(ctx context.Context) error {
		return run(ctx, c, positional)
	}))
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func startSimForCLI(t *testing.T) *intersim.Sim {
	t.Helper()
	sim, err := intersim.New(intersim.Config{Profile: intersim.ProfileUnlimited})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

const beneficiaryJSON = `{"document": "11.222.333/0001-81", "name": "Padaria Pão Quente Ltda", "address": "Rua das Flores",
 "number": "120", "district": "Centro", "city": "Belo Horizonte", "uf": "MG", "cep": "30110-000"}`

func TestAccountAddListTest(t *testing.T) {
	t.Parallel()
	keys := newTestKeychain(t)
	sim := startSimForCLI(t)
	cr := sim.Credentials()
	files := t.TempDir() // outside the data dir: what the user downloaded
	data := t.TempDir()

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for name, content := range map[string][]byte{"Inter API_Certificado.crt": cr.ClientCertPEM, "Inter API_Chave.key": cr.ClientKeyPEM} {
		w, _ := zw.Create(name)
		w.Write(content)
	}
	zw.Close()
	zipPath := writeFile(t, files, "Inter API.zip", zbuf.Bytes())
	caPath := writeFile(t, files, "ca.crt", cr.CACertPEM)
	benPath := writeFile(t, files, "beneficiario.json", []byte(beneficiaryJSON))

	code, out, errOut := runAccount(t, keys, cr.ClientSecret+"\n", "add", "--data-dir", data,
		"--name", "Simulador local", "--env", "simulator", "--base-url", cr.BaseURL, "--ca", caPath,
		"--zip", zipPath, "--client-id", cr.ClientID, "--client-secret-stdin", "--conta-corrente", cr.ContaCorrente,
		"--beneficiary-json", benPath)
	if code != ExitOK || !strings.Contains(out, "Conta “Simulador local” cadastrada") || !strings.Contains(out, "Válido até:") {
		t.Fatalf("add: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}

	code, out, errOut = runAccount(t, keys, "", "list", "--json", "--data-dir", data)
	if code != ExitOK {
		t.Fatalf("list: %d %s", code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 {
		t.Fatalf("list --json = %q (%v)", out, err)
	}
	it := items[0]
	if it["name"] != "Simulador local" || it["environment"] != "simulator" || it["clientId"] != cr.ClientID ||
		!strings.Contains(it["certificateSubject"].(string), cr.ClientID) || it["daysLeft"].(float64) < 360 ||
		len(it["certificateNotAfter"].(string)) != 10 || it["certificateStatus"] != "ok" {
		t.Errorf("list item %v", it)
	}
	code, text, _ := runAccount(t, keys, "", "list", "--data-dir", data)
	if code != ExitOK || !strings.Contains(text, "Simulador local") || !strings.Contains(text, "simulador") || !strings.Contains(text, "dias") {
		t.Errorf("list: %d %q", code, text)
	}
	keyBlock, _ := pem.Decode(cr.ClientKeyPEM)
	keyB64 := base64.StdEncoding.EncodeToString(keyBlock.Bytes)
	for _, o := range []string{out, text} {
		if strings.Contains(o, cr.ClientSecret) || strings.Contains(o, keyB64[len(keyB64)-80:]) {
			t.Error("account list shows a secret")
		}
	}

	code, out, errOut = runAccount(t, keys, "", "test", "Simulador", "local", "--data-dir", data)
	if code != ExitOK || !strings.Contains(out, "O banco autenticou a integração") || !strings.Contains(out, "funcionando") {
		t.Errorf("test: exit %d\n%s\n%s", code, out, errOut)
	}

	// A second account with the wrong secret: exit 1 and the cause.
	code, _, errOut = runAccount(t, keys, "segredo-errado\n", "add", "--data-dir", data,
		"--name", "Errada", "--env", "simulator", "--base-url", cr.BaseURL, "--ca", caPath,
		"--zip", zipPath, "--client-id", cr.ClientID, "--client-secret-stdin", "--beneficiary-json", benPath)
	if code != ExitOK {
		t.Fatalf("add Errada: %d %s", code, errOut)
	}
	code, out, errOut = runAccount(t, keys, "", "test", "errada", "--json", "--data-dir", data)
	var res testResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("test --json = %q", out)
	}
	if code != ExitFailure || res.OK || !strings.Contains(res.Message, "client id ou secret errados") || len(res.Steps) == 0 {
		t.Errorf("test of the wrong secret: exit %d %+v %s", code, res, errOut)
	}
	code, _, errOut = runAccount(t, keys, "", "test", "Errada", "--data-dir", data)
	if code != ExitFailure || !strings.Contains(errOut, "client id ou secret errados") {
		t.Errorf("test (text): exit %d stderr %q", code, errOut)
	}
	code, _, errOut = runAccount(t, keys, "", "test", "Não existe", "--data-dir", data)
	if code != ExitFailure || !strings.Contains(errOut, "Nenhuma conta se chama “Não existe”") {
		t.Errorf("test of an unknown account: exit %d %q", code, errOut)
	}

	// Neither secret reached the data dir (database, log).
	filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, secret := range []string{cr.ClientSecret, "segredo-errado", keyB64[len(keyB64)-80:]} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds a secret", path)
			}
		}
		return nil
	})
	if log, _ := os.ReadFile(filepath.Join(data, "boletos.log")); !bytes.Contains(log, []byte("account created")) {
		t.Error("the log has no record of the account: the scan proves nothing")
	}
}

func TestAccountAddRefusesBadInput(t *testing.T) {
	t.Parallel()
	keys := newTestKeychain(t)
	files, data := t.TempDir(), t.TempDir()
	zipPath := writeFile(t, files, "Inter.zip", []byte("isto não é um zip"))
	benPath := writeFile(t, files, "b.json", []byte(`{"document": "123", "name": "X", "uf": "MG", "cep": "1"}`))
	code, out, errOut := runAccount(t, keys, "segredo\n", "add", "--data-dir", data, "--name", "Ruim", "--env", "production",
		"--zip", zipPath, "--client-id", "id", "--client-secret-stdin", "--beneficiary-json", benPath)
	if code != ExitFailure {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"erro --zip: O arquivo escolhido não é um ZIP válido", "erro --beneficiary-json (document)", "erro --beneficiary-json (cep)", "erro --beneficiary-json (address)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "segredo") {
		t.Error("the secret was echoed")
	}
	code, out, _ = runAccount(t, keys, "", "list", "--json", "--data-dir", data)
	if code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("after a refused add: %d %q", code, out)
	}

	// A secret announced but not piped in.
	benOK := writeFile(t, files, "ok.json", []byte(beneficiaryJSON))
	code, _, errOut = runAccount(t, keys, "", "add", "--data-dir", data, "--name", "Sem segredo", "--env", "production",
		"--client-id", "id", "--client-secret-stdin", "--direct=false", "--beneficiary-json", benOK)
	if code != ExitFailure || !strings.Contains(errOut, "Nada foi lido da entrada padrão") {
		t.Errorf("no stdin: %d %q", code, errOut)
	}
	// A beneficiary file with a field of another form.
	benBad := writeFile(t, files, "bad.json", []byte(`{"documento": "1"}`))
	code, _, errOut = runAccount(t, keys, "", "add", "--data-dir", data, "--name", "X", "--env", "production", "--beneficiary-json", benBad)
	if code != ExitFailure || !strings.Contains(errOut, `campo desconhecido "documento"`) {
		t.Errorf("unknown JSON field: %d %q", code, errOut)
	}
	// Print-only account: no credentials, no secret.
	code, out, errOut = runAccount(t, keys, "", "add", "--data-dir", data, "--name", "Balcão", "--env", "sandbox", "--direct=false", "--beneficiary-json", benOK)
	if code != ExitOK || !strings.Contains(out, "cadastrada") || strings.Contains(out, "account test") {
		t.Errorf("print-only account: %d %q %q", code, out, errOut)
	}
}

func TestAccountUsageErrors(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"account"}, "informe o que fazer"},
		{[]string{"account", "remove"}, `subcomando desconhecido "remove"`},
		{[]string{"account", "add"}, "--name"},
		{[]string{"account", "add", "--name", "X", "--env", "producao"}, `--env "producao" inválido`},
		{[]string{"account", "add", "--name", "X", "--env", "production", "--base-url", "https://127.0.0.1:1"}, "só valem com --env simulator"},
		{[]string{"account", "add", "--name", "X", "--env", "production", "--cert", "a.crt"}, "--cert ARQUIVO.crt --key ARQUIVO.key"},
		{[]string{"account", "add", "--name", "X", "--env", "production", "--zip", "a.zip", "--pfx", "b.pfx"}, "uma só forma"},
		{[]string{"account", "add", "--name", "X", "--env", "production", "--pfx-password-stdin"}, "só vale com --pfx"},
		{[]string{"account", "add", "--name", "X", "extra"}, "não recebe argumentos"},
		{[]string{"account", "add", "--client-secret", "abc"}, "opção desconhecida -client-secret"},
		{[]string{"account", "add", "--pfx-password=abc"}, "opção desconhecida -pfx-password"},
		{[]string{"account", "list", "--zip", "a.zip"}, "--zip só vale para boletos account add"},
		{[]string{"account", "list", "extra"}, "não recebe argumentos"},
		{[]string{"account", "test"}, "informe o nome da conta"},
		{[]string{"account", "test", "X", "--name", "Y"}, "--name só vale para"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			args := append([]string{"--data-dir", data}, tt.args...)
			code, _, errOut := run(t, Env{}, args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
			if strings.Contains(errOut, "abc") {
				t.Errorf("a secret from the command line was echoed: %q", errOut)
			}
		})
	}
	code, out, _ := run(t, Env{}, "account", "--help")
	if code != ExitOK || !strings.Contains(out, "--client-secret-stdin") || !strings.Contains(out, `"district"`) {
		t.Errorf("account --help: %d %q", code, out)
	}
}
