package webserve

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

const keepAlive = 20 * time.Second

// broker fans events out to the open event streams.
type broker struct {
	log  *slog.Logger
	mu   sync.Mutex
	subs map[chan []byte]struct{}
}

func newBroker(log *slog.Logger) *broker {
	return &broker{log: log, subs: map[chan []byte]struct{}{}}
}

type envelope struct {
	Name string `json:"name"`
	Data any    `json:"data"`
}

func (b *broker) publish(name string, payload any) {
	msg, err := json.Marshal(envelope{Name: name, Data: payload})
	if err != nil {
		b.log.Error("event not encodable", "event", name, "err", err)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- msg:
		default:
			b.log.Warn("event dropped: browser too slow", "event", name)
		}
	}
}

func (b *broker) subscribe() (chan []byte, func()) {
	ch := make(chan []byte, 64)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, unsubscribe := s.events.subscribe()
	defer unsubscribe()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": conectado\n\n")
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			if _, err := fmt.Fprintf(w, "data: %s\n\n", msg); err != nil {
				return
			}
			flusher.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
