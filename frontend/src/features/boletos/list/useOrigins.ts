import { useEffect, useState } from 'react';
import { getDocument, listDocumentKinds, type StateOption } from '../../../lib/backend';
import { documentTitle, originLabel } from '../../documents/labels';

/** The origin kinds to filter by, labelled for the list; none when they cannot be read (the filter hides). */
export function useDocumentKinds(): StateOption[] {
  const [kinds, setKinds] = useState<StateOption[]>([]);
  useEffect(() => {
    let current = true;
    listDocumentKinds().then(
      (list) => {
        if (current) setKinds((list ?? []).map((k) => ({ value: k.value, label: originLabel(k.label) })));
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  return kinds;
}

export type DocumentLabel = { status: 'loading' } | { status: 'ready'; label: string } | { status: 'missing' };

/** The name of the document the list is filtered by ("NF-e 1234 série 1"); 0 = none. */
export function useDocumentLabel(id: number): DocumentLabel {
  const [state, setState] = useState<{ id: number; label: DocumentLabel }>({ id: 0, label: { status: 'loading' } });
  useEffect(() => {
    if (id <= 0) return;
    let current = true;
    getDocument(id).then(
      (d) => {
        if (current) setState({ id, label: { status: 'ready', label: documentTitle(d) } });
      },
      () => {
        if (current) setState({ id, label: { status: 'missing' } });
      },
    );
    return () => {
      current = false;
    };
  }, [id]);
  return state.id === id ? state.label : { status: 'loading' };
}
