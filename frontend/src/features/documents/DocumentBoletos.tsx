import { Anchor, Table, Text } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { BoletoRow } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';
import { boletosCount, channelLabel } from '../boletos/format';
import { StateBadge } from '../boletos/StateBadge';

const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** States whose boletos no longer charge anything: left out of the amount still charged. */
const VOID_STATES = ['cancelled', 'cancel_requested', 'expired'];

/** The boletos of one document, in due date order; a click on a row opens the boleto. */
export function DocumentBoletos({ boletos, label = 'Boletos do documento' }: { boletos: BoletoRow[]; label?: string }) {
  const navigate = useNavigate();
  const open = (event: MouseEvent, row: BoletoRow) => {
    if ((event.target as HTMLElement).closest('a, button, input')) return;
    navigate(`/boletos/${row.id}`);
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parcela</Table.Th>
            <Table.Th>Seu número</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th ta="right">Valor</Table.Th>
            <Table.Th>Situação</Table.Th>
            <Table.Th>Pagamento</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {boletos.map((row) => (
            <Table.Tr key={row.id} onClick={(event) => open(event, row)} style={{ cursor: 'pointer' }} data-boleto-id={row.id}>
              <Table.Td style={NUMERIC}>{row.installment || '—'}</Table.Td>
              <Table.Td style={NUMERIC}>
                <Anchor component={Link} to={`/boletos/${row.id}`} fw={600}>
                  {row.seuNumero || `#${row.id}`}
                </Anchor>
              </Table.Td>
              <Table.Td style={NUMERIC}>{formatDate(row.dueDate) || '—'}</Table.Td>
              <Table.Td style={NUMERIC} ta="right">
                {formatCents(row.amountCents)}
              </Table.Td>
              <Table.Td>
                <StateBadge state={row.state} label={row.stateLabel} size="sm" />
              </Table.Td>
              <Table.Td>
                {row.paidDate || row.paidAmountCents ? (
                  <Text size="sm" style={NUMERIC}>
                    {formatDate(row.paidDate)}
                    {row.paidAmountCents > 0 && ` · ${formatCents(row.paidAmountCents)}`}
                    {channelLabel(row.paidChannel) && ` · ${channelLabel(row.paidChannel)}`}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export interface DocumentTotals {
  count: number;
  /** Of the boletos still charging (not cancelled or expired). */
  amountCents: number;
  paidCents: number;
  paidCount: number;
  draftCount: number;
}

export function documentTotals(boletos: BoletoRow[]): DocumentTotals {
  const live = boletos.filter((b) => !VOID_STATES.includes(b.state));
  return {
    count: boletos.length,
    amountCents: live.reduce((sum, b) => sum + b.amountCents, 0),
    paidCents: boletos.reduce((sum, b) => sum + b.paidAmountCents, 0),
    paidCount: boletos.filter((b) => b.state === 'paid').length,
    draftCount: boletos.filter((b) => b.state === 'draft').length,
  };
}

/** "11 boletos · R$ 1.234,56 · pago R$ 100,00 (1 liquidado)". */
export function TotalsLine({ boletos }: { boletos: BoletoRow[] }) {
  const t = documentTotals(boletos);
  return (
    <Text size="sm" role="status" aria-label="Totais do documento">
      <strong>{boletosCount(t.count)}</strong> · {formatCents(t.amountCents)} · pago {formatCents(t.paidCents)}
      {t.paidCount > 0 && ` (${t.paidCount === 1 ? '1 liquidado' : `${t.paidCount} liquidados`})`}
      {t.draftCount > 0 && ` · ${t.draftCount === 1 ? '1 rascunho' : `${t.draftCount} rascunhos`} a emitir`}
    </Text>
  );
}

/** The boletos worth printing: all but the cancelled and expired (all of them when none is left). */
export function printableIds(boletos: BoletoRow[]): number[] {
  const live = boletos.filter((b) => !VOID_STATES.includes(b.state));
  return (live.length > 0 ? live : boletos).map((b) => b.id);
}
