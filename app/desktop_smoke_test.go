//go:build smoke

// The desktop smoke test starts the real binary in a real window (under
// xvfb-run, see `make test-smoke`), waits for the page to load, and fails when
// the window stays blank. The screenshot is kept for people to look at.
package app

import (
	"bufio"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	smokeBin = flag.String("bin", "", "the built boletos binary")
	smokeOut = flag.String("out", "", "folder where the screenshot is kept")
)

func TestDesktopSmoke(t *testing.T) {
	if *smokeBin == "" || *smokeOut == "" {
		t.Fatal("usage: go test -tags smoke ./app/ -args -bin=PATH -out=DIR (see make test-smoke)")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make test-smoke)")
	}
	// An account whose certificate expires in 5 days: the program notifies
	// it at start, through a notification daemon of our own on the bus.
	daemon := startNotificationDaemon(t)
	dataDir := t.TempDir()
	seedExpiringCertificate(t, dataDir)
	cmd := exec.Command(*smokeBin, "--data-dir", dataDir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	logs := &lockedBuffer{}
	domReady := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		ready := false
		for sc.Scan() {
			logs.write(sc.Text() + "\n")
			if !ready && strings.Contains(sc.Text(), `msg="dom ready"`) {
				ready = true
				close(domReady)
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		exited <- cmd.Wait()
	}()
	defer stopApp(t, cmd, exited)

	select {
	case <-domReady:
	case err := <-exited:
		t.Fatalf("the app exited before the page loaded: %v\n%s", err, logs.String())
	case <-time.After(90 * time.Second):
		t.Fatalf("no DOM-ready within 90 s\n%s", logs.String())
	}

	window := waitFor(t, 30*time.Second, func() (string, bool) {
		out, err := exec.Command("xdotool", "search", "--name", Title).Output()
		fields := strings.Fields(string(out))
		return firstOrEmpty(fields), err == nil && len(fields) > 0
	})

	// The page renders after DOM-ready: poll screenshots until the window
	// shows content, up to a deadline (no fixed sleep).
	var shot []byte
	var reason string
	deadline := time.Now().Add(30 * time.Second)
	for {
		shot, err = exec.Command("import", "-window", window, "png:-").Output()
		if err == nil {
			if reason = blankReason(shot); reason == "" {
				break
			}
		} else {
			reason = err.Error()
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	if err := os.MkdirAll(*smokeOut, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*smokeOut, "desktop.png")
	if len(shot) > 0 {
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if reason != "" {
		t.Fatalf("the window stayed blank: %s (screenshot: %s)\n%s", reason, path, logs.String())
	}
	t.Logf("screenshot: %s", path)

	// The notification went through the Wails runtime to the session bus's
	// org.freedesktop.Notifications; a click on it comes back to the program.
	call, id := daemon.waitNotify(t, 30*time.Second)
	if call.Summary != "Certificado vence em 5 dias" || !strings.Contains(call.Body, smokeCertAccount) {
		t.Errorf("Notify summary %q body %q, want the certificate of %q", call.Summary, call.Body, smokeCertAccount)
	}
	// Wails records the notification only once Notify has answered, so a
	// click signalled right after the answer can come too early: click
	// again until the program says it saw one (it forgets a notification
	// once clicked, so later signals are ignored).
	lastClick := time.Time{}
	waitFor(t, 15*time.Second, func() (string, bool) {
		if time.Since(lastClick) > time.Second {
			daemon.click(t, id)
			lastClick = time.Now()
		}
		return "", strings.Contains(logs.String(), `msg="system notification clicked" route=/contas/`)
	})
}

func waitFor(t *testing.T, limit time.Duration, probe func() (string, bool)) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		if v, ok := probe(); ok {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %s", limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func firstOrEmpty(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// stopApp ends the app as a window manager would and waits for it.
func stopApp(t *testing.T, cmd *exec.Cmd, exited chan error) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Error("the app did not exit within 15 s of SIGTERM")
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) write(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.WriteString(s)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
