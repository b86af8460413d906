package mail

import (
	"errors"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/store"
)

func validSettings() Settings {
	return Settings{
		Host: "smtp.exemplo.com.br", Port: 587, Security: store.MailSTARTTLS, Username: "financeiro@exemplo.com.br",
		FromName: "Comércio Exemplo", FromAddress: "financeiro@exemplo.com.br", ReplyTo: "cobranca@exemplo.com.br",
	}
}

func TestSettingsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		change   func(*Settings)
		field    string // "" when valid
		fragment string
	}{
		{"valid", func(*Settings) {}, "", ""},
		{"valid, implicit TLS", func(s *Settings) { s.Security, s.Port = store.MailTLS, 465 }, "", ""},
		{"valid, IP host", func(s *Settings) { s.Host = "192.168.0.10" }, "", ""},
		{"valid, no user on a LAN relay", func(s *Settings) { s.Security, s.Port, s.Username = store.MailNone, 25, "" }, "", ""},
		{"valid, loopback without TLS", func(s *Settings) { s.Host, s.Security = "127.0.0.1", store.MailNone }, "", ""},
		{"valid, templates", func(s *Settings) { s.Subject, s.Body = "Boleto {{seu_numero}}", "Olá {{pagador}}" }, "", ""},
		{"no host", func(s *Settings) { s.Host = "  " }, FieldHost, "Informe o servidor SMTP"},
		{"host with scheme", func(s *Settings) { s.Host = "smtp://smtp.gmail.com" }, FieldHost, "sem “smtp://”"},
		{"host with port", func(s *Settings) { s.Host = "smtp.gmail.com:587" }, FieldHost, "campo Porta"},
		{"bad host", func(s *Settings) { s.Host = "smtp exemplo.com" }, FieldHost, "não é um nome de servidor"},
		{"port 0", func(s *Settings) { s.Port = 0 }, FieldPort, "de 1 a 65535"},
		{"port too high", func(s *Settings) { s.Port = 70000 }, FieldPort, "de 1 a 65535"},
		{"unknown security", func(s *Settings) { s.Security = "ssl" }, FieldSecurity, "STARTTLS, TLS ou nenhuma"},
		{"password in clear over the network", func(s *Settings) { s.Security = store.MailNone }, FieldSecurity, "sem proteção"},
		{"user with a line break", func(s *Settings) { s.Username = "a\nb" }, FieldUsername, "quebras de linha"},
		{"no sender", func(s *Settings) { s.FromAddress = "" }, FieldFromAddress, "Informe o e-mail do remetente"},
		{"bad sender", func(s *Settings) { s.FromAddress = "financeiro" }, FieldFromAddress, "não é um endereço de e-mail válido"},
		{"bad reply-to", func(s *Settings) { s.ReplyTo = "a@b" }, FieldReplyTo, "E-mail para respostas"},
		{"long sender name", func(s *Settings) { s.FromName = strings.Repeat("á", 101) }, FieldFromName, "mais de 100"},
		{"unknown placeholder in subject", func(s *Settings) { s.Subject = "Boleto {{numero}}" }, FieldSubject, "{{numero}}"},
		{"unclosed placeholder in body", func(s *Settings) { s.Body = "Olá {{pagador" }, FieldBody, "sem o “}}”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := validSettings()
			tt.change(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid {
				t.Fatalf("Validate = %v, want an input error", err)
			}
			found := false
			for _, f := range ae.Fields {
				if f.Field == tt.field && strings.Contains(f.Message, tt.fragment) && !f.Warning {
					found = true
				}
			}
			if !found {
				t.Errorf("fields %+v lack %s with %q", ae.Fields, tt.field, tt.fragment)
			}
		})
	}
}

func TestSettingsValidateListsEveryField(t *testing.T) {
	t.Parallel()
	err := Settings{Port: -1}.Validate()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("Validate = %v", err)
	}
	got := map[string]bool{}
	for _, f := range ae.Fields {
		got[f.Field] = true
	}
	for _, f := range []string{FieldHost, FieldPort, FieldSecurity, FieldFromAddress} {
		if !got[f] {
			t.Errorf("no problem reported for %s (got %+v)", f, ae.Fields)
		}
	}
	if !strings.HasPrefix(ae.Message, "Há 4 campos a corrigir.") {
		t.Errorf("message = %q", ae.Message)
	}
}

func TestSettingsWarnings(t *testing.T) {
	t.Parallel()
	s := validSettings()
	s.Port = 465
	if err := s.Validate(); err != nil {
		t.Fatalf("a warning blocks: %v", err)
	}
	w := s.Warnings()
	if len(w) != 1 || w[0].Field != FieldPort || !w[0].Warning || !strings.Contains(w[0].Message, "465 normalmente usa TLS direto") {
		t.Errorf("warnings = %+v", w)
	}
	if w := validSettings().Warnings(); len(w) != 0 {
		t.Errorf("warnings of valid settings = %+v", w)
	}
}

func TestParseAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want, fragment string
	}{
		{"ana@exemplo.com.br", "ana@exemplo.com.br", ""},
		{"  Ana Souza <ana.souza+boletos@exemplo.com.br> ", "ana.souza+boletos@exemplo.com.br", ""},
		{"", "", "Informe o endereço"},
		{"ana", "", "não é um endereço de e-mail válido"},
		{"ana@exemplo", "", "não é um endereço de e-mail válido"},
		{"ana@exemplo..com", "", "não é um endereço de e-mail válido"},
		{"ana@exemplo.com, bia@exemplo.com", "", "um endereço de e-mail só"},
		{"joão@exemplo.com.br", "", "acentos"},
		{"ana@exemplo.com\r\nBcc: x@y.com", "", "não é um endereço"},
	}
	for _, tt := range tests {
		got, err := ParseAddress(tt.in)
		if tt.fragment == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseAddress(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.CodeInvalid || !strings.Contains(ae.Message, tt.fragment) {
			t.Errorf("ParseAddress(%q) = %q, %v; want an input error with %q", tt.in, got, err, tt.fragment)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST.": true, "127.0.0.1": true, "127.0.0.2": true, "::1": true, "[::1]": true,
		"mail.localhost": true, "smtp.gmail.com": false, "192.168.0.1": false, "localhost.exemplo.com": false,
	} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}
