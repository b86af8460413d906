package boleto

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// InterestCode is the kind of juros de mora, with Banco Inter's v3 codes.
type InterestCode string

// Interest codes.
const (
	InterestMonthlyRate InterestCode = "TAXAMENSAL" // a percentage per month, simple, pro rata per day
	InterestDailyAmount InterestCode = "VALORDIA"   // a fixed amount per day late
)

// FineCode is the kind of multa, with Banco Inter's v3 codes.
type FineCode string

// Fine codes.
const (
	FinePercent FineCode = "PERCENTUAL" // a percentage of the nominal value
	FineFixed   FineCode = "VALORFIXO"  // a fixed amount
)

// DiscountCode is the kind of desconto, with Banco Inter's v3 codes.
type DiscountCode string

// Discount codes.
const (
	DiscountPercent DiscountCode = "PERCENTUALDATAINFORMADA" // a percentage of the nominal value
	DiscountFixed   DiscountCode = "VALORFIXODATAINFORMADA"  // a fixed amount
)

// Interest is the juros de mora. Rate is used with InterestMonthlyRate,
// Amount with InterestDailyAmount; the other field is ignored.
type Interest struct {
	Code   InterestCode
	Rate   Percent
	Amount Cents
}

// Fine is the multa, charged once when paid after the due date. Rate is used
// with FinePercent, Amount with FineFixed; the other field is ignored.
type Fine struct {
	Code   FineCode
	Rate   Percent
	Amount Cents
}

// Discount is granted when the boleto is paid at least DaysBefore days before
// the due date (0: up to the due date itself). Rate is used with
// DiscountPercent, Amount with DiscountFixed; the other field is ignored.
type Discount struct {
	Code       DiscountCode
	Rate       Percent
	Amount     Cents
	DaysBefore int
}

// MaxAgendaDays is the largest numDiasAgenda Banco Inter accepts.
const MaxAgendaDays = 60

// MaxMessageLine is the length limit of each of the five message lines.
const MaxMessageLine = 78

// Charges are the boleto's "parâmetros": juros, multa and desconto (each
// optional), how many days after the due date the bank still accepts payment
// (numDiasAgenda; after that the charge is cancelled automatically) and up to
// five lines of message printed on the boleto.
type Charges struct {
	Interest   *Interest
	Fine       *Fine
	Discount   *Discount
	AgendaDays int
	Messages   [5]string
}

// Validate checks the charges against Banco Inter's limits for a boleto of
// the given nominal value and returns every problem found (nil when none).
// Field paths: juros.*, multa.*, desconto.* (codigo, taxa, valor, dias),
// numDiasAgenda, mensagem.linha1..5.
func (c Charges) Validate(nominal Cents) Problems {
	var l problemList
	if in := c.Interest; in != nil {
		switch in.Code {
		case InterestMonthlyRate:
			checkRate(&l, "juros.taxa", "A taxa de juros ao mês", in.Rate, OneHundredPercent)
		case InterestDailyAmount:
			checkAmount(&l, "juros.valor", "O valor dos juros por dia", in.Amount, MaxAmount)
		case "":
			l.add("juros.codigo", "Escolha o tipo de juros: taxa ao mês ou valor por dia.")
		default:
			l.add("juros.codigo", "Tipo de juros desconhecido (%q). Escolha taxa ao mês ou valor por dia.", string(in.Code))
		}
	}
	if f := c.Fine; f != nil {
		switch f.Code {
		case FinePercent:
			checkRate(&l, "multa.taxa", "A taxa da multa", f.Rate, OneHundredPercent)
		case FineFixed:
			checkAmount(&l, "multa.valor", "O valor da multa", f.Amount, MaxAmount)
		case "":
			l.add("multa.codigo", "Escolha o tipo de multa: percentual ou valor fixo.")
		default:
			l.add("multa.codigo", "Tipo de multa desconhecido (%q). Escolha percentual ou valor fixo.", string(f.Code))
		}
	}
	if d := c.Discount; d != nil {
		switch d.Code {
		case DiscountPercent:
			// A 100% discount would make the boleto free: keep it below.
			checkRate(&l, "desconto.taxa", "A taxa do desconto", d.Rate, OneHundredPercent-1)
		case DiscountFixed:
			if d.Amount > 0 && nominal > 0 && d.Amount >= nominal {
				l.add("desconto.valor", "O valor do desconto (%s) deve ser menor que o valor do boleto (%s).", d.Amount.BRL(), nominal.BRL())
			} else {
				checkAmount(&l, "desconto.valor", "O valor do desconto", d.Amount, MaxAmount)
			}
		case "":
			l.add("desconto.codigo", "Escolha o tipo de desconto: percentual ou valor fixo.")
		default:
			l.add("desconto.codigo", "Tipo de desconto desconhecido (%q). Escolha percentual ou valor fixo.", string(d.Code))
		}
		if d.DaysBefore < 0 {
			l.add("desconto.dias", "Os dias de antecedência do desconto não podem ser negativos; use 0 para conceder o desconto até o vencimento.")
		}
	}
	switch {
	case c.AgendaDays < 0 || c.AgendaDays > MaxAgendaDays:
		l.add("numDiasAgenda", "O prazo para pagamento após o vencimento deve ser de 0 a %d dias; foi informado %d.", MaxAgendaDays, c.AgendaDays)
	case c.AgendaDays == 0 && (c.Interest != nil || c.Fine != nil):
		l.warn("numDiasAgenda", "Com 0 dias para pagamento após o vencimento, o banco cancela o boleto no vencimento e a multa e os juros nunca serão cobrados.")
	}
	for i, line := range c.Messages {
		field := fmt.Sprintf("mensagem.linha%d", i+1)
		if n := utf8.RuneCountInString(line); n > MaxMessageLine {
			l.add(field, "A linha %d da mensagem tem %d caracteres; o máximo é %d.", i+1, n, MaxMessageLine)
		}
		if strings.IndexFunc(line, unicode.IsControl) >= 0 {
			l.add(field, "A linha %d da mensagem não pode ter quebras de linha nem tabulações; use as outras linhas.", i+1)
		}
		if !utf8.ValidString(line) {
			l.add(field, "A linha %d da mensagem tem caracteres inválidos.", i+1)
		}
	}
	return l.ps
}

func checkRate(l *problemList, field, what string, r, max Percent) {
	switch {
	case r <= 0:
		l.add(field, "%s deve ser maior que zero.", what)
	case r > max:
		if max == OneHundredPercent {
			l.add(field, "%s não pode passar de 100%%; foi informado %s.", what, r)
		} else {
			l.add(field, "%s deve ser menor que 100%%; foi informado %s.", what, r)
		}
	}
}

func checkAmount(l *problemList, field, what string, a, max Cents) {
	switch {
	case a <= 0:
		l.add(field, "%s deve ser maior que zero.", what)
	case a > max:
		l.add(field, "%s não pode passar de %s; foi informado %s.", what, max.BRL(), a.BRL())
	}
}

// Breakdown is what a payer owes on a given day.
type Breakdown struct {
	Nominal  Cents
	Discount Cents // subtracted
	Fine     Cents // added
	Interest Cents // added
	Total    Cents // Nominal − Discount + Fine + Interest
	Late     int   // calendar days after the due date (0 when on time)
	// Expired is true when the payment date is after due + AgendaDays: the
	// bank has cancelled the charge by then and refuses the payment. The
	// amounts are still computed, for information.
	Expired bool
}

// AmountDue computes what a boleto of the given nominal value, due on due,
// costs when paid on pay, under the charges c (expected to pass Validate).
//
// Rules:
//   - The discount applies when pay ≤ due − DaysBefore: a percentage of the
//     nominal value, or the fixed amount (never more than the nominal value).
//   - Paid after the due date: the fine once (percentage of the nominal value
//     or fixed), and interest for every calendar day late, counted from the
//     due date: TAXAMENSAL is simple interest of Rate/30 of the nominal value
//     per day; VALORDIA is Amount per day.
//   - When the due date falls on a Saturday or a Sunday, a payment up to the
//     following Monday counts as a payment on the due date (no fine, no
//     interest, and a DaysBefore = 0 discount still applies). Paid later, the
//     late days are counted from the original due date. Bank holidays are not
//     known to this package and are not considered.
//   - Every amount is computed once over the whole period with exact integer
//     arithmetic and rounded half up to the centavo (not rounded per day).
func AmountDue(nominal Cents, due, pay Date, c Charges) Breakdown {
	b := Breakdown{Nominal: nominal}
	onTime := !pay.After(due)
	effectivePay := pay
	if !onTime && isWeekend(due) && !pay.After(nextMonday(due)) {
		onTime, effectivePay = true, due
	}
	if onTime {
		if d := c.Discount; d != nil && !effectivePay.After(due.AddDays(-d.DaysBefore)) {
			switch d.Code {
			case DiscountPercent:
				b.Discount = Cents(mulDivHalfUp(10000, int64(nominal), int64(d.Rate)))
			case DiscountFixed:
				b.Discount = d.Amount
			}
			b.Discount = min(max(b.Discount, 0), max(nominal, 0))
		}
	} else {
		b.Late = pay.Sub(due)
		b.Expired = pay.After(due.AddDays(c.AgendaDays))
		if f := c.Fine; f != nil {
			switch f.Code {
			case FinePercent:
				b.Fine = Cents(mulDivHalfUp(10000, int64(nominal), int64(f.Rate)))
			case FineFixed:
				b.Fine = f.Amount
			}
		}
		if in := c.Interest; in != nil {
			switch in.Code {
			case InterestMonthlyRate:
				// nominal × (rate / 100%) / 30 days × late days
				b.Interest = Cents(mulDivHalfUp(int64(OneHundredPercent)*30, int64(nominal), int64(in.Rate), int64(b.Late)))
			case InterestDailyAmount:
				b.Interest = Cents(mulDivHalfUp(1, int64(in.Amount), int64(b.Late)))
			}
		}
	}
	b.Total = Cents(addSat(addSat(int64(nominal), -int64(b.Discount)), addSat(int64(b.Fine), int64(b.Interest))))
	return b
}

func isWeekend(d Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// nextMonday is the Monday after a Saturday or Sunday d.
func nextMonday(d Date) Date {
	if d.Weekday() == time.Saturday {
		return d.AddDays(2)
	}
	return d.AddDays(1)
}

// mulDivHalfUp returns the product of factors divided by den, rounded half
// up on the magnitude, saturating at the int64 limits. It is exact for any
// inputs (math/big).
func mulDivHalfUp(den int64, factors ...int64) int64 {
	p := big.NewInt(1)
	for _, f := range factors {
		p.Mul(p, big.NewInt(f))
	}
	neg := p.Sign() < 0
	p.Abs(p)
	d := big.NewInt(den)
	q, r := p.QuoRem(p, d, new(big.Int))
	if r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	switch {
	case q.IsInt64():
		return q.Int64()
	case neg:
		return math.MinInt64
	default:
		return math.MaxInt64
	}
}

// addSat adds without wrapping around, saturating at the int64 limits.
func addSat(a, b int64) int64 {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// Describe writes the charges as instruction lines for the printed boleto,
// in Portuguese, for a boleto of the given nominal value due on due, e.g.
// "Após o vencimento, cobrar multa de 2,00%.", "Juros de 1,00% ao mês
// (R$ 0,05 por dia de atraso).", "Até 10/08/2026, conceder desconto de
// R$ 5,00.", "Não receber após 14/09/2026.". The five free message lines are
// not included (print them separately). Malformed parts are skipped.
func (c Charges) Describe(due Date, nominal Cents) []string {
	var lines []string
	if f := c.Fine; f != nil {
		switch {
		case f.Code == FinePercent && f.Rate > 0:
			lines = append(lines, fmt.Sprintf("Após o vencimento, cobrar multa de %s.", f.Rate))
		case f.Code == FineFixed && f.Amount > 0:
			lines = append(lines, fmt.Sprintf("Após o vencimento, cobrar multa de %s.", f.Amount.BRL()))
		}
	}
	if in := c.Interest; in != nil {
		switch {
		case in.Code == InterestMonthlyRate && in.Rate > 0:
			perDay := Cents(mulDivHalfUp(int64(OneHundredPercent)*30, int64(nominal), int64(in.Rate)))
			if perDay > 0 {
				lines = append(lines, fmt.Sprintf("Juros de %s ao mês (%s por dia de atraso).", in.Rate, perDay.BRL()))
			} else {
				lines = append(lines, fmt.Sprintf("Juros de %s ao mês.", in.Rate))
			}
		case in.Code == InterestDailyAmount && in.Amount > 0:
			lines = append(lines, fmt.Sprintf("Juros de %s por dia de atraso.", in.Amount.BRL()))
		}
	}
	if d := c.Discount; d != nil && d.DaysBefore >= 0 && due.Valid() {
		until := due.AddDays(-d.DaysBefore).BR()
		switch {
		case d.Code == DiscountPercent && d.Rate > 0:
			amount := Cents(mulDivHalfUp(10000, int64(nominal), int64(d.Rate)))
			lines = append(lines, fmt.Sprintf("Até %s, conceder desconto de %s (%s).", until, d.Rate, amount.BRL()))
		case d.Code == DiscountFixed && d.Amount > 0:
			lines = append(lines, fmt.Sprintf("Até %s, conceder desconto de %s.", until, d.Amount.BRL()))
		}
	}
	if due.Valid() && c.AgendaDays >= 0 && c.AgendaDays <= MaxAgendaDays {
		if c.AgendaDays == 0 {
			lines = append(lines, "Não receber após o vencimento.")
		} else {
			lines = append(lines, fmt.Sprintf("Não receber após %s.", due.AddDays(c.AgendaDays).BR()))
		}
	}
	return lines
}
