// The files chosen for import, kept outside the Import view so that a drop
// on any view lands here, and the list survives switching views.

import {
  importCommit, importPreview, onFilesDropped, onImportProgress, toAppError,
  type AppError, type FileImported, type FilePreview, type ImportOptionsInput, type ImportProgress, type PickedFile,
} from "../api";
import { app } from "./app.svelte";

export interface ChosenFile {
  file: PickedFile;
  options: ImportOptionsInput;
  preview: FilePreview | null;
  /** The preview call itself failed. */
  error: AppError | null;
  busy: boolean;
  /** The mapping step is open for this file. */
  mapping: boolean;
  result: FileImported | null;
}

const NO_OPTIONS: ImportOptionsInput = { account: null, format: null, mapping: null, profile: null, header_line: null, currency: null };

/** Whether a file can be committed: previewed, no error, no mapping pending. */
export function ready(f: ChosenFile): boolean {
  return f.result === null && f.preview !== null && f.preview.error === null && f.preview.mapping === null && f.error === null;
}

class ImportState {
  files = $state<ChosenFile[]>([]);
  committing = $state(false);
  progress = $state<ImportProgress | null>(null);
  /** Size of each file finished in this commit, by token (for the overall bar). */
  finished = $state<Record<string, number>>({});
  totalBytes = $state(0);
  lastResult = $state<FileImported[] | null>(null);

  async add(picked: PickedFile[]): Promise<void> {
    const fresh = picked.filter((p) => !this.files.some((f) => f.file.token === p.token));
    if (fresh.length === 0) return;
    this.lastResult = null;
    for (const file of fresh) {
      this.files.push({ file, options: { ...NO_OPTIONS }, preview: null, error: null, busy: true, mapping: false, result: null });
    }
    try {
      const previews = await importPreview(fresh.map((f) => f.token), NO_OPTIONS);
      for (const p of previews) this.setPreview(p);
    } catch (e) {
      const err = toAppError(e);
      for (const f of this.files) {
        if (fresh.some((p) => p.token === f.file.token)) {
          f.error = err;
          f.busy = false;
        }
      }
    }
  }

  private setPreview(p: FilePreview): void {
    const f = this.files.find((x) => x.file.token === p.token);
    if (f === undefined) return;
    f.preview = p;
    f.error = null;
    f.busy = false;
    f.mapping = p.mapping !== null;
  }

  remove(token: string): void {
    this.files = this.files.filter((f) => f.file.token !== token);
  }

  /** Re-previews one file with the options of its mapping step. */
  async repreview(token: string, options: ImportOptionsInput): Promise<void> {
    const f = this.files.find((x) => x.file.token === token);
    if (f === undefined) return;
    f.options = options;
    f.busy = true;
    try {
      const [p] = await importPreview([token], options);
      if (p !== undefined) this.setPreview(p);
    } catch (e) {
      f.error = toAppError(e);
      f.busy = false;
    }
  }

  /**
   * The currency of a file that does not say its own (the preview named the
   * one it assumed): previews again with it; an empty code goes back to the
   * default.
   */
  async setCurrency(token: string, currency: string): Promise<void> {
    const f = this.files.find((x) => x.file.token === token);
    if (f === undefined) return;
    const code = currency.trim().toUpperCase();
    await this.repreview(token, { ...f.options, currency: code === "" ? null : code });
  }

  get readyFiles(): ChosenFile[] {
    return this.files.filter(ready);
  }

  /**
   * Commits every ready file: the ones with default options in one call, each
   * mapped file in its own call with its mapping. Progress comes as events.
   */
  async commit(): Promise<FileImported[] | undefined> {
    const chosen = this.readyFiles;
    if (chosen.length === 0) return undefined;
    this.committing = true;
    this.progress = null;
    this.finished = {};
    this.totalBytes = chosen.reduce((sum, f) => sum + f.file.size, 0);
    const groups = new Map<string, ChosenFile[]>();
    for (const f of chosen) {
      const key = JSON.stringify(f.options);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const results: FileImported[] = [];
    try {
      for (const group of groups.values()) {
        const first = group[0];
        if (first === undefined) continue;
        const done = await importCommit(group.map((f) => f.file.token), first.options);
        for (const r of done) {
          results.push(r);
          const f = this.files.find((x) => x.file.token === r.token);
          if (f !== undefined) f.result = r;
        }
        for (const f of group) this.finished[f.file.token] = f.file.size;
      }
    } catch (e) {
      app.fail(e);
    } finally {
      this.committing = false;
      this.progress = null;
    }
    if (results.length > 0) {
      this.lastResult = results;
      this.files = this.files.filter((f) => f.result === null);
      app.changed();
    }
    return results;
  }

  /** 0..1 over all bytes of this commit. */
  get fraction(): number {
    if (this.totalBytes <= 0) return 0;
    const p = this.progress;
    const current = p !== null && this.finished[p.token] === undefined ? p.bytes : 0;
    const done = Object.values(this.finished).reduce((a, b) => a + b, 0);
    return Math.min(1, (done + current) / this.totalBytes);
  }
}

export const importState = new ImportState();

let listening = false;

/**
 * A view that takes dropped files itself (the case wizard's evidence, a
 * line's receipts): it returns true when it took them, else they go to the
 * import. `at` is where they fell (CSS pixels), when the shell knows.
 */
export type DropTarget = (files: PickedFile[], at: { x: number; y: number } | null) => boolean;
let dropTarget: DropTarget | null = null;
export function setDropTarget(target: DropTarget | null): void {
  dropTarget = target;
}

/** Subscribes to the shell's import events once, for the app's lifetime. */
export function listenForImports(): void {
  if (listening) return;
  listening = true;
  onFilesDropped(({ files, x, y }) => {
    const at = x !== null && y !== null ? { x, y } : null;
    if (dropTarget !== null && dropTarget(files, at)) return;
    app.view = "import";
    void importState.add(files);
  }).catch((e: unknown) => app.fail(e));
  onImportProgress((p) => {
    // Progress of a file counts bytes within that file; earlier files of the
    // same call are finished once a new token shows up.
    const prev = importState.progress;
    if (prev !== null && prev.token !== p.token) importState.finished[prev.token] = prev.total_bytes;
    importState.progress = p;
  }).catch((e: unknown) => app.fail(e));
}
