import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertCircle, IconAlertTriangle, IconCalendar, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import {
  asBackendError,
  BackendError,
  createContract,
  type AccountView,
  type ContractView,
  type PayerView,
} from '../../lib/backend';
import { EMPTY_PARTY } from '../../lib/party';
import { AccountBadges } from '../accounts/AccountBadges';
import { maskMoneyTyping, parseBRDate, partyPath, type PartyKey } from '../boletos/draft/draftValues';
import { feedbackProps, MoneyInput, type FieldFeedback } from '../charges/ChargesFields';
import { ContractPayer } from './ContractPayer';
import {
  emptyContract,
  MAX_DESCRIPTION,
  MAX_LEAD_DAYS,
  MAX_MONTHS,
  PATH,
  toContractInput,
  withPickedPayer,
  type ContractValues,
  type EndChoice,
} from './contractValues';
import { referenceMonth, schedule } from './plan';
import { SchedulePreview } from './SchedulePreview';

interface ContractFormProps {
  accounts: AccountView[];
  /** YYYY-MM-DD in São Paulo: the start date the form suggests. */
  today: string;
  onSaved: (contract: ContractView) => void;
  onCancel: () => void;
}

const PAYER_KEYS = Object.keys(EMPTY_PARTY) as PartyKey[];
const UNEXPECTED_SAVE = 'Não foi possível salvar o contrato. Tente de novo.';

/**
 * "Novo contrato": who pays, how much, on which day of the month, from when until when, how many
 * days ahead each boleto is created, and whether it goes to the bank by itself. Problems come
 * back from the backend by field and are shown beside each one.
 */
export function ContractForm({ accounts, today, onSaved, onCancel }: ContractFormProps) {
  const [values, setValues] = useState<ContractValues>(() => emptyContract(accounts[0]?.id ?? 0, today));
  const [failure, setFailure] = useState<BackendError | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const { input, problems: local } = useMemo(() => toContractInput(values), [values]);
  const account = accounts.find((a) => a.id === values.accountId);
  const canAutoIssue = account?.directIntegration ?? false;

  const update = (patch: Partial<ContractValues>, ...paths: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    if (paths.length > 0) setChanged((s) => new Set([...s, ...paths]));
  };

  const setPayerField = (key: PartyKey, value: string) => {
    setValues((v) => ({ ...v, payer: { ...v.payer, [key]: value } }));
    setChanged((s) => new Set([...s, partyPath('pagador', key)]));
  };
  const pickPayer = (payer: PayerView) => {
    setValues((v) => withPickedPayer(v, payer));
    setChanged((s) => new Set([...s, ...PAYER_KEYS.map((k) => partyPath('pagador', k))]));
  };
  const clearPayer = () => {
    setValues((v) => ({ ...v, picked: null, payer: { ...EMPTY_PARTY } }));
    // The register's problems were about that payer, not about the blank fields.
    setChanged((s) => new Set([...s, ...PAYER_KEYS.map((k) => partyPath('pagador', k))]));
  };

  // ---- problems beside the fields -------------------------------------------------------

  const messagesOf = (path: string): string[] =>
    failure && !changed.has(path) ? [...new Set(failure.fieldMessages(path))] : [];
  const feedback = (path: string): FieldFeedback => {
    const list = messagesOf(path);
    return { error: list.length > 0 ? list.join(' ') : undefined };
  };
  const error = (path: string) => feedbackProps(feedback(path));

  /** The paths that have an input on screen now; the problems of others go in the alert. */
  const shown = new Set<string>([
    PATH.account,
    PATH.number,
    PATH.description,
    PATH.monthly,
    PATH.day,
    PATH.start,
    PATH.leadDays,
    ...(values.end === 'date' ? [PATH.end] : []),
    ...(values.end === 'months' ? [PATH.months] : []),
    ...(values.picked ? [] : PAYER_KEYS.map((k) => partyPath('pagador', k))),
  ]);
  const placed = (path: string) => shown.has(path) || (values.picked !== null && path.startsWith('pagador.'));
  const unplaced = failure?.fields.filter((f) => !placed(f.field)) ?? [];
  const pickedProblems =
    values.picked && failure
      ? [
          ...new Set(
            failure.fields.filter((f) => f.field.startsWith('pagador.') && !changed.has(f.field)).map((f) => f.message),
          ),
        ]
      : [];
  const failureShown =
    failure !== null && (failure.fields.length === 0 || failure.fields.some((f) => !changed.has(f.field)));

  /** Focuses the first refused input in the form's order, or the alert when none is shown. */
  const focusFirst = (paths: string[]) => {
    requestAnimationFrame(() => {
      const form = formRef.current;
      if (!form) return;
      const wanted = new Set(paths);
      for (const el of form.querySelectorAll<HTMLElement>('[data-path]')) {
        if (!wanted.has(el.dataset.path ?? '')) continue;
        el.focus();
        // The date input opens its calendar on focus, which would cover the message: close it
        // (Escape) as the user would, marked so that the drawer does not take it as its own.
        if (el.hasAttribute('data-dates-input')) {
          el.setAttribute('data-mantine-stop-propagation', 'true');
          el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
          el.removeAttribute('data-mantine-stop-propagation');
        }
        el.scrollIntoView?.({ block: 'center' });
        return;
      }
      form.querySelector<HTMLElement>('[data-failure]')?.focus();
    });
  };

  const refuse = (err: BackendError) => {
    setFailure(err);
    setChanged(new Set());
    focusFirst(err.fields.map((f) => f.field));
  };

  const submit = async () => {
    if (busy) return;
    const localPaths = Object.keys(local);
    if (localPaths.length > 0) {
      refuse(
        new BackendError('invalid_input', 'Corrija os campos marcados em vermelho.', {
          fields: localPaths.map((field) => ({ field, message: local[field] })),
        }),
      );
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = await createContract({ ...input, autoIssue: input.autoIssue && canAutoIssue });
      setBusy(false);
      onSaved(saved);
    } catch (err) {
      setBusy(false);
      const e = asBackendError(err, UNEXPECTED_SAVE);
      // The same number for the same payer: said beside the number.
      refuse(
        e.code === 'conflict' && e.fields.length === 0
          ? new BackendError(e.code, e.message, { fields: [{ field: PATH.number, message: e.message }], cause: e })
          : e,
      );
    }
  };

  // ---- what the form explains -----------------------------------------------------------

  const plan = { day: input.day, startDate: input.startDate, endDate: input.endDate, months: input.months };
  const first = schedule(plan, 1)?.dues[0];
  const leadDays = local[PATH.leadDays] ? null : input.leadDays;
  // What the backend prints when the description is empty: "Contrato <número>".
  const what = values.description.trim() || `Contrato ${values.number.trim()}`.trim();
  const reference = `${what} — referente a ${first ? referenceMonth(first) : 'MM/AAAA'}`;
  const descriptionLength = [...values.description].length;

  return (
    <form
      ref={formRef}
      aria-label="Novo contrato"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="lg">
        <Stack gap="xs">
          {accounts.length > 1 ? (
            <NativeSelect
              label="Conta que emite os boletos"
              data={accounts.map((a) => ({ value: String(a.id), label: a.isSimulation ? `${a.name} (simulação)` : a.name }))}
              value={String(values.accountId)}
              onChange={(event) => {
                const id = Number(event.currentTarget.value);
                const next = accounts.find((a) => a.id === id);
                update({ accountId: id, autoIssue: values.autoIssue && (next?.directIntegration ?? false) }, PATH.account);
              }}
              description="Juros, multa, desconto e instruções de cada boleto vêm dos parâmetros desta conta."
              {...error(PATH.account)}
              data-path={PATH.account}
            />
          ) : (
            <Stack gap={4}>
              <Group gap="sm" data-path={PATH.account} tabIndex={-1}>
                <Text size="sm">
                  Conta: <strong>{account?.name ?? 'desconhecida'}</strong>
                </Text>
                {account && <AccountBadges account={account} />}
              </Group>
              {feedback(PATH.account).error && (
                <Text size="sm" c="red.8">
                  {feedback(PATH.account).error}
                </Text>
              )}
            </Stack>
          )}
          {account?.isSimulation && (
            <Alert role="note" color="yellow" variant="light" p="xs" icon={<IconAlertTriangle aria-hidden="true" />}>
              <Text size="sm">
                Conta de demonstração: os boletos vão para um banco simulado neste computador; nada chega ao Banco Inter.
              </Text>
            </Alert>
          )}
        </Stack>

        <Fieldset legend="Pagador">
          <ContractPayer
            picked={values.picked}
            payer={values.payer}
            onPick={pickPayer}
            onClear={clearPayer}
            onChange={setPayerField}
            feedback={feedback}
            pickedProblems={pickedProblems}
          />
        </Fieldset>

        <Fieldset legend="Contrato">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label="Número do contrato"
                description="Opcional. Não se repete para o mesmo pagador."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={values.number}
                onChange={(event) => update({ number: event.currentTarget.value }, PATH.number)}
                {...error(PATH.number)}
                data-path={PATH.number}
                autoComplete="off"
                spellCheck={false}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label="Descrição"
                placeholder="Mensalidade"
                description={
                  <>
                    No boleto: “{reference}”.{' '}
                    <Text span inherit fw={600}>
                      {descriptionLength}/{MAX_DESCRIPTION}
                    </Text>
                  </>
                }
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={values.description}
                maxLength={MAX_DESCRIPTION}
                onChange={(event) => update({ description: event.currentTarget.value }, PATH.description)}
                {...error(PATH.description)}
                data-path={PATH.description}
                autoComplete="off"
              />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend="Cobrança mensal">
          <Stack gap="sm">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <MoneyInput
                  label="Valor mensal (R$)"
                  value={values.monthly}
                  onChange={(text) => update({ monthly: maskMoneyTyping(text) }, PATH.monthly)}
                  {...error(PATH.monthly)}
                  data-path={PATH.monthly}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NumberInput
                  label="Dia do vencimento"
                  withAsterisk
                  description="De 1 a 31; nos meses mais curtos, o último dia do mês."
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  value={values.day}
                  onChange={(day) => update({ day }, PATH.day)}
                  min={1}
                  max={31}
                  allowDecimal={false}
                  allowNegative={false}
                  {...error(PATH.day)}
                  data-path={PATH.day}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <DateInput
                  label="Início do contrato"
                  withAsterisk
                  description="O 1º vencimento é o dia escolhido, a partir desta data."
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  value={values.startDate || null}
                  onChange={(date) => update({ startDate: date ?? '' }, PATH.start)}
                  valueFormat="DD/MM/YYYY"
                  dateParser={parseBRDate}
                  placeholder="dd/mm/aaaa"
                  leftSection={<IconCalendar size={16} aria-hidden="true" />}
                  {...error(PATH.start)}
                  data-path={PATH.start}
                  popoverProps={{ withinPortal: true }}
                />
              </Grid.Col>
            </Grid>

            <Radio.Group
              label="Término"
              value={values.end}
              onChange={(choice) => update({ end: choice as EndChoice }, PATH.end, PATH.months)}
            >
              <Group gap="lg" mt="xs">
                <Radio value="none" label="Sem fim" />
                <Radio value="date" label="Até a data" />
                <Radio value="months" label="Por um número de meses" />
              </Group>
            </Radio.Group>
            {values.end === 'date' && (
              <DateInput
                label="Data de término"
                withAsterisk
                description="Nenhum boleto vence depois desta data."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={values.endDate || null}
                onChange={(date) => update({ endDate: date ?? '' }, PATH.end)}
                valueFormat="DD/MM/YYYY"
                dateParser={parseBRDate}
                placeholder="dd/mm/aaaa"
                leftSection={<IconCalendar size={16} aria-hidden="true" />}
                {...error(PATH.end)}
                data-path={PATH.end}
                popoverProps={{ withinPortal: true }}
                maw={260}
              />
            )}
            {values.end === 'months' && (
              <NumberInput
                label="Número de meses"
                withAsterisk
                description="Quantos boletos mensais o contrato tem."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={values.months}
                onChange={(months) => update({ months }, PATH.months)}
                min={1}
                max={MAX_MONTHS}
                allowDecimal={false}
                allowNegative={false}
                {...error(PATH.months)}
                data-path={PATH.months}
                maw={260}
              />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend="Criação dos boletos">
          <Stack gap="sm">
            <NumberInput
              label="Antecedência (dias)"
              description={`O boleto de cada mês é criado esta quantidade de dias antes do vencimento (de 0 a ${MAX_LEAD_DAYS}), para dar tempo de enviá-lo ao pagador. O Boletos confere ao abrir e a cada hora, enquanto estiver aberto, e nunca cria dois boletos para o mesmo mês.`}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={values.leadDays}
              onChange={(leadDays) => update({ leadDays }, PATH.leadDays)}
              min={0}
              max={MAX_LEAD_DAYS}
              allowDecimal={false}
              allowNegative={false}
              {...error(PATH.leadDays)}
              data-path={PATH.leadDays}
              maw={420}
            />
            <Checkbox
              label="Emitir automaticamente no banco"
              description={
                canAutoIssue
                  ? 'Cada boleto criado já vai para o banco. Desmarcado, ele fica como Rascunho em Boletos, para você conferir e emitir.'
                  : `A conta “${account?.name ?? ''}” está com a integração direta desligada: os boletos ficam como Rascunho em Boletos.`
              }
              checked={values.autoIssue && canAutoIssue}
              disabled={!canAutoIssue}
              onChange={(event) => update({ autoIssue: event.currentTarget.checked })}
            />
          </Stack>
        </Fieldset>

        <SchedulePreview
          plan={plan}
          leadDays={leadDays}
          autoIssue={values.autoIssue && canAutoIssue}
          today={today}
          endMissing={values.end !== 'none' && input.endDate === '' && input.months === 0}
        />

        {failure && failureShown && (
          <Alert color="red" title="O contrato não foi salvo" icon={<IconAlertCircle aria-hidden="true" />} tabIndex={-1} data-failure>
            <Stack gap="xs">
              <Text size="sm">{failure.message}</Text>
              {unplaced
                .filter((p) => p.message !== failure.message)
                .map((p) => (
                  <Text size="sm" key={`${p.field}:${p.message}`}>
                    {p.message}
                  </Text>
                ))}
            </Stack>
          </Alert>
        )}

        <Group gap="sm">
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />} loading={busy}>
            Salvar contrato
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel} disabled={busy}>
            Cancelar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
