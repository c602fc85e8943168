// The one module that talks to the Rust shell (docs/IPC.md). Every command
// and event the UI uses is a typed function here; nothing else imports
// `invoke` or `listen`. A failed command rejects with an `AppError` whose
// `message` tells the user what to do next.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  AppError, BatchInfo, ColumnMapping, Dashboard, MappingCheck, FileImported, FilePreview, ImportOptionsInput, ImportProgress,
  LedgerOverview, PickedFile, ProviderSync, Rule, RuleFromTxn, Settings, Subscription, SyncProgressEvent,
  SyncRun, TxnCursor, TxnEditInput, TxnJump, TxnFacets, TxnPage, TxnQuery, TxnRow,
  CaseDto, CaseListItem, CaseStatus, ExportKind, FilesDropped, LineDetail, LedgerRowRef, LinkCandidates, PackExported, PackPreview, ReconView,
  MarkResult, ProviderId, ProviderQuery, ProviderView, ReimburseExport, ReimbursePreview, ReimburseRequest, ReimburseTags,
  ReportParties,
  Alert, AlertSettingInput, AlertSettings, AlertsView,
  BalanceInput, Budget, BudgetInput, Cancellation, CancelInput, CreditAccount, GrantInput,
  RowKind, TagResult, TagTarget, Lang,
  UsageQuery, UsageView, WatchState,
} from "./generated/types";
import { i18n } from "./lib/i18n.svelte";

/** The language the shell writes native dialog titles in. */
const lang = (): Lang => i18n.locale;

export type * from "./generated/types";
/** Lists the core hands the UI (generated; the UI keeps no copy). */
export { CLASSES, ERROR_CODES, PROVIDERS, PROVIDER_NAMES } from "./generated/types";

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>)["code"] === "string" &&
    typeof (value as Record<string, unknown>)["message"] === "string"
  );
}

/** Turns whatever a rejected `invoke` gave us into an `AppError`. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return { code: error.code, message: error.message, msg: error.msg ?? null };
  if (error instanceof Error) return { code: "ui", message: error.message, msg: null };
  return { code: "ui", message: String(error), msg: null };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}

// -- ledger -------------------------------------------------------------------

export const ledgerOverview = (): Promise<LedgerOverview> => call("ledger_overview");
/** Changes when another program (the CLI) has written to the ledger. */
export const ledgerVersion = (): Promise<number> => call("ledger_version");
export const dashboard = (): Promise<Dashboard> => call("dashboard");
export const loadSample = (): Promise<LedgerOverview> => call("load_sample");
export const removeSample = (): Promise<LedgerOverview> => call("remove_sample");

// -- transactions ---------------------------------------------------------------

export const txnPage = (query: TxnQuery, cursor: TxnCursor | null, limit: number): Promise<TxnPage> =>
  call("txn_page", { query, cursor, limit });
export const txnCount = (query: TxnQuery): Promise<number> => call("txn_count", { query });
/** The cursor of the line just before `position` (for a jump); null at 0. */
export const txnSeek = (query: TxnQuery, position: number): Promise<TxnCursor | null> =>
  call("txn_seek", { query, position });
export const txnSeekDate = (query: TxnQuery, date: string): Promise<TxnJump> => call("txn_seek_date", { query, date });
export const txnFacets = (): Promise<TxnFacets> => call("txn_facets");
export const editTxn = (id: number, edit: TxnEditInput): Promise<TxnRow> => call("edit_txn", { id, edit });
export const ruleFromTxn = (id: number): Promise<RuleFromTxn> => call("rule_from_txn", { id });
export const rules = (): Promise<Rule[]> => call("rules");
export const removeRule = (id: number): Promise<number> => call("remove_rule", { id });

// -- subscriptions ----------------------------------------------------------------

export const subscriptions = (): Promise<Subscription[]> => call("subscriptions");

// -- import -----------------------------------------------------------------------

export const pickImportFiles = (): Promise<PickedFile[]> => call("pick_import_files", { lang: lang() });
export const importPreview = (tokens: string[], options: ImportOptionsInput): Promise<FilePreview[]> =>
  call("import_preview", { tokens, options });
export const importCommit = (tokens: string[], options: ImportOptionsInput): Promise<FileImported[]> =>
  call("import_commit", { tokens, options });
/** Whether the mapping step's mapping can be used (the core's one check). */
export const mappingCheck = (mapping: ColumnMapping): Promise<MappingCheck> => call("mapping_check", { mapping });
export const imports = (): Promise<BatchInfo[]> => call("imports");
export const undoImport = (batchId: number): Promise<number> => call("undo_import", { batchId });

// -- settings -----------------------------------------------------------------------

export const settings = (): Promise<Settings> => call("settings");
/** Tells the shell the UI's language (at start and on every switch): its notifications speak it. */
export const setLanguage = (lang: Lang): Promise<Lang> => call("set_language", { lang });
export const setCurrency = (code: string): Promise<Settings> => call("set_currency", { code });
export const backupLedger = (): Promise<string | null> => call("backup_ledger", { lang: lang() });
export const restoreLedger = (): Promise<LedgerOverview | null> => call("restore_ledger", { lang: lang() });

// -- provider sync (optional, off until a key is stored) ---------------------------

export const syncStatus = (): Promise<ProviderSync[]> => call("sync_status");
/** Hands the key to the shell, which stores it in the OS keychain; it is never sent back. */
export const setProviderKey = (provider: ProviderId, key: string): Promise<void> =>
  call("set_provider_key", { provider, key });
export const removeProviderKey = (provider: ProviderId): Promise<boolean> => call("remove_provider_key", { provider });
export const syncNow = (provider: ProviderId | null): Promise<SyncRun> => call("sync_now", { provider });
export const cancelSync = (): Promise<boolean> => call("cancel_sync");

// -- the line detail panel and its receipts ------------------------------------------

/** One line with its statement fields, rate, import, receipts, cases and refunds. */
export const lineDetail = (id: number): Promise<LineDetail> => call("line_detail", { id });
/** The shell shows a file dialog; null when the user cancels. */
export const lineAddReceipts = (id: number): Promise<LineDetail | null> => call("line_add_receipts", { id, lang: lang() });
/** Attaches files dropped on the line, by the tokens the shell gave them. */
export const lineAttachReceipts = (id: number, tokens: string[]): Promise<LineDetail> =>
  call("line_attach_receipts", { id, tokens });
/** Removes a receipt from the line (the stored copy stays: another line may share it). */
export const lineRemoveReceipt = (id: number, receiptId: number): Promise<LineDetail> =>
  call("line_remove_receipt", { id, receiptId });
/** An image receipt as a data: URL (null for other files). */
export const receiptThumbnail = (id: number, receiptId: number): Promise<string | null> =>
  call("receipt_thumbnail", { id, receiptId });
/** The shell opens the receipt's stored copy (hash checked) in the system's viewer. */
export const receiptOpen = (id: number, receiptId: number): Promise<null> => call("receipt_open", { id, receiptId });

// -- top-up cases and reconciliation (issue #7) -------------------------------------

export const caseList = (): Promise<CaseListItem[]> => call("case_list");
/** The API top-up card lines a new case can be about, newest first. */
export const caseCandidates = (): Promise<LedgerRowRef[]> => call("case_candidates");
export const caseNew = (txnId: number | null): Promise<CaseDto> => call("case_new", { txnId });
export const caseOpen = (id: number): Promise<CaseDto> => call("case_open", { id });
/** Records one answer ("unknown" or "" clears it); the case comes back diagnosed again. */
export const caseAnswer = (id: number, fact: string, value: string): Promise<CaseDto> =>
  call("case_answer", { id, fact, value });
/** Adds a note; the case comes back. */
export const caseNote = (id: number, text: string): Promise<CaseDto> => call("case_note", { id, text });
/** Closes ("closed") or reopens ("open") a case. A closed case refuses changes until reopened. */
export const caseSetStatus = (id: number, status: CaseStatus): Promise<CaseDto> =>
  call("case_set_status", { id, status });
/** The card lines and payment records that can still be linked to the case. */
export const caseLinkCandidates = (id: number): Promise<LinkCandidates> => call("case_link_candidates", { id });
export const caseLink = (id: number, kind: RowKind, row: number): Promise<CaseDto> => call("case_link", { id, kind, row });
/** Removes a link (the case's history keeps it); the case is diagnosed again. */
export const caseUnlink = (id: number, kind: RowKind, row: number): Promise<CaseDto> => call("case_unlink", { id, kind, row });
/** The shell shows a file dialog; null when the user cancels. */
export const caseAddFiles = (id: number): Promise<CaseDto | null> => call("case_add_files", { id, lang: lang() });
/** Attaches files dropped on the window, by the tokens the shell gave them. */
export const caseAttach = (id: number, tokens: string[]): Promise<CaseDto> => call("case_attach", { id, tokens });
/** An image attachment as a data: URL (null for other files). */
export const caseThumbnail = (id: number, attachmentId: number): Promise<string | null> =>
  call("case_thumbnail", { id, attachmentId });
export const casePackPreview = (id: number): Promise<PackPreview> => call("case_pack_preview", { id, lang: lang() });
/** The shell shows a save dialog; null when the user cancels. */
export const caseExport = (id: number): Promise<PackExported | null> => call("case_export", { id, lang: lang() });
export const reconciliation = (): Promise<ReconView> => call("reconciliation");
export const caseFromFlag = (key: string): Promise<CaseDto> => call("case_from_flag", { key });
// -- reimbursement and provider views (issue #7) -----------------------------------

export const reimburseTags = (): Promise<ReimburseTags> => call("reimburse_tags");
/** Adds (or removes) one tag on the chosen lines, or on every line `target.query` matches. */
export const tagLines = (target: TagTarget, tag: string, remove: boolean): Promise<TagResult> =>
  call("tag_lines", { target, tag, remove });
export const reimbursePreview = (request: ReimburseRequest): Promise<ReimbursePreview> =>
  call("reimburse_preview", { request });
/** The shell asks where to save (a native dialog); null when the user cancels. */
export const exportReimbursement = (request: ReimburseRequest, kind: ExportKind): Promise<ReimburseExport | null> =>
  call("export_reimbursement", { request, kind, lang: lang() });
export const markReimbursed = (client: string, from: string, to: string, on: string | null): Promise<MarkResult> =>
  call("mark_reimbursed", { client, from, to, on });
export const unmarkReimbursed = (ids: number[]): Promise<number> => call("unmark_reimbursed", { ids });
/** The saved sender, payment note and `client`'s address ("" for none). */
export const reportParties = (client: string): Promise<ReportParties> => call("report_parties", { client });
/** Saves the form as typed; the core checks each field and saves nothing when one is bad. */
export const saveReportParties = (parties: ReportParties): Promise<ReportParties> =>
  call("save_report_parties", { parties });
export const providerView = (query: ProviderQuery): Promise<ProviderView> => call("provider_view", { query });
// -- usage of AI tools and the watched log folders (issue #20) ----------------------
export const usageView = (query: UsageQuery): Promise<UsageView> => call("usage_view", { query });
/** Turns watching one of the agents' default log folders on or off. */
/** `folder`: the folder's place in `WatchState.folders` (the shell takes no path from the webview). */
export const setWatchedFolder = (folder: number, on: boolean): Promise<WatchState> =>
  call("set_watched_folder", { folder, on });
/** Scans the watched folders now; the usage records added. */
export const scanWatchedNow = (): Promise<number> => call("scan_watched_now");

// -- events -------------------------------------------------------------------------

export type Unlisten = () => void;

async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch (error) {
    throw toAppError(error);
  }
}

/** `import-progress`: rows and bytes read so far for one file of an `import_commit`. */
export const onImportProgress = (handler: (p: ImportProgress) => void): Promise<Unlisten> =>
  subscribe("import-progress", handler);

/** `files-dropped`: files dropped on the window, already registered by the shell, and where they fell. */
export const onFilesDropped = (handler: (dropped: FilesDropped) => void): Promise<Unlisten> =>
  subscribe("files-dropped", handler);

/** `usage-scanned`: the app's own watch of the agent log folders added usage records (how many).
 * The app's own writes do not change `ledgerVersion`, so this is how the views learn of them. */
export const onUsageScanned = (handler: (added: number) => void): Promise<Unlisten> =>
  subscribe("usage-scanned", handler);

/** `sync-progress`: where a `sync_now` run is. */
export const onSyncProgress = (handler: (p: SyncProgressEvent) => void): Promise<Unlisten> =>
  subscribe("sync-progress", handler);

/** The bell, the credit and budget panels, and the alert settings, as of now (local date). */
export const alertsView = (): Promise<AlertsView> => call("alerts_view");

/** Dismisses an alert by its stable id. */
export const dismissAlert = (id: string): Promise<Alert> => call("dismiss_alert", { id });

/** Turns an alert kind on or off, or quiet mode. */
export const setAlertSetting = (input: AlertSettingInput): Promise<AlertSettings> =>
  call("set_alert_setting", { input });

/** Whether the app starts at login (off by default). */
export const autostartStatus = (): Promise<boolean> => call("autostart_status");

/** Turns start at login on or off; returns the new state. */
export const setAutostart = (enabled: boolean): Promise<boolean> => call("set_autostart", { enabled });

/** Sets a budget; every field as typed (the core checks them). */
export const setBudget = (input: BudgetInput): Promise<Budget> => call("set_budget", { input });

/** Removes a budget; returns its id. */
export const removeBudget = (id: number): Promise<number> => call("remove_budget", { id });

/** Grants credit by hand (expires "" = never); returns the grant's id. */
export const addGrant = (input: GrantInput): Promise<number> => call("add_grant", { input });

/** "My billing page says X on D": the account on that date, with what the ledger cannot explain. */
export const setCreditBalance = (input: BalanceInput): Promise<CreditAccount> => call("set_credit_balance", { input });

/** Marks a plan cancelled: a later charge raises `lapsed_still_charged`. */
export const markCancelled = (input: CancelInput): Promise<Cancellation> => call("mark_cancelled", { input });

/** Takes a cancellation mark back; returns its id. */
export const unmarkCancelled = (id: number): Promise<number> => call("unmark_cancelled", { id });
