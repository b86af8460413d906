// Formatting the boleto screens need beyond src/lib/format.ts. Times are shown in São Paulo,
// where the bank and the business are, whatever the computer's time zone.

const SAO_PAULO = 'America/Sao_Paulo';

const dateTimeFormat = new Intl.DateTimeFormat('pt-BR', {
  timeZone: SAO_PAULO,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const timeFormat = new Intl.DateTimeFormat('pt-BR', {
  timeZone: SAO_PAULO,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parseInstant(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An RFC 3339 instant as "dd/mm/aaaa HH:MM" in São Paulo; "" when it cannot be read. */
export function formatDateTime(value: string): string {
  const date = parseInstant(value);
  if (!date) return '';
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** An RFC 3339 instant as "HH:MM" in São Paulo; "" when it cannot be read. */
export function formatTime(value: string): string {
  const date = parseInstant(value);
  if (!date) return '';
  const parts = Object.fromEntries(timeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}`;
}

/** How the payment came in: "Boleto", "Pix", or "" when unknown. */
export function channelLabel(channel: string): string {
  switch (channel) {
    case 'BOLETO':
      return 'Boleto';
    case 'PIX':
      return 'Pix';
    default:
      return '';
  }
}

/** The linha digitável as the bank reads it: digits only, without the reading punctuation. */
export function rawLinha(formatted: string): string {
  return formatted.replace(/\D/g, '');
}

/** "1 boleto", "2 boletos". */
export function boletosCount(n: number): string {
  return n === 1 ? '1 boleto' : `${n.toLocaleString('pt-BR')} boletos`;
}
