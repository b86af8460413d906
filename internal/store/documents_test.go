package store

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func TestDocuments(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()
	p, err := s.CreatePayer(ctx, Payer{Payer: samplePayer()})
	if err != nil {
		t.Fatal(err)
	}
	key := "35240112345678000199550010000012341000012345"
	hash := strings.Repeat("AB", 32)
	nfe, err := s.CreateDocument(ctx, Document{
		Kind: DocNFe, Number: "1234", Series: "1", AccessKey: "3524 0112 3456 7800 0199 5500 1000 0012 3410 0001 2345",
		IssueDate: boleto.Date{Year: 2026, Month: 1, Day: 15}, PayerID: p.ID, Total: 150000, FileSHA256: hash,
	})
	if err != nil {
		t.Fatal(err)
	}
	if nfe.ID == 0 || nfe.AccessKey != key || nfe.FileSHA256 != strings.ToLower(hash) || !nfe.CreatedAt.Equal(stored(clock.Now())) {
		t.Errorf("created %+v", nfe)
	}
	if got, err := s.GetDocument(ctx, nfe.ID); err != nil || !reflect.DeepEqual(got, nfe) {
		t.Errorf("GetDocument = %+v, %v; want %+v", got, err, nfe)
	}
	if got, err := s.GetDocumentByAccessKey(ctx, key); err != nil || got.ID != nfe.ID {
		t.Errorf("GetDocumentByAccessKey = %+v, %v", got, err)
	}

	// A second document from the same file (a CSV with many orders), and
	// manual ones without a key: many NULL keys are fine.
	order, err := s.CreateDocument(ctx, Document{Kind: DocSalesOrder, Number: "PV-9", FileSHA256: hash, Total: 5000})
	if err != nil {
		t.Fatal(err)
	}
	m1, err := s.CreateDocument(ctx, Document{Kind: DocManual})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDocument(ctx, Document{Kind: DocContract}); err != nil {
		t.Fatal(err)
	}
	byHash, err := s.DocumentsByFileHash(ctx, strings.ToLower(hash))
	if err != nil || len(byHash) != 2 || byHash[0].ID != nfe.ID || byHash[1].ID != order.ID {
		t.Errorf("DocumentsByFileHash = %+v, %v", byHash, err)
	}
	if none, err := s.DocumentsByFileHash(ctx, strings.Repeat("0", 64)); err != nil || len(none) != 0 {
		t.Errorf("unknown hash = %+v, %v", none, err)
	}
	list, err := s.ListDocuments(ctx, DocumentFilter{})
	if err != nil || len(list) != 4 || list[0].Kind != DocContract {
		t.Errorf("ListDocuments = %+v, %v", list, err)
	}
	if list, err := s.ListDocuments(ctx, DocumentFilter{PayerID: p.ID}); err != nil || len(list) != 1 || list[0].ID != nfe.ID {
		t.Errorf("by payer = %+v, %v", list, err)
	}
	if list, err := s.ListDocuments(ctx, DocumentFilter{Kind: DocManual, Limit: 1}); err != nil || len(list) != 1 || list[0].ID != m1.ID {
		t.Errorf("by kind = %+v, %v", list, err)
	}

	_, err = s.CreateDocument(ctx, Document{Kind: DocNFe, AccessKey: key})
	wantCode(t, err, apperr.CodeConflict, "já foi importado", key)
	for _, tt := range []struct {
		doc Document
		msg string
	}{
		{Document{Kind: DocNFe, AccessKey: "123"}, "44 números"},
		{Document{Kind: DocNFe, AccessKey: strings.Repeat("A", 44)}, "44 números"},
		{Document{Kind: "boleto"}, "Tipo de documento desconhecido"},
		{Document{Kind: DocManual, Total: -1}, "não pode ser negativo"},
		{Document{Kind: DocManual, FileSHA256: "xyz"}, "SHA-256"},
	} {
		_, err := s.CreateDocument(ctx, tt.doc)
		wantCode(t, err, apperr.CodeInvalid, tt.msg)
	}

	// A document with boletos stays.
	a := mustAccount(t, s, "Conta")
	in := sampleDraft(a.ID)
	in.DocumentID = nfe.ID
	mustDraft(t, s, in)
	wantCode(t, s.DeleteDocument(ctx, nfe.ID), apperr.CodeConflict, "1 boleto foi gerado a partir dele")
	if err := s.DeleteDocument(ctx, m1.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetDocument(ctx, m1.ID)
	wantCode(t, err, apperr.CodeNotFound, "Documento não encontrado")
	_, err = s.GetDocumentByAccessKey(ctx, strings.Repeat("9", 44))
	wantCode(t, err, apperr.CodeNotFound, "Documento não encontrado")
	wantCode(t, s.DeleteDocument(ctx, m1.ID), apperr.CodeNotFound, "Documento não encontrado")
}
