// The filters of the Boletos list and their place in the URL query (#/boletos?situacao=…), so
// back/forward, reload and a copied link all show the same list. Pure functions.

import type { BoletoFilter } from '../../../lib/backend';
import { isBoletoState } from '../states';

/** Rows per page. The store pages on the server: the list never loads more than this. */
export const PAGE_SIZE = 50;

export type ListOrder = '' | 'due_date' | 'paid';

export interface ListFilters {
  /** State codes; empty = every state. */
  states: string[];
  /** YYYY-MM-DD or "" (open end). */
  dueFrom: string;
  dueTo: string;
  paidFrom: string;
  paidTo: string;
  /** Name, CPF/CNPJ, seu número or nosso número. */
  text: string;
  /** 0 = every account. */
  accountId: number;
  /** Origin document kinds ("nfe", "sales_order", "avulso"…); empty = any origin. */
  documentKinds: string[];
  /** One origin document (its boletos only); 0 = any. */
  documentId: number;
  order: ListOrder;
  /** 1-based. */
  page: number;
}

export const EMPTY_FILTERS: ListFilters = {
  states: [],
  dueFrom: '',
  dueTo: '',
  paidFrom: '',
  paidTo: '',
  text: '',
  accountId: 0,
  documentKinds: [],
  documentId: 0,
  order: '',
  page: 1,
};

export interface Preset {
  label: string;
  states: string[];
}

/** Quick state filters, in the order the clerk looks for them. */
export const PRESETS: Preset[] = [
  { label: 'Em aberto', states: ['issued', 'overdue'] },
  { label: 'Vencidos', states: ['overdue'] },
  { label: 'Liquidados', states: ['paid'] },
  { label: 'Rascunhos', states: ['draft'] },
  { label: 'Com falha', states: ['failed'] },
];

export const ORDERS: { value: ListOrder; label: string }[] = [
  { value: '', label: 'Mais recentes primeiro' },
  { value: 'due_date', label: 'Vencimento' },
  { value: 'paid', label: 'Data do pagamento' },
];

// Query parameter names (pt-BR: the user may read or share the address).
const P = {
  states: 'situacao',
  dueFrom: 'vencDe',
  dueTo: 'vencAte',
  paidFrom: 'pagoDe',
  paidTo: 'pagoAte',
  text: 'busca',
  accountId: 'conta',
  documentKinds: 'origem',
  documentId: 'doc',
  order: 'ordem',
  page: 'pagina',
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An origin kind code: lower-case letters and underscores. */
const KIND_CODE = /^[a-z][a-z_]*$/;

function date(value: string | null): string {
  return value && ISO_DATE.test(value) ? value : '';
}

function positiveInt(value: string | null): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** Reads the filters from the query; whatever cannot be read is left out. */
export function filtersFromParams(params: URLSearchParams): ListFilters {
  const states = (params.get(P.states) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s, i, all) => isBoletoState(s) && all.indexOf(s) === i);
  const documentKinds = (params.get(P.documentKinds) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s, i, all) => KIND_CODE.test(s) && all.indexOf(s) === i);
  const order = params.get(P.order);
  return {
    states,
    dueFrom: date(params.get(P.dueFrom)),
    dueTo: date(params.get(P.dueTo)),
    paidFrom: date(params.get(P.paidFrom)),
    paidTo: date(params.get(P.paidTo)),
    text: params.get(P.text) ?? '',
    accountId: positiveInt(params.get(P.accountId)),
    documentKinds,
    documentId: positiveInt(params.get(P.documentId)),
    order: order === 'due_date' || order === 'paid' ? order : '',
    page: positiveInt(params.get(P.page)) || 1,
  };
}

/** The query of the filters; what is at its default is left out, so the address stays short. */
export function filtersToParams(f: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.states.length > 0) params.set(P.states, f.states.join(','));
  if (f.dueFrom) params.set(P.dueFrom, f.dueFrom);
  if (f.dueTo) params.set(P.dueTo, f.dueTo);
  if (f.paidFrom) params.set(P.paidFrom, f.paidFrom);
  if (f.paidTo) params.set(P.paidTo, f.paidTo);
  if (f.text.trim()) params.set(P.text, f.text);
  if (f.accountId > 0) params.set(P.accountId, String(f.accountId));
  if (f.documentKinds.length > 0) params.set(P.documentKinds, f.documentKinds.join(','));
  if (f.documentId > 0) params.set(P.documentId, String(f.documentId));
  if (f.order) params.set(P.order, f.order);
  if (f.page > 1) params.set(P.page, String(f.page));
  return params;
}

/** The backend's filter for one page of the list. */
export function toBoletoFilter(f: ListFilters): BoletoFilter {
  return {
    accountId: f.accountId,
    states: f.states,
    dueFrom: f.dueFrom,
    dueTo: f.dueTo,
    paidFrom: f.paidFrom,
    paidTo: f.paidTo,
    payerId: 0,
    documentKinds: f.documentKinds,
    documentId: f.documentId,
    text: f.text.trim(),
    order: f.order,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  };
}

/** True when something narrows the list (the order and the page do not). */
export function hasActiveFilters(f: ListFilters): boolean {
  return (
    f.states.length > 0 ||
    f.dueFrom !== '' ||
    f.dueTo !== '' ||
    f.paidFrom !== '' ||
    f.paidTo !== '' ||
    f.text.trim() !== '' ||
    f.accountId > 0 ||
    f.documentKinds.length > 0 ||
    f.documentId > 0
  );
}

/** The filters without any narrowing, keeping the order. */
export function clearedFilters(f: ListFilters): ListFilters {
  return { ...EMPTY_FILTERS, order: f.order };
}

/** The preset whose states are exactly `states`, if any. */
export function activePreset(states: string[]): Preset | undefined {
  return PRESETS.find((p) => p.states.length === states.length && p.states.every((s) => states.includes(s)));
}
