import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  createDraft,
  createInstallments,
  createPayer,
  getBatch,
  getDocument,
  issueBoletos,
  issueNow,
  listAccounts,
  newDraft,
  onEvent,
  openPdf,
  planInstallments,
  previewDraft,
  searchPayers,
  type BoletoRow,
  type DocumentView,
  type InstallmentPlanInput,
  type PlannedInstallmentRow,
} from '../../../lib/backend';
import { NewBoletoPage } from '../../../pages/NewBoletoPage';
import { batch, row } from '../testFixtures';
import { demoAccount, emptyPreview, newDemoDraft } from './testFixtures';

vi.mock('../../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/backend')>()),
  listAccounts: vi.fn(),
  newDraft: vi.fn(),
  previewDraft: vi.fn(),
  planInstallments: vi.fn(),
  createInstallments: vi.fn(),
  createDraft: vi.fn(),
  issueNow: vi.fn(),
  issueBoletos: vi.fn(),
  getBatch: vi.fn(),
  getDocument: vi.fn(),
  openPdf: vi.fn(),
  savePdf: vi.fn(),
  searchPayers: vi.fn(),
  createPayer: vi.fn(),
  onEvent: vi.fn(),
}));

/** Shows where the app went (path and query). */
function Where() {
  const location = useLocation();
  return <p>Tela {location.pathname + location.search}</p>;
}

function renderNew() {
  return render(
    <MantineProvider>
      <Notifications />
      <MemoryRouter initialEntries={['/boletos/novo']}>
        <Routes>
          <Route path="/boletos/novo" element={<NewBoletoPage />} />
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>
    </MantineProvider>,
  );
}

/** The backend's split, for the mock: the remainder goes on the last installment, monthly. */
function split(plan: InstallmentPlanInput): PlannedInstallmentRow[] {
  const rows: PlannedInstallmentRow[] = [];
  if (plan.downPaymentCents > 0) {
    rows.push({ label: 'Entrada', dueDate: plan.downPaymentDate, amountCents: plan.downPaymentCents, downPayment: true });
  }
  const rest = plan.totalCents - plan.downPaymentCents;
  const each = Math.floor(rest / plan.count);
  const [y, m, d] = plan.firstDueDate.split('-').map(Number);
  for (let i = 0; i < plan.count; i++) {
    const month = m - 1 + i;
    const due = `${y + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    rows.push({
      label: `${i + 1}/${plan.count}`,
      dueDate: due,
      amountCents: i === plan.count - 1 ? rest - each * (plan.count - 1) : each,
      downPayment: false,
    });
  }
  return rows;
}

const COUNT_MESSAGE = 'Informe o número de parcelas (1 a 120).';
const DOWN_DATE_MESSAGE =
  'O vencimento da entrada (10/01/2027) deve ser antes do primeiro vencimento das parcelas (10/12/2026).';

/** A planner that refuses as the backend does what the tests need refused. */
async function planner(plan: InstallmentPlanInput): Promise<PlannedInstallmentRow[]> {
  const fields = [];
  if (plan.count <= 0) fields.push({ field: 'parcelas', message: COUNT_MESSAGE });
  if (plan.downPaymentDate && plan.downPaymentDate >= plan.firstDueDate) {
    fields.push({ field: 'entrada.vencimento', message: DOWN_DATE_MESSAGE });
  }
  if (plan.totalCents <= 0) fields.push({ field: 'valor', message: 'Informe o valor total do parcelamento (mínimo R$ 2,50).' });
  if (fields.length > 0) throw new BackendError('invalid_input', 'O parcelamento não pode ser feito.', { fields });
  return split(plan);
}

const IDS = Array.from({ length: 11 }, (_, i) => 101 + i);

function carneBoletos(state: string, stateLabel: string): BoletoRow[] {
  return split({
    totalCents: 123457,
    count: 10,
    firstDueDate: '2026-12-10',
    intervalDays: 0,
    downPaymentCents: 20000,
    downPaymentDate: '2026-11-20',
    documentKind: '',
    documentNumber: '',
  }).map((p, i) =>
    row({
      id: IDS[i],
      seuNumero: `C${String(IDS[i]).padStart(7, '0')}`,
      state,
      stateLabel,
      amountCents: p.amountCents,
      dueDate: p.dueDate,
      installment: `${i + 1}/11`,
      payerName: 'Maria da Conceição Souza',
    }),
  );
}

function carneDocument(boletos: BoletoRow[]): DocumentView {
  return {
    id: 9,
    kind: 'manual',
    label: 'parcelamento',
    kindLabel: 'parcelamento',
    number: '',
    series: '',
    accessKey: '',
    issueDate: '2026-11-27',
    totalCents: 123457,
    boletos,
  };
}

beforeEach(() => {
  vi.mocked(listAccounts).mockResolvedValue([demoAccount]);
  vi.mocked(newDraft).mockImplementation(async (accountId) => ({ ...structuredClone(newDemoDraft), accountId }));
  vi.mocked(previewDraft).mockResolvedValue(emptyPreview);
  // The live preview answers a half-typed plan with its problems.
  vi.mocked(planInstallments).mockImplementation(async (plan) => {
    try {
      return { rows: await planner(plan), problems: [] };
    } catch (e) {
      if (e instanceof BackendError) return { rows: [], problems: e.fields };
      throw e;
    }
  });
  // The backend checks the plan again before creating anything.
  vi.mocked(createInstallments).mockImplementation(async (plan) => {
    await planner(plan);
    return { documentId: 9, ids: IDS };
  });
  vi.mocked(searchPayers).mockResolvedValue([]);
  vi.mocked(onEvent).mockReturnValue(() => {});
});

type User = ReturnType<typeof userEvent.setup>;

const field = (name: string) => screen.getByRole('textbox', { name });

/** Types a whole value at once, as a paste: much faster than key by key in jsdom. */
async function fill(user: User, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}

async function openCarne(user: User) {
  renderNew();
  await screen.findByRole('form', { name: 'Novo boleto' });
  await user.click(screen.getByRole('radio', { name: 'Parcelado (carnê)' }));
}

/** R$ 1.234,57 in 10 monthly installments from 10/12/2026, with R$ 200,00 down on 20/11/2026. */
async function fillPlan(user: User) {
  await fill(user, field('Valor total (R$)'), '1.234,57');
  await fill(user, field('Número de parcelas'), '10');
  await fill(user, field('Valor da entrada (R$)'), '200');
  await fill(user, field('Vencimento da entrada'), '20/11/2026');
  await user.tab();
}

async function typePayer(user: User) {
  const payer = screen.getByRole('group', { name: 'Pagador' });
  await fill(user, within(payer).getByRole('textbox', { name: 'CPF ou CNPJ' }), '52998224725');
  await fill(user, within(payer).getByRole('textbox', { name: 'Nome ou razão social' }), 'Maria da Conceição Souza');
  await fill(user, within(payer).getByRole('textbox', { name: 'CEP' }), '01310100');
  await fill(user, within(payer).getByRole('textbox', { name: 'Endereço' }), 'Avenida Paulista');
  await fill(user, within(payer).getByRole('textbox', { name: 'Cidade' }), 'São Paulo');
  await user.selectOptions(within(payer).getByRole('combobox', { name: 'UF' }), 'SP');
}

const PLAN = {
  totalCents: 123457,
  count: 10,
  firstDueDate: '2026-12-10',
  intervalDays: 0,
  downPaymentCents: 20000,
  downPaymentDate: '2026-11-20',
  documentKind: '',
  documentNumber: '',
};

// Many inputs are filled per test, and jsdom renders Mantine slowly on a busy machine.
describe('Novo boleto, Parcelado (carnê)', { timeout: 60_000 }, () => {
  it('swaps the amount and due date for the plan, and keeps the payer and the charges', async () => {
    const user = userEvent.setup();
    await openCarne(user);

    expect(screen.queryByRole('textbox', { name: 'Valor (R$)' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Seu número' })).not.toBeInTheDocument();
    expect(field('Primeiro vencimento')).toHaveValue('10/12/2026');
    expect(screen.getByRole('combobox', { name: 'Intervalo entre as parcelas' })).toHaveValue('monthly');
    expect(screen.getByRole('combobox', { name: 'Tipo de documento' })).toHaveValue('');
    expect(screen.getByRole('option', { name: 'Parcelamento' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Pagador' })).toBeInTheDocument();
    expect(screen.getByText(/Juros de 1,00% ao mês, multa de 2,00%/)).toBeInTheDocument();
    // The payer always goes to the register with a carnê: no checkbox to ask.
    expect(screen.queryByRole('checkbox', { name: /Salvar no cadastro de pagadores/ })).not.toBeInTheDocument();
    expect(screen.getByText(/O pagador entra no cadastro de pagadores junto com o carnê/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Criar carnê (rascunhos)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Emitir agora' })).not.toBeInTheDocument();

    // Back to one boleto: its fields are there again.
    await user.click(screen.getByRole('radio', { name: 'Boleto único' }));
    expect(field('Valor (R$)')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Valor total (R$)' })).not.toBeInTheDocument();
  });

  it('previews each installment with its date and amount, the remainder on the last, and the total', async () => {
    const user = userEvent.setup();
    await openCarne(user);
    await fillPlan(user);

    const table = await screen.findByRole('table', { name: 'Parcelas do carnê' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(13));
    expect(vi.mocked(planInstallments).mock.lastCall?.[0]).toEqual(PLAN);
    const cells = within(table)
      .getAllByRole('row')
      .map((r) => within(r).queryAllByRole('cell').map((c) => c.textContent));
    expect(cells[1]).toEqual(['Entrada', '20/11/2026', 'R$ 200,00']);
    expect(cells[2]).toEqual(['1/10', '10/12/2026', 'R$ 103,45']);
    expect(cells[3]).toEqual(['2/10', '10/01/2027', 'R$ 103,45']);
    // R$ 1.034,57 in ten: nine of R$ 103,45 and the last with the 7 centavos left over.
    expect(cells[11]).toEqual(['10/10', '10/09/2027', 'R$ 103,52']);
    const total = within(table).getAllByRole('row')[12];
    expect(total).toHaveTextContent('Total (entrada e 10 parcelas)');
    expect(total).toHaveTextContent('R$ 1.234,57');
  });

  it('shows the problems of the plan beside their fields', async () => {
    const user = userEvent.setup();
    await openCarne(user);
    await fill(user, field('Valor total (R$)'), '1.000');
    await fill(user, field('Número de parcelas'), '10');
    await fill(user, field('Valor da entrada (R$)'), '100');
    await fill(user, field('Vencimento da entrada'), '10/01/2027');
    await user.tab();

    await waitFor(() =>
      expect(field('Vencimento da entrada')).toHaveAccessibleDescription(expect.stringContaining(DOWN_DATE_MESSAGE)),
    );
    expect(field('Vencimento da entrada')).toBeInvalid();
    expect(field('Número de parcelas')).toBeValid();
    expect(screen.getByText('Corrija o parcelamento para ver as parcelas.')).toBeInTheDocument();

    await user.clear(field('Número de parcelas'));
    await waitFor(() =>
      expect(field('Número de parcelas')).toHaveAccessibleDescription(expect.stringContaining(COUNT_MESSAGE)),
    );
    expect(field('Número de parcelas')).toBeInvalid();
    // What stops the carnê is listed beside the form too.
    const checklist = screen.getByRole('list', { name: 'O que falta para emitir' });
    expect(within(checklist).getByText(COUNT_MESSAGE)).toBeInTheDocument();

    // The backend refuses the same plan when asked to create it: the field is focused.
    await user.click(screen.getByRole('button', { name: 'Criar carnê (rascunhos)' }));
    expect(await screen.findByText('O carnê não foi criado')).toBeInTheDocument();
    expect(createInstallments).toHaveBeenCalledOnce();
    await waitFor(() => expect(field('Número de parcelas')).toHaveFocus());
    expect(screen.queryByRole('region', { name: 'Carnê criado' })).not.toBeInTheDocument();
  });

  it('creates the drafts with the plan and the form, then offers Emitir todos, Imprimir carnê and Ver na lista', async () => {
    vi.mocked(getDocument).mockResolvedValue(carneDocument(carneBoletos('draft', 'Rascunho')));
    vi.mocked(issueBoletos).mockResolvedValue(batch({ job: 'carne-1', total: 11, remaining: 11 }));
    vi.mocked(getBatch).mockResolvedValue(batch({ job: 'carne-1', total: 11, remaining: 11 }));
    vi.mocked(openPdf).mockResolvedValue('carne.pdf');
    const user = userEvent.setup();
    await openCarne(user);
    await typePayer(user);
    await fillPlan(user);
    await screen.findByRole('table', { name: 'Parcelas do carnê' });

    await user.click(screen.getByRole('button', { name: 'Criar carnê (rascunhos)' }));

    const created = await screen.findByRole('region', { name: 'Carnê criado' });
    expect(createInstallments).toHaveBeenCalledOnce();
    const [plan, form] = vi.mocked(createInstallments).mock.calls[0];
    expect(plan).toEqual(PLAN);
    expect(form).toMatchObject({
      accountId: demoAccount.id,
      payerId: 0,
      payer: { document: '529.982.247-25', name: 'Maria da Conceição Souza', cep: '01310-100', uf: 'SP' },
      charges: { interestCode: 'TAXAMENSAL', interestRateBp: 100, fineCode: 'PERCENTUAL', fineRateBp: 200, agendaDays: 30 },
    });
    expect(form.charges.messages).toEqual(['Boleto de demonstração: simulação, sem valor de pagamento.']);
    expect(createDraft).not.toHaveBeenCalled();
    expect(issueNow).not.toHaveBeenCalled();
    expect(createPayer).not.toHaveBeenCalled();

    expect(within(created).getByText(/11 boletos guardados como rascunho para Maria da Conceição Souza/)).toBeInTheDocument();
    expect(within(created).getByRole('link', { name: 'Parcelamento' })).toHaveAttribute('href', '/documentos/9');
    const table = await within(created).findByRole('table', { name: 'Boletos do carnê' });
    expect(within(table).getAllByRole('row')).toHaveLength(12);
    expect(within(table).getAllByText('Rascunho')).toHaveLength(11);
    expect(within(created).getByRole('status', { name: 'Totais do documento' })).toHaveTextContent(
      '11 boletos · R$ 1.234,57 · pago R$ 0,00 · 11 rascunhos a emitir',
    );

    await user.click(within(created).getByRole('button', { name: 'Imprimir carnê' }));
    expect(openPdf).toHaveBeenCalledExactlyOnceWith({ ids: IDS, layout: 'carne' });

    await user.click(within(created).getByRole('button', { name: 'Emitir todos (11)' }));
    expect(issueBoletos).toHaveBeenCalledExactlyOnceWith(IDS);
    const dialog = await screen.findByRole('dialog', { name: 'Emitindo boletos' });
    expect(within(dialog).getByText('0 de 11 emitidos · 0 com falha · 11 restantes')).toBeInTheDocument();

    await user.click(within(created).getByRole('link', { name: 'Ver na lista' }));
    expect(await screen.findByText('Tela /boletos?doc=9')).toBeInTheDocument();
  });

  it('says beside the number when the document already has boletos, and creates nothing', async () => {
    const message = 'O pedido de venda 55 já tem boletos gerados; abra-o na lista de boletos.';
    vi.mocked(createInstallments).mockRejectedValue(new BackendError('conflict', message));
    const user = userEvent.setup();
    await openCarne(user);
    await typePayer(user);
    await fillPlan(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tipo de documento' }), 'sales_order');
    await fill(user, field('Número do documento'), '55');

    await user.click(screen.getByRole('button', { name: 'Criar carnê (rascunhos)' }));

    expect(await screen.findByText('O carnê não foi criado')).toBeInTheDocument();
    expect(field('Número do documento')).toHaveAccessibleDescription(expect.stringContaining(message));
    await waitFor(() => expect(field('Número do documento')).toHaveFocus());
    expect(vi.mocked(createInstallments).mock.calls[0][0]).toMatchObject({ documentKind: 'sales_order', documentNumber: '55' });
    expect(screen.queryByRole('region', { name: 'Carnê criado' })).not.toBeInTheDocument();
  });

  it('checks the payer and charges as the first boleto of the plan: a past date goes beside its field', async () => {
    vi.mocked(previewDraft).mockImplementation(async (input) => ({
      ...emptyPreview,
      problems:
        input.dueDate === '2026-11-20'
          ? [{ field: 'vencimento', message: 'A data de vencimento (20/11/2026) já passou.', warning: false }]
          : [{ field: 'valor', message: 'Informe o valor do boleto (mínimo R$ 2,50).', warning: false }],
    }));
    const user = userEvent.setup();
    await openCarne(user);
    await fillPlan(user);

    await waitFor(() => expect(field('Vencimento da entrada')).toHaveAccessibleDescription(/já passou/));
    expect(vi.mocked(previewDraft).mock.lastCall?.[0]).toMatchObject({ amountCents: 20000, dueDate: '2026-11-20' });
    // The amount of one boleto is not a carnê's concern.
    expect(screen.queryByText('Informe o valor do boleto (mínimo R$ 2,50).')).not.toBeInTheDocument();
  });
});
