import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, listBoletos, type BackendError, type BoletoPage } from '../../../lib/backend';
import { toBoletoFilter, type ListFilters } from './filters';

export type ListState =
  | { status: 'loading' }
  | { status: 'ready'; page: BoletoPage; filters: ListFilters; refreshing: boolean }
  | { status: 'error'; error: BackendError };

/**
 * One page of the list for `filters`. A change of filters shows the old page (marked
 * refreshing) until the new one comes; `refresh()` reloads the same page in the background
 * (after events). An older answer never replaces a newer one.
 */
export function useBoletoList(filters: ListFilters) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const latest = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = useCallback(() => {
    const request = ++latest.current;
    const wanted = filtersRef.current;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : s));
    listBoletos(toBoletoFilter(wanted)).then(
      (page) => {
        if (request === latest.current) setState({ status: 'ready', page, filters: wanted, refreshing: false });
      },
      (err: unknown) => {
        if (request === latest.current) {
          setState({ status: 'error', error: asBackendError(err, 'Não foi possível carregar os boletos.') });
        }
      },
    );
  }, []);

  const key = JSON.stringify(filters);
  useEffect(() => {
    load();
  }, [key, load]);

  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );

  return { state, refresh: load };
}
