import { describe, expect, it } from 'vitest';
import { formatCEP, formatCents, formatDate } from './format';

describe('formatCents', () => {
  it.each([
    [0, 'R$ 0,00'],
    [5, 'R$ 0,05'],
    [950, 'R$ 9,50'],
    [15130, 'R$ 151,30'],
    [123456, 'R$ 1.234,56'],
    [100000000, 'R$ 1.000.000,00'],
    [-123456, '-R$ 1.234,56'],
    [900719925474099, 'R$ 9.007.199.254.740,99'],
  ])('%i centavos → %s', (cents, expected) => {
    expect(formatCents(cents)).toBe(expected);
  });

  it('separates the symbol with a plain space', () => {
    expect(formatCents(100).charCodeAt(2)).toBe(0x20);
  });

  it('rejects fractional centavos instead of rounding them', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2022-05-31', '31/05/2022'],
    ['2024-02-29', '29/02/2024'],
    ['2000-01-01', '01/01/2000'],
    [' 2025-12-25 ', '25/12/2025'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each(['', '2022-5-31', '31/05/2022', '2023-02-29', '2022-13-01', '2022-04-31', '2022-05-00'])(
    'returns "" for %j',
    (input) => {
      expect(formatDate(input)).toBe('');
    },
  );
});

describe('formatCEP', () => {
  it('inserts the hyphen', () => {
    expect(formatCEP('86601528')).toBe('86601-528');
    expect(formatCEP('86601-528')).toBe('86601-528');
  });

  it('leaves anything that is not 8 digits alone', () => {
    expect(formatCEP('1234')).toBe('1234');
  });
});
