import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, getBatch, onEvent, type BackendError, type BatchView } from '../../../lib/backend';
import { EVENT_BATCH_PROGRESS, type BatchProgress } from '../../../lib/events';

/** How often the items are read again while the batch runs, at most. */
const REFRESH_MS = 400;
/** A safety net when an event is missed (e.g. while the event stream reconnects). */
const POLL_MS = 3000;

/**
 * Follows an issuing batch: the counts come with every batch:progress event, the per-item
 * report from getBatch (read again after events, throttled, and once more when it finishes).
 * `apply` takes the answer of pause/resume/cancel/retry.
 */
export function useBatch(initial: BatchView | null) {
  const [view, setView] = useState<BatchView | null>(initial);
  const [error, setError] = useState<BackendError | null>(null);
  const job = initial?.job ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  useEffect(() => {
    setView(initial);
    setError(null);
  }, [initial]);

  const fetchNow = useCallback(() => {
    if (!job) return;
    getBatch(job).then(
      (v) => {
        if (alive.current) setView((old) => (old?.job === v.job ? v : old));
      },
      (err: unknown) => {
        if (alive.current) setError(asBackendError(err, 'Não foi possível ler o andamento do lote.'));
      },
    );
  }, [job]);

  const scheduleFetch = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      fetchNow();
    }, REFRESH_MS);
  }, [fetchNow]);

  useEffect(() => {
    alive.current = true;
    if (!job) return;
    const off = onEvent<BatchProgress>(EVENT_BATCH_PROGRESS, (p) => {
      if (p.job !== job) return;
      setView((old) =>
        old && old.job === p.job
          ? { ...old, done: p.done, failed: p.failed, remaining: p.remaining, total: p.total, finished: p.remaining === 0 }
          : old,
      );
      scheduleFetch();
    });
    // The batch may have moved before we subscribed.
    fetchNow();
    return () => {
      alive.current = false;
      off();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [job, fetchNow, scheduleFetch]);

  const finished = view?.finished ?? true;
  useEffect(() => {
    if (!job || finished) return;
    const poll = setInterval(fetchNow, POLL_MS);
    return () => clearInterval(poll);
  }, [job, finished, fetchNow]);

  // Once finished, read the final report (the last event may come before the last item).
  useEffect(() => {
    if (job && finished) scheduleFetch();
  }, [job, finished, scheduleFetch]);

  const apply = useCallback((v: BatchView) => setView(v), []);
  return { view, error, setError, apply };
}
