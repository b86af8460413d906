import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  createImport,
  getBatch,
  listAccounts,
  newDraft,
  onEvent,
  previewDraft,
  previewImport,
  toImportFile,
  type ImportFile,
  type ImportRequest,
} from '../../lib/backend';
import { ImportPage } from '../../pages/ImportPage';
import { productionAccount } from '../accounts/testFixtures';
import { batch } from '../boletos/testFixtures';
import { demoAccount, emptyPreview, newDemoDraft } from '../boletos/draft/testFixtures';
import { cancelled, importedOrder, nfe1234, nfse42, partlyImported, preview } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  listAccounts: vi.fn(),
  newDraft: vi.fn(),
  previewDraft: vi.fn(),
  previewImport: vi.fn(),
  createImport: vi.fn(),
  toImportFile: vi.fn(),
  downloadCsvTemplate: vi.fn(),
  getBatch: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

/** The list screen is another page: here it only shows the query it was opened with. */
function ListStub() {
  const { search } = useLocation();
  return <p>Lista de boletos {search}</p>;
}

function renderImport() {
  return render(
    <MantineProvider>
      <Notifications />
      <MemoryRouter initialEntries={['/importar']}>
        <Routes>
          <Route path="/importar" element={<ImportPage />} />
          <Route path="/boletos" element={<ListStub />} />
          <Route path="/contas" element={<p>Tela de contas</p>} />
        </Routes>
      </MemoryRouter>
    </MantineProvider>,
  );
}

const FILE_NAMES = ['nfe_1234.xml', 'nfse_42.xml', 'cancelada.xml', 'pedidos.csv', 'quebrado.xml'];

function files(names = FILE_NAMES): File[] {
  return names.map((name) => new File([`<conteudo de ${name}/>`], name, { type: 'text/xml' }));
}

const fileInput = () => screen.getByLabelText('Escolher arquivos') as HTMLInputElement;
const group = (name: string) => screen.getByRole('rowgroup', { name });
const lastRequest = (): ImportRequest => vi.mocked(createImport).mock.calls.at(-1)![0];

/** Opens the page and drops the files in, waiting for the preview table. */
async function openWithFiles(user: ReturnType<typeof userEvent.setup>, names?: string[]) {
  renderImport();
  await screen.findByRole('region', { name: 'Arquivos para importar' });
  await user.upload(fileInput(), files(names));
  return screen.findByRole('table', { name: 'Documentos encontrados' });
}

beforeEach(() => {
  vi.mocked(listAccounts).mockResolvedValue([demoAccount]);
  vi.mocked(newDraft).mockImplementation(async (accountId) => ({ ...structuredClone(newDemoDraft), accountId }));
  vi.mocked(previewDraft).mockResolvedValue(emptyPreview);
  vi.mocked(previewImport).mockResolvedValue(structuredClone(preview));
  vi.mocked(toImportFile).mockImplementation(async (file: File, name = file.name): Promise<ImportFile> => ({
    name,
    base64: btoa(name),
  }));
  vi.mocked(onEvent).mockReturnValue(() => {});
});

describe('Importar documentos', () => {
  it('reads the dropped files and shows each document with its installments, warnings and errors', async () => {
    const user = userEvent.setup();
    await openWithFiles(user);

    // Every file was read and sent once, by name.
    expect(previewImport).toHaveBeenCalledExactlyOnceWith(FILE_NAMES.map((name) => ({ name, base64: btoa(name) })));
    expect(screen.getByRole('status', { name: 'Documentos encontrados' })).toHaveTextContent(
      '5 documentos encontrados · 1 com erro · 1 já importado',
    );

    // The NF-e: number, series, payer with a masked CNPJ, date, total and its three boletos.
    const nfe = group('NF-e 1234');
    expect(nfe).toHaveTextContent('série 1');
    expect(nfe).toHaveTextContent('Comércio de Ferragens Boa Vista Ltda');
    expect(nfe).toHaveTextContent('11.444.777/0001-61');
    expect(nfe).toHaveTextContent('10/03/2026');
    expect(nfe).toHaveTextContent('R$ 1.615,00');
    const rows = within(within(nfe).getByRole('table', { name: 'Parcelas' })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '00109/01/2027R$ 538,33',
      '00209/02/2027R$ 538,33',
      '00308/03/2027R$ 538,34',
    ]);
    expect(nfe).toHaveTextContent('Atenção: A duplicata 001 vence num sábado.');
    expect(within(nfe).getByRole('checkbox', { name: 'Importar NF-e 1234' })).toBeChecked();

    // The NFS-e has no due date: the account's term applies, and it says which date that is.
    expect(group('NFS-e 42')).toHaveTextContent('prazo padrão (10/12/2026)');
    expect(group('NFS-e 42')).toHaveTextContent('77.889.900/0001-66');

    // The cancelled note: its error in red, and it cannot be ticked.
    const bad = group('NF-e 1242');
    expect(bad).toHaveTextContent('Erro: A NF-e 1242 foi cancelada; não emita boleto para ela.');
    const badBox = within(bad).getByRole('checkbox', { name: 'Importar NF-e 1242' });
    expect(badBox).not.toBeChecked();
    expect(badBox).toBeDisabled();

    // Imported before: "Já importado", unticked, its installments greyed with a note.
    const old = group('Pedido de venda 500');
    expect(within(old).getByText('Já importado')).toBeInTheDocument();
    expect(within(old).getByRole('checkbox', { name: 'Importar Pedido de venda 500' })).not.toBeChecked();
    expect(within(old).getByRole('checkbox', { name: 'Importar Pedido de venda 500' })).toBeEnabled();
    expect(within(old).getAllByText('já tem boleto')).toHaveLength(2);
    expect(old).toHaveTextContent('Todas as parcelas já têm boleto: nada será criado de novo.');

    // Imported before but with a new installment: ticked, only the new one counts.
    const partly = group('Contrato C-77');
    expect(within(partly).getByText('Já importado')).toBeInTheDocument();
    expect(within(partly).getByRole('checkbox', { name: 'Importar Contrato C-77' })).toBeChecked();
    expect(within(partly).getAllByText('já tem boleto')).toHaveLength(1);

    // A file that could not be read is listed apart.
    const unread = screen.getByRole('list', { name: 'Arquivos que não foram lidos' });
    expect(unread).toHaveTextContent('quebrado.xml: O arquivo quebrado.xml não é um XML válido (linha 3).');
    expect(screen.getByText('Não foi possível ler')).toBeInTheDocument();

    // 3 + 1 + 1 boletos of the three ticked documents.
    expect(screen.getByRole('status', { name: 'O que será criado' })).toHaveTextContent(
      'Serão criados 5 boletos de 3 documentos.',
    );
  });

  it('sends the same files, the account, the unticked documents to skip, the due date and the charges', async () => {
    const user = userEvent.setup();
    vi.mocked(createImport).mockResolvedValue({ outcomes: [], created: 0, batch: null });
    await openWithFiles(user);

    // The account is the only one, preselected; the due date comes from its defaults.
    expect(screen.getByRole('combobox', { name: 'Conta que emite os boletos' })).toHaveValue(String(demoAccount.id));
    const due = screen.getByRole('textbox', { name: 'Vencimento para documentos sem data' });
    expect(due).toHaveValue('10/12/2026');
    expect(screen.getByText(/^Juros de 1,00% ao mês, multa de 2,00%/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Importar NFS-e 42' }));
    await user.clear(due);
    await user.type(due, '15/01/2027');
    await user.click(screen.getByRole('button', { name: 'Alterar para esta importação' }));
    const rate = screen.getByRole('textbox', { name: 'Taxa de juros (% ao mês)' });
    expect(rate).toHaveValue('1,00');
    await user.clear(rate);
    await user.type(rate, '2,5');

    expect(screen.getByRole('status', { name: 'O que será criado' })).toHaveTextContent(
      'Serão criados 4 boletos de 2 documentos.',
    );
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));

    await waitFor(() => expect(createImport).toHaveBeenCalledOnce());
    const request = lastRequest();
    expect(request.files.map((f) => f.name)).toEqual(FILE_NAMES);
    expect(request.accountId).toBe(demoAccount.id);
    expect(request.issue).toBe(false);
    expect(request.dueDate).toBe('2027-01-15');
    expect(request.skip).toEqual([nfse42.key, cancelled.key, importedOrder.key]);
    expect(request.charges).toMatchObject({ interestCode: 'TAXAMENSAL', interestRateBp: 250, fineCode: 'PERCENTUAL', fineRateBp: 200, agendaDays: 30 });
  });

  it("keeps the account's charges (null) unless they are changed, and checks changed ones before sending", async () => {
    const user = userEvent.setup();
    vi.mocked(createImport).mockResolvedValue({ outcomes: [], created: 0, batch: null });
    vi.mocked(previewDraft).mockImplementation(async (input) => ({
      ...emptyPreview,
      problems:
        input.charges.interestRateBp > 1000
          ? [{ field: 'juros.taxa', message: 'A taxa de juros passa do máximo de 10% ao mês.', warning: false }]
          : [{ field: 'valor', message: 'Informe o valor do boleto.', warning: false }],
    }));
    await openWithFiles(user);

    await user.click(screen.getByRole('button', { name: 'Alterar para esta importação' }));
    const rate = screen.getByRole('textbox', { name: 'Taxa de juros (% ao mês)' });
    await user.clear(rate);
    await user.type(rate, '12');
    // Only the charges' own problems count (the empty draft's amount does not).
    await waitFor(() => expect(rate).toHaveAccessibleDescription(/passa do máximo/));
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));
    expect(await screen.findByText(/Corrija os encargos desta importação/)).toBeInTheDocument();
    expect(createImport).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Voltar aos encargos da conta' }));
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));
    await waitFor(() => expect(createImport).toHaveBeenCalledOnce());
    expect(lastRequest().charges).toBeNull();
    expect(lastRequest().dueDate).toBe('2026-12-10');
  });

  it('sums up what was created, what existed and what failed, with a link to the drafts', async () => {
    const user = userEvent.setup();
    vi.mocked(createImport).mockResolvedValue({
      created: 4,
      batch: null,
      outcomes: [
        { key: nfe1234.key, file: nfe1234.file, label: 'NF-e 1234', documentId: 40, existing: false, created: [1, 2, 3], skipped: 0, error: '' },
        { key: nfse42.key, file: nfse42.file, label: 'NFS-e 42', documentId: 0, existing: false, created: [], skipped: 0, error: 'O pagador não tem CEP.' },
        { key: partlyImported.key, file: partlyImported.file, label: 'contrato C-77', documentId: 32, existing: true, created: [4], skipped: 1, error: '' },
      ],
    });
    await openWithFiles(user);
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));

    const summary = await screen.findByRole('region', { name: '4 boletos criados' });
    const counts = within(summary).getByRole('list', { name: 'Resumo da importação' });
    expect(counts).toHaveTextContent('4 boletos criados como rascunho');
    expect(counts).toHaveTextContent('1 já existia');
    expect(counts).toHaveTextContent('1 documento com erro');
    expect(within(summary).getByRole('alert')).toHaveTextContent('NFS-e 42 (nfse_42.xml): O pagador não tem CEP.');
    const byDoc = within(summary).getByRole('table', { name: 'Resultado por documento' });
    expect(within(byDoc).getByRole('row', { name: /NF-e 1234/ })).toHaveTextContent('3 boletos criados');
    expect(within(byDoc).getByRole('row', { name: /Contrato C-77/ })).toHaveTextContent('1 boleto criado; 1 parcela já tinha boleto');
    expect(screen.queryByRole('table', { name: 'Documentos encontrados' })).not.toBeInTheDocument();

    await user.click(within(summary).getByRole('link', { name: 'Ver os rascunhos' }));
    expect(await screen.findByText(`Lista de boletos ?situacao=draft&conta=${demoAccount.id}`)).toBeInTheDocument();
  });

  it('"Criar e emitir" issues and shows the batch progress; "Importar outros arquivos" starts over', async () => {
    const user = userEvent.setup();
    const running = batch({ total: 5, remaining: 5 });
    vi.mocked(getBatch).mockResolvedValue({ ...running, done: 2, remaining: 3 });
    vi.mocked(createImport).mockResolvedValue({ outcomes: [], created: 5, batch: running });
    await openWithFiles(user);
    await user.click(screen.getByRole('button', { name: 'Criar e emitir' }));

    await waitFor(() => expect(createImport).toHaveBeenCalledOnce());
    expect(lastRequest().issue).toBe(true);
    const panel = await screen.findByRole('dialog', { name: 'Emitindo boletos' });
    expect(await within(panel).findByText('2 de 5 emitidos · 0 com falha · 3 restantes')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const summary = screen.getByRole('region', { name: '5 boletos criados e enviados ao banco' });
    await user.click(within(summary).getByRole('button', { name: 'Acompanhar a emissão' }));
    expect(await screen.findByRole('dialog', { name: 'Emitindo boletos' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(summary).getByRole('link', { name: 'Ver na lista de boletos' })).toHaveAttribute(
      'href',
      `/boletos?conta=${demoAccount.id}`,
    );

    await user.click(within(summary).getByRole('button', { name: 'Importar outros arquivos' }));
    expect(screen.getByRole('region', { name: 'Arquivos para importar' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Documentos encontrados' })).not.toBeInTheDocument();
  });

  it('a second import of the same files creates nothing: everything says "Já importado"', async () => {
    const user = userEvent.setup();
    const again = [nfe1234, nfse42].map((d) => ({
      ...d,
      documentId: 50,
      installments: d.installments.map((i) => ({ ...i, imported: true })),
    }));
    vi.mocked(previewImport).mockResolvedValue({ documents: again, fileErrors: [] });
    await openWithFiles(user, ['nfe_1234.xml', 'nfse_42.xml']);

    expect(screen.getAllByText('Já importado')).toHaveLength(2);
    expect(screen.getByRole('status', { name: 'O que será criado' })).toHaveTextContent('Nenhum documento selecionado');
    expect(screen.getByRole('button', { name: 'Criar rascunhos' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Criar e emitir' })).toBeDisabled();
  });

  it('says it is reading the files while they are read, and leaves out what is not a document', async () => {
    const user = userEvent.setup();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.mocked(toImportFile).mockImplementation(async (file: File, name = file.name) => {
      await gate;
      return { name, base64: btoa(name) };
    });
    renderImport();
    await screen.findByRole('region', { name: 'Arquivos para importar' });

    // A folder: its PDFs are left out, the XML keep their path.
    const folder = [
      new File(['<a/>'], 'nfe_1234.xml'),
      new File(['<b/>'], 'nfse_42.xml'),
      new File(['%PDF'], 'danfe.pdf'),
    ];
    folder.forEach((f) => Object.defineProperty(f, 'webkitRelativePath', { value: `notas/${f.name}` }));
    expect(screen.getByLabelText('Escolher pasta')).toHaveAttribute('webkitdirectory');
    expect(fileInput()).toHaveAttribute('accept', '.xml,.zip,.csv');
    expect(fileInput()).toHaveAttribute('multiple');
    await user.upload(screen.getByLabelText('Escolher pasta'), folder);

    expect(await screen.findByText('Lendo 2 arquivos… (0 de 2)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Escolher arquivos' })).toBeDisabled();
    expect(screen.getByText(/Não é XML, ZIP nem CSV: notas\/danfe\.pdf/)).toBeInTheDocument();
    release();
    await screen.findByRole('table', { name: 'Documentos encontrados' });
    expect(previewImport).toHaveBeenCalledExactlyOnceWith([
      { name: 'notas/nfe_1234.xml', base64: btoa('notas/nfe_1234.xml') },
      { name: 'notas/nfse_42.xml', base64: btoa('notas/nfse_42.xml') },
    ]);
    expect(screen.getByText('2 arquivos')).toBeInTheDocument();

    // More files join the list; the preview is of all of them.
    await user.upload(fileInput(), files(['pedidos.csv']));
    await waitFor(() => expect(previewImport).toHaveBeenCalledTimes(2));
    expect(vi.mocked(previewImport).mock.calls[1][0].map((f) => f.name)).toEqual([
      'notas/nfe_1234.xml',
      'notas/nfse_42.xml',
      'pedidos.csv',
    ]);

    await user.click(screen.getByRole('button', { name: 'Limpar a lista' }));
    expect(screen.queryByRole('table', { name: 'Documentos encontrados' })).not.toBeInTheDocument();
  });

  it('with several accounts, asks which one before creating', async () => {
    const user = userEvent.setup();
    vi.mocked(listAccounts).mockResolvedValue([productionAccount, demoAccount]);
    vi.mocked(createImport).mockResolvedValue({ outcomes: [], created: 0, batch: null });
    await openWithFiles(user);

    expect(newDraft).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Criar rascunhos' })).toBeDisabled();
    expect(screen.getByRole('status', { name: 'O que será criado' })).toHaveTextContent('Escolha a conta');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Conta que emite os boletos' }), String(productionAccount.id));
    expect(newDraft).toHaveBeenCalledExactlyOnceWith(productionAccount.id);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Criar rascunhos' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));
    await waitFor(() => expect(createImport).toHaveBeenCalledOnce());
    expect(lastRequest().accountId).toBe(productionAccount.id);
  });

  it('shows why the import failed and keeps the preview to try again', async () => {
    const user = userEvent.setup();
    vi.mocked(createImport).mockRejectedValue(new BackendError('unavailable', 'O banco de dados está ocupado.'));
    await openWithFiles(user);
    await user.click(screen.getByRole('button', { name: 'Criar rascunhos' }));
    expect(await screen.findByText('O banco de dados está ocupado.')).toBeInTheDocument();
    expect(screen.getByText('A importação não foi feita')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Documentos encontrados' })).toBeInTheDocument();
  });

  it('points to Contas bancárias when there is no account', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    renderImport();
    expect(await screen.findByText('Nenhuma conta bancária cadastrada')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '/contas');
    expect(screen.queryByRole('region', { name: 'Arquivos para importar' })).not.toBeInTheDocument();
  });
});
