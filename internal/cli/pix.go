package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"boletos/internal/boleto"
	"boletos/internal/pix"
)

// pixResult is the --json answer of `boletos pix`; absent fields are null.
type pixResult struct {
	Valid        bool    `json:"valid"`
	CRC          string  `json:"crc"`
	URL          *string `json:"url"`
	Amount       *string `json:"amount"`
	MerchantName *string `json:"merchantName"`
	MerchantCity *string `json:"merchantCity"`
	PostalCode   *string `json:"postalCode"`
	TxID         *string `json:"txid"`
}

func bindPix(fs *flag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "saída em JSON")
	return func(_ context.Context, c *invocation, args []string) error {
		if len(args) != 1 {
			return usageErr{"informe o código entre aspas: boletos pix [--json] 'CÓDIGO'"}
		}
		code, err := pix.Parse(args[0])
		if err != nil {
			return reportInvalid(c, *asJSON, err)
		}
		amount := ""
		if code.AmountCents != nil {
			amount = boleto.Cents(*code.AmountCents).Decimal()
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, pixResult{
				Valid: true, CRC: code.CRC, URL: optional(code.URL), Amount: optional(amount),
				MerchantName: optional(code.MerchantName), MerchantCity: optional(code.MerchantCity),
				PostalCode: optional(code.PostalCode), TxID: optional(code.TxID),
			})
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Pix válido (CRC %s)\n", code.CRC)
		line := func(label, v string) {
			if v != "" {
				fmt.Fprintf(&b, "%-18s%s\n", label+":", v)
			}
		}
		line("Endereço (URL)", code.URL)
		line("Chave", code.Key)
		if code.AmountCents != nil {
			line("Valor", boleto.Cents(*code.AmountCents).BRL())
		}
		line("Recebedor", code.MerchantName)
		line("Cidade", code.MerchantCity)
		line("CEP", code.PostalCode)
		line("Identificador", code.TxID)
		_, err = fmt.Fprint(c.env.Stdout, b.String())
		return err
	}
}
