package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func nfeImport(accountID int64, installments ...int) ImportInput {
	in := ImportInput{
		AccountID: accountID,
		Document: Document{Kind: DocNFe, Number: "1234", Series: "1", AccessKey: strings.Repeat("3", 44),
			IssueDate: boleto.Date{Year: 2026, Month: 3, Day: 2}, Total: 30000},
		Payer: samplePayer(),
	}
	for _, n := range installments {
		d := sampleDraft(0)
		d.Amount, d.InstallmentNumber, d.InstallmentTotal = 10000, n, 3
		in.Drafts = append(in.Drafts, d)
	}
	return in
}

func TestImportDocumentStoresAllAndRecognisesARepeat(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja")

	first, err := s.ImportDocument(ctx, nfeImport(a.ID, 1, 2))
	if err != nil {
		t.Fatal(err)
	}
	if first.Existing || !first.NewPayer || len(first.Created) != 2 || len(first.Skipped) != 0 {
		t.Fatalf("first import %+v", first)
	}
	for i, b := range first.Created {
		if b.DocumentID != first.Document.ID || b.PayerID != first.PayerID || b.InstallmentNumber != i+1 || b.InstallmentTotal != 3 || b.State != StateDraft {
			t.Errorf("draft %d: %+v", i, b)
		}
		evs, err := s.ListEvents(ctx, b.ID)
		if err != nil || len(evs) != 1 || evs[0].Message != "Rascunho criado a partir de NF-e 1234 série 1." {
			t.Errorf("events of draft %d: %+v %v", i, evs, err)
		}
	}
	if p, err := s.GetPayerByDocument(ctx, "52998224725"); err != nil || p.ID != first.PayerID || p.Name != "José da Silva" {
		t.Errorf("payer registered: %+v %v", p, err)
	}

	// The same note again, now with its three installments: only the third is new.
	again, err := s.ImportDocument(ctx, nfeImport(a.ID, 1, 2, 3))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Existing || again.NewPayer || again.Document.ID != first.Document.ID || !slices.Equal(again.Skipped, []int{1, 2}) ||
		len(again.Created) != 1 || again.Created[0].InstallmentNumber != 3 {
		t.Fatalf("repeat import %+v", again)
	}
	page, err := s.ListBoletos(ctx, BoletoFilter{DocumentID: first.Document.ID})
	if err != nil || page.Total != 3 {
		t.Errorf("document has %d boletos (%v), want 3", page.Total, err)
	}
}

func TestImportDocumentWithoutAccessKeyMatchesKindNumberSeriesAndPayer(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja")
	order := nfeImport(a.ID, 1)
	order.Document.Kind, order.Document.AccessKey = DocSalesOrder, ""
	if _, err := s.ImportDocument(ctx, order); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportDocument(ctx, order)
	if err != nil || !res.Existing || len(res.Created) != 0 || !slices.Equal(res.Skipped, []int{1}) {
		t.Errorf("same order again: %+v %v", res, err)
	}
	other := order
	other.Payer = samplePayer()
	other.Payer.Document, other.Payer.Name = "11.222.333/0001-81", "Outra Empresa"
	res, err = s.ImportDocument(ctx, other)
	if err != nil || res.Existing || len(res.Created) != 1 {
		t.Errorf("same number, another payer: %+v %v", res, err)
	}
}

func TestImportDocumentIsAllOrNothing(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja")
	in := nfeImport(a.ID, 1, 2)
	in.Drafts[1].SeuNumero = "X1"
	mustDraft(t, s, DraftInput{AccountID: a.ID, Draft: boleto.Draft{SeuNumero: "X1"}}) // X1 is taken
	_, err := s.ImportDocument(ctx, in)
	wantCode(t, err, apperr.CodeConflict, "X1")
	if _, err := s.GetDocumentByAccessKey(ctx, in.Document.AccessKey); err == nil {
		t.Error("the document was stored although its drafts were not")
	}
	if _, err := s.GetPayerByDocument(ctx, in.Payer.Document); err == nil {
		t.Error("the payer was registered although the import failed")
	}
	page, _ := s.ListBoletos(ctx, BoletoFilter{})
	if page.Total != 1 {
		t.Errorf("%d boletos after a failed import, want only the one made before", page.Total)
	}

	noDoc := nfeImport(a.ID, 1)
	noDoc.Payer.Document = ""
	_, err = s.ImportDocument(ctx, noDoc)
	wantCode(t, err, apperr.CodeInvalid, "CPF/CNPJ")
}

func TestFindImportedRecognisesWhatImportDocumentWould(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja")
	in := nfeImport(a.ID, 1, 2)
	if _, _, ok, err := s.FindImported(ctx, in.Document, in.Payer.Document); ok || err != nil {
		t.Fatalf("before importing: ok=%v err=%v", ok, err)
	}
	res, err := s.ImportDocument(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	doc, have, ok, err := s.FindImported(ctx, in.Document, in.Payer.Document)
	if err != nil || !ok || doc.ID != res.Document.ID || !have[1] || !have[2] || have[3] {
		t.Errorf("after importing: %+v %v ok=%v err=%v", doc, have, ok, err)
	}
	order := in.Document
	order.Kind, order.AccessKey = DocSalesOrder, ""
	if _, _, ok, err := s.FindImported(ctx, order, in.Payer.Document); ok || err != nil {
		t.Errorf("an order with the note's number: ok=%v err=%v", ok, err)
	}
}

func TestListBoletosByDocumentKind(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja")
	if _, err := s.ImportDocument(ctx, nfeImport(a.ID, 1, 2)); err != nil {
		t.Fatal(err)
	}
	order := nfeImport(a.ID, 1)
	order.Document.Kind, order.Document.AccessKey = DocSalesOrder, ""
	if _, err := s.ImportDocument(ctx, order); err != nil {
		t.Fatal(err)
	}
	mustDraft(t, s, sampleDraft(a.ID)) // avulso
	for _, tc := range []struct {
		kinds []DocumentKind
		want  int
	}{
		{[]DocumentKind{DocNFe}, 2},
		{[]DocumentKind{DocSalesOrder}, 1},
		{[]DocumentKind{DocNone}, 1},
		{[]DocumentKind{DocNone, DocNFe}, 3},
		{[]DocumentKind{DocCTe}, 0},
		{nil, 4},
	} {
		page, err := s.ListBoletos(ctx, BoletoFilter{DocumentKinds: tc.kinds})
		if err != nil || page.Total != tc.want {
			t.Errorf("kinds %v: %d boletos (%v), want %d", tc.kinds, page.Total, err, tc.want)
		}
	}
}
