package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls Main as the binary would and returns exit code, stdout, stderr.
func run(t *testing.T, env Env, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	if env.Version == "" {
		env.Version = "1.2.3-test"
	}
	if env.Desktop == nil {
		env.Desktop = func(context.Context, Session) error { t.Error("desktop started"); return nil }
	}
	if env.Serve == nil {
		env.Serve = func(context.Context, Session, string) error { t.Error("serve started"); return nil }
	}
	code := Main(args, env)
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, Env{}, "version")
	if code != ExitOK || out != "boletos 1.2.3-test\n" {
		t.Errorf("version = %d %q", code, out)
	}
	code, out, _ = run(t, Env{}, "version", "--json")
	if code != ExitOK || strings.TrimSpace(out) != `{"version":"1.2.3-test"}` {
		t.Errorf("version --json = %d %q", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `comando desconhecido "frobnicate"`},
		{[]string{"--log-level", "loud", "version"}, "--log-level"},
		{[]string{"barcode"}, "informe o código"},
		{[]string{"barcode", "--nope", "1"}, "opção desconhecida -nope"},
		{[]string{"barcode", "--ref-date", "31/12/2026", "123"}, "--ref-date"},
		{[]string{"version", "extra"}, "não recebe argumentos"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			code, _, errOut := run(t, Env{}, tt.args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace shown: %q", errOut)
			}
		})
	}
}

func TestHelpListsCommands(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, Env{}, "help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, cmd := range commands() {
		if !strings.Contains(out, cmd.name) {
			t.Errorf("help does not list %s", cmd.name)
		}
	}
}

func TestNoArgumentsStartsDesktopWithDataDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "novo", "boletos")
	var got Session
	code, _, _ := run(t, Env{Desktop: func(_ context.Context, s Session) error {
		got = s
		s.Logger.Info("hello from desktop")
		return nil
	}}, "--data-dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if got.DataDir != dir {
		t.Errorf("data dir %q, want %q", got.DataDir, dir)
	}
	log, err := os.ReadFile(filepath.Join(dir, "boletos.log"))
	if err != nil || !strings.Contains(string(log), "hello from desktop") {
		t.Errorf("log file: %v %q", err, log)
	}
}

func TestServeGetsAddressAndFlagsAfterCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var gotAddr, gotDir string
	var gotDemo bool
	serve := func(_ context.Context, s Session, addr string) error {
		gotAddr, gotDir, gotDemo = addr, s.DataDir, s.Demo
		return nil
	}
	code, _, errOut := run(t, Env{Serve: serve}, "serve", "--addr", "127.0.0.1:9999", "--data-dir", dir)
	if code != ExitOK || gotAddr != "127.0.0.1:9999" || gotDir != dir || gotDemo {
		t.Errorf("serve: exit %d addr %q dir %q demo %v stderr %q", code, gotAddr, gotDir, gotDemo, errOut)
	}
	code, _, _ = run(t, Env{Serve: serve}, "serve", "--demo", "--data-dir", dir)
	if code != ExitOK || !gotDemo {
		t.Errorf("serve --demo: exit %d demo %v", code, gotDemo)
	}
}

func TestUnwritableDataDir(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "arquivo")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, Env{}, "serve", "--data-dir", filepath.Join(file, "dados"))
	if code != ExitFailure || !strings.Contains(errOut, "Não foi possível gravar na pasta de dados") || !strings.Contains(errOut, "--data-dir") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
}

func TestBarcodeJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{
			name: "formatted linha in several words",
			args: []string{"barcode", "--json", "07790.00116", "12064.449908", "08159.365561", "7", "90020000015130"},
			want: `{"valid":true,"bank":"077","barcode":"07797900200000151300001112064449900815936556","digitableLine":"07790001161206444990808159365561790020000015130","formatted":"07790.00116 12064.449908 08159.365561 7 90020000015130","dueDate":"2022-05-31","amount":"151.30"}`,
		},
		{
			name: "barcode with flag after the code",
			args: []string{"barcode", "07797900200000151300001112064449900815936556", "--json"},
			want: `{"valid":true,"bank":"077","barcode":"07797900200000151300001112064449900815936556","digitableLine":"07790001161206444990808159365561790020000015130","formatted":"07790.00116 12064.449908 08159.365561 7 90020000015130","dueDate":"2022-05-31","amount":"151.30"}`,
		},
		{
			name: "reference date chooses the 2025 cycle",
			args: []string{"barcode", "--json", "--ref-date", "2030-01-01", "00193373700000001000500940144816060680935031"},
			want: `"dueDate":"2032-08-21"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, Env{}, tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
			if strings.Count(out, "\n") != 1 {
				t.Errorf("want exactly one line of JSON, got %q", out)
			}
		})
	}
}

func TestBarcodeNoDueDate(t *testing.T) {
	t.Parallel()
	// Fator 0000: a boleto without due date.
	code, out, _ := run(t, Env{}, "barcode", "--json", "00198000000000001000500940144816060680935031")
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if code != ExitOK || res["dueDate"] != nil || res["amount"] != "1.00" {
		t.Errorf("exit %d result %v", code, res)
	}
	if _, present := res["dueDate"]; !present {
		t.Error("dueDate must be present as null")
	}
}

func TestBarcodeInvalid(t *testing.T) {
	t.Parallel()
	// Field 2 of the real Inter linha with one digit changed.
	code, out, _ := run(t, Env{}, "barcode", "--json", "07790.00116 12064.449918 08159.365561 7 90020000015130")
	var res struct {
		Valid *bool  `json:"valid"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if code != ExitFailure || res.Valid == nil || *res.Valid || !strings.Contains(res.Error, "campo 2") {
		t.Errorf("exit %d result %+v", code, res)
	}
	code, out, errOut := run(t, Env{}, "barcode", "123")
	if code != ExitFailure || out != "" || !strings.Contains(errOut, "44") {
		t.Errorf("human invalid: exit %d out %q err %q", code, out, errOut)
	}
}

func TestBarcodeHuman(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, Env{}, "barcode", "07797900200000151300001112064449900815936556")
	for _, want := range []string{"Código válido", "077 — Banco Inter", "31/05/2022", "R$ 151,30", "07790.00116 12064.449908 08159.365561 7 90020000015130"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
}

const interPix = "00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E"

func TestPixJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, Env{}, "pix", "--json", interPix)
	want := `{"valid":true,"crc":"EE2E","url":"spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f68","amount":"9.50","merchantName":"*","merchantCity":"ROLANDIA","postalCode":"86601528","txid":"***"}`
	if code != ExitOK || strings.TrimSpace(out) != want {
		t.Errorf("exit %d stderr %q\ngot  %s\nwant %s", code, errOut, out, want)
	}
	// The BCB static example has no amount, no URL and no postal code.
	static := "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
	code, out, _ = run(t, Env{}, "pix", "--json", static)
	want = `{"valid":true,"crc":"1D3D","url":null,"amount":null,"merchantName":"Fulano de Tal","merchantCity":"BRASILIA","postalCode":null,"txid":"***"}`
	if code != ExitOK || strings.TrimSpace(out) != want {
		t.Errorf("static: exit %d\ngot  %s\nwant %s", code, out, want)
	}
}

func TestPixInvalid(t *testing.T) {
	t.Parallel()
	tampered := strings.Replace(interPix, "9.50", "9.60", 1)
	code, out, _ := run(t, Env{}, "pix", "--json", tampered)
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if code != ExitFailure || res["valid"] != false || !strings.Contains(res["error"].(string), "CRC") {
		t.Errorf("exit %d result %v", code, res)
	}
}
