//go:build !unix

package restart

import (
	"fmt"
	"os"
	"os/exec"
)

// execute starts exe as a new process with the same standard streams; the
// caller exits next.
func execute(exe string, args, env []string) error {
	cmd := exec.Command(exe, args[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("restart: start %s: %w", exe, err)
	}
	return cmd.Process.Release()
}
