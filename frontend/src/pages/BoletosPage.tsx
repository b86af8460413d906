import { Alert, Button, Group, Loader, Pagination, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconFilePlus, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { loadAccounts } from '../features/accounts/useAccountChoice';
import { BatchPanel } from '../features/boletos/batch/BatchPanel';
import { CancelModal } from '../features/boletos/CancelModal';
import { boletosCount, formatTime } from '../features/boletos/format';
import { BoletoFilters } from '../features/boletos/list/BoletoFilters';
import { BoletoTable } from '../features/boletos/list/BoletoTable';
import { NoBoletos, NoResults } from '../features/boletos/list/EmptyStates';
import {
  clearedFilters,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  PAGE_SIZE,
  type ListFilters,
} from '../features/boletos/list/filters';
import { SelectionBar } from '../features/boletos/list/SelectionBar';
import { useBoletoList } from '../features/boletos/list/useBoletoList';
import { useSync } from '../features/boletos/list/useSync';
import { useStateOptions } from '../features/boletos/useStateOptions';
import {
  asBackendError,
  cancelBoletos,
  issueBoletos,
  onEvent,
  type AccountView,
  type BackendError,
  type BatchView,
  type BoletoRow,
} from '../lib/backend';
import { EVENT_BOLETO_CHANGED } from '../lib/events';
import { formatCents } from '../lib/format';
import { RetryAlert } from '../components/RetryAlert';

/** Changes come in bursts (a batch, a sync): the visible page is read again once they pause. */
const REFRESH_DEBOUNCE_MS = 400;
/** …but at least this often while they keep coming. */
const REFRESH_MAX_WAIT_MS = 2000;

export function BoletosPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback(
    (next: ListFilters, typing = false) => setParams(filtersToParams(next), { replace: typing }),
    [setParams],
  );

  const { state, refresh } = useBoletoList(filters);
  const states = useStateOptions();
  const accounts = useAccounts();

  // Selection: kept across pages, dropped when the filters change (not the page or order).
  const [selected, setSelected] = useState<Map<number, BoletoRow>>(new Map());
  const filterKey = JSON.stringify({ ...filters, page: 0, order: '' });
  useEffect(() => setSelected(new Map()), [filterKey]);
  // Keep the selected rows' data (state!) fresh as pages reload.
  useEffect(() => {
    if (state.status !== 'ready') return;
    setSelected((old) => {
      let changed = false;
      const next = new Map(old);
      for (const row of state.page.rows) {
        if (next.has(row.id) && next.get(row.id) !== row) {
          next.set(row.id, row);
          changed = true;
        }
      }
      return changed ? next : old;
    });
  }, [state]);

  // Live: refresh the visible page after boleto changes and after each sync with the bank.
  const refreshSoon = useDebouncedCallback(refresh, { delay: REFRESH_DEBOUNCE_MS, maxWait: REFRESH_MAX_WAIT_MS });
  useEffect(() => onEvent(EVENT_BOLETO_CHANGED, () => refreshSoon()), [refreshSoon]);
  const sync = useSync(refreshSoon);

  // A page past the end (boletos left the filter): go to the last one.
  useEffect(() => {
    if (state.status !== 'ready') return;
    const pages = Math.max(1, Math.ceil(state.page.total / PAGE_SIZE));
    if (state.filters.page > pages && filters.page === state.filters.page) {
      setFilters({ ...filters, page: pages }, true);
    }
  }, [state, filters, setFilters]);

  const [batch, setBatch] = useState<BatchView | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [actionError, setActionError] = useState<BackendError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const cancelledSome = useRef(false);

  const selectedRows = [...selected.values()];
  const issue = async () => {
    setIssuing(true);
    setActionError(null);
    try {
      const view = await issueBoletos(selectedRows.map((r) => r.id));
      setBatch(view);
      setSelected(new Map());
      refresh();
    } catch (err) {
      setActionError(asBackendError(err, 'Não foi possível emitir os boletos. Tente de novo.'));
    } finally {
      setIssuing(false);
    }
  };

  const toggle = (row: BoletoRow) =>
    setSelected((old) => {
      const next = new Map(old);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return next;
    });
  const toggleAll = (rows: BoletoRow[], select: boolean) =>
    setSelected((old) => {
      const next = new Map(old);
      for (const row of rows) {
        if (select) next.set(row.id, row);
        else next.delete(row.id);
      }
      return next;
    });

  const ready = state.status === 'ready' ? state : null;
  const empty = ready !== null && ready.page.total === 0;

  return (
    <Page title="Boletos">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm">
          <Button component={Link} to="/boletos/novo" leftSection={<IconFilePlus size={18} aria-hidden="true" />}>
            Novo boleto
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={18} aria-hidden="true" />}
            onClick={() => void sync.sync()}
            loading={sync.syncing}
          >
            Sincronizar agora
          </Button>
        </Group>
        <SyncStatus {...sync} accounts={accounts} />
      </Group>

      <BoletoFilters
        filters={filters}
        onChange={setFilters}
        states={states}
        accounts={accounts}
        searching={ready?.refreshing ?? state.status === 'loading'}
      />

      {actionError && (
        <Alert
          color="red"
          variant="light"
          title="A ação não foi feita"
          icon={<IconAlertCircle aria-hidden="true" />}
          withCloseButton
          closeButtonLabel="Fechar aviso"
          onClose={() => setActionError(null)}
        >
          {actionError.message}
        </Alert>
      )}

      {state.status === 'loading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>Carregando boletos…</Text>
        </Group>
      )}
      {state.status === 'error' && (
        <RetryAlert title="Não foi possível carregar os boletos" message={state.error.message} onRetry={refresh} />
      )}
      {empty &&
        (hasActiveFilters(ready.filters) ? <NoResults onClear={() => setFilters(clearedFilters(filters))} /> : <NoBoletos />)}
      {ready && !empty && (
        <Stack gap="sm">
          <SelectionBar
            rows={selectedRows}
            issuing={issuing}
            onIssue={() => void issue()}
            onCancel={() => setCancelling(true)}
            onClear={() => setSelected(new Map())}
          />
          <Totals total={ready.page.total} amount={ready.page.totalAmountCents} paid={ready.page.totalPaidCents} />
          <div style={{ opacity: ready.refreshing ? 0.7 : 1, transition: 'opacity 150ms' }} aria-busy={ready.refreshing}>
            <BoletoTable
              rows={ready.page.rows}
              selected={new Set(selected.keys())}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onOpen={(row) => navigate(`/boletos/${row.id}`, { state: { from: location.search } })}
              from={location.search}
            />
          </div>
          <PageNav
            page={filters.page}
            total={ready.page.total}
            onChange={(page) => setFilters({ ...filters, page })}
          />
        </Stack>
      )}

      <BatchPanel
        batch={batch}
        onClose={() => {
          setBatch(null);
          refresh();
        }}
      />
      <CancelModal
        opened={cancelling}
        subject={selectedRows.length === 1 ? `o boleto ${selectedRows[0].seuNumero}` : boletosCount(selectedRows.length)}
        submit={async (reason) => {
          const results = await cancelBoletos(selectedRows.map((r) => r.id), reason);
          cancelledSome.current = true;
          return results;
        }}
        onClose={() => {
          setCancelling(false);
          if (cancelledSome.current) {
            cancelledSome.current = false;
            setSelected(new Map());
            refresh();
          }
        }}
      />
    </Page>
  );
}

/** "123 boletos · R$ 45.678,90 · pago R$ 12.345,00": of the whole filtered set, not the page. */
function Totals({ total, amount, paid }: { total: number; amount: number; paid: number }) {
  return (
    <Text size="sm" role="status" aria-label="Totais do filtro" data-totals>
      <strong>{boletosCount(total)}</strong> · {formatCents(amount)} · pago {formatCents(paid)}
    </Text>
  );
}

function PageNav({ page, total, onChange }: { page: number; total: number; onChange: (page: number) => void }) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, total);
  return (
    <Group justify="space-between" gap="sm">
      <Text size="sm" c="dimmed">
        {first.toLocaleString('pt-BR')}–{last.toLocaleString('pt-BR')} de {total.toLocaleString('pt-BR')}
      </Text>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        withEdges
        getControlProps={(control) => {
          const labels = { first: 'Primeira página', previous: 'Página anterior', next: 'Próxima página', last: 'Última página' };
          return { 'aria-label': labels[control] };
        }}
        getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
      />
    </Group>
  );
}

interface SyncStatusProps {
  results: ReturnType<typeof useSync>['results'];
  error: BackendError | null;
  accounts: AccountView[];
}

/** "Sincronizado às 14:05", or what went wrong, for each account's last cycle. */
function SyncStatus({ results, error, accounts }: SyncStatusProps) {
  if (error) {
    return (
      <Text size="sm" c="red" role="status">
        {error.message}
      </Text>
    );
  }
  if (results.length === 0) return null;
  const name = (id: number) => (accounts.length > 1 ? `${accounts.find((a) => a.id === id)?.name ?? 'Conta'}: ` : '');
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) {
    return (
      <Stack gap={2} role="status">
        {failed.map((r) => (
          <Group key={r.accountId} gap={6} wrap="nowrap">
            <IconAlertCircle size={16} color="var(--mantine-color-red-7)" aria-hidden="true" />
            <Text size="sm" c="red">
              {name(r.accountId)}A sincronização das {formatTime(r.at)} falhou: {r.error}
            </Text>
          </Group>
        ))}
      </Stack>
    );
  }
  const latest = results.reduce((a, b) => (a.at > b.at ? a : b));
  return (
    <Group gap={6} role="status">
      <IconCircleCheck size={16} color="var(--mantine-color-green-7)" aria-hidden="true" />
      <Text size="sm" c="dimmed">
        Sincronizado às {formatTime(latest.at)}
      </Text>
    </Group>
  );
}

/** The accounts, for the account filter; none when they cannot be read (the filter hides). */
function useAccounts(): AccountView[] {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  useEffect(() => {
    let current = true;
    loadAccounts().then(
      (list) => {
        if (current) setAccounts(list);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  return accounts;
}
