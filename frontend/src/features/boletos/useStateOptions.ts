import { useEffect, useState } from 'react';
import { listBoletoStates, type StateOption } from '../../lib/backend';
import { STATE_LABELS, type BoletoState } from './states';

const FALLBACK: StateOption[] = Object.entries(STATE_LABELS).map(([value, label]) => ({
  value: value as BoletoState,
  label,
}));

/**
 * The boleto states in lifecycle order with the backend's labels. Until (or unless) the backend
 * answers, the built-in labels stand in: the filters never wait for this call.
 */
export function useStateOptions(): StateOption[] {
  const [options, setOptions] = useState<StateOption[]>(FALLBACK);
  useEffect(() => {
    let current = true;
    listBoletoStates().then(
      (list) => {
        if (current && list && list.length > 0) setOptions(list);
      },
      () => {
        // Keep the built-in labels.
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return options;
}
