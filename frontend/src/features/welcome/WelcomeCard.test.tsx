import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemoAccount, dismissWelcome, getWelcome, type WelcomeView } from '../../lib/backend';
import { demoAccount } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { WelcomeCard } from './WelcomeCard';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getWelcome: vi.fn(),
  dismissWelcome: vi.fn(),
  createDemoAccount: vi.fn(),
}));

const fresh: WelcomeView = {
  show: true,
  dataDir: '/home/ana/.config/boletos',
  backupDir: '/home/ana/.config/boletos/backups',
  hasDemo: false,
  hasRealAccount: false,
};

function renderWelcome() {
  return renderPage(
    <Routes>
      <Route path="/" element={<WelcomeCard />} />
      <Route path="/contas/nova" element={<p>Nova conta</p>} />
      <Route path="/boletos/novo" element={<p>Novo boleto</p>} />
    </Routes>,
  );
}

beforeEach(() => {
  vi.mocked(getWelcome).mockReset().mockResolvedValue(fresh);
  vi.mocked(dismissWelcome).mockReset().mockResolvedValue();
  vi.mocked(createDemoAccount).mockReset().mockResolvedValue(demoAccount);
});

describe('WelcomeCard', () => {
  it('explains the demo, a real account and where the data and its backups live', async () => {
    renderWelcome();
    expect(await screen.findByRole('heading', { name: 'Boas-vindas ao Boletos' })).toBeInTheDocument();
    expect(screen.getByText(/um banco simulado neste computador/)).toBeInTheDocument();
    expect(screen.getByText(/Client ID e Client/)).toBeInTheDocument();
    expect(screen.getByText('/home/ana/.config/boletos')).toBeInTheDocument();
    expect(screen.getByText('/home/ana/.config/boletos/backups')).toBeInTheDocument();
  });

  it('opens the account setup when the clerk picks a real account, and does not come back', async () => {
    renderWelcome();
    await userEvent.click(await screen.findByRole('button', { name: 'Conectar minha conta Inter' }));
    expect(await screen.findByText('Nova conta')).toBeInTheDocument();
    expect(dismissWelcome).toHaveBeenCalledTimes(1);
  });

  it('creates the demo account and goes to a new boleto', async () => {
    renderWelcome();
    await userEvent.click(await screen.findByRole('button', { name: 'Experimentar com a conta de demonstração' }));
    expect(await screen.findByText('Novo boleto')).toBeInTheDocument();
    expect(createDemoAccount).toHaveBeenCalledTimes(1);
    expect(dismissWelcome).toHaveBeenCalledTimes(1);
  });

  it('says why the demo account could not be created and stays open', async () => {
    vi.mocked(createDemoAccount).mockRejectedValue(new Error('O cofre de senhas está trancado.'));
    renderWelcome();
    await userEvent.click(await screen.findByRole('button', { name: 'Experimentar com a conta de demonstração' }));
    expect(await screen.findByText('O cofre de senhas está trancado.')).toBeInTheDocument();
    expect(dismissWelcome).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Boas-vindas ao Boletos' })).toBeInTheDocument();
  });

  it('closes for good with the close button', async () => {
    vi.mocked(getWelcome).mockResolvedValue({ ...fresh, hasDemo: true });
    renderWelcome();
    expect(await screen.findByRole('button', { name: 'Continuar com a demonstração' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Fechar as boas-vindas' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Boas-vindas ao Boletos' })).not.toBeInTheDocument());
    expect(dismissWelcome).toHaveBeenCalledTimes(1);
  });

  it('shows nothing when the welcome was closed before', async () => {
    vi.mocked(getWelcome).mockResolvedValue({ ...fresh, show: false });
    renderWelcome();
    await waitFor(() => expect(getWelcome).toHaveBeenCalled());
    expect(screen.queryByRole('heading', { name: 'Boas-vindas ao Boletos' })).not.toBeInTheDocument();
  });
});
