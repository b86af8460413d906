// The "Novo contrato" form as its inputs hold it, and its conversion to the ContractInput the
// backend takes. Money is parsed from its text digit by digit (never through floats); what
// cannot be sent at all comes back as problems keyed by the backend's field paths.

import type { ContractInput, PartyDTO, PayerView } from '../../lib/backend';
import { EMPTY_PARTY } from '../../lib/party';
import { parseCents } from '../accounts/money';
import { pickedParty, type PickedPayer } from '../boletos/draft/draftValues';

/** The backend's names of the contract's fields (the payer's are "pagador.documento"…). */
export const PATH = {
  account: 'conta',
  number: 'numero',
  description: 'descricao',
  monthly: 'valor',
  day: 'dia',
  start: 'inicio',
  end: 'fim',
  months: 'meses',
  leadDays: 'antecedencia',
} as const;

/** How the contract ends: never, on a date, or after a number of monthly boletos. */
export type EndChoice = 'none' | 'date' | 'months';

export const MAX_DESCRIPTION = 50;
export const MAX_LEAD_DAYS = 60;
export const DEFAULT_LEAD_DAYS = 10;
export const MAX_MONTHS = 1200;

export interface ContractValues {
  accountId: number;
  /** The saved payer chosen in the register; null while the payer is typed in. */
  picked: PickedPayer | null;
  payer: PartyDTO;
  number: string;
  description: string;
  /** As typed: "1.234,56". */
  monthly: string;
  /** NumberInput values: a number, or '' while empty. */
  day: number | string;
  /** YYYY-MM-DD, or '' while none is chosen. */
  startDate: string;
  end: EndChoice;
  endDate: string;
  months: number | string;
  leadDays: number | string;
  autoIssue: boolean;
}

export function emptyContract(accountId: number, today: string): ContractValues {
  return {
    accountId,
    picked: null,
    payer: { ...EMPTY_PARTY },
    number: '',
    description: '',
    monthly: '',
    day: '',
    startDate: today,
    end: 'none',
    endDate: '',
    months: '',
    leadDays: DEFAULT_LEAD_DAYS,
    autoIssue: false,
  };
}

/** The values with a saved payer's data as the payer (sent whole: the backend checks it). */
export function withPickedPayer(v: ContractValues, p: PayerView): ContractValues {
  const payer = pickedParty(p);
  return { ...v, payer, picked: { id: p.id, name: p.name, document: payer.document } };
}

export type Problems = Record<string, string>;

/** A NumberInput's value as a whole number; null when empty or not whole. */
function whole(value: number | string): number | null {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) ? n : null;
}

/**
 * The form as the backend takes it. Empty fields go as zero or '' and the backend says what is
 * missing; text that is not a number, and an end chosen without its date or count, cannot be
 * sent: they come back in `problems` (path → message).
 */
export function toContractInput(v: ContractValues): { input: ContractInput; problems: Problems } {
  const problems: Problems = {};

  let monthlyCents = 0;
  if (v.monthly.trim() !== '') {
    const cents = parseCents(v.monthly);
    if (cents === null) problems[PATH.monthly] = 'Digite um valor em reais, por exemplo 150,00.';
    monthlyCents = cents ?? 0;
  }

  let day = 0;
  if (String(v.day).trim() !== '') {
    const n = whole(v.day);
    if (n === null) problems[PATH.day] = 'Digite um dia do mês, de 1 a 31.';
    day = n ?? 0;
  }

  let leadDays = 0;
  const lead = whole(v.leadDays);
  if (lead === null || lead < 0 || lead > MAX_LEAD_DAYS) {
    problems[PATH.leadDays] = `Digite um número inteiro de dias, de 0 a ${MAX_LEAD_DAYS}.`;
  } else {
    leadDays = lead;
  }

  let endDate = '';
  let months = 0;
  if (v.end === 'date') {
    if (v.endDate === '') problems[PATH.end] = 'Informe a data de término do contrato, ou escolha “Sem fim”.';
    endDate = v.endDate;
  } else if (v.end === 'months') {
    const n = whole(v.months);
    if (n === null || n < 1 || n > MAX_MONTHS) {
      problems[PATH.months] = `Informe por quantos meses o contrato cobra, de 1 a ${MAX_MONTHS}, ou escolha “Sem fim”.`;
    } else {
      months = n;
    }
  }

  const input: ContractInput = {
    accountId: v.accountId,
    payer: { ...v.payer },
    number: v.number.trim(),
    description: v.description.trim(),
    monthlyCents,
    day,
    startDate: v.startDate,
    endDate,
    months,
    leadDays,
    autoIssue: v.autoIssue,
  };
  return { input, problems };
}
