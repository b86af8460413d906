package boleto

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2026-08-15", want: Date{2026, time.August, 15}},
		{in: "2024-02-29", want: Date{2024, time.February, 29}},
		{in: "2000-07-03", want: Date{2000, time.July, 3}},
		{in: "2023-02-29", wantErr: true},
		{in: "2026-04-31", wantErr: true},
		{in: "2026-13-01", wantErr: true},
		{in: "2026-00-10", wantErr: true},
		{in: "0000-01-01", wantErr: true},
		{in: "2026-8-15", wantErr: true},
		{in: "15/08/2026", wantErr: true},
		{in: "2026-08-15T00:00:00Z", wantErr: true},
		{in: "2026-08-1x", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDate(tt.in)
			if tt.wantErr {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "data" {
					t.Fatalf("ParseDate(%q) = %v, %v; want a *FieldError on \"data\"", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestDateFormatting(t *testing.T) {
	t.Parallel()
	d := Date{2026, time.August, 5}
	if got := d.String(); got != "2026-08-05" {
		t.Errorf("String() = %q", got)
	}
	if got := d.BR(); got != "05/08/2026" {
		t.Errorf("BR() = %q", got)
	}
	var z Date
	if !z.IsZero() || z.String() != "" || z.BR() != "" {
		t.Errorf("zero Date: IsZero=%v String=%q BR=%q", z.IsZero(), z.String(), z.BR())
	}
	if d.IsZero() {
		t.Error("non-zero date reported as zero")
	}
}

func TestDateArithmetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from Date
		n    int
		want Date
	}{
		{"month end", Date{2026, time.January, 31}, 1, Date{2026, time.February, 1}},
		{"leap day", Date{2024, time.February, 28}, 1, Date{2024, time.February, 29}},
		{"non-leap", Date{2025, time.February, 28}, 1, Date{2025, time.March, 1}},
		{"year end backwards", Date{2026, time.January, 1}, -1, Date{2025, time.December, 31}},
		{"fator epoch to 1000", Date{1997, time.October, 7}, 1000, Date{2000, time.July, 3}},
		{"fator epoch to 10000", Date{1997, time.October, 7}, 10000, Date{2025, time.February, 22}},
		{"zero", Date{2026, time.March, 10}, 0, Date{2026, time.March, 10}},
		{"before 1970", Date{1969, time.December, 31}, 2, Date{1970, time.January, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.from.AddDays(tt.n)
			if got != tt.want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
			if back := got.Sub(tt.from); back != tt.n {
				t.Errorf("%v.Sub(%v) = %d, want %d", got, tt.from, back, tt.n)
			}
		})
	}
}

func TestDateComparison(t *testing.T) {
	t.Parallel()
	a := Date{2026, time.August, 15}
	b := Date{2026, time.August, 16}
	c := Date{2027, time.January, 1}
	if !a.Before(b) || a.After(b) || !b.After(a) || b.Before(a) {
		t.Error("Before/After wrong for consecutive days")
	}
	if !b.Before(c) || !c.After(a) {
		t.Error("Before/After wrong across months/years")
	}
	if a.Before(a) || a.After(a) || !a.Equal(Date{2026, time.August, 15}) || a.Equal(b) {
		t.Error("Equal wrong")
	}
}

func TestDateWeekday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{Date{2026, time.August, 15}, time.Saturday},
		{Date{2026, time.August, 16}, time.Sunday},
		{Date{2026, time.August, 17}, time.Monday},
		{Date{1997, time.October, 7}, time.Tuesday},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			t.Parallel()
			if got := tt.d.Weekday(); got != tt.want {
				t.Errorf("Weekday() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDateValid(t *testing.T) {
	t.Parallel()
	valid := []Date{{2024, time.February, 29}, {1, time.January, 1}, {9999, time.December, 31}}
	invalid := []Date{{}, {2023, time.February, 29}, {2026, time.June, 31}, {2026, 0, 1}, {2026, 13, 1}, {2026, time.May, 0}, {10000, time.January, 1}}
	for _, d := range valid {
		if !d.Valid() {
			t.Errorf("%+v should be valid", d)
		}
	}
	for _, d := range invalid {
		if d.Valid() {
			t.Errorf("%+v should be invalid", d)
		}
	}
}

func TestDateOfUsesOwnLocation(t *testing.T) {
	t.Parallel()
	// 02:30 UTC on the 16th is still the 15th in São Paulo (UTC−3).
	instant := time.Date(2026, time.August, 16, 2, 30, 0, 0, time.UTC)
	if got := DateOf(instant); got != (Date{2026, time.August, 16}) {
		t.Errorf("DateOf(UTC) = %v", got)
	}
	if got := DateOf(instant.In(SaoPaulo)); got != (Date{2026, time.August, 15}) {
		t.Errorf("DateOf(São Paulo) = %v", got)
	}
	if got := Today(instant); got != (Date{2026, time.August, 15}) {
		t.Errorf("Today = %v, want 2026-08-15", got)
	}
	if got := Today(time.Date(2026, time.August, 16, 3, 0, 0, 0, time.UTC)); got != (Date{2026, time.August, 16}) {
		t.Errorf("Today at 00:00 São Paulo = %v, want 2026-08-16", got)
	}
}

func TestSaoPauloLocation(t *testing.T) {
	t.Parallel()
	if SaoPaulo.String() != "America/Sao_Paulo" {
		t.Fatalf("SaoPaulo = %q; the embedded zone database was not used", SaoPaulo)
	}
	_, off := time.Date(2026, time.January, 15, 12, 0, 0, 0, SaoPaulo).Zone()
	if off != -3*3600 {
		t.Errorf("offset in January 2026 = %d, want -10800 (no DST since 2019)", off)
	}
}

func TestDateTime(t *testing.T) {
	t.Parallel()
	got := Date{2026, time.August, 15}.Time(SaoPaulo)
	want := time.Date(2026, time.August, 15, 3, 0, 0, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("Time(SaoPaulo) = %v, want %v", got, want)
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	type wrapper struct {
		D Date  `json:"d"`
		P *Date `json:"p"`
	}
	in := wrapper{D: Date{2026, time.August, 15}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2026-08-15","p":null}` {
		t.Fatalf("Marshal = %s", b)
	}
	var out wrapper
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("round trip = %+v, %v", out, err)
	}
	zb, err := json.Marshal(wrapper{})
	if err != nil || string(zb) != `{"d":null,"p":null}` {
		t.Fatalf("zero Marshal = %s, %v", zb, err)
	}
	out = wrapper{D: Date{2020, 1, 1}}
	if err := json.Unmarshal([]byte(`{"d":null}`), &out); err != nil || !out.D.IsZero() {
		t.Errorf("null → %+v, %v", out.D, err)
	}
	if err := json.Unmarshal([]byte(`{"d":""}`), &out); err != nil || !out.D.IsZero() {
		t.Errorf(`"" → %+v, %v`, out.D, err)
	}
	for _, bad := range []string{`{"d":"2026-02-30"}`, `{"d":20260815}`, `{"d":"15/08/2026"}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("Unmarshal(%s) succeeded with %v", bad, out.D)
		}
	}
	if _, err := json.Marshal(Date{2026, time.February, 30}); err == nil {
		t.Error("Marshal of an invalid date succeeded")
	}
}
