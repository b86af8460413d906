// Sample data for the e-mail screens' tests (not used by the app).
import type { MailMessageDTO, MailSettingsDTO } from '../../lib/backend';

export const DEFAULT_SUBJECT = 'Boleto {{seu_numero}} de {{empresa}} – vencimento {{vencimento}}';
export const DEFAULT_BODY = 'Olá, {{pagador}}.\n\nSegue em anexo o boleto de {{valor}}.';

/** What the backend answers for an account without e-mail settings: suggestions. */
export const suggested: MailSettingsDTO = {
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  password: '',
  fromName: 'Padaria Pão Quente Ltda',
  fromAddress: 'financeiro@paoquente.com.br',
  replyTo: '',
  subject: '',
  body: '',
  configured: false,
  hasPassword: false,
  warnings: [],
  defaultSubject: DEFAULT_SUBJECT,
  defaultBody: DEFAULT_BODY,
};

/** Saved settings with a password in the keychain. */
export const saved: MailSettingsDTO = {
  ...suggested,
  host: 'smtp.gmail.com',
  username: 'financeiro@paoquente.com.br',
  configured: true,
  hasPassword: true,
};

export function message(fields: Partial<MailMessageDTO>): MailMessageDTO {
  return {
    id: 1,
    boletoId: 42,
    to: 'maria@example.com.br',
    subject: 'Boleto 000123 de Padaria Pão Quente Ltda – vencimento 20/05/2026',
    state: 'queued',
    attempts: 0,
    lastError: '',
    nextTry: '',
    sentAt: '',
    createdAt: '2026-05-10T14:05:00-03:00',
    ...fields,
  };
}
