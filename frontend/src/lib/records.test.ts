import { describe, expect, it } from 'vitest';
import { without } from './records';

describe('without', () => {
  it('drops the key from a copy, leaving the record as it was', () => {
    const record = { a: 'um', b: 'dois' };
    expect(without(record, 'a')).toEqual({ b: 'dois' });
    expect(record).toEqual({ a: 'um', b: 'dois' });
  });

  it('returns the same record when the key is not there', () => {
    const record = { a: 'um' };
    expect(without(record, 'b')).toBe(record);
  });
});
