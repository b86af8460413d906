//go:build bindings

package app

// displayMissing is false while `wails generate module` runs the program to
// write the bindings: no window opens then.
func displayMissing() bool { return false }
