import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendarEvent, IconCircleCheck, IconClock, IconReplace } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  asBackendError,
  editAtBank,
  substituteBoleto,
  type BackendError,
  type BoletoDetail,
  type EditOutcome,
} from '../../../lib/backend';
import { formatCents, formatDate } from '../../../lib/format';
import { centsToText, parseCents } from '../../accounts/money';
import { MAX_CANCEL_REASON } from '../CancelModal';

interface EditAtBankModalProps {
  opened: boolean;
  detail: BoletoDetail;
  onClose: () => void;
  /** The boleto as the bank left it after the change (or while it processes it). */
  onEdited: (detail: BoletoDetail) => void;
  /** The new boleto that replaced this one. */
  onSubstituted: (replacement: BoletoDetail) => void;
}

const DEFAULT_SUBSTITUTE_REASON = 'Substituído por outro boleto';

/**
 * "Alterar vencimento/valor" of an issued boleto through the bank. When the bank refuses the
 * change, it says why and offers "Substituir": cancel this one and issue a new one, linked.
 */
export function EditAtBankModal({ opened, detail, onClose, onEdited, onSubstituted }: EditAtBankModalProps) {
  const [due, setDue] = useState<string | null>(detail.row.dueDate || null);
  const [amount, setAmount] = useState(centsToText(detail.row.amountCents));
  const [reason, setReason] = useState(DEFAULT_SUBSTITUTE_REASON);
  const [busy, setBusy] = useState<'edit' | 'substitute' | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const [outcome, setOutcome] = useState<EditOutcome | null>(null);

  useEffect(() => {
    if (!opened) return;
    setDue(detail.row.dueDate || null);
    setAmount(centsToText(detail.row.amountCents));
    setReason(DEFAULT_SUBSTITUTE_REASON);
    setError(null);
    setOutcome(null);
    // Only when it opens: a refresh of the boleto behind it must not wipe what is typed.
  }, [opened]);

  const cents = parseCents(amount);
  const newDue = due && due !== detail.row.dueDate ? due : '';
  const newCents = cents !== null && cents !== detail.row.amountCents ? cents : 0;
  const unchanged = newDue === '' && newCents === 0;
  const amountError = error?.fieldMessages('valor')[0] ?? (cents === null && amount.trim() !== '' ? 'Valor inválido: use, por exemplo, 1.234,56.' : undefined);
  const dueError = error?.fieldMessages('vencimento')[0];

  const close = () => {
    if (busy === null) onClose();
  };

  const edit = async () => {
    setBusy('edit');
    setError(null);
    try {
      const answer = await editAtBank(detail.row.id, { dueDate: newDue, amountCents: newCents });
      setOutcome(answer);
      onEdited(answer.boleto);
    } catch (err) {
      setError(asBackendError(err, 'Não foi possível pedir a alteração ao banco. Tente de novo.'));
    } finally {
      setBusy(null);
    }
  };

  const substitute = async () => {
    setBusy('substitute');
    setError(null);
    try {
      const replacement = await substituteBoleto(detail.row.id, { dueDate: newDue, amountCents: newCents, reason: reason.trim() });
      setBusy(null);
      onSubstituted(replacement);
    } catch (err) {
      setBusy(null);
      setError(asBackendError(err, 'Não foi possível substituir o boleto. Tente de novo.'));
    }
  };

  const reasonLength = [...reason].length;
  const done = outcome !== null && !outcome.refused;

  return (
    <Modal opened={opened} onClose={close} title="Alterar vencimento ou valor" centered size="lg">
      <Stack gap="md">
        <Text size="sm">
          Hoje: vencimento {formatDate(detail.row.dueDate)}, valor {formatCents(detail.row.amountCents)}. O banco altera o
          boleto já registrado; a linha digitável e o QR Code mudam, então entregue o boleto de novo ao pagador.
        </Text>
        <Group gap="md" align="flex-start" wrap="wrap">
          <DatePickerInput
            label="Novo vencimento"
            value={due}
            onChange={setDue}
            valueFormat="DD/MM/YYYY"
            leftSection={<IconCalendarEvent size={16} aria-hidden="true" />}
            error={dueError}
            disabled={done || outcome?.refused}
            w={220}
          />
          <TextInput
            label="Novo valor (R$)"
            value={amount}
            onChange={(event) => setAmount(event.currentTarget.value)}
            error={amountError}
            inputMode="decimal"
            disabled={done || outcome?.refused}
            w={200}
          />
        </Group>

        {error && error.fieldMessages('valor').length === 0 && error.fieldMessages('vencimento').length === 0 && (
          <Alert color="red" variant="light" title="Não foi possível">
            {error.message}
          </Alert>
        )}

        {done && (
          <Alert
            role="status"
            color={outcome.status === 'SUCESSO' ? 'green' : 'blue'}
            variant="light"
            icon={outcome.status === 'SUCESSO' ? <IconCircleCheck aria-hidden="true" /> : <IconClock aria-hidden="true" />}
            title={outcome.status === 'SUCESSO' ? 'O banco alterou o boleto' : 'O banco está processando a alteração'}
          >
            {outcome.message ||
              (outcome.status === 'SUCESSO'
                ? 'Imprima ou envie o boleto de novo ao pagador.'
                : 'A página mostra o resultado assim que o banco terminar.')}
          </Alert>
        )}

        {outcome?.refused && (
          <Stack gap="sm">
            <Alert color="yellow" variant="light" title="O banco recusou a alteração" role="alert">
              {outcome.message}
            </Alert>
            {detail.actions.substitute ? (
              <>
                <Text size="sm">
                  Você pode <strong>substituir</strong> o boleto: este é cancelado no banco e um novo, ligado a ele, é
                  emitido com o novo vencimento e valor.
                </Text>
                <TextInput
                  label="Motivo do cancelamento deste boleto"
                  description={`${reasonLength}/${MAX_CANCEL_REASON} caracteres`}
                  value={reason}
                  onChange={(event) => setReason(event.currentTarget.value)}
                  error={
                    error?.fieldMessages('motivo')[0] ??
                    (reasonLength > MAX_CANCEL_REASON ? `Use no máximo ${MAX_CANCEL_REASON} caracteres.` : undefined)
                  }
                />
              </>
            ) : (
              <Text size="sm">Este boleto não pode ser substituído agora.</Text>
            )}
          </Stack>
        )}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={busy !== null}>
            {outcome ? 'Fechar' : 'Voltar'}
          </Button>
          {!outcome && (
            <Button onClick={() => void edit()} loading={busy === 'edit'} disabled={unchanged || cents === null || !due}>
              Pedir alteração ao banco
            </Button>
          )}
          {outcome?.refused && detail.actions.substitute && (
            <Button
              color="orange"
              leftSection={<IconReplace size={16} aria-hidden="true" />}
              onClick={() => void substitute()}
              loading={busy === 'substitute'}
              disabled={reason.trim() === '' || reasonLength > MAX_CANCEL_REASON}
            >
              Substituir
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
