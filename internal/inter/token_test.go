package inter

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func okGet(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, `{"cobranca":{"codigoSolicitacao":"c1","valorNominal":2.5}}`)
}

// TestTokenSharedAcrossGoroutines: 8 goroutines × 1,000 calls share one
// token, fetched once.
func TestTokenSharedAcrossGoroutines(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	bank.tokenDelay.Store(int64(50 * time.Millisecond)) // every goroutine arrives while the fetch is in flight
	c := bank.client(t)
	const workers, calls = 8, 1000
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				if _, err := c.Get(context.Background(), "c1"); err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d calls failed", failed.Load())
	}
	if n := bank.tokenCalls.Load(); n != 1 {
		t.Errorf("token endpoint called %d times, want exactly 1", n)
	}
	if n := c.TokenRequests(); n != 1 {
		t.Errorf("client counted %d token requests", n)
	}
	if n := bank.apiCalls.Load(); n != workers*calls {
		t.Errorf("%d API calls, want %d", n, workers*calls)
	}
}

func TestTokenRequestShape(t *testing.T) {
	t.Parallel()
	var form url.Values
	var auth string
	var peerCerts int
	bank := newFakeBank(t, okGet)
	var once sync.Once
	hook := func(r *http.Request) {
		once.Do(func() {
			_ = r.ParseForm()
			form, auth = r.PostForm, r.Header.Get("Authorization")
			peerCerts = len(r.TLS.PeerCertificates)
		})
	}
	bank.tokenHook.Store(&hook)
	if err := bank.client(t).Authenticate(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"client_id": {testClientID}, "client_secret": {testClientSecret},
		"grant_type": {"client_credentials"}, "scope": {"boleto-cobranca.read boleto-cobranca.write"},
	}
	for k, v := range want {
		if form.Get(k) != v[0] {
			t.Errorf("form %s = %q, want %q", k, form.Get(k), v[0])
		}
	}
	if auth != "" {
		t.Errorf("token request carries Authorization %q", auth)
	}
	if peerCerts == 0 {
		t.Error("token request without a client certificate")
	}
}

// Test401RenewsTokenOnceAndRetries: a revoked token gives one renewal and
// one retry.
func Test401RenewsTokenOnceAndRetries(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	c := bank.client(t)
	c.tokens.limiter.SetLimit(rate.Inf)
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	bank.revokeAll()
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if tk, api := bank.tokenCalls.Load(), bank.apiCalls.Load(); tk != 2 || api != 3 {
		t.Errorf("token calls %d (want 2), api calls %d (want 3)", tk, api)
	}
}

// Test401StormRenewsOnce: many goroutines refused with the same token cause a
// single renewal.
func Test401StormRenewsOnce(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	c := bank.client(t)
	c.tokens.limiter.SetLimit(rate.Inf)
	if err := c.Authenticate(context.Background()); err != nil {
		t.Fatal(err)
	}
	bank.revokeAll()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := c.Get(context.Background(), "c1"); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := bank.tokenCalls.Load(); n != 2 {
		t.Errorf("token calls = %d, want 2 (initial + one renewal)", n)
	}
}

// TestTokenRenewedBeforeExpiry: a token is renewed 60 s before it expires.
func TestTokenRenewedBeforeExpiry(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	bank.tokenExpiry.Store(61) // valid for about one second once the 60 s margin is taken
	c := bank.client(t)
	c.tokens.limiter.SetLimit(rate.Inf)
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if n := bank.tokenCalls.Load(); n != 1 {
		t.Fatalf("token calls = %d before expiry, want 1", n)
	}
	time.Sleep(1100 * time.Millisecond)
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if n := bank.tokenCalls.Load(); n != 2 {
		t.Errorf("token calls = %d after the early-renewal point, want 2", n)
	}
}

// TestTokenFailuresAreRateLimited: with the token endpoint failing, 8
// goroutines hammering the client send no more token requests than the
// limiter's burst (3) in the first seconds, and get the bank's error at once
// instead of queueing.
func TestTokenFailuresAreRateLimited(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	bank.failTokens(func(w http.ResponseWriter) { w.WriteHeader(http.StatusUnauthorized) })
	c := bank.client(t)
	var wg sync.WaitGroup
	deadline := time.Now().Add(700 * time.Millisecond)
	var calls, fast atomic.Int64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				start := time.Now()
				_, err := c.Get(context.Background(), "c1")
				calls.Add(1)
				if AuthHint(err) != HintCredentials {
					t.Errorf("err = %v", err)
					return
				}
				if time.Since(start) < 100*time.Millisecond {
					fast.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := bank.tokenCalls.Load(); n != 3 {
		t.Errorf("token endpoint called %d times in 0.7 s, want the burst of 3", n)
	}
	if calls.Load() < 50 || fast.Load() < calls.Load()*9/10 {
		t.Errorf("%d calls, %d fast: failures should come back at once", calls.Load(), fast.Load())
	}
	if bank.apiCalls.Load() != 0 {
		t.Error("API called without a token")
	}
}

// TestTokenFailuresPacedByLimiter: with a faster limiter, a failing token
// endpoint is called at most at the limiter's pace.
func TestTokenFailuresPacedByLimiter(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	bank.failTokens(func(w http.ResponseWriter) { w.WriteHeader(http.StatusServiceUnavailable) })
	c := bank.client(t, func(c *Config) { c.MaxRetries = -1 })
	c.tokens.limiter.SetLimit(rate.Every(100 * time.Millisecond))
	start := time.Now()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Since(start) < time.Second {
				_, _ = c.Get(context.Background(), "c1")
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	allowed := int64(elapsed/(100*time.Millisecond)) + 3 // refill + burst
	if n := bank.tokenCalls.Load(); n > allowed || n < 2 {
		t.Errorf("token calls = %d in %v, want 2..%d", n, elapsed, allowed)
	}
}

// TestTokenLimiterWindow checks, on a fake clock, that the token limiter
// never lets more than 5 requests through in any 60-second window.
func TestTokenLimiterWindow(t *testing.T) {
	t.Parallel()
	lim := tokenLimiter()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var granted []time.Time
	for ms := 0; ms <= 10*60*1000; ms += 250 {
		now := t0.Add(time.Duration(ms) * time.Millisecond)
		for range 3 { // several callers at each instant
			if lim.AllowN(now, 1) {
				granted = append(granted, now)
			}
		}
	}
	if max := maxInWindow(granted, time.Minute); max > 5 {
		t.Errorf("%d token requests in one 60 s window, limit 5", max)
	}
	if len(granted) < 20 {
		t.Errorf("only %d requests in 10 minutes", len(granted))
	}
}

// maxInWindow is the most events in any closed window of length w.
func maxInWindow(ts []time.Time, w time.Duration) int {
	best, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) > w {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

func TestAuthenticateHonoursContext(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	bank.tokenDelay.Store(int64(700 * time.Millisecond))
	c := bank.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Authenticate(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 500*time.Millisecond {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
	if !strings.Contains(UserMessage(err), "demorou") {
		t.Errorf("message %q", UserMessage(err))
	}
}
