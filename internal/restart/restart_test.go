package restart

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestHelperProcess is the program being restarted: in its first life it
// prints its pid and calls Exec with one variable dropped and one added; in
// the second it prints its pid, arguments and those variables.
func TestHelperProcess(t *testing.T) {
	switch os.Getenv("RESTART_TEST_STAGE") {
	case "":
		t.Skip("run by TestExecStartsTheSameCommandAgain")
	case "1":
		fmt.Printf("first pid=%d\n", os.Getpid())
		if err := Exec(Environ([]string{"RESTART_TEST_STAGE", "RESTART_TEST_DROP"}, "RESTART_TEST_STAGE=2", "RESTART_TEST_ADDED=sim")); err != nil {
			fmt.Printf("exec failed: %v\n", err)
			os.Exit(3)
		}
		os.Exit(0) // Windows: the new process carries on
	case "2":
		fmt.Printf("second pid=%d args=%s added=%s drop=%q\n", os.Getpid(), strings.Join(os.Args[1:], " "),
			os.Getenv("RESTART_TEST_ADDED"), os.Getenv("RESTART_TEST_DROP"))
		os.Exit(0)
	}
}

func TestExecStartsTheSameCommandAgain(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), "RESTART_TEST_STAGE=1", "RESTART_TEST_DROP=x")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var first, second int
	var args, added, drop string
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("output %q", out)
	}
	if _, err := fmt.Sscanf(lines[0], "first pid=%d", &first); err != nil {
		t.Fatalf("%q: %v", lines[0], err)
	}
	rest := strings.TrimPrefix(lines[1], "second ")
	if _, err := fmt.Sscanf(rest, "pid=%d", &second); err != nil {
		t.Fatalf("%q: %v", lines[1], err)
	}
	for _, field := range strings.Fields(rest)[1:] {
		switch k, v, _ := strings.Cut(field, "="); k {
		case "added":
			added = v
		case "drop":
			drop = v
		case "args":
			args = v
		}
	}
	if args != "-test.run=^TestHelperProcess$" || added != "sim" || drop != `""` {
		t.Errorf("second life: args %q added %q drop %s (%q)", args, added, drop, out)
	}
	if first != second && runtime.GOOS != "windows" {
		t.Errorf("pid %d became %d: the program was not replaced in place", first, second)
	}
}
