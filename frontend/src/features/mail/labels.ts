// Words and rules of the e-mail screens. Pure data and functions; no React here.

/** How the connection to the SMTP server is secured, as the backend names it. */
export type MailSecurity = 'starttls' | 'tls' | 'none';

export interface SecurityOption {
  value: MailSecurity;
  label: string;
  /** The port servers usually listen on with this security. */
  usualPort: number;
  /** What to put in "Porta", shown under it. */
  portHint: string;
}

export const SECURITY_OPTIONS: SecurityOption[] = [
  {
    value: 'starttls',
    label: 'STARTTLS (recomendado)',
    usualPort: 587,
    portHint: 'Com STARTTLS a porta costuma ser 587 (Gmail, Outlook e a maioria dos provedores).',
  },
  {
    value: 'tls',
    label: 'TLS direto (SSL)',
    usualPort: 465,
    portHint: 'Com TLS direto (SSL) a porta costuma ser 465.',
  },
  {
    value: 'none',
    label: 'Nenhuma (só servidor neste computador)',
    usualPort: 25,
    portHint:
      'Sem criptografia: só para um servidor de e-mail neste computador (localhost) ou que não pede usuário e senha. A porta costuma ser 25.',
  },
];

export function isMailSecurity(value: string): value is MailSecurity {
  return SECURITY_OPTIONS.some((o) => o.value === value);
}

export function securityOption(value: string): SecurityOption {
  return SECURITY_OPTIONS.find((o) => o.value === value) ?? SECURITY_OPTIONS[0];
}

/**
 * The port to show after the security changes from `from` to `to`: the usual port of the new
 * one when the field is empty or still holds the usual port of the old one; else the user's.
 */
export function portAfterSecurityChange(port: number | string, from: string, to: string): number | string {
  const text = String(port).trim();
  if (text === '' || text === String(securityOption(from).usualPort)) return securityOption(to).usualPort;
  return port;
}

/** The placeholders of the subject and body templates, in the backend's order. */
export const PLACEHOLDERS: { name: string; meaning: string }[] = [
  { name: 'pagador', meaning: 'Nome do pagador' },
  { name: 'valor', meaning: 'Valor do boleto (R$ 1.234,56)' },
  { name: 'vencimento', meaning: 'Data de vencimento (dd/mm/aaaa)' },
  { name: 'linha_digitavel', meaning: 'Linha digitável, para pagar no banco' },
  { name: 'pix', meaning: 'Pix copia e cola' },
  { name: 'seu_numero', meaning: 'Seu número (o controle do boleto)' },
  { name: 'empresa', meaning: 'Nome da sua empresa (o beneficiário)' },
];

/** States of one e-mail of a boleto. */
export type MailState = 'queued' | 'sending' | 'sent' | 'failed';

export const MAIL_STATE_LABELS: Record<MailState, string> = {
  queued: 'Na fila',
  sending: 'Enviando',
  sent: 'Enviado',
  failed: 'Não enviado',
};

export function isMailState(value: string): value is MailState {
  return value in MAIL_STATE_LABELS;
}

/** The boleto states whose e-mail the backend refuses: there is nothing to pay. */
const REFUSED_STATES = new Set(['cancel_requested', 'cancelled', 'expired', 'failed']);

/**
 * Why "Enviar por e-mail" does not apply to the selected boletos, or undefined when it does.
 * Drafts and boletos not issued yet may be sent: their e-mails wait for the issue.
 */
export function mailBlocker(rows: { seuNumero: string; state: string; stateLabel: string }[]): string | undefined {
  if (rows.length === 0) return 'Selecione ao menos um boleto para enviar por e-mail.';
  const refused = rows.find((r) => REFUSED_STATES.has(r.state));
  if (refused) {
    return `O boleto ${refused.seuNumero} está “${refused.stateLabel}” e não pode ser enviado por e-mail. Tire-o da seleção.`;
  }
  return undefined;
}

/** "1 e-mail", "3 e-mails". */
export function mailsCount(n: number): string {
  return n === 1 ? '1 e-mail' : `${n.toLocaleString('pt-BR')} e-mails`;
}
