package situacao

import (
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/inter"
	"boletos/internal/pix"
	"boletos/internal/store"
)

var due = boleto.Date{Year: 2026, Month: time.August, Day: 15}

// codes builds an Inter barcode, linha and Pix for amount and due date.
func codes(t *testing.T, nosso10 string, amount boleto.Cents, d boleto.Date) (nosso, bc, linha, px string) {
	t.Helper()
	free, err := boleto.InterFreeField{Agency: "0001", Carteira: "112", Operation: "0644499", NossoNumero: nosso10}.String()
	if err != nil {
		t.Fatal(err)
	}
	code := boleto.Barcode{Bank: "077", Currency: '9', DueDate: d, Amount: amount, FreeField: free}
	if bc, err = code.Digits(); err != nil {
		t.Fatal(err)
	}
	if linha, err = code.Linha(); err != nil {
		t.Fatal(err)
	}
	px, err = pix.BuildCobv(pix.CobvParams{URL: "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/0123456789abcdef0123456789abcdef", AmountCents: int64(amount), MerchantCity: "BELO HORIZONTE"})
	if err != nil {
		t.Fatal(err)
	}
	return nosso10 + free[24:], bc, linha, px
}

func issuedBoleto(t *testing.T) store.Boleto {
	nosso, bc, linha, px := codes(t, "0081593655", 15130, due)
	return store.Boleto{
		Draft: boleto.Draft{SeuNumero: "B000001", Amount: 15130, DueDate: due},
		State: store.StateIssued, NossoNumero: nosso, Barcode: bc, LinhaDigitavel: linha, PixCopiaECola: px,
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		mutate  func(*store.Boleto)
		flags   store.Flags
		problem string
	}{
		{"clean", func(*store.Boleto) {}, 0, ""},
		{"linha of another boleto", func(b *store.Boleto) {
			_, _, linha, _ := codes(t, "0081593656", 15130, due)
			b.LinhaDigitavel = linha
		}, store.FlagCodeMismatch, "linha digitável não corresponde"},
		{"linha with a broken check digit", func(b *store.Boleto) {
			l := []byte(b.LinhaDigitavel)
			l[3] = '0' + (l[3]-'0'+1)%10
			b.LinhaDigitavel = string(l)
		}, store.FlagCodeMismatch, "linha digitável do banco é inválida"},
		{"barcode with another amount", func(b *store.Boleto) {
			_, bc, linha, _ := codes(t, "0081593655", 15131, due)
			b.Barcode, b.LinhaDigitavel = bc, linha
		}, store.FlagAmountMismatch, "valor R$ 151,31"},
		{"barcode with another due date", func(b *store.Boleto) {
			_, bc, linha, _ := codes(t, "0081593655", 15130, due.AddDays(1))
			b.Barcode, b.LinhaDigitavel = bc, linha
		}, store.FlagAmountMismatch, "vencimento"},
		{"nosso número not in the barcode", func(b *store.Boleto) { b.NossoNumero = "00815936571" }, store.FlagCodeMismatch, "nosso número"},
		{"no barcode", func(b *store.Boleto) { b.Barcode, b.LinhaDigitavel = "", "" }, store.FlagCodeMismatch, "não informou"},
		{"pix CRC", func(b *store.Boleto) {
			p := b.PixCopiaECola
			c := byte('0')
			if p[len(p)-1] == '0' {
				c = '1'
			}
			b.PixCopiaECola = p[:len(p)-1] + string(c)
		}, store.FlagCodeMismatch, "Pix"},
		{"pix of another amount", func(b *store.Boleto) {
			_, _, _, px := codes(t, "0081593655", 99, due)
			b.PixCopiaECola = px
		}, store.FlagAmountMismatch, "Pix copia-e-cola tem o valor"},
		{"no pix", func(b *store.Boleto) { b.PixCopiaECola = "" }, store.FlagNoPix, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := issuedBoleto(t)
			tt.mutate(&b)
			flags, problems := Verify(b)
			if flags != tt.flags {
				t.Errorf("flags %b, want %b (%v)", flags, tt.flags, problems)
			}
			if tt.problem != "" && !strings.Contains(strings.Join(problems, "; "), tt.problem) {
				t.Errorf("problems %v lack %q", problems, tt.problem)
			}
			if tt.problem == "" && len(problems) > 0 {
				t.Errorf("unexpected problems %v", problems)
			}
		})
	}
}

func charge(b store.Boleto, sit inter.Situacao) inter.Cobranca {
	return inter.Cobranca{
		Cobranca: inter.DadosCobranca{CodigoSolicitacao: "c0d1g0", SeuNumero: b.SeuNumero, Situacao: sit, DataSituacao: due,
			DataEmissao: due.AddDays(-10), DataVencimento: b.DueDate, ValorNominal: b.Amount},
		Boleto: &inter.DadosBoleto{NossoNumero: b.NossoNumero, CodigoBarras: b.Barcode, LinhaDigitavel: b.LinhaDigitavel},
		Pix:    &inter.DadosPix{Txid: "T", PixCopiaECola: b.PixCopiaECola},
	}
}

func TestApply(t *testing.T) {
	t.Parallel()
	codesOf := issuedBoleto(t)
	processing := store.Boleto{Draft: codesOf.Draft, State: store.StateProcessing, CodigoSolicitacao: "c0d1g0"}
	issued := codesOf
	issued.CodigoSolicitacao, issued.TxID, issued.IssueDate = "c0d1g0", "T", due.AddDays(-10)
	issued.BankSituation, issued.BankSituationDate = "A_RECEBER", due

	t.Run("issued from processing", func(t *testing.T) {
		b := processing
		u := Apply(&b, charge(codesOf, inter.SituacaoAReceber))
		if u.To != store.StateIssued || !u.Changed || u.Kind != store.EventIssued || b.Barcode != codesOf.Barcode || b.Flags != 0 || b.TxID != "T" {
			t.Errorf("update %+v, boleto flags %b", u, b.Flags)
		}
		b.State = u.To // what store.Transition does
		if again := Apply(&b, charge(codesOf, inter.SituacaoAReceber)); again.Changed {
			t.Errorf("applying twice changed %+v", again)
		}
	})
	t.Run("issued with the wrong amount is flagged", func(t *testing.T) {
		b := processing
		b.Amount = 15000
		u := Apply(&b, charge(codesOf, inter.SituacaoAReceber))
		if u.To != store.StateIssued || !b.Flags.Has(store.FlagAmountMismatch) || !strings.Contains(u.Message, "ATENÇÃO") || b.Amount != 15000 {
			t.Errorf("update %+v, flags %b, amount %v", u, b.Flags, b.Amount)
		}
	})
	t.Run("failed", func(t *testing.T) {
		b := processing
		c := charge(codesOf, inter.SituacaoFalhaEmissao)
		c.Boleto, c.Pix = nil, nil
		u := Apply(&b, c)
		if u.To != store.StateFailed || b.FailureReason == "" {
			t.Errorf("update %+v, reason %q", u, b.FailureReason)
		}
	})
	t.Run("paid by pix", func(t *testing.T) {
		b := issued
		c := charge(codesOf, inter.SituacaoRecebido)
		c.Cobranca.ValorTotalRecebido, c.Cobranca.OrigemRecebimento = 15500, "PIX"
		u := Apply(&b, c)
		if u.To != store.StatePaid || u.Kind != store.EventPaid || b.PaidAmount != 15500 || b.PaidChannel != store.PaidByPix || b.PaidDate != due {
			t.Errorf("update %+v, paid %v %q %v", u, b.PaidAmount, b.PaidChannel, b.PaidDate)
		}
		if !strings.Contains(u.Message, "R$ 155,00 via Pix") {
			t.Errorf("message %q", u.Message)
		}
	})
	t.Run("marked as received", func(t *testing.T) {
		b := issued
		c := charge(codesOf, inter.SituacaoMarcadoRecebido)
		c.Cobranca.ValorTotalRecebido = 15130
		u := Apply(&b, c)
		if u.To != store.StatePaid || b.PaidChannel != "" || !strings.Contains(u.Message, "Marcado como recebido") {
			t.Errorf("update %+v, channel %q", u, b.PaidChannel)
		}
	})
	t.Run("cancellation pending stays", func(t *testing.T) {
		b := issued
		b.State = store.StateCancelRequested
		if u := Apply(&b, charge(codesOf, inter.SituacaoAReceber)); u.To != store.StateCancelRequested || u.Changed {
			t.Errorf("update %+v", u)
		}
		if u := Apply(&b, charge(codesOf, inter.SituacaoCancelado)); u.To != store.StateCancelled || u.Kind != store.EventCancel {
			t.Errorf("update %+v", u)
		}
	})
	t.Run("edited at the bank", func(t *testing.T) {
		b := issued
		edited := codesOf
		edited.Amount, edited.DueDate = 20000, due.AddDays(5)
		_, edited.Barcode, edited.LinhaDigitavel, edited.PixCopiaECola = codes(t, "0081593655", 20000, due.AddDays(5))
		u := Apply(&b, charge(edited, inter.SituacaoAReceber))
		if u.To != store.StateIssued || b.Amount != 20000 || b.DueDate != due.AddDays(5) || b.Flags != 0 || !strings.Contains(u.Message, "valor alterado") {
			t.Errorf("update %+v, amount %v due %v flags %b", u, b.Amount, b.DueDate, b.Flags)
		}
	})
	t.Run("states", func(t *testing.T) {
		for sit, want := range map[inter.Situacao]store.State{
			inter.SituacaoAtrasado: store.StateOverdue, inter.SituacaoExpirado: store.StateExpired,
			inter.SituacaoProtesto: store.StateProtested, inter.SituacaoCancelado: store.StateCancelled,
			inter.SituacaoEmProcessamento: store.StateProcessing,
		} {
			if got, ok := StateOf(sit); !ok || got != want {
				t.Errorf("StateOf(%s) = %s", sit, got)
			}
		}
		if _, ok := StateOf("OUTRA"); ok {
			t.Error("unknown situation mapped")
		}
		if Live(inter.SituacaoFalhaEmissao) || Live(inter.SituacaoCancelado) || !Live(inter.SituacaoEmProcessamento) || !Live(inter.SituacaoRecebido) {
			t.Error("Live")
		}
	})
}
