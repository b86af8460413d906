package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) Emit(name Event, _ any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, name)
}

func TestShutdownCancelsAndWaits(t *testing.T) {
	t.Parallel()
	a := New(Config{Version: "test"})
	finished := make(chan struct{})
	a.Go(func(ctx context.Context) {
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // still working after cancellation
		close(finished)
	})
	a.Shutdown()
	select {
	case <-finished:
	default:
		t.Fatal("Shutdown returned before the background work finished")
	}
	ctx, cancel := a.callContext(time.Minute)
	defer cancel()
	if ctx.Err() == nil {
		t.Error("calls after shutdown get a live context")
	}
}

func TestEmitterIsSwappable(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	a.emit(EventNotice, Notice{}) // no frontend yet: dropped, no panic
	rec := &recorder{}
	a.SetEmitter(rec)
	a.emit(EventBoletoChanged, nil)
	a.Shutdown()
	a.emit(EventNotice, nil) // after shutdown: dropped
	if len(rec.events) != 1 || rec.events[0] != EventBoletoChanged {
		t.Errorf("events = %v", rec.events)
	}
}

func TestErrorFormatter(t *testing.T) {
	t.Parallel()
	f := ErrorFormatter{}
	got := f.DTO(apperr.Invalid("Informe o valor."))
	if got.Code != apperr.CodeInvalid || got.Message != "Informe o valor." || got.Fields != nil {
		t.Errorf("own error = %+v", got)
	}
	draft := boleto.ValidateDraft(boleto.Draft{}, time.Now()).Err()
	got = f.DTO(fmt.Errorf("save draft: %w", draft))
	if got.Code != apperr.CodeInvalid || len(got.Fields) < 2 || got.Fields[0].Field == "" {
		t.Errorf("draft validation = %+v", got)
	}
	dto := f.Format(errors.New("sql: database is locked at /home/x")).(ErrorDTO)
	if dto.Code != apperr.CodeInternal || dto.Message == "" || dto.Message == "sql: database is locked at /home/x" {
		t.Errorf("internal error leaked or empty: %+v", dto)
	}
}

func TestSystemInfo(t *testing.T) {
	t.Parallel()
	a := New(Config{Version: "1.0.0", DataDir: "/tmp/x"})
	info, err := a.System.Info()
	if err != nil || info.Version != "1.0.0" || info.DataDir != "/tmp/x" {
		t.Errorf("Info = %+v, %v", info, err)
	}
}

func TestDecodeBarcode(t *testing.T) {
	t.Parallel()
	a := New(Config{Now: func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }})
	info, err := a.Tools.DecodeBarcode("07790.00116 12064.449908 08159.365561 7 90020000015130")
	if err != nil {
		t.Fatal(err)
	}
	want := BarcodeInfo{
		Bank: "077", BankName: "Banco Inter S.A.",
		Barcode:       "07797900200000151300001112064449900815936556",
		DigitableLine: "07790001161206444990808159365561790020000015130",
		Formatted:     "07790.00116 12064.449908 08159.365561 7 90020000015130",
		DueDate:       "2022-05-31", AmountCents: 15130, Amount: "R$ 151,30",
	}
	if info != want {
		t.Errorf("got  %+v\nwant %+v", info, want)
	}
	_, err = a.Tools.DecodeBarcode("07790.00116 12064.449908 08159.365561 7 9002000001513")
	code, msg := apperr.Describe(err)
	if code != apperr.CodeInvalid || msg == "" {
		t.Errorf("short linha: %q %q", code, msg)
	}
}

func TestDecodePix(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	info, err := a.Tools.DecodePix("00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E")
	if err != nil {
		t.Fatal(err)
	}
	if info.Amount != "R$ 9,50" || info.MerchantCity != "ROLANDIA" || !info.Dynamic || info.CRC != "EE2E" {
		t.Errorf("info = %+v", info)
	}
	_, err = a.Tools.DecodePix("000201")
	if code, _ := apperr.Describe(err); code != apperr.CodeInvalid {
		t.Errorf("garbage: code %q", code)
	}
}

type brokenKeychain struct{ err error }

func (k brokenKeychain) Check(context.Context) error { return k.err }

func TestMissingKeychainIsOneSentenceOnScreen(t *testing.T) {
	t.Parallel()
	msg := "Nenhum cofre de senhas do sistema foi encontrado. Instale o gnome-keyring."
	a := New(Config{Keychain: brokenKeychain{apperr.Wrap(apperr.CodeUnavailable, errors.New("dbus: no provider"), msg)}})
	rec := &recorder{}
	a.SetEmitter(rec)
	a.Start()
	a.Shutdown() // waits for the check
	info, _ := a.System.Info()
	if len(info.Warnings) != 1 || info.Warnings[0] != msg {
		t.Errorf("warnings = %q", info.Warnings)
	}
	if len(rec.events) != 1 || rec.events[0] != EventNotice {
		t.Errorf("events = %v", rec.events)
	}
}

func TestWorkingKeychainNoWarning(t *testing.T) {
	t.Parallel()
	a := New(Config{Keychain: brokenKeychain{nil}})
	a.Start()
	a.Shutdown()
	if info, _ := a.System.Info(); len(info.Warnings) != 0 {
		t.Errorf("warnings = %q", info.Warnings)
	}
}

type fakeWorker struct {
	mu      sync.Mutex
	started context.Context
	stopped bool
}

func (w *fakeWorker) Start(ctx context.Context) { w.mu.Lock(); w.started = ctx; w.mu.Unlock() }
func (w *fakeWorker) Stop()                     { w.mu.Lock(); w.stopped = true; w.mu.Unlock() }

func TestWorkersLiveAsLongAsTheSession(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	w := &fakeWorker{}
	a.AddWorkers(w)
	a.Start()
	if w.started == nil || w.started.Err() != nil {
		t.Fatal("worker not started with the app's live context")
	}
	rec := &recorder{}
	a.SetEmitter(rec)
	a.Events().Emit("boleto:changed", nil) // what the services call
	a.Shutdown()
	if !w.stopped || w.started.Err() == nil {
		t.Errorf("after Shutdown: stopped=%v ctx=%v", w.stopped, w.started.Err())
	}
	if len(rec.events) != 1 || rec.events[0] != EventBoletoChanged {
		t.Errorf("events = %v", rec.events)
	}
}
