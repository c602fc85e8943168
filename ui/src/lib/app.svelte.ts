// App-wide state: the open ledger, the current view, the error banner and the
// polite status line read by screen readers.

import { ledgerOverview, ledgerVersion, toAppError, type AppError, type LedgerOverview } from "../api";

export type View = "dashboard" | "transactions" | "import" | "subscriptions" | "cases" | "reconcile" | "reimburse" | "providers" | "settings";
export const VIEWS: readonly View[] = ["dashboard", "transactions", "import", "subscriptions", "cases", "reconcile", "reimburse", "providers", "settings"];

class AppState {
  view = $state<View>("dashboard");
  overview = $state<LedgerOverview | null>(null);
  /** The ledger could not be opened: nothing else is shown. */
  fatal = $state<AppError | null>(null);
  /** A command failed: shown in the #error banner until dismissed. */
  error = $state<AppError | null>(null);
  /** The status line, rendered when read: a message given as a function
   * (`() => t(...)`) follows a later language switch. */
  private said = $state<() => string>(() => "");
  /** Lines the Transactions view is to show exactly (an alert's rows), and
   * what they are; null: the view's own filters. */
  lines = $state<{ ids: number[]; label: string } | null>(null);
  /** Bumped whenever the ledger's contents change, so views reload. */
  revision = $state(0);
  /** The ledger's version when the views last loaded (see `checkExternal`). */
  private seenVersion: number | null = null;

  async refreshOverview(): Promise<void> {
    try {
      // The version is asked first (the shell answers in order): a write that
      // lands after it is seen by the next check, even if it lands before the
      // overview is read.
      const [version, overview] = await Promise.all([ledgerVersion().catch(() => null), ledgerOverview()]);
      this.overview = overview;
      if (version !== null) this.seenVersion = version;
      this.fatal = null;
    } catch (e) {
      if (this.overview === null) this.fatal = toAppError(e);
      else this.fail(e);
    }
  }

  /** The ledger changed (import, undo, sample, restore, edit): reload. */
  changed(overview?: LedgerOverview): void {
    if (overview !== undefined) this.overview = overview;
    else void this.refreshOverview();
    this.revision += 1;
  }

  /** Asks whether another program (the CLI) has written to the ledger since
   * the last check, and reloads the views if so. True when it had. A failed
   * check is not an error to show: the next one asks again. */
  async checkExternal(): Promise<boolean> {
    if (this.fatal !== null || this.overview === null) return false;
    let version: number;
    try {
      version = await ledgerVersion();
    } catch {
      return false;
    }
    const changed = this.seenVersion !== null && version !== this.seenVersion;
    this.seenVersion = version;
    if (changed) this.changed();
    return changed;
  }

  /** Opens the Transactions view on exactly these lines. */
  openLines(ids: number[], label: string): void {
    this.lines = { ids, label };
    this.view = "transactions";
  }

  fail(e: unknown): void {
    this.error = toAppError(e);
  }

  get status(): string {
    return this.said();
  }

  /** Shows a status message. Give `() => t("key")` rather than a rendered
   * string, so the message follows the language if the user switches. */
  say(message: string | (() => string)): void {
    this.said = typeof message === "string" ? () => message : message;
  }

  clearStatus(): void {
    this.said = () => "";
  }

  /** Runs a command, showing its error in the banner; returns undefined on failure. */
  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.fail(e);
      return undefined;
    }
  }
}

export const app = new AppState();
