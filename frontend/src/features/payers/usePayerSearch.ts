import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { asBackendError, searchPayers, type BackendError, type PayerView } from '../../lib/backend';

/** How long typing must pause before the list is searched again. */
export const SEARCH_DEBOUNCE_MS = 300;
/** The most payers one search shows; the user narrows the query to see others. */
export const SEARCH_LIMIT = 100;

export type PayerSearchState =
  | { status: 'loading' }
  | { status: 'ready'; payers: PayerView[]; query: string }
  | { status: 'error'; error: BackendError };

/**
 * Searches the payers for `query` once typing pauses. `reload` searches again at once (after a
 * save or a delete). A slower answer to an older query never replaces a newer one.
 */
export function usePayerSearch(query: string): { state: PayerSearchState; reload: () => void } {
  const [debounced] = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<PayerSearchState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    searchPayers(debounced, SEARCH_LIMIT).then(
      (payers) => {
        if (current) setState({ status: 'ready', payers, query: debounced });
      },
      (err: unknown) => {
        if (!current) return;
        setState({
          status: 'error',
          error: asBackendError(err, 'Não foi possível carregar os pagadores. Tente de novo.'),
        });
      },
    );
    return () => {
      current = false;
    };
  }, [debounced, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
