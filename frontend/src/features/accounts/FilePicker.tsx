import { Button, Group, Input, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useId, useRef, type ReactNode } from 'react';
import classes from './FilePicker.module.css';
import { formatFileSize } from './files';

interface FilePickerProps {
  label: string;
  description?: ReactNode;
  accept: string;
  /** The file already chosen (shown beside the button), if any. */
  chosen?: { name: string; size: number } | null;
  error?: string;
  withAsterisk?: boolean;
  onPick: (file: File | null) => void;
}

/**
 * A labelled file input, one file at a time. The native input does the work (keyboard, screen
 * readers, the file dialog); the visible button and status are ours, so they read in pt-BR.
 */
export function FilePicker({ label, description, accept, chosen, error, withAsterisk, onPick }: FilePickerProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const describedBy = [error ? `${id}-error` : '', description ? `${id}-description` : ''].filter(Boolean).join(' ');
  return (
    <Input.Wrapper id={id} label={label} description={description} error={error} withAsterisk={withAsterisk}>
      <div style={{ position: 'relative' }}>
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          className={classes.input}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onPick(event.currentTarget.files?.[0] ?? null)}
        />
        <Group className={classes.row} gap="sm" mt={4} mb={error ? 4 : 0} wrap="nowrap">
          <Button
            className={classes.button}
            variant="default"
            size="xs"
            leftSection={<IconFileUpload size={14} aria-hidden="true" />}
            onClick={() => input.current?.click()}
            // The input above is the control for assistive technology and the keyboard.
            tabIndex={-1}
            aria-hidden="true"
            color={error ? 'red' : undefined}
          >
            Escolher arquivo
          </Button>
          <Text size="sm" c={chosen ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
            {chosen ? `Escolhido: ${chosen.name} (${formatFileSize(chosen.size)})` : 'Nenhum arquivo escolhido'}
          </Text>
        </Group>
      </div>
    </Input.Wrapper>
  );
}
