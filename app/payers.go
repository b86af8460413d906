package app

import (
	"time"

	"boletos/internal/boleto"
	"boletos/internal/brazil"
	"boletos/internal/store"
)

// payerCallTimeout bounds one call of the Pagadores screen (local database
// only).
const payerCallTimeout = 15 * time.Second

// Payers is the Pagadores screen: the register of the customers boletos are
// issued to.
type Payers struct{ app *App }

// PayerView is a saved payer as the screens show it.
type PayerView struct {
	ID                int64    `json:"id"`
	Document          string   `json:"document"`          // without mask, upper case
	DocumentFormatted string   `json:"documentFormatted"` // 529.982.247-25, 12.ABC.345/01DE-35
	Kind              string   `json:"kind"`              // "CPF" | "CNPJ"
	Name              string   `json:"name"`
	Address           string   `json:"address"`
	Number            string   `json:"number"`
	Complement        string   `json:"complement"`
	District          string   `json:"district"`
	City              string   `json:"city"`
	UF                string   `json:"uf"`
	CEP               string   `json:"cep"` // 8 digits
	CEPFormatted      string   `json:"cepFormatted"`
	Email             string   `json:"email"`
	DDD               string   `json:"ddd"`
	Phone             string   `json:"phone"`    // digits only
	Warnings          []string `json:"warnings"` // pt-BR, after a save: e.g. CEP outside the UF
}

// Search lists the payers whose name or CPF/CNPJ (masked or not) contains
// every word of query; an empty query lists them all by name.
func (f *Payers) Search(query string, limit int) ([]PayerView, error) {
	ctx, cancel := f.app.callContext(payerCallTimeout)
	defer cancel()
	list, err := f.app.cfg.Payers.Search(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	out := make([]PayerView, len(list))
	for i, p := range list {
		out[i] = payerView(p, nil)
	}
	return out, nil
}

// Get returns one payer.
func (f *Payers) Get(id int64) (PayerView, error) {
	ctx, cancel := f.app.callContext(payerCallTimeout)
	defer cancel()
	p, err := f.app.cfg.Payers.Get(ctx, id)
	if err != nil {
		return PayerView{}, err
	}
	return payerView(p, nil), nil
}

// Create registers a new payer. Warnings (a CEP outside the UF) come back
// in the view; they do not stop the save.
func (f *Payers) Create(in PartyDTO) (PayerView, error) {
	ctx, cancel := f.app.callContext(payerCallTimeout)
	defer cancel()
	p, warnings, err := f.app.cfg.Payers.Create(ctx, in.payer())
	if err != nil {
		return PayerView{}, err
	}
	return payerView(p, warnings), nil
}

// Update replaces the data of a payer.
func (f *Payers) Update(id int64, in PartyDTO) (PayerView, error) {
	ctx, cancel := f.app.callContext(payerCallTimeout)
	defer cancel()
	p, warnings, err := f.app.cfg.Payers.Update(ctx, id, in.payer())
	if err != nil {
		return PayerView{}, err
	}
	return payerView(p, warnings), nil
}

// Delete removes a payer from the register; boletos keep their own copy.
func (f *Payers) Delete(id int64) error {
	ctx, cancel := f.app.callContext(payerCallTimeout)
	defer cancel()
	return f.app.cfg.Payers.Delete(ctx, id)
}

func payerView(p store.Payer, warnings boleto.Problems) PayerView {
	v := PayerView{
		ID:                p.ID,
		Document:          p.Document,
		DocumentFormatted: brazil.FormatDocument(p.Document),
		Name:              p.Name,
		Address:           p.Address,
		Number:            p.Number,
		Complement:        p.Complement,
		District:          p.District,
		City:              p.City,
		UF:                p.UF,
		CEP:               p.CEP,
		CEPFormatted:      brazil.FormatCEP(p.CEP),
		Email:             p.Email,
		DDD:               p.DDD,
		Phone:             p.Phone,
		Warnings:          []string{},
	}
	if doc, err := brazil.ValidateDocument(p.Document); err == nil {
		v.Kind = doc.Kind.String()
	}
	for _, w := range warnings {
		v.Warnings = append(v.Warnings, w.Message)
	}
	return v
}
