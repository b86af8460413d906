package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"boletos/internal/apperr"
)

// Messages shown to the user. They never contain SQL.
const (
	msgCorrupt    = "O arquivo de dados %s está corrompido ou não é um banco do Boletos. Restaure um backup ou escolha outra pasta com --data-dir."
	msgUnwritable = "Não foi possível abrir ou gravar o arquivo de dados %s. Verifique se a pasta existe, se o disco está acessível e se você tem permissão de escrita, ou escolha outra pasta com --data-dir."
	msgNewer      = "O arquivo de dados %s foi gravado por uma versão mais nova do Boletos. Atualize o programa ou escolha outra pasta com --data-dir."
	msgBusy       = "O banco de dados está ocupado por outra operação do Boletos. Aguarde alguns segundos e tente de novo."
	msgFull       = "O disco está cheio: não foi possível gravar os dados. Libere espaço e tente de novo."
	msgInternal   = "Não foi possível ler ou gravar os dados locais. Tente de novo; se o problema continuar, consulte o arquivo de registro (boletos.log) na pasta de dados."
	msgBadRef     = "Um registro ligado a este (conta, pagador, documento ou boleto) não existe mais. Atualize a tela e tente de novo."
)

// checkMessages maps the names of the CHECK constraints of the schema to what
// the user must fix. A constraint missing here gets msgInvalidData.
var checkMessages = map[string]string{
	"accounts_name":               "Informe o nome da conta.",
	"accounts_bank_code":          "O código do banco deve ter 3 números (077 para o Banco Inter).",
	"accounts_environment":        "Ambiente da conta inválido: escolha produção, sandbox, simulador ou demonstração.",
	"accounts_direct_integration": "Valor inválido para a integração direta.",
	"accounts_default_due_days":   "O prazo padrão de vencimento não pode ser negativo.",
	"accounts_operation_number":   "O número da operação deve ter exatamente 7 números.",
	"charges_interest_code":       "Escolha o tipo de juros: taxa ao mês ou valor por dia.",
	"charges_fine_code":           "Escolha o tipo de multa: percentual ou valor fixo.",
	"charges_discount_code":       "Escolha o tipo de desconto: percentual ou valor fixo.",
	"charges_not_negative":        "Taxas, valores e dias de juros, multa e desconto não podem ser negativos.",
	"charges_agenda_days":         "O prazo para pagamento após o vencimento deve ser de 0 a 60 dias.",
	"payers_document":             "Informe o CPF/CNPJ do pagador.",
	"documents_kind":              "Tipo de documento desconhecido.",
	"documents_access_key":        "A chave de acesso deve ter exatamente 44 números.",
	"documents_issue_date":        "A data de emissão do documento é inválida.",
	"documents_total":             "O valor total do documento não pode ser negativo.",
	"documents_file_sha256":       "A identificação (SHA-256) do arquivo importado é inválida.",
	"seu_numero_length":           "O seu número deve ter de 1 a 15 caracteres.",
	"boletos_state":               "Situação de boleto desconhecida.",
	"boletos_amount":              "O valor do boleto não pode ser negativo.",
	"boletos_dates":               "Uma das datas do boleto é inválida.",
	"boletos_paid_channel":        "Forma de recebimento desconhecida: use BOLETO ou PIX.",
	"boletos_installment":         "A parcela deve estar entre 1 e o total de parcelas.",
	"boletos_final_beneficiary":   "Os dados do beneficiário final são inválidos.",
	"boletos_counters":            "Contadores do boleto inválidos.",
	"boleto_events_kind":          "Informe o tipo do evento.",
	"boleto_events_details":       "Os detalhes do evento não são um JSON válido.",
}

const msgInvalidData = "Os dados informados não puderam ser gravados porque são inválidos. Confira os campos e tente de novo."

// ErrNotFound is the cause of every CodeNotFound error of the store, for
// callers that test with errors.Is.
var ErrNotFound = errors.New("store: not found")

// notFound is the error for a missing record, with the user's message.
func notFound(msg string) error {
	return apperr.Wrap(apperr.CodeNotFound, ErrNotFound, msg)
}

// Not-found messages.
const (
	msgAccountNotFound  = "Conta não encontrada. Ela pode ter sido excluída; atualize a tela."
	msgPayerNotFound    = "Pagador não encontrado. Ele pode ter sido excluído; atualize a tela."
	msgBoletoNotFound   = "Boleto não encontrado. Ele pode ter sido excluído; atualize a tela."
	msgDocumentNotFound = "Documento não encontrado. Ele pode ter sido excluído; atualize a tela."
)

// isUnique reports whether err is a UNIQUE violation of the given
// "table.column" (as SQLite names it, e.g. "accounts.name").
func isUnique(err error, tableColumn string) bool {
	se, ok := sqliteErr(err)
	if !ok || se.ExtendedCode != sqlite3.ErrConstraintUnique && se.ExtendedCode != sqlite3.ErrConstraintPrimaryKey {
		return false
	}
	_, cols, found := strings.Cut(se.Error(), "constraint failed: ")
	if !found {
		return false
	}
	for c := range strings.SplitSeq(cols, ",") {
		if strings.TrimSpace(c) == tableColumn {
			return true
		}
	}
	return false
}

// dbError translates an error from a transaction into an *apperr.Error. An
// *apperr.Error passes through; a context error is only annotated (so that
// apperr.Describe reports the cancellation); SQLite errors get the message
// of their kind; the rest is internal. The cause is always kept.
func (s *Store) dbError(op string, err error) error {
	var ae *apperr.Error
	if err == nil || errors.As(err, &ae) {
		return err
	}
	if isContextErr(err) {
		return fmt.Errorf("%s: %w", op, err)
	}
	cause := fmt.Errorf("%s: %w", op, err)
	se, ok := sqliteErr(err)
	if !ok {
		if errors.Is(err, sql.ErrConnDone) || errors.Is(err, sql.ErrTxDone) {
			s.log.Error("store: connection closed", "op", op, "err", err)
		} else {
			s.log.Error("store: unexpected error", "op", op, "err", err)
		}
		return apperr.Wrap(apperr.CodeInternal, cause, msgInternal)
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		s.log.Warn("store: database busy", "op", op, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, cause, msgBusy)
	case sqlite3.ErrInterrupt:
		return apperr.Wrap(apperr.CodeCanceled, cause, "A operação foi interrompida.")
	case sqlite3.ErrFull:
		s.log.Error("store: disk full", "op", op, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, cause, msgFull)
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		s.log.Error("store: database corrupt", "op", op, "path", s.path, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, cause, fmt.Sprintf(msgCorrupt, s.path))
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
		s.log.Error("store: cannot write database", "op", op, "path", s.path, "err", err)
		return apperr.Wrap(apperr.CodeUnavailable, cause, fmt.Sprintf(msgUnwritable, s.path))
	case sqlite3.ErrConstraint:
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintCheck:
			_, name, _ := strings.Cut(se.Error(), "constraint failed: ")
			if msg, ok := checkMessages[strings.TrimSpace(name)]; ok {
				return apperr.Wrap(apperr.CodeInvalid, cause, msg)
			}
			return apperr.Wrap(apperr.CodeInvalid, cause, msgInvalidData)
		case sqlite3.ErrConstraintForeignKey:
			return apperr.Wrap(apperr.CodeConflict, cause, msgBadRef)
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return apperr.Wrap(apperr.CodeConflict, cause, "Já existe um registro com estes dados.")
		case sqlite3.ErrConstraintNotNull:
			return apperr.Wrap(apperr.CodeInvalid, cause, msgInvalidData)
		}
	}
	s.log.Error("store: database error", "op", op, "err", err)
	return apperr.Wrap(apperr.CodeInternal, cause, msgInternal)
}
