import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  asBackendError,
  BackendError,
  saveAccountParameters,
  type AccountView,
  type ParametersDTO,
} from '../../lib/backend';
import { without } from '../../lib/records';
import { bpToText, centsToText, parseBp, parseCents } from './money';

export const MESSAGE_LINES = 5;
export const MESSAGE_LINE_MAX = 78;
export const MAX_AGENDA_DAYS = 60;
export const CONVENIO_REASON = 'Não se aplica: a integração direta com o Banco Inter dispensa convênio.';

type InterestCode = '' | 'TAXAMENSAL' | 'VALORDIA';
type FineCode = '' | 'PERCENTUAL' | 'VALORFIXO';
type DiscountCode = '' | 'PERCENTUALDATAINFORMADA' | 'VALORFIXODATAINFORMADA';

interface Values {
  interestCode: InterestCode;
  interestRate: string;
  interestAmount: string;
  fineCode: FineCode;
  fineRate: string;
  fineAmount: string;
  discountCode: DiscountCode;
  discountRate: string;
  discountAmount: string;
  discountDaysBefore: number | string;
  agendaDays: number | string;
  defaultDueDays: number | string;
  messages: string[];
}

/** Where each value's problems are reported, as the backend names them. */
const PATHS = {
  interestCode: 'parameters.interestCode',
  interestRate: 'parameters.interestRateBp',
  interestAmount: 'parameters.interestAmountCents',
  fineCode: 'parameters.fineCode',
  fineRate: 'parameters.fineRateBp',
  fineAmount: 'parameters.fineAmountCents',
  discountCode: 'parameters.discountCode',
  discountRate: 'parameters.discountRateBp',
  discountAmount: 'parameters.discountAmountCents',
  discountDaysBefore: 'parameters.discountDaysBefore',
  agendaDays: 'parameters.agendaDays',
  defaultDueDays: 'parameters.defaultDueDays',
} as const;
const messagePath = (i: number) => `parameters.messages.${i}`;

/** A number of days: whole, from 0 (each input sets its own maximum). */
const WHOLE_DAYS = { min: 0, allowDecimal: false, allowNegative: false } as const;

function initialValues(p: ParametersDTO): Values {
  const messages = [...(p.messages ?? [])].slice(0, MESSAGE_LINES);
  while (messages.length < MESSAGE_LINES) messages.push('');
  return {
    interestCode: (p.interestCode as InterestCode) || '',
    interestRate: p.interestRateBp > 0 ? bpToText(p.interestRateBp) : '',
    interestAmount: p.interestAmountCents > 0 ? centsToText(p.interestAmountCents) : '',
    fineCode: (p.fineCode as FineCode) || '',
    fineRate: p.fineRateBp > 0 ? bpToText(p.fineRateBp) : '',
    fineAmount: p.fineAmountCents > 0 ? centsToText(p.fineAmountCents) : '',
    discountCode: (p.discountCode as DiscountCode) || '',
    discountRate: p.discountRateBp > 0 ? bpToText(p.discountRateBp) : '',
    discountAmount: p.discountAmountCents > 0 ? centsToText(p.discountAmountCents) : '',
    discountDaysBefore: p.discountDaysBefore ?? 0,
    agendaDays: p.agendaDays ?? 0,
    defaultDueDays: p.defaultDueDays ?? 0,
    messages,
  };
}

type Problems = Record<string, string>;

/**
 * Turns the form into the DTO. Money and rates are parsed from their text (never floats);
 * what cannot be parsed comes back as problems keyed by the backend's field paths.
 */
export function toParameters(v: Values): { parameters: ParametersDTO; problems: Problems } {
  const problems: Problems = {};
  const rate = (text: string, path: string, what: string): number => {
    const bp = parseBp(text);
    if (text.trim() === '') problems[path] = `Informe ${what}, por exemplo 1 ou 2,5.`;
    else if (bp === null) problems[path] = `${capitalize(what)} deve ser um número com até duas casas decimais, por exemplo 1 ou 2,5.`;
    else if (bp <= 0) problems[path] = `${capitalize(what)} deve ser maior que zero.`;
    return bp ?? 0;
  };
  const amount = (text: string, path: string, what: string): number => {
    const cents = parseCents(text);
    if (text.trim() === '') problems[path] = `Informe ${what} em reais, por exemplo 2,50.`;
    else if (cents === null) problems[path] = `${capitalize(what)} deve ser um valor em reais, por exemplo 2,50 ou 1.234,56.`;
    else if (cents <= 0) problems[path] = `${capitalize(what)} deve ser maior que zero.`;
    return cents ?? 0;
  };
  const whole = (value: number | string, path: string, min: number, max: number, what: string): number => {
    const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems[path] = `O campo “${what}” aceita um número inteiro de ${min} a ${max}.`;
      return 0;
    }
    return n;
  };

  const parameters: ParametersDTO = {
    interestCode: v.interestCode,
    interestRateBp: v.interestCode === 'TAXAMENSAL' ? rate(v.interestRate, PATHS.interestRate, 'a taxa de juros') : 0,
    interestAmountCents:
      v.interestCode === 'VALORDIA' ? amount(v.interestAmount, PATHS.interestAmount, 'o valor dos juros por dia') : 0,
    fineCode: v.fineCode,
    fineRateBp: v.fineCode === 'PERCENTUAL' ? rate(v.fineRate, PATHS.fineRate, 'a taxa da multa') : 0,
    fineAmountCents: v.fineCode === 'VALORFIXO' ? amount(v.fineAmount, PATHS.fineAmount, 'o valor da multa') : 0,
    discountCode: v.discountCode,
    discountRateBp:
      v.discountCode === 'PERCENTUALDATAINFORMADA' ? rate(v.discountRate, PATHS.discountRate, 'a taxa do desconto') : 0,
    discountAmountCents:
      v.discountCode === 'VALORFIXODATAINFORMADA'
        ? amount(v.discountAmount, PATHS.discountAmount, 'o valor do desconto')
        : 0,
    discountDaysBefore:
      v.discountCode !== ''
        ? whole(v.discountDaysBefore, PATHS.discountDaysBefore, 0, 365, 'Dias antes do vencimento')
        : 0,
    agendaDays: whole(v.agendaDays, PATHS.agendaDays, 0, MAX_AGENDA_DAYS, 'Dias para baixa automática'),
    defaultDueDays: whole(v.defaultDueDays, PATHS.defaultDueDays, 0, 3650, 'Prazo de vencimento padrão'),
    messages: trimTrailingEmpty(v.messages.map((line) => line.trimEnd())),
  };
  v.messages.forEach((line, i) => {
    const length = [...line.trimEnd()].length;
    if (length > MESSAGE_LINE_MAX) {
      problems[messagePath(i)] = `A linha ${i + 1} tem ${length} caracteres; o máximo é ${MESSAGE_LINE_MAX}.`;
    }
  });
  return { parameters, problems };
}

function trimTrailingEmpty(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface ParametersFormProps {
  account: AccountView;
  onSaved: (account: AccountView) => void;
}

/** "Parâmetros do boleto": the charges and texts every new boleto of the account starts with. */
export function ParametersForm({ account, onSaved }: ParametersFormProps) {
  const [values, setValues] = useState(() => initialValues(account.parameters));
  const [localProblems, setLocalProblems] = useState<Problems>({});
  const [saveError, setSaveError] = useState<BackendError | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof Values>(key: K, value: Values[K], path?: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (path) setLocalProblems((current) => without(current, path));
  };

  const errorFor = (path: string): string | undefined => {
    const messages = [
      ...(localProblems[path] ? [localProblems[path]] : []),
      ...(saveError?.fieldMessages(path) ?? []),
    ];
    return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
  };

  /** Value, change handler and error of the input for `key`, checked at PATHS[key]. */
  const field = <K extends keyof typeof PATHS>(key: K) => ({
    value: values[key],
    onChange: (value: Values[K]) => set(key, value, PATHS[key]),
    error: errorFor(PATHS[key]),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const { parameters, problems } = toParameters(values);
    setLocalProblems(problems);
    setSaveError(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    saveAccountParameters(account.id, parameters).then(
      (saved) => {
        setSaving(false);
        onSaved(saved);
      },
      (err: unknown) => {
        setSaving(false);
        setSaveError(asBackendError(err, 'Não foi possível salvar os parâmetros. Tente de novo.'));
      },
    );
  };

  const knownPaths = new Set<string>([...Object.values(PATHS), ...values.messages.map((_, i) => messagePath(i))]);
  const unplaced = saveError?.fields.filter((f) => !knownPaths.has(f.field)) ?? [];
  const hasLocalProblems = Object.keys(localProblems).length > 0;
  const agendaZero = Number(values.agendaDays) === 0 && values.agendaDays !== '';
  const lateCharges = values.interestCode !== '' || values.fineCode !== '';

  return (
    <form onSubmit={submit} noValidate aria-label="Parâmetros do boleto">
      <Stack gap="lg" maw={820}>
        <Alert
          role="note"
          color="blue"
          variant="light"
          icon={<IconInfoCircle aria-hidden="true" />}
          title="Configuração de integração direta"
        >
          <Text size="sm">
            Estes parâmetros valem para boletos registrados direto na API do Banco Inter. Opções de
            cobrança por arquivo de remessa (CNAB), como convênio, carteira e código de transmissão,
            não se aplicam aqui: cada boleto chega ao banco na hora em que é emitido.
          </Text>
          {!account.directIntegration && (
            <Text size="sm" mt={4}>
              Esta conta está com a integração direta desligada: os parâmetros já valem para os rascunhos
              e a impressão, e para o envio quando a integração for ligada.
            </Text>
          )}
        </Alert>

        <TextInput
          label="Convênio"
          value=""
          placeholder="Não se aplica"
          disabled
          description={CONVENIO_REASON}
          maw={420}
        />

        <Fieldset legend="Juros de mora">
          <ChargeChoice
            label="Juros"
            {...field('interestCode')}
            options={[
              ['', 'Sem juros'],
              ['TAXAMENSAL', 'Percentual ao mês'],
              ['VALORDIA', 'Valor por dia'],
            ]}
          >
            {values.interestCode === 'TAXAMENSAL' && (
              <PercentInput
                label="Taxa de juros (% ao mês)"
                description="Cobrada por dia de atraso, proporcional: 1% ao mês são 0,033% ao dia."
                {...field('interestRate')}
              />
            )}
            {values.interestCode === 'VALORDIA' && (
              <MoneyInput label="Juros por dia de atraso (R$)" {...field('interestAmount')} />
            )}
          </ChargeChoice>
        </Fieldset>

        <Fieldset legend="Multa por atraso">
          <ChargeChoice
            label="Multa"
            {...field('fineCode')}
            options={[
              ['', 'Sem multa'],
              ['PERCENTUAL', 'Percentual'],
              ['VALORFIXO', 'Valor fixo'],
            ]}
          >
            {values.fineCode === 'PERCENTUAL' && (
              <PercentInput
                label="Multa (% do valor do boleto)"
                description="Cobrada uma vez, no primeiro dia de atraso."
                {...field('fineRate')}
              />
            )}
            {values.fineCode === 'VALORFIXO' && (
              <MoneyInput
                label="Multa (R$)"
                description="Cobrada uma vez, no primeiro dia de atraso."
                {...field('fineAmount')}
              />
            )}
          </ChargeChoice>
        </Fieldset>

        <Fieldset legend="Desconto por pagamento antecipado">
          <ChargeChoice
            label="Desconto"
            {...field('discountCode')}
            options={[
              ['', 'Sem desconto'],
              ['PERCENTUALDATAINFORMADA', 'Percentual'],
              ['VALORFIXODATAINFORMADA', 'Valor fixo'],
            ]}
          >
            {values.discountCode !== '' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {values.discountCode === 'PERCENTUALDATAINFORMADA' ? (
                  <PercentInput label="Desconto (% do valor do boleto)" {...field('discountRate')} />
                ) : (
                  <MoneyInput label="Desconto (R$)" {...field('discountAmount')} />
                )}
                <NumberInput
                  label="Dias antes do vencimento"
                  description="O desconto vale para pagamentos até este número de dias antes do vencimento (0: até o próprio dia)."
                  {...field('discountDaysBefore')}
                  {...WHOLE_DAYS}
                  max={365}
                />
              </SimpleGrid>
            )}
          </ChargeChoice>
        </Fieldset>

        <Fieldset legend="Prazos">
          <Stack gap="sm">
            <NumberInput
              label="Dias para baixa automática"
              description={`Por quantos dias depois do vencimento o banco ainda aceita o pagamento (de 0 a ${MAX_AGENDA_DAYS}); depois disso o boleto é baixado. Com 0, o boleto é cancelado no próprio vencimento e o pagamento em atraso é recusado.`}
              {...field('agendaDays')}
              {...WHOLE_DAYS}
              max={MAX_AGENDA_DAYS}
              maw={420}
            />
            {agendaZero && lateCharges && (
              <Alert role="status" color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
                Com 0 dias para baixa, ninguém consegue pagar depois do vencimento: a multa e os juros
                escolhidos acima nunca serão cobrados.
              </Alert>
            )}
            <NumberInput
              label="Prazo de vencimento padrão (dias)"
              description="Sugerido ao criar um boleto: a data de hoje mais este número de dias."
              {...field('defaultDueDays')}
              {...WHOLE_DAYS}
              max={3650}
              maw={420}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Instruções impressas no boleto">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Até {MESSAGE_LINES} linhas de {MESSAGE_LINE_MAX} caracteres, por exemplo “Não receber após 30 dias do
              vencimento”. Linhas vazias não são impressas.
            </Text>
            {values.messages.map((line, i) => {
              const length = [...line].length;
              const over = length > MESSAGE_LINE_MAX;
              return (
                <TextInput
                  key={i}
                  label={`Linha ${i + 1}`}
                  value={line}
                  onChange={(event) => {
                    const next = [...values.messages];
                    next[i] = event.currentTarget.value;
                    set('messages', next, messagePath(i));
                  }}
                  description={
                    <Text span size="xs" c={over ? 'red.8' : 'dimmed'}>
                      {length} de {MESSAGE_LINE_MAX} caracteres
                    </Text>
                  }
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  error={errorFor(messagePath(i))}
                />
              );
            })}
          </Stack>
        </Fieldset>

        {(saveError || hasLocalProblems) && (
          <Alert color="red" title="Os parâmetros não foram salvos" icon={<IconAlertCircle aria-hidden="true" />}>
            <Text size="sm">
              {saveError ? saveError.message : 'Corrija os campos marcados em vermelho e salve de novo.'}
            </Text>
            {unplaced.map((problem) => (
              <Text size="sm" key={`${problem.field}:${problem.message}`}>
                {problem.message}
              </Text>
            ))}
          </Alert>
        )}

        <Group>
          <Button type="submit" loading={saving}>
            Salvar parâmetros
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ChargeChoiceProps<C extends string> {
  label: string;
  value: C;
  onChange: (value: C) => void;
  error?: string;
  options: [C, string][];
  children?: ReactNode;
}

function ChargeChoice<C extends string>({ label, value, onChange, error, options, children }: ChargeChoiceProps<C>) {
  return (
    <Stack gap="sm">
      {/* "" (none) travels as "none": a radio with an empty value is easy to confuse with no choice. */}
      <Radio.Group
        label={label}
        value={value || 'none'}
        onChange={(choice) => onChange((choice === 'none' ? '' : choice) as C)}
        error={error}
      >
        <Group gap="lg" mt="xs">
          {options.map(([code, text]) => (
            <Radio key={code || 'none'} value={code || 'none'} label={text} />
          ))}
        </Group>
      </Radio.Group>
      {children}
    </Stack>
  );
}

interface TextValueProps {
  label: string;
  description?: string;
  value: string;
  onChange: (text: string) => void;
  error?: string;
}

/** A percentage typed as text ("1,5"); tidied to two decimals when the field loses focus. */
function PercentInput(props: TextValueProps) {
  return <DecimalInput {...props} parse={parseBp} format={bpToText} rightSection={<Unit>%</Unit>} />;
}

/** An amount in reais typed as text ("1.234,56"); tidied when the field loses focus. */
function MoneyInput(props: TextValueProps) {
  return <DecimalInput {...props} parse={parseCents} format={centsToText} leftSection={<Unit>R$</Unit>} />;
}

interface DecimalInputProps extends TextValueProps {
  /** The text as a whole number of hundredths, or null when it is not a number. */
  parse: (text: string) => number | null;
  /** Hundredths as the text the field shows. */
  format: (hundredths: number) => string;
  leftSection?: ReactNode;
  rightSection?: ReactNode;
}

/** A two-decimal number typed as text, rewritten by `format` when the field loses focus. */
function DecimalInput(props: DecimalInputProps) {
  const { label, description, value, onChange, error, parse, format, leftSection, rightSection } = props;
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={() => {
        const parsed = parse(value);
        if (parsed !== null) onChange(format(parsed));
      }}
      error={error}
      inputMode="decimal"
      leftSection={leftSection}
      rightSection={rightSection}
      placeholder="0,00"
      maw={260}
      withAsterisk
    />
  );
}

/** The unit beside a number, for the eye only: the label already says it. */
function Unit({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" aria-hidden="true">
      {children}
    </Text>
  );
}
