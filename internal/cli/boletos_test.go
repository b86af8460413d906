package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

// runWith runs one boleto subcommand the way Main does, with the keychain
// given.
func runWith(t *testing.T, bind func(*flag.FlagSet, accountDeps) runner, keys func() *keychain.Store, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &invocation{env: Env{Version: "test", Stdout: &out, Stderr: &errOut}, globals: globals{logLevel: "warn"}}
	fs := c.newFlagSet("test")
	run := bind(fs, accountDeps{keys: keys})
	positional, err := parseArgs(fs, args)
	if err != nil {
		return c.usageError(err), out.String(), errOut.String()
	}
	code := c.finish(c.start(context.Background(), true, func(ctx context.Context) error {
		return run(ctx, c, positional)
	}))
	return code, out.String(), errOut.String()
}

// addSimAccount registers the account "simulador" on sim in data.
func addSimAccount(t *testing.T, keys func() *keychain.Store, data string) {
	t.Helper()
	sim := startSimForCLI(t)
	cr := sim.Credentials()
	files := t.TempDir()
	code, out, errOut := runAccount(t, keys, cr.ClientSecret+"\n", "add", "--data-dir", data,
		"--name", "simulador", "--env", "simulator", "--base-url", cr.BaseURL,
		"--ca", writeFile(t, files, "ca.crt", cr.CACertPEM),
		"--cert", writeFile(t, files, "c.crt", cr.ClientCertPEM), "--key", writeFile(t, files, "c.key", cr.ClientKeyPEM),
		"--client-id", cr.ClientID, "--client-secret-stdin", "--conta-corrente", cr.ContaCorrente,
		"--account", "12345678", "--beneficiary-json", writeFile(t, files, "b.json", []byte(beneficiaryJSON)))
	if code != ExitOK {
		t.Fatalf("account add: %d\n%s\n%s", code, out, errOut)
	}
}

func listJSON(t *testing.T, keys func() *keychain.Store, args ...string) []map[string]any {
	t.Helper()
	code, out, errOut := runWith(t, bindListWith, keys, append([]string{"--json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("list %v: %d %s", args, code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list --json = %q: %v", out, err)
	}
	return items
}

func TestIssueListSyncCancelPrint(t *testing.T) {
	t.Parallel()
	keys := newTestKeychain(t)
	data := t.TempDir()
	addSimAccount(t, keys, data)

	due := boleto.Today(time.Now()).AddDays(10).String()
	file := fmt.Sprintf(`[
 {"seuNumero": "CLI-1", "amount": "123.45", "dueDate": %[1]q, "payer": {"name": "Maria da Silva", "document": "529.982.247-25",
  "email": "maria@exemplo.com.br", "phone": "31 98765-4321", "address": {"street": "Rua A", "number": "10", "district": "Centro",
  "city": "Belo Horizonte", "state": "MG", "zip": "30110-000"}}, "messages": ["Referente ao pedido 1"]},
 {"amount": "10", "dueDate": %[1]q, "payer": {"name": "", "document": "11.222.333/0001-81",
  "address": {"street": "Rua B", "city": "Belo Horizonte", "state": "MG", "zip": "123"}}},
 {"amount": "50.00", "dueDate": %[1]q, "payer": {"name": "Padaria Boa Ltda", "document": "11.222.333/0001-81",
  "address": {"street": "Rua C", "number": "5", "district": "Savassi", "city": "Belo Horizonte", "state": "MG", "zip": "30140-000"}}}
]`, due)
	path := writeFile(t, t.TempDir(), "boletos.json", []byte(file))

	code, out, errOut := runWith(t, bindIssueWith, keys, "--data-dir", data, "--account", "simulador", "--wait", path)
	if code != ExitFailure {
		t.Fatalf("issue: exit %d (want 1: one item invalid)\n%s\n%s", code, out, errOut)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.Contains(out, "CLI-1") || strings.Count(out, "Emitido") != 2 {
		t.Errorf("issue stdout:\n%s", out)
	}
	for _, want := range []string{"item 2", "erro payer.name", "erro payer.address.zip"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("issue stderr lacks %q:\n%s", want, errOut)
		}
	}

	items := listJSON(t, keys, "--data-dir", data)
	if len(items) != 2 {
		t.Fatalf("list: %v", items)
	}
	for _, it := range items {
		if it["state"] != "issued" || len(fmt.Sprint(it["barcode"])) != 44 || len(fmt.Sprint(it["digitableLine"])) != 47 ||
			it["codigoSolicitacao"] == nil || it["pixCopyPaste"] == nil || it["dueDate"] != due ||
			it["paidAmount"] != nil || it["paidAt"] != nil || it["paidChannel"] != nil {
			t.Errorf("list item %v", it)
		}
	}
	first, second := items[0], items[1]
	if first["seuNumero"] != "CLI-1" || first["amount"] != "123.45" || first["payer"].(map[string]any)["name"] != "Maria da Silva" {
		first, second = second, first
	}
	if first["seuNumero"] != "CLI-1" || first["amount"] != "123.45" {
		t.Fatalf("CLI-1 not listed: %v", items)
	}
	code, text, _ := runWith(t, bindListWith, keys, "--data-dir", data, "--account", "simulador")
	if code != ExitOK || !strings.Contains(text, "SEU NÚMERO") || !strings.Contains(text, "CLI-1") || !strings.Contains(text, "R$ 123,45") {
		t.Errorf("list (table): %d\n%s", code, text)
	}

	// Pay CLI-1 by Pix at the simulator, then one retorno cycle.
	func() {
		ctx := context.Background()
		db, err := store.Open(ctx, filepath.Join(data, "boletos.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		acc := accounts.New(db, keys(), accounts.Options{DataDir: data})
		defer acc.Close()
		a, err := acc.GetByName(ctx, "simulador")
		if err != nil {
			t.Fatal(err)
		}
		cl, err := acc.Client(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := cl.SandboxPay(ctx, first["codigoSolicitacao"].(string), inter.PayRequest{PagarCom: inter.FormaPix}); err != nil {
			t.Fatal(err)
		}
	}()
	code, out, errOut = runWith(t, bindSyncWith, keys, "--data-dir", data, "--account", "simulador")
	if code != ExitOK || !strings.Contains(out, "CLI-1: Emitido → Liquidado") {
		t.Errorf("sync: %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runWith(t, bindSyncWith, keys, "--data-dir", data, "--json")
	if code != ExitOK || !strings.Contains(out, `"changes":[]`) {
		t.Errorf("second sync --json: %d %s", code, out)
	}
	paid := listJSON(t, keys, "--data-dir", data, "--state", "paid")
	if len(paid) != 1 || paid[0]["seuNumero"] != "CLI-1" || paid[0]["paidAmount"] != "123.45" || paid[0]["paidChannel"] != "PIX" || paid[0]["paidAt"] == nil {
		t.Errorf("list --state paid: %v", paid)
	}

	// Cancel the other one.
	otherID := strconv.Itoa(int(second["id"].(float64)))
	code, out, errOut = runWith(t, bindCancelWith, keys, "--data-dir", data, otherID, "--reason", "Pedido desfeito")
	if code != ExitOK || !strings.Contains(out, "Cancelado") {
		t.Errorf("cancel: %d\n%s\n%s", code, out, errOut)
	}
	if got := listJSON(t, keys, "--data-dir", data, "--state", "cancelled"); len(got) != 1 || got[0]["id"] != second["id"] {
		t.Errorf("list --state cancelled: %v", got)
	}
	code, _, errOut = runWith(t, bindCancelWith, keys, "--data-dir", data, strconv.Itoa(int(first["id"].(float64))), "--reason", "x")
	if code != ExitFailure || !strings.Contains(errOut, "só boletos emitidos ou vencidos podem ser cancelados") {
		t.Errorf("cancel of a paid boleto: %d %q", code, errOut)
	}

	// Print: paid and cancelled, as pages and as a carnê.
	firstID := strconv.Itoa(int(first["id"].(float64)))
	pdfDir := t.TempDir()
	for _, args := range [][]string{{"--out", filepath.Join(pdfDir, "a.pdf")}, {"--carne", "-o", filepath.Join(pdfDir, "b.pdf")}} {
		code, out, errOut = runWith(t, bindPrintWith, keys, append(append([]string{"--data-dir", data}, args...), firstID, otherID)...)
		if code != ExitOK || !strings.Contains(out, "PDF gravado") {
			t.Fatalf("print %v: %d\n%s\n%s", args, code, out, errOut)
		}
	}
	for _, name := range []string{"a.pdf", "b.pdf"} {
		if b := readFile(t, filepath.Join(pdfDir, name)); !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s is not a PDF", name)
		}
	}
	// The bank's own PDF of a registered boleto.
	code, out, errOut = runWith(t, bindPrintWith, keys, "--data-dir", data, "--bank", "--out", filepath.Join(pdfDir, "banco.pdf"), firstID)
	if code != ExitOK || !strings.Contains(out, "PDF do banco gravado") || !bytes.HasPrefix(readFile(t, filepath.Join(pdfDir, "banco.pdf")), []byte("%PDF")) {
		t.Errorf("print --bank: %d %q %q", code, out, errOut)
	}
	if code, _, errOut = runWith(t, bindPrintWith, keys, "--data-dir", data, "--bank", "--out", "x.pdf", firstID, otherID); code != ExitUsage || !strings.Contains(errOut, "um boleto por vez") {
		t.Errorf("print --bank with two ids: %d %q", code, errOut)
	}
	code, _, errOut = runWith(t, bindPrintWith, keys, "--data-dir", data, "--out", filepath.Join(pdfDir, "c.pdf"), "999")
	if code != ExitFailure || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("print of a missing boleto: %d %q", code, errOut)
	}
}

func TestIssueIDsAndDraftPrint(t *testing.T) {
	t.Parallel()
	keys := newTestKeychain(t)
	data := t.TempDir()
	addSimAccount(t, keys, data)
	// A draft saved on its own (as the window would), then sent by id.
	ctx := context.Background()
	var id int64
	func() {
		db, err := store.Open(ctx, filepath.Join(data, "boletos.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		a, err := db.GetAccountByName(ctx, "simulador")
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.CreateDraft(ctx, store.DraftInput{AccountID: a.ID, Draft: boleto.Draft{Amount: 9900,
			DueDate: boleto.Today(time.Now()).AddDays(5), Charges: a.Defaults,
			Payer: boleto.Payer{Name: "João Souza", Document: "52998224725", Address: "Rua D", Number: "1", District: "Centro",
				City: "Belo Horizonte", UF: "MG", CEP: "30110000"}}})
		if err != nil {
			t.Fatal(err)
		}
		id = b.ID
	}()
	ids := strconv.FormatInt(id, 10)
	pdf := filepath.Join(t.TempDir(), "rascunho.pdf")
	code, out, errOut := runWith(t, bindPrintWith, keys, "--data-dir", data, "--out", pdf, ids)
	if code != ExitOK || !bytes.HasPrefix(readFile(t, pdf), []byte("%PDF")) {
		t.Fatalf("print of a draft: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runWith(t, bindIssueWith, keys, "--data-dir", data, "--account", "simulador", "--ids", ids, "--json")
	var res []map[string]any
	if code != ExitOK || json.Unmarshal([]byte(out), &res) != nil || len(res) != 1 || res[0]["id"].(float64) != float64(id) {
		t.Fatalf("issue --ids: %d\n%s\n%s", code, out, errOut)
	}
	if s := res[0]["state"]; s != "processing" && s != "issued" {
		t.Errorf("issue --ids without --wait: state %v", s)
	}
	code, _, errOut = runWith(t, bindIssueWith, keys, "--data-dir", data, "--account", "simulador", "--ids", "4242")
	if code != ExitFailure || !strings.Contains(errOut, "boleto 4242") {
		t.Errorf("issue of a missing id: %d %q", code, errOut)
	}
	code, _, errOut = runWith(t, bindIssueWith, keys, "--data-dir", data, "--account", "Outra", "--ids", ids)
	if code != ExitFailure || !strings.Contains(errOut, "Nenhuma conta se chama “Outra”") {
		t.Errorf("issue to an unknown account: %d %q", code, errOut)
	}
}

func TestBoletoUsageErrors(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"issue", "a.json"}, "--account"},
		{[]string{"issue", "--account", "X"}, "arquivo JSON"},
		{[]string{"issue", "--account", "X", "--ids", "1,a"}, `--ids "1,a" inválido`},
		{[]string{"issue", "--account", "X", "--ids", "1", "a.json"}, "não os dois"},
		{[]string{"sync", "extra"}, "não recebe argumentos"},
		{[]string{"list", "--state", "pago"}, `--state "pago" inválido`},
		{[]string{"cancel", "--reason", "x"}, "informe o número"},
		{[]string{"cancel", "abc", "--reason", "x"}, `id de boleto inválido: "abc"`},
		{[]string{"cancel", "1"}, "informe o motivo"},
		{[]string{"cancel", "1", "--reason", strings.Repeat("m", 51)}, "no máximo 50 caracteres; tem 51"},
		{[]string{"print", "1"}, "--out"},
		{[]string{"print", "--out", "a.pdf"}, "ao menos um boleto"},
		{[]string{"print", "--out", "a.pdf", "x"}, `id de boleto inválido: "x"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			code, _, errOut := run(t, Env{}, append([]string{"--data-dir", data}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
