package issuing

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"boletos/internal/apperr"
	"boletos/internal/inter"
	"boletos/internal/store"
)

// bankDocumentStates are the states in which the bank has a document for the
// boleto (it was registered).
var bankDocumentStates = map[store.State]bool{
	store.StateIssued: true, store.StateOverdue: true, store.StatePaid: true,
	store.StateCancelRequested: true, store.StateCancelled: true,
	store.StateExpired: true, store.StateProtested: true,
}

// BankPDF returns Banco Inter's own PDF of a registered boleto ("Baixar PDF
// do banco"), an alternative to the one we print. It is fetched through the
// API once and then read from Config.PDFCacheDir.
func (s *Service) BankPDF(ctx context.Context, id int64) ([]byte, error) {
	b, err := s.st.GetBoleto(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.CodigoSolicitacao == "" || !bankDocumentStates[b.State] {
		return nil, apperr.New(apperr.CodeInvalid, fmt.Sprintf(
			"O boleto %s ainda não foi registrado no banco (%s): não há PDF do banco para baixar.",
			b.SeuNumero, store.StateLabel(b.State)))
	}
	path := ""
	if s.cfg.PDFCacheDir != "" {
		path = filepath.Join(s.cfg.PDFCacheDir, fmt.Sprint(b.AccountID), b.CodigoSolicitacao+".pdf")
		if data, err := os.ReadFile(path); err == nil && isPDF(data) {
			return data, nil
		}
	}
	bank, err := s.cfg.Clients.Client(ctx, b.AccountID)
	if err != nil {
		return nil, err
	}
	data, err := bank.PDF(ctx, b.CodigoSolicitacao)
	if err != nil {
		return nil, apperr.Wrap(apperr.CodeUnavailable, err, "Não foi possível baixar o PDF do banco: "+inter.UserMessage(err))
	}
	if !isPDF(data) {
		return nil, apperr.New(apperr.CodeUnavailable, "O banco devolveu um arquivo que não é PDF. Tente de novo mais tarde ou imprima o boleto pelo programa.")
	}
	if path != "" {
		if err := writeFileAtomic(path, data); err != nil {
			s.log.Warn("caching the bank's PDF", "boleto", b.ID, "err", err)
		}
	}
	return data, nil
}

func isPDF(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF")) }

// writeFileAtomic writes through a temporary file in the same folder, so a
// crash never leaves half a PDF in the cache.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pdf-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
