import { Paper, Stack, Text } from '@mantine/core';
import { IconCalendarRepeat } from '@tabler/icons-react';
import { addDays, brDate, compare, firstDueFrom, parseISO, schedule, type PlanDates } from './plan';

/** How many due dates the preview writes out. */
const SHOWN = 3;

interface SchedulePreviewProps {
  plan: PlanDates;
  /** Whole days, or null while the field is not a valid number. */
  leadDays: number | null;
  autoIssue: boolean;
  /** YYYY-MM-DD in São Paulo. */
  today: string;
  /** An end was chosen but its date or number of months is still missing. */
  endMissing?: boolean;
}

/** The contract's calendar in words: when the boletos fall due and when each one is created. */
export function SchedulePreview({ plan, leadDays, autoIssue, today, endMissing = false }: SchedulePreviewProps) {
  const lines = scheduleLines(plan, leadDays, autoIssue, today, endMissing);
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap={4} role="status" aria-live="polite" aria-label="Calendário do contrato">
        <Text size="sm" fw={600} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <IconCalendarRepeat size={16} aria-hidden="true" />
          Calendário dos boletos
        </Text>
        {lines.map((line) => (
          <Text size="sm" key={line}>
            {line}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/** The preview's sentences (exported for the tests of the calendar rules). */
export function scheduleLines(
  plan: PlanDates,
  leadDays: number | null,
  autoIssue: boolean,
  todayISO: string,
  endMissing = false,
): string[] {
  const s = schedule(plan, SHOWN);
  const today = parseISO(todayISO);
  if (!s || !today) return ['Preencha o dia do vencimento e o início do contrato para ver as datas dos boletos.'];
  if (s.dues.length === 0) {
    return ['Com este término não haveria nenhum boleto: o contrato termina antes do primeiro vencimento.'];
  }

  const lines: string[] = [];
  const listed = s.dues.map(brDate).join(', ');
  if (s.total === null && endMissing) {
    lines.push(`Todo mês: ${listed}… até o término que você informar.`);
  } else if (s.total === null) {
    lines.push(`Todo mês, sem fim: ${listed}…`);
  } else if (s.total <= s.dues.length) {
    lines.push(`${s.total === 1 ? '1 boleto' : `${s.total} boletos`}: ${listed}.`);
  } else {
    const last = schedule(plan, s.total)?.dues.at(-1);
    lines.push(`${s.total} boletos: ${listed}… o último em ${last ? brDate(last) : '?'}.`);
  }

  if (leadDays === null) return lines;
  const next = firstDueFrom(plan, today);
  if (!next) {
    lines.push('Todos os vencimentos já passaram: nenhum boleto será criado.');
    return lines;
  }
  if (compare(s.dues[0], today) < 0) lines.push('Vencimentos anteriores a hoje não geram boleto.');
  const created = addDays(next, -leadDays);
  const ahead = leadDays === 1 ? '1 dia' : `${leadDays} dias`;
  if (compare(created, today) <= 0) {
    lines.push(`O boleto de ${brDate(next)} é criado assim que você salvar; os seguintes, ${ahead} antes de cada vencimento.`);
  } else {
    lines.push(`O primeiro boleto, de vencimento ${brDate(next)}, é criado em ${brDate(created)}; cada um, ${ahead} antes do seu vencimento.`);
  }
  lines.push(
    autoIssue
      ? 'Cada boleto vai para o banco assim que é criado.'
      : 'Cada boleto fica como Rascunho em Boletos, para você conferir e emitir.',
  );
  return lines;
}
