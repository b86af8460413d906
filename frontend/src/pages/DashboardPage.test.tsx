import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDashboard, listAccounts, listBoletos, onEvent, syncNow, type DashboardDTO } from '../lib/backend';
import { EVENT_BOLETO_CHANGED } from '../lib/events';
import { demoAccount } from '../test/fixtures';
import { renderPage } from '../test/render';
import { DashboardPage } from './DashboardPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  onEvent: vi.fn(),
  getDashboard: vi.fn(),
  listBoletos: vi.fn(),
  listAccounts: vi.fn(),
  syncNow: vi.fn(),
}));

const dashboard: DashboardDTO = {
  today: '2026-11-27',
  toReceive: { count: 3, cents: 45000 },
  overdue: { count: 1, cents: 15000 },
  received: { count: 4, cents: 61000 },
  receivedNominalCents: 60000,
  cancelledExpired: { count: 2, cents: 7000 },
  drafts: 5,
  series: [
    { date: '2026-11-02', channel: 'BOLETO', count: 1, cents: 10000 },
    { date: '2026-11-02', channel: 'PIX', count: 2, cents: 30000 },
    { date: '2026-11-05', channel: '', count: 1, cents: 21000 },
  ],
  nextDue: [{ id: 11, seuNumero: '000011', payerName: 'Maria da Conceição Souza', payerDocument: '529.982.247-25', dueDate: '2026-12-01', amountCents: 15000, daysLate: -4 }],
  overdueList: [{ id: 7, seuNumero: '000007', payerName: 'João Batista Pereira', payerDocument: '11144477735', dueDate: '2026-11-20', amountCents: 15000, daysLate: 7 }],
  sync: [
    { accountId: 2, at: '2026-11-27T13:05:00Z', changed: 2, error: '' },
    { accountId: 3, at: '2026-11-27T13:06:00Z', changed: 0, error: 'O banco não respondeu.' },
  ],
  certificates: [{ accountId: 3, accountName: 'Inter Produção', daysLeft: 12, status: 'expiring', message: 'O certificado vence em 12 dias.' }],
};

let listeners: Map<string, (data: unknown) => void>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-27T15:00:00Z'));
  listeners = new Map();
  vi.mocked(onEvent).mockImplementation((name, cb) => {
    listeners.set(name, cb as (data: unknown) => void);
    return () => listeners.delete(name);
  });
  vi.mocked(getDashboard).mockResolvedValue(dashboard);
  vi.mocked(listBoletos).mockResolvedValue({ rows: [], total: 9, totalAmountCents: 0, totalPaidCents: 0 });
  vi.mocked(listAccounts).mockResolvedValue([
    { ...demoAccount, id: 2, name: 'Conta de demonstração' },
    { ...demoAccount, id: 3, name: 'Inter Produção' },
  ]);
  vi.mocked(syncNow).mockResolvedValue();
});

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('Painel', () => {
  it('shows the four cards, the drafts link and the certificate warning', async () => {
    renderPage(<DashboardPage />);
    const toReceive = await screen.findByRole('region', { name: 'A receber' });
    expect(toReceive).toHaveTextContent('R$ 450,00');
    expect(toReceive).toHaveTextContent('3 boletos');
    expect(screen.getByRole('region', { name: 'Recebido no período' })).toHaveTextContent('R$ 610,00');
    expect(screen.getByRole('region', { name: 'Recebido no período' })).toHaveTextContent('Valor nominal R$ 600,00');
    expect(screen.getByRole('region', { name: 'Vencido' })).toHaveTextContent('1 boleto');
    expect(screen.getByRole('region', { name: 'Cancelado/expirado' })).toHaveTextContent('R$ 70,00');
    expect(screen.getByRole('link', { name: '5 rascunhos ainda não emitidos' })).toHaveAttribute('href', '/boletos?situacao=draft');
    expect(screen.getByText('Certificado da conta Inter Produção')).toBeInTheDocument();
    expect(screen.getByText('Vence em 12 dias')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Abrir a conta Inter Produção' })).toHaveAttribute('href', '/contas/3');
  });

  it('draws the received series as stacked bars with titles, a summary and a legend', async () => {
    const { container } = renderPage(<DashboardPage />);
    const chart = await screen.findByRole('img', { name: /Recebido por dia/ });
    expect(chart).toHaveAccessibleName(
      'Recebido por dia, de 02/11/2026 a 05/11/2026: total R$ 610,00; Boleto R$ 100,00, Pix R$ 300,00, Marcado como recebido R$ 210,00.',
    );
    const titles = [...container.querySelectorAll('svg[role="img"] rect title')].map((t) => t.textContent);
    expect(titles).toEqual([
      '02/11/2026 — Boleto: R$ 100,00 (1 boleto)',
      '02/11/2026 — Pix: R$ 300,00 (2 boletos)',
      '05/11/2026 — Marcado como recebido: R$ 210,00 (1 boleto)',
    ]);
    // Pix is hatched, not just another colour.
    expect(container.querySelector('rect[data-channel="PIX"]')).toHaveAttribute('fill', 'url(#received-pix)');
    const legend = screen.getByRole('list', { name: 'Legenda' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Boleto: R$ 100,00',
      'Pix: R$ 300,00',
      'Marcado como recebido: R$ 210,00',
    ]);
  });

  it('asks for the month by default and sends each preset\'s dates', async () => {
    const user = userEvent.setup();
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'A receber' });
    expect(getDashboard).toHaveBeenLastCalledWith({ accountId: 0, from: '2026-11-01', to: '2026-11-30', series: 'day' });

    const period = screen.getByRole('combobox', { name: 'Período' });
    const cases: [string, string, string][] = [
      ['Mês passado', '2026-10-01', '2026-10-31'],
      ['Últimos 30 dias', '2026-10-29', '2026-11-27'],
      ['Este ano', '2026-01-01', '2026-12-31'],
    ];
    for (const [label, from, to] of cases) {
      await user.selectOptions(period, label);
      await waitFor(() => expect(getDashboard).toHaveBeenLastCalledWith({ accountId: 0, from, to, series: 'day' }));
    }

    await user.selectOptions(screen.getByRole('combobox', { name: 'Conta' }), 'Inter Produção');
    await waitFor(() => expect(getDashboard).toHaveBeenLastCalledWith({ accountId: 3, from: '2026-01-01', to: '2026-12-31', series: 'day' }));
    await user.click(screen.getByRole('radio', { name: 'Mês' }));
    await waitFor(() => expect(getDashboard).toHaveBeenLastCalledWith({ accountId: 3, from: '2026-01-01', to: '2026-12-31', series: 'month' }));
  });

  it('sends a custom period from the URL', async () => {
    renderPage(<DashboardPage />, '/?periodo=custom&de=2026-03-10&ate=2026-04-02');
    await screen.findByRole('region', { name: 'A receber' });
    expect(getDashboard).toHaveBeenLastCalledWith({ accountId: 0, from: '2026-03-10', to: '2026-04-02', series: 'day' });
    expect(screen.getByText('10/03/2026 a 02/04/2026')).toBeInTheDocument();
  });

  it('lists next due and overdue boletos with days late, each linking to its detail', async () => {
    renderPage(<DashboardPage />);
    const next = await screen.findByRole('table', { name: 'Próximos vencimentos' });
    expect(within(next).getByRole('link', { name: 'Abrir o boleto 000011' })).toHaveAttribute('href', '/boletos/11');
    expect(next).toHaveTextContent('vence em 4 dias');
    const overdue = screen.getByRole('table', { name: 'Vencidos' });
    expect(within(overdue).getByRole('link', { name: 'Abrir o boleto 000007' })).toHaveAttribute('href', '/boletos/7');
    expect(overdue).toHaveTextContent('7 dias de atraso');
    expect(overdue).toHaveTextContent('R$ 150,00');
    expect(overdue).toHaveTextContent('111.444.777-35');
  });

  it('shows each account\'s sync and syncs on request', async () => {
    const user = userEvent.setup();
    renderPage(<DashboardPage />);
    expect(await screen.findByText(/Conta de demonstração: Sincronizado às 10:05/)).toBeInTheDocument();
    expect(screen.getByText(/Inter Produção: falha ao sincronizar às 10:06 — O banco não respondeu\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sincronizar agora' }));
    expect(syncNow).toHaveBeenCalledTimes(1);
  });

  it('reads the Painel again after boleto changes, once they pause', async () => {
    renderPage(<DashboardPage />);
    await screen.findByRole('region', { name: 'A receber' });
    expect(getDashboard).toHaveBeenCalledTimes(1);
    vi.mocked(getDashboard).mockResolvedValue({ ...dashboard, toReceive: { count: 4, cents: 50000 } });
    act(() => {
      listeners.get(EVENT_BOLETO_CHANGED)?.({ id: 1, state: 'issued', previousState: 'processing' });
      listeners.get(EVENT_BOLETO_CHANGED)?.({ id: 2, state: 'issued', previousState: 'processing' });
    });
    await waitFor(() => expect(screen.getByRole('region', { name: 'A receber' })).toHaveTextContent('R$ 500,00'), { timeout: 2000 });
    expect(getDashboard).toHaveBeenCalledTimes(2);
  });

  it('points a fresh install to Novo boleto and Importar', async () => {
    vi.mocked(listBoletos).mockResolvedValue({ rows: [], total: 0, totalAmountCents: 0, totalPaidCents: 0 });
    vi.mocked(getDashboard).mockResolvedValue({ ...dashboard, toReceive: { count: 0, cents: 0 }, series: [], nextDue: [], overdueList: [], drafts: 0, certificates: [] });
    renderPage(<DashboardPage />);
    const empty = await screen.findByRole('region', { name: 'Nenhum boleto ainda' });
    expect(within(empty).getByRole('link', { name: /Novo boleto/ })).toHaveAttribute('href', '/boletos/novo');
    expect(within(empty).getByRole('link', { name: /Importar documentos/ })).toHaveAttribute('href', '/importar');
    expect(screen.queryByRole('region', { name: 'A receber' })).not.toBeInTheDocument();
  });
});
