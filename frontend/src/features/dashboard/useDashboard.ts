import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  asBackendError,
  getDashboard,
  listBoletos,
  onEvent,
  type BackendError,
  type DashboardDTO,
  type DashboardQueryDTO,
} from '../../lib/backend';
import { EVENT_BOLETO_CHANGED, EVENT_RETORNO_FINISHED } from '../../lib/events';

/** Changes come in bursts (a batch, a sync): read the Painel again once they pause. */
export const REFRESH_DEBOUNCE_MS = 500;

/** One row of every boleto: tells a fresh install (no boleto at all) from an empty period. */
const ANY_BOLETO = {
  accountId: 0, states: [], dueFrom: '', dueTo: '', paidFrom: '', paidTo: '', payerId: 0,
  documentKinds: [], documentId: 0, text: '', order: '', limit: 1, offset: 0,
};

export type DashboardState =
  | { status: 'loading' }
  | { status: 'error'; error: BackendError }
  | { status: 'ready'; data: DashboardDTO; anyBoleto: boolean; refreshing: boolean };

/** The Painel's data for `query`, read again after boleto changes and retorno cycles. */
export function useDashboard(query: DashboardQueryDTO) {
  const [state, setState] = useState<DashboardState>({ status: 'loading' });
  const key = JSON.stringify(query);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    setState((old) => (old.status === 'ready' ? { ...old, refreshing: true } : { status: 'loading' }));
    try {
      const q = JSON.parse(key) as DashboardQueryDTO;
      const [data, any] = await Promise.all([getDashboard(q), listBoletos(ANY_BOLETO)]);
      if (mine === seq.current) setState({ status: 'ready', data, anyBoleto: (any?.total ?? 0) > 0, refreshing: false });
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', error: asBackendError(err, 'Não foi possível carregar o painel.') });
    }
  }, [key]);

  useEffect(() => {
    void load();
  }, [load]);

  const refreshSoon = useDebouncedCallback(() => void load(), { delay: REFRESH_DEBOUNCE_MS, maxWait: 3000 });
  useEffect(() => {
    const offChanged = onEvent(EVENT_BOLETO_CHANGED, () => refreshSoon());
    const offRetorno = onEvent(EVENT_RETORNO_FINISHED, () => refreshSoon());
    return () => {
      offChanged();
      offRetorno();
    };
  }, [refreshSoon]);

  return { state, refresh: load };
}
