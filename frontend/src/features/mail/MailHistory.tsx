import { Alert, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  asBackendError,
  cancelMail,
  listBoletoMails,
  onEvent,
  retryMail,
  type BackendError,
  type MailMessageDTO,
} from '../../lib/backend';
import { EVENT_MAIL_CHANGED } from '../../lib/events';
import { formatDateTime } from '../boletos/format';
import { MailStateBadge } from './MailStateBadge';
import type { MailChanged } from './SendMailModal';
import { RetryAlert } from '../../components/RetryAlert';

type Load = { status: 'loading' } | { status: 'ready'; list: MailMessageDTO[] } | { status: 'error'; error: BackendError };

/** The boleto's e-mails, newest first, kept current through mail:changed. */
function useBoletoMails(boletoId: number) {
  const [state, setState] = useState<Load>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(() => {
    const request = ++latest.current;
    listBoletoMails(boletoId).then(
      (list) => {
        if (request === latest.current) setState({ status: 'ready', list });
      },
      (err: unknown) => {
        if (request === latest.current) {
          setState({ status: 'error', error: asBackendError(err, 'Não foi possível ler os e-mails do boleto.') });
        }
      },
    );
  }, [boletoId]);

  useEffect(() => {
    setState({ status: 'loading' });
    reload();
    const off = onEvent<MailChanged>(EVENT_MAIL_CHANGED, (change) => {
      if (!change || change.boletoId === boletoId) reload();
    });
    return () => {
      latest.current++;
      off();
    };
  }, [boletoId, reload]);

  /** Shows a message the backend returned, in place, before the event's reload. */
  const put = useCallback((m: MailMessageDTO) => {
    setState((s) => (s.status === 'ready' ? { ...s, list: s.list.map((x) => (x.id === m.id ? m : x)) } : s));
  }, []);

  return { state, reload, put };
}

/** "E-mails" of a boleto: each message with its situação, the last error, the next try, and what can be done. */
export function MailHistory({ boletoId }: { boletoId: number }) {
  const { state, reload, put } = useBoletoMails(boletoId);
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<BackendError | null>(null);

  const act = (m: MailMessageDTO, kind: 'retry' | 'cancel') => {
    setBusy(m.id);
    setActionError(null);
    (kind === 'retry' ? retryMail(m.id) : cancelMail(m.id)).then(
      (updated) => {
        setBusy(null);
        put(updated);
        notifications.show(
          kind === 'retry'
            ? { color: 'blue', title: 'E-mail de novo na fila', message: `O e-mail para ${m.to} será enviado de novo agora.` }
            : { color: 'gray', title: 'Envio cancelado', message: `O e-mail para ${m.to} não será enviado.` },
        );
      },
      (err: unknown) => {
        setBusy(null);
        setActionError(
          asBackendError(
            err,
            kind === 'retry' ? 'Não foi possível pôr o e-mail de novo na fila.' : 'Não foi possível cancelar o envio.',
          ),
        );
        reload();
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="E-mails">
      <Title order={2} size="h4" mb="sm">
        E-mails
      </Title>
      {state.status === 'loading' && <Loader size="sm" aria-label="Carregando os e-mails do boleto" />}
      {state.status === 'error' && (
        <RetryAlert title="Não foi possível ler os e-mails" message={state.error.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.list.length === 0 && (
        <Text size="sm" c="dimmed">
          Nenhum e-mail deste boleto ainda.
        </Text>
      )}
      {state.status === 'ready' && state.list.length > 0 && (
        <Stack gap="xs">
          {actionError && (
            <Alert color="red" withCloseButton onClose={() => setActionError(null)} closeButtonLabel="Fechar">
              <Text size="sm">{actionError.message}</Text>
            </Alert>
          )}
          <Box component="ul" aria-label="E-mails do boleto" p={0} m={0} style={{ listStyle: 'none' }}>
            {state.list.map((m) => (
              <MailItem key={m.id} message={m} busy={busy === m.id} onRetry={() => act(m, 'retry')} onCancel={() => act(m, 'cancel')} />
            ))}
          </Box>
        </Stack>
      )}
    </Paper>
  );
}

interface MailItemProps {
  message: MailMessageDTO;
  busy: boolean;
  onRetry: () => void;
  onCancel: () => void;
}

function MailItem({ message: m, busy, onRetry, onCancel }: MailItemProps) {
  const nextTry = m.state === 'queued' ? formatDateTime(m.nextTry) : '';
  const attempts = m.attempts === 1 ? '1 tentativa' : `${m.attempts} tentativas`;
  return (
    <Box
      component="li"
      py="xs"
      aria-label={`E-mail para ${m.to}`}
      data-mail-id={m.id}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            Para {m.to}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {m.subject}
          </Text>
          <Text size="xs" c="dimmed">
            {m.state === 'sent' && m.sentAt
              ? `Enviado em ${formatDateTime(m.sentAt)}`
              : `Pedido em ${formatDateTime(m.createdAt)}`}
            {m.attempts > 0 && ` · ${attempts}`}
          </Text>
          {m.lastError && m.state !== 'sent' && (
            <Text size="xs" c={m.state === 'failed' ? 'red.8' : 'orange.8'}>
              {m.state === 'failed' ? 'Motivo: ' : 'Última falha: '}
              {m.lastError}
            </Text>
          )}
          {nextTry && m.attempts > 0 && <Text size="xs">Próxima tentativa: {nextTry}</Text>}
        </Stack>
        <MailStateBadge state={m.state} />
      </Group>
      {(m.state === 'failed' || m.state === 'queued') && (
        <Group gap="xs" mt={6}>
          {m.state === 'failed' && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconRefresh size={14} aria-hidden="true" />}
              onClick={onRetry}
              loading={busy}
              aria-label={`Tentar de novo o e-mail para ${m.to}`}
            >
              Tentar de novo
            </Button>
          )}
          {m.state === 'queued' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconBan size={14} aria-hidden="true" />}
              onClick={onCancel}
              loading={busy}
              aria-label={`Cancelar o envio do e-mail para ${m.to}`}
            >
              Cancelar envio
            </Button>
          )}
        </Group>
      )}
    </Box>
  );
}
