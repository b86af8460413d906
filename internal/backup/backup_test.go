package backup

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/store"
)

func TestParseName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind Kind
		at   time.Time
		ok   bool
	}{
		{"boletos-2026-11-27T0300.db", KindBackup, sp(2026, 11, 27, 3, 0), true},
		{"boletos-2026-01-14T2330.db", KindBackup, sp(2026, 1, 14, 23, 30), true},
		{"boletos-antes-de-restaurar-2026-11-27T0300.db", KindSafety, sp(2026, 11, 27, 3, 0), true},
		{"boletos-antes-de-restaurar-2026-11-27T0300-2.db", KindSafety, sp(2026, 11, 27, 3, 0), true},
		{"boletos-antes-de-restaurar-2026-11-27T0300-1.db", "", time.Time{}, false},
		{"boletos-antes-de-restaurar-2026-11-27T0300x.db", "", time.Time{}, false},
		{"boletos-2026-11-27T0300-2.db", "", time.Time{}, false},
		{"boletos.db", "", time.Time{}, false},
		{"boletos-notas.db", "", time.Time{}, false},
		{"boletos-2026-13-01T0300.db", "", time.Time{}, false},
		{"boletos-2026-11-27T0300.db-wal", "", time.Time{}, false},
		{"boletos-2026-11-27T0300.DB", "", time.Time{}, false},
		{"meu-boletos-2026-11-27T0300.db", "", time.Time{}, false},
		{".boletos-backup-123.tmp", "", time.Time{}, false},
	}
	for _, tt := range tests {
		kind, at, ok := parseName(tt.name)
		if ok != tt.ok || kind != tt.kind || !at.Equal(tt.at) {
			t.Errorf("parseName(%q) = %q %v %v, want %q %v %v", tt.name, kind, at, ok, tt.kind, tt.at, tt.ok)
		}
	}
	if got := backupName(time.Date(2026, 11, 27, 6, 0, 59, 0, time.UTC)); got != "boletos-2026-11-27T0300.db" {
		t.Errorf("backupName of 06:00:59 UTC = %q, want São Paulo time", got)
	}
}

// TestTakeWhileWriting backs up a database that another goroutine keeps
// writing through the store: each backup must pass the integrity check,
// hold a boleto count between the counts before and after it was taken,
// and be one consistent snapshot (no half transaction).
func TestTakeWhileWriting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	db := openStore(t, data)
	defer db.Close()
	// A few megabytes of logo (on an account the writer never reads) make
	// each VACUUM INTO last long enough for writes to land while it runs.
	logo := make([]byte, 4<<20)
	rand.Read(logo)
	mustAccount(t, db, store.Account{Name: "Matriz", Environment: store.EnvSandbox, Logo: logo, LogoType: "image/png"})
	acc := mustAccount(t, db, store.Account{Name: "Loja", Environment: store.EnvSandbox})

	// committed counts the drafts whose CreateDraft has returned; a draft
	// is in the database a moment before, so at any instant the database
	// holds committed or committed+1 drafts.
	var committed atomic.Int64
	writeCtx, stop := context.WithCancel(ctx)
	writerDone := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			b, err := db.CreateDraft(writeCtx, draftInput(acc.ID))
			if writeCtx.Err() != nil {
				writerDone <- nil
				return
			}
			if err != nil {
				writerDone <- err
				return
			}
			committed.Add(1)
			if i%2 == 0 {
				_, err = db.Transition(writeCtx, b.ID, []store.State{store.StateDraft}, store.StateQueued,
					store.Event{Kind: store.EventQueued, Message: "Na fila."}, nil)
				if err != nil && writeCtx.Err() == nil {
					writerDone <- err
					return
				}
			}
		}
	}()
	for committed.Load() < 20 {
		time.Sleep(time.Millisecond)
	}

	dir := filepath.Join(data, "backups")
	start := sp(2026, 11, 27, 3, 0)
	overlapped := 0
	first := committed.Load()
	for i := range 6 {
		before := committed.Load()
		info, err := Take(ctx, db, dir, start.Add(time.Duration(i)*24*time.Hour))
		after := committed.Load()
		if err != nil {
			t.Fatalf("Take %d: %v", i, err)
		}
		if after > before {
			overlapped++
		}
		if err := store.CheckFile(ctx, info.Path); err != nil {
			t.Errorf("backup %d fails the integrity check: %v", i, err)
		}
		sum, err := store.InspectFile(ctx, info.Path)
		if err != nil {
			t.Fatalf("inspect backup %d: %v", i, err)
		}
		if n := int64(sum.TotalBoletos); n < before || n > after+1 {
			t.Errorf("backup %d holds %d boletos; %d were committed before it and %d after", i, n, before, after)
		}
		// One snapshot: every boleto has its reservation and its creation
		// event, every queued one its queued event, all written in the
		// same transactions.
		created := queryFile(t, info.Path, "SELECT count(*) FROM boleto_events WHERE kind = 'created'")
		reserved := queryFile(t, info.Path, "SELECT count(*) FROM seu_numeros")
		queued := queryFile(t, info.Path, "SELECT count(*) FROM boletos WHERE state = 'queued'")
		queuedEvents := queryFile(t, info.Path, "SELECT count(*) FROM boleto_events WHERE kind = 'queued'")
		if created != sum.TotalBoletos || reserved != sum.TotalBoletos || queued != queuedEvents {
			t.Errorf("backup %d is not one snapshot: %d boletos, %d created events, %d reservations, %d queued vs %d queued events",
				i, sum.TotalBoletos, created, reserved, queued, queuedEvents)
		}
		if info.Kind != KindBackup || info.Size < int64(len(logo)) || filepath.Dir(info.Path) != dir {
			t.Errorf("info %+v", info)
		}
	}
	stop()
	if err := <-writerDone; err != nil {
		t.Fatalf("writer: %v", err)
	}
	if committed.Load() <= first {
		t.Fatal("nothing was written while the backups were taken")
	}
	if overlapped == 0 {
		t.Error("no backup overlapped a write; the test did not exercise concurrency")
	}
	t.Logf("%d of 6 backups overlapped writes; %d drafts written", overlapped, committed.Load())
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, _, ok := parseName(e.Name()); !ok {
			t.Errorf("stray file in the backup folder: %s", e.Name())
		}
	}
}

// TestRetentionOver60Days takes one backup a day at 03:00 for 60 days
// across a new year, plus two manual ones, with a fake clock, and checks
// exactly which files remain.
func TestRetentionOver60Days(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	db := openStore(t, data)
	defer db.Close()
	dir := DefaultDir(data)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Files that are not ours (or not under rotation) must survive.
	keepers := []string{"leia-me.txt", "boletos-notas.db", "boletos.db", "boletos-2026-13-01T0300.db",
		"boletos-antes-de-restaurar-2025-11-21T1000.db"}
	for _, n := range keepers {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("não apague"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	manual := map[string]time.Time{
		"2026-01-14": sp(2026, 1, 14, 23, 30), // 02:30 UTC on the 15th: still the 14th here
		"2026-01-16": sp(2026, 1, 16, 10, 0),
	}
	day := sp(2025, 11, 20, 3, 0)
	for i := range 60 {
		if _, err := Take(ctx, db, dir, day); err != nil {
			t.Fatalf("Take %s: %v", day, err)
		}
		if m, ok := manual[day.Format(time.DateOnly)]; ok {
			if _, err := Take(ctx, db, dir, m); err != nil {
				t.Fatalf("manual Take %s: %v", m, err)
			}
		}
		list, err := List(dir)
		if err != nil {
			t.Fatal(err)
		}
		if n := countKind(list, KindBackup); n > KeepDaily+KeepWeekly || n > i+2 {
			t.Fatalf("after %s: %d backups kept", day.Format(time.DateOnly), n)
		}
		day = day.AddDate(0, 0, 1)
	}
	if last := day.AddDate(0, 0, -1); last.Format(time.DateOnly) != "2026-01-18" {
		t.Fatalf("last day %s", last)
	}

	want := []string{
		// newest of each of the 7 last days
		"boletos-2026-01-18T0300.db", // Sunday, ISO week 2026-W03
		"boletos-2026-01-17T0300.db",
		"boletos-2026-01-16T1000.db", // manual, replaces that day's 03:00
		"boletos-2026-01-15T0300.db",
		"boletos-2026-01-14T2330.db", // manual, São Paulo evening
		"boletos-2026-01-13T0300.db",
		"boletos-2026-01-12T0300.db", // Monday of 2026-W03
		// newest of each of the 3 weeks before
		"boletos-2026-01-11T0300.db", // Sunday of 2026-W02
		"boletos-2026-01-04T0300.db", // Sunday of 2026-W01, which began on Monday 29/12/2025
		"boletos-2025-12-28T0300.db", // Sunday of 2025-W52
	}
	want = append(want, keepers...)
	slices.Sort(want)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("kept:\n%q\nwant:\n%q", got, want)
	}
	for _, n := range keepers {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != "não apague" {
			t.Errorf("%s changed", n)
		}
	}
}

func countKind(list []Info, k Kind) int {
	n := 0
	for _, b := range list {
		if b.Kind == k {
			n++
		}
	}
	return n
}

func TestListNewestFirstOursOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []string{"boletos-2026-01-02T0300.db", "boletos-antes-de-restaurar-2026-01-02T1000.db",
		"boletos-2026-01-03T0300.db", "outro.db", "boletos-2026-01-01T0300.db-wal"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "boletos-2026-01-04T0300.db"), 0o700); err != nil {
		t.Fatal(err)
	}
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range list {
		names = append(names, b.Name)
	}
	want := []string{"boletos-2026-01-03T0300.db", "boletos-antes-de-restaurar-2026-01-02T1000.db", "boletos-2026-01-02T0300.db"}
	if !slices.Equal(names, want) {
		t.Errorf("List = %q, want %q", names, want)
	}
	if list[1].Kind != KindSafety || list[0].Size != 1 || !list[0].TakenAt.Equal(sp(2026, 1, 3, 3, 0)) {
		t.Errorf("list %+v", list)
	}
	if l, err := List(filepath.Join(dir, "nao-existe")); err != nil || l != nil {
		t.Errorf("List of a missing folder = %v, %v", l, err)
	}
}

// TestTakeDiscardsACopyThatFailsTheCheck breaks the copy on its way to
// disk: the check must refuse it and no file may stay behind.
func TestTakeDiscardsACopyThatFailsTheCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	db := openStore(t, data)
	defer db.Close()
	acc := mustAccount(t, db, store.Account{Name: "Loja", Environment: store.EnvSandbox})
	for range 50 {
		mustDraft(t, db, acc.ID)
	}
	dir := DefaultDir(data)
	old := sp(2026, 1, 1, 3, 0)
	if _, err := Take(ctx, db, dir, old); err != nil {
		t.Fatal(err)
	}
	broken := func(ctx context.Context, path string) error {
		if err := db.BackupTo(ctx, path); err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pageSize := int(b[16])<<8 | int(b[17])
		for off := pageSize; off+16 <= len(b); off += pageSize {
			copy(b[off:], bytes.Repeat([]byte{0xA5}, 16))
		}
		return os.WriteFile(path, b, 0o600)
	}
	info, err := take(ctx, broken, dir, sp(2026, 1, 2, 3, 0))
	if err == nil {
		t.Fatalf("a damaged copy was accepted: %+v", info)
	}
	if !errors.Is(err, store.ErrDamagedFile) {
		t.Errorf("err = %v, want the integrity check's ErrDamagedFile", err)
	}
	if code, msg := apperr.Describe(err); code != apperr.CodeUnavailable || !bytes.Contains([]byte(msg), []byte("verificação de integridade")) {
		t.Errorf("error %s %q", code, msg)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != backupName(old) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("backup folder holds %q, want only the earlier backup", names)
	}
}

func TestPruneRemovesOnlyStaleTemporaryFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stale := filepath.Join(dir, tempPrefix+"111"+tempSuffix)
	fresh := filepath.Join(dir, tempPrefix+"222"+tempSuffix)
	other := filepath.Join(dir, "x"+tempSuffix)
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleTemp)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Prune(dir); err != nil {
		t.Fatal(err)
	}
	if exists(stale) || !exists(fresh) || !exists(other) {
		t.Errorf("after Prune: stale %v, fresh %v, other %v", exists(stale), exists(fresh), exists(other))
	}
}
