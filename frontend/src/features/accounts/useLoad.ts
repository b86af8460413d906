import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, type BackendError } from '../../lib/backend';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: BackendError };

/**
 * Loads data from the backend when `key` changes, and again on `reload()`. A newer load wins
 * over an older one still in flight; a load that ends after unmount is ignored. `replace`
 * swaps the data for a value the backend already returned (e.g. the saved account).
 */
export function useLoad<T>(load: () => Promise<T>, key: unknown, fallbackMessage: string) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const request = ++latest.current;
    loadRef.current().then(
      (data) => {
        if (request === latest.current) setState({ status: 'ready', data });
      },
      (err: unknown) => {
        if (request === latest.current) setState({ status: 'error', error: asBackendError(err, fallbackMessage) });
      },
    );
  }, [fallbackMessage]);

  useEffect(() => {
    setState({ status: 'loading' });
    run();
    return () => {
      latest.current++;
    };
  }, [key, run]);

  const replace = useCallback((data: T) => {
    latest.current++;
    setState({ status: 'ready', data });
  }, []);

  return { state, reload: run, replace };
}
