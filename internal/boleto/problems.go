package boleto

import (
	"boletos/internal/apperr"

	"fmt"
	"strings"
)

// Problem is one finding of a validation: Field is a stable path into the
// draft ("valor", "pagador.cep", "juros.taxa", "mensagem.linha3"), Message a
// Portuguese sentence for the user. A Warning does not block issuing.
type Problem struct {
	Field   string
	Message string
	Warning bool
}

// Problems is the list of findings of a validation, in a stable order.
type Problems []Problem

// Errors returns the problems that block issuing.
func (ps Problems) Errors() Problems { return ps.filter(false) }

// Warnings returns the problems that do not block issuing.
func (ps Problems) Warnings() Problems { return ps.filter(true) }

func (ps Problems) filter(warning bool) Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning == warning {
			out = append(out, p)
		}
	}
	return out
}

// Field returns the problems about one field path.
func (ps Problems) Field(path string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Field == path {
			out = append(out, p)
		}
	}
	return out
}

// Err returns nil when no problem blocks issuing, and a *ValidationError
// holding the blocking problems otherwise.
func (ps Problems) Err() error {
	errs := ps.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Problems: errs}
}

// ValidationError carries the blocking problems of a validation. Use
// errors.As to reach the list and show each message beside its field.
type ValidationError struct {
	Problems Problems
}

// FieldProblems lets the error reach the user as an input error with its
// fields (see apperr.Fields).
func (e *ValidationError) FieldProblems() []apperr.FieldProblem {
	out := make([]apperr.FieldProblem, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = apperr.FieldProblem{Field: p.Field, Message: p.Message, Warning: p.Warning}
	}
	return out
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].Message
	}
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return fmt.Sprintf("Há %d problemas a corrigir: %s", len(e.Problems), strings.Join(msgs, " "))
}

// problemList collects problems during a validation.
type problemList struct{ ps Problems }

func (l *problemList) add(field, format string, args ...any) {
	l.ps = append(l.ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (l *problemList) warn(field, format string, args ...any) {
	l.ps = append(l.ps, Problem{Field: field, Message: fmt.Sprintf(format, args...), Warning: true})
}
