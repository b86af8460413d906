package backup

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"boletos/internal/boleto"
	"boletos/internal/store"
)

// sp is a São Paulo wall-clock instant.
func sp(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, boleto.SaoPaulo)
}

// openStore opens (creating) the database of dataDir.
func openStore(t testing.TB, dataDir string) *store.Store {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dataDir, DatabaseName), store.Options{})
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	return db
}

func draftInput(accountID int64) store.DraftInput {
	return store.DraftInput{AccountID: accountID, Draft: boleto.Draft{
		Amount:  12345,
		DueDate: boleto.Date{Year: 2026, Month: time.December, Day: 15},
		Payer: boleto.Payer{Document: "52998224725", Name: "José da Silva", Address: "Avenida Brasil", Number: "1200",
			District: "Centro", City: "Belo Horizonte", UF: "MG", CEP: "30110000"},
		Charges: boleto.Charges{AgendaDays: 30},
	}}
}

func mustDraft(t testing.TB, db *store.Store, accountID int64) store.Boleto {
	t.Helper()
	b, err := db.CreateDraft(context.Background(), draftInput(accountID))
	if err != nil {
		t.Fatalf("CreateDraft: %v", err)
	}
	return b
}

func mustAccount(t testing.TB, db *store.Store, a store.Account) store.Account {
	t.Helper()
	a, err := db.CreateAccount(context.Background(), a)
	if err != nil {
		t.Fatalf("CreateAccount: %v", err)
	}
	return a
}

// countBoletos counts the boletos in the database of dataDir through a
// fresh store.
func countBoletos(t testing.TB, dataDir string) int {
	t.Helper()
	db := openStore(t, dataDir)
	defer db.Close()
	page, err := db.ListBoletos(context.Background(), store.BoletoFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// queryFile runs one integer query on a database file, read-only (test
// code may look at the tables directly).
func queryFile(t testing.TB, path, query string) int {
	t.Helper()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite3", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s on %s: %v", query, path, err)
	}
	return n
}
