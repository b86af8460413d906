//go:build !unix && !windows

package datadir

// diskFree cannot tell on this system.
func diskFree(string) (uint64, bool) { return 0, false }

// sameDevice cannot tell on this system: assume a copy may be needed.
func sameDevice(string, string) bool { return false }
