package lockfile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"boletos/internal/apperr"
)

func TestLockIsExclusiveAndReleased(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "dados")
	l, err := Acquire(dir)
	if err != nil {
		t.Fatalf("Acquire: %v", err)
	}
	if l.Path() != filepath.Join(dir, Name) {
		t.Errorf("path %s", l.Path())
	}
	_, err = Acquire(dir)
	if !errors.Is(err, ErrHeld) {
		t.Fatalf("second Acquire = %v, want ErrHeld", err)
	}
	if code, msg := apperr.Describe(err); code != apperr.CodeConflict || !strings.Contains(msg, "já está aberto") || !strings.Contains(msg, dir) {
		t.Errorf("error %s %q", code, msg)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := l.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	l2, err := Acquire(dir)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
	if _, err := os.Stat(filepath.Join(dir, Name)); err != nil {
		t.Errorf("lock file removed: %v", err)
	}
}

// TestLockHeldByAnotherProcess runs this test binary as the "program"
// holding the lock, as the desktop app will.
func TestLockHeldByAnotherProcess(t *testing.T) {
	if dir := os.Getenv("LOCKFILE_TEST_HOLD"); dir != "" {
		l, err := Acquire(dir)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		bufio.NewReader(os.Stdin).ReadString('\n') // hold until told
		l.Release()
		os.Exit(0)
	}
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHeldByAnotherProcess$")
	cmd.Env = append(os.Environ(), "LOCKFILE_TEST_HOLD="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper said %q", line)
	}
	if _, err := Acquire(dir); !errors.Is(err, ErrHeld) {
		t.Errorf("Acquire while another process holds the lock = %v, want ErrHeld", err)
	}
	stdin.Close() // the helper releases and exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	l, err := Acquire(dir)
	if err != nil {
		t.Fatalf("Acquire after the other process ended: %v", err)
	}
	l.Release()
}

func TestLockKilledHolderLeavesNoStaleLock(t *testing.T) {
	if os.Getenv("LOCKFILE_TEST_HOLD") != "" {
		t.Skip("helper mode")
	}
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHeldByAnotherProcess$")
	cmd.Env = append(os.Environ(), "LOCKFILE_TEST_HOLD="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper said %q", line)
	}
	if err := cmd.Process.Kill(); err != nil { // a crash: no Release
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := Acquire(dir)
	if err != nil {
		t.Fatalf("Acquire after the holder crashed: %v", err)
	}
	l.Release()
}

func TestAcquireInAnUnwritablePlace(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "arquivo")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Acquire(filepath.Join(file, "dados"))
	if errors.Is(err, ErrHeld) {
		t.Fatal("an unwritable folder reported as held")
	}
	if code, msg := apperr.Describe(err); code != apperr.CodeUnavailable || !strings.Contains(msg, "trava") {
		t.Errorf("error %s %q", code, msg)
	}
}
