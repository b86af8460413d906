package docimport

import (
	"strings"
)

// cteParties maps ide/toma3/toma (toma03 in older layouts) to the group of
// the party that pays the freight and its address group.
var cteParties = map[string]struct{ group, address, noun string }{
	"0": {"rem", "enderReme", "remetente"},
	"1": {"exped", "enderExped", "expedidor"},
	"2": {"receb", "enderReceb", "recebedor"},
	"3": {"dest", "enderDest", "destinatário"},
}

// readCTe maps one CTe, CTeOS or CTeSimp element (layouts 3.00 and 4.00) to
// a document. prot is the protCTe beside it, or nil.
func readCTe(file string, cte, prot *xnode, ev events, opts Options) Document {
	inf := cte.child("infCte")
	ide := inf.child("ide")
	b := newFiscalDoc(file, FormatCTe, KindCTe)
	b.male = true
	b.Number = b.field(ide, "nCT")
	b.Series = b.field(ide, "serie")
	switch {
	case cte.name == "CTeOS" || ide.textAt("mod") == "67":
		b.what = "CT-e OS"
	case cte.name == "CTeSimp":
		b.what = "CT-e Simplificado"
	default:
		b.what = "CT-e"
	}
	if b.Number != "" {
		b.what += " " + b.Number
	}
	b.accessKey("infCte/@Id", strings.TrimPrefix(inf.attr("Id"), "CTe"), "protCTe/chCTe", prot.textAt("infProt", "chCTe"))
	b.issueDate(ide, "dhEmi", "dEmi")
	if ide.textAt("tpAmb") == "2" {
		b.warnf("%s foi emitido em ambiente de homologação (tpAmb=2) e não tem valor fiscal; use-o só para testes.", b.subject())
	}
	if ide.textAt("tpCTe") == "2" {
		b.warnf("%s é de anulação (tpCTe=2), que não costuma gerar cobrança; confira antes de emitir.", b.subject())
	}
	b.protocol(prot)
	if desc, ok := ev.cancelled[b.AccessKey]; ok && b.AccessKey != "" {
		b.failf("%s tem um evento de cancelamento (%s) neste arquivo; não emita boleto para ele.", b.subject(), desc)
	}

	cteTaker(b, inf, ide)

	// CT-e and CT-e OS: vPrest/{vTPrest,vRec}; Simplificado: total/{vTPrest,vTRec}.
	vT, _ := b.amount(inf, "vPrest", "vTPrest")
	vRec, hasRec := b.amount(inf, "vPrest", "vRec")
	if inf.child("vPrest") == nil {
		vT, _ = b.amount(inf, "total", "vTPrest")
		vRec, hasRec = b.amount(inf, "total", "vTRec")
	}
	total, totalLabel := vT, "valor total da prestação (vTPrest)"
	if hasRec && vRec > 0 {
		total, totalLabel = vRec, "valor a receber (vRec)"
	}
	cobr := inf.at("infCTeNorm", "cobr")
	if cobr == nil {
		cobr = inf.child("cobr") // CT-e Simplificado
	}
	if vLiq, ok := b.amount(cobr, "fat", "vLiq"); ok {
		total, totalLabel = vLiq, "valor líquido da fatura (cobr/fat/vLiq)"
	}
	b.Total = total
	if dups := cobr.children("dup"); len(dups) > 0 {
		b.dupInstallments(dups, opts)
		b.checkSum(total, totalLabel)
	} else {
		b.single(total, "vTPrest")
	}
	return b.finish()
}

// cteTaker fills the payer from the tomador do serviço: infCte/toma in the
// CT-e OS and Simplificado, ide/toma4 ("outros"), or the party ide/toma3
// points at.
func cteTaker(b *fiscalDoc, inf, ide *xnode) {
	var party, ender *xnode
	if t := inf.child("toma"); t != nil && len(t.kids) > 0 {
		party, ender = t, t.child("enderToma")
	} else if t4 := ide.child("toma4"); t4 != nil {
		party, ender = t4, t4.child("enderToma")
	} else {
		t3 := ide.child("toma3")
		if t3 == nil {
			t3 = ide.child("toma03")
		}
		if t3 == nil {
			b.failf("%s não indica o tomador do serviço (ide/toma3 ou ide/toma4), então não há a quem cobrar; crie o boleto manualmente.", b.subject())
			return
		}
		code := t3.textAt("toma")
		p, ok := cteParties[code]
		if !ok {
			b.failf("%s indica o tomador com o código %q (%s/toma), que não é 0, 1, 2 nem 3; corrija o XML ou crie o boleto manualmente.", b.subject(), code, t3.name)
			return
		}
		party = inf.child(p.group)
		if party == nil {
			b.failf("%s indica o %s como tomador (toma=%s), mas não traz o grupo %s; corrija o XML ou crie o boleto manualmente.", b.subject(), p.noun, code, p.group)
			return
		}
		ender = party.child(p.address)
	}
	b.Payer.Name = b.field(party, "xNome")
	b.setTEndereco(ender)
	b.setPhone(b.field(party, "fone"))
	b.setEmail(b.field(party, "email"))
	if party.child("idEstrangeiro") != nil || b.Payer.UF == "EX" {
		b.failf("O tomador %s fica no exterior (UF EX); boleto só pode ser emitido para pagador com CPF ou CNPJ e endereço no Brasil, cobre por outro meio.", b.of())
		return
	}
	b.payerDocument(party, []string{"CNPJ"}, []string{"CPF"}, "do tomador")
}
