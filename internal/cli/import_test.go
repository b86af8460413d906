package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// importDay is the day the import runs in these tests.
var importDay = time.Date(2026, time.March, 10, 12, 0, 0, 0, time.UTC)

// runImport runs `boletos import` the way Main does, on a fixed day.
func runImport(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &invocation{env: Env{Version: "test", Stdout: &out, Stderr: &errOut}, globals: globals{logLevel: "warn"}}
	fs := c.newFlagSet("import")
	run := bindImportWith(fs, systemDeps(), func() time.Time { return importDay })
	positional, err := parseArgs(fs, args)
	if err != nil {
		return c.usageError(err), out.String(), errOut.String()
	}
	code := c.finish(c.start(context.Background(), false, func(ctx context.Context) error {
		return run(ctx, c, positional)
	}))
	return code, out.String(), errOut.String()
}

const importFixtures = "../docimport/testdata/"

func TestImportDryRunJSON(t *testing.T) {
	t.Parallel()
	nocobr := importFixtures + "nfe_400_nocobr.xml"
	code, out, errOut := runImport(t, "--dry-run", "--json", nocobr, importFixtures+"nfe_400_cnpj_3dup.xml")
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// The exact shape: one array, keys in this order, null due date,
	// amounts with a dot and two decimals, empty arrays rather than null.
	wantFirst := `{"file":"` + nocobr + `","type":"nfe","number":"1237","key":"35260311222333000181550010000012371423456782",` +
		`"payer":{"name":"Padaria Pão Quente ME","document":"98765432000198","address":{"street":"Rua XV de Novembro","number":"88",` +
		`"complement":"","district":"Centro","city":"Curitiba","state":"PR","zip":"80020310"}},` +
		`"installments":[{"number":"1","dueDate":null,"amount":"89.90"}],"warnings":[],"errors":[]}`
	if !strings.HasPrefix(out, "["+wantFirst+",{") || strings.Count(out, "\n") != 1 {
		t.Errorf("output:\n%s\nwant it to start with:\n[%s,{", out, wantFirst)
	}
	var items []struct {
		Type         string `json:"type"`
		Installments []struct {
			Number  string  `json:"number"`
			DueDate *string `json:"dueDate"`
			Amount  string  `json:"amount"`
		} `json:"installments"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || len(items[1].Installments) != 3 {
		t.Fatalf("items: %+v", items)
	}
	last := items[1].Installments[2]
	if last.Number != "003" || last.DueDate == nil || *last.DueDate != "2026-06-08" || last.Amount != "538.34" {
		t.Errorf("third installment %+v", last)
	}
}

func TestImportDryRunUnreadableFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "danfe.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.7 ..."), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runImport(t, "--dry-run", "--json", importFixtures+"nfe_400_foreign.xml", pdf)
	if code != ExitFailure {
		t.Errorf("exit %d, want 1 when a file cannot be read", code)
	}
	if !strings.Contains(errOut, "1 arquivo não pôde ser lido") {
		t.Errorf("stderr %q", errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if len(items) != 2 {
		t.Fatalf("items %v", items)
	}
	// A document with errors is reported, and does not make the exit code fail.
	foreign := items[0]
	if errs, _ := foreign["errors"].([]any); len(errs) != 1 || !strings.Contains(errs[0].(string), "estrangeiro") {
		t.Errorf("foreign buyer: %v", foreign)
	}
	bad := items[1]
	errs, _ := bad["errors"].([]any)
	if bad["file"] != pdf || bad["type"] != nil || bad["payer"] != nil || len(errs) != 1 ||
		!strings.Contains(errs[0].(string), "parece ser um PDF (DANFE?), importe o XML") {
		t.Errorf("unreadable: %v", bad)
	}
	if w, ok := bad["warnings"].([]any); !ok || len(w) != 0 {
		t.Errorf("warnings must be an empty array: %v", bad["warnings"])
	}

	// Only documents with errors: still exit 0.
	code, _, _ = runImport(t, "--dry-run", "--json", importFixtures+"nfe_400_cancelled.xml")
	if code != ExitOK {
		t.Errorf("cancelled note: exit %d, want 0", code)
	}
}

func TestImportDryRunText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"nfse_nacional.xml", "cte_400_toma4_nocobr.xml"} {
		data, err := os.ReadFile(importFixtures + name)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	lote := filepath.Join(dir, "lote.zip")
	if err := os.WriteFile(lote, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runImport(t, "--dry-run", importFixtures+"nfe_400_warnings.xml", lote)
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"NF-e 1239, série 2, emissão 09/03/2026, chave 35260311222333000181550010000012391623456780",
		"Pagador:  Comércio de Ferragens Boa Vista Ltda — CNPJ 11.444.777/0001-61",
		"Rua das Acácias, 1250 — Centro — Rio de Janeiro/RJ — CEP 01310-100",
		"Parcelas: 3 parcelas, total R$ 75,00",
		"vence 01/03/2026",
		"Aviso: A soma das duplicatas, R$ 70,00",
		lote + "/nfse_nacional.xml",
		"NFS-e 42, emissão 10/03/2026",
		"Centro — Florianópolis/SC — CEP 88010-001", // the city named from the IBGE code
		lote + "/cte_400_toma4_nocobr.xml",
		"CT-e 7002",
		"sem vencimento (vale o prazo da conta)",
		"R$ 980,50",
		"Resumo: 3 documentos em 3 arquivos; 3 prontos para importar, 0 documentos com erro.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestImportUsage(t *testing.T) {
	t.Parallel()
	code, _, errOut := run(t, Env{}, "import", importFixtures+"nfe_400_nocobr.xml")
	if code != ExitUsage || !strings.Contains(errOut, "--account") || !strings.Contains(errOut, "--dry-run") {
		t.Errorf("without --dry-run nor --account: %d %q", code, errOut)
	}
	code, _, errOut = run(t, Env{}, "import", "--dry-run")
	if code != ExitUsage || !strings.Contains(errOut, "informe os arquivos ou pastas") {
		t.Errorf("no files: %d %q", code, errOut)
	}
	// Through Main, the command is registered and reads the files.
	code, out, _ := run(t, Env{}, "import", "--dry-run", "--json", importFixtures+"nfe_400_nocobr.xml")
	if code != ExitOK || !strings.Contains(out, `"number":"1237"`) {
		t.Errorf("import via Main: %d %q", code, out)
	}
}

func TestImportCreatesDraftsOnceAndIssues(t *testing.T) {
	t.Parallel()
	keys := newTestKeychain(t)
	data := t.TempDir()
	addSimAccount(t, keys, data)
	bind := func(fs *flag.FlagSet, deps accountDeps) runner { return bindImportWith(fs, deps, time.Now) }
	files := []string{importFixtures + "nfe_400_cnpj_3dup.xml", importFixtures + "nfe_400_cancelled.xml"}

	code, out, errOut := runWith(t, bind, keys, append([]string{"--data-dir", data, "--account", "simulador"}, files...)...)
	if code != ExitOK || !strings.Contains(out, "NF-e 1234 (") || !strings.Contains(out, "3 rascunhos criados") ||
		!strings.Contains(out, "não importado") || !strings.Contains(out, "Resumo: 3 rascunhos criados") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	if list := listJSON(t, keys, "--data-dir", data, "--state", "draft"); len(list) != 3 {
		t.Errorf("%d drafts after the import, want 3", len(list))
	}

	code, out, _ = runWith(t, bind, keys, append([]string{"--data-dir", data, "--account", "simulador", "--json"}, files...)...)
	var outcomes []importOutcome
	if err := json.Unmarshal([]byte(out), &outcomes); err != nil || code != ExitOK || len(outcomes) != 2 {
		t.Fatalf("repeat --json: %d %v %q", code, err, out)
	}
	if o := outcomes[0]; !o.Existing || len(o.Created) != 0 || len(o.Skipped) != 3 || o.DocumentID == nil || o.Error != nil {
		t.Errorf("repeat of the NF-e: %+v", o)
	}
	if outcomes[1].Error == nil || outcomes[1].DocumentID != nil {
		t.Errorf("cancelled NF-e: %+v", outcomes[1])
	}

	// A CT-e without cobr has no due date: the account's term applies, and it is issued.
	code, out, errOut = runWith(t, bind, keys, "--data-dir", data, "--account", "simulador", "--issue", "--wait",
		importFixtures+"cte_400_toma4_nocobr.xml")
	if code != ExitOK || !strings.Contains(out, "1 rascunho criado") {
		t.Fatalf("import --issue: %d\n%s\n%s", code, out, errOut)
	}
	if list := listJSON(t, keys, "--data-dir", data, "--state", "issued"); len(list) != 1 {
		t.Errorf("%d issued after import --issue --wait, want 1: %s", len(list), out)
	}
}
