package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

// Format is a file format a report is exported to.
type Format string

// Export formats.
const (
	FormatCSV  Format = "csv"  // the list only (Report.ListTable)
	FormatXLSX Format = "xlsx" // every table, one sheet each
	FormatPDF  Format = "pdf"  // every table, printable
)

// ContentType is the media type of a format.
func (f Format) ContentType() string {
	switch f {
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case FormatPDF:
		return "application/pdf"
	}
	return "application/octet-stream"
}

// Write exports r in format f.
func Write(w io.Writer, r Report, f Format) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, r.ListTable())
	case FormatXLSX:
		return WriteXLSX(w, r)
	case FormatPDF:
		return WritePDF(w, r)
	}
	return apperr.Invalid("Formato de exportação desconhecido: %q. Use CSV, XLSX ou PDF.", string(f))
}

// FileName suggests a file name for r in format f: the title without
// accents and the generation date, "recebimentos-2026-03-10.xlsx".
func FileName(r Report, f Format) string {
	var b strings.Builder
	dash := false
	for _, c := range norm.NFD.String(strings.ToLower(r.Title)) {
		switch {
		case unicode.Is(unicode.Mn, c): // accents
		case c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		default:
			dash = true
		}
	}
	name := b.String()
	if name == "" {
		name = "relatorio"
	}
	return fmt.Sprintf("%s-%s.%s", name, boleto.Today(r.GeneratedAt).String(), f)
}
