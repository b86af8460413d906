import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, getSettings } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { RestartOverlay } from './RestartOverlay';
import { settingsView } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getSettings: vi.fn(),
}));

const OLD = '2026-05-10T14:00:00.1-03:00';
const NEW = '2026-05-10T14:05:00.2-03:00';

describe('RestartOverlay', () => {
  it('waits through the old session and the gap, and comes back with the new session', async () => {
    vi.mocked(getSettings)
      .mockResolvedValueOnce(settingsView({ sessionStarted: OLD })) // not closed yet
      .mockRejectedValueOnce(new BackendError('unavailable', 'Não foi possível falar com o Boletos.'))
      .mockRejectedValueOnce(new BackendError('unavailable', 'Não foi possível falar com o Boletos.'))
      .mockResolvedValue(settingsView({ sessionStarted: NEW }));
    const onBack = vi.fn();
    renderPage(<RestartOverlay since={OLD} reason="Restaurando o backup" pollMs={10} onBack={onBack} />);
    const status = screen.getByRole('status', { name: 'Reiniciando o Boletos' });
    expect(status).toHaveTextContent('Reiniciando o Boletos…');
    expect(status).toHaveTextContent('Restaurando o backup. O programa fecha e abre de novo');
    await waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
    expect(getSettings).toHaveBeenCalledTimes(4);
    await new Promise((r) => setTimeout(r, 50));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('says so when the program does not come back', async () => {
    vi.mocked(getSettings).mockReset().mockRejectedValue(new BackendError('unavailable', 'Não foi possível falar com o Boletos.'));
    const onBack = vi.fn();
    renderPage(<RestartOverlay since={OLD} reason="Movendo a pasta dos dados" pollMs={10} giveUpMs={30} onBack={onBack} />);
    expect(await screen.findByText('O programa ainda não voltou')).toBeInTheDocument();
    expect(onBack).not.toHaveBeenCalled();
  });
});
