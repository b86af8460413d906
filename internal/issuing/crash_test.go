package issuing_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"boletos/internal/inter"
	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// Environment of the worker process that TestCrashSIGKILL kills.
const (
	envCrashChild   = "BOLETOS_ISSUING_CRASH_CHILD"
	envCrashDB      = "BOLETOS_ISSUING_CRASH_DB"
	envCrashCreds   = "BOLETOS_ISSUING_CRASH_CREDS"
	envCrashAccount = "BOLETOS_ISSUING_CRASH_ACCOUNT"
)

// TestCrashSIGKILL runs the worker in a separate process (this test binary
// again), kills it with SIGKILL at random moments (seeded) while it issues,
// restarts it on the same SQLite file, and finally lets a fresh worker
// finish: every boleto ends issued, exactly once at the bank.
func TestCrashSIGKILL(t *testing.T) {
	t.Parallel()
	const kills = 20
	initial, perRound := 20, 3
	if testing.Short() {
		initial, perRound = 15, 2
	}
	e := newEnv(t, envOptions{sim: intersim.Config{Faults: intersim.Faults{
		Latency: 15 * time.Millisecond, Jitter: 30 * time.Millisecond,
		Error: 0.05, Drop: 0.05, Processing: 50 * time.Millisecond, Seed: 7,
	}}})
	creds := filepath.Join(t.TempDir(), "sim")
	if err := e.sim.WriteFiles(creds); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(20260615, 1))
	ids := issuingtest.Drafts(t, e.st, e.acct.ID, initial, e.due(10))
	queue := func(ids []int64) {
		for _, id := range ids {
			if _, err := e.svc.Queue(context.Background(), id); err != nil {
				t.Fatal(err)
			}
		}
	}
	queue(ids)

	var log bytes.Buffer
	began := time.Now()
	var startup time.Duration
	for round := range kills {
		more := issuingtest.Drafts(t, e.st, e.acct.ID, perRound, e.due(10))
		queue(more)
		ids = append(ids, more...)
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envCrashChild+"=1", envCrashDB+"="+e.st.Path(), envCrashCreds+"="+creds,
			envCrashAccount+"="+strconv.FormatInt(e.acct.ID, 10))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = &log
		started := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan struct{})
		var rest sync.WaitGroup
		rest.Add(1)
		go func() {
			defer rest.Done()
			sc := bufio.NewScanner(out)
			signalled := false
			for sc.Scan() {
				if !signalled && strings.Contains(sc.Text(), "worker ready") {
					close(ready)
					signalled = true
				}
			}
			if !signalled {
				close(ready)
			}
		}()
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
			t.Fatal("the worker process did not start")
		}
		startup += time.Since(started)
		delay := time.Duration(rng.Int64N(int64(400 * time.Millisecond)))
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("round %d: kill: %v\n%s", round, err, log.String())
		}
		rest.Wait()
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: the worker exited on its own before the kill:\n%s", round, log.String())
		}
	}
	states := issuingtest.CountStates(t, e.st, e.acct.ID)
	t.Logf("after %d kills in %v (process start-ups %v): %v", kills, time.Since(began), startup, states)
	drain := time.Now()
	defer func() { t.Logf("drain %v", time.Since(drain)) }()
	if states[store.StateQueued]+states[store.StateSending]+states[store.StateProcessing] == 0 {
		t.Log("note: every boleto was already settled before the last kill")
	}

	// A fresh worker on the same file finishes the job.
	e.start(t)
	issuingtest.WaitFor(t, 2*time.Minute, "every boleto issued", func() bool {
		return issuingtest.CountStates(t, e.st, e.acct.ID)[store.StateIssued] == len(ids)
	})
	e.sim.SetFaults(intersim.Faults{})
	checkInvariants(t, e.st, e.client, e.acct.ID, ids, e.clock)
	if t.Failed() {
		t.Logf("worker processes' log:\n%s", log.String())
	}
}

// TestCrashChild is the worker process of TestCrashSIGKILL; it does
// nothing in a normal run.
func TestCrashChild(t *testing.T) {
	if os.Getenv(envCrashChild) != "1" {
		t.Skip("helper process of TestCrashSIGKILL")
	}
	acct, err := strconv.ParseInt(os.Getenv(envCrashAccount), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv(envCrashCreds)
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var meta struct {
		BaseURL       string `json:"baseUrl"`
		ClientID      string `json:"clientId"`
		ClientSecret  string `json:"clientSecret"`
		ContaCorrente string `json:"contaCorrente"`
	}
	if err := json.Unmarshal(read("client.json"), &meta); err != nil {
		t.Fatal(err)
	}
	cfg := issuingtest.ClientConfig(t, intersim.Credentials{
		BaseURL: meta.BaseURL, ClientID: meta.ClientID, ClientSecret: meta.ClientSecret, ContaCorrente: meta.ContaCorrente,
		CACertPEM: read("ca.crt"), ClientCertPEM: read("client.crt"), ClientKeyPEM: read("client.key"),
	})
	client, err := inter.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), os.Getenv(envCrashDB), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sc := testConfig()
	sc.Store, sc.Clients, sc.Concurrency = st, issuing.ClientMap{acct: client}, 4
	sc.Lease = 300 * time.Millisecond // the process holding a lease is dead: recover fast
	svc, err := issuing.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	svc.Start(context.Background())
	fmt.Println("worker ready")
	// Work until killed; a worker left alone would finish and wait.
	select {}
}
