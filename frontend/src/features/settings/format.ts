// Labels and formatting of the program settings (Configurações).

import type { LogLevel } from '../../lib/backend';

/** A file size in pt-BR: "812 bytes", "12,3 KB", "1,5 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('pt-BR', { maximumFractionDigits: 1, minimumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

/** "5 minutos", "1 hora", "2 horas". */
export function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hora' : `${hours} horas`;
  }
  return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
}

/** "Detalhe do registro", in the order offered. */
export const LOG_LEVELS: { value: LogLevel; label: string; description: string }[] = [
  { value: 'info', label: 'Normal', description: 'o que o programa faz e os problemas (recomendado)' },
  { value: 'debug', label: 'Detalhado', description: 'cada passo, para investigar um problema com o suporte' },
  { value: 'warn', label: 'Só avisos', description: 'apenas avisos e erros' },
  { value: 'error', label: 'Só erros', description: 'apenas erros' },
];

export function logLevelLabel(level: string): string {
  return LOG_LEVELS.find((l) => l.value === level)?.label ?? level;
}
