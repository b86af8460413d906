package intersim

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"boletos/internal/boleto"
)

// Charge situations (SituacaoCobrancaEnum).
const (
	sitRecebido        = "RECEBIDO"
	sitAReceber        = "A_RECEBER"
	sitMarcadoRecebido = "MARCADO_RECEBIDO"
	sitAtrasado        = "ATRASADO"
	sitCancelado       = "CANCELADO"
	sitExpirado        = "EXPIRADO"
	sitFalhaEmissao    = "FALHA_EMISSAO"
	sitEmProcessamento = "EM_PROCESSAMENTO"
	sitProtesto        = "PROTESTO"
)

// situations in the order of the portal's sumário example.
var situations = []string{
	sitAReceber, sitRecebido, sitAtrasado, sitCancelado, sitExpirado,
	sitMarcadoRecebido, sitFalhaEmissao, sitEmProcessamento, sitProtesto,
}

// Payment methods (formasRecebimento, pagarCom, origemRecebimento).
const (
	formaBoleto = "BOLETO"
	formaPix    = "PIX"
	formaNenhum = "SEM_FORMA_PAGAMENTO"
)

// Edit statuses.
const (
	editProcessando = "PROCESSANDO"
	editSucesso     = "SUCESSO"
	editFalha       = "FALHA"
)

// stateVersion is the format of the state file.
const stateVersion = 1

// identity is who the simulated account and its application are.
type identity struct {
	CACert       string `json:"caCert"`
	CAKey        string `json:"caKey"`
	ServerCert   string `json:"serverCert"`
	ServerKey    string `json:"serverKey"`
	ClientCert   string `json:"clientCert"`
	ClientKey    string `json:"clientKey"`
	HookCert     string `json:"webhookClientCert"`
	HookKey      string `json:"webhookClientKey"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
	Conta        string `json:"contaCorrente"`
	Operacao     string `json:"numeroOperacao"`
}

// person is a pagador or a beneficiário final as the bank stores it.
type person struct {
	CpfCnpj     string `json:"cpfCnpj"`
	TipoPessoa  string `json:"tipoPessoa"`
	Nome        string `json:"nome"`
	Endereco    string `json:"endereco"`
	Bairro      string `json:"bairro"`
	Cidade      string `json:"cidade"`
	Uf          string `json:"uf"`
	Cep         string `json:"cep"`
	Email       string `json:"email"`
	Ddd         string `json:"ddd"`
	Telefone    string `json:"telefone"`
	Numero      string `json:"numero"`
	Complemento string `json:"complemento"`
}

// adjustment is a desconto, multa or mora as sent at emission.
type adjustment struct {
	Codigo         string          `json:"codigo"`
	QuantidadeDias *int            `json:"quantidadeDias,omitempty"`
	Taxa           *boleto.Percent `json:"taxa,omitempty"`
	Valor          *boleto.Cents   `json:"valor,omitempty"`
}

// message is the five free lines.
type message struct {
	Linha1 string `json:"linha1,omitempty"`
	Linha2 string `json:"linha2,omitempty"`
	Linha3 string `json:"linha3,omitempty"`
	Linha4 string `json:"linha4,omitempty"`
	Linha5 string `json:"linha5,omitempty"`
}

// invoice is the notaFiscal, echoed as sent.
type invoice struct {
	ChaveNFe         string      `json:"chaveNFe"`
	Numero           int64       `json:"numero"`
	Serie            int64       `json:"serie"`
	DataEmissao      boleto.Date `json:"dataEmissao"`
	Parcela          *int64      `json:"parcela,omitempty"`
	NaturezaOperacao string      `json:"naturezaOperacao,omitempty"`
}

// emission is a validated emission request.
type emission struct {
	SeuNumero         string       `json:"seuNumero"`
	ValorNominal      boleto.Cents `json:"valorNominal"`
	DataVencimento    boleto.Date  `json:"dataVencimento"`
	NumDiasAgenda     int          `json:"numDiasAgenda"`
	Pagador           person       `json:"pagador"`
	Desconto          *adjustment  `json:"desconto,omitempty"`
	Multa             *adjustment  `json:"multa,omitempty"`
	Mora              *adjustment  `json:"mora,omitempty"`
	Mensagem          *message     `json:"mensagem,omitempty"`
	BeneficiarioFinal *person      `json:"beneficiarioFinal,omitempty"`
	FormasRecebimento []string     `json:"formasRecebimento"`
	NotaFiscal        *invoice     `json:"notaFiscal,omitempty"`
}

// has reports whether the charge accepts the payment method.
func (e *emission) has(forma string) bool {
	for _, f := range e.FormasRecebimento {
		if f == forma {
			return true
		}
	}
	return false
}

// charges converts the adjustments to the domain's Charges.
func (e *emission) charges() boleto.Charges {
	c := boleto.Charges{AgendaDays: e.NumDiasAgenda}
	if d := e.Desconto; d != nil {
		disc := &boleto.Discount{Code: boleto.DiscountCode(d.Codigo)}
		if d.QuantidadeDias != nil {
			disc.DaysBefore = *d.QuantidadeDias
		}
		if d.Taxa != nil {
			disc.Rate = *d.Taxa
		}
		if d.Valor != nil {
			disc.Amount = *d.Valor
		}
		c.Discount = disc
	}
	if m := e.Multa; m != nil {
		f := &boleto.Fine{Code: boleto.FineCode(m.Codigo)}
		if m.Taxa != nil {
			f.Rate = *m.Taxa
		}
		if m.Valor != nil {
			f.Amount = *m.Valor
		}
		c.Fine = f
	}
	if m := e.Mora; m != nil {
		in := &boleto.Interest{Code: boleto.InterestCode(m.Codigo)}
		if m.Taxa != nil {
			in.Rate = *m.Taxa
		}
		if m.Valor != nil {
			in.Amount = *m.Valor
		}
		c.Interest = in
	}
	return c
}

// charge is one cobrança.
type charge struct {
	Seq               int64        `json:"seq"`
	CodigoSolicitacao string       `json:"codigoSolicitacao"`
	Request           emission     `json:"request"`
	Created           time.Time    `json:"created"`
	ReadyAt           time.Time    `json:"readyAt"`
	Situacao          string       `json:"situacao"`
	DataSituacao      boleto.Date  `json:"dataSituacao"`
	HoraSituacao      time.Time    `json:"horaSituacao"`
	NossoNumero       string       `json:"nossoNumero,omitempty"` // 11 digits, DV included
	CodigoBarras      string       `json:"codigoBarras,omitempty"`
	LinhaDigitavel    string       `json:"linhaDigitavel,omitempty"`
	PixURL            string       `json:"pixUrl,omitempty"`
	TxID              string       `json:"txid,omitempty"`
	PixCopiaECola     string       `json:"pixCopiaECola,omitempty"`
	ValorRecebido     boleto.Cents `json:"valorRecebido,omitempty"`
	DataRecebimento   boleto.Date  `json:"dataRecebimento"`
	Origem            string       `json:"origemRecebimento,omitempty"`
	Motivo            string       `json:"motivoCancelamento,omitempty"`
	Falha             string       `json:"falha,omitempty"`
}

// dataEmissao is the civil date the charge was created on.
func (c *charge) dataEmissao() boleto.Date { return boleto.Today(c.Created) }

// paid reports whether the charge has been settled.
func (c *charge) paid() bool { return c.Situacao == sitRecebido || c.Situacao == sitMarcadoRecebido }

// setSituacao moves the charge to sit at instant at.
func (c *charge) setSituacao(sit string, at time.Time) {
	c.Situacao = sit
	c.HoraSituacao = at
	c.DataSituacao = boleto.Today(at)
}

// edit is a PATCH of a charge (Beta), applied after the processing delay.
type edit struct {
	CodigoEdicao      string        `json:"codigoEdicao"`
	CodigoSolicitacao string        `json:"codigoSolicitacao"`
	DataVencimento    *boleto.Date  `json:"dataVencimento,omitempty"`
	ValorNominal      *boleto.Cents `json:"valorNominal,omitempty"`
	Created           time.Time     `json:"created"`
	ReadyAt           time.Time     `json:"readyAt"`
	Status            string        `json:"status"`
	Mensagem          string        `json:"mensagem,omitempty"`
}

// webhook is the account's single cobrança webhook.
type webhook struct {
	URL         string     `json:"webhookUrl"`
	Criacao     time.Time  `json:"criacao"`
	Atualizacao *time.Time `json:"atualizacao,omitempty"`
}

// callbackItem is one CallbackCobranca, frozen when the event happened.
type callbackItem struct {
	CodigoSolicitacao  string `json:"codigoSolicitacao"`
	SeuNumero          string `json:"seuNumero,omitempty"`
	Situacao           string `json:"situacao"`
	DataHoraSituacao   string `json:"dataHoraSituacao"`
	ValorTotalRecebido string `json:"valorTotalRecebido,omitempty"`
	OrigemRecebimento  string `json:"origemRecebimento,omitempty"`
	NossoNumero        string `json:"nossoNumero,omitempty"`
	CodigoBarras       string `json:"codigoBarras,omitempty"`
	LinhaDigitavel     string `json:"linhaDigitavel,omitempty"`
	TxID               string `json:"txid,omitempty"`
	PixCopiaECola      string `json:"pixCopiaECola,omitempty"`
}

// delivery is a callback waiting to be (re)sent.
type delivery struct {
	ID      int64          `json:"id"`
	Payload []callbackItem `json:"payload"`
	Attempt int            `json:"attempt"` // number of the next attempt, 1..5
	Due     time.Time      `json:"due"`
}

// attempt is one entry of the callback history.
type attempt struct {
	Seq         int64          `json:"seq"`
	WebhookURL  string         `json:"webhookUrl"`
	Payload     []callbackItem `json:"payload"`
	Numero      int            `json:"numeroTentativa"`
	Disparo     time.Time      `json:"dataHoraDisparo"`
	Sucesso     bool           `json:"sucesso"`
	HTTPStatus  int            `json:"httpStatus,omitempty"`
	MensagemErr string         `json:"mensagemErro,omitempty"`
}

// state is everything the simulator remembers, and the state file format.
type state struct {
	Version        int         `json:"version"`
	Identity       identity    `json:"identity"`
	NextNosso      int64       `json:"nextNossoNumero"`
	NextSeq        int64       `json:"nextSeq"`
	Charges        []*charge   `json:"charges"`
	Edits          []*edit     `json:"edits"`
	Webhook        *webhook    `json:"webhook,omitempty"`
	Attempts       []*attempt  `json:"attempts"`
	Pending        []*delivery `json:"pending"`
	NextDeliveryID int64       `json:"nextDeliveryId"`
}

// loadState reads a state file; ok is false when the file does not exist.
func loadState(path string) (st state, ok bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return state{}, false, nil
	}
	if err != nil {
		return state{}, false, fmt.Errorf("não foi possível ler o estado do simulador em %s: %w", path, err)
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return state{}, false, fmt.Errorf("o arquivo de estado do simulador %s está corrompido (%v); apague-o para começar do zero", path, err)
	}
	if st.Version != stateVersion {
		return state{}, false, fmt.Errorf("o arquivo de estado do simulador %s tem a versão %d, que este programa não conhece; apague-o para começar do zero", path, st.Version)
	}
	return st, true, nil
}

// saveState writes the state atomically: a temporary file in the same
// folder, synced, then renamed over the old one. The file holds private keys
// and the client secret, so only the owner may read it.
func saveState(path string, st *state) error {
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data, 0o600)
}

// writeFileAtomic replaces path with data without ever leaving a partial
// file behind.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// isUUID reports whether s is a UUID in the canonical 8-4-4-4-12 form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// randomHex returns n random hex digits.
func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)[:n]
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum returns n random letters and digits.
func randomAlnum(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

// randomDigits returns n random decimal digits, the first one not 0.
func randomDigits(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	if b[0] == '0' {
		b[0] = '1'
	}
	return string(b)
}
