import { Anchor, DataList, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page';
import { LoadFailure } from '../../components/LoadFailure';
import type { DocumentView } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';
import { DocumentActions } from './DocumentActions';
import { DocumentBoletos, TotalsLine } from './DocumentBoletos';
import { capitalize, documentTitle } from './labels';
import { useDocument } from './useDocument';

/** #/documentos/:id — an origin document (NF-e, pedido, contrato, carnê…) and all its boletos. */
export function DocumentScreen({ id }: { id: number }) {
  const { state, reload } = useDocument(id);
  const title = state.status === 'ready' ? documentTitle(state.document) : 'Documento';

  return (
    <Page title={title}>
      <Anchor component={Link} to="/boletos" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden="true" />
          Voltar aos boletos
        </Group>
      </Anchor>
      {state.status === 'loading' && <Loader aria-label="Carregando o documento" />}
      {state.status === 'error' && (
        <LoadFailure error={state.error} notFoundTitle="Documento não encontrado" errorTitle="Não foi possível carregar o documento" onRetry={reload} />
      )}
      {state.status === 'ready' && (
        <Stack gap="lg">
          <DocumentData document={state.document} />
          <DocumentActions
            documentId={state.document.id}
            boletos={state.document.boletos}
            issueLabel="Emitir rascunhos"
            onChanged={reload}
          />
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="document-boletos-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="document-boletos-title">
                Boletos
              </Title>
              {state.document.boletos.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Este documento não tem boletos.
                </Text>
              ) : (
                <>
                  <TotalsLine boletos={state.document.boletos} />
                  <div style={{ opacity: state.refreshing ? 0.7 : 1, transition: 'opacity 150ms' }} aria-busy={state.refreshing}>
                    <DocumentBoletos boletos={state.document.boletos} />
                  </div>
                </>
              )}
            </Stack>
          </Paper>
        </Stack>
      )}
    </Page>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Tipo, número, série, chave de acesso, emissão, valor and the payer of the document. */
function DocumentData({ document: d }: { document: DocumentView }) {
  const payer = d.boletos.find((b) => b.payerName);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Dados do documento">
      <Title order={2} size="h4" mb="sm">
        Dados do documento
      </Title>
      <DataList labelWidth={170}>
        <Item label="Tipo">{capitalize(d.kindLabel)}</Item>
        {d.number && <Item label="Número">{d.number}</Item>}
        {d.series && <Item label="Série">{d.series}</Item>}
        {d.accessKey && (
          <Item label="Chave de acesso">
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {d.accessKey}
            </Text>
          </Item>
        )}
        {d.issueDate && <Item label="Emissão">{formatDate(d.issueDate)}</Item>}
        {d.totalCents > 0 && <Item label="Valor do documento">{formatCents(d.totalCents)}</Item>}
        {payer && (
          <Item label="Pagador">
            {payer.payerName}
            {payer.payerDocument && (
              <Text span size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {' '}
                · {payer.payerDocument}
              </Text>
            )}
          </Item>
        )}
      </DataList>
    </Paper>
  );
}
