import {
  Alert,
  Button,
  Fieldset,
  Grid,
  Group,
  List,
  Loader,
  NativeSelect,
  PasswordInput,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  asBackendError,
  BackendError,
  createAccount,
  inspectCredentials,
  updateAccount,
  type AccountInput,
  type AccountView,
  type CertificateView,
  type CredentialsInput,
} from '../../lib/backend';
import { maskAccountNumber, maskCEP, maskDocument, normalizeDocument, onlyDigits } from '../../lib/masks';
import { EMPTY_PARTY } from '../../lib/party';
import { without } from '../../lib/records';
import { UF_OPTIONS } from '../../lib/ufs';
import { CertificateCard } from './CertificateCard';
import { FilePicker } from './FilePicker';
import { fileSizeProblem, readFileBase64, readFileText, readProblem, type PickedFile } from './files';
import { BANK_OPTION_LABEL, ENVIRONMENT_LABELS, ENVIRONMENT_OPTIONS, type Environment } from './labels';

/** Text fields, named by the path the backend uses for their errors. */
type TextPath =
  | 'name'
  | 'agency'
  | 'accountNumber'
  | 'contaCorrente'
  | 'simulatorUrl'
  | 'clientId'
  | 'clientSecret'
  | 'credentials.pfxPassword'
  | 'beneficiary.name'
  | 'beneficiary.document'
  | 'beneficiary.cep'
  | 'beneficiary.address'
  | 'beneficiary.number'
  | 'beneficiary.complement'
  | 'beneficiary.district'
  | 'beneficiary.city'
  | 'beneficiary.uf'
  | 'operationNumber';

type CredentialKind = 'zip' | 'pem' | 'pfx';
type FileSlot = 'zip' | 'cert' | 'key' | 'pfx';
type Files = Partial<Record<FileSlot, PickedFile>>;

const FILE_PATHS: Record<FileSlot, string> = {
  zip: 'credentials.zip',
  cert: 'credentials.cert',
  key: 'credentials.key',
  pfx: 'credentials.pfx',
};
const CA_PATH = 'simulatorCaPem';
const LOGO_PATH = 'beneficiary.logo';
const MAX_LOGO_BYTES = 512 * 1024;

type InspectState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'ready'; certificate: CertificateView }
  | { status: 'error'; error: BackendError };

function initialText(account?: AccountView): Record<TextPath, string> {
  const b = account?.beneficiary ?? EMPTY_PARTY;
  return {
    name: account?.name ?? '',
    agency: account?.agency ?? '0001',
    accountNumber: account?.accountNumber ?? '',
    contaCorrente: account?.contaCorrente ?? '',
    simulatorUrl: account?.simulatorUrl ?? '',
    clientId: account?.clientId ?? '',
    clientSecret: '',
    'credentials.pfxPassword': '',
    'beneficiary.name': b.name,
    'beneficiary.document': maskDocument(b.document),
    'beneficiary.cep': maskCEP(b.cep),
    'beneficiary.address': b.address,
    'beneficiary.number': b.number,
    'beneficiary.complement': b.complement,
    'beneficiary.district': b.district,
    'beneficiary.city': b.city,
    'beneficiary.uf': b.uf,
    'operationNumber': account?.operationNumber ?? '',
  };
}

/** The credentials to send for the chosen files, or null while a file is still missing. */
function credentialsFrom(k: CredentialKind, f: Files, pfxPassword: string): CredentialsInput | null {
  const empty: CredentialsInput = {
    kind: k,
    zipBase64: '',
    zipName: '',
    certBase64: '',
    keyBase64: '',
    pfxBase64: '',
    pfxPassword: '',
  };
  switch (k) {
    case 'zip':
      return f.zip ? { ...empty, zipBase64: f.zip.base64, zipName: f.zip.name } : null;
    case 'pem':
      return f.cert && f.key ? { ...empty, certBase64: f.cert.base64, keyBase64: f.key.base64 } : null;
    case 'pfx':
      return f.pfx ? { ...empty, pfxBase64: f.pfx.base64, pfxPassword } : null;
  }
}

interface AccountFormProps {
  /** The account being edited; absent when creating one. */
  account?: AccountView;
  onSaved: (account: AccountView) => void;
  onCancel?: () => void;
}

/**
 * The account form (new and edit). What the user typed survives every refusal; the backend's
 * per-field messages appear beside their fields and its general message above the buttons.
 */
export function AccountForm({ account, onSaved, onCancel }: AccountFormProps) {
  const editing = account !== undefined;
  const [text, setText] = useState(() => initialText(account));
  const [environment, setEnvironment] = useState<Environment>(
    (account?.environment as Environment | undefined) ?? 'production',
  );
  const [directIntegration, setDirectIntegration] = useState(account?.directIntegration ?? true);
  const [kind, setKind] = useState<CredentialKind>('zip');
  const [replacing, setReplacing] = useState(!editing || !account.certificate);
  const [files, setFiles] = useState<Files>({});
  const [ca, setCa] = useState<{ name: string; size: number; text: string } | null>(null);
  // The printed logo: a newly chosen file, or the removal of the current one.
  const [logo, setLogo] = useState<PickedFile | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [saveError, setSaveError] = useState<BackendError | null>(null);
  const [saving, setSaving] = useState(false);
  const [inspect, setInspect] = useState<InspectState>({ status: 'idle' });
  // The .pfx password as of the last time the field lost focus: inspecting on every keystroke
  // would flood the backend with wrong passwords.
  const [pfxPassword, setPfxPassword] = useState('');
  const latestInspect = useRef(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const kindLabelId = useId();

  const isDemo = environment === 'demo';

  // ---- errors ------------------------------------------------------------------------------

  /** Every message for one field: a local refusal, the last save, the last inspection. */
  const errorFor = (path: string): string | undefined => {
    const messages = [
      ...(localErrors[path] ? [localErrors[path]] : []),
      ...(fieldErrors[path] ?? []),
      ...(inspect.status === 'error' ? inspect.error.fieldMessages(path) : []),
    ];
    return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
  };

  const clearError = (path: string) => {
    setFieldErrors((current) => without(current, path));
    setLocalErrors((current) => without(current, path));
  };

  const setLocalError = (path: string, message: string) =>
    setLocalErrors((current) => ({ ...current, [path]: message }));

  const setField = (path: TextPath, value: string) => {
    setText((current) => ({ ...current, [path]: value }));
    clearError(path);
  };

  /** Props of a text input bound to `path`, with an optional mask applied while typing. */
  const bind = (path: TextPath, mask?: (value: string) => string) => ({
    value: text[path],
    onChange: (event: { currentTarget: { value: string } }) => {
      const raw = event.currentTarget.value;
      setField(path, mask ? mask(raw) : raw);
    },
    error: errorFor(path),
  });

  // ---- credentials -------------------------------------------------------------------------

  const pickFile = (slot: FileSlot, file: File | null) => {
    const path = FILE_PATHS[slot];
    clearError(path);
    const drop = () =>
      setFiles((current) => {
        const next = { ...current };
        delete next[slot];
        return next;
      });
    if (!file) {
      drop();
      return;
    }
    const tooLarge = fileSizeProblem(file);
    if (tooLarge) {
      drop();
      setLocalError(path, tooLarge);
      return;
    }
    readFileBase64(file).then(
      (base64) => setFiles((current) => ({ ...current, [slot]: { name: file.name, size: file.size, base64 } })),
      (err: unknown) => {
        drop();
        setLocalError(path, readProblem(err, file));
      },
    );
  };

  // As soon as a complete set of files is chosen (and again when it changes), ask the backend
  // what the certificate says: the user sees its validity before saving anything.
  const chosenCredentials = useMemo(
    () => (replacing && directIntegration ? credentialsFrom(kind, files, pfxPassword) : null),
    [replacing, directIntegration, kind, files, pfxPassword],
  );
  useEffect(() => {
    const request = ++latestInspect.current;
    if (!chosenCredentials) {
      setInspect({ status: 'idle' });
      return;
    }
    setInspect({ status: 'checking' });
    inspectCredentials(chosenCredentials).then(
      (certificate) => {
        if (request === latestInspect.current) setInspect({ status: 'ready', certificate });
      },
      (err: unknown) => {
        if (request !== latestInspect.current) return;
        setInspect({
          status: 'error',
          error: asBackendError(err, 'Não foi possível ler o certificado. Confira os arquivos e tente de novo.'),
        });
      },
    );
    return () => {
      latestInspect.current++;
    };
  }, [chosenCredentials]);

  const pickCa = (file: File | null) => {
    clearError(CA_PATH);
    if (!file) {
      setCa(null);
      return;
    }
    const tooLarge = fileSizeProblem(file);
    if (tooLarge) {
      setCa(null);
      setLocalError(CA_PATH, tooLarge);
      return;
    }
    readFileText(file).then(
      (pem) => setCa({ name: file.name, size: file.size, text: pem }),
      (err: unknown) => setLocalError(CA_PATH, readProblem(err, file)),
    );
  };

  const pickLogo = (file: File | null) => {
    clearError(LOGO_PATH);
    setLogo(null);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setLocalError(LOGO_PATH, `O logotipo “${file.name}” é grande demais; o limite é 512 KB. Reduza a imagem.`);
      return;
    }
    readFileBase64(file).then(
      (base64) => {
        setLogo({ name: file.name, size: file.size, base64 });
        setRemoveLogo(false);
      },
      (err: unknown) => setLocalError(LOGO_PATH, readProblem(err, file)),
    );
  };

  /** Props of the file picker for `slot`. */
  const bindFile = (slot: FileSlot) => ({
    chosen: files[slot],
    error: errorFor(FILE_PATHS[slot]),
    withAsterisk: true,
    onPick: (file: File | null) => pickFile(slot, file),
  });

  const keepCurrentCertificate = () => {
    setReplacing(false);
    setFiles({});
    for (const path of Object.values(FILE_PATHS)) clearError(path);
  };

  // ---- save --------------------------------------------------------------------------------

  const buildInput = (): AccountInput => {
    const sendCredentials = directIntegration && replacing;
    const credentials = (sendCredentials && credentialsFrom(kind, files, text['credentials.pfxPassword'])) || {
      kind: sendCredentials ? kind : '',
      zipBase64: '',
      zipName: '',
      certBase64: '',
      keyBase64: '',
      pfxBase64: '',
      pfxPassword: sendCredentials && kind === 'pfx' ? text['credentials.pfxPassword'] : '',
    };
    const simulator = environment === 'simulator';
    return {
      name: text.name.trim(),
      agency: text.agency.trim(),
      accountNumber: text.accountNumber.trim(),
      contaCorrente: text.contaCorrente.trim(),
      environment,
      simulatorUrl: simulator ? text.simulatorUrl.trim() : '',
      simulatorCaPem: simulator ? (ca?.text ?? '') : '',
      directIntegration,
      // With the integration off, an existing client id is kept (the backend would drop it and its
      // secret otherwise); a new account gets none.
      clientId: directIntegration || editing ? text.clientId.trim() : '',
      clientSecret: directIntegration ? text.clientSecret : '',
      credentials,
      beneficiary: {
        ...(account?.beneficiary ?? EMPTY_PARTY),
        name: text['beneficiary.name'].trim(),
        document: normalizeDocument(text['beneficiary.document']),
        cep: onlyDigits(text['beneficiary.cep']),
        address: text['beneficiary.address'].trim(),
        number: text['beneficiary.number'].trim(),
        complement: text['beneficiary.complement'].trim(),
        district: text['beneficiary.district'].trim(),
        city: text['beneficiary.city'].trim(),
        uf: text['beneficiary.uf'],
      },
      operationNumber: text.operationNumber.trim(),
      logoBase64: logo?.base64 ?? '',
      removeLogo: removeLogo && !logo,
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    setFieldErrors({});
    const input = buildInput();
    const request = editing ? updateAccount(account.id, input) : createAccount(input);
    request.then(
      (saved) => {
        setSaving(false);
        setText((current) => ({ ...current, clientSecret: '', 'credentials.pfxPassword': '' }));
        if (editing) {
          setReplacing(!saved.certificate);
          setFiles({});
          setCa(null);
          setPfxPassword('');
        }
        onSaved(saved);
      },
      (err: unknown) => {
        setSaving(false);
        const error = asBackendError(err, 'Não foi possível salvar a conta. Tente de novo.');
        const byField: Record<string, string[]> = {};
        for (const problem of error.fields) {
          (byField[problem.field] ??= []).push(problem.message);
        }
        setFieldErrors(byField);
        setSaveError(error);
        requestAnimationFrame(() => alertRef.current?.scrollIntoView({ block: 'nearest' }));
      },
    );
  };

  // Paths that have an input on screen now: a problem of any other field is listed in the alert.
  const shownPaths = new Set<string>([
    'name',
    'agency',
    'accountNumber',
    'contaCorrente',
    'operationNumber',
    'beneficiary.name',
    'beneficiary.document',
    'beneficiary.cep',
    'beneficiary.address',
    'beneficiary.number',
    'beneficiary.complement',
    'beneficiary.district',
    'beneficiary.city',
    'beneficiary.uf',
    LOGO_PATH,
  ]);
  if (!isDemo) shownPaths.add('environment');
  if (environment === 'simulator') {
    shownPaths.add('simulatorUrl');
    shownPaths.add(CA_PATH);
  }
  if (directIntegration && !isDemo) {
    shownPaths.add('clientId');
    shownPaths.add('clientSecret');
    if (replacing) {
      if (kind === 'zip') shownPaths.add(FILE_PATHS.zip);
      if (kind === 'pem') {
        shownPaths.add(FILE_PATHS.cert);
        shownPaths.add(FILE_PATHS.key);
      }
      if (kind === 'pfx') {
        shownPaths.add(FILE_PATHS.pfx);
        shownPaths.add('credentials.pfxPassword');
      }
    }
  }
  const unplaced = saveError?.fields.filter((f) => !shownPaths.has(f.field)) ?? [];
  // The inspection's message goes in its own alert unless it is already beside a visible field.
  const credentialsSummary =
    inspect.status === 'error' && !inspect.error.fields.some((f) => shownPaths.has(f.field))
      ? inspect.error.message
      : undefined;

  // ---- view --------------------------------------------------------------------------------

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? 'Dados da conta' : 'Nova conta bancária'}>
      <Stack gap="lg">
        <Fieldset legend="Banco e conta">
          <Stack gap="sm">
            <NativeSelect
              label="Banco"
              data={[{ value: '077', label: BANK_OPTION_LABEL }]}
              value="077"
              onChange={() => {}}
              description="Por enquanto, o único banco com integração direta neste programa."
            />
            <TextInput
              label="Nome da conta"
              description="Como a conta aparece nas listas, por exemplo “Inter — Loja Centro”."
              withAsterisk
              maxLength={60}
              {...bind('name')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label="Agência"
                withAsterisk
                inputMode="numeric"
                {...bind('agency', (v) => onlyDigits(v, 4))}
              />
              <TextInput
                label="Conta"
                description="Com o dígito depois do hífen, por exemplo 12345678-9."
                withAsterisk
                inputMode="numeric"
                {...bind('accountNumber', maskAccountNumber)}
              />
            </SimpleGrid>
            <TextInput
              label="Conta corrente da integração (opcional)"
              description="Só é necessária quando a integração criada no Inter abrange mais de uma conta corrente: informe a conta que emitirá os boletos. O programa a envia ao banco no cabeçalho x-conta-corrente."
              inputMode="numeric"
              {...bind('contaCorrente', (v) => onlyDigits(v, 20))}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Ambiente">
          {isDemo ? (
            <Text size="sm">
              {ENVIRONMENT_LABELS.demo}: esta conta usa o banco simulado do próprio programa, com certificado
              e credenciais próprios; o ambiente e a integração não podem ser trocados. Para emitir boletos de
              verdade, cadastre outra conta.
            </Text>
          ) : (
            <Stack gap="sm">
              <Radio.Group
                label="Onde os boletos são registrados"
                value={environment}
                onChange={(value) => {
                  setEnvironment(value as Environment);
                  clearError('environment');
                }}
                error={errorFor('environment')}
              >
                <Stack gap="xs" mt="xs">
                  {ENVIRONMENT_OPTIONS.map((option) => (
                    <Radio key={option.value} value={option.value} label={option.label} description={option.description} />
                  ))}
                </Stack>
              </Radio.Group>
              {environment === 'simulator' && (
                <Stack gap="sm">
                  <Alert role="note" color="yellow" variant="light" icon={<IconInfoCircle aria-hidden="true" />} title="Simulação">
                    Esta conta falará só com o simulador indicado abaixo: os boletos emitidos nela não valem
                    nada e aparecem sempre marcados como simulação.
                  </Alert>
                  <TextInput
                    label="Endereço do simulador"
                    description="O endereço base que o comando “boletos sim” mostrou, por exemplo https://127.0.0.1:8443."
                    placeholder="https://127.0.0.1:8443"
                    withAsterisk
                    {...bind('simulatorUrl')}
                  />
                  <FilePicker
                    label="Certificado da autoridade do simulador (ca.crt)"
                    description={
                      editing
                        ? 'Escolha de novo só se o simulador mudou de certificado; sem arquivo, o atual é mantido.'
                        : 'O arquivo ca.crt gravado pelo simulador: o programa só confia no simulador que ele assina.'
                    }
                    accept=".crt,.pem,.cer"
                    chosen={ca}
                    error={errorFor(CA_PATH)}
                    withAsterisk={!editing}
                    onPick={pickCa}
                  />
                </Stack>
              )}
            </Stack>
          )}
        </Fieldset>

        {isDemo ? null : (
        <Fieldset legend="Integração direta">
          <Stack gap="md">
            <Switch
              label="Integração direta de boletos"
              // The label wraps the description too; keep the accessible name to the label.
              aria-label="Integração direta de boletos"
              description="Cada boleto é registrado no Banco Inter na hora, pela API, sem arquivo de remessa."
              checked={directIntegration}
              onChange={(event) => setDirectIntegration(event.currentTarget.checked)}
            />
            {!directIntegration ? (
              <Alert role="note" color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
                Com a integração desligada, os boletos desta conta podem ser preparados e impressos como
                rascunho, mas nada é enviado ao banco: não há registro, código de barras válido nem Pix, e
                os pagamentos não são acompanhados. Ligue quando tiver as credenciais do Banco Inter.
              </Alert>
            ) : (
              <Stack gap="md">
                {editing && account.certificate && !replacing && (
                  <Stack gap="xs">
                    <CertificateCard certificate={account.certificate} title="Certificado atual" />
                    <Group>
                      <Button variant="default" onClick={() => setReplacing(true)}>
                        Trocar certificado e chave
                      </Button>
                    </Group>
                  </Stack>
                )}
                {replacing && (
                  <Stack gap="sm">
                    <div>
                      <Text id={kindLabelId} size="sm" fw={500} mb={4}>
                        Como o Banco Inter entregou o certificado e a chave
                      </Text>
                      <SegmentedControl
                        aria-labelledby={kindLabelId}
                        value={kind}
                        onChange={(value) => setKind(value as CredentialKind)}
                        data={[
                          { value: 'zip', label: 'Arquivo ZIP do Inter' },
                          { value: 'pem', label: 'Certificado .crt e chave .key' },
                          { value: 'pfx', label: 'Arquivo .pfx com senha' },
                        ]}
                      />
                    </div>
                    {kind === 'zip' && (
                      <FilePicker
                        label="Arquivo ZIP com o certificado e a chave"
                        description="O ZIP do jeito que o Internet Banking do Inter entregou, sem descompactar."
                        accept=".zip,application/zip"
                        {...bindFile('zip')}
                      />
                    )}
                    {kind === 'pem' && (
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                        <FilePicker label="Certificado (.crt)" accept=".crt,.pem,.cer" {...bindFile('cert')} />
                        <FilePicker label="Chave privada (.key)" accept=".key,.pem" {...bindFile('key')} />
                      </SimpleGrid>
                    )}
                    {kind === 'pfx' && (
                      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                        <FilePicker label="Arquivo .pfx (ou .p12)" accept=".pfx,.p12" {...bindFile('pfx')} />
                        <PasswordInput
                          label="Senha do arquivo .pfx"
                          autoComplete="off"
                          {...bind('credentials.pfxPassword')}
                          onBlur={() => setPfxPassword(text['credentials.pfxPassword'])}
                        />
                      </SimpleGrid>
                    )}
                    <CredentialsCheck state={inspect} summary={credentialsSummary} />
                    {editing && account.certificate && (
                      <Group>
                        <Button variant="subtle" onClick={keepCurrentCertificate}>
                          Manter o certificado atual
                        </Button>
                      </Group>
                    )}
                  </Stack>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label="Client ID"
                    description="Aparece nos detalhes da integração, no Internet Banking do Inter."
                    withAsterisk
                    autoComplete="off"
                    spellCheck={false}
                    {...bind('clientId')}
                  />
                  <PasswordInput
                    label="Client secret"
                    description={
                      editing && account.hasClientSecret
                        ? 'Já guardado no cofre de senhas. Deixe em branco para manter; preencha só para trocar.'
                        : 'Guardado no cofre de senhas do sistema, nunca em arquivo.'
                    }
                    placeholder={editing && account.hasClientSecret ? 'Guardado (deixe em branco para manter)' : undefined}
                    withAsterisk={!editing || !account.hasClientSecret}
                    autoComplete="new-password"
                    {...bind('clientSecret')}
                  />
                </SimpleGrid>
              </Stack>
            )}
          </Stack>
        </Fieldset>
        )}

        <Fieldset legend="Beneficiário (impresso em todos os boletos)">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label="Razão social ou nome" withAsterisk maxLength={100} {...bind('beneficiary.name')} />
              <TextInput
                label="CPF ou CNPJ"
                description="Números (ou letras e números, no CNPJ alfanumérico)."
                placeholder="00.000.000/0000-00"
                withAsterisk
                autoComplete="off"
                {...bind('beneficiary.document', maskDocument)}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label="CEP"
                placeholder="00000-000"
                withAsterisk
                inputMode="numeric"
                {...bind('beneficiary.cep', maskCEP)}
              />
            </SimpleGrid>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput
                  label="Logradouro"
                  description="Rua, avenida…"
                  withAsterisk
                  maxLength={90}
                  {...bind('beneficiary.address')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label="Número" withAsterisk maxLength={10} {...bind('beneficiary.number')} />
              </Grid.Col>
            </Grid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label="Complemento (opcional)" maxLength={30} {...bind('beneficiary.complement')} />
              <TextInput label="Bairro" withAsterisk maxLength={60} {...bind('beneficiary.district')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label="Cidade" withAsterisk maxLength={60} {...bind('beneficiary.city')} />
              <NativeSelect
                label="UF"
                withAsterisk
                data={[{ value: '', label: 'Selecione o estado' }, ...UF_OPTIONS]}
                {...bind('beneficiary.uf')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend="Impressão">
          <TextInput
            label="Número da operação"
            description="Os 7 dígitos da operação de cobrança no Banco Inter, usados na impressão do boleto."
            inputMode="numeric"
            maw={320}
            {...bind('operationNumber', (v) => onlyDigits(v, 7))}
          />
          <FilePicker
            label="Logotipo (opcional)"
            description="Imagem PNG ou JPEG de até 512 KB, impressa no topo de cada boleto."
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            chosen={logo}
            error={errorFor(LOGO_PATH)}
            onPick={pickLogo}
          />
          {account?.logoDataUrl && !logo && (
            <Group gap="sm" mt="xs">
              {removeLogo ? (
                <Text size="sm" c="dimmed">
                  O logotipo atual será removido ao salvar.
                </Text>
              ) : (
                <img src={account.logoDataUrl} alt="Logotipo atual" style={{ maxHeight: 48 }} />
              )}
              <Button variant="subtle" size="xs" onClick={() => setRemoveLogo(!removeLogo)}>
                {removeLogo ? 'Manter o logotipo' : 'Remover logotipo'}
              </Button>
            </Group>
          )}
        </Fieldset>

        {saveError && (
          <Alert
            ref={alertRef}
            color="red"
            title={saveError.code === 'invalid_input' ? 'Confira os dados da conta' : 'A conta não foi salva'}
            icon={<IconAlertCircle aria-hidden="true" />}
          >
            <Text size="sm">{saveError.message}</Text>
            {saveError.fields.length > unplaced.length && (
              <Text size="sm" mt={4}>
                Os campos com problema estão marcados em vermelho.
              </Text>
            )}
            {unplaced.length > 0 && (
              <List size="sm" mt={4}>
                {unplaced.map((problem) => (
                  <List.Item key={`${problem.field}:${problem.message}`}>{problem.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}

        <Group gap="sm">
          <Button type="submit" loading={saving}>
            {editing ? 'Salvar alterações' : 'Salvar conta'}
          </Button>
          {onCancel && (
            <Button type="button" variant="default" onClick={onCancel}>
              Cancelar
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The certificate card for the files just chosen, or why they cannot be used. */
function CredentialsCheck({ state, summary }: { state: InspectState; summary?: string }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <Group gap="xs" role="status">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm">Lendo o certificado e conferindo a chave…</Text>
        </Group>
      );
    case 'ready':
      return <CertificateCard certificate={state.certificate} title="Certificado escolhido" />;
    case 'error':
      return summary ? (
        <Alert color="red" title="Não foi possível usar estes arquivos" icon={<IconAlertCircle aria-hidden="true" />}>
          {summary}
        </Alert>
      ) : null;
  }
}
