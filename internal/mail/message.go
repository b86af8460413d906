package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"boletos/internal/boleto"
)

// message is one e-mail as it goes on the wire: RFC 5322 headers and a
// multipart/mixed MIME body with a text part and one attachment.
type message struct {
	FromName    string
	FromAddress string
	To          string
	ReplyTo     string // "" for none
	Subject     string
	Body        string // plain text, any line endings
	Date        time.Time
	MessageID   string // with the angle brackets
	Attachment  attachment
}

type attachment struct {
	Name string // file name, ASCII
	Type string // media type
	Data []byte
}

// maxLine is the line length headers are folded to (RFC 5322 §2.1.1's
// SHOULD; the MUST is 998).
const maxLine = 78

// bytes renders the message with CRLF line endings, 7-bit clean: the text
// part is UTF-8 in quoted-printable, the attachment base64, and non-ASCII
// header text is in RFC 2047 encoded-words.
func (m message) bytes() ([]byte, error) {
	var buf bytes.Buffer
	header := func(name, value string) {
		buf.WriteString(name)
		buf.WriteString(": ")
		buf.WriteString(value)
		buf.WriteString("\r\n")
	}
	header("Date", m.Date.In(boleto.SaoPaulo).Format(time.RFC1123Z))
	header("From", formatAddress(m.FromName, m.FromAddress))
	if m.ReplyTo != "" {
		header("Reply-To", m.ReplyTo)
	}
	header("To", m.To)
	header("Subject", encodeText(m.Subject, len("Subject: ")))
	header("Message-ID", m.MessageID)
	header("MIME-Version", "1.0")

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	buf.WriteString("\r\n")

	text, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=UTF-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return nil, err
	}
	qp := quotedprintable.NewWriter(text)
	body0 := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\r", "\n")
	if !strings.HasSuffix(body0, "\n") {
		body0 += "\n"
	}
	if _, err := qp.Write([]byte(body0)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}

	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType(m.Attachment.Type, map[string]string{"name": m.Attachment.Name})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": m.Attachment.Name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	if err := writeBase64Lines(att, m.Attachment.Data); err != nil {
		return nil, err
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	buf.Write(body.Bytes())
	return buf.Bytes(), nil
}

// writeBase64Lines writes data in base64, 76 characters a line (RFC 2045).
func writeBase64Lines(w interface{ Write([]byte) (int, error) }, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(76, len(enc))
		if _, err := w.Write([]byte(enc[:n] + "\r\n")); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}

// formatAddress is "Name <addr>", with the name quoted or encoded as needed,
// or the bare address when there is no name.
func formatAddress(name, addr string) string {
	name = oneLine(name)
	if name == "" {
		return addr
	}
	return (&netmail.Address{Name: name, Address: addr}).String()
}

// encodeText is an unstructured header value (the subject): one line of
// text, as is when it is printable ASCII, else RFC 2047 Q encoded-words in
// UTF-8; either way folded so that lines stay near maxLine. prefix is the
// length of "Name: " before it.
func encodeText(s string, prefix int) string {
	s = oneLine(s)
	if isPrintable(s) && !strings.Contains(s, "=?") {
		return foldWords(strings.Split(s, " "), prefix)
	}
	// The space between two encoded-words is not part of the text, so
	// folding there changes nothing.
	return foldWords(qWords(s), prefix)
}

// qWords encodes s as RFC 2047 Q encoded-words in UTF-8 of at most 75
// characters each, never splitting a character. Unlike mime.QEncoding, it
// encodes text that is ASCII too (a subject that contains "=?").
func qWords(s string) []string {
	const head, tail, maxWord = "=?UTF-8?q?", "?=", 75
	var (
		words []string
		cur   strings.Builder
		buf   [utf8.UTFMax]byte
	)
	for _, r := range s {
		var enc string
		switch {
		case r == ' ':
			enc = "_"
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("!*+-/", r):
			enc = string(r)
		default:
			n := utf8.EncodeRune(buf[:], r)
			for _, c := range buf[:n] {
				enc += fmt.Sprintf("=%02X", c)
			}
		}
		if cur.Len() > 0 && len(head)+cur.Len()+len(enc)+len(tail) > maxWord {
			words = append(words, head+cur.String()+tail)
			cur.Reset()
		}
		cur.WriteString(enc)
	}
	if cur.Len() > 0 {
		words = append(words, head+cur.String()+tail)
	}
	return words
}

// foldWords joins words with spaces, starting a new line (CRLF and a space)
// before a word that would take the line past maxLine.
func foldWords(words []string, prefix int) string {
	var b strings.Builder
	line := prefix
	for i, w := range words {
		if i > 0 {
			if line+1+len(w) > maxLine {
				b.WriteString("\r\n")
				line = 0
			}
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

// isPrintable reports whether s is printable ASCII only.
func isPrintable(s string) bool {
	for i := range len(s) {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// newMessageID returns a unique Message-ID in the sender's domain.
func newMessageID(from string, now time.Time) string {
	domain := "boletos.localhost"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	var r [12]byte
	_, _ = rand.Read(r[:]) // never fails (crypto/rand, Go ≥ 1.24)
	return "<" + strconv.FormatInt(now.UnixMilli(), 36) + "." + hex.EncodeToString(r[:]) + "@" + domain + ">"
}

// attachmentName is the PDF's file name: boleto-<seuNumero>.pdf, with any
// character other than ASCII letters, digits, '-' and '_' turned into '-'.
func attachmentName(seuNumero string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(seuNumero) {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "sem-numero"
	}
	return fmt.Sprintf("boleto-%s.pdf", name)
}
