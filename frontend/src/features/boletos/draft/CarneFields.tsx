import { Fieldset, Grid, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { feedbackProps, MoneyInput, type FieldFeedback } from '../../charges/ChargesFields';
import {
  CARNE_DOCUMENT_KINDS,
  CARNE_PATH,
  MAX_INSTALLMENTS,
  MAX_INTERVAL_DAYS,
  type CarneDocumentKind,
  type CarneValues,
  type IntervalKind,
} from './carneValues';
import { maskMoneyTyping, parseBRDate } from './draftValues';

interface CarneFieldsProps {
  values: CarneValues;
  /** A change of some inputs, and the field paths it touches. */
  onChange: (patch: Partial<CarneValues>, ...paths: string[]) => void;
  feedback: (path: string) => FieldFeedback;
}

const DATE_PROPS = {
  valueFormat: 'DD/MM/YYYY',
  dateParser: parseBRDate,
  placeholder: 'dd/mm/aaaa',
  leftSection: <IconCalendar size={16} aria-hidden="true" />,
  popoverProps: { withinPortal: true },
} as const;

/**
 * "Parcelado (carnê)": the total, how many installments, when the first falls due and how far
 * apart they are, an optional down payment, and the document the carnê charges.
 */
export function CarneFields({ values, onChange, feedback }: CarneFieldsProps) {
  const fb = (path: string) => feedbackProps(feedback(path));
  return (
    <Fieldset legend="Parcelamento">
      <Stack gap="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MoneyInput
              label="Valor total (R$)"
              description="A soma de todos os boletos, entrada incluída."
              value={values.total}
              onChange={(text) => onChange({ total: maskMoneyTyping(text) }, CARNE_PATH.total)}
              {...fb(CARNE_PATH.total)}
              data-path={CARNE_PATH.total}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label="Número de parcelas"
              description={`Sem contar a entrada; de 1 a ${MAX_INSTALLMENTS}.`}
              withAsterisk
              value={values.count}
              onChange={(count) => onChange({ count }, CARNE_PATH.count)}
              min={1}
              max={MAX_INSTALLMENTS}
              allowDecimal={false}
              allowNegative={false}
              {...fb(CARNE_PATH.count)}
              data-path={CARNE_PATH.count}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <DateInput
              label="Primeiro vencimento"
              description="Da parcela 1."
              withAsterisk
              value={values.firstDueDate || null}
              onChange={(date) => onChange({ firstDueDate: date ?? '' }, CARNE_PATH.firstDueDate)}
              {...DATE_PROPS}
              {...fb(CARNE_PATH.firstDueDate)}
              data-path={CARNE_PATH.firstDueDate}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NativeSelect
              label="Intervalo entre as parcelas"
              data={[
                { value: 'monthly', label: 'Mensal (mesmo dia)' },
                { value: 'days', label: 'A cada N dias' },
              ]}
              value={values.interval}
              onChange={(event) => onChange({ interval: event.currentTarget.value as IntervalKind }, CARNE_PATH.interval)}
              description={
                values.interval === 'monthly'
                  ? 'Todo mês no dia do primeiro vencimento; no dia 31, o último dia dos meses mais curtos.'
                  : undefined
              }
              {...(values.interval === 'monthly' ? fb(CARNE_PATH.interval) : {})}
              data-path={values.interval === 'monthly' ? CARNE_PATH.interval : undefined}
            />
          </Grid.Col>
          {values.interval === 'days' && (
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NumberInput
                label="Dias entre as parcelas"
                description={`De 1 a ${MAX_INTERVAL_DAYS}.`}
                withAsterisk
                value={values.intervalDays}
                onChange={(intervalDays) => onChange({ intervalDays }, CARNE_PATH.interval)}
                min={1}
                max={MAX_INTERVAL_DAYS}
                allowDecimal={false}
                allowNegative={false}
                {...fb(CARNE_PATH.interval)}
                data-path={CARNE_PATH.interval}
              />
            </Grid.Col>
          )}
        </Grid>

        <Fieldset legend="Entrada (opcional)" variant="unstyled">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <MoneyInput
                label="Valor da entrada (R$)"
                description="Um boleto a mais, antes das parcelas; o resto do total é dividido entre elas."
                withAsterisk={false}
                value={values.downPayment}
                onChange={(text) => onChange({ downPayment: maskMoneyTyping(text) }, CARNE_PATH.downPayment)}
                {...fb(CARNE_PATH.downPayment)}
                data-path={CARNE_PATH.downPayment}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateInput
                label="Vencimento da entrada"
                description="Antes do primeiro vencimento."
                clearable
                value={values.downPaymentDate || null}
                onChange={(date) => onChange({ downPaymentDate: date ?? '' }, CARNE_PATH.downPaymentDate)}
                {...DATE_PROPS}
                {...fb(CARNE_PATH.downPaymentDate)}
                data-path={CARNE_PATH.downPaymentDate}
              />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend="Documento cobrado" variant="unstyled">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label="Tipo de documento"
                data={CARNE_DOCUMENT_KINDS}
                value={values.documentKind}
                onChange={(event) => onChange({ documentKind: event.currentTarget.value as CarneDocumentKind })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Número do documento"
                description={
                  values.documentKind === ''
                    ? 'Opcional: para achar o carnê depois.'
                    : 'O mesmo documento não gera boletos duas vezes para o mesmo pagador.'
                }
                value={values.documentNumber}
                onChange={(event) => onChange({ documentNumber: event.currentTarget.value }, CARNE_PATH.documentNumber)}
                maxLength={60}
                autoComplete="off"
                spellCheck={false}
                {...fb(CARNE_PATH.documentNumber)}
                data-path={CARNE_PATH.documentNumber}
              />
            </Grid.Col>
          </Grid>
          <Text size="xs" c="dimmed" mt="xs">
            Os boletos ficam ligados a este documento: a lista de boletos filtra por ele e a tela do documento
            mostra todas as parcelas.
          </Text>
        </Fieldset>
      </Stack>
    </Fieldset>
  );
}
