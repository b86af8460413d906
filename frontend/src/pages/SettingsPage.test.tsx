import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoAccount, productionAccount } from '../features/accounts/testFixtures';
import { saved, suggested } from '../features/mail/testFixtures';
import {
  BackendError,
  backupNow,
  getMailSettings,
  getSettings,
  getSystemInfo,
  listAccounts,
  listBackups,
  previewBackup,
  restoreBackup,
  type BackupsView,
} from '../lib/backend';
import { backupPreview, settingsView } from '../features/settings/testFixtures';
import { renderPage } from '../test/render';
import { SettingsPage } from './SettingsPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  getSystemInfo: vi.fn(),
  listAccounts: vi.fn(),
  getMailSettings: vi.fn(),
  saveMailSettings: vi.fn(),
  testMailSettings: vi.fn(),
  listBackups: vi.fn(),
  backupNow: vi.fn(),
  getSettings: vi.fn(),
  previewBackup: vi.fn(),
  restoreBackup: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

const DIR = '/home/ana/.config/boletos/backups';
const older = {
  name: 'boletos-2026-05-09T0312.db',
  path: `${DIR}/boletos-2026-05-09T0312.db`,
  kind: 'backup',
  takenAt: '2026-05-09T03:12:00-03:00',
  size: 1_572_864,
};
const safety = {
  name: 'boletos-antes-de-restaurar-2026-05-08T1015.db',
  path: `${DIR}/boletos-antes-de-restaurar-2026-05-08T1015.db`,
  kind: 'safety',
  takenAt: '2026-05-08T10:15:00-03:00',
  size: 812,
};
const newest = {
  name: 'boletos-2026-05-10T1422.db',
  path: `${DIR}/boletos-2026-05-10T1422.db`,
  kind: 'backup',
  takenAt: '2026-05-10T14:22:00-03:00',
  size: 1_601_536,
};

beforeEach(() => {
  vi.mocked(getSystemInfo).mockResolvedValue({ version: '1.4.0', dataDir: '/home/ana/.config/boletos', warnings: [] });
  vi.mocked(listAccounts).mockResolvedValue([productionAccount, demoAccount]);
  vi.mocked(getMailSettings).mockResolvedValue(suggested);
  vi.mocked(listBackups).mockResolvedValue({ dir: DIR, backups: [older, safety] });
  vi.mocked(getSettings).mockResolvedValue(settingsView());
});

function region(name: string) {
  return screen.getByRole('region', { name });
}

describe('Configurações', () => {
  it('edits the e-mail of the account picked, the first one to start with', async () => {
    vi.mocked(getMailSettings).mockImplementation(async (id) => (id === demoAccount.id ? saved : suggested));
    const user = userEvent.setup();
    renderPage(<SettingsPage />, '/configuracoes');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Configurações');

    const mail = region('E-mail');
    const select = await within(mail).findByRole('combobox', { name: 'Conta' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([productionAccount.name, demoAccount.name]);
    expect(await within(mail).findByRole('form', { name: `E-mail da conta ${productionAccount.name}` })).toBeInTheDocument();
    expect(getMailSettings).toHaveBeenLastCalledWith(productionAccount.id);

    await user.selectOptions(select, String(demoAccount.id));
    const form = await within(mail).findByRole('form', { name: `E-mail da conta ${demoAccount.name}` });
    expect(getMailSettings).toHaveBeenLastCalledWith(demoAccount.id);
    expect(within(form).getByRole('textbox', { name: /Servidor SMTP/ })).toHaveValue('smtp.gmail.com');
  });

  it('opens on the account named in the address (the link of "Enviar por e-mail")', async () => {
    renderPage(<SettingsPage />, `/configuracoes?conta=${demoAccount.id}`);
    expect(await screen.findByRole('form', { name: `E-mail da conta ${demoAccount.name}` })).toBeInTheDocument();
    expect(getMailSettings).toHaveBeenCalledWith(demoAccount.id);
    expect(getMailSettings).not.toHaveBeenCalledWith(productionAccount.id);
  });

  it('without accounts, says where to create one', async () => {
    vi.mocked(listAccounts).mockResolvedValue([]);
    renderPage(<SettingsPage />, '/configuracoes');
    const link = await within(region('E-mail')).findByRole('link', { name: 'Ir para Contas bancárias' });
    expect(link).toHaveAttribute('href', '/contas');
    expect(getMailSettings).not.toHaveBeenCalled();
  });

  it('lists the copies with São Paulo date and time and size, and explains how to restore', async () => {
    renderPage(<SettingsPage />, '/configuracoes');
    const backups = region('Cópias de segurança');
    const table = await within(backups).findByRole('table', { name: 'Cópias de segurança' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['09/05/2026 03:12', 'Cópia diária ou manual', '1,5 MB', older.name, 'Restaurar…'],
      ['08/05/2026 10:15', 'Dados de antes de uma restauração', '812 bytes', safety.name, 'Restaurar…'],
    ]);
    expect(within(backups).getByText(DIR)).toBeInTheDocument();

    const help = within(backups).getByRole('region', { name: 'Como restaurar uma cópia' });
    expect(help).toHaveTextContent('Clique em “Restaurar…” na cópia escolhida');
    expect(help).toHaveTextContent('com o programa fechado');
    expect(within(help).getByText('boletos restore <arquivo>')).toBeInTheDocument();
    await waitFor(() =>
      expect(help.querySelector('[data-restore-command]')).toHaveTextContent(
        `boletos restore --data-dir "/home/ana/.config/boletos" "${older.path}"`,
      ),
    );
    expect(help).toHaveTextContent(/Em outro computador.*certificado e o client secret das contas bancárias.*cadastre-os de novo/);
  });

  it('"Fazer backup agora" takes a copy and shows it in the list', async () => {
    vi.mocked(backupNow).mockResolvedValue(newest);
    const user = userEvent.setup();
    renderPage(<SettingsPage />, '/configuracoes');
    const backups = region('Cópias de segurança');
    await within(backups).findByRole('table', { name: 'Cópias de segurança' });

    const after: BackupsView = { dir: DIR, backups: [newest, older, safety] };
    vi.mocked(listBackups).mockResolvedValue(after);
    await user.click(within(backups).getByRole('button', { name: 'Fazer backup agora' }));

    expect(backupNow).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Cópia boletos-2026-05-10T1422.db (1,5 MB) conferida e guardada.')).toBeInTheDocument();
    const table = within(backups).getByRole('table', { name: 'Cópias de segurança' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('10/05/2026 14:22');
    expect(backups.querySelector('[data-restore-command]')).toHaveTextContent(newest.path);
  });

  it('says why a backup could not be made', async () => {
    vi.mocked(backupNow).mockRejectedValue(
      new BackendError('unavailable', 'Não foi possível gravar na pasta /home/ana/.config/boletos/backups. Verifique as permissões dessa pasta.'),
    );
    const user = userEvent.setup();
    renderPage(<SettingsPage />, '/configuracoes');
    const backups = region('Cópias de segurança');
    await within(backups).findByRole('table', { name: 'Cópias de segurança' });
    await user.click(within(backups).getByRole('button', { name: 'Fazer backup agora' }));
    expect(await within(backups).findByText('O backup não foi feito')).toBeInTheDocument();
    expect(within(backups).getByText(/Verifique as permissões dessa pasta/)).toBeInTheDocument();
  });

  it('shows the version and the data folder under "Sobre"', async () => {
    renderPage(<SettingsPage />, '/configuracoes');
    const about = region('Sobre');
    expect(await within(about).findByText('1.4.0')).toBeInTheDocument();
    expect(within(about).getByText('/home/ana/.config/boletos')).toBeInTheDocument();
    expect(getSystemInfo).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('has the program settings in their sections', async () => {
    renderPage(<SettingsPage />, '/configuracoes');
    expect(await within(region('Verificação de pagamentos')).findByRole('combobox', { name: 'Verificar pagamentos a cada' })).toHaveValue('10');
    expect(within(region('Registro (logs)')).getByRole('combobox', { name: 'Detalhe do registro' })).toHaveValue('info');
    expect(within(region('Pasta dos dados')).getByRole('button', { name: 'Mover…' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: /restaurado|movida/ })).not.toBeInTheDocument();
  });

  it('restores a copy of the list after its preview, then shows that the program restarts', async () => {
    vi.mocked(previewBackup).mockResolvedValue(backupPreview({ path: older.path, name: older.name }));
    vi.mocked(restoreBackup).mockResolvedValue(backupPreview({ path: older.path, name: older.name }));
    const user = userEvent.setup();
    renderPage(<SettingsPage />, '/configuracoes');
    const backups = region('Cópias de segurança');
    await within(backups).findByRole('table', { name: 'Cópias de segurança' });
    await within(region('Pasta dos dados')).findByRole('button', { name: 'Mover…' }); // settings loaded

    await user.click(within(backups).getByRole('button', { name: `Restaurar a cópia ${older.name}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Restaurar backup' });
    expect(previewBackup).toHaveBeenCalledWith(older.path);
    expect(await within(dialog).findByText('Loja Centro (Produção)')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Restaurar este backup' }));
    expect(restoreBackup).toHaveBeenCalledWith(older.path);
    expect(await screen.findByRole('status', { name: 'Reiniciando o Boletos' })).toHaveTextContent('Restaurando o backup');
  });

  it('after a restore, says what was done and which accounts need their credentials', async () => {
    vi.mocked(getSettings).mockResolvedValue(
      settingsView({
        lastOperation: {
          op: 'restore',
          ok: true,
          message: 'Backup de 09/05/2026 03:12 restaurado.',
          needCredentials: ['Loja Centro'],
          at: '2026-05-10T17:30:00Z',
        },
      }),
    );
    renderPage(<SettingsPage />, '/configuracoes');
    const notice = await screen.findByRole('status', { name: 'Backup restaurado' });
    expect(notice).toHaveTextContent('Backup de 09/05/2026 03:12 restaurado.');
    expect(within(notice).getByRole('link', { name: 'Ir para Contas bancárias' })).toHaveAttribute('href', '/contas');
    expect(notice).toHaveTextContent('de Loja Centro');
  });
});
