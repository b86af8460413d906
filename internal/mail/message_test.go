package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"
)

// parsed is a received message taken apart the way a mail reader does.
type parsed struct {
	header      netmail.Header
	subject     string // decoded
	fromName    string // decoded
	fromAddress string
	body        string // decoded text part, LF line endings
	textHeader  map[string]string
	attachments []parsedAttachment
}

type parsedAttachment struct {
	filename    string
	contentType string
	encoding    string
	data        []byte
}

// parseMessage parses raw (CRLF) as RFC 5322 + MIME, failing the test on
// anything malformed. It reads the parts raw (NextRawPart) so that the
// transfer encodings are checked, not silently undone.
func parseMessage(t testing.TB, raw []byte) parsed {
	t.Helper()
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if len(line) > 998 {
			t.Errorf("line %d has %d characters (RFC 5322 allows 998)", i, len(line))
		}
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF", i)
		}
		for _, c := range line {
			if c >= 0x80 {
				t.Fatalf("line %d is not 7-bit: %q", i, line)
			}
		}
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadMessage: %v", err)
	}
	var p parsed
	p.header = msg.Header
	dec := new(mime.WordDecoder)
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From %q: %v", msg.Header.Get("From"), err)
	}
	p.fromName, p.fromAddress = from[0].Name, from[0].Address
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" || params["boundary"] == "" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; ; i++ {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		raw, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		ct, ctParams, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		enc := part.Header.Get("Content-Transfer-Encoding")
		if i == 0 {
			p.textHeader = map[string]string{"Content-Type": part.Header.Get("Content-Type"), "Content-Transfer-Encoding": enc}
			if ct != "text/plain" || !strings.EqualFold(ctParams["charset"], "utf-8") || enc != "quoted-printable" {
				t.Errorf("text part: Content-Type %q, encoding %q", part.Header.Get("Content-Type"), enc)
			}
			text, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
			if err != nil {
				t.Fatalf("quoted-printable: %v", err)
			}
			p.body = strings.ReplaceAll(string(text), "\r\n", "\n")
			continue
		}
		_, dParams, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if err != nil {
			t.Fatalf("Content-Disposition %q: %v", part.Header.Get("Content-Disposition"), err)
		}
		a := parsedAttachment{filename: dParams["filename"], contentType: ct, encoding: enc}
		if ctParams["name"] != a.filename {
			t.Errorf("attachment name %q differs from its filename %q", ctParams["name"], a.filename)
		}
		if enc != "base64" {
			t.Fatalf("attachment encoding %q", enc)
		}
		for _, line := range strings.Split(strings.TrimRight(string(raw), "\r\n"), "\r\n") {
			if len(line) > 76 {
				t.Errorf("base64 line of %d characters", len(line))
				break
			}
		}
		if a.data, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw))); err != nil {
			t.Fatalf("base64: %v", err)
		}
		p.attachments = append(p.attachments, a)
	}
	return p
}

func sampleMessage() message {
	return message{
		FromName: "Comércio Exemplo Ltda", FromAddress: "financeiro@exemplo.com.br",
		To: "cliente@exemplo.com.br", ReplyTo: "cobranca@exemplo.com.br",
		Subject: "Boleto B000042 – vencimento 15/04/2026, ação: pagar até lá",
		Body: "Olá, João Araújo.\n\nSegue o boleto de R$ 1.234,56 (referência: serviço de manutenção).\n" +
			".\nlinha que começa com ponto\n" + strings.Repeat("linha longa com acentuação ", 10) + "\n",
		Date:       time.Date(2026, time.March, 10, 14, 30, 0, 0, time.UTC),
		MessageID:  "<abc.123@exemplo.com.br>",
		Attachment: attachment{Name: "boleto-B000042.pdf", Type: "application/pdf", Data: bytes.Repeat([]byte("%PDF-1.4\x00\xff\n"), 100)},
	}
}

func TestMessageBytes(t *testing.T) {
	t.Parallel()
	m := sampleMessage()
	raw, err := m.bytes()
	if err != nil {
		t.Fatal(err)
	}
	p := parseMessage(t, raw)
	if p.subject != m.Subject {
		t.Errorf("subject = %q, want %q", p.subject, m.Subject)
	}
	if p.fromName != m.FromName || p.fromAddress != m.FromAddress {
		t.Errorf("from = %q <%s>", p.fromName, p.fromAddress)
	}
	for name, want := range map[string]string{
		"To": m.To, "Reply-To": m.ReplyTo, "Message-Id": m.MessageID, "Mime-Version": "1.0",
		"Date": "Tue, 10 Mar 2026 11:30:00 -0300",
	} {
		if got := p.header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if d, err := p.header.Date(); err != nil || !d.Equal(m.Date) {
		t.Errorf("Date parses as %v, %v", d, err)
	}
	if p.body != m.Body {
		t.Errorf("body = %q\nwant   %q", p.body, m.Body)
	}
	if len(p.attachments) != 1 {
		t.Fatalf("%d attachments", len(p.attachments))
	}
	a := p.attachments[0]
	if a.filename != "boleto-B000042.pdf" || a.contentType != "application/pdf" || !bytes.Equal(a.data, m.Attachment.Data) {
		t.Errorf("attachment %q %q, %d bytes (want %d)", a.filename, a.contentType, len(a.data), len(m.Attachment.Data))
	}
	// Non-ASCII header text goes as encoded-words, never raw.
	if !bytes.Contains(raw, []byte("Subject: =?UTF-8?q?")) {
		t.Errorf("subject not encoded:\n%s", raw[:bytes.Index(raw, []byte("MIME-Version"))])
	}
}

func TestMessageHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, subject, fromName string
	}{
		{"ascii", "Boleto B000042", "Loja"},
		{"long ascii", strings.Repeat("Boleto do mes de marco ", 8), "Loja, Filial 2"},
		{"long accented", strings.Repeat("Cobrança de março – ação ", 10), strings.Repeat("Ã", 60)},
		{"looks like an encoded-word", "=?UTF-8?q?x?= boleto", "\"Quoted\" <name>"},
		{"header injection", "Boleto\r\nBcc: intruso@exemplo.com", "Loja\r\nBcc: intruso@exemplo.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := sampleMessage()
			m.Subject, m.FromName = tt.subject, tt.fromName
			raw, err := m.bytes()
			if err != nil {
				t.Fatal(err)
			}
			p := parseMessage(t, raw)
			if p.subject != oneLine(tt.subject) {
				t.Errorf("subject = %q, want %q", p.subject, oneLine(tt.subject))
			}
			if p.fromName != oneLine(tt.fromName) {
				t.Errorf("from name = %q, want %q", p.fromName, oneLine(tt.fromName))
			}
			if p.header.Get("Bcc") != "" {
				t.Errorf("a Bcc header was injected")
			}
			head := raw[:bytes.Index(raw, []byte("\r\n\r\n"))]
			for _, line := range strings.Split(string(head), "\r\n") {
				if strings.HasPrefix(line, "Subject:") || strings.HasPrefix(line, " ") {
					if len(line) > 998 || (!strings.Contains(line, "=?") && len(line) > maxLine && strings.Contains(strings.TrimSpace(line), " ")) {
						t.Errorf("header line of %d characters not folded: %q", len(line), line)
					}
				}
			}
		})
	}
}

func TestAttachmentName(t *testing.T) {
	t.Parallel()
	for seu, want := range map[string]string{
		"B000042":      "boleto-B000042.pdf",
		"NF 12/3":      "boleto-NF-12-3.pdf",
		"NF.1_2":       "boleto-NF-1_2.pdf",
		"Ação":         "boleto-A--o.pdf",
		"..":           "boleto-sem-numero.pdf",
		"  ":           "boleto-sem-numero.pdf",
		"../../passwd": "boleto-passwd.pdf",
	} {
		if got := attachmentName(seu); got != want {
			t.Errorf("attachmentName(%q) = %q, want %q", seu, got, want)
		}
	}
}

func TestNewMessageID(t *testing.T) {
	t.Parallel()
	now := time.Now()
	a, b := newMessageID("financeiro@exemplo.com.br", now), newMessageID("financeiro@exemplo.com.br", now)
	if a == b || !strings.HasPrefix(a, "<") || !strings.HasSuffix(a, "@exemplo.com.br>") {
		t.Errorf("ids %q and %q", a, b)
	}
	if _, err := netmail.ParseAddress(strings.Trim(a, "<>")); err != nil {
		t.Errorf("id %q is not an addr-spec: %v", a, err)
	}
}
