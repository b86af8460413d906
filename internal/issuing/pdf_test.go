package issuing_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/issuing"
	"boletos/internal/store"
)

// "Baixar PDF do banco": refused before registration, fetched once from the
// bank (a real PDF), then served from the cache folder.
func TestBankPDF(t *testing.T) {
	t.Parallel()
	cache := t.TempDir()
	e := newEnv(t, envOptions{svc: func(c *issuing.Config) { c.PDFCacheDir = cache }})
	ctx := context.Background()
	b := e.draft(t, 5000, e.due(5))
	if _, err := e.svc.BankPDF(ctx, b.ID); err == nil {
		t.Fatal("a draft has a bank PDF")
	} else if code, _ := apperr.Describe(err); code != apperr.CodeInvalid {
		t.Errorf("draft: code %q", code)
	}

	e.start(t)
	if _, err := e.svc.Queue(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	got := e.waitState(t, b.ID, 10*time.Second, store.StateIssued)
	pdf, err := e.svc.BankPDF(ctx, b.ID)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("BankPDF = %.20q, %v", pdf, err)
	}
	const path = "GET /cobranca/v3/cobrancas/{codigoSolicitacao}/pdf"
	calls := e.sim.Stats().Requests[path]
	cached := filepath.Join(cache, strconv.FormatInt(e.acct.ID, 10), got.CodigoSolicitacao+".pdf")
	if onDisk, err := os.ReadFile(cached); err != nil || !bytes.Equal(onDisk, pdf) {
		t.Errorf("cache file %s: %v", cached, err)
	}
	again, err := e.svc.BankPDF(ctx, b.ID)
	if err != nil || !bytes.Equal(again, pdf) {
		t.Fatalf("second BankPDF: %v", err)
	}
	if n := e.sim.Stats().Requests[path]; n != calls || calls != 1 {
		t.Errorf("bank PDF calls: %d then %d, want 1 and no more", calls, n)
	}
}
