package issuing

import (
	"context"
	"fmt"
	"sync"
	"time"

	"boletos/internal/apperr"
	"boletos/internal/store"
)

// Progress is the payload of EventBatchProgress: how many boletos of a
// batch are done (issued, or beyond), failed (refused, failed at the bank,
// invalid, or withdrawn by a cancel) and still on their way.
type Progress struct {
	Job       string `json:"job"`
	Done      int    `json:"done"`
	Failed    int    `json:"failed"`
	Remaining int    `json:"remaining"`
	Total     int    `json:"total"`
}

// Outcomes of a batch item.
const (
	OutcomeDone    = "done"
	OutcomeFailed  = "failed"
	OutcomePending = "pending"
)

// BatchItem is one line of a batch's report.
type BatchItem struct {
	ID        int64                 `json:"id"`
	SeuNumero string                `json:"seuNumero"`
	State     store.State           `json:"state"`
	Outcome   string                `json:"outcome"` // done, failed, pending
	Error     string                `json:"error,omitempty"`
	Fields    []apperr.FieldProblem `json:"fields,omitempty"`
}

const msgBatchCancelled = "Retirado da fila: o envio do lote foi cancelado."

// maxBatches is how many batches a Service remembers.
const maxBatches = 32

// Batch is a set of boletos issued together, with throttled progress
// events, pause, resume, cancel, a per-item report and retry of the failed
// ones. The boletos are sent by the Service's worker, with its bounded
// concurrency; a pause or a cancel stops the boletos not yet sent (those
// already at the bank are followed to the end). A batch lives in memory:
// after a restart its boletos are simply in the queue.
type Batch struct {
	s   *Service
	job string

	mu        sync.Mutex
	items     map[int64]*batchItem
	order     []int64
	paused    bool
	cancelled bool
	signal    chan struct{} // closed and replaced on every change
	lastEmit  time.Time     // when the last progress event was sent
	timer     *time.Timer   // the next progress event, when one is due
	dirty     bool          // changed since the scheduled event was computed
}

type batchItem struct {
	BatchItem
	version int64
	missing bool // the boleto does not exist
}

// outcome classifies an item.
func (it *batchItem) outcome() string {
	if it.missing {
		return OutcomeFailed
	}
	switch it.State {
	case store.StateDraft, store.StateFailed:
		return OutcomeFailed
	case store.StateQueued, store.StateSending, store.StateProcessing, "":
		return OutcomePending
	}
	return OutcomeDone
}

// IssueBatch queues the given boletos (drafts, or failed ones) and
// returns the batch that follows them. Boletos that cannot be queued
// (invalid, missing) are reported as failed items with their problems;
// boletos already on their way or issued are followed as they are.
func (s *Service) IssueBatch(ctx context.Context, ids []int64) (*Batch, error) {
	if len(ids) == 0 {
		return nil, apperr.Invalid("Escolha ao menos um boleto para emitir.")
	}
	s.mu.Lock()
	s.batchSeq++
	job := fmt.Sprintf("emissao-%d-%d", s.now().Unix(), s.batchSeq)
	s.mu.Unlock()
	bt := &Batch{s: s, job: job, items: map[int64]*batchItem{}, signal: make(chan struct{})}
	for _, id := range ids {
		if _, dup := bt.items[id]; dup {
			continue
		}
		bt.items[id] = &batchItem{BatchItem: BatchItem{ID: id}}
		bt.order = append(bt.order, id)
	}
	s.register(bt)
	for _, id := range bt.order {
		b, err := s.Queue(ctx, id)
		bt.queued(id, b, err)
	}
	bt.mu.Lock()
	bt.touchLocked()
	bt.mu.Unlock()
	s.wake()
	return bt, nil
}

// register makes the service route the batch's boletos' changes to it.
func (s *Service) register(bt *Batch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range bt.order {
		s.batchOf[id] = bt
	}
	s.batches[bt.job] = bt
	s.recent = append(s.recent, bt.job)
	for len(s.recent) > maxBatches {
		old := s.batches[s.recent[0]]
		delete(s.batches, s.recent[0])
		s.recent = s.recent[1:]
		if old != nil {
			for _, id := range old.order {
				if s.batchOf[id] == old {
					delete(s.batchOf, id)
				}
			}
		}
	}
}

// Batch returns a batch started by IssueBatch, by its job id.
func (s *Service) Batch(job string) (*Batch, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	bt, ok := s.batches[job]
	return bt, ok
}

// Job is the batch's id (the "job" of its progress events).
func (bt *Batch) Job() string { return bt.job }

// queued records the outcome of queueing one item.
func (bt *Batch) queued(id int64, b store.Boleto, err error) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	it := bt.items[id]
	if b.ID != 0 && b.Version >= it.version {
		it.version, it.State, it.SeuNumero = b.Version, b.State, b.SeuNumero
	}
	if err != nil {
		_, msg := apperr.Describe(err)
		it.Error, it.Fields = msg, apperr.Fields(err)
		it.missing = b.ID == 0
	}
	bt.touchLocked()
}

// update records a committed change of one of the batch's boletos.
func (bt *Batch) update(b store.Boleto, n note) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	it := bt.items[b.ID]
	if it == nil || b.Version < it.version || b.Version == it.version && b.State == it.State && !it.missing {
		return
	}
	it.version, it.State, it.SeuNumero, it.missing = b.Version, b.State, b.SeuNumero, false
	switch it.outcome() {
	case OutcomeFailed:
		it.Error, it.Fields = b.FailureReason, n.fields
		if it.Error == "" {
			it.Error = n.text
		}
	case OutcomePending:
		it.Error, it.Fields = n.text, nil
	default:
		it.Error, it.Fields = "", nil
	}
	bt.touchLocked()
}

// markWithdrawn records an item taken out of the queue by Cancel.
func (bt *Batch) markWithdrawn(id int64) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	if it := bt.items[id]; it != nil {
		it.Error, it.Fields = msgBatchCancelled, nil
	}
	bt.touchLocked()
}

// holds tells the dispatcher what to do with the batch's queued boletos.
func (bt *Batch) holds() (withdraw, paused bool) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	return bt.cancelled, bt.paused || bt.cancelled
}

// touchLocked wakes Wait and schedules a progress event, so that two
// events are always at least ProgressInterval apart (counted from the end
// of one emission to the start of the next). Callers hold bt.mu.
func (bt *Batch) touchLocked() {
	close(bt.signal)
	bt.signal = make(chan struct{})
	if bt.timer != nil {
		bt.dirty = true // an event is scheduled or being sent: one more after it
		return
	}
	wait := bt.s.cfg.ProgressInterval - time.Since(bt.lastEmit)
	bt.timer = time.AfterFunc(max(wait, 0), bt.flush)
}

// flush emits the progress event, and schedules the next one when the
// batch changed while it was being sent.
func (bt *Batch) flush() {
	bt.mu.Lock()
	bt.dirty = false
	p := bt.progressLocked()
	bt.mu.Unlock()
	if em := bt.s.cfg.Emitter; em != nil {
		em.Emit(EventBatchProgress, p)
	}
	bt.mu.Lock()
	bt.lastEmit = time.Now()
	bt.timer = nil
	if bt.dirty {
		bt.timer = time.AfterFunc(bt.s.cfg.ProgressInterval, bt.flush)
	}
	bt.mu.Unlock()
}

func (bt *Batch) progressLocked() Progress {
	p := Progress{Job: bt.job, Total: len(bt.order)}
	for _, id := range bt.order {
		switch bt.items[id].outcome() {
		case OutcomeDone:
			p.Done++
		case OutcomeFailed:
			p.Failed++
		default:
			p.Remaining++
		}
	}
	return p
}

// Progress returns the batch's counters now.
func (bt *Batch) Progress() Progress {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	return bt.progressLocked()
}

// Finished reports whether no boleto of the batch is still on its way.
func (bt *Batch) Finished() bool { return bt.Progress().Remaining == 0 }

// Paused reports whether the batch is paused (or cancelled).
func (bt *Batch) Paused() bool {
	_, paused := bt.holds()
	return paused
}

// Report returns every item of the batch, in the order given, with its
// state, outcome and last problem.
func (bt *Batch) Report() []BatchItem {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	out := make([]BatchItem, 0, len(bt.order))
	for _, id := range bt.order {
		it := bt.items[id]
		item := it.BatchItem
		item.Outcome = it.outcome()
		item.Fields = append([]apperr.FieldProblem(nil), it.Fields...)
		out = append(out, item)
	}
	return out
}

// Wait blocks until no boleto of the batch is on its way (issued or
// beyond, failed, refused or withdrawn) or ctx ends, and returns the
// progress then.
func (bt *Batch) Wait(ctx context.Context) (Progress, error) {
	for {
		bt.mu.Lock()
		p := bt.progressLocked()
		sig := bt.signal
		bt.mu.Unlock()
		if p.Remaining == 0 {
			return p, nil
		}
		select {
		case <-sig:
		case <-ctx.Done():
			return p, ctx.Err()
		}
	}
}

// Pause stops sending the batch's boletos that are still queued; those
// already sent are followed to the end.
func (bt *Batch) Pause() {
	bt.mu.Lock()
	bt.paused = true
	bt.touchLocked()
	bt.mu.Unlock()
}

// Resume sends the batch's queued boletos again (not after Cancel; use
// RetryFailed then).
func (bt *Batch) Resume() {
	bt.mu.Lock()
	bt.paused = false
	bt.touchLocked()
	bt.mu.Unlock()
	bt.s.wake()
}

// Cancel takes the batch's boletos that were not sent yet out of the
// queue, back to draft (reported as failed: "envio cancelado"). Boletos
// already sent cannot be recalled: they are followed until the bank
// answers.
func (bt *Batch) Cancel(ctx context.Context) error {
	bt.mu.Lock()
	bt.cancelled = true
	var queued []int64
	for _, id := range bt.order {
		if bt.items[id].State == store.StateQueued {
			queued = append(queued, id)
		}
	}
	bt.touchLocked()
	bt.mu.Unlock()
	for _, id := range queued {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := bt.s.st.GetBoleto(ctx, id)
		if err != nil || b.State != store.StateQueued {
			continue
		}
		release, ok := bt.s.claim(id)
		if !ok {
			continue // the worker has it: it withdraws it or it is being sent
		}
		if _, err := bt.s.withdraw(ctx, b, msgBatchCancelled); err == nil {
			bt.markWithdrawn(id)
		}
		release()
	}
	return nil
}

// RetryFailed queues again the batch's boletos that failed or were
// refused (those still invalid stay failed, with their problems) and
// returns how many went back to the queue. A cancelled batch is resumed.
func (bt *Batch) RetryFailed(ctx context.Context) (int, error) {
	bt.mu.Lock()
	bt.cancelled, bt.paused = false, false
	var failed []int64
	for _, id := range bt.order {
		if it := bt.items[id]; it.outcome() == OutcomeFailed && !it.missing {
			failed = append(failed, id)
		}
	}
	bt.mu.Unlock()
	bt.s.mu.Lock()
	for _, id := range failed {
		bt.s.batchOf[id] = bt
	}
	bt.s.mu.Unlock()
	n := 0
	for _, id := range failed {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		b, err := bt.s.Queue(ctx, id)
		bt.queued(id, b, err)
		if err == nil {
			n++
		}
	}
	bt.s.wake()
	return n, nil
}

// pendingIDs are the items still on their way.
func (bt *Batch) pendingIDs() []int64 {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	var out []int64
	for _, id := range bt.order {
		if bt.items[id].outcome() == OutcomePending {
			out = append(out, id)
		}
	}
	return out
}

// refreshBatches reads again the pending boletos of the unfinished batches:
// changes made outside this service (the retorno poller, another process
// on the same data) reach the batches too.
func (s *Service) refreshBatches(ctx context.Context) {
	s.mu.Lock()
	var active []*Batch
	for _, job := range s.recent {
		if bt := s.batches[job]; bt != nil {
			active = append(active, bt)
		}
	}
	s.mu.Unlock()
	type pending struct {
		bt  *Batch
		ids []int64
	}
	var work []pending
	for _, bt := range active {
		if ids := bt.pendingIDs(); len(ids) > 0 {
			work = append(work, pending{bt, ids})
		}
	}
	if len(work) == 0 {
		return
	}
	list, err := s.st.BoletosInStates(ctx, 0, []store.State{store.StateQueued, store.StateSending, store.StateProcessing})
	if err != nil {
		return
	}
	current := make(map[int64]store.Boleto, len(list))
	for _, b := range list {
		current[b.ID] = b
	}
	for _, w := range work {
		for _, id := range w.ids {
			b, ok := current[id]
			if !ok {
				if b, err = s.st.GetBoleto(ctx, id); err != nil {
					continue
				}
			}
			s.mu.Lock()
			n := s.notes[id]
			s.mu.Unlock()
			w.bt.update(b, n)
		}
	}
}
