import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, onEvent, sendBoletosByMail } from '../../lib/backend';
import { EVENT_MAIL_CHANGED } from '../../lib/events';
import { renderPage } from '../../test/render';
import { mailBlocker } from './labels';
import { SendMailButton } from './SendMailModal';
import { message } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  sendBoletosByMail: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

let deliver: ((data: unknown) => void) | undefined;

beforeEach(() => {
  deliver = undefined;
  vi.mocked(onEvent).mockImplementation((name, callback) => {
    if (name === EVENT_MAIL_CHANGED) deliver = callback as (data: unknown) => void;
    return () => {
      deliver = undefined;
    };
  });
});

async function open(ui: Parameters<typeof renderPage>[0], title: string) {
  const user = userEvent.setup();
  renderPage(ui);
  await user.click(screen.getByRole('button', { name: 'Enviar por e-mail' }));
  const dialog = await screen.findByRole('dialog', { name: title });
  return { user, dialog };
}

describe('Enviar por e-mail', () => {
  it('sends each boleto to its payer when "Para" is blank, says so, and lists what was queued', async () => {
    vi.mocked(sendBoletosByMail).mockResolvedValue([
      message({ id: 11, boletoId: 1, to: 'maria@example.com.br' }),
      message({ id: 12, boletoId: 2, to: 'joao@example.com.br', subject: 'Boleto 000124' }),
    ]);
    const { user, dialog } = await open(<SendMailButton ids={[1, 2]} />, 'Enviar 2 boletos por e-mail');

    const to = within(dialog).getByRole('textbox', { name: 'Para' });
    expect(to).toHaveValue('');
    expect(to).toHaveAccessibleDescription(/Deixe em branco para enviar cada boleto ao e-mail cadastrado do seu pagador/);
    await user.click(within(dialog).getByRole('button', { name: 'Enviar' }));

    expect(sendBoletosByMail).toHaveBeenCalledExactlyOnceWith([1, 2], '');
    const list = await within(dialog).findByRole('list', { name: 'E-mails na fila' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Para maria@example.com.br');
    expect(items[0]).toHaveTextContent('Na fila');
    expect(items[1]).toHaveTextContent('Para joao@example.com.br');
    expect(await screen.findByText('2 e-mails na fila de envio')).toBeInTheDocument();

    // The dialog follows them: one goes out, the other fails.
    expect(deliver).toBeDefined();
    act(() => deliver?.({ id: 11, boletoId: 1, accountId: 3, state: 'sent', error: '' }));
    act(() =>
      deliver?.({ id: 12, boletoId: 2, accountId: 3, state: 'failed', error: 'O servidor smtp.gmail.com recusou o destinatário (resposta do servidor: 550 no such user).' }),
    );
    expect(items[0]).toHaveTextContent('Enviado');
    expect(items[1]).toHaveTextContent('Não enviado');
    expect(items[1]).toHaveTextContent('recusou o destinatário');
  });

  it('sends to the address typed, starting from defaultTo', async () => {
    vi.mocked(sendBoletosByMail).mockResolvedValue([message({ id: 5, to: 'contas@cliente.com.br' })]);
    const { user, dialog } = await open(<SendMailButton ids={[42]} defaultTo="maria@example.com.br" />, 'Enviar boleto por e-mail');
    const to = within(dialog).getByRole('textbox', { name: 'Para' });
    expect(to).toHaveValue('maria@example.com.br');
    expect(to).toHaveAccessibleDescription(/Deixe em branco para enviar ao e-mail cadastrado do pagador/);
    await user.clear(to);
    await user.type(to, ' contas@cliente.com.br ');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar' }));
    expect(sendBoletosByMail).toHaveBeenCalledExactlyOnceWith([42], 'contas@cliente.com.br');
    expect(await screen.findByText('E-mail na fila de envio')).toBeInTheDocument();
  });

  it('shows a refused address beside "Para"', async () => {
    vi.mocked(sendBoletosByMail).mockRejectedValue(
      new BackendError('invalid_input', 'O pagador do boleto 000123 não tem e-mail cadastrado. Informe o endereço de destino.', {
        fields: [{ field: 'to', message: 'O pagador do boleto 000123 não tem e-mail cadastrado. Informe o endereço de destino.' }],
      }),
    );
    const { user, dialog } = await open(<SendMailButton ids={[42]} />, 'Enviar boleto por e-mail');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar' }));
    const to = within(dialog).getByRole('textbox', { name: 'Para' });
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription(/não tem e-mail cadastrado/);
    expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
  });

  it('links to the e-mail settings when the account has none', async () => {
    vi.mocked(sendBoletosByMail).mockRejectedValue(
      new BackendError(
        'invalid_input',
        'Configure o envio de e-mail da conta “Loja Centro” (servidor SMTP e remetente) antes de enviar boletos por e-mail.',
      ),
    );
    const { user, dialog } = await open(<SendMailButton ids={[42]} accountId={3} />, 'Enviar boleto por e-mail');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar' }));
    expect(await within(dialog).findByText(/Configure o envio de e-mail da conta “Loja Centro”/)).toBeInTheDocument();
    expect(within(dialog).getByText('Falta configurar o e-mail')).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'Abrir as configurações de e-mail' })).toHaveAttribute(
      'href',
      '/configuracoes?conta=3',
    );
  });

  it('shows any other failure with its message and no link', async () => {
    vi.mocked(sendBoletosByMail).mockRejectedValue(
      new BackendError('conflict', 'O boleto 000123 está “Cancelado” e não pode ser enviado por e-mail.'),
    );
    const { user, dialog } = await open(<SendMailButton ids={[42]} />, 'Enviar boleto por e-mail');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar' }));
    expect(await within(dialog).findByText('Os e-mails não foram enviados')).toBeInTheDocument();
    expect(within(dialog).getByText(/está “Cancelado”/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
  });

  it('does nothing and says why when the selection cannot be sent', async () => {
    const user = userEvent.setup();
    const reason = mailBlocker([
      { seuNumero: '000120', state: 'issued', stateLabel: 'Emitido' },
      { seuNumero: '000121', state: 'cancelled', stateLabel: 'Cancelado' },
    ]);
    expect(reason).toBe('O boleto 000121 está “Cancelado” e não pode ser enviado por e-mail. Tire-o da seleção.');
    expect(mailBlocker([{ seuNumero: '000122', state: 'draft', stateLabel: 'Rascunho' }])).toBeUndefined();
    expect(mailBlocker([])).toBe('Selecione ao menos um boleto para enviar por e-mail.');

    renderPage(<SendMailButton ids={[120, 121]} disabledReason={reason} />);
    const button = screen.getByRole('button', { name: 'Enviar por e-mail' });
    expect(button).toHaveAccessibleDescription(reason!);
    await user.click(button);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
