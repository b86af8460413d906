// Sample data for the account screens' tests (not used by the app).
import type { AccountView, CertificateView, ParametersDTO, PartyDTO } from '../../lib/backend';

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

export const noParameters: ParametersDTO = {
  interestCode: '',
  interestRateBp: 0,
  interestAmountCents: 0,
  fineCode: '',
  fineRateBp: 0,
  fineAmountCents: 0,
  discountCode: '',
  discountRateBp: 0,
  discountAmountCents: 0,
  discountDaysBefore: 0,
  agendaDays: 30,
  messages: [],
  defaultDueDays: 10,
};

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

/** A File with the given text content (ASCII). */
export function textFile(content: string, name: string, type = 'application/octet-stream'): File {
  return new File([content], name, { type });
}
