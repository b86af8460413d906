import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { asBackendError, searchPayers, type BackendError, type PayerView } from '../../../lib/backend';

/** How long typing must pause before the register is searched. */
export const PAYER_SEARCH_DEBOUNCE_MS = 300;
/** How many payers the picker offers; the user narrows the query to see others. */
export const PAYER_OPTIONS_LIMIT = 8;

export type PayerOptionsState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; payers: PayerView[]; query: string }
  | { status: 'error'; error: BackendError };

/**
 * The saved payers whose name or CPF/CNPJ matches `query`, searched once typing pauses. An
 * empty query searches nothing. A slower answer to an older query never replaces a newer one.
 */
export function usePayerOptions(query: string): PayerOptionsState {
  const trimmed = query.trim();
  const [debounced] = useDebouncedValue(trimmed, PAYER_SEARCH_DEBOUNCE_MS);
  const [state, setState] = useState<PayerOptionsState>({ status: 'idle' });

  useEffect(() => {
    if (debounced === '') {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    searchPayers(debounced, PAYER_OPTIONS_LIMIT).then(
      (payers) => {
        if (current) setState({ status: 'ready', payers, query: debounced });
      },
      (err: unknown) => {
        if (current) {
          setState({ status: 'error', error: asBackendError(err, 'Não foi possível buscar os pagadores.') });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [debounced]);

  if (trimmed === '') return { status: 'idle' };
  return state;
}
