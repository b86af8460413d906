import type { BackupPreview, SettingsView } from '../../lib/backend';

export const DATA_DIR = '/home/ana/.config/boletos';

export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    pollMinutes: 10,
    pollOptions: [5, 10, 15, 30, 60],
    logLevel: 'info',
    logLevelFlag: '',
    logFile: `${DATA_DIR}/boletos.log`,
    logDir: DATA_DIR,
    dataDir: DATA_DIR,
    desktop: false,
    lastOperation: null,
    sessionStarted: '2026-05-10T14:00:00.123456789-03:00',
    ...over,
  };
}

export function backupPreview(over: Partial<BackupPreview> = {}): BackupPreview {
  return {
    path: `${DATA_DIR}/backups/boletos-2026-05-09T0312.db`,
    name: 'boletos-2026-05-09T0312.db',
    takenAt: '2026-05-09T03:12:00-03:00',
    size: 1_572_864,
    schemaVersion: 14,
    accounts: [
      { name: 'Loja Centro', environmentLabel: 'Produção', directIntegration: true, needsCredentials: true },
      { name: 'Conta de demonstração', environmentLabel: 'Demonstração (simulação)', directIntegration: true, needsCredentials: false },
    ],
    payers: 12,
    boletos: [
      { state: 'issued', label: 'Emitido', count: 3 },
      { state: 'paid', label: 'Liquidado', count: 5 },
    ],
    totalBoletos: 8,
    lastBoletoAt: '2026-05-08T18:40:00Z',
    problem: '',
    ...over,
  };
}
