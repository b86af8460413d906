package app

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/issuing"
	"boletos/internal/retorno"
)

type boletosEnv struct {
	accountsEnv
	accountID int64
	opened    chan string
}

// newBoletosApp is the app as main.go wires it, on the demo account (its
// simulator runs in this process over real mutual TLS) with a short
// processing time.
func newBoletosApp(t *testing.T) boletosEnv {
	t.Helper()
	env := boletosEnv{accountsEnv: newAccountsApp(t, nil), opened: make(chan string, 4)}
	env.app.cfg.OpenFile = func(path string) error {
		env.opened <- path
		return nil
	}
	env.app.cfg.DataDir = t.TempDir()
	outbox, err := issuing.New(issuing.Config{Store: env.st, Clients: env.svc.BankClients(), Emitter: env.app.Events(),
		PollInterval: 50 * time.Millisecond, ProcessingInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	poller, err := retorno.New(retorno.Config{Store: env.st, Clients: env.svc.BankClients(), Emitter: env.app.Events()})
	if err != nil {
		t.Fatal(err)
	}
	env.app.UseBoletoServices(outbox, poller)
	acc, err := env.app.Accounts.CreateDemo()
	if err != nil {
		t.Fatal(err)
	}
	env.accountID = acc.ID
	env.app.Start()
	return env
}

func validForm(t *testing.T, env boletosEnv) DraftInput {
	t.Helper()
	in, err := env.app.Boletos.NewDraft(env.accountID)
	if err != nil {
		t.Fatal(err)
	}
	in.AmountCents = 15_990
	in.Payer = PartyDTO{Document: "529.982.247-25", Name: "Maria da Conceição Souza", Address: "Rua das Flores",
		Number: "12", District: "Centro", City: "São Paulo", UF: "SP", CEP: "01310-100"}
	return in
}

// waitState polls the detail until the boleto reaches state.
func waitState(t *testing.T, env boletosEnv, id int64, state string) BoletoDetail {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d, err := env.app.Boletos.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Row.State == state {
			return d
		}
		if time.Now().After(deadline) {
			t.Fatalf("boleto %d is %s (%s), want %s; timeline %+v", id, d.Row.State, d.FailureReason, state, d.Timeline)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestNewDraftCarriesTheAccountDefaults(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	if _, err := env.app.Accounts.SaveParameters(env.accountID, ParametersDTO{
		InterestCode: "TAXAMENSAL", InterestRateBp: 100, FineCode: "PERCENTUAL", FineRateBp: 200,
		AgendaDays: 30, Messages: []string{"Não receber após 30 dias"}, DefaultDueDays: 7,
	}); err != nil {
		t.Fatal(err)
	}
	in, err := env.app.Boletos.NewDraft(env.accountID)
	if err != nil {
		t.Fatal(err)
	}
	want := boleto.Today(time.Now()).AddDays(7).String()
	if in.DueDate != want || in.Charges.InterestCode != "TAXAMENSAL" || in.Charges.FineRateBp != 200 ||
		in.Charges.AgendaDays != 30 || in.Charges.Messages[0] != "Não receber após 30 dias" || in.AmountCents != 0 {
		t.Errorf("NewDraft = %+v, want due %s and the account's charges", in, want)
	}
}

func TestPreviewNamesEveryProblemAndPricesTheDates(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	empty, err := env.app.Boletos.Preview(DraftInput{AccountID: env.accountID})
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, p := range empty.Problems {
		fields[p.Field] = true
	}
	for _, f := range []string{"valor", "vencimento", "pagador.documento"} {
		if !fields[f] {
			t.Errorf("empty form: no problem for %q in %+v", f, empty.Problems)
		}
	}

	in := validForm(t, env)
	in.AmountCents = 100_000
	in.Charges = ParametersDTO{FineCode: "PERCENTUAL", FineRateBp: 200, InterestCode: "TAXAMENSAL", InterestRateBp: 300, AgendaDays: 30}
	p, err := env.app.Boletos.Preview(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range p.Problems {
		if !pr.Warning {
			t.Errorf("valid form has a blocking problem: %+v", pr)
		}
	}
	// R$ 1.000,00, 2% fine, 3% a month: 10 days late = 1000 + 20 + 10.
	var got *AmountDueRow
	for i := range p.AmountDue {
		if p.AmountDue[i].Label == "10 dias após o vencimento" {
			got = &p.AmountDue[i]
		}
	}
	if got == nil || got.TotalCents != 103_000 || got.FineCents != 2_000 || got.InterestCents != 1_000 {
		t.Errorf("amount due 10 days late = %+v (all %+v)", got, p.AmountDue)
	}
	if p.AmountDue[0].Label != "No vencimento" || p.AmountDue[0].TotalCents != 100_000 {
		t.Errorf("first row %+v", p.AmountDue[0])
	}

	bad := in
	bad.DueDate = "31/02/2026"
	p, err = env.app.Boletos.Preview(bad)
	if err != nil || len(p.Problems) != 1 || p.Problems[0].Field != "vencimento" {
		t.Errorf("unreadable date: %+v %v", p, err)
	}
}

func TestIssueNowSavesNothingWhenInvalid(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	in := validForm(t, env)
	in.DueDate = boleto.Today(time.Now()).AddDays(-3).String()
	_, err := env.app.Boletos.IssueNow(in)
	if code, _ := apperr.Describe(err); code != apperr.CodeInvalid || !strings.Contains(strings.Join(fieldsOf(err), ","), "vencimento") {
		t.Fatalf("IssueNow(past due) = %v (fields %v), want invalid_input on vencimento", err, fieldsOf(err))
	}
	page, err := env.app.Boletos.List(BoletoFilter{})
	if err != nil || page.Total != 0 {
		t.Errorf("after a refused IssueNow the list has %d boletos (%v)", page.Total, err)
	}
}

func TestIssueNowFollowsTheBoletoToIssuedAndPrintsIt(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	started := time.Now()
	env.app.cfg.Now = func() time.Time { return started } // the same PDF bytes for the same boleto
	d, err := env.app.Boletos.IssueNow(validForm(t, env))
	if err != nil {
		t.Fatal(err)
	}
	if d.Row.SeuNumero == "" || (d.Row.State != "queued" && d.Row.State != "sending" && d.Row.State != "processing") {
		t.Fatalf("right after IssueNow: %+v", d.Row)
	}
	d = waitState(t, env, d.Row.ID, "issued")
	if len(d.Barcode) != 44 || !strings.HasPrefix(d.Barcode, "077") || !strings.Contains(d.LinhaDigitavel, ".") ||
		!strings.HasPrefix(d.PixCopiaECola, "000201") || d.Row.StateLabel != "Emitido" {
		t.Errorf("issued detail: barcode %q linha %q pix %q", d.Barcode, d.LinhaDigitavel, d.PixCopiaECola)
	}
	if !d.Actions.Cancel || !d.Actions.EditAtBank || !d.Actions.BankPDF || d.Actions.Edit || d.Actions.Delete {
		t.Errorf("actions of an issued boleto: %+v", d.Actions)
	}
	var kinds []string
	for _, e := range d.Timeline {
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, ","); !strings.HasPrefix(got, "created,queued,send_attempt") || !strings.HasSuffix(got, "issued") {
		t.Errorf("timeline kinds %s", got)
	}

	pdf, err := env.app.Printing.PDF(PrintRequest{IDs: []int64{d.Row.ID}, Layout: "boleto"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := base64.StdEncoding.DecodeString(pdf.Base64)
	if !bytes.HasPrefix(data, []byte("%PDF")) || pdf.FileName != "boleto-"+d.Row.SeuNumero+".pdf" {
		t.Errorf("PDF: name %q, starts %q", pdf.FileName, data[:min(8, len(data))])
	}
	bank, err := env.app.Printing.PDF(PrintRequest{IDs: []int64{d.Row.ID}, Layout: "bank"})
	if err != nil || !strings.HasSuffix(bank.FileName, "-banco.pdf") {
		t.Errorf("bank PDF: %q %v", bank.FileName, err)
	}

	path, err := env.app.Printing.Open(PrintRequest{IDs: []int64{d.Row.ID}, Layout: "boleto"})
	if err != nil {
		t.Fatal(err)
	}
	if got := <-env.opened; got != path || filepath.Dir(path) != filepath.Join(env.app.cfg.DataDir, printedDir) {
		t.Errorf("opened %q, returned %q", got, path)
	}
	if onDisk, err := os.ReadFile(path); err != nil || !bytes.Equal(onDisk, data) {
		t.Errorf("printed file differs from the rendered PDF (%v)", err)
	}
	if _, err := env.app.Printing.Save(PrintRequest{IDs: []int64{d.Row.ID}, Layout: "boleto"}); err == nil {
		t.Error("Save without a window did not fail")
	}
}

func TestDraftsAreSavedIncompleteAndGuardTheirVersion(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	in := DraftInput{AccountID: env.accountID, AmountCents: 5_000, Payer: PartyDTO{Name: "Só o nome"}}
	d, err := env.app.Boletos.CreateDraft(in)
	if err != nil {
		t.Fatal(err)
	}
	if d.Row.State != "draft" || d.Row.StateLabel != "Rascunho" || len(d.Problems) == 0 || !d.Actions.Edit || !d.Actions.Delete {
		t.Errorf("incomplete draft: %+v problems %+v", d.Row, d.Problems)
	}
	form, err := env.app.Boletos.Draft(d.Row.ID)
	if err != nil || form.SeuNumero != d.Row.SeuNumero || form.Payer.Name != "Só o nome" || form.AmountCents != 5_000 {
		t.Errorf("Draft() = %+v %v", form, err)
	}
	form.AmountCents = 7_000
	if _, err := env.app.Boletos.UpdateDraft(d.Row.ID, d.Version, form); err != nil {
		t.Fatal(err)
	}
	if _, err := env.app.Boletos.UpdateDraft(d.Row.ID, d.Version, form); err == nil {
		t.Error("a second update at the old version was accepted")
	} else if code, _ := apperr.Describe(err); code != apperr.CodeConflict {
		t.Errorf("stale update: %v, want conflict", err)
	}
	dup, err := env.app.Boletos.DuplicateDraft(d.Row.ID)
	if err != nil || dup.Row.ID == d.Row.ID || dup.Row.AmountCents != 7_000 || dup.Row.SeuNumero == d.Row.SeuNumero {
		t.Errorf("duplicate %+v %v", dup.Row, err)
	}
	if err := env.app.Boletos.DeleteDraft(d.Row.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.app.Boletos.Get(d.Row.ID); err == nil {
		t.Error("deleted draft still found")
	}
}

func TestBatchIssueListAndCancel(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	var events []issuing.Progress
	var mu sync.Mutex
	env.app.SetEmitter(EmitterFunc(func(name Event, payload any) {
		if p, ok := payload.(issuing.Progress); ok && name == EventBatchProgress {
			mu.Lock()
			events = append(events, p)
			mu.Unlock()
		}
	}))
	var ids []int64
	for i := range 3 {
		in := validForm(t, env)
		in.AmountCents = int64(1_000 * (i + 1))
		d, err := env.app.Boletos.CreateDraft(in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.Row.ID)
	}
	bv, err := env.app.Boletos.Issue(ids)
	if err != nil {
		t.Fatal(err)
	}
	if bv.Total != 3 || bv.Job == "" {
		t.Fatalf("batch %+v", bv)
	}
	for deadline := time.Now().Add(30 * time.Second); !bv.Finished; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("batch not finished: %+v", bv)
		}
		if bv, err = env.app.Boletos.Batch(bv.Job); err != nil {
			t.Fatal(err)
		}
	}
	if bv.Done != 3 || bv.Failed != 0 || len(bv.Items) != 3 {
		t.Errorf("finished batch %+v", bv)
	}
	// The last progress event follows the last change within ProgressInterval.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n, last := len(events), issuing.Progress{}
		if n > 0 {
			last = events[n-1]
		}
		mu.Unlock()
		if last.Done == 3 && last.Remaining == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("last of %d progress events: %+v", n, last)
		}
	}

	page, err := env.app.Boletos.List(BoletoFilter{States: []string{"issued"}, Text: "maria 529982"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 3 || page.TotalAmountCents != 6_000 || len(page.Rows) != 3 || page.Rows[0].PayerDocument != "529.982.247-25" {
		t.Errorf("list %+v", page)
	}
	if _, err := env.app.Boletos.List(BoletoFilter{States: []string{"pago"}}); err == nil {
		t.Error("unknown state accepted")
	}
	if _, err := env.app.Boletos.List(BoletoFilter{DueFrom: "2026-13-01"}); !strings.Contains(strings.Join(fieldsOf(err), ","), "dueFrom") {
		t.Errorf("bad date: %v", err)
	}

	if _, err := env.app.Boletos.CancelMany(ids[:2], strings.Repeat("x", 51)); !strings.Contains(strings.Join(fieldsOf(err), ","), "motivo") {
		t.Errorf("long reason: %v", err)
	}
	res, err := env.app.Boletos.CancelMany(ids[:2], "Emitido por engano")
	if err != nil || len(res) != 2 || !res[0].OK || !res[1].OK {
		t.Fatalf("CancelMany = %+v %v", res, err)
	}
	d := waitState(t, env, ids[0], "cancelled")
	if d.CancelReason != "Emitido por engano" || d.Actions.Cancel {
		t.Errorf("cancelled detail: reason %q actions %+v", d.CancelReason, d.Actions)
	}
	carne, err := env.app.Printing.PDF(PrintRequest{IDs: ids, Layout: "carne"})
	if err != nil || carne.FileName != "carne-"+bv.Items[0].SeuNumero+"-3-parcelas.pdf" {
		t.Errorf("carnê %q %v", carne.FileName, err)
	}
	if err := env.app.Boletos.SyncNow(); err != nil {
		t.Errorf("SyncNow: %v", err)
	}
}

func TestBoletosWithoutTheOutbox(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	if _, err := env.app.Boletos.CreateDraft(DraftInput{AccountID: 1}); err == nil {
		t.Error("CreateDraft without an outbox did not fail")
	}
	if err := env.app.Boletos.SyncNow(); err == nil {
		t.Error("SyncNow without a poller did not fail")
	}
	poller, err := retorno.New(retorno.Config{Store: env.st, Clients: issuing.ClientMap{}})
	if err != nil {
		t.Fatal(err)
	}
	env.app.retorno = poller
	if err := env.app.Boletos.SyncNow(); err == nil || !strings.Contains(err.Error(), "Nenhuma conta") {
		t.Errorf("SyncNow with no account = %v, want a sentence saying there is none", err)
	}
	if _, err := env.app.Boletos.Batch("nope"); err == nil {
		t.Error("unknown batch did not fail")
	}
}

func TestChangesAtTheBankReadTheNewDueDate(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	d, err := env.app.Boletos.IssueNow(validForm(t, env))
	if err != nil {
		t.Fatal(err)
	}
	d = waitState(t, env, d.Row.ID, "issued")
	newDue := boleto.Today(time.Now()).AddDays(20).String()

	if _, err := env.app.Boletos.EditAtBank(d.Row.ID, EditInput{DueDate: "31/02", AmountCents: 20_000}); !slices.Equal(fieldsOf(err), []string{"vencimento"}) {
		t.Errorf("EditAtBank with an unreadable date: %v (fields %v)", err, fieldsOf(err))
	}
	if _, err := env.app.Boletos.Substitute(d.Row.ID, SubstituteInput{DueDate: "amanhã", AmountCents: 20_000}); !slices.Equal(fieldsOf(err), []string{"vencimento"}) {
		t.Errorf("Substitute with an unreadable date: %v (fields %v)", err, fieldsOf(err))
	}
	if after, err := env.app.Boletos.Get(d.Row.ID); err != nil || after.Row.State != "issued" || after.Row.AmountCents != d.Row.AmountCents {
		t.Fatalf("a refused form changed the boleto: %+v %v", after.Row, err)
	}

	repl, err := env.app.Boletos.Substitute(d.Row.ID, SubstituteInput{DueDate: newDue, AmountCents: 20_000, Reason: "Cliente pediu mais prazo"})
	if err != nil {
		t.Fatal(err)
	}
	if repl.Row.ID == d.Row.ID || repl.Row.DueDate != newDue || repl.Row.AmountCents != 20_000 || repl.ReplacesID != d.Row.ID {
		t.Errorf("replacement %+v (replaces %d)", repl.Row, repl.ReplacesID)
	}
}
