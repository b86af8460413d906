import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { asBackendError, setContractActive, type BackendError, type ContractView } from '../../lib/backend';
import { formatCents } from '../../lib/format';
import { contractName } from './ContractTable';

/** A contract to end (active: false) or to resume (active: true). */
export interface ActiveChange {
  contract: ContractView;
  active: boolean;
}

interface SetActiveModalProps {
  /** The change to confirm; null keeps the modal closed. */
  change: ActiveChange | null;
  onClose: () => void;
  onDone: (contract: ContractView) => void;
}

/** Asks before ending or resuming a contract, and says what happens to its boletos. */
export function SetActiveModal({ change, onClose, onDone }: SetActiveModalProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);

  const close = () => {
    if (saving) return;
    setError(null);
    onClose();
  };

  const confirm = async () => {
    if (!change) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await setContractActive(change.contract.id, change.active);
      setSaving(false);
      onDone(saved);
    } catch (err) {
      setSaving(false);
      setError(
        asBackendError(
          err,
          change.active ? 'Não foi possível reativar o contrato. Tente de novo.' : 'Não foi possível encerrar o contrato. Tente de novo.',
        ),
      );
    }
  };

  const c = change?.contract;
  const ending = change?.active === false;
  return (
    <Modal opened={change !== null} onClose={close} title={ending ? 'Encerrar contrato?' : 'Reativar contrato?'} centered>
      {c && (
        <Stack gap="md">
          <Text>
            O <strong>{contractName(c)}</strong> de <strong>{c.payerName}</strong> ({formatCents(c.monthlyCents)} por mês){' '}
            {ending ? 'deixa de gerar boletos.' : 'volta a gerar um boleto por mês.'}
          </Text>
          {ending ? (
            <Text size="sm">
              Os boletos já criados continuam como estão: para cancelar algum, abra-o em “Ver boletos”. O contrato pode ser
              reativado depois.
            </Text>
          ) : (
            <Text size="sm">
              Cada boleto é criado {c.leadDays === 1 ? '1 dia' : `${c.leadDays} dias`} antes do vencimento, como antes. Os
              meses em que o contrato ficou encerrado não são cobrados, e nenhum mês é cobrado duas vezes.
            </Text>
          )}
          {error && (
            <Alert color="red" variant="light" title={ending ? 'O contrato não foi encerrado' : 'O contrato não foi reativado'}>
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={saving}>
              Voltar
            </Button>
            <Button color={ending ? 'red' : undefined} onClick={confirm} loading={saving}>
              {ending ? 'Encerrar contrato' : 'Reativar contrato'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
