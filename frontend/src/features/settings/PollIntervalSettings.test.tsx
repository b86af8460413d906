import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, setPollInterval } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { PollIntervalSettings } from './PollIntervalSettings';
import { settingsView } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  setPollInterval: vi.fn(),
}));

describe('PollIntervalSettings', () => {
  it('saves the interval chosen and says what the automatic ones become', async () => {
    const onSaved = vi.fn();
    vi.mocked(setPollInterval).mockResolvedValue(settingsView({ pollMinutes: 30 }));
    const user = userEvent.setup();
    const { unmount } = renderPage(<PollIntervalSettings settings={settingsView()} onSaved={onSaved} />);

    const select = screen.getByRole('combobox', { name: 'Verificar pagamentos a cada' });
    expect(select).toHaveValue('10');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.textContent)).toEqual([
      '5 minutos',
      '10 minutos',
      '15 minutos',
      '30 minutos',
      '1 hora',
    ]);
    expect(screen.getByText(/a cada 2 minutos; sem boletos em aberto, a cada 30 minutos/)).toBeInTheDocument();

    await user.selectOptions(select, '30');
    expect(setPollInterval).toHaveBeenCalledWith(30);
    expect(await screen.findByText('Os pagamentos serão verificados a cada 30 minutos.')).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ pollMinutes: 30 }));

    unmount();
    renderPage(<PollIntervalSettings settings={settingsView({ pollMinutes: 60 })} onSaved={onSaved} />);
    expect(screen.getByText(/sem boletos em aberto, a cada 3 horas/)).toBeInTheDocument();
  });

  it('shows the reason a value was refused beside the field', async () => {
    vi.mocked(setPollInterval).mockRejectedValue(
      new BackendError('invalid_input', 'Verificar pagamentos a cada: escolha um dos intervalos oferecidos.', {
        fields: [{ field: 'pollMinutes', message: 'Verificar pagamentos a cada: escolha um dos intervalos oferecidos.' }],
      }),
    );
    const user = userEvent.setup();
    renderPage(<PollIntervalSettings settings={settingsView()} onSaved={vi.fn()} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verificar pagamentos a cada' }), '5');
    expect(await screen.findByText('Verificar pagamentos a cada: escolha um dos intervalos oferecidos.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Verificar pagamentos a cada' })).toHaveAttribute('aria-invalid', 'true');
  });
});
