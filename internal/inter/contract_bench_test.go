package inter_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/inter"
	"boletos/internal/intersim"
)

// Contract benchmarks: the client against the simulator with 50 ms of
// latency per answer and no rate limits.

const benchLatency = 50 * time.Millisecond

func benchClient(b *testing.B) (*intersim.Sim, intersim.Credentials, *inter.Client) {
	b.Helper()
	sim, cr := startSim(b, intersim.Config{Profile: intersim.ProfileUnlimited, Faults: intersim.Faults{Latency: benchLatency, Seed: 1}})
	c := newSimClient(b, simConfig(b, cr))
	if err := c.Authenticate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return sim, cr, c
}

// tokensPer1000 is token requests per 1,000 API requests, as the simulator
// counted them.
func tokensPer1000(tokens, requests int) float64 {
	if requests <= 0 {
		return 0
	}
	return float64(tokens) * 1000 / float64(requests)
}

// BenchmarkEmit issues b.N charges from 8 goroutines.
func BenchmarkEmit(b *testing.B) {
	sim, _, c := benchClient(b)
	due := today().AddDays(10)
	const workers = 8
	var next atomic.Int64
	var failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if _, err := c.Emit(context.Background(), emission(nextSeuNumero("BE"), 1000, due)); err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d emissions failed", failed.Load())
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "emissions/s")
	st := sim.Stats()
	b.ReportMetric(tokensPer1000(st.TokenRequests, st.Requests["POST /cobranca/v3/cobrancas"]), "tokens/1000req")
}

// BenchmarkGet reads a charge from 8 goroutines; each operation is one
// client Get and one raw round trip of the same request (mTLS, bearer token,
// no client machinery), so the client's overhead is measured under the same
// load: overhead-p50/p99 are the client's percentiles minus the raw ones.
func BenchmarkGet(b *testing.B) {
	sim, cr, c := benchClient(b)
	ctx := context.Background()
	res, err := c.Emit(ctx, emission(nextSeuNumero("BG"), 1000, today().AddDays(10)))
	if err != nil {
		b.Fatal(err)
	}
	raw, token := rawClient(b, cr)
	target := cr.BaseURL + "/cobranca/v3/cobrancas/" + res.CodigoSolicitacao
	const workers = 8
	var mu sync.Mutex
	var clientTimes, rawTimes []time.Duration
	var next atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ct, rt []time.Duration
			for next.Add(1) <= int64(b.N) {
				t0 := time.Now()
				if err := rawGet(raw, target, token, cr.ContaCorrente); err != nil {
					b.Error(err)
					return
				}
				rt = append(rt, time.Since(t0))
				t0 = time.Now()
				if _, err := c.Get(ctx, res.CodigoSolicitacao); err != nil {
					b.Error(err)
					return
				}
				ct = append(ct, time.Since(t0))
			}
			mu.Lock()
			clientTimes, rawTimes = append(clientTimes, ct...), append(rawTimes, rt...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	if len(clientTimes) == 0 {
		return
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(max(0, ms(percentile(clientTimes, 50)-percentile(rawTimes, 50))), "overhead-p50-ms")
	b.ReportMetric(max(0, ms(percentile(clientTimes, 99)-percentile(rawTimes, 99))), "overhead-p99-ms")
	// The raw client's own token and requests are not the client's.
	st := sim.Stats()
	clientRequests := st.Requests["GET /cobranca/v3/cobrancas/{codigoSolicitacao}"] - len(rawTimes) + st.Requests["POST /cobranca/v3/cobrancas"]
	b.ReportMetric(tokensPer1000(st.TokenRequests-1, clientRequests), "tokens/1000req")
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

// rawClient is a bare mTLS client with a token of its own.
func rawClient(b *testing.B, cr intersim.Credentials) (*http.Client, string) {
	b.Helper()
	cfg := simConfig(b, cr)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: cfg.RootCAs, Certificates: []tls.Certificate{cfg.Certificate}}
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.MaxIdleConnsPerHost = 32
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	b.Cleanup(tr.CloseIdleConnections)
	form := url.Values{"client_id": {cr.ClientID}, "client_secret": {cr.ClientSecret}, "grant_type": {"client_credentials"},
		"scope": {"boleto-cobranca.read boleto-cobranca.write"}}
	resp, err := hc.PostForm(cr.BaseURL+"/oauth/v2/token", form)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("raw token: %v (status %d)", err, resp.StatusCode)
	}
	return hc, tok.AccessToken
}

func rawGet(hc *http.Client, target, token, conta string) error {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("x-conta-corrente", conta)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &inter.Error{Method: req.Method, Path: "raw", Status: resp.StatusCode}
	}
	return nil
}
