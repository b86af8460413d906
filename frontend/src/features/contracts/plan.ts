// The calendar of a monthly contract, as the backend computes it (internal/boleto ContractPlan):
// the boleto falls due on day `day` of every month, on the month's last day when the month is
// shorter; the first due date is the first such day on or after the start; the contract ends
// after `months` due dates or on `endDate`, whichever comes first. Pure functions on civil
// dates "YYYY-MM-DD", computed with integers (never through the user's time zone), used to tell
// the user in the form when the boletos will fall due and be created.

import { formatDate } from '../../lib/format';

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number;
}

/** The calendar part of a contract; dates "YYYY-MM-DD", endDate "" and months 0 for none. */
export interface PlanDates {
  day: number;
  startDate: string;
  endDate: string;
  months: number;
}

const MAX_COUNT = 120_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" as a date, or null when it is not a real calendar date. */
export function parseISO(text: string): CivilDate | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) return null;
  return { year, month, day };
}

export function toISO(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day `day` of the month `month` months after January of `year` (months may overflow 12). */
function monthDay(year: number, month: number, day: number): CivilDate {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return { year: y, month: m, day: Math.min(day, lastDay(y, m)) };
}

export function compare(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The date `days` days after (or before, when negative) `d`. */
export function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Today in São Paulo, where the backend counts its days. */
export function todayISO(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Sao_Paulo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The schedule of a contract, or null while its day or start date is not valid. */
export interface Schedule {
  /** Every due date, in order; at most `limit` of them. */
  dues: CivilDate[];
  /** The number of due dates, or null when the contract has no end. */
  total: number | null;
}

/**
 * The due dates of the plan, the first `limit` of them at most. Null when the day is not 1..31
 * or the start is not a date; an end date before the first due date gives no due date at all.
 */
export function schedule(plan: PlanDates, limit: number): Schedule | null {
  const start = parseISO(plan.startDate);
  if (!start || !Number.isInteger(plan.day) || plan.day < 1 || plan.day > 31) return null;
  const end = plan.endDate === '' ? null : parseISO(plan.endDate);
  if (plan.endDate !== '' && !end) return null;
  const months = Number.isInteger(plan.months) && plan.months > 0 ? plan.months : 0;

  let first = monthDay(start.year, start.month, plan.day);
  if (compare(first, start) < 0) first = monthDay(start.year, start.month + 1, plan.day);

  const dueAt = (k: number) => monthDay(first.year, first.month + k, plan.day);
  const within = (k: number) => (months === 0 || k < months) && (end === null || compare(dueAt(k), end) <= 0);

  const dues: CivilDate[] = [];
  for (let k = 0; dues.length < limit && within(k); k++) dues.push(dueAt(k));

  if (months === 0 && end === null) return { dues, total: null };
  // Bounded: count them all (a date four digits long ends within 120 000 months).
  let total = dues.length;
  while (total < MAX_COUNT && within(total)) total++;
  return { dues, total };
}

/** The first due date on or after `from`, among the first `limit` of the plan; null if none. */
export function firstDueFrom(plan: PlanDates, from: CivilDate, limit = 1300): CivilDate | null {
  const s = schedule(plan, limit);
  return s?.dues.find((d) => compare(d, from) >= 0) ?? null;
}

/** "MM/AAAA" of a date: the month a boleto charges ("referente a 06/2026"). */
export function referenceMonth(d: CivilDate): string {
  return `${pad(d.month)}/${d.year}`;
}

export function brDate(d: CivilDate): string {
  return formatDate(toISO(d));
}

/**
 * How a contract's period reads in the list: "01/05/2026 → 30/04/2027", "… → 12 meses",
 * "… → sem fim". No-break spaces keep "→ 12 meses" from breaking anywhere but after the arrow.
 */
export function periodText(c: { startDate: string; endDate: string; months: number }): string {
  const start = formatDate(c.startDate) || c.startDate;
  const parts: string[] = [];
  if (c.endDate) parts.push(formatDate(c.endDate) || c.endDate);
  if (c.months > 0) parts.push(c.months === 1 ? '1\u00a0mês' : `${c.months}\u00a0meses`);
  if (parts.length === 0) return `${start}\u00a0→ sem\u00a0fim`;
  if (parts.length === 2) return `${start}\u00a0→ ${parts[0]} (até\u00a0${parts[1]})`;
  return `${start}\u00a0→ ${parts[0]}`;
}
