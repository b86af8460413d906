import { describe, expect, it } from 'vitest';
import { boletosCount, channelLabel, formatDateTime, formatTime, rawLinha } from './format';

describe('boleto formatting', () => {
  it('shows instants in São Paulo time whatever the offset they come with', () => {
    expect(formatDateTime('2025-03-10T13:05:00Z')).toBe('10/03/2025 10:05');
    expect(formatDateTime('2025-03-10T23:30:00-03:00')).toBe('10/03/2025 23:30');
    expect(formatDateTime('2025-03-11T01:30:00Z')).toBe('10/03/2025 22:30');
    expect(formatTime('2025-03-10T13:05:00Z')).toBe('10:05');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('ontem')).toBe('');
  });

  it('names the payment channel and counts boletos', () => {
    expect(channelLabel('PIX')).toBe('Pix');
    expect(channelLabel('BOLETO')).toBe('Boleto');
    expect(channelLabel('')).toBe('');
    expect(boletosCount(1)).toBe('1 boleto');
    expect(boletosCount(12345)).toBe('12.345 boletos');
  });

  it('strips the reading punctuation of a linha digitável', () => {
    expect(rawLinha('07790.00116 12345.678901 23456.789012 1 99990000012345')).toBe(
      '07790001161234567890123456789012199990000012345',
    );
  });
});
