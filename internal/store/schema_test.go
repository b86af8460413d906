package store

import (
	"context"
	"strings"
	"testing"
)

// TestSchemaHoldsNoSecrets scans every column of every table: secrets live in
// the OS keychain, so no column may even be named like one. access_key is
// the NF-e "chave de acesso", a public number.
func TestSchemaHoldsNoSecrets(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	cols := schemaColumns(t, s)
	if len(cols) < 50 {
		t.Fatalf("only %d columns found; is the scan broken?", len(cols))
	}
	for _, c := range cols {
		if c.table+"."+c.name == "documents.access_key" {
			continue
		}
		for _, bad := range []string{"secret", "private", "password", "token", "key"} {
			if strings.Contains(strings.ToLower(c.name), bad) {
				t.Errorf("column %s.%s looks like it holds a secret (%q)", c.table, c.name, bad)
			}
		}
	}
}

// TestSchemaMoneyIsInteger: every money column holds centavos as INTEGER.
func TestSchemaMoneyIsInteger(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	n := 0
	for _, c := range schemaColumns(t, s) {
		if strings.HasSuffix(c.name, "_cents") || strings.HasSuffix(c.name, "_bp") {
			n++
			if c.typ != "INTEGER" {
				t.Errorf("%s.%s has type %s, want INTEGER", c.table, c.name, c.typ)
			}
		}
		if c.typ == "REAL" || c.typ == "NUMERIC" || c.typ == "FLOAT" || c.typ == "DOUBLE" {
			t.Errorf("%s.%s has floating type %s", c.table, c.name, c.typ)
		}
	}
	if n < 10 {
		t.Errorf("only %d money/rate columns found", n)
	}
}

type column struct{ table, name, typ string }

func schemaColumns(t *testing.T, s *Store) []column {
	t.Helper()
	ctx := context.Background()
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var out []column
	for _, table := range tables {
		rows, err := s.db.QueryContext(ctx, "SELECT name, type FROM pragma_table_info(?)", table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			c := column{table: table}
			if err := rows.Scan(&c.name, &c.typ); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		rows.Close()
	}
	return out
}
