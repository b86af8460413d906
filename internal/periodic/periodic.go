// Package periodic runs a piece of background work at once and then every
// interval until it is stopped: the shape shared by the program's
// housekeeping (the daily backup, the monthly contract billing, the
// certificate expiry check). It satisfies the app's Worker interface.
package periodic

import (
	"context"
	"sync"
	"time"
)

// Loop calls its function once at Start and then every interval, never two
// calls at a time, until Stop or the end of Start's context.
type Loop struct {
	every time.Duration
	fn    func(ctx context.Context)

	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a stopped loop calling fn every interval (at least a
// millisecond). fn receives a context cancelled by Stop and should return
// soon after it ends.
func New(every time.Duration, fn func(ctx context.Context)) *Loop {
	return &Loop{every: max(every, time.Millisecond), fn: fn}
}

// Start calls fn at once in the background, then every interval. It returns
// at once; starting a running loop does nothing.
func (l *Loop) Start(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		return
	}
	ctx, l.cancel = context.WithCancel(ctx)
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		t := time.NewTicker(l.every)
		defer t.Stop()
		for {
			l.fn(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop cancels the context of a call in progress, waits for it to return
// and ends the loop. A stopped loop may be started again.
func (l *Loop) Stop() {
	l.mu.Lock()
	cancel := l.cancel
	l.cancel = nil
	l.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	l.wg.Wait()
}
