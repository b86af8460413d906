package intersim

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
)

// listQuery holds the filters of GET /cobrancas and /cobrancas/sumario.
type listQuery struct {
	from, to   boleto.Date
	by         string
	situacao   string
	pessoa     string
	doc        string
	seuNumero  string
	tipo       string
	page, size int
	orderBy    string
	desc       bool
}

var (
	dateFilters = []string{"VENCIMENTO", "EMISSAO", "PAGAMENTO"}
	tiposCobr   = []string{"SIMPLES", "PARCELADO", "RECORRENTE"}
	orderFields = []string{"PESSOA_PAGADORA", "TIPO_COBRANCA", "CODIGO_COBRANCA", "IDENTIFICADOR", "DATA_EMISSAO", "DATA_VENCIMENTO", "VALOR", "STATUS"}
	orderDirs   = []string{"ASC", "DESC"}
)

// maxPageItems is the largest paginacao.itensPorPagina.
const maxPageItems = 1000

// queryChecker reads query parameters, collecting violations.
type queryChecker struct {
	checker
	q url.Values
}

func (k *queryChecker) date(name string) boleto.Date {
	v := k.q.Get(name)
	if v == "" {
		k.add(name, razaoNulo, "")
		return boleto.Date{}
	}
	d, err := boleto.ParseDate(v)
	if err != nil {
		k.add(name, razaoConversao, v)
	}
	return d
}

func (k *queryChecker) enum(name, def string, values []string) string {
	v := k.q.Get(name)
	if v == "" {
		return def
	}
	if !slices.Contains(values, v) {
		k.add(name, "deve ser um dos valores: "+strings.Join(values, ", "), v)
		return def
	}
	return v
}

func (k *queryChecker) integer(name string, def, lo, hi int) int {
	v := k.q.Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil:
		k.add(name, razaoConversao, v)
	case n < lo:
		k.add(name, "deve ser maior que ou igual a "+strconv.Itoa(lo), v)
	case n > hi:
		k.add(name, "deve ser menor que ou igual a "+strconv.Itoa(hi), v)
	default:
		return n
	}
	return def
}

func (k *queryChecker) text(name string, maxLen int) string {
	v := k.q.Get(name)
	if len([]rune(v)) > maxLen {
		k.add(name, "tamanho deve ser entre 0 e "+strconv.Itoa(maxLen), v)
		return ""
	}
	return v
}

// parseListQuery reads the filters; paging adds pagination and ordering.
func parseListQuery(q url.Values, paging bool) (listQuery, []violacao) {
	k := &queryChecker{q: q}
	var lq listQuery
	lq.from = k.date("dataInicial")
	lq.to = k.date("dataFinal")
	if !lq.from.IsZero() && !lq.to.IsZero() && lq.to.Before(lq.from) {
		k.add("dataFinal", "deve ser igual ou posterior a dataInicial", lq.to.String())
	}
	lq.by = k.enum("filtrarDataPor", "VENCIMENTO", dateFilters)
	lq.situacao = k.enum("situacao", "", situations)
	lq.pessoa = k.text("pessoaPagadora", 100)
	lq.doc = k.text("cpfCnpjPessoaPagadora", 18)
	lq.seuNumero = k.text("seuNumero", maxSeuNumero)
	lq.tipo = k.enum("tipoCobranca", "", tiposCobr)
	if paging {
		lq.size = k.integer("paginacao.itensPorPagina", 100, 1, maxPageItems)
		lq.page = k.integer("paginacao.paginaAtual", 0, 0, 1<<31-1)
		lq.orderBy = k.enum("ordenarPor", "PESSOA_PAGADORA", orderFields)
		lq.desc = k.enum("tipoOrdenacao", "ASC", orderDirs) == "DESC"
	}
	return lq, k.vs
}

// matches applies the filters to a charge.
func (lq *listQuery) matches(ch *charge) bool {
	var d boleto.Date
	switch lq.by {
	case "EMISSAO":
		d = ch.dataEmissao()
	case "PAGAMENTO":
		if !ch.paid() {
			return false
		}
		d = ch.DataRecebimento
	default:
		d = ch.Request.DataVencimento
	}
	if d.Before(lq.from) || d.After(lq.to) {
		return false
	}
	switch {
	case lq.situacao != "" && ch.Situacao != lq.situacao,
		lq.tipo != "" && lq.tipo != tipoSimples,
		lq.seuNumero != "" && ch.Request.SeuNumero != lq.seuNumero,
		lq.doc != "" && brazil.NormalizeDocument(lq.doc) != ch.Request.Pagador.CpfCnpj,
		lq.pessoa != "" && !strings.Contains(strings.ToLower(ch.Request.Pagador.Nome), strings.ToLower(lq.pessoa)):
		return false
	}
	return true
}

// compare orders two charges by the chosen field, then by creation.
func (lq *listQuery) compare(a, b *charge) int {
	var r int
	switch lq.orderBy {
	case "TIPO_COBRANCA":
		r = 0
	case "CODIGO_COBRANCA":
		r = cmp.Compare(a.CodigoSolicitacao, b.CodigoSolicitacao)
	case "IDENTIFICADOR":
		r = cmp.Compare(a.Request.SeuNumero, b.Request.SeuNumero)
	case "DATA_EMISSAO":
		r = a.Created.Compare(b.Created)
	case "DATA_VENCIMENTO":
		r = cmp.Compare(a.Request.DataVencimento.String(), b.Request.DataVencimento.String())
	case "VALOR":
		r = cmp.Compare(a.Request.ValorNominal, b.Request.ValorNominal)
	case "STATUS":
		r = cmp.Compare(a.Situacao, b.Situacao)
	default: // PESSOA_PAGADORA
		r = cmp.Compare(strings.ToLower(a.Request.Pagador.Nome), strings.ToLower(b.Request.Pagador.Nome))
	}
	if lq.desc {
		r = -r
	}
	if r == 0 {
		r = cmp.Compare(a.Seq, b.Seq)
	}
	return r
}

// listItem is CobrancaResponse: a smaller cobranca than the detail, with
// valorNominal as a STRING.
type listItem struct {
	Cobranca listCobranca `json:"cobranca"`
	Boleto   *boletoInfo  `json:"boleto,omitempty"`
	Pix      *pixInfo     `json:"pix,omitempty"`
}

type listCobranca struct {
	CodigoSolicitacao  string      `json:"codigoSolicitacao"`
	SeuNumero          string      `json:"seuNumero"`
	Situacao           string      `json:"situacao"`
	DataSituacao       boleto.Date `json:"dataSituacao"`
	DataEmissao        boleto.Date `json:"dataEmissao"`
	DataVencimento     boleto.Date `json:"dataVencimento"`
	ValorNominal       string      `json:"valorNominal"`
	ValorTotalRecebido string      `json:"valorTotalRecebido,omitempty"`
	OrigemRecebimento  string      `json:"origemRecebimento,omitempty"`
	TipoCobranca       string      `json:"tipoCobranca"`
	Pagador            listPayer   `json:"pagador"`
}

type listPayer struct {
	Nome    string `json:"nome"`
	CpfCnpj string `json:"cpfCnpj"`
}

type listPage struct {
	TotalPaginas      int        `json:"totalPaginas"`
	TotalElementos    int        `json:"totalElementos"`
	UltimaPagina      bool       `json:"ultimaPagina"`
	PrimeiraPagina    bool       `json:"primeiraPagina"`
	TamanhoPagina     int        `json:"tamanhoPagina"`
	NumeroDeElementos int        `json:"numeroDeElementos"`
	Cobrancas         []listItem `json:"cobrancas"`
}

func (ch *charge) listItem() listItem {
	r := &ch.Request
	return listItem{
		Cobranca: listCobranca{
			CodigoSolicitacao: ch.CodigoSolicitacao, SeuNumero: r.SeuNumero, Situacao: ch.Situacao,
			DataSituacao: ch.DataSituacao, DataEmissao: ch.dataEmissao(), DataVencimento: r.DataVencimento,
			ValorNominal: r.ValorNominal.Decimal(), ValorTotalRecebido: ch.received(), OrigemRecebimento: ch.Origem,
			TipoCobranca: tipoSimples, Pagador: listPayer{Nome: r.Pagador.Nome, CpfCnpj: r.Pagador.CpfCnpj},
		},
		Boleto: ch.boletoPart(),
		Pix:    ch.pixPart(),
	}
}

// handleList is GET /cobrancas.
func (s *Sim) handleList(c *call) {
	lq, vs := parseListQuery(c.r.URL.Query(), true)
	if len(vs) > 0 {
		c.resp.badRequest(c.now, vs...)
		return
	}
	var found []*charge
	for _, ch := range s.st.Charges {
		if lq.matches(ch) {
			found = append(found, ch)
		}
	}
	slices.SortStableFunc(found, lq.compare)
	pages := max(1, (len(found)+lq.size-1)/lq.size)
	page := listPage{
		TotalPaginas: pages, TotalElementos: len(found), TamanhoPagina: lq.size,
		PrimeiraPagina: lq.page == 0, UltimaPagina: lq.page >= pages-1, Cobrancas: []listItem{},
	}
	start := lq.page * lq.size
	if lq.page < pages && start < len(found) {
		for _, ch := range found[start:min(start+lq.size, len(found))] {
			page.Cobrancas = append(page.Cobrancas, ch.listItem())
		}
	}
	page.NumeroDeElementos = len(page.Cobrancas)
	c.resp.ok(page)
}

// summaryItem is one line of GET /cobrancas/sumario.
type summaryItem struct {
	Situacao   string       `json:"situacao"`
	Valor      boleto.Cents `json:"valor"`
	Quantidade int64        `json:"quantidade"`
}

// handleSummary is GET /cobrancas/sumario: every situation, zeros included;
// valor is the sum of the nominal values.
func (s *Sim) handleSummary(c *call) {
	lq, vs := parseListQuery(c.r.URL.Query(), false)
	if len(vs) > 0 {
		c.resp.badRequest(c.now, vs...)
		return
	}
	out := make([]summaryItem, len(situations))
	index := map[string]int{}
	for i, sit := range situations {
		out[i].Situacao = sit
		index[sit] = i
	}
	for _, ch := range s.st.Charges {
		if lq.matches(ch) {
			it := &out[index[ch.Situacao]]
			it.Quantidade++
			it.Valor += ch.Request.ValorNominal
		}
	}
	c.resp.ok(out)
}
