package main

import (
	"debug/pe"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// Kind says what a checked Windows file should be.
type Kind int

const (
	// App is boletos.exe: a 64-bit GUI program with our icon and manifest.
	App Kind = iota
	// Installer is the NSIS installer: a 32-bit GUI program (NSIS stubs are
	// x86 and run on any Windows).
	Installer
)

// Expect is what the checked file must declare.
type Expect struct {
	Kind        Kind
	ProductName string
	Version     Version
}

// CheckPE checks that path is a valid Windows executable whose version
// resource carries the expected product name and versions. Every problem
// found is returned, joined.
func CheckPE(path string, want Expect) error {
	f, err := pe.Open(path)
	if err != nil {
		return fmt.Errorf("%s is not a PE file: %w", path, err)
	}
	defer f.Close()
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	var subsystem uint16
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		subsystem = h.Subsystem
	case *pe.OptionalHeader32:
		subsystem = h.Subsystem
	default:
		fail("no optional header")
	}
	wantMachine := uint16(pe.IMAGE_FILE_MACHINE_AMD64)
	if want.Kind == Installer {
		wantMachine = pe.IMAGE_FILE_MACHINE_I386
	}
	if f.Machine != wantMachine {
		fail("machine %#x, want %#x", f.Machine, wantMachine)
	}
	if subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		fail("subsystem %d, want %d (GUI: no console window)", subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}

	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	rs, err := winres.LoadFromEXE(file)
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("reading the resources: %w", err))...)
	}

	var info *version.Info
	rs.WalkType(winres.RT_VERSION, func(_ winres.Identifier, _ uint16, data []byte) bool {
		info, err = version.FromBytes(data)
		return false
	})
	switch {
	case err != nil:
		fail("VERSIONINFO: %v", err)
	case info == nil:
		fail("no VERSIONINFO resource")
	default:
		win := want.Version.Windows
		if info.FileVersion != win || info.ProductVersion != win {
			fail("fixed FileVersion %v, ProductVersion %v; want %v", info.FileVersion, info.ProductVersion, win)
		}
		strs := info.Table().GetMainTranslation()
		for key, value := range map[string]string{
			version.ProductName:    want.ProductName,
			version.ProductVersion: want.Version.Display,
			version.FileVersion:    want.Version.WindowsString(),
		} {
			if strs[key] != value {
				fail("%s %q, want %q", key, strs[key], value)
			}
		}
		if strs[version.CompanyName] == "" {
			fail("no CompanyName (the publisher Windows shows)")
		}
	}

	icons := 0
	rs.WalkType(winres.RT_GROUP_ICON, func(winres.Identifier, uint16, []byte) bool { icons++; return true })
	if icons == 0 {
		fail("no icon")
	}
	if want.Kind == App {
		// mingw's own DLLs (libwinpthread-1.dll, libgcc_s_seh-1.dll) are on
		// no office PC: the program may import only what Windows ships.
		libs, err := f.ImportedLibraries()
		if err != nil {
			fail("reading the imported DLLs: %v", err)
		}
		for _, lib := range libs {
			if strings.HasPrefix(strings.ToLower(lib), "lib") {
				fail("imports %s, which Windows does not ship", lib)
			}
		}
		if rs.Get(winres.RT_GROUP_ICON, appIconID, winres.LCIDDefault) == nil &&
			rs.Get(winres.RT_GROUP_ICON, appIconID, winres.LCIDNeutral) == nil {
			fail("no icon group %d, the one the window shows", appIconID)
		}
		var manifest []byte
		rs.WalkType(winres.RT_MANIFEST, func(_ winres.Identifier, _ uint16, data []byte) bool {
			manifest = data
			return false
		})
		switch m := string(manifest); {
		case m == "":
			fail("no application manifest")
		case !strings.Contains(strings.ToLower(m), "permonitorv2"):
			fail("the manifest does not declare per-monitor (v2) DPI awareness")
		case !strings.Contains(m, "Microsoft.Windows.Common-Controls"):
			fail("the manifest does not ask for Common Controls 6")
		case !strings.Contains(m, `version="`+want.Version.WindowsString()+`"`):
			fail("the manifest's assembly version is not %s", want.Version.WindowsString())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %w", path, errors.Join(errs...))
	}
	return nil
}
