import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cancelBoleto,
  copyText,
  deleteDraft,
  editAtBank,
  getBoleto,
  issueBoletos,
  listCancelReasons,
  onEvent,
  openPdf,
  savePdf,
  substituteBoleto,
  type BoletoDetail,
} from '../lib/backend';
import { batch, detail, issuedDetail, LINHA, NO_ACTIONS, PIX } from '../features/boletos/testFixtures';
import { renderPage } from '../test/render';
import { BoletoDetailPage } from './BoletoDetailPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  onEvent: vi.fn(),
  getBoleto: vi.fn(),
  copyText: vi.fn(),
  issueBoletos: vi.fn(),
  unqueueBoleto: vi.fn(),
  deleteDraft: vi.fn(),
  duplicateDraft: vi.fn(),
  cancelBoleto: vi.fn(),
  listCancelReasons: vi.fn(),
  editAtBank: vi.fn(),
  substituteBoleto: vi.fn(),
  openPdf: vi.fn(),
  savePdf: vi.fn(),
  isDesktop: vi.fn(() => false),
  listBoletoMails: vi.fn(async () => []),
}));

const handlers = new Map<string, Set<(data: unknown) => void>>();
function emit(name: string, data: unknown) {
  act(() => {
    for (const h of handlers.get(name) ?? []) h(data);
  });
}

/** The detail page at #/boletos/:id, plus a stand-in list page to see where "Excluir" leads. */
function renderDetail(id: number) {
  return renderPage(
    <Routes>
      <Route path="/boletos/:id" element={<BoletoDetailPage />} />
      <Route path="/boletos" element={<h1>Lista de boletos</h1>} />
    </Routes>,
    `/boletos/${id}`,
  );
}

function actionsGroup() {
  return screen.getByRole('group', { name: 'Ações do boleto' });
}

function buttonNames() {
  return within(actionsGroup())
    .getAllByRole('button')
    .map((b) => b.textContent);
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
  vi.mocked(listCancelReasons).mockResolvedValue(['A pedido do cliente', 'Pago por outra forma']);
  vi.mocked(copyText).mockResolvedValue();
});

describe('Boleto detail', () => {
  it('shows an issued boleto: header, codes, payer, bank data and the timeline in São Paulo time', async () => {
    vi.mocked(getBoleto).mockResolvedValue(
      issuedDetail({
        instructions: ['Após o vencimento, multa de 2,00%.'],
        amountDue: [
          { date: '2030-03-10', label: 'No vencimento', totalCents: 15000, discountCents: 0, fineCents: 0, interestCents: 0, expired: false },
          { date: '2030-03-20', label: '10 dias após o vencimento', totalCents: 15350, discountCents: 0, fineCents: 300, interestCents: 50, expired: false },
        ],
        timeline: [
          { at: '2030-03-01T12:00:00Z', kind: 'created', state: 'draft', stateLabel: 'Rascunho', message: 'Rascunho criado.' },
          { at: '2030-03-01T12:01:30Z', kind: 'issued', state: 'issued', stateLabel: 'Emitido', message: 'O banco registrou o boleto.' },
        ],
      }),
    );
    renderDetail(1);

    expect(await screen.findByRole('heading', { level: 1, name: 'Boleto 000001' })).toBeInTheDocument();
    expect(screen.getAllByText('Emitido')[0]).toBeInTheDocument();
    expect(screen.getByLabelText('Valor R$ 150,00')).toBeInTheDocument();
    expect(screen.getByText(/vence em 10\/03\/2030/)).toBeInTheDocument();

    const pay = screen.getByRole('region', { name: 'Para pagar' });
    expect(within(pay).getByText(LINHA)).toBeInTheDocument();
    expect(within(pay).getByText(PIX)).toBeInTheDocument();

    const payer = screen.getByRole('region', { name: 'Pagador' });
    expect(payer).toHaveTextContent('529.982.247-25');
    expect(payer).toHaveTextContent('Avenida Paulista, 1000, Sala 12');
    expect(payer).toHaveTextContent('CEP 01310-100');

    const data = screen.getByRole('region', { name: 'Dados do boleto' });
    expect(data).toHaveTextContent('Inter — Loja Centro');
    expect(data).toHaveTextContent('0123456789-0');
    expect(data).toHaveTextContent('6f1e2d3c-aaaa-bbbb-cccc-1234567890ab');
    expect(data).toHaveTextContent('Emissão01/03/2030');

    const charges = screen.getByRole('region', { name: 'Encargos e valor a pagar' });
    expect(charges).toHaveTextContent('Após o vencimento, multa de 2,00%.');
    expect(within(charges).getByRole('table', { name: 'Valor a pagar por data' })).toHaveTextContent('R$ 153,50');

    const history = screen.getByRole('region', { name: 'Histórico' });
    expect(history).toHaveTextContent('01/03/2030 09:00');
    expect(history).toHaveTextContent('01/03/2030 09:01');
    expect(history.textContent!.indexOf('Rascunho criado.')).toBeLessThan(history.textContent!.indexOf('O banco registrou'));
  });

  it('copies the raw linha digitável and the Pix code, and says it did', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(issuedDetail());
    renderDetail(1);

    await user.click(await screen.findByRole('button', { name: 'Copiar a linha digitável' }));
    expect(copyText).toHaveBeenCalledWith('07790001161234567890123456789012199990000015000');
    expect(within(screen.getByRole('group', { name: 'Linha digitável' })).getByText('Copiado')).toBeInTheDocument();
    expect(screen.getByText('Copiado para a área de transferência.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Copiar o Pix copia e cola' }));
    expect(copyText).toHaveBeenLastCalledWith(PIX);
  });

  it('tells how to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.mocked(copyText).mockRejectedValue(new Error('denied'));
    vi.mocked(getBoleto).mockResolvedValue(issuedDetail());
    renderDetail(1);
    await user.click(await screen.findByRole('button', { name: 'Copiar a linha digitável' }));
    expect(await screen.findByText(/Não foi possível copiar. Selecione o texto acima/)).toBeInTheDocument();
  });

  it('offers the actions the backend allows: a draft', async () => {
    vi.mocked(getBoleto).mockResolvedValue(
      detail({
        actions: { ...NO_ACTIONS, edit: true, issue: true, delete: true, duplicate: true },
        problems: [
          { field: 'pagador.cep', message: 'Informe o CEP do pagador.', warning: false },
          { field: 'vencimento', message: 'O vencimento cai num domingo.', warning: true },
        ],
      }),
    );
    renderDetail(1);
    await screen.findByRole('heading', { level: 1, name: 'Boleto 000001' });

    expect(buttonNames()).toEqual(['Emitir', 'Duplicar', 'Excluir rascunho', 'Imprimir', 'Salvar PDF', 'Enviar por e-mail']);
    expect(within(actionsGroup()).getByRole('link', { name: 'Editar' })).toHaveAttribute('href', '/boletos/1/editar');
    const problems = screen.getByRole('list', { name: 'Problemas do rascunho' });
    expect(problems).toHaveTextContent('Pagador: Informe o CEP do pagador.');
    expect(problems).toHaveTextContent('Vencimento: O vencimento cai num domingo.');
    expect(screen.getByRole('region', { name: 'Para pagar' })).toHaveTextContent('gerados pelo banco quando o boleto é emitido');
  });

  it('offers the actions the backend allows: an issued boleto, with the bank PDF', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(issuedDetail());
    vi.mocked(savePdf).mockResolvedValue('boleto-000001-banco.pdf');
    renderDetail(1);
    await screen.findByRole('heading', { level: 1, name: 'Boleto 000001' });

    expect(buttonNames()).toEqual([
      'Alterar vencimento/valor',
      'Cancelar boleto',
      'Duplicar',
      'Imprimir',
      'Salvar PDF',
      'Baixar PDF do banco',
      'Enviar por e-mail',
    ]);
    expect(within(actionsGroup()).queryByRole('link', { name: 'Editar' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Baixar PDF do banco' }));
    expect(savePdf).toHaveBeenCalledWith({ ids: [1], layout: 'bank' });
    await user.click(screen.getByRole('button', { name: 'Salvar PDF' }));
    expect(savePdf).toHaveBeenLastCalledWith({ ids: [1], layout: 'boleto' });
    expect(await screen.findAllByText('PDF salvo')).not.toHaveLength(0);
  });

  it('lists the bank problems of a boleto that failed', async () => {
    vi.mocked(getBoleto).mockResolvedValue(
      detail(
        {
          failureReason: 'O banco recusou a emissão.',
          problems: [{ field: 'pagador.cpfCnpj', message: 'CPF inválido.', warning: false }],
          actions: { ...NO_ACTIONS, edit: true, issue: true, duplicate: true },
        },
        { state: 'failed', stateLabel: 'Falha na emissão' },
      ),
    );
    renderDetail(1);
    expect(await screen.findByText('O banco recusou a emissão.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Problemas apontados pelo banco' })).toHaveTextContent('Pagador: CPF inválido.');
  });

  it('issues a draft and follows it live to Emitido, then offers to print', async () => {
    const user = userEvent.setup();
    const draft = detail({ actions: { ...NO_ACTIONS, edit: true, issue: true, delete: true, duplicate: true } });
    vi.mocked(getBoleto).mockResolvedValue(draft);
    vi.mocked(issueBoletos).mockResolvedValue(
      batch({ total: 1, remaining: 1, items: [{ id: 1, seuNumero: '000001', state: 'queued', stateLabel: 'Na fila', outcome: 'pending', error: '', fields: [] }] }),
    );
    vi.mocked(openPdf).mockResolvedValue('boleto-000001.pdf');
    renderDetail(1);
    await screen.findByRole('heading', { level: 1, name: 'Boleto 000001' });

    vi.mocked(getBoleto).mockResolvedValue(detail({}, { state: 'queued', stateLabel: 'Na fila' }));
    await user.click(screen.getByRole('button', { name: 'Emitir' }));
    expect(issueBoletos).toHaveBeenCalledWith([1]);
    expect(await screen.findByText('Na fila')).toBeInTheDocument();

    vi.mocked(getBoleto).mockResolvedValue(detail({}, { state: 'processing', stateLabel: 'Em processamento' }));
    emit('boleto:changed', { id: 1, state: 'processing', previousState: 'queued' });
    expect(await screen.findByText('Em processamento')).toBeInTheDocument();

    // Another boleto's change does not reload this one.
    const calls = vi.mocked(getBoleto).mock.calls.length;
    emit('boleto:changed', { id: 99, state: 'issued', previousState: 'processing' });

    vi.mocked(getBoleto).mockResolvedValue(issuedDetail());
    emit('boleto:changed', { id: 1, state: 'issued', previousState: 'processing' });
    const issued = await screen.findByText('O banco registrou o boleto. Imprima ou salve o PDF para entregar ao pagador.');
    expect(vi.mocked(getBoleto).mock.calls.length).toBe(calls + 1);
    expect(screen.getByText(LINHA)).toBeInTheDocument();

    const alert = issued.closest('[role="status"]') as HTMLElement;
    await user.click(within(alert).getByRole('button', { name: 'Imprimir' }));
    expect(openPdf).toHaveBeenCalledWith({ ids: [1], layout: 'boleto' });
  });

  it('shows why a draft could not be issued', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(detail({ actions: { ...NO_ACTIONS, issue: true } }));
    vi.mocked(issueBoletos).mockResolvedValue(
      batch({
        total: 1,
        failed: 1,
        remaining: 0,
        finished: true,
        items: [
          {
            id: 1,
            seuNumero: '000001',
            state: 'draft',
            stateLabel: 'Rascunho',
            outcome: 'failed',
            error: 'O boleto tem 1 problema a corrigir.',
            fields: [{ field: 'valor', message: 'Informe o valor do boleto (mínimo R$ 2,50).', warning: false }],
          },
        ],
      }),
    );
    renderDetail(1);
    await user.click(await screen.findByRole('button', { name: 'Emitir' }));
    expect(await screen.findByText('O boleto não foi emitido')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'O que corrigir' })).toHaveTextContent('Valor: Informe o valor do boleto (mínimo R$ 2,50).');
  });

  it('cancels with a reason', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(issuedDetail());
    vi.mocked(cancelBoleto).mockResolvedValue(
      detail({ cancelReason: 'Pago por outra forma' }, { state: 'cancelled', stateLabel: 'Cancelado' }),
    );
    renderDetail(1);
    await user.click(await screen.findByRole('button', { name: 'Cancelar boleto' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancelar boleto no banco' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Motivos comuns' }), 'Pago por outra forma');
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar no banco' }));

    expect(cancelBoleto).toHaveBeenCalledWith(1, 'Pago por outra forma');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Motivo do cancelamento')).toBeInTheDocument();
    expect(screen.getAllByText('Cancelado')[0]).toBeInTheDocument();
  });

  it('asks before deleting a draft and goes back to the list', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(detail({ actions: { ...NO_ACTIONS, delete: true } }));
    vi.mocked(deleteDraft).mockResolvedValue();
    renderDetail(1);
    await user.click(await screen.findByRole('button', { name: 'Excluir rascunho' }));
    const dialog = await screen.findByRole('dialog', { name: 'Excluir rascunho?' });
    expect(deleteDraft).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Excluir rascunho' }));
    expect(deleteDraft).toHaveBeenCalledWith(1);
    expect(await screen.findByRole('heading', { name: 'Lista de boletos' })).toBeInTheDocument();
  });

  it('changes the due date at the bank and, when refused, offers Substituir and opens the new boleto', async () => {
    const user = userEvent.setup({ delay: null });
    const current = issuedDetail();
    vi.mocked(getBoleto).mockResolvedValue(current);
    vi.mocked(editAtBank).mockResolvedValue({
      boleto: current,
      status: 'FALHA',
      refused: true,
      message: 'O banco não aceita alterar o valor deste boleto.',
    });
    const replacement: BoletoDetail = detail(
      { replacesId: 1 },
      { id: 42, seuNumero: '000042', state: 'queued', stateLabel: 'Na fila', amountCents: 20000 },
    );
    vi.mocked(substituteBoleto).mockResolvedValue(replacement);
    renderDetail(1);

    await user.click(await screen.findByRole('button', { name: 'Alterar vencimento/valor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Alterar vencimento ou valor' });
    const amount = within(dialog).getByRole('textbox', { name: 'Novo valor (R$)' });
    expect(amount).toHaveValue('150,00');
    await user.clear(amount);
    await user.type(amount, '200,00');
    await user.click(within(dialog).getByRole('button', { name: 'Pedir alteração ao banco' }));

    expect(editAtBank).toHaveBeenCalledWith(1, { dueDate: '', amountCents: 20000 });
    expect(await within(dialog).findByText('O banco não aceita alterar o valor deste boleto.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Motivo do cancelamento deste boleto' })).toHaveValue(
      'Substituído por outro boleto',
    );

    vi.mocked(getBoleto).mockResolvedValue(replacement);
    await user.click(within(dialog).getByRole('button', { name: 'Substituir' }));
    expect(substituteBoleto).toHaveBeenCalledWith(1, {
      dueDate: '',
      amountCents: 20000,
      reason: 'Substituído por outro boleto',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Boleto 000042' })).toBeInTheDocument();
    expect(getBoleto).toHaveBeenLastCalledWith(42);
    expect(screen.getByRole('link', { name: 'o boleto anterior' })).toHaveAttribute('href', '/boletos/1');
  });

  it('shows the bank processing an accepted change', async () => {
    const user = userEvent.setup({ delay: null });
    const current = issuedDetail();
    vi.mocked(getBoleto).mockResolvedValue(current);
    vi.mocked(editAtBank).mockResolvedValue({ boleto: current, status: 'PROCESSANDO', refused: false, message: '' });
    renderDetail(1);
    await user.click(await screen.findByRole('button', { name: 'Alterar vencimento/valor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Alterar vencimento ou valor' });
    const amount = within(dialog).getByRole('textbox', { name: 'Novo valor (R$)' });
    await user.clear(amount);
    await user.type(amount, '175');
    await user.click(within(dialog).getByRole('button', { name: 'Pedir alteração ao banco' }));
    expect(editAtBank).toHaveBeenCalledWith(1, { dueDate: '', amountCents: 17500 });
    expect(await within(dialog).findByText('O banco está processando a alteração')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Substituir' })).not.toBeInTheDocument();
  });

  it('says so when the boleto does not exist', async () => {
    const { BackendError } = await import('../lib/backend');
    vi.mocked(getBoleto).mockRejectedValue(new BackendError('not_found', 'Boleto não encontrado.'));
    renderDetail(77);
    expect(await screen.findByText('Boleto não encontrado.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ver a lista de boletos' })).toBeInTheDocument();
  });
});
