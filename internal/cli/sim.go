package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/intersim"
)

// simDefaultProcessing is how long a charge stays EM_PROCESSAMENTO in the
// standalone simulator unless --faults sets processing: long enough to see
// the state, short like the bank's "em instantes".
const simDefaultProcessing = 2 * time.Second

// simResult is the --json answer of `boletos sim`, printed once it is ready.
type simResult struct {
	BaseURL string   `json:"baseUrl"`
	Profile string   `json:"profile"`
	Dir     string   `json:"dir"`
	Files   []string `json:"files"`
}

func bindSim(fs *flag.FlagSet) runner {
	addr := fs.String("addr", "127.0.0.1:0", "endereço local onde atender (127.0.0.1:0 escolhe uma porta livre)")
	profile := fs.String("profile", string(intersim.ProfileSandbox), "limites por minuto: production, sandbox ou unlimited")
	faults := fs.String("faults", "", "falhas a simular, chave=valor separados por vírgula (veja --help)")
	out := fs.String("out", "", "pasta onde gravar ca.crt, client.crt, client.key e client.json (padrão: pasta de dados/sim)")
	stateFile := fs.String("state", "", "arquivo JSON onde guardar o estado entre execuções (padrão: só em memória)")
	noPix := fs.Bool("no-pix", false, "a conta não tem chave Pix: boletos sem QR Code")
	asJSON := fs.Bool("json", false, "saída em JSON")
	help := fs.Bool("help", false, "mostra esta ajuda")
	fs.BoolVar(help, "h", false, "mostra esta ajuda")
	return func(ctx context.Context, c *invocation, args []string) error {
		if *help {
			_, err := io.WriteString(c.env.Stdout, simUsage())
			return err
		}
		if len(args) > 0 {
			return usageErr{"o comando sim não recebe argumentos além das opções"}
		}
		if err := checkLoopback(*addr); err != nil {
			return err
		}
		p := intersim.Profile(*profile)
		switch p {
		case intersim.ProfileProduction, intersim.ProfileSandbox, intersim.ProfileUnlimited:
		default:
			return usageErr{fmt.Sprintf("--profile %q inválido: use production, sandbox ou unlimited", *profile)}
		}
		f, err := intersim.ParseFaults(*faults)
		if err != nil {
			return usageErr{"--faults: " + err.Error()}
		}
		if !faultGiven(*faults, "processing") {
			f.Processing = simDefaultProcessing
		}
		dir := *out
		if dir == "" {
			dir = filepath.Join(c.session.DataDir, "sim")
		}
		return runSim(ctx, c, simOptions{
			addr: *addr, dir: dir, asJSON: *asJSON,
			cfg: intersim.Config{Profile: p, Faults: f, NoPixKey: *noPix, StateFile: *stateFile, Logger: c.session.Logger},
		})
	}
}

type simOptions struct {
	addr   string
	dir    string
	asJSON bool
	cfg    intersim.Config
}

// runSim starts the simulator, writes the client files, tells where they
// are and serves until ctx ends (Ctrl+C).
func runSim(ctx context.Context, c *invocation, o simOptions) error {
	sim, err := intersim.New(o.cfg)
	if err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível preparar o simulador: "+err.Error())
	}
	if err := sim.Start(o.addr); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível atender em %s. Verifique se a porta está livre ou use --addr 127.0.0.1:0.", o.addr))
	}
	defer sim.Close()
	if err := sim.WriteFiles(o.dir); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, fmt.Sprintf(
			"Não foi possível gravar os arquivos do simulador em %s. Verifique as permissões ou escolha outra pasta com --out PASTA.", o.dir))
	}
	files := []string{"ca.crt", "client.crt", "client.key", "client.json"}
	if o.asJSON {
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = filepath.Join(o.dir, f)
		}
		if err := writeJSON(c.env.Stdout, simResult{BaseURL: sim.URL(), Profile: string(o.cfg.Profile), Dir: o.dir, Files: paths}); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		fmt.Fprintf(&b, "Simulador do Banco Inter no ar (perfil %s)\n", o.cfg.Profile)
		fmt.Fprintf(&b, "Endereço base:  %s\n", sim.URL())
		fmt.Fprintf(&b, "Arquivos em %s:\n", o.dir)
		fmt.Fprintf(&b, "  ca.crt       autoridade que assina o certificado do simulador (confie nela)\n")
		fmt.Fprintf(&b, "  client.crt   certificado do cliente\n")
		fmt.Fprintf(&b, "  client.key   chave do cliente\n")
		fmt.Fprintf(&b, "  client.json  endereço base, client id, client secret e conta corrente\n")
		if o.cfg.StateFile != "" {
			fmt.Fprintf(&b, "Estado guardado em %s\n", o.cfg.StateFile)
		}
		b.WriteString("Pressione Ctrl+C para encerrar.\n")
		if _, err := io.WriteString(c.env.Stdout, b.String()); err != nil {
			return err
		}
	}
	<-ctx.Done()
	if err := sim.Close(); err != nil {
		return apperr.Wrap(apperr.CodeUnavailable, err, "O simulador foi encerrado, mas não conseguiu gravar o estado: "+err.Error())
	}
	return nil
}

// checkLoopback refuses any address another computer could reach.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErr{fmt.Sprintf("--addr %q inválido: use 127.0.0.1:PORTA (0 escolhe uma porta livre)", addr)}
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return usageErr{fmt.Sprintf("--addr %q não é permitido: o simulador só atende neste computador; use 127.0.0.1:PORTA ou [::1]:PORTA", addr)}
}

// faultGiven reports whether the --faults text sets key.
func faultGiven(faults, key string) bool {
	for _, pair := range strings.Split(faults, ",") {
		k, _, _ := strings.Cut(pair, "=")
		if strings.EqualFold(strings.TrimSpace(k), key) {
			return true
		}
	}
	return false
}

func simUsage() string {
	var b strings.Builder
	b.WriteString(`Uso: boletos sim [opções]

Executa um Banco Inter simulado (API Cobrança v3 com OAuth e mTLS) neste
computador, grava os arquivos do cliente e atende até Ctrl+C.

Opções:
  --addr ENDEREÇO    endereço local (padrão 127.0.0.1:0, porta livre); só 127.0.0.1, ::1 ou localhost
  --profile PERFIL   limites por minuto: production, sandbox (padrão) ou unlimited
  --faults LISTA     falhas a simular, chave=valor separados por vírgula
  --out PASTA        onde gravar ca.crt, client.crt, client.key e client.json (padrão: pasta de dados/sim)
  --state ARQUIVO    guarda o estado (certificados, cobranças, webhook) entre execuções
  --no-pix           a conta não tem chave Pix: boletos sem QR Code
  --json             saída em JSON
  --data-dir PASTA   pasta dos dados
  --log-level NÍVEL  debug, info, warn ou error

Chaves de --faults:
`)
	b.WriteString(intersim.FaultHelp())
	fmt.Fprintf(&b, `
Sem a chave processing, as cobranças ficam EM_PROCESSAMENTO por %s.
Cobranças com "FALHA" no nome do pagador terminam em FALHA_EMISSAO.

Exemplo:
  boletos sim --profile production --faults "latency=50ms,jitter=20ms,error=0.1,seed=7"
`, simDefaultProcessing)
	return b.String()
}
