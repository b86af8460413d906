// The charges of a boleto — juros, multa, desconto, the days the bank still accepts payment
// after the due date, and the message lines — as one set of inputs. The account's
// "Parâmetros do boleto" and the "Novo boleto" form both use it: each form keeps its own
// values, turns them into its DTO and says which problems go beside which input.

import { Fieldset, Group, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CSSProperties, ReactNode } from 'react';
import type { ParametersDTO } from '../../lib/backend';
import { bpToText, centsToText, parseBp, parseCents } from '../accounts/money';

export const MESSAGE_LINES = 5;
export const MESSAGE_LINE_MAX = 78;
export const MAX_AGENDA_DAYS = 60;
export const MAX_DISCOUNT_DAYS = 365;

export type InterestCode = '' | 'TAXAMENSAL' | 'VALORDIA';
export type FineCode = '' | 'PERCENTUAL' | 'VALORFIXO';
export type DiscountCode = '' | 'PERCENTUALDATAINFORMADA' | 'VALORFIXODATAINFORMADA';

/** The charges as the inputs hold them: rates and amounts as typed text, days as typed. */
export interface ChargesValues {
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
  messages: string[];
}

/** One input of the charges: a value, or one message line ("messages.0" … "messages.4"). */
export type ChargesField = Exclude<keyof ChargesValues, 'messages'> | `messages.${number}`;

/** Every input of the charges, in the order they are shown. */
export const CHARGES_FIELDS: ChargesField[] = [
  'interestCode',
  'interestRate',
  'interestAmount',
  'fineCode',
  'fineRate',
  'fineAmount',
  'discountCode',
  'discountRate',
  'discountAmount',
  'discountDaysBefore',
  'agendaDays',
  ...Array.from({ length: MESSAGE_LINES }, (_, i) => `messages.${i}` as const),
];

/** Charges with nothing set: no interest, fine, discount nor messages. */
export const EMPTY_CHARGES: ParametersDTO = {
  interestCode: '',
  interestRateBp: 0,
  interestAmountCents: 0,
  fineCode: '',
  fineRateBp: 0,
  fineAmountCents: 0,
  discountCode: '',
  discountRateBp: 0,
  discountAmountCents: 0,
  discountDaysBefore: 0,
  agendaDays: 0,
  messages: [],
  defaultDueDays: 0,
};

/** What to show beside an input: a blocking problem (red) and/or a warning (yellow). */
export interface FieldFeedback {
  error?: string;
  warning?: string;
}

/** The inputs' values for saved charges: blank where a rate or amount is zero. */
export function chargesValues(p: ParametersDTO): ChargesValues {
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
    messages,
  };
}

/** The message lines to send: trailing spaces and trailing empty lines dropped, positions kept. */
export function messageLines(lines: string[]): string[] {
  const out = lines.map((line) => line.trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * The props that show a field's feedback: the blocking problem in Mantine's error slot (red,
 * aria-invalid) and a warning in its "success" slot, which the surrounding form colours yellow
 * (see WARNING_COLOR_STYLE) and which is read out with the field without marking it invalid.
 */
export function feedbackProps(feedback: FieldFeedback) {
  return {
    error: feedback.error,
    success: feedback.warning && !feedback.error ? <FieldWarning>{feedback.warning}</FieldWarning> : undefined,
  };
}

/** Put on a container: inside it, the "success" slot of inputs shows warnings in yellow. */
export const WARNING_COLOR_STYLE = { '--mantine-color-success': 'var(--mantine-color-yellow-9)' } as CSSProperties;

function FieldWarning({ children }: { children: ReactNode }) {
  return (
    <Text span inherit style={{ display: 'inline-flex', gap: 4, alignItems: 'flex-start' }}>
      <IconAlertTriangle size={14} aria-hidden="true" style={{ flex: 'none', marginTop: 1 }} />
      <span>Atenção: {children}</span>
    </Text>
  );
}

interface ChargesFieldsProps {
  values: ChargesValues;
  onChange: <K extends Exclude<keyof ChargesValues, 'messages'>>(key: K, value: ChargesValues[K]) => void;
  onMessageChange: (index: number, text: string) => void;
  /** The problems to show beside an input. */
  feedback: (field: ChargesField) => FieldFeedback;
  /** Marks each input with data-path (the backend's name of the field), to focus it. */
  pathOf?: (field: ChargesField) => string;
  agendaLabel: string;
  agendaDescription: string;
  /** Shown under the agenda days (e.g. a warning of the form itself). */
  agendaNote?: ReactNode;
  /** More inputs of the "Prazos" fieldset, after the agenda days. */
  deadlines?: ReactNode;
  deadlinesLegend?: string;
}

/** Juros, multa, desconto, prazos and the message lines. */
export function ChargesFields(props: ChargesFieldsProps) {
  const { values, onChange, onMessageChange, feedback, pathOf } = props;

  /** Value, change handler, feedback and data-path of the input for `key`. */
  const field = <K extends Exclude<keyof ChargesValues, 'messages'>>(key: K) => ({
    value: values[key],
    onChange: (value: ChargesValues[K]) => onChange(key, value),
    ...feedbackProps(feedback(key)),
    'data-path': pathOf?.(key),
  });

  return (
    <>
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
                max={MAX_DISCOUNT_DAYS}
              />
            </SimpleGrid>
          )}
        </ChargeChoice>
      </Fieldset>

      <Fieldset legend={props.deadlinesLegend ?? 'Prazos'}>
        <Stack gap="sm">
          <NumberInput
            label={props.agendaLabel}
            description={props.agendaDescription}
            {...field('agendaDays')}
            {...WHOLE_DAYS}
            max={MAX_AGENDA_DAYS}
            maw={420}
          />
          {props.agendaNote}
          {props.deadlines}
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
            const key: ChargesField = `messages.${i}`;
            return (
              <TextInput
                key={i}
                label={`Linha ${i + 1}`}
                value={line}
                onChange={(event) => onMessageChange(i, event.currentTarget.value)}
                description={
                  <Text span size="xs" c={over ? 'red.8' : 'dimmed'}>
                    {length} de {MESSAGE_LINE_MAX} caracteres
                  </Text>
                }
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                {...feedbackProps(feedback(key))}
                data-path={pathOf?.(key)}
              />
            );
          })}
        </Stack>
      </Fieldset>
    </>
  );
}

/** A number of days: whole, from 0 (each input sets its own maximum). */
const WHOLE_DAYS = { min: 0, allowDecimal: false, allowNegative: false } as const;

interface ChargeChoiceProps<C extends string> {
  label: string;
  value: C;
  onChange: (value: C) => void;
  error?: string;
  success?: ReactNode;
  'data-path'?: string;
  options: [C, string][];
  children?: ReactNode;
}

function ChargeChoice<C extends string>(props: ChargeChoiceProps<C>) {
  const { label, value, onChange, error, success, options, children } = props;
  return (
    <Stack gap="sm">
      {/* "" (none) travels as "none": a radio with an empty value is easy to confuse with no choice. */}
      <Radio.Group
        label={label}
        value={value || 'none'}
        onChange={(choice) => onChange((choice === 'none' ? '' : choice) as C)}
        error={error}
        success={success}
      >
        <Group gap="lg" mt="xs">
          {options.map(([code, text]) => (
            <Radio key={code || 'none'} value={code || 'none'} label={text} data-path={props['data-path']} />
          ))}
        </Group>
      </Radio.Group>
      {children}
    </Stack>
  );
}

interface TextValueProps {
  label: string;
  description?: ReactNode;
  value: string;
  onChange: (text: string) => void;
  error?: string;
  success?: ReactNode;
  'data-path'?: string;
}

/** A percentage typed as text ("1,5"); tidied to two decimals when the field loses focus. */
export function PercentInput(props: TextValueProps) {
  return <DecimalInput {...props} parse={parseBp} format={bpToText} rightSection={<Unit>%</Unit>} />;
}

/** An amount in reais typed as text ("1.234,56"); tidied when the field loses focus. */
export function MoneyInput(props: TextValueProps & { maw?: number; withAsterisk?: boolean }) {
  return <DecimalInput {...props} parse={parseCents} format={centsToText} leftSection={<Unit>R$</Unit>} />;
}

interface DecimalInputProps extends TextValueProps {
  /** The text as a whole number of hundredths, or null when it is not a number. */
  parse: (text: string) => number | null;
  /** Hundredths as the text the field shows. */
  format: (hundredths: number) => string;
  leftSection?: ReactNode;
  rightSection?: ReactNode;
  maw?: number;
  withAsterisk?: boolean;
}

/** A two-decimal number typed as text, rewritten by `format` when the field loses focus. */
function DecimalInput(props: DecimalInputProps) {
  const { value, onChange, parse, format, maw = 260, withAsterisk = true, ...rest } = props;
  return (
    <TextInput
      {...rest}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={() => {
        const parsed = parse(value);
        if (parsed !== null) onChange(format(parsed));
      }}
      inputMode="decimal"
      placeholder="0,00"
      autoComplete="off"
      maw={maw}
      withAsterisk={withAsterisk}
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
