import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { copyText } from '../../lib/backend';

interface CopyFieldProps {
  label: string;
  /** What is shown (e.g. the linha digitável with its punctuation). */
  display: string;
  /** What goes to the clipboard (e.g. only the digits). */
  value: string;
  /** The button's accessible name, e.g. "Copiar a linha digitável". */
  copyLabel: string;
  /** Long values (Pix copia e cola) wrap anywhere. */
  breakAll?: boolean;
}

/** A code to hand over, shown in monospace, with "Copiar" and a "Copiado" confirmation. */
export function CopyField({ label, display, value, copyLabel, breakAll = false }: CopyFieldProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const labelId = useId();

  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await copyText(value);
      setStatus('copied');
      timer.current = setTimeout(() => setStatus('idle'), 3000);
    } catch {
      setStatus('failed');
    }
  };

  return (
    <Stack gap={4} role="group" aria-labelledby={labelId}>
      <Text size="sm" c="dimmed" id={labelId}>
        {label}
      </Text>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Code
          block
          style={{
            fontSize: breakAll ? 13 : 16,
            wordBreak: breakAll ? 'break-all' : 'normal',
            whiteSpace: breakAll ? 'pre-wrap' : 'normal',
            flex: 1,
            userSelect: 'all',
          }}
          data-copy-value
        >
          {display}
        </Code>
        <Button
          variant={status === 'copied' ? 'light' : 'default'}
          color={status === 'copied' ? 'green' : undefined}
          leftSection={
            status === 'copied' ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />
          }
          onClick={() => void copy()}
          aria-label={copyLabel}
        >
          {status === 'copied' ? 'Copiado' : 'Copiar'}
        </Button>
      </Group>
      <Text size="xs" role="status" c={status === 'failed' ? 'red' : 'green'} aria-live="polite">
        {status === 'copied' && 'Copiado para a área de transferência.'}
        {status === 'failed' && 'Não foi possível copiar. Selecione o texto acima e copie com Ctrl+C.'}
      </Text>
    </Stack>
  );
}
