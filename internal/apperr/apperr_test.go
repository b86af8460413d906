package apperr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	secret := errors.New("dial tcp 10.0.0.1: token=abc123")
	tests := []struct {
		name     string
		err      error
		code     string
		contains string
	}{
		{"nil", nil, "", ""},
		{"own error", Invalid("Valor inválido: %s", "abc"), CodeInvalid, "Valor inválido: abc"},
		{"wrapped own error", fmt.Errorf("issue: %w", New(CodeNotFound, "Boleto não encontrado.")), CodeNotFound, "Boleto não encontrado."},
		{"cause kept out of message", Wrap(CodeUnavailable, secret, "Banco indisponível."), CodeUnavailable, "Banco indisponível."},
		{"canceled", fmt.Errorf("x: %w", context.Canceled), CodeCanceled, "interrompida"},
		{"deadline", context.DeadlineExceeded, CodeTimeout, "demorou"},
		{"unknown error hides detail", secret, CodeInternal, "erro inesperado"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, msg := Describe(tt.err)
			if code != tt.code {
				t.Errorf("code = %q, want %q", code, tt.code)
			}
			if !strings.Contains(msg, tt.contains) {
				t.Errorf("message = %q, want it to contain %q", msg, tt.contains)
			}
			if strings.Contains(msg, "abc123") {
				t.Errorf("message leaks the cause: %q", msg)
			}
		})
	}
}

func TestWrapKeepsCause(t *testing.T) {
	t.Parallel()
	cause := errors.New("disk full")
	err := Wrap(CodeUnavailable, cause, "Não foi possível gravar.")
	if !errors.Is(err, cause) {
		t.Fatal("errors.Is does not find the cause")
	}
}

type formError struct{}

func (formError) Error() string { return "Há 2 problemas a corrigir." }
func (formError) FieldProblems() []FieldProblem {
	return []FieldProblem{{Field: "valor", Message: "Informe o valor."}, {Field: "pagador.cep", Message: "CEP fora da UF.", Warning: true}}
}

func TestFieldsReachTheUser(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("save: %w", formError{})
	code, msg := Describe(err)
	if code != CodeInvalid || msg != "Há 2 problemas a corrigir." {
		t.Errorf("Describe = %q %q", code, msg)
	}
	if f := Fields(err); len(f) != 2 || f[0].Field != "valor" || !f[1].Warning {
		t.Errorf("Fields = %+v", f)
	}
	own := &Error{Code: CodeInvalid, Message: "x", Fields: []FieldProblem{{Field: "nome", Message: "Informe o nome."}}}
	if f := Fields(fmt.Errorf("w: %w", own)); len(f) != 1 || f[0].Field != "nome" {
		t.Errorf("own Fields = %+v", f)
	}
	if Fields(errors.New("plain")) != nil {
		t.Error("plain error has fields")
	}
}
