package docimport

import (
	"reflect"
	"testing"

	"boletos/internal/boleto"
)

func TestCTeTomador(t *testing.T) {
	t.Parallel()
	tests := []struct {
		toma  string
		payer boleto.Payer
	}{
		{"0", boleto.Payer{Document: "33445566000186", Name: "Remetente Indústria Ltda", Address: "Rua Marechal Deodoro", Number: "500",
			District: "Centro", City: "Curitiba", UF: "PR", CEP: "80010010", Email: "fiscal@remetente.com.br", DDD: "41", Phone: "33334444"}},
		{"1", boleto.Payer{Document: "55667788000186", Name: "Expedidora Logística S.A.", Address: "Rua do Porto", Number: "12",
			Complement: "Galpão 4", District: "América", City: "Joinville", UF: "SC", CEP: "89201000", DDD: "47", Phone: "34335566"}},
		{"2", boleto.Payer{Document: "98765432100", Name: "João Pereira Recebedor", Address: "Avenida Borges de Medeiros", Number: "900",
			District: "Centro Histórico", City: "Porto Alegre", UF: "RS", CEP: "90020020", DDD: "51", Phone: "999887766"}},
		{"3", boleto.Payer{Document: "77889900000166", Name: "Destinatário Comércio Ltda", Address: "Rua Felipe Schmidt", Number: "321",
			District: "Centro", City: "Florianópolis", UF: "SC", CEP: "88010001", Email: "contas@destinatario.com.br", DDD: "48", Phone: "32223344"}},
	}
	for _, tt := range tests {
		t.Run("toma="+tt.toma, func(t *testing.T) {
			t.Parallel()
			d := readEdited(t, "cte_400_toma3.xml", "<toma3><toma>3</toma></toma3>", "<toma3><toma>"+tt.toma+"</toma></toma3>")
			if d.Payer != tt.payer {
				t.Errorf("payer\n got %+v\nwant %+v", d.Payer, tt.payer)
			}
			want := []Installment{inst(t, "001", 1, "2026-04-10", "750.00"), inst(t, "002", 2, "2026-05-10", "750.00")}
			if d.Format != FormatCTe || d.Kind != KindCTe || d.Number != "7001" || d.Series != "1" ||
				d.AccessKey != "41260311222333000181570010000070011300070019" || d.IssueDate != day(t, "2026-03-10") ||
				d.Total != 150000 || !reflect.DeepEqual(d.Installments, want) {
				t.Errorf("document %+v", d)
			}
			if len(d.Warnings)+len(d.Errors) > 0 {
				t.Errorf("warnings %q, errors %q", d.Warnings, d.Errors)
			}
		})
	}
}

func TestCTeLayouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file         string
		number       string
		payer        boleto.Payer
		total        string
		installments []Installment
	}{
		{"cte_400_toma4_nocobr.xml", "7002",
			boleto.Payer{Document: "12312312000110", Name: "Tomador Outros Serviços Ltda", Address: "Avenida Higienópolis", Number: "1500",
				Complement: "Bloco B", District: "Centro", City: "Londrina", UF: "PR", CEP: "86015010", Email: "pagar@tomador.com.br", DDD: "43", Phone: "33221100"},
			"980.50", []Installment{inst(t, "1", 1, "", "980.50")}},
		{"cte_300_toma03.xml", "7003",
			boleto.Payer{Document: "33445566000186", Name: "Remetente Indústria Ltda", Address: "Rua Marechal Deodoro", Number: "500",
				District: "Centro", City: "Curitiba", UF: "PR", CEP: "80010010", Email: "fiscal@remetente.com.br", DDD: "41", Phone: "33334444"},
			"410.00", []Installment{inst(t, "7003-1", 1, "2026-04-07", "410.00")}},
		{"cteos_400.xml", "8001",
			boleto.Payer{Document: "11444777000161", Name: "Escola Municipal Boa Vista", Address: "Rua Chile", Number: "1000",
				District: "Rebouças", City: "Curitiba", UF: "PR", CEP: "80220180", Email: "secretaria@escola.example.org", DDD: "41", Phone: "30304050"},
			"2850.00", []Installment{inst(t, "001", 1, "2026-03-31", "1425.00"), inst(t, "002", 2, "2026-04-30", "1425.00")}},
		{"ctesimp_400.xml", "9001",
			boleto.Payer{Document: "77889900000166", Name: "Destinatário Comércio Ltda", Address: "Rua Felipe Schmidt", Number: "321",
				District: "Centro", City: "Florianópolis", UF: "SC", CEP: "88010001", Email: "contas@destinatario.com.br"},
			"640.00", []Installment{inst(t, "001", 1, "2026-04-09", "640.00")}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			d := readOne(t, tt.file)
			if d.Payer != tt.payer {
				t.Errorf("payer\n got %+v\nwant %+v", d.Payer, tt.payer)
			}
			if !reflect.DeepEqual(d.Installments, tt.installments) {
				t.Errorf("installments\n got %+v\nwant %+v", d.Installments, tt.installments)
			}
			if d.Number != tt.number || d.Total.Decimal() != tt.total || d.Kind != KindCTe || len(d.AccessKey) != 44 {
				t.Errorf("number %q total %s kind %s key %q", d.Number, d.Total.Decimal(), d.Kind, d.AccessKey)
			}
			if len(d.Warnings)+len(d.Errors) > 0 {
				t.Errorf("warnings %q, errors %q", d.Warnings, d.Errors)
			}
		})
	}
}

func TestCTeRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		file, old, nw string
		parts         []string
	}{
		{"cancelled", "cte_400_toma3.xml", "<cStat>100</cStat>", "<cStat>101</cStat>", []string{"CT-e 7001 foi cancelado", "não emita boleto para ele"}},
		{"tomador abroad", "cte_400_toma3.xml", "<CEP>88010001</CEP><UF>SC</UF>", "<UF>EX</UF><cPais>0639</cPais>", []string{"tomador do CT-e 7001 fica no exterior"}},
		{"tomador group missing", "cte_300_toma03.xml", "<toma>0</toma>", "<toma>1</toma>", []string{"indica o expedidor como tomador (toma=1)", "grupo exped"}},
		{"unknown tomador code", "cte_300_toma03.xml", "<toma>0</toma>", "<toma>7</toma>", []string{`código "7"`, "toma03/toma"}},
		{"no tomador", "cte_300_toma03.xml", "<toma03><toma>0</toma></toma03>", "", []string{"não indica o tomador do serviço"}},
		{"no amount", "cte_400_toma4_nocobr.xml", "<vPrest><vTPrest>980.50</vTPrest><vRec>980.50</vRec></vPrest>", "", []string{"CT-e 7002 não tem valor a cobrar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := readEdited(t, tt.file, tt.old, tt.nw)
			wantMessage(t, "error", d.Errors, tt.parts...)
		})
	}
}
