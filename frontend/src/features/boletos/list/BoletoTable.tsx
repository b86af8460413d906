import { Anchor, Checkbox, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconBarcode, IconQrcode } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { Link } from 'react-router-dom';
import type { BoletoRow } from '../../../lib/backend';
import { formatCents, formatDate } from '../../../lib/format';
import { channelLabel } from '../format';
import { StateBadge } from '../StateBadge';

interface BoletoTableProps {
  rows: BoletoRow[];
  selected: ReadonlySet<number>;
  onToggle: (row: BoletoRow) => void;
  /** Selects (or unselects) every row of the page. */
  onToggleAll: (rows: BoletoRow[], select: boolean) => void;
  onOpen: (row: BoletoRow) => void;
  /** The list's query, so the detail's "Voltar aos boletos" comes back to the same list. */
  from: string;
}

const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** One page of boletos; a click on a row opens the boleto, the checkbox selects it. */
export function BoletoTable({ rows, selected, onToggle, onToggleAll, onOpen, from }: BoletoTableProps) {
  const onPage = rows.filter((r) => selected.has(r.id)).length;
  const all = rows.length > 0 && onPage === rows.length;

  // Clicks on the checkbox, a link or a tooltip target must not open the boleto.
  const open = (event: MouseEvent, row: BoletoRow) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, a, button, label, [data-no-open]')) return;
    onOpen(row);
  };

  return (
    <Table.ScrollContainer minWidth={980}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Boletos">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Selecionar todos desta página"
                checked={all}
                indeterminate={onPage > 0 && !all}
                onChange={() => onToggleAll(rows, !all)}
              />
            </Table.Th>
            <Table.Th>Seu número</Table.Th>
            <Table.Th>Pagador</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th ta="right">Valor</Table.Th>
            <Table.Th>Situação</Table.Th>
            <Table.Th>Pagamento</Table.Th>
            <Table.Th>Parcela</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const isSelected = selected.has(row.id);
            return (
              <Table.Tr
                key={row.id}
                onClick={(event) => open(event, row)}
                style={{ cursor: 'pointer' }}
                bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}
                aria-selected={isSelected}
                data-boleto-id={row.id}
              >
                <Table.Td>
                  <Checkbox
                    aria-label={`Selecionar o boleto ${row.seuNumero}`}
                    checked={isSelected}
                    onChange={() => onToggle(row)}
                  />
                </Table.Td>
                <Table.Td style={NUMERIC}>
                  <Anchor component={Link} to={`/boletos/${row.id}`} state={{ from }} fw={600}>
                    {row.seuNumero || `#${row.id}`}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" lineClamp={1}>
                      {row.payerName || '—'}
                    </Text>
                    {row.payerDocument && (
                      <Text size="xs" c="dimmed" style={NUMERIC}>
                        {row.payerDocument}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td style={NUMERIC}>{formatDate(row.dueDate) || '—'}</Table.Td>
                <Table.Td style={NUMERIC} ta="right">
                  {formatCents(row.amountCents)}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <StateBadge state={row.state} label={row.stateLabel} size="sm" />
                    <Attention notes={row.attention ?? []} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Payment row={row} />
                </Table.Td>
                <Table.Td style={NUMERIC}>{row.installment}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The warnings of a row, behind one icon with a tooltip. */
function Attention({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  const text = notes.join(' ');
  return (
    <Tooltip
      label={
        <Stack gap={4}>
          {notes.map((n) => (
            <span key={n}>{n}</span>
          ))}
        </Stack>
      }
      multiline
      w={320}
      withArrow
    >
      <span data-no-open tabIndex={0} role="img" aria-label={`Atenção: ${text}`} style={{ display: 'inline-flex' }}>
        <IconAlertTriangle size={18} color="var(--mantine-color-orange-7)" aria-hidden="true" />
      </span>
    </Tooltip>
  );
}

/** Pago em, valor pago and the channel (Boleto or Pix), when paid. */
function Payment({ row }: { row: BoletoRow }) {
  if (!row.paidDate && !row.paidAmountCents) return null;
  const channel = channelLabel(row.paidChannel);
  const ChannelIcon = row.paidChannel === 'PIX' ? IconQrcode : IconBarcode;
  return (
    <Stack gap={0}>
      <Text size="sm" style={NUMERIC}>
        {formatDate(row.paidDate)}
        {row.paidAmountCents > 0 && ` · ${formatCents(row.paidAmountCents)}`}
      </Text>
      {channel && (
        <Group gap={4} wrap="nowrap">
          <ChannelIcon size={14} aria-hidden="true" />
          <Text size="xs" c="dimmed">
            <VisuallyHidden>pago por </VisuallyHidden>
            {channel}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
