import { List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReportDTO } from '../../lib/backend';

const RIGHT = new Set(['money', 'count']);

/** The report as the backend built it: its filter lines and tables (cells already formatted). */
export function ReportTables({ report }: { report: ReportDTO }) {
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {report.title}
      </Title>
      {(report.filters ?? []).length > 0 && (
        <List size="sm" aria-label="Filtros do relatório">
          {report.filters.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
      {(report.tables ?? []).map((t) => (
        <Stack key={t.name} gap={4}>
          <Title order={3} size="h5">
            {t.name}
          </Title>
          {(t.rows ?? []).length === 0 ? (
            <Text c="dimmed" size="sm">
              Nenhum boleto com estes filtros.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped withTableBorder aria-label={t.name}>
                <Table.Thead>
                  <Table.Tr>
                    {t.columns.map((c, i) => (
                      <Table.Th key={i} style={{ textAlign: RIGHT.has(c.kind) ? 'right' : undefined }}>
                        {c.header}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {t.rows.map((row, r) => (
                    <Table.Tr key={r}>
                      {row.map((cell, i) => (
                        <Table.Td
                          key={i}
                          style={{
                            textAlign: RIGHT.has(t.columns[i]?.kind) ? 'right' : undefined,
                            whiteSpace: t.columns[i]?.kind === 'text' ? undefined : 'nowrap',
                          }}
                        >
                          {cell}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                {(t.totals ?? []).length > 0 && (
                  <Table.Tfoot>
                    <Table.Tr data-totals fw={700}>
                      {t.totals.map((cell, i) => (
                        <Table.Td
                          key={i}
                          style={{ fontWeight: 700, textAlign: RIGHT.has(t.columns[i]?.kind) ? 'right' : undefined, whiteSpace: 'nowrap' }}
                        >
                          {cell}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
