package main

import (
	"os/exec"
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		describe string
		commits  int
		deb, win string
	}{
		{"v1.2.3", 80, "1.2.3", "1.2.3.0"},
		{"1.2.3", 80, "1.2.3", "1.2.3.0"},
		{"v0.3.0-5-gabc1234", 80, "0.3.0+git5.abc1234", "0.3.0.5"},
		{"v0.3.0-5-gabc1234-dirty", 80, "0.3.0+git5.abc1234.dirty", "0.3.0.5"},
		{"v1.2.3-dirty", 80, "1.2.3+dirty", "1.2.3.0"},
		{"v1.3.0-rc1", 80, "1.3.0~rc1", "1.3.0.0"},
		{"v1.3.0-rc.2-7-g0123456789ab", 80, "1.3.0~rc.2+git7.0123456789ab", "1.3.0.7"},
		{"51938f3", 46, "0.0.0+git46.51938f3", "0.0.0.46"},
		{"51938f3-dirty", 46, "0.0.0+git46.51938f3.dirty", "0.0.0.46"},
		{"dev", 0, "0.0.0", "0.0.0.0"},
		{"", 0, "0.0.0", "0.0.0.0"},
		{"v65535.0.1", 0, "65535.0.1", "65535.0.1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.describe, func(t *testing.T) {
			t.Parallel()
			v, err := ParseVersion(tt.describe, tt.commits)
			if err != nil {
				t.Fatal(err)
			}
			if v.Debian != tt.deb || v.WindowsString() != tt.win {
				t.Errorf("got deb %q, windows %q; want %q, %q", v.Debian, v.WindowsString(), tt.deb, tt.win)
			}
			if want := tt.describe; want != "" && v.Display != want {
				t.Errorf("display %q, want %q", v.Display, want)
			}
		})
	}
}

func TestParseVersionRejects(t *testing.T) {
	t.Parallel()
	for _, describe := range []string{
		"release-2026", // not a version tag
		"v1.2",         // two numbers
		"v1.2.3.4",     // four numbers: the fourth is ours
		"v70000.0.0",   // over 16 bits
		"v1.2.3-70000-gabcdef0",
		"v1.2.3 ; rm -rf", // never reaches a shell, but is no version either
	} {
		if v, err := ParseVersion(describe, 1); err == nil {
			t.Errorf("ParseVersion(%q) = %+v, want an error", describe, v)
		}
	}
	if _, err := ParseVersion("abcdef0", 70000); err == nil {
		t.Error("70,000 commits accepted as a Windows version part")
	}
}

// TestDebianVersionsOrder: later builds get greater Debian versions, as
// dpkg compares them, so that apt upgrades in the right direction.
func TestDebianVersionsOrder(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("dpkg is not installed")
	}
	ordered := []string{"abc1234", "v0.1.0-rc1", "v0.1.0-rc1-3-gabc1234", "v0.1.0", "v0.1.0-2-gabc1234", "v0.1.0-10-gabc1234", "v0.2.0"}
	var prev string
	for _, d := range ordered {
		v, err := ParseVersion(d, 5)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("dpkg", "--validate-version", v.Debian).CombinedOutput(); err != nil {
			t.Errorf("%q: dpkg rejects %q: %s", d, v.Debian, strings.TrimSpace(string(out)))
		}
		if prev != "" {
			if err := exec.Command("dpkg", "--compare-versions", prev, "lt", v.Debian).Run(); err != nil {
				t.Errorf("dpkg does not order %q before %q", prev, v.Debian)
			}
		}
		prev = v.Debian
	}
}
