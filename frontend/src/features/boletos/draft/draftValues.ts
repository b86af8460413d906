// The "Novo boleto" form as the inputs hold it, and its conversion to the DraftInput the
// backend takes. Money and rates are parsed from their text digit by digit (never through
// floats); what cannot be parsed comes back as problems keyed by the backend's field paths.

import type { DraftInput, PartyDTO, PayerView } from '../../../lib/backend';
import { maskCEP, maskDDD, maskDocument, maskPhone } from '../../../lib/masks';
import { EMPTY_PARTY } from '../../../lib/party';
import { centsToText, parseBp, parseCents } from '../../accounts/money';
import {
  chargesValues,
  MAX_AGENDA_DAYS,
  MAX_DISCOUNT_DAYS,
  messageLines,
  type ChargesField,
  type ChargesValues,
} from '../../charges/ChargesFields';

export type PartyKey = keyof PartyDTO;
export type PartyPrefix = 'pagador' | 'beneficiarioFinal';

/** The backend's name of each field of a person: "pagador.documento", "beneficiarioFinal.cep"… */
const PARTY_FIELDS: Record<PartyKey, string> = {
  document: 'documento',
  name: 'nome',
  address: 'endereco',
  number: 'numero',
  complement: 'complemento',
  district: 'bairro',
  city: 'cidade',
  uf: 'uf',
  cep: 'cep',
  email: 'email',
  ddd: 'ddd',
  phone: 'telefone',
};

export function partyPath(prefix: PartyPrefix, key: PartyKey): string {
  return `${prefix}.${PARTY_FIELDS[key]}`;
}

/** The payer register names its fields as PartyDTO does ("document", "cep"): as draft paths. */
export function payerRegisterPath(field: string): string {
  return field in PARTY_FIELDS ? partyPath('pagador', field as PartyKey) : field;
}

const CHARGES_PATHS: Record<Exclude<ChargesField, `messages.${number}`>, string> = {
  interestCode: 'juros.codigo',
  interestRate: 'juros.taxa',
  interestAmount: 'juros.valor',
  fineCode: 'multa.codigo',
  fineRate: 'multa.taxa',
  fineAmount: 'multa.valor',
  discountCode: 'desconto.codigo',
  discountRate: 'desconto.taxa',
  discountAmount: 'desconto.valor',
  discountDaysBefore: 'desconto.dias',
  agendaDays: 'numDiasAgenda',
};

/** The backend's path of a charges input; message line i is "mensagem.linha{i+1}". */
export function chargesPath(field: ChargesField): string {
  if (field.startsWith('messages.')) return `mensagem.linha${Number(field.slice('messages.'.length)) + 1}`;
  return CHARGES_PATHS[field as keyof typeof CHARGES_PATHS];
}

export const PATH = {
  account: 'conta',
  seuNumero: 'seuNumero',
  amount: 'valor',
  dueDate: 'vencimento',
} as const;

/** The saved payer the form's payer came from. */
export interface PickedPayer {
  id: number;
  name: string;
  document: string; // masked
}

export interface DraftValues {
  accountId: number;
  picked: PickedPayer | null;
  seuNumero: string;
  /** As typed: "1.234,56". */
  amount: string;
  /** YYYY-MM-DD, or "" while none is chosen. */
  dueDate: string;
  payer: PartyDTO;
  /** "Salvar no cadastro de pagadores": only for a payer typed here (picked is null). */
  savePayer: boolean;
  charges: ChargesValues;
  withFinalBeneficiary: boolean;
  finalBeneficiary: PartyDTO;
}

/** A person's fields masked as the user would have typed them. */
export function maskParty(p: PartyDTO | null | undefined): PartyDTO {
  const party = { ...EMPTY_PARTY, ...(p ?? {}) };
  return {
    ...party,
    document: maskDocument(party.document),
    cep: maskCEP(party.cep),
    ddd: maskDDD(party.ddd),
    phone: maskPhone(party.phone),
  };
}

/** The form's values for a draft (a new one from newDraft, or a saved one from getDraft). */
export function draftValues(d: DraftInput): DraftValues {
  const payer = maskParty(d.payer);
  const fb = d.finalBeneficiary;
  const hasFinalBeneficiary = fb != null && Object.values(fb).some((v) => String(v).trim() !== '');
  return {
    accountId: d.accountId,
    picked: d.payerId > 0 ? { id: d.payerId, name: payer.name, document: payer.document } : null,
    seuNumero: d.seuNumero ?? '',
    amount: d.amountCents > 0 ? centsToText(d.amountCents) : '',
    dueDate: d.dueDate ?? '',
    payer,
    savePayer: false,
    charges: chargesValues(d.charges),
    withFinalBeneficiary: hasFinalBeneficiary,
    finalBeneficiary: maskParty(fb),
  };
}

/** A saved payer's data as masked party fields. */
export function pickedParty(p: PayerView): PartyDTO {
  return maskParty({
    document: p.documentFormatted || p.document,
    name: p.name,
    address: p.address,
    number: p.number,
    complement: p.complement,
    district: p.district,
    city: p.city,
    uf: p.uf,
    cep: p.cepFormatted || p.cep,
    email: p.email,
    ddd: p.ddd,
    phone: p.phone,
  });
}

/** The values with a saved payer's data in the payer fields. */
export function withPickedPayer(v: DraftValues, p: PayerView): DraftValues {
  const payer = pickedParty(p);
  return { ...v, payer, picked: { id: p.id, name: p.name, document: payer.document }, savePayer: false };
}

/**
 * Keeps only what an amount in reais can have while it is typed: digits, dots and one comma
 * with at most two digits after it ("R$ 1.234,567" → "1.234,56"). The field is tidied to
 * "1.234,56" when it loses focus.
 */
export function maskMoneyTyping(text: string): string {
  const s = text.replace(/[^\d.,]/g, '');
  const comma = s.indexOf(',');
  if (comma < 0) return s;
  return s.slice(0, comma + 1) + s.slice(comma + 1).replace(/[.,]/g, '').slice(0, 2);
}

export type Problems = Record<string, string>;

/**
 * The form as the backend takes it. A draft may be incomplete: an empty amount or rate goes as
 * zero and the backend says what is missing. Text that is not a number cannot be sent at all:
 * it comes back in `problems` (path → message), and its value goes as zero.
 */
export function toDraftInput(v: DraftValues): { input: DraftInput; problems: Problems } {
  const problems: Problems = {};
  const c = v.charges;

  const money = (text: string, path: string, example: string): number => {
    if (text.trim() === '') return 0;
    const cents = parseCents(text);
    if (cents === null) problems[path] = `Digite um valor em reais, por exemplo ${example}.`;
    return cents ?? 0;
  };
  const rate = (text: string, path: string): number => {
    if (text.trim() === '') return 0;
    const bp = parseBp(text);
    if (bp === null) problems[path] = 'Digite um número com até duas casas decimais, por exemplo 1 ou 2,5.';
    return bp ?? 0;
  };
  const days = (value: number | string, path: string, max: number): number => {
    const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      problems[path] = `Digite um número inteiro de 0 a ${max}.`;
      return 0;
    }
    return n;
  };

  const input: DraftInput = {
    accountId: v.accountId,
    payerId: v.picked?.id ?? 0,
    seuNumero: v.seuNumero.trim(),
    amountCents: money(v.amount, PATH.amount, '1.234,56'),
    dueDate: v.dueDate,
    payer: { ...v.payer },
    charges: {
      interestCode: c.interestCode,
      interestRateBp: c.interestCode === 'TAXAMENSAL' ? rate(c.interestRate, chargesPath('interestRate')) : 0,
      interestAmountCents:
        c.interestCode === 'VALORDIA' ? money(c.interestAmount, chargesPath('interestAmount'), '0,50') : 0,
      fineCode: c.fineCode,
      fineRateBp: c.fineCode === 'PERCENTUAL' ? rate(c.fineRate, chargesPath('fineRate')) : 0,
      fineAmountCents: c.fineCode === 'VALORFIXO' ? money(c.fineAmount, chargesPath('fineAmount'), '10,00') : 0,
      discountCode: c.discountCode,
      discountRateBp:
        c.discountCode === 'PERCENTUALDATAINFORMADA' ? rate(c.discountRate, chargesPath('discountRate')) : 0,
      discountAmountCents:
        c.discountCode === 'VALORFIXODATAINFORMADA'
          ? money(c.discountAmount, chargesPath('discountAmount'), '10,00')
          : 0,
      discountDaysBefore:
        c.discountCode !== '' ? days(c.discountDaysBefore, chargesPath('discountDaysBefore'), MAX_DISCOUNT_DAYS) : 0,
      agendaDays: days(c.agendaDays, chargesPath('agendaDays'), MAX_AGENDA_DAYS),
      messages: messageLines(c.messages),
      defaultDueDays: 0,
    },
    finalBeneficiary: v.withFinalBeneficiary ? { ...v.finalBeneficiary } : null,
  };
  return { input, problems };
}

/**
 * A date typed as "dd/mm/aaaa" (also "d/m/aaaa", dots or hyphens, or the 8 digits run
 * together) as "YYYY-MM-DD"; null until it is a whole, real calendar date.
 */
export function parseBRDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
