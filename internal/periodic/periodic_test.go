package periodic

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunsAtOnceThenEveryIntervalUntilStopped(t *testing.T) {
	var calls atomic.Int32
	ran := make(chan struct{}, 16)
	l := New(10*time.Millisecond, func(context.Context) {
		calls.Add(1)
		ran <- struct{}{}
	})
	l.Start(t.Context())
	l.Start(t.Context()) // a second Start does not start a second loop
	for range 3 {
		select {
		case <-ran:
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d calls in 5 s", calls.Load())
		}
	}
	l.Stop()
	after := calls.Load()
	time.Sleep(50 * time.Millisecond)
	if got := calls.Load(); got != after {
		t.Errorf("%d calls after Stop", got-after)
	}
}

func TestStopCancelsTheCallInProgressAndWaits(t *testing.T) {
	started := make(chan struct{})
	var returned atomic.Bool
	l := New(time.Hour, func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond)
		returned.Store(true)
	})
	l.Start(t.Context())
	<-started
	l.Stop()
	if !returned.Load() {
		t.Error("Stop returned before the call in progress")
	}
	l.Stop() // stopping a stopped loop is harmless
}

func TestEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var calls atomic.Int32
	l := New(time.Millisecond, func(context.Context) { calls.Add(1) })
	l.Start(ctx)
	cancel()
	time.Sleep(30 * time.Millisecond) // the loop sees the end of its context
	n := calls.Load()
	time.Sleep(30 * time.Millisecond)
	if got := calls.Load(); got != n {
		t.Errorf("%d calls after the context ended", got-n)
	}
	l.Stop()
}
