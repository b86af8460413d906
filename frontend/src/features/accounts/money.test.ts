import { describe, expect, it } from 'vitest';
import { bpToText, centsToText, parseBp, parseCents } from './money';

describe('parseCents', () => {
  it.each([
    ['0', 0],
    ['0,29', 29],
    ['0,1', 10],
    ['10', 1000],
    ['10,5', 1050],
    ['2,50', 250],
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1.000.000', 100000000],
    ['R$ 1.234,56', 123456],
    ['r$10', 1000],
    [' 12 ', 1200],
    ['10.5', 1050],
    ['10.50', 1050],
    ['1.234', 123400],
    ['007,00', 700],
    ['90071992547409,91', 9007199254740991],
    ['90071992547409,92', null],
  ])('%j → %j centavos', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(['', '   ', '-1', '1,234', '1.23.4', '12,3,4', 'abc', '1e3', '1,2a', '1.2345,00', '.5', ','])(
    'refuses %j',
    (text) => {
      expect(parseCents(text)).toBeNull();
    },
  );

  it('is exact where binary floating point is not', () => {
    // 0.29 * 100 === 28.999999999999996 in floating point.
    expect(parseCents('0,29')).toBe(29);
    expect(parseCents('1,15')).toBe(115);
    expect(parseCents('4,35')).toBe(435);
  });
});

describe('parseBp', () => {
  it.each([
    ['1', 100],
    ['1,5', 150],
    ['1,50', 150],
    ['2 %', 200],
    ['0,33', 33],
    ['100', 10000],
    ['0,07', 7],
    ['1.5', 150],
  ])('%j → %j bp', (text, bp) => {
    expect(parseBp(text)).toBe(bp);
  });

  it.each(['', '1,234', '-2', 'dois', '1.000', '1,2,3'])('refuses %j', (text) => {
    expect(parseBp(text)).toBeNull();
  });
});

describe('centsToText and bpToText', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [1050, '10,50'],
    [123456, '1.234,56'],
    [100000000, '1.000.000,00'],
  ])('%i centavos → %j', (cents, text) => {
    expect(centsToText(cents)).toBe(text);
    expect(parseCents(text)).toBe(cents);
  });

  it.each([
    [100, '1,00'],
    [150, '1,50'],
    [33, '0,33'],
    [10000, '100,00'],
  ])('%i bp → %j', (bp, text) => {
    expect(bpToText(bp)).toBe(text);
    expect(parseBp(text)).toBe(bp);
  });

  it('refuses what is not a whole non-negative number', () => {
    expect(() => centsToText(1.5)).toThrow(RangeError);
    expect(() => bpToText(-1)).toThrow(RangeError);
  });
});
