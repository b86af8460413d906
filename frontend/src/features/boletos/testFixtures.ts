// Test data for the boleto screens: rows and details as the backend sends them.

import type { BatchView, BoletoActions, BoletoDetail, BoletoRow } from '../../lib/backend';
import { mariaParty } from '../../test/fixtures';
import { EMPTY_CHARGES } from '../charges/ChargesFields';

export function row(overrides: Partial<BoletoRow> = {}): BoletoRow {
  return {
    id: 1,
    accountId: 1,
    seuNumero: '000001',
    state: 'draft',
    stateLabel: 'Rascunho',
    amountCents: 15000,
    dueDate: '2030-03-10',
    payerName: 'Maria da Conceição Souza',
    payerDocument: '529.982.247-25',
    nossoNumero: '',
    paidAmountCents: 0,
    paidDate: '',
    paidChannel: '',
    installment: '',
    attention: [],
    ...overrides,
  };
}

export const NO_ACTIONS: BoletoActions = {
  edit: false,
  issue: false,
  unqueue: false,
  delete: false,
  duplicate: false,
  cancel: false,
  editAtBank: false,
  substitute: false,
  bankPdf: false,
};

export const LINHA = '07790.00116 12345.678901 23456.789012 1 99990000015000';
export const PIX = '00020101021226930014br.gov.bcb.pix2571spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/abc5204000053039865802BR6304ABCD';

export function detail(overrides: Partial<BoletoDetail> = {}, rowOverrides: Partial<BoletoRow> = {}): BoletoDetail {
  return {
    row: row(rowOverrides),
    version: 1,
    accountName: 'Inter — Loja Centro',
    payerId: 7,
    payer: { ...mariaParty },
    finalBeneficiary: null,
    charges: { ...EMPTY_CHARGES, messages: [] },
    instructions: [],
    issueDate: '',
    codigoSolicitacao: '',
    barcode: '',
    linhaDigitavel: '',
    pixCopiaECola: '',
    txid: '',
    bankSituation: '',
    failureReason: '',
    cancelReason: '',
    replacesId: 0,
    replacedById: 0,
    documentId: 0,
    problems: [],
    amountDue: [],
    timeline: [],
    actions: NO_ACTIONS,
    ...overrides,
  };
}

/** An issued boleto with its codes and the actions of an open boleto. */
export function issuedDetail(overrides: Partial<BoletoDetail> = {}): BoletoDetail {
  return detail(
    {
      issueDate: '2030-03-01',
      codigoSolicitacao: '6f1e2d3c-aaaa-bbbb-cccc-1234567890ab',
      barcode: '07791999900000150000011612345678902345678901',
      linhaDigitavel: LINHA,
      pixCopiaECola: PIX,
      bankSituation: 'A_RECEBER',
      actions: { ...NO_ACTIONS, duplicate: true, cancel: true, editAtBank: true, substitute: true, bankPdf: true },
      ...overrides,
    },
    { state: 'issued', stateLabel: 'Emitido', nossoNumero: '0123456789-0' },
  );
}

export function batch(overrides: Partial<BatchView> = {}): BatchView {
  return { job: 'emissao-1', done: 0, failed: 0, remaining: 3, total: 3, paused: false, finished: false, items: [], ...overrides };
}
