// Package docimport reads the documents boletos are made from — NF-e, CT-e
// and NFS-e XML, and CSV spreadsheets of sales orders, service orders,
// future sales and contracts — and turns each into a payer and the
// installments to charge. It touches no database and no network: the
// issuing side decides what becomes a draft.
package docimport

import (
	"boletos/internal/boleto"
)

// Format is the file format a document was read from.
type Format string

// Formats.
const (
	FormatNFe  Format = "nfe"
	FormatCTe  Format = "cte"
	FormatNFSe Format = "nfse"
	FormatCSV  Format = "csv"
)

// Kind is the kind of document. The values are the store's document kinds.
type Kind string

// Document kinds.
const (
	KindNFe          Kind = "nfe"
	KindNFSe         Kind = "nfse"
	KindCTe          Kind = "cte"
	KindSalesOrder   Kind = "sales_order"
	KindServiceOrder Kind = "service_order"
	KindFutureSale   Kind = "future_sale"
	KindContract     Kind = "contract"
	KindManual       Kind = "manual" // an installment plan typed in the app
)

// Installment is one boleto to be made from a document.
type Installment struct {
	// Number identifies the installment inside its document as the document
	// writes it ("001", "47428/1-1"); for generated plans "1", "2", ….
	Number string
	// Seq is the 1-based position of the installment in its document; the
	// pair (document, Seq) is what recognises a re-import.
	Seq int
	// DueDate is zero when the document has none (NFS-e, a CT-e or NF-e
	// without cobr); the caller applies the account's default term or the
	// user's choice.
	DueDate boleto.Date
	Amount  boleto.Cents
}

// Document is one document found in a file, ready to become drafts.
type Document struct {
	File   string // the input as the user named it; "lote.zip/nota1.xml" inside a ZIP
	Format Format
	Kind   Kind
	Number string // document number (nNF, nCT, NFS-e Numero, order number)
	Series string
	// AccessKey is the 44-digit chave de acesso of an NF-e or CT-e (the
	// NFS-e Nacional's 50-character key is not one); "" when none.
	AccessKey string
	IssueDate boleto.Date
	Total     boleto.Cents // the value to charge in all: vNF/vLiq, vTPrest, ValorLiquidoNfse, the plan's total
	Payer     boleto.Payer
	// Installments are in due-date order as the document lists them. Empty
	// only when Errors is not.
	Installments []Installment
	// Warnings do not stop the import (sums that do not add up, due dates
	// in the past, a CEP outside its UF); Errors do (a foreign buyer, a
	// cancelled note, no payer document). Each is one pt-BR sentence.
	Warnings []string
	Errors   []string
}

// Options tune a read.
type Options struct {
	// Today is the São Paulo date the import runs on: due dates before it
	// are warned about. Required.
	Today boleto.Date
	// MaxFileSize caps one input file (and each ZIP entry, uncompressed);
	// 0 means DefaultMaxFileSize.
	MaxFileSize int64
}

// DefaultMaxFileSize is the largest file read when Options.MaxFileSize is 0:
// a fiscal XML is a few hundred kilobytes, a batch a few megabytes.
const DefaultMaxFileSize = 20 << 20

// FileResult is what one input file gave: its documents, or why it could
// not be read at all (Err, a pt-BR sentence naming the file).
type FileResult struct {
	File      string
	Documents []Document
	Err       error
}
