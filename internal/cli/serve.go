package cli

import (
	"context"
	"flag"
)

func bindServe(fs *flag.FlagSet) runner {
	addr := fs.String("addr", "127.0.0.1:0", "endereço local onde atender (127.0.0.1:0 escolhe uma porta livre)")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) > 0 {
			return usageErr{"o comando serve não recebe argumentos além das opções"}
		}
		// After a restart, the same address (and token, in the session)
		// as before, so that the page open in the browser keeps working.
		at := *addr
		if c.resume.ServeAddr != "" {
			at = c.resume.ServeAddr
		}
		return c.env.Serve(ctx, c.session, at)
	}
}
