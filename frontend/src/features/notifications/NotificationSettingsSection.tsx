import { Alert, Button, Loader, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useLoad } from '../accounts/useLoad';
import {
  asBackendError,
  getNotificationSettings,
  saveNotificationSettings,
  type BackendError,
  type NotificationSettings,
} from '../../lib/backend';
import { RetryAlert } from '../../components/RetryAlert';

const TITLE = 'Notificações';

/** Configurações → Notificações: the system notifications on or off. */
export function NotificationSettingsSection() {
  const { state, reload, replace } = useLoad(
    getNotificationSettings,
    'notification-settings',
    'Não foi possível ler as configurações de notificações.',
  );
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<BackendError | null>(null);

  const save = (next: NotificationSettings) => {
    setSaving(true);
    setSaveError(null);
    saveNotificationSettings(next)
      .then(replace)
      .catch((err: unknown) => setSaveError(asBackendError(err, 'Não foi possível salvar. Tente de novo.')))
      .finally(() => setSaving(false));
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={TITLE}>
      <Title order={2} size="h3" mb="md">
        {TITLE}
      </Title>
      <Stack gap="md" maw={820}>
        <Text size="sm">
          O sino no alto da tela guarda os avisos de boletos pagos, de falhas na emissão, do certificado perto do vencimento
          e da consulta ao banco que não está funcionando. Os avisos ficam na lista por 180 dias.
        </Text>
        {state.status === 'loading' && <Loader size="sm" aria-label="Carregando as configurações de notificações" />}
        {state.status === 'error' && (
          <RetryAlert title="Não foi possível ler as configurações" message={state.error.message} onRetry={reload} />
        )}
        {state.status === 'ready' && (
          <>
            <Switch
              label="Notificações do sistema"
              description="Mostra também um aviso do sistema (no canto da tela), mesmo com o programa minimizado. Vários pagamentos de uma vez viram um aviso só."
              checked={state.data.system}
              disabled={saving}
              onChange={(event) => save({ ...state.data, system: event.currentTarget.checked })}
            />
            {!state.data.desktop && state.data.system && <BrowserPermission />}
          </>
        )}
        {saveError && (
          <Alert color="red" title="Não foi salvo" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">{saveError.message}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** In the browser mode the system notifications go through the browser, which asks first. */
function BrowserPermission() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(
    supported ? Notification.permission : 'unsupported',
  );
  if (permission === 'granted') {
    return (
      <Text size="sm" c="dimmed">
        Neste navegador, os avisos aparecem quando a página do Boletos não está à vista.
      </Text>
    );
  }
  if (permission === 'unsupported') {
    return (
      <Text size="sm" c="dimmed">
        Este navegador não mostra avisos do sistema: os avisos aparecem só dentro da página.
      </Text>
    );
  }
  if (permission === 'denied') {
    return (
      <Text size="sm" c="dimmed">
        Este navegador bloqueou os avisos do Boletos. Para recebê-los, libere as notificações deste endereço nas
        configurações do navegador.
      </Text>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm" c="dimmed">
        No navegador, os avisos do sistema precisam da sua permissão.
      </Text>
      <Button
        size="xs"
        variant="light"
        onClick={() => {
          void Notification.requestPermission().then(setPermission, () => {});
        }}
      >
        Permitir avisos neste navegador
      </Button>
    </Stack>
  );
}
