import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { BackendError, getAccount, getSystemInfo, listAccounts, listBoletos, onEvent } from './lib/backend';
import { EVENT_NOTICE } from './lib/events';

vi.mock('./lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./lib/backend')>()),
  getSystemInfo: vi.fn(),
  listAccounts: vi.fn(),
  getAccount: vi.fn(),
  decodeBarcode: vi.fn(),
  decodePix: vi.fn(),
  copyText: vi.fn(),
  onEvent: vi.fn(() => () => {}),
  listBoletos: vi.fn(),
  listBoletoStates: vi.fn(async () => []),
}));

const NAV_LABELS = [
  'Painel',
  'Boletos',
  'Novo boleto',
  'Importar documentos',
  'Contratos',
  'Relatórios',
  'Pagadores',
  'Contas bancárias',
  'Configurações',
  'Validar código de barras',
];

function renderAt(hash: string) {
  window.location.hash = hash;
  return render(<App />);
}

beforeEach(() => {
  vi.mocked(getSystemInfo).mockResolvedValue({ version: '1.2.3', dataDir: '/dados/boletos', warnings: [] });
  vi.mocked(listAccounts).mockResolvedValue([]);
  vi.mocked(listBoletos).mockResolvedValue({ rows: [], total: 0, totalAmountCents: 0, totalPaidCents: 0 });
});

describe('app shell', () => {
  it('shows the app name, the backend version and every navigation entry in order', async () => {
    renderAt('#/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Boletos — Banco Inter')).toBeInTheDocument();
    expect(await within(banner).findByText('Versão 1.2.3')).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(NAV_LABELS);
    expect(within(nav).getByRole('group', { name: 'Ferramentas' })).toContainElement(
      within(nav).getByRole('link', { name: 'Validar código de barras' }),
    );
    expect(screen.getByRole('main')).toBeInTheDocument();
  });

  it('shows installation warnings above every page', async () => {
    vi.mocked(getSystemInfo).mockResolvedValue({
      version: '1.2.3',
      dataDir: '/dados/boletos',
      warnings: ['Nenhum cofre de senhas do sistema foi encontrado.'],
    });
    renderAt('#/pagadores');
    const main = screen.getByRole('main');
    expect(await within(main).findByText('Nenhum cofre de senhas do sistema foi encontrado.')).toBeInTheDocument();
  });

  it('turns a backend notice into a notification', async () => {
    let deliver: ((data: unknown) => void) | undefined;
    vi.mocked(onEvent).mockImplementation((name, callback) => {
      if (name === EVENT_NOTICE) deliver = callback as (data: unknown) => void;
      return () => {};
    });
    renderAt('#/');
    await screen.findByText('Versão 1.2.3');
    expect(deliver).toBeDefined();
    deliver?.({ level: 'warning', message: 'O cofre de senhas está bloqueado.' });
    expect(await screen.findByText('O cofre de senhas está bloqueado.')).toBeInTheDocument();
  });

  it('says so when the version cannot be read', async () => {
    vi.mocked(getSystemInfo).mockRejectedValue(new BackendError('unavailable', 'fora do ar'));
    renderAt('#/');
    expect(await screen.findByText('Versão indisponível')).toBeInTheDocument();
  });

  it('#/ shows the Painel, without a notice', async () => {
    renderAt('#/');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Painel');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('combobox', { name: 'Período' })).toHaveValue('month');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    const current = within(nav).getByRole('link', { current: 'page' });
    expect(current).toHaveTextContent('Painel');
    expect(current).toHaveAttribute('href', '#/');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/configuracoes shows the settings: e-mail, backups and about', async () => {
    renderAt('#/configuracoes');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Configurações');
    for (const section of ['E-mail', 'Cópias de segurança', 'Sobre']) {
      expect(screen.getByRole('region', { name: section })).toBeInTheDocument();
    }
    expect(await screen.findByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '#/contas');
    expect(await within(screen.getByRole('region', { name: 'Sobre' })).findByText('/dados/boletos')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Configurações');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/boletos shows the boletos list, or where to start without any', async () => {
    renderAt('#/boletos');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Boletos');
    expect(await screen.findByRole('region', { name: 'Nenhum boleto ainda' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Boletos');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/boletos/novo shows the new boleto form, or where to get an account first', async () => {
    renderAt('#/boletos/novo');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Novo boleto');
    expect(await screen.findByText('Nenhuma conta bancária cadastrada')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '#/contas');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Novo boleto');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/importar shows the import screen, or where to get an account first', async () => {
    renderAt('#/importar');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Importar documentos');
    expect(await screen.findByText('Nenhuma conta bancária cadastrada')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '#/contas');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Importar documentos');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/contas shows the bank accounts, or how to start without one', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    renderAt('#/contas');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Contas bancárias');
    expect(await screen.findByRole('region', { name: 'Nenhuma conta bancária cadastrada' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Contas bancárias');
    await screen.findByText('Versão 1.2.3');
  });

  it('#/contas/nova and #/contas/:id/parametros open the account form and its parameters', async () => {
    renderAt('#/contas/nova');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Nova conta bancária');
    expect(screen.getByRole('form', { name: 'Nova conta bancária' })).toBeInTheDocument();
    await screen.findByText('Versão 1.2.3');
    cleanup();

    vi.mocked(getAccount).mockRejectedValue(new BackendError('not_found', 'Conta 99 não encontrada.'));
    renderAt('#/contas/99/parametros');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Parâmetros do boleto');
    expect(await screen.findByText('Conta 99 não encontrada.')).toBeInTheDocument();
    expect(getAccount).toHaveBeenCalledExactlyOnceWith(99);
  });

  it('#/ferramentas/codigo-de-barras shows the barcode validator', async () => {
    renderAt('#/ferramentas/codigo-de-barras');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Validar código de barras');
    expect(screen.getByRole('textbox', { name: 'Linha digitável ou código de barras' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await screen.findByText('Versão 1.2.3');
  });

  it('shows "Página não encontrada" with a way home for an unknown route', async () => {
    const user = userEvent.setup();
    renderAt('#/nao-existe');

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Página não encontrada');
    await user.click(screen.getByRole('link', { name: 'Voltar ao Painel' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Painel');
    expect(window.location.hash).toBe('#/');
  });

  it('navigates by clicking the navbar and moves focus to the new page title', async () => {
    const user = userEvent.setup();
    renderAt('#/');
    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });

    await user.click(within(nav).getByRole('link', { name: 'Pagadores' }));

    const title = screen.getByRole('heading', { level: 1 });
    expect(title).toHaveTextContent('Pagadores');
    expect(title).toHaveFocus();
    expect(window.location.hash).toBe('#/pagadores');
    expect(document.title).toBe('Pagadores | Boletos — Banco Inter');
    expect(within(nav).getByRole('link', { current: 'page' })).toHaveTextContent('Pagadores');
  });

  it('is reachable by keyboard: Tab reaches the skip link first, then the navigation', async () => {
    const user = userEvent.setup();
    renderAt('#/');

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Pular para o conteúdo' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(window.location.hash).toBe('#/');

    const nav = screen.getByRole('navigation', { name: 'Navegação principal' });
    within(nav).getByRole('link', { name: 'Boletos' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Boletos');
  });
});
