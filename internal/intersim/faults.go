package intersim

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults are the misbehaviours the simulator injects. Fractions are
// probabilities per request, from 0 to 1. The zero value injects nothing and
// processes charges at once.
type Faults struct {
	// Latency is added to every answer, plus a random part in [0, Jitter).
	Latency, Jitter time.Duration
	// Error answers 500, 502, 503 or 504 (equally likely) before the request
	// reaches the bank, so nothing is stored.
	Error float64
	// Drop cuts the connection after the request was carried out (a charge
	// is stored) and before any answer is written.
	Drop float64
	// Timeout never answers: the request hangs until the client gives up.
	Timeout float64
	// RateLimit answers 429 regardless of the real per-minute limits.
	RateLimit float64
	// Processing is how long a new charge stays EM_PROCESSAMENTO (and an
	// edit PROCESSANDO), measured on the simulator's clock.
	Processing time.Duration
	// Seed makes the random choices reproducible; 0 picks a random seed,
	// which is logged.
	Seed int64
	// EmptyBody400 and EmptyBody401 are the fractions of 400 and 401 answers
	// sent with an empty body, as the bank sometimes does.
	EmptyBody400, EmptyBody401 float64
	// StuckProcessing stops the processing of every charge for this long,
	// counted from the moment the faults are applied: charges that would be
	// ready earlier stay EM_PROCESSAMENTO until then.
	StuckProcessing time.Duration
}

// faultKeys documents every key ParseFaults understands, in help order.
var faultKeys = []struct{ key, help string }{
	{"latency", "atraso fixo em cada resposta (ex.: 50ms)"},
	{"jitter", "atraso aleatório extra, de 0 até o valor (ex.: 20ms)"},
	{"error", "fração das requisições respondidas com 500, 502, 503 ou 504, sem gravar nada (ex.: 0.1)"},
	{"drop", "fração das requisições em que a conexão cai depois de a operação ser gravada (ex.: 0.05)"},
	{"timeout", "fração das requisições que nunca são respondidas (ex.: 0.05)"},
	{"ratelimit", "fração das requisições respondidas com 429, além dos limites por minuto (ex.: 0.05)"},
	{"processing", "tempo que uma cobrança fica EM_PROCESSAMENTO (ex.: 2s; 0 = na hora)"},
	{"stuck", "o processamento para por esse tempo a partir de agora (ex.: 30s)"},
	{"empty400", "fração das respostas 400 enviadas sem corpo (ex.: 0.5)"},
	{"empty401", "fração das respostas 401 enviadas sem corpo (ex.: 0.5)"},
	{"seed", "semente dos sorteios, para repetir a mesma sequência (ex.: 7; 0 = aleatória)"},
}

// FaultHelp describes every key of ParseFaults, one "key: meaning" line each,
// in Portuguese (used by `boletos sim --help`).
func FaultHelp() string {
	var b strings.Builder
	for _, k := range faultKeys {
		fmt.Fprintf(&b, "  %-11s %s\n", k.key, k.help)
	}
	return b.String()
}

// ParseFaults reads a comma-separated list of key=value pairs, for example
// "latency=50ms,jitter=20ms,error=0.1,drop=0.05,timeout=0.05,ratelimit=0.05,processing=2s,seed=7".
// An empty string gives the zero Faults. Errors are in Portuguese and name the
// offending pair.
func ParseFaults(s string) (Faults, error) {
	var f Faults
	seen := map[string]bool{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		key, value, ok := strings.Cut(pair, "=")
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		if !ok || key == "" || value == "" {
			return Faults{}, fmt.Errorf("falha %q malformada: use chave=valor, por exemplo latency=50ms", pair)
		}
		if seen[key] {
			return Faults{}, fmt.Errorf("falha %q repetida: informe %s uma vez só", pair, key)
		}
		seen[key] = true
		var err error
		switch key {
		case "latency":
			f.Latency, err = parseFaultDuration(pair, value)
		case "jitter":
			f.Jitter, err = parseFaultDuration(pair, value)
		case "processing":
			f.Processing, err = parseFaultDuration(pair, value)
		case "stuck":
			f.StuckProcessing, err = parseFaultDuration(pair, value)
		case "error":
			f.Error, err = parseFraction(pair, value)
		case "drop":
			f.Drop, err = parseFraction(pair, value)
		case "timeout":
			f.Timeout, err = parseFraction(pair, value)
		case "ratelimit":
			f.RateLimit, err = parseFraction(pair, value)
		case "empty400":
			f.EmptyBody400, err = parseFraction(pair, value)
		case "empty401":
			f.EmptyBody401, err = parseFraction(pair, value)
		case "seed":
			f.Seed, err = strconv.ParseInt(value, 10, 64)
			if err != nil {
				err = fmt.Errorf("falha %q: a semente deve ser um número inteiro, por exemplo seed=7", pair)
			}
		default:
			keys := make([]string, 0, len(faultKeys))
			for _, k := range faultKeys {
				keys = append(keys, k.key)
			}
			sort.Strings(keys)
			return Faults{}, fmt.Errorf("falha %q desconhecida: as chaves aceitas são %s", pair, strings.Join(keys, ", "))
		}
		if err != nil {
			return Faults{}, err
		}
	}
	return f, nil
}

func parseFaultDuration(pair, value string) (time.Duration, error) {
	if value == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil {
		return 0, fmt.Errorf("falha %q: a duração deve ter unidade, por exemplo 50ms, 2s ou 1m", pair)
	}
	if d < 0 {
		return 0, fmt.Errorf("falha %q: a duração não pode ser negativa", pair)
	}
	return d, nil
}

func parseFraction(pair, value string) (float64, error) {
	p, err := strconv.ParseFloat(value, 64)
	if err != nil || p != p {
		return 0, fmt.Errorf("falha %q: a fração deve ser um número entre 0 e 1, por exemplo 0.05", pair)
	}
	if p < 0 || p > 1 {
		return 0, fmt.Errorf("falha %q: a fração deve ficar entre 0 e 1 (0.05 = 5%% das requisições)", pair)
	}
	return p, nil
}

// draw is the outcome of the fault dice for one request.
type draw struct {
	delay     time.Duration
	rateLimit bool
	timeout   bool
	errStatus int // 0: no injected error
	drop      bool
	empty400  bool
	empty401  bool
}

// dice holds the seeded generator. Every request consumes the same number of
// values in the same order, whatever comes out, so a seed replays the same
// sequence of faults for the same sequence of requests.
type dice struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func newDice(seed int64) *dice {
	return &dice{rng: rand.New(rand.NewPCG(uint64(seed), 0x1eb0_1e70))}
}

var errorStatuses = [...]int{500, 502, 503, 504}

func (d *dice) roll(f Faults) draw {
	d.mu.Lock()
	defer d.mu.Unlock()
	var v [8]float64
	for i := range v {
		v[i] = d.rng.Float64()
	}
	out := draw{
		delay:     f.Latency,
		rateLimit: v[1] < f.RateLimit,
		timeout:   v[2] < f.Timeout,
		drop:      v[5] < f.Drop,
		empty400:  v[6] < f.EmptyBody400,
		empty401:  v[7] < f.EmptyBody401,
	}
	if f.Jitter > 0 {
		out.delay += time.Duration(v[0] * float64(f.Jitter))
	}
	if v[3] < f.Error {
		out.errStatus = errorStatuses[int(v[4]*float64(len(errorStatuses)))%len(errorStatuses)]
	}
	return out
}
