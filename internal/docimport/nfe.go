package docimport

import "strings"

// readNFe maps one NFe element (NF-e 4.00 and 3.10, or an NFC-e) to a
// document. prot is the protNFe beside it in an nfeProc, or nil.
func readNFe(file string, nfe, prot *xnode, ev events, opts Options) Document {
	inf := nfe.child("infNFe")
	ide := inf.child("ide")
	b := newFiscalDoc(file, FormatNFe, KindNFe)
	b.Number = b.field(ide, "nNF")
	b.Series = b.field(ide, "serie")
	b.what = "NF-e"
	if ide.textAt("mod") == "65" {
		b.what = "NFC-e"
	}
	if b.Number != "" {
		b.what += " " + b.Number
	}
	b.accessKey("infNFe/@Id", strings.TrimPrefix(inf.attr("Id"), "NFe"), "protNFe/chNFe", prot.textAt("infProt", "chNFe"))
	b.issueDate(ide, "dhEmi", "dEmi")

	if ide.textAt("tpAmb") == "2" {
		b.warnf("%s foi emitida em ambiente de homologação (tpAmb=2) e não tem valor fiscal; use-a só para testes.", b.subject())
	}
	if ide.textAt("tpNF") == "0" {
		b.warnf("%s é de entrada (tpNF=0), emitida por quem recebe a mercadoria; confira se é mesmo o destinatário quem deve pagar.", b.subject())
	}
	if ide.textAt("finNFe") == "4" {
		b.warnf("%s é de devolução (finNFe=4); confira se cabe cobrar o destinatário por ela.", b.subject())
	}
	b.protocol(prot)
	if desc, ok := ev.cancelled[b.AccessKey]; ok && b.AccessKey != "" {
		b.failf("%s tem um evento de cancelamento (%s) neste arquivo; não emita boleto para ela.", b.subject(), desc)
	}

	nfeBuyer(b, inf.child("dest"))

	vNF, _ := b.amount(inf, "total", "ICMSTot", "vNF")
	cobr := inf.child("cobr")
	total, totalLabel := vNF, "valor total da nota (total/ICMSTot/vNF)"
	if vLiq, ok := b.amount(cobr, "fat", "vLiq"); ok {
		total, totalLabel = vLiq, "valor líquido da fatura (cobr/fat/vLiq)"
	}
	b.Total = total
	if dups := cobr.children("dup"); len(dups) > 0 {
		b.dupInstallments(dups, opts)
		b.checkSum(total, totalLabel)
	} else {
		b.single(total, "vNF")
		nfePayment(b, inf.child("pag"))
	}
	return b.finish()
}

// paidOrUnpaid are the pag/detPag/tPag codes that say the note was settled
// by other means, or carries no payment at all.
var paidOrUnpaid = map[string]string{
	"01": "dinheiro", "03": "cartão de crédito", "04": "cartão de débito", "16": "depósito bancário",
	"17": "Pix", "18": "transferência bancária", "90": "sem pagamento",
}

// nfePayment warns when a note without duplicatas says it was paid (or is
// not to be paid) other than by boleto.
func nfePayment(b *fiscalDoc, pag *xnode) {
	var named []string
	for _, d := range pag.children("detPag") {
		code := d.textAt("tPag")
		if code == "15" || code == "14" || code == "05" || code == "99" {
			return // boleto, duplicata, store credit or other: there is something to charge
		}
		if name, ok := paidOrUnpaid[code]; ok {
			named = append(named, name+" (tPag "+code+")")
		}
	}
	if len(named) > 0 {
		b.warnf("%s informa a forma de pagamento %s, não boleto; confira se ainda há valor a cobrar.", b.subject(), strings.Join(named, " e "))
	}
}

// nfeBuyer fills the payer from infNFe/dest.
func nfeBuyer(b *fiscalDoc, dest *xnode) {
	if dest == nil {
		b.failf("%s não tem destinatário (dest), então não há a quem cobrar; crie o boleto manualmente com os dados do cliente.", b.subject())
		return
	}
	b.Payer.Name = b.field(dest, "xNome")
	ender := dest.child("enderDest")
	b.setTEndereco(ender)
	b.setPhone(b.field(ender, "fone"))
	b.setEmail(b.field(dest, "email"))
	if dest.child("idEstrangeiro") != nil || b.Payer.UF == "EX" {
		b.failf("O destinatário %s é estrangeiro (idEstrangeiro ou UF EX); boleto só pode ser emitido para pagador com CPF ou CNPJ e endereço no Brasil, cobre por outro meio.", b.of())
		return
	}
	b.payerDocument(dest, []string{"CNPJ"}, []string{"CPF"}, "do destinatário")
}

// setTEndereco fills the payer's address from a TEndereco group (enderDest,
// enderToma, enderReme …), shared by NF-e and CT-e.
func (b *fiscalDoc) setTEndereco(e *xnode) {
	if e == nil {
		return
	}
	p := &b.Payer
	p.Address = b.field(e, "xLgr")
	p.Number = b.field(e, "nro")
	p.Complement = b.field(e, "xCpl")
	p.District = b.field(e, "xBairro")
	p.City = b.field(e, "xMun")
	p.UF = strings.ToUpper(b.field(e, "UF"))
	if p.UF == "" {
		p.UF = ufFromIBGE(e.textAt("cMun"))
	}
	if p.City == "" {
		// xMun is required, but cMun names the city too.
		b.cityFromIBGE(e.textAt("cMun"), "cMun")
	}
	if c := e.textAt("cPais"); c != "" && c != "1058" && c != "01058" {
		p.UF = "EX"
	}
	b.setCEP(b.field(e, "CEP"))
}
