//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package lockfile

import "os"

// On systems without flock or LockFileEx (none the program ships for) the
// file is created but nothing is locked.
func lock(*os.File) (held bool, err error) { return false, nil }

func unlock(*os.File) error { return nil }
