// Package situacao maps what Banco Inter reports about a charge (its
// situacao, codes and payment) onto the local boleto, and checks the codes
// the bank hands back: that the linha digitável and the barcode agree, that
// the barcode carries the amount and due date that were sent, and that the
// Pix copia-e-cola is a valid BR Code. Both the issuing outbox and the
// retorno poller use it, so a charge reads the same whichever of them sees
// it first.
//
// It does no I/O: callers read the boleto, call Apply on a copy to learn
// the target state, then call Apply again inside store.Transition's mutate
// on the fresh row.
package situacao

import (
	"fmt"
	"strings"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/pix"
	"boletos/internal/store"
)

// StateOf returns the local state that mirrors a situation at the bank; ok
// is false for a situation this program does not know.
func StateOf(s inter.Situacao) (st store.State, ok bool) {
	switch s {
	case inter.SituacaoEmProcessamento:
		return store.StateProcessing, true
	case inter.SituacaoAReceber:
		return store.StateIssued, true
	case inter.SituacaoAtrasado:
		return store.StateOverdue, true
	case inter.SituacaoRecebido, inter.SituacaoMarcadoRecebido:
		return store.StatePaid, true
	case inter.SituacaoCancelado:
		return store.StateCancelled, true
	case inter.SituacaoExpirado:
		return store.StateExpired, true
	case inter.SituacaoFalhaEmissao:
		return store.StateFailed, true
	case inter.SituacaoProtesto:
		return store.StateProtested, true
	}
	return "", false
}

// Live reports whether a charge in situation s is (or may still become) a
// valid charge: anything but a failed emission, a cancellation or an
// expiry. Reconciliation adopts only live charges.
func Live(s inter.Situacao) bool {
	switch s {
	case inter.SituacaoFalhaEmissao, inter.SituacaoCancelado, inter.SituacaoExpirado:
		return false
	}
	return true
}

// Update is what Apply found.
type Update struct {
	To      store.State     // the state the boleto should be in
	Changed bool            // false when the boleto already says all of it
	Kind    store.EventKind // audit event kind
	Message string          // pt-BR audit message
	// Problems are the mismatches found in the codes (pt-BR), also in
	// Message; they set flags on the boleto and are never hidden.
	Problems []string
}

// flagMask are the flags Apply recomputes whenever the codes change.
const flagMask = store.FlagCodeMismatch | store.FlagNoPix | store.FlagAmountMismatch

// Apply copies onto b what the bank reports in c (codigoSolicitacao,
// dates, nosso número, barcode, linha, Pix, payment, cancellation reason,
// raw situation), rechecks the codes when they change, and returns the
// state b should move to with the audit message.
//
// A boleto in cancel_requested stays there while the bank still shows the
// charge open (A_RECEBER or ATRASADO): the cancellation is on its way. The
// bank's amount and due date are compared with what was sent when the
// charge is issued, and a difference is flagged (FlagAmountMismatch); once
// issued, they change only through an edit, and the bank's are copied.
func Apply(b *store.Boleto, c inter.Cobranca) Update {
	d := c.Cobranca
	u := Update{To: b.State}
	if to, ok := StateOf(d.Situacao); ok {
		u.To = to
	}
	if b.State == store.StateCancelRequested && (u.To == store.StateIssued || u.To == store.StateOverdue) {
		u.To = store.StateCancelRequested
	}
	changed := u.To != b.State
	set := func(dst *string, v string) {
		if v != "" && *dst != v {
			*dst = v
			changed = true
		}
	}
	set(&b.CodigoSolicitacao, d.CodigoSolicitacao)
	if !d.DataEmissao.IsZero() && b.IssueDate != d.DataEmissao {
		b.IssueDate = d.DataEmissao
		changed = true
	}
	if string(d.Situacao) != "" && (b.BankSituation != string(d.Situacao) || (!d.DataSituacao.IsZero() && b.BankSituationDate != d.DataSituacao)) {
		b.BankSituation = string(d.Situacao)
		if !d.DataSituacao.IsZero() {
			b.BankSituationDate = d.DataSituacao
		}
		changed = true
	}

	// After issuance the amount and due date change only through an edit
	// (here or at the bank's site): the bank's values are the boleto's.
	var notes []string
	if issuedOnce(b.State) {
		if d.ValorNominal != 0 && d.ValorNominal != b.Amount {
			notes = append(notes, fmt.Sprintf("valor alterado de %s para %s", b.Amount.BRL(), d.ValorNominal.BRL()))
			b.Amount = d.ValorNominal
			changed = true
		}
		if !d.DataVencimento.IsZero() && d.DataVencimento != b.DueDate {
			notes = append(notes, fmt.Sprintf("vencimento alterado de %s para %s", b.DueDate.BR(), d.DataVencimento.BR()))
			b.DueDate = d.DataVencimento
			changed = true
		}
	}

	codesChanged := false
	if bo := c.Boleto; bo != nil {
		if bo.NossoNumero != "" && b.NossoNumero != bo.NossoNumero {
			b.NossoNumero, codesChanged = bo.NossoNumero, true
		}
		if bo.CodigoBarras != "" && b.Barcode != bo.CodigoBarras {
			b.Barcode, codesChanged = bo.CodigoBarras, true
		}
		if bo.LinhaDigitavel != "" && b.LinhaDigitavel != bo.LinhaDigitavel {
			b.LinhaDigitavel, codesChanged = bo.LinhaDigitavel, true
		}
	}
	if px := c.Pix; px != nil {
		if px.PixCopiaECola != "" && b.PixCopiaECola != px.PixCopiaECola {
			b.PixCopiaECola, codesChanged = px.PixCopiaECola, true
		}
		if px.Txid != "" && b.TxID != px.Txid {
			b.TxID, codesChanged = px.Txid, true
		}
	}
	// The codes are checked when they arrive or change, and when the
	// boleto becomes issued (A_RECEBER without a Pix is flagged then).
	if codesChanged || (u.To == store.StateIssued && b.State != store.StateIssued && b.State != store.StateCancelRequested) {
		changed = true
		flags, problems := Verify(*b)
		if d.ValorNominal != 0 && d.ValorNominal != b.Amount {
			flags |= store.FlagAmountMismatch
			problems = append(problems, fmt.Sprintf("o banco registrou o valor %s, mas foi enviado %s", d.ValorNominal.BRL(), b.Amount.BRL()))
		}
		if !d.DataVencimento.IsZero() && d.DataVencimento != b.DueDate {
			flags |= store.FlagAmountMismatch
			problems = append(problems, fmt.Sprintf("o banco registrou o vencimento %s, mas foi enviado %s", d.DataVencimento.BR(), b.DueDate.BR()))
		}
		b.Flags = b.Flags&^flagMask | flags
		u.Problems = problems
	}

	switch d.Situacao {
	case inter.SituacaoRecebido, inter.SituacaoMarcadoRecebido:
		channel := store.PaidChannel("")
		switch d.OrigemRecebimento {
		case inter.OrigemRecebimentoBoleto:
			channel = store.PaidByBoleto
		case inter.OrigemRecebimentoPix:
			channel = store.PaidByPix
		}
		if b.PaidAmount != d.ValorTotalRecebido || b.PaidDate != d.DataSituacao || b.PaidChannel != channel {
			b.PaidAmount, b.PaidDate, b.PaidChannel = d.ValorTotalRecebido, d.DataSituacao, channel
			changed = true
		}
	case inter.SituacaoCancelado:
		if m := strings.TrimSpace(d.MotivoCancelamento); m != "" && b.CancelReason == "" {
			b.CancelReason = m
			changed = true
		}
	case inter.SituacaoFalhaEmissao:
		if b.FailureReason == "" {
			b.FailureReason = msgFalhaEmissao
			changed = true
		}
	}
	u.Changed = changed
	u.Kind, u.Message = describe(b, d, u.To)
	if len(notes) > 0 {
		u.Message += " O banco informa " + strings.Join(notes, " e ") + "."
	}
	if len(u.Problems) > 0 {
		u.Message += " ATENÇÃO: " + strings.Join(u.Problems, "; ") + "."
	}
	return u
}

// issuedOnce reports whether a boleto in state st was issued by the bank
// at some point.
func issuedOnce(st store.State) bool {
	switch st {
	case store.StateIssued, store.StateOverdue, store.StatePaid, store.StateCancelRequested,
		store.StateCancelled, store.StateExpired, store.StateProtested:
		return true
	}
	return false
}

const msgFalhaEmissao = "O banco informou falha na emissão do boleto (FALHA_EMISSAO). Confira os dados e envie de novo."

// describe returns the audit event kind and message for a boleto moving to
// state to because of d.
func describe(b *store.Boleto, d inter.DadosCobranca, to store.State) (store.EventKind, string) {
	switch to {
	case store.StateProcessing:
		return store.EventStatus, fmt.Sprintf("Cobrança registrada no banco (código de solicitação %s); aguardando o processamento.", b.CodigoSolicitacao)
	case store.StateIssued:
		if b.State == store.StateOverdue {
			return store.EventStatus, fmt.Sprintf("O banco voltou a mostrar o boleto em aberto (a receber), com vencimento em %s.", b.DueDate.BR())
		}
		if b.State == store.StateIssued {
			return store.EventStatus, "Dados do boleto atualizados pelo banco."
		}
		if b.NossoNumero == "" {
			return store.EventIssued, "Boleto emitido pelo banco."
		}
		return store.EventIssued, fmt.Sprintf("Boleto emitido pelo banco: nosso número %s.", b.NossoNumero)
	case store.StateOverdue:
		return store.EventStatus, fmt.Sprintf("Vencido: o banco informa que o boleto não foi pago até o vencimento (%s).", b.DueDate.BR())
	case store.StatePaid:
		when := ""
		if !b.PaidDate.IsZero() {
			when = " em " + b.PaidDate.BR()
		}
		if d.Situacao == inter.SituacaoMarcadoRecebido {
			return store.EventPaid, fmt.Sprintf("Marcado como recebido no banco%s (%s).", when, b.PaidAmount.BRL())
		}
		via := ""
		switch b.PaidChannel {
		case store.PaidByPix:
			via = " via Pix"
		case store.PaidByBoleto:
			via = " via boleto"
		}
		return store.EventPaid, fmt.Sprintf("Pagamento recebido%s: %s%s.", when, b.PaidAmount.BRL(), via)
	case store.StateCancelled:
		msg := "Cancelado no banco"
		if !d.DataSituacao.IsZero() {
			msg += " em " + d.DataSituacao.BR()
		}
		if b.CancelReason != "" {
			msg += " (motivo: " + b.CancelReason + ")"
		}
		return store.EventCancel, msg + "."
	case store.StateExpired:
		return store.EventStatus, fmt.Sprintf("Expirado: não foi pago em até %d dia(s) após o vencimento (%s) e o banco deu baixa automática.", b.Charges.AgendaDays, b.DueDate.BR())
	case store.StateFailed:
		return store.EventError, msgFalhaEmissao
	case store.StateProtested:
		return store.EventStatus, "O banco informa que o boleto foi enviado para protesto."
	case store.StateCancelRequested:
		return store.EventStatus, "Cancelamento em andamento no banco."
	}
	return store.EventStatus, "Dados do boleto atualizados pelo banco."
}

// Verify checks the codes of an issued boleto and returns the flags they
// deserve with a pt-BR description of each problem:
//   - FlagCodeMismatch: the linha digitável or the barcode fails its check
//     digits, they do not agree, the barcode is not Banco Inter's, the nosso
//     número in the campo livre is not the one reported, or the Pix
//     copia-e-cola is not a valid BR Code (CRC or structure);
//   - FlagAmountMismatch: the barcode (or the Pix) carries another amount or
//     due date than the boleto's;
//   - FlagNoPix: there is no Pix copia-e-cola (the account has no Pix key).
//
// A boleto without barcode or linha gets FlagCodeMismatch too.
func Verify(b store.Boleto) (store.Flags, []string) {
	var (
		flags    store.Flags
		problems []string
	)
	bad := func(f store.Flags, format string, args ...any) {
		flags |= f
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	switch {
	case b.Barcode == "" && b.LinhaDigitavel == "":
		bad(store.FlagCodeMismatch, "o banco não informou o código de barras nem a linha digitável")
	case b.Barcode == "":
		bad(store.FlagCodeMismatch, "o banco não informou o código de barras")
	case b.LinhaDigitavel == "":
		bad(store.FlagCodeMismatch, "o banco não informou a linha digitável")
	}
	if b.LinhaDigitavel != "" {
		bc, err := boleto.LinhaToBarcode(b.LinhaDigitavel)
		switch {
		case err != nil:
			bad(store.FlagCodeMismatch, "a linha digitável do banco é inválida (%s)", strings.TrimSuffix(err.Error(), "."))
		case b.Barcode != "" && bc != b.Barcode:
			bad(store.FlagCodeMismatch, "a linha digitável não corresponde ao código de barras")
		}
	}
	if b.Barcode != "" {
		ref := b.DueDate
		if ref.IsZero() || !ref.Valid() {
			ref = b.IssueDate
		}
		dec, err := boleto.Decode(b.Barcode, ref)
		switch {
		case err != nil:
			bad(store.FlagCodeMismatch, "o código de barras do banco é inválido (%s)", strings.TrimSuffix(err.Error(), "."))
		case len(dec.Linha) != 47 || dec.Barcode != b.Barcode:
			bad(store.FlagCodeMismatch, "o código de barras do banco é inválido")
		default:
			if dec.Bank != boleto.InterBank {
				bad(store.FlagCodeMismatch, "o código de barras é do banco %s, não do Banco Inter (077)", dec.Bank)
			}
			if dec.Amount != b.Amount {
				bad(store.FlagAmountMismatch, "o código de barras tem o valor %s, mas o boleto é de %s", dec.Amount.BRL(), b.Amount.BRL())
			}
			if !dec.HasDueDate || dec.DueDate != b.DueDate {
				bad(store.FlagAmountMismatch, "o código de barras tem o vencimento %s, mas o boleto vence em %s", dec.DueDate.BR(), b.DueDate.BR())
			}
			if dec.Bank == boleto.InterBank && len(b.NossoNumero) == 11 {
				if ff, err := boleto.ParseInterFreeField(dec.FreeField); err != nil || ff.NossoNumero != b.NossoNumero[:10] {
					bad(store.FlagCodeMismatch, "o nosso número no código de barras não é o informado pelo banco (%s)", b.NossoNumero)
				}
			}
		}
	}
	if b.PixCopiaECola == "" {
		flags |= store.FlagNoPix
	} else {
		code, err := pix.Parse(b.PixCopiaECola)
		switch {
		case err != nil:
			bad(store.FlagCodeMismatch, "o Pix copia-e-cola do banco é inválido (%s)", strings.TrimSuffix(err.Error(), "."))
		case code.AmountCents != nil && boleto.Cents(*code.AmountCents) != b.Amount:
			bad(store.FlagAmountMismatch, "o Pix copia-e-cola tem o valor %s, mas o boleto é de %s", boleto.Cents(*code.AmountCents).BRL(), b.Amount.BRL())
		}
	}
	return flags, problems
}
