package keychain

import (
	"errors"
	"os/exec"
	"runtime"
	"strings"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"

	"boletos/internal/apperr"
)

// Sentinel errors. Every error the Store returns for these conditions is an
// *apperr.Error whose message names the case precisely; errors.Is(err,
// ErrNotFound), errors.Is(err, ErrUnavailable) and errors.Is(err, ErrCorrupt)
// recognise it, and errors.As finds the *apperr.Error to show the user.
var (
	// ErrNotFound: no secret is stored under the key.
	ErrNotFound = apperr.New(apperr.CodeNotFound,
		"Segredo não encontrado no cofre do sistema. Informe-o de novo na configuração da conta.")

	// ErrUnavailable: there is no usable keychain (none installed, no session
	// bus, locked, or it failed). The returned error's message says which.
	ErrUnavailable = apperr.New(apperr.CodeUnavailable, msgUnavailable)

	// ErrCorrupt: the stored items do not form the secret that was written
	// (a chunk missing or altered, a header that does not parse). The user
	// fixes it by entering the secret again, which overwrites every item.
	ErrCorrupt = apperr.New(apperr.CodeInvalid,
		"O segredo guardado no cofre do sistema está danificado. Informe-o de novo na configuração da conta.")
)

// User messages, one per way the keychain can be missing. Each says what to
// install, start or unlock.
const (
	msgUnavailable = "Não foi possível usar o cofre de senhas do sistema (Gerenciador de Credenciais no Windows, Chaves no macOS, gnome-keyring no Linux). Verifique se ele está ativo e desbloqueado e tente de novo."
	msgNoSession   = "Não há uma sessão D-Bus, da qual o cofre de senhas do sistema depende. No Linux, abra o programa dentro da sessão gráfica (ou instale o pacote dbus-x11) e tente de novo."
	msgDeadBus     = "A sessão D-Bus não está respondendo, então o cofre de senhas do sistema não pode ser usado. Saia da sessão, entre de novo e tente outra vez."
	msgNoProvider  = "Nenhum cofre de senhas do sistema foi encontrado. No Linux, instale e inicie o gnome-keyring (ou outro serviço Secret Service) e entre de novo na sessão."
	msgLocked      = "O cofre de senhas do sistema está bloqueado. Desbloqueie-o (por exemplo, entrando na sessão com sua senha) e tente de novo."
	msgNoDefault   = "O cofre de senhas do sistema não tem um chaveiro padrão. Abra o aplicativo \"Senhas e chaves\" (Seahorse), crie ou desbloqueie o chaveiro padrão e tente de novo."
	msgBusError    = "O cofre de senhas do sistema (Secret Service) respondeu com um erro. Tente de novo; se continuar, reinicie o gnome-keyring ou saia e entre de novo na sessão."
	msgMismatch    = "O cofre de senhas do sistema não devolveu o mesmo dado que acabou de gravar. Reinicie o cofre (no Linux, o gnome-keyring) ou saia e entre de novo na sessão."
	msgTooBig      = "O cofre de senhas do sistema recusou o segredo por ser grande demais. Tente de novo; se continuar, informe o suporte."
)

// D-Bus error names that get their own message.
const (
	dbusServiceUnknown = "org.freedesktop.DBus.Error.ServiceUnknown"
	dbusUnknownObject  = "org.freedesktop.DBus.Error.UnknownObject"
	dbusNoReply        = "org.freedesktop.DBus.Error.NoReply"
	dbusTimeout        = "org.freedesktop.DBus.Error.Timeout"
	dbusDisconnected   = "org.freedesktop.DBus.Error.Disconnected"
	secretIsLocked     = "org.freedesktop.Secret.Error.IsLocked"
)

// failure is the cause kept inside the *apperr.Error: what was being done, to
// which key, which sentinel it maps to, and the backend error for the log.
// It never holds a secret, a chunk or a hash.
type failure struct {
	op     string // "put", "get", "delete", "check"
	key    string // the user-level key (keys are names, not secrets)
	detail string // what went wrong, when there is no backend error
	kind   error  // ErrNotFound, ErrUnavailable, ErrCorrupt or nil
	err    error  // the backend error, or nil
}

func (f *failure) Error() string {
	var b strings.Builder
	b.WriteString("keychain ")
	b.WriteString(f.op)
	if f.key != "" {
		b.WriteString(" ")
		b.WriteString(f.key)
	}
	if f.detail != "" {
		b.WriteString(": ")
		b.WriteString(f.detail)
	}
	if f.err != nil {
		b.WriteString(": ")
		b.WriteString(f.err.Error())
	}
	return b.String()
}

func (f *failure) Unwrap() []error {
	errs := make([]error, 0, 2)
	if f.kind != nil {
		errs = append(errs, f.kind)
	}
	if f.err != nil {
		errs = append(errs, f.err)
	}
	return errs
}

// corrupt reports stored items that do not form a valid secret. detail must
// not quote any stored value.
func corrupt(op, key, detail string) error {
	return apperr.Wrap(ErrCorrupt.Code, &failure{op: op, key: key, detail: detail, kind: ErrCorrupt}, ErrCorrupt.Message)
}

// backendError maps an error of the Backend to an *apperr.Error. stored is
// the value that was being written, if any: a backend error whose text
// contains it is replaced, so the value cannot travel on in a log line.
func backendError(op, key string, err error, stored string) error {
	code, message, kind := classify(err)
	cause := err
	if stored != "" && strings.Contains(err.Error(), stored) {
		cause = errors.New("backend error withheld: its text contained the stored value")
	}
	return apperr.Wrap(code, &failure{op: op, key: key, kind: kind, err: cause}, message)
}

// classify picks the code, user message and sentinel for a Backend error.
// It recognises the errors go-keyring and godbus return on Linux by type
// where they have one and by text otherwise (a Backend may flatten them).
func classify(err error) (code, message string, kind error) {
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound.Code, ErrNotFound.Message, ErrNotFound
	}
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		// Chunking keeps every item under the smallest known limit, so this
		// is a defect, not a missing keychain.
		return apperr.CodeInternal, msgTooBig, nil
	}
	return apperr.CodeUnavailable, unavailableMessage(err), ErrUnavailable
}

// unavailableMessage chooses the one sentence that tells the user what to
// install, start or unlock.
func unavailableMessage(err error) string {
	text := err.Error()
	var busErr dbus.Error
	isBusErr := errors.As(err, &busErr)
	var execErr *exec.Error
	var exitErr *exec.ExitError
	switch {
	// No session bus: godbus tried to start one with dbus-launch, which is
	// missing or failed (it needs X11), or it found no address at all.
	case errors.As(err, &execErr) && strings.Contains(execErr.Name, "dbus-launch"),
		strings.Contains(text, `"dbus-launch"`),
		strings.Contains(text, "couldn't determine address of session bus"),
		errors.As(err, &exitErr) && onSecretService():
		return msgNoSession

	// The address points at a bus that is gone.
	case strings.Contains(text, "dial unix"),
		isBusErr && (busErr.Name == dbusNoReply || busErr.Name == dbusTimeout || busErr.Name == dbusDisconnected),
		errors.Is(err, dbus.ErrClosed):
		return msgDeadBus

	// The bus works but nobody provides org.freedesktop.secrets.
	case isBusErr && busErr.Name == dbusServiceUnknown,
		strings.Contains(text, "org.freedesktop.secrets was not provided"):
		return msgNoProvider

	// The collection stayed locked (no unlocked login keyring, prompt dismissed).
	case strings.Contains(text, "failed to unlock correct collection"),
		isBusErr && busErr.Name == secretIsLocked:
		return msgLocked

	// No default collection (the alias points nowhere).
	case isBusErr && busErr.Name == dbusUnknownObject,
		strings.Contains(text, "No such object path '/org/freedesktop/secrets"):
		return msgNoDefault

	case isBusErr, strings.Contains(text, "dbus"), strings.Contains(text, "org.freedesktop"):
		return msgBusError
	}
	return msgUnavailable
}

// onSecretService reports whether go-keyring talks to the Secret Service
// here, where the only program it runs is dbus-launch (on macOS it runs
// /usr/bin/security, whose exit codes mean other things).
func onSecretService() bool {
	return runtime.GOOS != "darwin" && runtime.GOOS != "windows"
}
