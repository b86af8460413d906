package intersim

import (
	"crypto/subtle"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// tokenLifetime is the life of an access token ("uma hora").
const tokenLifetime = time.Hour

// token is an issued access token.
type token struct {
	clientID string
	scopes   map[string]bool
	expires  time.Time
}

// knownScopes are the scopes enabled on the simulated application.
var knownScopes = map[string]bool{scopeRead: true, scopeWrite: true}

// tokenResponse is the OAuth answer.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// handleToken is POST /oauth/v2/token (client_credentials). Callers hold s.mu.
func (s *Sim) handleToken(resp *response, r *http.Request, body []byte, rt *route, now time.Time) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	form, err := url.ParseQuery(string(body))
	if mt != "application/x-www-form-urlencoded" || err != nil {
		resp.badRequest(now, violation("Content-Type", "O corpo deve ser application/x-www-form-urlencoded.", r.Header.Get("Content-Type")))
		return
	}
	clientID := form.Get("client_id")
	// The limit counts every call of the client, refused or not, as the
	// X-Rate-Limit-Remaining header of the real 401 shows.
	if limit := rt.limit(s.cfg.Profile); limit >= 0 {
		ok, remaining, reset := s.limiter.take("token "+clientID, limit, now)
		resp.header.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
		resp.header.Set("X-Rate-Limit-Time", strconv.FormatInt(reset.UnixMilli(), 10))
		if !ok {
			resp.tooMany()
			return
		}
	}
	var vs []violacao
	for _, f := range []string{"client_id", "client_secret", "grant_type", "scope"} {
		if strings.TrimSpace(form.Get(f)) == "" {
			vs = append(vs, violation(f, razaoVazio, ""))
		}
	}
	if gt := form.Get("grant_type"); gt != "" && gt != "client_credentials" {
		vs = append(vs, violation("grant_type", "deve ser client_credentials", gt))
	}
	if len(vs) > 0 {
		resp.badRequest(now, vs...)
		return
	}
	id := s.st.Identity
	scopes := strings.Fields(form.Get("scope"))
	okScopes := len(scopes) > 0
	for _, sc := range scopes {
		okScopes = okScopes && knownScopes[sc]
	}
	if subtle.ConstantTimeCompare([]byte(clientID), []byte(id.ClientID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(form.Get("client_secret")), []byte(id.ClientSecret)) != 1 ||
		!okScopes {
		// What clients see from the bank: 401, X-Ca-Err 201, a short body.
		resp.header.Set("X-Ca-Err", "201")
		resp.json(http.StatusUnauthorized, "application/json", map[string]string{
			"error": "invalid_client", "error_description": "Unauthorized",
		})
		return
	}
	tok := &token{clientID: clientID, scopes: map[string]bool{}, expires: now.Add(tokenLifetime)}
	for _, sc := range scopes {
		tok.scopes[sc] = true
	}
	for k, t := range s.tokens {
		if !now.Before(t.expires) {
			delete(s.tokens, k)
		}
	}
	access := newUUID()
	s.tokens[access] = tok
	resp.ok(tokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(tokenLifetime / time.Second), Scope: strings.Join(scopes, " ")})
}

// bearer returns the valid token of the request, or nil. Callers hold s.mu.
func (s *Sim) bearer(r *http.Request, now time.Time) *token {
	scheme, value, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	tok := s.tokens[strings.TrimSpace(value)]
	if tok == nil {
		return nil
	}
	if !now.Before(tok.expires) {
		delete(s.tokens, strings.TrimSpace(value))
		return nil
	}
	return tok
}
