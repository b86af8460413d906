package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"boletos/internal/boleto"
)

// barcodeResult is the --json answer of `boletos barcode`, in this key order.
type barcodeResult struct {
	Valid         bool    `json:"valid"`
	Bank          string  `json:"bank"`
	Barcode       string  `json:"barcode"`
	DigitableLine string  `json:"digitableLine"`
	Formatted     string  `json:"formatted"`
	DueDate       *string `json:"dueDate"`
	Amount        string  `json:"amount"`
}

type invalidResult struct {
	Valid bool   `json:"valid"`
	Error string `json:"error"`
}

func bindBarcode(fs *flag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "saída em JSON")
	refDate := fs.String("ref-date", "", "data de referência AAAA-MM-DD para decidir o ciclo do fator de vencimento (padrão: hoje)")
	return func(_ context.Context, c *invocation, args []string) error {
		if len(args) == 0 {
			return usageErr{"informe o código: boletos barcode [--json] CÓDIGO"}
		}
		ref := boleto.Today(time.Now())
		if *refDate != "" {
			d, err := boleto.ParseDate(*refDate)
			if err != nil {
				return usageErr{fmt.Sprintf("--ref-date %q inválida: use o formato AAAA-MM-DD", *refDate)}
			}
			ref = d
		}
		// A linha is often pasted with spaces and no quotes: join the words.
		d, err := boleto.Decode(strings.Join(args, " "), ref)
		if err != nil {
			return reportInvalid(c, *asJSON, err)
		}
		if *asJSON {
			res := barcodeResult{
				Valid: true, Bank: d.Bank, Barcode: d.Barcode, DigitableLine: d.Linha,
				Formatted: d.Formatted, Amount: d.Amount.Decimal(),
			}
			if d.HasDueDate {
				res.DueDate = optional(d.DueDate.String())
			}
			return writeJSON(c.env.Stdout, res)
		}
		due := "sem vencimento"
		if d.HasDueDate {
			due = d.DueDate.BR()
		}
		bank := d.Bank
		if name := boleto.BankName(d.Bank); name != "" {
			bank += " — " + name
		}
		_, err = fmt.Fprintf(c.env.Stdout,
			"Código válido\nBanco:            %s\nLinha digitável:  %s\nCódigo de barras: %s\nVencimento:       %s\nValor:            %s\n",
			bank, d.Formatted, d.Barcode, due, d.Amount.BRL())
		return err
	}
}

// reportInvalid prints why a code is invalid: one JSON object on stdout with
// --json, one sentence on stderr otherwise; the exit code is 1 either way.
func reportInvalid(c *invocation, asJSON bool, err error) error {
	if asJSON {
		if werr := writeJSON(c.env.Stdout, invalidResult{Valid: false, Error: err.Error()}); werr != nil {
			return werr
		}
		return silentErr{}
	}
	fmt.Fprintf(c.env.Stderr, "Código inválido: %s\n", err)
	return silentErr{}
}
