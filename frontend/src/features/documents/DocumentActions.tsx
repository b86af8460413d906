import { Alert, Button, Group } from '@mantine/core';
import { IconListDetails, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { asBackendError, issueBoletos, type BackendError, type BatchView, type BoletoRow } from '../../lib/backend';
import { ActionButton } from '../boletos/ActionButton';
import { BatchPanel } from '../boletos/batch/BatchPanel';
import { PrintMenu } from '../boletos/PrintMenu';
import { printableIds } from './DocumentBoletos';

interface DocumentActionsProps {
  documentId: number;
  /** The document's boletos as last read. */
  boletos: BoletoRow[];
  /** "Emitir todos" right after the carnê was made; "Emitir rascunhos" on the document's page. */
  issueLabel: string;
  /** Why nothing can be issued from this account, when so (integration off). */
  issueBlockedReason?: string;
  /** The boletos changed (issued): read the document again. */
  onChanged: () => void;
  /** Show "Ver na lista" (the list filtered by this document). */
  withListLink?: boolean;
}

/**
 * What is done with a document's boletos together: issue its drafts (with the batch's progress),
 * print them as a carnê (three per page), and see them in the list.
 */
export function DocumentActions({ documentId, boletos, issueLabel, issueBlockedReason, onChanged, withListLink = true }: DocumentActionsProps) {
  const [batch, setBatch] = useState<BatchView | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const drafts = boletos.filter((b) => b.state === 'draft').map((b) => b.id);

  const issue = async () => {
    setIssuing(true);
    setError(null);
    try {
      const view = await issueBoletos(drafts);
      setBatch(view);
      setPanelOpen(true);
      onChanged();
    } catch (err) {
      setError(asBackendError(err, 'Não foi possível emitir os boletos. Tente de novo.'));
    } finally {
      setIssuing(false);
    }
  };

  const reason =
    issueBlockedReason ??
    (drafts.length === 0 ? 'Nenhum rascunho: os boletos deste documento já foram enviados ao banco.' : undefined);

  return (
    <>
      <Group gap="sm" wrap="wrap">
        <ActionButton
          leftSection={<IconSend size={18} aria-hidden="true" />}
          onClick={() => void issue()}
          loading={issuing}
          disabledReason={reason}
        >
          {drafts.length > 0 ? `${issueLabel} (${drafts.length})` : issueLabel}
        </ActionButton>
        <PrintMenu ids={printableIds(boletos)} actions={['carne']} primaryVariant="default" />
        {withListLink && (
          <Button
            component={Link}
            to={`/boletos?doc=${documentId}`}
            variant="default"
            leftSection={<IconListDetails size={18} aria-hidden="true" />}
          >
            Ver na lista
          </Button>
        )}
        {batch && !panelOpen && (
          <Button variant="subtle" onClick={() => setPanelOpen(true)}>
            Ver o andamento da emissão
          </Button>
        )}
      </Group>
      {error && (
        <Alert
          color="red"
          variant="light"
          title="Os boletos não foram emitidos"
          withCloseButton
          closeButtonLabel="Fechar aviso"
          onClose={() => setError(null)}
        >
          {error.message}
        </Alert>
      )}
      <BatchPanel
        batch={panelOpen ? batch : null}
        onClose={() => {
          setPanelOpen(false);
          onChanged();
        }}
      />
    </>
  );
}
