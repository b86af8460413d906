import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Indicator,
  Loader,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertCircle, IconBell, IconChecks } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../boletos/format';
import {
  asBackendError,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type BackendError,
  type NotificationDTO,
} from '../../lib/backend';
import { kindLook } from './kinds';
import { useNotificationFeed } from './useNotificationFeed';
import { RetryAlert } from '../../components/RetryAlert';

const PAGE = 30;

/** The bell in the header: the unread count, and the "Notificações" panel when clicked. */
export function NotificationBell() {
  const feed = useNotificationFeed();
  const [opened, { open, close }] = useDisclosure(false);
  const unread = feed.unread ?? 0;
  const label = unread === 0 ? 'Notificações' : `Notificações: ${unread} não ${unread === 1 ? 'lida' : 'lidas'}`;

  return (
    <>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        disabled={unread === 0}
        size={18}
        color="red"
        offset={4}
        inline
      >
        <ActionIcon variant="subtle" color="gray" size="lg" onClick={open} aria-label={label} title={label}>
          <IconBell size={20} stroke={1.6} aria-hidden="true" />
        </ActionIcon>
      </Indicator>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size="md"
        title="Notificações"
        closeButtonProps={{ 'aria-label': 'Fechar' }}
      >
        {opened && <NotificationPanel version={feed.version} onUnread={feed.setUnread} onClose={close} />}
      </Drawer>
    </>
  );
}

type PanelState =
  | { status: 'loading' }
  | { status: 'error'; error: BackendError }
  | { status: 'ready'; items: NotificationDTO[]; hasMore: boolean };

function NotificationPanel({
  version,
  onUnread,
  onClose,
}: {
  version: number;
  onUnread: (n: number) => void;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<BackendError | null>(null);

  const load = useCallback(() => {
    let live = true;
    listNotifications({ limit: PAGE, unreadOnly: false, beforeId: 0 }).then(
      (list) => {
        if (!live) return;
        setState({ status: 'ready', items: list.items, hasMore: list.hasMore });
        onUnread(list.unread);
      },
      (err: unknown) => {
        if (live) setState({ status: 'error', error: asBackendError(err, 'Não foi possível ler as notificações.') });
      },
    );
    return () => {
      live = false;
    };
  }, [onUnread]);

  // Loads when opened, and again when new notifications arrive while it is open.
  useEffect(() => load(), [load, version]);

  const loadMore = () => {
    if (state.status !== 'ready' || state.items.length === 0) return;
    const last = state.items[state.items.length - 1];
    setBusy(true);
    listNotifications({ limit: PAGE, unreadOnly: false, beforeId: last.id })
      .then((list) => {
        setState({ status: 'ready', items: [...state.items, ...list.items], hasMore: list.hasMore });
        onUnread(list.unread);
      })
      .catch((err: unknown) => setActionError(asBackendError(err, 'Não foi possível ler mais notificações.')))
      .finally(() => setBusy(false));
  };

  const markAll = () => {
    setBusy(true);
    setActionError(null);
    markAllNotificationsRead()
      .then((n) => {
        onUnread(n);
        setState((s) => (s.status === 'ready' ? { ...s, items: s.items.map((i) => ({ ...i, read: true })) } : s));
      })
      .catch((err: unknown) =>
        setActionError(asBackendError(err, 'Não foi possível marcar as notificações como lidas. Tente de novo.')),
      )
      .finally(() => setBusy(false));
  };

  const openItem = (item: NotificationDTO) => {
    if (!item.read) {
      setState((s) =>
        s.status === 'ready' ? { ...s, items: s.items.map((i) => (i.id === item.id ? { ...i, read: true } : i)) } : s,
      );
      markNotificationRead(item.id).then(onUnread, () => {
        // Still unread at the backend: the next load shows it so. Going to the screen matters more.
      });
    }
    if (item.route) {
      onClose();
      navigate(item.route);
    }
  };

  if (state.status === 'loading') return <Loader aria-label="Carregando as notificações" />;
  if (state.status === 'error') {
    return (
      <RetryAlert title="Não foi possível ler as notificações" message={state.error.message} onRetry={load} />
    );
  }
  const anyUnread = state.items.some((i) => !i.read);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Pagamentos recebidos, falhas na emissão e avisos do certificado e da consulta ao banco.
      </Text>
      {state.items.length > 0 && (
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconChecks size={16} aria-hidden="true" />}
            onClick={markAll}
            disabled={!anyUnread}
            loading={busy}
          >
            Marcar todas como lidas
          </Button>
        </Group>
      )}
      {actionError && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden="true" />}>
          {actionError.message}
        </Alert>
      )}
      {state.items.length === 0 ? (
        <Text size="sm">Nenhuma notificação por enquanto.</Text>
      ) : (
        <Box component="ul" aria-label="Notificações" p={0} m={0} style={{ listStyle: 'none' }}>
          {state.items.map((item) => (
            <li key={item.id}>
              <NotificationRow item={item} onOpen={openItem} />
            </li>
          ))}
        </Box>
      )}
      {state.hasMore && (
        <Button variant="subtle" onClick={loadMore} loading={busy}>
          Ver mais antigas
        </Button>
      )}
    </Stack>
  );
}

function NotificationRow({ item, onOpen }: { item: NotificationDTO; onOpen: (item: NotificationDTO) => void }) {
  const look = kindLook(item.kind);
  const Icon = look.icon;
  return (
    <UnstyledButton
      onClick={() => onOpen(item)}
      data-unread={item.read ? undefined : 'true'}
      aria-label={`${item.read ? '' : 'Não lida: '}${item.title}. ${item.body}`}
      w="100%"
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: item.read ? undefined : 'var(--mantine-color-blue-light)',
        marginBottom: 4,
      }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <ThemeIcon color={look.color} variant="light" radius="xl" size="lg">
          <Icon size={18} stroke={1.6} aria-hidden="true" />
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" fw={item.read ? 500 : 700}>
              {item.title}
            </Text>
            {!item.read && (
              <Badge size="xs" color="blue" variant="filled" styles={{ label: { textTransform: 'none' } }}>
                nova
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(item.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
