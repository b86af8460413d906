import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconBan,
  IconCalendarDue,
  IconCopyPlus,
  IconPencil,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  asBackendError,
  cancelBoleto,
  deleteDraft,
  duplicateDraft,
  issueBoletos,
  unqueueBoleto,
  type BackendError,
  type BatchItemDTO,
  type BoletoDetail,
} from '../../../lib/backend';
import { CancelModal } from '../CancelModal';
import { mailBlocker, SendMailButton } from '../../mail';
import { PrintMenu, type PrintAction } from '../PrintMenu';
import { ProblemList } from '../ProblemList';
import { EditAtBankModal } from './EditAtBankModal';

interface DetailActionsProps {
  detail: BoletoDetail;
  /** Shows a detail an action returned. */
  onChanged: (detail: BoletoDetail) => void;
  /** Reads the boleto again. */
  reload: () => void;
}

type Busy = 'issue' | 'unqueue' | 'duplicate' | null;

/** The actions the backend allows now (detail.actions), and printing. */
export function DetailActions({ detail, onChanged, reload }: DetailActionsProps) {
  const navigate = useNavigate();
  const { actions, row } = detail;
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const [issueFailure, setIssueFailure] = useState<BatchItemDTO | null>(null);
  const [dialog, setDialog] = useState<'cancel' | 'edit' | 'delete' | null>(null);

  const run = async (what: Exclude<Busy, null>, action: () => Promise<void>, fallback: string) => {
    setBusy(what);
    setError(null);
    setIssueFailure(null);
    try {
      await action();
    } catch (err) {
      setError(asBackendError(err, fallback));
    } finally {
      setBusy(null);
    }
  };

  const issue = () =>
    run(
      'issue',
      async () => {
        const batch = await issueBoletos([row.id]);
        const item = (batch.items ?? []).find((i) => i.id === row.id);
        if (item?.outcome === 'failed') setIssueFailure(item);
        reload();
      },
      'Não foi possível emitir o boleto. Tente de novo.',
    );

  const unqueue = () =>
    run(
      'unqueue',
      async () => {
        onChanged(await unqueueBoleto(row.id));
        notifications.show({ color: 'blue', title: 'Retirado da fila', message: 'O boleto voltou a ser rascunho.' });
      },
      'Não foi possível retirar o boleto da fila. Tente de novo.',
    );

  const duplicate = () =>
    run(
      'duplicate',
      async () => {
        const copy = await duplicateDraft(row.id);
        notifications.show({
          color: 'green',
          title: 'Rascunho criado',
          message: `O boleto ${copy.row.seuNumero} é uma cópia de ${row.seuNumero}. Confira o vencimento antes de emitir.`,
        });
        navigate(`/boletos/${copy.row.id}`);
      },
      'Não foi possível duplicar o boleto. Tente de novo.',
    );

  const printActions: PrintAction[] = actions.bankPdf ? ['print', 'save', 'bank'] : ['print', 'save'];

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap" role="group" aria-label="Ações do boleto">
        {actions.edit && (
          <Button component={Link} to={`/boletos/${row.id}/editar`} leftSection={<IconPencil size={16} aria-hidden="true" />}>
            Editar
          </Button>
        )}
        {actions.issue && (
          <Button
            color="green"
            leftSection={<IconSend size={16} aria-hidden="true" />}
            onClick={() => void issue()}
            loading={busy === 'issue'}
            disabled={busy !== null}
          >
            Emitir
          </Button>
        )}
        {actions.unqueue && (
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} aria-hidden="true" />}
            onClick={() => void unqueue()}
            loading={busy === 'unqueue'}
            disabled={busy !== null}
          >
            Retirar da fila
          </Button>
        )}
        {actions.editAtBank && (
          <Button
            variant="default"
            leftSection={<IconCalendarDue size={16} aria-hidden="true" />}
            onClick={() => setDialog('edit')}
          >
            Alterar vencimento/valor
          </Button>
        )}
        {actions.cancel && (
          <Button
            variant="default"
            color="red"
            leftSection={<IconBan size={16} aria-hidden="true" />}
            onClick={() => setDialog('cancel')}
          >
            Cancelar boleto
          </Button>
        )}
        {actions.duplicate && (
          <Button
            variant="default"
            leftSection={<IconCopyPlus size={16} aria-hidden="true" />}
            onClick={() => void duplicate()}
            loading={busy === 'duplicate'}
            disabled={busy !== null}
          >
            Duplicar
          </Button>
        )}
        {actions.delete && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden="true" />}
            onClick={() => setDialog('delete')}
          >
            Excluir rascunho
          </Button>
        )}
        <PrintMenu ids={[row.id]} actions={printActions} primaryVariant="default" />
        <SendMailButton ids={[row.id]} defaultTo={detail.payer.email} accountId={row.accountId} disabledReason={mailBlocker([row])} />
      </Group>

      {error && (
        <Alert color="red" variant="light" title="A ação não foi feita" withCloseButton closeButtonLabel="Fechar aviso" onClose={() => setError(null)}>
          {error.message}
        </Alert>
      )}
      {issueFailure && (
        <Alert color="red" variant="light" title="O boleto não foi emitido" withCloseButton closeButtonLabel="Fechar aviso" onClose={() => setIssueFailure(null)}>
          <Stack gap="xs">
            {issueFailure.error && <Text size="sm">{issueFailure.error}</Text>}
            {(issueFailure.fields ?? []).length > 0 && (
              <ProblemList problems={issueFailure.fields ?? []} label="O que corrigir" />
            )}
          </Stack>
        </Alert>
      )}

      <CancelModal
        opened={dialog === 'cancel'}
        title="Cancelar boleto no banco"
        subject={`o boleto ${row.seuNumero}`}
        submit={async (reason) => {
          const updated = await cancelBoleto(row.id, reason);
          onChanged(updated);
          setDialog(null);
          notifications.show({
            color: updated.row.state === 'cancelled' ? 'green' : 'blue',
            title: updated.row.state === 'cancelled' ? 'Boleto cancelado' : 'Cancelamento pedido ao banco',
            message:
              updated.row.state === 'cancelled'
                ? `O banco deu baixa no boleto ${row.seuNumero}.`
                : 'O programa termina o pedido assim que o banco responder.',
          });
        }}
        onClose={() => setDialog(null)}
      />
      {actions.editAtBank && (
        <EditAtBankModal
          opened={dialog === 'edit'}
          detail={detail}
          onClose={() => setDialog(null)}
          onEdited={onChanged}
          onSubstituted={(replacement) => {
            setDialog(null);
            notifications.show({
              color: 'green',
              title: 'Boleto substituído',
              message: `O boleto ${row.seuNumero} foi cancelado e o ${replacement.row.seuNumero} está sendo emitido no lugar.`,
            });
            navigate(`/boletos/${replacement.row.id}`);
          }}
        />
      )}
      <DeleteDraftModal
        opened={dialog === 'delete'}
        detail={detail}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          notifications.show({ color: 'green', title: 'Rascunho excluído', message: `O rascunho ${row.seuNumero} foi excluído.` });
          navigate('/boletos');
        }}
      />
    </Stack>
  );
}

interface DeleteDraftModalProps {
  opened: boolean;
  detail: BoletoDetail;
  onClose: () => void;
  onDeleted: () => void;
}

function DeleteDraftModal({ opened, detail, onClose, onDeleted }: DeleteDraftModalProps) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);

  const confirm = async () => {
    setDeleting(true);
    setError(null);
    try {
      await deleteDraft(detail.row.id);
      setDeleting(false);
      onDeleted();
    } catch (err) {
      setDeleting(false);
      setError(asBackendError(err, 'Não foi possível excluir o rascunho. Tente de novo.'));
    }
  };

  return (
    <Modal opened={opened} onClose={() => !deleting && onClose()} title="Excluir rascunho?" centered>
      <Stack gap="md">
        <Text>
          O rascunho <strong>{detail.row.seuNumero}</strong> ({detail.row.payerName || 'sem pagador'}) será excluído. O seu
          número dele não será usado de novo.
        </Text>
        {error && (
          <Alert color="red" variant="light" title="Não foi possível excluir">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={deleting}>
            Voltar
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={deleting}>
            Excluir rascunho
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
