import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  getDocument,
  listAccounts,
  listBoletos,
  listBoletoStates,
  listDocumentKinds,
  onEvent,
} from '../../../lib/backend';
import { BoletosPage } from '../../../pages/BoletosPage';
import { renderPage } from '../../../test/render';
import { row } from '../testFixtures';

vi.mock('../../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/backend')>()),
  onEvent: vi.fn(),
  listBoletos: vi.fn(),
  listBoletoStates: vi.fn(),
  listAccounts: vi.fn(),
  listDocumentKinds: vi.fn(),
  getDocument: vi.fn(),
  syncNow: vi.fn(),
}));

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
  vi.mocked(onEvent).mockReturnValue(() => {});
  vi.mocked(listBoletos).mockResolvedValue({
    rows: [row({ id: 1, installment: '1/10' })],
    total: 1,
    totalAmountCents: 15000,
    totalPaidCents: 0,
  });
  vi.mocked(listBoletoStates).mockResolvedValue([{ value: 'draft', label: 'Rascunho' }]);
  vi.mocked(listAccounts).mockResolvedValue([]);
  vi.mocked(listDocumentKinds).mockResolvedValue([
    { value: 'avulso', label: 'boleto avulso' },
    { value: 'nfe', label: 'NF-e' },
    { value: 'sales_order', label: 'pedido de venda' },
    { value: 'manual', label: 'parcelamento' },
  ]);
});

const origin = () => screen.getByRole('combobox', { name: 'Origem' });

describe('Boletos list, by origin', () => {
  it('filters by origin kinds, in the address too, and clears them', async () => {
    const user = userEvent.setup();
    renderList();
    await screen.findByRole('table', { name: 'Boletos' });
    await waitFor(() => expect(origin()).toBeInTheDocument());
    expect(lastFilter()).toMatchObject({ documentKinds: [], documentId: 0 });

    // jsdom lays nothing out, so the dropdown counts as hidden; its options are there all the same.
    await user.click(origin());
    await user.click(await screen.findByRole('option', { name: 'Parcelamento', hidden: true }));
    await waitFor(() => expect(lastFilter().documentKinds).toEqual(['manual']));
    expect(query().get('origem')).toBe('manual');

    // Picked in any order, they keep the order offered.
    await user.click(screen.getByRole('option', { name: 'NF-e', hidden: true }));
    await waitFor(() => expect(lastFilter().documentKinds).toEqual(['nfe', 'manual']));
    expect(query().get('origem')).toBe('nfe,manual');

    await user.click(screen.getByRole('button', { name: 'Limpar filtros' }));
    await waitFor(() => expect(lastFilter().documentKinds).toEqual([]));
    expect(query().get('origem')).toBeNull();
  });

  it('reads the origin kinds from the address and shows them picked', async () => {
    renderList('/boletos?origem=nfe,sales_order');
    await screen.findByRole('table', { name: 'Boletos' });
    expect(lastFilter()).toMatchObject({ documentKinds: ['nfe', 'sales_order'] });
    const picked = origin().closest('.mantine-MultiSelect-root') ?? document.body;
    await waitFor(() => expect(within(picked as HTMLElement).getByText('Pedido de venda')).toBeInTheDocument());
    expect(within(picked as HTMLElement).getByText('NF-e')).toBeInTheDocument();
  });

  it('shows the document of the address as a chip with its name, and removes it', async () => {
    vi.mocked(getDocument).mockResolvedValue({
      id: 9,
      kind: 'nfe',
      label: 'NF-e 1234 série 1',
      kindLabel: 'NF-e',
      number: '1234',
      series: '1',
      accessKey: '',
      issueDate: '2030-03-01',
      totalCents: 150000,
      boletos: [],
    });
    const user = userEvent.setup();
    renderList('/boletos?doc=9&situacao=draft');
    await screen.findByRole('table', { name: 'Boletos' });
    expect(lastFilter()).toMatchObject({ documentId: 9, states: ['draft'] });

    const chip = await screen.findByRole('group', { name: 'Filtro por documento' });
    await waitFor(() => expect(chip).toHaveTextContent('Só os boletos de NF-e 1234 série 1'));
    expect(getDocument).toHaveBeenCalledWith(9);

    await user.click(within(chip).getByRole('button', { name: 'Remover o filtro do documento NF-e 1234 série 1' }));
    await waitFor(() => expect(lastFilter().documentId).toBe(0));
    expect(query().get('doc')).toBeNull();
    expect(query().get('situacao')).toBe('draft');
    expect(screen.queryByRole('group', { name: 'Filtro por documento' })).not.toBeInTheDocument();
  });

  it('names a document that no longer exists, and still lets the filter go', async () => {
    vi.mocked(getDocument).mockRejectedValue(new BackendError('not_found', 'Documento não encontrado.'));
    renderList('/boletos?doc=77');
    const chip = await screen.findByRole('group', { name: 'Filtro por documento' });
    await waitFor(() => expect(chip).toHaveTextContent('documento nº 77 (não encontrado)'));
    expect(within(chip).getByRole('button', { name: /Remover o filtro do documento/ })).toBeInTheDocument();
  });
});
