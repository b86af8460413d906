// Period presets shared by the Painel and the Relatórios. Pure functions over civil dates
// (YYYY-MM-DD); "today" is the calendar day in São Paulo, where the bank lives.
import dayjs from 'dayjs';

export type PeriodPreset = 'month' | 'last_month' | 'last30' | 'year' | 'custom' | 'all';

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  month: 'Este mês',
  last_month: 'Mês passado',
  last30: 'Últimos 30 dias',
  year: 'Este ano',
  custom: 'Personalizado',
  all: 'Todo o período',
};

export interface Period {
  from: string;
  to: string;
}

/** Today in São Paulo as YYYY-MM-DD. */
export function todayInSaoPaulo(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The dates of a preset; `custom` and `all` give the custom range (empty ends for `all`). */
export function periodOf(preset: PeriodPreset, today: string, custom: Period = { from: '', to: '' }): Period {
  const t = dayjs(today);
  switch (preset) {
    case 'month':
      return { from: fmt(t.startOf('month')), to: fmt(t.endOf('month')) };
    case 'last_month': {
      const m = t.subtract(1, 'month');
      return { from: fmt(m.startOf('month')), to: fmt(m.endOf('month')) };
    }
    case 'last30':
      return { from: fmt(t.subtract(29, 'day')), to: today };
    case 'year':
      return { from: fmt(t.startOf('year')), to: fmt(t.endOf('year')) };
    case 'all':
      return { from: '', to: '' };
    case 'custom':
      return custom;
  }
}

export function isPreset(value: string | null): value is PeriodPreset {
  return value !== null && value in PERIOD_LABELS;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
export function isoOrEmpty(value: string | null): string {
  return value && ISO.test(value) ? value : '';
}
