import { Alert, Anchor, Box, Button, Group, Modal, Stack, Text, TextInput, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMail, IconSend, IconSettings } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  asBackendError,
  onEvent,
  sendBoletosByMail,
  type BackendError,
  type MailMessageDTO,
} from '../../lib/backend';
import { EVENT_MAIL_CHANGED } from '../../lib/events';
import { ActionButton } from '../boletos/ActionButton';
import { mailsCount } from './labels';
import { MailStateBadge } from './MailStateBadge';

/** Payload of EVENT_MAIL_CHANGED (internal/mail MailChanged). */
export interface MailChanged {
  id: number;
  boletoId: number;
  accountId: number;
  state: string;
  error: string;
}

/** The address of the settings screen, on the account's e-mail form when it is known. */
export function mailSettingsPath(accountId?: number): string {
  return accountId ? `/configuracoes?conta=${accountId}` : '/configuracoes';
}

/**
 * Whether an error means the account's e-mail is not set up (no SMTP settings, or a template
 * the backend cannot render): then the way out is the settings screen.
 */
export function isSettingsProblem(error: BackendError): boolean {
  return (
    error.code === 'invalid_input' &&
    error.fields.length === 0 &&
    /(Configure o envio de e-mail|modelo do (assunto|texto) do e-mail)/.test(error.message)
  );
}

interface SendMailModalProps {
  /** The boletos to send, one e-mail each. */
  ids: number[];
  /** What "Para" starts with; blank sends each boleto to its payer's e-mail. */
  defaultTo?: string;
  /** The boletos' account, for the link to its e-mail settings (when all share one). */
  accountId?: number;
  opened: boolean;
  onClose: () => void;
  onSent?: (messages: MailMessageDTO[]) => void;
}

/** "Enviar por e-mail": one e-mail per boleto with its PDF, to one address or to each payer. */
export function SendMailModal({ ids, defaultTo = '', accountId, opened, onClose, onSent }: SendMailModalProps) {
  const [to, setTo] = useState(defaultTo);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [sent, setSent] = useState<MailMessageDTO[] | null>(null);

  // Every opening starts afresh.
  useEffect(() => {
    if (!opened) return;
    setTo(defaultTo);
    setError(null);
    setSent(null);
    setSending(false);
  }, [opened, defaultTo]);

  // The messages just queued move on in the background: follow them while the dialog is open.
  const following = sent !== null && sent.length > 0;
  useEffect(() => {
    if (!opened || !following) return;
    return onEvent<MailChanged>(EVENT_MAIL_CHANGED, (change) => {
      setSent((list) =>
        list
          ? list.map((m) => (m.id === change.id ? { ...m, state: change.state, lastError: change.error ?? m.lastError } : m))
          : list,
      );
    });
  }, [opened, following]);

  const count = ids.length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    sendBoletosByMail(ids, to.trim()).then(
      (messages) => {
        setSending(false);
        setSent(messages);
        notifications.show({
          color: 'green',
          title: messages.length === 1 ? 'E-mail na fila de envio' : `${mailsCount(messages.length)} na fila de envio`,
          message:
            'Os e-mails saem em segundo plano, com o PDF do boleto anexado. Boletos ainda não emitidos esperam a emissão.',
        });
        onSent?.(messages);
      },
      (err: unknown) => {
        setSending(false);
        setError(asBackendError(err, 'Não foi possível enviar por e-mail. Tente de novo.'));
      },
    );
  };

  const toError = error?.fieldMessages('to').join(' ') || undefined;
  const title = count === 1 ? 'Enviar boleto por e-mail' : `Enviar ${count.toLocaleString('pt-BR')} boletos por e-mail`;

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      {sent === null ? (
        <form onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="md">
            <TextInput
              label="Para"
              placeholder="E-mail de cada pagador"
              value={to}
              onChange={(event) => {
                setTo(event.currentTarget.value);
                if (toError) setError(null);
              }}
              type="email"
              autoComplete="email"
              data-autofocus
              description={
                count === 1
                  ? 'Deixe em branco para enviar ao e-mail cadastrado do pagador.'
                  : 'Deixe em branco para enviar cada boleto ao e-mail cadastrado do seu pagador; com um endereço, todos vão para ele.'
              }
              error={toError}
            />
            <Text size="sm" c="dimmed">
              Cada boleto vai em um e-mail, com o PDF anexado. Rascunhos e boletos ainda não emitidos ficam na fila e saem
              quando o banco os emitir.
            </Text>
            {error && !toError && <SendError error={error} accountId={accountId} onLeave={onClose} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancelar
              </Button>
              <Button type="submit" loading={sending} leftSection={<IconSend size={16} aria-hidden="true" />}>
                Enviar
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          <Text size="sm" role="status">
            {sent.length === 1 ? '1 e-mail foi para a fila de envio.' : `${mailsCount(sent.length)} foram para a fila de envio.`}{' '}
            Acompanhe cada um no histórico de e-mails do boleto.
          </Text>
          <Box component="ul" aria-label="E-mails na fila" p={0} m={0} style={{ listStyle: 'none' }}>
            {sent.map((m) => (
              <Box component="li" key={m.id} py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      Para {m.to}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {m.subject}
                    </Text>
                    {m.state === 'failed' && m.lastError && (
                      <Text size="xs" c="red.8">
                        {m.lastError}
                      </Text>
                    )}
                  </div>
                  <MailStateBadge state={m.state} />
                </Group>
              </Box>
            ))}
          </Box>
          <Group justify="flex-end">
            <Button onClick={onClose}>Fechar</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function SendError({ error, accountId, onLeave }: { error: BackendError; accountId?: number; onLeave: () => void }) {
  const settings = isSettingsProblem(error);
  return (
    <Alert
      color={settings ? 'yellow' : 'red'}
      title={settings ? 'Falta configurar o e-mail' : 'Os e-mails não foram enviados'}
      icon={<IconAlertCircle aria-hidden="true" />}
    >
      <Text size="sm">{error.message}</Text>
      {settings && (
        <Anchor component={Link} to={mailSettingsPath(accountId)} onClick={onLeave} size="sm" mt={4} display="inline-flex">
          <IconSettings size={16} aria-hidden="true" style={{ marginRight: 4 }} />
          Abrir as configurações de e-mail
        </Anchor>
      )}
    </Alert>
  );
}

interface SendMailButtonProps {
  ids: number[];
  defaultTo?: string;
  accountId?: number;
  /** When set the button does nothing and says why (see mailBlocker). */
  disabledReason?: string;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
}

/** The "Enviar por e-mail" button and its dialog. */
export function SendMailButton({ ids, defaultTo, accountId, disabledReason, size = 'sm', variant = 'default' }: SendMailButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <ActionButton
        size={size}
        variant={variant}
        leftSection={<IconMail size={16} aria-hidden="true" />}
        onClick={() => setOpened(true)}
        disabledReason={disabledReason}
      >
        Enviar por e-mail
      </ActionButton>
      <SendMailModal
        ids={ids}
        defaultTo={defaultTo}
        accountId={accountId}
        opened={opened}
        onClose={() => setOpened(false)}
      />
    </>
  );
}
