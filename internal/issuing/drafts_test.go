package issuing_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// Drafts work with no bank at all: a service without clients.
func TestDraftsOffline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &issuingtest.Clock{}
	st := issuingtest.OpenStore(t, "", clock.Now)
	acct := issuingtest.Account(t, st, "Offline")
	rec := &issuingtest.Recorder{}
	svc, err := issuing.New(issuing.Config{Store: st, Emitter: rec, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	due := boleto.Today(clock.Now()).AddDays(10)

	a, err := svc.CreateDraft(ctx, issuingtest.Draft(acct.ID, 12345, due))
	if err != nil {
		t.Fatal(err)
	}
	if a.State != store.StateDraft || a.SeuNumero == "" || store.StateLabel(a.State) != "Rascunho" {
		t.Fatalf("created %s", issuingtest.Describe(a))
	}
	// An incomplete draft is saved; it is refused only when queued.
	in := issuingtest.Draft(acct.ID, 0, boleto.Date{})
	in.Payer.Document = "123.456.789-00"
	in.Payer.CEP = ""
	bad, err := svc.CreateDraft(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if bad.SeuNumero == a.SeuNumero {
		t.Fatalf("two drafts share seuNumero %s", a.SeuNumero)
	}
	_, err = svc.Queue(ctx, bad.ID)
	var ae *apperr.Error
	var ve *boleto.ValidationError
	if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid || !errors.As(err, &ve) {
		t.Fatalf("queue of an invalid draft: %v, want a CodeInvalid apperr wrapping a ValidationError", err)
	}
	fields := map[string]bool{}
	for _, f := range apperr.Fields(err) {
		fields[f.Field] = true
	}
	for _, f := range []string{"valor", "vencimento", "pagador.documento", "pagador.cep"} {
		if !fields[f] {
			t.Errorf("queue error has no problem for %s: %v", f, apperr.Fields(err))
		}
	}
	if got := get(t, st, bad.ID); got.State != store.StateDraft {
		t.Errorf("invalid draft moved to %s", got.State)
	}
	problems, err := svc.Validate(ctx, bad.ID)
	if err != nil || len(problems.Errors()) < 4 {
		t.Errorf("Validate = %v, %v", problems, err)
	}

	// Edit, then duplicate: a new number, same data.
	upd := issuingtest.Draft(acct.ID, 20000, due.AddDays(5))
	a2, err := svc.UpdateDraft(ctx, a.ID, a.Version, upd)
	if err != nil {
		t.Fatal(err)
	}
	if a2.Amount != 20000 || a2.SeuNumero != a.SeuNumero || a2.Version <= a.Version {
		t.Errorf("updated %+v", a2)
	}
	if _, err := svc.UpdateDraft(ctx, a.ID, a.Version, upd); err == nil {
		t.Error("update with a stale version succeeded")
	}
	dup, err := svc.DuplicateDraft(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if dup.SeuNumero == a.SeuNumero || dup.Amount != 20000 || dup.DueDate != due.AddDays(5) || dup.Payer.Name != a2.Payer.Name || dup.State != store.StateDraft {
		t.Errorf("duplicate %+v of %+v", dup, a2)
	}

	// Queue and unqueue, offline.
	q, err := svc.Queue(ctx, a.ID)
	if err != nil || q.State != store.StateQueued {
		t.Fatalf("queue: %v %v", q.State, err)
	}
	if q2, err := svc.Queue(ctx, a.ID); err != nil || q2.Version != q.Version {
		t.Errorf("queueing twice: %v (version %d → %d)", err, q.Version, q2.Version)
	}
	u, err := svc.Unqueue(ctx, a.ID)
	if err != nil || u.State != store.StateDraft {
		t.Fatalf("unqueue: %v %v", u.State, err)
	}

	// Delete: the number is never reused.
	if err := svc.DeleteDraft(ctx, dup.ID); err != nil {
		t.Fatal(err)
	}
	next, err := svc.CreateDraft(ctx, issuingtest.Draft(acct.ID, 500, due))
	if err != nil {
		t.Fatal(err)
	}
	if next.SeuNumero == dup.SeuNumero {
		t.Errorf("deleted number %s given out again", dup.SeuNumero)
	}
	if evs := rec.Events(issuing.EventBoletoChanged); len(evs) < 6 {
		t.Errorf("%d boleto:changed events, want one per change", len(evs))
	}
	// Defaults of a new draft come from the account.
	d, err := svc.DraftDefaults(ctx, acct.ID)
	if err != nil || d.Charges.AgendaDays != 30 || !d.DueDate.After(boleto.Today(clock.Now())) {
		t.Errorf("defaults %+v, %v", d, err)
	}
}

func get(t testing.TB, st *store.Store, id int64) store.Boleto {
	t.Helper()
	b, err := st.GetBoleto(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDraftField(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"pagador.cpfCnpj":              "pagador.documento",
		"pagador.tipoPessoa":           "pagador.documento",
		"pagador.cep":                  "pagador.cep",
		"pagador.telefone":             "pagador.telefone",
		"valorNominal":                 "valor",
		"dataVencimento":               "vencimento",
		"numDiasAgenda":                "numDiasAgenda",
		"seuNumero":                    "seuNumero",
		"mora.taxa":                    "juros.taxa",
		"multa.valor":                  "multa.valor",
		"desconto.quantidadeDias":      "desconto.dias",
		"mensagem.linha3":              "mensagem.linha3",
		"beneficiarioFinal.cpfCnpj":    "beneficiarioFinal.documento",
		"algumaCoisaNova":              "",
		"notaFiscal.chaveNFe":          "",
		"beneficiarioFinal.inexistent": "beneficiarioFinal",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := issuing.DraftField(in); got != want {
				t.Errorf("DraftField(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestCancelReasonsFit(t *testing.T) {
	t.Parallel()
	for _, r := range issuing.CancelReasons {
		if n := len([]rune(r)); n == 0 || n > issuing.MaxCancelReason || strings.TrimSpace(r) != r {
			t.Errorf("reason %q does not fit the bank's limit", r)
		}
	}
}
