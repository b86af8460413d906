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
