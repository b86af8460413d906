// E-mail delivery screens: the SMTP settings of an account, "Enviar por e-mail" and the
// e-mails of a boleto.
export { MailHistory } from './MailHistory';
export { MailSettingsForm } from './MailSettingsForm';
export { MailStateBadge } from './MailStateBadge';
export { mailBlocker } from './labels';
export { isSettingsProblem, mailSettingsPath, SendMailButton, SendMailModal, type MailChanged } from './SendMailModal';
