package intersim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/pix"
)

func TestEmissionProcessingThenIssued(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Faults: Faults{Processing: 5 * time.Second}})
	a := newAPI(t, s)
	due := clk.today().AddDays(20)
	code := a.emit(chargeBody("NF-1001", due))

	d := a.detail(code)
	if d.Cobranca.Situacao != sitEmProcessamento || d.Boleto != nil || d.Pix != nil {
		t.Fatalf("right after emission: %+v", d)
	}
	clk.Add(4 * time.Second)
	if d = a.detail(code); d.Cobranca.Situacao != sitEmProcessamento {
		t.Fatalf("at 4 s: %s", d.Cobranca.Situacao)
	}
	clk.Add(time.Second)
	d = a.detail(code)
	if d.Cobranca.Situacao != sitAReceber || d.Boleto == nil || d.Pix == nil {
		t.Fatalf("at 5 s: %+v", d)
	}
	if d.Cobranca.ValorNominal.String() != "151.30" || d.Cobranca.DataVencimento != due.String() || d.Cobranca.DataEmissao != clk.today().String() {
		t.Errorf("cobranca %+v", d.Cobranca)
	}

	// Barcode and linha: valid, consistent, Inter's campo livre.
	dec, err := boleto.Decode(d.Boleto.CodigoBarras, clk.today())
	if err != nil {
		t.Fatalf("barcode %s: %v", d.Boleto.CodigoBarras, err)
	}
	if dec.Linha != d.Boleto.LinhaDigitavel || len(d.Boleto.LinhaDigitavel) != 47 {
		t.Errorf("linha %s does not match barcode (%s)", d.Boleto.LinhaDigitavel, dec.Linha)
	}
	fromLinha, err := boleto.Decode(d.Boleto.LinhaDigitavel, clk.today())
	if err != nil || fromLinha.Barcode != d.Boleto.CodigoBarras {
		t.Errorf("linha decodes to %s, %v", fromLinha.Barcode, err)
	}
	if dec.Bank != "077" || dec.Amount != 15130 || dec.DueDate != due || !strings.HasPrefix(d.Boleto.LinhaDigitavel, "077900011") {
		t.Errorf("decoded %+v", dec)
	}
	free, err := boleto.ParseInterFreeField(dec.FreeField)
	if err != nil {
		t.Fatal(err)
	}
	nn := d.Boleto.NossoNumero
	if len(nn) != 11 || free.NossoNumero+string(rune('0'+boleto.NossoNumeroDV("0001", "112", free.NossoNumero))) != nn ||
		free.Agency != "0001" || free.Carteira != "112" || len(free.Operation) != 7 {
		t.Errorf("nosso número %s, campo livre %+v", nn, free)
	}

	// Pix: valid BR Code, cobv location at Inter, the right amount.
	pc, err := pix.Parse(d.Pix.PixCopiaECola)
	if err != nil {
		t.Fatalf("pix %s: %v", d.Pix.PixCopiaECola, err)
	}
	if pc.AmountCents == nil || *pc.AmountCents != 15130 || !strings.HasPrefix(pc.URL, "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/") ||
		len(strings.TrimPrefix(pc.URL, "spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/")) != 32 || pc.MerchantName != "*" || pc.TxID != "***" {
		t.Errorf("pix %+v", pc)
	}
	if l := len(d.Pix.Txid); l < 26 || l > 35 || strings.Trim(d.Pix.Txid, alnum) != "" {
		t.Errorf("txid %q", d.Pix.Txid)
	}

	// The next charge gets the next nosso número.
	code2 := a.emit(chargeBody("NF-1002", due))
	clk.Add(5 * time.Second)
	d2 := a.detail(code2)
	if d2.Boleto == nil || d2.Boleto.NossoNumero[:10] != fmt.Sprintf("%010d", mustAtoi(t, nn[:10])+1) {
		t.Errorf("second nosso número %+v after %s", d2.Boleto, nn)
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEmissionWithoutPix(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{NoPixKey: true})
	a := newAPI(t, s)
	d := a.detail(a.emit(chargeBody("SEMPIX", clk.today().AddDays(3))))
	if d.Cobranca.Situacao != sitAReceber || d.Boleto == nil || d.Pix != nil {
		t.Errorf("account without a Pix key: %+v", d)
	}

	s2, clk2 := startSim(t, Config{})
	a2 := newAPI(t, s2)
	body := chargeBody("SOBOLETO", clk2.today().AddDays(3))
	body["formasRecebimento"] = []string{"BOLETO"}
	d = a2.detail(a2.emit(body))
	if d.Boleto == nil || d.Pix != nil {
		t.Errorf("formasRecebimento [BOLETO]: %+v", d)
	}
	body = chargeBody("SEMFORMA", clk2.today().AddDays(3))
	body["formasRecebimento"] = []string{"SEM_FORMA_PAGAMENTO"}
	d = a2.detail(a2.emit(body))
	if d.Cobranca.Situacao != sitAReceber || d.Boleto != nil || d.Pix != nil {
		t.Errorf("SEM_FORMA_PAGAMENTO: %+v", d)
	}
}

func TestEmissionFailureRule(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	body := chargeBody("FAIL-1", clk.today().AddDays(3))
	body["pagador"].(map[string]any)["nome"] = "Cliente Falha Proposital"
	d := a.detail(a.emit(body))
	if d.Cobranca.Situacao != sitFalhaEmissao || d.Boleto != nil || d.Pix != nil {
		t.Errorf("failure rule: %+v", d)
	}
}

func TestEmissionValidation(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	today := clk.today()
	type mut func(b map[string]any)
	payer := func(b map[string]any) map[string]any { return b["pagador"].(map[string]any) }
	tests := []struct {
		name string
		mut  mut
		prop string
	}{
		{"seuNumero missing", func(b map[string]any) { delete(b, "seuNumero") }, "seuNumero"},
		{"seuNumero empty", func(b map[string]any) { b["seuNumero"] = "" }, "seuNumero"},
		{"seuNumero 16 chars", func(b map[string]any) { b["seuNumero"] = strings.Repeat("9", 16) }, "seuNumero"},
		{"valorNominal missing", func(b map[string]any) { delete(b, "valorNominal") }, "valorNominal"},
		{"valorNominal 2.49", func(b map[string]any) { b["valorNominal"] = 2.49 }, "valorNominal"},
		{"valorNominal above max", func(b map[string]any) { b["valorNominal"] = 100000000.00 }, "valorNominal"},
		{"valorNominal 3 decimals", func(b map[string]any) { b["valorNominal"] = json.Number("10.005") }, "valorNominal"},
		{"valorNominal string", func(b map[string]any) { b["valorNominal"] = "10.00" }, "valorNominal"},
		{"dataVencimento missing", func(b map[string]any) { delete(b, "dataVencimento") }, "dataVencimento"},
		{"dataVencimento malformed", func(b map[string]any) { b["dataVencimento"] = "10/03/2026" }, "dataVencimento"},
		{"dataVencimento past", func(b map[string]any) { b["dataVencimento"] = today.AddDays(-1).String() }, "dataVencimento"},
		{"numDiasAgenda missing", func(b map[string]any) { delete(b, "numDiasAgenda") }, "numDiasAgenda"},
		{"numDiasAgenda 61", func(b map[string]any) { b["numDiasAgenda"] = 61 }, "numDiasAgenda"},
		{"numDiasAgenda -1", func(b map[string]any) { b["numDiasAgenda"] = -1 }, "numDiasAgenda"},
		{"numDiasAgenda fraction", func(b map[string]any) { b["numDiasAgenda"] = 1.5 }, "numDiasAgenda"},
		{"pagador missing", func(b map[string]any) { delete(b, "pagador") }, "pagador"},
		{"cpfCnpj short", func(b map[string]any) { payer(b)["cpfCnpj"] = "1234567890" }, "pagador.cpfCnpj"},
		{"cpfCnpj wrong DV", func(b map[string]any) { payer(b)["cpfCnpj"] = "12345678900" }, "pagador.cpfCnpj"},
		{"tipoPessoa unknown", func(b map[string]any) { payer(b)["tipoPessoa"] = "EMPRESA" }, "pagador.tipoPessoa"},
		{"JURIDICA with CPF", func(b map[string]any) { payer(b)["tipoPessoa"] = "JURIDICA" }, "pagador.tipoPessoa"},
		{"nome missing", func(b map[string]any) { delete(payer(b), "nome") }, "pagador.nome"},
		{"nome 101", func(b map[string]any) { payer(b)["nome"] = strings.Repeat("a", 101) }, "pagador.nome"},
		{"endereco 101", func(b map[string]any) { payer(b)["endereco"] = strings.Repeat("a", 101) }, "pagador.endereco"},
		{"bairro 61", func(b map[string]any) { payer(b)["bairro"] = strings.Repeat("a", 61) }, "pagador.bairro"},
		{"cidade missing", func(b map[string]any) { delete(payer(b), "cidade") }, "pagador.cidade"},
		{"uf unknown", func(b map[string]any) { payer(b)["uf"] = "XX" }, "pagador.uf"},
		{"uf lower case", func(b map[string]any) { payer(b)["uf"] = "mg" }, "pagador.uf"},
		{"cep 7", func(b map[string]any) { payer(b)["cep"] = "3011000" }, "pagador.cep"},
		{"cep masked", func(b map[string]any) { payer(b)["cep"] = "30110-00" }, "pagador.cep"},
		{"email 51", func(b map[string]any) { payer(b)["email"] = strings.Repeat("a", 40) + "@exemplo.br" }, "pagador.email"},
		{"ddd 3", func(b map[string]any) { payer(b)["ddd"] = "031" }, "pagador.ddd"},
		{"telefone 10", func(b map[string]any) { payer(b)["telefone"] = "9999999999" }, "pagador.telefone"},
		{"numero 11", func(b map[string]any) { payer(b)["numero"] = strings.Repeat("1", 11) }, "pagador.numero"},
		{"complemento 31", func(b map[string]any) { payer(b)["complemento"] = strings.Repeat("c", 31) }, "pagador.complemento"},
		{"mensagem linha 79", func(b map[string]any) { b["mensagem"] = map[string]any{"linha3": strings.Repeat("m", 79)} }, "mensagem.linha3"},
		{"desconto without codigo", func(b map[string]any) { b["desconto"] = map[string]any{"quantidadeDias": 0, "taxa": 1} }, "desconto.codigo"},
		{"desconto legacy code", func(b map[string]any) {
			b["desconto"] = map[string]any{"codigo": "NAOTEMDESCONTO", "quantidadeDias": 0}
		}, "desconto.codigo"},
		{"desconto without taxa", func(b map[string]any) {
			b["desconto"] = map[string]any{"codigo": "PERCENTUALDATAINFORMADA", "quantidadeDias": 0}
		}, "desconto.taxa"},
		{"desconto without dias", func(b map[string]any) {
			b["desconto"] = map[string]any{"codigo": "VALORFIXODATAINFORMADA", "valor": 1}
		}, "desconto.quantidadeDias"},
		{"desconto valor above nominal", func(b map[string]any) {
			b["desconto"] = map[string]any{"codigo": "VALORFIXODATAINFORMADA", "quantidadeDias": 0, "valor": 200}
		}, "desconto.valor"},
		{"multa without valor", func(b map[string]any) { b["multa"] = map[string]any{"codigo": "VALORFIXO", "taxa": 2} }, "multa.valor"},
		{"multa taxa 0", func(b map[string]any) { b["multa"] = map[string]any{"codigo": "PERCENTUAL", "taxa": 0} }, "multa.taxa"},
		{"mora unknown", func(b map[string]any) { b["mora"] = map[string]any{"codigo": "ISENTO"} }, "mora.codigo"},
		{"mora taxa 101", func(b map[string]any) { b["mora"] = map[string]any{"codigo": "TAXAMENSAL", "taxa": 101} }, "mora.taxa"},
		{"formas PIX alone", func(b map[string]any) { b["formasRecebimento"] = []string{"PIX"} }, "formasRecebimento"},
		{"formas sem forma + boleto", func(b map[string]any) { b["formasRecebimento"] = []string{"SEM_FORMA_PAGAMENTO", "BOLETO"} }, "formasRecebimento"},
		{"formas repeated", func(b map[string]any) { b["formasRecebimento"] = []string{"BOLETO", "BOLETO"} }, "formasRecebimento"},
		{"formas unknown", func(b map[string]any) { b["formasRecebimento"] = []string{"CARTAO"} }, "formasRecebimento"},
		{"formas empty", func(b map[string]any) { b["formasRecebimento"] = []string{} }, "formasRecebimento"},
		{"beneficiario without cep", func(b map[string]any) {
			b["beneficiarioFinal"] = map[string]any{"cpfCnpj": validCNPJ, "tipoPessoa": "JURIDICA", "nome": "B", "endereco": "R", "cidade": "C", "uf": "SP"}
		}, "beneficiarioFinal.cep"},
		{"notaFiscal chave 43", func(b map[string]any) {
			b["notaFiscal"] = map[string]any{"chaveNFe": strings.Repeat("1", 43), "numero": 1, "serie": 1, "dataEmissao": "2026-01-15"}
		}, "notaFiscal.chaveNFe"},
		{"notaFiscal chave letters", func(b map[string]any) {
			b["notaFiscal"] = map[string]any{"chaveNFe": strings.Repeat("A", 44), "numero": 1, "serie": 1, "dataEmissao": "2026-01-15"}
		}, "notaFiscal.chaveNFe"},
		{"notaFiscal without serie", func(b map[string]any) {
			b["notaFiscal"] = map[string]any{"chaveNFe": strings.Repeat("1", 44), "numero": 1, "dataEmissao": "2026-01-15"}
		}, "notaFiscal.serie"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := chargeBody(fmt.Sprintf("V%d", i), today.AddDays(10))
			tt.mut(body)
			r := a.do("POST", cobrancas, body)
			if r.status != http.StatusBadRequest || r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("%d %s %s", r.status, r.header.Get("Content-Type"), r.body)
			}
			p := r.problem(t)
			if p.Title != title400 || len(p.Violacoes) != 1 || p.Violacoes[0].Propriedade != tt.prop || p.Violacoes[0].Razao == "" {
				t.Errorf("violacoes %+v, want exactly one on %s", p.Violacoes, tt.prop)
			}
		})
	}
	// Nothing was stored.
	if r := a.do("GET", cobrancas+"?dataInicial=2026-01-01&dataFinal=2026-12-31", nil); !bytes.Contains(r.body, []byte(`"totalElementos":0`)) {
		t.Errorf("invalid charges were stored: %s", r.body)
	}

	// Several problems are reported together; bodies that are not JSON too.
	body := chargeBody("", today.AddDays(-3))
	body["numDiasAgenda"] = 99
	if p := a.do("POST", cobrancas, body).problem(t); len(p.Violacoes) != 3 {
		t.Errorf("want 3 violations, got %+v", p.Violacoes)
	}
	if r := a.do("POST", cobrancas, "{nope"); r.status != http.StatusBadRequest {
		t.Errorf("malformed JSON: %d", r.status)
	}
	if r := a.do("POST", cobrancas, ""); r.status != http.StatusBadRequest {
		t.Errorf("empty body: %d", r.status)
	}
}

func TestEmissionAcceptsValidOptionalParts(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	body := chargeBody("FULL-1", clk.today().AddDays(10))
	body["valorNominal"] = 2.5
	body["desconto"] = map[string]any{"codigo": "PERCENTUALDATAINFORMADA", "quantidadeDias": 7, "taxa": 3.335}
	body["multa"] = map[string]any{"codigo": "PERCENTUAL", "taxa": 2}
	body["mora"] = map[string]any{"codigo": "TAXAMENSAL", "taxa": 5}
	body["mensagem"] = map[string]any{"linha1": strings.Repeat("x", 78)}
	body["beneficiarioFinal"] = map[string]any{"cpfCnpj": "11.222.333/0001-81", "tipoPessoa": "JURIDICA", "nome": "Beneficiário", "endereco": "Rua A", "cidade": "BH", "uf": "MG", "cep": "30110000"}
	body["formasRecebimento"] = []string{"BOLETO", "PIX"}
	body["notaFiscal"] = map[string]any{"chaveNFe": strings.Repeat("1", 44), "numero": 31231, "serie": 910, "dataEmissao": "2026-01-15", "parcela": 1, "naturezaOperacao": "Venda"}
	body["pagador"].(map[string]any)["cpfCnpj"] = "123.456.789-09"
	r := a.do("GET", cobrancas+"/"+a.emit(body), nil)
	var raw map[string]map[string]any
	r.decode(t, &raw)
	cob := raw["cobranca"]
	descontos, _ := cob["descontos"].([]any)
	if len(descontos) != 1 || descontos[0].(map[string]any)["taxa"] != 3.34 {
		t.Errorf("descontos %v (taxa rounded to 3.34)", cob["descontos"])
	}
	if m := cob["multa"].(map[string]any); m["codigo"] != "PERCENTUAL" || m["taxa"] != 2.0 {
		t.Errorf("multa %v", m)
	}
	if raw["notaFiscal"]["chaveNFe"] != strings.Repeat("1", 44) {
		t.Errorf("notaFiscal %v", raw["notaFiscal"])
	}
	if p := cob["pagador"].(map[string]any); p["cpfCnpj"] != validCPF {
		t.Errorf("pagador %v", p)
	}
	// Without multa and mora the bank shows the legacy "none" codes.
	d := a.detail(a.emit(chargeBody("PLAIN-1", clk.today().AddDays(10))))
	if d.Cobranca.Multa["codigo"] != "NAOTEMMULTA" || d.Cobranca.Mora["codigo"] != "ISENTO" || len(d.Cobranca.Descontos) != 0 {
		t.Errorf("absent charges read back as %v %v %v", d.Cobranca.Multa, d.Cobranca.Mora, d.Cobranca.Descontos)
	}
}

func TestSameDayCutoff(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	today := clk.today()
	clk.Set(today.Time(boleto.SaoPaulo).Add(19*time.Hour + 59*time.Minute + 59*time.Second))
	a.emit(chargeBody("HOJE-1", today))
	clk.Set(today.Time(boleto.SaoPaulo).Add(20 * time.Hour))
	r := a.do("POST", cobrancas, chargeBody("HOJE-2", today))
	if r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != "dataVencimento" {
		t.Errorf("20:00 same day: %d %s", r.status, r.body)
	}
	a.emit(chargeBody("AMANHA", today.AddDays(1)))
}

func TestDuplicateWindow(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	due := clk.today().AddDays(10)
	a.emit(chargeBody("DUP-1", due))

	clk.Add(29 * time.Minute)
	r := a.do("POST", cobrancas, chargeBody("DUP-1", due))
	if r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != "seuNumero" {
		t.Fatalf("duplicate at 29 min: %d %s", r.status, r.body)
	}
	// Any of the four fields different: not a duplicate.
	other := chargeBody("DUP-1", due)
	other["valorNominal"] = 151.31
	a.emit(other)
	other = chargeBody("DUP-1", due.AddDays(1))
	a.emit(other)
	other = chargeBody("DUP-1", due)
	other["pagador"].(map[string]any)["cpfCnpj"] = validCNPJ
	other["pagador"].(map[string]any)["tipoPessoa"] = "JURIDICA"
	a.emit(other)

	clk.Add(2 * time.Minute) // 31 min after the first
	a.emit(chargeBody("DUP-1", due))
}

func TestLateAndExpiredByClock(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{})
	a := newAPI(t, s)
	due := clk.today().AddDays(2)
	body := chargeBody("AGENDA-5", due)
	body["numDiasAgenda"] = 5
	code := a.emit(body)
	body = chargeBody("AGENDA-0", due)
	body["numDiasAgenda"] = 0
	code0 := a.emit(body)

	clk.Set(due.Time(boleto.SaoPaulo).Add(23 * time.Hour))
	if d := a.detail(code); d.Cobranca.Situacao != sitAReceber {
		t.Errorf("on the due date: %s", d.Cobranca.Situacao)
	}
	clk.Set(due.AddDays(1).Time(boleto.SaoPaulo).Add(time.Hour))
	if d := a.detail(code); d.Cobranca.Situacao != sitAtrasado || d.Cobranca.DataSituacao != due.AddDays(1).String() {
		t.Errorf("the day after: %s %s", d.Cobranca.Situacao, d.Cobranca.DataSituacao)
	}
	if d := a.detail(code0); d.Cobranca.Situacao != sitExpirado {
		t.Errorf("numDiasAgenda 0, the day after: %s", d.Cobranca.Situacao)
	}
	clk.Set(due.AddDays(5).Time(boleto.SaoPaulo).Add(12 * time.Hour))
	if d := a.detail(code); d.Cobranca.Situacao != sitAtrasado {
		t.Errorf("last day of the agenda: %s", d.Cobranca.Situacao)
	}
	clk.Set(due.AddDays(6).Time(boleto.SaoPaulo))
	if d := a.detail(code); d.Cobranca.Situacao != sitExpirado || d.Cobranca.DataSituacao != due.AddDays(6).String() {
		t.Errorf("after the agenda: %s %s", d.Cobranca.Situacao, d.Cobranca.DataSituacao)
	}
	if r := a.do("POST", cobrancas+"/"+code+"/pagar", map[string]string{"pagarCom": "BOLETO"}); r.status != http.StatusBadRequest {
		t.Errorf("paying an expired charge: %d", r.status)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Faults: Faults{Processing: time.Minute}})
	a := newAPI(t, s)
	code := a.emit(chargeBody("CANC-1", clk.today().AddDays(5)))
	path := cobrancas + "/" + code + "/cancelar"

	if r := a.do("POST", path, map[string]string{"motivoCancelamento": "cedo demais"}); r.status != http.StatusBadRequest {
		t.Errorf("cancel while processing: %d %s", r.status, r.body)
	}
	clk.Add(time.Minute)
	for _, bad := range []any{map[string]string{}, map[string]string{"motivoCancelamento": strings.Repeat("m", 51)}} {
		if r := a.do("POST", path, bad); r.status != http.StatusBadRequest || r.problem(t).Violacoes[0].Propriedade != "motivoCancelamento" {
			t.Errorf("motivo %v: %d %s", bad, r.status, r.body)
		}
	}
	r := a.do("POST", path, map[string]string{"motivoCancelamento": strings.Repeat("m", 50)})
	if r.status != http.StatusAccepted || len(r.body) != 0 {
		t.Fatalf("cancel: %d %q", r.status, r.body)
	}
	d := a.detail(code)
	if d.Cobranca.Situacao != sitCancelado || d.Cobranca.MotivoCancelamento != strings.Repeat("m", 50) {
		t.Errorf("after cancel: %+v", d.Cobranca)
	}
	if r := a.do("POST", path, map[string]string{"motivoCancelamento": "de novo"}); r.status != http.StatusBadRequest {
		t.Errorf("second cancel: %d", r.status)
	}
	if r := a.do("POST", cobrancas+"/"+newUUID()+"/cancelar", map[string]string{"motivoCancelamento": "x"}); r.status != http.StatusNotFound {
		t.Errorf("unknown code: %d", r.status)
	}
	if r := a.do("POST", cobrancas+"/nao-uuid/cancelar", map[string]string{"motivoCancelamento": "x"}); r.status != http.StatusBadRequest {
		t.Errorf("non-UUID code: %d", r.status)
	}
}

func TestSandboxPay(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Profile: ProfileSandbox})
	a := newAPI(t, s)
	due := clk.today().AddDays(10)

	// Paid 8 days early with a 7-day 3% discount, by Pix.
	body := chargeBody("PAY-DESC", due)
	body["desconto"] = map[string]any{"codigo": "PERCENTUALDATAINFORMADA", "quantidadeDias": 7, "taxa": 3}
	early := a.emit(body)
	r := a.do("POST", cobrancas+"/"+early+"/pagar", map[string]string{"pagarCom": "PIX"})
	if r.status != http.StatusNoContent {
		t.Fatalf("pay: %d %s", r.status, r.body)
	}
	want := boleto.AmountDue(15130, due, clk.today(), boleto.Charges{AgendaDays: 30,
		Discount: &boleto.Discount{Code: boleto.DiscountPercent, Rate: 300, DaysBefore: 7}})
	d := a.detail(early)
	if d.Cobranca.Situacao != sitRecebido || d.Cobranca.ValorTotalRecebido != want.Total.Decimal() || d.Cobranca.OrigemRecebimento != "PIX" ||
		d.Cobranca.DataSituacao != clk.today().String() || want.Discount == 0 {
		t.Errorf("paid early: %+v, want %s", d.Cobranca, want.Total.Decimal())
	}

	// Paid 12 days late with 2% fine and 1% a month, by boleto.
	body = chargeBody("PAY-LATE", due)
	body["multa"] = map[string]any{"codigo": "PERCENTUAL", "taxa": 2}
	body["mora"] = map[string]any{"codigo": "TAXAMENSAL", "taxa": 1}
	late := a.emit(body)
	clk.Set(due.AddDays(12).Time(boleto.SaoPaulo).Add(9 * time.Hour))
	if d := a.detail(late); d.Cobranca.Situacao != sitAtrasado {
		t.Fatalf("before paying late: %s", d.Cobranca.Situacao)
	}
	if r := a.do("POST", cobrancas+"/"+late+"/pagar", map[string]string{"pagarCom": "BOLETO"}); r.status != http.StatusNoContent {
		t.Fatalf("pay late: %d %s", r.status, r.body)
	}
	want = boleto.AmountDue(15130, due, clk.today(), boleto.Charges{AgendaDays: 30,
		Fine:     &boleto.Fine{Code: boleto.FinePercent, Rate: 200},
		Interest: &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100}})
	d = a.detail(late)
	if d.Cobranca.Situacao != sitRecebido || d.Cobranca.ValorTotalRecebido != want.Total.Decimal() || d.Cobranca.OrigemRecebimento != "BOLETO" ||
		want.Fine == 0 || want.Interest == 0 {
		t.Errorf("paid late: %+v, want %+v", d.Cobranca, want)
	}

	// Paying twice, or with a method the charge lacks, is refused.
	if r := a.do("POST", cobrancas+"/"+late+"/pagar", map[string]string{"pagarCom": "BOLETO"}); r.status != http.StatusBadRequest {
		t.Errorf("second payment: %d", r.status)
	}
	body = chargeBody("PAY-NOPIX", clk.today().AddDays(3))
	body["formasRecebimento"] = []string{"BOLETO"}
	noPix := a.emit(body)
	if r := a.do("POST", cobrancas+"/"+noPix+"/pagar", map[string]string{"pagarCom": "PIX"}); r.status != http.StatusBadRequest {
		t.Errorf("PIX on a boleto-only charge: %d", r.status)
	}
	if r := a.do("POST", cobrancas+"/"+noPix+"/pagar", map[string]string{"pagarCom": "DINHEIRO"}); r.status != http.StatusBadRequest {
		t.Errorf("unknown pagarCom: %d", r.status)
	}

	// Production has no /pagar.
	p, clkP := startSim(t, Config{Profile: ProfileProduction})
	ap := newAPI(t, p)
	code := ap.emit(chargeBody("PROD-1", clkP.today().AddDays(3)))
	if r := ap.do("POST", cobrancas+"/"+code+"/pagar", map[string]string{"pagarCom": "BOLETO"}); r.status != http.StatusNotFound {
		t.Errorf("pagar in production: %d", r.status)
	}
}

func TestEdit(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Faults: Faults{Processing: 10 * time.Second}})
	a := newAPI(t, s)
	due := clk.today().AddDays(10)
	code := a.emit(chargeBody("EDIT-1", due))
	if r := a.do("PATCH", cobrancas+"/"+code, map[string]any{"valorNominal": 200}); r.status != http.StatusBadRequest {
		t.Errorf("edit while processing: %d", r.status)
	}
	clk.Add(10 * time.Second)
	before := a.detail(code)

	for _, bad := range []map[string]any{{}, {"valorNominal": 1}, {"dataVencimento": clk.today().AddDays(-1).String()}} {
		if r := a.do("PATCH", cobrancas+"/"+code, bad); r.status != http.StatusBadRequest {
			t.Errorf("edit %v: %d", bad, r.status)
		}
	}
	newDue := due.AddDays(5)
	r := a.do("PATCH", cobrancas+"/"+code, map[string]any{"valorNominal": 200, "dataVencimento": newDue.String()})
	var out struct{ Status, Mensagem, CodigoEdicao string }
	r.decode(t, &out)
	if r.status != http.StatusOK || out.Status != "PROCESSANDO" || !isUUID(out.CodigoEdicao) {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	status := func() string {
		var st struct{ Status string }
		a.do("GET", cobrancas+"/edicao/"+out.CodigoEdicao, nil).decode(t, &st)
		return st.Status
	}
	if st := status(); st != "PROCESSANDO" {
		t.Errorf("edit status right away: %s", st)
	}
	if d := a.detail(code); d.Cobranca.ValorNominal.String() != "151.30" {
		t.Errorf("edit visible before processing: %s", d.Cobranca.ValorNominal)
	}
	clk.Add(10 * time.Second)
	if st := status(); st != "SUCESSO" {
		t.Errorf("edit status after processing: %s", st)
	}
	d := a.detail(code)
	dec, err := boleto.Decode(d.Boleto.CodigoBarras, clk.today())
	if d.Cobranca.ValorNominal.String() != "200.00" || d.Cobranca.DataVencimento != newDue.String() || err != nil ||
		dec.Amount != 20000 || dec.DueDate != newDue || d.Boleto.NossoNumero != before.Boleto.NossoNumero {
		t.Errorf("after edit: %+v %+v %v", d.Cobranca, dec, err)
	}
	if pc, err := pix.Parse(d.Pix.PixCopiaECola); err != nil || *pc.AmountCents != 20000 {
		t.Errorf("pix after edit: %v", err)
	}
	if r := a.do("GET", cobrancas+"/edicao/"+newUUID(), nil); r.status != http.StatusNotFound {
		t.Errorf("unknown edit: %d", r.status)
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	s, clk := startSim(t, Config{Faults: Faults{Processing: time.Second}})
	a := newAPI(t, s)
	code := a.emit(chargeBody("PDF-1", clk.today().AddDays(3)))
	if r := a.do("GET", cobrancas+"/"+code+"/pdf", nil); r.status != http.StatusBadRequest {
		t.Errorf("pdf while processing: %d", r.status)
	}
	clk.Add(time.Second)
	req, _ := http.NewRequest("GET", a.cr.BaseURL+cobrancas+"/"+code+"/pdf", nil)
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Accept", "application/pdf")
	resp, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ PDF string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("pdf answer: %v %s", err, resp.Header.Get("Content-Type"))
	}
	pdf, err := base64.StdEncoding.DecodeString(out.PDF)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Errorf("not a PDF: %v %q", err, pdf[:min(20, len(pdf))])
	}
}

func TestPlainPDFShowsLinha(t *testing.T) {
	t.Parallel()
	ch := &charge{
		CodigoSolicitacao: newUUID(), NossoNumero: "00815936556",
		CodigoBarras:   "07797900200000151300001112064449900815936556",
		LinhaDigitavel: "07790001161206444990808159365561790020000015130",
		Request: emission{SeuNumero: "X(1)", ValorNominal: 15130, DataVencimento: boleto.Date{Year: 2022, Month: time.May, Day: 31},
			Pagador: person{Nome: "José Ação", CpfCnpj: validCPF, Cep: "30110000"}},
	}
	id := identity{Conta: "123456789", Operacao: "0644499"}
	pdf, err := renderPDF(ch, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"%PDF-1.4", "07790.00116 12064.449908 08159.365561 7 90020000015130", `X\(1\)`, `Jos\351 A\347\343o`, "startxref", "%%EOF"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("plain PDF lacks %q", want)
		}
	}
	// The xref offsets point at the objects.
	for i := 1; i <= 5; i++ {
		if !bytes.Contains(pdf, []byte(fmt.Sprintf("%d 0 obj", i))) {
			t.Errorf("object %d missing", i)
		}
	}
	if font := loadFont(); font != nil {
		out, err := renderPDF(ch, id, font)
		if err != nil || !bytes.HasPrefix(out, []byte("%PDF")) || bytes.Equal(out, pdf) {
			t.Errorf("gopdf rendering: %v", err)
		}
	}
}
