package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/keychain"
	"boletos/internal/store"
)

// accountDeps is what `boletos account` takes from its surroundings, so that
// tests can hand it a stdin and a keychain of their own.
type accountDeps struct {
	stdin io.Reader
	keys  func() *keychain.Store
}

func bindAccount(fs *flag.FlagSet) runner {
	return bindAccountWith(fs, accountDeps{
		stdin: os.Stdin,
		keys:  func() *keychain.Store { return keychain.New(keychain.System()) },
	})
}

// accountFlags are the options of every `boletos account` subcommand.
type accountFlags struct {
	name, env, baseURL, ca           string
	zip, cert, key, pfx              string
	pfxPasswordStdin, secretStdin    bool
	clientID, conta, agency, account string
	operation, beneficiary           string
	direct, asJSON, help             bool
}

// addOnly are the options that only `account add` takes.
var addOnly = []string{"name", "env", "base-url", "ca", "zip", "cert", "key", "pfx", "pfx-password-stdin",
	"client-id", "client-secret-stdin", "conta-corrente", "agency", "account", "operation-number", "beneficiary-json", "direct"}

func bindAccountWith(fs *flag.FlagSet, deps accountDeps) runner {
	var o accountFlags
	fs.StringVar(&o.name, "name", "", "nome da conta")
	fs.StringVar(&o.env, "env", "", "ambiente: production, sandbox ou simulator")
	fs.StringVar(&o.baseURL, "base-url", "", "endereço do simulador (só com --env simulator)")
	fs.StringVar(&o.ca, "ca", "", "arquivo ca.crt do simulador (só com --env simulator)")
	fs.StringVar(&o.zip, "zip", "", "o ZIP baixado no Internet Banking do Inter")
	fs.StringVar(&o.cert, "cert", "", "certificado .crt (PEM)")
	fs.StringVar(&o.key, "key", "", "chave privada .key (PEM)")
	fs.StringVar(&o.pfx, "pfx", "", "certificado .pfx (PKCS#12)")
	fs.BoolVar(&o.pfxPasswordStdin, "pfx-password-stdin", false, "lê a senha do .pfx da entrada padrão")
	fs.StringVar(&o.clientID, "client-id", "", "client id da integração")
	fs.BoolVar(&o.secretStdin, "client-secret-stdin", false, "lê o client secret da entrada padrão")
	fs.StringVar(&o.conta, "conta-corrente", "", "conta corrente para o header x-conta-corrente")
	fs.StringVar(&o.agency, "agency", "", "agência (padrão 0001)")
	fs.StringVar(&o.account, "account", "", "número da conta com o dígito")
	fs.StringVar(&o.operation, "operation-number", "", "número da operação (7 números)")
	fs.StringVar(&o.beneficiary, "beneficiary-json", "", "arquivo JSON com os dados do beneficiário")
	fs.BoolVar(&o.direct, "direct", true, "integração direta de boletos (--direct=false: só rascunhos e impressão)")
	fs.BoolVar(&o.asJSON, "json", false, "saída em JSON")
	fs.BoolVar(&o.help, "help", false, "mostra esta ajuda")
	fs.BoolVar(&o.help, "h", false, "mostra esta ajuda")
	// There is deliberately no --client-secret nor --pfx-password: secrets
	// on the command line end up in the shell history and the process list.
	// An unknown option is refused without echoing its value.
	return func(ctx context.Context, c *invocation, args []string) error {
		if o.help {
			_, err := io.WriteString(c.env.Stdout, accountUsage())
			return err
		}
		if len(args) == 0 {
			return usageErr{"informe o que fazer: boletos account add|list|test (veja boletos account --help)"}
		}
		sub, rest := args[0], args[1:]
		if sub != "add" {
			var extra []string
			fs.Visit(func(f *flag.Flag) {
				for _, name := range addOnly {
					if f.Name == name {
						extra = append(extra, "--"+name)
					}
				}
			})
			if len(extra) > 0 {
				return usageErr{fmt.Sprintf("a opção %s só vale para boletos account add", extra[0])}
			}
		}
		switch sub {
		case "add":
			if len(rest) > 0 {
				return usageErr{fmt.Sprintf("boletos account add não recebe argumentos além das opções (sobrou %q)", rest[0])}
			}
			in, err := o.input(deps.stdin)
			if err != nil {
				return err
			}
			return withAccounts(ctx, c, deps, func(svc *accounts.Service) error { return accountAdd(ctx, c, svc, in, o.asJSON) })
		case "list":
			if len(rest) > 0 {
				return usageErr{"boletos account list não recebe argumentos além das opções"}
			}
			return withAccounts(ctx, c, deps, func(svc *accounts.Service) error { return accountList(ctx, c, svc, o.asJSON) })
		case "test":
			name := strings.TrimSpace(strings.Join(rest, " "))
			if name == "" {
				return usageErr{"informe o nome da conta: boletos account test NOME"}
			}
			return withAccounts(ctx, c, deps, func(svc *accounts.Service) error { return accountTest(ctx, c, svc, name, o.asJSON) })
		}
		return usageErr{fmt.Sprintf("subcomando desconhecido %q: use boletos account add, list ou test", sub)}
	}
}

// withAccounts opens the data of the data dir (the same file the program
// uses) and the account service for fn.
func withAccounts(ctx context.Context, c *invocation, deps accountDeps, fn func(*accounts.Service) error) error {
	db, err := store.Open(ctx, filepath.Join(c.session.DataDir, "boletos.db"), store.Options{Logger: c.session.Logger})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := accounts.New(db, deps.keys(), accounts.Options{Logger: c.session.Logger, DataDir: c.session.DataDir})
	defer svc.Close()
	return fn(svc)
}

// partyFile is the beneficiário JSON of --beneficiary-json (the field names
// of the account form).
type partyFile struct {
	Document   string `json:"document"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	Number     string `json:"number"`
	Complement string `json:"complement"`
	District   string `json:"district"`
	City       string `json:"city"`
	UF         string `json:"uf"`
	CEP        string `json:"cep"`
	Email      string `json:"email"`
	DDD        string `json:"ddd"`
	Phone      string `json:"phone"`
}

// input turns the options (and stdin) into the account form.
func (o *accountFlags) input(stdin io.Reader) (accounts.Input, error) {
	switch {
	case strings.TrimSpace(o.name) == "":
		return accounts.Input{}, usageErr{"informe o nome da conta com --name NOME"}
	case o.env != "production" && o.env != "sandbox" && o.env != "simulator":
		return accounts.Input{}, usageErr{fmt.Sprintf("--env %q inválido: use production, sandbox ou simulator", o.env)}
	case o.env != "simulator" && (o.baseURL != "" || o.ca != ""):
		return accounts.Input{}, usageErr{"--base-url e --ca só valem com --env simulator: contas de produção e sandbox falam só com o Banco Inter"}
	case (o.cert == "") != (o.key == ""):
		return accounts.Input{}, usageErr{"informe o certificado e a chave juntos: --cert ARQUIVO.crt --key ARQUIVO.key"}
	case o.pfxPasswordStdin && o.pfx == "":
		return accounts.Input{}, usageErr{"--pfx-password-stdin só vale com --pfx ARQUIVO"}
	}
	sources := 0
	for _, given := range []bool{o.zip != "", o.cert != "", o.pfx != ""} {
		if given {
			sources++
		}
	}
	if sources > 1 {
		return accounts.Input{}, usageErr{"escolha uma só forma de importar as credenciais: --zip, --cert com --key, ou --pfx"}
	}
	in := accounts.Input{
		Name: o.name, Environment: store.Environment(o.env), SimulatorURL: o.baseURL,
		DirectIntegration: o.direct, ClientID: o.clientID, ContaCorrente: o.conta,
		Agency: o.agency, AccountNumber: o.account, OperationNumber: o.operation,
	}
	var err error
	if o.ca != "" {
		var ca []byte
		if ca, err = readInput(o.ca, "--ca"); err != nil {
			return in, err
		}
		in.SimulatorCAPEM = string(ca)
	}
	switch {
	case o.zip != "":
		in.Credentials = accounts.Credentials{Kind: accounts.CredentialsZIP, ZIPName: filepath.Base(o.zip)}
		in.Credentials.ZIP, err = readInput(o.zip, "--zip")
	case o.cert != "":
		in.Credentials = accounts.Credentials{Kind: accounts.CredentialsPEM}
		if in.Credentials.Cert, err = readInput(o.cert, "--cert"); err == nil {
			in.Credentials.Key, err = readInput(o.key, "--key")
		}
	case o.pfx != "":
		in.Credentials = accounts.Credentials{Kind: accounts.CredentialsPFX}
		in.Credentials.PFX, err = readInput(o.pfx, "--pfx")
	}
	if err != nil {
		return in, err
	}
	if o.beneficiary != "" {
		if in.Beneficiary, err = readBeneficiary(o.beneficiary); err != nil {
			return in, err
		}
	}
	if o.secretStdin || o.pfxPasswordStdin {
		lines, err := readStdinLines(stdin)
		if err != nil {
			return in, err
		}
		want := 0
		if o.secretStdin {
			want++
		}
		if o.pfxPasswordStdin {
			want++
		}
		if len(lines) < want {
			what := "o client secret"
			if want == 2 {
				what = "o client secret e, na linha seguinte, a senha do .pfx"
			} else if !o.secretStdin {
				what = "a senha do .pfx"
			}
			return in, apperr.Invalid("Nada foi lido da entrada padrão: envie %s, uma linha cada (por exemplo: printf '%%s\\n' \"$SEGREDO\" | boletos account add …).", what)
		}
		if o.secretStdin {
			in.ClientSecret, lines = lines[0], lines[1:]
		}
		if o.pfxPasswordStdin {
			in.Credentials.PFXPassword = lines[0]
		}
	}
	return in, nil
}

// maxInputFile bounds what is read of a file named on the command line; the
// service refuses anything this large with the precise message.
const maxInputFile = 5<<20 + 1

func readInput(path, flagName string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("Não foi possível ler o arquivo %s de %s: confira o caminho e as permissões.", path, flagName))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInputFile))
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("Não foi possível ler o arquivo %s de %s.", path, flagName))
	}
	return data, nil
}

func readBeneficiary(path string) (boleto.Payer, error) {
	data, err := readInput(path, "--beneficiary-json")
	if err != nil {
		return boleto.Payer{}, err
	}
	var p partyFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return boleto.Payer{}, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s de --beneficiary-json não é um JSON de beneficiário válido (%s). Use os campos document, name, address, number, complement, district, city, uf, cep, email, ddd e phone.", path, jsonProblem(err)))
	}
	return boleto.Payer{Document: p.Document, Name: p.Name, Address: p.Address, Number: p.Number, Complement: p.Complement,
		District: p.District, City: p.City, UF: p.UF, CEP: p.CEP, Email: p.Email, DDD: p.DDD, Phone: p.Phone}, nil
}

func jsonProblem(err error) string {
	msg := err.Error()
	if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return "campo desconhecido " + field
	}
	return "conteúdo inválido"
}

// readStdinLines reads the secrets piped in, one a line (64 KB at most).
func readStdinLines(r io.Reader) ([]string, error) {
	if r == nil {
		return nil, nil
	}
	sc := bufio.NewScanner(io.LimitReader(r, 64<<10))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	var lines []string
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, apperr.Wrap(apperr.CodeInvalid, err, "Não foi possível ler a entrada padrão.")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines, nil
}

// accountItem is one account of `account list --json` (and of `add
// --json`). Never a secret.
type accountItem struct {
	ID                int64   `json:"id"`
	Name              string  `json:"name"`
	Environment       string  `json:"environment"`
	DirectIntegration bool    `json:"directIntegration"`
	ClientID          string  `json:"clientId"`
	CertSubject       *string `json:"certificateSubject"`
	CertNotAfter      *string `json:"certificateNotAfter"` // YYYY-MM-DD
	DaysLeft          *int    `json:"daysLeft"`
	CertStatus        *string `json:"certificateStatus"`
}

func item(svc *accounts.Service, a store.Account) accountItem {
	it := accountItem{ID: a.ID, Name: a.Name, Environment: string(a.Environment), DirectIntegration: a.DirectIntegration, ClientID: a.ClientID}
	if c := svc.Certificate(a); c != nil {
		days, status := c.DaysLeft, string(c.Status)
		it.CertSubject, it.CertNotAfter = optional(c.Subject), optional(boleto.DateOf(c.NotAfter.In(boleto.SaoPaulo)).String())
		it.DaysLeft, it.CertStatus = &days, &status
	}
	return it
}

var envLabels = map[store.Environment]string{
	store.EnvProduction: "produção",
	store.EnvSandbox:    "sandbox do Inter",
	store.EnvSimulator:  "simulador",
	store.EnvDemo:       "demonstração (simulação)",
}

func accountAdd(ctx context.Context, c *invocation, svc *accounts.Service, in accounts.Input, asJSON bool) error {
	a, err := svc.Create(ctx, in)
	if err != nil {
		return reportFields(c, err)
	}
	if asJSON {
		return writeJSON(c.env.Stdout, item(svc, a))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Conta “%s” cadastrada (id %d, %s).\n", a.Name, a.ID, envLabels[a.Environment])
	if cert := svc.Certificate(a); cert != nil {
		fmt.Fprintf(&b, "Certificado: %s\nVálido até:  %s (%s)\n", cert.Subject, cert.NotAfter.In(boleto.SaoPaulo).Format("02/01/2006"), plural(cert.DaysLeft, "dia", "dias"))
		if cert.Message != "" {
			fmt.Fprintf(&b, "Atenção: %s\n", cert.Message)
		}
	}
	if a.DirectIntegration {
		fmt.Fprintf(&b, "Teste a conexão com: boletos account test %q\n", a.Name)
	}
	_, err = io.WriteString(c.env.Stdout, b.String())
	return err
}

func accountList(ctx context.Context, c *invocation, svc *accounts.Service, asJSON bool) error {
	list, err := svc.List(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		items := make([]accountItem, len(list))
		for i, a := range list {
			items[i] = item(svc, a)
		}
		return writeJSON(c.env.Stdout, items)
	}
	if len(list) == 0 {
		_, err := io.WriteString(c.env.Stdout, "Nenhuma conta cadastrada. Cadastre com: boletos account add (veja boletos account --help)\n")
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-4s %-30s %-26s %-12s %-10s %s\n", "ID", "NOME", "AMBIENTE", "VENCE EM", "RESTAM", "CERTIFICADO")
	for _, a := range list {
		due, left, subject := "-", "-", "sem certificado"
		if cert := svc.Certificate(a); cert != nil {
			due = cert.NotAfter.In(boleto.SaoPaulo).Format("02/01/2006")
			left = plural(cert.DaysLeft, "dia", "dias")
			if cert.Status == accounts.CertExpired {
				left = "vencido"
			}
			subject = cert.Subject
		}
		fmt.Fprintf(&b, "%-4d %-30s %-26s %-12s %-10s %s\n", a.ID, a.Name, envLabels[a.Environment], due, left, subject)
	}
	_, err = io.WriteString(c.env.Stdout, b.String())
	return err
}

// testResult is the --json answer of `account test`.
type testResult struct {
	OK      bool     `json:"ok"`
	Account string   `json:"account"`
	Message string   `json:"message"`
	Steps   []string `json:"steps"`
}

func accountTest(ctx context.Context, c *invocation, svc *accounts.Service, name string, asJSON bool) error {
	a, err := svc.GetByName(ctx, name)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return apperr.Wrap(apperr.CodeNotFound, err, fmt.Sprintf("Nenhuma conta se chama “%s”. Veja os nomes com: boletos account list", name))
		}
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	res, err := svc.Test(ctx, a.ID)
	if err != nil {
		return err
	}
	if asJSON {
		if err := writeJSON(c.env.Stdout, testResult{OK: res.OK, Account: a.Name, Message: res.Message, Steps: append([]string{}, res.Steps...)}); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		fmt.Fprintf(&b, "Testando a conta “%s” (%s)\n", a.Name, envLabels[a.Environment])
		for _, s := range res.Steps {
			fmt.Fprintf(&b, "  %s\n", s)
		}
		if res.OK {
			b.WriteString(res.Message + "\n")
		}
		if _, err := io.WriteString(c.env.Stdout, b.String()); err != nil {
			return err
		}
		if !res.OK {
			fmt.Fprintf(c.env.Stderr, "boletos: %s\n", res.Message)
		}
	}
	if !res.OK {
		return silentErr{}
	}
	return nil
}

// flagOfField names the option behind each field of the account form.
func flagOfField(field string) string {
	switch field {
	case accounts.FieldName:
		return "--name"
	case accounts.FieldEnvironment:
		return "--env"
	case accounts.FieldSimulatorURL:
		return "--base-url"
	case accounts.FieldSimulatorCA:
		return "--ca"
	case accounts.FieldClientID:
		return "--client-id"
	case accounts.FieldClientSecret:
		return "--client-secret-stdin"
	case accounts.FieldContaCorrente:
		return "--conta-corrente"
	case accounts.FieldAgency:
		return "--agency"
	case accounts.FieldAccountNumber:
		return "--account"
	case accounts.FieldOperationNumber:
		return "--operation-number"
	case accounts.FieldZIP:
		return "--zip"
	case accounts.FieldCert:
		return "--cert"
	case accounts.FieldKey:
		return "--key"
	case accounts.FieldPFX:
		return "--pfx"
	case accounts.FieldPFXPassword:
		return "--pfx-password-stdin"
	}
	if sub, ok := strings.CutPrefix(field, "beneficiary."); ok {
		return "--beneficiary-json (" + sub + ")"
	}
	return field
}

// reportFields prints an input error with one line per field, naming the
// option to fix, and exits 1; other errors go on to finish.
func reportFields(c *invocation, err error) error {
	fields := apperr.Fields(err)
	if len(fields) == 0 {
		return err
	}
	_, msg := apperr.Describe(err)
	var b strings.Builder
	fmt.Fprintf(&b, "boletos: %s\n", msg)
	for _, f := range fields {
		kind := "erro"
		if f.Warning {
			kind = "aviso"
		}
		fmt.Fprintf(&b, "  %s %s: %s\n", kind, flagOfField(f.Field), f.Message)
	}
	io.WriteString(c.env.Stderr, b.String())
	return silentErr{}
}

func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func accountUsage() string {
	return `Uso:
  boletos account add --name NOME --env production|sandbox|simulator
        [--base-url URL --ca ARQUIVO]
        (--zip ARQUIVO | --cert ARQUIVO --key ARQUIVO | --pfx ARQUIVO [--pfx-password-stdin])
        --client-id ID --client-secret-stdin [--conta-corrente N]
        [--agency 0001 --account N --operation-number N] [--beneficiary-json ARQUIVO]
        [--direct=false] [--json]
  boletos account list [--json]
  boletos account test NOME [--json]

Cadastra, lista e testa contas do Banco Inter com integração direta de boletos.

add   cadastra uma conta. O certificado e a chave vêm do ZIP exatamente como o
      Inter entrega (--zip), do .crt e do .key em PEM (--cert e --key) ou de um
      .pfx (--pfx). Tudo é validado antes de gravar: a chave corresponde ao
      certificado, o certificado está dentro da validade. O client secret e a
      chave privada vão para o cofre de senhas do sistema, nunca para arquivos.
      Segredos só pela entrada padrão, um por linha: o client secret
      (--client-secret-stdin) e, depois dele, a senha do .pfx
      (--pfx-password-stdin). Nunca passe segredos na linha de comando.
      --env simulator exige --base-url e --ca (o endereço e o ca.crt que o
      comando boletos sim mostra); produção e sandbox falam só com o banco.
      --beneficiary-json ARQUIVO: os dados do beneficiário impressos em todo
      boleto (endereço completo, exigido por lei), com os campos
        {"document": "11.222.333/0001-81", "name": "Empresa Ltda",
         "address": "Rua das Flores", "number": "120", "complement": "",
         "district": "Centro", "city": "Belo Horizonte", "uf": "MG",
         "cep": "30110-000", "email": "", "ddd": "", "phone": ""}
      --direct=false cadastra uma conta só para rascunhos e impressão (sem
      credenciais).
list  mostra as contas: nome, ambiente, vencimento do certificado e dias
      restantes (nunca um segredo).
test  "Testar conexão": obtém um token e faz uma consulta ao banco (ou ao
      simulador). Sai com 0 quando o banco responde e com 1, mostrando a causa,
      quando não.

Exemplo:
  printf '%s\n' "$CLIENT_SECRET" | boletos account add --name "Inter matriz" \
      --env production --zip "Inter API.zip" --client-id "$CLIENT_ID" \
      --client-secret-stdin --beneficiary-json beneficiario.json
  boletos account test "Inter matriz"
`
}
