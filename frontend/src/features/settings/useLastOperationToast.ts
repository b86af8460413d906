import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { getSettings } from '../../lib/backend';
import { operationTitle } from './LastOperationNotice';

const SHOWN_KEY = 'boletos.lastOperationShown';

/**
 * After a restart that moved the data folder or restored a backup, says how it went wherever
 * the program opens (the desktop window starts on the Painel). Configurações shows the full
 * notice itself, so nothing pops up there; and a reload of the same session does not repeat it.
 */
export function useLastOperationToast() {
  const { pathname } = useLocation();
  const onSettings = pathname.startsWith('/configuracoes');
  useEffect(() => {
    if (onSettings) return;
    let live = true;
    getSettings()
      .then((s) => {
        const op = s.lastOperation;
        if (!live || !op || sessionStorage.getItem(SHOWN_KEY) === s.sessionStarted) return;
        sessionStorage.setItem(SHOWN_KEY, s.sessionStarted);
        const need = op.needCredentials ?? [];
        const extra = op.ok && need.length > 0 ? ` Cadastre de novo o certificado e o client secret de ${need.join(', ')} em Contas bancárias.` : '';
        notifications.show({ title: operationTitle(op), message: op.message + extra, color: op.ok ? 'green' : 'red', autoClose: false });
      })
      .catch(() => undefined); // Configurações shows it anyway
    return () => {
      live = false;
    };
    // Once per start of the page: later navigations must not ask again.
  }, []);
}
