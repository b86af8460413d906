/**
 * `record` without `key`. When it has no such key the same object comes back, so a React state
 * update with it changes nothing.
 */
export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
