package issuing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/store"
)

// EditInput is a change of an issued boleto: a new due date and/or a new
// amount (zero values are left as they are).
type EditInput struct {
	DueDate boleto.Date
	Amount  boleto.Cents
}

// EditResult is where an edit stands. Status is the bank's: PROCESSANDO,
// SUCESSO or FALHA.
type EditResult struct {
	Boleto       store.Boleto
	Status       string
	CodigoEdicao string
}

// ErrEditRefused is wrapped by the error of an edit the bank refused or
// could not apply: offer "Substituir" (Substitute) instead.
var ErrEditRefused = errors.New("issuing: the bank did not apply the edit")

// editDetails is the JSON kept with the audit events of an edit.
type editDetails struct {
	DueDate      string `json:"dueDate,omitempty"`
	Amount       string `json:"amount,omitempty"`
	CodigoEdicao string `json:"codigoEdicao,omitempty"`
}

// checkEdit validates an edit of b and returns the bank's request and a
// pt-BR description of the change.
func (s *Service) checkEdit(b store.Boleto, in EditInput) (inter.EditRequest, string, error) {
	var (
		req      inter.EditRequest
		parts    []string
		problems []apperr.FieldProblem
	)
	today := s.today()
	if !in.DueDate.IsZero() && in.DueDate != b.DueDate {
		switch {
		case !in.DueDate.Valid():
			problems = append(problems, apperr.FieldProblem{Field: "vencimento", Message: "O novo vencimento é uma data inválida."})
		case in.DueDate.Before(today):
			problems = append(problems, apperr.FieldProblem{Field: "vencimento", Message: fmt.Sprintf("O novo vencimento (%s) já passou; escolha hoje ou uma data futura.", in.DueDate.BR())})
		default:
			req.DataVencimento = in.DueDate
			parts = append(parts, fmt.Sprintf("vencimento de %s para %s", b.DueDate.BR(), in.DueDate.BR()))
		}
	}
	if in.Amount != 0 && in.Amount != b.Amount {
		switch {
		case in.Amount < boleto.MinIssueAmount:
			problems = append(problems, apperr.FieldProblem{Field: "valor", Message: fmt.Sprintf("O valor mínimo de um boleto é %s.", boleto.MinIssueAmount.BRL())})
		case in.Amount > boleto.MaxAmount:
			problems = append(problems, apperr.FieldProblem{Field: "valor", Message: fmt.Sprintf("O valor máximo de um boleto é %s.", boleto.MaxAmount.BRL())})
		default:
			req.ValorNominal = in.Amount
			parts = append(parts, fmt.Sprintf("valor de %s para %s", b.Amount.BRL(), in.Amount.BRL()))
		}
	}
	if len(problems) > 0 {
		return req, "", &apperr.Error{Code: apperr.CodeInvalid, Message: problems[0].Message, Fields: problems}
	}
	if len(parts) == 0 {
		return req, "", apperr.Invalid("Informe um novo vencimento ou um novo valor, diferente do atual.")
	}
	return req, strings.Join(parts, " e "), nil
}

// Edit changes the due date and/or the amount of an issued (or overdue)
// boleto through the bank's PATCH, records the request in the audit trail
// before sending it, and follows the edit's processing status until the
// bank applies it or ctx ends (then Status is PROCESSANDO: call FollowEdit
// later). When the bank refuses or fails the edit, the error wraps
// ErrEditRefused: the way out is Substitute.
func (s *Service) Edit(ctx context.Context, id int64, in EditInput) (EditResult, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return EditResult{}, err
	}
	if b.State != store.StateIssued && b.State != store.StateOverdue {
		return EditResult{Boleto: b}, apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"O boleto %s está “%s”: só boletos emitidos ou vencidos podem ser alterados no banco.", b.SeuNumero, store.StateLabel(b.State)))
	}
	req, desc, err := s.checkEdit(b, in)
	if err != nil {
		return EditResult{Boleto: b}, err
	}
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		return EditResult{Boleto: b}, err
	}
	release, ok := s.claim(id)
	if !ok {
		return EditResult{Boleto: b}, busyErr(b)
	}
	defer release()
	details := editDetails{DueDate: req.DataVencimento.String()}
	if req.ValorNominal != 0 {
		details.Amount = req.ValorNominal.Decimal()
	}
	nb, err := s.transition(ctx, b, b.State, store.Event{Kind: store.EventEdit,
		Message: "Alteração solicitada ao banco: " + desc + ".", Details: detailsJSON(details)}, nil)
	if err != nil {
		return EditResult{Boleto: b}, err
	}
	resp, err := bank.Edit(ctx, nb.CodigoSolicitacao, req)
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	if err != nil {
		if _, refused := refusedByBank(err); refused {
			text := "O banco recusou a alteração: " + strings.TrimPrefix(inter.UserMessage(err), "O banco recusou os dados: ") +
				" Se o banco não permite alterar este boleto, use “Substituir” (cancela este e emite outro com os novos dados)."
			_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventError, Message: text})
			return EditResult{Boleto: nb}, &apperr.Error{Code: apperr.CodeConflict, Message: text, Err: errors.Join(ErrEditRefused, err)}
		}
		text := "Não foi possível confirmar a alteração no banco (" + strings.TrimSuffix(inter.UserMessage(err), ".") + "). Use “Atualizar” mais tarde para ver se ela foi aplicada."
		_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventError, Message: text})
		return EditResult{Boleto: nb}, apperr.Wrap(apperr.CodeUnavailable, err, text)
	}
	details.CodigoEdicao = resp.CodigoEdicao
	if _, err := s.st.AddEvent(cctx, id, store.Event{Kind: store.EventEdit, Details: detailsJSON(details),
		Message: fmt.Sprintf("O banco recebeu a alteração (código da edição %s): %s.", resp.CodigoEdicao, editStatusText(resp.Status))}); err != nil {
		return EditResult{Boleto: nb, Status: resp.Status, CodigoEdicao: resp.CodigoEdicao}, err
	}
	return s.followEdit(ctx, bank, id, resp.CodigoEdicao, resp.Status)
}

func editStatusText(status string) string {
	switch status {
	case inter.EdicaoProcessando:
		return "em processamento"
	case inter.EdicaoSucesso:
		return "aplicada"
	case inter.EdicaoFalha:
		return "não aplicada"
	}
	return "situação " + status
}

// FollowEdit resumes following an edit the bank was still processing when
// Edit returned.
func (s *Service) FollowEdit(ctx context.Context, id int64, codigoEdicao string) (EditResult, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return EditResult{}, err
	}
	evs, err := s.st.ListEvents(ctx, id)
	if err != nil {
		return EditResult{Boleto: b}, err
	}
	known := slices.ContainsFunc(evs, func(ev store.Event) bool {
		var d editDetails
		return ev.Kind == store.EventEdit && json.Unmarshal(ev.Details, &d) == nil && d.CodigoEdicao == codigoEdicao
	})
	if !known || codigoEdicao == "" {
		return EditResult{Boleto: b}, apperr.New(apperr.CodeNotFound, "Esta alteração não é deste boleto.")
	}
	bank, err := s.client(ctx, b.AccountID)
	if err != nil {
		return EditResult{Boleto: b}, err
	}
	release, ok := s.claim(id)
	if !ok {
		return EditResult{Boleto: b}, busyErr(b)
	}
	defer release()
	return s.followEdit(ctx, bank, id, codigoEdicao, inter.EdicaoProcessando)
}

// followEdit polls the edit's status and records its result.
func (s *Service) followEdit(ctx context.Context, bank Bank, id int64, codigoEdicao, status string) (EditResult, error) {
	for status == inter.EdicaoProcessando {
		t := time.NewTimer(s.cfg.EditPollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			b, err := s.st.GetBoleto(context.WithoutCancel(ctx), id)
			if err != nil {
				return EditResult{Status: status, CodigoEdicao: codigoEdicao}, err
			}
			return EditResult{Boleto: b, Status: status, CodigoEdicao: codigoEdicao}, nil
		case <-t.C:
		}
		r, err := bank.EditStatus(ctx, codigoEdicao)
		switch {
		case err == nil:
			status = r.Status
		case inter.IsNotFound(err):
			b, _ := s.st.GetBoleto(context.WithoutCancel(ctx), id)
			return EditResult{Boleto: b, Status: status, CodigoEdicao: codigoEdicao}, bankErr(err)
		}
	}
	cctx, cancel := commitCtx(ctx)
	defer cancel()
	b, err := s.st.GetBoleto(cctx, id)
	if err != nil {
		return EditResult{Status: status, CodigoEdicao: codigoEdicao}, err
	}
	res := EditResult{Boleto: b, Status: status, CodigoEdicao: codigoEdicao}
	switch status {
	case inter.EdicaoSucesso:
		c, gerr := bank.Get(ctx, b.CodigoSolicitacao)
		if gerr != nil {
			_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventEdit,
				Message: "Alteração confirmada pelo banco. Os novos dados serão buscados na próxima atualização."})
			return res, nil
		}
		if nb, ok := s.applyClaimed(cctx, b, c); ok {
			res.Boleto = nb
			_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventEdit, Message: "Alteração confirmada pelo banco."})
		} else {
			_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventEdit,
				Message: "Alteração confirmada pelo banco, que pode levar até 30 minutos para mostrar os novos dados; use “Atualizar” depois."})
		}
		return res, nil
	case inter.EdicaoFalha:
		text := "O banco não conseguiu aplicar a alteração. Use “Substituir” para cancelar este boleto e emitir outro com os novos dados."
		_, _ = s.st.AddEvent(cctx, id, store.Event{Kind: store.EventError, Message: text})
		return res, &apperr.Error{Code: apperr.CodeConflict, Message: text, Err: ErrEditRefused}
	}
	return res, nil
}

// SubstituteInput describes the boleto that replaces an issued one: its
// new due date and amount (zero: the old one's) and the reason given to
// the bank for cancelling the old one (default "Substituído por outro
// boleto").
type SubstituteInput struct {
	DueDate boleto.Date
	Amount  boleto.Cents
	Reason  string
}

// Substitute ("substituir") replaces an issued or overdue boleto the bank
// cannot edit: a new draft with the same data and the new due date and
// amount is created (linked: its ReplacesID is the old one, whose
// ReplacedByID is the new one), the old one is cancelled, and once the
// bank confirms the cancellation the new one is queued for issuing. If the
// bank refuses the cancellation, the new draft is deleted and nothing
// changes.
func (s *Service) Substitute(ctx context.Context, id int64, in SubstituteInput) (old, replacement store.Boleto, err error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return store.Boleto{}, store.Boleto{}, err
	}
	if b.State != store.StateIssued && b.State != store.StateOverdue {
		return b, store.Boleto{}, apperr.New(apperr.CodeConflict, fmt.Sprintf(
			"O boleto %s está “%s”: só boletos emitidos ou vencidos podem ser substituídos.", b.SeuNumero, store.StateLabel(b.State)))
	}
	if b.ReplacedByID != 0 {
		return b, store.Boleto{}, apperr.New(apperr.CodeConflict, fmt.Sprintf("O boleto %s já tem um substituto.", b.SeuNumero))
	}
	reason := in.Reason
	if strings.TrimSpace(reason) == "" {
		reason = "Substituído por outro boleto"
	}
	if reason, err = checkReason(reason); err != nil {
		return b, store.Boleto{}, err
	}
	d := b.Draft
	d.SeuNumero = ""
	if !in.DueDate.IsZero() {
		d.DueDate = in.DueDate
	}
	if in.Amount != 0 {
		d.Amount = in.Amount
	}
	check := d
	check.SeuNumero = "X" // assigned on creation
	if err := invalidErr(b, boleto.ValidateDraft(check, s.now())); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			ae.Message = "O boleto substituto não pode ser emitido: " + strings.TrimPrefix(ae.Message, fmt.Sprintf("O boleto %s não pode ser enviado: ", b.SeuNumero))
		}
		return b, store.Boleto{}, err
	}
	nd, err := s.CreateDraft(ctx, store.DraftInput{
		AccountID: b.AccountID, PayerID: b.PayerID, Draft: d, DocumentID: b.DocumentID,
		InstallmentNumber: b.InstallmentNumber, InstallmentTotal: b.InstallmentTotal, ReplacesID: b.ID,
	})
	if err != nil {
		return b, store.Boleto{}, err
	}
	ob, err := s.cancel(ctx, b.ID, reason, nd.ID)
	if err != nil {
		dctx, cancel := commitCtx(ctx)
		defer cancel()
		if derr := s.st.DeleteDraft(dctx, nd.ID); derr != nil {
			s.log.Warn("issuing: delete the unused replacement draft", "boleto", nd.SeuNumero, "err", derr)
		}
		return ob, store.Boleto{}, err
	}
	if nb, gerr := s.st.GetBoleto(ctx, nd.ID); gerr == nil {
		nd = nb
	}
	return ob, nd, nil
}
