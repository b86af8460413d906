// Which multi-select actions apply to the selected rows, and, when one does not, why — the
// reason is what the disabled button's tooltip says. Pure functions.

import type { BoletoRow } from '../../../lib/backend';
import { CANCELLABLE_STATES, ISSUABLE_STATES } from '../states';

/** The most boletos one PDF takes (printjob.MaxBoletos). */
export const MAX_PRINT = 1000;

const NOTHING_SELECTED = 'Marque na lista os boletos para esta ação.';

function others(rows: BoletoRow[], allowed: readonly string[]): number {
  return rows.filter((r) => !allowed.includes(r.state)).length;
}

function some(n: number): string {
  return n === 1 ? '1 dos selecionados não é' : `${n} dos selecionados não são`;
}

/** "Emitir": only drafts and failed boletos go (again) to the bank. */
export function issueBlocker(rows: BoletoRow[]): string | undefined {
  if (rows.length === 0) return NOTHING_SELECTED;
  const n = others(rows, ISSUABLE_STATES);
  if (n > 0) return `Só rascunhos e boletos com falha na emissão podem ser emitidos: ${some(n)}.`;
  return undefined;
}

/** "Cancelar boletos": only issued or overdue boletos can be cancelled at the bank. */
export function cancelBlocker(rows: BoletoRow[]): string | undefined {
  if (rows.length === 0) return NOTHING_SELECTED;
  const n = others(rows, CANCELLABLE_STATES);
  if (n > 0) return `Só boletos emitidos ou vencidos podem ser cancelados no banco: ${some(n)}.`;
  return undefined;
}

/** Imprimir / Salvar PDF / carnê: any boleto prints (drafts and cancelled ones marked "sem valor"). */
export function printBlocker(rows: BoletoRow[]): string | undefined {
  if (rows.length === 0) return NOTHING_SELECTED;
  if (rows.length > MAX_PRINT) {
    return `Imprima no máximo ${MAX_PRINT.toLocaleString('pt-BR')} boletos por vez; há ${rows.length.toLocaleString('pt-BR')} selecionados.`;
  }
  return undefined;
}

/** True when some selected boleto has no barcode yet or no value anymore: it prints watermarked. */
export function printsWithoutValue(rows: BoletoRow[]): boolean {
  return rows.some((r) => !['issued', 'overdue', 'paid', 'protested'].includes(r.state));
}
