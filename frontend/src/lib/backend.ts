// The bridge to the Go side. This is the only module that imports the generated Wails
// bindings; components and hooks call the typed functions exported here.
//
// Two transports:
//   - Wails webview (window.go.app exists): the generated binding functions and runtime events.
//   - Browser (`boletos serve`): POST /api/call/<Struct>.<Method> and Server-Sent Events on
//     /api/events, authenticated by the cookie the server set when the page was opened.
// Both reject with a BackendError carrying the backend's code and its pt-BR message.

import * as AccountsBinding from '../../wailsjs/go/app/Accounts';
import * as BackupsBinding from '../../wailsjs/go/app/Backups';
import * as BoletosBinding from '../../wailsjs/go/app/Boletos';
import * as ContractsBinding from '../../wailsjs/go/app/Contracts';
import * as ImportsBinding from '../../wailsjs/go/app/Imports';
import * as MailBinding from '../../wailsjs/go/app/Mail';
import * as NotificationsBinding from '../../wailsjs/go/app/Notifications';
import * as PayersBinding from '../../wailsjs/go/app/Payers';
import * as PrintingBinding from '../../wailsjs/go/app/Printing';
import * as ReportsBinding from '../../wailsjs/go/app/Reports';
import * as SystemBinding from '../../wailsjs/go/app/System';
import * as ToolsBinding from '../../wailsjs/go/app/Tools';
import type { app } from '../../wailsjs/go/models';
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime';

export type SystemInfo = app.SystemInfo;
export type WelcomeView = app.WelcomeView;
export type BarcodeInfo = app.BarcodeInfo;
export type PixInfo = app.PixInfo;

/** One problem of one form field, to show beside it. */
export interface FieldProblem {
  field: string;
  message: string;
  warning?: boolean;
}

/**
 * An error from the backend: `code` is stable (switch on it), `message` is safe pt-BR text,
 * and `fields` lists per-field problems when a form was refused.
 */
export class BackendError extends Error {
  readonly code: string;
  readonly fields: FieldProblem[];

  constructor(code: string, message: string, options?: ErrorOptions & { fields?: FieldProblem[] }) {
    super(message, options);
    this.name = 'BackendError';
    this.code = code;
    this.fields = options?.fields ?? [];
  }

  /** The problems of the named field (path such as "pagador.cep"). */
  fieldMessages(field: string): string[] {
    return this.fields.filter((f) => f.field === field).map((f) => f.message);
  }
}

/** Any rejection as a BackendError, with a pt-BR fallback for what is not one. */
export function asBackendError(err: unknown, fallbackMessage: string): BackendError {
  return err instanceof BackendError ? err : new BackendError('unexpected', fallbackMessage, { cause: err });
}

export const UNAVAILABLE_MESSAGE =
  'Não foi possível falar com o Boletos. Verifique se o programa ainda está aberto e tente de novo.';
const UNAUTHORIZED_MESSAGE =
  'Esta página perdeu o acesso ao Boletos. Abra de novo o endereço que o programa mostrou ao iniciar.';
const UNEXPECTED_MESSAGE =
  'O Boletos respondeu de um jeito inesperado. Tente de novo; se o problema continuar, feche e abra o programa.';

// ---------------------------------------------------------------------------------------------
// Typed calls

export function getSystemInfo(): Promise<SystemInfo> {
  return call('System.Info', [], () => SystemBinding.Info());
}

/** Whether the Painel shows the first-run welcome, and the folders it names. */
export function getWelcome(): Promise<WelcomeView> {
  return call('System.Welcome', [], () => SystemBinding.Welcome());
}

/** Closes the first-run welcome for good. */
export function dismissWelcome(): Promise<void> {
  return call('System.DismissWelcome', [], () => SystemBinding.DismissWelcome());
}

/** Validates and decodes a 44-digit barcode or a 47-digit linha digitável (punctuation allowed). */
export function decodeBarcode(code: string): Promise<BarcodeInfo> {
  return call('Tools.DecodeBarcode', [code], () => ToolsBinding.DecodeBarcode(code));
}

/** Validates and decodes a Pix copia e cola (BR Code). */
export function decodePix(code: string): Promise<PixInfo> {
  return call('Tools.DecodePix', [code], () => ToolsBinding.DecodePix(code));
}

// ---------------------------------------------------------------------------------------------
// Payers (Pagadores)

/** A saved payer, ready to show: document and CEP come both bare and masked. */
export type PayerView = app.PayerView;

/** The payer form as typed (the same party as the boleto's pagador); masks are allowed. */
export type PayerInput = PartyDTO;

/** Payers whose name or CPF/CNPJ (masked or not) contains every word of the query. */
export async function searchPayers(query: string, limit: number): Promise<PayerView[]> {
  const list = await call('Payers.Search', [query, limit], () => PayersBinding.Search(query, limit));
  return list ?? [];
}

export function getPayer(id: number): Promise<PayerView> {
  return call('Payers.Get', [id], () => PayersBinding.Get(id));
}

/** Saves a new payer; a CEP outside the UF comes back in `warnings` and does not block. */
export function createPayer(input: PayerInput): Promise<PayerView> {
  return call('Payers.Create', [input], () => PayersBinding.Create(input));
}

export function updatePayer(id: number, input: PayerInput): Promise<PayerView> {
  return call('Payers.Update', [id, input], () => PayersBinding.Update(id, input));
}

export function deletePayer(id: number): Promise<void> {
  return call('Payers.Delete', [id], () => PayersBinding.Delete(id));
}

// ---------------------------------------------------------------------------------------------
// Bank accounts (façade Accounts): setup, credentials, connection test, boleto parameters

/** The data of a generated model class, without its helper methods: what JSON carries. */
type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
    : T;

export type CertificateView = Plain<app.CertificateView>;
export type PartyDTO = Plain<app.PartyDTO>;
export type ParametersDTO = Plain<app.ParametersDTO>;
export type CredentialsInput = Plain<app.CredentialsInput>;
export type AccountInput = Plain<app.AccountInput>;
export type ConnectionTest = Plain<app.ConnectionTest>;
/** An account as the screens show it; `certificate` is null when it has none. No secret, ever. */
export type AccountView = Omit<Plain<app.AccountView>, 'certificate'> & {
  certificate?: CertificateView | null;
};

export function listAccounts(): Promise<AccountView[]> {
  return call('Accounts.List', [], () => AccountsBinding.List());
}

export function getAccount(id: number): Promise<AccountView> {
  return call('Accounts.Get', [id], () => AccountsBinding.Get(id));
}

/** Reads the chosen certificate and key (not saved) and describes the certificate. */
export function inspectCredentials(credentials: CredentialsInput): Promise<CertificateView> {
  return call('Accounts.InspectCredentials', [credentials], () =>
    AccountsBinding.InspectCredentials(credentials as app.CredentialsInput),
  );
}

export function createAccount(input: AccountInput): Promise<AccountView> {
  return call('Accounts.Create', [input], () => AccountsBinding.Create(input as app.AccountInput));
}

/** Updates an account; an empty client secret and credentials kind "" keep the stored ones. */
export function updateAccount(id: number, input: AccountInput): Promise<AccountView> {
  return call('Accounts.Update', [id, input], () => AccountsBinding.Update(id, input as app.AccountInput));
}

export function saveAccountParameters(id: number, parameters: ParametersDTO): Promise<AccountView> {
  return call('Accounts.SaveParameters', [id, parameters], () =>
    AccountsBinding.SaveParameters(id, parameters as app.ParametersDTO),
  );
}

export function deleteAccount(id: number): Promise<void> {
  return call('Accounts.Delete', [id], () => AccountsBinding.Delete(id));
}

/** Fetches a token and calls a cheap read endpoint; resolves with the outcome either way. */
export function testAccountConnection(id: number): Promise<ConnectionTest> {
  return call('Accounts.TestConnection', [id], () => AccountsBinding.TestConnection(id));
}

/** Creates the "Conta de demonstração" (simulated bank), or returns the existing one. */
export function createDemoAccount(): Promise<AccountView> {
  return call('Accounts.CreateDemo', [], () => AccountsBinding.CreateDemo());
}

// ---------------------------------------------------------------------------------------------
// Boletos (façade Boletos): drafts, issuing batches, list, detail, cancel, bank edits, sync

export type FieldProblemDTO = Plain<app.FieldProblemDTO>;
/** The "Novo boleto" form: centavos, YYYY-MM-DD dates, payer as typed. */
export type DraftInput = Omit<Plain<app.DraftInput>, 'finalBeneficiary'> & {
  finalBeneficiary?: PartyDTO | null;
};
export type AmountDueRow = Plain<app.AmountDueRow>;
export type DraftPreview = Plain<app.DraftPreview>;
export type BoletoRow = Plain<app.BoletoRow>;
export type BoletoFilter = Plain<app.BoletoFilter>;
export type BoletoPage = Plain<app.BoletoPage>;
export type StateOption = Plain<app.StateOption>;
export type TimelineEntry = Plain<app.TimelineEntry>;
export type BoletoActions = Plain<app.BoletoActions>;
/** Everything the detail shows; `finalBeneficiary` is null when there is none. */
export type BoletoDetail = Omit<Plain<app.BoletoDetail>, 'finalBeneficiary'> & {
  finalBeneficiary?: PartyDTO | null;
};
export type BatchItemDTO = Plain<app.BatchItemDTO>;
export type BatchView = Plain<app.BatchView>;
export type EditInput = Plain<app.EditInput>;
export type EditOutcome = Omit<Plain<app.EditOutcome>, 'boleto'> & { boleto: BoletoDetail };
export type SubstituteInput = Plain<app.SubstituteInput>;
export type ItemResult = Plain<app.ItemResult>;

/** The boleto states in lifecycle order with their pt-BR labels. */
export function listBoletoStates(): Promise<StateOption[]> {
  return call('Boletos.States', [], () => BoletosBinding.States());
}

export function listCancelReasons(): Promise<string[]> {
  return call('Boletos.CancelReasons', [], () => BoletosBinding.CancelReasons());
}

/** A blank form for the account: its default charges and due date. */
export function newDraft(accountId: number): Promise<DraftInput> {
  return call('Boletos.NewDraft', [accountId], () => BoletosBinding.NewDraft(accountId));
}

/** Checks the form (problems, warnings included) and what is owed on a few dates. Saves nothing. */
export function previewDraft(input: DraftInput): Promise<DraftPreview> {
  return call('Boletos.Preview', [input], () => BoletosBinding.Preview(input as app.DraftInput));
}

/** Saves a draft, complete or not; `problems` of the answer say what blocks issuing. */
export function createDraft(input: DraftInput): Promise<BoletoDetail> {
  return call('Boletos.CreateDraft', [input], () => BoletosBinding.CreateDraft(input as app.DraftInput));
}

/** Saves over a draft still at `version`; a newer version rejects with code "conflict". */
export function updateDraft(id: number, version: number, input: DraftInput): Promise<BoletoDetail> {
  return call('Boletos.UpdateDraft', [id, version, input], () =>
    BoletosBinding.UpdateDraft(id, version, input as app.DraftInput),
  );
}

/** The form of a saved draft, for editing. */
export function getDraft(id: number): Promise<DraftInput> {
  return call('Boletos.Draft', [id], () => BoletosBinding.Draft(id));
}

export function duplicateDraft(id: number): Promise<BoletoDetail> {
  return call('Boletos.DuplicateDraft', [id], () => BoletosBinding.DuplicateDraft(id));
}

export function deleteDraft(id: number): Promise<void> {
  return call('Boletos.DeleteDraft', [id], () => BoletosBinding.DeleteDraft(id));
}

/** "Emitir agora": validates in full; saves and queues only when valid (else code "invalid_input"). */
export function issueNow(input: DraftInput): Promise<BoletoDetail> {
  return call('Boletos.IssueNow', [input], () => BoletosBinding.IssueNow(input as app.DraftInput));
}

/** Sends saved drafts (or failed boletos) as one batch; progress comes as batch:progress. */
export async function issueBoletos(ids: number[]): Promise<BatchView> {
  return call('Boletos.Issue', [ids], () => BoletosBinding.Issue(ids));
}

export function getBatch(job: string): Promise<BatchView> {
  return call('Boletos.Batch', [job], () => BoletosBinding.Batch(job));
}

export function pauseBatch(job: string): Promise<BatchView> {
  return call('Boletos.PauseBatch', [job], () => BoletosBinding.PauseBatch(job));
}

export function resumeBatch(job: string): Promise<BatchView> {
  return call('Boletos.ResumeBatch', [job], () => BoletosBinding.ResumeBatch(job));
}

/** Takes the batch's boletos not yet sent back to drafts. */
export function cancelBatch(job: string): Promise<BatchView> {
  return call('Boletos.CancelBatch', [job], () => BoletosBinding.CancelBatch(job));
}

/** Sends the batch's failed boletos again. */
export function retryBatch(job: string): Promise<BatchView> {
  return call('Boletos.RetryBatch', [job], () => BoletosBinding.RetryBatch(job));
}

/** Takes a boleto still waiting in the queue back to draft. */
export function unqueueBoleto(id: number): Promise<BoletoDetail> {
  return call('Boletos.Unqueue', [id], () => BoletosBinding.Unqueue(id));
}

/** Cancels (baixa) an issued boleto at the bank; reason up to 50 characters. */
export function cancelBoleto(id: number, reason: string): Promise<BoletoDetail> {
  return call('Boletos.Cancel', [id, reason], () => BoletosBinding.Cancel(id, reason));
}

/** Cancels several boletos one after another; each item says how it went. */
export async function cancelBoletos(ids: number[], reason: string): Promise<ItemResult[]> {
  const list = await call('Boletos.CancelMany', [ids, reason], () => BoletosBinding.CancelMany(ids, reason));
  return list ?? [];
}

/** New due date and/or amount through the bank; `refused` means offer "Substituir". */
export function editAtBank(id: number, input: EditInput): Promise<EditOutcome> {
  return call('Boletos.EditAtBank', [id, input], () => BoletosBinding.EditAtBank(id, input as app.EditInput));
}

/** Cancels an issued boleto and issues a linked new one; resolves with the new one. */
export function substituteBoleto(id: number, input: SubstituteInput): Promise<BoletoDetail> {
  return call('Boletos.Substitute', [id, input], () =>
    BoletosBinding.Substitute(id, input as app.SubstituteInput),
  );
}

/** One page of the list and the totals of the whole filtered set. */
export async function listBoletos(filter: BoletoFilter): Promise<BoletoPage> {
  const page = await call('Boletos.List', [filter], () => BoletosBinding.List(filter as app.BoletoFilter));
  return { ...page, rows: page.rows ?? [] };
}

export function getBoleto(id: number): Promise<BoletoDetail> {
  return call('Boletos.Get', [id], () => BoletosBinding.Get(id));
}

/** "Sincronizar agora": the outcome comes as retorno:finished and boleto:changed events. */
export function syncNow(): Promise<void> {
  return call('Boletos.SyncNow', [], () => BoletosBinding.SyncNow());
}

export type DocumentRef = Plain<app.DocumentRef>;
export type DocumentView = Plain<app.DocumentView>;
export type InstallmentPlanInput = Plain<app.InstallmentPlanInput>;
export type PlannedInstallmentRow = Plain<app.PlannedInstallmentRow>;
export type CarneResult = Plain<app.CarneResult>;

/** Origin document kinds the list filters by ("avulso" = typed by hand), with labels. */
export function listDocumentKinds(): Promise<StateOption[]> {
  return call('Boletos.DocumentKinds', [], () => BoletosBinding.DocumentKinds());
}

/** An origin document (NF-e, pedido, contrato, carnê…) with all its boletos. */
export async function getDocument(id: number): Promise<DocumentView> {
  const d = await call('Boletos.Document', [id], () => BoletosBinding.Document(id));
  return { ...d, boletos: d.boletos ?? [] };
}

/** A plan as typed so far: its boletos, or why it cannot be split yet (by field). */
export interface PlanPreview {
  rows: PlannedInstallmentRow[];
  problems: FieldProblem[];
}

/**
 * "Parcelar": splits a total into installments (remainder on the last); saves nothing. A plan
 * that cannot be split yet comes back with its problems, not as an error.
 */
export async function planInstallments(plan: InstallmentPlanInput): Promise<PlanPreview> {
  const p = await call('Boletos.PlanInstallments', [plan], () =>
    BoletosBinding.PlanInstallments(plan as app.InstallmentPlanInput),
  );
  return { rows: p.rows ?? [], problems: p.problems ?? [] };
}

/** Saves the drafts of a plan (carnê) with the form's payer and charges, linked to one document. */
export function createInstallments(plan: InstallmentPlanInput, form: DraftInput): Promise<CarneResult> {
  return call('Boletos.CreateInstallments', [plan, form], () =>
    BoletosBinding.CreateInstallments(plan as app.InstallmentPlanInput, form as app.DraftInput),
  );
}

// ---------------------------------------------------------------------------------------------
// Contracts ("Contratos"): monthly charges billed ahead of each due date, once per month

export type ContractInput = Plain<app.ContractInput>;
export type ContractView = Plain<app.ContractView>;

export async function listContracts(): Promise<ContractView[]> {
  return (await call('Contracts.List', [], () => ContractsBinding.List())) ?? [];
}

/** Saves a contract; the boletos already within its lead time are created right away. */
export function createContract(input: ContractInput): Promise<ContractView> {
  return call('Contracts.Create', [input], () => ContractsBinding.Create(input as app.ContractInput));
}

/** Ends (false) or resumes (true) a contract's billing. */
export function setContractActive(id: number, active: boolean): Promise<ContractView> {
  return call('Contracts.SetActive', [id, active], () => ContractsBinding.SetActive(id, active));
}

/** Creates the boletos due now (the app also does it every hour); resolves with how many. */
export function billContractsNow(): Promise<number> {
  return call('Contracts.BillNow', [], () => ContractsBinding.BillNow());
}

// ---------------------------------------------------------------------------------------------
// Backups (Configurações): daily copies of the database; restore with `boletos restore`

export type BackupView = Plain<app.BackupView>;
export type BackupsView = Plain<app.BackupsView>;

export async function listBackups(): Promise<BackupsView> {
  const v = await call('Backups.List', [], () => BackupsBinding.List());
  return { ...v, backups: v.backups ?? [] };
}

/** "Fazer backup agora": a consistent copy of the database, checked before it is kept. */
export function backupNow(): Promise<BackupView> {
  return call('Backups.BackupNow', [], () => BackupsBinding.BackupNow());
}

// ---------------------------------------------------------------------------------------------
// Program settings (Configurações, façade System): how often payments are checked, the log, the
// data folder; and "Restaurar…" (façade Backups). Moving the folder and restoring a backup end
// the session: the program starts again and carries them out before opening the data.

export type OperationView = Plain<app.OperationView>;
export type SettingsView = Omit<Plain<app.SettingsView>, 'lastOperation'> & { lastOperation?: OperationView | null };
export type BackupPreview = Plain<app.BackupPreviewView>;
/** "Detalhe do registro": Detalhado, Normal, Só avisos, Só erros. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function getSettings(): Promise<SettingsView> {
  return call('System.Settings', [], () => SystemBinding.Settings());
}

export function setPollInterval(minutes: number): Promise<SettingsView> {
  return call('System.SetPollInterval', [minutes], () => SystemBinding.SetPollInterval(minutes));
}

export function setLogLevel(level: LogLevel): Promise<SettingsView> {
  return call('System.SetLogLevel', [level], () => SystemBinding.SetLogLevel(level));
}

/** Shows the log's folder in the system's file manager (window only); resolves with the folder. */
export function openLogFolder(): Promise<string> {
  return call('System.OpenLogFolder', [], () => SystemBinding.OpenLogFolder());
}

/** The system's folder dialog (window only); null when the user closed it. */
export async function chooseDataFolder(): Promise<string | null> {
  const path = await call('System.ChooseDataFolder', [], () => SystemBinding.ChooseDataFolder());
  return path === '' ? null : path;
}

/** Checks a new data folder without moving anything; resolves with the path as it will be used. */
export function checkDataFolder(path: string): Promise<string> {
  return call('System.CheckDataFolder', [path], () => SystemBinding.CheckDataFolder(path));
}

/** Moves the data there: the program restarts a moment after this resolves. */
export function moveDataFolder(path: string): Promise<string> {
  return call('System.MoveDataFolder', [path], () => SystemBinding.MoveDataFolder(path));
}

function withPreviewLists(p: BackupPreview): BackupPreview {
  return { ...p, accounts: p.accounts ?? [], boletos: p.boletos ?? [] };
}

/** What a backup file holds, without changing anything. */
export async function previewBackup(path: string): Promise<BackupPreview> {
  return withPreviewLists(await call('Backups.Preview', [path], () => BackupsBinding.Preview(path)));
}

/** Restores the backup: the program restarts a moment after this resolves. */
export async function restoreBackup(path: string): Promise<BackupPreview> {
  return withPreviewLists(await call('Backups.Restore', [path], () => BackupsBinding.Restore(path)));
}

/** The system's file dialog for a backup (window only); null when the user closed it. */
export async function chooseBackupFile(): Promise<string | null> {
  const path = await call('Backups.ChooseFile', [], () => BackupsBinding.ChooseFile());
  return path === '' ? null : path;
}

// ---------------------------------------------------------------------------------------------
// E-mail: SMTP settings per account (password only in the keychain) and "Enviar por e-mail"

/** `password` is write-only: '' keeps the stored one; it never comes back (see hasPassword). */
export type MailSettingsDTO = Plain<app.MailSettingsDTO>;
export type MailMessageDTO = Plain<app.MailMessageDTO>;

export function getMailSettings(accountId: number): Promise<MailSettingsDTO> {
  return call('Mail.Settings', [accountId], () => MailBinding.Settings(accountId));
}

export function saveMailSettings(accountId: number, input: MailSettingsDTO): Promise<MailSettingsDTO> {
  return call('Mail.SaveSettings', [accountId, input], () =>
    MailBinding.SaveSettings(accountId, input as app.MailSettingsDTO),
  );
}

/** Connects, logs in and quits with the form as typed; resolves with one pt-BR sentence. */
export function testMailSettings(accountId: number, input: MailSettingsDTO): Promise<string> {
  return call('Mail.Test', [accountId, input], () => MailBinding.Test(accountId, input as app.MailSettingsDTO));
}

/** Queues one e-mail per boleto with its PDF; to '' = each payer's e-mail. */
export async function sendBoletosByMail(ids: number[], to: string): Promise<MailMessageDTO[]> {
  return (await call('Mail.Send', [ids, to], () => MailBinding.Send(ids, to))) ?? [];
}

export async function listBoletoMails(boletoId: number): Promise<MailMessageDTO[]> {
  return (await call('Mail.Messages', [boletoId], () => MailBinding.Messages(boletoId))) ?? [];
}

export function retryMail(id: number): Promise<MailMessageDTO> {
  return call('Mail.Retry', [id], () => MailBinding.Retry(id));
}

export function cancelMail(id: number): Promise<MailMessageDTO> {
  return call('Mail.Cancel', [id], () => MailBinding.Cancel(id));
}

// ---------------------------------------------------------------------------------------------
// Painel and Relatórios

export type DashboardQueryDTO = Plain<app.DashboardQueryDTO>;
export type DashboardDTO = Plain<app.DashboardDTO>;
export type ReportFilterDTO = Plain<app.ReportFilterDTO>;
export type ReportDTO = Plain<app.ReportDTO>;
export type ReportKind = 'receipts' | 'aging' | 'by_payer';
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

/** The Painel: totals, the received series by channel, next due dates, overdue, sync, certificates. */
export function getDashboard(query: DashboardQueryDTO): Promise<DashboardDTO> {
  return call('Reports.Dashboard', [query], () => ReportsBinding.Dashboard(query as app.DashboardQueryDTO));
}

export function getReport(kind: ReportKind, filter: ReportFilterDTO): Promise<ReportDTO> {
  return call('Reports.Report', [kind, filter], () => ReportsBinding.Report(kind, filter as app.ReportFilterDTO));
}

/** Saves a report as CSV, XLSX or PDF: system dialog in the window, download in the browser. */
export async function exportReport(kind: ReportKind, filter: ReportFilterDTO, format: ExportFormat): Promise<string | null> {
  if (inWails()) {
    const path = await call('Reports.SaveExport', [kind, filter, format], () =>
      ReportsBinding.SaveExport(kind, filter as app.ReportFilterDTO, format),
    );
    return path === '' ? null : path;
  }
  const file = await call<app.PDFFile>('Reports.Export', [kind, filter, format], () =>
    ReportsBinding.Export(kind, filter as app.ReportFilterDTO, format),
  );
  const types = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };
  downloadBlob(new Blob([base64Bytes(file.base64)], { type: types[format] }), file.fileName);
  return file.fileName;
}

/** "Conferir com o banco": differences between our totals and the bank's sumário (none: agree). */
export async function compareWithBank(filter: ReportFilterDTO): Promise<string[]> {
  return (await call('Reports.CompareWithBank', [filter], () => ReportsBinding.CompareWithBank(filter as app.ReportFilterDTO))) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Notifications (the bell in the header, and "Notificações" in Configurações)

export type NotificationDTO = Plain<app.NotificationDTO>;
export type NotificationList = Plain<app.NotificationList>;
export type NotificationQuery = Plain<app.NotificationQuery>;
export type NotificationSettings = Plain<app.NotificationSettings>;

/** Notifications newest first (`limit` default 50), with the unread count. */
export async function listNotifications(query: NotificationQuery): Promise<NotificationList> {
  const list = await call('Notifications.List', [query], () => NotificationsBinding.List(query as app.NotificationQuery));
  return { ...list, items: list.items ?? [] };
}

export function countUnreadNotifications(): Promise<number> {
  return call('Notifications.UnreadCount', [], () => NotificationsBinding.UnreadCount());
}

/** Marks one notification read; resolves with the unread count. */
export function markNotificationRead(id: number): Promise<number> {
  return call('Notifications.MarkRead', [id], () => NotificationsBinding.MarkRead(id));
}

/** "Marcar todas como lidas"; resolves with the unread count. */
export function markAllNotificationsRead(): Promise<number> {
  return call('Notifications.MarkAllRead', [], () => NotificationsBinding.MarkAllRead());
}

export function getNotificationSettings(): Promise<NotificationSettings> {
  return call('Notifications.Settings', [], () => NotificationsBinding.Settings());
}

export function saveNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return call('Notifications.SaveSettings', [settings], () =>
    NotificationsBinding.SaveSettings(settings as app.NotificationSettings),
  );
}

// ---------------------------------------------------------------------------------------------
// Imports ("Importar documentos"): NF-e, CT-e, NFS-e XML, ZIPs of them and CSV spreadsheets

export type ImportFile = Plain<app.ImportFile>;
export type ImportInstallmentView = Plain<app.ImportInstallmentView>;
export type ImportDocView = Plain<app.ImportDocView>;
export type ImportFileError = Plain<app.ImportFileError>;
export type ImportPreview = Plain<app.ImportPreview>;
/** `charges` null keeps the account's; `dueDate` '' uses the account's term; `skip` lists doc keys. */
export type ImportRequest = Omit<Plain<app.ImportRequest>, 'charges'> & { charges?: ParametersDTO | null };
export type ImportOutcomeView = Plain<app.ImportOutcomeView>;
export type ImportResult = Omit<Plain<app.ImportResult>, 'batch'> & { batch?: BatchView | null };

/** Reads the dropped files and says what each document would become; nothing is stored. */
export async function previewImport(files: ImportFile[]): Promise<ImportPreview> {
  const p = await call('Imports.Preview', [files], () => ImportsBinding.Preview(files));
  return { documents: p.documents ?? [], fileErrors: p.fileErrors ?? [] };
}

/** Creates the drafts (and issues them when asked); the same document is never imported twice. */
export function createImport(request: ImportRequest): Promise<ImportResult> {
  return call('Imports.Create', [request], () => ImportsBinding.Create(request as app.ImportRequest));
}

/**
 * Saves the model CSV spreadsheet: through the system dialog in the window (resolves with the
 * path, or null when the user gave up) or as a browser download (resolves with the file name).
 */
export async function downloadCsvTemplate(): Promise<string | null> {
  if (inWails()) {
    const path = await call('Imports.SaveCSVTemplate', [], () => ImportsBinding.SaveCSVTemplate());
    return path === '' ? null : path;
  }
  const file = await call<app.PDFFile>('Imports.CSVTemplate', [], () => ImportsBinding.CSVTemplate());
  downloadBlob(new Blob([base64Bytes(file.base64)], { type: 'text/csv' }), file.fileName);
  return file.fileName;
}

/** Reads a File the user dropped as an ImportFile (base64 of its bytes). */
export async function toImportFile(file: File, name = file.name): Promise<ImportFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { name, base64: btoa(binary) };
}

// ---------------------------------------------------------------------------------------------
// Printing: in the window the PDF is saved through the system dialog or opened in the system
// viewer (where it is printed); in the browser it downloads or opens in a new tab.

/** "boleto": one per A4 page; "carne": three slips per page; "bank": the bank's own PDF. */
export type PrintLayout = 'boleto' | 'carne' | 'bank';
export type PrintRequest = { ids: number[]; layout: PrintLayout };

/** True inside the desktop window, false in the browser mode. */
export function isDesktop(): boolean {
  return inWails();
}

/**
 * Saves the PDF where the user chooses. Resolves with the path (desktop), the file name
 * (browser download), or null when the user closed the dialog.
 */
export async function savePdf(request: PrintRequest): Promise<string | null> {
  if (inWails()) {
    const path = await call('Printing.Save', [request], () => PrintingBinding.Save(request));
    return path === '' ? null : path;
  }
  const file = await call<app.PDFFile>('Printing.PDF', [request], () => PrintingBinding.PDF(request));
  downloadBlob(pdfBlob(file.base64), file.fileName);
  return file.fileName;
}

/**
 * Opens the PDF to print it: in the system viewer (desktop; resolves with the file's path) or
 * in a new browser tab (resolves with the file name).
 */
export async function openPdf(request: PrintRequest): Promise<string> {
  if (inWails()) {
    return call('Printing.Open', [request], () => PrintingBinding.Open(request));
  }
  // Open the tab now, inside the click, or the browser blocks it as a pop-up.
  const tab = window.open('', '_blank');
  try {
    const file = await call<app.PDFFile>('Printing.PDF', [request], () => PrintingBinding.PDF(request));
    const url = URL.createObjectURL(pdfBlob(file.base64));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
    return file.fileName;
  } catch (err) {
    tab?.close();
    throw err;
  }
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function pdfBlob(base64: string): Blob {
  return new Blob([base64Bytes(base64)], { type: 'application/pdf' });
}

/** Hands a file to the browser's downloads (the webview saves it in the Downloads folder). */
function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

// ---------------------------------------------------------------------------------------------
// Transport selection

interface WailsWindow {
  go?: { app?: unknown };
}

function inWails(): boolean {
  return typeof window !== 'undefined' && (window as WailsWindow).go?.app != null;
}

async function call<T>(method: string, args: unknown[], viaWails: () => Promise<T>): Promise<T> {
  if (!inWails()) return httpCall<T>(method, args);
  try {
    return await viaWails();
  } catch (err) {
    throw toBackendError(err);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP transport

async function httpCall<T>(method: string, args: unknown[]): Promise<T> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(`/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
      credentials: 'same-origin',
    });
    body = await response.text();
  } catch (err) {
    throw new BackendError('unavailable', UNAVAILABLE_MESSAGE, { cause: err });
  }

  if (!response.ok) throw errorFromResponse(response.status, body);
  try {
    return JSON.parse(body) as T;
  } catch (err) {
    throw new BackendError('unexpected', UNEXPECTED_MESSAGE, { cause: err });
  }
}

function errorFromResponse(status: number, body: string): BackendError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const formatted = asCodeMessage(parsed);
  if (formatted) return new BackendError(formatted.code, formatted.message, { fields: formatted.fields });
  const detail = new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
  if (status === 401 || status === 403) {
    return new BackendError('unauthorized', UNAUTHORIZED_MESSAGE, { cause: detail });
  }
  return new BackendError('unexpected', UNEXPECTED_MESSAGE, { cause: detail });
}

// ---------------------------------------------------------------------------------------------
// Wails transport errors: the Go ErrorFormatter rejects with {code, message}; be lenient with
// a JSON string of the same, and never show raw Go error text to the user.

function toBackendError(err: unknown): BackendError {
  if (err instanceof BackendError) return err;
  let value = err;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      // not JSON: a bare Go error string
    }
  }
  const formatted = asCodeMessage(value);
  if (formatted) return new BackendError(formatted.code, formatted.message, { fields: formatted.fields });
  return new BackendError('unexpected', UNEXPECTED_MESSAGE, { cause: err });
}

function asCodeMessage(
  value: unknown,
): { code: string; message: string; fields: FieldProblem[] } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message, fields } = value as Record<string, unknown>;
  if (typeof code !== 'string' || code === '') return undefined;
  if (typeof message !== 'string' || message === '') return undefined;
  return { code, message, fields: Array.isArray(fields) ? fields.filter(isFieldProblem) : [] };
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}

// ---------------------------------------------------------------------------------------------
// Clipboard: the webview's own clipboard API is not reliable under Wails; the runtime's is.

/** Puts text on the system clipboard; rejects when that was not possible. */
export async function copyText(text: string): Promise<void> {
  if (inWails()) {
    const ok = await ClipboardSetText(text);
    if (!ok) throw new Error('ClipboardSetText returned false');
    return;
  }
  await navigator.clipboard.writeText(text);
}

// ---------------------------------------------------------------------------------------------
// Events

export type Unsubscribe = () => void;

/**
 * Subscribes to a backend event by name. Returns the function that unsubscribes; call it when
 * the component unmounts.
 */
export function onEvent<T = unknown>(name: string, callback: (data: T) => void): Unsubscribe {
  if (inWails()) {
    return EventsOn(name, (...data: unknown[]) => callback(data[0] as T));
  }
  return sse.subscribe(name, callback as (data: unknown) => void);
}

type Listener = (data: unknown) => void;

/** One EventSource shared by every subscriber; opened on the first, closed after the last. */
class SharedEventStream {
  private source: EventSource | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(name: string, listener: Listener): Unsubscribe {
    // Wrap so the same callback can subscribe twice and unsubscribe each time independently.
    const entry: Listener = (data) => listener(data);
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(entry);
    this.open();

    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.listeners.get(name);
      current?.delete(entry);
      if (current && current.size === 0) this.listeners.delete(name);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): void {
    if (this.source) return;
    const source = new EventSource('/api/events');
    source.onmessage = (event: MessageEvent) => this.dispatch(event.data);
    // EventSource reconnects by itself after a dropped connection; nothing to do on error.
    this.source = source;
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }

  private dispatch(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return; // not one of ours
    }
    if (typeof message !== 'object' || message === null) return;
    const { name, data } = message as { name?: unknown; data?: unknown };
    if (typeof name !== 'string') return;
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(data);
      } catch (err) {
        // One failing subscriber must not starve the others; surface the error anyway.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}

const sse = new SharedEventStream();
