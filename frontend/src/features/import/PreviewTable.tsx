import { Badge, Checkbox, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconHistory } from '@tabler/icons-react';
import type { ImportDocView, ImportInstallmentView } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';
import { maskDocument } from '../../lib/masks';
import { capitalized, isChecked, isFullyImported, isSelectable, pendingInstallments, type Choices } from './selection';

interface PreviewTableProps {
  documents: ImportDocView[];
  choices: Choices;
  onChoose: (keys: string[], checked: boolean) => void;
  /** The date the installments without one get ("" = the account's term). */
  fallbackDueDate: string;
  disabled?: boolean;
}

/** "NF-e 1234", "Pedido de venda 500" (the kind's label starts a sentence here). */
export function documentLabel(doc: ImportDocView): string {
  return capitalized(`${doc.kindLabel} ${doc.number}`.trim());
}

/**
 * What the files hold, one group of rows per document: its number, payer, date, total and the
 * boletos it becomes, its warnings (yellow) and errors (red), and a tick to import it or not.
 */
export function PreviewTable({ documents, choices, onChoose, fallbackDueDate, disabled = false }: PreviewTableProps) {
  const selectable = documents.filter(isSelectable);
  const ticked = selectable.filter((d) => isChecked(d, choices));
  const all = selectable.length > 0 && ticked.length === selectable.length;

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Documentos encontrados" verticalSpacing="xs" highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Selecionar todos os documentos"
                checked={all}
                indeterminate={ticked.length > 0 && !all}
                disabled={disabled || selectable.length === 0}
                onChange={() => onChoose(selectable.map((d) => d.key), !all)}
              />
            </Table.Th>
            <Table.Th>Documento</Table.Th>
            <Table.Th>Pagador</Table.Th>
            <Table.Th>Emissão</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Total</Table.Th>
            <Table.Th>Boletos (parcela · vencimento · valor)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {documents.map((doc) => (
          <DocumentRows
            key={doc.key}
            doc={doc}
            checked={isChecked(doc, choices)}
            onChange={(checked) => onChoose([doc.key], checked)}
            fallbackDueDate={fallbackDueDate}
            disabled={disabled}
          />
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}

interface DocumentRowsProps {
  doc: ImportDocView;
  checked: boolean;
  onChange: (checked: boolean) => void;
  fallbackDueDate: string;
  disabled: boolean;
}

function DocumentRows({ doc, checked, onChange, fallbackDueDate, disabled }: DocumentRowsProps) {
  const label = documentLabel(doc);
  const errors = doc.errors ?? [];
  const warnings = doc.warnings ?? [];
  const installments = doc.installments ?? [];
  const selectable = isSelectable(doc);
  const imported = doc.documentId !== 0;
  const full = isFullyImported(doc);
  const muted = !checked;
  const border = errors.length > 0 || warnings.length > 0 ? undefined : '1px solid var(--table-border-color)';

  return (
    <Table.Tbody aria-label={label} data-document={doc.key} style={{ borderTop: '2px solid var(--table-border-color)' }}>
      <Table.Tr style={{ borderBottom: border }}>
        <Table.Td style={{ verticalAlign: 'top' }}>
          <Checkbox
            aria-label={`Importar ${label}`}
            checked={checked}
            disabled={disabled || !selectable}
            onChange={(event) => onChange(event.currentTarget.checked)}
            title={!selectable ? 'Este documento tem erros e não pode ser importado.' : undefined}
          />
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'top' }}>
          <Stack gap={2}>
            <Text fw={600} size="sm" c={muted ? 'dimmed' : undefined}>
              {label}
              {doc.series && (
                <Text span size="sm" fw={400}>
                  {' '}
                  · série {doc.series}
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {doc.file}
            </Text>
            <Group gap={4}>
              {imported && (
                <Badge
                  color="gray"
                  variant="outline"
                  leftSection={<IconHistory size={12} aria-hidden="true" />}
                  styles={{ label: { textTransform: 'none' } }}
                >
                  Já importado
                </Badge>
              )}
              {errors.length > 0 && (
                <Badge
                  color="red"
                  variant="light"
                  leftSection={<IconAlertCircle size={12} aria-hidden="true" />}
                  styles={{ label: { textTransform: 'none' } }}
                >
                  Com erro
                </Badge>
              )}
            </Group>
          </Stack>
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'top' }}>
          <Text size="sm">{doc.payer?.name || '—'}</Text>
          {doc.payer?.document && (
            <Text size="xs" c="dimmed">
              {maskDocument(doc.payer.document)}
            </Text>
          )}
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
          <Text size="sm">{formatDate(doc.issueDate) || '—'}</Text>
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'top', textAlign: 'right', whiteSpace: 'nowrap' }}>
          <Text size="sm">{formatCents(doc.totalCents)}</Text>
        </Table.Td>
        <Table.Td style={{ verticalAlign: 'top' }}>
          {installments.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nenhuma parcela a cobrar
            </Text>
          ) : (
            <Installments items={installments} fallbackDueDate={fallbackDueDate} />
          )}
          {imported && (
            <Text size="xs" c="dimmed" mt={4}>
              {full
                ? 'Todas as parcelas já têm boleto: nada será criado de novo.'
                : pendingInstallments(doc).length === 1
                  ? 'Importado antes: só a parcela sem boleto será criada.'
                  : 'Importado antes: só as parcelas sem boleto serão criadas.'}
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {(errors.length > 0 || warnings.length > 0) && (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={5}>
            <Problems errors={errors} warnings={warnings} />
          </Table.Td>
        </Table.Tr>
      )}
    </Table.Tbody>
  );
}

function Installments({ items, fallbackDueDate }: { items: ImportInstallmentView[]; fallbackDueDate: string }) {
  return (
    <Table withRowBorders={false} verticalSpacing={0} horizontalSpacing={6} fz="sm" w="auto" aria-label="Parcelas">
      <Table.Tbody>
        {items.map((it) => (
          <Table.Tr key={it.seq} c={it.imported ? 'dimmed' : undefined} data-imported={it.imported || undefined}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{it.number || it.seq}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {it.dueDate ? (
                formatDate(it.dueDate)
              ) : (
                <Text span size="sm" fs="italic">
                  prazo padrão{fallbackDueDate ? ` (${formatDate(fallbackDueDate)})` : ''}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatCents(it.amountCents)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {it.imported && (
                <Text span size="xs" c="dimmed">
                  já tem boleto
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Problems({ errors, warnings }: { errors: string[]; warnings: string[] }) {
  return (
    <List size="sm" spacing={2} listStyleType="none">
      {errors.map((message) => (
        <List.Item key={`e:${message}`} icon={<IconAlertCircle size={16} color="var(--mantine-color-red-8)" aria-hidden="true" />}>
          <Text span size="sm" c="red.8">
            <strong>Erro:</strong> {message}
          </Text>
        </List.Item>
      ))}
      {warnings.map((message) => (
        <List.Item
          key={`w:${message}`}
          icon={<IconAlertTriangle size={16} color="var(--mantine-color-yellow-8)" aria-hidden="true" />}
        >
          <Text span size="sm" c="yellow.9">
            <strong>Atenção:</strong> {message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
