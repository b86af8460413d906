// Package boleto holds the domain of a boleto de cobrança: civil dates, money in
// centavos, the FEBRABAN barcode and linha digitável, the fator de vencimento,
// Banco Inter's campo livre, the charges (juros, multa, desconto) and the
// validation of a draft before it is sent to the bank.
//
// The package is pure: it does no I/O, never reads the wall clock (the current
// time or a reference date is always a parameter) and imports nothing from
// HTTP, SQL or the UI. Money never goes through floating point.
package boleto

// FieldError is the error returned by the parsers and encoders of this
// package. Field is a stable machine name (for example "campo2", "dv",
// "fator", "valor"); Message is a Portuguese sentence that can be shown to the
// user as is.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Message }

func fieldErr(field, msg string) *FieldError {
	return &FieldError{Field: field, Message: msg}
}
