import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconFolderOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  asBackendError,
  chooseBackupFile,
  previewBackup,
  restoreBackup,
  type BackendError,
  type BackupPreview,
} from '../../lib/backend';
import { BackupPreviewDetails } from './BackupPreviewDetails';

interface Props {
  opened: boolean;
  /** The backup to restore; null asks for a file first ("Restaurar de outro arquivo…"). */
  path: string | null;
  /** The window: the system's file dialog is offered beside the path field. */
  desktop: boolean;
  onClose: () => void;
  /** The restore was asked for: the program is restarting. */
  onRestarting: () => void;
}

type Step =
  | { kind: 'ask' }
  | { kind: 'loading'; path: string }
  | { kind: 'preview'; preview: BackupPreview }
  | { kind: 'error'; error: BackendError; path: string };

/**
 * "Restaurar…": what the backup holds and which accounts will need their credentials again,
 * then the confirmation. The restore itself happens as the program starts again.
 */
export function RestoreModal({ opened, path, desktop, onClose, onRestarting }: Props) {
  const [step, setStep] = useState<Step>({ kind: 'ask' });
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<BackendError | null>(null);

  const load = (file: string) => {
    setStep({ kind: 'loading', path: file });
    setFieldError(null);
    setRestoreError(null);
    previewBackup(file).then(
      (preview) => setStep({ kind: 'preview', preview }),
      (err: unknown) => {
        const e = asBackendError(err, 'Não foi possível ler o backup.');
        if (path === null && e.fieldMessages('backupPath').length > 0) {
          setFieldError(e.fieldMessages('backupPath')[0]);
          setStep({ kind: 'ask' });
          return;
        }
        setStep({ kind: 'error', error: e, path: file });
      },
    );
  };

  useEffect(() => {
    if (!opened) return;
    setTyped('');
    setFieldError(null);
    setRestoreError(null);
    setRestoring(false);
    if (path === null) setStep({ kind: 'ask' });
    else load(path);
    // Loaded again only when opened, or opened for another file.
  }, [opened, path]);

  const choose = () => {
    chooseBackupFile().then(
      (file) => {
        if (file) {
          setTyped(file);
          load(file);
        }
      },
      (err: unknown) => setFieldError(asBackendError(err, 'Não foi possível abrir a janela para escolher o arquivo.').message),
    );
  };

  const confirm = (preview: BackupPreview) => {
    setRestoring(true);
    setRestoreError(null);
    restoreBackup(preview.path).then(
      () => onRestarting(),
      (err: unknown) => {
        setRestoring(false);
        setRestoreError(asBackendError(err, 'Não foi possível pedir a restauração. Tente de novo.'));
      },
    );
  };

  const close = () => {
    if (!restoring) onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Restaurar backup" size="lg">
      <Stack gap="md">
        {(step.kind === 'ask' || (path === null && step.kind === 'loading')) && (
          <form
            aria-label="Arquivo do backup a restaurar"
            onSubmit={(event) => {
              event.preventDefault();
              load(typed);
            }}
          >
            <Stack gap="sm">
              <TextInput
                label="Arquivo do backup"
                description="O caminho completo de um arquivo .db feito pelo Boletos (neste ou em outro computador)."
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                error={fieldError}
                data-autofocus
              />
              <Group>
                {desktop && (
                  <Button variant="default" leftSection={<IconFolderOpen size={16} aria-hidden="true" />} onClick={choose}>
                    Escolher arquivo…
                  </Button>
                )}
                <Button type="submit" loading={step.kind === 'loading'}>
                  Ver o conteúdo
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {step.kind === 'loading' && path !== null && <Loader aria-label="Lendo o backup" />}
        {step.kind === 'error' && (
          <Alert color="red" title="Não foi possível ler o backup" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">{step.error.message}</Text>
          </Alert>
        )}
        {step.kind === 'preview' && (
          <>
            <BackupPreviewDetails preview={step.preview} />
            {step.preview.problem ? (
              <Alert color="red" title="Este backup não pode ser restaurado" icon={<IconAlertCircle aria-hidden="true" />}>
                <Text size="sm">{step.preview.problem}</Text>
              </Alert>
            ) : (
              <>
                <NeedCredentials preview={step.preview} />
                <Text size="sm">
                  Os dados atuais serão substituídos por este backup: o que foi feito depois dele deixa de aparecer. Antes,
                  uma cópia dos dados atuais é guardada na pasta das cópias, como “dados de antes de uma restauração”. O
                  Boletos fecha e abre de novo para restaurar.
                </Text>
              </>
            )}
            {restoreError && (
              <Alert color="red" title="A restauração não foi feita" icon={<IconAlertCircle aria-hidden="true" />}>
                <Text size="sm">{restoreError.message}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={restoring}>
                Cancelar
              </Button>
              {!step.preview.problem && (
                <Button color="red" loading={restoring} onClick={() => confirm(step.preview)}>
                  Restaurar este backup
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

function NeedCredentials({ preview }: { preview: BackupPreview }) {
  const need = preview.accounts.filter((a) => a.needsCredentials);
  if (need.length === 0) return null;
  return (
    <Alert color="yellow" title="Credenciais a cadastrar de novo" icon={<IconAlertTriangle aria-hidden="true" />}>
      <Text size="sm">
        O certificado e o client secret ficam no cofre de senhas do sistema e não vão no backup. Depois de restaurar,
        cadastre-os de novo em Contas bancárias para: {need.map((a) => a.name).join(', ')}.
      </Text>
    </Alert>
  );
}
