package app

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"boletos/internal/boleto"
)

func TestPainelReportsAndTheBank(t *testing.T) {
	t.Parallel()
	env := newBoletosApp(t)
	var ids []int64
	for i := range 3 {
		in := validForm(t, env)
		in.AmountCents = int64(10_000 * (i + 1))
		d, err := env.app.Boletos.IssueNow(in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.Row.ID)
	}
	for _, id := range ids {
		waitState(t, env, id, "issued")
	}
	today := boleto.Today(time.Now())
	d, err := env.app.Reports.Dashboard(DashboardQueryDTO{AccountID: env.accountID, From: today.AddDays(-30).String(), To: today.String(), Series: "week"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ToReceive.Count != 3 || d.ToReceive.Cents != 60_000 || d.Received.Count != 0 || len(d.NextDue) != 3 || d.Today != today.String() {
		t.Errorf("dashboard %+v", d)
	}
	if _, err := env.app.Reports.Dashboard(DashboardQueryDTO{From: "ontem"}); !strings.Contains(strings.Join(fieldsOf(err), ","), "from") {
		t.Errorf("bad period: %v", err)
	}

	r, err := env.app.Reports.Report("aging", ReportFilterDTO{AccountID: env.accountID})
	if err != nil {
		t.Fatal(err)
	}
	list := r.Tables[len(r.Tables)-1]
	if r.Title == "" || len(r.Tables) == 0 {
		t.Fatalf("aging report %+v", r)
	}
	found := false
	for _, tb := range r.Tables {
		if len(tb.Rows) == 3 {
			found = true
			list = tb
		}
	}
	if !found || !strings.Contains(strings.Join(list.Totals, " "), "R$ 600,00") {
		t.Errorf("aging tables %+v", r.Tables)
	}
	for _, format := range []string{"csv", "xlsx", "pdf"} {
		f, err := env.app.Reports.Export("aging", ReportFilterDTO{AccountID: env.accountID}, format)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := base64.StdEncoding.DecodeString(f.Base64)
		if !strings.HasSuffix(f.FileName, "."+format) || len(data) == 0 {
			t.Errorf("%s export: %q, %d bytes", format, f.FileName, len(data))
		}
		if format == "pdf" && !bytes.HasPrefix(data, []byte("%PDF")) {
			t.Errorf("PDF export starts %q", data[:8])
		}
	}
	if _, err := env.app.Reports.Report("tudo", ReportFilterDTO{}); err == nil {
		t.Error("unknown report accepted")
	}

	diffs, err := env.app.Reports.CompareWithBank(ReportFilterDTO{AccountID: env.accountID, DateField: "due",
		From: today.String(), To: today.AddDays(60).String()})
	if err != nil || len(diffs) != 0 {
		t.Errorf("CompareWithBank = %q %v, want no differences", diffs, err)
	}
}
