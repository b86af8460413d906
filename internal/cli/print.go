package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/printing"
	"boletos/internal/store"
)

func bindPrint(fs *flag.FlagSet) runner { return bindPrintWith(fs, systemDeps()) }

func bindPrintWith(fs *flag.FlagSet, deps accountDeps) runner {
	var out string
	var carne bool
	fs.StringVar(&out, "out", "", "arquivo PDF a gravar")
	fs.StringVar(&out, "o", "", "arquivo PDF a gravar (o mesmo que --out)")
	fs.BoolVar(&carne, "carne", false, "imprime como carnê (três por página)")
	var fromBank bool
	fs.BoolVar(&fromBank, "bank", false, "baixa o PDF do próprio Banco Inter (um boleto registrado) em vez de gerar o nosso")
	return func(ctx context.Context, c *invocation, args []string) error {
		if out == "" {
			return usageErr{"informe o arquivo PDF com --out ARQUIVO.pdf"}
		}
		if len(args) == 0 {
			return usageErr{"informe o número (id) de ao menos um boleto: boletos print --out ARQUIVO.pdf ID…"}
		}
		var ids []int64
		for _, a := range args {
			id, err := strconv.ParseInt(a, 10, 64)
			if err != nil || id <= 0 {
				return usageErr{fmt.Sprintf("id de boleto inválido: %q (use o número da coluna ID de boletos list)", a)}
			}
			ids = append(ids, id)
		}
		if fromBank && (len(ids) != 1 || carne) {
			return usageErr{"--bank baixa o PDF do banco de um boleto por vez (sem --carne): boletos print --bank --out ARQUIVO.pdf ID"}
		}
		return withServices(ctx, c, deps, func(s *services) error {
			if fromBank {
				pdf, err := s.iss.BankPDF(ctx, ids[0])
				if err != nil {
					return err
				}
				return writePDF(c, out, pdf, "PDF do banco gravado em %s.\n")
			}
			accs := map[int64]store.Account{}
			var list []printing.Boleto
			for _, id := range ids {
				b, err := s.db.GetBoleto(ctx, id)
				if err != nil {
					return err
				}
				a, ok := accs[b.AccountID]
				if !ok {
					if a, err = s.acc.Get(ctx, b.AccountID); err != nil {
						return err
					}
					accs[b.AccountID] = a
				}
				list = append(list, printable(b, a))
			}
			var buf bytes.Buffer
			var err error
			if carne {
				err = printing.RenderCarne(&buf, list, printing.Options{})
			} else {
				err = printing.RenderBoletos(&buf, list, printing.Options{})
			}
			if err != nil {
				return apperr.Wrap(apperr.CodeInvalid, err, "Não foi possível gerar o PDF: "+err.Error())
			}
			return writePDF(c, out, buf.Bytes(), "PDF gravado em %s ("+plural(len(list), "boleto", "boletos")+").\n")
		})
	}
}

// printState maps a local state to how it prints (see the printing
// package's State).
func printState(s store.State) printing.State {
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

// printable builds what is printed of a boleto of account a.
func printable(b store.Boleto, a store.Account) printing.Boleto {
	p := printing.Boleto{
		State:       printState(b.State),
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
	if b.InstallmentTotal > 0 {
		p.Installment = fmt.Sprintf("%d/%d", b.InstallmentNumber, b.InstallmentTotal)
	}
	return p
}

// writePDF saves the PDF and says where.
func writePDF(c *invocation, out string, pdf []byte, doneFormat string) error {
	if err := os.WriteFile(out, pdf, 0o600); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf("Não foi possível gravar o arquivo %s: confira a pasta e as permissões.", out))
	}
	_, err := fmt.Fprintf(c.env.Stdout, doneFormat, out)
	return err
}
