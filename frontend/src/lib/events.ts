// Event names sent by the backend; they mirror the constants in app/events.go.
export const EVENT_BOLETO_CHANGED = 'boleto:changed';
export const EVENT_BATCH_PROGRESS = 'batch:progress';
export const EVENT_RETORNO_FINISHED = 'retorno:finished';
export const EVENT_NOTICE = 'app:notice';
export const EVENT_MAIL_CHANGED = 'mail:changed';

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
