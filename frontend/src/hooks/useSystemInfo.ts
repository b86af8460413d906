import { useEffect, useState } from 'react';
import { BackendError, getSystemInfo, type SystemInfo } from '../lib/backend';

export type SystemInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: SystemInfo }
  | { status: 'error'; error: BackendError };

/** Asks the backend once for its version and data folder. */
export function useSystemInfo(): SystemInfoState {
  const [state, setState] = useState<SystemInfoState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    getSystemInfo().then(
      (info) => {
        if (current) setState({ status: 'ready', info });
      },
      (err: unknown) => {
        if (!current) return;
        const error =
          err instanceof BackendError
            ? err
            : new BackendError('unexpected', 'Não foi possível ler a versão do programa.');
        setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  return state;
}
