import { Alert, Button, Group, List, Loader, MultiSelect, NativeSelect, Tabs, Text, TextInput } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCircleCheck, IconFileSpreadsheet, IconFileText, IconFileTypePdf, IconScale } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { useStateOptions } from '../features/boletos/useStateOptions';
import { PERIOD_LABELS, todayInSaoPaulo } from '../features/dashboard/period';
import { DATE_FIELDS, filtersFromParams, filtersToParams, REPORT_PRESETS, switchTab, TABS, toDTO, type ReportFilters } from '../features/reports/filters';
import { ReportTables } from '../features/reports/ReportTables';
import {
  asBackendError,
  compareWithBank,
  exportReport,
  getReport,
  listAccounts,
  listDocumentKinds,
  type AccountView,
  type BackendError,
  type ExportFormat,
  type ReportDTO,
  type ReportKind,
  type StateOption,
} from '../lib/backend';

const EXPORTS: { format: ExportFormat; label: string; icon: typeof IconFileText }[] = [
  { format: 'csv', label: 'Exportar CSV', icon: IconFileText },
  { format: 'xlsx', label: 'Exportar Excel (XLSX)', icon: IconFileSpreadsheet },
  { format: 'pdf', label: 'Exportar PDF', icon: IconFileTypePdf },
];

type Compared = { status: 'idle' } | { status: 'running' } | { status: 'done'; diffs: string[] } | { status: 'error'; error: BackendError };

export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = (next: ReportFilters) => setParams(filtersToParams(next), { replace: true });
  const today = todayInSaoPaulo();
  const dto = useMemo(() => toDTO(filters, today), [filters, today]);
  const key = JSON.stringify({ kind: filters.kind, dto });

  const accounts = useList(listAccounts) as AccountView[];
  const kinds = useList(listDocumentKinds) as StateOption[];
  const states = useStateOptions();

  const [report, setReport] = useState<{ key: string; report: ReportDTO } | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  useEffect(() => {
    let current = true;
    setError(null);
    getReport(filters.kind, dto).then(
      (r) => current && setReport({ key, report: r }),
      (err) => current && setError(asBackendError(err, 'Não foi possível montar o relatório.')),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const doExport = async (format: ExportFormat) => {
    setExporting(format);
    try {
      const saved = await exportReport(filters.kind, dto, format);
      if (saved) notifications.show({ color: 'green', title: 'Relatório exportado', message: saved });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Não foi possível exportar', message: asBackendError(err, 'Tente de novo.').message });
    } finally {
      setExporting(null);
    }
  };

  const [compared, setCompared] = useState<Compared>({ status: 'idle' });
  useEffect(() => setCompared({ status: 'idle' }), [key]);
  const compare = async () => {
    setCompared({ status: 'running' });
    try {
      setCompared({ status: 'done', diffs: await compareWithBank(dto) });
    } catch (err) {
      setCompared({ status: 'error', error: asBackendError(err, 'Não foi possível conferir com o banco.') });
    }
  };

  return (
    <Page title="Relatórios">
      <Tabs value={filters.kind} onChange={(v) => v && setFilters(switchTab(filters, v as ReportKind))} keepMounted={false}>
        <Tabs.List aria-label="Relatórios">
          {TABS.map((t) => (
            <Tabs.Tab key={t.kind} value={t.kind}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Filters filters={filters} onChange={setFilters} accounts={accounts} kinds={kinds} states={states} />

      <Group gap="sm" wrap="wrap">
        {EXPORTS.map(({ format, label, icon: Icon }) => (
          <Button
            key={format}
            variant="default"
            leftSection={<Icon size={18} aria-hidden="true" />}
            loading={exporting === format}
            disabled={exporting !== null && exporting !== format}
            onClick={() => void doExport(format)}
          >
            {label}
          </Button>
        ))}
        <Button
          leftSection={<IconScale size={18} aria-hidden="true" />}
          onClick={() => void compare()}
          loading={compared.status === 'running'}
          disabled={filters.accountId === 0}
          aria-describedby={filters.accountId === 0 ? 'compare-needs-account' : undefined}
        >
          Conferir com o banco
        </Button>
        {filters.accountId === 0 && (
          <Text id="compare-needs-account" size="sm" c="dimmed">
            Escolha uma conta para conferir com o banco.
          </Text>
        )}
      </Group>

      {compared.status === 'done' &&
        (compared.diffs.length === 0 ? (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title="O programa e o banco conferem" role="status">
            Os totais por situação são os mesmos no programa e no banco.
          </Alert>
        ) : (
          <Alert color="yellow" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title="O programa e o banco não conferem" role="alert">
            <List size="sm">
              {compared.diffs.map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          </Alert>
        ))}
      {compared.status === 'error' && (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title="Não foi possível conferir com o banco" role="alert">
          {compared.error.message}
        </Alert>
      )}

      {error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title="Não foi possível montar o relatório">
          {error.message}
        </Alert>
      )}
      {!report && !error && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>Montando o relatório…</Text>
        </Group>
      )}
      {report && (
        <div style={{ opacity: report.key === key ? 1 : 0.6 }} aria-busy={report.key !== key}>
          <ReportTables report={report.report} />
        </div>
      )}
    </Page>
  );
}

interface FiltersProps {
  filters: ReportFilters;
  onChange: (next: ReportFilters) => void;
  accounts: AccountView[];
  kinds: StateOption[];
  states: StateOption[];
}

function Filters({ filters, onChange, accounts, kinds, states }: FiltersProps) {
  const [payer, setPayer] = useState(filters.payerDocument);
  const [debouncedPayer] = useDebouncedValue(payer, 400);
  useEffect(() => {
    const digits = debouncedPayer.replace(/\D/g, '');
    if (digits !== filters.payerDocument.replace(/\D/g, '') && (digits.length === 0 || digits.length === 11 || digits.length === 14)) {
      onChange({ ...filters, payerDocument: debouncedPayer.trim() });
    }
  }, [debouncedPayer]);

  const [range, setRange] = useState<DatesRangeValue<string>>([filters.from || null, filters.to || null]);
  useEffect(() => setRange([filters.from || null, filters.to || null]), [filters.from, filters.to]);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label="Filtros">
      <NativeSelect
        label="Conta"
        value={String(filters.accountId)}
        onChange={(e) => onChange({ ...filters, accountId: Number(e.currentTarget.value) })}
        data={[{ value: '0', label: 'Todas as contas' }, ...accounts.map((a) => ({ value: String(a.id), label: a.name }))]}
        w={220}
      />
      {filters.kind !== 'aging' && (
        <NativeSelect
          label="Data"
          value={filters.dateField}
          onChange={(e) => onChange({ ...filters, dateField: e.currentTarget.value as ReportFilters['dateField'] })}
          data={DATE_FIELDS}
          w={150}
        />
      )}
      <NativeSelect
        label={filters.kind === 'aging' ? 'Vencimento no período' : 'Período'}
        value={filters.preset}
        onChange={(e) => onChange({ ...filters, preset: e.currentTarget.value as ReportFilters['preset'], from: '', to: '' })}
        data={REPORT_PRESETS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        w={190}
      />
      {filters.preset === 'custom' && (
        <DatePickerInput
          type="range"
          label="De – até"
          aria-label="De – até"
          placeholder="Escolha as datas"
          valueFormat="DD/MM/YYYY"
          value={range}
          onChange={(v) => {
            setRange(v);
            if ((v[0] && v[1]) || (!v[0] && !v[1])) onChange({ ...filters, from: v[0] ?? '', to: v[1] ?? '' });
          }}
          allowSingleDateInRange
          w={250}
          popoverProps={{ withinPortal: true }}
        />
      )}
      {filters.kind === 'by_payer' && (
        <MultiSelect
          label="Situações"
          placeholder={filters.states.length ? undefined : 'Todas'}
          value={filters.states}
          onChange={(v) => onChange({ ...filters, states: v })}
          data={states}
          clearable
          w={260}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <TextInput
        label="CPF/CNPJ do pagador"
        placeholder="Todos"
        value={payer}
        onChange={(e) => setPayer(e.currentTarget.value)}
        w={200}
        inputMode="numeric"
      />
      {kinds.length > 0 && (
        <MultiSelect
          label="Origem"
          placeholder={filters.documentKinds.length ? undefined : 'Qualquer origem'}
          value={filters.documentKinds}
          onChange={(v) => onChange({ ...filters, documentKinds: v })}
          data={kinds}
          clearable
          w={240}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Group>
  );
}

function useList<T>(load: () => Promise<T[]>): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let current = true;
    load().then(
      (list) => current && setItems(list ?? []),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [load]);
  return items;
}
