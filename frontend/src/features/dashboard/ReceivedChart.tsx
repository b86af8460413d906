import { Group, Stack, Text } from '@mantine/core';
import type { DashboardDTO } from '../../lib/backend';
import { formatCents, formatDate } from '../../lib/format';

export type SeriesUnit = 'day' | 'week' | 'month';

/** The channels in stacking order (bottom first), with what tells them apart without colour. */
export const CHANNELS = [
  { code: 'BOLETO', label: 'Boleto', fill: '#1c4f8a' },
  { code: 'PIX', label: 'Pix', fill: 'url(#received-pix)' },
  { code: '', label: 'Marcado como recebido', fill: 'url(#received-manual)' },
] as const;

const MONTHS = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];

/** How a point of the series is named: the day, the week it starts, or the month. */
export function bucketLabel(date: string, unit: SeriesUnit): string {
  if (unit === 'month') {
    const [y, m] = date.split('-');
    return `${MONTHS[Number(m) - 1] ?? m}/${y}`;
  }
  if (unit === 'week') return `Semana de ${formatDate(date)}`;
  return formatDate(date);
}

interface Bucket {
  date: string;
  byChannel: Map<string, { count: number; cents: number }>;
  cents: number;
}

function buckets(series: DashboardDTO['series']): Bucket[] {
  const map = new Map<string, Bucket>();
  for (const p of series ?? []) {
    let b = map.get(p.date);
    if (!b) {
      b = { date: p.date, byChannel: new Map(), cents: 0 };
      map.set(p.date, b);
    }
    const old = b.byChannel.get(p.channel) ?? { count: 0, cents: 0 };
    b.byChannel.set(p.channel, { count: old.count + p.count, cents: old.cents + p.cents });
    b.cents += p.cents;
  }
  return [...map.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const count = (n: number) => (n === 1 ? '1 boleto' : `${n} boletos`);

const UNIT_WORD: Record<SeriesUnit, string> = { day: 'dia', week: 'semana', month: 'mês' };

/** Amounts received per day, week or month, stacked by channel: plain SVG with a text summary. */
export function ReceivedChart({ series, unit }: { series: DashboardDTO['series']; unit: SeriesUnit }) {
  const data = buckets(series);
  const totals = CHANNELS.map((c) => ({
    ...c,
    cents: data.reduce((sum, b) => sum + (b.byChannel.get(c.code)?.cents ?? 0), 0),
  }));
  const total = totals.reduce((s, c) => s + c.cents, 0);

  if (data.length === 0 || total === 0) {
    return <Text c="dimmed">Nenhum recebimento no período.</Text>;
  }

  const summary =
    `Recebido por ${UNIT_WORD[unit]}, de ${bucketLabel(data[0].date, unit)} a ${bucketLabel(data[data.length - 1].date, unit)}: ` +
    `total ${formatCents(total)}; ` +
    totals
      .filter((c) => c.cents > 0)
      .map((c) => `${c.label} ${formatCents(c.cents)}`)
      .join(', ') +
    '.';

  const max = Math.max(...data.map((b) => b.cents));
  const slot = 28;
  const barWidth = 18;
  const left = 8;
  const top = 10;
  const height = 160;
  const axis = 24;
  const width = left + data.length * slot + 8;
  const every = Math.max(1, Math.ceil(data.length / 8));

  return (
    <Stack gap="xs">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${top + height + axis}`}
        width="100%"
        style={{ maxHeight: 260, minWidth: Math.min(width, 320) }}
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern id="received-pix" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#b7e4d3" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#0b6e4f" strokeWidth="3" />
          </pattern>
          <pattern id="received-manual" width="5" height="5" patternUnits="userSpaceOnUse">
            <rect width="5" height="5" fill="#f1f3f5" />
            <circle cx="2.5" cy="2.5" r="1.2" fill="#495057" />
          </pattern>
        </defs>
        <line x1={left} y1={top + height} x2={width - 4} y2={top + height} stroke="#868e96" />
        {data.map((b, i) => {
          const x = left + i * slot + (slot - barWidth) / 2;
          let y = top + height;
          const label = bucketLabel(b.date, unit);
          return (
            <g key={b.date} data-bucket={b.date}>
              <title>{`${label}: ${formatCents(b.cents)}`}</title>
              {CHANNELS.map((c) => {
                const v = b.byChannel.get(c.code);
                if (!v || v.cents <= 0) return null;
                const h = Math.max(1, (v.cents / max) * height);
                y -= h;
                return (
                  <rect key={c.code} x={x} y={y} width={barWidth} height={h} fill={c.fill} stroke="#212529" strokeWidth={0.5} data-channel={c.code || 'manual'}>
                    <title>{`${label} — ${c.label}: ${formatCents(v.cents)} (${count(v.count)})`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text x={x + barWidth / 2} y={top + height + 16} fontSize="9" textAnchor="middle" fill="#495057" aria-hidden="true">
                  {unit === 'month' ? label : label.replace('Semana de ', '').slice(0, 5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Group gap="md" aria-label="Legenda" role="list">
        {totals.map((c) => (
          <Group key={c.code} gap={6} role="listitem">
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={c.fill} stroke="#212529" strokeWidth={0.5} />
            </svg>
            <Text size="sm">
              {c.label}: {formatCents(c.cents)}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
