package docimport

import "strings"

// NFS-e carry no due date (neither ABRASF nor the national layout has
// duplicatas): each gives one installment without DueDate, and the caller
// applies the account's payment term.

// readABRASF maps one CompNfse (or a bare Nfse) of the ABRASF layouts 1.00
// and 2.0x to a document.
func readABRASF(file string, comp *xnode, opts Options) Document {
	nfse := comp
	if comp.name == "CompNfse" {
		nfse = comp.child("Nfse")
	}
	inf := nfse.child("InfNfse")
	b := newFiscalDoc(file, FormatNFSe, KindNFSe)
	b.Number = b.field(inf, "Numero")
	b.what = "NFS-e"
	if b.Number != "" {
		b.what += " " + b.Number
	}
	if inf == nil {
		b.failf("%s não tem o grupo InfNfse com os dados da nota; baixe o XML da NFS-e de novo no site da prefeitura.", b.subject())
		return b.finish()
	}
	b.issueDate(inf, "DataEmissao")
	if c := comp.child("NfseCancelamento"); c != nil {
		when := c.findText("DataHora")
		if when == "" {
			when = "data não informada"
		}
		b.failf("%s foi cancelada (NfseCancelamento, %s); não emita boleto para ela.", b.subject(), when)
	}
	if s := comp.child("NfseSubstituicao"); s != nil {
		by := s.findText("NfseSubstituidora")
		if by != "" && by != b.Number {
			b.warnf("%s foi substituída pela NFS-e %s; confira se deve cobrar esta ou a nova.", b.subject(), by)
		}
	}

	// 1.00 names the buyer TomadorServico in InfNfse; 2.01–2.03 Tomador and
	// 2.04 TomadorServico inside DeclaracaoPrestacaoServico.
	tom := inf.find("TomadorServico")
	if tom == nil {
		tom = inf.find("Tomador")
	}
	abrasfTaker(b, tom)

	if liq := inf.find("ValorLiquidoNfse"); liq != nil && liq.text != "" {
		b.Total, _ = b.amount(liq)
	} else if serv := inf.find("ValorServicos"); serv != nil && serv.text != "" {
		if v, ok := b.amount(serv); ok {
			b.Total = v
			b.warnf("%s não traz o valor líquido (ValorLiquidoNfse); foi usado o valor dos serviços (ValorServicos, %s), confira se há retenções a descontar.", b.subject(), v.BRL())
		}
	}
	b.single(b.Total, "ValorLiquidoNfse")
	return b.finish()
}

// abrasfTaker fills the payer from tcDadosTomador.
func abrasfTaker(b *fiscalDoc, tom *xnode) {
	if tom == nil {
		b.failf("%s não identifica o tomador do serviço (Tomador ou TomadorServico), então não há a quem cobrar; crie o boleto manualmente.", b.subject())
		return
	}
	b.Payer.Name = b.field(tom, "RazaoSocial")
	if e := tom.child("Endereco"); e != nil {
		p := &b.Payer
		p.Address = b.field(e, "Endereco")
		p.Number = b.field(e, "Numero")
		p.Complement = b.field(e, "Complemento")
		p.District = b.field(e, "Bairro")
		p.UF = strings.ToUpper(b.field(e, "Uf"))
		code := b.field(e, "CodigoMunicipio")
		if p.UF == "" {
			p.UF = ufFromIBGE(code)
		}
		// ABRASF carries only the IBGE code of the city, named from IBGE's
		// table; a few providers add the name.
		for _, name := range []string{"Cidade", "NomeMunicipio", "xMun", "Municipio"} {
			if v := b.field(e, name); v != "" && asciiDigitsOf(v) != v {
				p.City = v
				break
			}
		}
		if p.City == "" && code != "" && !b.cityFromIBGE(code, "CodigoMunicipio") {
			b.warnf("O endereço do tomador %s traz só o código IBGE do município (CodigoMunicipio %s), não o nome da cidade; complete a cidade antes de emitir.", b.of(), code)
			b.skipPayerFields["pagador.cidade"] = true
		}
		b.setCEP(b.field(e, "Cep"))
	}
	contact := tom.child("Contato")
	b.setPhone(b.field(contact, "Telefone"))
	b.setEmail(b.field(contact, "Email"))
	if tom.child("NifTomador") != nil || tom.child("EnderecoExterior") != nil {
		b.failf("O tomador %s é estrangeiro (NifTomador ou EnderecoExterior); boleto só pode ser emitido para pagador com CPF ou CNPJ e endereço no Brasil, cobre por outro meio.", b.of())
		return
	}
	b.payerDocument(tom.child("IdentificacaoTomador"), []string{"CpfCnpj", "Cnpj"}, []string{"CpfCnpj", "Cpf"}, "do tomador")
}

// readNacional maps an NFS-e of the national layout (NFSe/infNFSe with the
// DPS inside), or a DPS alone when nfse is nil.
func readNacional(file string, nfse, dps *xnode, ev events, opts Options) Document {
	b := newFiscalDoc(file, FormatNFSe, KindNFSe)
	inf := nfse.child("infNFSe")
	infDPS := dps.child("infDPS")
	if nfse != nil {
		b.Number = b.field(inf, "nNFSe")
		b.what = "NFS-e"
	} else {
		b.Number = b.field(infDPS, "nDPS")
		b.what = "DPS"
	}
	if b.Number != "" {
		b.what += " " + b.Number
	}
	if nfse == nil {
		b.warnf("%s é a declaração de prestação de serviço enviada para gerar a NFS-e, não a nota; confira se a NFS-e foi mesmo gerada antes de cobrar.", b.subject())
	}
	b.issueDate(inf, "dhProc")
	if b.IssueDate.IsZero() {
		b.issueDate(infDPS, "dhEmi")
	}
	if infDPS.textAt("tpAmb") == "2" {
		b.warnf("%s foi emitida em ambiente de homologação (tpAmb=2) e não tem valor fiscal; use-a só para testes.", b.subject())
	}
	if key := strings.TrimPrefix(inf.attr("Id"), "NFS"); key != "" {
		if desc, ok := ev.cancelled[key]; ok {
			b.failf("%s tem um evento de cancelamento (%s) neste arquivo; não emita boleto para ela.", b.subject(), desc)
		}
	}

	nacionalTaker(b, infDPS.child("toma"))

	if v, ok := b.amount(inf, "valores", "vLiq"); ok {
		b.Total = v
	} else if v, ok := b.amount(infDPS, "valores", "vServPrest", "vServ"); ok {
		b.Total = v
		if nfse != nil {
			b.warnf("%s não traz o valor líquido (valores/vLiq); foi usado o valor do serviço (vServ, %s), confira se há retenções a descontar.", b.subject(), v.BRL())
		}
	}
	b.single(b.Total, "vLiq")
	return b.finish()
}

// nacionalTaker fills the payer from infDPS/toma.
func nacionalTaker(b *fiscalDoc, toma *xnode) {
	if toma == nil {
		b.failf("%s não identifica o tomador do serviço (toma), então não há a quem cobrar; crie o boleto manualmente.", b.subject())
		return
	}
	p := &b.Payer
	p.Name = b.field(toma, "xNome")
	end := toma.child("end")
	if nac := end.child("endNac"); nac != nil {
		// The national layout has no city name, only its IBGE code.
		code := b.field(nac, "cMun")
		b.setCEP(b.field(nac, "CEP"))
		if !b.cityFromIBGE(code, "cMun") {
			p.UF = ufFromIBGE(code)
			b.warnf("O layout nacional da NFS-e não traz o nome da cidade do tomador, só o código IBGE %s; complete a cidade antes de emitir.", code)
			b.skipPayerFields["pagador.cidade"] = true
		}
	}
	if end != nil {
		p.Address = b.field(end, "xLgr")
		p.Number = b.field(end, "nro")
		p.Complement = b.field(end, "xCpl")
		p.District = b.field(end, "xBairro")
	} else {
		b.warnf("%s não traz o endereço do tomador; complete endereço, cidade, UF e CEP antes de emitir.", b.subject())
		for _, f := range []string{"endereco", "bairro", "cidade", "uf", "cep"} {
			b.skipPayerFields["pagador."+f] = true
		}
	}
	b.setPhone(b.field(toma, "fone"))
	b.setEmail(b.field(toma, "email"))
	if toma.child("NIF") != nil || toma.child("cNaoNIF") != nil || end.child("endExt") != nil {
		b.failf("O tomador %s é estrangeiro (NIF ou endereço no exterior); boleto só pode ser emitido para pagador com CPF ou CNPJ e endereço no Brasil, cobre por outro meio.", b.of())
		return
	}
	b.payerDocument(toma, []string{"CNPJ"}, []string{"CPF"}, "do tomador")
}
