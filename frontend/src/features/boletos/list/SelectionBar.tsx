import { Button, Group, Paper, Text } from '@mantine/core';
import { IconBan, IconSend } from '@tabler/icons-react';
import type { BoletoRow } from '../../../lib/backend';
import { ActionButton } from '../ActionButton';
import { boletosCount } from '../format';
import { mailBlocker, SendMailButton } from '../../mail';
import { PrintMenu } from '../PrintMenu';
import { cancelBlocker, issueBlocker, printBlocker, printsWithoutValue } from './selection';

interface SelectionBarProps {
  /** The selected rows, in the order they were selected. */
  rows: BoletoRow[];
  issuing: boolean;
  onIssue: () => void;
  onCancel: () => void;
  onClear: () => void;
}

/** What can be done with the selected boletos; what does not apply is disabled and says why. */
export function SelectionBar({ rows, issuing, onIssue, onCancel, onClear }: SelectionBarProps) {
  const ids = rows.map((r) => r.id);
  return (
    <Paper withBorder p="xs" radius="md" component="section" aria-label="Ações com os selecionados">
      <Group gap="sm" wrap="wrap" justify="space-between">
        <Group gap="xs">
          <Text size="sm" fw={600} role="status">
            {rows.length === 0 ? 'Nenhum boleto selecionado' : `${boletosCount(rows.length)} selecionado${rows.length === 1 ? '' : 's'}`}
          </Text>
          {rows.length > 0 && (
            <Button size="compact-sm" variant="subtle" onClick={onClear}>
              Limpar seleção
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          <ActionButton
            size="sm"
            leftSection={<IconSend size={16} aria-hidden="true" />}
            onClick={onIssue}
            loading={issuing}
            disabledReason={issueBlocker(rows)}
          >
            Emitir
          </ActionButton>
          <ActionButton
            size="sm"
            variant="default"
            leftSection={<IconBan size={16} aria-hidden="true" />}
            onClick={onCancel}
            disabledReason={cancelBlocker(rows)}
          >
            Cancelar boletos
          </ActionButton>
          <PrintMenu ids={ids} actions={['print', 'save', 'carne']} disabledReason={printBlocker(rows)} primaryVariant="default" />
          <SendMailButton
            ids={ids}
            accountId={new Set(rows.map((r) => r.accountId)).size === 1 ? rows[0].accountId : undefined}
            disabledReason={mailBlocker(rows)}
          />
        </Group>
      </Group>
      {rows.length > 0 && printsWithoutValue(rows) && (
        <Text size="xs" c="dimmed" mt={6}>
          Rascunhos, boletos ainda não emitidos e cancelados saem impressos com a marca “sem valor” e sem código de barras.
        </Text>
      )}
    </Paper>
  );
}
