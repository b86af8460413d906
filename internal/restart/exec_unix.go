//go:build unix

package restart

import (
	"fmt"
	"syscall"
)

// execute replaces the process image with exe.
func execute(exe string, args, env []string) error {
	if err := syscall.Exec(exe, args, env); err != nil {
		return fmt.Errorf("restart: exec %s: %w", exe, err)
	}
	return nil // unreachable
}
