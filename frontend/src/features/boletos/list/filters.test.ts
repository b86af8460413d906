import { describe, expect, it } from 'vitest';
import {
  activePreset,
  clearedFilters,
  EMPTY_FILTERS,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  toBoletoFilter,
} from './filters';

describe('list filters in the address', () => {
  it('round-trips every filter through the query', () => {
    const f = {
      states: ['issued', 'overdue'],
      dueFrom: '2030-03-01',
      dueTo: '2030-03-31',
      paidFrom: '2030-04-01',
      paidTo: '2030-04-30',
      text: 'maria',
      accountId: 2,
      documentKinds: ['nfe', 'manual'],
      documentId: 9,
      order: 'due_date' as const,
      page: 3,
    };
    const params = filtersToParams(f);
    expect(params.toString()).toBe(
      'situacao=issued%2Coverdue&vencDe=2030-03-01&vencAte=2030-03-31&pagoDe=2030-04-01&pagoAte=2030-04-30&busca=maria&conta=2&origem=nfe%2Cmanual&doc=9&ordem=due_date&pagina=3',
    );
    expect(filtersFromParams(params)).toEqual(f);
  });

  it('leaves defaults out of the address and ignores what it cannot read', () => {
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
    const f = filtersFromParams(
      new URLSearchParams('situacao=paid,bogus,paid&vencDe=01/03/2030&conta=-1&pagina=0&ordem=x&origem=nfe,NF E,,nfe&doc=abc'),
    );
    expect(f).toEqual({ ...EMPTY_FILTERS, states: ['paid'], documentKinds: ['nfe'] });
  });

  it('asks the backend for one page of 50', () => {
    const filter = toBoletoFilter({ ...EMPTY_FILTERS, text: '  000123 ', page: 4 });
    expect(filter).toMatchObject({ text: '000123', limit: 50, offset: 150, states: [], payerId: 0, documentKinds: [], documentId: 0 });
  });

  it('sends the origin kinds and the document to the backend', () => {
    const filter = toBoletoFilter({ ...EMPTY_FILTERS, documentKinds: ['avulso', 'manual'], documentId: 12 });
    expect(filter).toMatchObject({ documentKinds: ['avulso', 'manual'], documentId: 12 });
  });

  it('knows when something narrows the list and which preset is on', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, order: 'paid', page: 2 })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, paidTo: '2030-01-01' })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, documentKinds: ['nfe'] })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, documentId: 3 })).toBe(true);
    expect(clearedFilters({ ...EMPTY_FILTERS, documentKinds: ['nfe'], documentId: 3 })).toEqual(EMPTY_FILTERS);
    expect(clearedFilters({ ...EMPTY_FILTERS, text: 'x', order: 'paid', page: 3 })).toEqual({ ...EMPTY_FILTERS, order: 'paid' });
    expect(activePreset(['overdue', 'issued'])?.label).toBe('Em aberto');
    expect(activePreset(['paid'])?.label).toBe('Liquidados');
    expect(activePreset(['paid', 'draft'])).toBeUndefined();
  });
});
