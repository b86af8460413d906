package cli

import (
	"context"
	"flag"
	"fmt"
)

func bindVersion(fs *flag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "saída em JSON")
	return func(_ context.Context, c *invocation, args []string) error {
		if len(args) > 0 {
			return usageErr{"o comando version não recebe argumentos"}
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, map[string]string{"version": c.env.Version})
		}
		_, err := fmt.Fprintf(c.env.Stdout, "boletos %s\n", c.env.Version)
		return err
	}
}
