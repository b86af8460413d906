// Event names sent by the backend; they mirror the constants in app/events.go.
export const EVENT_BOLETO_CHANGED = 'boleto:changed';
export const EVENT_BATCH_PROGRESS = 'batch:progress';
export const EVENT_RETORNO_FINISHED = 'retorno:finished';
export const EVENT_NOTICE = 'app:notice';
export const EVENT_MAIL_CHANGED = 'mail:changed';
export const EVENT_NOTIFICATION_NEW = 'notification:new';
export const EVENT_NOTIFICATION_OPEN = 'notification:open';

/** Payload of EVENT_NOTICE: a message for the user outside a call's answer. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Payload of EVENT_BOLETO_CHANGED; `state` may equal `previousState` when only data changed. */
export interface BoletoChanged {
  id: number;
  state: string;
  previousState: string;
}

/** Payload of EVENT_BATCH_PROGRESS, at most every 100 ms while an issuing batch runs. */
export interface BatchProgress {
  job: string;
  done: number;
  failed: number;
  remaining: number;
  total: number;
}

/** Payload of EVENT_RETORNO_FINISHED: one account's cycle; `error` is "" when it worked. */
export interface RetornoFinished {
  accountId: number;
  changed: number;
  calls: number;
  at: string;
  error: string;
}

/** One entry of the notification list (mirrors app.NotificationDTO). */
export interface NotificationItem {
  id: number;
  kind: 'paid' | 'issue_failed' | 'certificate_expiring' | 'certificate_expired' | 'sync_failing' | string;
  title: string;
  body: string;
  accountId: number;
  boletoId: number;
  /** The screen it is about ("/boletos/12", "/contas/3"); "" when none. */
  route: string;
  createdAt: string;
  read: boolean;
}

/** Payload of EVENT_NOTIFICATION_NEW: the notifications of one burst and their summary. */
export interface NotificationBatch {
  items: NotificationItem[];
  title: string;
  body: string;
  route: string;
}

/** Payload of EVENT_NOTIFICATION_OPEN: the user clicked a notification of the system. */
export interface NotificationOpen {
  route: string;
}
