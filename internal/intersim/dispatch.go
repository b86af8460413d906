package intersim

import (
	"errors"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Scopes of the API Cobrança v3.
const (
	scopeRead  = "boleto-cobranca.read"
	scopeWrite = "boleto-cobranca.write"
)

const (
	tokenPath = "/oauth/v2/token"
	apiPrefix = "/cobranca/v3"
)

// call is one API request being handled (under s.mu).
type call struct {
	r      *http.Request
	resp   *response
	body   []byte
	params map[string]string
	now    time.Time
}

// route is one endpoint with its per-minute limits (§2.0 of the contract).
// A limit of 0 means the endpoint does not exist in that profile.
type route struct {
	method   string
	path     string // template, {name} for a path parameter
	scope    string
	prod     int
	sandbox  int
	handle   func(s *Sim, c *call)
	segments []string
	literals int
}

func (r *route) key() string { return r.method + " " + r.path }

// limit is the per-minute limit of the route in profile p; -1 = no limit.
func (r *route) limit(p Profile) int {
	switch p {
	case ProfileProduction:
		return r.prod
	case ProfileUnlimited:
		return -1
	default:
		return r.sandbox
	}
}

var routes = buildRoutes()

func buildRoutes() []*route {
	const c = apiPrefix + "/cobrancas"
	rs := []*route{
		{method: "POST", path: tokenPath, prod: 5, sandbox: 5},
		{method: "POST", path: c, scope: scopeWrite, prod: 120, sandbox: 10, handle: (*Sim).handleEmit},
		{method: "GET", path: c, scope: scopeRead, prod: 120, sandbox: 10, handle: (*Sim).handleList},
		{method: "GET", path: c + "/{codigoSolicitacao}", scope: scopeRead, prod: 120, sandbox: 10, handle: (*Sim).handleDetail},
		{method: "PATCH", path: c + "/{codigoSolicitacao}", scope: scopeWrite, prod: 10, sandbox: 10, handle: (*Sim).handleEdit},
		{method: "GET", path: c + "/edicao/{codigoEdicao}", scope: scopeRead, prod: 10, sandbox: 10, handle: (*Sim).handleEditStatus},
		{method: "GET", path: c + "/{codigoSolicitacao}/pdf", scope: scopeRead, prod: 120, sandbox: 10, handle: (*Sim).handlePDF},
		{method: "POST", path: c + "/{codigoSolicitacao}/cancelar", scope: scopeWrite, prod: 120, sandbox: 10, handle: (*Sim).handleCancel},
		{method: "GET", path: c + "/sumario", scope: scopeRead, prod: 120, sandbox: 10, handle: (*Sim).handleSummary},
		{method: "POST", path: c + "/{codigoSolicitacao}/pagar", scope: scopeWrite, prod: 0, sandbox: 10, handle: (*Sim).handlePay},
		{method: "PUT", path: c + "/webhook", scope: scopeWrite, prod: 5, sandbox: 5, handle: (*Sim).handleWebhookPut},
		{method: "GET", path: c + "/webhook", scope: scopeRead, prod: 5, sandbox: 5, handle: (*Sim).handleWebhookGet},
		{method: "DELETE", path: c + "/webhook", scope: scopeWrite, prod: 5, sandbox: 5, handle: (*Sim).handleWebhookDelete},
		{method: "GET", path: c + "/webhook/callbacks", scope: scopeRead, prod: 10, sandbox: 10, handle: (*Sim).handleCallbacks},
		{method: "POST", path: c + "/webhook/callbacks/retry", scope: scopeWrite, prod: 5, sandbox: 0, handle: (*Sim).handleRetry},
	}
	for _, r := range rs {
		r.segments = strings.Split(strings.Trim(r.path, "/"), "/")
		for _, seg := range r.segments {
			if !strings.HasPrefix(seg, "{") {
				r.literals++
			}
		}
	}
	return rs
}

// match finds the route of a request. When the path exists with other
// methods only, allow lists them.
func match(profile Profile, method, path string) (rt *route, params map[string]string, allow []string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, r := range routes {
		if r.limit(profile) == 0 || len(r.segments) != len(segs) {
			continue
		}
		p, ok := matchSegments(r.segments, segs)
		if !ok {
			continue
		}
		if r.method != method {
			allow = append(allow, r.method)
			continue
		}
		if rt == nil || r.literals > rt.literals {
			rt, params = r, p
		}
	}
	if rt != nil {
		return rt, params, nil
	}
	sort.Strings(allow)
	return nil, nil, allow
}

func matchSegments(tmpl, segs []string) (map[string]string, bool) {
	var p map[string]string
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") {
			if segs[i] == "" {
				return nil, false
			}
			if p == nil {
				p = map[string]string{}
			}
			p[strings.Trim(t, "{}")] = segs[i]
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return p, true
}

// maxBody bounds every request body.
const maxBody = 1 << 20

// serveHTTP is the simulator's handler: faults first, then the bank.
func (s *Sim) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rt, params, allow := match(s.cfg.Profile, r.Method, r.URL.Path)
	if rt != nil {
		s.stats.Requests[rt.key()]++
		if rt.path == tokenPath {
			s.stats.TokenRequests++
		}
	}
	d := s.dice.roll(s.faults)
	s.mu.Unlock()

	if d.delay > 0 {
		t := time.NewTimer(d.delay)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	resp := newResponse()
	resp.header.Set("X-Request-Id", newUUID())
	now := s.now()
	switch {
	case d.timeout:
		// Hang past any sane client timeout: until the client gives up or
		// the simulator closes.
		<-r.Context().Done()
		return
	case d.rateLimit:
		resp.tooMany()
	case d.errStatus != 0:
		resp.gatewayError(now, d.errStatus)
	default:
		s.handle(resp, r, rt, params, allow, now)
	}
	if resp.status == http.StatusTooManyRequests {
		s.mu.Lock()
		s.stats.RateLimited++
		s.mu.Unlock()
	}
	if d.drop {
		cut(w)
		return
	}
	if (resp.status == http.StatusBadRequest && d.empty400) || (resp.status == http.StatusUnauthorized && d.empty401) {
		resp.body = nil
		resp.header.Del("Content-Type")
	}
	s.log.Debug("requisição", "method", r.Method, "path", r.URL.Path, "status", resp.status)
	resp.write(w)
}

// cut closes the connection without an answer: a hijacked HTTP/1.1
// connection is closed; an HTTP/2 stream is reset.
func cut(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// handle runs the bank's side of a request into resp.
func (s *Sim) handle(resp *response, r *http.Request, rt *route, params map[string]string, allow []string, now time.Time) {
	if rt == nil {
		if len(allow) > 0 {
			resp.header.Set("Allow", strings.Join(allow, ", "))
			resp.empty(http.StatusMethodNotAllowed)
			return
		}
		resp.problem(now, problem404)
		return
	}
	body, err := readBody(r)
	if err != nil {
		resp.badRequest(now, violation("body", "O corpo da requisição é grande demais ou não pôde ser lido.", ""))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rt.path == tokenPath {
		s.handleToken(resp, r, body, rt, now)
		return
	}
	tok := s.bearer(r, now)
	if tok == nil {
		resp.json(http.StatusUnauthorized, "application/problem+json", problema{
			Title: "Não Autorizado", Status: http.StatusUnauthorized,
			Detail: "Token de acesso ausente, inválido ou expirado.", Timestamp: timestamp(now),
		})
		return
	}
	if !s.allow(resp, tok.clientID, rt, now) {
		return
	}
	if !tok.scopes[rt.scope] {
		resp.problem(now, problem403)
		return
	}
	if acct := r.Header.Get("x-conta-corrente"); acct != "" {
		if !contaPattern.MatchString(acct) {
			resp.badRequest(now, violation("x-conta-corrente", "deve corresponder a \"[1-9][0-9]*\"", acct))
			return
		}
		if acct != s.st.Identity.Conta {
			resp.problem(now, problem403)
			return
		}
	}
	s.advance(now)
	rt.handle(s, &call{r: r, resp: resp, body: body, params: params, now: now})
	s.persist()
	s.wake()
}

var contaPattern = regexp.MustCompile(`^[1-9][0-9]*$`)

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBody {
		return nil, errors.New("body too large")
	}
	return body, nil
}

// limiter counts calls in a sliding window of one minute of the
// simulator's clock.
type limiter struct {
	hits map[string][]time.Time
}

// take records a call under key if fewer than limit happened in the last
// minute. It returns how many remain and when the oldest call leaves the
// window.
func (l *limiter) take(key string, limit int, now time.Time) (ok bool, remaining int, reset time.Time) {
	from := now.Add(-time.Minute)
	hits := l.hits[key]
	i := 0
	for i < len(hits) && !hits[i].After(from) {
		i++
	}
	hits = hits[i:]
	if len(hits) >= limit {
		l.hits[key] = hits
		return false, 0, hits[0].Add(time.Minute)
	}
	hits = append(hits, now)
	l.hits[key] = hits
	return true, limit - len(hits), hits[0].Add(time.Minute)
}

// allow applies the route's per-minute limit for the client; on refusal it
// answers 429. Callers hold s.mu.
func (s *Sim) allow(resp *response, clientID string, rt *route, now time.Time) bool {
	limit := rt.limit(s.cfg.Profile)
	if limit < 0 {
		return true
	}
	ok, remaining, reset := s.limiter.take(clientID+" "+rt.key(), limit, now)
	resp.header.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	resp.header.Set("X-Rate-Limit-Time", strconv.FormatInt(reset.UnixMilli(), 10))
	if !ok {
		resp.tooMany()
	}
	return ok
}
