package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/issuing"
	"boletos/internal/keychain"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// The boleto subcommands (issue, sync, list, cancel, print) run on the same
// services the window uses: the store of the data dir, the accounts service
// (bank clients from the keychain), the issuing outbox and the retorno
// poller.

func systemDeps() accountDeps {
	return accountDeps{stdin: os.Stdin, keys: func() *keychain.Store { return keychain.New(keychain.System()) }}
}

func bindIssue(fs *flag.FlagSet) runner  { return bindIssueWith(fs, systemDeps()) }
func bindSync(fs *flag.FlagSet) runner   { return bindSyncWith(fs, systemDeps()) }
func bindList(fs *flag.FlagSet) runner   { return bindListWith(fs, systemDeps()) }
func bindCancel(fs *flag.FlagSet) runner { return bindCancelWith(fs, systemDeps()) }

// services is what a boleto subcommand works with.
type services struct {
	db  *store.Store
	acc *accounts.Service
	iss *issuing.Service
}

// cliProcessingInterval is how often the CLI asks the bank about boletos it
// is processing: a person is waiting at the terminal.
const cliProcessingInterval = time.Second

func withServices(ctx context.Context, c *invocation, deps accountDeps, fn func(*services) error) error {
	db, err := store.Open(ctx, filepath.Join(c.session.DataDir, "boletos.db"), store.Options{Logger: c.session.Logger})
	if err != nil {
		return err
	}
	defer db.Close()
	acc := accounts.New(db, deps.keys(), accounts.Options{Logger: c.session.Logger, DataDir: c.session.DataDir})
	defer acc.Close()
	iss, err := issuing.New(issuing.Config{Store: db, Clients: acc.BankClients(), Logger: c.session.Logger,
		ProcessingInterval: cliProcessingInterval, PDFCacheDir: filepath.Join(c.session.DataDir, "pdf-banco")})
	if err != nil {
		return err
	}
	return fn(&services{db: db, acc: acc, iss: iss})
}

// findAccount returns the account called name, with a pt-BR sentence when
// there is none.
func findAccount(ctx context.Context, acc *accounts.Service, name string) (store.Account, error) {
	a, err := acc.GetByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return a, apperr.Wrap(apperr.CodeNotFound, err, fmt.Sprintf("Nenhuma conta se chama “%s”. Veja os nomes com: boletos account list", name))
	}
	return a, err
}

// ---- boletos issue ----

// draftFile is one item of the JSON file of `boletos issue`.
type draftFile struct {
	SeuNumero string    `json:"seuNumero"`
	Amount    string    `json:"amount"`
	DueDate   string    `json:"dueDate"`
	Payer     payerFile `json:"payer"`
	Messages  []string  `json:"messages"`
}

type payerFile struct {
	Name     string      `json:"name"`
	Document string      `json:"document"`
	Email    string      `json:"email"`
	Phone    string      `json:"phone"`
	Address  addressFile `json:"address"`
}

type addressFile struct {
	Street     string `json:"street"`
	Number     string `json:"number"`
	Complement string `json:"complement"`
	District   string `json:"district"`
	City       string `json:"city"`
	State      string `json:"state"`
	Zip        string `json:"zip"`
}

// problemItem is one problem of an item, named by its field in the file.
type problemItem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// issueItem is one line of the answer of `boletos issue`. Index is the
// 1-based position in the file (absent with --ids); ID and State are null
// for an item that was not saved.
type issueItem struct {
	Index      *int          `json:"index"`
	ID         *int64        `json:"id"`
	SeuNumero  *string       `json:"seuNumero"`
	State      *string       `json:"state"`
	StateLabel *string       `json:"stateLabel"`
	Error      *string       `json:"error"`
	Problems   []problemItem `json:"problems"`
}

// fileFieldNames maps the validation's field paths to the file's.
var fileFieldNames = map[string]string{
	"valor": "amount", "vencimento": "dueDate", "seuNumero": "seuNumero",
	"pagador.documento": "payer.document", "pagador.nome": "payer.name", "pagador.email": "payer.email",
	"pagador.ddd": "payer.phone", "pagador.telefone": "payer.phone",
	"pagador.endereco": "payer.address.street", "pagador.numero": "payer.address.number",
	"pagador.complemento": "payer.address.complement", "pagador.bairro": "payer.address.district",
	"pagador.cidade": "payer.address.city", "pagador.uf": "payer.address.state", "pagador.cep": "payer.address.zip",
}

func fileField(path string) string {
	if f, ok := fileFieldNames[path]; ok {
		return f
	}
	if n, ok := strings.CutPrefix(path, "mensagem.linha"); ok {
		if i, err := strconv.Atoi(n); err == nil {
			return fmt.Sprintf("messages[%d]", i-1)
		}
	}
	return path
}

// toDraft turns an item of the file into a draft with the account's
// charges, and lists what cannot be read.
func (d draftFile) toDraft(defaults boleto.Charges) (boleto.Draft, []problemItem) {
	var ps []problemItem
	out := boleto.Draft{SeuNumero: strings.TrimSpace(d.SeuNumero), Charges: defaults}
	if strings.TrimSpace(d.Amount) == "" {
		ps = append(ps, problemItem{"amount", "Informe o valor do boleto, por exemplo \"123.45\"."})
	} else if v, err := boleto.ParseDecimal(d.Amount); err != nil {
		ps = append(ps, problemItem{"amount", fmt.Sprintf("O valor %q não é válido: use números com ponto decimal, por exemplo \"123.45\".", d.Amount)})
	} else {
		out.Amount = v
	}
	if strings.TrimSpace(d.DueDate) == "" {
		ps = append(ps, problemItem{"dueDate", "Informe a data de vencimento no formato AAAA-MM-DD."})
	} else if due, err := boleto.ParseDate(strings.TrimSpace(d.DueDate)); err != nil {
		ps = append(ps, problemItem{"dueDate", err.Error()})
	} else {
		out.DueDate = due
	}
	p := d.Payer
	out.Payer = boleto.Payer{Document: p.Document, Name: p.Name, Email: p.Email,
		Address: p.Address.Street, Number: p.Address.Number, Complement: p.Address.Complement,
		District: p.Address.District, City: p.Address.City, UF: p.Address.State, CEP: p.Address.Zip}
	if phone := strings.TrimSpace(p.Phone); phone != "" {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, phone)
		if len(digits) == 10 || len(digits) == 11 {
			out.Payer.DDD, out.Payer.Phone = digits[:2], digits[2:]
		} else {
			ps = append(ps, problemItem{"payer.phone", fmt.Sprintf("O telefone %q deve ter o DDD e 8 ou 9 números, por exemplo \"11 98765-4321\".", phone)})
		}
	}
	if d.Messages != nil {
		if len(d.Messages) > len(out.Charges.Messages) {
			ps = append(ps, problemItem{"messages", fmt.Sprintf("No máximo %d linhas de mensagem; foram informadas %d.", len(out.Charges.Messages), len(d.Messages))})
		} else {
			out.Charges.Messages = [5]string{}
			copy(out.Charges.Messages[:], d.Messages)
		}
	}
	return out, ps
}

func bindIssueWith(fs *flag.FlagSet, deps accountDeps) runner {
	var account, ids string
	var wait, asJSON bool
	fs.StringVar(&account, "account", "", "nome da conta")
	fs.StringVar(&ids, "ids", "", "envia rascunhos já salvos, por exemplo 1,2,3")
	fs.BoolVar(&wait, "wait", false, "espera cada boleto ficar emitido ou falhar")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	return func(ctx context.Context, c *invocation, args []string) error {
		switch {
		case strings.TrimSpace(account) == "":
			return usageErr{"informe a conta com --account NOME"}
		case ids == "" && len(args) != 1:
			return usageErr{"informe um arquivo JSON de boletos (boletos issue --account NOME ARQUIVO.json) ou --ids 1,2,3"}
		case ids != "" && len(args) > 0:
			return usageErr{"use o arquivo JSON ou --ids, não os dois"}
		}
		var idList []int64
		if ids != "" {
			for _, s := range strings.Split(ids, ",") {
				id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				if err != nil || id <= 0 {
					return usageErr{fmt.Sprintf("--ids %q inválido: use números separados por vírgula, por exemplo 1,2,3", ids)}
				}
				idList = append(idList, id)
			}
		}
		var items []draftFile
		if ids == "" {
			data, err := readInput(args[0], "boletos issue")
			if err != nil {
				return err
			}
			if err := json.Unmarshal(data, &items); err != nil {
				return apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("O arquivo %s não é uma lista JSON de boletos válida (%s).", args[0], jsonProblem(err)))
			}
			if len(items) == 0 {
				return apperr.Invalid("O arquivo %s não tem nenhum boleto.", args[0])
			}
		}
		return withServices(ctx, c, deps, func(s *services) error {
			a, err := findAccount(ctx, s.acc, account)
			if err != nil {
				return err
			}
			if !a.DirectIntegration {
				return apperr.New(apperr.CodeInvalid, fmt.Sprintf(
					"A conta “%s” está com a integração direta desligada: ela guarda rascunhos e imprime, mas não envia boletos ao banco.", a.Name))
			}
			return issue(ctx, c, s, a, items, idList, wait, asJSON)
		})
	}
}

func issue(ctx context.Context, c *invocation, s *services, a store.Account, items []draftFile, ids []int64, wait, asJSON bool) error {
	var report []issueItem
	failed := false
	index := map[int64]int{} // boleto id → position in the report
	var send []int64
	if items != nil {
		now := time.Now()
		for i, it := range items {
			n := i + 1
			d, ps := it.toDraft(a.Defaults)
			check := d
			if check.SeuNumero == "" {
				check.SeuNumero = "X" // assigned when saved
			}
			for _, p := range boleto.ValidateDraft(check, now).Errors() {
				ps = append(ps, problemItem{fileField(p.Field), p.Message})
			}
			if len(ps) > 0 {
				failed = true
				report = append(report, issueItem{Index: &n, SeuNumero: optional(d.SeuNumero), Problems: ps})
				continue
			}
			b, err := s.iss.CreateDraft(ctx, store.DraftInput{AccountID: a.ID, Draft: d})
			if err != nil {
				failed = true
				_, msg := apperr.Describe(err)
				report = append(report, issueItem{Index: &n, SeuNumero: optional(d.SeuNumero), Error: &msg})
				continue
			}
			index[b.ID] = len(report)
			report = append(report, issueItem{Index: &n, ID: &b.ID})
			send = append(send, b.ID)
		}
	} else {
		for _, id := range ids {
			b, err := s.db.GetBoleto(ctx, id)
			if err == nil && b.AccountID != a.ID {
				err = apperr.New(apperr.CodeInvalid, fmt.Sprintf("O boleto %d não é da conta “%s”.", id, a.Name))
			}
			if err != nil {
				failed = true
				_, msg := apperr.Describe(err)
				report = append(report, issueItem{ID: &id, Error: &msg})
				continue
			}
			index[id] = len(report)
			report = append(report, issueItem{ID: &id})
			send = append(send, id)
		}
	}
	if len(send) > 0 {
		bt, err := s.iss.IssueBatch(ctx, send)
		if err != nil {
			return err
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			s.iss.Run(runCtx)
		}()
		err = waitBatch(ctx, bt, wait)
		stop()
		<-done
		if err != nil {
			return err
		}
		for _, it := range bt.Report() {
			r := &report[index[it.ID]]
			b, err := s.db.GetBoleto(ctx, it.ID)
			if err != nil {
				return err
			}
			state, label := string(b.State), store.StateLabel(b.State)
			r.SeuNumero, r.State, r.StateLabel = &b.SeuNumero, &state, &label
			if it.Outcome == issuing.OutcomeFailed {
				failed = true
				msg := it.Error
				if msg == "" && b.FailureReason != "" {
					msg = b.FailureReason
				}
				if msg == "" {
					msg = "O boleto não foi emitido."
				}
				r.Error = &msg
				for _, f := range it.Fields {
					r.Problems = append(r.Problems, problemItem{fileField(f.Field), f.Message})
				}
			}
		}
	}
	if asJSON {
		if err := writeJSON(c.env.Stdout, report); err != nil {
			return err
		}
	} else {
		var out, errs bytes.Buffer
		for _, r := range report {
			where := ""
			if r.Index != nil {
				where = fmt.Sprintf("item %d", *r.Index)
			}
			if r.ID != nil {
				if where != "" {
					where += ", "
				}
				where += fmt.Sprintf("boleto %d", *r.ID)
			}
			if r.State != nil {
				fmt.Fprintf(&out, "%-6d %-15s %s\n", *r.ID, deref(r.SeuNumero), *r.StateLabel)
			}
			if r.Error != nil || len(r.Problems) > 0 {
				if r.Error != nil {
					fmt.Fprintf(&errs, "boletos: %s: %s\n", where, *r.Error)
				} else {
					fmt.Fprintf(&errs, "boletos: %s não foi enviado; corrija os campos abaixo.\n", where)
				}
				for _, p := range r.Problems {
					fmt.Fprintf(&errs, "  erro %s: %s\n", p.Field, p.Message)
				}
			}
		}
		if _, err := c.env.Stdout.Write(out.Bytes()); err != nil {
			return err
		}
		c.env.Stderr.Write(errs.Bytes())
	}
	if failed {
		return silentErr{}
	}
	return nil
}

// waitBatch returns when every boleto of the batch was sent (processing,
// issued or failed), or with wait when every one is issued or failed.
func waitBatch(ctx context.Context, bt *issuing.Batch, wait bool) error {
	if wait {
		_, err := bt.Wait(ctx)
		return err
	}
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		sent := true
		for _, it := range bt.Report() {
			if it.Outcome == issuing.OutcomePending && it.State != store.StateProcessing {
				sent = false
			}
		}
		if sent {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ---- boletos sync ----

type syncAccount struct {
	Account string           `json:"account"`
	Changes []retorno.Change `json:"changes"`
	Error   *string          `json:"error"`
}

func bindSyncWith(fs *flag.FlagSet, deps accountDeps) runner {
	var account string
	var asJSON bool
	fs.StringVar(&account, "account", "", "nome da conta (padrão: todas com integração direta)")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) > 0 {
			return usageErr{"boletos sync não recebe argumentos além das opções"}
		}
		return withServices(ctx, c, deps, func(s *services) error {
			var list []store.Account
			if account != "" {
				a, err := findAccount(ctx, s.acc, account)
				if err != nil {
					return err
				}
				list = []store.Account{a}
			} else {
				all, err := s.acc.List(ctx)
				if err != nil {
					return err
				}
				for _, a := range all {
					if a.DirectIntegration {
						list = append(list, a)
					}
				}
			}
			p, err := retorno.New(retorno.Config{Store: s.db, Clients: s.acc.BankClients(), Logger: c.session.Logger})
			if err != nil {
				return err
			}
			var res []syncAccount
			failed := false
			var text, errs strings.Builder
			for _, a := range list {
				r, err := p.RunOnce(ctx, a.ID)
				sa := syncAccount{Account: a.Name, Changes: r.Changes}
				if sa.Changes == nil {
					sa.Changes = []retorno.Change{}
				}
				if err != nil {
					failed = true
					_, msg := apperr.Describe(err)
					sa.Error = &msg
					fmt.Fprintf(&errs, "boletos: conta “%s”: %s\n", a.Name, msg)
				}
				res = append(res, sa)
				switch {
				case err != nil:
				case len(r.Changes) == 0:
					fmt.Fprintf(&text, "Conta “%s”: nenhuma mudança.\n", a.Name)
				default:
					fmt.Fprintf(&text, "Conta “%s”: %s.\n", a.Name, plural(len(r.Changes), "boleto mudou", "boletos mudaram"))
					for _, ch := range r.Changes {
						fmt.Fprintf(&text, "  %s\n", ch.String())
					}
				}
			}
			if asJSON {
				if res == nil {
					res = []syncAccount{}
				}
				if err := writeJSON(c.env.Stdout, res); err != nil {
					return err
				}
			} else {
				if len(list) == 0 {
					text.WriteString("Nenhuma conta com integração direta. Cadastre com: boletos account add\n")
				}
				if _, err := io.WriteString(c.env.Stdout, text.String()); err != nil {
					return err
				}
			}
			io.WriteString(c.env.Stderr, errs.String())
			if failed {
				return silentErr{}
			}
			return nil
		})
	}
}

// ---- boletos list ----

type listPayer struct {
	Name     string `json:"name"`
	Document string `json:"document"`
}

// listItem is one boleto of `boletos list --json`.
type listItem struct {
	ID                int64     `json:"id"`
	SeuNumero         string    `json:"seuNumero"`
	State             string    `json:"state"`
	Amount            string    `json:"amount"`
	DueDate           *string   `json:"dueDate"`
	Payer             listPayer `json:"payer"`
	CodigoSolicitacao *string   `json:"codigoSolicitacao"`
	NossoNumero       *string   `json:"nossoNumero"`
	Barcode           *string   `json:"barcode"`
	DigitableLine     *string   `json:"digitableLine"`
	PixCopyPaste      *string   `json:"pixCopyPaste"`
	PaidAmount        *string   `json:"paidAmount"`
	PaidAt            *string   `json:"paidAt"`
	PaidChannel       *string   `json:"paidChannel"`
}

func listItemOf(b store.Boleto) listItem {
	it := listItem{ID: b.ID, SeuNumero: b.SeuNumero, State: string(b.State), Amount: b.Amount.Decimal(),
		Payer:             listPayer{Name: b.Payer.Name, Document: b.Payer.Document},
		CodigoSolicitacao: optional(b.CodigoSolicitacao), NossoNumero: optional(b.NossoNumero),
		Barcode: optional(b.Barcode), DigitableLine: optional(b.LinhaDigitavel), PixCopyPaste: optional(b.PixCopiaECola),
		PaidChannel: optional(string(b.PaidChannel))}
	if !b.DueDate.IsZero() {
		it.DueDate = optional(b.DueDate.String())
	}
	if b.PaidAmount != 0 {
		it.PaidAmount = optional(b.PaidAmount.Decimal())
	}
	if !b.PaidDate.IsZero() {
		it.PaidAt = optional(b.PaidDate.String())
	}
	return it
}

func bindListWith(fs *flag.FlagSet, deps accountDeps) runner {
	var account, state string
	var asJSON bool
	fs.StringVar(&account, "account", "", "nome da conta (padrão: todas)")
	fs.StringVar(&state, "state", "", "situação: draft, queued, sending, processing, issued, overdue, paid, cancel_requested, cancelled, expired, failed ou protested")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) > 0 {
			return usageErr{"boletos list não recebe argumentos além das opções"}
		}
		var f store.BoletoFilter
		if state != "" {
			st := store.State(state)
			if !st.Valid() {
				names := make([]string, 0, len(store.States()))
				for _, s := range store.States() {
					names = append(names, string(s))
				}
				return usageErr{fmt.Sprintf("--state %q inválido: use %s", state, strings.Join(names, ", "))}
			}
			f.States = []store.State{st}
		}
		return withServices(ctx, c, deps, func(s *services) error {
			if account != "" {
				a, err := findAccount(ctx, s.acc, account)
				if err != nil {
					return err
				}
				f.AccountID = a.ID
			}
			f.Order, f.Limit = store.OrderDueDate, 1000
			var all []store.Boleto
			for {
				page, err := s.db.ListBoletos(ctx, f)
				if err != nil {
					return err
				}
				all = append(all, page.Boletos...)
				if len(page.Boletos) == 0 || len(all) >= page.Total {
					break
				}
				f.Offset = len(all)
			}
			if asJSON {
				items := make([]listItem, len(all))
				for i, b := range all {
					items[i] = listItemOf(b)
				}
				return writeJSON(c.env.Stdout, items)
			}
			if len(all) == 0 {
				_, err := io.WriteString(c.env.Stdout, "Nenhum boleto encontrado.\n")
				return err
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%-6s %-15s %-18s %14s %-10s %-30s %s\n", "ID", "SEU NÚMERO", "SITUAÇÃO", "VALOR", "VENCIMENTO", "PAGADOR", "PAGO")
			for _, x := range all {
				due, paid := "-", ""
				if !x.DueDate.IsZero() {
					due = x.DueDate.BR()
				}
				if x.PaidAmount != 0 {
					paid = x.PaidAmount.BRL()
					if !x.PaidDate.IsZero() {
						paid += " em " + x.PaidDate.BR()
					}
					if x.PaidChannel != "" {
						paid += " (" + string(x.PaidChannel) + ")"
					}
				}
				fmt.Fprintf(&b, "%-6d %-15s %-18s %14s %-10s %-30s %s\n", x.ID, x.SeuNumero, store.StateLabel(x.State), x.Amount.BRL(), due, clip(x.Payer.Name, 30), paid)
			}
			_, err := io.WriteString(c.env.Stdout, b.String())
			return err
		})
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ---- boletos cancel ----

func bindCancelWith(fs *flag.FlagSet, deps accountDeps) runner {
	var reason string
	var asJSON bool
	fs.StringVar(&reason, "reason", "", "motivo do cancelamento (até 50 caracteres)")
	fs.BoolVar(&asJSON, "json", false, "saída em JSON")
	return func(ctx context.Context, c *invocation, args []string) error {
		if len(args) != 1 {
			return usageErr{"informe o número (id) do boleto: boletos cancel ID --reason MOTIVO"}
		}
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil || id <= 0 {
			return usageErr{fmt.Sprintf("id de boleto inválido: %q (use o número da coluna ID de boletos list)", args[0])}
		}
		r := strings.Join(strings.Fields(reason), " ")
		switch n := len([]rune(r)); {
		case n == 0:
			return usageErr{"informe o motivo do cancelamento com --reason MOTIVO"}
		case n > issuing.MaxCancelReason:
			return usageErr{fmt.Sprintf("o motivo do cancelamento deve ter no máximo %d caracteres; tem %d", issuing.MaxCancelReason, n)}
		}
		return withServices(ctx, c, deps, func(s *services) error {
			b, err := s.iss.Cancel(ctx, id, r)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(c.env.Stdout, listItemOf(b))
			}
			_, err = fmt.Fprintf(c.env.Stdout, "Boleto %s (id %d): %s.\n", b.SeuNumero, b.ID, store.StateLabel(b.State))
			return err
		})
	}
}
