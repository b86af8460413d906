package notify

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"boletos/internal/accounts"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

// What each notification says (pt-BR), and the summary of a batch.

// Titles of the single notifications.
const (
	TitlePaid        = "Boleto pago"
	TitleIssueFailed = "Falha na emissão"
	TitleCertExpired = "Certificado vencido"
	TitleSyncFailing = "A consulta ao banco está falhando"
)

// paidEntry: "Maria da Silva pagou R$ 159,90 por Pix — boleto B000001, vencimento 15/04/2026."
func paidEntry(b store.Boleto) entry {
	amount := b.PaidAmount
	if amount <= 0 {
		amount = b.Amount
	}
	var how string
	switch b.PaidChannel {
	case store.PaidByPix:
		how = " por Pix"
	case store.PaidByBoleto:
		how = " pelo código de barras"
	}
	body := fmt.Sprintf("%s pagou %s%s — boleto %s, vencimento %s.", payerName(b), amount.BRL(), how, b.SeuNumero, b.DueDate.BR())
	if b.PaidChannel == "" {
		body = fmt.Sprintf("O boleto %s de %s (%s, vencimento %s) foi marcado como recebido no banco.",
			b.SeuNumero, payerName(b), amount.BRL(), b.DueDate.BR())
	}
	return entry{
		n: store.Notification{AccountID: b.AccountID, BoletoID: b.ID, Kind: store.NotificationPaid, Title: TitlePaid,
			Body: body, DedupeKey: "paid:" + strconv.FormatInt(b.ID, 10)},
		amount: amount,
		payer:  payerName(b),
	}
}

// failedEntry: "O boleto B000123 de Maria (R$ 159,90) não foi emitido: <reason>". The
// boleto's version names this failure: issued again and failing again is
// another event.
func failedEntry(b store.Boleto) entry {
	why := strings.TrimSpace(b.FailureReason)
	body := fmt.Sprintf("O boleto %s de %s (%s) não foi emitido", b.SeuNumero, payerName(b), b.Amount.BRL())
	if why != "" {
		body += ": " + strings.TrimSuffix(why, ".") + "."
	} else {
		body += ". Abra o boleto para ver o motivo."
	}
	return entry{n: store.Notification{AccountID: b.AccountID, BoletoID: b.ID, Kind: store.NotificationIssueFailed,
		Title: TitleIssueFailed, Body: body, DedupeKey: fmt.Sprintf("failed:%d:%d", b.ID, b.Version)}}
}

// certificateEntry is the notification due today for the certificate of
// a, if any: the smallest threshold of CertificateThresholds the days left
// have reached, or the expiry itself. Each (certificate, threshold) is
// notified once; a new certificate starts over.
func certificateEntry(a store.Account, c accounts.CertSummary) (entry, bool) {
	var stage, title string
	kind := store.NotificationCertificateExpiring
	switch c.Status {
	case accounts.CertExpired:
		stage, title, kind = "expired", TitleCertExpired, store.NotificationCertificateExpired
	case accounts.CertNotYetValid:
		return entry{}, false
	default:
		for _, t := range CertificateThresholds {
			if c.DaysLeft <= t {
				stage = strconv.Itoa(t)
			}
		}
		if stage == "" {
			return entry{}, false
		}
		title = "Certificado vence em " + daysText(c.DaysLeft)
	}
	msg := c.Message
	if msg == "" {
		msg = "O certificado da integração vence em " + c.NotAfter.In(boleto.SaoPaulo).Format("02/01/2006") + ". " + accounts.RenewalPath
	}
	return entry{n: store.Notification{AccountID: a.ID, Kind: kind, Title: title,
		Body:      fmt.Sprintf("Conta “%s”: %s", a.Name, msg),
		DedupeKey: fmt.Sprintf("cert:%d:%d:%s", a.ID, c.NotAfter.Unix(), stage)}}, true
}

// syncFailingEntry is told once per streak of failed retorno cycles; the
// streak's first failure names it.
func syncFailingEntry(a store.Account, failures int, since time.Time, lastErr string) entry {
	body := fmt.Sprintf("Conta “%s”: as últimas %d consultas de pagamentos ao banco falharam, desde %s. "+
		"Os pagamentos só aparecem depois que a consulta voltar a funcionar. Último erro: %s",
		a.Name, failures, since.In(boleto.SaoPaulo).Format("02/01/2006 15:04"), strings.TrimSpace(lastErr))
	return entry{n: store.Notification{AccountID: a.ID, Kind: store.NotificationSyncFailing, Title: TitleSyncFailing,
		Body: body, DedupeKey: fmt.Sprintf("sync:%d:%d", a.ID, since.UnixNano())}}
}

func payerName(b store.Boleto) string {
	if n := strings.TrimSpace(b.Payer.Name); n != "" {
		return n
	}
	return "o pagador"
}

func daysText(n int) string {
	switch {
	case n <= 0:
		return "menos de 1 dia"
	case n == 1:
		return "1 dia"
	}
	return fmt.Sprintf("%d dias", n)
}

// Route is the screen of a notification: its boleto, else its account.
func Route(n store.Notification) string {
	switch {
	case n.BoletoID != 0:
		return "/boletos/" + strconv.FormatInt(n.BoletoID, 10)
	case n.AccountID != 0:
		return "/contas/" + strconv.FormatInt(n.AccountID, 10)
	}
	return ""
}

// summarize makes one notification out of a batch: the notification itself
// when alone; "3 boletos pagos — R$ 450,00" when all are payments; a count
// by kind otherwise.
func summarize(entries []entry) Batch {
	b := Batch{Items: make([]store.Notification, len(entries))}
	for i, e := range entries {
		b.Items[i] = e.n
	}
	if len(entries) == 1 {
		n := entries[0].n
		b.Title, b.Body, b.Route = n.Title, n.Body, Route(n)
		return b
	}
	var (
		paid, failed, cert, sync int
		total                    boleto.Cents
		payers                   []string
	)
	for _, e := range entries {
		switch e.n.Kind {
		case store.NotificationPaid:
			paid++
			total += e.amount
			if e.payer != "" && !slices.Contains(payers, e.payer) {
				payers = append(payers, e.payer)
			}
		case store.NotificationIssueFailed:
			failed++
		case store.NotificationCertificateExpiring, store.NotificationCertificateExpired:
			cert++
		case store.NotificationSyncFailing:
			sync++
		}
	}
	switch len(entries) {
	case paid:
		b.Title = fmt.Sprintf("%d boletos pagos — %s", paid, total.BRL())
		b.Body = "Pagos por " + listNames(payers, 3) + "."
		b.Route = "/boletos?situacao=paid&ordem=paid"
		return b
	case failed:
		b.Title = fmt.Sprintf("%d boletos com falha na emissão", failed)
		b.Body = "Abra as notificações para ver o motivo de cada um."
		return b
	}
	b.Title = fmt.Sprintf("%d novas notificações", len(entries))
	var parts []string
	if paid > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(paid, "boleto pago", "boletos pagos"), total.BRL()))
	}
	if failed > 0 {
		parts = append(parts, plural(failed, "falha na emissão", "falhas na emissão"))
	}
	if cert > 0 {
		parts = append(parts, plural(cert, "aviso de certificado", "avisos de certificado"))
	}
	if sync > 0 {
		parts = append(parts, plural(sync, "aviso de consulta ao banco", "avisos de consulta ao banco"))
	}
	b.Body = capitalize(listNames(parts, len(parts))) + "."
	return b
}

// listNames joins names in pt-BR: "A", "A e B", "A, B e C", "A, B, C e mais 2".
func listNames(names []string, show int) string {
	switch {
	case len(names) == 0:
		return "vários pagadores"
	case len(names) > show:
		return strings.Join(names[:show], ", ") + fmt.Sprintf(" e mais %d", len(names)-show)
	case len(names) == 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " e " + names[len(names)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
