// "Parcelado (carnê)" in Novo boleto: the plan's inputs as typed, their conversion to the
// InstallmentPlanInput the backend takes, and the field paths the backend names its problems by.

import type { FieldProblem, InstallmentPlanInput } from '../../../lib/backend';
import { parseCents } from '../../accounts/money';
import { PATH, type Problems } from './draftValues';

/** The most installments a plan can have (boleto.MaxInstallments in Go). */
export const MAX_INSTALLMENTS = 120;
/** The longest interval, in days, between two installments (boleto.MaxIntervalDays). */
export const MAX_INTERVAL_DAYS = 365;

/** The backend's names of the plan's fields (app/installments.go). */
export const CARNE_PATH = {
  total: 'valor',
  count: 'parcelas',
  firstDueDate: 'primeiroVencimento',
  interval: 'intervalo',
  downPayment: 'entrada',
  downPaymentDate: 'entrada.vencimento',
  documentNumber: 'documento.numero',
} as const;

/** The document a plan charges: "" is a plan made here ("Parcelamento"). */
export type CarneDocumentKind = '' | 'sales_order' | 'service_order' | 'future_sale' | 'contract';

export const CARNE_DOCUMENT_KINDS: { value: CarneDocumentKind; label: string }[] = [
  { value: '', label: 'Parcelamento' },
  { value: 'sales_order', label: 'Pedido de venda' },
  { value: 'service_order', label: 'Ordem de serviço' },
  { value: 'future_sale', label: 'Venda futura' },
  { value: 'contract', label: 'Contrato' },
];

export type IntervalKind = 'monthly' | 'days';

export interface CarneValues {
  /** As typed: "1.234,56". */
  total: string;
  /** As the number input holds it. */
  count: number | string;
  /** YYYY-MM-DD, or "". */
  firstDueDate: string;
  interval: IntervalKind;
  intervalDays: number | string;
  /** As typed; "" = no down payment. */
  downPayment: string;
  downPaymentDate: string;
  documentKind: CarneDocumentKind;
  documentNumber: string;
}

/** A blank plan whose first due date is the account's default one. */
export function carneValues(firstDueDate: string): CarneValues {
  return {
    total: '',
    count: '',
    firstDueDate,
    interval: 'monthly',
    intervalDays: 30,
    downPayment: '',
    downPaymentDate: '',
    documentKind: '',
    documentNumber: '',
  };
}

/**
 * The plan as the backend takes it. What is empty goes as zero (the backend says what is
 * missing); what cannot be read comes back in `problems` (path → message) and goes as zero.
 */
export function toPlanInput(v: CarneValues): { plan: InstallmentPlanInput; problems: Problems } {
  const problems: Problems = {};
  const money = (text: string, path: string): number => {
    if (text.trim() === '') return 0;
    const cents = parseCents(text);
    if (cents === null) problems[path] = 'Digite um valor em reais, por exemplo 1.234,56.';
    return cents ?? 0;
  };
  const whole = (value: number | string, path: string, min: number, max: number, message: string): number => {
    if (typeof value === 'string' && value.trim() === '') return 0;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems[path] = message;
      return 0;
    }
    return n;
  };

  const plan: InstallmentPlanInput = {
    totalCents: money(v.total, CARNE_PATH.total),
    count: whole(v.count, CARNE_PATH.count, 1, MAX_INSTALLMENTS, `Digite um número inteiro de parcelas, de 1 a ${MAX_INSTALLMENTS}.`),
    firstDueDate: v.firstDueDate,
    intervalDays:
      v.interval === 'monthly'
        ? 0
        : whole(v.intervalDays, CARNE_PATH.interval, 1, MAX_INTERVAL_DAYS, `Digite um número inteiro de dias, de 1 a ${MAX_INTERVAL_DAYS}.`),
    downPaymentCents: money(v.downPayment, CARNE_PATH.downPayment),
    downPaymentDate: v.downPaymentDate,
    documentKind: v.documentKind,
    documentNumber: v.documentNumber.trim(),
  };
  if (v.interval === 'days' && plan.intervalDays === 0 && !problems[CARNE_PATH.interval]) {
    problems[CARNE_PATH.interval] = `Informe de quantos em quantos dias vencem as parcelas (1 a ${MAX_INTERVAL_DAYS}).`;
  }
  return { plan, problems };
}

/**
 * A problem of the boleto form as it concerns a carnê: the amount and seu número are the plan's
 * (they are left out), and the due date checked is that of the first boleto — the down payment's
 * when there is one.
 */
export function carneDraftProblem<P extends FieldProblem>(p: P, firstIsDownPayment: boolean): P | null {
  if (p.field === PATH.amount || p.field === PATH.seuNumero) return null;
  if (p.field === PATH.dueDate) {
    return { ...p, field: firstIsDownPayment ? CARNE_PATH.downPaymentDate : CARNE_PATH.firstDueDate };
  }
  return p;
}
