//go:build !windows

package console

// AttachParent does nothing: elsewhere a program started from a terminal
// always has its standard output.
func AttachParent() {}
