// Package printing renders Banco Inter boletos (with Pix) as PDF: one A4
// page per boleto (RenderBoleto, RenderBoletos) or a carnê of three slips
// per page (RenderCarne).
//
// Rendering is pure: a Boleto carries everything printed, nothing is read
// from a database or the network, and for the same input and the same
// Options.Now the bytes are the same. The fonts (DejaVu Sans and DejaVu Sans
// Bold, fonts/LICENSE-DejaVu.txt) are embedded with go:embed and subset into
// each PDF. Everything printed is in Brazilian Portuguese.
//
// # Full page (A4, millimetres from the top-left corner)
//
// The recibo do pagador fills the top: title and printing date, the bank
// line (bank name, 077-9, linha digitável), beneficiário (name, CPF/CNPJ,
// address) with the vencimento, pagador with the valor do documento, nosso
// número, nº do documento (the seu número), data do documento, parcela and
// agência/código do beneficiário, the sacador/avalista when there is one,
// the instructions (as tall as they need, up to 40 mm) and, when the boleto
// has a Pix code, a "Pague com Pix" box with the QR code (34 mm plus its
// four-module quiet zone) and, beside it, how to pay and the Pix Copia e
// Cola text. Without Pix the box is left out and nothing else moves.
//
// A dashed cut line with scissors at y = 178 separates it from the ficha de
// compensação below it: 107 mm tall and as wide as the paper (210 mm), its
// bottom edge at y = 285, 12 mm above the paper's (office printers leave the
// last 5–6 mm unprinted, and "fit to page" shrinks what is there); nothing is
// drawn below it. The recibo, at its tallest, ends well above the cut. Its grid
// (x 10–200) follows the standard order: bank name "Banco Inter" (11 pt
// bold), "077-9" (15 pt bold, 5.3 mm type), the formatted linha digitável
// (12 pt: 4.2 mm type size, digits 3.1 mm tall); local de pagamento
// ("Pagável em qualquer banco até o vencimento. Após, somente no Banco
// Inter.") | vencimento; beneficiário (name and CPF/CNPJ, address) |
// agência/código do beneficiário; data do documento | nº do documento |
// espécie doc. ("DM" unless given) | aceite ("N" unless given) | data do
// processamento | nosso número; uso do banco | carteira ("112" unless given)
// | espécie (R$) | quantidade | (x) valor | (=) valor do documento;
// instructions | (−) desconto/abatimento, (+) mora/multa, (=) valor cobrado
// (left blank); pagador (name and CPF/CNPJ, street, city/UF and CEP) with
// the sacador/avalista on its last line; then the caption "Autenticação
// mecânica — Ficha de Compensação" (5.5 pt, under 2 mm) and the barcode.
//
// The barcode is Interleaved 2 of 5, drawn as filled rectangles: narrow
// elements 0.254 mm, wide 0.762 mm (3:1), 13 mm tall, 102.87 mm long for the
// 44 digits with start and stop. Its first bar is 16 mm from the paper's
// left edge (6 mm from the grid), its right quiet zone is clear to the
// grid's edge, and its centre is 12 mm above the ficha's bottom edge (the
// bars end 17.5 mm above the paper's edge). The QR code is encoded with
// error correction level M and drawn as filled squares.
//
// # Carnê
//
// Three slips of 96 mm per page, from y = 3 to y = 291, with dashed cut
// lines between them; nothing is printed within 8 mm of the paper's left and
// right edges. Each slip has the canhoto on the left (x 8–51: bank, "Recibo
// do Pagador", parcela, vencimento, valor, nosso número, nº do documento,
// pagador, beneficiário and the Pix QR code at 30 mm with its quiet zone,
// inside the slip; the Copia e Cola text does not fit and is left out), a
// dashed vertical cut line at x = 54, and a compact ficha (from the cut line
// to the paper's edge, 156 × 96 mm: narrower than the 170 mm of a full-page
// ficha, as carnês are; grid x 57–202, smaller type, linha at 9 pt) with the
// same fields in the same order and the same barcode: 103 × 13 mm, centre
// 12 mm above the slip's bottom edge, quiet zones clear. The last slip's bars
// end 11.5 mm above the paper's bottom edge.
//
// The cut lines are dashes of 4 mm about 2.5 mm apart, the gaps adjusted so
// that each line starts and ends with a whole dash.
//
// # States
//
// StateIssued and StatePaid print the codes; StatePaid adds a "PAGO"
// stamp on both parts, clear of the codes. StateDraft and StateFailed print
// "RASCUNHO — SEM VALOR", StateCancelled "CANCELADO" and StateExpired
// "EXPIRADO" as large diagonal watermarks (one on each part of the page, so
// both still carry it once cut), and none of them prints the barcode, the
// linha digitável or the QR code: a sentence saying why takes their place.
//
// Before printing a payable boleto the codes are checked: the barcode's
// check digits, that the linha (when given) is the same code, that the
// barcode's amount and due date are the boleto's, and the Pix code's CRC.
// A boleto that fails is not printed; the error says which and why.
//
// Text that does not fit its box is set smaller (down to a floor per box)
// and then shortened with "…"; the CPF/CNPJ after a name is never cut.
// Instructions wrap, and the last line that fits ends with "…".
package printing
