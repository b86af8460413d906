import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, checkDataFolder, chooseDataFolder, moveDataFolder } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { DataFolderSettings } from './DataFolderSettings';
import { DATA_DIR, settingsView } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  checkDataFolder: vi.fn(),
  chooseDataFolder: vi.fn(),
  moveDataFolder: vi.fn(),
}));

const NEW = '/mnt/dados/boletos';

function refused(message: string) {
  return new BackendError('invalid_input', message, { fields: [{ field: 'dataDir', message }] });
}

describe('DataFolderSettings', () => {
  it('checks the new folder, asks to confirm, then moves and restarts', async () => {
    const onRestarting = vi.fn();
    vi.mocked(checkDataFolder)
      .mockRejectedValueOnce(refused('A nova pasta dos dados (/mnt/cheia) não está vazia. Escolha uma pasta vazia.'))
      .mockResolvedValueOnce(NEW);
    vi.mocked(moveDataFolder).mockResolvedValue(NEW);
    const user = userEvent.setup();
    renderPage(<DataFolderSettings settings={settingsView()} onRestarting={onRestarting} />);
    expect(screen.getByRole('group', { name: 'Pasta dos dados' })).toHaveTextContent(DATA_DIR);

    await user.click(screen.getByRole('button', { name: 'Mover…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mover a pasta dos dados' });
    expect(within(dialog).queryByRole('button', { name: 'Escolher pasta…' })).not.toBeInTheDocument(); // browser
    const field = within(dialog).getByRole('textbox', { name: /Nova pasta dos dados/ });
    await user.type(field, '/mnt/cheia');
    await user.click(within(dialog).getByRole('button', { name: 'Continuar' }));
    expect(checkDataFolder).toHaveBeenLastCalledWith('/mnt/cheia');
    expect(await within(dialog).findByText(/não está vazia/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(moveDataFolder).not.toHaveBeenCalled();

    await user.clear(field);
    await user.type(field, `${NEW}/`);
    await user.click(within(dialog).getByRole('button', { name: 'Continuar' }));
    const confirm = await within(dialog).findByRole('group', { name: 'Confirmar a mudança' });
    expect(confirm).toHaveTextContent(`Os dados vão para ${NEW}.`);
    expect(confirm).toHaveTextContent('Se algo falhar, nada se perde');
    await user.click(within(confirm).getByRole('button', { name: 'Mover e reiniciar' }));
    expect(moveDataFolder).toHaveBeenCalledWith(NEW);
    expect(onRestarting).toHaveBeenCalledWith(NEW);
  });

  it('in the window, picks the folder in the system dialog', async () => {
    vi.mocked(chooseDataFolder).mockResolvedValue(NEW);
    vi.mocked(checkDataFolder).mockResolvedValue(NEW);
    const user = userEvent.setup();
    renderPage(<DataFolderSettings settings={settingsView({ desktop: true })} onRestarting={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Mover…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mover a pasta dos dados' });
    await user.click(within(dialog).getByRole('button', { name: 'Escolher pasta…' }));
    expect(chooseDataFolder).toHaveBeenCalled();
    expect(checkDataFolder).toHaveBeenCalledWith(NEW);
    expect(await within(dialog).findByRole('group', { name: 'Confirmar a mudança' })).toHaveTextContent(NEW);
  });
});
