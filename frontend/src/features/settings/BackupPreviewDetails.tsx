import { Badge, DataList, List, Text } from '@mantine/core';
import type { BackupPreview } from '../../lib/backend';
import { formatDateTime } from '../boletos/format';
import { formatSize } from './format';

/** What a backup holds: when it was taken, accounts, payers and boletos by state. */
export function BackupPreviewDetails({ preview }: { preview: BackupPreview }) {
  return (
    <DataList aria-label="Conteúdo do backup">
      <DataList.Item>
        <DataList.ItemLabel>Arquivo</DataList.ItemLabel>
        <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{preview.path}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Feito em</DataList.ItemLabel>
        <DataList.ItemValue>
          {formatDateTime(preview.takenAt)} ({formatSize(preview.size)})
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Contas bancárias</DataList.ItemLabel>
        <DataList.ItemValue>
          {preview.accounts.length === 0 ? (
            'nenhuma'
          ) : (
            <List size="sm" spacing={4} aria-label="Contas do backup">
              {preview.accounts.map((a) => (
                <List.Item key={a.name}>
                  {a.name} ({a.environmentLabel || 'ambiente desconhecido'})
                  {a.needsCredentials && (
                    <Badge ml="xs" color="orange" variant="light" styles={{ label: { textTransform: 'none' } }}>
                      certificado e client secret terão de ser cadastrados de novo
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Pagadores</DataList.ItemLabel>
        <DataList.ItemValue>{preview.payers}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Boletos</DataList.ItemLabel>
        <DataList.ItemValue>
          {preview.totalBoletos === 0 ? (
            'nenhum'
          ) : (
            <>
              {preview.totalBoletos} ({preview.boletos.map((s) => `${s.label} ${s.count}`).join(', ')})
              {preview.lastBoletoAt && (
                <Text size="xs" c="dimmed">
                  Último boleto criado em {formatDateTime(preview.lastBoletoAt)}
                </Text>
              )}
            </>
          )}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
