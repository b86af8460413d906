package cli

import (
	"encoding/json"
	"io"
)

// writeJSON prints exactly one JSON object on one line.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// optional is a JSON string that is null when empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
