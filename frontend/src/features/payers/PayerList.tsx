import { Button, Group, Table, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { PayerView } from '../../lib/backend';

interface PayerListProps {
  payers: PayerView[];
  onEdit: (payer: PayerView) => void;
  onDelete: (payer: PayerView) => void;
}

/** The payers found, one row each: name, masked CPF/CNPJ, city/UF and the row's actions. */
export function PayerList({ payers, onEdit, onDelete }: PayerListProps) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label="Pagadores encontrados">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nome</Table.Th>
            <Table.Th>CPF/CNPJ</Table.Th>
            <Table.Th>Cidade/UF</Table.Th>
            <Table.Th>
              <VisuallyHidden>Ações</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payers.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{p.documentFormatted}</Table.Td>
              <Table.Td>{[p.city, p.uf].filter(Boolean).join('/')}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconPencil size={14} aria-hidden="true" />}
                    aria-label={`Editar ${p.name}`}
                    onClick={() => onEdit(p)}
                  >
                    Editar
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={14} aria-hidden="true" />}
                    aria-label={`Excluir ${p.name}`}
                    onClick={() => onDelete(p)}
                  >
                    Excluir
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
