// Package importing turns the documents docimport reads into drafts: each
// document with its payer and the boletos of its installments, stored in
// one transaction, recognised when imported again.
package importing

import (
	"context"
	"fmt"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/docimport"
	"boletos/internal/store"
)

// Service stores imported documents.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New returns the service over st; now is the clock (nil: time.Now).
func New(st *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

// Options are the user's choices for one import.
type Options struct {
	AccountID int64
	// DueDate is given to installments the document has no due date for
	// (NFS-e, notes without duplicatas); zero means today plus the
	// account's default term.
	DueDate boleto.Date
	// Charges replace the account's default charges when not nil.
	Charges *boleto.Charges
}

// Outcome is what happened to one document.
type Outcome struct {
	File       string
	Kind       docimport.Kind
	Number     string
	DocumentID int64
	Existing   bool    // imported before: only missing installments were created
	Created    []int64 // the new drafts' ids, in installment order
	Skipped    []int   // installments that already had a boleto
	Error      string  // pt-BR; the document was not imported
}

// Plan returns the drafts a document would become under opts, in
// installment order; nothing is stored.
func (s *Service) Plan(ctx context.Context, doc docimport.Document, opts Options) ([]store.DraftInput, error) {
	if len(doc.Errors) > 0 {
		return nil, apperr.Invalid("%s", doc.Errors[0])
	}
	if len(doc.Installments) == 0 {
		return nil, apperr.Invalid("O documento %s não tem parcelas a cobrar.", doc.Number)
	}
	acc, err := s.st.GetAccount(ctx, opts.AccountID)
	if err != nil {
		return nil, err
	}
	charges := acc.Defaults
	if opts.Charges != nil {
		charges = *opts.Charges
	}
	due := opts.DueDate
	if due.IsZero() {
		due = boleto.Today(s.now()).AddDays(max(1, acc.DefaultDueDays))
	}
	total := len(doc.Installments)
	out := make([]store.DraftInput, total)
	for i, inst := range doc.Installments {
		d := boleto.Draft{Amount: inst.Amount, DueDate: inst.DueDate, Payer: doc.Payer, Charges: charges}
		if d.DueDate.IsZero() {
			d.DueDate = due
		}
		// Even a single boleto is installment 1 of its document, so that a
		// re-import recognises it; "1/1" is not shown.
		in := store.DraftInput{AccountID: opts.AccountID, Draft: d, InstallmentNumber: inst.Seq, InstallmentTotal: total}
		if in.InstallmentNumber == 0 {
			in.InstallmentNumber = i + 1
		}
		out[i] = in
	}
	return out, nil
}

// Known says whether doc was imported before, and which of its
// installments (by Seq) already have a boleto.
func (s *Service) Known(ctx context.Context, doc docimport.Document) (documentID int64, have map[int]bool, err error) {
	d, have, ok, err := s.st.FindImported(ctx, storeDocument(doc), doc.Payer.Document)
	if err != nil || !ok {
		return 0, nil, err
	}
	return d.ID, have, nil
}

func storeDocument(doc docimport.Document) store.Document {
	return store.Document{Kind: store.DocumentKind(doc.Kind), Number: doc.Number, Series: doc.Series,
		AccessKey: doc.AccessKey, IssueDate: doc.IssueDate, Total: doc.Total}
}

// Import stores each document with its drafts, one transaction per
// document: a document that cannot be imported does not stop the others,
// and none is half-stored.
func (s *Service) Import(ctx context.Context, docs []docimport.Document, opts Options) ([]Outcome, error) {
	if _, err := s.st.GetAccount(ctx, opts.AccountID); err != nil {
		return nil, err
	}
	out := make([]Outcome, 0, len(docs))
	for _, doc := range docs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		o := Outcome{File: doc.File, Kind: doc.Kind, Number: doc.Number}
		if err := s.importOne(ctx, doc, opts, &o); err != nil {
			_, o.Error = apperr.Describe(err)
		}
		out = append(out, o)
	}
	return out, nil
}

func (s *Service) importOne(ctx context.Context, doc docimport.Document, opts Options, o *Outcome) error {
	drafts, err := s.Plan(ctx, doc, opts)
	if err != nil {
		return err
	}
	res, err := s.st.ImportDocument(ctx, store.ImportInput{
		AccountID: opts.AccountID,
		Document:  storeDocument(doc),
		Payer:     doc.Payer,
		Drafts:    drafts,
	})
	if err != nil {
		return fmt.Errorf("importing %s %s: %w", doc.Kind, doc.Number, err)
	}
	o.DocumentID, o.Existing, o.Skipped = res.Document.ID, res.Existing, res.Skipped
	for _, b := range res.Created {
		o.Created = append(o.Created, b.ID)
	}
	return nil
}
