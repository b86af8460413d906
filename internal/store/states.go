package store

// State is the local state of a boleto (see DESIGN.md, "Local boleto states").
type State string

// Boleto states. The schema has a CHECK constraint with exactly these values.
const (
	StateDraft           State = "draft"            // editable, local only
	StateQueued          State = "queued"           // waiting for the issuing worker
	StateSending         State = "sending"          // may have reached the bank: reconcile before resending
	StateProcessing      State = "processing"       // bank gave codigoSolicitacao, no barcode yet
	StateIssued          State = "issued"           // A_RECEBER: barcode, linha, Pix present
	StateOverdue         State = "overdue"          // ATRASADO
	StatePaid            State = "paid"             // RECEBIDO or MARCADO_RECEBIDO
	StateCancelRequested State = "cancel_requested" // cancellation sent, not yet confirmed
	StateCancelled       State = "cancelled"        // CANCELADO
	StateExpired         State = "expired"          // EXPIRADO: not paid within numDiasAgenda
	StateFailed          State = "failed"           // FALHA_EMISSAO or refused by the bank
	StateProtested       State = "protested"        // PROTESTO
)

// States lists every state, in the order of the lifecycle.
func States() []State {
	return []State{
		StateDraft, StateQueued, StateSending, StateProcessing, StateIssued, StateOverdue, StatePaid,
		StateCancelRequested, StateCancelled, StateExpired, StateFailed, StateProtested,
	}
}

var stateLabels = map[State]string{
	StateDraft:           "Rascunho",
	StateQueued:          "Na fila",
	StateSending:         "Enviando",
	StateProcessing:      "Em processamento",
	StateIssued:          "Emitido",
	StateOverdue:         "Vencido",
	StatePaid:            "Liquidado",
	StateCancelRequested: "Cancelando",
	StateCancelled:       "Cancelado",
	StateExpired:         "Expirado",
	StateFailed:          "Falha na emissão",
	StateProtested:       "Protesto",
}

// StateLabel returns the Portuguese label of a state as the UI shows it, or
// the code itself for an unknown state.
func StateLabel(s State) string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is one of the known states.
func (s State) Valid() bool {
	_, ok := stateLabels[s]
	return ok
}

// EventKind says what happened to a boleto in an audit event.
type EventKind string

// Event kinds. The column is free text so that later issues can add kinds
// without a migration; use these constants.
const (
	EventCreated     EventKind = "created"      // draft created
	EventEdit        EventKind = "edit"         // draft or failed boleto edited locally
	EventQueued      EventKind = "queued"       // put in the issuing queue
	EventSendAttempt EventKind = "send_attempt" // request about to be sent to the bank
	EventReconciled  EventKind = "reconciled"   // an unknown outcome was resolved with the bank
	EventIssued      EventKind = "issued"       // barcode, linha and Pix received
	EventStatus      EventKind = "status"       // the bank's situation changed (overdue, expired, protested…)
	EventPaid        EventKind = "paid"         // payment received
	EventCancel      EventKind = "cancel"       // cancellation requested or confirmed
	EventError       EventKind = "error"        // a failure worth keeping in the history
	EventEmail       EventKind = "email"        // the boleto was queued, sent or refused by e-mail
)

// PaidChannel is how a boleto was paid (the bank's origemRecebimento).
type PaidChannel string

// Payment channels.
const (
	PaidByBoleto PaidChannel = "BOLETO"
	PaidByPix    PaidChannel = "PIX"
)

// Flags are markers about a boleto that need the user's attention.
type Flags uint32

// Boleto flags.
const (
	// FlagCodeMismatch: the bank's linha digitável does not match its
	// barcode, or either fails its check digits.
	FlagCodeMismatch Flags = 1 << iota
	// FlagNoPix: issued without a Pix QR code (the account has no Pix key).
	FlagNoPix
	// FlagAmountMismatch: the amount or due date the bank reports (or its
	// barcode carries) differs from what was sent.
	FlagAmountMismatch
)

// Has reports whether every flag in f2 is set in f.
func (f Flags) Has(f2 Flags) bool { return f&f2 == f2 }
