package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"boletos/internal/boleto"
)

var (
	seedFirst = []string{"José", "Maria", "João", "Ana", "Antônio", "Francisca", "Carlos", "Conceição", "Padaria", "Construtora"}
	seedLast  = []string{"da Silva", "Souza", "Gonçalves", "Ômega LTDA", "Araújo", "Pereira", "São Jorge", "Lima", "Fernandes", "Brandão"}
)

// genBoletos builds n boletos spread over the accounts, states, a year of due
// dates and a few thousand payers, deterministically.
func genBoletos(n int, accounts []int64, now time.Time) []Boleto {
	r := rand.New(rand.NewPCG(2026, 77))
	states := States()
	base := boleto.Date{Year: 2026, Month: 1, Day: 1}
	out := make([]Boleto, n)
	for i := range out {
		st := states[r.IntN(len(states))]
		b := Boleto{
			AccountID: accounts[i%len(accounts)],
			Draft: boleto.Draft{
				SeuNumero: fmt.Sprintf("S%07d", i+1), // apart from the generator's B… numbers
				Amount:    boleto.Cents(250 + r.IntN(5_000_000)),
				DueDate:   base.AddDays(r.IntN(365)),
				Payer: boleto.Payer{
					Document: fmt.Sprintf("%011d", 10_000_000_000+r.IntN(3000)*7919),
					Name:     seedFirst[r.IntN(len(seedFirst))] + " " + seedLast[r.IntN(len(seedLast))] + fmt.Sprintf(" %d", r.IntN(300)),
					Address:  "Rua Um", City: "Curitiba", UF: "PR", CEP: "80000000",
				},
				Charges: boleto.Charges{AgendaDays: 30, Fine: &boleto.Fine{Code: boleto.FinePercent, Rate: 200}},
			},
			State:     st,
			Version:   1,
			CreatedAt: now,
			UpdatedAt: now,
		}
		if st != StateDraft && st != StateQueued && st != StateSending {
			b.NossoNumero = fmt.Sprintf("%011d", 90_000_000_000+i)
		}
		if st == StatePaid {
			b.PaidAmount = b.Amount
			b.PaidDate = b.DueDate.AddDays(r.IntN(10) - 5)
			b.PaidChannel = []PaidChannel{PaidByBoleto, PaidByPix}[r.IntN(2)]
		}
		out[i] = b
	}
	return out
}

// bulkInsert writes the boletos in one transaction with one prepared
// statement, setting their IDs.
func bulkInsert(tb testing.TB, s *Store, bs []Boleto) {
	tb.Helper()
	ctx := context.Background()
	err := s.write(ctx, "seed", func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, insertBoletoQuery)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range bs {
			args, err := boletoArgs(&bs[i])
			if err != nil {
				return err
			}
			res, err := stmt.ExecContext(ctx, args...)
			if err != nil {
				return err
			}
			if bs[i].ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("seed: %v", err)
	}
}
