import { Alert, Badge, Button, Group, List, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconRefresh, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import {
  asBackendError,
  cancelBatch,
  pauseBatch,
  resumeBatch,
  retryBatch,
  type BatchItemDTO,
  type BatchView,
} from '../../../lib/backend';
import { PrintMenu } from '../PrintMenu';
import { useBatch } from './useBatch';

interface BatchPanelProps {
  /** The batch as issueBoletos answered; null keeps the panel closed. */
  batch: BatchView | null;
  onClose: () => void;
}

type Command = 'pause' | 'resume' | 'cancel' | 'retry';

const COMMANDS: Record<Command, (job: string) => Promise<BatchView>> = {
  pause: pauseBatch,
  resume: resumeBatch,
  cancel: cancelBatch,
  retry: retryBatch,
};

/**
 * "Emitindo boletos": the batch's progress (emitidos, com falha, restantes), Pausar / Retomar /
 * Cancelar lote while it runs, and at the end the boletos that failed with the reasons, to fix
 * them or try again. Closing the panel does not stop the batch.
 */
export function BatchPanel({ batch, onClose }: BatchPanelProps) {
  const { view, error, setError, apply } = useBatch(batch);
  const [busy, setBusy] = useState<Command | null>(null);

  const run = async (command: Command) => {
    if (!view) return;
    setBusy(command);
    setError(null);
    try {
      apply(await COMMANDS[command](view.job));
    } catch (err) {
      setError(asBackendError(err, 'Não foi possível mudar o lote. Tente de novo.'));
    } finally {
      setBusy(null);
    }
  };

  const items = view?.items ?? [];
  const failedItems = items.filter((i) => i.outcome === 'failed');
  const doneIds = items.filter((i) => i.outcome === 'done').map((i) => i.id);

  return (
    <Modal
      opened={batch !== null}
      onClose={onClose}
      title={view?.finished ? 'Emissão concluída' : 'Emitindo boletos'}
      size="xl"
      centered
    >
      {view && (
        <Stack gap="md">
          <BatchProgress view={view} />
          {error && (
            <Alert color="red" variant="light" title="Problema com o lote">
              {error.message}
            </Alert>
          )}

          {!view.finished && (
            <Group gap="sm">
              {view.paused ? (
                <Button
                  leftSection={<IconPlayerPlay size={16} aria-hidden="true" />}
                  onClick={() => void run('resume')}
                  loading={busy === 'resume'}
                  disabled={busy !== null}
                >
                  Retomar
                </Button>
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconPlayerPause size={16} aria-hidden="true" />}
                  onClick={() => void run('pause')}
                  loading={busy === 'pause'}
                  disabled={busy !== null}
                >
                  Pausar
                </Button>
              )}
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconX size={16} aria-hidden="true" />}
                onClick={() => void run('cancel')}
                loading={busy === 'cancel'}
                disabled={busy !== null}
              >
                Cancelar lote
              </Button>
              <Text size="sm" c="dimmed">
                Pode fechar esta janela: a emissão continua, e a lista mostra cada boleto mudar de situação.
              </Text>
            </Group>
          )}

          {failedItems.length > 0 && <FailedItems items={failedItems} finished={view.finished} />}

          {view.finished && (
            <Group justify="space-between" gap="sm">
              <Group gap="sm">
                {failedItems.length > 0 && (
                  <Button
                    leftSection={<IconRefresh size={16} aria-hidden="true" />}
                    onClick={() => void run('retry')}
                    loading={busy === 'retry'}
                    disabled={busy !== null}
                  >
                    Tentar de novo as que falharam
                  </Button>
                )}
                {doneIds.length > 0 && <PrintMenu ids={doneIds} actions={['print', 'save', 'carne']} />}
              </Group>
              <Button variant="default" onClick={onClose}>
                Fechar
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function BatchProgress({ view }: { view: BatchView }) {
  const total = Math.max(view.total, 1);
  const pct = (n: number) => (n / total) * 100;
  const status = view.finished ? 'Concluído' : view.paused ? 'Pausado' : 'Enviando ao banco…';
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} role="status" aria-live="polite">
          {view.done} de {view.total} emitidos · {view.failed} com falha · {view.remaining} restantes
        </Text>
        <Badge
          variant={view.finished ? 'filled' : 'light'}
          color={view.finished ? (view.failed > 0 ? 'orange' : 'green') : view.paused ? 'gray' : 'blue'}
          styles={{ label: { textTransform: 'none' } }}
        >
          {status}
        </Badge>
      </Group>
      <Progress.Root
        size="xl"
        aria-label="Andamento da emissão"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={view.total}
        aria-valuenow={view.done + view.failed}
        aria-valuetext={`${view.done + view.failed} de ${view.total} processados`}
      >
        <Progress.Section withAria={false} value={pct(view.done)} color="green" animated={!view.finished && !view.paused} striped={!view.finished}>
          <Progress.Label>{view.done > 0 ? `${view.done} emitidos` : ''}</Progress.Label>
        </Progress.Section>
        <Progress.Section withAria={false} value={pct(view.failed)} color="red">
          <Progress.Label>{view.failed > 0 ? `${view.failed} com falha` : ''}</Progress.Label>
        </Progress.Section>
      </Progress.Root>
    </Stack>
  );
}

/** The boletos that failed: seu número, the reason and the problems of each field. */
function FailedItems({ items, finished }: { items: BatchItemDTO[]; finished: boolean }) {
  return (
    <Stack gap="xs">
      <Text fw={600}>
        {items.length === 1 ? '1 boleto não foi emitido' : `${items.length} boletos não foram emitidos`}
        {finished ? '. Corrija e tente de novo:' : ' até agora:'}
      </Text>
      <Table.ScrollContainer minWidth={560} mah={320}>
        <Table aria-label="Boletos com falha" verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Seu número</Table.Th>
              <Table.Th>Situação</Table.Th>
              <Table.Th>O que aconteceu</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }} fw={600}>
                  {item.seuNumero || `#${item.id}`}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.stateLabel}</Table.Td>
                <Table.Td>
                  {item.error && <Text size="sm">{item.error}</Text>}
                  {(item.fields ?? []).length > 0 && (
                    <List size="sm" spacing={2}>
                      {(item.fields ?? []).map((f) => (
                        <List.Item key={`${f.field}:${f.message}`}>{f.message}</List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
