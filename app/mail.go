package app

import (
	"context"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/issuing"
	"boletos/internal/mail"
	"boletos/internal/store"
)

// mailCallTimeout bounds a call that may talk to the SMTP server ("Testar").
const mailCallTimeout = 90 * time.Second

// Mail is e-mail delivery: the SMTP settings of each account (the password
// only in the keychain) and "Enviar por e-mail" with the PDF attached.
type Mail struct{ app *App }

// MailSettingsDTO is the e-mail form of an account. Password is write-only:
// "" keeps the stored one; it never comes back (hasPassword says whether
// there is one).
type MailSettingsDTO struct {
	Host        string            `json:"host"`
	Port        int               `json:"port"`
	Security    string            `json:"security"` // "starttls" | "tls" | "none"
	Username    string            `json:"username"`
	Password    string            `json:"password"`
	FromName    string            `json:"fromName"`
	FromAddress string            `json:"fromAddress"`
	ReplyTo     string            `json:"replyTo"`
	Subject     string            `json:"subject"` // "" = the default template
	Body        string            `json:"body"`
	Configured  bool              `json:"configured"`
	HasPassword bool              `json:"hasPassword"`
	Warnings    []FieldProblemDTO `json:"warnings"`
	// DefaultSubject and DefaultBody are shown as placeholders.
	DefaultSubject string `json:"defaultSubject"`
	DefaultBody    string `json:"defaultBody"`
}

// MailMessageDTO is one e-mail of a boleto, as its detail lists it.
type MailMessageDTO struct {
	ID        int64  `json:"id"`
	BoletoID  int64  `json:"boletoId"`
	To        string `json:"to"`
	Subject   string `json:"subject"`
	State     string `json:"state"` // queued | sending | sent | failed
	Attempts  int    `json:"attempts"`
	LastError string `json:"lastError"`
	NextTry   string `json:"nextTry"` // RFC 3339; "" when none
	SentAt    string `json:"sentAt"`
	CreatedAt string `json:"createdAt"`
}

// Settings returns an account's e-mail settings (suggestions when none).
func (f *Mail) Settings(accountID int64) (MailSettingsDTO, error) {
	svc, err := f.app.mail()
	if err != nil {
		return MailSettingsDTO{}, err
	}
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	v, err := svc.Settings(ctx, accountID)
	if err != nil {
		return MailSettingsDTO{}, err
	}
	return mailSettingsDTO(v), nil
}

// SaveSettings checks and saves an account's e-mail settings; the password
// goes to the keychain.
func (f *Mail) SaveSettings(accountID int64, in MailSettingsDTO) (MailSettingsDTO, error) {
	svc, err := f.app.mail()
	if err != nil {
		return MailSettingsDTO{}, err
	}
	ctx, cancel := f.app.callContext(accountSaveTimeout)
	defer cancel()
	v, err := svc.SaveSettings(ctx, accountID, in.input())
	if err != nil {
		return MailSettingsDTO{}, err
	}
	return mailSettingsDTO(v), nil
}

// Test connects to the server with the form as typed (the stored password
// when none is typed), logs in and quits; it answers one pt-BR sentence.
func (f *Mail) Test(accountID int64, in MailSettingsDTO) (string, error) {
	svc, err := f.app.mail()
	if err != nil {
		return "", err
	}
	ctx, cancel := f.app.callContext(mailCallTimeout)
	defer cancel()
	return svc.TestInput(ctx, accountID, in.input())
}

// Send queues one e-mail per boleto with its PDF ("" sends each to its
// payer's e-mail); they go out in the background and wait for the boleto
// to be issued.
func (f *Mail) Send(ids []int64, to string) ([]MailMessageDTO, error) {
	svc, err := f.app.mail()
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	list, err := svc.Queue(ctx, ids, to)
	if err != nil {
		return nil, err
	}
	return mailMessageDTOs(list), nil
}

// Messages lists the e-mails of a boleto.
func (f *Mail) Messages(boletoID int64) ([]MailMessageDTO, error) {
	svc, err := f.app.mail()
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	list, err := svc.Messages(ctx, boletoID)
	if err != nil {
		return nil, err
	}
	return mailMessageDTOs(list), nil
}

// Retry sends a failed e-mail again.
func (f *Mail) Retry(messageID int64) (MailMessageDTO, error) {
	return f.onMessage(messageID, (*mail.Service).Retry)
}

// Cancel gives up an e-mail not sent yet.
func (f *Mail) Cancel(messageID int64) (MailMessageDTO, error) {
	return f.onMessage(messageID, (*mail.Service).Cancel)
}

func (f *Mail) onMessage(id int64, act func(*mail.Service, context.Context, int64) (store.MailMessage, error)) (MailMessageDTO, error) {
	svc, err := f.app.mail()
	if err != nil {
		return MailMessageDTO{}, err
	}
	ctx, cancel := f.app.callContext(boletoCallTimeout)
	defer cancel()
	m, err := act(svc, ctx, id)
	if err != nil {
		return MailMessageDTO{}, err
	}
	return mailMessageDTOs([]store.MailMessage{m})[0], nil
}

func (in MailSettingsDTO) input() mail.SettingsInput {
	return mail.SettingsInput{Settings: mail.Settings{Host: in.Host, Port: in.Port, Security: store.MailSecurity(in.Security),
		Username: in.Username, FromName: in.FromName, FromAddress: in.FromAddress, ReplyTo: in.ReplyTo,
		Subject: in.Subject, Body: in.Body}, Password: in.Password}
}

func mailSettingsDTO(v mail.SettingsView) MailSettingsDTO {
	return MailSettingsDTO{Host: v.Host, Port: v.Port, Security: string(v.Security), Username: v.Username,
		FromName: v.FromName, FromAddress: v.FromAddress, ReplyTo: v.ReplyTo, Subject: v.Subject, Body: v.Body,
		Configured: v.Configured, HasPassword: v.HasPassword, Warnings: problemDTOs(v.Warnings),
		DefaultSubject: mail.DefaultSubject, DefaultBody: mail.DefaultBody}
}

func mailMessageDTOs(list []store.MailMessage) []MailMessageDTO {
	out := make([]MailMessageDTO, len(list))
	for i, m := range list {
		out[i] = MailMessageDTO{ID: m.ID, BoletoID: m.BoletoID, To: m.To, Subject: m.Subject, State: string(m.State),
			Attempts: m.Attempts, LastError: m.LastError, NextTry: timeText(m.NextAttemptAt), SentAt: timeText(m.SentAt),
			CreatedAt: timeText(m.CreatedAt)}
	}
	return out
}

// timeText is an instant as the frontend reads it: RFC 3339, "" when zero.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// UseMail hands the app the e-mail service: the screens use it, and Start
// and Shutdown run its sender. Call it before Start.
func (a *App) UseMail(s *mail.Service) {
	a.mu.Lock()
	a.mailer = s
	a.mu.Unlock()
	a.AddWorkers(s)
}

// wakeMail sends at once the e-mails that waited for a boleto to be issued
// (sent while it was a draft or at the bank), instead of at the mailer's
// next look at its queue.
func (a *App) wakeMail(payload any) {
	if ch, ok := payload.(issuing.BoletoChanged); !ok || ch.State != store.StateIssued {
		return
	}
	a.mu.RLock()
	m := a.mailer
	a.mu.RUnlock()
	if m != nil {
		m.SendNow()
	}
}

func (a *App) mail() (*mail.Service, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.mailer == nil {
		return nil, apperr.New(apperr.CodeUnavailable, "O envio de e-mails não está ativo nesta sessão.")
	}
	return a.mailer, nil
}
