// Package pix reads and writes Pix BR Codes, the EMV® QRCPS-MPM payloads
// behind a Pix QR code and its copia-e-cola text.
//
// Parse validates a code strictly (structure, CRC16, mandatory fields) and
// BuildCobv writes the dynamic "cobrança com vencimento" payload Banco Inter
// prints on a Bolepix. Every error message is a Portuguese sentence that can
// be shown to the user as it is. Everything here is pure and safe for
// concurrent use.
package pix
