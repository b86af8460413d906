import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  onEvent,
  type NotificationDTO,
} from '../../lib/backend';
import { EVENT_NOTIFICATION_NEW, EVENT_NOTIFICATION_OPEN } from '../../lib/events';
import { renderPage } from '../../test/render';
import { NotificationBell } from './NotificationBell';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  countUnreadNotifications: vi.fn(),
  listNotifications: vi.fn(),
  markNotificationRead: vi.fn(),
  markAllNotificationsRead: vi.fn(),
  getNotificationSettings: vi.fn(async () => ({ system: true, desktop: false })),
  onEvent: vi.fn(() => () => {}),
}));

const paid: NotificationDTO = {
  id: 12,
  kind: 'paid',
  title: 'Boleto pago',
  body: 'Maria da Conceição Souza pagou R$ 159,90 por Pix — boleto B000007, vencimento 15/04/2026.',
  accountId: 1,
  boletoId: 7,
  route: '/boletos/7',
  createdAt: '2026-03-10T14:31:00-03:00',
  read: false,
};
const cert: NotificationDTO = {
  id: 11,
  kind: 'certificate_expiring',
  title: 'Certificado vence em 7 dias',
  body: 'Conta “Loja Centro”: O certificado da integração vence em 7 dias, em 17/03/2026.',
  accountId: 3,
  boletoId: 0,
  route: '/contas/3',
  createdAt: '2026-03-10T08:00:00-03:00',
  read: true,
};

/** Subscribers by event name, as onEvent saw them. */
let listeners: Map<string, (data: unknown) => void>;

beforeEach(() => {
  listeners = new Map();
  vi.mocked(onEvent).mockImplementation((name, callback) => {
    listeners.set(name, callback as (data: unknown) => void);
    return () => listeners.delete(name);
  });
  vi.mocked(countUnreadNotifications).mockResolvedValue(1);
  vi.mocked(listNotifications).mockResolvedValue({ items: [paid, cert], unread: 1, hasMore: false });
});

function Where() {
  const { pathname } = useLocation();
  return <output aria-label="Endereço">{pathname}</output>;
}

function renderBell() {
  return renderPage(
    <>
      <NotificationBell />
      <Where />
    </>,
    '/painel',
  );
}

describe('NotificationBell', () => {
  it('shows the unread count and the list newest first, unread marked', async () => {
    const user = userEvent.setup();
    renderBell();
    const bell = await screen.findByRole('button', { name: 'Notificações: 1 não lida' });
    expect(screen.getByText('1')).toBeInTheDocument();

    await user.click(bell);
    const dialog = await screen.findByRole('dialog', { name: 'Notificações' });
    const list = await within(dialog).findByRole('list', { name: 'Notificações' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      `Não lida: Boleto pago. ${paid.body}`,
      `Certificado vence em 7 dias. ${cert.body}`,
    ]);
    expect(rows[0]).toHaveAttribute('data-unread', 'true');
    expect(rows[1]).not.toHaveAttribute('data-unread');
    expect(within(rows[0]).getByText('nova')).toBeInTheDocument();
    expect(within(rows[0]).getByText('10/03/2026 14:31')).toBeInTheDocument();
    expect(listNotifications).toHaveBeenCalledWith({ limit: 30, unreadOnly: false, beforeId: 0 });
  });

  it('marks a notification read and goes to its boleto when clicked', async () => {
    vi.mocked(markNotificationRead).mockResolvedValue(0);
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notificações: 1 não lida' }));
    await user.click(await screen.findByRole('button', { name: /^Não lida: Boleto pago/ }));

    expect(markNotificationRead).toHaveBeenCalledWith(12);
    expect(screen.getByRole('status', { name: 'Endereço' })).toHaveTextContent('/boletos/7');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Notificações' })).not.toBeInTheDocument());
    expect(await screen.findByRole('button', { name: 'Notificações' })).toBeInTheDocument();
  });

  it('goes to the account of a certificate notice without marking a read one again', async () => {
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notificações: 1 não lida' }));
    await user.click(await screen.findByRole('button', { name: /^Certificado vence em 7 dias/ }));
    expect(markNotificationRead).not.toHaveBeenCalled();
    expect(screen.getByRole('status', { name: 'Endereço' })).toHaveTextContent('/contas/3');
  });

  it('marks all read', async () => {
    vi.mocked(markAllNotificationsRead).mockResolvedValue(0);
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notificações: 1 não lida' }));
    const dialog = await screen.findByRole('dialog', { name: 'Notificações' });
    await user.click(await within(dialog).findByRole('button', { name: 'Marcar todas como lidas' }));

    expect(markAllNotificationsRead).toHaveBeenCalledOnce();
    await waitFor(() => expect(within(dialog).queryByText('nova')).not.toBeInTheDocument());
    expect(within(dialog).getByRole('button', { name: 'Marcar todas como lidas' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Notificações' })).toBeInTheDocument();
  });

  it('says so when there is nothing, and when the list cannot be read', async () => {
    vi.mocked(countUnreadNotifications).mockResolvedValue(0);
    vi.mocked(listNotifications).mockResolvedValueOnce({ items: [], unread: 0, hasMore: false });
    const user = userEvent.setup();
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notificações' }));
    expect(await screen.findByText('Nenhuma notificação por enquanto.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Marcar todas como lidas' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Fechar' }));
    vi.mocked(listNotifications).mockRejectedValueOnce(new BackendError('unavailable', 'O banco de dados está ocupado.'));
    await user.click(screen.getByRole('button', { name: 'Notificações' }));
    expect(await screen.findByText('O banco de dados está ocupado.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('button', { name: /^Não lida: Boleto pago/ })).toBeInTheDocument();
  });

  it('shows a toast per batch of new notifications and updates the count', async () => {
    vi.mocked(countUnreadNotifications).mockResolvedValueOnce(0).mockResolvedValue(3);
    renderBell();
    await screen.findByRole('button', { name: 'Notificações' });
    await act(async () => {
      listeners.get(EVENT_NOTIFICATION_NEW)?.({
        items: [paid, { ...paid, id: 13 }, { ...paid, id: 14 }],
        title: '3 boletos pagos — R$ 450,00',
        body: 'Pagos por Ana, Bia e Caio.',
        route: '/boletos?situacao=paid&ordem=paid',
      });
    });
    expect(await screen.findByText('3 boletos pagos — R$ 450,00')).toBeInTheDocument();
    expect(screen.getByText('Pagos por Ana, Bia e Caio.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notificações: 3 não lidas' })).toBeInTheDocument();
  });

  it('goes to the screen of a system notification the user clicked', async () => {
    renderBell();
    await screen.findByRole('button', { name: /^Notificações/ });
    act(() => listeners.get(EVENT_NOTIFICATION_OPEN)?.({ route: '/boletos/7' }));
    expect(screen.getByRole('status', { name: 'Endereço' })).toHaveTextContent('/boletos/7');
  });
});
