import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconFiles, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { ContractView } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';
import { periodText } from './plan';

/** How a contract is named in buttons and dialogs: its number, else its description. */
export function contractName(c: Pick<ContractView, 'number' | 'description'>): string {
  if (c.number) return `contrato ${c.number}`;
  if (c.description) return `contrato “${c.description}”`;
  return 'contrato sem número';
}

const BADGE_STYLES = {
  root: { flexShrink: 0, overflow: 'visible' },
  label: { textTransform: 'none', overflow: 'visible' },
} as const;

/**
 * Ativo or Encerrado. The two differ in icon, fill and text, not only in colour, so they read
 * the same in grey-scale or printed.
 */
export function ContractStatusBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge
      color="green"
      variant="light"
      c="green.9"
      leftSection={<IconCircleCheck size={14} stroke={2.25} aria-hidden="true" />}
      styles={BADGE_STYLES}
    >
      Ativo
    </Badge>
  ) : (
    <Badge
      color="gray"
      variant="outline"
      c="gray.8"
      leftSection={<IconCircleOff size={14} stroke={2.25} aria-hidden="true" />}
      styles={BADGE_STYLES}
    >
      Encerrado
    </Badge>
  );
}

interface ContractTableProps {
  contracts: ContractView[];
  /** Asks to end (active → false) or resume (false → true) a contract. */
  onSetActive: (contract: ContractView, active: boolean) => void;
}

const NUMERIC = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** The contracts, active first, one row each, with their next due date and what was billed. */
export function ContractTable({ contracts, onSetActive }: ContractTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover aria-label="Contratos" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Contrato</Table.Th>
            <Table.Th>Pagador</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Valor mensal</Table.Th>
            <Table.Th>Dia</Table.Th>
            <Table.Th>Período</Table.Th>
            <Table.Th>Próximo vencimento</Table.Th>
            <Table.Th>Meses cobrados</Table.Th>
            <Table.Th>Emissão automática</Table.Th>
            <Table.Th>Situação</Table.Th>
            <Table.Th>
              <VisuallyHidden>Ações</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contracts.map((c) => {
            const name = `${contractName(c)} de ${c.payerName || 'pagador sem nome'}`;
            return (
              <Table.Tr key={c.id} data-contract={c.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={600} style={NUMERIC}>
                      {c.number || (
                        <Text span inherit fw={400} c="dimmed" fs="italic">
                          sem número
                        </Text>
                      )}
                    </Text>
                    {c.description && (
                      <Text size="xs" c="dimmed">
                        {c.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{c.payerName}</Text>
                    <Text size="xs" c="dimmed" style={NUMERIC}>
                      {c.payerDocument}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td style={{ ...NUMERIC, textAlign: 'right' }}>{formatCents(c.monthlyCents)}</Table.Td>
                <Table.Td style={NUMERIC}>{c.day}</Table.Td>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{periodText(c)}</Table.Td>
                <Table.Td style={NUMERIC}>{nextDueText(c)}</Table.Td>
                <Table.Td style={NUMERIC}>{c.billedMonths}</Table.Td>
                <Table.Td>{c.autoIssue ? 'Sim' : 'Não'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <ContractStatusBadge active={c.active} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="stretch">
                    <Button
                      component={Link}
                      to={`/documentos/${c.documentId}`}
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconFiles size={14} aria-hidden="true" />}
                      aria-label={`Ver boletos do ${name}`}
                    >
                      Ver boletos
                    </Button>
                    {c.active ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        leftSection={<IconPlayerStop size={14} aria-hidden="true" />}
                        aria-label={`Encerrar o ${name}`}
                        onClick={() => onSetActive(c, false)}
                      >
                        Encerrar
                      </Button>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconPlayerPlay size={14} aria-hidden="true" />}
                        aria-label={`Reativar o ${name}`}
                        onClick={() => onSetActive(c, true)}
                      >
                        Reativar
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The next due date to be billed; none once the contract ended or was ended. */
function nextDueText(c: ContractView): string {
  if (!c.active) return '—';
  if (!c.nextDueDate) return 'Nenhum (terminou)';
  return formatDate(c.nextDueDate) || c.nextDueDate;
}
