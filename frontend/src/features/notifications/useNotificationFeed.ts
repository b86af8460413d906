import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { countUnreadNotifications, getNotificationSettings, isDesktop, onEvent } from '../../lib/backend';
import {
  EVENT_NOTIFICATION_NEW,
  EVENT_NOTIFICATION_OPEN,
  type NotificationBatch,
  type NotificationOpen,
} from '../../lib/events';
import { kindLook } from './kinds';

export interface NotificationFeed {
  /** The number on the bell; null until known (or when it could not be read). */
  unread: number | null;
  setUnread: (n: number) => void;
  /** Bumped at each batch of new notifications, so an open list reloads. */
  version: number;
  refresh: () => void;
}

/**
 * The live side of the notifications, for as long as the shell lives: the unread count, a
 * toast for each batch of new notifications (one per burst: the backend coalesces them), the
 * browser's own notification in the browser mode when the page is hidden and the user allowed
 * it, and the screen of a system notification the user clicked.
 */
export function useNotificationFeed(): NotificationFeed {
  const [unread, setUnread] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const navigate = useNavigate();
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latest.current;
    countUnreadNotifications().then(
      (n) => {
        if (request === latest.current) setUnread(n);
      },
      () => {
        // The bell stays without a number; the list says what went wrong when opened.
      },
    );
  }, []);

  const set = useCallback((n: number) => {
    latest.current++;
    setUnread(n);
  }, []);

  useEffect(() => {
    refresh();
    const offNew = onEvent<NotificationBatch>(EVENT_NOTIFICATION_NEW, (batch) => {
      refresh();
      setVersion((v) => v + 1);
      const look = kindLook(batch.items?.[0]?.kind ?? '');
      notifications.show({
        title: batch.title,
        message: batch.body,
        color: look.color,
        autoClose: 8000,
      });
      showInBrowser(batch);
    });
    const offOpen = onEvent<NotificationOpen>(EVENT_NOTIFICATION_OPEN, ({ route }) => {
      if (route) navigate(route);
    });
    return () => {
      offNew();
      offOpen();
    };
  }, [refresh, navigate]);

  return { unread, setUnread: set, version, refresh };
}

/**
 * In the browser mode the program cannot reach the system's notifications itself: the page
 * shows one through the browser, when it is not in view, the user allowed it and "Notificações
 * do sistema" is on.
 */
function showInBrowser(batch: NotificationBatch): void {
  if (isDesktop() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (!document.hidden) return;
  getNotificationSettings().then(
    (settings) => {
      if (!settings.system) return;
      try {
        new Notification(batch.title, { body: batch.body, tag: 'boletos' });
      } catch {
        // Some browsers only allow notifications from a service worker: the toast is there.
      }
    },
    () => {},
  );
}
