import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { asBackendError, deletePayer, type BackendError, type PayerView } from '../../lib/backend';

interface DeletePayerModalProps {
  /** The payer to delete; null keeps the modal closed. */
  payer: PayerView | null;
  onClose: () => void;
  onDeleted: (payer: PayerView) => void;
}

/** Asks before deleting a payer, and says what deleting does and does not change. */
export function DeletePayerModal({ payer, onClose, onDeleted }: DeletePayerModalProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);

  const close = () => {
    if (deleting) return;
    setError(null);
    onClose();
  };

  const confirm = async () => {
    if (!payer) return;
    setDeleting(true);
    setError(null);
    try {
      await deletePayer(payer.id);
      setDeleting(false);
      onDeleted(payer);
    } catch (err) {
      setDeleting(false);
      setError(asBackendError(err, 'Não foi possível excluir o pagador. Tente de novo.'));
    }
  };

  return (
    <Modal opened={payer !== null} onClose={close} title="Excluir pagador?" centered>
      {payer && (
        <Stack gap="md">
          <Text>
            <strong>{payer.name}</strong> ({payer.documentFormatted}) sairá do cadastro de pagadores. Os boletos já
            criados para ele não mudam: cada boleto guarda a sua própria cópia dos dados.
          </Text>
          {error && (
            <Alert color="red" variant="light" title="Não foi possível excluir">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={deleting}>
              Cancelar
            </Button>
            <Button color="red" onClick={confirm} loading={deleting}>
              Excluir pagador
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
