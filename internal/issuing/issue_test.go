package issuing_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/pix"
	"boletos/internal/store"
)

// A queued boleto goes through processing to issued with every code,
// checked, and the audit trail and events tell the story.
func TestIssueThroughProcessing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{sim: intersim.Config{Faults: intersim.Faults{Processing: 300 * time.Millisecond}}})
	e.start(t)
	ctx := context.Background()
	due := e.due(7)
	b := e.draft(t, 15130, due)
	if _, err := e.svc.Queue(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	p := e.waitState(t, b.ID, 10*time.Second, store.StateProcessing)
	if p.CodigoSolicitacao == "" || p.SendAttempts != 1 || p.Barcode != "" {
		t.Fatalf("processing: %s", issuingtest.Describe(p))
	}
	got := e.waitState(t, b.ID, 10*time.Second, store.StateIssued)
	if len(got.NossoNumero) != 11 || len(got.Barcode) != 44 || len(got.LinhaDigitavel) != 47 || got.PixCopiaECola == "" || got.TxID == "" {
		t.Fatalf("issued without every code: %+v", got)
	}
	if got.Flags != 0 {
		t.Errorf("flags %b on a clean boleto", got.Flags)
	}
	if bc, err := boleto.LinhaToBarcode(got.LinhaDigitavel); err != nil || bc != got.Barcode {
		t.Errorf("linha %s does not give barcode %s (%v)", got.LinhaDigitavel, got.Barcode, err)
	}
	dec, err := boleto.Decode(got.Barcode, due)
	if err != nil || dec.Amount != 15130 || dec.DueDate != due {
		t.Errorf("barcode decodes to %+v, %v", dec, err)
	}
	if _, err := pix.Parse(got.PixCopiaECola); err != nil {
		t.Errorf("pix: %v", err)
	}
	if got.BankSituation != "A_RECEBER" || got.IssueDate.IsZero() {
		t.Errorf("bank situation %q issue date %v", got.BankSituation, got.IssueDate)
	}
	var kinds []string
	for _, ev := range e.events(t, b.ID) {
		kinds = append(kinds, string(ev.Kind)+":"+string(ev.NewState))
	}
	want := []string{"created:draft", "queued:queued", "send_attempt:sending", "status:processing", "issued:issued"}
	if strings.Join(kinds, " ") != strings.Join(want, " ") {
		t.Errorf("audit trail %v, want %v", kinds, want)
	}
	var states []store.State
	for _, ev := range e.rec.Events(issuing.EventBoletoChanged) {
		if c := ev.Payload.(issuing.BoletoChanged); c.ID == b.ID {
			states = append(states, c.State)
		}
	}
	if len(states) != 5 || states[4] != store.StateIssued {
		t.Errorf("boleto:changed states %v", states)
	}
	if n := len(e.simCharges(t)); n != 1 {
		t.Errorf("%d charges at the bank, want 1", n)
	}
}

// corruptBank alters the codes the bank returns.
type corruptBank struct {
	issuing.Bank
	corrupt func(*inter.Cobranca)
}

func (c corruptBank) Get(ctx context.Context, id string) (inter.Cobranca, error) {
	cb, err := c.Bank.Get(ctx, id)
	if err == nil {
		c.corrupt(&cb)
	}
	return cb, err
}

func (c corruptBank) List(ctx context.Context, p inter.ListParams) (inter.ListPage, error) {
	page, err := c.Bank.List(ctx, p)
	for i := range page.Cobrancas {
		c.corrupt(&page.Cobrancas[i])
	}
	return page, err
}

// Codes that do not check are stored as the bank sent them, flagged, and
// explained in the audit trail.
func TestProcessingFlagsBadCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		corrupt func(*inter.Cobranca)
		flag    store.Flags
		message string
	}{
		{"linha differs from barcode", func(c *inter.Cobranca) {
			if c.Boleto != nil && len(c.Boleto.LinhaDigitavel) == 47 {
				l := []byte(c.Boleto.LinhaDigitavel)
				l[40] = '0' + (l[40]-'0'+1)%10 // the amount field: no field DV covers it
				c.Boleto.LinhaDigitavel = string(l)
			}
		}, store.FlagCodeMismatch, "linha digitável"},
		{"pix CRC broken", func(c *inter.Cobranca) {
			if c.Pix != nil && c.Pix.PixCopiaECola != "" {
				p := c.Pix.PixCopiaECola
				last := p[len(p)-1]
				repl := byte('0')
				if last == '0' {
					repl = '1'
				}
				c.Pix.PixCopiaECola = p[:len(p)-1] + string(repl)
			}
		}, store.FlagCodeMismatch, "Pix"},
		{"no pix", func(c *inter.Cobranca) { c.Pix = nil }, store.FlagNoPix, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{bank: func(b issuing.Bank) issuing.Bank { return corruptBank{b, tt.corrupt} }})
			e.start(t)
			got := e.issue(t, 9990, e.due(3))
			if !got.Flags.Has(tt.flag) {
				t.Fatalf("flags %b, want %b", got.Flags, tt.flag)
			}
			if tt.message == "" {
				return
			}
			evs := e.events(t, got.ID)
			last := evs[len(evs)-1]
			if last.NewState != store.StateIssued || !strings.Contains(last.Message, "ATENÇÃO") || !strings.Contains(last.Message, tt.message) {
				t.Errorf("issue event %q does not explain the problem", last.Message)
			}
		})
	}
}

// The simulator fails emissions whose payer name says FALHA.
func TestProcessingFailure(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.start(t)
	ctx := context.Background()
	in := issuingtest.Draft(e.acct.ID, 5000, e.due(5))
	in.Payer.Name = "Empresa FALHA Ltda"
	b, err := e.svc.CreateDraft(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Queue(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	got := e.waitState(t, b.ID, 10*time.Second, store.StateFailed)
	if got.FailureReason == "" || got.CodigoSolicitacao == "" || got.BankSituation != "FALHA_EMISSAO" {
		t.Fatalf("failed boleto %s", issuingtest.Describe(got))
	}
	// Queued again unchanged, the bank's 30-minute duplicate filter refuses
	// it: the resend waits for the window instead of looping.
	if _, err := e.svc.Queue(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	issuingtest.WaitFor(t, 10*time.Second, "the duplicate refusal", func() bool {
		for _, ev := range e.events(t, b.ID) {
			if strings.Contains(ev.Message, "duplicidade") {
				return true
			}
		}
		return false
	})
	waiting := e.get(t, b.ID)
	if waiting.State != store.StateSending || waiting.NextAttemptAt.Sub(e.clock.Now()) < 25*time.Minute {
		t.Fatalf("after the duplicate refusal: %s next %v", issuingtest.Describe(waiting), waiting.NextAttemptAt)
	}
	if n := len(e.simCharges(t)); n != 1 {
		t.Fatalf("%d charges at the bank, want 1", n)
	}
	e.clock.Advance(32 * time.Minute)
	e.svc.Wake()
	got = e.waitState(t, b.ID, 10*time.Second, store.StateFailed)
	if n := len(e.simCharges(t)); n != 2 {
		t.Errorf("%d charges at the bank after the window, want 2 (both failed)", n)
	}
}

// A clean 400 with violations sends the boleto back to draft with the
// bank's reasons on the draft's fields.
func TestRefusalReturnsDraft(t *testing.T) {
	t.Parallel()
	// The bank's clock is three days ahead: a due date of tomorrow is in
	// the past there.
	bankClock := &issuingtest.Clock{}
	bankClock.Advance(72 * time.Hour)
	e2 := newEnv(t, envOptions{sim: intersim.Config{Now: bankClock.Now}})
	e2.start(t)
	b := e2.draft(t, 4321, e2.due(1))
	if _, err := e2.svc.Queue(context.Background(), b.ID); err != nil {
		t.Fatal(err)
	}
	got := e2.waitState(t, b.ID, 10*time.Second, store.StateDraft)
	if got.FailureReason == "" || got.SendAttempts != 1 {
		t.Fatalf("refused boleto %s", issuingtest.Describe(got))
	}
	fields, err := e2.svc.BankProblems(context.Background(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) == 0 || fields[0].Field != "vencimento" || !strings.Contains(fields[0].Message, "data") {
		t.Errorf("bank problems %+v, want one on vencimento", fields)
	}
	if n := len(e2.simCharges(t)); n != 0 {
		t.Errorf("%d charges at the bank", n)
	}
}

// A 400 from a fake bank with the bank's field names.
type refusingBank struct {
	issuing.Bank
}

func (refusingBank) Emit(context.Context, inter.EmitRequest) (inter.EmitResponse, error) {
	return inter.EmitResponse{}, &inter.Error{Method: "POST", Path: "/cobranca/v3/cobrancas", Status: 400, Title: "Dados inválidos.",
		Violations: []inter.Violation{
			{Field: "pagador.cpfCnpj", Reason: "CPF/CNPJ inválido."},
			{Field: "mora.taxa", Reason: "deve ser menor que 10"},
		}, RequestID: "req-123"}
}

func TestRefusalMapsFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{bank: func(b issuing.Bank) issuing.Bank { return refusingBank{b} }})
	e.start(t)
	ctx := context.Background()
	bt, err := e.svc.IssueBatch(ctx, []int64{e.draft(t, 1000, e.due(2)).ID})
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := bt.Wait(wctx)
	if err != nil || p.Failed != 1 {
		t.Fatalf("progress %+v, %v", p, err)
	}
	item := bt.Report()[0]
	got := map[string]string{}
	for _, f := range item.Fields {
		got[f.Field] = f.Message
	}
	if !strings.Contains(got["pagador.documento"], "CPF/CNPJ inválido") || !strings.Contains(got["juros.taxa"], "menor que 10") {
		t.Errorf("report fields %+v", item.Fields)
	}
	evs := e.events(t, item.ID)
	last := evs[len(evs)-1]
	if last.NewState != store.StateDraft || last.RequestID != "req-123" || !strings.Contains(last.Message, "CPF/CNPJ inválido") {
		t.Errorf("refusal event %+v", last)
	}
	var ae *apperr.Error
	if _, err := e.svc.Cancel(ctx, item.ID, "x"); !errors.As(err, &ae) || ae.Code != apperr.CodeConflict {
		t.Errorf("cancel of a draft: %v", err)
	}
}
