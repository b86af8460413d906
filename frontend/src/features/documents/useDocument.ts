import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, BackendError, getDocument, onEvent, type DocumentView } from '../../lib/backend';
import { EVENT_BOLETO_CHANGED, type BoletoChanged } from '../../lib/events';

export type DocumentState =
  | { status: 'loading' }
  | { status: 'ready'; document: DocumentView; refreshing: boolean }
  | { status: 'error'; error: BackendError };

/** Changes come in bursts (a batch): the document is read again once they pause… */
const REFRESH_DEBOUNCE_MS = 400;
/** …but at least this often while they keep coming. */
const REFRESH_MAX_WAIT_MS = 2000;

/**
 * The origin document `id` with its boletos, read again whenever one of them changes
 * (boleto:changed), so their situations follow the bank by themselves.
 */
export function useDocument(id: number) {
  const [state, setState] = useState<DocumentState>({ status: 'loading' });
  const latest = useRef(0);
  const ids = useRef<Set<number>>(new Set());

  const load = useCallback(() => {
    const request = ++latest.current;
    if (id <= 0) {
      setState({ status: 'error', error: new BackendError('not_found', 'Este endereço não corresponde a nenhum documento.') });
      return;
    }
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : s));
    getDocument(id).then(
      (document) => {
        if (request !== latest.current) return;
        ids.current = new Set(document.boletos.map((b) => b.id));
        setState({ status: 'ready', document, refreshing: false });
      },
      (err: unknown) => {
        if (request === latest.current) {
          setState({ status: 'error', error: asBackendError(err, 'Não foi possível carregar o documento.') });
        }
      },
    );
  }, [id]);

  useEffect(() => {
    setState({ status: 'loading' });
    load();
    return () => {
      latest.current++;
    };
  }, [load]);

  const refreshSoon = useDebouncedCallback(load, { delay: REFRESH_DEBOUNCE_MS, maxWait: REFRESH_MAX_WAIT_MS });
  useEffect(
    () =>
      onEvent<BoletoChanged>(EVENT_BOLETO_CHANGED, (event) => {
        if (ids.current.has(event.id)) refreshSoon();
      }),
    [refreshSoon],
  );

  return { state, reload: load };
}
