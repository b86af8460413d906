package boleto

import (
	"encoding/json"
	"fmt"
	"time"
	_ "time/tzdata" // America/Sao_Paulo must resolve on Windows too.
)

// SaoPaulo is the America/Sao_Paulo location, used for the bank's cut-off
// times. If the zone database cannot be read at all it falls back to a fixed
// UTC−3 zone (Brazil has had no daylight saving time since 2019).
var SaoPaulo = loadSaoPaulo()

func loadSaoPaulo() *time.Location {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		return time.FixedZone("-03", -3*60*60)
	}
	return loc
}

// Date is a civil date (no time of day, no time zone). The zero value means
// "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date in the ISO form YYYY-MM-DD (the bank's format).
func ParseDate(s string) (Date, error) {
	bad := fieldErr("data", fmt.Sprintf("Data inválida: %q. Use o formato AAAA-MM-DD, por exemplo 2026-08-15.", s))
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, bad
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, bad
	}
	dt := Date{Year: y, Month: time.Month(m), Day: d}
	if !dt.Valid() {
		return Date{}, fieldErr("data", fmt.Sprintf("A data %q não existe no calendário. Confira o dia e o mês.", s))
	}
	return dt, nil
}

// atoiDigits converts a short string made only of ASCII digits.
func atoiDigits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Today returns the current civil date in São Paulo for the instant now.
func Today(now time.Time) Date { return DateOf(now.In(SaoPaulo)) }

// Valid reports whether d is a real calendar date between years 1 and 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(d.utc()) == d
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// utc is midnight UTC of d (normalised by the time package when d is invalid).
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// BR returns d as DD/MM/YYYY, the Brazilian display form, or "" for the zero Date.
func (d Date) BR() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Sub returns the number of calendar days from other to d (d − other).
func (d Date) Sub(other Date) int { return int(d.days() - other.days()) }

// days is the number of days since 1970-01-01 (exact: midnight UTC is always a
// multiple of 86400 seconds).
func (d Date) days() int64 { return d.utc().Unix() / 86400 }

// Before reports whether d is earlier than other.
func (d Date) Before(other Date) bool { return d.compare(other) < 0 }

// After reports whether d is later than other.
func (d Date) After(other Date) bool { return d.compare(other) > 0 }

// Equal reports whether d and other are the same date.
func (d Date) Equal(other Date) bool { return d == other }

func (d Date) compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if !d.Valid() {
		return nil, fieldErr("data", fmt.Sprintf("Data inválida: %04d-%02d-%02d.", d.Year, int(d.Month), d.Day))
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD"; null and "" give the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fieldErr("data", "Data inválida: esperava um texto no formato AAAA-MM-DD.")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
