package docimport

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"boletos/internal/apperr"
)

// Limits of a ZIP. Each entry is also capped at Options.MaxFileSize,
// uncompressed, counting the bytes actually read rather than trusting the
// sizes the archive declares.
const (
	// MaxZipEntries is the most entries one ZIP may have.
	MaxZipEntries = 5000
	// zipTotalFactor × MaxFileSize is the most a ZIP may expand to in all.
	zipTotalFactor = 10
	// maxZipNesting is how deep ZIPs inside ZIPs are opened: a ZIP inside
	// the ZIP the user chose is read, one more level is refused.
	maxZipNesting = 1
)

// zipBudget counts the bytes a ZIP (with its nested ZIPs) expanded to.
type zipBudget struct {
	used, limit int64
}

// readZip reads every importable entry of a ZIP. label is how the user
// knows the archive ("lote.zip", or "lote.zip/interno.zip" when nested).
func readZip(label string, ra io.ReaderAt, size int64, opts Options, level int) []FileResult {
	limit := opts.maxFileSize()
	if size > zipTotalFactor*limit {
		return []FileResult{{File: label, Err: apperr.Invalid(
			"O ZIP %s tem mais de %s; divida o lote em ZIPs menores e importe cada um.", label, formatSize(zipTotalFactor*limit))}}
	}
	return readZipWith(label, ra, size, opts, level, &zipBudget{limit: zipTotalFactor * limit})
}

func readZipWith(label string, ra io.ReaderAt, size int64, opts Options, level int, budget *zipBudget) []FileResult {
	// Count the entries from the end record first: archive/zip allocates
	// every entry of the central directory before we could count them.
	if n, ok := zipEntryCount(ra, size); ok && n > MaxZipEntries {
		return []FileResult{{File: label, Err: tooManyEntries(label, n)}}
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return []FileResult{{File: label, Err: apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
			"O arquivo %s não é um ZIP válido (está incompleto ou corrompido); compacte os XML de novo e importe.", label))}}
	}
	if n := len(zr.File); n > MaxZipEntries {
		return []FileResult{{File: label, Err: tooManyEntries(label, uint64(n))}}
	}
	limit := opts.maxFileSize()
	var out []FileResult
	for _, f := range zr.File {
		name := f.Name
		base := path.Base(name)
		if f.FileInfo().IsDir() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") || !importable(base) {
			continue
		}
		entry := label + "/" + name
		if f.UncompressedSize64 > uint64(limit) {
			out = append(out, FileResult{File: entry, Err: tooLarge(entry, limit)})
			continue
		}
		if budget.used >= budget.limit {
			out = append(out, FileResult{File: label, Err: zipTooBig(label, budget.limit)})
			return out
		}
		data, err := readEntry(f, limit)
		budget.used += int64(len(data))
		switch {
		case errors.Is(err, errEntryTooLarge):
			out = append(out, FileResult{File: entry, Err: tooLarge(entry, limit)})
			continue
		case err != nil:
			out = append(out, FileResult{File: entry, Err: apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf(
				"Não foi possível descompactar %s (arquivo corrompido, com senha ou compactado de um jeito não suportado); compacte os XML de novo sem senha e importe.", entry))})
			continue
		}
		if budget.used > budget.limit {
			out = append(out, FileResult{File: label, Err: zipTooBig(label, budget.limit)})
			return out
		}
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
			if level >= maxZipNesting {
				out = append(out, FileResult{File: entry, Err: apperr.Invalid(
					"O arquivo %s é um ZIP dentro de outro ZIP dentro de outro ZIP; descompacte-o e importe os XML diretamente.", entry)})
				continue
			}
			out = append(out, readZipWith(entry, bytes.NewReader(data), int64(len(data)), opts, level+1, budget)...)
			continue
		}
		docs, err := readBytes(entry, data, opts)
		out = append(out, FileResult{File: entry, Documents: docs, Err: err})
	}
	if len(out) == 0 {
		return []FileResult{{File: label, Err: apperr.Invalid(
			"O ZIP %s não tem arquivos XML ou CSV; confira se compactou os XML das notas, e não só os PDF.", label)}}
	}
	return out
}

var errEntryTooLarge = errors.New("docimport: zip entry larger than the limit")

// readEntry reads one entry, at most limit bytes of it.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(data)) > limit {
		return data, errEntryTooLarge
	}
	return data, err
}

func zipTooBig(label string, limit int64) error {
	return apperr.Invalid("O ZIP %s descompactado passa de %s; divida o lote em ZIPs menores e importe cada um.", label, formatSize(limit))
}

func tooManyEntries(label string, n uint64) error {
	return apperr.Invalid("O ZIP %s tem %d arquivos, mais que o limite de %d por ZIP; divida o lote em ZIPs menores.", label, n, MaxZipEntries)
}

// zipEntryCount reads the number of entries from the end of central
// directory record (and its ZIP64 form). ok is false when the record is not
// found; zip.NewReader then reports the archive as invalid.
func zipEntryCount(ra io.ReaderAt, size int64) (n uint64, ok bool) {
	const eocdLen, maxComment = 22, 0xFFFF
	tail := min(size, eocdLen+maxComment)
	buf := make([]byte, tail)
	if _, err := ra.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, false
	}
	n = uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xFFFF {
		return n, true
	}
	// ZIP64: the locator sits just before the record and points at the
	// ZIP64 end record, whose entry count is 8 bytes at offset 32.
	if i < 20 || !bytes.Equal(buf[i-20:i-16], []byte("PK\x06\x07")) {
		return n, true
	}
	off := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
	var rec [40]byte
	if off < 0 || off+40 > size {
		return 0, false
	}
	if _, err := ra.ReadAt(rec[:], off); err != nil || !bytes.Equal(rec[:4], []byte("PK\x06\x06")) {
		return 0, false
	}
	return binary.LittleEndian.Uint64(rec[32:]), true
}
