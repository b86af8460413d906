package app

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"boletos/internal/apperr"
	"boletos/internal/payers"
	"boletos/internal/store"
)

func newPayersApp(t *testing.T) *App {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "boletos.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := New(Config{Store: st, Payers: payers.New(st, payers.Options{})})
	t.Cleanup(func() {
		a.Shutdown()
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return a
}

func mariaInput() PartyDTO {
	return PartyDTO{
		Document: "529.982.247-25", Name: "Maria da Conceição Souza", Address: "Avenida Paulista",
		Number: "1000", Complement: "Sala 12", District: "Bela Vista", City: "São Paulo", UF: "sp",
		CEP: "01310-100", Email: "maria@example.com.br", DDD: "(11)", Phone: "98765-4321",
	}
}

func TestPayersAreBound(t *testing.T) {
	t.Parallel()
	a := New(Config{})
	if !slices.Contains(a.Bindings(), any(a.Payers)) {
		t.Error("the Payers façade is not among the bindings")
	}
}

func TestPayersCreateMapsTheView(t *testing.T) {
	t.Parallel()
	a := newPayersApp(t)
	v, err := a.Payers.Create(mariaInput())
	if err != nil {
		t.Fatal(err)
	}
	want := PayerView{
		ID: v.ID, Document: "52998224725", DocumentFormatted: "529.982.247-25", Kind: "CPF",
		Name: "Maria da Conceição Souza", Address: "Avenida Paulista", Number: "1000", Complement: "Sala 12",
		District: "Bela Vista", City: "São Paulo", UF: "SP", CEP: "01310100", CEPFormatted: "01310-100",
		Email: "maria@example.com.br", DDD: "11", Phone: "987654321", Warnings: []string{},
	}
	if v.ID == 0 || !reflect.DeepEqual(v, want) {
		t.Errorf("Create =\n %+v\nwant\n %+v", v, want)
	}
	got, err := a.Payers.Get(v.ID)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Get = %+v, %v", got, err)
	}
}

func TestPayersAlphanumericCNPJ(t *testing.T) {
	t.Parallel()
	a := newPayersApp(t)
	in := mariaInput()
	in.Document, in.Name = "12.abc.345/01de-35", "Alfa Serviços"
	v, err := a.Payers.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if v.Document != "12ABC34501DE35" || v.DocumentFormatted != "12.ABC.345/01DE-35" || v.Kind != "CNPJ" {
		t.Errorf("view = %+v", v)
	}
}

func TestPayersCreateRefusedWithFields(t *testing.T) {
	t.Parallel()
	a := newPayersApp(t)
	in := mariaInput()
	in.Document = "123.456.789-00"
	in.CEP = "0131"
	in.Email = "maria@"
	_, err := a.Payers.Create(in)
	dto := ErrorFormatter{}.DTO(err)
	if dto.Code != apperr.CodeInvalid || !strings.Contains(dto.Message, "3 problemas") {
		t.Errorf("dto = %q %q", dto.Code, dto.Message)
	}
	var fields []string
	for _, f := range dto.Fields {
		fields = append(fields, f.Field)
	}
	if !slices.Equal(fields, []string{"document", "cep", "email"}) {
		t.Errorf("fields = %v", fields)
	}
	list, err := a.Payers.Search("", 10)
	if err != nil || len(list) != 0 {
		t.Errorf("refused payer was saved: %+v, %v", list, err)
	}
}

func TestPayersWarningAndDuplicate(t *testing.T) {
	t.Parallel()
	a := newPayersApp(t)
	in := mariaInput()
	in.UF = "RJ"
	v, err := a.Payers.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0], "01310-100") {
		t.Errorf("warnings = %q", v.Warnings)
	}

	_, err = a.Payers.Create(mariaInput())
	dto := ErrorFormatter{}.DTO(err)
	if dto.Code != apperr.CodeConflict || dto.Message != "Já existe um pagador com este CPF/CNPJ: Maria da Conceição Souza." ||
		len(dto.Fields) != 1 || dto.Fields[0].Field != "document" {
		t.Errorf("duplicate = %+v", dto)
	}
}

func TestPayersSearchUpdateDelete(t *testing.T) {
	t.Parallel()
	a := newPayersApp(t)
	v, err := a.Payers.Create(mariaInput())
	if err != nil {
		t.Fatal(err)
	}
	empty, err := a.Payers.Search("ninguém", 10)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("no match must be an empty list, not null: %#v, %v", empty, err)
	}
	for _, q := range []string{"conceicao", "529.982.247-25"} {
		list, err := a.Payers.Search(q, 10)
		if err != nil || len(list) != 1 || list[0].ID != v.ID || list[0].DocumentFormatted != "529.982.247-25" {
			t.Errorf("Search(%q) = %+v, %v", q, list, err)
		}
	}

	in := mariaInput()
	in.City, in.CEP = "Campinas", "13010-000"
	upd, err := a.Payers.Update(v.ID, in)
	if err != nil || upd.City != "Campinas" || upd.CEPFormatted != "13010-000" {
		t.Errorf("Update = %+v, %v", upd, err)
	}

	if err := a.Payers.Delete(v.ID); err != nil {
		t.Fatal(err)
	}
	_, err = a.Payers.Get(v.ID)
	if dto := (ErrorFormatter{}).DTO(err); dto.Code != apperr.CodeNotFound || dto.Message == "" {
		t.Errorf("Get after delete = %+v", dto)
	}
}
