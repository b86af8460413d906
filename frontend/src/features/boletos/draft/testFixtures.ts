// Sample data for the "Novo boleto" tests (not used by the app).
import type { BoletoDetail, DraftInput, DraftPreview } from '../../../lib/backend';
import { EMPTY_PARTY } from '../../../lib/party';
import { demoAccount, maria, noParameters } from '../../../test/fixtures';

export { demoAccount, maria };

/** What newDraft gives for the demo account: 1% a month, 2% fine, 30 days, one line. */
export const newDemoDraft: DraftInput = {
  accountId: demoAccount.id,
  payerId: 0,
  seuNumero: '',
  amountCents: 0,
  dueDate: '2026-12-10',
  payer: { ...EMPTY_PARTY },
  charges: {
    ...noParameters,
    interestCode: 'TAXAMENSAL',
    interestRateBp: 100,
    fineCode: 'PERCENTUAL',
    fineRateBp: 200,
    agendaDays: 30,
    messages: ['Boleto de demonstração: simulação, sem valor de pagamento.', '', '', '', ''],
    defaultDueDays: 0,
  },
  finalBeneficiary: null,
};


export const emptyPreview: DraftPreview = { problems: [], amountDue: [], instructions: [] };

/** A boleto's detail as the backend answers a save; `state` "draft" unless told. */
export function boletoDetail(overrides: { id?: number; seuNumero?: string; state?: string; stateLabel?: string; version?: number; edit?: boolean } = {}): BoletoDetail {
  const { id = 42, seuNumero = 'B0000042', state = 'draft', stateLabel = 'Rascunho', version = 1, edit = true } = overrides;
  return {
    row: {
      id,
      accountId: demoAccount.id,
      seuNumero,
      state,
      stateLabel,
      amountCents: 123456,
      dueDate: '2026-12-10',
      payerName: maria.name,
      payerDocument: maria.documentFormatted,
      nossoNumero: '',
      paidAmountCents: 0,
      paidDate: '',
      paidChannel: '',
      installment: '',
      attention: [],
    },
    version,
    accountName: demoAccount.name,
    payerId: 0,
    payer: { ...EMPTY_PARTY, name: maria.name, document: maria.document },
    finalBeneficiary: null,
    charges: newDemoDraft.charges,
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
    actions: {
      edit,
      issue: edit,
      unqueue: false,
      delete: state === 'draft',
      duplicate: true,
      cancel: state === 'issued',
      editAtBank: state === 'issued',
      substitute: state === 'issued',
      bankPdf: false,
    },
  };
}
