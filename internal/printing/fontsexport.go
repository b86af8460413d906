package printing

import "github.com/signintech/gopdf"

// Family names of the embedded fonts, for other packages that draw PDFs
// with gopdf (the reports): add them with AddTTFFontFromFontContainer.
const (
	FontRegular = familyRegular // DejaVu Sans
	FontBold    = familyBold    // DejaVu Sans Bold
)

// Fonts returns the embedded DejaVu Sans and DejaVu Sans Bold, parsed once
// and shared; documents only read from the container. Their licence is
// fonts/LICENSE-DejaVu.txt.
func Fonts() (*gopdf.FontContainer, error) { return loadFonts() }
