// The one module that talks to the Rust shell. Every command the UI uses is a
// typed function here; nothing else imports `invoke`.

import { invoke } from "@tauri-apps/api/core";

/** What `ledger_overview` returns (src-tauri/src/commands/mod.rs `LedgerOverview`). */
export interface LedgerOverview {
  path: string;
  transactions: number;
  schema_version: number;
}

/** How every command error reaches the UI (`CommandError` in the shell). */
export interface CommandError {
  code: string;
  message: string;
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>)["code"] === "string" &&
    typeof (value as Record<string, unknown>)["message"] === "string"
  );
}

/** Turns whatever a rejected `invoke` gave us into a `CommandError`. */
export function toCommandError(error: unknown): CommandError {
  if (isCommandError(error)) return error;
  if (error instanceof Error) return { code: "ui", message: error.message };
  return { code: "ui", message: String(error) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toCommandError(error);
  }
}

/** The open ledger's location, size and schema version. */
export function ledgerOverview(): Promise<LedgerOverview> {
  return call<LedgerOverview>("ledger_overview");
}
