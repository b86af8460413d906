package app

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"boletos/internal/importing"
)

func fixtureFile(t *testing.T, name string) ImportFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "internal", "docimport", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return ImportFile{Name: name, Base64: base64.StdEncoding.EncodeToString(data)}
}

func TestImportPreviewCreateAndRepeat(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	env.app.cfg.Importing = importing.New(env.st, nil)
	files := []ImportFile{
		fixtureFile(t, "nfe_400_cnpj_3dup.xml"),
		fixtureFile(t, "nfe_400_cancelled.xml"),
		{Name: "quebrado.xml", Base64: base64.StdEncoding.EncodeToString([]byte("<NFe><infNFe>"))},
	}
	p, err := env.app.Imports.Preview(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 2 || len(p.FileErrors) != 1 || p.FileErrors[0].File != "quebrado.xml" {
		t.Fatalf("preview: %+v", p)
	}
	nfe, cancelled := p.Documents[0], p.Documents[1]
	if nfe.KindLabel != "NF-e" || nfe.Number != "1234" || len(nfe.Installments) != 3 || nfe.DocumentID != 0 ||
		nfe.Installments[0].DueDate != "2026-04-09" || nfe.Installments[2].AmountCents != 53834 || nfe.Payer.Name == "" {
		t.Errorf("NF-e preview %+v", nfe)
	}
	if len(cancelled.Errors) == 0 {
		t.Errorf("cancelled note without errors: %+v", cancelled)
	}

	res, err := env.app.Imports.Create(ImportRequest{Files: files, AccountID: env.accountID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || len(res.Outcomes) != 2 || res.Outcomes[0].Label != "NF-e 1234" || res.Outcomes[1].Error == "" || res.Batch != nil {
		t.Fatalf("create: %+v", res)
	}
	d, err := env.app.Boletos.Get(res.Outcomes[0].Created[1])
	if err != nil || d.Row.Installment != "2/3" || d.Row.State != "draft" || d.DocumentID != res.Outcomes[0].DocumentID || d.Row.AmountCents != 53833 {
		t.Errorf("second installment %+v %v", d.Row, err)
	}

	again, err := env.app.Imports.Preview(files[:1])
	if err != nil || again.Documents[0].DocumentID == 0 || !again.Documents[0].Installments[2].Imported {
		t.Errorf("repeat preview %+v %v", again, err)
	}
	res, err = env.app.Imports.Create(ImportRequest{Files: files[:1], AccountID: env.accountID})
	if err != nil || res.Created != 0 || !res.Outcomes[0].Existing || res.Outcomes[0].Skipped != 3 {
		t.Errorf("repeat create %+v %v", res, err)
	}
	if _, err := env.app.Imports.Create(ImportRequest{Files: files, AccountID: env.accountID, DueDate: "ontem"}); err == nil ||
		!strings.Contains(strings.Join(fieldsOf(err), ","), "vencimento") {
		t.Errorf("bad due date: %v", err)
	}
	if tpl := env.app.Imports.CSVTemplate(); tpl.FileName != "modelo-importacao-boletos.csv" || tpl.Base64 == "" {
		t.Errorf("template %+v", tpl.FileName)
	}
}
