// Sample data for the "Importar documentos" tests (not used by the app).
import type { ImportDocView, ImportPreview, PartyDTO } from '../../lib/backend';
import { EMPTY_PARTY } from '../../lib/party';

const ferragens: PartyDTO = {
  ...EMPTY_PARTY,
  document: '11444777000161',
  name: 'Comércio de Ferragens Boa Vista Ltda',
  city: 'São Paulo',
  uf: 'SP',
};

const base: Omit<ImportDocView, 'key' | 'file' | 'number' | 'installments'> = {
  format: 'nfe',
  kind: 'nfe',
  kindLabel: 'NF-e',
  series: '1',
  accessKey: '',
  issueDate: '2026-03-10',
  totalCents: 0,
  payer: ferragens,
  warnings: [],
  errors: [],
  documentId: 0,
};

/** An NF-e in three duplicatas, the first one with a date in the past. */
export const nfe1234: ImportDocView = {
  ...base,
  key: 'nfe_1234.xml#0',
  file: 'nfe_1234.xml',
  number: '1234',
  totalCents: 161500,
  installments: [
    { seq: 1, number: '001', dueDate: '2027-01-09', amountCents: 53833, imported: false },
    { seq: 2, number: '002', dueDate: '2027-02-09', amountCents: 53833, imported: false },
    { seq: 3, number: '003', dueDate: '2027-03-08', amountCents: 53834, imported: false },
  ],
  warnings: ['A duplicata 001 vence num sábado.'],
};

/** An NFS-e without a due date: the chosen one applies. */
export const nfse42: ImportDocView = {
  ...base,
  key: 'nfse_42.xml#0',
  file: 'nfse_42.xml',
  format: 'nfse',
  kind: 'nfse',
  kindLabel: 'NFS-e',
  number: '42',
  series: '',
  totalCents: 118000,
  payer: { ...EMPTY_PARTY, document: '77889900000166', name: 'Destinatário Comércio Ltda' },
  installments: [{ seq: 1, number: '1', dueDate: '', amountCents: 118000, imported: false }],
};

/** A cancelled NF-e: it cannot be imported. */
export const cancelled: ImportDocView = {
  ...base,
  key: 'cancelada.xml#0',
  file: 'cancelada.xml',
  number: '1242',
  totalCents: 30000,
  payer: { ...EMPTY_PARTY, document: '98765432000198', name: 'Padaria Pão Quente ME' },
  installments: [{ seq: 1, number: '001', dueDate: '2026-04-10', amountCents: 30000, imported: false }],
  errors: ['A NF-e 1242 foi cancelada; não emita boleto para ela.'],
};

/** A CSV order imported before: both installments have their boletos already. */
export const importedOrder: ImportDocView = {
  ...base,
  key: 'pedidos.csv#0',
  file: 'pedidos.csv',
  format: 'csv',
  kind: 'pedido',
  kindLabel: 'pedido de venda',
  number: '500',
  series: '',
  issueDate: '',
  totalCents: 300050,
  payer: { ...EMPTY_PARTY, document: '12345678000195', name: 'Silva; Souza & Cia' },
  installments: [
    { seq: 1, number: '1/2', dueDate: '2027-01-10', amountCents: 150000, imported: true },
    { seq: 2, number: '2/2', dueDate: '2027-02-10', amountCents: 150050, imported: true },
  ],
  documentId: 31,
};

/** A CSV contract imported before whose second installment is new. */
export const partlyImported: ImportDocView = {
  ...importedOrder,
  key: 'pedidos.csv#1',
  kind: 'contrato',
  kindLabel: 'contrato',
  number: 'C-77',
  totalCents: 17980,
  payer: { ...EMPTY_PARTY, document: '11144477735', name: 'Ana Lima' },
  installments: [
    { seq: 1, number: '1', dueDate: '2027-01-05', amountCents: 8990, imported: true },
    { seq: 2, number: '2', dueDate: '2027-02-05', amountCents: 8990, imported: false },
  ],
  documentId: 32,
};

export const preview: ImportPreview = {
  documents: [nfe1234, nfse42, cancelled, importedOrder, partlyImported],
  fileErrors: [{ file: 'quebrado.xml', message: 'O arquivo quebrado.xml não é um XML válido (linha 3).' }],
};
