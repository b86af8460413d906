import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  DataList,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useCallback, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { NoAccountNotice } from '../features/accounts/NoAccountNotice';
import { useAccounts } from '../features/accounts/useAccountChoice';
import { useLoad } from '../features/accounts/useLoad';
import { formatDateTime } from '../features/boletos/format';
import { MailSettingsForm } from '../features/mail';
import { NotificationSettingsSection } from '../features/notifications';
import {
  DataFolderSettings,
  formatSize,
  LastOperationNotice,
  LogSettings,
  PollIntervalSettings,
  RestartOverlay,
  RestoreModal,
} from '../features/settings';
import { useSystemInfo, type SystemInfoState } from '../hooks/useSystemInfo';
import {
  asBackendError,
  backupNow,
  getSettings,
  listBackups,
  type AccountView,
  type BackendError,
  type BackupView,
  type SettingsView,
} from '../lib/backend';
import { RetryAlert } from '../components/RetryAlert';

/**
 * #/configuracoes — e-mail of each account, notifications, how often payments are checked,
 * backups of the data (and restoring one), the log, the data folder, and about the program.
 */
export function SettingsPage() {
  const info = useSystemInfo();
  const settings = useLoad(getSettings, 'settings', 'Não foi possível ler as configurações do programa.');
  const [restart, setRestart] = useState<{ since: string; reason: string } | null>(null);
  const ready = settings.state.status === 'ready' ? settings.state.data : null;
  const restarting = (reason: string) => setRestart({ since: ready?.sessionStarted ?? '', reason });

  return (
    <Page title="Configurações">
      {ready?.lastOperation && <LastOperationNotice operation={ready.lastOperation} />}
      <MailSection />
      <NotificationSettingsSection />
      <Section title="Verificação de pagamentos">
        <WithSettings load={settings}>
          {(s) => <PollIntervalSettings settings={s} onSaved={settings.replace} />}
        </WithSettings>
      </Section>
      <BackupSection info={info} desktop={ready?.desktop ?? false} onRestarting={() => restarting('Restaurando o backup')} />
      <Section title="Registro (logs)">
        <WithSettings load={settings}>{(s) => <LogSettings settings={s} onSaved={settings.replace} />}</WithSettings>
      </Section>
      <Section title="Pasta dos dados">
        <WithSettings load={settings}>
          {(s) => <DataFolderSettings settings={s} onRestarting={() => restarting('Movendo a pasta dos dados')} />}
        </WithSettings>
      </Section>
      <AboutSection info={info} />
      {restart && <RestartOverlay since={restart.since} reason={restart.reason} />}
    </Page>
  );
}

type SettingsLoad = ReturnType<typeof useLoad<SettingsView>>;

/** The program settings once loaded; a loader, or the error with "Tentar de novo", before. */
function WithSettings({ load, children }: { load: SettingsLoad; children: (s: SettingsView) => ReactNode }) {
  const { state, reload } = load;
  if (state.status === 'loading') return <Loader size="sm" aria-label="Carregando as configurações" />;
  if (state.status === 'error') {
    return (
      <RetryAlert title="Não foi possível ler as configurações" message={state.error.message} onRetry={reload} maw={820} />
    );
  }
  return <>{children(state.data)}</>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------
// E-mail

function MailSection() {
  const { state, reload } = useAccounts('Não foi possível ler as contas bancárias.');
  return (
    <Section title="E-mail">
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        Cada conta bancária envia os seus boletos por e-mail com o servidor de e-mail (SMTP) configurado aqui. O PDF do
        boleto vai anexado à mensagem.
      </Text>
      {state.status === 'loading' && <Loader aria-label="Carregando as contas" />}
      {state.status === 'error' && (
        <RetryAlert title="Não foi possível ler as contas" message={state.error.message} onRetry={reload} maw={820} />
      )}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <NoAccountNotice compact description="o e-mail é configurado para cada conta." />
        ) : (
          <AccountMail accounts={state.data} />
        ))}
    </Section>
  );
}

function AccountMail({ accounts }: { accounts: AccountView[] }) {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('conta'));
  const account = accounts.find((a) => a.id === asked) ?? accounts[0];

  return (
    <Stack gap="md">
      <NativeSelect
        label="Conta"
        description="O e-mail de qual conta bancária configurar."
        data={accounts.map((a) => ({ value: String(a.id), label: a.name }))}
        value={String(account.id)}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('conta', event.currentTarget.value);
          setParams(next, { replace: true });
        }}
        maw={420}
      />
      <MailSettingsForm key={account.id} accountId={account.id} accountName={account.name} />
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Backups

const KIND_LABELS: Record<string, string> = {
  backup: 'Cópia diária ou manual',
  safety: 'Dados de antes de uma restauração',
};

interface BackupSectionProps {
  info: SystemInfoState;
  /** The window: the system's file dialog picks a backup from elsewhere. */
  desktop: boolean;
  onRestarting: () => void;
}

function BackupSection({ info, desktop, onRestarting }: BackupSectionProps) {
  const { state, reload, replace } = useLoad(listBackups, 'backups', 'Não foi possível ler a lista de cópias de segurança.');
  const [taking, setTaking] = useState(false);
  /** The backup being restored: a path, null for "another file", undefined when none. */
  const [restoring, setRestoring] = useState<string | null | undefined>(undefined);
  const [takeError, setTakeError] = useState<BackendError | null>(null);

  const take = useCallback(() => {
    setTaking(true);
    setTakeError(null);
    backupNow()
      .then(async (made) => {
        notifications.show({
          color: 'green',
          title: 'Backup feito',
          message: `Cópia ${made.name} (${formatSize(made.size)}) conferida e guardada.`,
        });
        replace(await listBackups());
      })
      .catch((err: unknown) => {
        setTakeError(asBackendError(err, 'Não foi possível fazer o backup. Tente de novo.'));
        reload();
      })
      .finally(() => setTaking(false));
  }, [reload, replace]);

  const dataDir = info.status === 'ready' ? info.info.dataDir : '';
  const newest = state.status === 'ready' ? state.data.backups.find((b) => b.kind === 'backup') : undefined;

  return (
    <Section title="Cópias de segurança">
      <Stack gap="md" maw={900}>
        <Text size="sm">
          Enquanto o programa está aberto, ele faz uma cópia dos dados por dia e guarda as dos últimos 7 dias e das últimas 4
          semanas. Cada cópia é conferida antes de ser guardada.
        </Text>
        {state.status === 'loading' && <Loader aria-label="Carregando as cópias de segurança" />}
        {state.status === 'error' && (
          <RetryAlert title="Não foi possível ler as cópias" message={state.error.message} onRetry={reload} />
        )}
        {state.status === 'ready' && (
          <>
            <Text size="sm">
              Pasta das cópias: <Code>{state.data.dir}</Code>
            </Text>
            {state.data.backups.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nenhuma cópia ainda.
              </Text>
            ) : (
              <BackupTable backups={state.data.backups} onRestore={(b) => setRestoring(b.path)} />
            )}
          </>
        )}
        {takeError && (
          <Alert color="red" title="O backup não foi feito" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">{takeError.message}</Text>
          </Alert>
        )}
        <Group>
          <Button onClick={take} loading={taking} leftSection={<IconDatabaseExport size={16} aria-hidden="true" />}>
            Fazer backup agora
          </Button>
          <Button variant="default" onClick={() => setRestoring(null)} leftSection={<IconRestore size={16} aria-hidden="true" />}>
            Restaurar de outro arquivo…
          </Button>
        </Group>
        <RestoreHelp dataDir={dataDir} example={newest?.path ?? ''} />
      </Stack>
      <RestoreModal
        opened={restoring !== undefined}
        path={restoring ?? null}
        desktop={desktop}
        onClose={() => setRestoring(undefined)}
        onRestarting={() => {
          setRestoring(undefined);
          onRestarting();
        }}
      />
    </Section>
  );
}

function BackupTable({ backups, onRestore }: { backups: BackupView[]; onRestore: (b: BackupView) => void }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Cópias de segurança" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Feita em</Table.Th>
            <Table.Th>Tipo</Table.Th>
            <Table.Th ta="right">Tamanho</Table.Th>
            <Table.Th>Arquivo</Table.Th>
            <Table.Th>
              <VisuallyHidden>Ações</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((b) => (
            <Table.Tr key={b.path}>
              <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(b.takenAt)}</Table.Td>
              <Table.Td>
                {b.kind === 'safety' ? (
                  <Badge color="orange" variant="light" styles={{ label: { textTransform: 'none' } }}>
                    {KIND_LABELS.safety}
                  </Badge>
                ) : (
                  (KIND_LABELS[b.kind] ?? b.kind)
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {formatSize(b.size)}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{b.name}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" onClick={() => onRestore(b)} aria-label={`Restaurar a cópia ${b.name}`}>
                  Restaurar…
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RestoreHelp({ dataDir, example }: { dataDir: string; example: string }) {
  return (
    <Stack gap="xs" component="section" aria-label="Como restaurar uma cópia">
      <Title order={3} size="h5">
        Como restaurar uma cópia
      </Title>
      <Text size="sm">
        Clique em “Restaurar…” na cópia escolhida: o programa mostra o que ela contém, pede confirmação, guarda os dados
        atuais como “dados de antes de uma restauração” e reinicia para restaurar. Uma cópia trazida de outro computador
        entra por “Restaurar de outro arquivo…”.
      </Text>
      <Text size="sm">
        Também é possível restaurar com o programa fechado, pelo terminal (no Windows, o Prompt de Comando ou o
        PowerShell):
      </Text>
      <List type="ordered" size="sm" spacing={6}>
        <List.Item>Feche o programa: a janela e, se estiver aberto, o modo navegador (boletos serve).</List.Item>
        <List.Item>
          Rode o comando <Code>boletos restore &lt;arquivo&gt;</Code>, com o caminho completo da cópia escolhida na pasta
          das cópias acima.
          {example && dataDir && (
            <>
              {' '}
              Neste computador, para a cópia mais recente:
              <Code block mt={4} data-restore-command style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {`boletos restore --data-dir "${dataDir}" "${example}"`}
              </Code>
            </>
          )}
        </List.Item>
        <List.Item>
          O comando mostra o que a cópia contém e pede confirmação (digite <Code>s</Code>). Antes de trocar os dados, ele
          guarda os dados atuais na mesma pasta, como “dados de antes de uma restauração”.
        </List.Item>
        <List.Item>Abra o programa de novo.</List.Item>
      </List>
      <Text size="sm">
        Em outro computador, instale o programa, copie o arquivo da cópia para ele e rode o mesmo comando. O certificado e o
        client secret das contas bancárias, e a senha do e-mail, ficam no cofre de senhas do sistema e não vão na cópia:
        cadastre-os de novo em <Anchor component={Link} to="/contas">Contas bancárias</Anchor> e aqui, em E-mail.
      </Text>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// About

function AboutSection({ info }: { info: SystemInfoState }) {
  return (
    <Section title="Sobre">
      {info.status === 'loading' && <Loader size="sm" aria-label="Carregando a versão" />}
      {info.status === 'error' && (
        <Text size="sm" c="red.8">
          {info.error.message}
        </Text>
      )}
      {info.status === 'ready' && (
        <DataList>
          <DataList.Item>
            <DataList.ItemLabel>Programa</DataList.ItemLabel>
            <DataList.ItemValue>Boletos — Banco Inter</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Versão</DataList.ItemLabel>
            <DataList.ItemValue>{info.info.version}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Pasta de dados</DataList.ItemLabel>
            <DataList.ItemValue>
              <Code>{info.info.dataDir}</Code>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      )}
    </Section>
  );
}
