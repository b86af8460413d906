// Package printjob prints stored boletos: it reads them and their accounts
// from the store and hands them to the printing package. The CLI's
// `boletos print` and the app's Imprimir / Salvar PDF share it.
package printjob

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/printing"
	"boletos/internal/store"
)

// Layout is how the boletos are laid out on paper.
type Layout string

// Layouts.
const (
	LayoutPages Layout = "boleto" // one boleto per A4 page
	LayoutCarne Layout = "carne"  // three slips per A4 page (carnê)
)

// MaxBoletos bounds one print job: a carnê of 120 installments fits, and a
// PDF of a whole year's batch does not tie up the app.
const MaxBoletos = 1000

// Render prints the boletos ids, in that order, as one PDF.
func Render(ctx context.Context, db *store.Store, ids []int64, layout Layout, opts printing.Options) ([]byte, error) {
	switch {
	case len(ids) == 0:
		return nil, apperr.Invalid("Selecione ao menos um boleto para imprimir.")
	case len(ids) > MaxBoletos:
		return nil, apperr.Invalid("Imprima no máximo %d boletos por vez; foram selecionados %d.", MaxBoletos, len(ids))
	case layout != LayoutPages && layout != LayoutCarne:
		return nil, apperr.Invalid("Formato de impressão desconhecido: %q (use boleto ou carnê).", string(layout))
	}
	accs := map[int64]store.Account{}
	list := make([]printing.Boleto, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := db.GetBoleto(ctx, id)
		if err != nil {
			return nil, err
		}
		a, ok := accs[b.AccountID]
		if !ok {
			if a, err = db.GetAccount(ctx, b.AccountID); err != nil {
				return nil, err
			}
			accs[b.AccountID] = a
		}
		list = append(list, Printable(b, a))
	}
	var buf bytes.Buffer
	var err error
	if layout == LayoutCarne {
		err = printing.RenderCarne(&buf, list, opts)
	} else {
		err = printing.RenderBoletos(&buf, list, opts)
	}
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, "Não foi possível gerar o PDF: "+err.Error())
	}
	return buf.Bytes(), nil
}

// State maps a local state to how it prints (see the printing
// package's State).
func State(s store.State) printing.State {
	switch s {
	case store.StateIssued, store.StateOverdue, store.StateProtested:
		return printing.StateIssued
	case store.StatePaid:
		return printing.StatePaid
	case store.StateFailed:
		return printing.StateFailed
	case store.StateCancelled, store.StateCancelRequested:
		return printing.StateCancelled
	case store.StateExpired:
		return printing.StateExpired
	}
	return printing.StateDraft // draft, queued, sending, processing: no codes yet
}

// Printable builds what is printed of a boleto of account a.
func Printable(b store.Boleto, a store.Account) printing.Boleto {
	p := printing.Boleto{
		State:       State(b.State),
		Beneficiary: printing.PartyFromPayer(a.Beneficiary),
		Payer:       printing.PartyFromPayer(b.Payer),
		SeuNumero:   b.SeuNumero, DueDate: b.DueDate, Amount: b.Amount,
		DocumentDate: b.IssueDate, ProcessingDate: b.IssueDate,
		Logo: a.Logo,
	}
	if b.FinalBeneficiary != nil {
		fb := printing.PartyFromPayer(*b.FinalBeneficiary)
		p.FinalBeneficiary = &fb
	}
	if p.DocumentDate.IsZero() {
		p.DocumentDate = boleto.DateOf(b.CreatedAt.In(boleto.SaoPaulo))
	}
	agency := a.Agency
	if agency == "" {
		agency = "0001"
	}
	if len(b.Barcode) == 44 {
		if f, err := boleto.ParseInterFreeField(b.Barcode[19:]); err == nil {
			p.NossoNumero = boleto.FormatInterNossoNumero(f)
			p.Carteira = f.Carteira
			agency = f.Agency
		}
	}
	if p.NossoNumero == "" {
		p.NossoNumero = b.NossoNumero
	}
	p.AgencyCode = boleto.FormatAgencyCode(agency, a.AccountNumber)
	if p.State == printing.StateIssued || p.State == printing.StatePaid {
		p.Barcode, p.Linha, p.PixCopiaECola = b.Barcode, b.LinhaDigitavel, b.PixCopiaECola
	}
	p.Instructions = b.Charges.Describe(b.DueDate, b.Amount)
	for _, m := range b.Charges.Messages {
		if strings.TrimSpace(m) != "" {
			p.Instructions = append(p.Instructions, m)
		}
	}
	if b.InstallmentTotal > 1 {
		p.Installment = fmt.Sprintf("%d/%d", b.InstallmentNumber, b.InstallmentTotal)
	}
	return p
}
