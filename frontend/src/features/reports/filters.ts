// The Relatórios filters and their place in the URL query (#/relatorios?aba=…). Pure functions.
import type { ReportFilterDTO, ReportKind } from '../../lib/backend';
import { isoOrEmpty, isPreset, periodOf, type PeriodPreset } from '../dashboard/period';

export const TABS: { kind: ReportKind; slug: string; label: string }[] = [
  { kind: 'receipts', slug: 'recebimentos', label: 'Recebimentos' },
  { kind: 'aging', slug: 'atraso', label: 'Em aberto por atraso' },
  { kind: 'by_payer', slug: 'pagador', label: 'Por pagador' },
];

export type DateField = 'due' | 'issue' | 'paid';
export const DATE_FIELDS: { value: DateField; label: string }[] = [
  { value: 'due', label: 'Vencimento' },
  { value: 'issue', label: 'Emissão' },
  { value: 'paid', label: 'Pagamento' },
];

export const REPORT_PRESETS: PeriodPreset[] = ['all', 'month', 'last_month', 'last30', 'year', 'custom'];

export interface ReportFilters {
  kind: ReportKind;
  accountId: number;
  dateField: DateField;
  preset: PeriodPreset;
  from: string;
  to: string;
  states: string[];
  payerDocument: string;
  documentKinds: string[];
}

const DEFAULT_FIELD: Record<ReportKind, DateField> = { receipts: 'paid', aging: 'due', by_payer: 'due' };
const DEFAULT_PRESET: Record<ReportKind, PeriodPreset> = { receipts: 'month', aging: 'all', by_payer: 'all' };

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s, i, all) => /^[a-z][a-z_]*$/.test(s) && all.indexOf(s) === i);
}

export function filtersFromParams(params: URLSearchParams): ReportFilters {
  const kind = TABS.find((t) => t.slug === params.get('aba'))?.kind ?? 'receipts';
  const field = params.get('data');
  const preset = params.get('periodo');
  return {
    kind,
    accountId: Math.max(0, Math.trunc(Number(params.get('conta')) || 0)),
    dateField: field === 'due' || field === 'issue' || field === 'paid' ? field : DEFAULT_FIELD[kind],
    preset: isPreset(preset) ? preset : DEFAULT_PRESET[kind],
    from: isoOrEmpty(params.get('de')),
    to: isoOrEmpty(params.get('ate')),
    states: kind === 'by_payer' ? list(params.get('situacao')) : [],
    payerDocument: (params.get('pagador') ?? '').replace(/[^\d./-]/g, ''),
    documentKinds: list(params.get('origem')),
  };
}

/** The query; defaults are left out so the address stays short. */
export function filtersToParams(f: ReportFilters): URLSearchParams {
  const p = new URLSearchParams();
  p.set('aba', TABS.find((t) => t.kind === f.kind)!.slug);
  if (f.accountId > 0) p.set('conta', String(f.accountId));
  if (f.dateField !== DEFAULT_FIELD[f.kind]) p.set('data', f.dateField);
  if (f.preset !== DEFAULT_PRESET[f.kind]) p.set('periodo', f.preset);
  if (f.preset === 'custom') {
    if (f.from) p.set('de', f.from);
    if (f.to) p.set('ate', f.to);
  }
  if (f.kind === 'by_payer' && f.states.length > 0) p.set('situacao', f.states.join(','));
  if (f.payerDocument) p.set('pagador', f.payerDocument);
  if (f.documentKinds.length > 0) p.set('origem', f.documentKinds.join(','));
  return p;
}

/** A tab switch keeps account, payer and origins; date field, period and states go to the tab's defaults. */
export function switchTab(f: ReportFilters, kind: ReportKind): ReportFilters {
  return { ...f, kind, dateField: DEFAULT_FIELD[kind], preset: DEFAULT_PRESET[kind], from: '', to: '', states: [] };
}

/** What the backend gets. */
export function toDTO(f: ReportFilters, today: string): ReportFilterDTO {
  const period = periodOf(f.preset, today, { from: f.from, to: f.to });
  return {
    accountId: f.accountId,
    dateField: f.dateField,
    from: period.from,
    to: period.to,
    states: f.states,
    payerDocument: f.payerDocument.replace(/\D/g, ''),
    documentKinds: f.documentKinds,
  };
}
