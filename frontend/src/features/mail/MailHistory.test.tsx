import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, cancelMail, listBoletoMails, onEvent, retryMail } from '../../lib/backend';
import { EVENT_MAIL_CHANGED } from '../../lib/events';
import { renderPage } from '../../test/render';
import { MailHistory } from './MailHistory';
import { message } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  listBoletoMails: vi.fn(),
  retryMail: vi.fn(),
  cancelMail: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

let deliver: ((data: unknown) => void) | undefined;
let unsubscribed = 0;

beforeEach(() => {
  deliver = undefined;
  unsubscribed = 0;
  vi.mocked(onEvent).mockImplementation((name, callback) => {
    if (name === EVENT_MAIL_CHANGED) deliver = callback as (data: unknown) => void;
    return () => {
      unsubscribed++;
    };
  });
});

const sent = message({ id: 1, state: 'sent', attempts: 1, sentAt: '2026-05-10T17:06:00Z' });
const failed = message({
  id: 2,
  to: 'contas@cliente.com.br',
  state: 'failed',
  attempts: 1,
  lastError: 'O servidor smtp.gmail.com recusou o destinatário (resposta do servidor: 550 5.1.1 no such user).',
});
const retrying = message({
  id: 3,
  to: 'outro@cliente.com.br',
  state: 'queued',
  attempts: 2,
  lastError: 'O servidor de e-mail smtp.gmail.com:587 não respondeu a tempo ao conectar.',
  nextTry: '2026-05-10T18:30:00Z',
});

function item(name: string) {
  return screen.getByRole('listitem', { name });
}

describe('MailHistory', () => {
  it('lists the e-mails with their state, last error and next try', async () => {
    vi.mocked(listBoletoMails).mockResolvedValue([retrying, failed, sent]);
    renderPage(<MailHistory boletoId={42} />);

    const list = await screen.findByRole('list', { name: 'E-mails do boleto' });
    expect(listBoletoMails).toHaveBeenCalledWith(42);
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);

    const ok = item('E-mail para maria@example.com.br');
    expect(ok).toHaveTextContent('Enviado');
    expect(ok).toHaveTextContent('Enviado em 10/05/2026 14:06'); // 17:06 UTC is 14:06 in São Paulo
    expect(within(ok).queryByRole('button')).not.toBeInTheDocument();

    const bad = item('E-mail para contas@cliente.com.br');
    expect(bad).toHaveTextContent('Não enviado');
    expect(bad).toHaveTextContent('Motivo: O servidor smtp.gmail.com recusou o destinatário');
    expect(within(bad).getByRole('button', { name: 'Tentar de novo o e-mail para contas@cliente.com.br' })).toBeInTheDocument();
    expect(within(bad).queryByRole('button', { name: /Cancelar/ })).not.toBeInTheDocument();

    const waiting = item('E-mail para outro@cliente.com.br');
    expect(waiting).toHaveTextContent('Na fila');
    expect(waiting).toHaveTextContent('2 tentativas');
    expect(waiting).toHaveTextContent('Última falha: O servidor de e-mail smtp.gmail.com:587 não respondeu a tempo');
    expect(waiting).toHaveTextContent('Próxima tentativa: 10/05/2026 15:30');
    expect(within(waiting).getByRole('button', { name: 'Cancelar o envio do e-mail para outro@cliente.com.br' })).toBeInTheDocument();
  });

  it('retries a failed e-mail and cancels a queued one', async () => {
    vi.mocked(listBoletoMails).mockResolvedValue([retrying, failed]);
    vi.mocked(retryMail).mockResolvedValue({ ...failed, state: 'queued', lastError: '' });
    vi.mocked(cancelMail).mockResolvedValue({ ...retrying, state: 'failed', lastError: 'Envio cancelado pelo usuário.' });
    const user = userEvent.setup();
    renderPage(<MailHistory boletoId={42} />);
    await screen.findByRole('list', { name: 'E-mails do boleto' });

    await user.click(screen.getByRole('button', { name: 'Tentar de novo o e-mail para contas@cliente.com.br' }));
    expect(retryMail).toHaveBeenCalledExactlyOnceWith(2);
    await waitFor(() => expect(item('E-mail para contas@cliente.com.br')).toHaveTextContent('Na fila'));
    expect(await screen.findByText('E-mail de novo na fila')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancelar o envio do e-mail para outro@cliente.com.br' }));
    expect(cancelMail).toHaveBeenCalledExactlyOnceWith(3);
    await waitFor(() => expect(item('E-mail para outro@cliente.com.br')).toHaveTextContent('Não enviado'));
    expect(item('E-mail para outro@cliente.com.br')).toHaveTextContent('Motivo: Envio cancelado pelo usuário.');
    expect(await screen.findByText('Envio cancelado')).toBeInTheDocument();
  });

  it('shows why an action was refused', async () => {
    vi.mocked(listBoletoMails).mockResolvedValue([retrying]);
    vi.mocked(cancelMail).mockRejectedValue(new BackendError('conflict', 'O e-mail já foi enviado.'));
    const user = userEvent.setup();
    renderPage(<MailHistory boletoId={42} />);
    await user.click(await screen.findByRole('button', { name: /Cancelar o envio/ }));
    expect(await screen.findByText('O e-mail já foi enviado.')).toBeInTheDocument();
  });

  it('reads the list again when one of its e-mails changes, and only then', async () => {
    vi.mocked(listBoletoMails).mockResolvedValueOnce([]).mockResolvedValueOnce([message({ id: 9, state: 'sending' })]);
    const { unmount } = renderPage(<MailHistory boletoId={42} />);
    expect(await screen.findByText('Nenhum e-mail deste boleto ainda.')).toBeInTheDocument();

    act(() => deliver?.({ id: 99, boletoId: 7, accountId: 1, state: 'sent', error: '' }));
    expect(listBoletoMails).toHaveBeenCalledTimes(1);

    act(() => deliver?.({ id: 9, boletoId: 42, accountId: 1, state: 'sending', error: '' }));
    expect(await screen.findByRole('listitem', { name: 'E-mail para maria@example.com.br' })).toHaveTextContent('Enviando');
    expect(listBoletoMails).toHaveBeenCalledTimes(2);

    unmount();
    expect(unsubscribed).toBe(1);
  });

  it('says so when the list cannot be read', async () => {
    vi.mocked(listBoletoMails)
      .mockRejectedValueOnce(new BackendError('unavailable', 'O envio de e-mails não está ativo nesta sessão.'))
      .mockResolvedValueOnce([sent]);
    const user = userEvent.setup();
    renderPage(<MailHistory boletoId={42} />);
    expect(await screen.findByText('O envio de e-mails não está ativo nesta sessão.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('listitem', { name: 'E-mail para maria@example.com.br' })).toBeInTheDocument();
  });
});
