// Notifications: the bell in the header with its list, and the section of Configurações.
export { NotificationBell } from './NotificationBell';
export { NotificationSettingsSection } from './NotificationSettingsSection';
