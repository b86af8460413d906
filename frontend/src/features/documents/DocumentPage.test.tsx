import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  getBatch,
  getBoleto,
  getDocument,
  issueBoletos,
  onEvent,
  openPdf,
  type BoletoRow,
  type DocumentView,
} from '../../lib/backend';
import { BoletoDetailPage } from '../../pages/BoletoDetailPage';
import { DocumentPage } from '../../pages/DocumentPage';
import { renderPage } from '../../test/render';
import { batch, detail, row } from '../boletos/testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  onEvent: vi.fn(),
  getBoleto: vi.fn(),
  getDocument: vi.fn(),
  issueBoletos: vi.fn(),
  getBatch: vi.fn(),
  openPdf: vi.fn(),
  savePdf: vi.fn(),
  listCancelReasons: vi.fn(),
  isDesktop: vi.fn(() => false),
}));

const handlers = new Map<string, Set<(data: unknown) => void>>();
function emit(name: string, data: unknown) {
  act(() => {
    for (const h of handlers.get(name) ?? []) h(data);
  });
}

function Where() {
  const location = useLocation();
  return <p>Tela {location.pathname + location.search}</p>;
}

function renderAt(path: string) {
  return renderPage(
    <Routes>
      <Route path="/documentos/:id" element={<DocumentPage />} />
      <Route path="/boletos/:id" element={<BoletoDetailPage />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    path,
  );
}

/** The boletos of a carnê: an entrada and 10 installments, R$ 1.234,57 in all. */
function carne(states: [string, string][]): BoletoRow[] {
  return states.map(([state, stateLabel], i) =>
    row({
      id: 101 + i,
      seuNumero: `C${String(101 + i).padStart(7, '0')}`,
      state,
      stateLabel,
      amountCents: i === 0 ? 20000 : i === states.length - 1 ? 10352 : 10345,
      dueDate: `2027-${String(i + 1).padStart(2, '0')}-10`,
      installment: `${i + 1}/${states.length}`,
      paidAmountCents: state === 'paid' ? 20000 : 0,
      paidDate: state === 'paid' ? '2027-01-09' : '',
      paidChannel: state === 'paid' ? 'PIX' : '',
    }),
  );
}

function document(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    id: 9,
    kind: 'manual',
    label: 'parcelamento',
    kindLabel: 'parcelamento',
    number: '',
    series: '',
    accessKey: '',
    issueDate: '2026-11-27',
    totalCents: 123457,
    boletos: carne(Array.from({ length: 11 }, () => ['issued', 'Emitido'] as [string, string])),
    ...overrides,
  };
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
});

describe('Origem and the document page', () => {
  it('links a boleto to its origin, whose page lists all its boletos with their situations', async () => {
    const user = userEvent.setup();
    vi.mocked(getBoleto).mockResolvedValue(detail({ document: { id: 9, kind: 'manual', label: 'parcelamento' } }, { id: 101 }));
    vi.mocked(getDocument).mockResolvedValue(document());
    renderAt('/boletos/101');

    const bank = await screen.findByRole('region', { name: 'Dados do boleto' });
    expect(within(bank).getByText('Origem')).toBeInTheDocument();
    const link = within(bank).getByRole('link', { name: 'Origem: Parcelamento' });
    expect(link).toHaveAttribute('href', '/documentos/9');
    await user.click(link);

    expect(await screen.findByRole('heading', { level: 1, name: 'Parcelamento' })).toBeInTheDocument();
    expect(getDocument).toHaveBeenCalledWith(9);
    const data = screen.getByRole('region', { name: 'Dados do documento' });
    expect(data).toHaveTextContent('TipoParcelamento');
    expect(data).toHaveTextContent('Emissão27/11/2026');
    expect(data).toHaveTextContent('Valor do documentoR$ 1.234,57');
    expect(data).toHaveTextContent('PagadorMaria da Conceição Souza · 529.982.247-25');

    const table = screen.getByRole('table', { name: 'Boletos do documento' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(11);
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '1/11',
      'C0000101',
      '10/01/2027',
      'R$ 200,00',
      'Emitido',
      '',
    ]);
    expect(rows[0].querySelector('[data-state="issued"]')).not.toBeNull();
    expect(screen.getByRole('status', { name: 'Totais do documento' })).toHaveTextContent('11 boletos · R$ 1.234,57 · pago R$ 0,00');
    // Nothing to issue: every boleto was sent already.
    expect(screen.getByRole('button', { name: 'Emitir rascunhos' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('link', { name: 'Ver na lista' })).toHaveAttribute('href', '/boletos?doc=9');

    // A row opens its boleto.
    vi.mocked(getBoleto).mockResolvedValue(detail({}, { id: 105, seuNumero: 'C0000105' }));
    await user.click(within(rows[4]).getByText('10/05/2027'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Boleto C0000105' })).toBeInTheDocument();
    expect(getBoleto).toHaveBeenLastCalledWith(105);
  });

  it('issues the drafts of a document, prints its carnê without the cancelled ones, and shows what was paid', async () => {
    const user = userEvent.setup();
    const boletos = carne([
      ['paid', 'Liquidado'],
      ['draft', 'Rascunho'],
      ['draft', 'Rascunho'],
      ['cancelled', 'Cancelado'],
    ]);
    vi.mocked(getDocument).mockResolvedValue(
      document({
        kind: 'nfe',
        label: 'NF-e 1234 série 1',
        kindLabel: 'NF-e',
        number: '1234',
        series: '1',
        accessKey: '35260112345678000195550010000012341000012345',
        boletos,
      }),
    );
    vi.mocked(issueBoletos).mockResolvedValue(batch({ job: 'doc-9', total: 2, remaining: 2 }));
    vi.mocked(getBatch).mockResolvedValue(batch({ job: 'doc-9', total: 2, remaining: 2 }));
    vi.mocked(openPdf).mockResolvedValue('carne.pdf');
    renderAt('/documentos/9');

    expect(await screen.findByRole('heading', { level: 1, name: 'NF-e 1234 série 1' })).toBeInTheDocument();
    const data = screen.getByRole('region', { name: 'Dados do documento' });
    expect(data).toHaveTextContent('TipoNF-e');
    expect(data).toHaveTextContent('Número1234');
    expect(data).toHaveTextContent('Série1');
    expect(data).toHaveTextContent('Chave de acesso35260112345678000195550010000012341000012345');
    // The cancelled one no longer counts in the amount charged.
    expect(screen.getByRole('status', { name: 'Totais do documento' })).toHaveTextContent(
      '4 boletos · R$ 406,90 · pago R$ 200,00 (1 liquidado) · 2 rascunhos a emitir',
    );
    const table = screen.getByRole('table', { name: 'Boletos do documento' });
    expect(within(table).getByText('09/01/2027 · R$ 200,00 · Pix')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Imprimir carnê' }));
    expect(openPdf).toHaveBeenCalledExactlyOnceWith({ ids: [101, 102, 103], layout: 'carne' });

    await user.click(screen.getByRole('button', { name: 'Emitir rascunhos (2)' }));
    expect(issueBoletos).toHaveBeenCalledExactlyOnceWith([102, 103]);
    const dialog = await screen.findByRole('dialog', { name: 'Emitindo boletos' });
    expect(within(dialog).getByText('0 de 2 emitidos · 0 com falha · 2 restantes')).toBeInTheDocument();
  });

  it('follows its boletos live, and only its own', async () => {
    vi.mocked(getDocument).mockResolvedValue(document());
    renderAt('/documentos/9');
    await screen.findByRole('heading', { level: 1, name: 'Parcelamento' });
    expect(getDocument).toHaveBeenCalledTimes(1);

    vi.mocked(getDocument).mockResolvedValue(
      document({ boletos: carne([['paid', 'Liquidado'], ...Array.from({ length: 10 }, () => ['issued', 'Emitido'] as [string, string])]) }),
    );
    emit('boleto:changed', { id: 999, state: 'paid', previousState: 'issued' });
    emit('boleto:changed', { id: 101, state: 'paid', previousState: 'issued' });
    await waitFor(() => expect(screen.getAllByText('Liquidado')).toHaveLength(1));
    expect(getDocument).toHaveBeenCalledTimes(2);
  });

  it('says when the document does not exist', async () => {
    vi.mocked(getDocument).mockRejectedValue(new BackendError('not_found', 'Documento não encontrado.'));
    renderAt('/documentos/404');
    expect(await screen.findByText('Documento não encontrado', { selector: 'h2, div, span' })).toBeInTheDocument();
    expect(screen.getByText('Documento não encontrado.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ver a lista de boletos' })).toHaveAttribute('href', '/boletos');
  });
});
