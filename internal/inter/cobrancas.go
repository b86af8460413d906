package inter

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"boletos/internal/boleto"
)

// Field names of the wire types mirror the bank's JSON (seuNumero →
// SeuNumero), so each can be checked against the API reference at a glance.
// Money is boleto.Cents and rates are boleto.Percent: both decode a JSON
// number or string exactly, with no floating point.

// Situacao is the state of a charge at the bank.
type Situacao string

// Situations of a charge (SituacaoCobrancaEnum).
const (
	SituacaoRecebido        Situacao = "RECEBIDO"
	SituacaoAReceber        Situacao = "A_RECEBER"
	SituacaoMarcadoRecebido Situacao = "MARCADO_RECEBIDO"
	SituacaoAtrasado        Situacao = "ATRASADO"
	SituacaoCancelado       Situacao = "CANCELADO"
	SituacaoExpirado        Situacao = "EXPIRADO"
	SituacaoFalhaEmissao    Situacao = "FALHA_EMISSAO"
	SituacaoEmProcessamento Situacao = "EM_PROCESSAMENTO"
	SituacaoProtesto        Situacao = "PROTESTO"
)

// Payer kinds.
const (
	PessoaFisica   = "FISICA"
	PessoaJuridica = "JURIDICA"
)

// Payment methods of formasRecebimento. PIX alone is refused by the bank.
const (
	FormaBoleto             = "BOLETO"
	FormaPix                = "PIX"
	FormaSemFormaPagamento  = "SEM_FORMA_PAGAMENTO"
	OrigemRecebimentoBoleto = "BOLETO"
	OrigemRecebimentoPix    = "PIX"
)

// Codes of desconto, multa and mora accepted in v3 requests.
const (
	DescontoPercentualDataInformada = "PERCENTUALDATAINFORMADA" // Taxa
	DescontoValorFixoDataInformada  = "VALORFIXODATAINFORMADA"  // Valor
	MultaPercentual                 = "PERCENTUAL"              // Taxa
	MultaValorFixo                  = "VALORFIXO"               // Valor
	MoraTaxaMensal                  = "TAXAMENSAL"              // Taxa, per month
	MoraValorDia                    = "VALORDIA"                // Valor, per day
)

// Legacy (v2) codes that may still come back in answers; never send them.
const (
	LegacyNaoTemMulta                   = "NAOTEMMULTA"
	LegacyIsento                        = "ISENTO"
	LegacyControleDoBanco               = "CONTROLEDOBANCO"
	LegacyNaoTemDesconto                = "NAOTEMDESCONTO"
	LegacyValorAntecipacaoDiaUtil       = "VALORANTECIPACAODIAUTIL"
	LegacyPercentualValorNominalDiaCorr = "PERCENTUALVALORNOMINALDIACORRIDO"
	LegacyPercentualValorNominalDiaUtil = "PERCENTUALVALORNOMINALDIAUTIL"
)

// Kinds of charge (tipoCobranca).
const (
	TipoCobrancaSimples    = "SIMPLES"
	TipoCobrancaParcelado  = "PARCELADO"
	TipoCobrancaRecorrente = "RECORRENTE"
)

// MaxItensPorPagina is the largest page of GET /cobrancas.
const MaxItensPorPagina = 1000

const (
	defaultItensPorPagina = 100
	maxSeuNumero          = 15
	maxMotivoCancelamento = 50
)

// Pagador is the payer. In list answers only Nome and CpfCnpj are filled.
type Pagador struct {
	CpfCnpj     string `json:"cpfCnpj"`
	TipoPessoa  string `json:"tipoPessoa,omitempty"`
	Nome        string `json:"nome"`
	Endereco    string `json:"endereco,omitempty"`
	Numero      string `json:"numero,omitempty"`
	Complemento string `json:"complemento,omitempty"`
	Bairro      string `json:"bairro,omitempty"`
	Cidade      string `json:"cidade,omitempty"`
	UF          string `json:"uf,omitempty"`
	CEP         string `json:"cep,omitempty"`
	Email       string `json:"email,omitempty"`
	DDD         string `json:"ddd,omitempty"`
	Telefone    string `json:"telefone,omitempty"`
}

// Beneficiario is the beneficiário final (sacador avalista).
type Beneficiario struct {
	CpfCnpj    string `json:"cpfCnpj"`
	TipoPessoa string `json:"tipoPessoa"`
	Nome       string `json:"nome"`
	Endereco   string `json:"endereco"`
	Bairro     string `json:"bairro,omitempty"`
	Cidade     string `json:"cidade"`
	UF         string `json:"uf"`
	CEP        string `json:"cep"`
}

// Desconto is a discount: Taxa for PERCENTUALDATAINFORMADA, Valor for
// VALORFIXODATAINFORMADA, applied up to QuantidadeDias before the due date.
type Desconto struct {
	Codigo         string         `json:"codigo"`
	QuantidadeDias int            `json:"quantidadeDias"`
	Taxa           boleto.Percent `json:"taxa,omitempty"`
	Valor          boleto.Cents   `json:"valor,omitempty"`
}

// Multa is the late fee: Taxa for PERCENTUAL, Valor for VALORFIXO.
type Multa struct {
	Codigo string         `json:"codigo"`
	Taxa   boleto.Percent `json:"taxa,omitempty"`
	Valor  boleto.Cents   `json:"valor,omitempty"`
}

// Mora is the interest: Taxa (monthly) for TAXAMENSAL, Valor (daily) for
// VALORDIA.
type Mora struct {
	Codigo string         `json:"codigo"`
	Taxa   boleto.Percent `json:"taxa,omitempty"`
	Valor  boleto.Cents   `json:"valor,omitempty"`
}

// Mensagem holds up to five lines of 78 characters printed on the boleto.
type Mensagem struct {
	Linha1 string `json:"linha1,omitempty"`
	Linha2 string `json:"linha2,omitempty"`
	Linha3 string `json:"linha3,omitempty"`
	Linha4 string `json:"linha4,omitempty"`
	Linha5 string `json:"linha5,omitempty"`
}

// NotaFiscal links the charge to an NF-e.
type NotaFiscal struct {
	ChaveNFe         string      `json:"chaveNFe"`
	Numero           int         `json:"numero"`
	Serie            int         `json:"serie"`
	DataEmissao      boleto.Date `json:"dataEmissao"`
	Parcela          int         `json:"parcela,omitempty"`
	NaturezaOperacao string      `json:"naturezaOperacao,omitempty"`
}

// EmitRequest is the body of POST /cobrancas.
type EmitRequest struct {
	SeuNumero         string        `json:"seuNumero"`
	ValorNominal      boleto.Cents  `json:"valorNominal"`
	DataVencimento    boleto.Date   `json:"dataVencimento"`
	NumDiasAgenda     int           `json:"numDiasAgenda"`
	Pagador           Pagador       `json:"pagador"`
	Desconto          *Desconto     `json:"desconto,omitempty"`
	Multa             *Multa        `json:"multa,omitempty"`
	Mora              *Mora         `json:"mora,omitempty"`
	Mensagem          *Mensagem     `json:"mensagem,omitempty"`
	BeneficiarioFinal *Beneficiario `json:"beneficiarioFinal,omitempty"`
	FormasRecebimento []string      `json:"formasRecebimento,omitempty"`
	NotaFiscal        *NotaFiscal   `json:"notaFiscal,omitempty"`
}

// EmitResponse is the answer of an emission: the charge is created
// asynchronously and stays EM_PROCESSAMENTO until the bank fills it.
type EmitResponse struct {
	CodigoSolicitacao string `json:"codigoSolicitacao"`
}

// DadosCobranca is the "cobranca" object of the detail and list answers.
// The list carries a subset (no descontos, multa, mora, motivoCancelamento,
// arquivada; pagador with nome and cpfCnpj only) and sends valorNominal as a
// string, the detail as a number: both decode into Cents.
type DadosCobranca struct {
	CodigoSolicitacao  string       `json:"codigoSolicitacao"`
	SeuNumero          string       `json:"seuNumero"`
	Situacao           Situacao     `json:"situacao"`
	DataSituacao       boleto.Date  `json:"dataSituacao"`
	DataEmissao        boleto.Date  `json:"dataEmissao"`
	DataVencimento     boleto.Date  `json:"dataVencimento"`
	ValorNominal       boleto.Cents `json:"valorNominal"`
	ValorTotalRecebido boleto.Cents `json:"valorTotalRecebido"`
	OrigemRecebimento  string       `json:"origemRecebimento,omitempty"`
	TipoCobranca       string       `json:"tipoCobranca,omitempty"`
	MotivoCancelamento string       `json:"motivoCancelamento,omitempty"`
	Arquivada          bool         `json:"arquivada,omitempty"`
	Descontos          []Desconto   `json:"descontos,omitempty"`
	Multa              *Multa       `json:"multa,omitempty"`
	Mora               *Mora        `json:"mora,omitempty"`
	Pagador            Pagador      `json:"pagador"`
}

// DadosBoleto is filled once the charge leaves EM_PROCESSAMENTO.
type DadosBoleto struct {
	NossoNumero    string `json:"nossoNumero"`
	CodigoBarras   string `json:"codigoBarras"`
	LinhaDigitavel string `json:"linhaDigitavel"`
}

// DadosPix is absent when the account has no Pix key or the Pix could not
// be generated yet.
type DadosPix struct {
	Txid          string `json:"txid"`
	PixCopiaECola string `json:"pixCopiaECola"`
}

// Cobranca is a charge as the detail (Get) and the list (List) return it.
// Boleto and Pix may be nil, in particular while EM_PROCESSAMENTO.
type Cobranca struct {
	Cobranca   DadosCobranca `json:"cobranca"`
	Boleto     *DadosBoleto  `json:"boleto,omitempty"`
	Pix        *DadosPix     `json:"pix,omitempty"`
	NotaFiscal *NotaFiscal   `json:"notaFiscal,omitempty"`
}

// HasBoleto reports whether the barcode and linha digitável are there.
func (c Cobranca) HasBoleto() bool {
	return c.Boleto != nil && c.Boleto.CodigoBarras != "" && c.Boleto.LinhaDigitavel != ""
}

// HasPix reports whether the Pix copia-e-cola is there.
func (c Cobranca) HasPix() bool { return c.Pix != nil && c.Pix.PixCopiaECola != "" }

// ListParams filters GET /cobrancas. DataInicial and DataFinal are required.
type ListParams struct {
	DataInicial           boleto.Date
	DataFinal             boleto.Date
	FiltrarDataPor        string // VENCIMENTO (default), EMISSAO, PAGAMENTO
	Situacao              Situacao
	PessoaPagadora        string // payer name
	CpfCnpjPessoaPagadora string
	SeuNumero             string
	TipoCobranca          string // SIMPLES, PARCELADO, RECORRENTE
	PaginaAtual           int    // paginacao.paginaAtual, 0-based
	ItensPorPagina        int    // paginacao.itensPorPagina, up to 1000 (default 100; ListAll: 1000)
	OrdenarPor            string // PESSOA_PAGADORA (default), DATA_VENCIMENTO, VALOR, STATUS…
	TipoOrdenacao         string // ASC (default), DESC
}

// ListPage is one page of GET /cobrancas.
type ListPage struct {
	TotalPaginas      int        `json:"totalPaginas"`
	TotalElementos    int        `json:"totalElementos"`
	TamanhoPagina     int        `json:"tamanhoPagina"`
	NumeroDeElementos int        `json:"numeroDeElementos"`
	PrimeiraPagina    bool       `json:"primeiraPagina"`
	UltimaPagina      bool       `json:"ultimaPagina"`
	Cobrancas         []Cobranca `json:"cobrancas"`
}

// SummaryParams filters GET /cobrancas/sumario. DataInicial and DataFinal
// are required.
type SummaryParams struct {
	DataInicial           boleto.Date
	DataFinal             boleto.Date
	FiltrarDataPor        string
	Situacao              Situacao
	TipoCobranca          string
	SeuNumero             string
	PessoaPagadora        string
	CpfCnpjPessoaPagadora string
}

// SummaryItem is the count and total of the charges in one situation.
type SummaryItem struct {
	Situacao   Situacao     `json:"situacao"`
	Valor      boleto.Cents `json:"valor"`
	Quantidade int64        `json:"quantidade"`
}

// EditRequest changes the due date and/or the amount (PATCH, beta). A zero
// field is left out.
type EditRequest struct {
	DataVencimento boleto.Date  `json:"dataVencimento,omitzero"`
	ValorNominal   boleto.Cents `json:"valorNominal,omitempty"`
}

// Edit statuses.
const (
	EdicaoProcessando = "PROCESSANDO"
	EdicaoSucesso     = "SUCESSO"
	EdicaoFalha       = "FALHA"
)

// EditResponse is the answer of Edit and EditStatus (which fills Status
// only).
type EditResponse struct {
	Status       string `json:"status"`
	Mensagem     string `json:"mensagem,omitempty"`
	CodigoEdicao string `json:"codigoEdicao,omitempty"`
}

// PayRequest simulates a payment in the sandbox: PagarCom is BOLETO or PIX.
type PayRequest struct {
	PagarCom string `json:"pagarCom"`
}

// Emit sends a charge. The answer only carries codigoSolicitacao: poll Get
// (or wait for the callback) until the charge leaves EM_PROCESSAMENTO.
//
// The request is never sent twice by the client when its outcome is unknown
// (timeout, connection cut, 5xx): the error then satisfies IsPossiblySent
// and the caller must look the charge up by seuNumero before sending it
// again. A 429 (refused before processing) and a 401 (refused before
// processing, retried once with a new token) are repeated.
func (c *Client) Emit(ctx context.Context, req EmitRequest) (EmitResponse, error) {
	if req.SeuNumero == "" || utf8.RuneCountInString(req.SeuNumero) > maxSeuNumero {
		return EmitResponse{}, inputErr("seuNumero", "O seu número do boleto é obrigatório e tem no máximo 15 caracteres.")
	}
	if req.DataVencimento.IsZero() {
		return EmitResponse{}, inputErr("dataVencimento", "Informe a data de vencimento do boleto.")
	}
	var out EmitResponse
	if err := c.do(ctx, request{op: opEmit, body: req, out: &out}); err != nil {
		return EmitResponse{}, fmt.Errorf("emit %s: %w", req.SeuNumero, err)
	}
	if out.CodigoSolicitacao == "" {
		e := &Error{Method: opEmit.method, Path: opEmit.path, Status: http.StatusOK, Title: "answer without codigoSolicitacao"}
		return EmitResponse{}, fmt.Errorf("emit %s: %w", req.SeuNumero, &possiblySent{e})
	}
	return out, nil
}

// Get returns the charge codigoSolicitacao in detail.
func (c *Client) Get(ctx context.Context, codigoSolicitacao string) (Cobranca, error) {
	if err := requireID(codigoSolicitacao); err != nil {
		return Cobranca{}, err
	}
	var out Cobranca
	err := c.do(ctx, request{op: opGet, id: codigoSolicitacao, out: &out})
	return out, err
}

// List returns one page of charges.
func (c *Client) List(ctx context.Context, p ListParams) (ListPage, error) {
	q, err := dateRange(p.DataInicial, p.DataFinal)
	if err != nil {
		return ListPage{}, err
	}
	setIf(q, "filtrarDataPor", p.FiltrarDataPor)
	setIf(q, "situacao", string(p.Situacao))
	setIf(q, "pessoaPagadora", p.PessoaPagadora)
	setIf(q, "cpfCnpjPessoaPagadora", p.CpfCnpjPessoaPagadora)
	setIf(q, "seuNumero", p.SeuNumero)
	setIf(q, "tipoCobranca", p.TipoCobranca)
	setIf(q, "ordenarPor", p.OrdenarPor)
	setIf(q, "tipoOrdenacao", p.TipoOrdenacao)
	items := p.ItensPorPagina
	if items <= 0 {
		items = defaultItensPorPagina
	}
	if items > MaxItensPorPagina || p.PaginaAtual < 0 {
		return ListPage{}, inputErr("paginacao", "Paginação inválida: até 1000 itens por página, a partir da página 0.")
	}
	q.Set("paginacao.paginaAtual", strconv.Itoa(p.PaginaAtual))
	q.Set("paginacao.itensPorPagina", strconv.Itoa(items))
	var out ListPage
	err = c.do(ctx, request{op: opList, query: q, out: &out})
	return out, err
}

// ListAll walks every page from p.PaginaAtual on, 1000 charges a page unless
// p.ItensPorPagina says otherwise, calling fn for each charge; an error from
// fn stops the walk and is returned. Charges created while walking may shift
// pages (the bank pages by offset): callers that need every charge exactly
// once should filter by a closed date range.
func (c *Client) ListAll(ctx context.Context, p ListParams, fn func(Cobranca) error) error {
	if p.ItensPorPagina <= 0 {
		p.ItensPorPagina = MaxItensPorPagina
	}
	for page := p.PaginaAtual; ; page++ {
		p.PaginaAtual = page
		res, err := c.List(ctx, p)
		if err != nil {
			return err
		}
		for _, item := range res.Cobrancas {
			if err := fn(item); err != nil {
				return err
			}
		}
		if res.UltimaPagina || len(res.Cobrancas) == 0 || page+1 >= res.TotalPaginas {
			return nil
		}
	}
}

// Summary returns the count and total per situation.
func (c *Client) Summary(ctx context.Context, p SummaryParams) ([]SummaryItem, error) {
	q, err := dateRange(p.DataInicial, p.DataFinal)
	if err != nil {
		return nil, err
	}
	setIf(q, "filtrarDataPor", p.FiltrarDataPor)
	setIf(q, "situacao", string(p.Situacao))
	setIf(q, "tipoCobranca", p.TipoCobranca)
	setIf(q, "seuNumero", p.SeuNumero)
	setIf(q, "pessoaPagadora", p.PessoaPagadora)
	setIf(q, "cpfCnpjPessoaPagadora", p.CpfCnpjPessoaPagadora)
	var out []SummaryItem
	err = c.do(ctx, request{op: opSummary, query: q, out: &out})
	return out, err
}

// PDF returns the bank's PDF of the charge (the API sends it as base64 in
// JSON).
func (c *Client) PDF(ctx context.Context, codigoSolicitacao string) ([]byte, error) {
	if err := requireID(codigoSolicitacao); err != nil {
		return nil, err
	}
	var out struct {
		PDF string `json:"pdf"`
	}
	if err := c.do(ctx, request{op: opPDF, id: codigoSolicitacao, out: &out}); err != nil {
		return nil, err
	}
	clean := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, out.PDF)
	pdf, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		if pdf, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "=")); err != nil {
			return nil, fmt.Errorf("inter: %s %s: pdf is not base64: %w", opPDF.method, opPDF.path, err)
		}
	}
	if len(pdf) == 0 {
		return nil, fmt.Errorf("inter: %s %s: empty pdf", opPDF.method, opPDF.path)
	}
	return pdf, nil
}

// Cancel asks the bank to cancel the charge (202: the cancellation is
// asynchronous; Get shows CANCELADO afterwards). motivo is free text, up to
// 50 characters.
func (c *Client) Cancel(ctx context.Context, codigoSolicitacao, motivo string) error {
	if err := requireID(codigoSolicitacao); err != nil {
		return err
	}
	motivo = strings.TrimSpace(motivo)
	if motivo == "" || utf8.RuneCountInString(motivo) > maxMotivoCancelamento {
		return inputErr("motivoCancelamento", "Informe o motivo do cancelamento, com até 50 caracteres.")
	}
	body := struct {
		Motivo string `json:"motivoCancelamento"`
	}{motivo}
	return c.do(ctx, request{op: opCancel, id: codigoSolicitacao, body: body})
}

// Edit changes the due date and/or the amount of a charge (beta). The change
// is asynchronous: follow it with EditStatus(CodigoEdicao); the bank may take
// up to 30 minutes to show it.
func (c *Client) Edit(ctx context.Context, codigoSolicitacao string, req EditRequest) (EditResponse, error) {
	if err := requireID(codigoSolicitacao); err != nil {
		return EditResponse{}, err
	}
	if req.DataVencimento.IsZero() && req.ValorNominal == 0 {
		return EditResponse{}, inputErr("edicao", "Informe o novo vencimento ou o novo valor.")
	}
	var out EditResponse
	err := c.do(ctx, request{op: opEdit, id: codigoSolicitacao, body: req, out: &out})
	return out, err
}

// EditStatus returns the state of an edit (PROCESSANDO, SUCESSO, FALHA).
func (c *Client) EditStatus(ctx context.Context, codigoEdicao string) (EditResponse, error) {
	if err := requireID(codigoEdicao); err != nil {
		return EditResponse{}, err
	}
	var out EditResponse
	err := c.do(ctx, request{op: opEditStatus, id: codigoEdicao, out: &out})
	return out, err
}

// SandboxPay simulates the payment of a charge (sandbox and simulator only;
// refused locally against Production).
func (c *Client) SandboxPay(ctx context.Context, codigoSolicitacao string, req PayRequest) error {
	if c.baseURL == Production {
		return inputErr("ambiente", "O pagamento simulado só existe no sandbox do Inter.")
	}
	if err := requireID(codigoSolicitacao); err != nil {
		return err
	}
	if req.PagarCom != FormaBoleto && req.PagarCom != FormaPix {
		return inputErr("pagarCom", "Escolha pagar com BOLETO ou PIX.")
	}
	return c.do(ctx, request{op: opPay, id: codigoSolicitacao, body: req})
}

func requireID(id string) error {
	if strings.TrimSpace(id) == "" {
		return inputErr("codigoSolicitacao", "Falta o código da cobrança no banco (codigoSolicitacao).")
	}
	return nil
}

func dateRange(from, to boleto.Date) (url.Values, error) {
	if from.IsZero() || to.IsZero() {
		return nil, inputErr("periodo", "Informe a data inicial e a data final da consulta.")
	}
	if to.Before(from) {
		return nil, inputErr("periodo", "A data final da consulta é anterior à data inicial.")
	}
	q := url.Values{}
	q.Set("dataInicial", from.String())
	q.Set("dataFinal", to.String())
	return q, nil
}

func setIf(q url.Values, key, value string) {
	if value != "" {
		q.Set(key, value)
	}
}
