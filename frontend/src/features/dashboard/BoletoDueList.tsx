import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { DashboardDTO } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';
import { maskDocument } from '../../lib/masks';

type Row = DashboardDTO['nextDue'][number];

/** "vence em 3 dias", "vence hoje", "5 dias de atraso". */
export function lateLabel(daysLate: number): string {
  if (daysLate > 0) return daysLate === 1 ? '1 dia de atraso' : `${daysLate} dias de atraso`;
  if (daysLate === 0) return 'vence hoje';
  const d = -daysLate;
  return d === 1 ? 'vence amanhã' : `vence em ${d} dias`;
}

/** A short list of boletos (next due or overdue); each opens its detail. */
export function BoletoDueList({ rows, caption, empty }: { rows: Row[]; caption: string; empty: string }) {
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped verticalSpacing={4} aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Seu número</Table.Th>
            <Table.Th>Pagador</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th>Prazo</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Valor</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/boletos/${r.id}`} aria-label={`Abrir o boleto ${r.seuNumero}`}>
                  {r.seuNumero}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.payerName}</Text>
                <Text size="xs" c="dimmed">
                  {maskDocument(r.payerDocument)}
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(r.dueDate)}</Table.Td>
              <Table.Td>
                <Text size="sm" c={r.daysLate > 0 ? 'red.8' : undefined} fw={r.daysLate > 0 ? 600 : undefined}>
                  {lateLabel(r.daysLate)}
                </Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatCents(r.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
