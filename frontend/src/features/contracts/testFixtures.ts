// Sample data for the "Contratos" tests (not used by the app).
import type { ContractView } from '../../lib/backend';

export { demoAccount, maria, productionAccount } from '../../test/fixtures';


/** An active monthly contract of the demo account, with no end, one month billed. */
export const mensalidade: ContractView = {
  id: 3,
  accountId: 1,
  documentId: 12,
  number: 'CT-2026-01',
  description: 'Mensalidade',
  payerName: 'Maria da Conceição Souza',
  payerDocument: '529.982.247-25',
  monthlyCents: 15000,
  day: 10,
  startDate: '2026-05-01',
  endDate: '',
  months: 0,
  leadDays: 10,
  autoIssue: true,
  active: true,
  billedMonths: 1,
  nextDueDate: '2026-06-10',
};

/** An ended contract of twelve months, with an end date too. */
export const aluguel: ContractView = {
  ...mensalidade,
  id: 4,
  documentId: 13,
  number: '',
  description: 'Aluguel sala 3',
  payerName: 'Alfa Serviços Ltda',
  payerDocument: '12.ABC.345/01DE-35',
  monthlyCents: 123456,
  day: 31,
  startDate: '2026-01-15',
  endDate: '2026-12-31',
  months: 12,
  autoIssue: false,
  active: false,
  billedMonths: 4,
  nextDueDate: '2026-06-30',
};
