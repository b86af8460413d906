package app

import (
	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/pix"
)

// Tools holds the counter helpers: check a barcode or a Pix code a customer
// brings, without any account or network.
type Tools struct{ app *App }

// BarcodeInfo is a decoded boleto barcode or linha digitável.
type BarcodeInfo struct {
	Bank          string `json:"bank"`
	BankName      string `json:"bankName"`
	Barcode       string `json:"barcode"`
	DigitableLine string `json:"digitableLine"`
	Formatted     string `json:"formatted"`
	DueDate       string `json:"dueDate"` // YYYY-MM-DD, "" when the boleto has none
	AmountCents   int64  `json:"amountCents"`
	Amount        string `json:"amount"` // R$ 1.234,56
}

// DecodeBarcode validates and decodes a 44-digit barcode or a 47-digit linha
// digitável (punctuation allowed).
func (t *Tools) DecodeBarcode(code string) (BarcodeInfo, error) {
	d, err := boleto.Decode(code, boleto.Today(t.app.cfg.Now()))
	if err != nil {
		return BarcodeInfo{}, apperr.Wrap(apperr.CodeInvalid, err, err.Error())
	}
	info := BarcodeInfo{
		Bank:          d.Bank,
		BankName:      boleto.BankName(d.Bank),
		Barcode:       d.Barcode,
		DigitableLine: d.Linha,
		Formatted:     d.Formatted,
		AmountCents:   int64(d.Amount),
		Amount:        d.Amount.BRL(),
	}
	if d.HasDueDate {
		info.DueDate = d.DueDate.String()
	}
	return info, nil
}

// PixInfo is a decoded Pix copia-e-cola.
type PixInfo struct {
	CRC          string `json:"crc"`
	URL          string `json:"url"`
	Key          string `json:"key"`
	Amount       string `json:"amount"` // R$ 9,50, "" when the code has no amount
	MerchantName string `json:"merchantName"`
	MerchantCity string `json:"merchantCity"`
	PostalCode   string `json:"postalCode"`
	TxID         string `json:"txid"`
	Dynamic      bool   `json:"dynamic"`
}

// DecodePix validates a Pix copia-e-cola (CRC and fields) and decodes it.
func (t *Tools) DecodePix(code string) (PixInfo, error) {
	c, err := pix.Parse(code)
	if err != nil {
		return PixInfo{}, apperr.Wrap(apperr.CodeInvalid, err, err.Error())
	}
	info := PixInfo{
		CRC:          c.CRC,
		URL:          c.URL,
		Key:          c.Key,
		MerchantName: c.MerchantName,
		MerchantCity: c.MerchantCity,
		PostalCode:   c.PostalCode,
		TxID:         c.TxID,
		Dynamic:      c.URL != "",
	}
	if c.AmountCents != nil {
		info.Amount = boleto.Cents(*c.AmountCents).BRL()
	}
	return info, nil
}
