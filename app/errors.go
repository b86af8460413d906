package app

import (
	"context"
	"log/slog"

	"boletos/internal/apperr"
)

// ErrorDTO is what the frontend receives for every failed call.
type ErrorDTO struct {
	Code    string                `json:"code"`
	Message string                `json:"message"`
	Fields  []apperr.FieldProblem `json:"fields,omitempty"` // per-field problems of a form
}

// ErrorFormatter turns any error into {code, message}. The full error goes to
// the log; only the safe message reaches the user.
type ErrorFormatter struct{ Log *slog.Logger }

// Format is the function handed to Wails (options.App.ErrorFormatter) and to
// the browser mode.
func (f ErrorFormatter) Format(err error) any { return f.DTO(err) }

// DTO is Format with its concrete type.
func (f ErrorFormatter) DTO(err error) ErrorDTO {
	code, msg := apperr.Describe(err)
	level := slog.LevelInfo
	if code == apperr.CodeInternal {
		level = slog.LevelError
	}
	if f.Log != nil {
		f.Log.Log(context.Background(), level, "call failed", "code", code, "err", err)
	}
	return ErrorDTO{Code: code, Message: msg, Fields: apperr.Fields(err)}
}
