package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/issuing"
	"boletos/internal/store"
)

// Timeouts of the boleto calls: local work, and the calls that may wait for
// the bank (cancel, edit).
const (
	boletoCallTimeout = 30 * time.Second
	boletoBankTimeout = 2 * time.Minute
)

// Boletos is the main screen area: "Novo boleto", the "Boletos" list, the
// boleto detail and its actions, the issuing batches and "Sincronizar agora".
type Boletos struct{ app *App }

// FieldProblemDTO is one problem of one form field; Warning problems do not
// stop a save or an issue.
type FieldProblemDTO struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Warning bool   `json:"warning"`
}

// DraftInput is the "Novo boleto" form. Amounts in centavos, dates
// YYYY-MM-DD; the payer as typed (masks allowed).
type DraftInput struct {
	AccountID        int64         `json:"accountId"`
	PayerID          int64         `json:"payerId"`   // the saved payer it was picked from; 0 when typed
	SeuNumero        string        `json:"seuNumero"` // "" = the account's next number
	AmountCents      int64         `json:"amountCents"`
	DueDate          string        `json:"dueDate"`
	Payer            PartyDTO      `json:"payer"`
	Charges          ParametersDTO `json:"charges"` // defaultDueDays is ignored
	FinalBeneficiary *PartyDTO     `json:"finalBeneficiary"`
}

// AmountDueRow is what the payer owes when paying on one date.
type AmountDueRow struct {
	Date          string `json:"date"`  // YYYY-MM-DD
	Label         string `json:"label"` // pt-BR: "No vencimento", "10 dias após"…
	TotalCents    int64  `json:"totalCents"`
	DiscountCents int64  `json:"discountCents"`
	FineCents     int64  `json:"fineCents"`
	InterestCents int64  `json:"interestCents"`
	Expired       bool   `json:"expired"` // the bank no longer accepts the payment
}

// DraftPreview is the live check of the "Novo boleto" form.
type DraftPreview struct {
	Problems     []FieldProblemDTO `json:"problems"`
	AmountDue    []AmountDueRow    `json:"amountDue"`
	Instructions []string          `json:"instructions"` // the charges in words, as printed
}

// BoletoRow is one line of the Boletos list.
type BoletoRow struct {
	ID              int64    `json:"id"`
	AccountID       int64    `json:"accountId"`
	SeuNumero       string   `json:"seuNumero"`
	State           string   `json:"state"`
	StateLabel      string   `json:"stateLabel"`
	AmountCents     int64    `json:"amountCents"`
	DueDate         string   `json:"dueDate"` // "" when none yet
	PayerName       string   `json:"payerName"`
	PayerDocument   string   `json:"payerDocument"` // masked
	NossoNumero     string   `json:"nossoNumero"`
	PaidAmountCents int64    `json:"paidAmountCents"`
	PaidDate        string   `json:"paidDate"`
	PaidChannel     string   `json:"paidChannel"` // "BOLETO" | "PIX" | ""
	Installment     string   `json:"installment"` // "2/10"; "" when single
	Attention       []string `json:"attention"`   // pt-BR notes needing the user's eye
}

// BoletoFilter selects the rows of the Boletos list. Empty fields do not
// filter; dates YYYY-MM-DD, inclusive.
type BoletoFilter struct {
	AccountID int64    `json:"accountId"`
	States    []string `json:"states"`
	DueFrom   string   `json:"dueFrom"`
	DueTo     string   `json:"dueTo"`
	PaidFrom  string   `json:"paidFrom"`
	PaidTo    string   `json:"paidTo"`
	PayerID   int64    `json:"payerId"`
	// DocumentKinds: origin document kinds ("nfe", "sales_order"…; "avulso"
	// for boletos made without a document).
	DocumentKinds []string `json:"documentKinds"`
	DocumentID    int64    `json:"documentId"`
	Text          string   `json:"text"`  // name, CPF/CNPJ, seu número or nosso número
	Order         string   `json:"order"` // "" newest | "due_date" | "paid"
	Limit         int      `json:"limit"`
	Offset        int      `json:"offset"`
}

// BoletoPage is one page of the list and the totals of the filtered set.
type BoletoPage struct {
	Rows             []BoletoRow `json:"rows"`
	Total            int         `json:"total"`
	TotalAmountCents int64       `json:"totalAmountCents"`
	TotalPaidCents   int64       `json:"totalPaidCents"`
}

// StateOption is one boleto state as the screens offer it.
type StateOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// TimelineEntry is one event of a boleto's history.
type TimelineEntry struct {
	At         string `json:"at"` // RFC 3339
	Kind       string `json:"kind"`
	State      string `json:"state"`
	StateLabel string `json:"stateLabel"`
	Message    string `json:"message"`
}

// DocumentRef names a boleto's origin document.
type DocumentRef struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"` // "NF-e 1234 série 1"
}

// DocumentView is an origin document with its boletos.
type DocumentView struct {
	ID         int64       `json:"id"`
	Kind       string      `json:"kind"`
	Label      string      `json:"label"`
	KindLabel  string      `json:"kindLabel"`
	Number     string      `json:"number"`
	Series     string      `json:"series"`
	AccessKey  string      `json:"accessKey"`
	IssueDate  string      `json:"issueDate"`
	TotalCents int64       `json:"totalCents"`
	Boletos    []BoletoRow `json:"boletos"`
}

// BoletoActions says which actions the detail offers now.
type BoletoActions struct {
	Edit       bool `json:"edit"`       // change the draft
	Issue      bool `json:"issue"`      // send to the bank
	Unqueue    bool `json:"unqueue"`    // take back from the queue
	Delete     bool `json:"delete"`     // delete the draft
	Duplicate  bool `json:"duplicate"`  // new draft with the same data
	Cancel     bool `json:"cancel"`     // baixa at the bank
	EditAtBank bool `json:"editAtBank"` // new due date / amount through the bank
	Substitute bool `json:"substitute"` // cancel and issue a new one
	BankPDF    bool `json:"bankPdf"`    // "Baixar PDF do banco"
}

// BoletoDetail is everything the detail shows about one boleto.
type BoletoDetail struct {
	Row               BoletoRow         `json:"row"`
	Version           int64             `json:"version"`
	AccountName       string            `json:"accountName"`
	PayerID           int64             `json:"payerId"`
	Payer             PartyDTO          `json:"payer"`
	FinalBeneficiary  *PartyDTO         `json:"finalBeneficiary"`
	Charges           ParametersDTO     `json:"charges"`
	Instructions      []string          `json:"instructions"`
	IssueDate         string            `json:"issueDate"`
	CodigoSolicitacao string            `json:"codigoSolicitacao"`
	Barcode           string            `json:"barcode"`
	LinhaDigitavel    string            `json:"linhaDigitavel"` // formatted for reading
	PixCopiaECola     string            `json:"pixCopiaECola"`
	TxID              string            `json:"txid"`
	BankSituation     string            `json:"bankSituation"`
	FailureReason     string            `json:"failureReason"`
	CancelReason      string            `json:"cancelReason"`
	ReplacesID        int64             `json:"replacesId"`
	ReplacedByID      int64             `json:"replacedById"`
	DocumentID        int64             `json:"documentId"`
	Document          *DocumentRef      `json:"document"` // the origin document; null when typed by hand
	Problems          []FieldProblemDTO `json:"problems"` // what stops a draft, or the bank's reasons
	AmountDue         []AmountDueRow    `json:"amountDue"`
	Timeline          []TimelineEntry   `json:"timeline"`
	Actions           BoletoActions     `json:"actions"`
}

// BatchItemDTO is one boleto of an issuing batch.
type BatchItemDTO struct {
	ID         int64             `json:"id"`
	SeuNumero  string            `json:"seuNumero"`
	State      string            `json:"state"`
	StateLabel string            `json:"stateLabel"`
	Outcome    string            `json:"outcome"` // "done" | "failed" | "pending"
	Error      string            `json:"error"`
	Fields     []FieldProblemDTO `json:"fields"`
}

// BatchView is where an issuing batch stands.
type BatchView struct {
	Job       string         `json:"job"`
	Done      int            `json:"done"`
	Failed    int            `json:"failed"`
	Remaining int            `json:"remaining"`
	Total     int            `json:"total"`
	Paused    bool           `json:"paused"`
	Finished  bool           `json:"finished"`
	Items     []BatchItemDTO `json:"items"`
}

// EditInput is a change of an issued boleto through the bank; zero values
// keep what is there.
type EditInput struct {
	DueDate     string `json:"dueDate"`
	AmountCents int64  `json:"amountCents"`
}

// EditOutcome is where a bank edit stands. When the bank refused it,
// Refused is true, Message says why and the screen offers "Substituir".
type EditOutcome struct {
	Boleto  BoletoDetail `json:"boleto"`
	Status  string       `json:"status"` // the bank's: PROCESSANDO | SUCESSO | FALHA
	Refused bool         `json:"refused"`
	Message string       `json:"message"`
}

// SubstituteInput is "Substituir": the new boleto's due date and amount
// (zero: the old one's) and the reason given for cancelling the old one.
type SubstituteInput struct {
	DueDate     string `json:"dueDate"`
	AmountCents int64  `json:"amountCents"`
	Reason      string `json:"reason"`
}

// ItemResult is the outcome of an action on one of several boletos.
type ItemResult struct {
	ID        int64  `json:"id"`
	SeuNumero string `json:"seuNumero"`
	OK        bool   `json:"ok"`
	Message   string `json:"message"` // pt-BR: the new state, or why it failed
}

// States lists the boleto states in lifecycle order, with their labels.
func (f *Boletos) States() []StateOption {
	var out []StateOption
	for _, s := range store.States() {
		out = append(out, StateOption{Value: string(s), Label: store.StateLabel(s)})
	}
	return out
}

// CancelReasons are the reasons offered when cancelling (any text up to 50
// characters is accepted).
func (f *Boletos) CancelReasons() []string { return append([]string{}, issuing.CancelReasons...) }

// NewDraft returns the form of a new boleto of the account: its default
// charges and due date; payer and amount blank.
func (f *Boletos) NewDraft(accountID int64) (DraftInput, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return DraftInput{}, err
	}
	d, err := iss.DraftDefaults(ctx, accountID)
	if err != nil {
		return DraftInput{}, err
	}
	return DraftInput{AccountID: accountID, DueDate: dateText(d.DueDate), Charges: parametersDTO(d.Charges, 0)}, nil
}

// Preview checks the form as it is now and computes what the payer would
// owe on a few dates. Nothing is saved.
func (f *Boletos) Preview(in DraftInput) (DraftPreview, error) {
	d, err := in.draft()
	if err != nil {
		var e *apperr.Error
		if errors.As(err, &e) {
			return DraftPreview{Problems: problemDTOs(e.Fields)}, nil
		}
		return DraftPreview{}, err
	}
	out := DraftPreview{Problems: []FieldProblemDTO{}, AmountDue: []AmountDueRow{}}
	for _, p := range validateForm(d, f.app.cfg.Now()) {
		out.Problems = append(out.Problems, FieldProblemDTO{Field: p.Field, Message: p.Message, Warning: p.Warning})
	}
	if d.DueDate.Valid() && d.Amount > 0 {
		out.AmountDue = amountDue(d)
		out.Instructions = d.Charges.Describe(d.DueDate, d.Amount)
	}
	return out, nil
}

// CreateDraft saves a new draft ("Rascunho"), complete or not; nothing goes
// to the bank. The answer's problems say what must be fixed before issuing.
func (f *Boletos) CreateDraft(in DraftInput) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	di, err := in.storeInput()
	if err != nil {
		return BoletoDetail{}, err
	}
	b, err := iss.CreateDraft(ctx, di)
	if err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(b.ID)
}

// UpdateDraft saves the form over a draft (or a boleto that failed) still at
// version; a newer version gives a conflict.
func (f *Boletos) UpdateDraft(id, version int64, in DraftInput) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	di, err := in.storeInput()
	if err != nil {
		return BoletoDetail{}, err
	}
	if _, err := iss.UpdateDraft(ctx, id, version, di); err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(id)
}

// Draft returns the form of a saved draft, for editing.
func (f *Boletos) Draft(id int64) (DraftInput, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	b, err := f.app.cfg.Store.GetBoleto(ctx, id)
	if err != nil {
		return DraftInput{}, err
	}
	return draftInput(b), nil
}

// DuplicateDraft creates a new draft with the data of boleto id.
func (f *Boletos) DuplicateDraft(id int64) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	b, err := iss.DuplicateDraft(ctx, id)
	if err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(b.ID)
}

// DeleteDraft deletes a draft; its seu número is never used again.
func (f *Boletos) DeleteDraft(id int64) error {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return err
	}
	return iss.DeleteDraft(ctx, id)
}

// IssueNow ("Emitir agora") validates the form in full and, only when it
// passes, saves it and puts it in the outbox; an invalid form saves nothing.
func (f *Boletos) IssueNow(in DraftInput) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	di, err := in.storeInput()
	if err != nil {
		return BoletoDetail{}, err
	}
	if err := validateForm(di.Draft, f.app.cfg.Now()).Err(); err != nil {
		return BoletoDetail{}, formError(err, "O boleto não pode ser emitido")
	}
	b, err := iss.CreateDraft(ctx, di)
	if err != nil {
		return BoletoDetail{}, err
	}
	if _, err := iss.Queue(ctx, b.ID); err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(b.ID)
}

// Issue sends saved drafts (or failed boletos) to the bank as one batch;
// its progress comes in batch:progress events and from Batch.
func (f *Boletos) Issue(ids []int64) (BatchView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BatchView{}, err
	}
	bt, err := iss.IssueBatch(ctx, ids)
	if err != nil {
		return BatchView{}, err
	}
	return batchView(bt), nil
}

// Batch returns where an issuing batch stands.
func (f *Boletos) Batch(job string) (BatchView, error) {
	bt, err := f.batch(job)
	if err != nil {
		return BatchView{}, err
	}
	return batchView(bt), nil
}

// PauseBatch stops sending the batch's boletos not yet sent.
func (f *Boletos) PauseBatch(job string) (BatchView, error) {
	return f.onBatch(job, func(_ context.Context, bt *issuing.Batch) error { bt.Pause(); return nil })
}

// ResumeBatch sends the rest of a paused batch.
func (f *Boletos) ResumeBatch(job string) (BatchView, error) {
	return f.onBatch(job, func(_ context.Context, bt *issuing.Batch) error { bt.Resume(); return nil })
}

// CancelBatch takes the batch's boletos not yet sent back to drafts; those
// already on their way finish.
func (f *Boletos) CancelBatch(job string) (BatchView, error) {
	return f.onBatch(job, func(ctx context.Context, bt *issuing.Batch) error { return bt.Cancel(ctx) })
}

// RetryBatch sends the batch's failed boletos again.
func (f *Boletos) RetryBatch(job string) (BatchView, error) {
	return f.onBatch(job, func(ctx context.Context, bt *issuing.Batch) error {
		_, err := bt.RetryFailed(ctx)
		return err
	})
}

// onBatch applies act to a batch and says where it stands after.
func (f *Boletos) onBatch(job string, act func(context.Context, *issuing.Batch) error) (BatchView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	bt, err := f.batch(job)
	if err != nil {
		return BatchView{}, err
	}
	if err := act(ctx, bt); err != nil {
		return BatchView{}, err
	}
	return batchView(bt), nil
}

func (f *Boletos) batch(job string) (*issuing.Batch, error) {
	iss, err := f.app.issuing()
	if err != nil {
		return nil, err
	}
	bt, ok := iss.Batch(job)
	if !ok {
		return nil, apperr.New(apperr.CodeNotFound, "Este lote de emissão não existe mais (o programa foi reiniciado?). Veja os boletos na lista.")
	}
	return bt, nil
}

// Unqueue takes a boleto that is still waiting in the queue back to draft.
func (f *Boletos) Unqueue(id int64) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	if _, err := iss.Unqueue(ctx, id); err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(id)
}

// Cancel asks the bank to cancel (baixa) an issued boleto, with a reason
// of up to 50 characters.
func (f *Boletos) Cancel(id int64, reason string) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoBankTimeout)
	defer cancel()
	iss, err := f.app.issuing()
	if err != nil {
		return BoletoDetail{}, err
	}
	if _, err := iss.Cancel(ctx, id, reason); err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(id)
}

// CancelMany cancels several boletos with one reason, one after the other,
// and says how each went.
func (f *Boletos) CancelMany(ids []int64, reason string) ([]ItemResult, error) {
	iss, err := f.app.issuing()
	if err != nil {
		return nil, err
	}
	out := make([]ItemResult, 0, len(ids))
	for _, id := range ids {
		ctx, cancel := f.app.callContext(boletoBankTimeout)
		b, err := iss.Cancel(ctx, id, reason)
		cancel()
		r := ItemResult{ID: id, SeuNumero: b.SeuNumero, OK: err == nil}
		if err != nil {
			var e *apperr.Error
			if errors.As(err, &e) && len(e.Fields) > 0 && e.Fields[0].Field == "motivo" {
				return nil, err // the reason itself is wrong: nothing was sent
			}
			_, r.Message = apperr.Describe(err)
		} else {
			r.Message = store.StateLabel(b.State)
		}
		out = append(out, r)
	}
	return out, nil
}

// EditAtBank changes the due date and/or the amount of an issued boleto
// through the bank and follows the bank's processing for a short while.
func (f *Boletos) EditAtBank(id int64, in EditInput) (EditOutcome, error) {
	ctx, cancel := f.app.callContext(boletoBankTimeout)
	defer cancel()
	iss, due, err := f.changeAtBank(in.DueDate)
	if err != nil {
		return EditOutcome{}, err
	}
	res, err := iss.Edit(ctx, id, issuing.EditInput{DueDate: due, Amount: boleto.Cents(in.AmountCents)})
	out := EditOutcome{Status: res.Status}
	if errors.Is(err, issuing.ErrEditRefused) {
		out.Refused = true
		_, out.Message = apperr.Describe(err)
	} else if err != nil {
		return EditOutcome{}, err
	}
	if out.Boleto, err = f.detail(id); err != nil {
		return EditOutcome{}, err
	}
	return out, nil
}

// Substitute cancels an issued boleto and issues a new one, linked to it,
// with the new due date and amount. It returns the new boleto.
func (f *Boletos) Substitute(id int64, in SubstituteInput) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoBankTimeout)
	defer cancel()
	iss, due, err := f.changeAtBank(in.DueDate)
	if err != nil {
		return BoletoDetail{}, err
	}
	_, repl, err := iss.Substitute(ctx, id, issuing.SubstituteInput{DueDate: due, Amount: boleto.Cents(in.AmountCents), Reason: in.Reason})
	if err != nil {
		return BoletoDetail{}, err
	}
	return f.detail(repl.ID)
}

// changeAtBank starts "Alterar no banco" and "Substituir": the outbox and
// the form's "novo vencimento".
func (f *Boletos) changeAtBank(dueDate string) (*issuing.Service, boleto.Date, error) {
	iss, err := f.app.issuing()
	if err != nil {
		return nil, boleto.Date{}, err
	}
	due, err := parseDateField(dueDate, "vencimento", "novo vencimento")
	return iss, due, err
}

// List returns one page of the boletos matching the filter, with the totals
// of the whole filtered set.
func (f *Boletos) List(filter BoletoFilter) (BoletoPage, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	sf, err := filter.store()
	if err != nil {
		return BoletoPage{}, err
	}
	page, err := f.app.cfg.Store.ListBoletos(ctx, sf)
	if err != nil {
		return BoletoPage{}, err
	}
	out := BoletoPage{Rows: make([]BoletoRow, len(page.Boletos)), Total: page.Total,
		TotalAmountCents: int64(page.TotalAmount), TotalPaidCents: int64(page.TotalPaid)}
	for i, b := range page.Boletos {
		out.Rows[i] = boletoRow(b)
	}
	return out, nil
}

// Get returns the detail of one boleto, with its history.
func (f *Boletos) Get(id int64) (BoletoDetail, error) { return f.detail(id) }

// SyncNow ("Sincronizar agora") asks the bank for changes right away; the
// outcome arrives as retorno:finished and boleto:changed events.
func (f *Boletos) SyncNow() error {
	f.app.mu.RLock()
	poller := f.app.retorno
	f.app.mu.RUnlock()
	if poller == nil {
		return apperr.New(apperr.CodeUnavailable, "A sincronização com o banco não está ativa nesta sessão.")
	}
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	accs, err := f.app.cfg.Store.ListAccounts(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(accs, func(a store.Account) bool { return a.DirectIntegration }) {
		return apperr.New(apperr.CodeInvalid, "Nenhuma conta com integração direta para sincronizar. Cadastre a conta do Banco Inter em Contas bancárias.")
	}
	poller.SyncNow()
	return nil
}

// detail reads a boleto, its account and its history.
func (f *Boletos) detail(id int64) (BoletoDetail, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	st := f.app.cfg.Store
	b, err := st.GetBoleto(ctx, id)
	if err != nil {
		return BoletoDetail{}, err
	}
	acc, err := st.GetAccount(ctx, b.AccountID)
	if err != nil {
		return BoletoDetail{}, err
	}
	events, err := st.ListEvents(ctx, id)
	if err != nil {
		return BoletoDetail{}, err
	}
	d := BoletoDetail{
		Row: boletoRow(b), Version: b.Version, AccountName: acc.Name,
		PayerID: b.PayerID, Payer: partyDTO(b.Payer), Charges: parametersDTO(b.Charges, 0),
		IssueDate: dateText(b.IssueDate), CodigoSolicitacao: b.CodigoSolicitacao, Barcode: b.Barcode,
		PixCopiaECola: b.PixCopiaECola, TxID: b.TxID, BankSituation: b.BankSituation,
		FailureReason: b.FailureReason, CancelReason: b.CancelReason,
		ReplacesID: b.ReplacesID, ReplacedByID: b.ReplacedByID, DocumentID: b.DocumentID,
		Problems: []FieldProblemDTO{}, AmountDue: []AmountDueRow{}, Timeline: make([]TimelineEntry, len(events)),
		Actions: actions(b),
	}
	if b.LinhaDigitavel != "" {
		d.LinhaDigitavel = boleto.FormatLinha(b.LinhaDigitavel)
	}
	if b.DocumentID != 0 {
		if doc, err := st.GetDocument(ctx, b.DocumentID); err == nil {
			d.Document = &DocumentRef{ID: doc.ID, Kind: string(doc.Kind), Label: store.DescribeDocument(doc)}
		}
	}
	if b.FinalBeneficiary != nil {
		fb := partyDTO(*b.FinalBeneficiary)
		d.FinalBeneficiary = &fb
	}
	if b.DueDate.Valid() && b.Amount > 0 {
		d.Instructions = b.Charges.Describe(b.DueDate, b.Amount)
		d.AmountDue = amountDue(b.Draft)
	}
	switch b.State {
	case store.StateDraft:
		for _, p := range boleto.ValidateDraft(b.Draft, f.app.cfg.Now()) {
			d.Problems = append(d.Problems, FieldProblemDTO{Field: p.Field, Message: p.Message, Warning: p.Warning})
		}
	case store.StateFailed:
		if iss, err := f.app.issuing(); err == nil {
			if bank, err := iss.BankProblems(ctx, id); err == nil {
				d.Problems = problemDTOs(bank)
			}
		}
	}
	for i, ev := range events {
		d.Timeline[i] = TimelineEntry{At: ev.At.Format(time.RFC3339), Kind: string(ev.Kind), State: string(ev.NewState),
			StateLabel: store.StateLabel(ev.NewState), Message: ev.Message}
	}
	return d, nil
}

// actions lists what can be done to a boleto in its state.
func actions(b store.Boleto) BoletoActions {
	s := b.State
	editable := s == store.StateDraft || s == store.StateFailed
	open := s == store.StateIssued || s == store.StateOverdue
	return BoletoActions{
		Edit:       editable,
		Issue:      editable,
		Unqueue:    s == store.StateQueued,
		Delete:     s == store.StateDraft,
		Duplicate:  true,
		Cancel:     open,
		EditAtBank: open,
		Substitute: open && b.ReplacedByID == 0,
		BankPDF:    b.CodigoSolicitacao != "" && (open || s == store.StatePaid),
	}
}

// boletoRow is the list line of a boleto.
func boletoRow(b store.Boleto) BoletoRow {
	r := BoletoRow{
		ID: b.ID, AccountID: b.AccountID, SeuNumero: b.SeuNumero, State: string(b.State),
		StateLabel: store.StateLabel(b.State), AmountCents: int64(b.Amount), DueDate: dateText(b.DueDate),
		PayerName: b.Payer.Name, PayerDocument: brazil.FormatDocument(b.Payer.Document),
		NossoNumero: b.NossoNumero, PaidAmountCents: int64(b.PaidAmount), PaidDate: dateText(b.PaidDate),
		PaidChannel: string(b.PaidChannel), Attention: []string{},
	}
	if b.InstallmentTotal > 1 {
		r.Installment = fmt.Sprintf("%d/%d", b.InstallmentNumber, b.InstallmentTotal)
	}
	if b.Flags.Has(store.FlagCodeMismatch) {
		r.Attention = append(r.Attention, "A linha digitável do banco não confere com o código de barras: confira antes de entregar.")
	}
	if b.Flags.Has(store.FlagAmountMismatch) {
		r.Attention = append(r.Attention, "O banco registrou valor ou vencimento diferente do enviado: confira.")
	}
	if b.Flags.Has(store.FlagNoPix) {
		r.Attention = append(r.Attention, "Emitido sem QR Code Pix (a conta não tem chave Pix cadastrada no Inter).")
	}
	if b.PaidAmount != 0 && b.PaidAmount < b.Amount && b.State == store.StatePaid {
		r.Attention = append(r.Attention, fmt.Sprintf("Pago %s, menos que o valor do boleto (%s).", b.PaidAmount.BRL(), b.Amount.BRL()))
	}
	return r
}

// amountDue is the preview of what the payer owes on the dates that matter:
// the discount limit, the due date, the days after it, and the last day the
// bank accepts the payment.
func amountDue(d boleto.Draft) []AmountDueRow {
	type point struct {
		date  boleto.Date
		label string
	}
	var points []point
	if disc := d.Charges.Discount; disc != nil && disc.DaysBefore > 0 {
		points = append(points, point{d.DueDate.AddDays(-disc.DaysBefore), fmt.Sprintf("Até %d dias antes (com desconto)", disc.DaysBefore)})
	}
	points = append(points, point{d.DueDate, "No vencimento"})
	for _, n := range []int{1, 10, 30} {
		if d.Charges.AgendaDays > 0 && n > d.Charges.AgendaDays {
			break
		}
		label := "1 dia após o vencimento"
		if n > 1 {
			label = fmt.Sprintf("%d dias após o vencimento", n)
		}
		points = append(points, point{d.DueDate.AddDays(n), label})
	}
	if a := d.Charges.AgendaDays; a > 0 && a != 1 && a != 10 && a != 30 {
		points = append(points, point{d.DueDate.AddDays(a), fmt.Sprintf("Último dia aceito pelo banco (%d dias após)", a)})
	}
	out := make([]AmountDueRow, 0, len(points))
	for _, p := range points {
		bd := boleto.AmountDue(d.Amount, d.DueDate, p.date, d.Charges)
		out = append(out, AmountDueRow{Date: p.date.String(), Label: p.label, TotalCents: int64(bd.Total),
			DiscountCents: int64(bd.Discount), FineCents: int64(bd.Fine), InterestCents: int64(bd.Interest), Expired: bd.Expired})
	}
	return out
}

// formError turns a validation failure into the error of a refused form:
// every problem by field, and one sentence (what failed, then the problem,
// or how many there are).
func formError(err error, what string) error {
	var verr *boleto.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	msg := verr.Error()
	if len(verr.Problems) > 1 {
		msg = fmt.Sprintf("%s: há %d problemas a corrigir.", what, len(verr.Problems))
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: verr.FieldProblems(), Err: verr}
}

// validateForm validates a form before it is saved: an empty seu número is
// fine there, since saving gives the account's next number.
func validateForm(d boleto.Draft, now time.Time) boleto.Problems {
	if d.SeuNumero == "" {
		d.SeuNumero = store.FormatSeuNumero(1)
	}
	return boleto.ValidateDraft(d, now)
}

// draft converts the form to the domain draft; a date that cannot be read
// is a field problem.
func (in DraftInput) draft() (boleto.Draft, error) {
	due, err := parseDateField(in.DueDate, "vencimento", "vencimento")
	if err != nil {
		return boleto.Draft{}, err
	}
	charges, err := in.Charges.charges()
	if err != nil {
		return boleto.Draft{}, err
	}
	d := boleto.Draft{
		SeuNumero: strings.TrimSpace(in.SeuNumero), Amount: boleto.Cents(in.AmountCents), DueDate: due,
		Payer: in.Payer.payer(), Charges: charges,
	}
	if in.FinalBeneficiary != nil && strings.TrimSpace(in.FinalBeneficiary.Document+in.FinalBeneficiary.Name) != "" {
		fb := in.FinalBeneficiary.payer()
		d.FinalBeneficiary = &fb
	}
	return d, nil
}

// storeInput is the form as the store writes it.
func (in DraftInput) storeInput() (store.DraftInput, error) {
	if in.AccountID <= 0 {
		return store.DraftInput{}, &apperr.Error{Code: apperr.CodeInvalid, Message: "Escolha a conta que emite o boleto.",
			Fields: []apperr.FieldProblem{{Field: "conta", Message: "Escolha a conta que emite o boleto."}}}
	}
	d, err := in.draft()
	if err != nil {
		return store.DraftInput{}, err
	}
	return store.DraftInput{AccountID: in.AccountID, PayerID: in.PayerID, Draft: d}, nil
}

// draftInput is the form of a saved boleto.
func draftInput(b store.Boleto) DraftInput {
	in := DraftInput{
		AccountID: b.AccountID, PayerID: b.PayerID, SeuNumero: b.SeuNumero, AmountCents: int64(b.Amount),
		DueDate: dateText(b.DueDate), Payer: partyDTO(b.Payer), Charges: parametersDTO(b.Charges, 0),
	}
	if b.FinalBeneficiary != nil {
		fb := partyDTO(*b.FinalBeneficiary)
		in.FinalBeneficiary = &fb
	}
	return in
}

// store converts the list filter, naming the field of a bad date.
func (f BoletoFilter) store() (store.BoletoFilter, error) {
	out := store.BoletoFilter{AccountID: f.AccountID, PayerID: f.PayerID, DocumentID: f.DocumentID, Text: f.Text,
		Order: store.BoletoOrder(f.Order), Limit: f.Limit, Offset: f.Offset}
	for _, k := range f.DocumentKinds {
		if _, ok := documentKindOptions[store.DocumentKind(k)]; !ok {
			return store.BoletoFilter{}, apperr.Invalid("Tipo de documento desconhecido no filtro: %q.", k)
		}
		out.DocumentKinds = append(out.DocumentKinds, store.DocumentKind(k))
	}
	for _, s := range f.States {
		st := store.State(s)
		if !st.Valid() {
			return store.BoletoFilter{}, apperr.Invalid("Situação desconhecida no filtro: %q.", s)
		}
		out.States = append(out.States, st)
	}
	dates := []struct {
		text, field, what string
		dst               *boleto.Date
	}{
		{f.DueFrom, "dueFrom", "vencimento inicial", &out.DueFrom},
		{f.DueTo, "dueTo", "vencimento final", &out.DueTo},
		{f.PaidFrom, "paidFrom", "pagamento inicial", &out.PaidFrom},
		{f.PaidTo, "paidTo", "pagamento final", &out.PaidTo},
	}
	for _, d := range dates {
		v, err := parseDateField(d.text, d.field, d.what)
		if err != nil {
			return store.BoletoFilter{}, err
		}
		*d.dst = v
	}
	return out, nil
}

// parseDateField reads a YYYY-MM-DD date of a form; "" is the zero date.
func parseDateField(s, field, what string) (boleto.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return boleto.Date{}, nil
	}
	d, err := boleto.ParseDate(s)
	if err != nil {
		msg := fmt.Sprintf("A data de %s é inválida: use dia/mês/ano.", what)
		return boleto.Date{}, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: []apperr.FieldProblem{{Field: field, Message: msg}}, Err: err}
	}
	return d, nil
}

// dateText is a date as the frontend reads it: YYYY-MM-DD, "" when zero.
func dateText(d boleto.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func problemDTOs(ps []apperr.FieldProblem) []FieldProblemDTO {
	out := make([]FieldProblemDTO, len(ps))
	for i, p := range ps {
		out[i] = FieldProblemDTO{Field: p.Field, Message: p.Message, Warning: p.Warning}
	}
	return out
}

func batchView(bt *issuing.Batch) BatchView {
	p := bt.Progress()
	v := BatchView{Job: bt.Job(), Done: p.Done, Failed: p.Failed, Remaining: p.Remaining, Total: p.Total,
		Paused: bt.Paused(), Finished: p.Remaining == 0, Items: []BatchItemDTO{}}
	for _, it := range bt.Report() {
		v.Items = append(v.Items, BatchItemDTO{ID: it.ID, SeuNumero: it.SeuNumero, State: string(it.State),
			StateLabel: store.StateLabel(it.State), Outcome: it.Outcome, Error: it.Error, Fields: problemDTOs(it.Fields)})
	}
	return v
}

// documentKindOptions are the origin kinds the list filters by, in the
// order offered.
var documentKindOptions = map[store.DocumentKind]int{
	store.DocNone: 0, store.DocNFe: 1, store.DocNFSe: 2, store.DocCTe: 3, store.DocSalesOrder: 4,
	store.DocServiceOrder: 5, store.DocFutureSale: 6, store.DocContract: 7, store.DocManual: 8,
}

// DocumentKinds lists the origin kinds the list filters by, with their
// labels ("avulso" is a boleto typed by hand).
func (f *Boletos) DocumentKinds() []StateOption {
	out := make([]StateOption, len(documentKindOptions))
	for k, i := range documentKindOptions {
		out[i] = StateOption{Value: string(k), Label: store.DocumentKindLabel(k)}
	}
	return out
}

// Document returns an origin document with all its boletos.
func (f *Boletos) Document(id int64) (DocumentView, error) {
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	st := f.app.cfg.Store
	d, err := st.GetDocument(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	page, err := st.ListBoletos(ctx, store.BoletoFilter{DocumentID: id, Order: store.OrderDueDate, Limit: 1000})
	if err != nil {
		return DocumentView{}, err
	}
	v := DocumentView{ID: d.ID, Kind: string(d.Kind), Label: store.DescribeDocument(d), KindLabel: store.DocumentKindLabel(d.Kind),
		Number: d.Number, Series: d.Series, AccessKey: d.AccessKey, IssueDate: dateText(d.IssueDate), TotalCents: int64(d.Total),
		Boletos: make([]BoletoRow, len(page.Boletos))}
	for i, b := range page.Boletos {
		v.Boletos[i] = boletoRow(b)
	}
	return v, nil
}
