import { Alert, Button, Group, List, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconFileImport, IconHistory, IconList, IconSend } from '@tabler/icons-react';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { ImportOutcomeView, ImportResult } from '../../lib/backend';
import { EMPTY_FILTERS, filtersToParams } from '../boletos/list/filters';
import { boletosText, capitalized, resultCount } from './selection';

interface ImportSummaryProps {
  result: ImportResult;
  /** "Criar e emitir" was used. */
  issued: boolean;
  accountId: number;
  /** Opens the batch's progress again (it runs on when closed). */
  onShowBatch: () => void;
  onRestart: () => void;
}

/** Where the list shows what an import made: the account's drafts, or all its boletos after issuing. */
export function listLink(accountId: number, issued: boolean): string {
  const params = filtersToParams({ ...EMPTY_FILTERS, states: issued ? [] : ['draft'], accountId });
  return `/boletos?${params.toString()}`;
}

/** After "Criar rascunhos" / "Criar e emitir": how many boletos were made, what existed, what failed. */
export function ImportSummary({ result, issued, accountId, onShowBatch, onRestart }: ImportSummaryProps) {
  const headingId = useId();
  const count = resultCount(result);
  const outcomes = result.outcomes ?? [];
  const created = count.created === 1 ? '1 boleto criado' : `${count.created} boletos criados`;
  const title =
    count.created === 0
      ? 'Nenhum boleto criado'
      : `${created}${issued && result.batch ? (count.created === 1 ? ' e enviado ao banco' : ' e enviados ao banco') : ''}`;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon
            size={36}
            radius="xl"
            variant="light"
            color={count.failed.length > 0 ? 'orange' : count.created > 0 ? 'green' : 'gray'}
            aria-hidden="true"
          >
            {count.created > 0 ? <IconCheck size={20} /> : <IconHistory size={20} />}
          </ThemeIcon>
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
        </Group>

        <List spacing={4} aria-label="Resumo da importação">
          <List.Item icon={<IconCheck size={16} aria-hidden="true" />}>
            <Text span size="sm">
              <strong>{created}</strong>
              {count.created > 0 && !issued && ' como rascunho'}
            </Text>
          </List.Item>
          <List.Item icon={<IconHistory size={16} aria-hidden="true" />}>
            <Text span size="sm">
              <strong>{count.existing === 1 ? '1 já existia' : `${count.existing} já existiam`}</strong>
              {count.existing > 0 && ' (parcelas importadas antes: não foram criadas de novo)'}
            </Text>
          </List.Item>
          <List.Item icon={<IconAlertCircle size={16} aria-hidden="true" />}>
            <Text span size="sm" c={count.failed.length > 0 ? 'red.8' : undefined}>
              <strong>
                {count.failed.length === 1 ? '1 documento com erro' : `${count.failed.length} documentos com erro`}
              </strong>
            </Text>
          </List.Item>
        </List>

        {count.failed.length > 0 && (
          <Alert color="red" variant="light" title="Documentos não importados" icon={<IconAlertCircle aria-hidden="true" />}>
            <List size="sm" spacing={4}>
              {count.failed.map((f) => (
                <List.Item key={`${f.file}:${f.label}`}>
                  <strong>{capitalized(f.label)}</strong> ({f.file}): {f.error}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        {issued && result.batch && (
          <Text size="sm">
            Os boletos criados foram enviados ao banco. A emissão continua mesmo se você sair desta tela.
          </Text>
        )}
        {issued && !result.batch && count.created === 0 && (
          <Text size="sm" c="dimmed">
            Nada foi enviado ao banco: nenhum boleto novo foi criado.
          </Text>
        )}

        {outcomes.length > 0 && <Outcomes outcomes={outcomes} />}

        <Group gap="sm">
          {issued && result.batch && (
            <Button leftSection={<IconSend size={16} aria-hidden="true" />} onClick={onShowBatch}>
              Acompanhar a emissão
            </Button>
          )}
          {count.created > 0 && (
            <Button
              component={Link}
              to={listLink(accountId, issued)}
              variant={issued ? 'default' : 'filled'}
              leftSection={<IconList size={16} aria-hidden="true" />}
            >
              {issued ? 'Ver na lista de boletos' : 'Ver os rascunhos'}
            </Button>
          )}
          <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden="true" />} onClick={onRestart}>
            Importar outros arquivos
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function outcomeText(o: ImportOutcomeView): string {
  if (o.error) return `Erro: ${o.error}`;
  const created = (o.created ?? []).length;
  const parts: string[] = [];
  if (created > 0) parts.push(`${boletosText(created)} ${created === 1 ? 'criado' : 'criados'}`);
  if (o.skipped > 0) parts.push(`${o.skipped === 1 ? '1 parcela já tinha' : `${o.skipped} parcelas já tinham`} boleto`);
  if (parts.length === 0) return 'Nada a criar';
  return parts.join('; ');
}

function Outcomes({ outcomes }: { outcomes: ImportOutcomeView[] }) {
  return (
    <Table.ScrollContainer minWidth={560} mah={360}>
      <Table aria-label="Resultado por documento" verticalSpacing={6} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Documento</Table.Th>
            <Table.Th>Arquivo</Table.Th>
            <Table.Th>Resultado</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcomes.map((o) => (
            <Table.Tr key={o.key}>
              <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                {capitalized(o.label)}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm" c="dimmed">
                  {o.file}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={o.error ? 'red.8' : undefined}>
                  {outcomeText(o)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
