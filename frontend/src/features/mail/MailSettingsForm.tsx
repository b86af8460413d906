import {
  Alert,
  Anchor,
  Button,
  Code,
  Fieldset,
  Grid,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  PasswordInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconDeviceFloppy,
  IconInfoCircle,
  IconLock,
  IconPlugConnected,
} from '@tabler/icons-react';
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  asBackendError,
  getMailSettings,
  saveMailSettings,
  testMailSettings,
  type BackendError,
  type FieldProblem,
  type MailSettingsDTO,
} from '../../lib/backend';
import { useLoad } from '../accounts/useLoad';
import {
  isMailSecurity,
  PLACEHOLDERS,
  portAfterSecurityChange,
  SECURITY_OPTIONS,
  securityOption,
  type MailSecurity,
} from './labels';
import { RetryAlert } from '../../components/RetryAlert';

/** The inputs of the form, by the backend's field paths (internal/mail Field* constants). */
interface Values {
  host: string;
  port: number | string;
  security: MailSecurity;
  username: string;
  password: string;
  fromName: string;
  fromAddress: string;
  replyTo: string;
  subject: string;
  body: string;
}
type Field = keyof Values;
const FIELDS: Field[] = [
  'host',
  'port',
  'security',
  'username',
  'password',
  'fromName',
  'fromAddress',
  'replyTo',
  'subject',
  'body',
];

function valuesOf(s: MailSettingsDTO): Values {
  return {
    host: s.host,
    port: s.port > 0 ? s.port : '',
    security: isMailSecurity(s.security) ? s.security : 'starttls',
    username: s.username,
    password: '',
    fromName: s.fromName,
    fromAddress: s.fromAddress,
    replyTo: s.replyTo,
    subject: s.subject,
    body: s.body,
  };
}

/** The form as the backend takes it; an empty password keeps the stored one. */
export function toMailSettings(v: Values): MailSettingsDTO {
  const port = typeof v.port === 'number' ? v.port : Number(v.port.trim() || 0);
  return {
    host: v.host.trim(),
    port: Number.isInteger(port) ? port : 0,
    security: v.security,
    username: v.username.trim(),
    password: v.password,
    fromName: v.fromName,
    fromAddress: v.fromAddress.trim(),
    replyTo: v.replyTo.trim(),
    subject: v.subject,
    body: v.body,
    configured: false,
    hasPassword: false,
    warnings: [],
    defaultSubject: '',
    defaultBody: '',
  };
}

interface MailSettingsFormProps {
  accountId: number;
  /** The account's name, for the messages. */
  accountName: string;
  onSaved?: (settings: MailSettingsDTO) => void;
}

/**
 * "E-mail" of one account: the SMTP server, the sender and the message templates. The password
 * goes to the system keychain and never comes back; left blank, the stored one stays.
 */
export function MailSettingsForm({ accountId, accountName, onSaved }: MailSettingsFormProps) {
  const load = useCallback(() => getMailSettings(accountId), [accountId]);
  const { state, reload, replace } = useLoad(load, accountId, 'Não foi possível ler as configurações de e-mail.');

  if (state.status === 'loading') return <Loader aria-label="Carregando as configurações de e-mail" />;
  if (state.status === 'error') {
    return (
      <RetryAlert title="Não foi possível ler as configurações de e-mail" message={state.error.message} onRetry={reload} />
    );
  }
  return (
    <MailSettingsFields
      key={accountId}
      accountId={accountId}
      accountName={accountName}
      settings={state.data}
      onSaved={(saved) => {
        replace(saved);
        onSaved?.(saved);
      }}
    />
  );
}

type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; message: string }
  | { status: 'failed'; error: BackendError };

interface FieldsProps {
  accountId: number;
  accountName: string;
  settings: MailSettingsDTO;
  onSaved: (settings: MailSettingsDTO) => void;
}

function MailSettingsFields({ accountId, accountName, settings, onSaved }: FieldsProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  // What the backend said about the fields: the settings' warnings, then the last refusal.
  const [problems, setProblems] = useState<FieldProblem[]>(() =>
    (settings.warnings ?? []).map((w) => ({ ...w, warning: true })),
  );
  const [saveError, setSaveError] = useState<BackendError | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const latestTest = useRef(0);

  const set = <K extends Field>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // A problem goes away once its field is changed; the port's depend on the security too.
    setProblems((list) => list.filter((p) => p.field !== key && !(key === 'security' && p.field === 'port')));
  };

  const changeSecurity = (next: MailSecurity) => {
    setValues((v) => ({ ...v, security: next, port: portAfterSecurityChange(v.port, v.security, next) }));
    setProblems((list) => list.filter((p) => p.field !== 'security' && p.field !== 'port'));
  };

  const errorFor = (field: Field): string | undefined => {
    const list = problems.filter((p) => p.field === field && !p.warning).map((p) => p.message);
    return list.length > 0 ? [...new Set(list)].join(' ') : undefined;
  };

  /** The field's hint, and its warnings in yellow (they do not block saving). */
  const describe = (field: Field, hint?: ReactNode): ReactNode => {
    const warnings = problems.filter((p) => p.field === field && p.warning);
    if (warnings.length === 0) return hint;
    return (
      <>
        {hint}
        {warnings.map((w) => (
          <Text key={w.message} component="span" size="xs" c="yellow.9" fw={500} display="block" data-warning={field}>
            <IconAlertTriangle size={12} aria-hidden="true" style={{ verticalAlign: '-1px', marginRight: 4 }} />
            Atenção: {w.message}
          </Text>
        ))}
      </>
    );
  };

  const text = (field: Exclude<Field, 'port' | 'security'>) => ({
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => set(field, event.currentTarget.value),
    error: errorFor(field),
  });

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    saveMailSettings(accountId, toMailSettings(values)).then(
      (saved) => {
        setSaving(false);
        // The password field empties: the one typed is now in the keychain (hasPassword).
        setValues(valuesOf(saved));
        setProblems((saved.warnings ?? []).map((w) => ({ ...w, warning: true })));
        notifications.show({
          color: 'green',
          title: 'E-mail configurado',
          message: `As configurações de e-mail da conta ${accountName} foram salvas.`,
        });
        onSaved(saved);
      },
      (err: unknown) => {
        setSaving(false);
        const error = asBackendError(err, 'Não foi possível salvar as configurações de e-mail. Tente de novo.');
        setSaveError(error);
        setProblems(error.fields);
      },
    );
  };

  const runTest = () => {
    const request = ++latestTest.current;
    setTest({ status: 'running' });
    testMailSettings(accountId, toMailSettings(values)).then(
      (message) => {
        if (request === latestTest.current) setTest({ status: 'ok', message });
      },
      (err: unknown) => {
        if (request !== latestTest.current) return;
        const error = asBackendError(err, 'Não foi possível testar a conexão. Tente de novo.');
        setTest({ status: 'failed', error });
        if (error.fields.length > 0) setProblems(error.fields);
      },
    );
  };

  const security = securityOption(values.security);
  const unplaced = (saveError?.fields ?? []).filter((f) => !FIELDS.includes(f.field as Field) && !f.warning);
  const noUser = values.username.trim() === '';

  return (
    <form onSubmit={save} noValidate aria-label={`E-mail da conta ${accountName}`}>
      <Stack gap="lg" maw={820}>
        {!settings.configured && (
          <Alert role="status" color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
            <Text size="sm">
              O envio de e-mail desta conta ainda não foi configurado: os valores abaixo são sugestões. Confira com o seu
              provedor de e-mail (no Gmail e no Outlook, crie uma “senha de app”) e salve.
            </Text>
          </Alert>
        )}

        <Fieldset legend="Servidor de envio (SMTP)">
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Servidor SMTP"
                placeholder="smtp.gmail.com"
                description={describe('host', 'Só o nome do servidor, sem “smtp://” e sem a porta.')}
                autoComplete="off"
                required
                {...text('host')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label="Segurança da conexão"
                data={SECURITY_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
                value={values.security}
                onChange={(event) => {
                  const next = event.currentTarget.value;
                  if (isMailSecurity(next)) changeSecurity(next);
                }}
                description={describe('security')}
                error={errorFor('security')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NumberInput
                label="Porta"
                value={values.port}
                onChange={(value) => set('port', value)}
                min={1}
                max={65535}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                description={describe('port', security.portHint)}
                error={errorFor('port')}
                required
              />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend="Login no servidor">
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Usuário"
                placeholder="financeiro@suaempresa.com.br"
                description={describe('username', 'Normalmente o próprio e-mail. Em branco se o servidor não pede login.')}
                autoComplete="off"
                {...text('username')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <PasswordInput
                label="Senha"
                value={values.password}
                onChange={(event) => set('password', event.currentTarget.value)}
                error={errorFor('password')}
                disabled={noUser}
                autoComplete="new-password"
                placeholder={settings.hasPassword && !noUser ? '••••••••' : undefined}
                leftSection={settings.hasPassword && !noUser ? <IconLock size={16} aria-hidden="true" /> : undefined}
                description={describe(
                  'password',
                  noUser
                    ? 'Sem usuário, o servidor não pede senha.'
                    : settings.hasPassword
                      ? 'Senha guardada no cofre do sistema. Deixe em branco para mantê-la, ou digite outra para trocar.'
                      : 'No Gmail e no Outlook, use uma senha de app. Ela fica no cofre de senhas do sistema, não no banco de dados.',
                )}
              />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend="Remetente">
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Nome do remetente"
                placeholder="Padaria Pão Quente"
                description={describe('fromName', 'Como o pagador vê quem enviou.')}
                {...text('fromName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="E-mail do remetente"
                placeholder="financeiro@suaempresa.com.br"
                description={describe('fromAddress', 'O endereço que aparece como “De”.')}
                type="email"
                required
                {...text('fromAddress')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Responder para (opcional)"
                placeholder="Em branco: as respostas vão para o remetente"
                description={describe('replyTo', 'Para onde vão as respostas do pagador, se for outro endereço.')}
                type="email"
                {...text('replyTo')}
              />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend="Mensagem">
          <Stack gap="md">
            <TextInput
              label="Assunto"
              placeholder={settings.defaultSubject}
              description={describe('subject', 'Em branco: usa o assunto padrão, mostrado em cinza.')}
              {...text('subject')}
            />
            {values.subject === '' && settings.defaultSubject !== '' && (
              <StartFromDefault onClick={() => set('subject', settings.defaultSubject)} what="assunto" />
            )}
            <Textarea
              label="Texto do e-mail"
              placeholder={settings.defaultBody}
              description={describe('body', 'Em branco: usa o texto padrão, mostrado em cinza. O PDF do boleto vai anexado.')}
              autosize
              minRows={8}
              maxRows={24}
              {...text('body')}
            />
            {values.body === '' && settings.defaultBody !== '' && (
              <StartFromDefault onClick={() => set('body', settings.defaultBody)} what="texto" />
            )}
            <PlaceholderTable />
          </Stack>
        </Fieldset>

        {saveError && (
          <Alert color="red" title="As configurações de e-mail não foram salvas" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">
              {saveError.fields.some((f) => !f.warning) ? 'Corrija os campos marcados em vermelho e salve de novo.' : saveError.message}
            </Text>
            {unplaced.map((p) => (
              <Text size="sm" key={`${p.field}:${p.message}`}>
                {p.message}
              </Text>
            ))}
          </Alert>
        )}

        <TestOutcome state={test} />

        <Group>
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}>
            Salvar
          </Button>
          <Button
            variant="default"
            onClick={runTest}
            loading={test.status === 'running'}
            leftSection={<IconPlugConnected size={16} aria-hidden="true" />}
          >
            Testar conexão
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          “Testar conexão” usa o que está digitado (salvo ou não): conecta ao servidor, faz o login e sai, sem enviar
          nenhuma mensagem.
        </Text>
      </Stack>
    </form>
  );
}

function StartFromDefault({ onClick, what }: { onClick: () => void; what: string }) {
  return (
    <Anchor component="button" type="button" size="xs" onClick={onClick} style={{ alignSelf: 'flex-start' }}>
      Editar a partir do {what} padrão
    </Anchor>
  );
}

function PlaceholderTable() {
  return (
    <div>
      <Text size="sm" fw={600} id="mail-placeholders">
        Campos que você pode usar no assunto e no texto
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        Cada campo é trocado pelo dado do boleto na hora do envio.
      </Text>
      <Table aria-labelledby="mail-placeholders" withTableBorder={false} verticalSpacing={2} fz="sm" maw={560}>
        <Table.Tbody>
          {PLACEHOLDERS.map((p) => (
            <Table.Tr key={p.name}>
              <Table.Td w={200}>
                <Code>{`{{${p.name}}}`}</Code>
              </Table.Td>
              <Table.Td>{p.meaning}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function TestOutcome({ state }: { state: TestState }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text size="sm">Conectando ao servidor de e-mail…</Text>
        </Group>
      );
    case 'ok':
      return (
        <Alert
          role="status"
          color="green"
          title="Conexão funcionando"
          icon={<IconCircleCheck aria-hidden="true" />}
          data-outcome="ok"
        >
          <Text size="sm">{state.message}</Text>
        </Alert>
      );
    case 'failed':
      return (
        <Alert color="red" title="A conexão falhou" icon={<IconCircleX aria-hidden="true" />} data-outcome="failed">
          <Text size="sm">{state.error.message}</Text>
        </Alert>
      );
  }
}
