// Text ↔ integer conversions for the money and percentage inputs. Amounts are whole centavos
// and rates whole hundredths of a percent (basis points: 1,00% = 100). The text is parsed
// digit by digit, never through floating point, so "0,29" is 29 centavos and not 28.999….

/** Parses an amount in reais as the user types it ("1.234,56", "R$ 10", "10,5") into centavos. */
export function parseCents(text: string): number | null {
  return parseDecimal(text.replace(/^\s*R\$/i, ''), true);
}

/** Parses a percentage ("1", "1,5", "2,25 %") into hundredths of a percent (bp). */
export function parseBp(text: string): number | null {
  return parseDecimal(text.replace(/%\s*$/, ''), false);
}

/** Centavos as the text of a money input, without the currency symbol: 123456 → "1.234,56". */
export function centsToText(cents: number): string {
  return fixedToText(cents, true);
}

/** Basis points as the text of a percentage input: 150 → "1,50". */
export function bpToText(bp: number): string {
  return fixedToText(bp, false);
}

const PT_BR_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/;
const PT_BR_PLAIN = /^(\d+)(?:,(\d{1,2}))?$/;
// "10.5" or "10.50": someone used to a decimal point. Three digits after the point ("1.234")
// stay a thousands separator, as in pt-BR.
const DECIMAL_POINT = /^(\d+)\.(\d{1,2})$/;

/**
 * Two-decimal fixed point from text. `allowGroups` accepts thousands separators (money); a
 * percentage never needs them. Returns null for anything else: empty, negative, letters, more
 * than two decimals, or a number too large to be exact.
 */
function parseDecimal(text: string, allowGroups: boolean): number | null {
  const s = text.replace(/\s/g, '');
  const m = PT_BR_PLAIN.exec(s) ?? (allowGroups ? PT_BR_GROUPED.exec(s) : null) ?? DECIMAL_POINT.exec(s);
  if (!m) return null;
  const whole = m[1].replace(/\./g, '').replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').padEnd(2, '0');
  const value = Number(whole + fraction);
  return Number.isSafeInteger(value) ? value : null;
}

function fixedToText(value: number, group: boolean): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`not a non-negative integer: ${value}`);
  }
  const digits = String(value).padStart(3, '0');
  let whole = digits.slice(0, -2);
  if (group) whole = whole.replace(/\B(?=(\d{3})+$)/g, '.');
  return `${whole},${digits.slice(-2)}`;
}
