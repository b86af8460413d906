//go:build !bindings

package app

import (
	"os"
	goruntime "runtime"
)

// GeneratingBindings is true only in the build that `wails generate module`
// runs to write frontend/wailsjs.
const GeneratingBindings = false

// displayMissing reports a Linux session without X11 or Wayland.
func displayMissing() bool {
	return goruntime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == ""
}
