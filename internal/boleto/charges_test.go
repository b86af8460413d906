package boleto

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAmountDue(t *testing.T) {
	t.Parallel()
	friday := Date{2026, time.August, 14}
	saturday := Date{2026, time.August, 15}
	sunday := Date{2026, time.August, 16}
	std := Charges{
		Fine:       &Fine{Code: FinePercent, Rate: 200},                         // 2%
		Interest:   &Interest{Code: InterestMonthlyRate, Rate: 100},             // 1% a month
		Discount:   &Discount{Code: DiscountFixed, Amount: 5000, DaysBefore: 5}, // R$ 50,00 until 5 days before
		AgendaDays: 30,
	}
	onDueDay := std
	onDueDay.Discount = &Discount{Code: DiscountPercent, Rate: 500} // 5% up to the due date

	tests := []struct {
		name    string
		nominal Cents
		due     Date
		pay     Date
		c       Charges
		want    Breakdown
	}{
		{"well before the discount day", 100000, friday, Date{2026, time.August, 1}, std,
			Breakdown{Nominal: 100000, Discount: 5000, Total: 95000}},
		{"on the discount day", 100000, friday, Date{2026, time.August, 9}, std,
			Breakdown{Nominal: 100000, Discount: 5000, Total: 95000}},
		{"the day after the discount day", 100000, friday, Date{2026, time.August, 10}, std,
			Breakdown{Nominal: 100000, Total: 100000}},
		{"on the due date", 100000, friday, friday, std,
			Breakdown{Nominal: 100000, Total: 100000}},
		// 1 day: 100000 × 1% / 30 = 33,33… centavos → 33.
		{"one day late", 100000, friday, saturday, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 33, Total: 102033, Late: 1}},
		// 10 days at once: 333,33… → 333 (per-day rounding would give 330).
		{"ten days late", 100000, friday, Date{2026, time.August, 24}, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 333, Total: 102333, Late: 10}},
		{"last day the bank accepts", 100000, friday, Date{2026, time.September, 13}, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 1000, Total: 103000, Late: 30}},
		{"after numDiasAgenda: expired", 100000, friday, Date{2026, time.September, 14}, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 1033, Total: 103033, Late: 31, Expired: true}},
		{"percent discount on the due date", 100000, friday, friday, onDueDay,
			Breakdown{Nominal: 100000, Discount: 5000, Total: 95000}},
		// Weekend rule.
		{"due Saturday, paid Monday", 100000, saturday, Date{2026, time.August, 17}, onDueDay,
			Breakdown{Nominal: 100000, Discount: 5000, Total: 95000}},
		{"due Saturday, paid Sunday", 100000, saturday, sunday, std,
			Breakdown{Nominal: 100000, Total: 100000}},
		{"due Saturday, paid Tuesday: 3 days late", 100000, saturday, Date{2026, time.August, 18}, onDueDay,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 100, Total: 102100, Late: 3}},
		{"due Sunday, paid Monday", 100000, sunday, Date{2026, time.August, 17}, std,
			Breakdown{Nominal: 100000, Total: 100000}},
		{"due Sunday, paid Tuesday: 2 days late", 100000, sunday, Date{2026, time.August, 18}, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 67, Total: 102067, Late: 2}},
		{"due Friday, paid Monday: 3 days late", 100000, friday, Date{2026, time.August, 17}, std,
			Breakdown{Nominal: 100000, Fine: 2000, Interest: 100, Total: 102100, Late: 3}},
		{"due Saturday, numDiasAgenda 0, paid Monday", 100000, saturday, Date{2026, time.August, 17},
			Charges{Fine: &Fine{Code: FinePercent, Rate: 200}},
			Breakdown{Nominal: 100000, Total: 100000}},
		{"due Saturday, numDiasAgenda 0, paid Tuesday", 100000, saturday, Date{2026, time.August, 18},
			Charges{Fine: &Fine{Code: FinePercent, Rate: 200}},
			Breakdown{Nominal: 100000, Fine: 2000, Total: 102000, Late: 3, Expired: true}},
		// Rounding half up.
		{"interest exactly half a centavo", 1500, friday, saturday,
			Charges{Interest: &Interest{Code: InterestMonthlyRate, Rate: 100}, AgendaDays: 5},
			Breakdown{Nominal: 1500, Interest: 1, Total: 1501, Late: 1}},
		{"interest just under half a centavo", 1499, friday, saturday,
			Charges{Interest: &Interest{Code: InterestMonthlyRate, Rate: 100}, AgendaDays: 5},
			Breakdown{Nominal: 1499, Interest: 0, Total: 1499, Late: 1}},
		{"fine exactly half a centavo", 25, friday, saturday,
			Charges{Fine: &Fine{Code: FinePercent, Rate: 200}, AgendaDays: 5},
			Breakdown{Nominal: 25, Fine: 1, Total: 26, Late: 1}},
		{"discount exactly half a centavo", 10, friday, friday,
			Charges{Discount: &Discount{Code: DiscountPercent, Rate: 500}},
			Breakdown{Nominal: 10, Discount: 1, Total: 9}},
		// Fixed amounts.
		{"daily interest and fixed fine", 100000, friday, Date{2026, time.August, 24},
			Charges{Fine: &Fine{Code: FineFixed, Amount: 1500}, Interest: &Interest{Code: InterestDailyAmount, Amount: 50}, AgendaDays: 60},
			Breakdown{Nominal: 100000, Fine: 1500, Interest: 500, Total: 102000, Late: 10}},
		{"fixed discount larger than the nominal is capped", 1000, friday, friday,
			Charges{Discount: &Discount{Code: DiscountFixed, Amount: 5000}},
			Breakdown{Nominal: 1000, Discount: 1000, Total: 0}},
		{"no charges, late", 100000, friday, Date{2026, time.August, 20}, Charges{AgendaDays: 10},
			Breakdown{Nominal: 100000, Total: 100000, Late: 6}},
		// Largest values: R$ 99.999.999,99 at 100% a month for 60 days is
		// twice the nominal; plus a 100% fine.
		{"max amount, 100% a month, 60 days", MaxAmount, friday, Date{2026, time.October, 13},
			Charges{Fine: &Fine{Code: FinePercent, Rate: 10000}, Interest: &Interest{Code: InterestMonthlyRate, Rate: 10000}, AgendaDays: 60},
			Breakdown{Nominal: MaxAmount, Fine: MaxAmount, Interest: 19_999_999_998, Total: 39_999_999_996, Late: 60}},
		{"max amount per day for 60 days", MaxAmount, friday, Date{2026, time.October, 13},
			Charges{Interest: &Interest{Code: InterestDailyAmount, Amount: MaxAmount}, AgendaDays: 60},
			Breakdown{Nominal: MaxAmount, Interest: 599_999_999_940, Total: 609_999_999_939, Late: 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := AmountDue(tt.nominal, tt.due, tt.pay, tt.c)
			if got != tt.want {
				t.Errorf("AmountDue = %+v\n            want %+v", got, tt.want)
			}
			if got.Total != got.Nominal-got.Discount+got.Fine+got.Interest {
				t.Errorf("Total %d is not the sum of its parts", got.Total)
			}
		})
	}
}

func TestAmountDueSaturates(t *testing.T) {
	t.Parallel()
	// Values far beyond Validate's limits must not wrap around.
	c := Charges{Interest: &Interest{Code: InterestDailyAmount, Amount: 1 << 62}, Fine: &Fine{Code: FineFixed, Amount: 1 << 62}}
	got := AmountDue(1<<62, Date{2026, 1, 1}, Date{2030, 1, 1}, c)
	if got.Total <= 0 || got.Interest <= 0 {
		t.Errorf("AmountDue overflowed: %+v", got)
	}
}

func TestChargesValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		c       Charges
		nominal Cents
		fields  []string // expected problem fields, in order
		warns   []string // expected warning fields
	}{
		{"none", Charges{}, 10000, nil, nil},
		{"all valid", Charges{
			Interest:   &Interest{Code: InterestMonthlyRate, Rate: 100},
			Fine:       &Fine{Code: FineFixed, Amount: 1000},
			Discount:   &Discount{Code: DiscountFixed, Amount: 9999, DaysBefore: 0},
			AgendaDays: 60, Messages: [5]string{strings.Repeat("á", 78)},
		}, 10000, nil, nil},
		{"100% limits accepted", Charges{
			Interest: &Interest{Code: InterestMonthlyRate, Rate: 10000},
			Fine:     &Fine{Code: FinePercent, Rate: 10000},
			Discount: &Discount{Code: DiscountPercent, Rate: 9999}, AgendaDays: 1,
		}, 10000, nil, nil},
		{"missing codes", Charges{Interest: &Interest{}, Fine: &Fine{}, Discount: &Discount{}, AgendaDays: 1}, 10000,
			[]string{"juros.codigo", "multa.codigo", "desconto.codigo"}, nil},
		{"unknown codes", Charges{Interest: &Interest{Code: "ISENTO"}, Fine: &Fine{Code: "NAOTEMMULTA"}, Discount: &Discount{Code: "NAOTEMDESCONTO"}, AgendaDays: 1}, 10000,
			[]string{"juros.codigo", "multa.codigo", "desconto.codigo"}, nil},
		{"zero rates", Charges{
			Interest: &Interest{Code: InterestMonthlyRate, Amount: 100},
			Fine:     &Fine{Code: FinePercent},
			Discount: &Discount{Code: DiscountPercent, Rate: 0}, AgendaDays: 1,
		}, 10000, []string{"juros.taxa", "multa.taxa", "desconto.taxa"}, nil},
		{"rates above 100%", Charges{
			Interest: &Interest{Code: InterestMonthlyRate, Rate: 10001},
			Fine:     &Fine{Code: FinePercent, Rate: 10001},
			Discount: &Discount{Code: DiscountPercent, Rate: 10000}, AgendaDays: 1,
		}, 10000, []string{"juros.taxa", "multa.taxa", "desconto.taxa"}, nil},
		{"zero and negative amounts", Charges{
			Interest: &Interest{Code: InterestDailyAmount, Rate: 100},
			Fine:     &Fine{Code: FineFixed, Amount: -1},
			Discount: &Discount{Code: DiscountFixed}, AgendaDays: 1,
		}, 10000, []string{"juros.valor", "multa.valor", "desconto.valor"}, nil},
		{"amounts too large", Charges{
			Interest: &Interest{Code: InterestDailyAmount, Amount: MaxAmount + 1},
			Fine:     &Fine{Code: FineFixed, Amount: MaxAmount + 1}, AgendaDays: 1,
		}, 10000, []string{"juros.valor", "multa.valor"}, nil},
		{"discount equal to the nominal", Charges{Discount: &Discount{Code: DiscountFixed, Amount: 10000}}, 10000,
			[]string{"desconto.valor"}, nil},
		{"negative days before", Charges{Discount: &Discount{Code: DiscountFixed, Amount: 100, DaysBefore: -1}}, 10000,
			[]string{"desconto.dias"}, nil},
		{"agenda too long", Charges{AgendaDays: 61}, 10000, []string{"numDiasAgenda"}, nil},
		{"agenda negative", Charges{AgendaDays: -1}, 10000, []string{"numDiasAgenda"}, nil},
		{"agenda 0 with a fine", Charges{Fine: &Fine{Code: FinePercent, Rate: 200}}, 10000, nil, []string{"numDiasAgenda"}},
		{"messages", Charges{Messages: [5]string{"ok", "", strings.Repeat("x", 79), "a\nb", strings.Repeat("é", 79)}}, 10000,
			[]string{"mensagem.linha3", "mensagem.linha4", "mensagem.linha5"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ps := tt.c.Validate(tt.nominal)
			var errs, warns []string
			for _, p := range ps {
				if p.Message == "" {
					t.Errorf("problem on %s has no message", p.Field)
				}
				if p.Warning {
					warns = append(warns, p.Field)
				} else {
					errs = append(errs, p.Field)
				}
			}
			if !reflect.DeepEqual(errs, tt.fields) || !reflect.DeepEqual(warns, tt.warns) {
				t.Errorf("Validate fields = %v, warnings %v; want %v, %v\n%+v", errs, warns, tt.fields, tt.warns, ps)
			}
		})
	}
}

func TestChargesValidateMessages(t *testing.T) {
	t.Parallel()
	ps := Charges{
		Interest:   &Interest{Code: InterestMonthlyRate, Rate: 10001},
		Discount:   &Discount{Code: DiscountFixed, Amount: 20000},
		AgendaDays: 90,
		Messages:   [5]string{2: strings.Repeat("x", 85)},
	}.Validate(10000)
	want := map[string]string{
		"juros.taxa":      "A taxa de juros ao mês não pode passar de 100%; foi informado 100,01%.",
		"desconto.valor":  "O valor do desconto (R$ 200,00) deve ser menor que o valor do boleto (R$ 100,00).",
		"numDiasAgenda":   "O prazo para pagamento após o vencimento deve ser de 0 a 60 dias; foi informado 90.",
		"mensagem.linha3": "A linha 3 da mensagem tem 85 caracteres; o máximo é 78.",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems: %+v", len(ps), ps)
	}
	for _, p := range ps {
		if want[p.Field] != p.Message {
			t.Errorf("%s: %q\nwant %q", p.Field, p.Message, want[p.Field])
		}
	}
}

func TestChargesDescribe(t *testing.T) {
	t.Parallel()
	due := Date{2026, time.August, 15}
	tests := []struct {
		name    string
		c       Charges
		nominal Cents
		want    []string
	}{
		{"percent fine, monthly interest, fixed discount", Charges{
			Fine:       &Fine{Code: FinePercent, Rate: 200},
			Interest:   &Interest{Code: InterestMonthlyRate, Rate: 100},
			Discount:   &Discount{Code: DiscountFixed, Amount: 500, DaysBefore: 5},
			AgendaDays: 30,
		}, 15000, []string{
			"Após o vencimento, cobrar multa de 2,00%.",
			"Juros de 1,00% ao mês (R$ 0,05 por dia de atraso).",
			"Até 10/08/2026, conceder desconto de R$ 5,00.",
			"Não receber após 14/09/2026.",
		}},
		{"fixed fine, daily interest, percent discount", Charges{
			Fine:     &Fine{Code: FineFixed, Amount: 1000},
			Interest: &Interest{Code: InterestDailyAmount, Amount: 50},
			Discount: &Discount{Code: DiscountPercent, Rate: 250},
		}, 123456, []string{
			"Após o vencimento, cobrar multa de R$ 10,00.",
			"Juros de R$ 0,50 por dia de atraso.",
			"Até 15/08/2026, conceder desconto de 2,50% (R$ 30,86).",
			"Não receber após o vencimento.",
		}},
		{"interest under a centavo a day", Charges{
			Interest: &Interest{Code: InterestMonthlyRate, Rate: 100}, AgendaDays: 60,
		}, 250, []string{
			"Juros de 1,00% ao mês.",
			"Não receber após 14/10/2026.",
		}},
		{"malformed parts are skipped", Charges{
			Fine: &Fine{Code: "X", Rate: 200}, Interest: &Interest{Code: InterestMonthlyRate}, AgendaDays: 99,
		}, 15000, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.c.Describe(due, tt.nominal)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Describe =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func BenchmarkAmountDue(b *testing.B) {
	c := Charges{
		Fine:       &Fine{Code: FinePercent, Rate: 200},
		Interest:   &Interest{Code: InterestMonthlyRate, Rate: 100},
		Discount:   &Discount{Code: DiscountPercent, Rate: 500, DaysBefore: 3},
		AgendaDays: 60,
	}
	due, pay := Date{2026, time.August, 14}, Date{2026, time.September, 20}
	for b.Loop() {
		if AmountDue(123456, due, pay, c).Total == 0 {
			b.Fatal("zero total")
		}
	}
}
