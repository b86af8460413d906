package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mattn/go-sqlite3"

	"boletos/internal/apperr"
)

func TestDBErrorMapping(t *testing.T) {
	t.Parallel()
	s := &Store{path: "/dados/boletos.db", log: discardLogger()}
	tests := []struct {
		name string
		err  error
		code string
		msg  string
	}{
		{"busy", sqlite3.Error{Code: sqlite3.ErrBusy}, apperr.CodeUnavailable, "O banco de dados está ocupado"},
		{"locked", sqlite3.Error{Code: sqlite3.ErrLocked}, apperr.CodeUnavailable, "O banco de dados está ocupado"},
		{"full", sqlite3.Error{Code: sqlite3.ErrFull}, apperr.CodeUnavailable, "O disco está cheio"},
		{"corrupt", sqlite3.Error{Code: sqlite3.ErrCorrupt}, apperr.CodeUnavailable, "/dados/boletos.db está corrompido"},
		{"not a db", sqlite3.Error{Code: sqlite3.ErrNotADB}, apperr.CodeUnavailable, "está corrompido"},
		{"read only", sqlite3.Error{Code: sqlite3.ErrReadonly}, apperr.CodeUnavailable, "permissão de escrita"},
		{"io", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite}, apperr.CodeUnavailable, "permissão de escrita"},
		{"foreign key", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintForeignKey}, apperr.CodeConflict, "não existe mais"},
		{"unnamed check", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintCheck}, apperr.CodeInvalid, "são inválidos"},
		{"unique", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintUnique}, apperr.CodeConflict, "Já existe"},
		{"wrapped pointer", fmt.Errorf("x: %w", &sqlite3.Error{Code: sqlite3.ErrBusy}), apperr.CodeUnavailable, "ocupado"},
		{"other sqlite", sqlite3.Error{Code: sqlite3.ErrError}, apperr.CodeInternal, "boletos.log"},
		{"plain", errors.New("SELECT * FROM boletos: boom"), apperr.CodeInternal, "Não foi possível ler ou gravar os dados locais"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := s.dbError("op", tt.err)
			wantCode(t, err, tt.code, tt.msg)
			if !errors.Is(err, tt.err) {
				t.Errorf("cause %v not kept in %v", tt.err, err)
			}
		})
	}

	own := apperr.New(apperr.CodeNotFound, "Conta não encontrada.")
	if got := s.dbError("op", own); got != own {
		t.Errorf("apperr changed: %v", got)
	}
	if got := s.dbError("op", context.Canceled); !errors.Is(got, context.Canceled) {
		t.Errorf("context error lost: %v", got)
	}
	if s.dbError("op", nil) != nil {
		t.Error("nil became an error")
	}
}
