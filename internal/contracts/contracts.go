// Package contracts bills monthly contracts: while the app runs it creates
// each month's boleto a few days before its due date, never twice for the
// same month, and sends it to the bank when the contract says so.
package contracts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/boleto"
	"boletos/internal/periodic"
	"boletos/internal/store"
)

// Issuer sends drafts to the bank (the issuing outbox).
type Issuer interface {
	Queue(ctx context.Context, id int64) (store.Boleto, error)
}

// Config configures a Service. Store is required.
type Config struct {
	Store  *store.Store
	Issuer Issuer       // nil: contracts with AutoIssue leave drafts
	Logger *slog.Logger // nil: discard
	Now    func() time.Time
	// Interval is how often the running app looks for periods to bill;
	// 0 means an hour.
	Interval time.Duration
}

// Service creates contracts and bills them.
type Service struct {
	// Start bills what is due now and then every Interval, until Stop.
	*periodic.Loop
	cfg Config
	log *slog.Logger
}

// New returns the service.
func New(cfg Config) *Service {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Hour
	}
	s := &Service{cfg: cfg, log: cfg.Logger}
	s.Loop = periodic.New(cfg.Interval, s.billDue)
	return s
}

// Input is a new contract.
type Input struct {
	AccountID   int64
	Payer       boleto.Payer
	Number      string // the contract's number, optional
	Description string // printed on each boleto, e.g. "Mensalidade"
	Plan        boleto.ContractPlan
	LeadDays    int // days before each due date the boleto is created; 0..60
	AutoIssue   bool
}

// MaxLeadDays is the longest lead time of a contract's boletos.
const MaxLeadDays = 60

// maxDescription keeps the reference line ("<description> — referente a
// 12/2026") within a boleto message line's 78 characters.
const maxDescription = 50

// Create validates and stores a contract, then bills what is due within its
// lead time right away.
func (s *Service) Create(ctx context.Context, in Input) (store.Contract, error) {
	var fields []apperr.FieldProblem
	if err := in.Plan.Validate(); err != nil {
		var verr *boleto.ValidationError
		if !errors.As(err, &verr) {
			return store.Contract{}, err
		}
		fields = append(fields, verr.FieldProblems()...)
	}
	for _, p := range boleto.ValidatePayer(in.Payer, "pagador").Errors() {
		fields = append(fields, apperr.FieldProblem{Field: p.Field, Message: p.Message})
	}
	if n := len([]rune(strings.TrimSpace(in.Description))); n > maxDescription {
		fields = append(fields, apperr.FieldProblem{Field: "descricao",
			Message: fmt.Sprintf("A descrição deve ter no máximo %d caracteres; tem %d.", maxDescription, n)})
	}
	if in.LeadDays < 0 || in.LeadDays > MaxLeadDays {
		fields = append(fields, apperr.FieldProblem{Field: "antecedencia",
			Message: fmt.Sprintf("A antecedência deve ser de 0 a %d dias; foi informado %d.", MaxLeadDays, in.LeadDays)})
	}
	if len(fields) > 0 {
		msg := fields[0].Message
		if len(fields) > 1 {
			msg = fmt.Sprintf("O contrato não pode ser salvo: há %d problemas a corrigir.", len(fields))
		}
		return store.Contract{}, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: fields}
	}
	c, err := s.cfg.Store.CreateContract(ctx, store.Contract{
		AccountID: in.AccountID, Description: strings.TrimSpace(in.Description), Plan: in.Plan,
		LeadDays: in.LeadDays, AutoIssue: in.AutoIssue,
	}, store.Document{Number: strings.TrimSpace(in.Number), IssueDate: boleto.Today(s.cfg.Now()), Total: in.Plan.Monthly}, in.Payer)
	if err != nil {
		return store.Contract{}, err
	}
	if _, err := s.bill(ctx, c); err != nil {
		s.log.Warn("contracts: first billing failed", "contract", c.ID, "err", err)
	}
	return c, nil
}

// BillDue creates the boletos every active contract is due to have now,
// and returns their ids.
func (s *Service) BillDue(ctx context.Context) ([]int64, error) {
	list, err := s.cfg.Store.ListContracts(ctx, true)
	if err != nil {
		return nil, err
	}
	var created []int64
	for _, c := range list {
		ids, err := s.bill(ctx, c)
		created = append(created, ids...)
		if err != nil {
			return created, err
		}
	}
	return created, nil
}

// bill creates the boletos of contract c due within its lead time.
func (s *Service) bill(ctx context.Context, c store.Contract) ([]int64, error) {
	today := boleto.Today(s.cfg.Now())
	dues := c.Plan.DueDates(today, today.AddDays(c.LeadDays))
	if len(dues) == 0 {
		return nil, nil
	}
	st := s.cfg.Store
	acc, err := st.GetAccount(ctx, c.AccountID)
	if err != nil {
		return nil, err
	}
	doc, err := st.GetDocument(ctx, c.DocumentID)
	if err != nil {
		return nil, err
	}
	payer, err := st.GetPayer(ctx, doc.PayerID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, due := range dues {
		period := c.Plan.Period(due)
		charges := acc.Defaults
		note := reference(c, doc, due)
		for i, m := range charges.Messages {
			if strings.TrimSpace(m) == "" {
				charges.Messages[i] = note
				break
			}
		}
		b, created, err := st.BillContractPeriod(ctx, c.ID, period, store.DraftInput{
			PayerID: payer.ID,
			Draft:   boleto.Draft{Amount: c.Plan.Monthly, DueDate: due, Payer: payer.Payer, Charges: charges},
		})
		if err != nil {
			return ids, err
		}
		if !created {
			continue
		}
		s.log.Info("contracts: period billed", "contract", c.ID, "period", period, "boleto", b.SeuNumero)
		ids = append(ids, b.ID)
		if c.AutoIssue && s.cfg.Issuer != nil {
			if _, err := s.cfg.Issuer.Queue(ctx, b.ID); err != nil {
				// The draft stays; the user sees why in its detail.
				s.log.Warn("contracts: queueing failed", "contract", c.ID, "boleto", b.SeuNumero, "err", err)
			}
		}
	}
	return ids, nil
}

// reference is the message line that says which month a boleto charges.
func reference(c store.Contract, doc store.Document, due boleto.Date) string {
	what := c.Description
	if what == "" {
		what = "Contrato"
		if doc.Number != "" {
			what += " " + doc.Number
		}
	}
	return fmt.Sprintf("%s — referente a %02d/%d", what, int(due.Month), due.Year)
}

// billDue is one round of the background billing.
func (s *Service) billDue(ctx context.Context) {
	if ids, err := s.BillDue(ctx); err != nil && ctx.Err() == nil {
		s.log.Warn("contracts: billing failed", "err", err)
	} else if len(ids) > 0 {
		s.log.Info("contracts: boletos created", "count", len(ids))
	}
}
