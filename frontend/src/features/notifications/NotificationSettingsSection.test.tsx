import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError, getNotificationSettings, saveNotificationSettings } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { NotificationSettingsSection } from './NotificationSettingsSection';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getNotificationSettings: vi.fn(),
  saveNotificationSettings: vi.fn(),
}));

afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderSection() {
  renderPage(<NotificationSettingsSection />);
  const section = screen.getByRole('region', { name: 'Notificações' });
  const toggle = await within(section).findByRole('switch', { name: /^Notificações do sistema/ });
  return { section, toggle };
}

describe('NotificationSettingsSection', () => {
  it('turns the system notifications off and on again', async () => {
    vi.mocked(getNotificationSettings).mockResolvedValue({ system: true, desktop: true });
    vi.mocked(saveNotificationSettings).mockImplementation(async (s) => s);
    const user = userEvent.setup();
    const { section, toggle } = await renderSection();
    expect(toggle).toBeChecked();
    // In the window the program shows them itself: nothing about a browser.
    expect(within(section).queryByText(/navegador/)).not.toBeInTheDocument();

    await user.click(toggle);
    expect(saveNotificationSettings).toHaveBeenLastCalledWith({ system: false, desktop: true });
    await waitFor(() => expect(toggle).not.toBeChecked());
    await user.click(toggle);
    expect(saveNotificationSettings).toHaveBeenLastCalledWith({ system: true, desktop: true });
    await waitFor(() => expect(toggle).toBeChecked());
  });

  it('keeps the switch as it was when saving fails, and says why', async () => {
    vi.mocked(getNotificationSettings).mockResolvedValue({ system: true, desktop: true });
    vi.mocked(saveNotificationSettings).mockRejectedValue(new BackendError('unavailable', 'O disco está cheio.'));
    const user = userEvent.setup();
    const { section, toggle } = await renderSection();
    await user.click(toggle);
    expect(await within(section).findByText('O disco está cheio.')).toBeInTheDocument();
    expect(toggle).toBeChecked();
  });

  it('asks the browser for permission in the browser mode', async () => {
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    vi.stubGlobal('Notification', Object.assign(function Notification() {}, { permission: 'default', requestPermission }));
    vi.mocked(getNotificationSettings).mockResolvedValue({ system: true, desktop: false });
    const user = userEvent.setup();
    const { section } = await renderSection();
    await user.click(within(section).getByRole('button', { name: 'Permitir avisos neste navegador' }));
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(await within(section).findByText(/os avisos aparecem quando a página do Boletos não está à vista/)).toBeInTheDocument();
  });

  it('offers to try again when the settings cannot be read', async () => {
    vi.mocked(getNotificationSettings)
      .mockRejectedValueOnce(new BackendError('unavailable', 'As notificações não estão ativas nesta sessão.'))
      .mockResolvedValue({ system: false, desktop: true });
    const user = userEvent.setup();
    renderPage(<NotificationSettingsSection />);
    expect(await screen.findByText('As notificações não estão ativas nesta sessão.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('switch', { name: /^Notificações do sistema/ })).not.toBeChecked();
  });
});
