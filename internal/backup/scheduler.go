package backup

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"boletos/internal/periodic"
	"boletos/internal/store"
)

// SchedulerConfig configures a Scheduler. Store and Dir are required.
type SchedulerConfig struct {
	Store *store.Store
	Dir   string       // the backup folder, usually DefaultDir(dataDir)
	Log   *slog.Logger // nil: discard
	Now   func() time.Time
	// Interval is how often the running program checks whether a backup is
	// due; 0 means an hour.
	Interval time.Duration
	// MaxAge is how old the newest backup may get before another is taken;
	// 0 means 24 hours.
	MaxAge time.Duration
}

// Scheduler takes the automatic daily backup while the program runs, and
// the manual ones ("Fazer backup agora"), one at a time. It is a Worker of
// the app: Start, Stop.
type Scheduler struct {
	// Start checks at once, then every Interval, whether the newest backup
	// is older than MaxAge (or there is none) and takes one if so. Backups
	// dated more than an hour in the future (the clock was moved back) are
	// not counted. Failures are logged and retried at the next check. Stop
	// waits for a backup in progress, which its context cancels.
	*periodic.Loop
	cfg SchedulerConfig

	takeMu sync.Mutex // one backup at a time
}

// NewScheduler returns a scheduler; nothing runs before Start.
func NewScheduler(cfg SchedulerConfig) *Scheduler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Hour
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = 24 * time.Hour
	}
	s := &Scheduler{cfg: cfg}
	s.Loop = periodic.New(cfg.Interval, s.tick)
	return s
}

// Dir is the backup folder.
func (s *Scheduler) Dir() string { return s.cfg.Dir }

// BackupNow takes a backup at once (waiting for one in progress to end)
// and prunes the folder, as Take.
func (s *Scheduler) BackupNow(ctx context.Context) (Info, error) {
	s.takeMu.Lock()
	defer s.takeMu.Unlock()
	return Take(ctx, s.cfg.Store, s.cfg.Dir, s.cfg.Now())
}

// tick takes a backup if one is due.
func (s *Scheduler) tick(ctx context.Context) {
	s.takeMu.Lock()
	defer s.takeMu.Unlock()
	now := s.cfg.Now()
	due, err := s.due(now)
	if err != nil {
		s.cfg.Log.Warn("backup: cannot list backups", "dir", s.cfg.Dir, "err", err)
	}
	if !due || ctx.Err() != nil {
		return
	}
	info, err := Take(ctx, s.cfg.Store, s.cfg.Dir, now)
	switch {
	case err != nil && ctx.Err() != nil:
		// shutting down
	case err != nil && info.Path != "":
		s.cfg.Log.Warn("backup: taken, but pruning failed", "path", info.Path, "err", err)
	case err != nil:
		s.cfg.Log.Error("backup: automatic backup failed", "dir", s.cfg.Dir, "err", err)
	default:
		s.cfg.Log.Info("backup: automatic backup taken", "path", info.Path, "bytes", info.Size)
	}
}

// due reports whether a backup should be taken at now. A listing error
// counts as due: taking the backup reports the real problem.
func (s *Scheduler) due(now time.Time) (bool, error) {
	list, err := List(s.cfg.Dir)
	if err != nil {
		return true, err
	}
	for _, b := range list { // newest first
		if b.Kind != KindBackup || b.TakenAt.After(now.Add(time.Hour)) {
			continue // dated in the future: the clock was moved back
		}
		return now.Sub(b.TakenAt) >= s.cfg.MaxAge, nil
	}
	return true, nil
}
