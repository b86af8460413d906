package webserve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"runtime/debug"
	"strings"

	"boletos/internal/apperr"
)

const maxCallBody = 32 << 20

var errorType = reflect.TypeFor[error]()

// method is one exported method of a bound façade, callable as Struct.Method,
// the same name Wails gives it in window.go.<package>.<Struct>.<Method>.
type method struct {
	fn  reflect.Value
	in  []reflect.Type
	out []reflect.Type
}

func collectMethods(bindings []any) (map[string]method, error) {
	methods := map[string]method{}
	for _, b := range bindings {
		v := reflect.ValueOf(b)
		t := v.Type()
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("webserve: binding %T must be a pointer to a struct", b)
		}
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			fn := v.Method(i)
			ft := fn.Type()
			mm := method{fn: fn}
			for j := 0; j < ft.NumIn(); j++ {
				mm.in = append(mm.in, ft.In(j))
			}
			for j := 0; j < ft.NumOut(); j++ {
				mm.out = append(mm.out, ft.Out(j))
			}
			if len(mm.out) > 2 || (len(mm.out) == 2 && mm.out[1] != errorType) {
				return nil, fmt.Errorf("webserve: %s.%s must return (T), (error) or (T, error)", t.Elem().Name(), m.Name)
			}
			methods[t.Elem().Name()+"."+m.Name] = mm
		}
	}
	return methods, nil
}

func (s *Server) handleCall(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		http.Error(w, "Content-Type deve ser application/json.", http.StatusUnsupportedMediaType)
		return
	}
	name := r.PathValue("name")
	m, ok := s.methods[name]
	if !ok {
		s.writeError(w, apperr.New(apperr.CodeNotFound, fmt.Sprintf("Função %q não existe nesta versão do Boletos.", name)))
		return
	}
	var raw []json.RawMessage
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCallBody))
	if err := dec.Decode(&raw); err != nil {
		s.writeError(w, apperr.Wrap(apperr.CodeInvalid, err, "Pedido inválido: o corpo deve ser uma lista JSON de argumentos."))
		return
	}
	if len(raw) != len(m.in) {
		s.writeError(w, apperr.Invalid("Pedido inválido: %s espera %d argumento(s), recebeu %d.", name, len(m.in), len(raw)))
		return
	}
	args := make([]reflect.Value, len(m.in))
	for i, t := range m.in {
		p := reflect.New(t)
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			s.writeError(w, apperr.Wrap(apperr.CodeInvalid, err, fmt.Sprintf("Pedido inválido: argumento %d de %s.", i+1, name)))
			return
		}
		args[i] = p.Elem()
	}
	result, err := s.invoke(name, m, args)
	if err != nil {
		s.writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// invoke calls the method, turning a panic into an internal error so that no
// stack trace reaches the user (it goes to the log).
func (s *Server) invoke(name string, m method, args []reflect.Value) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("bound call panicked", "method", name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			result, err = nil, fmt.Errorf("%s panicked: %v", name, p)
		}
	}()
	out := m.fn.Call(args)
	if n := len(out); n > 0 && m.out[n-1] == errorType {
		if e := out[n-1]; !e.IsNil() {
			return nil, e.Interface().(error)
		}
		out = out[:n-1]
	}
	if len(out) == 1 {
		return out[0].Interface(), nil
	}
	return nil, nil
}

func (s *Server) writeError(w http.ResponseWriter, err error) {
	code, _ := apperr.Describe(err)
	writeJSON(w, statusFor(code), s.opts.FormatError(err))
}

func statusFor(code string) int {
	switch code {
	case apperr.CodeInvalid:
		return http.StatusUnprocessableEntity
	case apperr.CodeNotFound:
		return http.StatusNotFound
	case apperr.CodeConflict:
		return http.StatusConflict
	case apperr.CodeUnavailable:
		return http.StatusServiceUnavailable
	case apperr.CodeTimeout:
		return http.StatusGatewayTimeout
	case apperr.CodeAuth:
		return http.StatusForbidden
	default:
		return http.StatusInternalServerError
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
