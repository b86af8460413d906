import {
  Alert,
  Button,
  Code,
  DataList,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCircleCheck, IconCopy } from '@tabler/icons-react';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Page } from '../components/Page';
import {
  BackendError,
  copyText,
  decodeBarcode,
  decodePix,
  type BarcodeInfo,
  type PixInfo,
} from '../lib/backend';
import { formatCEP, formatCents, formatDate } from '../lib/format';

export function BarcodeToolPage() {
  return (
    <Page title="Validar código de barras">
      <Text maw={720}>
        Confira um boleto ou um Pix antes de pagar ou de mandar ao cliente: cole o código e veja o
        banco, o valor e o vencimento que ele carrega.
      </Text>
      <Tabs defaultValue="boleto" keepMounted>
        <Tabs.List aria-label="Tipo de código">
          <Tabs.Tab value="boleto">Boleto</Tabs.Tab>
          <Tabs.Tab value="pix">Pix copia e cola</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="boleto" pt="md">
          <BarcodeValidator />
        </Tabs.Panel>
        <Tabs.Panel value="pix" pt="md">
          <PixValidator />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------

function BarcodeValidator() {
  const validation = useValidation(decodeBarcode);
  return (
    <ValidatorForm
      heading="Validar linha digitável ou código de barras"
      label="Linha digitável ou código de barras"
      description="Cole os 47 números da linha digitável ou os 44 do código de barras. Pontos e espaços podem ficar."
      emptyMessage="Cole a linha digitável ou o código de barras antes de validar."
      validation={validation}
    >
      {validation.state.status === 'valid' && <BarcodeResult info={validation.state.result} />}
    </ValidatorForm>
  );
}

function BarcodeResult({ info }: { info: BarcodeInfo }) {
  const copy = () => {
    copyText(info.formatted).then(
      () =>
        notifications.show({
          color: 'green',
          title: 'Linha digitável copiada',
          message: 'Cole onde precisar com Ctrl+V.',
        }),
      () =>
        notifications.show({
          color: 'red',
          title: 'Não foi possível copiar',
          message: 'Selecione a linha digitável e copie com Ctrl+C.',
        }),
    );
  };

  return (
    <ValidResult>
      <DataList.Item>
        <DataList.ItemLabel>Banco</DataList.ItemLabel>
        <DataList.ItemValue>
          {info.bank} — {info.bankName}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Linha digitável</DataList.ItemLabel>
        <DataList.ItemValue>
          <Group gap="sm" wrap="wrap">
            <Code fz="sm">{info.formatted}</Code>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconCopy size={14} aria-hidden="true" />}
              onClick={copy}
              aria-label="Copiar linha digitável"
            >
              Copiar
            </Button>
          </Group>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Código de barras</DataList.ItemLabel>
        <DataList.ItemValue>
          <Code fz="sm">{info.barcode}</Code>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Vencimento</DataList.ItemLabel>
        <DataList.ItemValue>{formatDate(info.dueDate) || 'Sem vencimento'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Valor</DataList.ItemLabel>
        <DataList.ItemValue>
          {info.amountCents > 0 ? formatCents(info.amountCents) : 'Não informado no código'}
        </DataList.ItemValue>
      </DataList.Item>
    </ValidResult>
  );
}

// ---------------------------------------------------------------------------------------------

function PixValidator() {
  const validation = useValidation(decodePix);
  return (
    <ValidatorForm
      heading="Validar Pix copia e cola"
      label="Pix copia e cola"
      description="Cole o código Pix copia e cola inteiro, como veio do banco ou do QR code."
      emptyMessage="Cole o código Pix copia e cola antes de validar."
      validation={validation}
    >
      {validation.state.status === 'valid' && <PixResult info={validation.state.result} />}
    </ValidatorForm>
  );
}

function PixResult({ info }: { info: PixInfo }) {
  return (
    <ValidResult>
      <DataList.Item>
        <DataList.ItemLabel>Recebedor</DataList.ItemLabel>
        <DataList.ItemValue>{info.merchantName}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Cidade</DataList.ItemLabel>
        <DataList.ItemValue>{info.merchantCity}</DataList.ItemValue>
      </DataList.Item>
      {info.key !== '' && (
        <DataList.Item>
          <DataList.ItemLabel>Chave Pix</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{info.key}</DataList.ItemValue>
        </DataList.Item>
      )}
      {info.postalCode !== '' && (
        <DataList.Item>
          <DataList.ItemLabel>CEP</DataList.ItemLabel>
          <DataList.ItemValue>{formatCEP(info.postalCode)}</DataList.ItemValue>
        </DataList.Item>
      )}
      <DataList.Item>
        <DataList.ItemLabel>Valor</DataList.ItemLabel>
        <DataList.ItemValue>{info.amount || 'Não informado (quem paga digita o valor)'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Tipo</DataList.ItemLabel>
        <DataList.ItemValue>
          {info.dynamic ? 'Dinâmico (os dados vêm do endereço do banco)' : 'Estático'}
        </DataList.ItemValue>
      </DataList.Item>
      {info.url !== '' && (
        <DataList.Item>
          <DataList.ItemLabel>Endereço</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{info.url}</DataList.ItemValue>
        </DataList.Item>
      )}
      <DataList.Item>
        <DataList.ItemLabel>Identificador (txid)</DataList.ItemLabel>
        <DataList.ItemValue>{info.txid || 'Não informado'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>CRC</DataList.ItemLabel>
        <DataList.ItemValue>
          <Code fz="sm">{info.crc}</Code> (conferido)
        </DataList.ItemValue>
      </DataList.Item>
    </ValidResult>
  );
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

type ValidationState<T> =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'valid'; result: T }
  | { status: 'invalid'; error: BackendError };

interface Validation<T> {
  state: ValidationState<T>;
  validate: (code: string) => void;
  reset: () => void;
}

/** Runs one backend decoder; a newer request wins over an older one still in flight. */
function useValidation<T>(decode: (code: string) => Promise<T>): Validation<T> {
  const [state, setState] = useState<ValidationState<T>>({ status: 'idle' });
  const latest = useRef(0);

  const validate = (code: string) => {
    const request = ++latest.current;
    setState({ status: 'checking' });
    decode(code).then(
      (result) => {
        if (request === latest.current) setState({ status: 'valid', result });
      },
      (err: unknown) => {
        if (request !== latest.current) return;
        const error =
          err instanceof BackendError
            ? err
            : new BackendError('unexpected', 'Não foi possível validar o código. Tente de novo.');
        setState({ status: 'invalid', error });
      },
    );
  };

  const reset = () => {
    latest.current++;
    setState({ status: 'idle' });
  };

  return { state, validate, reset };
}

interface ValidatorFormProps<T> {
  heading: string;
  label: string;
  description: string;
  emptyMessage: string;
  validation: Validation<T>;
  children?: ReactNode;
}

function ValidatorForm<T>({
  heading,
  label,
  description,
  emptyMessage,
  validation,
  children,
}: ValidatorFormProps<T>) {
  const headingId = useId();
  const [code, setCode] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const { state } = validation;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = code.trim();
    if (trimmed === '') {
      setInputError(emptyMessage);
      validation.reset();
      return;
    }
    setInputError(null);
    validation.validate(trimmed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Codes never contain line breaks: Enter validates, like in a one-line field.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const clear = () => {
    setCode('');
    setInputError(null);
    validation.reset();
  };

  return (
    <Stack gap="md" maw={760} component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {heading}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            label={label}
            description={description}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              if (inputError) setInputError(null);
            }}
            onKeyDown={onKeyDown}
            error={inputError}
            autosize
            minRows={2}
            maxRows={6}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Group gap="sm">
            <Button type="submit" loading={state.status === 'checking'}>
              Validar
            </Button>
            <Button type="button" variant="default" onClick={clear}>
              Limpar
            </Button>
          </Group>
        </Stack>
      </form>
      {state.status === 'invalid' && (
        <Alert
          color="red"
          variant="light"
          title={state.error.code === 'invalid_input' ? 'Código inválido' : 'Não foi possível validar'}
          icon={<IconAlertCircle aria-hidden="true" />}
        >
          <Text size="sm">{state.error.message}</Text>
          {state.error.code === 'invalid_input' && (
            <Text size="sm" mt={4}>
              Confira se o código foi colado inteiro, sem faltar nem sobrar números, e tente de novo.
            </Text>
          )}
        </Alert>
      )}
      {children}
    </Stack>
  );
}

function ValidResult({ children }: { children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group gap="xs" mb="sm" role="status">
        <IconCircleCheck color="var(--mantine-color-green-7)" aria-hidden="true" />
        <Title order={3} size="h4" id={headingId} c="green.8">
          Código válido
        </Title>
      </Group>
      <DataList labelWidth={180}>{children}</DataList>
    </Paper>
  );
}
