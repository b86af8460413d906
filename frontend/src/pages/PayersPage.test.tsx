import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  createPayer,
  deletePayer,
  searchPayers,
  updatePayer,
  type PayerView,
} from '../lib/backend';
import { maria } from '../test/fixtures';
import { renderPage } from '../test/render';
import { PayersPage } from './PayersPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  getSystemInfo: vi.fn(),
  onEvent: vi.fn(() => () => {}),
  searchPayers: vi.fn(),
  getPayer: vi.fn(),
  createPayer: vi.fn(),
  updatePayer: vi.fn(),
  deletePayer: vi.fn(),
}));


const alfa: PayerView = {
  ...maria,
  id: 8,
  document: '12ABC34501DE35',
  documentFormatted: '12.ABC.345/01DE-35',
  kind: 'CNPJ',
  name: 'Alfa Serviços Ltda',
  city: 'Curitiba',
  uf: 'PR',
};

beforeEach(() => {
  vi.mocked(searchPayers).mockResolvedValue([]);
});

function field(name: string) {
  const form = screen.getByRole('form', { name: 'Dados do pagador' });
  return within(form).getByRole('textbox', { name: name });
}

async function openNewPayerForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Novo pagador' }));
  return screen.findByRole('form', { name: 'Dados do pagador' });
}

/** Fills the required fields of a payer in São Paulo, typing the document as given. */
async function fillPayer(user: ReturnType<typeof userEvent.setup>, document: string) {
  await user.type(field('CPF ou CNPJ'), document);
  await user.type(field('Nome ou razão social'), 'Maria da Conceição Souza');
  await user.type(field('CEP'), '01310100');
  await user.selectOptions(screen.getByRole('combobox', { name: 'UF' }), 'SP');
  await user.type(field('Cidade'), 'São Paulo');
  await user.type(field('Endereço'), 'Avenida Paulista');
  await user.type(field('Número'), '1000');
  await user.type(field('DDD'), '(11)');
  await user.type(field('Telefone'), '987654321');
}

describe('Pagadores', () => {
  it('explains what payers are for when there are none yet', async () => {
    renderPage(<PayersPage />);

    expect(await screen.findByText('Nenhum pagador cadastrado')).toBeInTheDocument();
    expect(screen.getByText(/reaproveitado ao emitir boletos e ao importar documentos/)).toBeInTheDocument();
    expect(searchPayers).toHaveBeenCalledWith('', 100);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists payers with the masked CPF/CNPJ and the city/UF', async () => {
    vi.mocked(searchPayers).mockResolvedValue([alfa, maria]);
    renderPage(<PayersPage />);

    const table = await screen.findByRole('table', { name: 'Pagadores encontrados' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, 3).map((c) => c.textContent))).toEqual([
      ['Alfa Serviços Ltda', '12.ABC.345/01DE-35', 'Curitiba/PR'],
      ['Maria da Conceição Souza', '529.982.247-25', 'São Paulo/SP'],
    ]);
    expect(screen.getByText('2 pagadores')).toBeInTheDocument();
  });

  it('searches once the typing pauses, not at every key', async () => {
    vi.mocked(searchPayers).mockImplementation(async (query) => (query === 'conc' ? [maria] : []));
    // No pause between keys, as from a quick typist, however busy the machine.
    const user = userEvent.setup({ delay: null });
    renderPage(<PayersPage />);
    await screen.findByText('Nenhum pagador cadastrado');

    await user.type(screen.getByRole('searchbox', { name: 'Buscar pagador' }), 'conc');

    expect(await screen.findByRole('cell', { name: 'Maria da Conceição Souza' })).toBeInTheDocument();
    const queries = vi.mocked(searchPayers).mock.calls.map(([q]) => q);
    expect(queries).toEqual(['', 'conc']);
  });

  it('says when a search finds nobody', async () => {
    vi.mocked(searchPayers).mockImplementation(async (query) => (query === '' ? [maria] : []));
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await screen.findByRole('table');

    await user.type(screen.getByRole('searchbox', { name: 'Buscar pagador' }), 'zé');

    expect(await screen.findByText(/Nenhum pagador encontrado para “zé”/)).toBeInTheDocument();
    expect(screen.queryByText('Nenhum pagador cadastrado')).not.toBeInTheDocument();
  });

  it('masks the CPF, the alphanumeric CNPJ, the CEP and the phone as they are typed', async () => {
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await openNewPayerForm(user);

    await user.type(field('CPF ou CNPJ'), '52998224725');
    expect(field('CPF ou CNPJ')).toHaveValue('529.982.247-25');

    await user.clear(field('CPF ou CNPJ'));
    await user.type(field('CPF ou CNPJ'), '12abc34501de35');
    expect(field('CPF ou CNPJ')).toHaveValue('12.ABC.345/01DE-35');

    await user.type(field('CEP'), '01310100');
    expect(field('CEP')).toHaveValue('01310-100');
    await user.type(field('Telefone'), '33334444');
    expect(field('Telefone')).toHaveValue('3333-4444');
  });

  it('offers the 27 UFs', async () => {
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await openNewPayerForm(user);

    const options = within(screen.getByRole('combobox', { name: 'UF' })).getAllByRole('option');
    expect(options.map((o) => o.getAttribute('value')).filter(Boolean)).toHaveLength(27);
    expect(screen.getByRole('option', { name: 'SP — São Paulo' })).toBeInTheDocument();
  });

  it("shows the backend's problems beside each field and keeps the form open", async () => {
    const cpfMessage = 'CPF inválido: dígitos verificadores não conferem. Confira o número digitado.';
    const cepMessage = 'CEP inválido: deve ter 8 números; foram informados 4.';
    vi.mocked(createPayer).mockRejectedValue(
      new BackendError('invalid_input', 'Há 2 problemas no cadastro do pagador. Corrija os campos indicados e salve de novo.', {
        fields: [
          { field: 'document', message: cpfMessage },
          { field: 'cep', message: cepMessage },
        ],
      }),
    );
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await openNewPayerForm(user);

    await fillPayer(user, '123.456.789-00');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));

    expect(createPayer).toHaveBeenCalledExactlyOnceWith({
      document: '123.456.789-00',
      name: 'Maria da Conceição Souza',
      address: 'Avenida Paulista',
      number: '1000',
      complement: '',
      district: '',
      city: 'São Paulo',
      uf: 'SP',
      cep: '01310-100',
      email: '',
      ddd: '11',
      phone: '98765-4321',
    });
    await waitFor(() => expect(field('CPF ou CNPJ')).toHaveAccessibleDescription(new RegExp(cpfMessage)));
    expect(field('CPF ou CNPJ')).toBeInvalid();
    expect(field('CEP')).toHaveAccessibleDescription(new RegExp(cepMessage));
    expect(field('Nome ou razão social')).toBeValid();
    expect(screen.getByRole('alert')).toHaveTextContent('Há 2 problemas no cadastro do pagador');

    // Changing the CPF clears its message, not the CEP's.
    await user.type(field('CPF ou CNPJ'), '1');
    expect(field('CPF ou CNPJ')).toBeValid();
    expect(field('CEP')).toBeInvalid();
  });

  it('names the payer who already has the document', async () => {
    vi.mocked(createPayer).mockRejectedValue(
      new BackendError('conflict', 'Já existe um pagador com este CPF/CNPJ: Maria da Conceição Souza.', {
        fields: [{ field: 'document', message: 'Este CPF/CNPJ já está cadastrado para Maria da Conceição Souza.' }],
      }),
    );
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await openNewPayerForm(user);
    await fillPayer(user, '52998224725');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Já existe um pagador com este CPF/CNPJ: Maria da Conceição Souza.');
    expect(field('CPF ou CNPJ')).toHaveAccessibleDescription(/já está cadastrado para Maria/);
  });

  it('saves a new payer, lists it and shows the CEP/UF warning', async () => {
    const warning = 'O CEP 01310-100 não pertence à faixa de CEPs de RJ. Confira o CEP e a UF do pagador.';
    vi.mocked(createPayer).mockResolvedValue({ ...maria, uf: 'RJ', warnings: [warning] });
    const user = userEvent.setup();
    renderPage(<PayersPage />);
    await openNewPayerForm(user);
    await fillPayer(user, '52998224725');
    vi.mocked(searchPayers).mockResolvedValue([{ ...maria, uf: 'RJ' }]);
    await user.click(screen.getByRole('button', { name: 'Salvar' }));

    const title = await screen.findByText('Maria da Conceição Souza foi salvo, mas confira o endereço');
    const alert = title.closest('[role="alert"]');
    expect(alert).toHaveTextContent(warning);
    expect(await screen.findByRole('cell', { name: 'São Paulo/RJ' })).toBeInTheDocument();
    expect(await screen.findByText('Pagador cadastrado')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Dados do pagador' })).not.toBeInTheDocument());
  });

  it('edits a payer with its current data in the form', async () => {
    vi.mocked(searchPayers).mockResolvedValue([maria]);
    vi.mocked(updatePayer).mockResolvedValue({ ...maria, city: 'Campinas', cep: '13010000', cepFormatted: '13010-000' });
    const user = userEvent.setup();
    renderPage(<PayersPage />);

    await user.click(await screen.findByRole('button', { name: 'Editar Maria da Conceição Souza' }));
    await screen.findByRole('form', { name: 'Dados do pagador' });
    expect(field('CPF ou CNPJ')).toHaveValue('529.982.247-25');
    expect(field('CEP')).toHaveValue('01310-100');
    expect(field('Telefone')).toHaveValue('98765-4321');
    expect(screen.getByRole('combobox', { name: 'UF' })).toHaveValue('SP');

    await user.clear(field('Cidade'));
    await user.type(field('Cidade'), 'Campinas');
    await user.clear(field('CEP'));
    await user.type(field('CEP'), '13010000');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));

    expect(updatePayer).toHaveBeenCalledExactlyOnceWith(
      7,
      expect.objectContaining({ document: '529.982.247-25', city: 'Campinas', cep: '13010-000', uf: 'SP' }),
    );
    expect(createPayer).not.toHaveBeenCalled();
    expect(await screen.findByText('Pagador atualizado')).toBeInTheDocument();
    expect(screen.queryByText(/foi salvo, mas confira/)).not.toBeInTheDocument();
  });

  it('deletes only after confirmation', async () => {
    vi.mocked(searchPayers).mockResolvedValue([maria]);
    vi.mocked(deletePayer).mockResolvedValue();
    const user = userEvent.setup();
    renderPage(<PayersPage />);

    await user.click(await screen.findByRole('button', { name: 'Excluir Maria da Conceição Souza' }));
    let dialog = await screen.findByRole('dialog', { name: 'Excluir pagador?' });
    expect(dialog).toHaveTextContent('529.982.247-25');
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    expect(deletePayer).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Excluir Maria da Conceição Souza' }));
    dialog = await screen.findByRole('dialog', { name: 'Excluir pagador?' });
    vi.mocked(searchPayers).mockResolvedValue([]);
    await user.click(within(dialog).getByRole('button', { name: 'Excluir pagador' }));

    expect(deletePayer).toHaveBeenCalledExactlyOnceWith(7);
    expect(await screen.findByText('Pagador excluído')).toBeInTheDocument();
    expect(await screen.findByText('Nenhum pagador cadastrado')).toBeInTheDocument();
  });

  it('shows what went wrong when the list cannot be loaded, and retries', async () => {
    vi.mocked(searchPayers).mockRejectedValueOnce(
      new BackendError('unavailable', 'Não foi possível falar com o Boletos. Verifique se o programa ainda está aberto e tente de novo.'),
    );
    const user = userEvent.setup();
    renderPage(<PayersPage />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Não foi possível carregar os pagadores');
    expect(alert).toHaveTextContent('Verifique se o programa ainda está aberto');
    vi.mocked(searchPayers).mockResolvedValue([maria]);
    await user.click(within(alert).getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('cell', { name: 'Maria da Conceição Souza' })).toBeInTheDocument();
  });
});
