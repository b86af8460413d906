package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func fullAccount() Account {
	return Account{
		Name:              "Matriz",
		AccountNumber:     "12345678-9",
		CheckingAccount:   "123456789",
		Environment:       EnvSimulator,
		SimulatorURL:      "https://127.0.0.1:8443",
		SimulatorCAPEM:    "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
		DirectIntegration: true,
		ClientID:          "client-id-123",
		Certificate: Certificate{
			PEM:      "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n",
			Subject:  "CN=Empresa LTDA",
			Issuer:   "CN=Banco Inter",
			Serial:   "01:02:03",
			NotAfter: time.Date(2027, 5, 1, 12, 0, 0, 0, time.UTC),
		},
		Beneficiary: boleto.Payer{
			Document: "11222333000181", Name: "Empresa Exemplo LTDA", Address: "Rua das Flores", Number: "100",
			Complement: "sala 2", District: "Centro", City: "São Paulo", UF: "SP", CEP: "01001000",
			Email: "financeiro@example.com.br", DDD: "11", Phone: "33334444",
		},
		Logo:     []byte{0x89, 'P', 'N', 'G', 0, 1, 2},
		LogoType: "image/png",
		Defaults: boleto.Charges{
			Interest:   &boleto.Interest{Code: boleto.InterestDailyAmount, Amount: 15},
			Fine:       &boleto.Fine{Code: boleto.FineFixed, Amount: 500},
			Discount:   &boleto.Discount{Code: boleto.DiscountPercent, Rate: 250, DaysBefore: 5},
			AgendaDays: 60,
			Messages:   [5]string{"Linha 1", "Linha 2", "Linha 3", "Linha 4", "Linha 5"},
		},
		DefaultDueDays:  30,
		OperationNumber: "1234567",
	}
}

func TestAccountLifecycle(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()

	in := fullAccount()
	a, err := s.CreateAccount(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.BankCode != "077" || a.Agency != "0001" {
		t.Errorf("created %+v: want ID, default bank 077 and agency 0001", a)
	}
	if !a.CreatedAt.Equal(stored(clock.Now())) || a.CreatedAt != a.UpdatedAt {
		t.Errorf("timestamps %v %v, want %v", a.CreatedAt, a.UpdatedAt, stored(clock.Now()))
	}
	got, err := s.GetAccount(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("GetAccount =\n%+v\nwant\n%+v", got, a)
	}
	if byName, err := s.GetAccountByName(ctx, "  mAtRiZ "); err != nil || byName.ID != a.ID {
		t.Errorf("GetAccountByName = %d, %v", byName.ID, err)
	}

	clock.Advance(time.Minute)
	got.Name = "Filial"
	got.Defaults = boleto.Charges{} // no charges at all
	got.Logo, got.LogoType = nil, ""
	got.Certificate = Certificate{}
	got.Environment = EnvProduction
	upd, err := s.UpdateAccount(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if upd.Name != "Filial" || upd.Defaults.Interest != nil || upd.Defaults.Fine != nil || upd.Defaults.Discount != nil ||
		upd.Logo != nil || !upd.Certificate.NotAfter.IsZero() || upd.Environment != EnvProduction {
		t.Errorf("updated = %+v", upd)
	}
	if !upd.CreatedAt.Equal(a.CreatedAt) || !upd.UpdatedAt.Equal(stored(clock.Now())) {
		t.Errorf("timestamps after update: %v %v", upd.CreatedAt, upd.UpdatedAt)
	}

	b := mustAccount(t, s, "Outra")
	list, err := s.ListAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID { // Filial, Outra
		t.Errorf("ListAccounts = %+v", list)
	}

	if err := s.DeleteAccount(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetAccount(ctx, b.ID)
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")
}

func TestAccountErrors(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Loja Centro")
	other := mustAccount(t, s, "Loja Norte")

	_, err := s.CreateAccount(ctx, Account{Name: "loja centro", Environment: EnvDemo})
	wantCode(t, err, apperr.CodeConflict, "Já existe uma conta com o nome “loja centro”")

	other.Name = "LOJA CENTRO"
	_, err = s.UpdateAccount(ctx, other)
	wantCode(t, err, apperr.CodeConflict, "Já existe uma conta com o nome")

	tests := []struct {
		name string
		acc  Account
		msg  string
	}{
		{"empty name", Account{Name: "  ", Environment: EnvDemo}, "Informe o nome da conta"},
		{"unknown environment", Account{Name: "A", Environment: "staging"}, "Ambiente da conta inválido"},
		{"bad operation number", Account{Name: "B", Environment: EnvDemo, OperationNumber: "12345"}, "7 números"},
		{"bad interest code", Account{Name: "C", Environment: EnvDemo, Defaults: boleto.Charges{Interest: &boleto.Interest{}}}, "tipo de juros"},
		{"agenda too long", Account{Name: "D", Environment: EnvDemo, Defaults: boleto.Charges{AgendaDays: 61}}, "0 a 60 dias"},
		{"negative fine", Account{Name: "E", Environment: EnvDemo, Defaults: boleto.Charges{Fine: &boleto.Fine{Code: boleto.FineFixed, Amount: -1}}}, "não podem ser negativos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateAccount(ctx, tt.acc)
			wantCode(t, err, apperr.CodeInvalid, tt.msg)
		})
	}

	_, err = s.GetAccount(ctx, 999)
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("not-found error %v does not wrap ErrNotFound", err)
	}
	_, err = s.GetAccountByName(ctx, "Nenhuma")
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")
	_, err = s.UpdateAccount(ctx, Account{ID: 999, Name: "X", Environment: EnvDemo})
	wantCode(t, err, apperr.CodeNotFound, "Conta não encontrada")
	wantCode(t, s.DeleteAccount(ctx, 999), apperr.CodeNotFound, "Conta não encontrada")

	// An account with boletos cannot go, even when they are only drafts.
	mustDraft(t, s, sampleDraft(a.ID))
	mustDraft(t, s, sampleDraft(a.ID))
	wantCode(t, s.DeleteAccount(ctx, a.ID), apperr.CodeConflict, "Não é possível excluir a conta “Loja Centro”", "2 boletos")
	if _, err := s.GetAccount(ctx, a.ID); err != nil {
		t.Errorf("account gone after refused delete: %v", err)
	}
}

func TestDeleteAccountRemovesReservationsAndCursor(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	a := mustAccount(t, s, "Temporária")
	b := mustDraft(t, s, sampleDraft(a.ID))
	if err := s.DeleteDraft(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSyncCursor(ctx, SyncCursor{AccountID: a.ID, LastError: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAccount(ctx, a.ID); err != nil {
		t.Fatalf("delete account whose only draft was deleted: %v", err)
	}
	for _, table := range []string{"seu_numeros", "seu_numero_sequences", "sync_cursors"} {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM "+table+" WHERE account_id = ?", a.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s still has %d rows (%v)", table, n, err)
		}
	}
}
