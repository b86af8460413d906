import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, BackendError, getBoleto, onEvent, type BoletoDetail } from '../../../lib/backend';
import { EVENT_BOLETO_CHANGED, type BoletoChanged } from '../../../lib/events';

export type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; detail: BoletoDetail }
  | { status: 'error'; error: BackendError };

/** States a boleto passes through on its way to "Emitido". */
const BEFORE_ISSUED = ['draft', 'failed', 'queued', 'sending', 'processing'];

/**
 * The boleto `id`, read again whenever the backend says it changed (boleto:changed), so the
 * page follows Na fila → Em processamento → Emitido by itself. `justIssued` turns true when
 * this visit saw the boleto become "Emitido" (the moment to offer printing).
 */
export function useBoletoDetail(id: number) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [justIssued, setJustIssued] = useState(false);
  const latest = useRef(0);
  const seenState = useRef<string | null>(null);

  const accept = useCallback((detail: BoletoDetail) => {
    const before = seenState.current;
    seenState.current = detail.row.state;
    if (before !== null && BEFORE_ISSUED.includes(before) && detail.row.state === 'issued') setJustIssued(true);
    setState({ status: 'ready', detail });
  }, []);

  const load = useCallback(() => {
    const request = ++latest.current;
    if (id <= 0) {
      setState({
        status: 'error',
        error: new BackendError('not_found', 'Este endereço não corresponde a nenhum boleto.'),
      });
      return;
    }
    getBoleto(id).then(
      (detail) => {
        if (request === latest.current) accept(detail);
      },
      (err: unknown) => {
        if (request === latest.current) {
          setState({ status: 'error', error: asBackendError(err, 'Não foi possível carregar o boleto.') });
        }
      },
    );
  }, [id, accept]);

  useEffect(() => {
    seenState.current = null;
    setJustIssued(false);
    setState({ status: 'loading' });
    load();
    return () => {
      latest.current++;
    };
  }, [load]);

  useEffect(
    () =>
      onEvent<BoletoChanged>(EVENT_BOLETO_CHANGED, (event) => {
        if (event.id === id) load();
      }),
    [id, load],
  );

  /** Takes a detail an action already returned. */
  const replace = useCallback(
    (detail: BoletoDetail) => {
      latest.current++;
      accept(detail);
    },
    [accept],
  );

  return { state, reload: load, replace, justIssued, dismissIssued: () => setJustIssued(false) };
}
