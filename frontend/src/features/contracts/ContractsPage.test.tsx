import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  billContractsNow,
  createContract,
  listAccounts,
  listContracts,
  searchPayers,
  setContractActive,
  type ContractInput,
} from '../../lib/backend';
import { ContractsPage } from '../../pages/ContractsPage';
import { aluguel, demoAccount, maria, mensalidade, productionAccount } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  listContracts: vi.fn(),
  listAccounts: vi.fn(),
  createContract: vi.fn(),
  setContractActive: vi.fn(),
  billContractsNow: vi.fn(),
  searchPayers: vi.fn(),
}));

type User = ReturnType<typeof userEvent.setup>;

function DocumentStub() {
  const { id } = useParams();
  return <p>Documento {id}</p>;
}

function renderPage() {
  return render(
    <MantineProvider>
      <Notifications />
      <MemoryRouter initialEntries={['/contratos']}>
        <Routes>
          <Route path="/contratos" element={<ContractsPage />} />
          <Route path="/documentos/:id" element={<DocumentStub />} />
          <Route path="/contas" element={<p>Tela de contas</p>} />
        </Routes>
      </MemoryRouter>
    </MantineProvider>,
  );
}

beforeEach(() => {
  vi.mocked(listAccounts).mockResolvedValue([demoAccount]);
  vi.mocked(listContracts).mockResolvedValue([]);
  vi.mocked(searchPayers).mockResolvedValue([]);
});

const form = () => screen.getByRole('form', { name: 'Novo contrato' });
const payerGroup = () => within(form()).getByRole('group', { name: 'Pagador' });
const payerField = (name: string) => within(payerGroup()).getByRole('textbox', { name });
const field = (name: string) => within(form()).getByRole('textbox', { name });

async function openForm(user: User) {
  renderPage();
  await user.click(await screen.findByRole('button', { name: 'Novo contrato' }));
  return screen.findByRole('form', { name: 'Novo contrato' });
}

/** Pastes into a field, as someone copying from a spreadsheet (quicker than typing in jsdom). */
async function paste(user: User, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

async function typePayer(user: User) {
  await paste(user, payerField('CPF ou CNPJ'), '52998224725');
  await paste(user, payerField('Nome ou razão social'), 'Maria da Conceição Souza');
  await paste(user, payerField('CEP'), '01310100');
  await paste(user, payerField('Endereço'), 'Avenida Paulista');
  await paste(user, payerField('Cidade'), 'São Paulo');
  await user.selectOptions(within(payerGroup()).getByRole('combobox', { name: 'UF' }), 'SP');
}

async function typeDate(user: User, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.type(input, text);
}

/** Fills what a contract needs besides the payer and the end. */
async function typeContract(user: User) {
  await paste(user, field('Número do contrato'), 'CT-7');
  await paste(user, field('Descrição'), 'Mensalidade');
  await paste(user, field('Valor mensal (R$)'), '1.234,56');
  await user.type(field('Dia do vencimento'), '10');
  await typeDate(user, field('Início do contrato'), '01/06/2026');
}

/** What a cell reads, with its no-break spaces as plain ones. */
function text(el: HTMLElement): string {
  return (el.textContent ?? '').replace(/\u00a0/g, ' ');
}

function lastInput(): ContractInput {
  const calls = vi.mocked(createContract).mock.calls;
  return calls[calls.length - 1][0];
}

describe('Contratos: the list', () => {
  it('explains what contracts do when there is none', async () => {
    renderPage();

    expect(await screen.findByText('Nenhum contrato cadastrado')).toBeInTheDocument();
    expect(screen.getByText(/cria os boletos mês a mês e, se você quiser, já os emite no banco/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cadastrar o primeiro contrato' })).toBeInTheDocument();
    // Nothing to bill yet.
    expect(screen.queryByRole('button', { name: 'Gerar boletos agora' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('sends to Contas bancárias when there is no account to bill from', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    renderPage();

    expect(await screen.findByText('Nenhuma conta bancária cadastrada')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Novo contrato' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '/contas');
  });

  it('lists each contract with its value, period, next due date, billed months and status', async () => {
    vi.mocked(listContracts).mockResolvedValue([mensalidade, aluguel]);
    renderPage();

    const table = await screen.findByRole('table', { name: 'Contratos' });
    const header = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(header).toEqual([
      'Contrato',
      'Pagador',
      'Valor mensal',
      'Dia',
      'Período',
      'Próximo vencimento',
      'Meses cobrados',
      'Emissão automática',
      'Situação',
      'Ações',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map((r) => within(r).getAllByRole('cell').slice(0, 9).map((c) => text(c)));
    expect(cells).toEqual([
      [
        'CT-2026-01Mensalidade',
        'Maria da Conceição Souza529.982.247-25',
        'R$ 150,00',
        '10',
        '01/05/2026 → sem fim',
        '10/06/2026',
        '1',
        'Sim',
        'Ativo',
      ],
      [
        'sem númeroAluguel sala 3',
        'Alfa Serviços Ltda12.ABC.345/01DE-35',
        'R$ 1.234,56',
        '31',
        '15/01/2026 → 31/12/2026 (até 12 meses)',
        '—',
        '4',
        'Não',
        'Encerrado',
      ],
    ]);
    expect(screen.getByText('2 contratos, 1 ativo')).toBeInTheDocument();
    // Each row leads to its boletos, on the page of its document.
    expect(
      screen.getByRole('link', { name: 'Ver boletos do contrato CT-2026-01 de Maria da Conceição Souza' }),
    ).toHaveAttribute('href', '/documentos/12');
    expect(
      screen.getByRole('link', { name: 'Ver boletos do contrato “Aluguel sala 3” de Alfa Serviços Ltda' }),
    ).toHaveAttribute('href', '/documentos/13');
    // The active one can be ended, the ended one resumed.
    expect(within(rows[0]).getByRole('button', { name: /^Encerrar/ })).toBeInTheDocument();
    expect(within(rows[1]).getByRole('button', { name: /^Reativar/ })).toBeInTheDocument();
  });

  it('says "Nenhum (terminou)" for an active contract with every month billed', async () => {
    vi.mocked(listContracts).mockResolvedValue([{ ...mensalidade, months: 1, nextDueDate: '' }]);
    renderPage();

    const row = (await screen.findAllByRole('row'))[1];
    expect(within(row).getByRole('cell', { name: 'Nenhum (terminou)' })).toBeInTheDocument();
  });

  it('ends a contract after confirming, then resumes it', async () => {
    vi.mocked(listContracts).mockResolvedValue([mensalidade]);
    vi.mocked(setContractActive).mockImplementation(async (id, active) => ({ ...mensalidade, id, active }));
    const user = userEvent.setup({ delay: null });
    renderPage();

    await user.click(
      await screen.findByRole('button', { name: 'Encerrar o contrato CT-2026-01 de Maria da Conceição Souza' }),
    );
    const ask = await screen.findByRole('dialog', { name: 'Encerrar contrato?' });
    expect(within(ask).getByText(/Os boletos já criados continuam como estão/)).toBeInTheDocument();
    expect(setContractActive).not.toHaveBeenCalled();
    await user.click(within(ask).getByRole('button', { name: 'Encerrar contrato' }));

    expect(setContractActive).toHaveBeenCalledExactlyOnceWith(mensalidade.id, false);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = screen.getAllByRole('row')[1];
    expect(within(row).getByText('Encerrado')).toBeInTheDocument();
    expect(within(row).queryByText('Ativo')).not.toBeInTheDocument();
    expect(screen.getByText('Contrato encerrado')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /^Reativar/ }));
    const again = await screen.findByRole('dialog', { name: 'Reativar contrato?' });
    expect(within(again).getByText(/Os meses em que o contrato ficou encerrado não são cobrados/)).toBeInTheDocument();
    await user.click(within(again).getByRole('button', { name: 'Reativar contrato' }));

    expect(setContractActive).toHaveBeenLastCalledWith(mensalidade.id, true);
    await waitFor(() => expect(within(screen.getAllByRole('row')[1]).getByText('Ativo')).toBeInTheDocument());
    expect(screen.getByText('Contrato reativado')).toBeInTheDocument();
  });

  it('keeps the contract as it was and says why when ending fails', async () => {
    vi.mocked(listContracts).mockResolvedValue([mensalidade]);
    vi.mocked(setContractActive).mockRejectedValue(new BackendError('not_found', 'Contrato não encontrado.'));
    const user = userEvent.setup({ delay: null });
    renderPage();

    await user.click(await screen.findByRole('button', { name: /^Encerrar/ }));
    const ask = await screen.findByRole('dialog', { name: 'Encerrar contrato?' });
    await user.click(within(ask).getByRole('button', { name: 'Encerrar contrato' }));

    expect(await within(ask).findByText('Contrato não encontrado.')).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Voltar' }));
    expect(within(screen.getAllByRole('row')[1]).getByText('Ativo')).toBeInTheDocument();
  });

  it('"Gerar boletos agora" says how many boletos were created and reloads the list', async () => {
    vi.mocked(listContracts).mockResolvedValueOnce([mensalidade]).mockResolvedValue([{ ...mensalidade, billedMonths: 2 }]);
    vi.mocked(billContractsNow).mockResolvedValue(2);
    const user = userEvent.setup({ delay: null });
    renderPage();

    await user.click(await screen.findByRole('button', { name: 'Gerar boletos agora' }));

    expect(await screen.findByText('2 boletos criados')).toBeInTheDocument();
    expect(billContractsNow).toHaveBeenCalledOnce();
    await waitFor(() => expect(within(screen.getAllByRole('row')[1]).getAllByRole('cell')[6]).toHaveTextContent('2'));
  });

  it('"Gerar boletos agora" says so when there was nothing to create', async () => {
    vi.mocked(listContracts).mockResolvedValue([mensalidade]);
    vi.mocked(billContractsNow).mockResolvedValue(0);
    const user = userEvent.setup({ delay: null });
    renderPage();

    await user.click(await screen.findByRole('button', { name: 'Gerar boletos agora' }));

    expect(await screen.findByText('Nenhum boleto a criar agora')).toBeInTheDocument();
  });
});

// The form is long: typing into it in jsdom takes a while on a busy machine.
describe('Contratos: Novo contrato', { timeout: 60_000 }, () => {
  it('sends the form as typed: money in centavos, a number of months as the end', async () => {
    vi.mocked(createContract).mockResolvedValue({ ...mensalidade, id: 9, billedMonths: 1 });
    const user = userEvent.setup({ delay: null });
    await openForm(user);

    expect(screen.getByText('Conta de demonstração', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Antecedência/ })).toHaveValue('10');
    expect(screen.getByRole('radio', { name: 'Sem fim' })).toBeChecked();
    await typePayer(user);
    await typeContract(user);
    await user.click(screen.getByRole('radio', { name: 'Por um número de meses' }));
    await user.type(screen.getByRole('textbox', { name: 'Número de meses' }), '12');
    await user.clear(screen.getByRole('textbox', { name: /Antecedência/ }));
    await user.type(screen.getByRole('textbox', { name: /Antecedência/ }), '5');
    await user.click(screen.getByRole('checkbox', { name: 'Emitir automaticamente no banco' }));
    // The description says how each boleto will read, with the first month charged.
    expect(field('Descrição')).toHaveAccessibleDescription(/No boleto: “Mensalidade — referente a 06\/2026”\. 11\/50/);
    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    await waitFor(() => expect(createContract).toHaveBeenCalledOnce());
    expect(lastInput()).toEqual({
      accountId: demoAccount.id,
      payer: {
        document: '529.982.247-25',
        name: 'Maria da Conceição Souza',
        address: 'Avenida Paulista',
        number: '',
        complement: '',
        district: '',
        city: 'São Paulo',
        uf: 'SP',
        cep: '01310-100',
        email: '',
        ddd: '',
        phone: '',
      },
      number: 'CT-7',
      description: 'Mensalidade',
      monthlyCents: 123456,
      day: 10,
      startDate: '2026-06-01',
      endDate: '',
      months: 12,
      leadDays: 5,
      autoIssue: true,
    });
    // Saved: the drawer closes, the toast says what happened, and the list is read again.
    expect(await screen.findByText('Contrato criado')).toBeInTheDocument();
    expect(screen.getByText(/O boleto do primeiro mês já foi criado e enviado ao banco/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Novo contrato' })).not.toBeInTheDocument());
    expect(listContracts).toHaveBeenCalledTimes(2);
  });

  it('sends an end date with "Até a data", and the payer picked from the register', async () => {
    vi.mocked(searchPayers).mockResolvedValue([maria]);
    vi.mocked(createContract).mockResolvedValue({ ...mensalidade, billedMonths: 0, nextDueDate: '2026-06-10' });
    const user = userEvent.setup({ delay: null });
    await openForm(user);

    await user.type(within(payerGroup()).getByRole('searchbox', { name: 'Buscar no cadastro de pagadores' }), 'maria');
    // jsdom lays nothing out, so the dropdown stays display:none; the keyboard chooses all the same.
    expect(
      await screen.findByRole('option', { name: 'Maria da Conceição Souza — 529.982.247-25', hidden: true }),
    ).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    const picked = within(payerGroup()).getByRole('status', { name: 'Pagador do cadastro' });
    expect(picked).toHaveTextContent('Maria da Conceição Souza (529.982.247-25)');
    expect(picked).toHaveTextContent('Avenida Paulista, 1000 · Bela Vista · São Paulo/SP');
    // The register's data is what the contract bills: no fields to change here.
    expect(within(payerGroup()).queryByRole('textbox', { name: 'CPF ou CNPJ' })).not.toBeInTheDocument();

    await typeContract(user);
    await user.click(screen.getByRole('radio', { name: 'Até a data' }));
    await typeDate(user, field('Data de término'), '31/12/2026');
    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    await waitFor(() => expect(createContract).toHaveBeenCalledOnce());
    expect(lastInput()).toMatchObject({
      payer: { document: '529.982.247-25', name: 'Maria da Conceição Souza', cep: '01310-100', number: '1000' },
      endDate: '2026-12-31',
      months: 0,
      leadDays: 10,
      autoIssue: false,
    });
    expect(await screen.findByText('O primeiro boleto, de vencimento 10/06/2026, será criado em 31/05/2026.')).toBeInTheDocument();
  });

  it('shows each refused field beside it, and the refusal goes once the field changes', async () => {
    const dia = 'O dia de vencimento deve ser de 1 a 31; foi informado 0. Nos meses mais curtos o vencimento cai no último dia do mês.';
    const cep = 'Informe o CEP do pagador.';
    vi.mocked(createContract).mockRejectedValue(
      new BackendError('invalid_input', 'O contrato não pode ser salvo: há 3 problemas a corrigir.', {
        fields: [
          { field: 'valor', message: 'Informe o valor mensal do contrato (mínimo R$ 2,50).' },
          { field: 'dia', message: dia },
          { field: 'pagador.cep', message: cep },
        ],
      }),
    );
    const user = userEvent.setup({ delay: null });
    await openForm(user);

    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    expect(await screen.findByText('O contrato não pode ser salvo: há 3 problemas a corrigir.')).toBeInTheDocument();
    expect(payerField('CEP')).toHaveAccessibleDescription(cep);
    expect(payerField('CEP')).toBeInvalid();
    expect(field('Valor mensal (R$)')).toHaveAccessibleDescription('Informe o valor mensal do contrato (mínimo R$ 2,50).');
    expect(screen.getByRole('textbox', { name: 'Dia do vencimento' })).toHaveAccessibleDescription(expect.stringContaining(dia));
    expect(screen.getByRole('textbox', { name: 'Dia do vencimento' })).toBeInvalid();
    expect(payerField('Nome ou razão social')).toBeValid();
    // The payer comes first in the form: its CEP is focused.
    await waitFor(() => expect(payerField('CEP')).toHaveFocus());

    await user.type(payerField('CEP'), '0');
    expect(payerField('CEP')).toBeValid();
    expect(screen.getByRole('textbox', { name: 'Dia do vencimento' })).toBeInvalid();
  });

  it('says when the picked payer\'s register is incomplete, and "Trocar pagador" lets another be typed', async () => {
    vi.mocked(searchPayers).mockResolvedValue([{ ...maria, address: '' }]);
    vi.mocked(createContract).mockRejectedValue(
      new BackendError('invalid_input', 'Informe o endereço do pagador.', {
        fields: [{ field: 'pagador.endereco', message: 'Informe o endereço do pagador.' }],
      }),
    );
    const user = userEvent.setup({ delay: null });
    await openForm(user);
    await user.type(within(payerGroup()).getByRole('searchbox', { name: 'Buscar no cadastro de pagadores' }), 'maria');
    await screen.findByRole('option', { name: 'Maria da Conceição Souza — 529.982.247-25', hidden: true });
    await user.keyboard('{ArrowDown}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    const picked = within(payerGroup()).getByRole('status', { name: 'Pagador do cadastro' });
    expect(await within(picked).findByText(/O cadastro deste pagador está incompleto/)).toBeInTheDocument();
    expect(within(picked).getByRole('listitem')).toHaveTextContent('Informe o endereço do pagador.');

    await user.click(within(picked).getByRole('button', { name: 'Trocar pagador' }));
    expect(payerField('CPF ou CNPJ')).toHaveValue('');
    // The refusal was about the register's data, not about the blank fields now shown.
    expect(payerField('Endereço')).toBeValid();
  });

  it('shows a repeated number beside "Número do contrato"', async () => {
    vi.mocked(createContract).mockRejectedValue(
      new BackendError('conflict', 'Já existe um contrato CT-7 para este pagador.'),
    );
    const user = userEvent.setup({ delay: null });
    await openForm(user);
    await typePayer(user);
    await typeContract(user);

    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    await waitFor(() => expect(field('Número do contrato')).toBeInvalid());
    expect(field('Número do contrato')).toHaveAccessibleDescription(/Já existe um contrato CT-7 para este pagador\./);
    expect(screen.getByRole('form', { name: 'Novo contrato' })).toBeInTheDocument();
  });

  it('does not send "Até a data" without a date, nor money that is not a number', async () => {
    const user = userEvent.setup({ delay: null });
    await openForm(user);
    await typePayer(user);
    await user.type(field('Valor mensal (R$)'), '1.23.4');
    await user.type(field('Dia do vencimento'), '10');
    await user.click(screen.getByRole('radio', { name: 'Até a data' }));

    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));

    expect(await screen.findByText('Corrija os campos marcados em vermelho.')).toBeInTheDocument();
    expect(field('Data de término')).toHaveAccessibleDescription(/Informe a data de término do contrato/);
    expect(field('Valor mensal (R$)')).toHaveAccessibleDescription('Digite um valor em reais, por exemplo 150,00.');
    expect(createContract).not.toHaveBeenCalled();
    // The first refused field in the form's order takes the focus; the drawer stays open.
    await waitFor(() => expect(field('Valor mensal (R$)')).toHaveFocus());

    // With the amount fixed, the end date is the first: its calendar closes, not the drawer.
    await user.clear(field('Valor mensal (R$)'));
    await user.type(field('Valor mensal (R$)'), '150');
    await user.click(screen.getByRole('button', { name: 'Salvar contrato' }));
    await waitFor(() => expect(field('Data de término')).toHaveFocus());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.getByRole('form', { name: 'Novo contrato' })).toBeInTheDocument();
    expect(createContract).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the drawer is closed by accident, and "Cancelar" discards it', async () => {
    const user = userEvent.setup({ delay: null });
    await openForm(user);
    await paste(user, field('Descrição'), 'Aluguel');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Novo contrato' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Novo contrato' }));
    expect(await screen.findByRole('textbox', { name: 'Descrição' })).toHaveValue('Aluguel');

    await user.click(screen.getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Novo contrato' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Novo contrato' }));
    expect(await screen.findByRole('textbox', { name: 'Descrição' })).toHaveValue('');
  });

  it('lets the account be chosen, and offers automatic issue only where the bank is connected', async () => {
    vi.mocked(listAccounts).mockResolvedValue([demoAccount, { ...productionAccount, directIntegration: false }]);
    const user = userEvent.setup({ delay: null });
    await openForm(user);

    const account = screen.getByRole('combobox', { name: 'Conta que emite os boletos' });
    expect(account).toHaveValue(String(demoAccount.id));
    const auto = screen.getByRole('checkbox', { name: 'Emitir automaticamente no banco' });
    await user.click(auto);
    expect(auto).toBeChecked();

    await user.selectOptions(account, String(productionAccount.id));
    expect(auto).not.toBeChecked();
    expect(auto).toBeDisabled();
    expect(auto).toHaveAccessibleDescription(/está com a integração direta desligada/);
  });
});
