import { Alert, Button, Group, List, Modal, NativeSelect, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { asBackendError, listCancelReasons, type BackendError, type ItemResult } from '../../lib/backend';

/** The bank takes at most 50 characters of reason. */
export const MAX_CANCEL_REASON = 50;

interface CancelModalProps {
  opened: boolean;
  title?: string;
  onClose: () => void;
  /** What is being cancelled, for the text of the modal ("o boleto 000123", "3 boletos"). */
  subject: ReactNode;
  /**
   * Sends the cancellation. Resolves with per-item results to show them in the modal (several
   * boletos), or with nothing when the caller takes over (one boleto).
   */
  submit: (reason: string) => Promise<ItemResult[] | void>;
}

/**
 * "Cancelar boleto(s)": a common reason from the list, or any text up to 50 characters, then
 * the bank's answer. Cancelling (baixa) cannot be undone.
 */
export function CancelModal({ opened, title = 'Cancelar boletos no banco', onClose, subject, submit }: CancelModalProps) {
  const [reasons, setReasons] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [results, setResults] = useState<ItemResult[] | null>(null);

  useEffect(() => {
    if (!opened) return;
    setReason('');
    setError(null);
    setResults(null);
    let current = true;
    listCancelReasons().then(
      (list) => {
        if (current) setReasons(list ?? []);
      },
      () => {
        // The list is a convenience: the free text still works without it.
      },
    );
    return () => {
      current = false;
    };
  }, [opened]);

  const close = () => {
    if (!sending) onClose();
  };

  const trimmed = reason.trim();
  const length = [...reason].length;
  const tooLong = length > MAX_CANCEL_REASON;

  const confirm = async () => {
    setSending(true);
    setError(null);
    try {
      const answer = await submit(trimmed);
      setSending(false);
      if (answer) setResults(answer);
    } catch (err) {
      setSending(false);
      setError(asBackendError(err, 'Não foi possível cancelar. Tente de novo.'));
    }
  };

  const reasonError = error?.fieldMessages('motivo')[0] ?? (tooLong ? `Use no máximo ${MAX_CANCEL_REASON} caracteres.` : undefined);
  const failed = results?.filter((r) => !r.ok).length ?? 0;

  return (
    <Modal opened={opened} onClose={close} title={title} centered size="lg">
      {results ? (
        <Stack gap="md">
          <Text role="status">
            {failed === 0
              ? results.length === 1
                ? 'O boleto foi cancelado.'
                : `Os ${results.length} boletos foram cancelados.`
              : `${results.length - failed} de ${results.length} cancelados; ${failed} não puderam ser cancelados.`}
          </Text>
          <List spacing="xs" aria-label="Resultado do cancelamento" listStyleType="none">
            {results.map((r) => (
              <List.Item
                key={r.id}
                icon={
                  <ThemeIcon size={20} radius="xl" color={r.ok ? 'green' : 'red'} variant="light">
                    {r.ok ? <IconCheck size={14} aria-hidden="true" /> : <IconX size={14} aria-hidden="true" />}
                  </ThemeIcon>
                }
              >
                <Text size="sm" span fw={600}>
                  {r.seuNumero || `#${r.id}`}
                </Text>
                <Text size="sm" span>
                  {': '}
                  {r.ok ? r.message : `não cancelado — ${r.message}`}
                </Text>
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={onClose}>Fechar</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text>
            O banco vai dar baixa em {subject}: o pagador não poderá mais pagar, e isto não pode ser desfeito.
          </Text>
          {reasons.length > 0 && (
            <NativeSelect
              label="Motivos comuns"
              data={[{ value: '', label: 'Escolha um motivo ou escreva abaixo' }, ...reasons]}
              value={reasons.includes(reason) ? reason : ''}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
          )}
          <TextInput
            label="Motivo do cancelamento"
            description={`${length}/${MAX_CANCEL_REASON} caracteres`}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError}
            required
            autoComplete="off"
          />
          {error && error.fieldMessages('motivo').length === 0 && (
            <Alert color="red" variant="light" title="Não foi possível cancelar">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={sending}>
              Voltar
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={sending} disabled={trimmed === '' || tooLong}>
              Cancelar no banco
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
