package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
)

func TestPayerLifecycle(t *testing.T) {
	t.Parallel()
	s, clock := newStore(t)
	ctx := context.Background()

	p, err := s.CreatePayer(ctx, Payer{Payer: samplePayer()})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || p.Document != "52998224725" {
		t.Errorf("created %+v: want an ID and the document without mask", p)
	}
	got, err := s.GetPayer(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != p {
		t.Errorf("GetPayer = %+v, want %+v", got, p)
	}
	byDoc, err := s.GetPayerByDocument(ctx, "529.982.247-25")
	if err != nil || byDoc.ID != p.ID {
		t.Errorf("GetPayerByDocument = %+v, %v", byDoc, err)
	}

	clock.Advance(time.Hour)
	got.Name = "José da Silva Júnior"
	got.Email = ""
	upd, err := s.UpdatePayer(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if upd.Name != got.Name || upd.Email != "" || !upd.UpdatedAt.Equal(stored(clock.Now())) || !upd.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("updated = %+v", upd)
	}

	// A boleto keeps its copy of the payer when the payer is deleted.
	a := mustAccount(t, s, "Conta")
	in := sampleDraft(a.ID)
	in.PayerID = p.ID
	b := mustDraft(t, s, in)
	if err := s.DeletePayer(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetPayer(ctx, p.ID)
	wantCode(t, err, apperr.CodeNotFound, "Pagador não encontrado")
	b2, err := s.GetBoleto(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b2.PayerID != 0 || b2.Payer.Name != "José da Silva" {
		t.Errorf("boleto after payer deletion: payer id %d, name %q", b2.PayerID, b2.Payer.Name)
	}
}

func TestPayerErrors(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	if _, err := s.CreatePayer(ctx, Payer{Payer: samplePayer()}); err != nil {
		t.Fatal(err)
	}
	dup := samplePayer()
	dup.Document = "52998224725" // same CPF without mask
	_, err := s.CreatePayer(ctx, Payer{Payer: dup})
	wantCode(t, err, apperr.CodeConflict, "Já existe um pagador com este CPF/CNPJ.")

	other, err := s.CreatePayer(ctx, Payer{Payer: boleto.Payer{Document: "11.222.333/0001-81", Name: "Empresa"}})
	if err != nil {
		t.Fatal(err)
	}
	other.Document = "529.982.247-25"
	_, err = s.UpdatePayer(ctx, other)
	wantCode(t, err, apperr.CodeConflict, "Já existe um pagador com este CPF/CNPJ.")

	_, err = s.CreatePayer(ctx, Payer{Payer: boleto.Payer{Document: " ./- ", Name: "Sem documento"}})
	wantCode(t, err, apperr.CodeInvalid, "Informe o CPF/CNPJ do pagador")

	_, err = s.GetPayer(ctx, 999)
	wantCode(t, err, apperr.CodeNotFound, "Pagador não encontrado")
	_, err = s.GetPayerByDocument(ctx, "00000000000")
	wantCode(t, err, apperr.CodeNotFound, "Pagador não encontrado")
	_, err = s.UpdatePayer(ctx, Payer{ID: 999, Payer: boleto.Payer{Document: "1"}})
	wantCode(t, err, apperr.CodeNotFound, "Pagador não encontrado")
	wantCode(t, s.DeletePayer(ctx, 999), apperr.CodeNotFound, "Pagador não encontrado")
}

func TestSearchPayers(t *testing.T) {
	t.Parallel()
	s, _ := newStore(t)
	ctx := context.Background()
	for _, p := range []boleto.Payer{
		{Document: "52998224725", Name: "José da Silva"},
		{Document: "11222333000181", Name: "Padaria São João LTDA"},
		{Document: "12ABC34501DE35", Name: "Joana Souza"},
		{Document: "98765432100", Name: "Ana Silveira"},
		{Document: "11144477735", Name: "Silva & Filhos"},
	} {
		if _, err := s.CreatePayer(ctx, Payer{Payer: p}); err != nil {
			t.Fatal(err)
		}
	}
	names := func(ps []Payer) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return out
	}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"jose", 0, []string{"José da Silva"}},
		{"JOÃO", 0, []string{"Padaria São João LTDA"}},
		{"silv", 0, []string{"Silva & Filhos", "Ana Silveira", "José da Silva"}}, // name prefix first, then by name
		{"silva jos", 0, []string{"José da Silva"}},
		{"11.222.333", 0, []string{"Padaria São João LTDA"}},
		{"11", 0, []string{"Padaria São João LTDA", "Silva & Filhos"}}, // document prefixes
		{"12abc", 0, []string{"Joana Souza"}},
		{"", 2, []string{"Ana Silveira", "Joana Souza"}},
		{"zzz", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := s.SearchPayers(ctx, tt.query, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if g := names(got); !slices.Equal(g, tt.want) {
				t.Errorf("SearchPayers(%q) = %q, want %q", tt.query, g, tt.want)
			}
		})
	}
}
