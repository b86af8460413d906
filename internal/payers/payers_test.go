package payers

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/store"
)

func newService(t *testing.T) *Service {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return New(st, Options{})
}

// maria is a complete, valid payer in São Paulo, typed with masks.
func maria() boleto.Payer {
	return boleto.Payer{
		Document:   "529.982.247-25",
		Name:       "Maria da Conceição Souza",
		Address:    "Avenida Paulista",
		Number:     "1000",
		Complement: "Sala 12",
		District:   "Bela Vista",
		City:       "São Paulo",
		UF:         "SP",
		CEP:        "01310-100",
		Email:      "maria@example.com.br",
		DDD:        "11",
		Phone:      "98765-4321",
	}
}

func asAppErr(t *testing.T, err error) *apperr.Error {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *apperr.Error", err, err)
	}
	return e
}

func fieldNames(fs []apperr.FieldProblem) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Field
	}
	return out
}

func TestCreateValidDocuments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		document string
		want     string
	}{
		{"CPF with mask", "529.982.247-25", "52998224725"},
		{"CPF without mask", "52998224725", "52998224725"},
		{"numeric CNPJ", "11.222.333/0001-81", "11222333000181"},
		{"alphanumeric CNPJ", "12ABC34501DE35", "12ABC34501DE35"},
		{"alphanumeric CNPJ, masked, lower case", " 12.abc.345/01de-35 ", "12ABC34501DE35"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newService(t)
			in := maria()
			in.Document = tc.document
			p, warnings, err := s.Create(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if p.ID == 0 || p.Document != tc.want {
				t.Errorf("created id %d document %q, want a new id and %q", p.ID, p.Document, tc.want)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings = %+v, want none", warnings)
			}
			got, err := s.Get(context.Background(), p.ID)
			if err != nil || got.Document != tc.want {
				t.Errorf("Get = %+v, %v", got, err)
			}
		})
	}
}

func TestCreateNormalises(t *testing.T) {
	t.Parallel()
	s := newService(t)
	in := boleto.Payer{
		Document:   " 11.222.333/0001-81 ",
		Name:       "  Padaria Pão Quente Ltda ",
		Address:    " Rua das Flores ",
		Number:     " 10 ",
		Complement: " fundos ",
		District:   " Centro ",
		City:       " Curitiba ",
		UF:         " pr ",
		CEP:        "80.010-000",
		Email:      " contato@paoquente.com.br ",
		DDD:        "(41)",
		Phone:      "3333-4444",
	}
	p, warnings, err := s.Create(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := boleto.Payer{
		Document: "11222333000181", Name: "Padaria Pão Quente Ltda", Address: "Rua das Flores",
		Number: "10", Complement: "fundos", District: "Centro", City: "Curitiba", UF: "PR",
		CEP: "80010000", Email: "contato@paoquente.com.br", DDD: "41", Phone: "33334444",
	}
	stored, err := s.Get(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Payer != want {
		t.Errorf("stored\n %+v\nwant\n %+v", stored.Payer, want)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %+v", warnings)
	}
}

func TestCreateReportsEveryInvalidField(t *testing.T) {
	t.Parallel()
	s := newService(t)
	in := boleto.Payer{
		Document:   "123.456.789-00",
		Name:       " ",
		Address:    "",
		Number:     "12345678901",
		Complement: strings.Repeat("c", 31),
		District:   "Centro\tNorte",
		City:       "",
		UF:         "XY",
		CEP:        "0131O-100",
		Email:      "maria@",
		DDD:        "011",
		Phone:      "12-34",
	}
	_, _, err := s.Create(context.Background(), in)
	e := asAppErr(t, err)
	if e.Code != apperr.CodeInvalid {
		t.Errorf("code = %q, want %q", e.Code, apperr.CodeInvalid)
	}
	want := []string{"document", "name", "address", "number", "complement", "district", "city", "uf", "cep", "email", "ddd", "phone"}
	if got := fieldNames(e.Fields); !slices.Equal(got, want) {
		t.Errorf("fields = %v\nwant     %v", got, want)
	}
	if !strings.Contains(e.Message, "12 problemas") {
		t.Errorf("message = %q, want it to count the 12 problems", e.Message)
	}
	for _, f := range e.Fields {
		if f.Message == "" || f.Warning {
			t.Errorf("field %s: message %q warning %v", f.Field, f.Message, f.Warning)
		}
	}
	if msg := e.Fields[0].Message; !strings.Contains(msg, "CPF inválido") {
		t.Errorf("document message = %q", msg)
	}
	if list, err := s.Search(context.Background(), "", 10); err != nil || len(list) != 0 {
		t.Errorf("after a refused create the register holds %d payers (%v)", len(list), err)
	}
}

func TestCreateOneProblemIsTheMessage(t *testing.T) {
	t.Parallel()
	s := newService(t)
	in := maria()
	in.City = ""
	_, _, err := s.Create(context.Background(), in)
	e := asAppErr(t, err)
	if e.Code != apperr.CodeInvalid || e.Message != "Informe a cidade do pagador." {
		t.Errorf("error = %q %q", e.Code, e.Message)
	}
	if got := fieldNames(e.Fields); !slices.Equal(got, []string{"city"}) {
		t.Errorf("fields = %v", got)
	}
}

func TestCEPOutsideUFIsSavedWithAWarning(t *testing.T) {
	t.Parallel()
	s := newService(t)
	in := maria()
	in.UF = "RJ" // 01310-100 is in São Paulo
	p, warnings, err := s.Create(context.Background(), in)
	if err != nil {
		t.Fatalf("a CEP/UF mismatch must not block saving: %v", err)
	}
	if _, err := s.Get(context.Background(), p.ID); err != nil {
		t.Fatalf("not saved: %v", err)
	}
	if len(warnings) != 1 || warnings[0].Field != "cep" || !warnings[0].Warning {
		t.Fatalf("warnings = %+v, want one on cep", warnings)
	}
	if msg := warnings[0].Message; !strings.Contains(msg, "01310-100") || !strings.Contains(msg, "RJ") {
		t.Errorf("warning %q should quote the masked CEP and the UF", msg)
	}

	// Fixing the UF clears the warning.
	in.UF = "SP"
	_, warnings, err = s.Update(context.Background(), p.ID, in)
	if err != nil || len(warnings) != 0 {
		t.Errorf("after fixing the UF: warnings %+v, err %v", warnings, err)
	}
}

func TestDuplicateDocument(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	first, _, err := s.Create(ctx, maria())
	if err != nil {
		t.Fatal(err)
	}
	dup := maria()
	dup.Document = "52998224725" // the same CPF, without mask
	dup.Name = "Outra Pessoa"
	_, _, err = s.Create(ctx, dup)
	e := asAppErr(t, err)
	if e.Code != apperr.CodeConflict || e.Message != "Já existe um pagador com este CPF/CNPJ: Maria da Conceição Souza." {
		t.Errorf("create: %q %q", e.Code, e.Message)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != "document" || !strings.Contains(e.Fields[0].Message, "Maria da Conceição Souza") {
		t.Errorf("create fields = %+v", e.Fields)
	}

	// Editing another payer into the same document is refused the same way.
	other := maria()
	other.Document = "11.222.333/0001-81"
	other.Name = "Empresa Exemplo"
	second, _, err := s.Create(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	other.Document = "529.982.247-25"
	_, _, err = s.Update(ctx, second.ID, other)
	e = asAppErr(t, err)
	if e.Code != apperr.CodeConflict || !strings.Contains(e.Message, "Maria da Conceição Souza") || len(e.Fields) != 1 {
		t.Errorf("update: %+v", e)
	}

	// Keeping one's own document is not a conflict.
	again := maria()
	again.City = "Santos"
	again.CEP = "11010-000"
	upd, _, err := s.Update(ctx, first.ID, again)
	if err != nil || upd.City != "Santos" {
		t.Errorf("update keeping the document: %+v, %v", upd, err)
	}
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	p, _, err := s.Create(ctx, maria())
	if err != nil {
		t.Fatal(err)
	}
	in := maria()
	in.City = "Campinas"
	in.CEP = "13010-000"
	in.Phone = ""
	in.DDD = ""
	upd, _, err := s.Update(ctx, p.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if upd.ID != p.ID || upd.City != "Campinas" || upd.CEP != "13010000" || upd.Phone != "" {
		t.Errorf("updated = %+v", upd)
	}

	bad := maria()
	bad.Email = "sem-arroba"
	_, _, err = s.Update(ctx, p.ID, bad)
	if e := asAppErr(t, err); e.Code != apperr.CodeInvalid || !slices.Equal(fieldNames(e.Fields), []string{"email"}) {
		t.Errorf("invalid update: %+v", e)
	}
	got, _ := s.Get(ctx, p.ID)
	if got.City != "Campinas" {
		t.Errorf("a refused update changed the payer: %+v", got)
	}

	_, _, err = s.Update(ctx, 9999, maria())
	if e := asAppErr(t, err); e.Code != apperr.CodeNotFound {
		t.Errorf("update of a missing payer: %+v", e)
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	add := func(doc, name string) int64 {
		t.Helper()
		in := maria()
		in.Document, in.Name = doc, name
		p, _, err := s.Create(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	maria := add("529.982.247-25", "Maria da Conceição Souza")
	padaria := add("11.222.333/0001-81", "Padaria Pão Quente Ltda")
	alfa := add("12.ABC.345/01DE-35", "Alfa Serviços")

	cases := []struct {
		query string
		want  []int64
	}{
		{"", []int64{alfa, maria, padaria}}, // by name
		{"conceição", []int64{maria}},
		{"CONCEICAO", []int64{maria}}, // accents and case ignored
		{"pao quente", []int64{padaria}},
		{"529.982.247-25", []int64{maria}},
		{"52998224725", []int64{maria}},
		{"11.222.333/0001-81", []int64{padaria}},
		{"12.ABC.345/01DE-35", []int64{alfa}},
		{"12abc", []int64{alfa}},
		{"ninguém", nil},
	}
	for _, tc := range cases {
		list, err := s.Search(ctx, tc.query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, p := range list {
			got = append(got, p.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
	if list, _ := s.Search(ctx, "", 2); len(list) != 2 {
		t.Errorf("limit 2 returned %d", len(list))
	}
}

func TestDelete(t *testing.T) {
	t.Parallel()
	s := newService(t)
	ctx := context.Background()
	p, _, err := s.Create(ctx, maria())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Get(ctx, p.ID)
	if e := asAppErr(t, err); e.Code != apperr.CodeNotFound {
		t.Errorf("get after delete: %+v", e)
	}
	err = s.Delete(ctx, p.ID)
	if e := asAppErr(t, err); e.Code != apperr.CodeNotFound {
		t.Errorf("second delete: %+v", e)
	}
	// The document is free again.
	if _, _, err := s.Create(ctx, maria()); err != nil {
		t.Errorf("create after delete: %v", err)
	}
}
