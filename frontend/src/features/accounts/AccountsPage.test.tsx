import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, createDemoAccount, listAccounts, testAccountConnection } from '../../lib/backend';
import { AccountsPage } from '../../pages/AccountsPage';
import { renderPage } from '../../test/render';
import { demoAccount, expiredCertificate, expiringCertificate, productionAccount } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  listAccounts: vi.fn(),
  createDemoAccount: vi.fn(),
  testAccountConnection: vi.fn(),
}));

/** The value shown next to a label in a card (<dt>label</dt><dd>value</dd>). */
function valueOf(container: HTMLElement, label: string): HTMLElement {
  const term = within(container).getByText(label, { selector: 'dt' });
  const dd = term.nextElementSibling;
  if (!(dd instanceof HTMLElement) || dd.tagName !== 'DD') throw new Error(`no <dd> after <dt>${label}</dt>`);
  return dd;
}

describe('Contas bancárias (lista)', () => {
  it('shows each account with bank, agência/conta, environment, integration and certificate', async () => {
    vi.mocked(listAccounts).mockResolvedValue([productionAccount, demoAccount]);
    renderPage(<AccountsPage />);

    const card = await screen.findByRole('article', { name: 'Inter — Loja Centro' });
    expect(valueOf(card, 'Banco')).toHaveTextContent('Banco Inter S.A. — 077');
    expect(valueOf(card, 'Agência e conta')).toHaveTextContent('0001 / 123456789');
    expect(valueOf(card, 'Integração direta')).toHaveTextContent(/^Ativada/);
    expect(valueOf(card, 'Certificado')).toHaveTextContent('Válido até 01/08/2026 (faltam 245 dias)');
    expect(within(card).getByText('Produção')).toBeInTheDocument();
    expect(within(card).queryByText('Simulação')).not.toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Abrir a conta Inter — Loja Centro' })).toHaveAttribute(
      'href',
      '/contas/7',
    );
    expect(
      within(card).getByRole('link', { name: 'Parâmetros do boleto da conta Inter — Loja Centro' }),
    ).toHaveAttribute('href', '/contas/7/parametros');
    expect(within(card).getByRole('button', { name: 'Testar conexão da conta Inter — Loja Centro' })).toBeEnabled();

    const demo = screen.getByRole('article', { name: 'Conta de demonstração' });
    expect(within(demo).getByText('Simulação')).toBeInTheDocument();
    expect(within(demo).getByText('Demonstração (simulação)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Cadastrar conta' })).toHaveAttribute('href', '/contas/nova');
    expect(screen.queryByText('Nenhuma conta bancária cadastrada')).not.toBeInTheDocument();
  });

  it('marks a certificate about to expire in orange and an expired one in red, with the message', async () => {
    vi.mocked(listAccounts).mockResolvedValue([
      { ...productionAccount, id: 1, name: 'Vencendo', certificate: expiringCertificate },
      { ...productionAccount, id: 2, name: 'Vencida', certificate: expiredCertificate },
    ]);
    renderPage(<AccountsPage />);

    const expiring = valueOf(await screen.findByRole('article', { name: 'Vencendo' }), 'Certificado');
    expect(expiring).toHaveTextContent('Válido até 20/12/2025 (faltam 12 dias)');
    expect(expiring).toHaveTextContent('O certificado da integração vence em 12 dias, em 20/12/2025.');
    expect(expiring.querySelector('[data-certificate]')).toHaveAttribute('data-certificate', 'expiring');
    expect(within(expiring).getByText(/Válido até/)).toHaveStyle({ color: 'var(--mantine-color-orange-8)' });

    const expired = valueOf(screen.getByRole('article', { name: 'Vencida' }), 'Certificado');
    expect(expired).toHaveTextContent('Vencido em 30/11/2025');
    expect(expired).toHaveTextContent('O certificado da integração venceu em 30/11/2025.');
    expect(within(expired).getByText('Vencido em 30/11/2025')).toHaveStyle({ color: 'var(--mantine-color-red-8)' });
  });

  it('says when the direct integration is off and offers no connection test then', async () => {
    vi.mocked(listAccounts).mockResolvedValue([
      { ...productionAccount, directIntegration: false, certificate: null, hasClientSecret: false },
    ]);
    renderPage(<AccountsPage />);

    const card = await screen.findByRole('article', { name: 'Inter — Loja Centro' });
    expect(valueOf(card, 'Integração direta')).toHaveTextContent('Desativada: boletos só como rascunho e impressão');
    expect(within(card).getByText('Sem integração direta')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Testar conexão/ })).not.toBeInTheDocument();
    expect(valueOf(card, 'Certificado')).toHaveTextContent('Não é usado sem a integração direta.');
  });

  it('explains both ways to start when there is no account, and creates the demo account', async () => {
    vi.mocked(listAccounts).mockResolvedValueOnce([]).mockResolvedValueOnce([demoAccount]);
    vi.mocked(createDemoAccount).mockResolvedValue(demoAccount);
    const user = userEvent.setup();
    renderPage(<AccountsPage />);

    const empty = await screen.findByRole('region', { name: 'Nenhuma conta bancária cadastrada' });
    expect(empty).toHaveTextContent('nada chega ao banco');
    expect(empty).toHaveTextContent('client id e o client secret');
    expect(within(empty).getByRole('link', { name: 'Cadastrar conta do Banco Inter' })).toHaveAttribute(
      'href',
      '/contas/nova',
    );

    await user.click(within(empty).getByRole('button', { name: 'Usar a conta de demonstração' }));

    expect(createDemoAccount).toHaveBeenCalledTimes(1);
    const demo = await screen.findByRole('article', { name: 'Conta de demonstração' });
    expect(within(demo).getByText('Simulação')).toBeInTheDocument();
    expect(listAccounts).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Conta de demonstração pronta')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Nenhuma conta bancária cadastrada' })).not.toBeInTheDocument();
  });

  it('keeps the empty state and shows why when the demo account cannot be created', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    vi.mocked(createDemoAccount).mockRejectedValue(
      new BackendError('unavailable', 'O cofre de senhas do sistema está bloqueado.'),
    );
    const user = userEvent.setup();
    renderPage(<AccountsPage />);

    await user.click(await screen.findByRole('button', { name: 'Usar a conta de demonstração' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('O cofre de senhas do sistema está bloqueado.');
    expect(screen.getByRole('region', { name: 'Nenhuma conta bancária cadastrada' })).toBeInTheDocument();
    expect(listAccounts).toHaveBeenCalledTimes(1);
  });

  it('shows the error and tries again when the list cannot be read', async () => {
    vi.mocked(listAccounts)
      .mockRejectedValueOnce(new BackendError('unavailable', 'Não foi possível falar com o Boletos.'))
      .mockResolvedValueOnce([productionAccount]);
    const user = userEvent.setup();
    renderPage(<AccountsPage />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Não foi possível falar com o Boletos.');
    await user.click(within(alert).getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('article', { name: 'Inter — Loja Centro' })).toBeInTheDocument();
  });

  it('tests the connection from the list', async () => {
    vi.mocked(listAccounts).mockResolvedValue([productionAccount]);
    vi.mocked(testAccountConnection).mockResolvedValue({
      ok: true,
      message: 'O Banco Inter respondeu: a conta está pronta para emitir boletos.',
      steps: ['Certificado carregado', 'Token obtido', 'Consulta ao banco respondeu'],
    });
    const user = userEvent.setup();
    renderPage(<AccountsPage />);

    await user.click(await screen.findByRole('button', { name: 'Testar conexão da conta Inter — Loja Centro' }));

    expect(testAccountConnection).toHaveBeenCalledExactlyOnceWith(7);
    const dialog = await screen.findByRole('dialog', { name: 'Testar conexão — Inter — Loja Centro' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Conexão funcionando');
  });
});
