package boleto

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func ymd(y int, m time.Month, day int) Date { return Date{Year: y, Month: m, Day: day} }

func monthly() Interval { return Interval{Monthly: true} }

func dueDates(ins []PlannedInstallment) []Date {
	out := make([]Date, len(ins))
	for i, in := range ins {
		out[i] = in.DueDate
	}
	return out
}

func amounts(ins []PlannedInstallment) []Cents {
	out := make([]Cents, len(ins))
	for i, in := range ins {
		out[i] = in.Amount
	}
	return out
}

func TestPlanInstallmentsDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		first    Date
		interval Interval
		count    int
		want     []Date
	}{
		{
			name: "31 January, common year", first: ymd(2026, time.January, 31), interval: monthly(), count: 5,
			want: []Date{ymd(2026, 1, 31), ymd(2026, 2, 28), ymd(2026, 3, 31), ymd(2026, 4, 30), ymd(2026, 5, 31)},
		},
		{
			name: "31 January, leap year", first: ymd(2024, time.January, 31), interval: monthly(), count: 3,
			want: []Date{ymd(2024, 1, 31), ymd(2024, 2, 29), ymd(2024, 3, 31)},
		},
		{
			name: "30 January keeps the 30th", first: ymd(2026, time.January, 30), interval: monthly(), count: 3,
			want: []Date{ymd(2026, 1, 30), ymd(2026, 2, 28), ymd(2026, 3, 30)},
		},
		{
			name: "29 February, leap day anchor", first: ymd(2024, time.February, 29), interval: monthly(), count: 14,
			want: []Date{
				ymd(2024, 2, 29), ymd(2024, 3, 29), ymd(2024, 4, 29), ymd(2024, 5, 29), ymd(2024, 6, 29), ymd(2024, 7, 29),
				ymd(2024, 8, 29), ymd(2024, 9, 29), ymd(2024, 10, 29), ymd(2024, 11, 29), ymd(2024, 12, 29),
				ymd(2025, 1, 29), ymd(2025, 2, 28), ymd(2025, 3, 29),
			},
		},
		{
			name: "28 February stays on the 28th", first: ymd(2026, time.February, 28), interval: monthly(), count: 3,
			want: []Date{ymd(2026, 2, 28), ymd(2026, 3, 28), ymd(2026, 4, 28)},
		},
		{
			name: "31 October crosses the year", first: ymd(2026, time.October, 31), interval: monthly(), count: 6,
			want: []Date{ymd(2026, 10, 31), ymd(2026, 11, 30), ymd(2026, 12, 31), ymd(2027, 1, 31), ymd(2027, 2, 28), ymd(2027, 3, 31)},
		},
		{
			name: "31 January 2100 is not a leap year", first: ymd(2100, time.January, 31), interval: monthly(), count: 2,
			want: []Date{ymd(2100, 1, 31), ymd(2100, 2, 28)},
		},
		{
			name: "31 January 2000 is a leap year", first: ymd(2000, time.January, 31), interval: monthly(), count: 2,
			want: []Date{ymd(2000, 1, 31), ymd(2000, 2, 29)},
		},
		{
			name: "every 30 days", first: ymd(2025, time.December, 15), interval: Interval{Days: 30}, count: 3,
			want: []Date{ymd(2025, 12, 15), ymd(2026, 1, 14), ymd(2026, 2, 13)},
		},
		{
			name: "every 7 days over a leap day", first: ymd(2028, time.February, 22), interval: Interval{Days: 7}, count: 3,
			want: []Date{ymd(2028, 2, 22), ymd(2028, 2, 29), ymd(2028, 3, 7)},
		},
		{
			name: "one installment", first: ymd(2026, time.August, 15), interval: monthly(), count: 1,
			want: []Date{ymd(2026, 8, 15)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := PlanInstallments(Plan{Total: Cents(1000 * tt.count), Count: tt.count, First: tt.first, Interval: tt.interval})
			if err != nil {
				t.Fatalf("PlanInstallments: %v", err)
			}
			if !slices.Equal(dueDates(got), tt.want) {
				t.Errorf("due dates = %v, want %v", dueDates(got), tt.want)
			}
			for i, in := range got {
				if in.Number != i+1 || in.DownPayment {
					t.Errorf("installment %d: Number %d, DownPayment %v", i, in.Number, in.DownPayment)
				}
			}
		})
	}
}

func TestPlanInstallmentsAmounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		plan Plan
		want []Cents
	}{
		{name: "100,00 in 3", plan: Plan{Total: 10000, Count: 3}, want: []Cents{3333, 3333, 3334}},
		{name: "100,00 in 6", plan: Plan{Total: 10000, Count: 6}, want: []Cents{1666, 1666, 1666, 1666, 1666, 1670}},
		{name: "exact split", plan: Plan{Total: 90000, Count: 3}, want: []Cents{30000, 30000, 30000}},
		{name: "minimum each", plan: Plan{Total: 750, Count: 3}, want: []Cents{250, 250, 250}},
		{name: "remainder of 2 on the last", plan: Plan{Total: 752, Count: 3}, want: []Cents{250, 250, 252}},
		{
			name: "down payment first",
			plan: Plan{Total: 123456, Count: 10, DownPayment: 23456, DownPaymentDate: ymd(2026, 1, 20)},
			want: []Cents{23456, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000},
		},
		{
			name: "down payment and remainder",
			plan: Plan{Total: 100000, Count: 3, DownPayment: 30000, DownPaymentDate: ymd(2026, 1, 20)},
			want: []Cents{30000, 23333, 23333, 23334},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.plan
			p.First = ymd(2026, time.February, 10)
			p.Interval = monthly()
			got, err := PlanInstallments(p)
			if err != nil {
				t.Fatalf("PlanInstallments: %v", err)
			}
			if !slices.Equal(amounts(got), tt.want) {
				t.Errorf("amounts = %v, want %v", amounts(got), tt.want)
			}
			if p.DownPayment > 0 {
				if !got[0].DownPayment || got[0].Number != 0 || got[0].DueDate != p.DownPaymentDate {
					t.Errorf("first entry = %+v, want the down payment (Number 0) on %v", got[0], p.DownPaymentDate)
				}
				if got[1].DueDate != p.First || got[1].Number != 1 {
					t.Errorf("second entry = %+v, want installment 1 on %v", got[1], p.First)
				}
			}
		})
	}
}

func TestPlanInstallmentsValidation(t *testing.T) {
	t.Parallel()
	valid := Plan{Total: 100000, Count: 10, First: ymd(2026, time.March, 10), Interval: monthly()}
	tests := []struct {
		name   string
		change func(p *Plan)
		field  string
		msg    string // part of the message
	}{
		{"no total", func(p *Plan) { p.Total = 0 }, "valor", "Informe o valor total"},
		{"negative total", func(p *Plan) { p.Total = -5 }, "valor", "Informe o valor total"},
		{"huge total", func(p *Plan) { p.Total = MaxAmount * 200 }, "valor", "grande demais"},
		{"no count", func(p *Plan) { p.Count = 0 }, "parcelas", "Informe o número de parcelas (1 a 120)."},
		{"negative count", func(p *Plan) { p.Count = -1 }, "parcelas", "Informe o número de parcelas (1 a 120)."},
		{"too many", func(p *Plan) { p.Count = 121 }, "parcelas", "de 1 a 120; foi informado 121"},
		{"installment below the minimum", func(p *Plan) { p.Total = 2000 }, "parcelas", "Com 10 parcelas, cada uma ficaria com R$ 2,00, abaixo do mínimo de R$ 2,50 por boleto. Use no máximo 8 parcelas."},
		{"total below the minimum", func(p *Plan) { p.Total = 200; p.Count = 1 }, "valor", "menor que o mínimo"},
		{"installment above the maximum", func(p *Plan) { p.Total = MaxAmount + 1; p.Count = 1 }, "parcelas", "o máximo de um boleto"},
		{"no first date", func(p *Plan) { p.First = Date{} }, "primeiroVencimento", "Informe a data do primeiro vencimento."},
		{"invalid first date", func(p *Plan) { p.First = ymd(2026, time.February, 30) }, "primeiroVencimento", "inválida"},
		{"no interval", func(p *Plan) { p.Interval = Interval{} }, "intervalo", "mensal ou de 1 a 365 dias"},
		{"interval too long", func(p *Plan) { p.Interval = Interval{Days: 400} }, "intervalo", "foi informado 400"},
		{"both intervals", func(p *Plan) { p.Interval = Interval{Monthly: true, Days: 30} }, "intervalo", "não os dois"},
		{"negative down payment", func(p *Plan) { p.DownPayment = -1 }, "entrada", "negativa"},
		{"small down payment", func(p *Plan) { p.DownPayment = 100; p.DownPaymentDate = ymd(2026, 3, 1) }, "entrada", "pelo menos R$ 2,50"},
		{"down payment = total", func(p *Plan) { p.DownPayment = p.Total; p.DownPaymentDate = ymd(2026, 3, 1) }, "entrada", "deve ser menor que o valor total"},
		{"down payment without date", func(p *Plan) { p.DownPayment = 5000 }, "entrada.vencimento", "Informe o vencimento da entrada."},
		{"down payment on the first date", func(p *Plan) { p.DownPayment = 5000; p.DownPaymentDate = p.First }, "entrada.vencimento", "deve ser antes do primeiro vencimento"},
		{"date without down payment", func(p *Plan) { p.DownPaymentDate = ymd(2026, 3, 1) }, "entrada", "apague o vencimento da entrada"},
		{"past year 9999", func(p *Plan) { p.First = ymd(9999, time.June, 1); p.Count = 12 }, "parcelas", "depois do ano 9999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := valid
			tt.change(&p)
			got, err := PlanInstallments(p)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("PlanInstallments(%+v) = %v, %v; want a *ValidationError", p, got, err)
			}
			found := ve.Problems.Field(tt.field)
			if len(found) == 0 {
				t.Fatalf("no problem on %q; got %+v", tt.field, ve.Problems)
			}
			if !strings.Contains(found[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", found[0].Message, tt.msg)
			}
			if got != nil {
				t.Errorf("installments = %v, want none", got)
			}
		})
	}

	// All problems at once.
	_, err := PlanInstallments(Plan{})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("empty plan: %v", err)
	}
	for _, f := range []string{"valor", "parcelas", "primeiroVencimento", "intervalo"} {
		if len(ve.Problems.Field(f)) != 1 {
			t.Errorf("empty plan: want one problem on %q, got %+v", f, ve.Problems)
		}
	}
}

// TestPlanInstallmentsProperties checks many random valid plans: the
// amounts add up to the total exactly, the count is right, the dates are
// strictly increasing, every amount is within the boleto limits, and a
// monthly plan never drifts from its day of month.
func TestPlanInstallmentsProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20260131, 8))
	for n := range 20000 {
		p := Plan{
			Count: 1 + rng.IntN(MaxInstallments),
			First: ymd(2000+rng.IntN(60), time.Month(1+rng.IntN(12)), 1),
		}
		p.First.Day = 1 + rng.IntN(daysIn(p.First.Year, p.First.Month))
		if rng.IntN(2) == 0 {
			p.Interval = monthly()
		} else {
			p.Interval = Interval{Days: 1 + rng.IntN(MaxIntervalDays)}
		}
		if rng.IntN(3) == 0 {
			p.DownPayment = MinIssueAmount + Cents(rng.Int64N(1_000_000))
			p.DownPaymentDate = p.First.AddDays(-1 - rng.IntN(60))
		}
		// At least MinIssueAmount per installment, sometimes exactly.
		p.Total = p.DownPayment + Cents(p.Count)*MinIssueAmount
		switch rng.IntN(3) {
		case 0:
			p.Total += Cents(rng.IntN(p.Count)) // remainder only
		case 1:
			p.Total += Cents(rng.Int64N(10_000_000))
		default:
			p.Total += Cents(rng.Int64N(int64(MaxAmount) / 2))
		}

		got, err := PlanInstallments(p)
		if err != nil {
			t.Fatalf("plan %d %+v: %v", n, p, err)
		}
		want := p.Count
		if p.DownPayment > 0 {
			want++
		}
		if len(got) != want {
			t.Fatalf("plan %d %+v: %d installments, want %d", n, p, len(got), want)
		}
		var sum Cents
		for i, in := range got {
			sum += in.Amount
			if in.Amount < MinIssueAmount || in.Amount > MaxAmount {
				t.Fatalf("plan %d %+v: installment %d amount %v out of limits", n, p, i, in.Amount)
			}
			if i > 0 && !in.DueDate.After(got[i-1].DueDate) {
				t.Fatalf("plan %d %+v: due dates not strictly increasing at %d: %v then %v", n, p, i, got[i-1].DueDate, in.DueDate)
			}
			if !in.DueDate.Valid() {
				t.Fatalf("plan %d: invalid due date %v", n, in.DueDate)
			}
			if in.DownPayment {
				continue
			}
			k := in.Number - 1
			if p.Interval.Monthly {
				wantDay := min(p.First.Day, daysIn(in.DueDate.Year, in.DueDate.Month))
				if in.DueDate.Day != wantDay || monthsBetween(p.First, in.DueDate) != k {
					t.Fatalf("plan %d %+v: installment %d on %v, want day %d, %d months after the first", n, p, in.Number, in.DueDate, wantDay, k)
				}
			} else if in.DueDate.Sub(p.First) != k*p.Interval.Days {
				t.Fatalf("plan %d %+v: installment %d on %v, want %d days after the first", n, p, in.Number, in.DueDate, k*p.Interval.Days)
			}
		}
		if sum != p.Total {
			t.Fatalf("plan %d %+v: sum %v, want %v", n, p, sum, p.Total)
		}
		// Equal parts: every installment but the last is the same, and the
		// last carries less than Count extra centavos.
		parts := got[len(got)-p.Count:]
		for _, in := range parts[:len(parts)-1] {
			if in.Amount != parts[0].Amount {
				t.Fatalf("plan %d %+v: unequal parts %v", n, p, amounts(parts))
			}
		}
		if extra := parts[len(parts)-1].Amount - parts[0].Amount; extra < 0 || extra >= Cents(p.Count) {
			t.Fatalf("plan %d %+v: last part carries %v extra", n, p, extra)
		}
	}
}

func TestContractPlanDueDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		c        ContractPlan
		from, to Date
		want     []Date
	}{
		{
			name: "day 31 clamps and comes back",
			c:    ContractPlan{Monthly: 10000, Day: 31, Start: ymd(2026, 1, 1)},
			from: ymd(2026, 1, 1), to: ymd(2026, 5, 31),
			want: []Date{ymd(2026, 1, 31), ymd(2026, 2, 28), ymd(2026, 3, 31), ymd(2026, 4, 30), ymd(2026, 5, 31)},
		},
		{
			name: "day 30 in a leap February",
			c:    ContractPlan{Monthly: 10000, Day: 30, Start: ymd(2028, 1, 15)},
			from: ymd(2028, 1, 1), to: ymd(2028, 3, 31),
			want: []Date{ymd(2028, 1, 30), ymd(2028, 2, 29), ymd(2028, 3, 30)},
		},
		{
			name: "start after the day of its month",
			c:    ContractPlan{Monthly: 10000, Day: 10, Start: ymd(2026, 3, 11)},
			from: ymd(2026, 1, 1), to: ymd(2026, 6, 30),
			want: []Date{ymd(2026, 4, 10), ymd(2026, 5, 10), ymd(2026, 6, 10)},
		},
		{
			name: "start on the day itself",
			c:    ContractPlan{Monthly: 10000, Day: 10, Start: ymd(2026, 3, 10)},
			from: ymd(2026, 1, 1), to: ymd(2026, 4, 30),
			want: []Date{ymd(2026, 3, 10), ymd(2026, 4, 10)},
		},
		{
			name: "window inside the contract",
			c:    ContractPlan{Monthly: 10000, Day: 5, Start: ymd(2025, 1, 1)},
			from: ymd(2026, 2, 6), to: ymd(2026, 4, 5),
			want: []Date{ymd(2026, 3, 5), ymd(2026, 4, 5)},
		},
		{
			name: "months limit",
			c:    ContractPlan{Monthly: 10000, Day: 15, Start: ymd(2026, 11, 20), Months: 3},
			from: ymd(2026, 1, 1), to: ymd(2030, 1, 1),
			want: []Date{ymd(2026, 12, 15), ymd(2027, 1, 15), ymd(2027, 2, 15)},
		},
		{
			name: "months limit with a window after the first charges",
			c:    ContractPlan{Monthly: 10000, Day: 15, Start: ymd(2026, 1, 1), Months: 12},
			from: ymd(2026, 11, 1), to: ymd(2027, 6, 30),
			want: []Date{ymd(2026, 11, 15), ymd(2026, 12, 15)},
		},
		{
			name: "end date included",
			c:    ContractPlan{Monthly: 10000, Day: 28, Start: ymd(2026, 1, 1), End: ymd(2026, 3, 28)},
			from: ymd(2026, 1, 1), to: ymd(2026, 12, 31),
			want: []Date{ymd(2026, 1, 28), ymd(2026, 2, 28), ymd(2026, 3, 28)},
		},
		{
			name: "end and months: the first limit wins",
			c:    ContractPlan{Monthly: 10000, Day: 1, Start: ymd(2026, 1, 1), End: ymd(2026, 12, 31), Months: 2},
			from: ymd(2026, 1, 1), to: ymd(2026, 12, 31),
			want: []Date{ymd(2026, 1, 1), ymd(2026, 2, 1)},
		},
		{
			name: "window before the start",
			c:    ContractPlan{Monthly: 10000, Day: 1, Start: ymd(2026, 1, 1)},
			from: ymd(2025, 1, 1), to: ymd(2025, 12, 31),
			want: nil,
		},
		{
			name: "reversed window",
			c:    ContractPlan{Monthly: 10000, Day: 1, Start: ymd(2026, 1, 1)},
			from: ymd(2026, 5, 1), to: ymd(2026, 4, 1),
			want: nil,
		},
		{
			name: "invalid contract",
			c:    ContractPlan{Monthly: 10000, Day: 32, Start: ymd(2026, 1, 1)},
			from: ymd(2026, 1, 1), to: ymd(2026, 12, 31),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.c.DueDates(tt.from, tt.to)
			if !slices.Equal(got, tt.want) {
				t.Errorf("DueDates(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestContractPlanPeriod(t *testing.T) {
	t.Parallel()
	c := ContractPlan{Monthly: 10000, Day: 31, Start: ymd(2026, 1, 1)}
	tests := []struct {
		due  Date
		want string
	}{
		{ymd(2026, 1, 31), "2026-01"},
		{ymd(2026, 2, 28), "2026-02"},
		{ymd(2027, 12, 31), "2027-12"},
		{ymd(987, 3, 31), "0987-03"},
	}
	for _, tt := range tests {
		if got := c.Period(tt.due); got != tt.want {
			t.Errorf("Period(%v) = %q, want %q", tt.due, got, tt.want)
		}
	}
}

// TestContractPlanProperties checks random contracts: windows that tile a
// range give exactly the due dates of the whole range (so running the
// generator month after month never repeats or skips a charge), every period
// key is unique, and the day of month never drifts.
func TestContractPlanProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 31))
	for n := range 2000 {
		c := ContractPlan{
			Monthly: MinIssueAmount + Cents(rng.Int64N(1_000_000)),
			Day:     1 + rng.IntN(31),
			Start:   ymd(2020+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28)),
		}
		if rng.IntN(3) == 0 {
			c.Months = 1 + rng.IntN(60)
		}
		if rng.IntN(3) == 0 {
			c.End = c.Start.AddDays(40 + rng.IntN(2000))
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("contract %d %+v: %v", n, c, err)
		}
		from, to := c.Start.AddDays(-rng.IntN(100)), c.Start.AddDays(rng.IntN(4000))
		all := c.DueDates(from, to)

		var tiled []Date
		for lo := from; !lo.After(to); {
			hi := lo.AddDays(rng.IntN(90))
			if hi.After(to) {
				hi = to
			}
			tiled = append(tiled, c.DueDates(lo, hi)...)
			lo = hi.AddDays(1)
		}
		if !slices.Equal(tiled, all) {
			t.Fatalf("contract %d %+v: tiled windows %v, whole range %v", n, c, tiled, all)
		}

		periods := map[string]bool{}
		for i, due := range all {
			if p := c.Period(due); periods[p] {
				t.Fatalf("contract %d %+v: period %s twice", n, c, p)
			} else {
				periods[p] = true
			}
			if wantDay := min(c.Day, daysIn(due.Year, due.Month)); due.Day != wantDay {
				t.Fatalf("contract %d %+v: %v is not on day %d", n, c, due, wantDay)
			}
			if due.Before(c.Start) || due.Before(from) || due.After(to) || (!c.End.IsZero() && due.After(c.End)) {
				t.Fatalf("contract %d %+v: %v outside the contract or the window", n, c, due)
			}
			if i > 0 && monthsBetween(all[i-1], due) != 1 {
				t.Fatalf("contract %d %+v: %v then %v skips or repeats a month", n, c, all[i-1], due)
			}
		}
		if c.Months > 0 && len(all) > c.Months {
			t.Fatalf("contract %d %+v: %d due dates, more than %d months", n, c, len(all), c.Months)
		}
	}
}

func TestContractPlanValidate(t *testing.T) {
	t.Parallel()
	valid := ContractPlan{Monthly: 10000, Day: 10, Start: ymd(2026, 1, 1)}
	if err := valid.Validate(); err != nil {
		t.Fatalf("valid contract: %v", err)
	}
	tests := []struct {
		name   string
		change func(c *ContractPlan)
		field  string
		msg    string
	}{
		{"no value", func(c *ContractPlan) { c.Monthly = 0 }, "valor", "Informe o valor mensal"},
		{"below minimum", func(c *ContractPlan) { c.Monthly = 249 }, "valor", "mínimo de um boleto é R$ 2,50"},
		{"above maximum", func(c *ContractPlan) { c.Monthly = MaxAmount + 1 }, "valor", "máximo"},
		{"day 0", func(c *ContractPlan) { c.Day = 0 }, "dia", "de 1 a 31; foi informado 0"},
		{"day 32", func(c *ContractPlan) { c.Day = 32 }, "dia", "foi informado 32"},
		{"no start", func(c *ContractPlan) { c.Start = Date{} }, "inicio", "Informe a data de início"},
		{"invalid start", func(c *ContractPlan) { c.Start = ymd(2026, 2, 29) }, "inicio", "inválida"},
		{"invalid end", func(c *ContractPlan) { c.End = ymd(2026, 13, 1) }, "fim", "inválida"},
		{"end before first due", func(c *ContractPlan) { c.End = ymd(2026, 1, 9) }, "fim", "antes do primeiro vencimento (10/01/2026)"},
		{"negative months", func(c *ContractPlan) { c.Months = -1 }, "meses", "foi informado -1"},
		{"too many months", func(c *ContractPlan) { c.Months = MaxContractMonths + 1 }, "meses", "de 1 a 1200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := valid
			tt.change(&c)
			var ve *ValidationError
			if err := c.Validate(); !errors.As(err, &ve) {
				t.Fatalf("Validate(%+v) = %v, want a *ValidationError", c, err)
			}
			found := ve.Problems.Field(tt.field)
			if len(found) == 0 || !strings.Contains(found[0].Message, tt.msg) {
				t.Errorf("problems %+v; want one on %q containing %q", ve.Problems, tt.field, tt.msg)
			}
		})
	}
}
