package inter

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWindowLimiterNeverExceedsLimit checks on a fake clock that greedy
// callers never get more than n calls in any 60 s window, for every limit
// of the published table, and still reach most of it.
func TestWindowLimiterNeverExceedsLimit(t *testing.T) {
	t.Parallel()
	for _, n := range []int{5, 10, 120} {
		lim := windowLimiter(n, time.Minute)
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var granted []time.Time
		const minutes = 10
		for ms := 0; ms <= minutes*60*1000; ms += 50 {
			now := t0.Add(time.Duration(ms) * time.Millisecond)
			for lim.AllowN(now, 1) {
				granted = append(granted, now)
			}
		}
		if got := maxInWindow(granted, time.Minute); got > n {
			t.Errorf("limit %d/min: %d calls in one 60 s window", n, got)
		}
		if perMin := float64(len(granted)) / minutes; perMin < 0.8*float64(n) {
			t.Errorf("limit %d/min: only %.1f calls a minute", n, perMin)
		}
	}
}

func TestProfiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    RateProfile
		op   *operation
		want int
	}{
		{ProfileProduction, opEmit, 120},
		{ProfileProduction, opEdit, 10},
		{ProfileProduction, opWebhookPut, 5},
		{ProfileProduction, opPay, 10},
		{ProfileSandbox, opEmit, 10},
		{ProfileSandbox, opGet, 10},
		{ProfileSandbox, opRetryCallbks, 5},
		{ProfileUnlimited, opEmit, 0},
	}
	for _, tt := range tests {
		if got := tt.p.perMinute(tt.op); got != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.p, tt.op.name, got, tt.want)
		}
	}
	bank := newFakeBank(t, nil)
	for base, want := range map[string]RateProfile{Sandbox: ProfileSandbox, Production: ProfileProduction, bank.srv.URL: ProfileProduction} {
		cfg := bank.config(t)
		cfg.BaseURL, cfg.Profile = base, ""
		c, err := NewClient(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if c.Profile() != want {
			t.Errorf("%s → profile %s, want %s", base, c.Profile(), want)
		}
		c.Close()
	}
}

// TestClientLimiterPacesCalls: under the sandbox profile (10/min: a burst of
// 1 then one call every 6.7 s) a second call waits; a context that cannot
// wait that long fails at once without reaching the bank.
func TestClientLimiterPacesCalls(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, okGet)
	c := bank.client(t, func(c *Config) { c.Profile = ProfileSandbox })
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, "c1")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 500*time.Millisecond {
		t.Fatalf("err = %v after %v, want an immediate deadline error", err, time.Since(start))
	}
	if bank.apiCalls.Load() != 1 {
		t.Errorf("%d calls reached the bank, want 1", bank.apiCalls.Load())
	}
	// Another endpoint has its own budget.
	_, _ = c.PDF(context.Background(), "c1") // okGet is no PDF: only reaching the bank matters
	if bank.apiCalls.Load() != 2 {
		t.Errorf("the PDF call was held back by the Get limiter")
	}
}

func Test429WaitsThenRetriesGet(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			writeJSON(w, 429, `{"message":"Too Many Requests"}`)
			return
		}
		okGet(w, r)
	})
	c := bank.client(t, func(c *Config) { c.RateLimitBackoff = 150 * time.Millisecond })
	start := time.Now()
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Errorf("retried after %v, want two waits of 150 ms", el)
	}
	if n.Load() != 3 {
		t.Errorf("%d calls, want 3", n.Load())
	}
}

func Test429HonoursRetryAfter(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, "")
			return
		}
		okGet(w, r)
	})
	c := bank.client(t, func(c *Config) { c.RateLimitBackoff = time.Millisecond })
	start := time.Now()
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < time.Second {
		t.Errorf("retried after %v, want Retry-After's 1 s", el)
	}
}

func Test429GivesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 429, `{"message":"Too Many Requests"}`) })
	c := bank.client(t, func(c *Config) { c.MaxRetries = 2 })
	_, err := c.Get(context.Background(), "c1")
	if !IsRateLimit(err) || !IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if n := bank.apiCalls.Load(); n != 3 {
		t.Errorf("%d calls, want 1 + 2 retries", n)
	}
}

func Test429OnEmissionIsRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeJSON(w, 429, `{"message":"Too Many Requests"}`)
			return
		}
		writeJSON(w, 200, `{"codigoSolicitacao":"c9"}`)
	})
	got, err := bank.client(t).Emit(context.Background(), sampleEmit(t))
	if err != nil || got.CodigoSolicitacao != "c9" {
		t.Fatalf("emit = %+v, %v", got, err)
	}
	if n.Load() != 2 {
		t.Errorf("%d calls, want 2", n.Load())
	}
}

func Test429WaitHonoursContext(t *testing.T) {
	t.Parallel()
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 429, "") })
	c := bank.client(t, func(c *Config) { c.RateLimitBackoff = time.Hour })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, "c1")
	if !IsRateLimit(err) || time.Since(start) > time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestBurstUnderProductionProfileIsPaced(t *testing.T) {
	t.Parallel()
	// The first 10 Get calls go at once (burst), the next wait ~0.55 s each.
	bank := newFakeBank(t, okGet)
	c := bank.client(t, func(c *Config) { c.Profile = ProfileProduction })
	start := time.Now()
	var wg sync.WaitGroup
	for range 11 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(context.Background(), "c1"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if el := time.Since(start); el < 400*time.Millisecond || el > 3*time.Second {
		t.Errorf("11 calls took %v, want about 0.55 s", el)
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	base := 100 * time.Millisecond
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 20: 30 * time.Second} {
		for range 50 {
			got := backoff(base, n)
			if got < want/2 || got > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, got, want/2, want)
			}
		}
	}
}

// Test429UsesRateLimitTime: without Retry-After, the bank's X-Rate-Limit-Time
// (when the window frees a call) shortens the wait below RateLimitBackoff.
func Test429UsesRateLimitTime(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	bank := newFakeBank(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("X-Rate-Limit-Time", strconv.FormatInt(time.Now().Add(300*time.Millisecond).UnixMilli(), 10))
			writeJSON(w, 429, `{"message":"Too Many Requests"}`)
			return
		}
		okGet(w, r)
	})
	c := bank.client(t, func(c *Config) { c.RateLimitBackoff = 10 * time.Second })
	start := time.Now()
	if _, err := c.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 300*time.Millisecond || el > 3*time.Second {
		t.Errorf("waited %v, want about 0.55 s", el)
	}
}
