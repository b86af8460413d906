// Sample data shared by the tests (not used by the app): accounts, their certificates and
// parameters, and a payer.
import { EMPTY_CHARGES } from '../features/charges/ChargesFields';
import type { AccountView, CertificateView, ParametersDTO, PartyDTO, PayerView } from '../lib/backend';

export const okCertificate: CertificateView = {
  subject: 'CN=12345678000195, O=Padaria Pão Quente Ltda',
  issuer: 'CN=Banco Inter API CA',
  serial: '4F:1A:22:9C',
  notBefore: '2025-08-01',
  notAfter: '2026-08-01',
  daysLeft: 245,
  status: 'ok',
  message: '',
};

export const expiringCertificate: CertificateView = {
  ...okCertificate,
  notAfter: '2025-12-20',
  daysLeft: 12,
  status: 'expiring',
  message:
    'O certificado da integração vence em 12 dias, em 20/12/2025. Para renovar, crie uma nova integração no Internet Banking do Inter.',
};

export const expiredCertificate: CertificateView = {
  ...okCertificate,
  notAfter: '2025-11-30',
  daysLeft: -8,
  status: 'expired',
  message:
    'O certificado da integração venceu em 30/11/2025. Para renovar, crie uma nova integração no Internet Banking do Inter.',
};

export const beneficiary: PartyDTO = {
  document: '12345678000195',
  name: 'Padaria Pão Quente Ltda',
  address: 'Rua das Flores',
  number: '100',
  complement: 'Sala 2',
  district: 'Centro',
  city: 'Rolândia',
  uf: 'PR',
  cep: '86601528',
  email: 'financeiro@paoquente.com.br',
  ddd: '43',
  phone: '32550000',
};

/** An account's "Parâmetros do boleto" with nothing set but the usual 30 days and 10-day due date. */
export const noParameters: ParametersDTO = { ...EMPTY_CHARGES, agendaDays: 30, messages: [], defaultDueDays: 10 };

export const productionAccount: AccountView = {
  id: 7,
  name: 'Inter — Loja Centro',
  bank: '077',
  bankName: 'Banco Inter S.A.',
  agency: '0001',
  accountNumber: '123456789',
  contaCorrente: '',
  environment: 'production',
  environmentLabel: 'Produção',
  isSimulation: false,
  simulatorUrl: '',
  directIntegration: true,
  clientId: 'a1b2c3d4-client',
  hasClientSecret: true,
  certificate: okCertificate,
  beneficiary,
  operationNumber: '1234567',
  logoDataUrl: '',
  parameters: noParameters,
};

export const demoAccount: AccountView = {
  ...productionAccount,
  id: 1,
  name: 'Conta de demonstração',
  environment: 'demo',
  environmentLabel: 'Demonstração (simulação)',
  isSimulation: true,
  simulatorUrl: '',
  accountNumber: '99999999',
};

/** A payer (CPF) with every field filled, as searchPayers/getPayer give it. */
export const maria: PayerView = {
  id: 7,
  document: '52998224725',
  documentFormatted: '529.982.247-25',
  kind: 'CPF',
  name: 'Maria da Conceição Souza',
  address: 'Avenida Paulista',
  number: '1000',
  complement: 'Sala 12',
  district: 'Bela Vista',
  city: 'São Paulo',
  uf: 'SP',
  cep: '01310100',
  cepFormatted: '01310-100',
  email: 'maria@example.com.br',
  ddd: '11',
  phone: '987654321',
  warnings: [],
};

/** Maria as the party of a boleto (PartyDTO). */
export const mariaParty: PartyDTO = {
  document: maria.document,
  name: maria.name,
  address: maria.address,
  number: maria.number,
  complement: maria.complement,
  district: maria.district,
  city: maria.city,
  uf: maria.uf,
  cep: maria.cep,
  email: maria.email,
  ddd: maria.ddd,
  phone: maria.phone,
};
