import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings, type SettingsView } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { useLastOperationToast } from './useLastOperationToast';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getSettings: vi.fn(),
}));

function Probe() {
  useLastOperationToast();
  return <p>Painel</p>;
}

const restored: SettingsView = {
  pollMinutes: 10,
  pollOptions: [5, 10, 15, 30, 60],
  logLevel: 'info',
  logLevelFlag: '',
  logFile: '/dados/boletos.log',
  logDir: '/dados',
  dataDir: '/dados',
  desktop: true,
  sessionStarted: '2026-11-27T10:00:00.123Z',
  lastOperation: {
    op: 'restore',
    ok: true,
    message: 'Backup de 26/11/2026 restaurado; uma cópia dos dados anteriores ficou em backups.',
    needCredentials: ['Inter Produção'],
    at: '2026-11-27T10:00:00Z',
  },
};

beforeEach(() => {
  notifications.clean();
  sessionStorage.clear();
  vi.mocked(getSettings).mockReset().mockResolvedValue(restored);
});

describe('useLastOperationToast', () => {
  it('says the restore worked, and which accounts need their credentials, wherever the program opens', async () => {
    renderPage(<Probe />);
    expect(await screen.findByText('Backup restaurado')).toBeInTheDocument();
    expect(screen.getByText(/Cadastre de novo o certificado e o client secret de Inter Produção/)).toBeInTheDocument();
  });

  it('does not repeat itself when the page reloads in the same session', async () => {
    const first = renderPage(<Probe />);
    await screen.findByText('Backup restaurado');
    first.unmount();
    notifications.clean();
    renderPage(<Probe />);
    await waitFor(() => expect(getSettings).toHaveBeenCalledTimes(2));
    expect(screen.queryByText('Backup restaurado')).not.toBeInTheDocument();
  });

  it('says a failed move in red terms', async () => {
    vi.mocked(getSettings).mockResolvedValue({
      ...restored,
      lastOperation: { op: 'move', ok: false, message: 'A pasta de destino não está vazia.', needCredentials: [], at: '' },
    });
    renderPage(<Probe />);
    expect(await screen.findByText('A pasta dos dados não foi movida')).toBeInTheDocument();
    expect(screen.getByText('A pasta de destino não está vazia.')).toBeInTheDocument();
  });

  it('leaves it to Configurações, which shows the whole notice', async () => {
    renderPage(<Probe />, '/configuracoes');
    await new Promise((r) => setTimeout(r, 50));
    expect(getSettings).not.toHaveBeenCalled();
  });

  it('shows nothing after a plain start', async () => {
    vi.mocked(getSettings).mockResolvedValue({ ...restored, lastOperation: null });
    renderPage(<Probe />);
    await waitFor(() => expect(getSettings).toHaveBeenCalled());
    expect(screen.queryByText('Backup restaurado')).not.toBeInTheDocument();
  });
});
