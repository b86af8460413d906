import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { AccountView, BoletoRow, CarneResult } from '../../../lib/backend';
import { DocumentActions } from '../../documents/DocumentActions';
import { DocumentBoletos, TotalsLine } from '../../documents/DocumentBoletos';
import { documentTitle } from '../../documents/labels';
import { useDocument } from '../../documents/useDocument';

interface CarneCreatedProps {
  result: CarneResult;
  payerName: string;
  account: AccountView | undefined;
  /** "Novo carnê": back to the form, with the same payer and charges. */
  onAnother: () => void;
}

/**
 * After "Criar carnê (rascunhos)": the drafts made, and what comes next — "Emitir todos" (with
 * the batch's progress), "Imprimir carnê" and "Ver na lista". The boletos' situations follow the
 * bank live.
 */
export function CarneCreated({ result, payerName, account, onAnother }: CarneCreatedProps) {
  const { state, reload } = useDocument(result.documentId);
  // The form is gone: bring the outcome into view and put the focus on it, to be read out.
  const regionRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    regionRef.current?.scrollIntoView?.({ block: 'start' });
    regionRef.current?.focus();
  }, []);
  const document = state.status === 'ready' ? state.document : null;
  // Until the document is read, the drafts just made are all there is.
  const boletos: BoletoRow[] = document?.boletos ?? [];
  const n = result.ids.length;
  const title = document ? documentTitle(document) : 'o documento';
  const blocked =
    account && !account.directIntegration
      ? `A conta “${account.name}” está com a integração direta desligada: ligue-a em Contas bancárias para emitir.`
      : undefined;

  return (
    <Stack gap="lg" role="region" aria-label="Carnê criado" ref={regionRef} tabIndex={-1} style={{ outline: 'none' }}>
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title="Carnê criado">
        <Text size="sm">
          {n === 1 ? '1 boleto guardado' : `${n} boletos guardados`} como rascunho
          {payerName ? ` para ${payerName}` : ''}, ligados a{' '}
          <Anchor component={Link} to={`/documentos/${result.documentId}`} inherit>
            {title}
          </Anchor>
          . Emita todos para registrá-los no banco{account?.isSimulation ? ' (simulado)' : ''}; o carnê pode ser impresso
          antes ou depois.
        </Text>
      </Alert>

      {document ? (
        <DocumentActions
          documentId={result.documentId}
          boletos={boletos}
          issueLabel="Emitir todos"
          issueBlockedReason={blocked}
          onChanged={reload}
        />
      ) : (
        state.status === 'loading' && <Loader size="sm" aria-label="Carregando os boletos do carnê" />
      )}
      {state.status === 'error' && (
        <Alert color="red" variant="light" title="Não foi possível mostrar os boletos do carnê">
          <Text size="sm">{state.error.message} Os rascunhos foram criados: veja-os na lista de boletos.</Text>
          <Group mt="sm">
            <Button size="xs" variant="white" color="red" onClick={reload}>
              Tentar de novo
            </Button>
            <Button size="xs" variant="white" component={Link} to={`/boletos?doc=${result.documentId}`}>
              Ver na lista
            </Button>
          </Group>
        </Alert>
      )}

      {document && (
        <Paper withBorder p="md" component="section" aria-labelledby="carne-boletos-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="carne-boletos-title">
              Boletos do carnê
            </Title>
            <TotalsLine boletos={boletos} />
            <DocumentBoletos boletos={boletos} label="Boletos do carnê" />
          </Stack>
        </Paper>
      )}

      <Group>
        <Button variant="subtle" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={onAnother}>
          Novo carnê para o mesmo pagador
        </Button>
      </Group>
    </Stack>
  );
}
