//go:build windows

package datadir

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// diskFree reports the bytes the user can still write on the volume of dir.
func diskFree(dir string) (uint64, bool) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, false
	}
	var free, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree); err != nil {
		return 0, false
	}
	return free, true
}

// sameDevice reports whether a and b are on the same volume (drive letter or
// share), where a rename moves a folder without copying it.
func sameDevice(a, b string) bool {
	return strings.EqualFold(filepath.VolumeName(a), filepath.VolumeName(b))
}
