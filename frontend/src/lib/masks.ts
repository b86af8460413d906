// Input masks for the documents, addresses, phones and bank accounts the forms ask for. Pure
// functions: each takes whatever the user typed or pasted and returns the text to show in the
// field. The backend validates and normalises; these only help the eye.

const CPF_LENGTH = 11;
const CNPJ_LENGTH = 14;

/**
 * Keeps the characters a CPF or CNPJ can carry: digits and, for the alphanumeric CNPJ
 * (IN RFB 2.229/2024), letters, upper-cased. Punctuation and spaces go.
 */
export function normalizeDocument(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * Masks a CPF or CNPJ while it is typed. Up to 11 digits it is a CPF (000.000.000-00); a 12th
 * character, or any letter, makes it a CNPJ (00.000.000/0000-00, letters allowed in the first
 * 12 positions, e.g. 12.ABC.345/01DE-35). Anything beyond 14 characters is dropped.
 */
export function maskDocument(text: string): string {
  const raw = normalizeDocument(text).slice(0, CNPJ_LENGTH);
  const isCPF = raw.length <= CPF_LENGTH && /^\d*$/.test(raw);
  return isCPF ? applyPattern(raw, '###.###.###-##') : applyPattern(raw, '##.###.###/####-##');
}

/** Masks a CEP while it is typed: at most 8 digits, 00000-000. */
export function maskCEP(text: string): string {
  return applyPattern(onlyDigits(text, 8), '#####-###');
}

/** A DDD is two digits; anything else typed is dropped. */
export function maskDDD(text: string): string {
  return onlyDigits(text, 2);
}

/**
 * Masks a phone number without the DDD as it is typed: 0000-0000 for a landline (8 digits),
 * 00000-0000 for a mobile (9 digits). The hyphen always sits before the last four digits.
 */
export function maskPhone(text: string): string {
  const digits = onlyDigits(text, 9);
  if (digits.length <= 4) return digits;
  if (digits.length <= 8) return applyPattern(digits, '####-####');
  return applyPattern(digits, '#####-####');
}

/** Digits only, at most `max` of them (agência, conta, número da operação). */
export function onlyDigits(text: string, max?: number): string {
  const digits = text.replace(/\D/g, '');
  return max === undefined ? digits : digits.slice(0, max);
}

/**
 * A bank account number as typed: digits, and one hyphen before the single check digit
 * ("12345678-9"). Other characters are dropped; at most 20 digits before the hyphen.
 */
export function maskAccountNumber(text: string): string {
  const cleaned = text.replace(/[^\d-]/g, '');
  const hyphen = cleaned.indexOf('-');
  if (hyphen < 0) return cleaned.slice(0, 20);
  const number = cleaned.slice(0, hyphen).slice(0, 20);
  const digit = cleaned.slice(hyphen + 1).replace(/-/g, '').slice(0, 1);
  return `${number}-${digit}`;
}

/**
 * Fills `pattern` ('#' = one character of `raw`) and stops after the last character, so a
 * half-typed value carries no dangling separator: "123" → "123", "1234" → "123.4".
 */
function applyPattern(raw: string, pattern: string): string {
  let out = '';
  let i = 0;
  for (const slot of pattern) {
    if (i >= raw.length) break;
    if (slot === '#') {
      out += raw[i];
      i++;
    } else {
      out += slot;
    }
  }
  return out;
}
