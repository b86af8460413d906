package reports_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/reports"
	"boletos/internal/store"
)

func TestCompareSummary(t *testing.T) {
	t.Parallel()
	// The bank lists every situation, zeros included.
	bank := func(items ...inter.SummaryItem) []inter.SummaryItem {
		all := []inter.SummaryItem{}
		for _, s := range []inter.Situacao{"A_RECEBER", "RECEBIDO", "ATRASADO", "CANCELADO", "EXPIRADO", "MARCADO_RECEBIDO", "FALHA_EMISSAO", "EM_PROCESSAMENTO", "PROTESTO"} {
			it := inter.SummaryItem{Situacao: s}
			for _, x := range items {
				if x.Situacao == s {
					it = x
				}
			}
			all = append(all, it)
		}
		return all
	}
	ours := []store.SituationTotal{
		{State: store.StateDraft, Count: 4, Cents: 40000}, // not at the bank
		{State: store.StateQueued, Count: 1, Cents: 1000}, // not at the bank
		{State: store.StateFailed, Count: 1, Cents: 700},  // refused: never registered
		{State: store.StateFailed, BankSituation: "FALHA_EMISSAO", Count: 1, Cents: 800},
		{State: store.StateIssued, BankSituation: "A_RECEBER", Count: 5, Cents: 50000},
		{State: store.StateCancelRequested, BankSituation: "A_RECEBER", Count: 1, Cents: 1500}, // still open at the bank
		{State: store.StateCancelRequested, BankSituation: "ATRASADO", Count: 1, Cents: 2500},
		{State: store.StateOverdue, BankSituation: "ATRASADO", Count: 2, Cents: 20000},
		{State: store.StatePaid, BankSituation: "RECEBIDO", Count: 12, Cents: 123456},
		{State: store.StatePaid, BankSituation: "MARCADO_RECEBIDO", Count: 1, Cents: 999},
		{State: store.StateCancelled, BankSituation: "CANCELADO", Count: 3, Cents: 3000},
		{State: store.StateExpired, BankSituation: "EXPIRADO", Count: 1, Cents: 100},
		{State: store.StateProtested, BankSituation: "PROTESTO", Count: 1, Cents: 5000},
		{State: store.StateProcessing, Count: 1, Cents: 1200},
	}
	agree := bank(
		inter.SummaryItem{Situacao: "A_RECEBER", Quantidade: 6, Valor: 51500},
		inter.SummaryItem{Situacao: "ATRASADO", Quantidade: 3, Valor: 22500},
		inter.SummaryItem{Situacao: "RECEBIDO", Quantidade: 12, Valor: 123456},
		inter.SummaryItem{Situacao: "MARCADO_RECEBIDO", Quantidade: 1, Valor: 999},
		inter.SummaryItem{Situacao: "CANCELADO", Quantidade: 3, Valor: 3000},
		inter.SummaryItem{Situacao: "EXPIRADO", Quantidade: 1, Valor: 100},
		inter.SummaryItem{Situacao: "PROTESTO", Quantidade: 1, Valor: 5000},
		inter.SummaryItem{Situacao: "EM_PROCESSAMENTO", Quantidade: 1, Valor: 1200},
		inter.SummaryItem{Situacao: "FALHA_EMISSAO", Quantidade: 1, Valor: 800},
	)
	if got := reports.CompareSummary(ours, agree); got != nil {
		t.Errorf("same totals reported as different: %q", got)
	}

	differ := slices.Clone(agree)
	for i := range differ {
		switch differ[i].Situacao {
		case "RECEBIDO": // one more payment at the bank
			differ[i].Quantidade, differ[i].Valor = 13, 123456+123456
		case "A_RECEBER": // same count, another amount (edited at the bank)
			differ[i].Valor = 52500
		case "CANCELADO": // same amount, other count
			differ[i].Quantidade = 4
		}
	}
	differ = append(differ, inter.SummaryItem{Situacao: "NOVA_SITUACAO", Quantidade: 2, Valor: 700})
	want := []string{
		"A receber: 6 no programa, 6 no banco (R$ 10,00 de diferença)",
		"Recebidos: 12 no programa, 13 no banco (R$ 1.234,56 de diferença)",
		"Cancelados: 3 no programa, 4 no banco (mesmo valor total)",
		"NOVA_SITUACAO: 0 no programa, 2 no banco (R$ 7,00 de diferença)",
	}
	if got := reports.CompareSummary(ours, differ); !slices.Equal(got, want) {
		t.Errorf("differences\n got %q\nwant %q", got, want)
	}
	// Nothing at the bank: every situation we have is a difference.
	if got := reports.CompareSummary(ours, bank()); len(got) != 9 {
		t.Errorf("against an empty sumário: %q", got)
	}
}

func TestBankSummaryParams(t *testing.T) {
	t.Parallel()
	from, to := boleto.Date{Year: 2026, Month: 3, Day: 1}, boleto.Date{Year: 2026, Month: 3, Day: 31}
	p, err := reports.BankSummaryParams(store.ReportFilter{AccountID: 1, DateField: store.DatePaid, From: from, To: to, PayerDocument: "529.982.247-25"})
	if err != nil || p.FiltrarDataPor != "PAGAMENTO" || p.DataInicial != from || p.DataFinal != to || p.CpfCnpjPessoaPagadora != "52998224725" {
		t.Errorf("params %+v, %v", p, err)
	}
	if p, err := reports.BankSummaryParams(store.ReportFilter{From: from, To: to}); err != nil || p.FiltrarDataPor != "VENCIMENTO" {
		t.Errorf("default date: %+v, %v", p, err)
	}
	for _, f := range []store.ReportFilter{
		{From: from},
		{From: from, To: to, States: []store.State{store.StatePaid}},
		{From: from, To: to, DocumentKinds: []store.DocumentKind{store.DocNFe}},
		{From: from, To: to, DateField: "x"},
	} {
		var ae *apperr.Error
		if _, err := reports.BankSummaryParams(f); !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
			t.Errorf("filter %+v: %v, want an invalid-input error", f, err)
		}
	}
}

func TestWriteAndFileName(t *testing.T) {
	t.Parallel()
	r := reports.Aging(store.Aging{Today: today}, reports.Meta{Now: now})
	if got := reports.FileName(r, reports.FormatXLSX); got != "boletos-em-aberto-por-atraso-2026-03-10.xlsx" {
		t.Errorf("file name %q", got)
	}
	for _, f := range []reports.Format{reports.FormatCSV, reports.FormatXLSX, reports.FormatPDF} {
		var buf bytes.Buffer
		if err := reports.Write(&buf, r, f); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f, buf.Len(), err)
		}
		if f.ContentType() == "application/octet-stream" {
			t.Errorf("%s has no content type", f)
		}
	}
	var ae *apperr.Error
	if err := reports.Write(&bytes.Buffer{}, r, "ods"); !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
		t.Errorf("unknown format: %v", err)
	}
}
