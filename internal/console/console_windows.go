//go:build windows

package console

import (
	"os"
	"syscall"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// AttachParent connects os.Stdout and os.Stderr to the console of the
// process that started the program (cmd, PowerShell), when there is one and
// they are not already redirected to a file or a pipe. Call it first thing
// in main, before anything keeps a reference to os.Stdout.
func AttachParent() {
	if usable(os.Stdout) && usable(os.Stderr) {
		return // redirected: `boletos.exe list > boletos.txt`
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return // started from Explorer or the Start menu: no console to use
	}
	out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !usable(os.Stdout) {
		os.Stdout = out
	}
	if !usable(os.Stderr) {
		os.Stderr = out
	}
}

// usable reports whether f is a handle Windows gave the process.
func usable(f *os.File) bool {
	if f == nil {
		return false
	}
	h := syscall.Handle(f.Fd())
	return h != 0 && h != syscall.InvalidHandle
}
