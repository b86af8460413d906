// Package restart starts the program again in place of the running one, with
// the same command line, after a change that needs a fresh start (the data
// folder moved, a backup restored).
//
// On Unix the process image is replaced (execve): the same process id, so
// whatever started the program (a terminal, a desktop launcher, a test
// harness) keeps waiting on the same process. On Windows, which has no such
// call, a new process is started with the same arguments and standard
// streams, and the caller exits.
package restart

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// Exec starts the program again with its own arguments and env as its
// environment. On Unix it does not return when it succeeds; on Windows it
// returns nil once the new process started, and the caller must exit.
func Exec(env []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("restart: find the executable: %w", err)
	}
	return execute(exe, os.Args, env)
}

// Environ is the current environment with the variables named in drop
// removed and set added (NAME=value each).
func Environ(drop []string, set ...string) []string {
	out := make([]string, 0, len(os.Environ())+len(set))
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(drop, name) {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}
