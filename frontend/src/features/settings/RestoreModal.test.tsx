import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, chooseBackupFile, previewBackup, restoreBackup } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { RestoreModal } from './RestoreModal';
import { backupPreview } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  previewBackup: vi.fn(),
  restoreBackup: vi.fn(),
  chooseBackupFile: vi.fn(),
}));

const OTHER = '/media/pendrive/boletos-2026-04-30T1800.db';

describe('RestoreModal', () => {
  it('shows what the backup holds and who needs credentials, then restores it', async () => {
    const preview = backupPreview();
    vi.mocked(previewBackup).mockResolvedValue(preview);
    vi.mocked(restoreBackup).mockResolvedValue(preview);
    const onRestarting = vi.fn();
    const user = userEvent.setup();
    renderPage(<RestoreModal opened path={preview.path} desktop={false} onClose={vi.fn()} onRestarting={onRestarting} />);

    const dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    const details = await within(dialog).findByLabelText('Conteúdo do backup');
    expect(details).toHaveTextContent('09/05/2026 03:12 (1,5 MB)');
    expect(details).toHaveTextContent('Pagadores12');
    expect(details).toHaveTextContent('8 (Emitido 3, Liquidado 5)');
    expect(details).toHaveTextContent('Último boleto criado em 08/05/2026 15:40');
    const accounts = within(details).getAllByRole('listitem');
    expect(accounts[0]).toHaveTextContent('Loja Centro (Produção)certificado e client secret terão de ser cadastrados de novo');
    expect(accounts[1]).toHaveTextContent('Conta de demonstração (Demonstração (simulação))');
    expect(accounts[1]).not.toHaveTextContent('cadastrados de novo');
    expect(within(dialog).getByText(/cadastre-os de novo em Contas bancárias para: Loja Centro\./)).toBeInTheDocument();
    expect(within(dialog).getByText(/o que foi feito depois dele deixa de aparecer/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Restaurar este backup' }));
    expect(restoreBackup).toHaveBeenCalledWith(preview.path);
    expect(onRestarting).toHaveBeenCalledTimes(1);
  });

  it('asks for a file from elsewhere, with the field saying what is wrong', async () => {
    vi.mocked(previewBackup)
      .mockRejectedValueOnce(
        new BackendError('invalid_input', 'Arquivo do backup: informe o caminho completo do arquivo.', {
          fields: [{ field: 'backupPath', message: 'Arquivo do backup: informe o caminho completo do arquivo.' }],
        }),
      )
      .mockResolvedValueOnce(backupPreview({ path: OTHER, name: 'boletos-2026-04-30T1800.db', accounts: [] }));
    const user = userEvent.setup();
    renderPage(<RestoreModal opened path={null} desktop={false} onClose={vi.fn()} onRestarting={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    expect(within(dialog).queryByRole('button', { name: 'Escolher arquivo…' })).not.toBeInTheDocument();
    const field = within(dialog).getByRole('textbox', { name: /Arquivo do backup/ });
    await user.type(field, 'boletos.db');
    await user.click(within(dialog).getByRole('button', { name: 'Ver o conteúdo' }));
    expect(await within(dialog).findByText('Arquivo do backup: informe o caminho completo do arquivo.')).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, OTHER);
    await user.click(within(dialog).getByRole('button', { name: 'Ver o conteúdo' }));
    expect(previewBackup).toHaveBeenLastCalledWith(OTHER);
    expect(await within(dialog).findByLabelText('Conteúdo do backup')).toHaveTextContent(OTHER);
    expect(within(dialog).queryByText(/Credenciais a cadastrar/)).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Restaurar este backup' })).toBeEnabled();
  });

  it('in the window, picks the file in the system dialog', async () => {
    vi.mocked(chooseBackupFile).mockResolvedValue(OTHER);
    vi.mocked(previewBackup).mockResolvedValue(backupPreview({ path: OTHER }));
    const user = userEvent.setup();
    renderPage(<RestoreModal opened path={null} desktop onClose={vi.fn()} onRestarting={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    await user.click(within(dialog).getByRole('button', { name: 'Escolher arquivo…' }));
    expect(previewBackup).toHaveBeenCalledWith(OTHER);
    expect(await within(dialog).findByLabelText('Conteúdo do backup')).toHaveTextContent(OTHER);
  });

  it('refuses a backup of a newer program, and says why a restore was not asked for', async () => {
    vi.mocked(previewBackup).mockResolvedValueOnce(
      backupPreview({ problem: 'O backup foi feito por uma versão mais nova do Boletos. Atualize o programa antes de restaurá-lo.' }),
    );
    const user = userEvent.setup();
    const { unmount } = renderPage(<RestoreModal opened path={OTHER} desktop={false} onClose={vi.fn()} onRestarting={vi.fn()} />);
    let dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    expect(await within(dialog).findByText(/versão mais nova do Boletos/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Restaurar este backup' })).not.toBeInTheDocument();
    unmount();

    vi.mocked(previewBackup).mockResolvedValueOnce(backupPreview());
    vi.mocked(restoreBackup).mockRejectedValueOnce(new BackendError('conflict', 'O Boletos já está reiniciando. Aguarde um instante.'));
    const onRestarting = vi.fn();
    renderPage(<RestoreModal opened path={OTHER} desktop={false} onClose={vi.fn()} onRestarting={onRestarting} />);
    dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    await user.click(await within(dialog).findByRole('button', { name: 'Restaurar este backup' }));
    expect(await within(dialog).findByText('O Boletos já está reiniciando. Aguarde um instante.')).toBeInTheDocument();
    expect(onRestarting).not.toHaveBeenCalled();
  });
});
