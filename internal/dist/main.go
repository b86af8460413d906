// Command dist holds the steps of `make windows`, `make deb` and
// `make test-dist` that the shell does badly: turning `git describe` into
// the versions Debian and Windows accept, writing the Windows resources
// (icon, manifest, version information) of boletos.exe as a .syso object, and
// checking that a built .exe carries them.
//
//	dist version  -describe D -commits N [-format display|deb|windows]
//	dist winres   -describe D -commits N -icon PNG -info JSON -manifest XML -syso OUT -ico OUT
//	dist check    -describe D -commits N -product NAME [-installer] FILE.exe
//
// D is the output of `git describe --tags --always --dirty` (the Makefile's
// VERSION, which is also main.version) and N the number of commits in the
// history, used when no tag exists yet.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("use: dist version|winres|check …")
	}
	fs := flag.NewFlagSet("dist "+args[0], flag.ContinueOnError)
	describe := fs.String("describe", "", "git describe --tags --always --dirty")
	commits := fs.Int("commits", 0, "git rev-list --count HEAD")
	version := func() (Version, error) { return ParseVersion(*describe, *commits) }

	switch args[0] {
	case "version":
		format := fs.String("format", "display", "display, deb or windows")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		v, err := version()
		if err != nil {
			return err
		}
		switch *format {
		case "display":
			fmt.Println(v.Display)
		case "deb":
			fmt.Println(v.Debian)
		case "windows":
			fmt.Println(v.WindowsString())
		default:
			return fmt.Errorf("formato %q desconhecido: use display, deb ou windows", *format)
		}
		return nil

	case "winres":
		var files ResourceFiles
		fs.StringVar(&files.Icon, "icon", "build/appicon.png", "square PNG icon")
		fs.StringVar(&files.Info, "info", "build/windows/info.json", "VERSIONINFO template")
		fs.StringVar(&files.Manifest, "manifest", "build/windows/boletos.exe.manifest", "manifest template")
		syso := fs.String("syso", "", "object file to write")
		ico := fs.String("ico", "", ".ico file to write")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *syso == "" || *ico == "" {
			return fmt.Errorf("winres: -syso and -ico are required")
		}
		v, err := version()
		if err != nil {
			return err
		}
		rs, icon, err := WindowsResources(files, v)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*ico, icon, 0o644); err != nil {
			return err
		}
		return WriteSyso(*syso, rs)

	case "check":
		product := fs.String("product", "", "expected ProductName")
		installer := fs.Bool("installer", false, "the file is the NSIS installer")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 || *product == "" {
			return fmt.Errorf("check: give -product and one file")
		}
		v, err := version()
		if err != nil {
			return err
		}
		want := Expect{Kind: App, ProductName: *product, Version: v}
		if *installer {
			want.Kind = Installer
		}
		if err := CheckPE(fs.Arg(0), want); err != nil {
			return err
		}
		fmt.Printf("%s: PE válido, %s %s (%s)\n", fs.Arg(0), *product, v.Display, v.WindowsString())
		return nil
	}
	return fmt.Errorf("subcomando %q desconhecido: use version, winres ou check", args[0])
}
