package inter

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/time/rate"
)

// Scopes asked for in every token: the cobrança API reads and writes
// (webhook management included; the webhook.* scopes belong to the Pix API).
var Scopes = []string{"boleto-cobranca.read", "boleto-cobranca.write"}

// earlyRenewal is how long before its expiry a token is renewed, as Inter's
// official SDKs do.
const earlyRenewal = 60 * time.Second

// tokens hands out ONE cached access token per client to every goroutine.
//
// Layers, from the wire up:
//   - fetcher: one client-credentials request (golang.org/x/oauth2/
//     clientcredentials, id and secret in the form) over the mTLS client,
//     behind a limiter that keeps to the bank's 5 token requests a minute;
//   - reuse: oauth2.ReuseTokenSourceWithExpiry, the cache, renewing 60 s
//     before expiry;
//   - tokens itself: callers that find no valid token wait on a single
//     in-flight fetch (or give up when their context ends); after a failed
//     fetch, while the limiter has no budget, callers get that failure at
//     once instead of queueing; invalidate drops a token the API refused.
type tokens struct {
	fetch   oauth2.TokenSource
	limiter *rate.Limiter

	mu      sync.Mutex
	reuse   oauth2.TokenSource
	cur     *oauth2.Token // last token from reuse; carries reuse's early expiry
	call    *tokenCall    // in-flight fetch, nil when none
	lastErr error         // outcome of the last fetch when it failed
}

type tokenCall struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
}

func newTokens(fetch oauth2.TokenSource, limiter *rate.Limiter) *tokens {
	return &tokens{
		fetch:   fetch,
		limiter: limiter,
		reuse:   oauth2.ReuseTokenSourceWithExpiry(nil, fetch, earlyRenewal),
	}
}

// token returns a valid token, fetching one if needed.
func (s *tokens) token(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	if s.cur.Valid() {
		t := s.cur
		s.mu.Unlock()
		return t, nil
	}
	if s.call == nil {
		if s.lastErr != nil && s.limiter.Tokens() < 1 {
			err := s.lastErr
			s.mu.Unlock()
			return nil, err
		}
		s.call = &tokenCall{done: make(chan struct{})}
		go s.run(s.call, s.reuse)
	}
	call := s.call
	s.mu.Unlock()
	select {
	case <-call.done:
		return call.tok, call.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *tokens) run(call *tokenCall, reuse oauth2.TokenSource) {
	tok, err := reuse.Token()
	s.mu.Lock()
	if err == nil {
		s.cur, s.lastErr = tok, nil
	} else {
		s.lastErr = err
	}
	s.call = nil
	s.mu.Unlock()
	call.tok, call.err = tok, err
	close(call.done)
}

// invalidate drops bad if it is still the cached token, so the next call
// fetches a new one. Many goroutines refused with the same token cause a
// single renewal.
func (s *tokens) invalidate(bad *oauth2.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bad == nil || s.cur == nil || s.cur.AccessToken != bad.AccessToken {
		return
	}
	s.cur = nil
	s.reuse = oauth2.ReuseTokenSourceWithExpiry(nil, s.fetch, earlyRenewal)
}

// fetcher performs one token request per Token call, paced by limiter.
type fetcher struct {
	conf    *clientcredentials.Config
	ctx     context.Context // client lifetime, carries oauth2.HTTPClient
	limiter *rate.Limiter
}

func (f *fetcher) Token() (*oauth2.Token, error) {
	if err := f.limiter.Wait(f.ctx); err != nil {
		return nil, &Error{Method: http.MethodPost, Path: tokenPath, Err: err}
	}
	tok, err := f.conf.Token(f.ctx)
	if err != nil {
		return nil, tokenError(err)
	}
	if tok.AccessToken == "" {
		return nil, &Error{Method: http.MethodPost, Path: tokenPath, Err: errors.New("token answer without access_token")}
	}
	return tok, nil
}

// tokenError turns what the oauth2 package returns into an *Error, with
// the same checkResponse as every other call.
func tokenError(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		if e := checkResponse(http.MethodPost, tokenPath, re.Response, re.Body); e != nil {
			return e
		}
		// 2xx carrying an OAuth "error" field.
		e := newResponseError(http.MethodPost, tokenPath, re.Response, re.Body)
		e.Status = http.StatusUnauthorized
		return e
	}
	return transportError(http.MethodPost, tokenPath, err)
}

// tokenTransport logs every token request (never its body, which holds the
// client secret, nor the answer, which holds the token) and counts them.
type tokenTransport struct {
	base  http.RoundTripper
	log   *slog.Logger
	count *atomic.Int64
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	t.count.Add(1)
	resp, err := t.base.RoundTrip(req)
	attrs := []slog.Attr{
		slog.String("op", "token"),
		slog.String("method", req.Method),
		slog.String("path", tokenPath),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("err", transportError(req.Method, tokenPath, err).Err.Error()))
		t.log.LogAttrs(req.Context(), slog.LevelWarn, "inter token request failed", attrs...)
		return nil, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", resp.Header.Get("X-Request-Id")))
	level := slog.LevelInfo
	if resp.StatusCode >= 300 {
		level = slog.LevelWarn
	}
	t.log.LogAttrs(req.Context(), level, "inter token request", attrs...)
	return resp, nil
}
