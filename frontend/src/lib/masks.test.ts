import { describe, expect, it } from 'vitest';
import {
  maskAccountNumber,
  maskCEP,
  maskDDD,
  maskDocument,
  maskPhone,
  normalizeDocument,
  onlyDigits,
} from './masks';

describe('maskDocument', () => {
  it.each([
    ['', ''],
    ['1', '1'],
    ['123', '123'],
    ['1234', '123.4'],
    ['1234567', '123.456.7'],
    ['1234567890', '123.456.789-0'],
    ['12345678909', '123.456.789-09'],
    ['123.456.789-09', '123.456.789-09'],
    ['529', '529'],
    ['5299', '529.9'],
    ['5299822', '529.982.2'],
    ['529982247', '529.982.247'],
    ['5299822472', '529.982.247-2'],
    ['52998224725', '529.982.247-25'],
    ['529.982.247-25', '529.982.247-25'],
    [' 529 982 247 25 ', '529.982.247-25'],
  ])('masks the CPF %j as %j', (typed, masked) => {
    expect(maskDocument(typed)).toBe(masked);
  });

  it.each([
    ['112223330001', '11.222.333/0001'],
    ['123456789012', '12.345.678/9012'],
    ['11222333000181', '11.222.333/0001-81'],
    ['11.222.333/0001-81', '11.222.333/0001-81'],
    ['112223330001819', '11.222.333/0001-81'], // a 15th digit is dropped
  ])('switches to the CNPJ mask after 11 digits: %j → %j', (typed, masked) => {
    expect(maskDocument(typed)).toBe(masked);
  });

  it.each([
    ['12ABC34501DE35', '12.ABC.345/01DE-35'],
    ['12abc34501de35', '12.ABC.345/01DE-35'],
    ['12.abc.345/01de-35', '12.ABC.345/01DE-35'],
    ['12A', '12.A'], // a letter makes it a CNPJ at once
    ['12ABC345', '12.ABC.345'],
    ['12ABC34501D', '12.ABC.345/01D'],
  ])('masks the alphanumeric CNPJ %j as %j', (typed, masked) => {
    expect(maskDocument(typed)).toBe(masked);
  });

  it('re-masks a CPF as a CNPJ when the 12th digit arrives', () => {
    expect(maskDocument('529.982.247-25')).toBe('529.982.247-25');
    expect(maskDocument('529.982.247-251')).toBe('52.998.224/7251');
  });

  it('drops spaces and symbols that are not part of a document', () => {
    expect(maskDocument(' 123 456 789 09 ')).toBe('123.456.789-09');
    expect(normalizeDocument('12.ABC.345/01DE-35')).toBe('12ABC34501DE35');
  });

  it('drops symbols that are not part of a document', () => {
    expect(maskDocument('529#982@247!25')).toBe('529.982.247-25');
  });
});

describe('normalizeDocument', () => {
  it.each([
    ['', ''],
    ['529.982.247-25', '52998224725'],
    ['12.abc.345/01de-35', '12ABC34501DE35'],
    [' 11 222 333/0001-81 ', '11222333000181'],
  ])('keeps only the characters of %j: %j', (typed, bare) => {
    expect(normalizeDocument(typed)).toBe(bare);
  });
});

describe('maskCEP', () => {
  it.each([
    ['', ''],
    ['8660', '8660'],
    ['86601', '86601'],
    ['866015', '86601-5'],
    ['86601528', '86601-528'],
    ['86601-528', '86601-528'],
    ['86.601-528', '86601-528'],
    ['866015289', '86601-528'],
    ['CEP 86601a528', '86601-528'],
    ['0131', '0131'],
    ['01310', '01310'],
    ['013101', '01310-1'],
    ['01310100', '01310-100'],
    ['01310-100', '01310-100'],
    ['01.310-100', '01310-100'],
    ['013101009', '01310-100'],
    ['0131O-100', '01311-00'], // a letter O is not a zero: it is dropped
  ])('masks %j as %j', (typed, masked) => {
    expect(maskCEP(typed)).toBe(masked);
  });
});

describe('maskPhone and maskDDD', () => {
  it.each([
    ['', ''],
    ['3333', '3333'],
    ['33334', '3333-4'],
    ['33334444', '3333-4444'],
    ['3333-4444', '3333-4444'],
    ['987654321', '98765-4321'],
    ['98765-4321', '98765-4321'],
    ['(11) 98765-4321', '11987-6543'], // the DDD belongs in its own field
    ['9876543210', '98765-4321'],
  ])('masks the phone %j as %j', (typed, shown) => {
    expect(maskPhone(typed)).toBe(shown);
  });

  it.each([
    ['11', '11'],
    ['(11)', '11'],
    ['119', '11'],
    ['a1', '1'],
  ])('masks the DDD %j as %j', (typed, shown) => {
    expect(maskDDD(typed)).toBe(shown);
  });
});

describe('onlyDigits', () => {
  it('keeps digits up to the limit', () => {
    expect(onlyDigits('00-01', 4)).toBe('0001');
    expect(onlyDigits('12345678', 7)).toBe('1234567');
    expect(onlyDigits('a1b2')).toBe('12');
  });

  it.each([
    ['(11) 98765-4321', undefined, '11987654321'],
    ['123', 0, ''],
    ['', 5, ''],
  ])('keeps the digits of %j, at most %j: %j', (typed, max, digits) => {
    expect(onlyDigits(typed, max)).toBe(digits);
  });
});

describe('maskAccountNumber', () => {
  it.each([
    ['', ''],
    ['12345678', '12345678'],
    ['12345678-9', '12345678-9'],
    ['12345678-90', '12345678-9'],
    ['1234.5678-9', '12345678-9'],
    ['12345678--9', '12345678-9'],
    ['12345678-', '12345678-'],
    ['123456789012345678901', '12345678901234567890'], // at most 20 digits
  ])('%j → %j', (typed, masked) => {
    expect(maskAccountNumber(typed)).toBe(masked);
  });
});
