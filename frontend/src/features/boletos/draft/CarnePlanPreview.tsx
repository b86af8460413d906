import { Alert, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import type { PlannedInstallmentRow } from '../../../lib/backend';
import { formatCents, formatDate } from '../../../lib/format';
import type { PlanPreviewState } from './usePlanPreview';

const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** "Parcelas do carnê": each boleto of the plan (label, due date, amount) and their total. */
export function CarnePlanPreview({ state }: { state: PlanPreviewState }) {
  const titleId = useId();
  const { rows, pending, error, problems } = state;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h4" id={titleId}>
          Parcelas do carnê
        </Title>
        {pending && <Loader size={14} aria-label="Atualizando as parcelas" />}
      </Group>
      {error ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} p="xs">
          <Text size="sm">{error.message} As parcelas serão calculadas ao criar o carnê.</Text>
        </Alert>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {problems.length > 0
            ? 'Corrija o parcelamento para ver as parcelas.'
            : 'Informe o valor total, o número de parcelas e o primeiro vencimento para ver as parcelas.'}
        </Text>
      ) : (
        <PlanTable rows={rows} labelledBy={titleId} />
      )}
    </Paper>
  );
}

/** A summary such as "Entrada e 10 parcelas" of the plan's rows. */
export function planSummary(rows: PlannedInstallmentRow[]): string {
  const installments = rows.filter((r) => !r.downPayment).length;
  const what = installments === 1 ? '1 parcela' : `${installments} parcelas`;
  return rows.some((r) => r.downPayment) ? `Entrada e ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
}

function PlanTable({ rows, labelledBy }: { rows: PlannedInstallmentRow[]; labelledBy: string }) {
  const total = rows.reduce((sum, r) => sum + r.amountCents, 0);
  return (
    <Table.ScrollContainer minWidth={300} mah={440}>
      <Table aria-labelledby={labelledBy} verticalSpacing={4} horizontalSpacing="xs" fz="sm" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parcela</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Valor</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label} data-down-payment={r.downPayment || undefined}>
              <Table.Td fw={r.downPayment ? 600 : undefined}>{r.label}</Table.Td>
              <Table.Td style={NUMERIC}>{formatDate(r.dueDate) || r.dueDate}</Table.Td>
              <Table.Td style={{ ...NUMERIC, textAlign: 'right' }}>{formatCents(r.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>
              Total ({planSummary(rows).toLowerCase()})
            </Table.Th>
            <Table.Td style={{ ...NUMERIC, textAlign: 'right' }} fw={700}>
              {formatCents(total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
