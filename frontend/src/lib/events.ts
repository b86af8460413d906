// Event names sent by the backend; they mirror the constants in app/events.go.
export const EVENT_BOLETO_CHANGED = 'boleto:changed';
export const EVENT_BATCH_PROGRESS = 'batch:progress';
export const EVENT_RETORNO_FINISHED = 'retorno:finished';
export const EVENT_NOTICE = 'app:notice';

/** Payload of EVENT_NOTICE: a message for the user outside a call's answer. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}
