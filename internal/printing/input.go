package printing

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/pix"
)

// State decides how a boleto prints: with its barcode, linha digitável and
// Pix QR code, or with a watermark and none of them.
type State string

// Printing states. The values match the local boleto states of the store
// where they mean the same thing; callers map the others (overdue and
// protested print as StateIssued; queued, sending and processing, which have
// no barcode yet, print as StateDraft; cancel_requested as StateCancelled).
const (
	// StateIssued prints the boleto to be paid: barcode, linha, QR code.
	StateIssued State = "issued"
	// StatePaid prints like StateIssued with a "PAGO" stamp on the recibo.
	StatePaid State = "paid"
	// StateDraft prints a "RASCUNHO — SEM VALOR" watermark and no barcode,
	// linha digitável or QR code.
	StateDraft State = "draft"
	// StateFailed (emission failed or refused) prints like StateDraft.
	StateFailed State = "failed"
	// StateCancelled prints a "CANCELADO" watermark and no barcode, linha
	// digitável or QR code, so that nobody pays it by mistake.
	StateCancelled State = "cancelled"
	// StateExpired (not paid within the days the bank accepts it) prints an
	// "EXPIRADO" watermark and no barcode, linha digitável or QR code.
	StateExpired State = "expired"
)

// payable reports whether the state prints the barcode, linha and QR code.
func (s State) payable() bool { return s == StateIssued || s == StatePaid }

// watermark is the large diagonal text printed over a boleto that cannot be
// paid ("" for the payable states).
func (s State) watermark() string {
	switch s {
	case StateDraft, StateFailed:
		return "RASCUNHO — SEM VALOR"
	case StateCancelled:
		return "CANCELADO"
	case StateExpired:
		return "EXPIRADO"
	}
	return ""
}

// notice replaces the linha digitável and the barcode of a boleto that
// cannot be paid.
func (s State) notice() string {
	switch s {
	case StateDraft:
		return "Rascunho sem valor: boleto ainda não emitido pelo banco. Não pague."
	case StateFailed:
		return "Rascunho sem valor: a emissão deste boleto falhou. Não pague."
	case StateCancelled:
		return "Boleto cancelado. Não pague."
	case StateExpired:
		return "Boleto expirado: o banco não aceita mais o pagamento. Não pague."
	}
	return ""
}

func (s State) valid() bool {
	switch s {
	case StateIssued, StatePaid, StateDraft, StateFailed, StateCancelled, StateExpired:
		return true
	}
	return false
}

// Party is a person or company printed on the boleto: the beneficiário,
// the pagador or the sacador/avalista.
type Party struct {
	Name       string
	Document   string // CPF or CNPJ, masked or not; printed masked
	Address    string // logradouro
	Number     string
	Complement string
	District   string // bairro
	City       string
	UF         string
	CEP        string // 8 digits, masked or not; printed masked
}

// PartyFromPayer copies the printed fields of a pagador (or beneficiário
// final) of the boleto domain.
func PartyFromPayer(p boleto.Payer) Party {
	return Party{
		Name: p.Name, Document: p.Document, Address: p.Address, Number: p.Number,
		Complement: p.Complement, District: p.District, City: p.City, UF: p.UF, CEP: p.CEP,
	}
}

// Boleto is everything printed on one boleto. It is self-contained: printing
// reads no database and makes no network call.
type Boleto struct {
	// State is required: it decides whether the codes are printed or a
	// watermark takes their place.
	State State

	Beneficiary Party
	// AgencyCode is the "Agência/Código do Beneficiário" as printed, for
	// Banco Inter "0001-9 / 1234567-8" (agência with DV / conta with DV).
	AgencyCode string
	Payer      Party
	// FinalBeneficiary is the sacador/avalista, printed only when not nil.
	FinalBeneficiary *Party

	// SeuNumero is the beneficiary's own number for the boleto, printed as
	// the "Nº do documento".
	SeuNumero      string
	DocumentDate   boleto.Date // "Data do documento"
	ProcessingDate boleto.Date // "Data do processamento"
	DueDate        boleto.Date
	Amount         boleto.Cents

	// NossoNumero is the bank's number in its printed form, for Banco Inter
	// "00019/112/0081593655-6" (see boleto.FormatInterNossoNumero).
	NossoNumero string
	Carteira    string // "112" when empty
	EspecieDoc  string // "DM" (duplicata mercantil) when empty
	Aceite      string // "N" when empty

	// Barcode (44 digits) and Linha (47 digits, formatted or not) are the
	// bank's codes. They are required for StateIssued and StatePaid and
	// ignored otherwise. When Linha is empty it is derived from Barcode;
	// when both are given they must agree.
	Barcode string
	Linha   string
	// PixCopiaECola is the Pix BR Code of the boleto; empty prints no QR code.
	PixCopiaECola string

	// Instructions are the lines of the "Instruções" box: the charges in
	// words (boleto.Charges.Describe) followed by the account's message
	// lines. Empty lines are skipped.
	Instructions []string

	// Logo is the beneficiary's logo (PNG or JPEG), printed at the top of
	// the recibo do pagador of the full page. Optional.
	Logo []byte
	// Installment is the parcela, e.g. "3/12". Optional.
	Installment string
}

// Options are the parameters that are not part of a boleto.
type Options struct {
	// Now is the clock: it dates the PDF and the "Impresso em" line. Nil
	// means time.Now. Fix it to get the same bytes for the same input.
	Now func() time.Time
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

// prepared is a Boleto checked and turned into the texts that are printed.
type prepared struct {
	Boleto
	barcode string // 44 digits; "" when the state is not payable
	linha   string // formatted; "" when the state is not payable
	pix     string // "" when there is no QR code to print
}

// prepare checks b and computes the printed forms of its codes. n is the
// position of the boleto in a batch (1-based) for the messages, 0 for one.
func prepare(b Boleto, n int) (prepared, error) {
	fail := func(format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if n > 0 {
			return fmt.Errorf("Boleto %d da lista: %s", n, msg)
		}
		r, size := utf8.DecodeRuneInString(msg)
		return errors.New(string(unicode.ToUpper(r)) + msg[size:])
	}
	p := prepared{Boleto: b}
	switch {
	case b.State == "":
		return p, fail("situação do boleto não informada: não é possível saber se ele pode ser pago.")
	case !b.State.valid():
		return p, fail("situação %q desconhecida para impressão.", string(b.State))
	}
	if !b.DueDate.IsZero() && !b.DueDate.Valid() {
		return p, fail("a data de vencimento é inválida.")
	}
	if b.Amount < 0 || b.Amount > boleto.MaxAmount {
		return p, fail("o valor %s está fora do limite de um boleto.", b.Amount.BRL())
	}
	if !b.State.payable() {
		return p, nil
	}
	who := strings.TrimSpace(b.SeuNumero)
	if who == "" {
		who = "sem número"
	}
	if strings.TrimSpace(b.Barcode) == "" {
		return p, fail("o boleto %s não tem código de barras: ele ainda não foi emitido pelo banco. Imprima-o como rascunho ou aguarde a emissão.", who)
	}
	linha, err := boleto.BarcodeToLinha(b.Barcode)
	if err != nil {
		return p, fail("o código de barras do boleto %s é inválido: %v", who, err)
	}
	bc, _ := boleto.LinhaToBarcode(linha) // b.Barcode without dots or spaces; it was just verified
	if strings.TrimSpace(b.Linha) != "" {
		fromLinha, err := boleto.LinhaToBarcode(b.Linha)
		if err != nil {
			return p, fail("a linha digitável do boleto %s é inválida: %v", who, err)
		}
		if fromLinha != bc {
			return p, fail("a linha digitável e o código de barras do boleto %s não conferem. Sincronize o boleto com o banco antes de imprimir.", who)
		}
	}
	if got := barcodeAmount(bc); got != 0 && got != b.Amount {
		return p, fail("o código de barras do boleto %s cobra %s, mas o valor do documento é %s. Sincronize o boleto com o banco antes de imprimir.", who, got.BRL(), b.Amount.BRL())
	}
	if fator := bc[5:9]; fator != "0000" && !b.DueDate.IsZero() {
		want, err := boleto.DueFactor(b.DueDate)
		if err != nil || fmt.Sprintf("%04d", want) != fator {
			return p, fail("o vencimento do código de barras do boleto %s não é %s. Sincronize o boleto com o banco antes de imprimir.", who, b.DueDate.BR())
		}
	}
	p.barcode, p.linha = bc, boleto.FormatLinha(linha)
	if code := strings.TrimSpace(b.PixCopiaECola); code != "" {
		if _, err := pix.Parse(code); err != nil {
			return p, fail("o Pix Copia e Cola do boleto %s é inválido: %v", who, err)
		}
		p.pix = code
	}
	return p, nil
}

// barcodeAmount is the amount in positions 10–19 of a verified barcode.
func barcodeAmount(bc string) boleto.Cents {
	var n int64
	for i := 9; i < 19; i++ {
		n = n*10 + int64(bc[i]-'0')
	}
	return boleto.Cents(n)
}

// clean turns s into one printable line: line breaks and tabs become
// spaces, other control characters are dropped, runs of spaces collapse.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// document writes a CPF or CNPJ with its mask and kind: "CNPJ
// 11.222.333/0001-81", "CPF 529.982.247-25"; anything else as given.
func document(s string) string {
	n := brazil.NormalizeDocument(s)
	switch len(n) {
	case 0:
		return ""
	case 11:
		return "CPF " + brazil.FormatCPF(n)
	case 14:
		return "CNPJ " + brazil.FormatCNPJ(n)
	}
	return "CPF/CNPJ " + clean(s)
}

// street is "Rua X, 123, sala 4 — Bairro".
func (p Party) street() string {
	s := clean(p.Address)
	if n := clean(p.Number); n != "" {
		s = join(", ", s, n)
	}
	if c := clean(p.Complement); c != "" {
		s = join(", ", s, c)
	}
	return join(" — ", s, clean(p.District))
}

// place is "Cidade/UF — CEP 01310-100".
func (p Party) place() string {
	s := join("/", clean(p.City), strings.ToUpper(clean(p.UF)))
	if cep := clean(p.CEP); cep != "" {
		s = join(" — ", s, "CEP "+brazil.FormatCEP(cep))
	}
	return s
}

// address is the whole address on one line.
func (p Party) address() string { return join(" — ", p.street(), p.place()) }

// join joins the non-empty parts with sep.
func join(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func orDefault(s, def string) string {
	if s = clean(s); s == "" {
		return def
	}
	return s
}
