import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareWithBank, exportReport, getReport, listAccounts, listBoletoStates, listDocumentKinds, type ReportDTO } from '../lib/backend';
import { demoAccount } from '../test/fixtures';
import { renderPage } from '../test/render';
import { ReportsPage } from './ReportsPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  getReport: vi.fn(),
  exportReport: vi.fn(),
  compareWithBank: vi.fn(),
  listAccounts: vi.fn(),
  listBoletoStates: vi.fn(),
  listDocumentKinds: vi.fn(),
}));

const aging: ReportDTO = {
  title: 'Boletos em aberto por atraso',
  filters: ['Conta: todas', 'Posição em 27/11/2026 (dias de atraso contados até esta data).'],
  tables: [
    {
      name: 'Faixas de atraso',
      columns: [
        { header: 'Faixa', kind: 'text' },
        { header: 'Boletos', kind: 'count' },
        { header: 'Valor', kind: 'money' },
      ],
      rows: [
        ['A vencer', '2', 'R$ 300,00'],
        ['1 a 30 dias', '1', 'R$ 150,00'],
      ],
      totals: ['Total em aberto', '3', 'R$ 450,00'],
    },
    {
      name: 'Boletos em aberto',
      columns: [
        { header: 'Seu número', kind: 'text' },
        { header: 'Vencimento', kind: 'date' },
        { header: 'Valor', kind: 'money' },
      ],
      rows: [
        ['000001', '01/12/2026', 'R$ 150,00'],
        ['000002', '02/12/2026', 'R$ 150,00'],
        ['000003', '20/11/2026', 'R$ 150,00'],
      ],
      totals: ['3 boletos', '', 'R$ 450,00'],
    },
  ],
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-27T15:00:00Z'));
  vi.mocked(getReport).mockResolvedValue(aging);
  vi.mocked(exportReport).mockResolvedValue('boletos-em-aberto-por-atraso.csv');
  vi.mocked(listAccounts).mockResolvedValue([{ ...demoAccount, id: 2, name: 'Conta de demonstração' }]);
  vi.mocked(listBoletoStates).mockResolvedValue([]);
  vi.mocked(listDocumentKinds).mockResolvedValue([{ value: 'nfe', label: 'NF-e' }]);
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

const agingFilter = { accountId: 0, dateField: 'due', from: '', to: '', states: [], payerDocument: '', documentKinds: [] };

describe('Relatórios', () => {
  it('opens on Recebimentos for this month by payment date', async () => {
    renderPage(<ReportsPage />, '/relatorios');
    await screen.findByRole('heading', { level: 2, name: aging.title });
    expect(getReport).toHaveBeenLastCalledWith('receipts', {
      accountId: 0, dateField: 'paid', from: '2026-11-01', to: '2026-11-30', states: [], payerDocument: '', documentKinds: [],
    });
    expect(screen.getByRole('tab', { name: 'Recebimentos' })).toHaveAttribute('aria-selected', 'true');
  });

  it('renders the tables with money right-aligned, bold totals and the filter lines', async () => {
    renderPage(<ReportsPage />, '/relatorios?aba=atraso');
    const list = await screen.findByRole('table', { name: 'Boletos em aberto' });
    expect(getReport).toHaveBeenLastCalledWith('aging', agingFilter);
    const rows = within(list).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Seu número', 'Vencimento', 'Valor'],
      ['000001', '01/12/2026', 'R$ 150,00'],
      ['000002', '02/12/2026', 'R$ 150,00'],
      ['000003', '20/11/2026', 'R$ 150,00'],
      ['3 boletos', '', 'R$ 450,00'],
    ]);
    const money = within(rows[1]).getByText('R$ 150,00');
    expect(money).toHaveStyle({ textAlign: 'right' });
    expect(within(rows[4]).getByText('R$ 450,00')).toHaveStyle({ fontWeight: 700 });
    expect(screen.getByRole('table', { name: 'Faixas de atraso' })).toHaveTextContent('Total em aberto3R$ 450,00');
    const filters = screen.getByRole('list', { name: 'Filtros do relatório' });
    expect(filters).toHaveTextContent('Posição em 27/11/2026');
  });

  it('keeps the filters in the URL and sends them', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, '/relatorios?aba=pagador&conta=2&periodo=custom&de=2026-01-01&ate=2026-06-30&situacao=paid&pagador=529.982.247-25&origem=nfe');
    await screen.findByRole('table', { name: 'Boletos em aberto' });
    expect(getReport).toHaveBeenLastCalledWith('by_payer', {
      accountId: 2, dateField: 'due', from: '2026-01-01', to: '2026-06-30', states: ['paid'], payerDocument: '52998224725', documentKinds: ['nfe'],
    });
    await user.click(screen.getByRole('tab', { name: 'Em aberto por atraso' }));
    await waitFor(() =>
      expect(getReport).toHaveBeenLastCalledWith('aging', { ...agingFilter, accountId: 2, payerDocument: '52998224725', documentKinds: ['nfe'] }),
    );
  });

  it('exports the report as CSV, XLSX and PDF with the same filter', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, '/relatorios?aba=atraso');
    await screen.findByRole('table', { name: 'Boletos em aberto' });
    await user.click(screen.getByRole('button', { name: 'Exportar CSV' }));
    expect(exportReport).toHaveBeenLastCalledWith('aging', agingFilter, 'csv');
    expect(await screen.findByText('boletos-em-aberto-por-atraso.csv')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Exportar Excel (XLSX)' }));
    expect(exportReport).toHaveBeenLastCalledWith('aging', agingFilter, 'xlsx');
    await user.click(screen.getByRole('button', { name: 'Exportar PDF' }));
    expect(exportReport).toHaveBeenLastCalledWith('aging', agingFilter, 'pdf');
  });

  it('compares with the bank only with an account, and shows the differences or the agreement', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, '/relatorios?aba=atraso');
    await screen.findByRole('table', { name: 'Boletos em aberto' });
    expect(screen.getByRole('button', { name: 'Conferir com o banco' })).toBeDisabled();
    expect(screen.getByText('Escolha uma conta para conferir com o banco.')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Conta' }), 'Conta de demonstração');
    vi.mocked(compareWithBank).mockResolvedValueOnce(['Liquidados: 1 no programa, 2 no banco (R$ 150,00 a mais no banco)']);
    await user.click(screen.getByRole('button', { name: 'Conferir com o banco' }));
    expect(compareWithBank).toHaveBeenLastCalledWith({ ...agingFilter, accountId: 2 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('O programa e o banco não conferem');
    expect(alert).toHaveTextContent('Liquidados: 1 no programa, 2 no banco');

    vi.mocked(compareWithBank).mockResolvedValueOnce([]);
    await user.click(screen.getByRole('button', { name: 'Conferir com o banco' }));
    expect(await screen.findByText('O programa e o banco conferem')).toBeInTheDocument();
  });
});
