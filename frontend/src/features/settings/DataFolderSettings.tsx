import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconFolderOpen, IconFolderShare } from '@tabler/icons-react';
import { useState } from 'react';
import {
  asBackendError,
  checkDataFolder,
  chooseDataFolder,
  moveDataFolder,
  type BackendError,
  type SettingsView,
} from '../../lib/backend';
import { CopyField } from '../boletos/CopyField';

interface Props {
  settings: SettingsView;
  /** The move was asked for: the program is restarting to carry it out. */
  onRestarting: (target: string) => void;
}

/** "Pasta dos dados": where the data live, and "Mover…" to another folder. */
export function DataFolderSettings({ settings, onRestarting }: Props) {
  const [moving, setMoving] = useState(false);
  return (
    <Stack gap="sm" maw={820}>
      <CopyField
        label="Pasta dos dados"
        display={settings.dataDir}
        value={settings.dataDir}
        copyLabel="Copiar o caminho da pasta dos dados"
        breakAll
      />
      <Text size="sm" c="dimmed">
        Nela ficam o banco de dados, as cópias de segurança, o registro e os PDFs baixados do banco. As senhas e chaves não:
        ficam no cofre de senhas do sistema.
      </Text>
      <Group>
        <Button variant="default" leftSection={<IconFolderShare size={16} aria-hidden="true" />} onClick={() => setMoving(true)}>
          Mover…
        </Button>
      </Group>
      <MoveModal
        opened={moving}
        current={settings.dataDir}
        desktop={settings.desktop}
        onClose={() => setMoving(false)}
        onRestarting={onRestarting}
      />
    </Stack>
  );
}

interface MoveModalProps {
  opened: boolean;
  current: string;
  desktop: boolean;
  onClose: () => void;
  onRestarting: (target: string) => void;
}

function MoveModal({ opened, current, desktop, onClose, onRestarting }: MoveModalProps) {
  const [typed, setTyped] = useState('');
  const [checked, setChecked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<BackendError | null>(null);

  const reset = () => {
    setTyped('');
    setChecked(null);
    setFieldError(null);
    setError(null);
    setBusy(false);
  };

  const fail = (err: unknown, fallback: string) => {
    const e = asBackendError(err, fallback);
    const field = e.fieldMessages('dataDir')[0];
    if (field) {
      setFieldError(field);
      setChecked(null);
    } else setError(e);
  };

  const check = (path: string) => {
    setBusy(true);
    setFieldError(null);
    setError(null);
    checkDataFolder(path)
      .then((target) => setChecked(target))
      .catch((err: unknown) => fail(err, 'Não foi possível conferir a pasta. Tente de novo.'))
      .finally(() => setBusy(false));
  };

  const choose = () => {
    chooseDataFolder().then(
      (path) => {
        if (path) {
          setTyped(path);
          check(path);
        }
      },
      (err: unknown) => setError(asBackendError(err, 'Não foi possível abrir a janela para escolher a pasta.')),
    );
  };

  const move = (target: string) => {
    setBusy(true);
    setError(null);
    moveDataFolder(target).then(
      (moved) => onRestarting(moved),
      (err: unknown) => {
        setBusy(false);
        fail(err, 'Não foi possível pedir a mudança da pasta. Tente de novo.');
      },
    );
  };

  const close = () => {
    if (busy && checked) return; // the move was asked for
    reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Mover a pasta dos dados" size="lg">
      <Stack gap="md">
        <Text size="sm">
          Pasta atual: <span style={{ overflowWrap: 'anywhere' }}>{current}</span>
        </Text>
        {checked === null ? (
          <form
            aria-label="Nova pasta dos dados"
            onSubmit={(event) => {
              event.preventDefault();
              check(typed);
            }}
          >
            <Stack gap="sm">
              <TextInput
                label="Nova pasta dos dados"
                description="Uma pasta vazia, ou uma que ainda não existe (é criada), fora da pasta atual. Caminho completo."
                value={typed}
                onChange={(event) => {
                  setTyped(event.currentTarget.value);
                  setFieldError(null);
                }}
                error={fieldError}
                data-autofocus
              />
              <Group>
                {desktop && (
                  <Button variant="default" leftSection={<IconFolderOpen size={16} aria-hidden="true" />} onClick={choose}>
                    Escolher pasta…
                  </Button>
                )}
                <Button type="submit" loading={busy}>
                  Continuar
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack gap="sm" role="group" aria-label="Confirmar a mudança">
            <Text size="sm">
              Os dados vão para <strong style={{ overflowWrap: 'anywhere' }}>{checked}</strong>.
            </Text>
            <Text size="sm">
              O Boletos fecha e abre de novo para mover os dados. No mesmo disco a pasta só muda de lugar; em outro disco os
              arquivos são copiados e conferidos antes de a pasta antiga ser esvaziada. Na pasta antiga fica um aviso de onde
              os dados estão, para o programa encontrá-los ao abrir. Se algo falhar, nada se perde: os dados continuam na
              pasta atual e o motivo aparece aqui.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setChecked(null)} disabled={busy}>
                Voltar
              </Button>
              <Button loading={busy} onClick={() => move(checked)}>
                Mover e reiniciar
              </Button>
            </Group>
          </Stack>
        )}
        {error && (
          <Alert color="red" title="A pasta não foi movida" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">{error.message}</Text>
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
