//go:build smoke

// For the desktop smoke test: a data folder whose account has a
// certificate close to its expiry (so the program notifies at start), and a
// stand-in notification daemon owning org.freedesktop.Notifications on the
// test's session bus, which records what the program sends through the
// Wails runtime and can "click" it.
package app

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"boletos/internal/store"
)

// smokeCertAccount is the account seeded by seedExpiringCertificate.
const smokeCertAccount = "Oficina do Zé"

// seedExpiringCertificate creates, in the data folder, an account whose
// certificate expires in 5 days and some hours: the program notifies
// "Certificado vence em 5 dias" when it starts.
func seedExpiringCertificate(t *testing.T, dataDir string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	notAfter := time.Now().Add(5*24*time.Hour + 6*time.Hour)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: smokeCertAccount},
		NotBefore: notAfter.AddDate(-1, 0, 0), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dataDir, "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Sandbox without direct integration: nothing reaches a bank.
	if _, err := st.CreateAccount(context.Background(), store.Account{Name: smokeCertAccount, Environment: store.EnvSandbox,
		Certificate: store.Certificate{PEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), NotAfter: notAfter}}); err != nil {
		t.Fatal(err)
	}
}

// notifyCall is one org.freedesktop.Notifications.Notify received.
type notifyCall struct {
	AppName, Summary, Body string
	Actions                []string
	Hints                  map[string]dbus.Variant
}

// fakeNotificationDaemon owns org.freedesktop.Notifications on the session
// bus (dbus-run-session in make test-smoke), as a desktop's notification
// daemon does.
type fakeNotificationDaemon struct {
	conn  *dbus.Conn
	calls chan notifyCall
	mu    sync.Mutex
	next  uint32
}

const (
	notificationsName = "org.freedesktop.Notifications"
	notificationsPath = dbus.ObjectPath("/org/freedesktop/Notifications")
)

func startNotificationDaemon(t *testing.T) *fakeNotificationDaemon {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatalf("no session bus (run under dbus-run-session, as make test-smoke does): %v", err)
	}
	d := &fakeNotificationDaemon{conn: conn, calls: make(chan notifyCall, 16)}
	if err := conn.Export(d, notificationsPath, notificationsName); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(notificationsName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own %s on the session bus (another notification daemon?): reply %v, %v", notificationsName, reply, err)
	}
	t.Cleanup(func() { conn.Close() })
	return d
}

// Notify is the D-Bus method (Desktop Notifications Specification).
func (d *fakeNotificationDaemon) Notify(appName string, replacesID uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	d.mu.Lock()
	d.next++
	id := d.next
	d.mu.Unlock()
	d.calls <- notifyCall{AppName: appName, Summary: summary, Body: body, Actions: actions, Hints: hints}
	return id, nil
}

// CloseNotification is the D-Bus method; nothing to close here.
func (d *fakeNotificationDaemon) CloseNotification(id uint32) *dbus.Error { return nil }

// waitNotify returns the next Notify call.
func (d *fakeNotificationDaemon) waitNotify(t *testing.T, limit time.Duration) (notifyCall, uint32) {
	t.Helper()
	select {
	case c := <-d.calls:
		d.mu.Lock()
		id := d.next
		d.mu.Unlock()
		return c, id
	case <-time.After(limit):
		t.Fatalf("no Notify call on %s within %s", notificationsName, limit)
		return notifyCall{}, 0
	}
}

// click emits ActionInvoked for the notification's default action, as the
// daemon does when the user clicks it.
func (d *fakeNotificationDaemon) click(t *testing.T, id uint32) {
	t.Helper()
	if err := d.conn.Emit(notificationsPath, notificationsName+".ActionInvoked", id, "default"); err != nil {
		t.Fatal(err)
	}
}
