package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

// Environment is where an account's requests go.
type Environment string

// Account environments.
const (
	EnvProduction Environment = "production" // Banco Inter, real money
	EnvSandbox    Environment = "sandbox"    // Banco Inter's sandbox
	EnvSimulator  Environment = "simulator"  // a local or remote intersim, at SimulatorURL
	EnvDemo       Environment = "demo"       // the built-in simulator, for trying the program
)

// Certificate describes the account's public mTLS certificate. The private
// key is never stored here.
type Certificate struct {
	PEM      string
	Subject  string
	Issuer   string
	Serial   string
	NotAfter time.Time // zero when unknown
}

// Account is a Banco Inter account the program issues boletos from.
//
// Nothing secret is stored: the client secret and the private key live in the
// OS keychain under names derived from ID.
type Account struct {
	ID              int64
	Name            string // unique, case-insensitive
	BankCode        string // "077"; empty means "077" on create
	Agency          string // "0001"; empty means "0001" on create
	AccountNumber   string // with its check digit
	CheckingAccount string // sent as x-conta-corrente; "" = header not sent
	Environment     Environment
	SimulatorURL    string // EnvSimulator only
	SimulatorCAPEM  string // EnvSimulator only: the CA that signs the simulator
	// DirectIntegration is on when boletos are issued through the API.
	DirectIntegration bool
	ClientID          string // OAuth client id (not secret)
	Certificate       Certificate
	// Beneficiary is the beneficiário printed on every boleto: razão social
	// (Name), CPF/CNPJ, full address and optional contact.
	Beneficiary boleto.Payer
	Logo        []byte // optional image printed on the boleto
	LogoType    string // media type of Logo, e.g. "image/png"
	// Defaults are the charges (juros, multa, desconto, numDiasAgenda) and
	// the five instruction lines a new boleto starts with.
	Defaults        boleto.Charges
	DefaultDueDays  int    // default due-date term of a new boleto, in days
	OperationNumber string // número da operação, 7 digits, printed in the campo livre; "" until known
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// accountDataColumns are the columns written from an Account, in the order
// of accountArgs.
var accountDataColumns = slices.Concat(
	[]string{"name", "bank_code", "agency", "account_number", "checking_account", "environment",
		"simulator_url", "simulator_ca_pem", "direct_integration", "client_id",
		"cert_pem", "cert_subject", "cert_issuer", "cert_serial", "cert_not_after"},
	personColumns("beneficiary_"),
	[]string{"logo", "logo_type"},
	chargesColumns,
	[]string{"default_due_days", "operation_number"},
)

// accountColumns are the columns read by scanAccount.
var accountColumns = "id, " + columnList(accountDataColumns) + ", created_at, updated_at"

// accountArgs returns the values of accountDataColumns.
func accountArgs(a *Account) []any {
	args := []any{
		a.Name, a.BankCode, a.Agency, a.AccountNumber, a.CheckingAccount, string(a.Environment),
		a.SimulatorURL, a.SimulatorCAPEM, boolInt(a.DirectIntegration), a.ClientID,
		a.Certificate.PEM, a.Certificate.Subject, a.Certificate.Issuer, a.Certificate.Serial, timeArg(a.Certificate.NotAfter),
	}
	args = append(args, personArgs(a.Beneficiary)...)
	args = append(args, a.Logo, a.LogoType)
	args = append(args, chargesArgs(a.Defaults)...)
	return append(args, a.DefaultDueDays, a.OperationNumber)
}

func scanAccount(row interface{ Scan(...any) error }) (Account, error) {
	var (
		a                Account
		env              string
		direct           int
		notAfter         sql.NullString
		cs               chargesScan
		created, updated string
	)
	dest := []any{
		&a.ID, &a.Name, &a.BankCode, &a.Agency, &a.AccountNumber, &a.CheckingAccount, &env,
		&a.SimulatorURL, &a.SimulatorCAPEM, &direct, &a.ClientID,
		&a.Certificate.PEM, &a.Certificate.Subject, &a.Certificate.Issuer, &a.Certificate.Serial, &notAfter,
	}
	dest = append(dest, personDest(&a.Beneficiary)...)
	dest = append(dest, &a.Logo, &a.LogoType)
	dest = append(dest, cs.dest()...)
	dest = append(dest, &a.DefaultDueDays, &a.OperationNumber, &created, &updated)
	if err := row.Scan(dest...); err != nil {
		return Account{}, err
	}
	a.Environment = Environment(env)
	a.DirectIntegration = direct != 0
	a.Defaults = cs.charges()
	var err error
	if a.Certificate.NotAfter, err = parseNullTime(notAfter); err != nil {
		return Account{}, err
	}
	if a.CreatedAt, err = parseTime(created); err != nil {
		return Account{}, err
	}
	if a.UpdatedAt, err = parseTime(updated); err != nil {
		return Account{}, err
	}
	return a, nil
}

// normalizeAccount applies the defaults and trims the name.
func normalizeAccount(a *Account) {
	a.Name = strings.TrimSpace(a.Name)
	if a.BankCode == "" {
		a.BankCode = boleto.InterBank
	}
	if a.Agency == "" {
		a.Agency = "0001"
	}
}

func accountNameTaken(err error, name string) error {
	return apperr.Wrap(apperr.CodeConflict, err, fmt.Sprintf("Já existe uma conta com o nome “%s”. Escolha outro nome.", name))
}

// CreateAccount stores a new account and returns it with its ID and
// timestamps. The name must be unique (ignoring case).
func (s *Store) CreateAccount(ctx context.Context, a Account) (Account, error) {
	normalizeAccount(&a)
	now := s.clock()
	a.CreatedAt, a.UpdatedAt = now, now
	err := s.write(ctx, "create account", func(tx *sql.Tx) error {
		args := append(accountArgs(&a), timeText(now), timeText(now))
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (`+columnList(accountDataColumns)+`, created_at, updated_at)
			VALUES (`+placeholders(len(args))+`)`, args...)
		if isUnique(err, "accounts.name") {
			return accountNameTaken(err, a.Name)
		}
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Account{}, err
	}
	return a, nil
}

// UpdateAccount replaces every field of the account a.ID (except CreatedAt)
// and returns it as stored.
func (s *Store) UpdateAccount(ctx context.Context, a Account) (Account, error) {
	normalizeAccount(&a)
	var out Account
	err := s.write(ctx, "update account", func(tx *sql.Tx) error {
		args := append(accountArgs(&a), timeText(s.clock()), a.ID)
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET `+setList(accountDataColumns)+`, updated_at = ? WHERE id = ?`, args...)
		if isUnique(err, "accounts.name") {
			return accountNameTaken(err, a.Name)
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound(msgAccountNotFound)
		}
		out, err = getAccount(ctx, tx, "id = ?", a.ID)
		return err
	})
	return out, err
}

// getAccount reads the one account matching where.
func getAccount(ctx context.Context, q querier, where string, args ...any) (Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, notFound(msgAccountNotFound)
	}
	return a, err
}

// GetAccount returns the account with the given ID.
func (s *Store) GetAccount(ctx context.Context, id int64) (Account, error) {
	var a Account
	err := s.read(ctx, "get account", func(q querier) (err error) {
		a, err = getAccount(ctx, q, "id = ?", id)
		return err
	})
	return a, err
}

// GetAccountByName returns the account with the given name (ignoring case
// and surrounding spaces).
func (s *Store) GetAccountByName(ctx context.Context, name string) (Account, error) {
	var a Account
	err := s.read(ctx, "get account by name", func(q querier) (err error) {
		a, err = getAccount(ctx, q, "name = ?", strings.TrimSpace(name))
		return err
	})
	return a, err
}

// ListAccounts returns every account, by name.
func (s *Store) ListAccounts(ctx context.Context) ([]Account, error) {
	var out []Account
	err := s.read(ctx, "list accounts", func(q querier) error {
		rows, err := q.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY name, id`)
		if err != nil {
			return err
		}
		out, err = scanAll(rows, scanAccount)
		return err
	})
	return out, err
}

// DeleteAccount deletes an account that has no boletos (drafts included);
// its seuNumero reservations and retorno cursor go with it. The secrets in
// the keychain are the caller's to remove.
func (s *Store) DeleteAccount(ctx context.Context, id int64) error {
	return s.write(ctx, "delete account", func(tx *sql.Tx) error {
		a, err := getAccount(ctx, tx, "id = ?", id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM boletos WHERE account_id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.CodeConflict, fmt.Sprintf(
				"Não é possível excluir a conta “%s”: ela tem %s. Os boletos guardam o histórico de cobranças e não podem ficar sem conta.",
				a.Name, plural(n, "boleto", "boletos")))
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM accounts WHERE id = ?", id)
		return err
	})
}

// plural writes "1 boleto" or "3 boletos".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
