import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelBatch, getBatch, onEvent, pauseBatch, resumeBatch } from '../../../lib/backend';
import { renderPage } from '../../../test/render';
import { batch } from '../testFixtures';
import { BatchPanel } from './BatchPanel';

vi.mock('../../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/backend')>()),
  onEvent: vi.fn(() => () => {}),
  getBatch: vi.fn(),
  pauseBatch: vi.fn(),
  resumeBatch: vi.fn(),
  cancelBatch: vi.fn(),
  retryBatch: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(onEvent).mockReturnValue(() => {});
});

describe('BatchPanel', () => {
  it('pauses, resumes and cancels the batch', async () => {
    const user = userEvent.setup();
    const running = batch({ total: 10, done: 2, remaining: 8 });
    vi.mocked(getBatch).mockResolvedValue(running);
    vi.mocked(pauseBatch).mockResolvedValue({ ...running, paused: true });
    vi.mocked(resumeBatch).mockResolvedValue(running);
    vi.mocked(cancelBatch).mockResolvedValue({
      ...running,
      failed: 8,
      remaining: 0,
      finished: true,
      items: [
        { id: 9, seuNumero: '000009', state: 'draft', stateLabel: 'Rascunho', outcome: 'failed', error: 'Retirado da fila: o envio do lote foi cancelado.', fields: [] },
      ],
    });
    renderPage(<BatchPanel batch={running} onClose={() => {}} />);

    const dialog = await screen.findByRole('dialog', { name: 'Emitindo boletos' });
    expect(within(dialog).getByText('2 de 10 emitidos · 0 com falha · 8 restantes')).toBeInTheDocument();
    expect(within(dialog).getByText('Enviando ao banco…')).toBeInTheDocument();

    vi.mocked(getBatch).mockResolvedValue({ ...running, paused: true });
    await user.click(within(dialog).getByRole('button', { name: 'Pausar' }));
    expect(pauseBatch).toHaveBeenCalledWith('emissao-1');
    expect(await within(dialog).findByText('Pausado')).toBeInTheDocument();

    vi.mocked(getBatch).mockResolvedValue(running);
    await user.click(within(dialog).getByRole('button', { name: 'Retomar' }));
    expect(resumeBatch).toHaveBeenCalledWith('emissao-1');
    expect(await within(dialog).findByRole('button', { name: 'Pausar' })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Cancelar lote' }));
    expect(cancelBatch).toHaveBeenCalledWith('emissao-1');
    const done = await screen.findByRole('dialog', { name: 'Emissão concluída' });
    expect(within(done).getByRole('table', { name: 'Boletos com falha' })).toHaveTextContent(
      '000009RascunhoRetirado da fila: o envio do lote foi cancelado.',
    );
    expect(within(done).queryByRole('button', { name: 'Pausar' })).not.toBeInTheDocument();
  });

  it('offers to print the boletos the batch issued', async () => {
    const finished = batch({
      total: 2,
      done: 2,
      remaining: 0,
      finished: true,
      items: [
        { id: 1, seuNumero: '000001', state: 'issued', stateLabel: 'Emitido', outcome: 'done', error: '', fields: [] },
        { id: 2, seuNumero: '000002', state: 'issued', stateLabel: 'Emitido', outcome: 'done', error: '', fields: [] },
      ],
    });
    vi.mocked(getBatch).mockResolvedValue(finished);
    renderPage(<BatchPanel batch={finished} onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Emissão concluída' });
    expect(within(dialog).getByText('Concluído')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Imprimir' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Imprimir carnê' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Tentar de novo as que falharam' })).not.toBeInTheDocument();
  });
});
