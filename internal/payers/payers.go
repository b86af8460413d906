// Package payers keeps the register of pagadores: the customers boletos are
// issued to, reused when issuing and when importing documents. It normalises
// what the user typed, validates it with the rules of the boleto domain (all
// problems at once) and stores it.
package payers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"unicode"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/store"
)

// Options are the optional collaborators of a Service.
type Options struct {
	// Logger receives a record of every change (payer IDs only, never
	// personal data); nil discards them.
	Logger *slog.Logger
}

// Service creates, edits, finds and deletes payers. It is safe for
// concurrent use.
type Service struct {
	st  *store.Store
	log *slog.Logger
}

// New returns a Service over the store.
func New(st *store.Store, opts Options) *Service {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{st: st, log: log}
}

// Field paths of the problems this package reports, named after the payer's
// fields as the forms know them.
const (
	FieldDocument   = "document"
	FieldName       = "name"
	FieldAddress    = "address"
	FieldNumber     = "number"
	FieldComplement = "complement"
	FieldDistrict   = "district"
	FieldCity       = "city"
	FieldUF         = "uf"
	FieldCEP        = "cep"
	FieldEmail      = "email"
	FieldDDD        = "ddd"
	FieldPhone      = "phone"
)

// domainFields maps the field names of boleto.ValidatePayer to ours.
var domainFields = map[string]string{
	"documento":   FieldDocument,
	"nome":        FieldName,
	"endereco":    FieldAddress,
	"numero":      FieldNumber,
	"complemento": FieldComplement,
	"bairro":      FieldDistrict,
	"cidade":      FieldCity,
	"uf":          FieldUF,
	"cep":         FieldCEP,
	"email":       FieldEmail,
	"ddd":         FieldDDD,
	"telefone":    FieldPhone,
}

// Normalize returns p as it is stored: texts trimmed, the CPF/CNPJ without
// its mask and in upper case, the UF in upper case, and the CEP, DDD and
// phone without separators. Characters that are not separators are kept, so
// that validation can point at them.
func Normalize(p boleto.Payer) boleto.Payer {
	return boleto.Payer{
		Document:   brazil.NormalizeDocument(p.Document),
		Name:       strings.TrimSpace(p.Name),
		Address:    strings.TrimSpace(p.Address),
		Number:     strings.TrimSpace(p.Number),
		Complement: strings.TrimSpace(p.Complement),
		District:   strings.TrimSpace(p.District),
		City:       strings.TrimSpace(p.City),
		UF:         strings.ToUpper(strings.TrimSpace(p.UF)),
		CEP:        withoutSeparators(p.CEP, "-."),
		Email:      strings.TrimSpace(p.Email),
		DDD:        withoutSeparators(p.DDD, "-.()"),
		Phone:      withoutSeparators(p.Phone, "-.()"),
	}
}

// withoutSeparators removes white space and the given punctuation.
func withoutSeparators(s, punct string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(punct, r) {
			return -1
		}
		return r
	}, s)
}

// Validate normalises p and checks it. It returns the normalised payer and
// its warnings (a CEP outside the UF's range), or an *apperr.Error with code
// apperr.CodeInvalid listing every blocking problem by field.
func Validate(p boleto.Payer) (boleto.Payer, boleto.Problems, error) {
	n := Normalize(p)
	shown := n
	shown.CEP = brazil.FormatCEP(n.CEP) // messages quote the CEP as people write it
	problems := boleto.ValidatePayer(shown, "")
	for i := range problems {
		if f, ok := domainFields[problems[i].Field]; ok {
			problems[i].Field = f
		}
	}
	errs := problems.Errors()
	if len(errs) == 0 {
		return n, problems.Warnings(), nil
	}
	e := &apperr.Error{Code: apperr.CodeInvalid, Message: errs[0].Message}
	if len(errs) > 1 {
		e.Message = fmt.Sprintf("Há %d problemas no cadastro do pagador. Corrija os campos indicados e salve de novo.", len(errs))
	}
	for _, p := range errs {
		e.Fields = append(e.Fields, apperr.FieldProblem{Field: p.Field, Message: p.Message})
	}
	return boleto.Payer{}, nil, e
}

// Create validates and stores a new payer. A CEP outside the UF's range does
// not stop it: the payer is saved and the warning returned to be shown.
func (s *Service) Create(ctx context.Context, p boleto.Payer) (store.Payer, boleto.Problems, error) {
	n, warnings, err := Validate(p)
	if err != nil {
		return store.Payer{}, nil, err
	}
	saved, err := s.st.CreatePayer(ctx, store.Payer{Payer: n})
	if err != nil {
		return store.Payer{}, nil, s.explainConflict(ctx, err, n.Document, "create payer")
	}
	s.log.Info("payer created", "payer", saved.ID)
	return saved, warnings, nil
}

// Update validates p and replaces the data of payer id with it, returning
// the payer as stored and its warnings.
func (s *Service) Update(ctx context.Context, id int64, p boleto.Payer) (store.Payer, boleto.Problems, error) {
	n, warnings, err := Validate(p)
	if err != nil {
		return store.Payer{}, nil, err
	}
	saved, err := s.st.UpdatePayer(ctx, store.Payer{ID: id, Payer: n})
	if err != nil {
		return store.Payer{}, nil, s.explainConflict(ctx, err, n.Document, fmt.Sprintf("update payer %d", id))
	}
	s.log.Info("payer updated", "payer", id)
	return saved, warnings, nil
}

// explainConflict turns the store's refusal of a duplicate CPF/CNPJ into an
// error that names the payer who already has it, on the document field.
// Other errors are returned wrapped.
func (s *Service) explainConflict(ctx context.Context, err error, document, op string) error {
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.CodeConflict {
		return fmt.Errorf("%s: %w", op, err)
	}
	other, lookErr := s.st.GetPayerByDocument(ctx, document)
	if lookErr != nil {
		// Deleted in between, or unreadable: the store's message still holds.
		return fmt.Errorf("%s: %w", op, err)
	}
	msg := fmt.Sprintf("Já existe um pagador com este CPF/CNPJ: %s.", other.Name)
	return &apperr.Error{
		Code:    apperr.CodeConflict,
		Message: msg,
		Fields: []apperr.FieldProblem{{
			Field:   FieldDocument,
			Message: fmt.Sprintf("Este CPF/CNPJ já está cadastrado para %s. Busque esse pagador na lista para editá-lo.", other.Name),
		}},
		Err: err,
	}
}

// Get returns the payer with the given ID.
func (s *Service) Get(ctx context.Context, id int64) (store.Payer, error) {
	return s.st.GetPayer(ctx, id)
}

// Search returns up to limit payers (default 20, at most 500) whose name or
// CPF/CNPJ contains every word of query, ignoring case, accents and the
// document's mask. An empty query lists payers by name.
func (s *Service) Search(ctx context.Context, query string, limit int) ([]store.Payer, error) {
	return s.st.SearchPayers(ctx, query, limit)
}

// Delete removes a payer from the register. Boletos already created for it
// keep their own copy of its data.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := s.st.DeletePayer(ctx, id); err != nil {
		return fmt.Errorf("delete payer %d: %w", id, err)
	}
	s.log.Info("payer deleted", "payer", id)
	return nil
}
