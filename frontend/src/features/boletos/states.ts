// The local boleto states (docs/DESIGN.md) as the screens group them. The backend is the source
// of the labels (listBoletoStates); these are the codes the screens branch on.

export type BoletoState =
  | 'draft'
  | 'queued'
  | 'sending'
  | 'processing'
  | 'issued'
  | 'overdue'
  | 'paid'
  | 'cancel_requested'
  | 'cancelled'
  | 'expired'
  | 'failed'
  | 'protested';

/** The labels of the states, for when a row comes without one (never expected). */
export const STATE_LABELS: Record<BoletoState, string> = {
  draft: 'Rascunho',
  queued: 'Na fila',
  sending: 'Enviando',
  processing: 'Em processamento',
  issued: 'Emitido',
  overdue: 'Vencido',
  paid: 'Liquidado',
  cancel_requested: 'Cancelando',
  cancelled: 'Cancelado',
  expired: 'Expirado',
  failed: 'Falha na emissão',
  protested: 'Protesto',
};

/** On the way to the bank: the detail follows them live until they settle. */
export const IN_FLIGHT_STATES: readonly string[] = ['queued', 'sending', 'processing'];

/** What "Emitir" accepts: saved drafts and boletos whose emission failed. */
export const ISSUABLE_STATES: readonly string[] = ['draft', 'failed'];

/** What the bank can cancel (baixa): open boletos. */
export const CANCELLABLE_STATES: readonly string[] = ['issued', 'overdue'];

export function isBoletoState(value: string): value is BoletoState {
  return value in STATE_LABELS;
}
