package intersim

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"boletos/internal/boleto"
)

type pageJSON struct {
	TotalPaginas      int
	TotalElementos    int
	UltimaPagina      bool
	PrimeiraPagina    bool
	TamanhoPagina     int
	NumeroDeElementos int
	Cobrancas         []struct {
		Cobranca struct {
			CodigoSolicitacao string
			SeuNumero         string
			Situacao          string
			ValorNominal      any
			DataVencimento    string
			Pagador           map[string]string
		}
		Boleto map[string]string
	}
}

type summaryJSON []struct {
	Situacao   string
	Valor      float64
	Quantidade int
}

// seedCharges issues a known set of charges and returns the clock.
func seedCharges(t *testing.T) (*api, *clock, map[string]string) {
	t.Helper()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	today := clk.today()
	codes := map[string]string{}
	for i := 1; i <= 7; i++ {
		body := chargeBody(fmt.Sprintf("L%02d", i), today.AddDays(i))
		body["valorNominal"] = 10 * i
		body["pagador"].(map[string]any)["nome"] = []string{"Carla", "Ana", "Bruno"}[i%3] + " Teste"
		if i == 7 {
			body["pagador"].(map[string]any)["cpfCnpj"] = validCNPJ
			body["pagador"].(map[string]any)["tipoPessoa"] = "JURIDICA"
		}
		codes[body["seuNumero"].(string)] = a.emit(body)
	}
	if r := a.do("POST", cobrancas+"/"+codes["L01"]+"/cancelar", map[string]string{"motivoCancelamento": "teste"}); r.status != http.StatusAccepted {
		t.Fatal(r.status)
	}
	if r := a.do("POST", cobrancas+"/"+codes["L02"]+"/pagar", map[string]string{"pagarCom": "BOLETO"}); r.status != http.StatusNoContent {
		t.Fatal(r.status)
	}
	return a, clk, codes
}

func (a *api) list(q url.Values) pageJSON {
	a.t.Helper()
	r := a.do("GET", cobrancas+"?"+q.Encode(), nil)
	if r.status != http.StatusOK {
		a.t.Fatalf("list %v: %d %s", q, r.status, r.body)
	}
	var p pageJSON
	r.decode(a.t, &p)
	return p
}

func TestListFiltersAndQuirks(t *testing.T) {
	t.Parallel()
	a, clk, codes := seedCharges(t)
	today := clk.today()
	base := func(extra ...string) url.Values {
		q := url.Values{"dataInicial": {today.String()}, "dataFinal": {today.AddDays(30).String()}}
		for i := 0; i+1 < len(extra); i += 2 {
			q.Set(extra[i], extra[i+1])
		}
		return q
	}
	tests := []struct {
		name  string
		q     url.Values
		total int
	}{
		{"all by due date", base(), 7},
		{"due date window", base("dataInicial", today.AddDays(2).String(), "dataFinal", today.AddDays(4).String()), 3},
		{"by emission date", base("filtrarDataPor", "EMISSAO", "dataFinal", today.String()), 7},
		{"by payment date", base("filtrarDataPor", "PAGAMENTO"), 1},
		{"situacao A_RECEBER", base("situacao", "A_RECEBER"), 5},
		{"situacao CANCELADO", base("situacao", "CANCELADO"), 1},
		{"payer name substring", base("pessoaPagadora", "ana"), 3},
		{"payer document masked", base("cpfCnpjPessoaPagadora", "11.222.333/0001-81"), 1},
		{"seuNumero", base("seuNumero", "L05"), 1},
		{"tipoCobranca SIMPLES", base("tipoCobranca", "SIMPLES"), 7},
		{"tipoCobranca PARCELADO", base("tipoCobranca", "PARCELADO"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := a.list(tt.q); p.TotalElementos != tt.total || len(p.Cobrancas) != tt.total || p.NumeroDeElementos != tt.total {
				t.Errorf("total %d, items %d, want %d", p.TotalElementos, len(p.Cobrancas), tt.total)
			}
		})
	}

	// valorNominal is a string in the list and a number in the detail; the
	// list's pagador has only nome and cpfCnpj.
	p := a.list(base("seuNumero", "L03"))
	it := p.Cobrancas[0]
	if v, ok := it.Cobranca.ValorNominal.(string); !ok || v != "30.00" {
		t.Errorf("list valorNominal %#v, want the string \"30.00\"", it.Cobranca.ValorNominal)
	}
	if len(it.Cobranca.Pagador) != 2 || it.Cobranca.Pagador["cpfCnpj"] != validCPF || it.Boleto["nossoNumero"] == "" {
		t.Errorf("list item %+v", it)
	}
	if d := a.detail(codes["L03"]); d.Cobranca.ValorNominal.String() != "30.00" {
		t.Errorf("detail valorNominal %s", d.Cobranca.ValorNominal)
	}

	// Bad parameters.
	for _, bad := range []struct {
		q    url.Values
		prop string
	}{
		{url.Values{"dataFinal": {today.String()}}, "dataInicial"},
		{base("dataInicial", "2026-02-30"), "dataInicial"},
		{base("dataFinal", today.AddDays(-1).String()), "dataFinal"},
		{base("situacao", "PAGO"), "situacao"},
		{base("filtrarDataPor", "CRIACAO"), "filtrarDataPor"},
		{base("paginacao.itensPorPagina", "1001"), "paginacao.itensPorPagina"},
		{base("paginacao.itensPorPagina", "0"), "paginacao.itensPorPagina"},
		{base("paginacao.paginaAtual", "-1"), "paginacao.paginaAtual"},
		{base("ordenarPor", "NOME"), "ordenarPor"},
		{base("tipoOrdenacao", "UP"), "tipoOrdenacao"},
	} {
		r := a.do("GET", cobrancas+"?"+bad.q.Encode(), nil)
		if r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != bad.prop {
			t.Errorf("%v: %d %s, want 400 on %s", bad.q, r.status, r.body, bad.prop)
		}
	}
}

func TestListPaginationAndOrdering(t *testing.T) {
	t.Parallel()
	a, clk, _ := seedCharges(t)
	today := clk.today()
	q := url.Values{"dataInicial": {today.String()}, "dataFinal": {today.AddDays(30).String()},
		"paginacao.itensPorPagina": {"3"}, "ordenarPor": {"VALOR"}, "tipoOrdenacao": {"DESC"}}
	var seen []string
	for page := 0; ; page++ {
		q.Set("paginacao.paginaAtual", fmt.Sprint(page))
		p := a.list(q)
		if p.TotalPaginas != 3 || p.TotalElementos != 7 || p.TamanhoPagina != 3 || p.PrimeiraPagina != (page == 0) {
			t.Fatalf("page %d: %+v", page, p)
		}
		for _, it := range p.Cobrancas {
			seen = append(seen, it.Cobranca.SeuNumero)
		}
		if p.UltimaPagina {
			if page != 2 || p.NumeroDeElementos != 1 {
				t.Errorf("last page %d with %d items", page, p.NumeroDeElementos)
			}
			break
		}
		if page > 5 {
			t.Fatal("ultimaPagina never true")
		}
	}
	if fmt.Sprint(seen) != "[L07 L06 L05 L04 L03 L02 L01]" {
		t.Errorf("order by VALOR DESC: %v", seen)
	}
	// Past the last page: empty, consistent.
	q.Set("paginacao.paginaAtual", "9")
	if p := a.list(q); len(p.Cobrancas) != 0 || !p.UltimaPagina || p.TotalElementos != 7 {
		t.Errorf("beyond the end: %+v", p)
	}
	// Default order: payer name, then emission order.
	q = url.Values{"dataInicial": {today.String()}, "dataFinal": {today.AddDays(30).String()}}
	seen = nil
	for _, it := range a.list(q).Cobrancas {
		seen = append(seen, it.Cobranca.SeuNumero)
	}
	if fmt.Sprint(seen) != "[L01 L04 L07 L02 L05 L03 L06]" {
		t.Errorf("default order (PESSOA_PAGADORA ASC): %v", seen)
	}
}

func TestSummaryMatchesList(t *testing.T) {
	t.Parallel()
	a, clk, _ := seedCharges(t)
	today := clk.today()
	// Four days later L01 (cancelled) and L02 (paid) keep their state, L03
	// is overdue.
	clk.Set(today.AddDays(4).Time(boleto.SaoPaulo).Add(time.Hour))
	q := url.Values{"dataInicial": {today.String()}, "dataFinal": {today.AddDays(30).String()}}
	var sum summaryJSON
	a.do("GET", cobrancas+"/sumario?"+q.Encode(), nil).decode(t, &sum)
	if len(sum) != len(situations) {
		t.Fatalf("sumário has %d lines, want all %d situations", len(sum), len(situations))
	}
	total := 0
	for _, line := range sum {
		lq := url.Values{"situacao": {line.Situacao}}
		for k, v := range q {
			lq[k] = v
		}
		p := a.list(lq)
		var value float64
		for _, it := range p.Cobrancas {
			var v float64
			fmt.Sscan(it.Cobranca.ValorNominal.(string), &v)
			value += v
		}
		if p.TotalElementos != line.Quantidade || value != line.Valor {
			t.Errorf("%s: sumário %d / %.2f, list %d / %.2f", line.Situacao, line.Quantidade, line.Valor, p.TotalElementos, value)
		}
		total += line.Quantidade
	}
	if total != 7 {
		t.Errorf("sumário counts %d charges", total)
	}
	want := map[string]int{"CANCELADO": 1, "RECEBIDO": 1, "ATRASADO": 1, "A_RECEBER": 4}
	for _, line := range sum {
		if line.Quantidade != want[line.Situacao] {
			t.Errorf("%s: %d, want %d", line.Situacao, line.Quantidade, want[line.Situacao])
		}
	}
}
