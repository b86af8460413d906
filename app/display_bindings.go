//go:build bindings

package app

// GeneratingBindings is true only in the build that `wails generate module`
// runs to write frontend/wailsjs: main then opens no data and no window.
const GeneratingBindings = true

// displayMissing is false while the bindings are generated: no window opens.
func displayMissing() bool { return false }
