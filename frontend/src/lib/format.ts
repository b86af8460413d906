// Formatting for what the user reads (pt-BR). Pure functions; no React here.

const moneyFormatter = new Intl.NumberFormat('pt-BR', {
  style: 'currency',
  currency: 'BRL',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * Formats an amount in centavos as Brazilian reais, e.g. 123456 → "R$ 1.234,56".
 * Intl separates the symbol with a no-break space; we use a plain space so the text matches
 * what the backend and the bank print. Integer arithmetic keeps cents exact.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`formatCents: not an integer amount of centavos: ${cents}`);
  }
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const reais = Math.trunc(abs / 100);
  const rest = abs % 100;
  // Format the integer part with Intl (thousands separators) and glue the cents ourselves,
  // so amounts above 2^53/100 never go through floating point.
  const text = moneyFormatter
    .format(reais)
    .replace(/,00$/, `,${String(rest).padStart(2, '0')}`)
    .replace(/\s/g, ' ');
  return negative ? `-${text}` : text;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a civil date "YYYY-MM-DD" as "DD/MM/YYYY". Parsed as text, never through Date, so
 * the user's time zone cannot shift the day. Returns "" for an empty or malformed input.
 */
export function formatDate(iso: string): string {
  const m = isoDate.exec(iso.trim());
  if (!m) return '';
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return '';
  return `${d}/${mo}/${y}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC avoids DST edges).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats an 8-digit CEP as "00000-000"; anything else is returned unchanged. */
export function formatCEP(cep: string): string {
  const digits = cep.replace(/\D/g, '');
  if (digits.length !== 8) return cep;
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}
