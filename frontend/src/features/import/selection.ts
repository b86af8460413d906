// Which documents of a preview are imported, and what an import did. Pure functions.

import type { ImportDocView, ImportResult } from '../../lib/backend';

/** The user's own ticks and unticks, by document key; the rest follow defaultChecked. */
export type Choices = Readonly<Record<string, boolean>>;

/** A document with errors, or with nothing to charge, cannot be imported. */
export function isSelectable(doc: ImportDocView): boolean {
  return (doc.errors ?? []).length === 0 && (doc.installments ?? []).length > 0;
}

/** The installments that do not have a boleto yet. */
export function pendingInstallments(doc: ImportDocView) {
  return (doc.installments ?? []).filter((i) => !i.imported);
}

/** Imported before and every installment already has its boleto. */
export function isFullyImported(doc: ImportDocView): boolean {
  return doc.documentId !== 0 && pendingInstallments(doc).length === 0;
}

/** Ticked at first: what can be imported and still has something to create. */
export function defaultChecked(doc: ImportDocView): boolean {
  return isSelectable(doc) && pendingInstallments(doc).length > 0;
}

export function isChecked(doc: ImportDocView, choices: Choices): boolean {
  return isSelectable(doc) && (choices[doc.key] ?? defaultChecked(doc));
}

/** The keys of the documents to leave out (unticked, or not importable). */
export function skipKeys(docs: ImportDocView[], choices: Choices): string[] {
  return docs.filter((d) => !isChecked(d, choices)).map((d) => d.key);
}

export interface SelectionCount {
  documents: number;
  /** The boletos the ticked documents would become (installments that have none yet). */
  boletos: number;
}

export function selectionCount(docs: ImportDocView[], choices: Choices): SelectionCount {
  const ticked = docs.filter((d) => isChecked(d, choices));
  return { documents: ticked.length, boletos: ticked.reduce((n, d) => n + pendingInstallments(d).length, 0) };
}

export interface ResultCount {
  created: number;
  /** Installments that already had a boleto: not created again. */
  existing: number;
  /** Documents that were not imported, with the reason. */
  failed: { label: string; file: string; error: string }[];
}

export function resultCount(result: ImportResult): ResultCount {
  const outcomes = result.outcomes ?? [];
  return {
    created: result.created,
    existing: outcomes.reduce((n, o) => n + o.skipped, 0),
    failed: outcomes.filter((o) => o.error).map((o) => ({ label: o.label, file: o.file, error: o.error })),
  };
}

/** "1 boleto", "3 boletos". */
export function boletosText(n: number): string {
  return n === 1 ? '1 boleto' : `${n} boletos`;
}

/** "1 documento", "3 documentos". */
export function documentsText(n: number): string {
  return n === 1 ? '1 documento' : `${n} documentos`;
}

/** "pedido de venda 500" → "Pedido de venda 500": a kind's label starting a line. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
