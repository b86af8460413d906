package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Event is the name of an event sent to the frontend. The frontend mirrors
// these names in src/lib/events.ts.
type Event string

const (
	// EventBoletoChanged carries a BoletoChanged payload when a boleto moves state.
	EventBoletoChanged Event = "boleto:changed"
	// EventBatchProgress carries an issuing.Progress (job, done, failed,
	// remaining, total) at most every 100 ms while a batch runs.
	EventBatchProgress Event = "batch:progress"
	// EventRetornoFinished is sent after each poll of the bank for payments.
	EventRetornoFinished Event = "retorno:finished"
	// EventNotice is a message for the user (pt-BR) outside a call's answer.
	EventNotice Event = "app:notice"
)

// Notice is the payload of EventNotice.
type Notice struct {
	Level   string `json:"level"` // info, warning, error
	Message string `json:"message"`
}

// Emitter delivers events to the frontend.
type Emitter interface {
	Emit(name Event, payload any)
}

// EmitterFunc adapts a function to Emitter (the browser mode's event stream).
type EmitterFunc func(name Event, payload any)

// Emit calls f.
func (f EmitterFunc) Emit(name Event, payload any) { f(name, payload) }

// runtimeEmitter is the one place that calls the Wails runtime for events.
// ctx must be the context Wails handed to OnStartup: runtime calls with any
// other context end the process.
type runtimeEmitter struct{ ctx context.Context }

func (r runtimeEmitter) Emit(name Event, payload any) {
	runtime.EventsEmit(r.ctx, string(name), payload)
}
