package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"

	"boletos/internal/boleto"
)

// timeLayout is how instants are stored: UTC, fixed width, so that text order
// is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// timeText formats an instant for storage.
func timeText(t time.Time) string { return t.UTC().Format(timeLayout) }

// timeArg is timeText, or NULL for the zero time.
func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timeText(t)
}

// parseTime reads an instant written by timeText.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// parseNullTime reads a nullable instant; NULL is the zero time.
func parseNullTime(ns sql.NullString) (time.Time, error) {
	if !ns.Valid || ns.String == "" {
		return time.Time{}, nil
	}
	return parseTime(ns.String)
}

// dateArg is the date as 'YYYY-MM-DD', or NULL for the zero date.
func dateArg(d boleto.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// parseNullDate reads a nullable civil date; NULL is the zero date.
func parseNullDate(ns sql.NullString) (boleto.Date, error) {
	if !ns.Valid || ns.String == "" {
		return boleto.Date{}, nil
	}
	d, err := boleto.ParseDate(ns.String)
	if err != nil {
		return boleto.Date{}, fmt.Errorf("stored date %q: %w", ns.String, err)
	}
	return d, nil
}

// textArg is s, or NULL when s is empty: for columns where empty means absent
// and a UNIQUE constraint must not collide on it.
func textArg(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// idArg is id, or NULL when id is 0 (no reference).
func idArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// intArg is n, or NULL when n is 0.
func intArg(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// boolInt stores a bool as 0/1.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// chargesColumns are the columns of a boleto.Charges, shared by accounts (the
// defaults) and boletos (the snapshot), in the order of chargesArgs and
// chargesScan.
var chargesColumns = []string{
	"interest_code", "interest_rate_bp", "interest_amount_cents",
	"fine_code", "fine_rate_bp", "fine_amount_cents",
	"discount_code", "discount_rate_bp", "discount_amount_cents", "discount_days_before",
	"agenda_days", "message1", "message2", "message3", "message4", "message5",
}

// chargesArgs returns the values of chargesColumns. An absent part is a NULL
// code and zeros.
func chargesArgs(c boleto.Charges) []any {
	var (
		inCode, fineCode, discCode                         any
		inRate, fineRate, discRate, inAmt, fineAmt, discAm int64
		discDays                                           int
	)
	if in := c.Interest; in != nil {
		inCode, inRate, inAmt = string(in.Code), int64(in.Rate), int64(in.Amount)
	}
	if f := c.Fine; f != nil {
		fineCode, fineRate, fineAmt = string(f.Code), int64(f.Rate), int64(f.Amount)
	}
	if d := c.Discount; d != nil {
		discCode, discRate, discAm, discDays = string(d.Code), int64(d.Rate), int64(d.Amount), d.DaysBefore
	}
	return []any{
		inCode, inRate, inAmt,
		fineCode, fineRate, fineAmt,
		discCode, discRate, discAm, discDays,
		c.AgendaDays, c.Messages[0], c.Messages[1], c.Messages[2], c.Messages[3], c.Messages[4],
	}
}

// chargesScan holds the scan targets of chargesColumns.
type chargesScan struct {
	inCode, fineCode, discCode                         sql.NullString
	inRate, fineRate, discRate, inAmt, fineAmt, discAm int64
	discDays, agenda                                   int
	msgs                                               [5]string
}

func (cs *chargesScan) dest() []any {
	return []any{
		&cs.inCode, &cs.inRate, &cs.inAmt,
		&cs.fineCode, &cs.fineRate, &cs.fineAmt,
		&cs.discCode, &cs.discRate, &cs.discAm, &cs.discDays,
		&cs.agenda, &cs.msgs[0], &cs.msgs[1], &cs.msgs[2], &cs.msgs[3], &cs.msgs[4],
	}
}

func (cs *chargesScan) charges() boleto.Charges {
	c := boleto.Charges{AgendaDays: cs.agenda, Messages: cs.msgs}
	if cs.inCode.Valid {
		c.Interest = &boleto.Interest{Code: boleto.InterestCode(cs.inCode.String), Rate: boleto.Percent(cs.inRate), Amount: boleto.Cents(cs.inAmt)}
	}
	if cs.fineCode.Valid {
		c.Fine = &boleto.Fine{Code: boleto.FineCode(cs.fineCode.String), Rate: boleto.Percent(cs.fineRate), Amount: boleto.Cents(cs.fineAmt)}
	}
	if cs.discCode.Valid {
		c.Discount = &boleto.Discount{Code: boleto.DiscountCode(cs.discCode.String), Rate: boleto.Percent(cs.discRate), Amount: boleto.Cents(cs.discAm), DaysBefore: cs.discDays}
	}
	return c
}

// personColumns lists the columns of a boleto.Payer stored with a prefix
// ("payer_", "beneficiary_", or "" for the payers table), in the order of
// personArgs and personDest.
func personColumns(prefix string) []string {
	names := []string{"document", "name", "address", "number", "complement", "district", "city", "uf", "cep", "email", "ddd", "phone"}
	for i, n := range names {
		names[i] = prefix + n
	}
	return names
}

func personArgs(p boleto.Payer) []any {
	return []any{p.Document, p.Name, p.Address, p.Number, p.Complement, p.District, p.City, p.UF, p.CEP, p.Email, p.DDD, p.Phone}
}

func personDest(p *boleto.Payer) []any {
	return []any{&p.Document, &p.Name, &p.Address, &p.Number, &p.Complement, &p.District, &p.City, &p.UF, &p.CEP, &p.Email, &p.DDD, &p.Phone}
}

// fold prepares text for accent- and case-insensitive search: lower case,
// Portuguese (Latin-1) accents removed, runs of white space collapsed.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if m, ok := accents[r]; ok {
			r = m
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accents = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ª': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'º': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n', 'ý': 'y', 'ÿ': 'y',
}

// searchSep separates the fields of a search_text column, so that a term
// never matches across two fields.
const searchSep = "\x1f"

// searchTerms splits a user query into folded terms, all of which must occur
// in a row's search_text. A term made of digits and mask characters (".",
// "/", "-") loses the mask, so "123.456.789-09" finds the stored document.
func searchTerms(q string) []string {
	var terms []string
	for _, w := range strings.Fields(fold(q)) {
		if strings.ContainsAny(w, "0123456789") && strings.Trim(w, "0123456789abcdefghijklmnopqrstuvwxyz./-") == "" {
			w = strings.NewReplacer(".", "", "/", "", "-", "").Replace(w)
		}
		if w != "" {
			terms = append(terms, w)
		}
	}
	return terms
}

// termsWhere returns "instr(col, ?) > 0 AND …" for the terms, with args.
func termsWhere(col string, terms []string) (string, []any) {
	conds := make([]string, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		conds[i] = "instr(" + col + ", ?) > 0"
		args[i] = t
	}
	return strings.Join(conds, " AND "), args
}

// columnList joins column names for a SELECT or INSERT.
func columnList(cols []string) string { return strings.Join(cols, ", ") }

// setList returns "a = ?, b = ?, …" for an UPDATE.
func setList(cols []string) string {
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = c + " = ?"
	}
	return strings.Join(sets, ", ")
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
