package printing

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
)

// The fonts are DejaVu Sans and DejaVu Sans Bold, embedded (as subsets) in
// every PDF so that the output looks the same everywhere and carries the
// Portuguese accents. Their licence is fonts/LICENSE-DejaVu.txt.
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// Font family names inside the PDF.
const (
	familyRegular = "DejaVuSans"
	familyBold    = "DejaVuSans-Bold"
)

// Parsing a TrueType file takes a few milliseconds, so both fonts are
// parsed once and each document takes a fresh copy from the container.
var (
	fontsOnce sync.Once
	fontsErr  error
	fonts     *gopdf.FontContainer
)

func loadFonts() (*gopdf.FontContainer, error) {
	fontsOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(familyRegular, dejaVuSans); err != nil {
			fontsErr = fmt.Errorf("carregar a fonte DejaVu Sans: %w", err)
			return
		}
		if err := fc.AddTTFFontData(familyBold, dejaVuSansBold); err != nil {
			fontsErr = fmt.Errorf("carregar a fonte DejaVu Sans Bold: %w", err)
			return
		}
		fonts = fc
	})
	return fonts, fontsErr
}
