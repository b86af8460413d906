import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  createDraft,
  createPayer,
  getBoleto,
  getDraft,
  issueBoletos,
  issueNow,
  listAccounts,
  newDraft,
  previewDraft,
  searchPayers,
  updateDraft,
  type DraftInput,
} from '../../../lib/backend';
import { NewBoletoPage } from '../../../pages/NewBoletoPage';
import { productionAccount } from '../../accounts/testFixtures';
import { boletoDetail, demoAccount, emptyPreview, maria, newDemoDraft } from './testFixtures';

vi.mock('../../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/backend')>()),
  listAccounts: vi.fn(),
  newDraft: vi.fn(),
  previewDraft: vi.fn(),
  createDraft: vi.fn(),
  updateDraft: vi.fn(),
  getDraft: vi.fn(),
  getBoleto: vi.fn(),
  issueNow: vi.fn(),
  issueBoletos: vi.fn(),
  searchPayers: vi.fn(),
  createPayer: vi.fn(),
}));

type User = ReturnType<typeof userEvent.setup>;

/** Where a successful save lands: the detail is another screen; here it only shows the id. */
function DetailStub() {
  const { id } = useParams();
  return <p>Detalhe do boleto {id}</p>;
}

function renderAt(path: string) {
  return render(
    <MantineProvider>
      <Notifications />
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/boletos/novo" element={<NewBoletoPage />} />
          <Route path="/boletos/:id/editar" element={<NewBoletoPage />} />
          <Route path="/boletos/:id" element={<DetailStub />} />
          <Route path="/contas" element={<p>Tela de contas</p>} />
        </Routes>
      </MemoryRouter>
    </MantineProvider>,
  );
}

beforeEach(() => {
  vi.mocked(listAccounts).mockResolvedValue([demoAccount]);
  vi.mocked(newDraft).mockImplementation(async (accountId) => ({ ...structuredClone(newDemoDraft), accountId }));
  vi.mocked(previewDraft).mockResolvedValue(emptyPreview);
  vi.mocked(searchPayers).mockResolvedValue([]);
});

const payerGroup = () => screen.getByRole('group', { name: 'Pagador' });
const payerField = (name: string) => within(payerGroup()).getByRole('textbox', { name });
const amountField = () => screen.getByRole('textbox', { name: 'Valor (R$)' });
const dueField = () => screen.getByRole('textbox', { name: 'Vencimento' });

async function openNew() {
  renderAt('/boletos/novo');
  return screen.findByRole('form', { name: 'Novo boleto' });
}

/** The argument of the last call of a mocked save. */
function lastInput(fn: typeof createDraft | typeof issueNow): DraftInput {
  const calls = vi.mocked(fn).mock.calls;
  return calls[calls.length - 1][0];
}

async function typePayer(user: User) {
  await user.type(payerField('CPF ou CNPJ'), '52998224725');
  await user.type(payerField('Nome ou razão social'), 'Maria da Conceição Souza');
  await user.type(payerField('CEP'), '01310100');
  await user.type(payerField('Endereço'), 'Avenida Paulista');
  await user.type(payerField('Cidade'), 'São Paulo');
  await user.selectOptions(within(payerGroup()).getByRole('combobox', { name: 'UF' }), 'SP');
}

describe('Novo boleto', () => {
  it('starts with the only account and its charges, and says when it is a simulation', async () => {
    await openNew();
    expect(newDraft).toHaveBeenCalledExactlyOnceWith(demoAccount.id);
    expect(screen.getByText('Conta de demonstração', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByText(/nada chega ao Banco Inter/)).toBeInTheDocument();
    expect(dueField()).toHaveValue('10/12/2026');
    expect(screen.getByRole('textbox', { name: 'Seu número' })).toHaveAttribute('placeholder', 'gerado automaticamente');
    expect(
      screen.getByText(
        'Juros de 1,00% ao mês, multa de 2,00%, sem desconto, pago até 30 dias após o vencimento, 1 linha de mensagem.',
      ),
    ).toBeInTheDocument();

    // The charges open for this boleto only, filled from the account.
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Alterar para este boleto' }));
    expect(screen.getByRole('textbox', { name: 'Taxa de juros (% ao mês)' })).toHaveValue('1,00');
    expect(screen.getByRole('textbox', { name: 'Dias para aceitar após o vencimento' })).toHaveValue('30');
    expect(screen.getByRole('textbox', { name: 'Linha 1' })).toHaveAccessibleDescription('58 de 78 caracteres');
  });

  it('asks for the account first when there are several', async () => {
    vi.mocked(listAccounts).mockResolvedValue([productionAccount, demoAccount]);
    const user = userEvent.setup();
    renderAt('/boletos/novo');

    const select = await screen.findByRole('combobox', { name: 'Conta que emite o boleto' });
    expect(newDraft).not.toHaveBeenCalled();
    await user.selectOptions(select, String(productionAccount.id));

    await screen.findByRole('form', { name: 'Novo boleto' });
    expect(newDraft).toHaveBeenCalledExactlyOnceWith(productionAccount.id);
    expect(screen.getByRole('combobox', { name: 'Conta que emite o boleto' })).toHaveValue(String(productionAccount.id));
  });

  it('points to Contas bancárias when there is no account', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    renderAt('/boletos/novo');

    expect(await screen.findByText('Nenhuma conta bancária cadastrada')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '/contas');
    expect(newDraft).not.toHaveBeenCalled();
  });

  it('fills the payer fields from the register when a payer is picked', async () => {
    vi.mocked(searchPayers).mockImplementation(async (query) => (query === 'concei' ? [maria] : []));
    vi.mocked(createDraft).mockResolvedValue(boletoDetail());
    const user = userEvent.setup();
    await openNew();

    const search = screen.getByRole('searchbox', { name: 'Buscar no cadastro de pagadores' });
    await user.type(search, 'concei');
    // jsdom lays nothing out, so the dropdown counts as detached from its input and stays
    // display:none; the option is there all the same, and the keyboard chooses it.
    expect(
      await screen.findByRole('option', { name: 'Maria da Conceição Souza — 529.982.247-25', hidden: true }),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');

    expect(payerField('CPF ou CNPJ')).toHaveValue('529.982.247-25');
    expect(payerField('Nome ou razão social')).toHaveValue('Maria da Conceição Souza');
    expect(payerField('CEP')).toHaveValue('01310-100');
    expect(payerField('Endereço')).toHaveValue('Avenida Paulista');
    expect(payerField('Número')).toHaveValue('1000');
    expect(payerField('Bairro')).toHaveValue('Bela Vista');
    expect(within(payerGroup()).getByRole('combobox', { name: 'UF' })).toHaveValue('SP');
    expect(payerField('Telefone')).toHaveValue('98765-4321');
    expect(screen.getByRole('status', { name: 'Pagador do cadastro' })).toHaveTextContent('Maria da Conceição Souza');
    // Already in the register: nothing to save there.
    expect(screen.queryByRole('checkbox', { name: /Salvar no cadastro de pagadores/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));
    await screen.findByText('Detalhe do boleto 42');
    expect(lastInput(createDraft)).toMatchObject({
      payerId: 7,
      payer: { document: '529.982.247-25', name: 'Maria da Conceição Souza', cep: '01310-100', uf: 'SP', phone: '98765-4321' },
    });
    expect(createPayer).not.toHaveBeenCalled();
  });

  it('sends the amount typed "1.234,56" as 123456 centavos', async () => {
    vi.mocked(createDraft).mockResolvedValue(boletoDetail());
    const user = userEvent.setup();
    await openNew();

    await user.type(amountField(), 'R$ 1.234,567');
    expect(amountField()).toHaveValue('1.234,56');
    await user.tab();
    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    await screen.findByText('Detalhe do boleto 42');
    expect(createDraft).toHaveBeenCalledOnce();
    expect(lastInput(createDraft).amountCents).toBe(123456);
    expect(await screen.findByText('Rascunho salvo')).toBeInTheDocument();
  });

  it('tidies the amount when the field is left: "10" is R$ 10,00', async () => {
    const user = userEvent.setup();
    await openNew();
    await user.type(amountField(), '10');
    await user.tab();
    expect(amountField()).toHaveValue('10,00');
  });

  it("maps the backend's refusal of \"Emitir agora\" beside the right fields, focuses the first and saves nothing", async () => {
    const dueMessage = 'A data de vencimento (01/01/2020) já passou. Escolha hoje (27/11/2026) ou uma data futura.';
    const cepMessage = 'CEP inválido: deve ter 8 números; foram informados 4.';
    vi.mocked(issueNow).mockRejectedValue(
      new BackendError('invalid_input', 'O boleto não pode ser emitido: há 2 problemas a corrigir.', {
        fields: [
          { field: 'vencimento', message: dueMessage },
          { field: 'pagador.cep', message: cepMessage },
        ],
      }),
    );
    const user = userEvent.setup();
    await openNew();
    await user.type(amountField(), '150');
    await user.type(payerField('Nome ou razão social'), 'Maria');

    await user.click(screen.getByRole('button', { name: 'Emitir agora' }));

    expect(await screen.findByText('O boleto não pode ser emitido: há 2 problemas a corrigir.')).toBeInTheDocument();
    expect(dueField()).toHaveAccessibleDescription(dueMessage);
    expect(dueField()).toBeInvalid();
    expect(payerField('CEP')).toHaveAccessibleDescription(cepMessage);
    expect(payerField('Nome ou razão social')).toBeValid();
    expect(amountField()).toBeValid();
    // The payer comes first in the form: its CEP is focused.
    await waitFor(() => expect(payerField('CEP')).toHaveFocus());
    expect(issueNow).toHaveBeenCalledOnce();
    expect(createDraft).not.toHaveBeenCalled();
    expect(createPayer).not.toHaveBeenCalled();
    expect(screen.queryByText(/Detalhe do boleto/)).not.toBeInTheDocument();

    // Typing in the CEP clears its refusal; the due date keeps its own.
    await user.type(payerField('CEP'), '1');
    expect(payerField('CEP')).toBeValid();
    expect(dueField()).toBeInvalid();

    // Once every refused field was changed, the refusal goes away.
    await user.clear(dueField());
    await user.type(dueField(), '11/12/2026');
    expect(dueField()).toBeValid();
    expect(screen.queryByText('O boleto não pode ser emitido: há 2 problemas a corrigir.')).not.toBeInTheDocument();
  });

  it('issues with "Emitir agora" and opens the boleto, where its state is followed', async () => {
    vi.mocked(issueNow).mockResolvedValue(boletoDetail({ id: 43, seuNumero: 'B0000043', state: 'queued', stateLabel: 'Na fila', edit: false }));
    const user = userEvent.setup();
    await openNew();
    await typePayer(user);
    await user.type(amountField(), '150,00');

    await user.click(screen.getByRole('button', { name: 'Emitir agora' }));

    await screen.findByText('Detalhe do boleto 43');
    expect(lastInput(issueNow)).toMatchObject({ accountId: 1, amountCents: 15000, dueDate: '2026-12-10', payerId: 0 });
    expect(await screen.findByText('Boleto enviado para emissão')).toBeInTheDocument();
    expect(createDraft).not.toHaveBeenCalled();
  });

  it('registers a payer typed here before saving, with "Salvar no cadastro de pagadores"', async () => {
    vi.mocked(createPayer).mockResolvedValue(maria);
    vi.mocked(createDraft).mockResolvedValue(boletoDetail());
    const user = userEvent.setup();
    await openNew();
    await typePayer(user);
    await user.click(screen.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }));

    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    await screen.findByText('Detalhe do boleto 42');
    expect(createPayer).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ document: '529.982.247-25', name: 'Maria da Conceição Souza', cep: '01310-100', uf: 'SP' }),
    );
    expect(lastInput(createDraft).payerId).toBe(7);
    expect(vi.mocked(createPayer).mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(createDraft).mock.invocationCallOrder[0]);
  });

  it('saves nothing when the payer cannot be registered, and says why beside the field', async () => {
    const cpfMessage = 'CPF inválido: dígitos verificadores não conferem. Confira o número digitado.';
    vi.mocked(createPayer).mockRejectedValue(
      new BackendError('invalid_input', 'Há 1 problema no cadastro do pagador.', {
        fields: [{ field: 'document', message: cpfMessage }],
      }),
    );
    const user = userEvent.setup();
    await openNew();
    await user.type(payerField('CPF ou CNPJ'), '12345678900');
    await user.click(screen.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }));

    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    expect(await screen.findByText('O pagador não foi cadastrado')).toBeInTheDocument();
    expect(screen.getByText(/Nada foi salvo/)).toBeInTheDocument();
    expect(payerField('CPF ou CNPJ')).toHaveAccessibleDescription(cpfMessage);
    expect(createDraft).not.toHaveBeenCalled();
    expect(issueNow).not.toHaveBeenCalled();
  });

  it('checks before registering the payer on "Emitir agora": an invalid boleto leaves nothing behind', async () => {
    vi.mocked(previewDraft).mockResolvedValue({
      ...emptyPreview,
      problems: [{ field: 'valor', message: 'Informe o valor do boleto (mínimo R$ 2,50).', warning: false }],
    });
    const user = userEvent.setup();
    await openNew();
    await typePayer(user);
    await user.click(screen.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }));

    await user.click(screen.getByRole('button', { name: 'Emitir agora' }));

    await waitFor(() => expect(amountField()).toHaveAccessibleDescription('Informe o valor do boleto (mínimo R$ 2,50).'));
    expect(createPayer).not.toHaveBeenCalled();
    expect(issueNow).not.toHaveBeenCalled();
  });

  it('shows what the payer pays on each date, the instructions in words, and warnings in yellow', async () => {
    vi.mocked(previewDraft).mockResolvedValue({
      problems: [
        { field: 'pagador.cep', message: 'O CEP 01310-100 não pertence à faixa de CEPs de RJ. Confira o CEP e a UF do pagador.', warning: true },
        { field: 'vencimento', message: 'A data de vencimento (01/01/2020) já passou. Escolha hoje (27/11/2026) ou uma data futura.', warning: false },
      ],
      amountDue: [
        { date: '2026-12-05', label: 'Até 5 dias antes (com desconto)', totalCents: 122456, discountCents: 1000, fineCents: 0, interestCents: 0, expired: false },
        { date: '2026-12-10', label: 'No vencimento', totalCents: 123456, discountCents: 0, fineCents: 0, interestCents: 0, expired: false },
        { date: '2026-12-11', label: '1 dia após o vencimento', totalCents: 125966, discountCents: 0, fineCents: 2469, interestCents: 41, expired: false },
      ],
      instructions: ['Após o vencimento, cobrar multa de 2,00%.', 'Juros de 1,00% ao mês (R$ 0,41 por dia de atraso).'],
    });
    const user = userEvent.setup();
    await openNew();
    await user.type(payerField('CEP'), '01310100');

    const table = await screen.findByRole('table', { name: 'Quanto o pagador paga' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['05/12/2026Até 5 dias antes (com desconto)', 'R$ 1.224,56desconto −R$ 10,00'],
      ['10/12/2026No vencimento', 'R$ 1.234,56'],
      ['11/12/20261 dia após o vencimento', 'R$ 1.259,66multa +R$ 24,69 · juros +R$ 0,41'],
    ]);
    const instructions = screen.getByRole('list', { name: 'Instruções' });
    expect(within(instructions).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Após o vencimento, cobrar multa de 2,00%.',
      'Juros de 1,00% ao mês (R$ 0,41 por dia de atraso).',
      'Boleto de demonstração: simulação, sem valor de pagamento.',
    ]);

    // The warning is read with the CEP and does not mark it invalid; the past due date does.
    expect(payerField('CEP')).toHaveAccessibleDescription(/^Atenção: O CEP 01310-100 não pertence/);
    expect(payerField('CEP')).toBeValid();
    expect(dueField()).toHaveAccessibleDescription(/já passou/);
    expect(dueField()).toBeInvalid();
    // What stops the issue is listed, and each item leads to its field.
    const checklist = screen.getByRole('list', { name: 'O que falta para emitir' });
    await user.click(within(checklist).getByRole('button', { name: /já passou/ }));
    await waitFor(() => expect(dueField()).toHaveFocus());
  });

  it('checks the form with previewDraft once typing pauses', async () => {
    const user = userEvent.setup({ delay: null });
    await openNew();
    await waitFor(() => expect(previewDraft).toHaveBeenCalledTimes(1));

    await user.type(payerField('Nome ou razão social'), 'Maria');

    await waitFor(() => expect(previewDraft).toHaveBeenCalledTimes(2));
    expect(vi.mocked(previewDraft).mock.calls[1][0].payer.name).toBe('Maria');
  });

  it('does not submit on Enter; Ctrl+S saves the draft', async () => {
    vi.mocked(createDraft).mockResolvedValue(boletoDetail());
    const user = userEvent.setup();
    await openNew();
    await user.type(payerField('Nome ou razão social'), 'Maria{Enter}');
    await user.type(amountField(), '99{Enter}');
    expect(createDraft).not.toHaveBeenCalled();
    expect(issueNow).not.toHaveBeenCalled();

    await user.keyboard('{Control>}s{/Control}');

    await screen.findByText('Detalhe do boleto 42');
    expect(createDraft).toHaveBeenCalledOnce();
    expect(lastInput(createDraft)).toMatchObject({ amountCents: 9900, payer: expect.objectContaining({ name: 'Maria' }) });
  });

  it('sends the sacador/avalista only when it is filled in', async () => {
    vi.mocked(createDraft).mockResolvedValue(boletoDetail());
    const user = userEvent.setup();
    await openNew();
    expect(screen.queryByRole('group', { name: 'Sacador/avalista (opcional)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Informar sacador/avalista' }));
    const section = screen.getByRole('group', { name: 'Sacador/avalista (opcional)' });
    // The fields appear as the section opens.
    await user.type(await within(section).findByRole('textbox', { name: 'CPF ou CNPJ' }), '11222333000181');
    await user.type(within(section).getByRole('textbox', { name: 'Nome ou razão social' }), 'Alfa Serviços Ltda');
    expect(within(section).queryByRole('textbox', { name: 'E-mail' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    await screen.findByText('Detalhe do boleto 42');
    expect(lastInput(createDraft).finalBeneficiary).toMatchObject({ document: '11.222.333/0001-81', name: 'Alfa Serviços Ltda' });
  });
});

describe('Editar boleto', () => {
  const saved: DraftInput = {
    ...newDemoDraft,
    payerId: 7,
    seuNumero: 'B0000042',
    amountCents: 123456,
    payer: {
      document: '52998224725',
      name: maria.name,
      address: maria.address,
      number: maria.number,
      complement: '',
      district: '',
      city: maria.city,
      uf: 'SP',
      cep: '01310-100',
      email: '',
      ddd: '11',
      phone: '987654321',
    },
  };

  it('loads the draft and saves it over its version', async () => {
    vi.mocked(getDraft).mockResolvedValue(structuredClone(saved));
    vi.mocked(getBoleto).mockResolvedValue(boletoDetail({ version: 3 }));
    vi.mocked(updateDraft).mockResolvedValue(boletoDetail({ version: 4 }));
    const user = userEvent.setup();
    renderAt('/boletos/42/editar');

    await screen.findByRole('form', { name: 'Editar boleto B0000042' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Editar boleto B0000042');
    expect(amountField()).toHaveValue('1.234,56');
    expect(payerField('CPF ou CNPJ')).toHaveValue('529.982.247-25');
    expect(screen.getByRole('textbox', { name: 'Seu número' })).toHaveAttribute('readonly');

    await user.clear(amountField());
    await user.type(amountField(), '200');
    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    await screen.findByText('Detalhe do boleto 42');
    expect(updateDraft).toHaveBeenCalledExactlyOnceWith(42, 3, expect.objectContaining({ amountCents: 20000, payerId: 7 }));
    expect(createDraft).not.toHaveBeenCalled();
  });

  it('says when someone else changed the boleto, and reloads it on request', async () => {
    vi.mocked(getDraft).mockResolvedValue(structuredClone(saved));
    vi.mocked(getBoleto).mockResolvedValue(boletoDetail({ version: 3 }));
    vi.mocked(updateDraft).mockRejectedValue(
      new BackendError(
        'conflict',
        'O boleto B0000042 foi alterado em outra janela ou por outro processo depois que você o abriu. Atualize a tela e tente de novo.',
      ),
    );
    const user = userEvent.setup();
    renderAt('/boletos/42/editar');
    await screen.findByRole('form', { name: 'Editar boleto B0000042' });

    await user.type(amountField(), '9');
    await user.click(screen.getByRole('button', { name: /Salvar rascunho/ }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Alguém alterou este boleto');
    expect(alert).toHaveTextContent('foi alterado em outra janela');

    vi.mocked(getBoleto).mockResolvedValue(boletoDetail({ version: 4 }));
    vi.mocked(getDraft).mockResolvedValue({ ...structuredClone(saved), amountCents: 50000 });
    await user.click(within(alert).getByRole('button', { name: 'Recarregar o boleto' }));

    await waitFor(() => expect(amountField()).toHaveValue('500,00'));
    expect(getDraft).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('Alguém alterou este boleto')).not.toBeInTheDocument();
  });

  it('issues a saved draft: saves the changes, then sends it', async () => {
    vi.mocked(getDraft).mockResolvedValue(structuredClone(saved));
    vi.mocked(getBoleto).mockResolvedValue(boletoDetail({ version: 3 }));
    vi.mocked(updateDraft).mockResolvedValue(boletoDetail({ version: 4 }));
    vi.mocked(issueBoletos).mockResolvedValue({
      job: 'j1',
      done: 0,
      failed: 0,
      remaining: 1,
      total: 1,
      paused: false,
      finished: false,
      items: [{ id: 42, seuNumero: 'B0000042', state: 'queued', stateLabel: 'Na fila', outcome: 'pending', error: '', fields: [] }],
    });
    const user = userEvent.setup();
    renderAt('/boletos/42/editar');
    await screen.findByRole('form', { name: 'Editar boleto B0000042' });

    await user.click(screen.getByRole('button', { name: 'Emitir agora' }));

    await screen.findByText('Detalhe do boleto 42');
    expect(updateDraft).toHaveBeenCalledExactlyOnceWith(42, 3, expect.anything());
    expect(issueBoletos).toHaveBeenCalledExactlyOnceWith([42]);
    expect(issueNow).not.toHaveBeenCalled();
  });

  it('does not edit a boleto already issued, and links to it', async () => {
    vi.mocked(getDraft).mockResolvedValue(structuredClone(saved));
    vi.mocked(getBoleto).mockResolvedValue(boletoDetail({ state: 'issued', stateLabel: 'Emitido', edit: false }));
    renderAt('/boletos/42/editar');

    expect(await screen.findByText('Este boleto não pode mais ser editado')).toBeInTheDocument();
    expect(screen.getByText(/está “Emitido”/)).toBeInTheDocument();
    expect(screen.getByText(/Alterar no banco/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ver o boleto' })).toHaveAttribute('href', '/boletos/42');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });
});
