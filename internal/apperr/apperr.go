// Package apperr defines the one error type that carries a stable code and a
// safe Portuguese message for the person using the program. Detail for the log
// stays in the wrapped error, never in Message.
package apperr

import (
	"context"
	"errors"
	"fmt"
)

// Codes the frontend and the command line switch on.
const (
	CodeInvalid     = "invalid_input" // the user can fix the input
	CodeNotFound    = "not_found"
	CodeConflict    = "conflict"
	CodeUnavailable = "unavailable" // bank, keychain, disk or network not reachable now
	CodeAuth        = "unauthorized"
	CodeCanceled    = "canceled"
	CodeTimeout     = "timeout"
	CodeInternal    = "internal"
)

// Error is an error with a code and a message safe to show to the user.
type Error struct {
	Code    string
	Message string         // pt-BR, no secrets, no stack traces
	Fields  []FieldProblem // for input errors: what is wrong with each form field
	Err     error          // the cause, for the log only
}

// FieldProblem is one problem of one form field, shown beside it.
type FieldProblem struct {
	Field   string `json:"field"` // stable path, e.g. "pagador.cep"
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// fielder is implemented by validation errors of other packages (e.g.
// boleto.ValidationError), so they reach the user as input errors with their
// fields without this package knowing them.
type fielder interface {
	error
	FieldProblems() []FieldProblem
}

// Fields returns the field problems an error carries, if any.
func Fields(err error) []FieldProblem {
	var e *Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields
	}
	var f fielder
	if errors.As(err, &f) {
		return f.FieldProblems()
	}
	return nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an *Error with the given code and user message.
func New(code, message string) *Error { return &Error{Code: code, Message: message} }

// Wrap returns an *Error that keeps err as its cause.
func Wrap(code string, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// Invalid is an input error; format follows fmt.Sprintf.
func Invalid(format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}

// Generic messages, for errors that carry none of their own.
const (
	msgInternal = "Ocorreu um erro inesperado. Tente de novo; se o problema continuar, consulte o arquivo de registro (boletos.log) na pasta de dados."
	msgCanceled = "A operação foi interrompida porque o programa está sendo encerrado."
	msgTimeout  = "A operação demorou demais e foi interrompida. Verifique a conexão e tente de novo."
)

// Describe returns the code and the user message of any error. Errors that are
// not *Error get a generic message, so no internal detail reaches the user.
func Describe(err error) (code, message string) {
	var e *Error
	var f fielder
	switch {
	case err == nil:
		return "", ""
	case errors.As(err, &e):
		return e.Code, e.Message
	case errors.As(err, &f):
		return CodeInvalid, f.Error()
	case errors.Is(err, context.Canceled):
		return CodeCanceled, msgCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout, msgTimeout
	default:
		return CodeInternal, msgInternal
	}
}
