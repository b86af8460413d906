import { Alert, Anchor, Badge, Button, Card, Group, Loader, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { IconAlertCircle, IconAlertTriangle, IconCertificate, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { formatTime } from '../features/boletos/format';
import { NoBoletos } from '../features/boletos/list/EmptyStates';
import { useSync } from '../features/boletos/list/useSync';
import { BoletoDueList } from '../features/dashboard/BoletoDueList';
import { isoOrEmpty, isPreset, PERIOD_LABELS, periodOf, todayInSaoPaulo, type PeriodPreset } from '../features/dashboard/period';
import { ReceivedChart, type SeriesUnit } from '../features/dashboard/ReceivedChart';
import { useDashboard } from '../features/dashboard/useDashboard';
import { WelcomeCard } from '../features/welcome/WelcomeCard';
import { listAccounts, type AccountView, type DashboardDTO } from '../lib/backend';
import { formatCents, formatDate } from '../lib/format';
import { RetryAlert } from '../components/RetryAlert';

const DASHBOARD_PRESETS: PeriodPreset[] = ['month', 'last_month', 'last30', 'year', 'custom'];
const UNITS: { value: SeriesUnit; label: string }[] = [
  { value: 'day', label: 'Dia' },
  { value: 'week', label: 'Semana' },
  { value: 'month', label: 'Mês' },
];

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const accountId = Number(params.get('conta')) || 0;
  const preset: PeriodPreset = (() => {
    const p = params.get('periodo');
    return isPreset(p) && p !== 'all' ? p : 'month';
  })();
  const unitParam = params.get('serie');
  const unit: SeriesUnit = unitParam === 'week' || unitParam === 'month' ? unitParam : 'day';
  const today = todayInSaoPaulo();
  const custom = { from: isoOrEmpty(params.get('de')), to: isoOrEmpty(params.get('ate')) };
  const period = periodOf(preset, today, custom);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const query = useMemo(() => ({ accountId, from: period.from, to: period.to, series: unit }), [accountId, period.from, period.to, unit]);
  const { state, refresh } = useDashboard(query);
  const accounts = useAccountList();
  const sync = useSync(() => {});

  const [range, setRange] = useState<DatesRangeValue<string>>([custom.from || null, custom.to || null]);
  useEffect(() => setRange([custom.from || null, custom.to || null]), [custom.from, custom.to]);

  const data = state.status === 'ready' ? state.data : null;
  const fresh = state.status === 'ready' && !state.anyBoleto;

  return (
    <Page title="Painel">
      <WelcomeCard />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Conta"
          value={String(accountId)}
          onChange={(e) => update({ conta: e.currentTarget.value === '0' ? '' : e.currentTarget.value })}
          data={[{ value: '0', label: 'Todas as contas' }, ...accounts.map((a) => ({ value: String(a.id), label: a.name }))]}
          w={240}
        />
        <NativeSelect
          label="Período"
          value={preset}
          onChange={(e) => update({ periodo: e.currentTarget.value === 'month' ? '' : e.currentTarget.value })}
          data={DASHBOARD_PRESETS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
          w={200}
        />
        {preset === 'custom' && (
          <DatePickerInput
            type="range"
            label="De – até"
            aria-label="De – até"
            placeholder="Escolha as datas"
            valueFormat="DD/MM/YYYY"
            value={range}
            onChange={(v) => {
              setRange(v);
              if ((v[0] && v[1]) || (!v[0] && !v[1])) update({ de: v[0] ?? '', ate: v[1] ?? '' });
            }}
            allowSingleDateInRange
            w={250}
            popoverProps={{ withinPortal: true }}
          />
        )}
        {period.from && (
          <Text size="sm" c="dimmed" pb={8}>
            {formatDate(period.from)} a {formatDate(period.to)}
          </Text>
        )}
      </Group>

      {state.status === 'loading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>Carregando o painel…</Text>
        </Group>
      )}
      {state.status === 'error' && (
        <RetryAlert title="Não foi possível carregar o painel" message={state.error.message} onRetry={() => void refresh()} />
      )}

      {data && <Certificates certificates={data.certificates ?? []} />}
      {fresh && <NoBoletos />}

      {data && !fresh && (
        <Stack gap="lg" style={{ opacity: state.status === 'ready' && state.refreshing ? 0.7 : 1 }}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <TotalCard title="A receber" count={data.toReceive.count} cents={data.toReceive.cents} note="Emitidos e vencidos, de qualquer data" />
            <TotalCard
              title="Recebido no período"
              count={data.received.count}
              cents={data.received.cents}
              note={data.receivedNominalCents !== data.received.cents ? `Valor nominal ${formatCents(data.receivedNominalCents)}` : 'Pela data do pagamento'}
            />
            <TotalCard title="Vencido" count={data.overdue.count} cents={data.overdue.cents} note="Em aberto após o vencimento" danger={data.overdue.count > 0} />
            <TotalCard title="Cancelado/expirado" count={data.cancelledExpired.count} cents={data.cancelledExpired.cents} note="Pelo vencimento no período" />
          </SimpleGrid>
          {data.drafts > 0 && (
            <Anchor component={Link} to="/boletos?situacao=draft">
              {data.drafts === 1 ? '1 rascunho ainda não emitido' : `${data.drafts} rascunhos ainda não emitidos`}
            </Anchor>
          )}

          <Paper withBorder p="md" component="section" aria-labelledby="dash-received">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="dash-received">
                Recebido por canal
              </Title>
              <SegmentedControl
                aria-label="Agrupar por"
                size="xs"
                value={unit}
                onChange={(v) => update({ serie: v === 'day' ? '' : v })}
                data={UNITS}
              />
            </Group>
            <ReceivedChart series={data.series ?? []} unit={unit} />
          </Paper>

          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="dash-next">
              <Title order={2} size="h4" id="dash-next" mb="sm">
                Próximos vencimentos
              </Title>
              <BoletoDueList rows={data.nextDue ?? []} caption="Próximos vencimentos" empty="Nenhum boleto a vencer." />
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="dash-overdue">
              <Title order={2} size="h4" id="dash-overdue" mb="sm">
                Vencidos
              </Title>
              <BoletoDueList rows={data.overdueList ?? []} caption="Vencidos" empty="Nenhum boleto vencido." />
            </Paper>
          </SimpleGrid>
        </Stack>
      )}

      {data && (
        <Paper withBorder p="md" component="section" aria-labelledby="dash-sync">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="dash-sync">
              Sincronização com o banco
            </Title>
            <Button variant="default" leftSection={<IconRefresh size={18} aria-hidden="true" />} onClick={() => void sync.sync()} loading={sync.syncing}>
              Sincronizar agora
            </Button>
          </Group>
          {sync.error && (
            <Text c="red.8" size="sm" role="alert">
              {sync.error.message}
            </Text>
          )}
          <SyncList sync={mergeSync(data.sync ?? [], sync.results)} accounts={accounts} />
        </Paper>
      )}
    </Page>
  );
}

function TotalCard({ title, count, cents, note, danger }: { title: string; count: number; cents: number; note: string; danger?: boolean }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Text size="sm" fw={600} c={danger ? 'red.8' : undefined}>
        {danger && <IconAlertTriangle size={14} aria-hidden="true" style={{ verticalAlign: -2, marginRight: 4 }} />}
        {title}
      </Text>
      <Text size="xl" fw={700}>
        {formatCents(cents)}
      </Text>
      <Text size="sm">{count === 1 ? '1 boleto' : `${count} boletos`}</Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Card>
  );
}

type SyncRow = DashboardDTO['sync'][number];

function mergeSync(fromDashboard: SyncRow[], live: SyncRow[]): SyncRow[] {
  const map = new Map<number, SyncRow>();
  for (const s of fromDashboard) map.set(s.accountId, s);
  for (const s of live) {
    const old = map.get(s.accountId);
    if (!old || s.at >= old.at) map.set(s.accountId, { accountId: s.accountId, at: s.at, changed: s.changed, error: s.error });
  }
  return [...map.values()];
}

function SyncList({ sync, accounts }: { sync: SyncRow[]; accounts: AccountView[] }) {
  if (sync.length === 0) return <Text size="sm" c="dimmed">Ainda não sincronizado nesta sessão.</Text>;
  const name = (id: number) => accounts.find((a) => a.id === id)?.name ?? `Conta ${id}`;
  return (
    <Stack gap={4}>
      {sync.map((s) =>
        s.error ? (
          <Text key={s.accountId} size="sm" c="red.8">
            <IconAlertCircle size={14} aria-hidden="true" style={{ verticalAlign: -2, marginRight: 4 }} />
            {name(s.accountId)}: falha ao sincronizar às {formatTime(s.at)} — {s.error}
          </Text>
        ) : (
          <Text key={s.accountId} size="sm">
            <IconCircleCheck size={14} aria-hidden="true" style={{ verticalAlign: -2, marginRight: 4 }} />
            {name(s.accountId)}: Sincronizado às {formatTime(s.at)}
            {s.changed > 0 ? ` (${s.changed === 1 ? '1 boleto atualizado' : `${s.changed} boletos atualizados`})` : ''}
          </Text>
        ),
      )}
    </Stack>
  );
}

function Certificates({ certificates }: { certificates: DashboardDTO['certificates'] }) {
  const warn = certificates.filter((c) => c.status === 'expiring' || c.status === 'expired' || c.status === 'not_yet_valid');
  if (warn.length === 0) return null;
  return (
    <Stack gap="xs">
      {warn.map((c) => (
        <Alert
          key={c.accountId}
          color={c.status === 'expiring' ? 'yellow' : 'red'}
          variant="light"
          icon={<IconCertificate aria-hidden="true" />}
          title={
            <Group gap="xs">
              <span>Certificado da conta {c.accountName}</span>
              <Badge color={c.status === 'expiring' ? 'yellow' : 'red'} variant="outline">
                {c.status === 'expiring' ? `Vence em ${c.daysLeft} dias` : c.status === 'expired' ? 'Vencido' : 'Ainda não válido'}
              </Badge>
            </Group>
          }
        >
          <Text size="sm">{c.message}</Text>
          <Anchor component={Link} to={`/contas/${c.accountId}`} size="sm">
            Abrir a conta {c.accountName}
          </Anchor>
        </Alert>
      ))}
    </Stack>
  );
}

function useAccountList(): AccountView[] {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  useEffect(() => {
    let current = true;
    listAccounts().then(
      (list) => {
        if (current) setAccounts(list ?? []);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  return accounts;
}
