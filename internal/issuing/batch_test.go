package issuing_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"boletos/internal/intersim"
	"boletos/internal/issuing"
	"boletos/internal/issuing/issuingtest"
	"boletos/internal/store"
)

// checkThrottled asserts that a job's progress events are at least 100 ms
// apart and that the last one carries the final counters.
func checkThrottled(t *testing.T, rec *issuingtest.Recorder, job string, final issuing.Progress) {
	t.Helper()
	var evs []issuingtest.Recorded
	issuingtest.WaitFor(t, 5*time.Second, "the last progress event", func() bool {
		evs = evs[:0]
		for _, ev := range rec.Events(issuing.EventBatchProgress) {
			if ev.Payload.(issuing.Progress).Job == job {
				evs = append(evs, ev)
			}
		}
		return len(evs) > 0 && evs[len(evs)-1].Payload.(issuing.Progress) == final
	})
	if len(evs) < 3 {
		t.Errorf("only %d progress events", len(evs))
	}
	for i := 1; i < len(evs); i++ {
		if gap := evs[i].At.Sub(evs[i-1].At); gap < 100*time.Millisecond {
			t.Errorf("progress events %d and %d only %v apart", i-1, i, gap)
		}
	}
	for _, ev := range evs {
		p := ev.Payload.(issuing.Progress)
		if p.Done+p.Failed+p.Remaining != p.Total {
			t.Errorf("inconsistent progress %+v", p)
		}
	}
}

func TestBatchPauseResumeRetry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{
		sim: intersim.Config{Faults: intersim.Faults{Latency: 30 * time.Millisecond}},
		svc: func(c *issuing.Config) { c.Concurrency = 2 },
	})
	e.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ids := issuingtest.Drafts(t, e.st, e.acct.ID, 24, e.due(5))
	var invalid []int64
	for range 2 {
		b := e.draft(t, 0, e.due(5)) // no amount: invalid
		invalid = append(invalid, b.ID)
	}
	bt, err := e.svc.IssueBatch(ctx, append(ids, invalid...))
	if err != nil {
		t.Fatal(err)
	}
	bt.Pause()
	if !bt.Paused() {
		t.Fatal("not paused")
	}
	for _, it := range bt.Report() {
		isInvalid := it.ID == invalid[0] || it.ID == invalid[1]
		if isInvalid && (it.Outcome != issuing.OutcomeFailed || len(it.Fields) == 0 || it.Fields[0].Field != "valor") {
			t.Errorf("invalid item %+v", it)
		}
	}
	queued := func() int { return issuingtest.CountStates(t, e.st, e.acct.ID)[store.StateQueued] }
	time.Sleep(300 * time.Millisecond)
	before := queued()
	time.Sleep(400 * time.Millisecond)
	if after := queued(); after != before || after == 0 {
		t.Fatalf("paused batch: %d queued, then %d", before, after)
	}
	if p := bt.Progress(); p.Remaining == 0 || p.Failed != 2 {
		t.Fatalf("paused progress %+v", p)
	}
	bt.Resume()
	p, err := bt.Wait(ctx)
	if err != nil || p.Done != 24 || p.Failed != 2 || p.Remaining != 0 {
		t.Fatalf("after resume: %+v, %v", p, err)
	}
	// Fix the invalid drafts and retry the failed ones.
	for _, id := range invalid {
		b := e.get(t, id)
		in := issuingtest.Draft(e.acct.ID, 777, e.due(5))
		if _, err := e.svc.UpdateDraft(ctx, id, b.Version, in); err != nil {
			t.Fatal(err)
		}
	}
	n, err := bt.RetryFailed(ctx)
	if err != nil || n != 2 {
		t.Fatalf("RetryFailed = %d, %v", n, err)
	}
	p, err = bt.Wait(ctx)
	if err != nil || p.Done != 26 || p.Failed != 0 {
		t.Fatalf("after retry: %+v, %v", p, err)
	}
	for _, it := range bt.Report() {
		if it.Outcome != issuing.OutcomeDone || it.State != store.StateIssued || it.Error != "" {
			t.Errorf("item %+v", it)
		}
	}
	checkThrottled(t, e.rec, bt.Job(), p)
	if got, ok := e.svc.Batch(bt.Job()); !ok || got != bt {
		t.Error("the batch cannot be found by its job")
	}
}

func TestBatchCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{
		sim: intersim.Config{Faults: intersim.Faults{Latency: 40 * time.Millisecond}},
		svc: func(c *issuing.Config) { c.Concurrency = 1 },
	})
	e.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ids := issuingtest.Drafts(t, e.st, e.acct.ID, 20, e.due(5))
	bt, err := e.svc.IssueBatch(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
	if err := bt.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := bt.Wait(ctx)
	if err != nil || p.Remaining != 0 || p.Failed < 10 || p.Done+p.Failed != 20 {
		t.Fatalf("cancelled batch: %+v, %v", p, err)
	}
	withdrawn := 0
	for _, it := range bt.Report() {
		switch it.Outcome {
		case issuing.OutcomeFailed:
			withdrawn++
			if it.State != store.StateDraft || !strings.Contains(it.Error, "cancelado") {
				t.Errorf("withdrawn item %+v", it)
			}
		case issuing.OutcomeDone:
			if it.State != store.StateIssued {
				t.Errorf("done item %+v", it)
			}
		}
	}
	if n := len(e.simCharges(t)); n != p.Done {
		t.Errorf("%d charges at the bank, %d done", n, p.Done)
	}
	if st := issuingtest.CountStates(t, e.st, e.acct.ID); st[store.StateQueued] != 0 {
		t.Errorf("states after cancel %v", st)
	}
	checkThrottled(t, e.rec, bt.Job(), p)

	n, err := bt.RetryFailed(ctx)
	if err != nil || n != withdrawn {
		t.Fatalf("RetryFailed = %d, %v; want %d", n, err, withdrawn)
	}
	if p, err = bt.Wait(ctx); err != nil || p.Done != 20 {
		t.Fatalf("after retry: %+v, %v", p, err)
	}
}
