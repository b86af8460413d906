import { describe, expect, it } from 'vitest';
import { emptyContract, toContractInput, withPickedPayer, type ContractValues } from './contractValues';
import { maria } from './testFixtures';

const base = (patch: Partial<ContractValues>): ContractValues => ({
  ...emptyContract(1, '2026-05-01'),
  monthly: '150,00',
  day: 10,
  ...patch,
});

describe('toContractInput', () => {
  it('sends the money in centavos, parsed from the text as typed', () => {
    expect(toContractInput(base({ monthly: '1.234,56' })).input.monthlyCents).toBe(123456);
    expect(toContractInput(base({ monthly: '0,29' })).input.monthlyCents).toBe(29);
    expect(toContractInput(base({ monthly: '' })).input.monthlyCents).toBe(0);
    const { problems } = toContractInput(base({ monthly: '12abc' }));
    expect(problems).toEqual({ valor: 'Digite um valor em reais, por exemplo 150,00.' });
  });

  it('turns the end choice into endDate or months, never both', () => {
    const filled = { endDate: '2026-12-31', months: 12 };
    expect(toContractInput(base({ ...filled, end: 'none' })).input).toMatchObject({ endDate: '', months: 0 });
    expect(toContractInput(base({ ...filled, end: 'date' })).input).toMatchObject({ endDate: '2026-12-31', months: 0 });
    expect(toContractInput(base({ ...filled, end: 'months' })).input).toMatchObject({ endDate: '', months: 12 });
  });

  it('does not send an end chosen without its date or number of months', () => {
    expect(toContractInput(base({ end: 'date', endDate: '' })).problems).toHaveProperty('fim');
    expect(toContractInput(base({ end: 'months', months: '' })).problems).toHaveProperty('meses');
    expect(toContractInput(base({ end: 'months', months: 0 })).problems).toHaveProperty('meses');
    expect(toContractInput(base({ end: 'none' })).problems).toEqual({});
  });

  it('starts with 10 days ahead, no end, drafts only, and today as the start', () => {
    const { input, problems } = toContractInput(emptyContract(1, '2026-05-01'));
    expect(problems).toEqual({});
    expect(input).toEqual({
      accountId: 1,
      payer: { ...emptyContract(1, '').payer },
      number: '',
      description: '',
      monthlyCents: 0,
      day: 0,
      startDate: '2026-05-01',
      endDate: '',
      months: 0,
      leadDays: 10,
      autoIssue: false,
    });
  });

  it('refuses lead days out of 0..60', () => {
    expect(toContractInput(base({ leadDays: 61 })).problems).toHaveProperty('antecedencia');
    expect(toContractInput(base({ leadDays: '' })).problems).toHaveProperty('antecedencia');
    expect(toContractInput(base({ leadDays: 0 })).input.leadDays).toBe(0);
  });

  it('sends a picked payer whole, masked as typed', () => {
    const { input } = toContractInput(withPickedPayer(base({}), maria));
    expect(input.payer).toEqual({
      document: '529.982.247-25',
      name: 'Maria da Conceição Souza',
      address: 'Avenida Paulista',
      number: '1000',
      complement: 'Sala 12',
      district: 'Bela Vista',
      city: 'São Paulo',
      uf: 'SP',
      cep: '01310-100',
      email: 'maria@example.com.br',
      ddd: '11',
      phone: '98765-4321',
    });
  });
});
