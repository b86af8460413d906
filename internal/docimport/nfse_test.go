package docimport

import (
	"reflect"
	"strings"
	"testing"

	"boletos/internal/boleto"
)

func TestNFSeABRASF100EscapedInSOAP(t *testing.T) {
	t.Parallel()
	got := readOne(t, "nfse_abrasf100_soap.xml")
	want := Document{
		File: "nfse_abrasf100_soap.xml", Format: FormatNFSe, Kind: KindNFSe, Number: "202600000000123",
		IssueDate: day(t, "2026-03-05"), Total: 197000,
		Payer: boleto.Payer{Document: "11444777000161", Name: "Comércio de Ferragens Boa Vista Ltda", Address: "Avenida Paulista",
			Number: "1000", Complement: "Conj. 101", District: "Bela Vista", City: "São Paulo", UF: "SP", CEP: "01310100",
			Email: "ti@boavista.com.br", DDD: "11", Phone: "30304040"},
		Installments: []Installment{{Number: "1", Seq: 1, Amount: 197000}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestNFSeABRASF203List(t *testing.T) {
	t.Parallel()
	docs := readString(t, "lista.xml", string(fixture(t, "nfse_abrasf203_tomador.xml")))
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	first := boleto.Payer{Document: "52998224725", Name: "Maria José da Silva", Address: "Rua Padre Anchieta", Number: "2050",
		District: "Bigorrilho", City: "Curitiba", UF: "PR", CEP: "80730000", Email: "maria@example.com", DDD: "41", Phone: "988887777"}
	if docs[0].Payer != first || docs[0].Number != "501" || docs[0].Total != 100000 ||
		!reflect.DeepEqual(docs[0].Installments, []Installment{{Number: "1", Seq: 1, Amount: 100000}}) {
		t.Errorf("first: %+v", docs[0])
	}
	if len(docs[0].Warnings) != 0 || len(docs[0].Errors) != 0 {
		t.Errorf("first: warnings %q errors %q", docs[0].Warnings, docs[0].Errors)
	}
	// Without ValorLiquidoNfse the service value is used, with a warning;
	// without Uf the UF comes from the IBGE code, as the city does.
	d := docs[1]
	if d.Total != 45000 || d.Payer.UF != "PR" || d.Payer.City != "Curitiba" || d.Payer.Document != "98765432000198" || d.Installments[0].Amount != 45000 {
		t.Errorf("second: %+v", d)
	}
	wantMessage(t, "warning", d.Warnings, "NFS-e 502", "ValorLiquidoNfse", "ValorServicos, R$ 450,00")
}

func TestNFSeABRASF204Prefixed(t *testing.T) {
	t.Parallel()
	d := readOne(t, "nfse_abrasf204_tipos.xml")
	want := boleto.Payer{Document: "33445566000186", Name: "Condomínio Edifício Primavera", Address: "Rua Dom Pedro II", Number: "45",
		Complement: "Portaria", District: "Vila Galvão", City: "Guarulhos", UF: "SP", CEP: "07071000", Email: "sindico@primavera.example.com", DDD: "11", Phone: "24681357"}
	if d.Payer != want || d.Number != "3001" || d.Total != 75250 || d.IssueDate != day(t, "2026-03-04") || len(d.Errors) > 0 || len(d.Warnings) > 0 {
		t.Errorf("got %+v", d)
	}
}

// ABRASF and the national layout name the tomador's city only by its IBGE
// code; the city comes from IBGE's table, or is left for the clerk.
func TestNFSeCityFromIBGECode(t *testing.T) {
	t.Parallel()
	const (
		abrasf, nacional = "nfse_abrasf204_tipos.xml", "nfse_nacional.xml"
		// The tomador's address in each (Guarulhos, Florianópolis).
		abrasfEnd   = "<tipos:CodigoMunicipio>3518800</tipos:CodigoMunicipio><tipos:Uf>SP</tipos:Uf><tipos:Cep>07071000</tipos:Cep>"
		nacionalEnd = "<cMun>4205407</cMun><CEP>88010001</CEP>"
	)
	tests := []struct {
		name, file, old, new string
		city, uf             string
		warning              []string // parts of the one warning expected, if any
	}{
		{"abrasf unknown code", abrasf, abrasfEnd,
			"<tipos:CodigoMunicipio>3599999</tipos:CodigoMunicipio><tipos:Uf>SP</tipos:Uf><tipos:Cep>07071000</tipos:Cep>",
			"", "SP", []string{"tomador da NFS-e 3001 traz só o código IBGE do município (CodigoMunicipio 3599999)", "complete a cidade antes de emitir"}},
		{"abrasf code with spaces", abrasf, abrasfEnd,
			"<tipos:CodigoMunicipio> 3518800 </tipos:CodigoMunicipio><tipos:Uf>SP</tipos:Uf><tipos:Cep>07071000</tipos:Cep>",
			"Guarulhos", "SP", nil},
		{"abrasf without Uf", abrasf, abrasfEnd,
			"<tipos:CodigoMunicipio>4122404</tipos:CodigoMunicipio><tipos:Cep>86600000</tipos:Cep>",
			"Rolândia", "PR", nil},
		{"abrasf Uf disagrees with the code", abrasf, abrasfEnd,
			"<tipos:CodigoMunicipio>3518800</tipos:CodigoMunicipio><tipos:Uf>rj</tipos:Uf><tipos:Cep>20040002</tipos:Cep>",
			"Guarulhos", "RJ", []string{"pagador da NFS-e 3001 traz a UF RJ, mas o código IBGE do município (CodigoMunicipio 3518800) é de Guarulhos/SP",
				"a UF RJ foi mantida, confira cidade e UF"}},
		{"abrasf name beside the code", abrasf, abrasfEnd,
			"<tipos:CodigoMunicipio>3518800</tipos:CodigoMunicipio><tipos:Cidade>GUARULHOS</tipos:Cidade><tipos:Uf>SP</tipos:Uf><tipos:Cep>07071000</tipos:Cep>",
			"GUARULHOS", "SP", nil},
		{"nacional unknown code", nacional, nacionalEnd, "<cMun>4299999</cMun><CEP>88010001</CEP>",
			"", "SC", []string{"não traz o nome da cidade do tomador, só o código IBGE 4299999; complete a cidade antes de emitir"}},
		{"nacional code not 7 digits", nacional, nacionalEnd, "<cMun>420540</cMun><CEP>88010001</CEP>",
			"", "SC", []string{"só o código IBGE 420540;"}},
		{"nacional Brasília", nacional, nacionalEnd, "<cMun>5300108</cMun><CEP>70040010</CEP>",
			"Brasília", "DF", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := readEdited(t, tt.file, tt.old, tt.new)
			if d.Payer.City != tt.city || d.Payer.UF != tt.uf || len(d.Errors) > 0 {
				t.Errorf("city %q, UF %q, errors %q; want %q, %q", d.Payer.City, d.Payer.UF, d.Errors, tt.city, tt.uf)
			}
			if tt.warning == nil {
				if len(d.Warnings) > 0 {
					t.Errorf("warnings %q", d.Warnings)
				}
				return
			}
			if len(d.Warnings) != 1 {
				t.Errorf("%d warnings, want 1: %q", len(d.Warnings), d.Warnings)
			}
			wantMessage(t, "warning", d.Warnings, tt.warning...)
		})
	}
}

func TestNFSeNacional(t *testing.T) {
	t.Parallel()
	got := readOne(t, "nfse_nacional.xml")
	want := Document{
		File: "nfse_nacional.xml", Format: FormatNFSe, Kind: KindNFSe, Number: "42",
		IssueDate: day(t, "2026-03-10"), Total: 118000,
		Payer: boleto.Payer{Document: "77889900000166", Name: "Destinatário Comércio Ltda", Address: "Rua Felipe Schmidt",
			Number: "321", Complement: "Sala 2", District: "Centro", City: "Florianópolis", UF: "SC", CEP: "88010001",
			Email: "contas@destinatario.com.br", DDD: "48", Phone: "32223344"},
		Installments: []Installment{{Number: "1", Seq: 1, Amount: 118000}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	// Without namespace, without address and without vLiq.
	d := readOne(t, "nfse_nacional_nons.xml")
	if d.Payer != (boleto.Payer{Document: "11144477735", Name: "João Carlos de Souza", Email: "joao@example.com"}) ||
		d.Total != 35000 || d.Number != "77" || len(d.Errors) > 0 {
		t.Errorf("no namespace: %+v", d)
	}
	wantMessage(t, "warning", d.Warnings, "NFS-e 77 não traz o endereço do tomador")
	wantMessage(t, "warning", d.Warnings, "valores/vLiq", "vServ, R$ 350,00")
	if len(d.Warnings) != 2 {
		t.Errorf("the missing address is warned once, not field by field: %q", d.Warnings)
	}
}

func TestNFSeNacionalVariants(t *testing.T) {
	t.Parallel()
	src := string(fixture(t, "nfse_nacional.xml"))

	// The DPS alone: read with a warning that it is not yet the NFS-e.
	start, end := strings.Index(src, "<DPS "), strings.Index(src, "</DPS>")+len("</DPS>")
	dps := readString(t, "dps.xml", `<?xml version="1.0"?>`+strings.Replace(src[start:end], "<DPS ", `<DPS xmlns="http://www.sped.fazenda.gov.br/nfse" `, 1))
	if len(dps) != 1 || dps[0].Number != "42" || dps[0].Total != 120000 || dps[0].Payer.Document != "77889900000166" {
		t.Fatalf("DPS: %+v", dps)
	}
	wantMessage(t, "warning", dps[0].Warnings, "DPS 42 é a declaração")

	// A cancellation event beside the note in the same file.
	body := strings.TrimPrefix(src, `<?xml version="1.0" encoding="UTF-8"?>`)
	cancelled := readString(t, "com-evento.xml", `<arquivo>`+body+`<evento versao="1.00"><infEvento Id="EVT"><pedRegEvento versao="1.00"><infPedReg Id="PRE">
<chNFSe>41069022211222333000181000000000004226030012345678</chNFSe><e101101><xDesc>Cancelamento de NFS-e</xDesc><cMotivo>1</cMotivo></e101101>
</infPedReg></pedRegEvento></infEvento></evento></arquivo>`)
	if len(cancelled) != 1 {
		t.Fatalf("%d documents", len(cancelled))
	}
	wantMessage(t, "error", cancelled[0].Errors, "NFS-e 42 tem um evento de cancelamento (Cancelamento de NFS-e)")

	// A foreign tomador.
	foreign := readEdited(t, "nfse_nacional.xml", "<CNPJ>77889900000166</CNPJ>", "<NIF>AR30712345</NIF>")
	wantMessage(t, "error", foreign.Errors, "tomador da NFS-e 42 é estrangeiro")
}

func TestNFSeRefused(t *testing.T) {
	t.Parallel()
	d := readOne(t, "nfse_abrasf_cancelled.xml")
	wantMessage(t, "error", d.Errors, "NFS-e 777 foi cancelada", "2026-03-06T10:00:00")

	d = readEdited(t, "nfse_abrasf204_tipos.xml", "<tipos:CpfCnpj><tipos:Cnpj>33445566000186</tipos:Cnpj></tipos:CpfCnpj>", "")
	wantMessage(t, "error", d.Errors, "NFS-e 3001 não traz CNPJ nem CPF do tomador")

	d = readEdited(t, "nfse_abrasf204_tipos.xml", "<tipos:ValorLiquidoNfse>752.50</tipos:ValorLiquidoNfse>", "<tipos:ValorLiquidoNfse>abc</tipos:ValorLiquidoNfse>")
	wantMessage(t, "error", d.Errors, `"abc"`, "ValorLiquidoNfse")
}
