package printing

import (
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/pix"
)

// Banco Inter's real vectors (domain.md §1.7 and §3.2).
const (
	interBarcode = "07797900200000151300001112064449900815936556"
	interLinha   = "07790001161206444990808159365561790020000015130"
	interLinhaF  = "07790.00116 12064.449908 08159.365561 7 90020000015130"
	interPix     = "00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E"
)

// fixedNow is the clock of every test.
func fixedNow() time.Time { return time.Date(2026, time.November, 27, 13, 45, 0, 0, time.UTC) }

var testOpts = Options{Now: fixedNow}

func date(y int, m time.Month, d int) boleto.Date { return boleto.Date{Year: y, Month: m, Day: d} }

// realInter is the real Inter boleto of R$ 151,30 due 2022-05-31, with the
// real Inter Pix code.
func realInter() Boleto {
	due := date(2022, time.May, 31)
	charges := boleto.Charges{
		Fine:       &boleto.Fine{Code: boleto.FinePercent, Rate: 200},
		Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100},
		Discount:   &boleto.Discount{Code: boleto.DiscountFixed, Amount: 500, DaysBefore: 5},
		AgendaDays: 30,
	}
	instr := append(charges.Describe(due, 15130), "Referente à NF-e 1234, série 1.", "Dúvidas: financeiro@exemplo.com.br")
	return Boleto{
		State: StateIssued,
		Beneficiary: Party{
			Name: "Exemplo Comércio de Peças Ltda", Document: "11222333000181",
			Address: "Avenida Paulista", Number: "1578", Complement: "conj. 42", District: "Bela Vista",
			City: "São Paulo", UF: "SP", CEP: "01310200",
		},
		AgencyCode: "0001-9 / 1234567-8",
		Payer: Party{
			Name: "João da Silva Araújo", Document: "52998224725",
			Address: "Rua das Flores", Number: "123", District: "Centro",
			City: "Rolândia", UF: "PR", CEP: "86600000",
		},
		SeuNumero:      "NF1234-1",
		DocumentDate:   date(2022, time.May, 20),
		ProcessingDate: date(2022, time.May, 20),
		DueDate:        due,
		Amount:         15130,
		NossoNumero:    "00019/112/0081593655-6",
		Barcode:        interBarcode,
		Linha:          interLinha,
		PixCopiaECola:  interPix,
		Instructions:   instr,
	}
}

// generated builds an issued Inter boleto from the rules: barcode from the
// campo livre, linha from the barcode, Pix from BuildCobv.
func generated(t testing.TB, nn string, due boleto.Date, amount boleto.Cents, withPix bool) Boleto {
	t.Helper()
	ff := boleto.InterFreeField{Agency: "0001", Carteira: "112", Operation: "0644499", NossoNumero: nn}
	free, err := ff.String()
	if err != nil {
		t.Fatal(err)
	}
	bc, err := boleto.Barcode{Bank: boleto.InterBank, Currency: '9', DueDate: due, Amount: amount, FreeField: free}.Digits()
	if err != nil {
		t.Fatal(err)
	}
	b := realInter()
	b.Barcode, b.Linha = bc, ""
	b.DueDate, b.Amount = due, amount
	b.DocumentDate, b.ProcessingDate = due.AddDays(-10), due.AddDays(-10)
	b.NossoNumero = boleto.FormatInterNossoNumero(ff)
	b.SeuNumero = "P" + nn[6:]
	b.Instructions = boleto.Charges{Fine: &boleto.Fine{Code: boleto.FinePercent, Rate: 200}}.Describe(due, amount)
	b.PixCopiaECola = ""
	if withPix {
		code, err := pix.BuildCobv(pix.CobvParams{
			URL:          "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/" + nn + "0123456789abcdef0123456789ab"[:32-len(nn)],
			AmountCents:  int64(amount),
			MerchantCity: "SAO PAULO",
			PostalCode:   "01310200",
		})
		if err != nil {
			t.Fatal(err)
		}
		b.PixCopiaECola = code
	}
	return b
}
