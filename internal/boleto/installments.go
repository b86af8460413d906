package boleto

import (
	"fmt"
	"time"
)

// Limits of an installment plan.
const (
	// MaxInstallments is the largest number of installments in one plan,
	// the down payment not counted (an NF-e also carries at most 120
	// duplicatas).
	MaxInstallments = 120
	// MaxIntervalDays is the longest interval, in days, between two
	// installments of a plan that is not monthly.
	MaxIntervalDays = 365
	// MaxContractMonths is the longest term, in months, of a contract.
	MaxContractMonths = 1200
)

// Interval is the spacing between the due dates of a plan: monthly, or every
// Days calendar days.
//
// A monthly plan always falls on the day of month of its first due date,
// clamped to the last day of shorter months, and never drifts: a plan
// starting on 31/01 falls on 28/02 (29/02 in leap years), then on 31/03,
// 30/04, 31/05….
type Interval struct {
	Monthly bool
	Days    int // 1..MaxIntervalDays when Monthly is false; 0 when it is true
}

// date returns the due date of installment i (0-based) of a plan whose first
// due date is first.
func (iv Interval) date(first Date, i int) Date {
	if iv.Monthly {
		return monthDay(first.Year, first.Month+time.Month(i), first.Day)
	}
	return first.AddDays(i * iv.Days)
}

// monthDay returns day of the month m of year y (m may run past December,
// or before January, and is normalised), clamped to the month's last day.
func monthDay(y int, m time.Month, day int) Date {
	first := DateOf(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
	if last := daysIn(first.Year, first.Month); day > last {
		day = last
	}
	first.Day = day
	return first
}

// daysIn is the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Plan describes an installment plan: Total is split into Count equal
// installments falling due from First on, spaced by Interval, after an
// optional down payment (entrada) that falls due on DownPaymentDate, before
// First.
type Plan struct {
	Total           Cents
	Count           int
	First           Date
	Interval        Interval
	DownPayment     Cents // 0: no down payment
	DownPaymentDate Date  // required with a down payment, zero without
}

// PlannedInstallment is one boleto of a plan.
type PlannedInstallment struct {
	Number      int // 0 for the down payment, then 1..Count
	DueDate     Date
	Amount      Cents
	DownPayment bool
}

// PlanInstallments splits a plan into its installments: the down payment
// first, if any (Number 0), then installments 1..Count. The amounts are
// exact and add up to Total: (Total − DownPayment) is divided into Count
// equal parts and the centavos left over by the division go on the last
// installment. Due dates are strictly increasing.
//
// Invalid plans give a *ValidationError holding every problem at once; the
// field paths are "valor" (the total), "parcelas", "primeiroVencimento",
// "intervalo", "entrada" and "entrada.vencimento". Every installment, the
// down payment included, must be at least MinIssueAmount and at most
// MaxAmount.
func PlanInstallments(p Plan) ([]PlannedInstallment, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	out := make([]PlannedInstallment, 0, p.Count+1)
	if p.DownPayment > 0 {
		out = append(out, PlannedInstallment{Number: 0, DueDate: p.DownPaymentDate, Amount: p.DownPayment, DownPayment: true})
	}
	rest := p.Total - p.DownPayment
	each := rest / Cents(p.Count)
	for i := range p.Count {
		amount := each
		if i == p.Count-1 {
			amount = rest - each*Cents(p.Count-1)
		}
		out = append(out, PlannedInstallment{Number: i + 1, DueDate: p.Interval.date(p.First, i), Amount: amount})
	}
	return out, nil
}

// validate checks the plan and returns a *ValidationError or nil.
func (p Plan) validate() error {
	var l problemList
	totalOK := false
	switch {
	case p.Total <= 0:
		l.add("valor", "Informe o valor total do parcelamento (mínimo %s).", MinIssueAmount.BRL())
	case p.Total > MaxAmount*(MaxInstallments+1):
		l.add("valor", "O valor total %s é grande demais: cada parcela pode ter no máximo %s.", p.Total.BRL(), MaxAmount.BRL())
	default:
		totalOK = true
	}

	downOK := true
	switch {
	case p.DownPayment < 0:
		l.add("entrada", "A entrada não pode ser negativa.")
		downOK = false
	case p.DownPayment == 0 && !p.DownPaymentDate.IsZero():
		l.add("entrada", "Informe o valor da entrada ou apague o vencimento da entrada.")
		downOK = false
	case p.DownPayment == 0:
	case p.DownPayment < MinIssueAmount:
		l.add("entrada", "A entrada deve ser de pelo menos %s, o valor mínimo de um boleto; foi informado %s.", MinIssueAmount.BRL(), p.DownPayment.BRL())
		downOK = false
	case p.DownPayment > MaxAmount:
		l.add("entrada", "A entrada pode ser de no máximo %s; foi informado %s.", MaxAmount.BRL(), p.DownPayment.BRL())
		downOK = false
	case totalOK && p.DownPayment >= p.Total:
		l.add("entrada", "A entrada (%s) deve ser menor que o valor total (%s).", p.DownPayment.BRL(), p.Total.BRL())
		downOK = false
	}

	countOK := false
	switch {
	case p.Count <= 0:
		l.add("parcelas", "Informe o número de parcelas (1 a %d).", MaxInstallments)
	case p.Count > MaxInstallments:
		l.add("parcelas", "O número de parcelas deve ser de 1 a %d; foi informado %d.", MaxInstallments, p.Count)
	default:
		countOK = true
	}

	firstOK := false
	switch {
	case p.First.IsZero():
		l.add("primeiroVencimento", "Informe a data do primeiro vencimento.")
	case !p.First.Valid():
		l.add("primeiroVencimento", "A data do primeiro vencimento é inválida. Confira o dia, o mês e o ano.")
	default:
		firstOK = true
	}

	intervalOK := false
	switch iv := p.Interval; {
	case iv.Monthly && iv.Days != 0:
		l.add("intervalo", "Escolha o intervalo entre as parcelas: mensal ou um número de dias, não os dois.")
	case iv.Monthly:
		intervalOK = true
	case iv.Days <= 0:
		l.add("intervalo", "Informe o intervalo entre as parcelas: mensal ou de 1 a %d dias.", MaxIntervalDays)
	case iv.Days > MaxIntervalDays:
		l.add("intervalo", "O intervalo entre as parcelas deve ser mensal ou de 1 a %d dias; foi informado %d.", MaxIntervalDays, iv.Days)
	default:
		intervalOK = true
	}

	if p.DownPayment > 0 {
		switch d := p.DownPaymentDate; {
		case d.IsZero():
			l.add("entrada.vencimento", "Informe o vencimento da entrada.")
		case !d.Valid():
			l.add("entrada.vencimento", "A data de vencimento da entrada é inválida. Confira o dia, o mês e o ano.")
		case firstOK && !d.Before(p.First):
			l.add("entrada.vencimento", "O vencimento da entrada (%s) deve ser antes do primeiro vencimento das parcelas (%s).", d.BR(), p.First.BR())
		}
	}

	if totalOK && downOK && countOK {
		rest := p.Total - p.DownPayment
		each := rest / Cents(p.Count)
		last := rest - each*Cents(p.Count-1)
		switch {
		case rest < MinIssueAmount:
			l.add("valor", "O valor a parcelar (%s) é menor que o mínimo de um boleto (%s).", rest.BRL(), MinIssueAmount.BRL())
		case each < MinIssueAmount:
			l.add("parcelas", "Com %d parcelas, cada uma ficaria com %s, abaixo do mínimo de %s por boleto. Use no máximo %d parcelas.",
				p.Count, each.BRL(), MinIssueAmount.BRL(), rest/MinIssueAmount)
		case last > MaxAmount:
			l.add("parcelas", "Com %d parcelas, cada uma ficaria com mais de %s, o máximo de um boleto. Use mais parcelas.", p.Count, MaxAmount.BRL())
		}
	}

	if countOK && firstOK && intervalOK {
		if last := p.Interval.date(p.First, p.Count-1); !last.Valid() {
			l.add("parcelas", "A última parcela cairia depois do ano 9999. Confira o primeiro vencimento e o número de parcelas.")
		}
	}
	return l.ps.Err()
}

// ContractPlan is a recurring contract charged every month: Monthly falls
// due on day Day of each month (clamped to the month's last day, so 31 gives
// 28/02 or 29/02, then 31/03), from Start on. The contract ends after
// Months due dates, or on End, whichever comes first; with neither it runs
// until cancelled.
//
// Every month has exactly one due date, so Period(due) — the due date's
// year and month — identifies the charge of a period: a caller that records
// it can guarantee never to issue two boletos for the same period.
type ContractPlan struct {
	Monthly Cents
	Day     int  // 1..31
	Start   Date // the first due date is the first day Day on or after Start
	End     Date // zero: no end date
	Months  int  // number of monthly charges; 0: no limit
}

// Validate checks the contract and returns a *ValidationError holding every
// problem at once, or nil. The field paths are "valor", "dia", "inicio",
// "fim" and "meses".
func (c ContractPlan) Validate() error {
	var l problemList
	switch {
	case c.Monthly <= 0:
		l.add("valor", "Informe o valor mensal do contrato (mínimo %s).", MinIssueAmount.BRL())
	case c.Monthly < MinIssueAmount:
		l.add("valor", "O valor mínimo de um boleto é %s; foi informado %s.", MinIssueAmount.BRL(), c.Monthly.BRL())
	case c.Monthly > MaxAmount:
		l.add("valor", "O valor máximo de um boleto é %s; foi informado %s.", MaxAmount.BRL(), c.Monthly.BRL())
	}
	dayOK := c.Day >= 1 && c.Day <= 31
	if !dayOK {
		l.add("dia", "O dia de vencimento deve ser de 1 a 31; foi informado %d. Nos meses mais curtos o vencimento cai no último dia do mês.", c.Day)
	}
	startOK := false
	switch {
	case c.Start.IsZero():
		l.add("inicio", "Informe a data de início do contrato.")
	case !c.Start.Valid():
		l.add("inicio", "A data de início do contrato é inválida. Confira o dia, o mês e o ano.")
	default:
		startOK = true
	}
	switch {
	case c.End.IsZero():
	case !c.End.Valid():
		l.add("fim", "A data de término do contrato é inválida. Confira o dia, o mês e o ano.")
	case startOK && dayOK && c.End.Before(c.firstDue()):
		l.add("fim", "O contrato termina (%s) antes do primeiro vencimento (%s): não haveria nenhum boleto.", c.End.BR(), c.firstDue().BR())
	}
	if c.Months < 0 || c.Months > MaxContractMonths {
		l.add("meses", "O número de meses do contrato deve ser de 1 a %d, ou 0 para um contrato sem prazo; foi informado %d.", MaxContractMonths, c.Months)
	}
	return l.ps.Err()
}

// firstDue is the first due date: day Day of Start's month if it is not
// before Start, else of the next month. Day and Start must be valid.
func (c ContractPlan) firstDue() Date {
	d := monthDay(c.Start.Year, c.Start.Month, c.Day)
	if d.Before(c.Start) {
		d = monthDay(c.Start.Year, c.Start.Month+1, c.Day)
	}
	return d
}

// DueDates returns, in order, every due date of the contract between from
// and to, both included. It returns nil when there is none, when from or to
// is not a valid date, or when the contract itself is invalid (see
// Validate).
func (c ContractPlan) DueDates(from, to Date) []Date {
	if c.Validate() != nil || !from.Valid() || !to.Valid() || to.Before(from) {
		return nil
	}
	first := c.firstDue()
	// k is the index of a due date: first's month + k months. Start at the
	// month of from (due dates before it cannot be in range).
	k := monthsBetween(first, from)
	if k < 0 {
		k = 0
	}
	var out []Date
	for ; c.Months == 0 || k < c.Months; k++ {
		d := monthDay(first.Year, first.Month+time.Month(k), c.Day)
		if !d.Valid() || d.After(to) || (!c.End.IsZero() && d.After(c.End)) {
			break
		}
		if !d.Before(from) {
			out = append(out, d)
		}
	}
	return out
}

// monthsBetween is the number of calendar months from a's month to b's.
func monthsBetween(a, b Date) int {
	return (b.Year-a.Year)*12 + int(b.Month) - int(a.Month)
}

// Period returns the period a due date of the contract charges, "YYYY-MM"
// (the due date's year and month). Pass the scheduled due date as DueDates
// gives it, not one the user moved later: the key stays the same for the
// life of the contract, so one boleto per period is easy to enforce.
func (c ContractPlan) Period(due Date) string {
	return fmt.Sprintf("%04d-%02d", due.Year, int(due.Month))
}
