package intersim

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/pix"
)

// The simulated account's constants (§4): single branch, carteira 112.
const (
	agencia  = "0001"
	carteira = "112"
	// pixHost is where Inter's cobv payloads live.
	pixHost = "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/"
	// The merchant data of the Pix codes: Inter writes "*" as the name.
	pixCity = "BELO HORIZONTE"
	pixCEP  = "30110000"
	// failMarker in the payer's name makes the emission fail.
	failMarker = "FALHA"
)

// tipoCobranca of every charge issued through this API.
const tipoSimples = "SIMPLES"

// boletoInfo and pixInfo are the optional parts of a charge.
type boletoInfo struct {
	NossoNumero    string `json:"nossoNumero"`
	CodigoBarras   string `json:"codigoBarras"`
	LinhaDigitavel string `json:"linhaDigitavel"`
}

type pixInfo struct {
	TxID          string `json:"txid"`
	PixCopiaECola string `json:"pixCopiaECola"`
}

func (c *charge) boletoPart() *boletoInfo {
	if c.CodigoBarras == "" {
		return nil
	}
	return &boletoInfo{NossoNumero: c.NossoNumero, CodigoBarras: c.CodigoBarras, LinhaDigitavel: c.LinhaDigitavel}
}

func (c *charge) pixPart() *pixInfo {
	if c.PixCopiaECola == "" {
		return nil
	}
	return &pixInfo{TxID: c.TxID, PixCopiaECola: c.PixCopiaECola}
}

// received is valorTotalRecebido, "" when nothing was received.
func (c *charge) received() string {
	if !c.paid() {
		return ""
	}
	return c.ValorRecebido.Decimal()
}

// requireJSON refuses a body that is not application/json with 415.
func requireJSON(c *call) bool {
	mt, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err == nil && mt == "application/json" {
		return true
	}
	c.resp.json(http.StatusUnsupportedMediaType, "application/problem+json", problema{
		Title: "Tipo de mídia não suportado", Status: http.StatusUnsupportedMediaType,
		Detail: "Envie o corpo com Content-Type: application/json.", Timestamp: timestamp(c.now),
	})
	return false
}

// body parses the JSON object of a request, answering 400 or 415 itself.
func body(c *call) (object, bool) {
	if len(bytes.TrimSpace(c.body)) > 0 && !requireJSON(c) {
		return nil, false
	}
	o, bad := parseRoot(c.body)
	if bad != nil {
		c.resp.badRequest(c.now, *bad)
		return nil, false
	}
	return o, true
}

// lookup finds the charge of the path, answering 400 or 404 itself.
func (s *Sim) lookup(c *call) *charge {
	code := c.params["codigoSolicitacao"]
	if !isUUID(code) {
		c.resp.badRequest(c.now, violation("codigoSolicitacao", "deve ser um UUID válido", code))
		return nil
	}
	ch := s.byCode[strings.ToLower(code)]
	if ch == nil {
		c.resp.problem(c.now, problem404)
	}
	return ch
}

// handleEmit is POST /cobrancas.
func (s *Sim) handleEmit(c *call) {
	if len(bytes.TrimSpace(c.body)) > 0 && !requireJSON(c) {
		return
	}
	e, vs := parseEmission(c.body, c.now)
	if len(vs) == 0 {
		if dup := s.duplicate(&e, c.now); dup != nil {
			vs = append(vs, violation("seuNumero",
				"Já existe uma cobrança com o mesmo seuNumero, valorNominal, dataVencimento e pagador.cpfCnpj emitida há menos de 30 minutos.",
				e.SeuNumero))
		}
	}
	if len(vs) > 0 {
		c.resp.badRequest(c.now, vs...)
		return
	}
	ch := &charge{
		Seq:               s.st.NextSeq,
		CodigoSolicitacao: newUUID(),
		Request:           e,
		Created:           c.now,
		ReadyAt:           c.now.Add(s.faults.Processing),
	}
	s.st.NextSeq++
	ch.setSituacao(sitEmProcessamento, c.now)
	s.st.Charges = append(s.st.Charges, ch)
	s.byCode[ch.CodigoSolicitacao] = ch
	s.markDirty()
	c.resp.ok(map[string]string{"codigoSolicitacao": ch.CodigoSolicitacao})
}

// duplicate returns a charge with the same idempotency key emitted less
// than 30 minutes before now.
func (s *Sim) duplicate(e *emission, now time.Time) *charge {
	for i := len(s.st.Charges) - 1; i >= 0; i-- {
		ch := s.st.Charges[i]
		if now.Sub(ch.Created) >= duplicateWindow {
			continue
		}
		r := &ch.Request
		if r.SeuNumero == e.SeuNumero && r.ValorNominal == e.ValorNominal &&
			r.DataVencimento == e.DataVencimento && r.Pagador.CpfCnpj == e.Pagador.CpfCnpj {
			return ch
		}
	}
	return nil
}

// advance applies the clock: processing, edits, due dates. Callers hold s.mu.
func (s *Sim) advance(now time.Time) {
	var events []callbackItem
	for _, e := range s.st.Edits {
		if e.Status == editProcessando && !now.Before(s.readyTime(e.ReadyAt)) {
			s.applyEdit(e)
		}
	}
	today := boleto.Today(now)
	for _, ch := range s.st.Charges {
		if ch.Situacao == sitEmProcessamento {
			ready := s.readyTime(ch.ReadyAt)
			if now.Before(ready) {
				continue
			}
			s.process(ch, ready)
			events = append(events, s.callbackOf(ch))
		}
		if ch.Situacao != sitAReceber && ch.Situacao != sitAtrasado {
			continue
		}
		due := ch.Request.DataVencimento
		last := due.AddDays(ch.Request.NumDiasAgenda)
		switch {
		case today.After(last):
			ch.setSituacao(sitExpirado, later(last.AddDays(1).Time(boleto.SaoPaulo), ch.HoraSituacao))
			events = append(events, s.callbackOf(ch))
			s.markDirty()
		case today.After(due) && ch.Situacao == sitAReceber:
			ch.setSituacao(sitAtrasado, later(due.AddDays(1).Time(boleto.SaoPaulo), ch.HoraSituacao))
			s.markDirty()
		case !today.After(due) && ch.Situacao == sitAtrasado: // the due date was edited
			ch.setSituacao(sitAReceber, now)
			s.markDirty()
		}
	}
	if len(events) > 0 {
		s.enqueue(events, now)
	}
}

// readyTime delays a processing deadline while processing is stuck.
func (s *Sim) readyTime(t time.Time) time.Time { return later(t, s.stuckUntil) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// process ends the processing of a charge at instant at: FALHA_EMISSAO when
// the payer's name contains "FALHA", otherwise A_RECEBER with nosso número,
// barcode, linha digitável and (with a Pix key) the Pix code.
func (s *Sim) process(ch *charge, at time.Time) {
	s.markDirty()
	if strings.Contains(strings.ToUpper(ch.Request.Pagador.Nome), failMarker) {
		ch.Falha = "regra do simulador: nome do pagador contém FALHA"
		ch.setSituacao(sitFalhaEmissao, at)
		return
	}
	if !ch.Request.has(formaNenhum) {
		nn := fmt.Sprintf("%010d", s.st.NextNosso)
		s.st.NextNosso++
		ch.NossoNumero = fmt.Sprintf("%s%d", nn, boleto.NossoNumeroDV(agencia, carteira, nn))
		if err := s.buildCodes(ch); err != nil {
			ch.Falha = err.Error()
			ch.NossoNumero, ch.CodigoBarras, ch.LinhaDigitavel = "", "", ""
			ch.setSituacao(sitFalhaEmissao, at)
			return
		}
	}
	ch.setSituacao(sitAReceber, at)
}

// buildCodes computes barcode, linha digitável and Pix code from the
// charge's current due date and amount (again after an edit).
func (s *Sim) buildCodes(ch *charge) error {
	free, err := boleto.InterFreeField{
		Agency: agencia, Carteira: carteira, Operation: s.st.Identity.Operacao, NossoNumero: ch.NossoNumero[:10],
	}.String()
	if err != nil {
		return err
	}
	bc := boleto.Barcode{Bank: boleto.InterBank, Currency: '9', DueDate: ch.Request.DataVencimento, Amount: ch.Request.ValorNominal, FreeField: free}
	digits, err := bc.Digits()
	if err != nil {
		return err
	}
	linha, err := bc.Linha()
	if err != nil {
		return err
	}
	ch.CodigoBarras, ch.LinhaDigitavel = digits, linha
	if s.cfg.NoPixKey || !ch.Request.has(formaPix) {
		return nil
	}
	if ch.PixURL == "" {
		ch.PixURL = pixHost + randomHex(32)
		ch.TxID = randomAlnum(35)
	}
	code, err := pix.BuildCobv(pix.CobvParams{URL: ch.PixURL, AmountCents: int64(ch.Request.ValorNominal), MerchantCity: pixCity, PostalCode: pixCEP})
	if err != nil {
		return err
	}
	ch.PixCopiaECola = code
	return nil
}

// detail is CobrancaDetalhadaResponseBody.
type detail struct {
	Cobranca   detailCobranca `json:"cobranca"`
	Boleto     *boletoInfo    `json:"boleto,omitempty"`
	Pix        *pixInfo       `json:"pix,omitempty"`
	NotaFiscal *invoice       `json:"notaFiscal,omitempty"`
}

type detailCobranca struct {
	CodigoSolicitacao  string       `json:"codigoSolicitacao"`
	SeuNumero          string       `json:"seuNumero"`
	DataEmissao        boleto.Date  `json:"dataEmissao"`
	DataVencimento     boleto.Date  `json:"dataVencimento"`
	ValorNominal       boleto.Cents `json:"valorNominal"` // a number here
	TipoCobranca       string       `json:"tipoCobranca"`
	Situacao           string       `json:"situacao"`
	DataSituacao       boleto.Date  `json:"dataSituacao"`
	ValorTotalRecebido string       `json:"valorTotalRecebido,omitempty"`
	OrigemRecebimento  string       `json:"origemRecebimento,omitempty"`
	MotivoCancelamento string       `json:"motivoCancelamento,omitempty"`
	Arquivada          bool         `json:"arquivada"`
	Descontos          []adjustment `json:"descontos"`
	Multa              adjustment   `json:"multa"`
	Mora               adjustment   `json:"mora"`
	Pagador            person       `json:"pagador"`
}

// noAdjustment is how an absent multa or mora reads back: the legacy code
// with zero rate and amount.
func noAdjustment(code string) adjustment {
	var p boleto.Percent
	var c boleto.Cents
	return adjustment{Codigo: code, Taxa: &p, Valor: &c}
}

func (c *charge) detail() detail {
	r := &c.Request
	d := detail{
		Cobranca: detailCobranca{
			CodigoSolicitacao: c.CodigoSolicitacao, SeuNumero: r.SeuNumero,
			DataEmissao: c.dataEmissao(), DataVencimento: r.DataVencimento, ValorNominal: r.ValorNominal,
			TipoCobranca: tipoSimples, Situacao: c.Situacao, DataSituacao: c.DataSituacao,
			ValorTotalRecebido: c.received(), OrigemRecebimento: c.Origem, MotivoCancelamento: c.Motivo,
			Descontos: []adjustment{}, Multa: noAdjustment("NAOTEMMULTA"), Mora: noAdjustment("ISENTO"),
			Pagador: r.Pagador,
		},
		Boleto:     c.boletoPart(),
		Pix:        c.pixPart(),
		NotaFiscal: r.NotaFiscal,
	}
	if r.Desconto != nil {
		d.Cobranca.Descontos = append(d.Cobranca.Descontos, *r.Desconto)
	}
	if r.Multa != nil {
		d.Cobranca.Multa = *r.Multa
	}
	if r.Mora != nil {
		d.Cobranca.Mora = *r.Mora
	}
	return d
}

// handleDetail is GET /cobrancas/{codigoSolicitacao}.
func (s *Sim) handleDetail(c *call) {
	if ch := s.lookup(c); ch != nil {
		c.resp.ok(ch.detail())
	}
}

// editable reports whether a charge can still be cancelled, paid or edited.
func editable(ch *charge) bool { return ch.Situacao == sitAReceber || ch.Situacao == sitAtrasado }

func situationViolation(ch *charge, what string) violacao {
	if ch.Situacao == sitEmProcessamento {
		return violation("codigoSolicitacao", "A cobrança ainda está em processamento.", ch.CodigoSolicitacao)
	}
	return violation("codigoSolicitacao", fmt.Sprintf("A cobrança na situação %s não pode ser %s.", ch.Situacao, what), ch.CodigoSolicitacao)
}

// handleCancel is POST /cobrancas/{codigoSolicitacao}/cancelar.
func (s *Sim) handleCancel(c *call) {
	ch := s.lookup(c)
	if ch == nil {
		return
	}
	o, ok := body(c)
	if !ok {
		return
	}
	var k checker
	motivo := k.text(o, "", "motivoCancelamento", true, 1, 50)
	if len(k.vs) > 0 {
		c.resp.badRequest(c.now, k.vs...)
		return
	}
	if !editable(ch) {
		c.resp.badRequest(c.now, situationViolation(ch, "cancelada"))
		return
	}
	ch.Motivo = motivo
	ch.setSituacao(sitCancelado, c.now)
	s.markDirty()
	s.enqueue([]callbackItem{s.callbackOf(ch)}, c.now)
	c.resp.empty(http.StatusAccepted)
}

// handlePay is POST /cobrancas/{codigoSolicitacao}/pagar (sandbox): the
// payer pays today the amount boleto.AmountDue computes.
func (s *Sim) handlePay(c *call) {
	ch := s.lookup(c)
	if ch == nil {
		return
	}
	o, ok := body(c)
	if !ok {
		return
	}
	var k checker
	com := k.enum(o, "", "pagarCom", true, formaBoleto, formaPix)
	if len(k.vs) > 0 {
		c.resp.badRequest(c.now, k.vs...)
		return
	}
	switch {
	case !editable(ch):
		c.resp.badRequest(c.now, situationViolation(ch, "paga"))
		return
	case com == formaPix && ch.PixCopiaECola == "":
		c.resp.badRequest(c.now, violation("pagarCom", "A cobrança não tem Pix.", com))
		return
	case com == formaBoleto && ch.CodigoBarras == "":
		c.resp.badRequest(c.now, violation("pagarCom", "A cobrança não tem boleto.", com))
		return
	}
	today := boleto.Today(c.now)
	due := boleto.AmountDue(ch.Request.ValorNominal, ch.Request.DataVencimento, today, ch.Request.charges())
	ch.ValorRecebido = due.Total
	ch.DataRecebimento = today
	ch.Origem = com
	ch.setSituacao(sitRecebido, c.now)
	s.markDirty()
	s.enqueue([]callbackItem{s.callbackOf(ch)}, c.now)
	c.resp.empty(http.StatusNoContent)
}

// handleEdit is PATCH /cobrancas/{codigoSolicitacao} (Beta).
func (s *Sim) handleEdit(c *call) {
	ch := s.lookup(c)
	if ch == nil {
		return
	}
	o, ok := body(c)
	if !ok {
		return
	}
	var k checker
	e := &edit{CodigoEdicao: newUUID(), CodigoSolicitacao: ch.CodigoSolicitacao, Created: c.now,
		ReadyAt: c.now.Add(s.faults.Processing), Status: editProcessando}
	if d, ok := k.date(o, "", "dataVencimento", false); ok {
		k.checkDue("dataVencimento", d, c.now, false)
		e.DataVencimento = &d
	}
	if v, ok := k.decimal(o, "", "valorNominal", false, true); ok {
		switch cents := boleto.Cents(v); {
		case cents < minValor:
			k.add("valorNominal", "deve ser maior que ou igual a 2.5", cents.Decimal())
		case cents > maxValor:
			k.add("valorNominal", "deve ser menor que ou igual a 99999999.99", cents.Decimal())
		default:
			e.ValorNominal = &cents
		}
	}
	if len(k.vs) == 0 && e.DataVencimento == nil && e.ValorNominal == nil {
		k.add("body", "Informe dataVencimento ou valorNominal.", "")
	}
	if len(k.vs) > 0 {
		c.resp.badRequest(c.now, k.vs...)
		return
	}
	if !editable(ch) {
		c.resp.badRequest(c.now, situationViolation(ch, "editada"))
		return
	}
	for _, other := range s.st.Edits {
		if other.CodigoSolicitacao == ch.CodigoSolicitacao && other.Status == editProcessando {
			c.resp.badRequest(c.now, violation("codigoSolicitacao", "Já existe uma edição em processamento para esta cobrança.", ch.CodigoSolicitacao))
			return
		}
	}
	e.Mensagem = "Edição em processamento."
	s.st.Edits = append(s.st.Edits, e)
	s.markDirty()
	c.resp.ok(map[string]string{"status": editProcessando, "mensagem": e.Mensagem, "codigoEdicao": e.CodigoEdicao})
}

// applyEdit carries out a processed edit. Callers hold s.mu.
func (s *Sim) applyEdit(e *edit) {
	s.markDirty()
	ch := s.byCode[e.CodigoSolicitacao]
	if ch == nil || !editable(ch) {
		e.Status, e.Mensagem = editFalha, "A cobrança não pode mais ser editada."
		return
	}
	old := ch.Request
	if e.DataVencimento != nil {
		ch.Request.DataVencimento = *e.DataVencimento
	}
	if e.ValorNominal != nil {
		ch.Request.ValorNominal = *e.ValorNominal
	}
	if ch.NossoNumero != "" {
		if err := s.buildCodes(ch); err != nil {
			ch.Request = old
			_ = s.buildCodes(ch)
			e.Status, e.Mensagem = editFalha, err.Error()
			return
		}
	}
	e.Status, e.Mensagem = editSucesso, "Cobrança editada com sucesso."
}

// handleEditStatus is GET /cobrancas/edicao/{codigoEdicao}.
func (s *Sim) handleEditStatus(c *call) {
	code := c.params["codigoEdicao"]
	if !isUUID(code) {
		c.resp.badRequest(c.now, violation("codigoEdicao", "deve ser um UUID válido", code))
		return
	}
	for _, e := range s.st.Edits {
		if strings.EqualFold(e.CodigoEdicao, code) {
			c.resp.ok(map[string]string{"status": e.Status})
			return
		}
	}
	c.resp.problem(c.now, problem404)
}

// handlePDF is GET /cobrancas/{codigoSolicitacao}/pdf: always JSON with the
// PDF in base64, whatever Accept says.
func (s *Sim) handlePDF(c *call) {
	ch := s.lookup(c)
	if ch == nil {
		return
	}
	if ch.CodigoBarras == "" {
		if ch.Situacao == sitEmProcessamento {
			c.resp.badRequest(c.now, situationViolation(ch, ""))
		} else {
			c.resp.badRequest(c.now, violation("codigoSolicitacao", "A cobrança não tem boleto para imprimir.", ch.CodigoSolicitacao))
		}
		return
	}
	s.fontOnce.Do(func() { s.font = loadFont() })
	pdf, err := renderPDF(ch, s.st.Identity, s.font)
	if err != nil {
		s.log.Error("não foi possível gerar o PDF", "err", err, "boleto", ch.CodigoSolicitacao)
		c.resp.problem(c.now, problem500)
		return
	}
	c.resp.ok(map[string]string{"pdf": base64.StdEncoding.EncodeToString(pdf)})
}
