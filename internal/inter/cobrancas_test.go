package inter

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/boleto"
)

func mustDate(t testing.TB, s string) boleto.Date {
	t.Helper()
	d, err := boleto.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sampleEmit(t testing.TB) EmitRequest {
	return EmitRequest{
		SeuNumero:      "FAT-0001",
		ValorNominal:   250,
		DataVencimento: mustDate(t, "2026-10-20"),
		NumDiasAgenda:  30,
		Pagador: Pagador{
			CpfCnpj: "01123456789", TipoPessoa: PessoaFisica, Nome: "Maria da Silva",
			Endereco: "Avenida Brasil, 1200", Bairro: "Centro", Cidade: "Belo Horizonte", UF: "MG", CEP: "30110000",
		},
		Desconto: &Desconto{Codigo: DescontoPercentualDataInformada, QuantidadeDias: 7, Taxa: 300},
		Multa:    &Multa{Codigo: MultaValorFixo, Valor: 1234},
		Mora:     &Mora{Codigo: MoraTaxaMensal, Taxa: 100},
		Mensagem: &Mensagem{Linha1: "Obrigado"},
	}
}

func TestEmitRequestShape(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"codigoSolicitacao":"8f8ad139-fbcc-4bad-8e16-58080f4a6016"}`)
	})
	c := bank.client(t, func(c *Config) { c.ContaCorrente = "0012345-6" })
	got, err := c.Emit(context.Background(), sampleEmit(t))
	if err != nil {
		t.Fatal(err)
	}
	if got.CodigoSolicitacao != "8f8ad139-fbcc-4bad-8e16-58080f4a6016" {
		t.Errorf("codigo = %q", got.CodigoSolicitacao)
	}
	r := bank.last()
	if r.Method != http.MethodPost || r.Path != "/cobranca/v3/cobrancas" || r.Query != "" {
		t.Errorf("request %s %s?%s", r.Method, r.Path, r.Query)
	}
	for h, want := range map[string]string{
		"Content-Type":     "application/json",
		"Authorization":    "Bearer access-token-1-XYZ",
		"X-Conta-Corrente": "123456",
	} {
		if g := r.Header.Get(h); g != want {
			t.Errorf("header %s = %q, want %q", h, g, want)
		}
	}
	want := `{"seuNumero":"FAT-0001","valorNominal":2.50,"dataVencimento":"2026-10-20","numDiasAgenda":30,` +
		`"pagador":{"cpfCnpj":"01123456789","tipoPessoa":"FISICA","nome":"Maria da Silva","endereco":"Avenida Brasil, 1200",` +
		`"bairro":"Centro","cidade":"Belo Horizonte","uf":"MG","cep":"30110000"},` +
		`"desconto":{"codigo":"PERCENTUALDATAINFORMADA","quantidadeDias":7,"taxa":3.00},` +
		`"multa":{"codigo":"VALORFIXO","valor":12.34},"mora":{"codigo":"TAXAMENSAL","taxa":1.00},` +
		`"mensagem":{"linha1":"Obrigado"}}`
	if string(r.Body) != want {
		t.Errorf("body\n got %s\nwant %s", r.Body, want)
	}
}

func TestEmitWithoutContaCorrenteSendsNoHeader(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"codigoSolicitacao":"c1"}`)
	})
	c := bank.client(t)
	if _, err := c.Emit(context.Background(), sampleEmit(t)); err != nil {
		t.Fatal(err)
	}
	if _, ok := bank.last().Header["X-Conta-Corrente"]; ok {
		t.Error("x-conta-corrente sent although not configured")
	}
}

func TestEmitRefusesBadInputLocally(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, nil)
	c := bank.client(t)
	req := sampleEmit(t)
	req.SeuNumero = "1234567890123456"
	_, err := c.Emit(context.Background(), req)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "seuNumero" {
		t.Fatalf("err = %v, want InputError on seuNumero", err)
	}
	if bank.apiCalls.Load() != 0 || bank.tokenCalls.Load() != 0 {
		t.Error("a refused request reached the bank")
	}
}

const detailJSON = `{"cobranca":{"codigoSolicitacao":"183e982a-34e5-4bc0-9643-def5432a0001","seuNumero":"12345678",
 "dataEmissao":"2023-09-24","dataVencimento":"2023-10-15","valorNominal":1234.56,"tipoCobranca":"SIMPLES",
 "situacao":"RECEBIDO","dataSituacao":"2023-09-26","valorTotalRecebido":"1234.56","origemRecebimento":"BOLETO",
 "arquivada":true,"motivoCancelamento":"",
 "descontos":[{"codigo":"PERCENTUALDATAINFORMADA","quantidadeDias":7,"taxa":5},{"codigo":"NAOTEMDESCONTO","quantidadeDias":0,"taxa":0,"valor":0}],
 "multa":{"codigo":"NAOTEMMULTA","taxa":0,"valor":0},"mora":{"codigo":"CONTROLEDOBANCO"},
 "pagador":{"email":"a@b.com","ddd":"31","telefone":"999999999","numero":"3456","complemento":"ap 3","cpfCnpj":"12345678901",
  "tipoPessoa":"FISICA","nome":"Fulano","endereco":"Avenida Brasil","bairro":"Centro","cidade":"Belo Horizonte","uf":"MG","cep":"30110000"}},
 "boleto":{"nossoNumero":"90071264603","codigoBarras":"07794985700000009500001112095331990071264603",
  "linhaDigitavel":"07790001161209533199200712646033498570000000950"},
 "pix":{"txid":"131665491727713762000U35jsDoeGaqVIa","pixCopiaECola":"00020101021226980014BR.GOV.BCB.PIX"}}`

func TestGetDecodesDetail(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, detailJSON)
	})
	c := bank.client(t)
	got, err := c.Get(context.Background(), "183e982a-34e5-4bc0-9643-def5432a0001")
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodGet || r.Path != "/cobranca/v3/cobrancas/183e982a-34e5-4bc0-9643-def5432a0001" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	cb := got.Cobranca
	if cb.ValorNominal != 123456 || cb.ValorTotalRecebido != 123456 {
		t.Errorf("valor = %d / %d, want 123456 centavos", cb.ValorNominal, cb.ValorTotalRecebido)
	}
	if cb.Situacao != SituacaoRecebido || cb.DataVencimento != mustDate(t, "2023-10-15") || !cb.Arquivada {
		t.Errorf("cobranca = %+v", cb)
	}
	if len(cb.Descontos) != 2 || cb.Descontos[0].Taxa != 500 || cb.Descontos[1].Codigo != LegacyNaoTemDesconto {
		t.Errorf("descontos = %+v", cb.Descontos)
	}
	if cb.Multa == nil || cb.Multa.Codigo != LegacyNaoTemMulta || cb.Mora == nil || cb.Mora.Codigo != LegacyControleDoBanco {
		t.Errorf("multa/mora = %+v %+v", cb.Multa, cb.Mora)
	}
	if cb.Pagador.Nome != "Fulano" || cb.Pagador.UF != "MG" {
		t.Errorf("pagador = %+v", cb.Pagador)
	}
	if !got.HasBoleto() || got.Boleto.NossoNumero != "90071264603" || !got.HasPix() || len(got.Pix.Txid) != 35 {
		t.Errorf("boleto/pix = %+v %+v", got.Boleto, got.Pix)
	}
}

func TestGetProcessingWithoutBoletoAndPix(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"cobranca":{"codigoSolicitacao":"abc","seuNumero":"1","situacao":"EM_PROCESSAMENTO",
			"dataEmissao":"2026-01-02","dataVencimento":"2026-02-02","valorNominal":2.5,"tipoCobranca":"SIMPLES",
			"pagador":{"cpfCnpj":"12345678901","nome":"X"}}}`)
	})
	got, err := bank.client(t).Get(context.Background(), "abc")
	if err != nil {
		t.Fatal(err)
	}
	if got.Boleto != nil || got.Pix != nil || got.HasBoleto() || got.HasPix() {
		t.Errorf("boleto/pix should be absent: %+v", got)
	}
	if got.Cobranca.Situacao != SituacaoEmProcessamento || got.Cobranca.ValorNominal != 250 {
		t.Errorf("cobranca = %+v", got.Cobranca)
	}
}

func TestMoneyDecodesExactly(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want boleto.Cents
	}{
		{`"2.50"`, 250},
		{`2.5`, 250},
		{`1234.56`, 123456},
		{`"1234.56"`, 123456},
		{`0.1`, 10},
		{`0.29`, 29}, // 0.29 is 0.28999… as a float64
		{`99999999.99`, 9999999999},
		{`"99999999.99"`, 9999999999},
		{`1.005`, 101},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			var c DadosCobranca
			if err := json.Unmarshal([]byte(`{"valorNominal":`+tt.raw+`}`), &c); err != nil {
				t.Fatal(err)
			}
			if c.ValorNominal != tt.want {
				t.Errorf("%s → %d, want %d", tt.raw, c.ValorNominal, tt.want)
			}
			var s SummaryItem
			if err := json.Unmarshal([]byte(`{"valor":`+tt.raw+`}`), &s); err != nil {
				t.Fatal(err)
			}
			if s.Valor != tt.want {
				t.Errorf("summary %s → %d, want %d", tt.raw, s.Valor, tt.want)
			}
		})
	}
}

// TestNoFloatOnMoney guards the rule that money never goes through float64:
// no field of the wire types is a float.
func TestNoFloatOnMoney(t *testing.T) {
	t.Parallel()
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Float32, reflect.Float64:
			t.Errorf("%s is a float", path)
		case reflect.Struct:
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				walk(f.Type, path+"."+f.Name)
			}
		}
	}
	for _, v := range []any{EmitRequest{}, Cobranca{}, ListPage{}, SummaryItem{}, EditRequest{}, CallbackPage{}, CallbackCobranca{}} {
		walk(reflect.TypeOf(v), reflect.TypeOf(v).Name())
	}
}

func TestListRequestShape(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"totalPaginas":1,"totalElementos":1,"tamanhoPagina":50,"primeiraPagina":true,"ultimaPagina":true,"numeroDeElementos":1,
			"cobrancas":[{"cobranca":{"codigoSolicitacao":"c1","seuNumero":"S1","situacao":"A_RECEBER","dataSituacao":"2026-01-01",
			"dataEmissao":"2026-01-01","dataVencimento":"2026-02-01","valorNominal":"2.50","valorTotalRecebido":"0.00","tipoCobranca":"SIMPLES",
			"pagador":{"nome":"Ana","cpfCnpj":"12345678901"}},
			"boleto":{"nossoNumero":"1","codigoBarras":"c","linhaDigitavel":"l"}}]}`)
	})
	c := bank.client(t)
	page, err := c.List(context.Background(), ListParams{
		DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31"),
		FiltrarDataPor: "EMISSAO", Situacao: SituacaoAReceber, PessoaPagadora: "Ana Souza",
		CpfCnpjPessoaPagadora: "12345678901", SeuNumero: "S1", TipoCobranca: TipoCobrancaSimples,
		PaginaAtual: 2, ItensPorPagina: 50, OrdenarPor: "DATA_VENCIMENTO", TipoOrdenacao: "DESC",
	})
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodGet || r.Path != "/cobranca/v3/cobrancas" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	for _, lit := range []string{"paginacao.paginaAtual=2", "paginacao.itensPorPagina=50"} {
		if !strings.Contains(r.Query, lit) {
			t.Errorf("raw query %q lacks the literal %q", r.Query, lit)
		}
	}
	q, _ := url.ParseQuery(r.Query)
	want := url.Values{
		"dataInicial": {"2026-01-01"}, "dataFinal": {"2026-01-31"}, "filtrarDataPor": {"EMISSAO"},
		"situacao": {"A_RECEBER"}, "pessoaPagadora": {"Ana Souza"}, "cpfCnpjPessoaPagadora": {"12345678901"},
		"seuNumero": {"S1"}, "tipoCobranca": {"SIMPLES"}, "paginacao.paginaAtual": {"2"},
		"paginacao.itensPorPagina": {"50"}, "ordenarPor": {"DATA_VENCIMENTO"}, "tipoOrdenacao": {"DESC"},
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("query\n got %v\nwant %v", q, want)
	}
	if len(page.Cobrancas) != 1 || page.Cobrancas[0].Cobranca.ValorNominal != 250 || !page.UltimaPagina {
		t.Errorf("page = %+v", page)
	}
	if page.Cobrancas[0].Cobranca.Pagador.Nome != "Ana" || page.Cobrancas[0].Pix != nil {
		t.Errorf("item = %+v", page.Cobrancas[0])
	}
}

func TestListRequiresDates(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, nil)
	_, err := bank.client(t).List(context.Background(), ListParams{DataInicial: mustDate(t, "2026-01-01")})
	var ie *InputError
	if !errors.As(err, &ie) || UserMessage(err) == "" {
		t.Fatalf("err = %v", err)
	}
}

// pagedBank serves total charges in pages, honouring the paging parameters.
func pagedBank(t *testing.T, total int) *fakeBank {
	return newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("paginacao.paginaAtual"))
		size, _ := strconv.Atoi(q.Get("paginacao.itensPorPagina"))
		pages := (total + size - 1) / size
		var items []string
		for i := page * size; i < min(total, (page+1)*size); i++ {
			items = append(items, fmt.Sprintf(`{"cobranca":{"codigoSolicitacao":"c%d","seuNumero":"S%d","situacao":"A_RECEBER","valorNominal":"%d.00","pagador":{"nome":"N","cpfCnpj":"1"}}}`, i, i, i+3))
		}
		writeJSON(w, 200, fmt.Sprintf(`{"totalPaginas":%d,"totalElementos":%d,"tamanhoPagina":%d,"primeiraPagina":%t,"ultimaPagina":%t,"numeroDeElementos":%d,"cobrancas":[%s]}`,
			pages, total, size, page == 0, page >= pages-1, len(items), strings.Join(items, ",")))
	})
}

func TestListAllWalksEveryPage(t *testing.T) {
	t.Parallel()
	bank := pagedBank(t, 25)
	c := bank.client(t)
	var seen []string
	err := c.ListAll(context.Background(), ListParams{
		DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31"), ItensPorPagina: 10,
	}, func(cb Cobranca) error {
		seen = append(seen, cb.Cobranca.CodigoSolicitacao)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 25 || seen[0] != "c0" || seen[24] != "c24" {
		t.Errorf("saw %d charges: %v", len(seen), seen)
	}
	if n := bank.apiCalls.Load(); n != 3 {
		t.Errorf("%d list calls, want 3", n)
	}
}

func TestListAllDefaultsToBigPagesAndStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	bank := pagedBank(t, 2500)
	c := bank.client(t)
	stop := errors.New("stop")
	n := 0
	err := c.ListAll(context.Background(), ListParams{DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31")},
		func(Cobranca) error {
			n++
			if n == 1500 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the callback's error", err)
	}
	if !strings.Contains(bank.last().Query, "paginacao.itensPorPagina=1000") || bank.apiCalls.Load() != 2 {
		t.Errorf("calls = %d, last query %q", bank.apiCalls.Load(), bank.last().Query)
	}
}

func TestListAllEmpty(t *testing.T) {
	t.Parallel()
	bank := pagedBank(t, 0)
	err := bank.client(t).ListAll(context.Background(), ListParams{DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31")},
		func(Cobranca) error { t.Error("callback on an empty list"); return nil })
	if err != nil || bank.apiCalls.Load() != 1 {
		t.Fatalf("err = %v, calls = %d", err, bank.apiCalls.Load())
	}
}

func TestSummary(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"situacao":"A_RECEBER","valor":1000,"quantidade":30},{"situacao":"RECEBIDO","valor":4000.10,"quantidade":65},{"situacao":"CANCELADO","valor":0,"quantidade":0}]`)
	})
	got, err := bank.client(t).Summary(context.Background(), SummaryParams{
		DataInicial: mustDate(t, "2026-01-01"), DataFinal: mustDate(t, "2026-01-31"), Situacao: SituacaoRecebido, SeuNumero: "X",
	})
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	q, _ := url.ParseQuery(r.Query)
	if r.Path != "/cobranca/v3/cobrancas/sumario" || q.Get("dataInicial") != "2026-01-01" || q.Get("situacao") != "RECEBIDO" || q.Get("seuNumero") != "X" || q.Has("paginacao.paginaAtual") {
		t.Errorf("request %s ? %s", r.Path, r.Query)
	}
	want := []SummaryItem{{SituacaoAReceber, 100000, 30}, {SituacaoRecebido, 400010, 65}, {SituacaoCancelado, 0, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary = %+v", got)
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.5\n\x00\x01\xffbinary\n%%EOF")
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]string{"pdf": base64.StdEncoding.EncodeToString(pdf)})
	})
	got, err := bank.client(t).PDF(context.Background(), "c1")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(pdf) {
		t.Errorf("pdf = %q", got)
	}
	if r := bank.last(); r.Method != http.MethodGet || r.Path != "/cobranca/v3/cobrancas/c1/pdf" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
}

func TestPDFNotBase64(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"pdf":"%%% not base64"}`) })
	if _, err := bank.client(t).PDF(context.Background(), "c1"); err == nil {
		t.Fatal("no error for a non-base64 pdf")
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) })
	c := bank.client(t)
	if err := c.Cancel(context.Background(), "c1", "Devedor pagou por outra forma"); err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodPost || r.Path != "/cobranca/v3/cobrancas/c1/cancelar" || string(r.Body) != `{"motivoCancelamento":"Devedor pagou por outra forma"}` {
		t.Errorf("request %s %s %s", r.Method, r.Path, r.Body)
	}
	if err := c.Cancel(context.Background(), "c1", strings.Repeat("x", 51)); err == nil {
		t.Error("a 51-character motive was accepted")
	}
}

func TestEditAndEditStatus(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPatch:
			writeJSON(w, 200, `{"status":"PROCESSANDO","mensagem":"em processamento","codigoEdicao":"e-1"}`)
		default:
			writeJSON(w, 200, `{"status":"SUCESSO"}`)
		}
	})
	c := bank.client(t)
	got, err := c.Edit(context.Background(), "c1", EditRequest{ValorNominal: 1050})
	if err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodPatch || r.Path != "/cobranca/v3/cobrancas/c1" || string(r.Body) != `{"valorNominal":10.50}` {
		t.Errorf("request %s %s %s", r.Method, r.Path, r.Body)
	}
	if got.Status != EdicaoProcessando || got.CodigoEdicao != "e-1" {
		t.Errorf("edit = %+v", got)
	}
	if _, err := c.Edit(context.Background(), "c1", EditRequest{DataVencimento: mustDate(t, "2026-12-01")}); err != nil {
		t.Fatal(err)
	}
	if b := string(bank.last().Body); b != `{"dataVencimento":"2026-12-01"}` {
		t.Errorf("body %s", b)
	}
	st, err := c.EditStatus(context.Background(), "e-1")
	if err != nil || st.Status != EdicaoSucesso {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if r := bank.last(); r.Method != http.MethodGet || r.Path != "/cobranca/v3/cobrancas/edicao/e-1" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	if _, err := c.Edit(context.Background(), "c1", EditRequest{}); err == nil {
		t.Error("an empty edit was sent")
	}
}

func TestSandboxPay(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	c := bank.client(t)
	if err := c.SandboxPay(context.Background(), "c1", PayRequest{PagarCom: FormaPix}); err != nil {
		t.Fatal(err)
	}
	r := bank.last()
	if r.Method != http.MethodPost || r.Path != "/cobranca/v3/cobrancas/c1/pagar" || string(r.Body) != `{"pagarCom":"PIX"}` {
		t.Errorf("request %s %s %s", r.Method, r.Path, r.Body)
	}
	cfg := bank.config(t)
	cfg.BaseURL = Production
	prod, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	var ie *InputError
	if err := prod.SandboxPay(context.Background(), "c1", PayRequest{PagarCom: FormaPix}); !errors.As(err, &ie) {
		t.Errorf("production SandboxPay err = %v, want a local refusal", err)
	}
}

func TestPathParameterIsEscaped(t *testing.T) {
	t.Parallel()
	var raw atomic.Value
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		raw.Store(r.URL.EscapedPath())
		writeJSON(w, 200, `{"cobranca":{}}`)
	})
	if _, err := bank.client(t).Get(context.Background(), "../webhook"); err != nil {
		t.Fatal(err)
	}
	if got := raw.Load().(string); got != "/cobranca/v3/cobrancas/..%2Fwebhook" {
		t.Errorf("path = %q", got)
	}
	if _, err := bank.client(t).Get(context.Background(), " "); err == nil {
		t.Error("a blank id was sent")
	}
}

func TestCallTimeoutHonoursContext(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := bank.client(t).Get(ctx, "c1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}
