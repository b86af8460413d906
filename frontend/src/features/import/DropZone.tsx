import { Button, FileButton, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileUpload, IconFolderOpen, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import { ACCEPT, dropEntries, entryFiles, pickedFiles, type IncomingFile } from './files';

interface DropZoneProps {
  /** The files handed over; the promise settles once folders were walked into. */
  onFiles: (files: Promise<IncomingFile[]>) => void;
  disabled?: boolean;
}

/** `<input webkitdirectory>`: React has no typed prop for it. */
const FOLDER_INPUT = { webkitdirectory: '', directory: '' } as Record<string, string>;

/**
 * Where the files go: dropped (many files, folders, ZIPs) or picked with "Escolher arquivos" /
 * "Escolher pasta". The buttons are the keyboard's and screen readers' way in; dropping is the
 * mouse's shortcut.
 */
export function DropZone({ onFiles, disabled = false }: DropZoneProps) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer left.
  const depth = useRef(0);
  const resetFiles = useRef<() => void>(null);
  const resetFolder = useRef<() => void>(null);

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

  const onDragEnter = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    depth.current++;
    setOver(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (disabled || !hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    if (disabled) return;
    const entries = dropEntries(event.dataTransfer);
    const plain = Array.from(event.dataTransfer.files);
    onFiles(entries ? entryFiles(entries) : Promise.resolve(pickedFiles(plain)));
  };

  const picked = (files: File[], reset: RefObject<(() => void) | null>) => {
    if (files.length > 0) onFiles(Promise.resolve(pickedFiles(files)));
    // The same files may be picked again later (after "Limpar a lista").
    reset.current?.();
  };

  return (
    <Paper
      component="section"
      aria-label="Arquivos para importar"
      withBorder
      p="xl"
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-over={over || undefined}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined,
        background: over ? 'var(--mantine-primary-color-light)' : undefined,
        transition: 'background 120ms, border-color 120ms',
      }}
    >
      <Stack align="center" gap="sm">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden="true">
          <IconUpload size={26} />
        </ThemeIcon>
        <Text fw={600} ta="center">
          {over ? 'Solte os arquivos para lê-los' : 'Arraste para cá os arquivos, uma pasta inteira ou um ZIP'}
        </Text>
        <Text size="sm" c="dimmed" ta="center" maw={620}>
          XML de NF-e, NFS-e e CT-e (também o XML com o protocolo de autorização), ZIPs com esses XML e planilhas CSV.
          Outros arquivos da pasta, como os PDFs das notas, são deixados de fora.
        </Text>
        <Group gap="sm" justify="center">
          <FileButton
            multiple
            accept={ACCEPT}
            onChange={(files) => picked(files, resetFiles)}
            resetRef={resetFiles}
            disabled={disabled}
            inputProps={{ 'aria-label': 'Escolher arquivos' }}
          >
            {(props) => (
              <Button {...props} disabled={disabled} leftSection={<IconFileUpload size={18} aria-hidden="true" />}>
                Escolher arquivos
              </Button>
            )}
          </FileButton>
          <FileButton
            multiple
            onChange={(files) => picked(files, resetFolder)}
            resetRef={resetFolder}
            disabled={disabled}
            inputProps={{ 'aria-label': 'Escolher pasta', ...FOLDER_INPUT }}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                disabled={disabled}
                leftSection={<IconFolderOpen size={18} aria-hidden="true" />}
              >
                Escolher pasta
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Paper>
  );
}
