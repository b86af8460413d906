package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/png" // build/appicon.png
	"os"
	"text/template"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// appIconID is the icon group the Wails window loads as its own icon
// (winc.AppIconID); Explorer shows the first group, which is this one too.
const appIconID = winres.ID(3)

// iconSizes are the sizes Wails puts in its icon.ico.
var iconSizes = []int{256, 128, 64, 48, 32, 16}

// ResourceFiles names the inputs of the Windows resources.
type ResourceFiles struct {
	Icon     string // a square PNG (build/appicon.png)
	Info     string // VERSIONINFO as winres JSON, a text/template over templateData
	Manifest string // the application manifest, a text/template over templateData
}

// templateData is what build/windows/info.json and the manifest may use.
type templateData struct {
	Display string // the version the user reads
	Windows string // a.b.c.d
}

// WindowsResources builds the resources of boletos.exe: its icon, its
// manifest (DPI awareness, common controls) and its version information, all
// carrying v. It also returns the icon as an .ico file for the installer.
func WindowsResources(files ResourceFiles, v Version) (*winres.ResourceSet, []byte, error) {
	data := templateData{Display: v.Display, Windows: v.WindowsString()}
	rs := &winres.ResourceSet{}

	f, err := os.Open(files.Icon)
	if err != nil {
		return nil, nil, err
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", files.Icon, err)
	}
	icon, err := winres.NewIconFromResizedImage(img, iconSizes)
	if err != nil {
		return nil, nil, err
	}
	if err := rs.SetIcon(appIconID, icon); err != nil {
		return nil, nil, err
	}
	var ico bytes.Buffer
	if err := icon.SaveICO(&ico); err != nil {
		return nil, nil, err
	}

	manifestXML, err := render(files.Manifest, data)
	if err != nil {
		return nil, nil, err
	}
	manifest, err := winres.AppManifestFromXML(manifestXML)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", files.Manifest, err)
	}
	rs.SetManifest(manifest)

	infoJSON, err := render(files.Info, data)
	if err != nil {
		return nil, nil, err
	}
	var info version.Info
	if err := info.UnmarshalJSON(infoJSON); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", files.Info, err)
	}
	if info.FileVersion != v.Windows || info.ProductVersion != v.Windows {
		return nil, nil, errors.New(files.Info + ": fixed.file_version and fixed.product_version must be {{.Windows}}")
	}
	rs.SetVersionInfo(info)
	return rs, ico.Bytes(), nil
}

// WriteSyso writes rs as an object file that `go build` links into a
// windows/amd64 binary when it lies in the main package's folder.
func WriteSyso(path string, rs *winres.ResourceSet) error {
	var buf bytes.Buffer
	if err := rs.WriteObject(&buf, winres.ArchAMD64); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func render(path string, data templateData) ([]byte, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := template.New(path).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
