package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Version is the program's version in the forms each place needs, all
// derived from one `git describe --tags --always --dirty`.
type Version struct {
	// Display is what the user reads: `boletos version`, the window title,
	// the installer's file name and ProductVersion strings. It is the git
	// describe output itself (main.version is set to it), e.g. v1.2.3,
	// v1.2.3-5-gabc1234, abc1234-dirty.
	Display string
	// Debian is a valid Debian upstream version that sorts the way the
	// builds were made: 1.2.3, 1.2.3+git5.abc1234, 1.3.0~rc1, and with no tag
	// at all 0.0.0+git46.abc1234.
	Debian string
	// Windows is the four-number version of the VERSIONINFO resources and of
	// the installer: major.minor.patch.commits-since-the-tag (or, with no
	// tag, 0.0.0.commits-in-the-history).
	Windows [4]uint16
}

// WindowsString returns Windows as "a.b.c.d".
func (v Version) WindowsString() string {
	w := v.Windows
	return fmt.Sprintf("%d.%d.%d.%d", w[0], w[1], w[2], w[3])
}

var (
	// vMAJOR.MINOR.PATCH[-pre][-N-gHASH][-dirty]; the pre-release part has no
	// hyphen, so that it cannot be confused with the distance suffix.
	taggedRe = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.]+))??(?:-(\d+)-g([0-9a-f]+))?(-dirty)?$`)
	// A bare abbreviated hash: the history has no tag yet.
	untaggedRe = regexp.MustCompile(`^([0-9a-f]{4,40})(-dirty)?$`)
)

// ParseVersion derives the versions from a git describe output and the
// number of commits in the history (used only when there is no tag). "dev"
// or "" — no git at all — gives 0.0.0.
func ParseVersion(describe string, commits int) (Version, error) {
	describe = strings.TrimSpace(describe)
	if describe == "" || describe == "dev" {
		return Version{Display: "dev", Debian: "0.0.0", Windows: [4]uint16{}}, nil
	}
	if m := untaggedRe.FindStringSubmatch(describe); m != nil {
		n, err := part("número de commits", strconv.Itoa(commits))
		if err != nil {
			return Version{}, err
		}
		deb := fmt.Sprintf("0.0.0+git%d.%s", commits, m[1])
		if m[2] != "" {
			deb += ".dirty"
		}
		return Version{Display: describe, Debian: deb, Windows: [4]uint16{0, 0, 0, n}}, nil
	}
	m := taggedRe.FindStringSubmatch(describe)
	if m == nil {
		return Version{}, fmt.Errorf("a versão %q do git não segue o formato vMAJOR.MINOR.PATCH: crie a tag nesse formato (por exemplo v1.2.3)", describe)
	}
	var v Version
	v.Display = describe
	for i := range 3 {
		n, err := part("versão", m[i+1])
		if err != nil {
			return Version{}, err
		}
		v.Windows[i] = n
	}
	deb := fmt.Sprintf("%d.%d.%d", v.Windows[0], v.Windows[1], v.Windows[2])
	if pre := m[4]; pre != "" {
		deb += "~" + pre // sorts before the release itself
	}
	if dist := m[5]; dist != "" {
		n, err := part("commits desde a tag", dist)
		if err != nil {
			return Version{}, err
		}
		v.Windows[3] = n
		deb += fmt.Sprintf("+git%d.%s", n, m[6])
	}
	if m[7] != "" {
		if m[5] == "" {
			deb += "+dirty"
		} else {
			deb += ".dirty"
		}
	}
	v.Debian = deb
	return v, nil
}

// part parses one number of a Windows version, which holds 16 bits.
func part(what, s string) (uint16, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > 0xffff {
		return 0, fmt.Errorf("%s %q não cabe numa versão do Windows (0 a 65535)", what, s)
	}
	return uint16(n), nil
}
