import { Alert, Button, Code, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { asBackendError, openLogFolder, setLogLevel, type LogLevel, type SettingsView } from '../../lib/backend';
import { CopyField } from '../boletos/CopyField';
import { LOG_LEVELS, logLevelLabel } from './format';

interface Props {
  settings: SettingsView;
  onSaved: (settings: SettingsView) => void;
}

/** "Detalhe do registro" and where the log is: opened in the file manager, or copied in the browser. */
export function LogSettings({ settings, onSaved }: Props) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const current = LOG_LEVELS.find((l) => l.value === settings.logLevel) ?? LOG_LEVELS[0];

  const choose = (value: LogLevel) => {
    setSaving(true);
    setError(null);
    setLogLevel(value)
      .then((saved) => {
        onSaved(saved);
        notifications.show({
          color: 'green',
          title: 'Configuração salva',
          message: `Detalhe do registro: ${logLevelLabel(saved.logLevel)}.`,
        });
      })
      .catch((err: unknown) => {
        const e = asBackendError(err, 'Não foi possível salvar o detalhe do registro. Tente de novo.');
        setError(e.fieldMessages('logLevel')[0] ?? e.message);
      })
      .finally(() => setSaving(false));
  };

  const open = () => {
    setOpenError(null);
    openLogFolder().catch((err: unknown) =>
      setOpenError(asBackendError(err, 'Não foi possível abrir a pasta. Ela fica em ' + settings.logDir + '.').message),
    );
  };

  return (
    <Stack gap="sm" maw={820}>
      <NativeSelect
        label="Detalhe do registro"
        description={current.description}
        data={LOG_LEVELS.map((l) => ({ value: l.value, label: l.label }))}
        value={current.value}
        onChange={(event) => choose(event.currentTarget.value as LogLevel)}
        disabled={saving}
        error={error}
        maw={420}
      />
      {settings.logLevelFlag && (
        <Alert color="blue" variant="light" title="Definido na linha de comando">
          <Text size="sm">
            Nesta execução o programa foi aberto com <Code>--log-level {settings.logLevelFlag}</Code> (
            {logLevelLabel(settings.logLevelFlag)}), que vale até ele fechar. A escolha acima passa a valer quando ele
            abrir sem essa opção.
          </Text>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        O registro fica no arquivo boletos.log, na pasta dos dados. Quando passa de 5 MB, ao abrir o programa ele é guardado
        como boletos.log.1 (e os anteriores como .2 e .3) e um novo começa. Senhas e chaves nunca vão para o registro.
      </Text>
      {settings.desktop ? (
        <Group>
          <Button variant="default" leftSection={<IconFolderOpen size={16} aria-hidden="true" />} onClick={open}>
            Abrir pasta de logs
          </Button>
        </Group>
      ) : (
        <CopyField
          label="Arquivo de registro"
          display={settings.logFile}
          value={settings.logFile}
          copyLabel="Copiar o caminho do arquivo de registro"
          breakAll
        />
      )}
      {openError && (
        <Text size="sm" c="red.8" role="alert">
          {openError}
        </Text>
      )}
    </Stack>
  );
}
