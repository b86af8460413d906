package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/inter"
	"boletos/internal/notify"
)

// payloads records the events of one name with their payloads.
type payloads struct {
	name Event
	mu   sync.Mutex
	got  []any
}

func (p *payloads) Emit(name Event, payload any) {
	if name != p.name {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got = append(p.got, payload)
}

func (p *payloads) all() []any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.got)
}

// fakeSystem stands for the operating system's notifications.
type fakeSystem struct {
	mu     sync.Mutex
	shown  []systemNotification
	fail   error
	closed bool
}

func (f *fakeSystem) Notify(n systemNotification) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.shown = append(f.shown, n)
	return nil
}

func (f *fakeSystem) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
}

func (f *fakeSystem) all() []systemNotification {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.shown)
}

func TestBoletoPaidAtTheSimulatorIsNotified(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	n, err := notify.New(notify.Config{Store: env.st, Certificates: env.svc, Debounce: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	env.app.UseNotifications(n)
	n.Start(env.app.ctx) // the app was started before; Shutdown stops it with the rest
	events := &payloads{name: EventNotificationNew}
	env.app.SetEmitter(events)
	sys := &fakeSystem{}
	env.app.mu.Lock()
	env.app.osNotify = sys // as in the window
	env.app.mu.Unlock()

	d, err := env.app.Boletos.IssueNow(validForm(t, env))
	if err != nil {
		t.Fatal(err)
	}
	d = waitState(t, env, d.Row.ID, "issued")
	if list, err := env.app.Notifications.List(NotificationQuery{}); err != nil || len(list.Items) != 0 || list.Unread != 0 {
		t.Fatalf("before the payment: %+v, %v", list, err)
	}

	ctx := context.Background()
	client, err := env.svc.Client(ctx, env.accountID)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SandboxPay(ctx, d.CodigoSolicitacao, inter.PayRequest{PagarCom: inter.FormaPix}); err != nil {
		t.Fatal(err)
	}
	if err := env.app.Boletos.SyncNow(); err != nil {
		t.Fatal(err)
	}
	waitState(t, env, d.Row.ID, "paid")

	var list NotificationList
	deadline := time.Now().Add(20 * time.Second)
	for {
		if list, err = env.app.Notifications.List(NotificationQuery{}); err != nil {
			t.Fatal(err)
		}
		if len(list.Items) > 0 && len(sys.all()) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no notification 20 s after the payment: %+v, shown %+v", list, sys.all())
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := list.Items[0]
	wantBody := "Maria da Conceição Souza pagou R$ 159,90 por Pix — boleto " + d.Row.SeuNumero
	if len(list.Items) != 1 || list.Unread != 1 || got.Kind != "paid" || got.Title != "Boleto pago" ||
		!strings.HasPrefix(got.Body, wantBody) || got.Route != "/boletos/"+strconv.FormatInt(d.Row.ID, 10) || got.Read || got.CreatedAt == "" {
		t.Fatalf("list = %+v\nwant body starting %q", list, wantBody)
	}
	if shown := sys.all(); len(shown) != 1 || shown[0].Title != "Boleto pago" || shown[0].Body != got.Body || shown[0].Route != got.Route {
		t.Errorf("system notifications = %+v", shown)
	}
	batches := events.all()
	if len(batches) != 1 {
		t.Fatalf("%d %s events, want 1", len(batches), EventNotificationNew)
	}
	if b := batches[0].(NotificationBatchDTO); len(b.Items) != 1 || b.Items[0].ID != got.ID || b.Title != "Boleto pago" {
		t.Errorf("event payload = %+v", b)
	}
	if c, err := env.app.Notifications.UnreadCount(); err != nil || c != 1 {
		t.Errorf("unread = %d, %v", c, err)
	}

	if c, err := env.app.Notifications.MarkRead(got.ID); err != nil || c != 0 {
		t.Errorf("MarkRead: unread %d, %v", c, err)
	}
	if _, err := env.app.Notifications.MarkRead(987654); apperrCode(err) != apperr.CodeNotFound {
		t.Errorf("MarkRead of a missing one: %v", err)
	}
	list, _ = env.app.Notifications.List(NotificationQuery{UnreadOnly: true})
	if len(list.Items) != 0 {
		t.Errorf("unread after MarkRead: %+v", list.Items)
	}
}

func apperrCode(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

func TestSystemNotificationsFollowTheSettingAndNeverFail(t *testing.T) {
	t.Parallel()
	env := newAccountsApp(t, nil)
	n, err := notify.New(notify.Config{Store: env.st})
	if err != nil {
		t.Fatal(err)
	}
	env.app.UseNotifications(n)
	events := &payloads{name: EventNotificationNew}
	env.app.SetEmitter(events)

	s, err := env.app.Notifications.Settings()
	if err != nil || !s.System || s.Desktop {
		t.Fatalf("default settings = %+v, %v; want system on, not desktop", s, err)
	}
	batch := notify.Batch{Title: "3 boletos pagos — R$ 450,00", Body: "Pagos por Ana, Bia e Caio."}

	// The browser mode: no system notifier, the screens still hear of it.
	env.app.deliverNotifications(batch)
	if len(events.all()) != 1 {
		t.Fatalf("events = %d, want 1", len(events.all()))
	}

	sys := &fakeSystem{}
	env.app.mu.Lock()
	env.app.osNotify = sys
	env.app.mu.Unlock()
	env.app.deliverNotifications(batch)
	if shown := sys.all(); len(shown) != 1 || shown[0].Title != batch.Title || shown[0].Body != batch.Body {
		t.Fatalf("shown = %+v", shown)
	}

	if s, err = env.app.Notifications.SaveSettings(NotificationSettings{System: false}); err != nil || s.System {
		t.Fatalf("SaveSettings(off) = %+v, %v", s, err)
	}
	if s, _ = env.app.Notifications.Settings(); s.System {
		t.Fatal("the setting did not stick")
	}
	env.app.deliverNotifications(batch)
	if shown := sys.all(); len(shown) != 1 {
		t.Errorf("shown while turned off: %+v", shown)
	}
	if len(events.all()) != 3 {
		t.Errorf("the screens must hear of every batch: %d events", len(events.all()))
	}

	// No notification daemon: logged, nothing else.
	if _, err := env.app.Notifications.SaveSettings(NotificationSettings{System: true}); err != nil {
		t.Fatal(err)
	}
	sys.mu.Lock()
	sys.fail = errors.New("org.freedesktop.DBus.Error.ServiceUnknown")
	sys.mu.Unlock()
	env.app.deliverNotifications(batch)

	env.app.Shutdown()
	if !sys.closed {
		t.Error("the system notifier was not released at shutdown")
	}
}

func TestNotificationsWithoutTheService(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	if !slices.Contains(a.Bindings(), any(a.Notifications)) {
		t.Fatal("Notifications is not bound")
	}
	_, err := a.Notifications.List(NotificationQuery{})
	if apperrCode(err) != apperr.CodeUnavailable {
		t.Errorf("List without the service: %v", err)
	}
	a.Events().Emit(string(EventBoletoChanged), nil) // no service: nothing to observe, no panic
}
