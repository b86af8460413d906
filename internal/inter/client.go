// Package inter is the client of Banco Inter's API Cobrança v3 (boleto with
// Pix, "BolePix") for companies: mutual TLS with the integration's
// certificate, an OAuth2 client-credentials token shared by every goroutine,
// every endpoint of the API, client-side rate limiting at the published
// limits, retries where they are safe, and one error type (*Error) for every
// failure the bank can answer with.
//
// It knows nothing of storage or UI. An emission whose outcome is unknown is
// never re-sent here: it comes back as an error for which IsPossiblySent is
// true, and the caller reconciles by looking the charge up by seuNumero.
package inter

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Base URLs of Inter's environments. Any other https URL (the simulator) is
// accepted too.
const (
	Production = "https://cdpj.partners.bancointer.com.br"
	Sandbox    = "https://cdpj-sandbox.partners.uatinter.co"
)

// Defaults of Config.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultRateLimitBackoff = 60 * time.Second // what Inter's official SDKs sleep after a 429
	DefaultRetryBackoff     = 500 * time.Millisecond
	DefaultMaxRetries       = 3
)

// maxBody bounds what is read of a successful answer (a PDF in base64 is a
// few hundred kilobytes).
const maxBody = 32 << 20

// Config configures a Client. BaseURL, ClientID, ClientSecret and
// Certificate are required.
type Config struct {
	// BaseURL is Production, Sandbox or the simulator's URL (https only).
	BaseURL string
	// ClientID and ClientSecret of the integration (Internet Banking PJ).
	ClientID, ClientSecret string
	// Certificate is the integration's client certificate (LoadKeyPair,
	// LoadPFX). Its whole chain is sent.
	Certificate tls.Certificate
	// RootCAs, when set, replaces the system roots for the bank's server
	// certificate (the simulator's CA). TLS verification is never disabled.
	RootCAs *x509.CertPool
	// ContaCorrente, when set, is sent as x-conta-corrente on every API
	// call (needed when the integration has more than one account). Digits
	// with the check digit; punctuation and leading zeros are removed.
	ContaCorrente string
	// Profile is the rate profile; the zero value follows BaseURL.
	Profile RateProfile
	// Timeout bounds each HTTP attempt (default 30 s).
	Timeout time.Duration
	// RateLimitBackoff is the wait after a 429 without Retry-After
	// (default 60 s).
	RateLimitBackoff time.Duration
	// RetryBackoff is the first wait of the capped exponential back-off
	// of 5xx and network retries (default 500 ms).
	RetryBackoff time.Duration
	// MaxRetries is how many times a call is retried after a 429, a 5xx
	// or a network failure, where retrying is safe (default 3; negative:
	// never). The single retry after a token renewal is not counted.
	MaxRetries int
	// Logger receives one record per HTTP attempt (default: discard).
	Logger *slog.Logger
	// Now is the clock for certificate validity and for reading the bank's
	// X-Rate-Limit-Time (default time.Now).
	Now func() time.Time
}

// String hides the secret and the key, so a Config printed by mistake leaks
// nothing.
func (c Config) String() string {
	return fmt.Sprintf("inter.Config{BaseURL:%q ClientID:%q ClientSecret:[redacted] Certificate:[redacted] ContaCorrente:%q Profile:%q}",
		c.BaseURL, c.ClientID, c.ContaCorrente, c.Profile)
}

// GoString is String, for %#v.
func (c Config) GoString() string { return c.String() }

// LogValue is String, for slog.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Client talks to one Inter integration. It is safe for concurrent use; all
// goroutines share one token and one set of rate limiters.
type Client struct {
	baseURL      string
	conta        string
	profile      RateProfile
	http         *http.Client
	transport    *http.Transport
	tokens       *tokens
	limits       limiters
	log          *slog.Logger
	rateBackoff  time.Duration
	retryBackoff time.Duration
	maxRetries   int
	tokenCount   atomic.Int64
	now          func() time.Time
	stop         context.CancelFunc
}

// NewClient validates cfg and builds a Client. It does no network I/O. The
// certificate must have a matching key and be within its validity period;
// certificate errors are *CertError (Portuguese message).
func NewClient(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.ClientID) == "" || strings.TrimSpace(cfg.ClientSecret) == "" {
		return nil, inputErr("clientId", "Informe o client id e o client secret da integração com o Inter.")
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	if _, err := CertificateInfoAt(cfg.Certificate, now()); err != nil {
		return nil, err
	}
	conta, err := normalizeConta(cfg.ContaCorrente)
	if err != nil {
		return nil, err
	}
	profile := cfg.Profile
	switch {
	case profile == "" && base == Sandbox:
		profile = ProfileSandbox
	case profile == "":
		profile = ProfileProduction
	case !profile.valid():
		return nil, fmt.Errorf("inter: unknown rate profile %q", profile)
	}
	c := &Client{
		baseURL:      base,
		conta:        conta,
		profile:      profile,
		log:          cfg.Logger,
		rateBackoff:  cfg.RateLimitBackoff,
		retryBackoff: cfg.RetryBackoff,
		maxRetries:   cfg.MaxRetries,
		now:          now,
		limits:       newLimiters(profile, time.Minute),
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.rateBackoff <= 0 {
		c.rateBackoff = DefaultRateLimitBackoff
	}
	if c.retryBackoff <= 0 {
		c.retryBackoff = DefaultRetryBackoff
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}

	tr := http.DefaultTransport.(*http.Transport).Clone()
	cert := cfg.Certificate
	tr.TLSClientConfig = &tls.Config{
		MinVersion: tls.VersionTLS12,
		RootCAs:    cfg.RootCAs,
		// Always present the certificate (and its chain) when asked, as
		// curl and the official SDKs do: with Certificates, Go would send
		// none when the server's list of acceptable CAs does not name the
		// issuer of our chain, and the bank's refusal says more.
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return &cert, nil
		},
	}
	tr.MaxIdleConnsPerHost = 32
	// HTTP/1.1 only. Over HTTP/2, a client certificate refused by the bank
	// (a TLS alert after the handshake, in TLS 1.3) surfaces as "client conn
	// could not be established", losing the alert that says why; over
	// HTTP/1.1 it comes back as is. Inter's official SDKs use HTTP/1.1 too.
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	c.transport = tr
	c.http = &http.Client{Transport: tr, Timeout: timeout}

	tokenHTTP := &http.Client{
		Transport: &tokenTransport{base: tr, log: c.log, count: &c.tokenCount},
		Timeout:   timeout,
	}
	lifetime, stop := context.WithCancel(context.Background())
	c.stop = stop
	conf := &clientcredentials.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		TokenURL:     base + tokenPath,
		Scopes:       Scopes,
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	lim := tokenLimiter()
	c.tokens = newTokens(&fetcher{
		conf:    conf,
		ctx:     context.WithValue(lifetime, oauth2.HTTPClient, tokenHTTP),
		limiter: lim,
	}, lim)
	return c, nil
}

// Close stops pending token fetches and closes idle connections.
func (c *Client) Close() {
	c.stop()
	c.transport.CloseIdleConnections()
}

// Profile is the rate profile in effect.
func (c *Client) Profile() RateProfile { return c.profile }

// TokenRequests is how many token requests this client has sent.
func (c *Client) TokenRequests() int64 { return c.tokenCount.Load() }

// Authenticate fetches (or reuses) the access token: the first half of a
// "Testar conexão".
func (c *Client) Authenticate(ctx context.Context) error {
	_, err := c.tokens.token(ctx)
	if err != nil && ctx.Err() != nil {
		return &Error{Method: http.MethodPost, Path: tokenPath, Err: ctx.Err()}
	}
	return err
}

func parseBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", inputErr("baseURL", "Informe o ambiente do Inter (produção ou sandbox).")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", inputErr("baseURL", fmt.Sprintf("Endereço do banco inválido: %q.", raw))
	}
	if u.Scheme != "https" {
		return "", inputErr("baseURL", "O endereço do banco deve começar com https://.")
	}
	return "https://" + u.Host + strings.TrimRight(u.Path, "/"), nil
}

// normalizeConta keeps the digits of a conta corrente, without leading
// zeros, as the bank asks for x-conta-corrente.
func normalizeConta(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == '.' || r == ' ' || r == '/':
		default:
			return "", inputErr("contaCorrente", "A conta corrente deve ter só números (com o dígito), por exemplo 12345678-9.")
		}
	}
	out := strings.TrimLeft(b.String(), "0")
	if out == "" && strings.TrimSpace(s) != "" {
		return "", inputErr("contaCorrente", "A conta corrente informada é inválida.")
	}
	return out, nil
}

// request is one API call.
type request struct {
	op    *operation
	id    string     // path parameter (codigoSolicitacao or codigoEdicao)
	query url.Values // nil: none
	body  any        // nil: no body
	out   any        // nil: the body is discarded (any 2xx is success)
}

func (r *request) path() string {
	if r.id == "" {
		return r.op.path
	}
	p := strings.Replace(r.op.path, "{codigoSolicitacao}", url.PathEscape(r.id), 1)
	return strings.Replace(p, "{codigoEdicao}", url.PathEscape(r.id), 1)
}

// do performs r with rate limiting, the shared token, one token renewal on
// 401 and retries where they are safe:
//   - 429 (any method): the bank refused the call before processing it, so
//     it is repeated after Retry-After or RateLimitBackoff — an emission
//     too;
//   - failures before the request was written (dial, handshake): repeated
//     with back-off, any method, since nothing reached the bank;
//   - 5xx, 408 and network failures after the request was written: repeated
//     with back-off for GET only. An emission in that state comes back
//     wrapping ErrPossiblySent; other writes come back as they are.
func (c *Client) do(ctx context.Context, r request) error {
	op := r.op
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("inter: %s %s: encode body: %w", op.method, op.path, err)
		}
	}
	target := c.baseURL + r.path()
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	retries, renewed := 0, false
	for attempt := 1; ; attempt++ {
		if err := c.limits.wait(ctx, op); err != nil {
			return &Error{Method: op.method, Path: op.path, Err: err}
		}
		tok, err := c.tokens.token(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return &Error{Method: op.method, Path: op.path, Err: ctx.Err()}
			}
			if IsRetryable(err) && retries < c.maxRetries {
				retries++
				if sleep(ctx, c.retryDelay(err, retries)) == nil {
					continue
				}
			}
			return err
		}

		var wrote atomic.Bool
		trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }}
		var body io.Reader
		if payload != nil {
			body = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), op.method, target, body)
		if err != nil {
			return &Error{Method: op.method, Path: op.path, Err: err}
		}
		req.Header.Set("Authorization", tok.Type()+" "+tok.AccessToken)
		req.Header.Set("Accept", "application/json")
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if c.conta != "" {
			req.Header.Set("x-conta-corrente", c.conta)
		}

		start := time.Now()
		resp, err := c.http.Do(req)
		var data []byte
		if err == nil {
			data, err = readBody(resp)
			if err != nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
				// A cut while reading an error body: the status is known.
				err = nil
			}
		}
		if err != nil {
			e := transportError(op.method, op.path, err)
			c.logAttempt(ctx, r, attempt, resp, time.Since(start), e)
			// A TLS alert means the bank refused the session before reading
			// the request: nothing was processed.
			sent := (wrote.Load() || resp != nil) && !isCertRefused(err)
			switch {
			case op.emission && sent:
				return &possiblySent{e}
			case ctx.Err() != nil:
				return e
			case (op.method == http.MethodGet || !sent) && IsRetryable(e) && retries < c.maxRetries:
				retries++
				if sleep(ctx, backoff(c.retryBackoff, retries)) == nil {
					continue
				}
			}
			return e
		}

		apiErr := checkResponse(op.method, op.path, resp, data)
		if apiErr == nil && r.out != nil {
			if derr := json.Unmarshal(data, r.out); derr != nil {
				apiErr = fmt.Errorf("inter: %s %s: decode answer: %w", op.method, op.path, derr)
			}
		}
		c.logAttempt(ctx, r, attempt, resp, time.Since(start), apiErr)
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			if apiErr != nil && op.emission {
				// Stored, but the answer is unreadable.
				return &possiblySent{apiErr}
			}
			return apiErr
		}
		var e *Error
		errors.As(apiErr, &e)
		switch {
		case e.Status == http.StatusUnauthorized && !renewed:
			renewed = true
			c.tokens.invalidate(tok)
			continue
		case e.Status == http.StatusTooManyRequests && retries < c.maxRetries:
			retries++
			if sleep(ctx, c.retryDelay(e, retries)) == nil {
				continue
			}
			return e
		case op.emission && e.Status >= 500:
			return &possiblySent{e}
		case op.method == http.MethodGet && (e.Status >= 500 || e.Status == http.StatusRequestTimeout) && retries < c.maxRetries:
			retries++
			if sleep(ctx, c.retryDelay(e, retries)) == nil {
				continue
			}
		}
		return e
	}
}

// retryDelay is the wait before retry n after err. For a 429: Retry-After
// when present; else the moment X-Rate-Limit-Time says the window frees a
// call, when that is sooner than RateLimitBackoff (the header carries the
// bank's clock: a skewed local clock makes it useless, hence the bound);
// else RateLimitBackoff. Otherwise exponential back-off with jitter.
func (c *Client) retryDelay(err error, n int) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		if e.RetryAfter > 0 {
			return min(e.RetryAfter, 10*time.Minute)
		}
		if e.Status == http.StatusTooManyRequests {
			if !e.RateLimitReset.IsZero() {
				if d := e.RateLimitReset.Sub(c.now()) + 250*time.Millisecond; d > 0 && d < c.rateBackoff {
					return d
				}
			}
			return c.rateBackoff
		}
	}
	return backoff(c.retryBackoff, n)
}

func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return data, err
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("answer larger than %d bytes", maxBody)
	}
	return data, nil
}

// logAttempt writes one record per HTTP attempt: the operation, the path
// template, the path parameter (an id, never personal data), status,
// duration, the bank's request id and the attempt number. Never the query
// (it may name a payer), bodies, headers or the token.
func (c *Client) logAttempt(ctx context.Context, r request, attempt int, resp *http.Response, d time.Duration, err error) {
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("op", r.op.name),
		slog.String("method", r.op.method),
		slog.String("path", r.op.path),
	)
	if r.id != "" {
		attrs = append(attrs, slog.String("id", r.id))
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
		attrs = append(attrs, slog.String("request_id", resp.Header.Get("X-Request-Id")))
	}
	attrs = append(attrs, slog.Int("status", status), slog.Duration("duration", d), slog.Int("attempt", attempt))
	level := slog.LevelInfo
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("err", err.Error()))
	}
	c.log.LogAttrs(ctx, level, "inter call", attrs...)
}
