// App-wide state: the open ledger, the current view, the error banner and the
// polite status line read by screen readers.

import { ledgerOverview, toAppError, type AppError, type LedgerOverview } from "../api";

export type View = "dashboard" | "transactions" | "import" | "subscriptions" | "reimburse" | "providers" | "settings";
export const VIEWS: readonly View[] = ["dashboard", "transactions", "import", "subscriptions", "reimburse", "providers", "settings"];

class AppState {
  view = $state<View>("dashboard");
  overview = $state<LedgerOverview | null>(null);
  /** The ledger could not be opened: nothing else is shown. */
  fatal = $state<AppError | null>(null);
  /** A command failed: shown in the #error banner until dismissed. */
  error = $state<AppError | null>(null);
  status = $state("");
  /** Bumped whenever the ledger's contents change, so views reload. */
  revision = $state(0);

  async refreshOverview(): Promise<void> {
    try {
      this.overview = await ledgerOverview();
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

  fail(e: unknown): void {
    this.error = toAppError(e);
  }

  say(message: string): void {
    this.status = message;
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
