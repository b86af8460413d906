import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  Fieldset,
  Grid,
  Group,
  Kbd,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconBook,
  IconCalendar,
  IconChevronDown,
  IconChevronUp,
  IconDeviceFloppy,
  IconRefresh,
  IconSend,
} from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  asBackendError,
  BackendError,
  createDraft,
  createInstallments,
  createPayer,
  issueBoletos,
  issueNow,
  newDraft,
  previewDraft,
  updateDraft,
  type AccountView,
  type BoletoDetail,
  type CarneResult,
  type DraftInput,
  type FieldProblemDTO,
  type PartyDTO,
  type PayerView,
} from '../../../lib/backend';
import { EMPTY_PARTY } from '../../../lib/party';
import { AccountBadges } from '../../accounts/AccountBadges';
import {
  CHARGES_FIELDS,
  ChargesFields,
  chargesValues,
  feedbackProps,
  MAX_AGENDA_DAYS,
  MoneyInput,
  WARNING_COLOR_STYLE,
  type ChargesField,
  type ChargesValues,
  type FieldFeedback,
} from '../../charges/ChargesFields';
import {
  chargesPath,
  draftValues,
  maskMoneyTyping,
  parseBRDate,
  partyPath,
  PATH,
  payerRegisterPath,
  toDraftInput,
  withPickedPayer,
  type DraftValues,
  type PartyKey,
} from './draftValues';
import { CarneCreated } from './CarneCreated';
import { CarneFields } from './CarneFields';
import { CarnePlanPreview } from './CarnePlanPreview';
import { CARNE_PATH, carneDraftProblem, carneValues, toPlanInput, type CarneValues } from './carneValues';
import { DraftPreviewPanel } from './DraftPreviewPanel';
import { PartyFields } from './PartyFields';
import { PayerPicker } from './PayerPicker';
import { useDraftPreview } from './useDraftPreview';
import { usePlanPreview } from './usePlanPreview';

export type DraftMode = { kind: 'new' } | { kind: 'edit'; id: number; version: number; seuNumero: string };

/** A new boleto is one boleto ("Boleto único") or a plan of installments ("Parcelado (carnê)"). */
export type DraftShape = 'single' | 'carne';

interface DraftEditorProps {
  mode: DraftMode;
  /** The form to start from: newDraft's defaults or getDraft's saved data. */
  initial: DraftInput;
  accounts: AccountView[];
  /** Edit mode: loads the boleto again, dropping the changes made here (after a conflict). */
  onReload?: () => void;
}

/** A failed save or issue: what to say above the buttons, and the problems by field. */
interface Failure {
  title: string;
  error: BackendError;
}

/** The order of the sections, to list problems as the form shows them. */
const SECTION_ORDER = [
  'conta',
  'pagador.',
  PATH.amount,
  CARNE_PATH.count,
  CARNE_PATH.firstDueDate,
  CARNE_PATH.interval,
  CARNE_PATH.downPayment,
  CARNE_PATH.downPaymentDate,
  CARNE_PATH.documentNumber,
  PATH.dueDate,
  PATH.seuNumero,
  'juros.',
  'multa.',
  'desconto.',
  'numDiasAgenda',
  'mensagem.',
  'beneficiarioFinal.',
];

function rank(path: string): number {
  const i = SECTION_ORDER.findIndex((p) => (p.endsWith('.') ? path.startsWith(p) : path === p));
  return i < 0 ? SECTION_ORDER.length : i;
}

/** Shown from the start in a new boleto: the fields that come filled in from the account. */
const PREFILLED = [
  PATH.dueDate,
  CARNE_PATH.firstDueDate,
  'juros.codigo',
  'juros.taxa',
  'juros.valor',
  'multa.codigo',
  'multa.taxa',
  'multa.valor',
  'desconto.codigo',
  'desconto.taxa',
  'desconto.valor',
  'desconto.dias',
  'numDiasAgenda',
  'mensagem.linha1',
  'mensagem.linha2',
  'mensagem.linha3',
  'mensagem.linha4',
  'mensagem.linha5',
];

const UNEXPECTED_SAVE = 'Não foi possível salvar o boleto. Tente de novo.';
const UNEXPECTED_CARNE = 'Não foi possível criar o carnê. Tente de novo.';

/**
 * The "Novo boleto" form, also used to edit a draft: payer (picked from the register or typed),
 * amount, due date, seu número, charges and sacador/avalista, checked live by the backend.
 * "Salvar rascunho" keeps it as it is; "Emitir agora" sends it only when it is complete.
 * A new one can instead be "Parcelado (carnê)": the same payer and charges on every boleto of a
 * plan of installments, created as drafts with "Criar carnê (rascunhos)".
 */
export function DraftEditor({ mode, initial, accounts, onReload }: DraftEditorProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState<DraftValues>(() => draftValues(initial));
  const [initialJSON] = useState(() => JSON.stringify(draftValues(initial)));
  const [version, setVersion] = useState(mode.kind === 'edit' ? mode.version : 0);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [changedSinceFailure, setChangedSinceFailure] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(mode.kind === 'new' ? PREFILLED : []));
  const [showAll, setShowAll] = useState(mode.kind === 'edit');
  const [busy, setBusy] = useState<null | 'draft' | 'issue' | 'carne'>(null);
  const [shape, setShape] = useState<DraftShape>('single');
  const [carne, setCarne] = useState<CarneValues>(() => carneValues(initial.dueDate ?? ''));
  const [initialCarneJSON] = useState(() => JSON.stringify(carneValues(initial.dueDate ?? '')));
  const [created, setCreated] = useState<{ result: CarneResult; payerName: string } | null>(null);
  const [switchingAccount, setSwitchingAccount] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [chargesOpen, setChargesOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const shapeLabelId = useId();

  const isCarne = shape === 'carne';
  const { input, problems: draftLocal } = useMemo(() => toDraftInput(values), [values]);
  const { plan, problems: planLocal } = useMemo(() => toPlanInput(carne), [carne]);
  const planState = usePlanPreview(isCarne ? plan : null);
  const firstRow = isCarne ? planState.rows[0] : undefined;
  // A carnê's boletos share the form: it is checked as the first of them would be.
  const checkedInput = useMemo(
    () =>
      isCarne
        ? { ...input, seuNumero: '', amountCents: firstRow?.amountCents ?? 0, dueDate: firstRow?.dueDate ?? plan.firstDueDate }
        : input,
    [isCarne, input, firstRow, plan.firstDueDate],
  );
  const previewState = useDraftPreview(checkedInput);
  const preview = previewState.preview;
  const local = useMemo(() => {
    if (!isCarne) return draftLocal;
    const { [PATH.amount]: _amount, ...rest } = draftLocal;
    return { ...rest, ...planLocal };
  }, [isCarne, draftLocal, planLocal]);
  /** The backend's problems of the form (and, for a carnê, of its plan), by field path. */
  const checked = useMemo(() => {
    const list = preview?.problems ?? [];
    if (!isCarne) return list;
    const mapped = list.flatMap((p) => carneDraftProblem(p, firstRow?.downPayment ?? false) ?? []);
    return [...planState.problems.map((p) => ({ ...p, warning: p.warning ?? false })), ...mapped];
  }, [preview, isCarne, firstRow, planState.problems]);
  const account = accounts.find((a) => a.id === values.accountId);
  const dirty =
    created === null &&
    (JSON.stringify(values) !== initialJSON || (isCarne && JSON.stringify(carne) !== initialCarneJSON));
  const exitPath = mode.kind === 'edit' ? `/boletos/${mode.id}` : '/boletos';

  // ---- changes --------------------------------------------------------------------------

  const mark = (...paths: string[]) => {
    setTouched((s) => (paths.every((p) => s.has(p)) ? s : new Set([...s, ...paths])));
    if (failure) setChangedSinceFailure((s) => new Set([...s, ...paths]));
  };

  const update = (patch: Partial<DraftValues>, ...paths: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    mark(...paths);
  };

  const updateCarne = (patch: Partial<CarneValues>, ...paths: string[]) => {
    setCarne((c) => ({ ...c, ...patch }));
    mark(...paths);
  };

  const changeShape = (next: DraftShape) => {
    if (next === shape) return;
    setShape(next);
    setFailure(null);
    setChangedSinceFailure(new Set());
  };

  const setPayerField = (key: PartyKey, value: string) => {
    setValues((v) => ({
      ...v,
      payer: { ...v.payer, [key]: value },
      // Another CPF/CNPJ is another person: the link to the register goes.
      picked: key === 'document' ? null : v.picked,
    }));
    mark(partyPath('pagador', key));
  };

  const setBeneficiaryField = (key: PartyKey, value: string) => {
    setValues((v) => ({ ...v, finalBeneficiary: { ...v.finalBeneficiary, [key]: value } }));
    mark(partyPath('beneficiarioFinal', key));
  };

  const pickPayer = (payer: PayerView) => {
    setValues((v) => withPickedPayer(v, payer));
    const keys = Object.keys(EMPTY_PARTY) as PartyKey[];
    mark(...keys.map((k) => partyPath('pagador', k)));
  };

  const clearPayer = () => {
    setValues((v) => ({ ...v, picked: null, payer: { ...EMPTY_PARTY } }));
  };

  const changeAccount = (id: number) => {
    if (id === values.accountId || switchingAccount) return;
    setSwitchingAccount(true);
    newDraft(id).then(
      (defaults) => {
        setSwitchingAccount(false);
        setValues((v) => ({
          ...v,
          accountId: id,
          dueDate: v.dueDate || defaults.dueDate,
          charges: chargesValues(defaults.charges),
        }));
        const name = accounts.find((a) => a.id === id)?.name ?? 'da conta';
        notifications.show({
          color: 'blue',
          title: 'Conta trocada',
          message: `Juros, multa, desconto e instruções agora são os da conta “${name}”.`,
        });
      },
      (err: unknown) => {
        setSwitchingAccount(false);
        setFailure({
          title: 'A conta não foi trocada',
          error: asBackendError(err, 'Não foi possível carregar os parâmetros da conta. Tente de novo.'),
        });
      },
    );
  };

  // ---- problems beside the fields -------------------------------------------------------

  const feedback = (path: string): FieldFeedback => {
    const visible = showAll || touched.has(path);
    const errors: string[] = [];
    const warnings: string[] = [];
    if (visible && local[path]) errors.push(local[path]);
    if (failure && !changedSinceFailure.has(path)) {
      for (const f of failure.error.fields) {
        if (f.field === path) (f.warning ? warnings : errors).push(f.message);
      }
    }
    if (visible && !local[path]) {
      for (const p of checked) {
        if (p.field === path) (p.warning ? warnings : errors).push(p.message);
      }
    }
    const join = (list: string[]) => (list.length > 0 ? [...new Set(list)].join(' ') : undefined);
    return { error: join(errors), warning: join(warnings) };
  };

  const blocking: FieldProblemDTO[] = useMemo(() => {
    const list: FieldProblemDTO[] = [
      ...Object.entries(local).map(([field, message]) => ({ field, message, warning: false })),
      ...checked.filter((p) => !p.warning && !(p.field in local)),
    ];
    return list.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p.field) - rank(b.p.field) || a.i - b.i).map(({ p }) => p);
  }, [local, checked]);

  /** Focuses the input of the first of `paths` in the form's order; false when none is shown. */
  const focusFirst = (paths: Iterable<string>): boolean => {
    const wanted = new Set(paths);
    const form = formRef.current;
    if (!form || wanted.size === 0) return false;
    const inputs = form.querySelectorAll<HTMLElement>('[data-path]');
    for (const el of inputs) {
      const path = el.dataset.path ?? '';
      if (!wanted.has(path)) continue;
      const target =
        form.querySelector<HTMLElement>(`[data-path="${path}"]:checked`) ?? (el as HTMLElement);
      target.focus();
      // The date input opens its calendar on focus, which would cover the message under it:
      // close it (Escape), as the user would.
      if (target.hasAttribute('data-dates-input')) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      }
      target.scrollIntoView?.({ block: 'center' });
      return true;
    }
    return false;
  };

  const goTo = (path: string) => {
    if (path.startsWith('beneficiarioFinal.') && !values.withFinalBeneficiary) return;
    if (isChargesPath(path)) setChargesOpen(true);
    setShowAll(true);
    // The field may not show its message yet: let it render first.
    requestAnimationFrame(() => focusFirst([path]));
  };

  // ---- save and issue -------------------------------------------------------------------

  const fail = (title: string, err: unknown) => {
    const error = asBackendError(err, UNEXPECTED_SAVE);
    setFailure({ title, error });
    setChangedSinceFailure(new Set());
    setShowAll(true);
    const paths = error.fields.filter((f) => !f.warning).map((f) => f.field);
    if (paths.some(isChargesPath)) setChargesOpen(true);
    requestAnimationFrame(() => {
      if (!focusFirst(paths)) formRef.current?.querySelector<HTMLElement>('[data-failure]')?.focus();
    });
  };

  /** "Salvar no cadastro de pagadores": the saved payer's id, or null when none is to be saved. */
  const savePayerFirst = async (): Promise<number | null> => {
    if (!values.savePayer || values.picked) return null;
    try {
      const saved = await createPayer(input.payer);
      // Linked from now on, so that a later failure does not register the payer twice.
      setValues((v) => ({ ...v, savePayer: false, picked: { id: saved.id, name: saved.name, document: saved.documentFormatted } }));
      notifications.show({ color: 'green', title: 'Pagador cadastrado', message: saved.name });
      return saved.id;
    } catch (err) {
      const e = asBackendError(err, 'Não foi possível cadastrar o pagador. Tente de novo.');
      const fields = e.fields.map((f) => ({ ...f, field: payerRegisterPath(f.field) }));
      throw new PayerNotSaved(
        new BackendError(e.code, `${e.message} Nada foi salvo. Corrija o pagador, ou desmarque “Salvar no cadastro de pagadores”.`, {
          fields,
          cause: e,
        }),
      );
    }
  };

  /** Text that cannot be sent stops the save before any call: true when it did. */
  const stopOnLocalProblems = (title: string): boolean => {
    const localPaths = Object.keys(local);
    if (localPaths.length === 0) return false;
    setShowAll(true);
    setFailure({
      title,
      error: new BackendError('invalid_input', 'Corrija os campos marcados em vermelho.', {
        fields: localPaths.map((field) => ({ field, message: local[field] })),
      }),
    });
    if (localPaths.some(isChargesPath)) setChargesOpen(true);
    requestAnimationFrame(() => focusFirst(localPaths));
    return true;
  };

  const submit = async (kind: 'draft' | 'issue') => {
    if (created) return;
    if (isCarne) return submitCarne();
    if (busy || switchingAccount) return;
    if (kind === 'issue' && account && !account.directIntegration) return;
    setFailure(null);
    setChangedSinceFailure(new Set());
    if (stopOnLocalProblems(kind === 'issue' ? 'O boleto não foi emitido' : 'O rascunho não foi salvo')) return;
    setBusy(kind);
    try {
      // Before registering the payer (or, in a saved draft, before saving the changes), make sure
      // the boleto can go: an invalid form must leave nothing behind.
      if (kind === 'issue' && (mode.kind === 'edit' || (values.savePayer && !values.picked))) {
        const check = await previewDraft(input);
        const stops = (check.problems ?? []).filter((p) => !p.warning);
        if (stops.length > 0) {
          throw new BackendError(
            'invalid_input',
            stops.length === 1 ? stops[0].message : `O boleto não pode ser emitido: há ${stops.length} problemas a corrigir.`,
            { fields: stops },
          );
        }
      }
      const payerId = (await savePayerFirst()) ?? input.payerId;
      const form: DraftInput = { ...input, payerId };
      const detail = kind === 'draft' ? await saveDraft(form) : await issue(form);
      done(kind, detail);
    } catch (err) {
      setBusy(null);
      if (err instanceof PayerNotSaved) {
        fail('O pagador não foi cadastrado', err.error);
      } else if (kind === 'issue') {
        fail('O boleto não foi emitido', err);
      } else {
        fail('O rascunho não foi salvo', err);
      }
    }
  };

  /** "Criar carnê (rascunhos)": every boleto of the plan, all or none, linked to one document. */
  const submitCarne = async () => {
    if (busy || switchingAccount) return;
    setFailure(null);
    setChangedSinceFailure(new Set());
    if (stopOnLocalProblems('O carnê não foi criado')) return;
    setBusy('carne');
    try {
      const result = await createInstallments(plan, { ...input, seuNumero: '', amountCents: 0, dueDate: '' });
      setBusy(null);
      setCreated({ result, payerName: input.payer.name });
      const n = result.ids.length;
      notifications.show({
        color: 'green',
        title: 'Carnê criado',
        message: `${n === 1 ? '1 boleto guardado' : `${n} boletos guardados`} como rascunho.`,
      });
    } catch (err) {
      setBusy(null);
      const error = asBackendError(err, UNEXPECTED_CARNE);
      // The same document already has boletos: say it beside its number too.
      const located =
        error.code === 'conflict' && error.fields.length === 0
          ? new BackendError(error.code, error.message, {
              fields: [{ field: CARNE_PATH.documentNumber, message: error.message }],
              cause: error,
            })
          : error;
      fail('O carnê não foi criado', located);
    }
  };

  const saveDraft = async (form: DraftInput): Promise<BoletoDetail> => {
    if (mode.kind === 'new') return createDraft(form);
    const saved = await updateDraft(mode.id, version, form);
    setVersion(saved.version);
    return saved;
  };

  const issue = async (form: DraftInput): Promise<BoletoDetail> => {
    if (mode.kind === 'new') return issueNow(form);
    // A saved draft: save the changes, then send it as a batch of one.
    const saved = await saveDraft(form);
    const batch = await issueBoletos([mode.id]);
    const item = (batch.items ?? []).find((it) => it.id === mode.id);
    if (item?.outcome === 'failed') {
      throw new BackendError('invalid_input', item.error || 'O boleto não pode ser emitido.', { fields: item.fields ?? [] });
    }
    return saved;
  };

  const done = (kind: 'draft' | 'issue', detail: BoletoDetail) => {
    const seu = detail.row.seuNumero;
    if (kind === 'draft') {
      const pending = (detail.problems ?? []).filter((p) => !p.warning).length;
      notifications.show({
        color: 'green',
        title: 'Rascunho salvo',
        message:
          `Boleto ${seu} guardado como rascunho.` +
          (pending > 0 ? ` Para emitir, ainda falta corrigir ${pending === 1 ? '1 item' : `${pending} itens`}.` : ''),
      });
    } else {
      notifications.show({
        color: 'green',
        title: 'Boleto enviado para emissão',
        message: `${seu} está na fila para o banco${account?.isSimulation ? ' (simulado)' : ''}. Acompanhe a situação na tela do boleto.`,
      });
    }
    navigate(`/boletos/${detail.row.id}`);
  };

  useHotkeys([['mod+S', () => void submit('draft')]], []);

  // Closing the browser tab (in `boletos serve`) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty || busy) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty, busy]);

  const cancel = () => {
    if (dirty) setLeaving(true);
    else navigate(exitPath);
  };

  // ---- render ---------------------------------------------------------------------------

  const chargesFeedback = (f: ChargesField) => feedback(chargesPath(f));
  // Charges with a problem (or a warning) stay open: the message must be seen beside its input.
  const chargesNeedAttention = CHARGES_FIELDS.some((f) => {
    const fb = chargesFeedback(f);
    return fb.error !== undefined || fb.warning !== undefined;
  });
  const chargesShown = chargesOpen || chargesNeedAttention;
  const knownPaths = (path: string) => formRef.current?.querySelector(`[data-path="${path}"]`) != null;
  const unplaced = failure?.error.fields.filter((f) => !f.warning && !knownPaths(f.field)) ?? [];
  const conflict = failure?.error.code === 'conflict' && mode.kind === 'edit';
  // A refusal about fields goes away once each of them was changed; any other stays until the next try.
  const failureShown =
    failure !== null &&
    (failure.error.fields.length === 0 || failure.error.fields.some((f) => !changedSinceFailure.has(f.field)));
  const issueBlocked = account ? !account.directIntegration : false;

  if (created) {
    return (
      <CarneCreated
        result={created.result}
        payerName={created.payerName}
        account={account}
        onAnother={() => {
          setCreated(null);
          setCarne((c) => ({ ...c, documentNumber: '' }));
        }}
      />
    );
  }

  return (
    <form
      ref={formRef}
      aria-label={mode.kind === 'new' ? 'Novo boleto' : `Editar boleto ${mode.seuNumero}`}
      noValidate
      onSubmit={(event) => event.preventDefault()}
      style={WARNING_COLOR_STYLE}
    >
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <AccountSection
              mode={mode}
              accounts={accounts}
              account={account}
              switching={switchingAccount}
              onChange={changeAccount}
              feedback={feedback(PATH.account)}
            />

            {mode.kind === 'new' && (
              <Stack gap={4}>
                <Text size="sm" fw={500} id={shapeLabelId}>
                  Tipo de cobrança
                </Text>
                <SegmentedControl
                  aria-labelledby={shapeLabelId}
                  value={shape}
                  onChange={(value) => changeShape(value as DraftShape)}
                  data={[
                    { value: 'single', label: 'Boleto único' },
                    { value: 'carne', label: 'Parcelado (carnê)' },
                  ]}
                  disabled={busy !== null}
                  maw={420}
                />
              </Stack>
            )}

            <Fieldset legend="Pagador">
              <Stack gap="sm">
                <PayerPicker picked={values.picked} onPick={pickPayer} onClear={clearPayer} />
                <PartyFields prefix="pagador" values={values.payer} onChange={setPayerField} feedback={feedback} full />
                {!values.picked && isCarne && (
                  <Text size="sm" c="dimmed">
                    O pagador entra no cadastro de pagadores junto com o carnê, se ainda não estiver lá.
                  </Text>
                )}
                {!values.picked && !isCarne && (
                  <Checkbox
                    label="Salvar no cadastro de pagadores"
                    description="O pagador fica disponível para os próximos boletos."
                    checked={values.savePayer}
                    onChange={(event) => update({ savePayer: event.currentTarget.checked })}
                  />
                )}
              </Stack>
            </Fieldset>

            {isCarne ? (
              <CarneFields values={carne} onChange={updateCarne} feedback={feedback} />
            ) : (
              <Fieldset legend="Boleto">
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <MoneyInput
                      label="Valor (R$)"
                      value={values.amount}
                      onChange={(text) => update({ amount: maskMoneyTyping(text) }, PATH.amount)}
                      {...feedbackProps(feedback(PATH.amount))}
                      data-path={PATH.amount}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <DateInput
                      label="Vencimento"
                      withAsterisk
                      value={values.dueDate || null}
                      onChange={(date) => update({ dueDate: date ?? '' }, PATH.dueDate)}
                      valueFormat="DD/MM/YYYY"
                      dateParser={parseBRDate}
                      placeholder="dd/mm/aaaa"
                      leftSection={<IconCalendar size={16} aria-hidden="true" />}
                      {...feedbackProps(feedback(PATH.dueDate))}
                      data-path={PATH.dueDate}
                      popoverProps={{ withinPortal: true }}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput
                      label="Seu número"
                      placeholder="gerado automaticamente"
                      description={
                        mode.kind === 'edit'
                          ? 'Não muda depois que o boleto é criado.'
                          : 'Código do boleto na sua empresa (até 15 caracteres).'
                      }
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      value={values.seuNumero}
                      readOnly={mode.kind === 'edit'}
                      maxLength={15}
                      onChange={(event) => update({ seuNumero: event.currentTarget.value }, PATH.seuNumero)}
                      {...feedbackProps(feedback(PATH.seuNumero))}
                      data-path={PATH.seuNumero}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </Grid.Col>
                </Grid>
              </Fieldset>
            )}

            <Fieldset legend="Juros, multa, desconto e instruções">
              <Stack gap="sm">
                <Text size="sm">{chargesSummary(values.charges)}</Text>
                {!chargesNeedAttention && (
                  <Group>
                    <Button
                      variant="light"
                      size="compact-sm"
                      onClick={() => setChargesOpen((o) => !o)}
                      aria-expanded={chargesShown}
                      leftSection={
                        chargesShown ? <IconChevronUp size={14} aria-hidden="true" /> : <IconChevronDown size={14} aria-hidden="true" />
                      }
                    >
                      {chargesShown ? 'Ocultar' : 'Alterar para este boleto'}
                    </Button>
                  </Group>
                )}
                {chargesShown && (
                  <ChargesFields
                    values={values.charges}
                    onChange={(key, value) => {
                      setValues((v) => ({ ...v, charges: { ...v.charges, [key]: value } }));
                      mark(chargesPath(key));
                    }}
                    onMessageChange={(i, text) => {
                      setValues((v) => {
                        const messages = [...v.charges.messages];
                        messages[i] = text;
                        return { ...v, charges: { ...v.charges, messages } };
                      });
                      mark(chargesPath(`messages.${i}`));
                    }}
                    feedback={chargesFeedback}
                    pathOf={chargesPath}
                    agendaLabel="Dias para aceitar após o vencimento"
                    agendaDescription={`Por quantos dias depois do vencimento o banco ainda aceita o pagamento (de 0 a ${MAX_AGENDA_DAYS}); depois disso o boleto é baixado.`}
                    deadlinesLegend="Prazo para pagamento"
                  />
                )}
              </Stack>
            </Fieldset>

            <FinalBeneficiarySection
              open={values.withFinalBeneficiary}
              onToggle={(open) => update({ withFinalBeneficiary: open })}
              values={values.finalBeneficiary}
              onChange={setBeneficiaryField}
              feedback={feedback}
            />

            {failure && failureShown && (
              <Alert
                color="red"
                title={conflict ? 'Alguém alterou este boleto' : failure.title}
                icon={<IconAlertCircle aria-hidden="true" />}
                tabIndex={-1}
                data-failure
              >
                <Stack gap="xs">
                  <Text size="sm">{failure.error.message}</Text>
                  {unplaced.map((p) => (
                    <Text size="sm" key={`${p.field}:${p.message}`}>
                      {p.message}
                    </Text>
                  ))}
                  {conflict && onReload && (
                    <Group>
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        leftSection={<IconRefresh size={14} aria-hidden="true" />}
                        onClick={onReload}
                      >
                        Recarregar o boleto
                      </Button>
                      <Text size="xs" c="dimmed">
                        As mudanças feitas aqui serão descartadas.
                      </Text>
                    </Group>
                  )}
                </Stack>
              </Alert>
            )}

            {issueBlocked && !isCarne && (
              <Alert role="note" color="gray" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
                A conta “{account?.name}” está com a integração direta desligada: salve o boleto como rascunho (ele
                pode ser impresso), ou ligue a integração em Contas bancárias para emitir.
              </Alert>
            )}

            {isCarne ? (
              <Group gap="sm">
                <Button
                  leftSection={<IconBook size={18} aria-hidden="true" />}
                  onClick={() => void submitCarne()}
                  loading={busy === 'carne'}
                  disabled={switchingAccount}
                >
                  Criar carnê (rascunhos)
                </Button>
                <Button variant="subtle" color="gray" onClick={cancel} disabled={busy !== null}>
                  Cancelar
                </Button>
                <Text size="sm" c="dimmed" maw={420}>
                  Os boletos são guardados como rascunhos; em seguida você pode emitir todos e imprimir o carnê.
                </Text>
              </Group>
            ) : (
              <Group gap="sm">
                <Button
                  leftSection={<IconSend size={18} aria-hidden="true" />}
                  onClick={() => void submit('issue')}
                  loading={busy === 'issue'}
                  disabled={busy === 'draft' || switchingAccount || issueBlocked}
                >
                  Emitir agora
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconDeviceFloppy size={18} aria-hidden="true" />}
                  rightSection={
                    <Text span size="xs" c="dimmed" aria-hidden="true">
                      <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">S</Kbd>
                    </Text>
                  }
                  onClick={() => void submit('draft')}
                  loading={busy === 'draft'}
                  disabled={busy === 'issue' || switchingAccount}
                  aria-keyshortcuts="Control+S"
                >
                  Salvar rascunho
                </Button>
                <Button variant="subtle" color="gray" onClick={cancel} disabled={busy !== null}>
                  Cancelar
                </Button>
              </Group>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 5 }}>
          <div style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-md))' }}>
            <DraftPreviewPanel
              state={previewState}
              messages={values.charges.messages}
              blocking={blocking}
              onGoTo={goTo}
              top={isCarne ? <CarnePlanPreview state={planState} /> : undefined}
              subject={isCarne ? 'carne' : 'boleto'}
            />
          </div>
        </Grid.Col>
      </Grid>

      <Modal opened={leaving} onClose={() => setLeaving(false)} title="Sair sem salvar?" centered>
        <Stack gap="md">
          <Text size="sm">
            {mode.kind === 'new'
              ? isCarne
                ? 'O carnê preenchido aqui não foi criado e será descartado.'
                : 'O boleto preenchido aqui não foi salvo e será descartado.'
              : 'As mudanças feitas neste boleto não foram salvas e serão descartadas.'}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setLeaving(false)}>
              Continuar editando
            </Button>
            <Button color="red" onClick={() => navigate(exitPath)}>
              Descartar e sair
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}


function isChargesPath(path: string): boolean {
  return /^(juros|multa|desconto|mensagem)\./.test(path) || path === 'numDiasAgenda';
}

/** The charges in one line, for when their inputs are hidden. */
export function chargesSummary(c: ChargesValues): string {
  const parts: string[] = [];
  if (c.interestCode === 'TAXAMENSAL') parts.push(`Juros de ${c.interestRate || '?'}% ao mês`);
  else if (c.interestCode === 'VALORDIA') parts.push(`Juros de R$ ${c.interestAmount || '?'} por dia`);
  else parts.push('Sem juros');
  if (c.fineCode === 'PERCENTUAL') parts.push(`multa de ${c.fineRate || '?'}%`);
  else if (c.fineCode === 'VALORFIXO') parts.push(`multa de R$ ${c.fineAmount || '?'}`);
  else parts.push('sem multa');
  if (c.discountCode !== '') {
    const what = c.discountCode === 'PERCENTUALDATAINFORMADA' ? `${c.discountRate || '?'}%` : `R$ ${c.discountAmount || '?'}`;
    const days = Number(c.discountDaysBefore);
    parts.push(days > 0 ? `desconto de ${what} até ${days} ${days === 1 ? 'dia' : 'dias'} antes` : `desconto de ${what} até o vencimento`);
  } else {
    parts.push('sem desconto');
  }
  const agenda = Number(c.agendaDays);
  parts.push(
    agenda > 0
      ? `pago até ${agenda} ${agenda === 1 ? 'dia' : 'dias'} após o vencimento`
      : 'não aceita pagamento após o vencimento',
  );
  const lines = c.messages.filter((m) => m.trim() !== '').length;
  parts.push(lines === 0 ? 'sem mensagem' : lines === 1 ? '1 linha de mensagem' : `${lines} linhas de mensagem`);
  return `${parts.join(', ')}.`;
}

/** The payer could not be registered: nothing else was attempted. */
class PayerNotSaved extends Error {
  constructor(readonly error: BackendError) {
    super(error.message);
  }
}

interface AccountSectionProps {
  mode: DraftMode;
  accounts: AccountView[];
  account: AccountView | undefined;
  switching: boolean;
  onChange: (id: number) => void;
  feedback: FieldFeedback;
}

/** The account that issues the boleto: a choice when there are several (only in a new one). */
function AccountSection({ mode, accounts, account, switching, onChange, feedback }: AccountSectionProps) {
  const choose = mode.kind === 'new' && accounts.length > 1;
  return (
    <Stack gap="xs">
      {choose ? (
        <NativeSelect
          label="Conta que emite o boleto"
          data={accounts.map((a) => ({ value: String(a.id), label: a.isSimulation ? `${a.name} (simulação)` : a.name }))}
          value={account ? String(account.id) : ''}
          onChange={(event) => onChange(Number(event.currentTarget.value))}
          disabled={switching}
          description="Juros, multa, desconto e instruções vêm dos parâmetros desta conta."
          {...feedbackProps(feedback)}
          data-path={PATH.account}
          maw={520}
        />
      ) : (
        <Group gap="sm" data-path={PATH.account} tabIndex={-1}>
          <Text size="sm">
            Conta: <strong>{account?.name ?? 'desconhecida'}</strong>
          </Text>
          {account && <AccountBadges account={account} />}
        </Group>
      )}
      {account?.isSimulation && (
        <Alert role="note" color="yellow" variant="light" p="xs" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text size="sm">
            Conta de demonstração: o boleto vai para um banco simulado neste computador; nada chega ao Banco Inter.
          </Text>
        </Alert>
      )}
      {!choose && feedback.error && (
        <Text size="sm" c="red.8">
          {feedback.error}
        </Text>
      )}
    </Stack>
  );
}

interface FinalBeneficiarySectionProps {
  open: boolean;
  onToggle: (open: boolean) => void;
  values: PartyDTO;
  onChange: (key: PartyKey, value: string) => void;
  feedback: (path: string) => FieldFeedback;
}

/** Sacador/avalista (beneficiário final): rarely used, so collapsed until asked for. */
function FinalBeneficiarySection({ open, onToggle, values, onChange, feedback }: FinalBeneficiarySectionProps) {
  return (
    <Fieldset legend="Sacador/avalista (opcional)">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Quem aparece no boleto como beneficiário final, quando a cobrança é feita em nome de outra pessoa ou
          empresa.
        </Text>
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => onToggle(!open)}
            aria-expanded={open}
            leftSection={open ? <IconChevronUp size={14} aria-hidden="true" /> : <IconChevronDown size={14} aria-hidden="true" />}
          >
            {open ? 'Remover sacador/avalista' : 'Informar sacador/avalista'}
          </Button>
        </Group>
        <Collapse expanded={open}>
          {open && <PartyFields prefix="beneficiarioFinal" values={values} onChange={onChange} feedback={feedback} full={false} />}
        </Collapse>
      </Stack>
    </Fieldset>
  );
}

