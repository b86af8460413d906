package inter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// RateProfile selects the per-endpoint call limits the client keeps to, so
// that bulk work does not trip the bank's 429.
type RateProfile string

// Profiles. The zero value picks ProfileSandbox for the Sandbox base URL and
// ProfileProduction for any other.
const (
	ProfileProduction RateProfile = "production" // Inter's production limits (§2.0)
	ProfileSandbox    RateProfile = "sandbox"    // Inter's sandbox limits: 10/min on most endpoints
	ProfileUnlimited  RateProfile = "unlimited"  // no client-side limit (simulator benchmarks)
)

// operation is one endpoint of the API with its published limits, in calls
// per minute.
type operation struct {
	name     string // operationId, used in logs
	method   string
	path     string // template, also what is logged
	prod     int    // per minute in production (0: not available there)
	sandbox  int    // per minute in the sandbox
	emission bool   // POST /cobrancas: never re-sent when the outcome is unknown
}

const apiPrefix = "/cobranca/v3"

var (
	opEmit         = &operation{"emitirCobrancaAsync", http.MethodPost, apiPrefix + "/cobrancas", 120, 10, true}
	opList         = &operation{"pesquisaCobranca", http.MethodGet, apiPrefix + "/cobrancas", 120, 10, false}
	opGet          = &operation{"recuperarCobrancaDetalhada", http.MethodGet, apiPrefix + "/cobrancas/{codigoSolicitacao}", 120, 10, false}
	opEdit         = &operation{"editarCobranca", http.MethodPatch, apiPrefix + "/cobrancas/{codigoSolicitacao}", 10, 10, false}
	opEditStatus   = &operation{"consultarAtualizacaoCobranca", http.MethodGet, apiPrefix + "/cobrancas/edicao/{codigoEdicao}", 10, 10, false}
	opPDF          = &operation{"obterPdfCobranca", http.MethodGet, apiPrefix + "/cobrancas/{codigoSolicitacao}/pdf", 120, 10, false}
	opCancel       = &operation{"cancelarCobranca", http.MethodPost, apiPrefix + "/cobrancas/{codigoSolicitacao}/cancelar", 120, 10, false}
	opSummary      = &operation{"consultarSumario", http.MethodGet, apiPrefix + "/cobrancas/sumario", 120, 10, false}
	opPay          = &operation{"pagarCobranca", http.MethodPost, apiPrefix + "/cobrancas/{codigoSolicitacao}/pagar", 0, 10, false}
	opWebhookPut   = &operation{"webhookPut", http.MethodPut, apiPrefix + "/cobrancas/webhook", 5, 5, false}
	opWebhookGet   = &operation{"webhookGet", http.MethodGet, apiPrefix + "/cobrancas/webhook", 5, 5, false}
	opWebhookDel   = &operation{"webhookDelete", http.MethodDelete, apiPrefix + "/cobrancas/webhook", 5, 5, false}
	opCallbacks    = &operation{"callbacksFilter", http.MethodGet, apiPrefix + "/cobrancas/webhook/callbacks", 10, 10, false}
	opRetryCallbks = &operation{"retryCallback", http.MethodPost, apiPrefix + "/cobrancas/webhook/callbacks/retry", 5, 5, false}

	operations = []*operation{opEmit, opList, opGet, opEdit, opEditStatus, opPDF, opCancel, opSummary,
		opPay, opWebhookPut, opWebhookGet, opWebhookDel, opCallbacks, opRetryCallbks}
)

// perMinute is the limit of op under profile p; 0 means no limit.
func (p RateProfile) perMinute(op *operation) int {
	switch p {
	case ProfileUnlimited:
		return 0
	case ProfileSandbox:
		return op.sandbox
	}
	if op.prod == 0 { // sandbox-only endpoint: keep to the sandbox limit
		return op.sandbox
	}
	return op.prod
}

func (p RateProfile) valid() bool {
	return p == ProfileProduction || p == ProfileSandbox || p == ProfileUnlimited
}

// windowLimiter returns a token bucket that never lets more than n calls
// through in any window (one minute at the bank), whatever algorithm the bank
// counts with (fixed minute, sliding window or its own bucket): a burst b
// plus a refill of n−b per window can give at most b + (n−b) = n calls in a
// window. The refill is spread over one more second than the window, to
// absorb the variation of network latency between our clock and the moment
// the bank counts the call. The burst is a twelfth of the limit (10 of 120),
// so short bursts go at once and long runs still reach ≈ 90% of the limit.
func windowLimiter(n int, window time.Duration) *rate.Limiter {
	if n <= 0 {
		return rate.NewLimiter(rate.Inf, 1)
	}
	b := max(1, n/12)
	spread := window + time.Second
	if n == b {
		return rate.NewLimiter(rate.Every(spread), b)
	}
	return rate.NewLimiter(rate.Limit(float64(n-b)/spread.Seconds()), b)
}

// limiters holds one limiter per operation.
type limiters map[*operation]*rate.Limiter

func newLimiters(p RateProfile, window time.Duration) limiters {
	l := make(limiters, len(operations))
	for _, op := range operations {
		l[op] = windowLimiter(p.perMinute(op), window)
	}
	return l
}

// wait blocks until op may be called, or ctx ends.
func (l limiters) wait(ctx context.Context, op *operation) error {
	lim := l[op]
	if lim == nil || lim.Limit() == rate.Inf {
		return ctx.Err()
	}
	if err := lim.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The wait would outlast ctx's deadline: fail now rather than
		// sleep into a certain timeout.
		return fmt.Errorf("inter: %s %s: waiting for the client rate limit would exceed the deadline: %w", op.method, op.path, context.DeadlineExceeded)
	}
	return nil
}

// tokenLimiter paces token requests: the bank allows 5 a minute, in
// production and in the sandbox. A burst of 3 (the first token plus two
// quick renewals after tokens revoked at the bank) and then one every 30 s
// can never give more than 5 in any 60-second window (3 at t = 0, then
// t = 30 and t = 60).
func tokenLimiter() *rate.Limiter { return rate.NewLimiter(rate.Every(30*time.Second), 3) }

// backoff is the wait before retry number n (1-based) of a 5xx or network
// failure: exponential from base, capped, with jitter in [d/2, d].
func backoff(base time.Duration, n int) time.Duration {
	const maxBackoff = 30 * time.Second
	d := base
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
