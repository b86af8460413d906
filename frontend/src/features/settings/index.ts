export { BackupPreviewDetails } from './BackupPreviewDetails';
export { DataFolderSettings } from './DataFolderSettings';
export { formatMinutes, formatSize, LOG_LEVELS, logLevelLabel } from './format';
export { LastOperationNotice, operationTitle } from './LastOperationNotice';
export { LogSettings } from './LogSettings';
export { PollIntervalSettings } from './PollIntervalSettings';
export { RestartOverlay } from './RestartOverlay';
export { RestoreModal } from './RestoreModal';
export { useLastOperationToast } from './useLastOperationToast';
