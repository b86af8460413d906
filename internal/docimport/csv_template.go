package docimport

import (
	"bytes"
	"encoding/csv"
)

// CSVTemplate returns the spreadsheet model users download to fill in: UTF-8
// with a byte order mark (so Excel shows the accents), ";" between the cells
// (what Excel in Portuguese expects), CRLF line ends, the header naming
// every column ReadCSV reads, and three example documents. ReadCSV reads it
// back without errors.
func CSVTemplate() []byte {
	// The header with every column ReadCSV knows, in the order of its
	// documentation, then three examples: a sale paid with one boleto, an
	// order in three installments (one row each, with a complemento holding
	// the separator, so quoted) and a service order paid in a down payment
	// plus ten monthly installments (one row).
	rows := [][]string{
		{
			"tipo", "numero", "serie", "emissao", "pagador_nome", "pagador_documento", "email", "telefone",
			"logradouro", "numero_endereco", "complemento", "bairro", "cidade", "uf", "cep",
			"valor", "vencimento", "parcela", "parcelas", "primeiro_vencimento", "intervalo", "entrada", "vencimento_entrada",
		},
		{
			"venda", "1001", "", "05/01/2027", "Maria da Silva", "529.982.247-25", "maria@exemplo.com.br", "(11) 98765-4321",
			"Rua das Flores", "123", "Apto 4", "Centro", "São Paulo", "SP", "01310-100",
			"150,00", "10/02/2027", "", "", "", "", "", "",
		},
		{
			"pedido", "2001", "1", "05/01/2027", "Comércio Exemplo Ltda", "11.222.333/0001-81", "financeiro@exemplo.com.br", "(21) 3333-4444",
			"Avenida Atlântica", "1000", "Bloco B; sala 201", "Copacabana", "Rio de Janeiro", "RJ", "22021-001",
			"333,34", "10/02/2027", "1", "", "", "", "", "",
		},
		{
			"pedido", "2001", "1", "05/01/2027", "Comércio Exemplo Ltda", "11.222.333/0001-81", "financeiro@exemplo.com.br", "(21) 3333-4444",
			"Avenida Atlântica", "1000", "Bloco B; sala 201", "Copacabana", "Rio de Janeiro", "RJ", "22021-001",
			"333,33", "10/03/2027", "2", "", "", "", "", "",
		},
		{
			"pedido", "2001", "1", "05/01/2027", "Comércio Exemplo Ltda", "11.222.333/0001-81", "financeiro@exemplo.com.br", "(21) 3333-4444",
			"Avenida Atlântica", "1000", "Bloco B; sala 201", "Copacabana", "Rio de Janeiro", "RJ", "22021-001",
			"333,33", "10/04/2027", "3", "", "", "", "", "",
		},
		{
			"os", "3001", "", "05/01/2027", "João Pereira", "111.444.777-35", "joao@exemplo.com.br", "(31) 99876-5432",
			"Rua da Bahia", "500", "", "Centro", "Belo Horizonte", "MG", "30160-011",
			"1.234,56", "", "", "10", "15/02/2027", "mensal", "234,56", "20/01/2027",
		},
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	// Writing to a bytes.Buffer cannot fail, and the rows are fixed.
	_ = w.WriteAll(rows)
	return buf.Bytes()
}
