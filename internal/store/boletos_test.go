package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func TestCreateDraftAssignsSeuNumeroPerAccount(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "A")
	b := mustAccount(t, s, "B")

	in := sampleDraft(a.ID)
	in.Payer.Document = "529.982.247-25"
	d1 := mustDraft(t, s, in)
	d2 := mustDraft(t, s, sampleDraft(a.ID))
	e1 := mustDraft(t, s, sampleDraft(b.ID))
	if d1.SeuNumero != "B000001" || d2.SeuNumero != "B000002" || e1.SeuNumero != "B000001" {
		t.Fatalf("seuNumeros %s %s (account A) %s (account B), want B000001 B000002 B000001", d1.SeuNumero, d2.SeuNumero, e1.SeuNumero)
	}
	if d1.State != StateDraft || d1.Version != 1 || d1.Payer.Document != "52998224725" || !d1.CreatedAt.Equal(stored(clock.Now())) {
		t.Errorf("created %+v", d1)
	}
	got, err := s.GetBoleto(ctx, d1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d1) {
		t.Errorf("GetBoleto =\n%+v\nwant\n%+v", got, d1)
	}
	evs, err := s.ListEvents(ctx, d1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Kind != EventCreated || evs[0].OldState != "" || evs[0].NewState != StateDraft || !evs[0].At.Equal(d1.CreatedAt) {
		t.Errorf("events = %+v, want one created event", evs)
	}

	// A deleted draft's number is never given out again.
	if err := s.DeleteDraft(ctx, d2.ID); err != nil {
		t.Fatal(err)
	}
	d3 := mustDraft(t, s, sampleDraft(a.ID))
	if d3.SeuNumero != "B000003" {
		t.Errorf("after deleting B000002 the next is %s, want B000003", d3.SeuNumero)
	}

	// A number typed by hand is accepted once, and skipped by the generator.
	in = sampleDraft(a.ID)
	in.SeuNumero = "B000004"
	manual := mustDraft(t, s, in)
	if manual.SeuNumero != "B000004" {
		t.Errorf("manual seuNumero = %s", manual.SeuNumero)
	}
	if next := mustDraft(t, s, sampleDraft(a.ID)); next.SeuNumero != "B000005" {
		t.Errorf("generator did not skip the manual number: %s", next.SeuNumero)
	}
	for _, seu := range []string{"B000004", "B000002", " B000001 "} {
		in.SeuNumero = seu
		_, err := s.CreateDraft(ctx, in)
		wantCode(t, err, apperr.CodeConflict, "já foi usado nesta conta")
	}
	in.SeuNumero = "1234567890123456" // 16 characters
	_, err = s.CreateDraft(ctx, in)
	wantCode(t, err, apperr.CodeInvalid, "de 1 a 15 caracteres")

	_, err = s.CreateDraft(ctx, sampleDraft(999))
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")

	in = sampleDraft(a.ID)
	in.PayerID = 999
	_, err = s.CreateDraft(ctx, in)
	wantCode(t, err, apperr.CodeConflict, "não existe mais")

	in = sampleDraft(a.ID)
	in.InstallmentNumber, in.InstallmentTotal = 4, 3
	_, err = s.CreateDraft(ctx, in)
	wantCode(t, err, apperr.CodeInvalid, "parcela")
}

func TestCreateDraftConcurrentSeuNumeros(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Concorrência")
	const n = 16
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		out   = make([]Boleto, n)
		errs  = make([]error, n)
	)
	for i := range n {
		wg.Go(func() {
			<-start
			out[i], errs[i] = s.CreateDraft(context.Background(), sampleDraft(a.ID))
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("goroutine %d: %v", i, err)
		}
	}
	slices.SortFunc(out, func(x, y Boleto) int { return int(x.ID - y.ID) })
	seen := map[string]bool{}
	var prev int64
	for _, b := range out {
		if seen[b.SeuNumero] {
			t.Fatalf("seuNumero %s given twice", b.SeuNumero)
		}
		seen[b.SeuNumero] = true
		n, ok := ParseSeuNumero(b.SeuNumero)
		if !ok || n <= prev {
			t.Fatalf("seuNumero %s (id %d) does not follow %d", b.SeuNumero, b.ID, prev)
		}
		prev = n
	}
	if prev != n {
		t.Errorf("last counter %d, want %d (no gaps)", prev, n)
	}
}

func TestUpdateDraft(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	other := mustAccount(t, s, "Outra")
	d := mustDraft(t, s, sampleDraft(a.ID))

	clock.Advance(time.Minute)
	in := sampleDraft(0) // 0: keep the account
	in.Amount = 99900
	in.Charges = boleto.Charges{}
	in.FinalBeneficiary = &boleto.Payer{Document: "11.222.333/0001-81", Name: "Sacador", Address: "Rua X", City: "Recife", UF: "PE", CEP: "50000000"}
	up, err := s.UpdateDraft(ctx, d.ID, d.Version, in)
	if err != nil {
		t.Fatal(err)
	}
	if up.Version != 2 || up.Amount != 99900 || up.SeuNumero != d.SeuNumero || up.Charges.Interest != nil ||
		up.FinalBeneficiary == nil || up.FinalBeneficiary.Document != "11222333000181" || !up.UpdatedAt.Equal(stored(clock.Now())) {
		t.Errorf("updated = %+v", up)
	}
	if got, _ := s.GetBoleto(ctx, d.ID); !reflect.DeepEqual(got, up) {
		t.Errorf("stored =\n%+v\nwant\n%+v", got, up)
	}
	evs, _ := s.ListEvents(ctx, d.ID)
	if len(evs) != 2 || evs[1].Kind != EventEdit || evs[1].OldState != StateDraft || evs[1].NewState != StateDraft {
		t.Errorf("events = %+v", evs)
	}

	// Stale version.
	_, err = s.UpdateDraft(ctx, d.ID, d.Version, in)
	wantCode(t, err, apperr.CodeConflict, "foi alterado em outra janela")

	bad := in
	bad.AccountID = other.ID
	_, err = s.UpdateDraft(ctx, d.ID, up.Version, bad)
	wantCode(t, err, apperr.CodeInvalid, "trocar a conta")
	bad = in
	bad.SeuNumero = "OUTRO"
	_, err = s.UpdateDraft(ctx, d.ID, up.Version, bad)
	wantCode(t, err, apperr.CodeInvalid, "não pode ser alterado")
	_, err = s.UpdateDraft(ctx, 999, 1, in)
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")

	// Failed boletos can be edited; queued ones cannot.
	f, err := s.Transition(ctx, d.ID, []State{StateDraft}, StateFailed, Event{Kind: EventError, Message: "Recusado pelo banco."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err = s.UpdateDraft(ctx, d.ID, f.Version, in)
	if err != nil || f.State != StateFailed {
		t.Fatalf("edit failed boleto: %v (state %s)", err, f.State)
	}
	q, err := s.Transition(ctx, d.ID, []State{StateFailed}, StateQueued, Event{Kind: EventQueued}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateDraft(ctx, d.ID, q.Version, in)
	wantCode(t, err, apperr.CodeConflict, "está “Na fila” e não pode mais ser alterado")
}

func TestUpdateDraftOptimisticConcurrency(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			in := sampleDraft(a.ID)
			in.Amount = boleto.Cents(1000 + i)
			_, errs[i] = s.UpdateDraft(context.Background(), d.ID, d.Version, in)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		wantCode(t, err, apperr.CodeConflict, "foi alterado em outra janela")
	}
	if ok != 1 {
		t.Fatalf("%d concurrent edits of version %d succeeded, want exactly 1", ok, d.Version)
	}
	if got, _ := s.GetBoleto(context.Background(), d.ID); got.Version != 2 {
		t.Errorf("version = %d, want 2", got.Version)
	}
}

func TestDeleteDraft(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))
	q := mustDraft(t, s, sampleDraft(a.ID))
	if _, err := s.Transition(ctx, q.ID, []State{StateDraft}, StateQueued, Event{Kind: EventQueued}, nil); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.DeleteDraft(ctx, q.ID), apperr.CodeConflict, "Só rascunhos podem ser excluídos", "Na fila")
	wantCode(t, s.DeleteDraft(ctx, 999), apperr.CodeNotFound, "Boleto não encontrado")

	if err := s.DeleteDraft(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetBoleto(ctx, d.ID)
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")
	_, err = s.ListEvents(ctx, d.ID)
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM boleto_events WHERE boleto_id = ?", d.ID).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d events left for the deleted draft (%v)", n, err)
	}
	in := sampleDraft(a.ID)
	in.SeuNumero = d.SeuNumero
	_, err = s.CreateDraft(ctx, in)
	wantCode(t, err, apperr.CodeConflict, "já foi usado nesta conta")
}

// issuedMutation fills every field the bank returns.
func issuedMutation(b *Boleto) error {
	b.IssueDate = boleto.Date{Year: 2026, Month: 3, Day: 10}
	b.CodigoSolicitacao = "8f8ad139-fbcc-4bad-8e16-58080f4a6016"
	b.NossoNumero = "90071264603"
	b.Barcode = "07794985700000009500001112095331990071264603"
	b.LinhaDigitavel = "07790001161209533199200712646033498570000000950"
	b.PixCopiaECola = "00020101021226980014BR.GOV.BCB.PIX"
	b.TxID = "131665491727713762000U35jsDoeGaqVIa"
	b.BankSituation = "A_RECEBER"
	b.BankSituationDate = boleto.Date{Year: 2026, Month: 3, Day: 10}
	b.Flags = FlagNoPix | FlagCodeMismatch
	b.SendAttempts = 2
	b.NextAttemptAt = time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC)
	return nil
}

func TestTransition(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))

	clock.Advance(time.Second)
	q, err := s.Transition(ctx, d.ID, []State{StateDraft, StateFailed}, StateQueued, Event{Kind: EventQueued, Message: "Na fila para emissão."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.State != StateQueued || q.Version != d.Version+1 || !q.UpdatedAt.Equal(stored(clock.Now())) {
		t.Errorf("after queue: %+v", q)
	}

	// Refused: the boleto is not in a from state. Nothing changes.
	_, err = s.Transition(ctx, d.ID, []State{StateDraft}, StateSending, Event{Kind: EventSendAttempt}, nil)
	wantCode(t, err, apperr.CodeConflict, "está “Na fila”", "Enviando")
	if got, _ := s.GetBoleto(ctx, d.ID); !reflect.DeepEqual(got, q) {
		t.Errorf("refused transition changed the boleto: %+v", got)
	}

	clock.Advance(time.Second)
	details := json.RawMessage(`{"attempt":1,"status":200}`)
	issued, err := s.Transition(ctx, d.ID, []State{StateQueued}, StateIssued,
		Event{Kind: EventIssued, Message: "Boleto emitido.", RequestID: "req-123", Details: details},
		func(b *Boleto) error {
			b.ID, b.AccountID, b.SeuNumero, b.Version, b.State = 0, 0, "HACK", 99, StatePaid // ignored
			return issuedMutation(b)
		})
	if err != nil {
		t.Fatal(err)
	}
	want := q
	_ = issuedMutation(&want)
	want.State, want.Version, want.UpdatedAt = StateIssued, q.Version+1, stored(clock.Now())
	if !reflect.DeepEqual(issued, want) {
		t.Errorf("issued =\n%+v\nwant\n%+v", issued, want)
	}
	if got, _ := s.GetBoleto(ctx, d.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("stored =\n%+v\nwant\n%+v", got, want)
	}
	byCode, err := s.GetBoletoByCodigoSolicitacao(ctx, want.CodigoSolicitacao)
	if err != nil || byCode.ID != d.ID {
		t.Errorf("GetBoletoByCodigoSolicitacao = %d, %v", byCode.ID, err)
	}
	bySeu, err := s.GetBoletoBySeuNumero(ctx, a.ID, d.SeuNumero)
	if err != nil || bySeu.ID != d.ID {
		t.Errorf("GetBoletoBySeuNumero = %d, %v", bySeu.ID, err)
	}

	evs, err := s.ListEvents(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 {
		t.Fatalf("events = %+v, want 3", evs)
	}
	last := evs[2]
	if last.Kind != EventIssued || last.OldState != StateQueued || last.NewState != StateIssued || last.RequestID != "req-123" ||
		last.Message != "Boleto emitido." || string(last.Details) != string(details) || !last.At.Equal(want.UpdatedAt) || last.BoletoID != d.ID {
		t.Errorf("last event = %+v", last)
	}

	// Same state: recording a payment detail update.
	clock.Advance(time.Second)
	paid, err := s.Transition(ctx, d.ID, []State{StateIssued, StateOverdue}, StatePaid, Event{Kind: EventPaid}, func(b *Boleto) error {
		b.PaidAmount, b.PaidDate, b.PaidChannel = 12345, boleto.Date{Year: 2026, Month: 3, Day: 12}, PaidByPix
		return nil
	})
	if err != nil || paid.PaidChannel != PaidByPix || paid.PaidAmount != 12345 {
		t.Fatalf("paid = %+v, %v", paid, err)
	}
	_, err = s.Transition(ctx, 999, []State{StateDraft}, StateQueued, Event{Kind: EventQueued}, nil)
	wantCode(t, err, apperr.CodeNotFound, "Boleto não encontrado")
}

func TestTransitionFailureChangesNothing(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))
	other := mustDraft(t, s, sampleDraft(a.ID))
	if _, err := s.Transition(ctx, other.ID, []State{StateDraft}, StateProcessing, Event{Kind: EventSendAttempt}, func(b *Boleto) error {
		b.CodigoSolicitacao = "taken"
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	boom := errors.New("falha simulada")
	tests := []struct {
		name   string
		mutate func(*Boleto) error
		check  func(t *testing.T, err error)
	}{
		{"mutate returns an error", func(b *Boleto) error {
			b.Amount = 1
			return boom
		}, func(t *testing.T, err error) {
			if err != boom {
				t.Errorf("err = %v, want the mutate error itself", err)
			}
		}},
		{"constraint violated", func(b *Boleto) error {
			b.NossoNumero = "123"
			b.PaidChannel = "CHEQUE"
			return nil
		}, func(t *testing.T, err error) {
			wantCode(t, err, apperr.CodeInvalid, "Forma de recebimento desconhecida")
		}},
		{"duplicate codigo", func(b *Boleto) error {
			b.CodigoSolicitacao = "taken"
			return nil
		}, func(t *testing.T, err error) { wantCode(t, err, apperr.CodeConflict, "código de solicitação") }},
		{"bad event details", func(b *Boleto) error { return nil }, func(t *testing.T, err error) {
			wantCode(t, err, apperr.CodeInvalid, "JSON")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := Event{Kind: EventQueued}
			if tt.name == "bad event details" {
				ev.Details = json.RawMessage(`{not json`)
			}
			_, err := s.Transition(ctx, d.ID, []State{StateDraft}, StateQueued, ev, tt.mutate)
			tt.check(t, err)
			assertUnchanged(t, s, d)
		})
	}

	t.Run("mutate panics", func(t *testing.T) {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic did not propagate")
				}
			}()
			_, _ = s.Transition(ctx, d.ID, []State{StateDraft}, StateQueued, Event{Kind: EventQueued}, func(b *Boleto) error {
				b.Amount = 1
				panic("bug")
			})
		}()
		assertUnchanged(t, s, d)
		// The write slot was released: later writes still work.
		if _, err := s.Transition(ctx, d.ID, []State{StateDraft}, StateQueued, Event{Kind: EventQueued}, nil); err != nil {
			t.Fatalf("write after a panic: %v", err)
		}
	})
}

func assertUnchanged(t *testing.T, s *Store, want Boleto) {
	t.Helper()
	got, err := s.GetBoleto(context.Background(), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("boleto changed:\n%+v\nwant\n%+v", got, want)
	}
	evs, err := s.ListEvents(context.Background(), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Errorf("%d events, want only the creation", len(evs))
	}
}

func TestTransitionClaimsOnce(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = s.Transition(context.Background(), d.ID, []State{StateDraft}, StateSending, Event{Kind: EventSendAttempt}, func(b *Boleto) error {
				b.SendAttempts++
				return nil
			})
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			wantCode(t, err, apperr.CodeConflict, "Enviando")
		}
	}
	got, _ := s.GetBoleto(context.Background(), d.ID)
	if ok != 1 || got.SendAttempts != 1 || got.Version != 2 {
		t.Errorf("%d winners, send attempts %d, version %d; want 1, 1, 2", ok, got.SendAttempts, got.Version)
	}
}

func TestBoletosInStates(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "A")
	b := mustAccount(t, s, "B")
	var queued []int64
	for i, acc := range []int64{a.ID, b.ID, a.ID, a.ID} {
		d := mustDraft(t, s, sampleDraft(acc))
		if i == 3 {
			continue // stays a draft
		}
		to := []State{StateQueued, StateSending, StateQueued}[i]
		if _, err := s.Transition(ctx, d.ID, []State{StateDraft}, to, Event{Kind: EventQueued}, nil); err != nil {
			t.Fatal(err)
		}
		queued = append(queued, d.ID)
	}
	ids := func(bs []Boleto) []int64 {
		var out []int64
		for _, b := range bs {
			out = append(out, b.ID)
		}
		return out
	}
	all, err := s.BoletosInStates(ctx, 0, []State{StateQueued, StateSending})
	if err != nil || !slices.Equal(ids(all), queued) {
		t.Errorf("all accounts = %v, %v; want %v", ids(all), err, queued)
	}
	onlyA, err := s.BoletosInStates(ctx, a.ID, []State{StateQueued, StateSending})
	if err != nil || !slices.Equal(ids(onlyA), []int64{queued[0], queued[2]}) {
		t.Errorf("account A = %v, %v", ids(onlyA), err)
	}
	none, err := s.BoletosInStates(ctx, a.ID, nil)
	if err != nil || len(none) != 0 {
		t.Errorf("no states = %v, %v", none, err)
	}
}

func TestStateLabels(t *testing.T) {
	t.Parallel()
	want := []string{"Rascunho", "Na fila", "Enviando", "Em processamento", "Emitido", "Vencido", "Liquidado",
		"Cancelando", "Cancelado", "Expirado", "Falha na emissão", "Protesto"}
	for i, st := range States() {
		if got := StateLabel(st); got != want[i] {
			t.Errorf("StateLabel(%s) = %q, want %q", st, got, want[i])
		}
		if !st.Valid() {
			t.Errorf("%s not valid", st)
		}
	}
	if StateLabel("x") != "x" || State("x").Valid() {
		t.Error("unknown state")
	}
	// Every state passes the schema's CHECK constraint.
	s, _ := newStore(t)
	a := mustAccount(t, s, "Conta")
	d := mustDraft(t, s, sampleDraft(a.ID))
	for _, st := range States() {
		if _, err := s.Transition(context.Background(), d.ID, States(), st, Event{Kind: EventStatus}, nil); err != nil {
			t.Errorf("transition to %s: %v", st, err)
		}
	}
	_, err := s.Transition(context.Background(), d.ID, States(), "limbo", Event{Kind: EventStatus}, nil)
	wantCode(t, err, apperr.CodeInvalid, "Situação de boleto desconhecida")
}

func TestSeuNumeroFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int64
		want string
	}{{1, "B000001"}, {999999, "B999999"}, {1000000, "B1000000"}, {99999999999999, "B99999999999999"}} {
		got := FormatSeuNumero(tt.n)
		if got != tt.want || len(got) > boleto.MaxSeuNumero {
			t.Errorf("FormatSeuNumero(%d) = %s, want %s (≤ 15)", tt.n, got, tt.want)
		}
		if n, ok := ParseSeuNumero(got); !ok || n != tt.n {
			t.Errorf("ParseSeuNumero(%s) = %d, %v", got, n, ok)
		}
	}
	for _, s := range []string{"", "B", "B12", "X000001", "B00000A", "B000000"} {
		if _, ok := ParseSeuNumero(s); ok {
			t.Errorf("ParseSeuNumero(%q) accepted", s)
		}
	}
}
