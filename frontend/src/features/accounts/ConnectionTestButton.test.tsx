import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, testAccountConnection, type ConnectionTest } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { ConnectionTestButton } from './ConnectionTestButton';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  testAccountConnection: vi.fn(),
}));

async function runTest() {
  const user = userEvent.setup();
  renderPage(<ConnectionTestButton accountId={42} accountName="Loja Centro" />);
  await user.click(screen.getByRole('button', { name: 'Testar conexão da conta Loja Centro' }));
  expect(testAccountConnection).toHaveBeenCalledExactlyOnceWith(42);
  const dialog = await screen.findByRole('dialog', { name: 'Testar conexão — Loja Centro' });
  return { user, dialog };
}

describe('Testar conexão', () => {
  it('shows success in green with every step', async () => {
    vi.mocked(testAccountConnection).mockResolvedValue({
      ok: true,
      message: 'Conexão com o Banco Inter funcionando.',
      steps: ['Certificado carregado', 'Token obtido', 'Consulta ao banco respondeu'],
    });
    const { dialog } = await runTest();

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Conexão funcionando');
    expect(alert).toHaveTextContent('Conexão com o Banco Inter funcionando.');
    expect(alert).toHaveAttribute('data-outcome', 'ok');
    const steps = within(dialog).getByRole('list', { name: 'Etapas do teste' });
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Certificado carregado',
      'Token obtido',
      'Consulta ao banco respondeu',
    ]);
  });

  it('shows a failure in red with the cause the backend found', async () => {
    vi.mocked(testAccountConnection).mockResolvedValue({
      ok: false,
      message:
        'O banco recusou o acesso: a integração não tem o escopo “API Cobrança Boleto com Pix”. Marque todas as permissões dessa API no Internet Banking.',
      steps: ['Certificado carregado'],
    });
    const { dialog } = await runTest();

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('A conexão falhou');
    expect(alert).toHaveTextContent('não tem o escopo “API Cobrança Boleto com Pix”');
    expect(alert).toHaveAttribute('data-outcome', 'failed');
    expect(within(dialog).queryByText('Conexão funcionando')).not.toBeInTheDocument();
  });

  it('shows the message when the test itself could not run, and tries again', async () => {
    const result: ConnectionTest = { ok: true, message: 'Tudo certo.', steps: [] };
    vi.mocked(testAccountConnection)
      .mockRejectedValueOnce(new BackendError('unavailable', 'O cofre de senhas está bloqueado.'))
      .mockResolvedValueOnce(result);
    const { user, dialog } = await runTest();

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('O cofre de senhas está bloqueado.');
    await user.click(within(dialog).getByRole('button', { name: 'Testar de novo' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Tudo certo.'));
    expect(testAccountConnection).toHaveBeenCalledTimes(2);
  });
});
