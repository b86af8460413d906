package pix

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLength is the largest payload EMV allows, in bytes.
const MaxLength = 512

// GUI is the globally unique identifier of the Pix arrangement. Comparison
// is case-insensitive: Inter writes BR.GOV.BCB.PIX.
const GUI = "br.gov.bcb.pix"

// Top-level field IDs.
const (
	idPayloadFormat    = "00"
	idInitiationMethod = "01"
	idMerchantAccount  = "26"
	idMCC              = "52"
	idCurrency         = "53"
	idAmount           = "54"
	idCountry          = "58"
	idMerchantName     = "59"
	idMerchantCity     = "60"
	idPostalCode       = "61"
	idAdditionalData   = "62"
	idCRC              = "63"
)

// Sub-field IDs of templates 26 and 62.
const (
	subGUI  = "00"
	subKey  = "01"
	subInfo = "02"
	subURL  = "25"
	subTxID = "05"
)

// Field is one top-level TLV data object of a BR Code.
type Field struct {
	ID    string
	Value string
}

// Code is a parsed and validated BR Code.
type Code struct {
	Raw              string // the payload, without surrounding white space
	PayloadFormat    string // 00, always "01"
	InitiationMethod string // 01: "12" dynamic (single use), "11" or "" static
	GUI              string // 26.00, as written in the code
	Key              string // 26.01, Chave Pix of a static code
	Info             string // 26.02, additional information of a static code
	URL              string // 26.25, payload location of a dynamic code, without https://
	MCC              string // 52
	Currency         string // 53, always "986"
	AmountCents      *int64 // 54 in centavos; nil when the code carries no amount
	Country          string // 58, always "BR"
	MerchantName     string // 59
	MerchantCity     string // 60
	PostalCode       string // 61, optional
	TxID             string // 62.05; "***" in dynamic codes
	CRC              string // 63, four upper-case hex digits
	Fields           []Field
}

// Parse validates s as a Pix BR Code and decodes it. Surrounding white space
// is ignored; everything else must be exact: the TLV structure, the CRC16 in
// field 63 and the mandatory fields 00, 26, 52, 53, 58, 59 and 60.
func Parse(s string) (*Code, error) {
	s = strings.TrimSpace(s)
	if err := checkText(s); err != nil {
		return nil, err
	}
	fields, starts, err := splitTLV(s, "", 0)
	if err != nil {
		return nil, err
	}
	last := fields[len(fields)-1]
	if last.ID != idCRC {
		if _, ok := find(fields, idCRC); ok {
			return nil, errors.New("Código Pix inválido: há texto depois do CRC (campo 63), que deve ser o último. Copie somente o código, sem nada depois dele.")
		}
		return nil, errors.New("Código Pix incompleto: falta o CRC (campo 63) no final. Copie o código inteiro novamente.")
	}
	if err := checkCRC(s, last.Value); err != nil {
		return nil, err
	}
	c := &Code{Raw: s, CRC: last.Value, Fields: fields}
	if err := c.decode(fields, starts); err != nil {
		return nil, err
	}
	return c, nil
}

// checkText applies the checks that need no TLV walk.
func checkText(s string) error {
	if s == "" {
		return errors.New("Código Pix vazio: cole o código Pix copia-e-cola completo.")
	}
	if len(s) > MaxLength {
		return fmt.Errorf("Código Pix longo demais: tem %d bytes e o limite é %d. Confira se não foi colado mais de um código.", len(s), MaxLength)
	}
	if !strings.HasPrefix(s, idPayloadFormat+"02") {
		return errors.New("Este texto não é um código Pix: o código Pix copia-e-cola começa com 000201.")
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f {
			return fmt.Errorf("Código Pix inválido: há uma quebra de linha ou caractere invisível na posição %d. Copie o código novamente, em uma única linha.", i+1)
		}
	}
	if !utf8.ValidString(s) {
		return errors.New("Código Pix inválido: contém caracteres que não são texto válido. Copie o código novamente.")
	}
	return nil
}

// splitTLV walks s as a strict sequence of ID(2) LEN(2) VALUE(LEN) objects.
// parent is "" at the top level or the template ID; offset is the position
// of s within the whole code, for messages. It also returns where each value
// starts within the whole code. Callers pass a non-empty s, so a nil error
// comes with at least one field.
func splitTLV(s, parent string, offset int) ([]Field, []int, error) {
	var (
		fields []Field
		starts []int
	)
	for pos := 0; pos < len(s); {
		if len(s)-pos < 4 {
			if parent == "" {
				return nil, nil, fmt.Errorf("Código Pix incompleto: o código termina no meio de um campo, na posição %d. Copie o código inteiro novamente.", offset+pos+1)
			}
			return nil, nil, fmt.Errorf("Código Pix inválido: o campo %s termina no meio de um subcampo, na posição %d.", parent, offset+pos+1)
		}
		id, size := s[pos:pos+2], s[pos+2:pos+4]
		if !isDigits(id) {
			return nil, nil, fmt.Errorf("Código Pix inválido: esperava o número de um campo (dois dígitos) na posição %d e encontrou %q. O código foi alterado ou copiado errado.", offset+pos+1, id)
		}
		name := fieldName(parent, id)
		if !isDigits(size) {
			return nil, nil, fmt.Errorf("Código Pix inválido: o tamanho do campo %s, na posição %d, não é um número (%q). O código foi alterado ou copiado errado.", name, offset+pos+3, size)
		}
		n, _ := strconv.Atoi(size)
		if n == 0 {
			return nil, nil, fmt.Errorf("Código Pix inválido: o campo %s está vazio.", name)
		}
		start := pos + 4
		if start+n > len(s) {
			if parent == "" {
				return nil, nil, fmt.Errorf("Código Pix incompleto: o campo %s foi cortado. Copie o código inteiro novamente.", name)
			}
			return nil, nil, fmt.Errorf("Código Pix inválido: o campo %s diz ter %d caracteres, mas o campo %s só tem %d a partir dele.", name, n, parent, len(s)-start)
		}
		value := s[start : start+n]
		if !utf8.ValidString(value) {
			return nil, nil, fmt.Errorf("Código Pix inválido: o tamanho declarado do campo %s corta um caractere ao meio.", name)
		}
		if _, dup := find(fields, id); dup {
			return nil, nil, fmt.Errorf("Código Pix inválido: o campo %s aparece mais de uma vez.", name)
		}
		fields = append(fields, Field{ID: id, Value: value})
		starts = append(starts, offset+start)
		pos = start + n
	}
	return fields, starts, nil
}

// checkCRC verifies field 63 against the CRC16 of everything before its value.
func checkCRC(s, crc string) error {
	if len(crc) != 4 || !isUpperHex(crc) {
		return fmt.Errorf("Código Pix inválido: o CRC (campo 63) deve ter 4 caracteres hexadecimais maiúsculos, mas é %q. O código foi alterado.", crc)
	}
	if got := fmt.Sprintf("%04X", CRC16([]byte(s[:len(s)-4]))); got != crc {
		return fmt.Errorf("CRC do código Pix não confere (calculado %s, informado %s): o código foi alterado ou copiado pela metade.", got, crc)
	}
	return nil
}

// decode fills c from the top-level fields and checks their contents.
func (c *Code) decode(fields []Field, starts []int) error {
	if fields[0].ID != idPayloadFormat || fields[0].Value != "01" {
		return fmt.Errorf("Código Pix inválido: o primeiro campo deve ser 00 com valor 01 (formato do payload), mas é %s com valor %q.", fields[0].ID, fields[0].Value)
	}
	c.PayloadFormat = fields[0].Value

	get := func(id string, required bool, what string) (string, error) {
		v, ok := find(fields, id)
		if !ok && required {
			return "", fmt.Errorf("Código Pix inválido: falta o campo %s (%s).", id, what)
		}
		return v, nil
	}
	var err error
	if c.InitiationMethod, _ = get(idInitiationMethod, false, ""); c.InitiationMethod != "" && c.InitiationMethod != "11" && c.InitiationMethod != "12" {
		return fmt.Errorf("Código Pix inválido: o campo 01 (forma de iniciação) deve ser 11 ou 12, mas é %q.", c.InitiationMethod)
	}
	if c.MCC, err = get(idMCC, true, "categoria do recebedor"); err != nil {
		return err
	}
	if len(c.MCC) != 4 || !isDigits(c.MCC) {
		return fmt.Errorf("Código Pix inválido: o campo 52 (categoria do recebedor) deve ter 4 dígitos, mas é %q.", c.MCC)
	}
	if c.Currency, err = get(idCurrency, true, "moeda"); err != nil {
		return err
	}
	if c.Currency != "986" {
		return fmt.Errorf("Código Pix inválido: a moeda (campo 53) deve ser 986, o real, mas é %q.", c.Currency)
	}
	if c.Country, err = get(idCountry, true, "país"); err != nil {
		return err
	}
	if c.Country != "BR" {
		return fmt.Errorf("Código Pix inválido: o país (campo 58) deve ser BR, mas é %q.", c.Country)
	}
	if c.MerchantName, err = get(idMerchantName, true, "nome do recebedor"); err != nil {
		return err
	}
	if len(c.MerchantName) > maxName {
		return fmt.Errorf("Código Pix inválido: o nome do recebedor (campo 59) tem %d caracteres; o limite é %d.", len(c.MerchantName), maxName)
	}
	if c.MerchantCity, err = get(idMerchantCity, true, "cidade do recebedor"); err != nil {
		return err
	}
	if len(c.MerchantCity) > maxCity {
		return fmt.Errorf("Código Pix inválido: a cidade do recebedor (campo 60) tem %d caracteres; o limite é %d.", len(c.MerchantCity), maxCity)
	}
	c.PostalCode, _ = get(idPostalCode, false, "")
	if v, ok := find(fields, idAmount); ok {
		cents, err := parseAmount(v)
		if err != nil {
			return err
		}
		c.AmountCents = &cents
	}
	if err := c.decodeAccount(fields, starts); err != nil {
		return err
	}
	return c.decodeAdditionalData(fields, starts)
}

// decodeAccount reads template 26, the Pix merchant account information.
func (c *Code) decodeAccount(fields []Field, starts []int) error {
	i := index(fields, idMerchantAccount)
	if i < 0 {
		return errors.New("Código Pix inválido: falta o campo 26 (dados da conta Pix do recebedor).")
	}
	sub, _, err := splitTLV(fields[i].Value, idMerchantAccount, starts[i])
	if err != nil {
		return err
	}
	c.GUI, _ = find(sub, subGUI)
	if !strings.EqualFold(c.GUI, GUI) {
		return fmt.Errorf("Código Pix inválido: o campo 26.00 deve ser %s, mas é %q; este código não é de Pix.", GUI, c.GUI)
	}
	c.Key, _ = find(sub, subKey)
	c.Info, _ = find(sub, subInfo)
	c.URL, _ = find(sub, subURL)
	if c.Key == "" && c.URL == "" {
		return errors.New("Código Pix inválido: o campo 26 não tem chave Pix (26.01) nem URL de cobrança (26.25).")
	}
	return nil
}

// decodeAdditionalData reads the optional template 62.
func (c *Code) decodeAdditionalData(fields []Field, starts []int) error {
	i := index(fields, idAdditionalData)
	if i < 0 {
		return nil
	}
	sub, _, err := splitTLV(fields[i].Value, idAdditionalData, starts[i])
	if err != nil {
		return err
	}
	c.TxID, _ = find(sub, subTxID)
	if len(c.TxID) > maxTxID {
		return fmt.Errorf("Código Pix inválido: o identificador da transação (campo 62.05) tem %d caracteres; o limite é %d.", len(c.TxID), maxTxID)
	}
	return nil
}

// parseAmount reads field 54 ("9.50", "127.5", "100") into centavos without
// floating point.
func parseAmount(v string) (int64, error) {
	bad := fmt.Errorf("Código Pix inválido: o valor (campo 54) %q não está no formato 1234.56, com ponto e até duas casas decimais.", v)
	if len(v) > maxAmount {
		return 0, fmt.Errorf("Código Pix inválido: o valor (campo 54) tem %d caracteres; o limite é %d.", len(v), maxAmount)
	}
	whole, frac, hasPoint := strings.Cut(v, ".")
	if whole == "" || !isDigits(whole) || (hasPoint && (frac == "" || len(frac) > 2 || !isDigits(frac))) {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	// At most 13 digits: both fit in an int64 and cannot fail to parse.
	units, _ := strconv.ParseInt(whole, 10, 64)
	cents, _ := strconv.ParseInt(frac, 10, 64)
	total := units*100 + cents
	if total == 0 {
		return 0, errors.New("Código Pix inválido: o valor (campo 54) é zero; um Pix com valor precisa ser maior que R$ 0,00.")
	}
	return total, nil
}

func find(fields []Field, id string) (string, bool) {
	if i := index(fields, id); i >= 0 {
		return fields[i].Value, true
	}
	return "", false
}

func index(fields []Field, id string) int {
	for i, f := range fields {
		if f.ID == id {
			return i
		}
	}
	return -1
}

func fieldName(parent, id string) string {
	if parent == "" {
		return id
	}
	return parent + "." + id
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUpperHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; (b < '0' || b > '9') && (b < 'A' || b > 'F') {
			return false
		}
	}
	return s != ""
}
