import { Alert, Anchor, Badge, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import type { AmountDueRow, FieldProblemDTO } from '../../../lib/backend';
import { formatCents, formatDate } from '../../../lib/format';
import type { PreviewState } from './useDraftPreview';

interface DraftPreviewPanelProps {
  state: PreviewState;
  /** The message lines as typed (printed after the charges in words). */
  messages: string[];
  /** The blocking problems, in form order; each can be clicked to go to its field. */
  blocking: FieldProblemDTO[];
  onGoTo: (field: string) => void;
  /** Shown instead of "Quanto o pagador paga" (the carnê shows its installments there). */
  top?: ReactNode;
  /** What is being made: one boleto, or a carnê of several. */
  subject?: 'boleto' | 'carne';
}

/**
 * The live check beside the form: what the payer pays on the dates that matter, the
 * instructions as printed, and what still stops the boleto from being issued.
 */
export function DraftPreviewPanel({ state, messages, blocking, onGoTo, top, subject = 'boleto' }: DraftPreviewPanelProps) {
  const { preview, pending, error } = state;
  const rows = preview?.amountDue ?? [];
  const instructions = preview?.instructions ?? [];
  const lines = messages.map((m) => m.trim()).filter(Boolean);
  const tableTitle = useId();
  const instructionsTitle = useId();
  const checklistTitle = useId();

  return (
    <Stack gap="md">
      {top ?? (
        <Paper withBorder p="md" component="section" aria-labelledby={tableTitle}>
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Title order={2} size="h4" id={tableTitle}>
              Quanto o pagador paga
            </Title>
            {pending && <Loader size={14} aria-label="Atualizando a prévia" />}
          </Group>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              Informe o valor e o vencimento para ver quanto o pagador paga em cada data.
            </Text>
          ) : (
            <AmountDueTable rows={rows} labelledBy={tableTitle} />
          )}
        </Paper>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby={instructionsTitle}>
        <Title order={2} size="h4" id={instructionsTitle} mb="xs">
          Instruções impressas no boleto
        </Title>
        {instructions.length === 0 && lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhuma instrução: sem juros, multa ou desconto, e sem mensagem.
          </Text>
        ) : (
          <List size="sm" spacing={2} aria-label="Instruções">
            {instructions.map((line) => (
              <List.Item key={`i:${line}`}>{line}</List.Item>
            ))}
            {lines.map((line, i) => (
              <List.Item key={`m:${i}:${line}`}>{line}</List.Item>
            ))}
          </List>
        )}
        {subject === 'carne' && (instructions.length > 0 || lines.length > 0) && (
          <Text size="xs" c="dimmed" mt="xs">
            Como no primeiro boleto do carnê; as datas de cada boleto contam do seu próprio vencimento.
          </Text>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby={checklistTitle}>
        <Title order={2} size="h4" id={checklistTitle} mb="xs">
          Para emitir
        </Title>
        {error ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} p="xs">
            <Text size="sm">
              {error.message}{' '}
              {subject === 'carne' ? 'O carnê será conferido ao ser criado.' : 'O boleto será conferido ao salvar ou emitir.'}
            </Text>
          </Alert>
        ) : preview === null ? (
          <Text size="sm" c="dimmed">
            Conferindo…
          </Text>
        ) : blocking.length === 0 ? (
          <Text size="sm" c="green.9">
            <IconCircleCheck size={16} aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} /> Tudo certo:{' '}
            {subject === 'carne' ? 'o carnê pode ser criado e emitido.' : 'o boleto pode ser emitido.'}
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm">
              <IconAlertCircle size={16} aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} />{' '}
              {blocking.length === 1 ? 'Falta 1 item:' : `Faltam ${blocking.length} itens:`}
            </Text>
            <List size="sm" spacing={2} aria-label="O que falta para emitir">
              {blocking.map((p) => (
                <List.Item key={`${p.field}:${p.message}`}>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    c="red.8"
                    ta="left"
                    display="block"
                    onClick={() => onGoTo(p.field)}
                  >
                    {p.message}
                  </Anchor>
                </List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed">
              {subject === 'carne'
                ? 'O carnê só é criado com o parcelamento e o pagador corretos; o resto pode ser completado depois, em cada rascunho.'
                : 'Um rascunho pode ser salvo assim mesmo e completado depois.'}
            </Text>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

/** "Quanto o pagador paga": one row per date (and when it is), the total and what makes it. */
export function AmountDueTable({ rows, labelledBy }: { rows: AmountDueRow[]; labelledBy: string }) {
  return (
    <Table aria-labelledby={labelledBy} verticalSpacing={6} horizontalSpacing="xs" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Pagamento em</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={`${row.date}:${row.label}`} c={row.expired ? 'dimmed' : undefined}>
            <Table.Td>
              <Text span size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {formatDate(row.date) || row.date}
              </Text>
              <Text size="xs" c="dimmed">
                {row.label}
                {row.expired && (
                  <Badge color="gray" variant="outline" size="xs" ml={4}>
                    Banco não aceita
                  </Badge>
                )}
              </Text>
            </Table.Td>
            <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
              <Text span fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatCents(row.totalCents)}
              </Text>
              <Breakdown row={row} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** "desconto −R$ 10,00", "multa +R$ 24,69 · juros +R$ 0,41": what changes the total. */
function Breakdown({ row }: { row: AmountDueRow }) {
  const parts: string[] = [];
  if (row.discountCents > 0) parts.push(`desconto −${formatCents(row.discountCents)}`);
  if (row.fineCents > 0) parts.push(`multa +${formatCents(row.fineCents)}`);
  if (row.interestCents > 0) parts.push(`juros +${formatCents(row.interestCents)}`);
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {parts.join(' · ')}
    </Text>
  );
}
