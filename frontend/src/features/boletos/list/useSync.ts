import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, onEvent, syncNow, type BackendError } from '../../../lib/backend';
import { EVENT_RETORNO_FINISHED, type RetornoFinished } from '../../../lib/events';

/** How long "Sincronizando…" waits for the bank's answer before giving up on showing it. */
const SYNC_TIMEOUT_MS = 30_000;

/**
 * "Sincronizar agora" and the outcome of the retorno cycles (the last one of each account),
 * whether asked for here or run in the background. `onFinished` runs after every cycle.
 */
export function useSync(onFinished: () => void) {
  const [results, setResults] = useState<Map<number, RetornoFinished>>(new Map());
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(
    () =>
      onEvent<RetornoFinished>(EVENT_RETORNO_FINISHED, (r) => {
        setResults((old) => new Map(old).set(r.accountId, r));
        setSyncing(false);
        finishedRef.current();
      }),
    [],
  );

  useEffect(() => {
    if (!syncing) return;
    const timer = setTimeout(() => setSyncing(false), SYNC_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [syncing]);

  const sync = useCallback(async () => {
    setSyncing(true);
    setError(null);
    try {
      await syncNow();
    } catch (err) {
      setSyncing(false);
      setError(asBackendError(err, 'Não foi possível sincronizar agora. Tente de novo.'));
    }
  }, []);

  return { results: [...results.values()], syncing, error, sync };
}
