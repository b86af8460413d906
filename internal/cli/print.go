package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"

	"boletos/internal/apperr"
	"boletos/internal/printing"
	"boletos/internal/printjob"
)

func bindPrint(fs *flag.FlagSet) runner { return bindPrintWith(fs, systemDeps()) }

func bindPrintWith(fs *flag.FlagSet, deps accountDeps) runner {
	var out string
	var carne bool
	fs.StringVar(&out, "out", "", "arquivo PDF a gravar")
	fs.StringVar(&out, "o", "", "arquivo PDF a gravar (o mesmo que --out)")
	fs.BoolVar(&carne, "carne", false, "imprime como carnê (três por página)")
	var fromBank bool
	fs.BoolVar(&fromBank, "bank", false, "baixa o PDF do próprio Banco Inter (um boleto registrado) em vez de gerar o nosso")
	return func(ctx context.Context, c *invocation, args []string) error {
		if out == "" {
			return usageErr{"informe o arquivo PDF com --out ARQUIVO.pdf"}
		}
		if len(args) == 0 {
			return usageErr{"informe o número (id) de ao menos um boleto: boletos print --out ARQUIVO.pdf ID…"}
		}
		var ids []int64
		for _, a := range args {
			id, err := strconv.ParseInt(a, 10, 64)
			if err != nil || id <= 0 {
				return usageErr{fmt.Sprintf("id de boleto inválido: %q (use o número da coluna ID de boletos list)", a)}
			}
			ids = append(ids, id)
		}
		if fromBank && (len(ids) != 1 || carne) {
			return usageErr{"--bank baixa o PDF do banco de um boleto por vez (sem --carne): boletos print --bank --out ARQUIVO.pdf ID"}
		}
		layout := printjob.LayoutPages
		if carne {
			layout = printjob.LayoutCarne
		}
		return withServices(ctx, c, deps, func(s *services) error {
			if fromBank {
				pdf, err := s.iss.BankPDF(ctx, ids[0])
				if err != nil {
					return err
				}
				return writePDF(c, out, pdf, "PDF do banco gravado em %s.\n")
			}
			pdf, err := printjob.Render(ctx, s.db, ids, layout, printing.Options{})
			if err != nil {
				return err
			}
			return writePDF(c, out, pdf, "PDF gravado em %s ("+plural(len(ids), "boleto", "boletos")+").\n")
		})
	}
}

// writePDF saves the PDF and says where.
func writePDF(c *invocation, out string, pdf []byte, doneFormat string) error {
	if err := os.WriteFile(out, pdf, 0o600); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf("Não foi possível gravar o arquivo %s: confira a pasta e as permissões.", out))
	}
	_, err := fmt.Fprintf(c.env.Stdout, doneFormat, out)
	return err
}
