package app

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"boletos/internal/apperr"
	"boletos/internal/issuing"
	"boletos/internal/notify"
	"boletos/internal/retorno"
	"boletos/internal/store"
)

// Notification events.
const (
	// EventNotificationNew carries a NotificationBatchDTO: notifications
	// just stored (one event per burst, e.g. a retorno cycle that settled
	// many boletos).
	EventNotificationNew Event = "notification:new"
	// EventNotificationOpen carries a NotificationOpenDTO when the user
	// clicks an operating-system notification: the screen to show.
	EventNotificationOpen Event = "notification:open"
)

// NotificationDTO is one entry of the notification list.
type NotificationDTO struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"` // paid | issue_failed | certificate_expiring | certificate_expired | sync_failing
	Title     string `json:"title"`
	Body      string `json:"body"`
	AccountID int64  `json:"accountId"` // 0 when none
	BoletoID  int64  `json:"boletoId"`  // 0 when none
	Route     string `json:"route"`     // the screen it is about ("/boletos/12"); "" when none
	CreatedAt string `json:"createdAt"` // RFC 3339
	Read      bool   `json:"read"`
}

// NotificationBatchDTO is the payload of EventNotificationNew: the new
// notifications and one summary of them ("3 boletos pagos — R$ 450,00").
type NotificationBatchDTO struct {
	Items []NotificationDTO `json:"items"`
	Title string            `json:"title"`
	Body  string            `json:"body"`
	Route string            `json:"route"`
}

// NotificationOpenDTO is the payload of EventNotificationOpen.
type NotificationOpenDTO struct {
	Route string `json:"route"`
}

// NotificationQuery selects the list: newest first, limit (default 50),
// only the unread ones, or those older than beforeId (the next page).
type NotificationQuery struct {
	Limit      int   `json:"limit"`
	UnreadOnly bool  `json:"unreadOnly"`
	BeforeID   int64 `json:"beforeId"`
}

// NotificationList is what the bell's panel shows.
type NotificationList struct {
	Items   []NotificationDTO `json:"items"`
	Unread  int               `json:"unread"`
	HasMore bool              `json:"hasMore"`
}

// NotificationSettings are the user's choices about notifications.
type NotificationSettings struct {
	// System turns the operating-system notifications on or off
	// ("Notificações do sistema"); the list in the app is always kept.
	System bool `json:"system"`
	// Desktop is true in the window, where the program shows them itself;
	// in the browser the page asks the browser's permission. Read-only.
	Desktop bool `json:"desktop"`
}

// Notifications is the façade of the bell and of the Notificações section
// of Configurações.
type Notifications struct{ app *App }

const notificationCallTimeout = 10 * time.Second

// List returns notifications newest first, with the unread count.
func (f *Notifications) List(q NotificationQuery) (NotificationList, error) {
	n, err := f.app.notifications()
	if err != nil {
		return NotificationList{}, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 200)
	// One more than asked says whether there is a next page.
	rows, err := n.List(ctx, store.NotificationQuery{Limit: limit + 1, UnreadOnly: q.UnreadOnly, BeforeID: q.BeforeID})
	if err != nil {
		return NotificationList{}, err
	}
	unread, err := n.UnreadCount(ctx)
	if err != nil {
		return NotificationList{}, err
	}
	out := NotificationList{Items: notificationDTOs(rows[:min(len(rows), limit)]), Unread: unread, HasMore: len(rows) > limit}
	return out, nil
}

// UnreadCount is the number on the bell.
func (f *Notifications) UnreadCount() (int, error) {
	n, err := f.app.notifications()
	if err != nil {
		return 0, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	return n.UnreadCount(ctx)
}

// MarkRead marks one notification read and returns the unread count.
func (f *Notifications) MarkRead(id int64) (int, error) {
	n, err := f.app.notifications()
	if err != nil {
		return 0, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	if err := n.MarkRead(ctx, id); err != nil {
		return 0, err
	}
	return n.UnreadCount(ctx)
}

// MarkAllRead marks every notification read ("Marcar todas como lidas")
// and returns the unread count (0 unless one arrived meanwhile).
func (f *Notifications) MarkAllRead() (int, error) {
	n, err := f.app.notifications()
	if err != nil {
		return 0, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	if _, err := n.MarkAllRead(ctx); err != nil {
		return 0, err
	}
	return n.UnreadCount(ctx)
}

// Settings returns the notification settings.
func (f *Notifications) Settings() (NotificationSettings, error) {
	n, err := f.app.notifications()
	if err != nil {
		return NotificationSettings{}, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	on, err := n.SystemEnabled(ctx)
	if err != nil {
		return NotificationSettings{}, err
	}
	return NotificationSettings{System: on, Desktop: f.app.desktop()}, nil
}

// SaveSettings stores the notification settings and returns them.
func (f *Notifications) SaveSettings(in NotificationSettings) (NotificationSettings, error) {
	n, err := f.app.notifications()
	if err != nil {
		return NotificationSettings{}, err
	}
	ctx, cancel := f.app.callContext(notificationCallTimeout)
	defer cancel()
	if err := n.SetSystemEnabled(ctx, in.System); err != nil {
		return NotificationSettings{}, err
	}
	f.app.log.Info("notification settings saved", "system", in.System)
	return NotificationSettings{System: in.System, Desktop: f.app.desktop()}, nil
}

func notificationDTOs(rows []store.Notification) []NotificationDTO {
	out := make([]NotificationDTO, len(rows))
	for i, n := range rows {
		out[i] = NotificationDTO{ID: n.ID, Kind: string(n.Kind), Title: n.Title, Body: n.Body, AccountID: n.AccountID,
			BoletoID: n.BoletoID, Route: notify.Route(n), CreatedAt: timeText(n.CreatedAt), Read: !n.Unread()}
	}
	return out
}

// UseNotifications hands the app the notification service: the events of
// the services reach it through Events(), its batches reach the screens
// (EventNotificationNew) and the operating system, and Start and Shutdown
// run it. Call it before Start.
func (a *App) UseNotifications(n *notify.Service) {
	a.mu.Lock()
	a.notifier = n
	a.mu.Unlock()
	n.SetDeliver(a.deliverNotifications)
	a.AddWorkers(n, systemNotifierCleanup{a})
}

func (a *App) notifications() (*notify.Service, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.notifier == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "As notificações não estão ativas nesta sessão.")
	}
	return a.notifier, nil
}

// desktop reports whether the app runs in the window (not the browser).
func (a *App) desktop() bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.wailsCtx != nil
}

// observe hands the events the notification service cares about to it.
// It returns at once.
func (a *App) observe(payload any) {
	a.mu.RLock()
	n := a.notifier
	a.mu.RUnlock()
	if n == nil {
		return
	}
	switch p := payload.(type) {
	case issuing.BoletoChanged:
		n.BoletoChanged(p.ID, p.PreviousState, p.State)
	case retorno.Finished:
		n.SyncFinished(p.AccountID, p.Error, p.At)
	}
}

// deliverNotifications tells the screens about a batch of new
// notifications, and the operating system when the user wants it.
func (a *App) deliverNotifications(b notify.Batch) {
	a.emit(EventNotificationNew, NotificationBatchDTO{Items: notificationDTOs(b.Items), Title: b.Title, Body: b.Body, Route: b.Route})
	sys := a.systemNotifier()
	if sys == nil {
		return // the browser mode: the page may use the browser's own notifications
	}
	n, err := a.notifications()
	if err != nil {
		return
	}
	ctx, cancel := a.callContext(notificationCallTimeout)
	defer cancel()
	if on, err := n.SystemEnabled(ctx); err != nil || !on {
		a.log.Debug("system notification skipped", "enabled", on, "err", err)
		return
	}
	id := ""
	if len(b.Items) > 0 {
		id = "boletos-" + strconv.FormatInt(b.Items[len(b.Items)-1].ID, 10)
	}
	// No notification daemon, a refused toast…: the list in the app has
	// the notification anyway, so this is never the user's problem.
	if err := sys.Notify(systemNotification{ID: id, Title: b.Title, Body: b.Body, Route: b.Route}); err != nil {
		a.log.Debug("system notification not shown", "err", err)
		return
	}
	a.log.Debug("system notification shown", "id", id)
}

// systemNotification is one operating-system notification.
type systemNotification struct {
	ID, Title, Body string
	Route           string // the screen to show when it is clicked
}

// systemNotifier shows operating-system notifications.
type systemNotifier interface {
	Notify(n systemNotification) error
	Close()
}

// systemNotifier is the window's notifier (made on first use), a test's,
// or nil in the browser mode.
func (a *App) systemNotifier() systemNotifier {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.osNotify == nil && a.wailsCtx != nil {
		a.osNotify = newRuntimeNotifier(a.wailsCtx, a)
	}
	return a.osNotify
}

// systemNotifierCleanup releases the notifier when the app stops (a
// Worker only for its Stop).
type systemNotifierCleanup struct{ app *App }

func (systemNotifierCleanup) Start(context.Context) {}

func (c systemNotifierCleanup) Stop() {
	c.app.mu.Lock()
	sys := c.app.osNotify
	c.app.osNotify = nil
	c.app.mu.Unlock()
	if sys != nil {
		sys.Close()
	}
}

// notificationClicked shows the window and the screen of a clicked
// operating-system notification.
func (a *App) notificationClicked(route string) {
	a.log.Info("system notification clicked", "route", route)
	a.emit(EventNotificationOpen, NotificationOpenDTO{Route: route})
}

// runtimeNotifier shows notifications through the Wails runtime: D-Bus
// org.freedesktop.Notifications on Linux, toasts on Windows, the
// notification center on macOS. ctx must be the context Wails handed to
// OnStartup.
type runtimeNotifier struct {
	ctx context.Context
	app *App

	once    sync.Once
	started bool // init ran
	initErr error
	mu      sync.Mutex
	closed  bool
}

func newRuntimeNotifier(ctx context.Context, a *App) *runtimeNotifier {
	return &runtimeNotifier{ctx: ctx, app: a}
}

var errNotificationsUnavailable = errors.New("system notifications unavailable on this platform")

func (r *runtimeNotifier) init() error {
	r.once.Do(func() {
		r.started = true
		if err := runtime.InitializeNotifications(r.ctx); err != nil {
			r.initErr = err
			return
		}
		if !runtime.IsNotificationAvailable(r.ctx) {
			r.initErr = errNotificationsUnavailable
			return
		}
		if ok, err := runtime.RequestNotificationAuthorization(r.ctx); err != nil || !ok {
			r.initErr = errors.Join(errors.New("notifications not authorised"), err)
			return
		}
		runtime.OnNotificationResponse(r.ctx, func(res runtime.NotificationResult) {
			if res.Error != nil {
				return
			}
			route, _ := res.Response.UserInfo["route"].(string)
			runtime.WindowUnminimise(r.ctx)
			runtime.WindowShow(r.ctx)
			r.app.notificationClicked(route)
		})
	})
	return r.initErr
}

func (r *runtimeNotifier) Notify(n systemNotification) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return errors.New("notifier closed")
	}
	if err := r.init(); err != nil {
		return err
	}
	return runtime.SendNotification(r.ctx, runtime.NotificationOptions{ID: n.ID, Title: n.Title, Body: n.Body,
		Data: map[string]any{"route": n.Route}})
}

func (r *runtimeNotifier) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.closed = true
	if r.started {
		runtime.CleanupNotifications(r.ctx)
	}
}
