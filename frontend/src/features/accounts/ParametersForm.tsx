import { Alert, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import {
  asBackendError,
  BackendError,
  saveAccountParameters,
  type AccountView,
  type ParametersDTO,
} from '../../lib/backend';
import { without } from '../../lib/records';
import {
  ChargesFields,
  chargesValues,
  MAX_AGENDA_DAYS,
  MAX_DISCOUNT_DAYS,
  MESSAGE_LINE_MAX,
  messageLines,
  type ChargesField,
  type ChargesValues,
} from '../charges/ChargesFields';
import { parseBp, parseCents } from './money';

export { MAX_AGENDA_DAYS, MESSAGE_LINE_MAX, MESSAGE_LINES } from '../charges/ChargesFields';
export const CONVENIO_REASON = 'Não se aplica: a integração direta com o Banco Inter dispensa convênio.';

interface Values extends ChargesValues {
  defaultDueDays: number | string;
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

/** The backend's path of an input of the shared charges fields. */
function pathOf(field: ChargesField): string {
  return field.startsWith('messages.') ? messagePath(Number(field.slice('messages.'.length))) : PATHS[field as keyof typeof PATHS];
}

/** A number of days: whole, from 0 (each input sets its own maximum). */
const WHOLE_DAYS = { min: 0, allowDecimal: false, allowNegative: false } as const;

function initialValues(p: ParametersDTO): Values {
  return { ...chargesValues(p), defaultDueDays: p.defaultDueDays ?? 0 };
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
        ? whole(v.discountDaysBefore, PATHS.discountDaysBefore, 0, MAX_DISCOUNT_DAYS, 'Dias antes do vencimento')
        : 0,
    agendaDays: whole(v.agendaDays, PATHS.agendaDays, 0, MAX_AGENDA_DAYS, 'Dias para baixa automática'),
    defaultDueDays: whole(v.defaultDueDays, PATHS.defaultDueDays, 0, 3650, 'Prazo de vencimento padrão'),
    messages: messageLines(v.messages),
  };
  v.messages.forEach((line, i) => {
    const length = [...line.trimEnd()].length;
    if (length > MESSAGE_LINE_MAX) {
      problems[messagePath(i)] = `A linha ${i + 1} tem ${length} caracteres; o máximo é ${MESSAGE_LINE_MAX}.`;
    }
  });
  return { parameters, problems };
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

        <ChargesFields
          values={values}
          onChange={(key, value) => set(key, value as Values[typeof key], PATHS[key])}
          onMessageChange={(i, text) => {
            const next = [...values.messages];
            next[i] = text;
            set('messages', next, messagePath(i));
          }}
          feedback={(f) => ({ error: errorFor(pathOf(f)) })}
          agendaLabel="Dias para baixa automática"
          agendaDescription={`Por quantos dias depois do vencimento o banco ainda aceita o pagamento (de 0 a ${MAX_AGENDA_DAYS}); depois disso o boleto é baixado. Com 0, o boleto é cancelado no próprio vencimento e o pagamento em atraso é recusado.`}
          agendaNote={
            agendaZero &&
            lateCharges && (
              <Alert role="status" color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
                Com 0 dias para baixa, ninguém consegue pagar depois do vencimento: a multa e os juros
                escolhidos acima nunca serão cobrados.
              </Alert>
            )
          }
          deadlines={
            <NumberInput
              label="Prazo de vencimento padrão (dias)"
              description="Sugerido ao criar um boleto: a data de hoje mais este número de dias."
              {...field('defaultDueDays')}
              {...WHOLE_DAYS}
              max={3650}
              maw={420}
            />
          }
        />

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
