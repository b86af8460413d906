import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, openLogFolder, setLogLevel } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { LogSettings } from './LogSettings';
import { DATA_DIR, settingsView } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  setLogLevel: vi.fn(),
  openLogFolder: vi.fn(),
}));

describe('LogSettings', () => {
  it('saves the level chosen', async () => {
    const onSaved = vi.fn();
    vi.mocked(setLogLevel).mockResolvedValue(settingsView({ logLevel: 'debug' }));
    const user = userEvent.setup();
    renderPage(<LogSettings settings={settingsView()} onSaved={onSaved} />);
    const select = screen.getByRole('combobox', { name: 'Detalhe do registro' });
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.textContent)).toEqual([
      'Normal',
      'Detalhado',
      'Só avisos',
      'Só erros',
    ]);
    await user.selectOptions(select, 'debug');
    expect(setLogLevel).toHaveBeenCalledWith('debug');
    expect(await screen.findByText('Detalhe do registro: Detalhado.')).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ logLevel: 'debug' }));
  });

  it('in the browser, shows the log file with a copy button', () => {
    renderPage(<LogSettings settings={settingsView()} onSaved={vi.fn()} />);
    const field = screen.getByRole('group', { name: 'Arquivo de registro' });
    expect(field).toHaveTextContent(`${DATA_DIR}/boletos.log`);
    expect(within(field).getByRole('button', { name: 'Copiar o caminho do arquivo de registro' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Abrir pasta de logs' })).not.toBeInTheDocument();
  });

  it('in the window, opens the folder of the log, or says why it could not', async () => {
    vi.mocked(openLogFolder).mockResolvedValueOnce(DATA_DIR).mockRejectedValueOnce(
      new BackendError('unavailable', `Não foi possível abrir o gerenciador de arquivos do sistema. A pasta é ${DATA_DIR}; abra-a por lá.`),
    );
    const user = userEvent.setup();
    renderPage(<LogSettings settings={settingsView({ desktop: true })} onSaved={vi.fn()} />);
    const open = screen.getByRole('button', { name: 'Abrir pasta de logs' });
    await user.click(open);
    expect(openLogFolder).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(open);
    expect(await screen.findByRole('alert')).toHaveTextContent('Não foi possível abrir o gerenciador de arquivos');
  });

  it('says when --log-level decides the level of this run', () => {
    renderPage(<LogSettings settings={settingsView({ logLevel: 'info', logLevelFlag: 'debug' })} onSaved={vi.fn()} />);
    const note = screen.getByText(/Nesta execução o programa foi aberto com/);
    expect(note).toHaveTextContent('--log-level debug (Detalhado), que vale até ele fechar');
  });
});
