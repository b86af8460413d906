import { Badge, Button, Chip, CloseButton, Group, Loader, MultiSelect, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarEvent, IconFileDescription, IconFilterOff, IconSearch } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { AccountView, StateOption } from '../../../lib/backend';
import { activePreset, clearedFilters, hasActiveFilters, ORDERS, PRESETS, type ListFilters, type ListOrder } from './filters';
import { useDocumentKinds, useDocumentLabel } from './useOrigins';

/** How long typing must pause before the list is searched again. */
export const SEARCH_DEBOUNCE_MS = 300;

interface BoletoFiltersProps {
  filters: ListFilters;
  /** A new set of filters; `typing` is true for search text (replace the history entry). */
  onChange: (next: ListFilters, typing?: boolean) => void;
  states: StateOption[];
  accounts: AccountView[];
  /** True while the list for the current filters is loading. */
  searching: boolean;
}

/** Situação (presets and chips), vencimento, pagamento, pagador, conta, origem, documento and order. */
export function BoletoFilters({ filters, onChange, states, accounts, searching }: BoletoFiltersProps) {
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // The search box: typed at once, applied once typing pauses. `written` is the text last put
  // in the filters, to tell our own change from back/forward or "Limpar filtros".
  const [text, setText] = useState(filters.text);
  const [debounced] = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const written = useRef(filters.text);
  useEffect(() => {
    if (filters.text !== written.current) {
      written.current = filters.text;
      setText(filters.text);
    }
  }, [filters.text]);
  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    const { filters: current, onChange: change } = latest.current;
    change({ ...current, text: debounced, page: 1 }, true);
  }, [debounced]);

  const set = (patch: Partial<ListFilters>) => onChange({ ...filters, ...patch, page: 1 });
  const preset = activePreset(filters.states);
  const kinds = useDocumentKinds();

  return (
    <Stack gap="sm" component="section" aria-label="Filtros">
      <Group gap="xs" wrap="wrap" role="group" aria-label="Filtros rápidos">
        {PRESETS.map((p) => {
          const active = preset === p;
          return (
            <Button
              key={p.label}
              size="compact-sm"
              radius="xl"
              variant={active ? 'filled' : 'default'}
              aria-pressed={active}
              onClick={() => set({ states: active ? [] : p.states })}
            >
              {p.label}
            </Button>
          );
        })}
      </Group>

      <Chip.Group multiple value={filters.states} onChange={(value) => set({ states: orderStates(value, states) })}>
        <Group gap={6} wrap="wrap" role="group" aria-label="Situação">
          {states.map((s) => (
            <Chip key={s.value} value={s.value} size="xs" variant="outline">
              {s.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label="Buscar"
          placeholder="Pagador, CPF/CNPJ, seu número ou nosso número"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSection={searching || text !== debounced ? <Loader size="xs" aria-label="Buscando" /> : null}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: '1 1 300px', maxWidth: 440 }}
        />
        <DateRange
          label="Vencimento"
          from={filters.dueFrom}
          to={filters.dueTo}
          onChange={(dueFrom, dueTo) => set({ dueFrom, dueTo })}
        />
        <DateRange
          label="Pagamento"
          from={filters.paidFrom}
          to={filters.paidTo}
          onChange={(paidFrom, paidTo) => set({ paidFrom, paidTo })}
        />
        {kinds.length > 0 && (
          <MultiSelect
            label="Origem"
            placeholder={filters.documentKinds.length === 0 ? 'Todas' : undefined}
            data={kinds}
            value={filters.documentKinds}
            onChange={(value) => set({ documentKinds: orderKinds(value, kinds) })}
            searchable
            nothingFoundMessage="Nenhuma origem com este nome"
            clearable
            clearButtonProps={{ 'aria-label': 'Limpar a origem' }}
            hidePickedOptions={false}
            comboboxProps={{ withinPortal: true }}
            w={300}
          />
        )}
        {accounts.length > 1 && (
          <NativeSelect
            label="Conta"
            data={[{ value: '0', label: 'Todas as contas' }, ...accounts.map((a) => ({ value: String(a.id), label: a.name }))]}
            value={String(filters.accountId)}
            onChange={(event) => set({ accountId: Number(event.currentTarget.value) })}
            w={220}
          />
        )}
        <NativeSelect
          label="Ordenar por"
          data={ORDERS}
          value={filters.order}
          onChange={(event) => set({ order: event.currentTarget.value as ListOrder })}
          w={210}
        />
        {hasActiveFilters(filters) && (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} aria-hidden="true" />}
            onClick={() => onChange(clearedFilters(filters))}
          >
            Limpar filtros
          </Button>
        )}
      </Group>

      {filters.documentId > 0 && (
        <DocumentChip id={filters.documentId} onRemove={() => set({ documentId: 0 })} />
      )}
    </Stack>
  );
}

/** "Documento: NF-e 1234 série 1 ×": the list shows one document's boletos. */
function DocumentChip({ id, onRemove }: { id: number; onRemove: () => void }) {
  const label = useDocumentLabel(id);
  const name =
    label.status === 'ready' ? label.label : label.status === 'missing' ? `documento nº ${id} (não encontrado)` : `documento nº ${id}`;
  return (
    <Group gap="xs" role="group" aria-label="Filtro por documento">
      <IconFileDescription size={16} aria-hidden="true" />
      <Text size="sm">Só os boletos de </Text>
      <Badge
        size="lg"
        variant="light"
        radius="xl"
        pr={4}
        styles={{ label: { textTransform: 'none' } }}
        rightSection={
          <CloseButton size="sm" radius="xl" onClick={onRemove} aria-label={`Remover o filtro do documento ${name}`} />
        }
        data-document-filter={id}
      >
        {name}
      </Badge>
    </Group>
  );
}

/** The chosen origins in the order offered, whatever order they were picked in. */
function orderKinds(value: string[], options: StateOption[]): string[] {
  const order = options.map((o) => o.value);
  return [...value].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The chosen states in lifecycle order, whatever order they were clicked in. */
function orderStates(value: string[], options: StateOption[]): string[] {
  const order = options.map((o) => o.value);
  return [...value].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

interface DateRangeProps {
  label: string;
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}

/** A period: applied once both ends are picked (or when cleared). */
function DateRange({ label, from, to, onChange }: DateRangeProps) {
  const [value, setValue] = useState<DatesRangeValue<string>>([from || null, to || null]);
  useEffect(() => setValue([from || null, to || null]), [from, to]);

  const change = (next: DatesRangeValue<string>) => {
    setValue(next);
    const [a, b] = next;
    if (a && b) onChange(a, b);
    else if (!a && !b) onChange('', '');
  };

  return (
    <DatePickerInput
      type="range"
      label={label}
      placeholder="Qualquer data"
      value={value}
      onChange={change}
      valueFormat="DD/MM/YYYY"
      clearable
      allowSingleDateInRange
      presets={rangePresets()}
      leftSection={<IconCalendarEvent size={16} aria-hidden="true" />}
      w={250}
      popoverProps={{ withinPortal: true }}
      aria-label={label}
      description={value[0] && !value[1] ? 'Escolha a data final' : undefined}
    />
  );
}

function rangePresets(): { value: DatesRangeValue<string>; label: string }[] {
  const today = dayjs();
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  const lastMonth = today.subtract(1, 'month');
  return [
    { value: [fmt(today), fmt(today)], label: 'Hoje' },
    { value: [fmt(today.startOf('month')), fmt(today.endOf('month'))], label: 'Este mês' },
    { value: [fmt(lastMonth.startOf('month')), fmt(lastMonth.endOf('month'))], label: 'Mês passado' },
    { value: [fmt(today.subtract(30, 'day')), fmt(today)], label: 'Últimos 30 dias' },
    { value: [fmt(today), fmt(today.add(30, 'day'))], label: 'Próximos 30 dias' },
  ];
}
