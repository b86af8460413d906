package store

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

// testClock is a settable clock for Options.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	// Nanoseconds on purpose: the store keeps microseconds.
	return &testClock{t: time.Date(2026, time.March, 10, 14, 30, 0, 123456789, boleto.SaoPaulo)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// stored is how the store gives an instant back.
func stored(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// newStore opens a fresh database in a temporary directory.
func newStore(t testing.TB) (*Store, *testClock) {
	t.Helper()
	clock := newTestClock()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), Options{Now: clock.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, clock
}

// wantCode fails unless err is an *apperr.Error with the code and a message
// containing every fragment.
func wantCode(t testing.TB, err error, code string, fragments ...string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v (%T), want *apperr.Error with code %s", err, err, code)
	}
	if ae.Code != code {
		t.Fatalf("code = %s (message %q, cause %v), want %s", ae.Code, ae.Message, ae.Err, code)
	}
	for _, f := range fragments {
		if !strings.Contains(ae.Message, f) {
			t.Errorf("message %q does not contain %q", ae.Message, f)
		}
	}
	for _, leak := range []string{"SQL", "sqlite", "constraint", "UNIQUE", "CHECK", "FOREIGN", "SELECT", "INSERT", "UPDATE "} {
		if strings.Contains(ae.Message, leak) {
			t.Errorf("message %q leaks %q", ae.Message, leak)
		}
	}
}

func mustAccount(t testing.TB, s *Store, name string) Account {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), Account{Name: name, Environment: EnvSandbox})
	if err != nil {
		t.Fatalf("CreateAccount(%q): %v", name, err)
	}
	return a
}

func samplePayer() boleto.Payer {
	return boleto.Payer{
		Document: "529.982.247-25", Name: "José da Silva", Address: "Avenida Brasil", Number: "1200",
		Complement: "apto 3", District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30110000",
		Email: "jose@example.com.br", DDD: "31", Phone: "999999999",
	}
}

func sampleDraft(accountID int64) DraftInput {
	return DraftInput{
		AccountID: accountID,
		Draft: boleto.Draft{
			Amount:  12345,
			DueDate: boleto.Date{Year: 2026, Month: time.April, Day: 15},
			Payer:   samplePayer(),
			Charges: boleto.Charges{
				Interest:   &boleto.Interest{Code: boleto.InterestMonthlyRate, Rate: 100},
				Fine:       &boleto.Fine{Code: boleto.FinePercent, Rate: 200},
				AgendaDays: 30,
				Messages:   [5]string{"Não receber após 30 dias", "", "Referente à NF 123"},
			},
		},
	}
}

func mustDraft(t testing.TB, s *Store, in DraftInput) Boleto {
	t.Helper()
	b, err := s.CreateDraft(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateDraft: %v", err)
	}
	return b
}

func TestWriteHonoursCancelledContext(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.CreateAccount(ctx, Account{Name: "X", Environment: EnvDemo})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if code, _ := apperr.Describe(err); code != apperr.CodeCanceled {
		t.Errorf("Describe code = %s, want %s", code, apperr.CodeCanceled)
	}
	if _, err := s.GetAccountByName(context.Background(), "X"); err == nil {
		t.Error("account was created despite the cancelled context")
	}
}

func TestWriteWaitsForAnotherProcessLock(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	// A second *sql.DB stands for another process holding the write lock.
	other, err := open(ctx, s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.db.Close()
	conn, err := other.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.CreateAccount(ctx, Account{Name: "Espera", Environment: EnvDemo})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("write finished while another connection held the lock: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("write after the lock was released: %v", err)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
