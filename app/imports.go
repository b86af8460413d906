package app

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/docimport"
	"boletos/internal/importing"
	"boletos/internal/store"
)

// importCallTimeout bounds reading or importing one drop of files.
const importCallTimeout = 5 * time.Minute

// maxImportFiles bounds one drop of files (a ZIP counts as one).
const maxImportFiles = 2000

// Imports is "Importar documentos": NF-e, CT-e and NFS-e XML, ZIPs of
// them and CSV spreadsheets become drafts, each linked to its document.
type Imports struct{ app *App }

// ImportFile is a file the user dropped, base64 of its bytes.
type ImportFile struct {
	Name   string `json:"name"`
	Base64 string `json:"base64"`
}

// ImportInstallmentView is one boleto a document would become.
type ImportInstallmentView struct {
	Seq         int    `json:"seq"`
	Number      string `json:"number"`
	DueDate     string `json:"dueDate"` // "" when the document has none: the chosen term applies
	AmountCents int64  `json:"amountCents"`
	Imported    bool   `json:"imported"` // a boleto exists for it already: it will not be created again
}

// ImportDocView is one document found, as the preview table shows it.
type ImportDocView struct {
	Key          string                  `json:"key"` // stable within one preview: "file#index"
	File         string                  `json:"file"`
	Format       string                  `json:"format"` // nfe | cte | nfse | csv
	Kind         string                  `json:"kind"`
	KindLabel    string                  `json:"kindLabel"`
	Number       string                  `json:"number"`
	Series       string                  `json:"series"`
	AccessKey    string                  `json:"accessKey"`
	IssueDate    string                  `json:"issueDate"`
	TotalCents   int64                   `json:"totalCents"`
	Payer        PartyDTO                `json:"payer"`
	Installments []ImportInstallmentView `json:"installments"`
	Warnings     []string                `json:"warnings"`
	Errors       []string                `json:"errors"`
	DocumentID   int64                   `json:"documentId"` // imported before: its id; 0 when new
}

// ImportFileError is a file that could not be read at all.
type ImportFileError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// ImportPreview is everything found in a drop of files.
type ImportPreview struct {
	Documents  []ImportDocView   `json:"documents"`
	FileErrors []ImportFileError `json:"fileErrors"`
}

// ImportRequest creates the drafts of a drop: the same files again (the
// import is stateless), the account, the due date for documents without
// one ("" = the account's term), the charges ("" keeps the account's), the
// documents to leave out (by Key) and whether to issue them right away.
type ImportRequest struct {
	Files     []ImportFile   `json:"files"`
	AccountID int64          `json:"accountId"`
	DueDate   string         `json:"dueDate"`
	Charges   *ParametersDTO `json:"charges"`
	Skip      []string       `json:"skip"`
	Issue     bool           `json:"issue"`
}

// ImportOutcomeView is what happened to one document.
type ImportOutcomeView struct {
	Key        string  `json:"key"`
	File       string  `json:"file"`
	Label      string  `json:"label"` // "NF-e 1234"
	DocumentID int64   `json:"documentId"`
	Existing   bool    `json:"existing"`
	Created    []int64 `json:"created"`
	Skipped    int     `json:"skipped"`
	Error      string  `json:"error"`
}

// ImportResult is the outcome of an import; Batch is set when the drafts
// were sent to the bank.
type ImportResult struct {
	Outcomes []ImportOutcomeView `json:"outcomes"`
	Created  int                 `json:"created"`
	Batch    *BatchView          `json:"batch"`
}

// csvTemplateName is the file name of the model spreadsheet.
const csvTemplateName = "modelo-importacao-boletos.csv"

// CSVTemplate is the model spreadsheet for orders, services and contracts
// (browser mode's download).
func (f *Imports) CSVTemplate() PDFFile {
	return PDFFile{FileName: csvTemplateName, Base64: base64.StdEncoding.EncodeToString(docimport.CSVTemplate())}
}

// SaveCSVTemplate saves the model spreadsheet where the user chooses in the
// system's dialog; "" when the user gave up.
func (f *Imports) SaveCSVTemplate() (string, error) {
	wctx, err := f.app.window()
	if err != nil {
		return "", err
	}
	return f.app.saveAs(wctx, "Salvar modelo de planilha", csvTemplateName,
		runtime.FileFilter{DisplayName: "Planilha CSV (*.csv)", Pattern: "*.csv"}, docimport.CSVTemplate())
}

// Preview reads the files and says what each would become; nothing is
// stored.
func (f *Imports) Preview(files []ImportFile) (ImportPreview, error) {
	ctx, cancel := f.app.callContext(importCallTimeout)
	defer cancel()
	svc, err := f.app.importing()
	if err != nil {
		return ImportPreview{}, err
	}
	found, out, err := f.read(files)
	if err != nil {
		return ImportPreview{}, err
	}
	for _, fd := range found {
		v := importDocView(fd.key, fd.doc)
		id, have, err := svc.Known(ctx, fd.doc)
		if err != nil {
			return ImportPreview{}, err
		}
		v.DocumentID = id
		for i := range v.Installments {
			v.Installments[i].Imported = have[v.Installments[i].Seq]
		}
		out.Documents = append(out.Documents, v)
	}
	return out, nil
}

// Create imports the documents of the files (those not skipped) as drafts
// and, when asked, sends them to the bank as one batch.
func (f *Imports) Create(req ImportRequest) (ImportResult, error) {
	ctx, cancel := f.app.callContext(importCallTimeout)
	defer cancel()
	svc, err := f.app.importing()
	if err != nil {
		return ImportResult{}, err
	}
	opts := importing.Options{AccountID: req.AccountID}
	if opts.DueDate, err = parseDateField(req.DueDate, "vencimento", "vencimento"); err != nil {
		return ImportResult{}, err
	}
	if req.Charges != nil {
		c, err := req.Charges.charges()
		if err != nil {
			return ImportResult{}, err
		}
		opts.Charges = &c
	}
	found, _, err := f.read(req.Files)
	if err != nil {
		return ImportResult{}, err
	}
	skip := map[string]bool{}
	for _, k := range req.Skip {
		skip[k] = true
	}
	var docs []docimport.Document
	var keys []string
	for _, fd := range found {
		if !skip[fd.key] {
			docs, keys = append(docs, fd.doc), append(keys, fd.key)
		}
	}
	outcomes, err := svc.Import(ctx, docs, opts)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Outcomes: make([]ImportOutcomeView, len(outcomes))}
	var created []int64
	for i, o := range outcomes {
		res.Outcomes[i] = ImportOutcomeView{Key: keys[i], File: o.File,
			Label:      strings.TrimSpace(store.DocumentKindLabel(store.DocumentKind(o.Kind)) + " " + o.Number),
			DocumentID: o.DocumentID, Existing: o.Existing, Created: append([]int64{}, o.Created...), Skipped: len(o.Skipped), Error: o.Error}
		created = append(created, o.Created...)
	}
	res.Created = len(created)
	if req.Issue && len(created) > 0 {
		iss, err := f.app.issuing()
		if err != nil {
			return ImportResult{}, err
		}
		bt, err := iss.IssueBatch(ctx, created)
		if err != nil {
			return ImportResult{}, err
		}
		bv := batchView(bt)
		res.Batch = &bv
	}
	return res, nil
}

// foundDoc is a document read from a drop, with its key.
type foundDoc struct {
	key string
	doc docimport.Document
}

// read decodes and reads the files of a drop.
func (f *Imports) read(files []ImportFile) ([]foundDoc, ImportPreview, error) {
	out := ImportPreview{Documents: []ImportDocView{}, FileErrors: []ImportFileError{}}
	switch {
	case len(files) == 0:
		return nil, out, apperr.Invalid("Escolha ao menos um arquivo para importar.")
	case len(files) > maxImportFiles:
		return nil, out, apperr.Invalid("Importe no máximo %d arquivos por vez (ou junte-os num ZIP); foram %d.", maxImportFiles, len(files))
	}
	opts := docimport.Options{Today: boleto.Today(f.app.cfg.Now())}
	var found []foundDoc
	for _, file := range files {
		data, err := base64.StdEncoding.DecodeString(file.Base64)
		if err != nil {
			out.FileErrors = append(out.FileErrors, ImportFileError{File: file.Name, Message: "O arquivo " + file.Name + " não chegou inteiro; tente de novo."})
			continue
		}
		for _, r := range docimport.ReadUpload(file.Name, data, opts) {
			if r.Err != nil {
				_, msg := apperr.Describe(r.Err)
				out.FileErrors = append(out.FileErrors, ImportFileError{File: r.File, Message: msg})
				continue
			}
			for i, d := range r.Documents {
				found = append(found, foundDoc{key: fmt.Sprintf("%s#%d", r.File, i), doc: d})
			}
		}
	}
	return found, out, nil
}

func importDocView(key string, d docimport.Document) ImportDocView {
	v := ImportDocView{
		Key: key, File: d.File, Format: string(d.Format), Kind: string(d.Kind),
		KindLabel: store.DocumentKindLabel(store.DocumentKind(d.Kind)), Number: d.Number, Series: d.Series,
		AccessKey: d.AccessKey, IssueDate: dateText(d.IssueDate), TotalCents: int64(d.Total), Payer: partyDTO(d.Payer),
		Installments: make([]ImportInstallmentView, len(d.Installments)),
		Warnings:     append([]string{}, d.Warnings...), Errors: append([]string{}, d.Errors...),
	}
	for i, in := range d.Installments {
		v.Installments[i] = ImportInstallmentView{Seq: in.Seq, Number: in.Number, DueDate: dateText(in.DueDate), AmountCents: int64(in.Amount)}
	}
	return v
}
