package backup

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// syncBuffer is a log sink safe for the scheduler's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range list {
		out = append(out, b.Name)
	}
	return out
}

func TestSchedulerTakesOneBackupADay(t *testing.T) {
	t.Parallel()
	data := newDataDir(t, 1)
	db := openStore(t, data)
	defer db.Close()
	dir := DefaultDir(data)
	clock := &fakeClock{t: sp(2026, 11, 27, 8, 0)}
	// A backup of yesterday evening: not due yet at start.
	if _, err := Take(context.Background(), db, dir, sp(2026, 11, 26, 20, 0)); err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	s := NewScheduler(SchedulerConfig{Store: db, Dir: dir, Now: clock.Now, Interval: 5 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(&log, nil))})
	s.Start(context.Background())
	s.Start(context.Background())      // a second Start does nothing
	time.Sleep(100 * time.Millisecond) // many checks
	if got := names(t, dir); len(got) != 1 {
		t.Fatalf("backups before 24 h: %q", got)
	}
	clock.Set(sp(2026, 11, 27, 20, 0)) // 24 h after the last one
	waitFor(t, "the daily backup", func() bool { return len(names(t, dir)) == 2 })
	time.Sleep(100 * time.Millisecond)
	if got := names(t, dir); len(got) != 2 || got[0] != "boletos-2026-11-27T2000.db" {
		t.Errorf("backups: %q", got)
	}
	// "Fazer backup agora" goes through the same rotation.
	clock.Set(sp(2026, 11, 27, 21, 30))
	info, err := s.BackupNow(context.Background())
	if err != nil || info.Name != "boletos-2026-11-27T2130.db" {
		t.Fatalf("BackupNow: %+v %v", info, err)
	}
	if got := names(t, dir); len(got) != 2 || got[0] != info.Name || got[1] != "boletos-2026-11-26T2000.db" {
		t.Errorf("after a manual backup the day keeps its newest: %q", got)
	}
	s.Stop()
	s.Stop()
	clock.Set(sp(2026, 12, 5, 8, 0))
	time.Sleep(50 * time.Millisecond)
	if got := names(t, dir); len(got) != 2 {
		t.Errorf("a backup was taken after Stop: %q", got)
	}
	if !strings.Contains(log.String(), "automatic backup taken") {
		t.Errorf("log: %s", log.String())
	}
}

func TestSchedulerBacksUpAtStartAndSurvivesFailures(t *testing.T) {
	t.Parallel()
	data := newDataDir(t, 1)
	db := openStore(t, data)
	defer db.Close()
	clock := &fakeClock{t: sp(2026, 11, 27, 8, 0)}

	// No backup yet: one at start.
	dir := DefaultDir(data)
	s := NewScheduler(SchedulerConfig{Store: db, Dir: dir, Now: clock.Now, Interval: time.Hour})
	s.Start(context.Background())
	waitFor(t, "the backup at start", func() bool { return len(names(t, dir)) == 1 })
	s.Stop()

	// A folder that cannot be created: logged, retried, never fatal.
	blocker := filepath.Join(t.TempDir(), "arquivo")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	bad := NewScheduler(SchedulerConfig{Store: db, Dir: filepath.Join(blocker, "backups"), Now: clock.Now,
		Interval: 5 * time.Millisecond, Log: slog.New(slog.NewTextHandler(&log, nil))})
	bad.Start(context.Background())
	waitFor(t, "two failed attempts", func() bool { return strings.Count(log.String(), "automatic backup failed") >= 2 })
	bad.Stop()

	// A clock moved back a year: the "future" backup does not stop the
	// daily one.
	clock.Set(sp(2025, 11, 27, 8, 0))
	s2 := NewScheduler(SchedulerConfig{Store: db, Dir: dir, Now: clock.Now, Interval: time.Hour})
	s2.Start(context.Background())
	waitFor(t, "a backup despite the clock", func() bool { return len(names(t, dir)) == 2 })
	s2.Stop()
	// and, that one taken, the next check an hour later finds it recent.
	clock.Set(sp(2025, 11, 27, 9, 0))
	s3 := NewScheduler(SchedulerConfig{Store: db, Dir: dir, Now: clock.Now, Interval: time.Hour})
	s3.Start(context.Background())
	time.Sleep(50 * time.Millisecond)
	s3.Stop()
	if got := names(t, dir); len(got) != 2 || got[1] != "boletos-2025-11-27T0800.db" {
		t.Errorf("backups: %q", got)
	}
}

func TestSchedulerStopsWithItsContext(t *testing.T) {
	t.Parallel()
	data := newDataDir(t, 1)
	db := openStore(t, data)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s := NewScheduler(SchedulerConfig{Store: db, Dir: DefaultDir(data), Interval: time.Millisecond})
	s.Start(ctx)
	cancel()
	done := make(chan struct{})
	go func() { s.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return after the context ended")
	}
}
