package pix

import (
	"errors"
	"fmt"
	"strings"
)

// Field limits of the BR Code, in bytes.
const (
	maxName   = 25
	maxCity   = 15
	maxTxID   = 25
	maxAmount = 13
	maxValue  = 99 // any TLV value, since LEN has two digits
)

// maxAmountCents is the largest amount whose "units.cc" form fits in field 54.
const maxAmountCents = 999_999_999_999 // 9999999999.99

// CobvParams describes a dynamic "cobrança com vencimento" (cobv) BR Code.
type CobvParams struct {
	URL          string // payload location without https://, e.g. spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/<id>
	AmountCents  int64  // 0 leaves field 54 out
	MerchantName string // up to 25 characters; "" writes "*" as Inter does
	MerchantCity string // up to 15 characters; written upper-case and without accents
	PostalCode   string // optional CEP, 8 digits (a hyphen is accepted)
}

// BuildCobv writes the BR Code of a dynamic cobv charge, shaped like the
// codes Banco Inter returns for a Bolepix: 00=01, 01=12, 26{00, 25=URL},
// 52=0000, 53=986, optional 54, 58=BR, 59, 60, optional 61, 62{05=***} and
// the CRC in 63.
func BuildCobv(p CobvParams) (string, error) {
	url := strings.TrimSpace(p.URL)
	switch {
	case url == "":
		return "", errors.New("Não foi possível gerar o código Pix: informe a URL da cobrança (campo 26.25).")
	case hasScheme(url):
		return "", fmt.Errorf("Não foi possível gerar o código Pix: a URL da cobrança %q deve vir sem http:// ou https://. Remova o prefixo.", url)
	}
	if i := strings.IndexFunc(url, func(r rune) bool { return r <= ' ' || r > '~' }); i >= 0 {
		return "", fmt.Errorf("Não foi possível gerar o código Pix: a URL da cobrança tem um caractere não permitido (%q); use apenas letras sem acento, números e símbolos de URL, sem espaços.", []rune(url[i:])[0])
	}
	account := tlv(subGUI, "BR.GOV.BCB.PIX")
	if limit := maxValue - len(account) - 4; len(url) > limit {
		return "", fmt.Errorf("Não foi possível gerar o código Pix: a URL da cobrança tem %d caracteres; o limite é %d.", len(url), limit)
	}
	account += tlv(subURL, url)

	if p.AmountCents < 0 {
		return "", errors.New("Não foi possível gerar o código Pix: o valor não pode ser negativo.")
	}
	if p.AmountCents > maxAmountCents {
		return "", errors.New("Não foi possível gerar o código Pix: o valor passa do máximo que cabe no código (R$ 9.999.999.999,99).")
	}

	name, err := cleanText(p.MerchantName, "o nome do recebedor", maxName)
	if err != nil {
		return "", err
	}
	if name == "" {
		name = "*"
	}
	city, err := cleanText(p.MerchantCity, "a cidade do recebedor", maxCity)
	if err != nil {
		return "", err
	}
	if city == "" {
		return "", errors.New("Não foi possível gerar o código Pix: informe a cidade do recebedor (campo 60).")
	}
	city = strings.ToUpper(city)

	cep := strings.ReplaceAll(strings.TrimSpace(p.PostalCode), "-", "")
	if cep != "" && (len(cep) != 8 || !isDigits(cep)) {
		return "", fmt.Errorf("Não foi possível gerar o código Pix: o CEP %q deve ter 8 números.", p.PostalCode)
	}

	var b strings.Builder
	b.WriteString(tlv(idPayloadFormat, "01"))
	b.WriteString(tlv(idInitiationMethod, "12"))
	b.WriteString(tlv(idMerchantAccount, account))
	b.WriteString(tlv(idMCC, "0000"))
	b.WriteString(tlv(idCurrency, "986"))
	if p.AmountCents > 0 {
		b.WriteString(tlv(idAmount, fmt.Sprintf("%d.%02d", p.AmountCents/100, p.AmountCents%100)))
	}
	b.WriteString(tlv(idCountry, "BR"))
	b.WriteString(tlv(idMerchantName, name))
	b.WriteString(tlv(idMerchantCity, city))
	if cep != "" {
		b.WriteString(tlv(idPostalCode, cep))
	}
	b.WriteString(tlv(idAdditionalData, tlv(subTxID, "***")))
	b.WriteString(idCRC + "04")
	fmt.Fprintf(&b, "%04X", CRC16([]byte(b.String())))
	// With every field within its limit the code stays far below MaxLength.
	return b.String(), nil
}

// tlv writes one data object; callers keep value within 99 bytes.
func tlv(id, value string) string {
	return fmt.Sprintf("%s%02d%s", id, len(value), value)
}

func hasScheme(url string) bool {
	lower := strings.ToLower(url)
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")
}

// cleanText trims s, removes Portuguese accents and checks that the result
// is printable ASCII of at most limit bytes. what names the field for the
// message ("o nome do recebedor").
func cleanText(s, what string, limit int) (string, error) {
	s = removeAccents(strings.TrimSpace(s))
	for _, r := range s {
		if r < ' ' || r > '~' {
			return "", fmt.Errorf("Não foi possível gerar o código Pix: %s tem um caractere não permitido (%q); use apenas letras sem acento, números e pontuação simples.", what, r)
		}
	}
	if len(s) > limit {
		return "", fmt.Errorf("Não foi possível gerar o código Pix: %s tem %d caracteres; o limite é %d. Abrevie o texto.", what, len(s), limit)
	}
	return s, nil
}

// accents maps the accented letters of Portuguese (and a few neighbours) to
// their plain forms.
var accents = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "õ", "o", "ö", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n",
	"Á", "A", "À", "A", "Â", "A", "Ã", "A", "Ä", "A",
	"É", "E", "È", "E", "Ê", "E", "Ë", "E",
	"Í", "I", "Ì", "I", "Î", "I", "Ï", "I",
	"Ó", "O", "Ò", "O", "Ô", "O", "Õ", "O", "Ö", "O",
	"Ú", "U", "Ù", "U", "Û", "U", "Ü", "U",
	"Ç", "C", "Ñ", "N",
)

func removeAccents(s string) string { return accents.Replace(s) }
