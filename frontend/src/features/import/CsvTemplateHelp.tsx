import { Anchor, Button, Code, Collapse, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronUp, IconDownload, IconTable } from '@tabler/icons-react';
import { useState } from 'react';
import { asBackendError, downloadCsvTemplate, isDesktop } from '../../lib/backend';

/** The columns of the model spreadsheet, as internal/docimport/csv.go reads them. */
const COLUMNS: [string, string][] = [
  ['tipo', 'pedido (ou venda), os (ordem de serviço), venda futura ou contrato — obrigatório'],
  ['numero, serie', 'o número do documento (obrigatório) e a série; linhas com o mesmo tipo e número são um documento'],
  ['emissao', 'a data de emissão (opcional)'],
  ['pagador_nome, pagador_documento', 'nome e CPF ou CNPJ do pagador, com ou sem pontuação — obrigatórios'],
  ['email, telefone', 'opcionais; o telefone com DDD, por exemplo (11) 98765-4321'],
  [
    'logradouro, numero_endereco, complemento, bairro, cidade, uf, cep',
    'o endereço do pagador; logradouro, cidade, UF e CEP são obrigatórios',
  ],
  ['valor, vencimento', 'o valor e o vencimento de cada parcela: uma linha por parcela'],
  ['parcela', 'opcional: o número da parcela como o documento escreve (1, 2/3…)'],
  [
    'parcelas, primeiro_vencimento, intervalo, entrada, vencimento_entrada',
    'ou um parcelamento numa linha só: o número de parcelas, o primeiro vencimento, o intervalo (mensal, quinzenal, semanal ou um número de dias), e a entrada, se houver; valor é então o total',
  ],
];

/** "Baixar modelo de planilha CSV" and what its columns mean. */
export function CsvTemplateHelp() {
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const saved = await downloadCsvTemplate();
      if (saved !== null && isDesktop()) {
        notifications.show({ color: 'green', title: 'Modelo de planilha salvo', message: saved });
      }
    } catch (err) {
      notifications.show({
        color: 'red',
        title: 'O modelo não foi salvo',
        message: asBackendError(err, 'Não foi possível salvar o modelo de planilha. Tente de novo.').message,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Planilha CSV">
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconTable size={20} aria-hidden="true" style={{ flex: 'none', marginTop: 2 }} />
          <Text size="sm">
            Pedidos de venda, ordens de serviço, vendas futuras e contratos entram por uma planilha CSV: uma linha
            por parcela (ou uma linha com o parcelamento), com o pagador e o endereço. Salve a planilha do Excel como
            “CSV (separado por vírgulas)”; ponto e vírgula também serve.
          </Text>
        </Group>
        <Group gap="sm">
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconDownload size={14} aria-hidden="true" />}
            onClick={() => void download()}
            loading={busy}
          >
            Baixar modelo de planilha CSV
          </Button>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
          >
            <Group gap={4} component="span">
              {open ? <IconChevronUp size={14} aria-hidden="true" /> : <IconChevronDown size={14} aria-hidden="true" />}
              {open ? 'Ocultar as colunas' : 'Ver as colunas'}
            </Group>
          </Anchor>
        </Group>
        <Collapse expanded={open}>
          <Table aria-label="Colunas da planilha" verticalSpacing={4} fz="sm" mt="xs">
            <Table.Tbody>
              {COLUMNS.map(([names, meaning]) => (
                <Table.Tr key={names}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Code>{names}</Code>
                  </Table.Td>
                  <Table.Td>{meaning}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            A primeira linha tem os nomes das colunas, em qualquer ordem. Valores como 1.234,56 e datas como
            10/02/2027.
          </Text>
        </Collapse>
      </Stack>
    </Paper>
  );
}
