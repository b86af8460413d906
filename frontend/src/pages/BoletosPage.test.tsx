import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocation } from 'react-router-dom';
import {
  cancelBoletos,
  getBatch,
  issueBoletos,
  listAccounts,
  listBoletos,
  listBoletoStates,
  listCancelReasons,
  onEvent,
  retryBatch,
  syncNow,
  type BoletoPage,
} from '../lib/backend';
import { batch, row } from '../features/boletos/testFixtures';
import { renderPage } from '../test/render';
import { BoletosPage } from './BoletosPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  onEvent: vi.fn(),
  listBoletos: vi.fn(),
  listBoletoStates: vi.fn(),
  listAccounts: vi.fn(),
  listCancelReasons: vi.fn(),
  issueBoletos: vi.fn(),
  getBatch: vi.fn(),
  pauseBatch: vi.fn(),
  resumeBatch: vi.fn(),
  cancelBatch: vi.fn(),
  retryBatch: vi.fn(),
  cancelBoletos: vi.fn(),
  syncNow: vi.fn(),
  openPdf: vi.fn(),
  savePdf: vi.fn(),
}));

/** The backend's event subscriptions, to fire events as the backend would. */
const handlers = new Map<string, Set<(data: unknown) => void>>();
function emit(name: string, data: unknown) {
  act(() => {
    for (const h of handlers.get(name) ?? []) h(data);
  });
}

const draft = row({ id: 1, seuNumero: '000001', state: 'draft', stateLabel: 'Rascunho', amountCents: 15000 });
const issued = row({
  id: 2,
  seuNumero: '000002',
  state: 'issued',
  stateLabel: 'Emitido',
  amountCents: 25050,
  payerName: 'Alfa Serviços Ltda',
  payerDocument: '12.ABC.345/01DE-35',
  nossoNumero: '0123456789-0',
});
const paid = row({
  id: 3,
  seuNumero: '000003',
  state: 'paid',
  stateLabel: 'Liquidado',
  amountCents: 10000,
  paidAmountCents: 10210,
  paidDate: '2030-03-12',
  paidChannel: 'PIX',
  installment: '2/10',
  attention: ['Pago depois do vencimento.'],
});

function page(rows = [draft, issued, paid], extra: Partial<BoletoPage> = {}): BoletoPage {
  return { rows, total: 123, totalAmountCents: 4567890, totalPaidCents: 1234500, ...extra };
}

/** Shows the router's query string, to check what the filters put in the address. */
function Where() {
  return <output aria-label="Endereço">{useLocation().search}</output>;
}

function renderList(path = '/boletos') {
  return renderPage(
    <>
      <BoletosPage />
      <Where />
    </>,
    path,
  );
}

function lastFilter() {
  const calls = vi.mocked(listBoletos).mock.calls;
  return calls[calls.length - 1][0];
}

function query() {
  return new URLSearchParams(screen.getByRole('status', { name: 'Endereço' }).textContent ?? '');
}

beforeEach(() => {
  handlers.clear();
  vi.mocked(onEvent).mockImplementation((name: string, cb: (data: never) => void) => {
    const set = handlers.get(name) ?? new Set();
    const h = cb as (data: unknown) => void;
    set.add(h);
    handlers.set(name, set);
    return () => set.delete(h);
  });
  vi.mocked(listBoletos).mockResolvedValue(page());
  vi.mocked(listBoletoStates).mockResolvedValue([
    { value: 'draft', label: 'Rascunho' },
    { value: 'issued', label: 'Emitido' },
    { value: 'overdue', label: 'Vencido' },
    { value: 'paid', label: 'Liquidado' },
    { value: 'failed', label: 'Falha na emissão' },
  ]);
  vi.mocked(listAccounts).mockResolvedValue([]);
  vi.mocked(listCancelReasons).mockResolvedValue(['A pedido do cliente', 'Emitido por engano']);
  vi.mocked(syncNow).mockResolvedValue();
});

describe('Boletos list', () => {
  it('asks for page 1 of 50 and shows the rows with masked documents, states and payments', async () => {
    renderList();

    const table = await screen.findByRole('table', { name: 'Boletos' });
    expect(lastFilter()).toMatchObject({ states: [], text: '', dueFrom: '', paidTo: '', limit: 50, offset: 0 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('12.ABC.345/01DE-35')).toBeInTheDocument();
    expect(within(rows[1]).getByText('R$ 250,50')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Emitido')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Liquidado')).toBeInTheDocument();
    expect(within(rows[2]).getByText('12/03/2030 · R$ 102,10')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Pix')).toBeInTheDocument();
    expect(within(rows[2]).getByText('2/10')).toBeInTheDocument();
    expect(within(rows[2]).getByRole('img', { name: 'Atenção: Pago depois do vencimento.' })).toBeInTheDocument();
  });

  it('shows the totals of the whole filtered set', async () => {
    renderList();
    const totals = await screen.findByRole('status', { name: 'Totais do filtro' });
    expect(totals).toHaveTextContent('123 boletos · R$ 45.678,90 · pago R$ 12.345,00');
    // 123 rows: three pages of 50.
    expect(screen.getByRole('button', { name: 'Página 3' })).toBeInTheDocument();
  });

  it('reads the filters from the address', async () => {
    renderList('/boletos?situacao=issued,overdue&vencDe=2030-03-01&vencAte=2030-03-31&pagoDe=2030-04-01&pagoAte=2030-04-30&busca=maria&pagina=2');
    await screen.findByRole('table', { name: 'Boletos' });
    expect(lastFilter()).toMatchObject({
      states: ['issued', 'overdue'],
      dueFrom: '2030-03-01',
      dueTo: '2030-03-31',
      paidFrom: '2030-04-01',
      paidTo: '2030-04-30',
      text: 'maria',
      limit: 50,
      offset: 50,
    });
    expect(screen.getByRole('button', { name: 'Em aberto' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('searchbox', { name: 'Buscar' })).toHaveValue('maria');
    expect(screen.getByRole('button', { name: 'Vencimento' })).toHaveTextContent('01/03/2030 – 31/03/2030');
  });

  it('puts a preset and the state chips into the filter and the address', async () => {
    const user = userEvent.setup();
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    await user.click(screen.getByRole('button', { name: 'Liquidados' }));
    await waitFor(() => expect(lastFilter().states).toEqual(['paid']));
    expect(query().get('situacao')).toBe('paid');

    // Adding a chip keeps the lifecycle order whatever the click order.
    await user.click(screen.getByRole('checkbox', { name: 'Rascunho' }));
    await waitFor(() => expect(lastFilter().states).toEqual(['draft', 'paid']));
    expect(query().get('situacao')).toBe('draft,paid');
    expect(screen.getByRole('button', { name: 'Liquidados' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('searches once typing pauses and keeps the text in the address', async () => {
    const user = userEvent.setup({ delay: null });
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    await user.type(screen.getByRole('searchbox', { name: 'Buscar' }), '529.982');
    await waitFor(() => expect(lastFilter().text).toBe('529.982'));
    const texts = vi.mocked(listBoletos).mock.calls.map(([f]) => f.text);
    expect(texts).toEqual(['', '529.982']);
    expect(query().get('busca')).toBe('529.982');
  });

  it('picks a due period in the calendar', async () => {
    const user = userEvent.setup();
    renderList('/boletos?vencDe=2030-03-01&vencAte=2030-03-02');
    await screen.findByRole('table', { name: 'Boletos' });

    await user.click(screen.getByRole('button', { name: 'Vencimento' }));
    const days = await screen.findAllByRole('button', { name: /^(10|20) March 2030$/ });
    await user.click(days[0]);
    await user.click(days[1]);
    await waitFor(() => expect(lastFilter()).toMatchObject({ dueFrom: '2030-03-10', dueTo: '2030-03-20' }));
    expect(query().get('vencDe')).toBe('2030-03-10');
    expect(query().get('vencAte')).toBe('2030-03-20');
  });

  it('enables only the actions that apply to the selection and says why the others do not', async () => {
    const user = userEvent.setup();
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    const emitir = screen.getByRole('button', { name: 'Emitir' });
    const cancelar = screen.getByRole('button', { name: 'Cancelar boletos' });
    expect(emitir).toHaveAttribute('aria-disabled', 'true');
    expect(emitir).toHaveAccessibleDescription('Marque na lista os boletos para esta ação.');

    await user.click(screen.getByRole('checkbox', { name: 'Selecionar o boleto 000001' }));
    expect(screen.getByText('1 boleto selecionado')).toBeInTheDocument();
    expect(emitir).not.toHaveAttribute('aria-disabled');
    expect(cancelar).toHaveAttribute('aria-disabled', 'true');
    expect(cancelar).toHaveAccessibleDescription(
      'Só boletos emitidos ou vencidos podem ser cancelados no banco: 1 dos selecionados não é.',
    );
    expect(screen.getByRole('button', { name: 'Imprimir' })).not.toHaveAttribute('aria-disabled');

    await user.click(screen.getByRole('checkbox', { name: 'Selecionar o boleto 000002' }));
    expect(emitir).toHaveAttribute('aria-disabled', 'true');
    expect(emitir).toHaveAccessibleDescription(
      'Só rascunhos e boletos com falha na emissão podem ser emitidos: 1 dos selecionados não é.',
    );
    await user.click(emitir);
    expect(issueBoletos).not.toHaveBeenCalled();

    await user.click(screen.getByRole('checkbox', { name: 'Selecionar o boleto 000001' }));
    expect(cancelar).not.toHaveAttribute('aria-disabled');
  });

  it('issues the selected drafts and follows the batch: progress, failures with their fields, retry', async () => {
    const user = userEvent.setup();
    const second = row({ id: 4, seuNumero: '000004' });
    vi.mocked(listBoletos).mockResolvedValue(page([draft, second, issued]));
    vi.mocked(issueBoletos).mockResolvedValue(batch({ total: 2, remaining: 2 }));
    vi.mocked(getBatch).mockResolvedValue(batch({ total: 2, remaining: 2 }));
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    await user.click(screen.getByRole('checkbox', { name: 'Selecionar o boleto 000001' }));
    await user.click(screen.getByRole('checkbox', { name: 'Selecionar o boleto 000004' }));
    await user.click(screen.getByRole('button', { name: 'Emitir' }));

    expect(issueBoletos).toHaveBeenCalledWith([1, 4]);
    const dialog = await screen.findByRole('dialog', { name: 'Emitindo boletos' });
    expect(within(dialog).getByText('0 de 2 emitidos · 0 com falha · 2 restantes')).toBeInTheDocument();

    emit('batch:progress', { job: 'emissao-1', done: 1, failed: 0, remaining: 1, total: 2 });
    expect(within(dialog).getByText('1 de 2 emitidos · 0 com falha · 1 restantes')).toBeInTheDocument();
    expect(within(dialog).getByRole('progressbar', { name: 'Andamento da emissão' })).toHaveAttribute('aria-valuenow', '1');
    // Another batch's progress is not ours.
    emit('batch:progress', { job: 'emissao-9', done: 0, failed: 5, remaining: 0, total: 5 });
    expect(within(dialog).getByText('1 de 2 emitidos · 0 com falha · 1 restantes')).toBeInTheDocument();

    const finished = batch({
      total: 2,
      done: 1,
      failed: 1,
      remaining: 0,
      finished: true,
      items: [
        { id: 1, seuNumero: '000001', state: 'issued', stateLabel: 'Emitido', outcome: 'done', error: '', fields: [] },
        {
          id: 4,
          seuNumero: '000004',
          state: 'failed',
          stateLabel: 'Falha na emissão',
          outcome: 'failed',
          error: 'O banco recusou o boleto.',
          fields: [{ field: 'pagador.cep', message: 'CEP inexistente.', warning: false }],
        },
      ],
    });
    vi.mocked(getBatch).mockResolvedValue(finished);
    emit('batch:progress', { job: 'emissao-1', done: 1, failed: 1, remaining: 0, total: 2 });

    const done = await screen.findByRole('dialog', { name: 'Emissão concluída' });
    const failures = await within(done).findByRole('table', { name: 'Boletos com falha' });
    expect(within(failures).getByText('000004')).toBeInTheDocument();
    expect(within(failures).getByText('O banco recusou o boleto.')).toBeInTheDocument();
    expect(within(failures).getByText('CEP inexistente.')).toBeInTheDocument();
    expect(within(failures).queryByText('000001')).not.toBeInTheDocument();

    vi.mocked(retryBatch).mockResolvedValue(batch({ total: 2, done: 1, remaining: 1 }));
    await user.click(within(done).getByRole('button', { name: 'Tentar de novo as que falharam' }));
    expect(retryBatch).toHaveBeenCalledWith('emissao-1');
    expect(await screen.findByRole('dialog', { name: 'Emitindo boletos' })).toBeInTheDocument();
  });

  it('cancels the selected boletos with a common reason and lists how each went', async () => {
    const user = userEvent.setup();
    const other = row({ id: 5, seuNumero: '000005', state: 'overdue', stateLabel: 'Vencido' });
    vi.mocked(listBoletos).mockResolvedValue(page([issued, other]));
    vi.mocked(cancelBoletos).mockResolvedValue([
      { id: 2, seuNumero: '000002', ok: true, message: 'Cancelado' },
      { id: 5, seuNumero: '000005', ok: false, message: 'O boleto já foi pago.' },
    ]);
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    await user.click(screen.getByRole('checkbox', { name: 'Selecionar todos desta página' }));
    await user.click(screen.getByRole('button', { name: 'Cancelar boletos' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancelar boletos no banco' });
    expect(within(dialog).getByText(/O banco vai dar baixa em 2 boletos/)).toBeInTheDocument();

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Motivos comuns' }), 'Emitido por engano');
    const reason = within(dialog).getByRole('textbox', { name: 'Motivo do cancelamento' });
    expect(reason).toHaveValue('Emitido por engano');
    expect(within(dialog).getByText('18/50 caracteres')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Cancelar no banco' }));
    expect(cancelBoletos).toHaveBeenCalledWith([2, 5], 'Emitido por engano');
    const results = await within(dialog).findByRole('list', { name: 'Resultado do cancelamento' });
    expect(results).toHaveTextContent('000002: Cancelado');
    expect(results).toHaveTextContent('000005: não cancelado — O boleto já foi pago.');
    expect(within(dialog).getByText('1 de 2 cancelados; 1 não puderam ser cancelados.')).toBeInTheDocument();
  });

  it('does not send a reason longer than 50 characters', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(listBoletos).mockResolvedValue(page([issued]));
    renderList();
    await user.click(await screen.findByRole('checkbox', { name: 'Selecionar o boleto 000002' }));
    await user.click(screen.getByRole('button', { name: 'Cancelar boletos' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancelar boletos no banco' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Motivo do cancelamento' }), 'x'.repeat(51));
    expect(within(dialog).getByText('51/50 caracteres')).toBeInTheDocument();
    expect(within(dialog).getByText('Use no máximo 50 caracteres.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancelar no banco' })).toBeDisabled();
  });

  it('points to Novo boleto and Importar when there are no boletos at all', async () => {
    vi.mocked(listBoletos).mockResolvedValue(page([], { total: 0, totalAmountCents: 0, totalPaidCents: 0 }));
    renderList();
    const empty = await screen.findByRole('region', { name: 'Nenhum boleto ainda' });
    expect(within(empty).getByRole('link', { name: 'Novo boleto' })).toHaveAttribute('href', '/boletos/novo');
    expect(within(empty).getByRole('link', { name: 'Importar documentos' })).toHaveAttribute('href', '/importar');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('offers to clear the filters when nothing matches them', async () => {
    const user = userEvent.setup();
    vi.mocked(listBoletos).mockImplementation(async (f) =>
      f.states.length > 0 ? page([], { total: 0, totalAmountCents: 0, totalPaidCents: 0 }) : page(),
    );
    renderList('/boletos?situacao=failed');
    const empty = await screen.findByRole('region', { name: 'Nenhum boleto com estes filtros' });

    await user.click(within(empty).getByRole('button', { name: 'Limpar filtros' }));
    expect(await screen.findByRole('table', { name: 'Boletos' })).toBeInTheDocument();
    expect(lastFilter().states).toEqual([]);
    expect(query().toString()).toBe('');
  });

  it('refreshes the visible page when boletos change and tells when the sync finished', async () => {
    const user = userEvent.setup();
    renderList('/boletos?pagina=2');
    await screen.findByRole('table', { name: 'Boletos' });
    const before = vi.mocked(listBoletos).mock.calls.length;

    emit('boleto:changed', { id: 2, state: 'paid', previousState: 'issued' });
    emit('boleto:changed', { id: 3, state: 'paid', previousState: 'issued' });
    await waitFor(() => expect(vi.mocked(listBoletos).mock.calls.length).toBe(before + 1));
    expect(lastFilter().offset).toBe(50);

    await user.click(screen.getByRole('button', { name: 'Sincronizar agora' }));
    expect(syncNow).toHaveBeenCalled();
    emit('retorno:finished', { accountId: 1, changed: 1, calls: 2, at: '2030-03-10T17:42:00Z', error: '' });
    expect(await screen.findByText('Sincronizado às 14:42')).toBeInTheDocument();

    emit('retorno:finished', {
      accountId: 1,
      changed: 0,
      calls: 1,
      at: '2030-03-10T17:50:00Z',
      error: 'O banco não respondeu. Tente de novo em alguns minutos.',
    });
    expect(
      await screen.findByText('A sincronização das 14:50 falhou: O banco não respondeu. Tente de novo em alguns minutos.'),
    ).toBeInTheDocument();
  });

  it('filters by account only when there is more than one', async () => {
    const user = userEvent.setup();
    vi.mocked(listAccounts).mockResolvedValue([
      { id: 1, name: 'Loja Centro' },
      { id: 2, name: 'Loja Norte' },
    ] as Awaited<ReturnType<typeof listAccounts>>);
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Conta' }), 'Loja Norte');
    await waitFor(() => expect(lastFilter().accountId).toBe(2));
    expect(query().get('conta')).toBe('2');
  });
});
