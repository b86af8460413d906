import { describe, expect, it } from 'vitest';
import { chargesSummary } from './DraftEditor';
import { draftValues, maskMoneyTyping, parseBRDate, payerRegisterPath, toDraftInput } from './draftValues';
import { newDemoDraft } from './testFixtures';

describe('maskMoneyTyping', () => {
  it.each([
    ['1.234,56', '1.234,56'],
    ['R$ 1.234,567', '1.234,56'],
    ['10,5', '10,5'],
    ['10,,5', '10,5'],
    ['abc', ''],
    ['-3', '3'],
  ])('%s → %s', (typed, shown) => {
    expect(maskMoneyTyping(typed)).toBe(shown);
  });
});

describe('parseBRDate', () => {
  it.each([
    ['10/12/2026', '2026-12-10'],
    ['1/2/2027', '2027-02-01'],
    ['29.02.2028', '2028-02-29'],
    ['10122026', '2026-12-10'],
  ])('reads %s as %s', (typed, iso) => {
    expect(parseBRDate(typed)).toBe(iso);
  });

  it.each(['10/12/26', '10/12/202', '31/02/2026', '29/02/2027', '00/01/2026', '10/13/2026', ''])(
    'waits for a whole, real date: %s',
    (typed) => {
      expect(parseBRDate(typed)).toBeNull();
    },
  );
});

describe('toDraftInput', () => {
  const base = draftValues(newDemoDraft);

  it('sends money and rates as whole centavos and hundredths of a percent', () => {
    const { input, problems } = toDraftInput({
      ...base,
      amount: '1.234,56',
      charges: { ...base.charges, fineCode: 'VALORFIXO', fineAmount: '0,29', interestRate: '0,33' },
    });
    expect(problems).toEqual({});
    expect(input.amountCents).toBe(123456);
    expect(input.charges.fineAmountCents).toBe(29);
    expect(input.charges.fineRateBp).toBe(0);
    expect(input.charges.interestRateBp).toBe(33);
    expect(input.charges.messages).toEqual(['Boleto de demonstração: simulação, sem valor de pagamento.']);
    expect(input.finalBeneficiary).toBeNull();
  });

  it('lets an incomplete draft go, and names what cannot be read', () => {
    const { input, problems } = toDraftInput({
      ...base,
      amount: '',
      charges: { ...base.charges, interestRate: '', fineRate: '2,555', agendaDays: 61 },
    });
    expect(input.amountCents).toBe(0);
    expect(input.charges.interestRateBp).toBe(0);
    expect(problems).toEqual({
      'multa.taxa': 'Digite um número com até duas casas decimais, por exemplo 1 ou 2,5.',
      numDiasAgenda: 'Digite um número inteiro de 0 a 60.',
    });
  });

  it('masks a saved payer as the user would type it', () => {
    const values = draftValues({
      ...newDemoDraft,
      payerId: 7,
      payer: { ...newDemoDraft.payer, document: '52998224725', name: 'Maria', cep: '01310100', phone: '987654321' },
    });
    expect(values.payer).toMatchObject({ document: '529.982.247-25', cep: '01310-100', phone: '98765-4321' });
    expect(values.picked).toEqual({ id: 7, name: 'Maria', document: '529.982.247-25' });
  });
});

it('names the payer register fields as the draft does', () => {
  expect(payerRegisterPath('document')).toBe('pagador.documento');
  expect(payerRegisterPath('phone')).toBe('pagador.telefone');
  expect(payerRegisterPath('other')).toBe('other');
});

it('sums the charges up in one sentence', () => {
  const c = draftValues(newDemoDraft).charges;
  expect(chargesSummary({ ...c, discountCode: 'VALORFIXODATAINFORMADA', discountAmount: '10,00', discountDaysBefore: 5, agendaDays: 0, messages: ['', '', '', '', ''] })).toBe(
    'Juros de 1,00% ao mês, multa de 2,00%, desconto de R$ 10,00 até 5 dias antes, não aceita pagamento após o vencimento, sem mensagem.',
  );
});
