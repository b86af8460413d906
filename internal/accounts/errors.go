package accounts

import (
	"fmt"

	"boletos/internal/apperr"
)

// fieldErr is an input error about one field of the account form.
func fieldErr(field, msg string) *apperr.Error {
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: []apperr.FieldProblem{{Field: field, Message: msg}}}
}

// wrapField is fieldErr keeping cause for the log.
func wrapField(cause error, field, msg string) *apperr.Error {
	e := fieldErr(field, msg)
	e.Err = cause
	return e
}

// problems collects every problem of a form, so that the user sees them all
// at once.
type problems struct{ list []apperr.FieldProblem }

func (p *problems) add(field, format string, args ...any) {
	p.list = append(p.list, apperr.FieldProblem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) warn(field, format string, args ...any) {
	p.list = append(p.list, apperr.FieldProblem{Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
}

// merge adds the field problems of err (an *apperr.Error from a nested
// check), or reports false when err carries none.
func (p *problems) merge(err error) bool {
	fields := apperr.Fields(err)
	if len(fields) == 0 {
		return false
	}
	p.list = append(p.list, fields...)
	return true
}

// blocking reports whether any problem is not a mere warning.
func (p *problems) blocking() bool {
	for _, f := range p.list {
		if !f.Warning {
			return true
		}
	}
	return false
}

// err returns nil when nothing blocks, else one input error carrying every
// problem (warnings included, so they show beside the errors). Its message
// is the first blocking problem's when it is the only one.
func (p *problems) err() error {
	if !p.blocking() {
		return nil
	}
	var first string
	n := 0
	for _, f := range p.list {
		if !f.Warning {
			if n == 0 {
				first = f.Message
			}
			n++
		}
	}
	msg := first
	if n > 1 {
		msg = fmt.Sprintf("Há %d campos a corrigir. %s", n, first)
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: append([]apperr.FieldProblem(nil), p.list...)}
}
