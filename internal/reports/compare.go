package reports

import (
	"fmt"
	"slices"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/inter"
	"boletos/internal/store"
)

// situationOrder is the order of the comparison lines, and situationLabels
// their names.
var (
	situationOrder = []inter.Situacao{
		inter.SituacaoAReceber, inter.SituacaoAtrasado, inter.SituacaoRecebido, inter.SituacaoMarcadoRecebido,
		inter.SituacaoCancelado, inter.SituacaoExpirado, inter.SituacaoEmProcessamento, inter.SituacaoFalhaEmissao,
		inter.SituacaoProtesto,
	}
	situationLabels = map[inter.Situacao]string{
		inter.SituacaoAReceber:        "A receber",
		inter.SituacaoAtrasado:        "Vencidos",
		inter.SituacaoRecebido:        "Recebidos",
		inter.SituacaoMarcadoRecebido: "Marcados como recebidos",
		inter.SituacaoCancelado:       "Cancelados",
		inter.SituacaoExpirado:        "Expirados",
		inter.SituacaoEmProcessamento: "Em processamento",
		inter.SituacaoFalhaEmissao:    "Falha na emissão",
		inter.SituacaoProtesto:        "Em protesto",
	}
)

// BankSituation returns the situation the bank should show for boletos in
// our state st whose last reported situation was last; ok is false for
// boletos the bank does not have (drafts, the queue, sends whose outcome
// is unknown, and failures the bank did not register).
func BankSituation(st store.State, last string) (inter.Situacao, bool) {
	switch st {
	case store.StateProcessing:
		return inter.SituacaoEmProcessamento, true
	case store.StateIssued:
		return inter.SituacaoAReceber, true
	case store.StateOverdue:
		return inter.SituacaoAtrasado, true
	case store.StatePaid:
		if inter.Situacao(last) == inter.SituacaoMarcadoRecebido {
			return inter.SituacaoMarcadoRecebido, true
		}
		return inter.SituacaoRecebido, true
	case store.StateCancelRequested:
		// Open at the bank until the cancellation is confirmed.
		if inter.Situacao(last) == inter.SituacaoAtrasado {
			return inter.SituacaoAtrasado, true
		}
		return inter.SituacaoAReceber, true
	case store.StateCancelled:
		return inter.SituacaoCancelado, true
	case store.StateExpired:
		return inter.SituacaoExpirado, true
	case store.StateProtested:
		return inter.SituacaoProtesto, true
	case store.StateFailed:
		if inter.Situacao(last) == inter.SituacaoFalhaEmissao {
			return inter.SituacaoFalhaEmissao, true
		}
	}
	return "", false
}

// CompareSummary compares the program's totals per situation (from
// store.SituationTotals) with the bank's sumário for the same period and
// date filter, and returns one pt-BR line per situation whose count or
// amount differs, e.g. "Recebidos: 12 no programa, 13 no banco (R$ 1.234,56
// de diferença)"; nil when they agree. Amounts are nominal on both sides.
func CompareSummary(ours []store.SituationTotal, bank []inter.SummaryItem) []string {
	type sums struct {
		count int64
		cents boleto.Cents
	}
	mine := map[inter.Situacao]sums{}
	for _, t := range ours {
		sit, ok := BankSituation(t.State, t.BankSituation)
		if !ok {
			continue
		}
		s := mine[sit]
		s.count += int64(t.Count)
		s.cents += t.Cents
		mine[sit] = s
	}
	theirs := map[inter.Situacao]sums{}
	order := slices.Clone(situationOrder)
	for _, it := range bank {
		s := theirs[it.Situacao]
		s.count += it.Quantidade
		s.cents += it.Valor
		theirs[it.Situacao] = s
		if !slices.Contains(order, it.Situacao) {
			order = append(order, it.Situacao)
		}
	}
	var lines []string
	for _, sit := range order {
		a, b := mine[sit], theirs[sit]
		if a == b {
			continue
		}
		label, ok := situationLabels[sit]
		if !ok {
			label = string(sit)
		}
		diff := a.cents - b.cents
		if diff < 0 {
			diff = -diff
		}
		detail := diff.BRL() + " de diferença"
		if diff == 0 {
			detail = "mesmo valor total"
		}
		lines = append(lines, fmt.Sprintf("%s: %d no programa, %d no banco (%s)", label, a.count, b.count, detail))
	}
	return lines
}

// BankSummaryParams is the sumário request that matches f: the same period
// (required by the bank), date field and payer. The bank cannot filter by
// local state or by origin document, so f must not either.
func BankSummaryParams(f store.ReportFilter) (inter.SummaryParams, error) {
	if f.From.IsZero() || f.To.IsZero() {
		return inter.SummaryParams{}, apperr.Invalid("Para conferir com o banco, escolha um período com data inicial e final.")
	}
	if len(f.States) > 0 || len(f.DocumentKinds) > 0 {
		return inter.SummaryParams{}, apperr.Invalid("O banco não filtra por situação nem por origem: limpe esses filtros para conferir os totais.")
	}
	by := map[store.DateField]string{"": "VENCIMENTO", store.DateDue: "VENCIMENTO", store.DateIssue: "EMISSAO", store.DatePaid: "PAGAMENTO"}[f.DateField]
	if by == "" {
		return inter.SummaryParams{}, apperr.Invalid("Tipo de data desconhecido: %q.", string(f.DateField))
	}
	return inter.SummaryParams{
		DataInicial: f.From, DataFinal: f.To, FiltrarDataPor: by,
		CpfCnpjPessoaPagadora: brazil.NormalizeDocument(f.PayerDocument),
	}, nil
}
