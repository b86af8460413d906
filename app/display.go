//go:build !bindings

package app

import (
	"os"
	goruntime "runtime"
)

// displayMissing reports a Linux session without X11 or Wayland.
func displayMissing() bool {
	return goruntime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == ""
}
