import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { onEvent } from '../lib/backend';
import { EVENT_NOTICE, type Notice } from '../lib/events';

const titles: Record<Notice['level'], string> = {
  info: 'Aviso',
  warning: 'Atenção',
  error: 'Erro',
};
const colors: Record<Notice['level'], string> = { info: 'blue', warning: 'yellow', error: 'red' };

/** Shows every notice the backend sends as a notification, for as long as the shell lives. */
export function useNotices(): void {
  useEffect(
    () =>
      onEvent<Notice>(EVENT_NOTICE, (notice) => {
        const level = notice.level in titles ? notice.level : 'info';
        notifications.show({
          title: titles[level],
          message: notice.message,
          color: colors[level],
          autoClose: level === 'info' ? 6000 : false,
        });
      }),
    [],
  );
}
