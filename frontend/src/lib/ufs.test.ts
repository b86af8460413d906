import { describe, expect, it } from 'vitest';
import { UF_OPTIONS, UFS } from './ufs';

describe('UFS', () => {
  it('lists the 27 federative units once each', () => {
    expect(UFS).toHaveLength(27);
    expect(new Set(UFS.map((u) => u.code)).size).toBe(27);
  });

  it('offers each one as "code — name"', () => {
    expect(UF_OPTIONS).toHaveLength(27);
    expect(UF_OPTIONS).toContainEqual({ value: 'SP', label: 'SP — São Paulo' });
    expect(UF_OPTIONS[0]).toEqual({ value: 'AC', label: 'AC — Acre' });
  });
});
