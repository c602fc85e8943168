// The top-up wizard's state: the case being worked on and the question on
// screen. Kept outside the view so the Reconciliation view can open a case
// in it, and a case stays open when the user switches views. Every rule
// (which question comes next, the diagnosis, the message) comes from the
// core through the CaseDto; this only remembers where the user is.

import {
  caseAddFiles, caseAnswer, caseAttach, caseFromFlag, caseLink, caseNew, caseNote, caseOpen, caseSetStatus, caseUnlink,
  type CaseDto, type CaseStatus, type PickedFile, type RowKind,
} from "../api";
import { app } from "./app.svelte";

class CasesState {
  current = $state<CaseDto | null>(null);
  /** The fact whose question is on screen; null: the "all answered" card. */
  step = $state<string | null>(null);
  busy = $state(false);
  /** Bumped when a case changed, so the list reloads. */
  revision = $state(0);

  show(c: CaseDto, step?: string | null): void {
    this.current = c;
    this.step = step !== undefined ? step : c.next_question;
    this.revision += 1;
  }

  close(): void {
    this.current = null;
    this.step = null;
  }

  private async busyRun(fn: () => Promise<CaseDto | null>): Promise<CaseDto | null> {
    this.busy = true;
    try {
      return (await app.run(fn)) ?? null;
    } finally {
      this.busy = false;
    }
  }

  async open(id: number): Promise<void> {
    const c = await this.busyRun(() => caseOpen(id));
    if (c !== null) this.show(c);
  }

  async create(txnId: number | null): Promise<void> {
    const c = await this.busyRun(() => caseNew(txnId));
    if (c !== null) this.show(c);
  }

  async fromFlag(key: string): Promise<boolean> {
    const c = await this.busyRun(() => caseFromFlag(key));
    if (c !== null) this.show(c);
    return c !== null;
  }

  /** Saves an answer; the core says which question comes next. */
  async answer(fact: string, value: string): Promise<boolean> {
    const cur = this.current;
    if (cur === null) return false;
    const c = await this.busyRun(() => caseAnswer(cur.id, fact, value));
    if (c !== null) this.show(c);
    return c !== null;
  }

  /** Runs a change on the current case and keeps the question on screen. */
  private async change(fn: (id: number) => Promise<CaseDto>): Promise<boolean> {
    const cur = this.current;
    if (cur === null) return false;
    const c = await this.busyRun(() => fn(cur.id));
    if (c !== null) this.show(c, this.step);
    return c !== null;
  }

  note(text: string): Promise<boolean> {
    return this.change((id) => caseNote(id, text));
  }

  setStatus(status: CaseStatus): Promise<boolean> {
    return this.change((id) => caseSetStatus(id, status));
  }

  link(kind: RowKind, row: number): Promise<boolean> {
    return this.change((id) => caseLink(id, kind, row));
  }

  unlink(kind: RowKind, row: number): Promise<boolean> {
    return this.change((id) => caseUnlink(id, kind, row));
  }

  async addFiles(): Promise<void> {
    const cur = this.current;
    if (cur === null) return;
    const c = await this.busyRun(() => caseAddFiles(cur.id));
    if (c !== null) this.show(c, this.step);
  }

  async attach(files: PickedFile[]): Promise<void> {
    const cur = this.current;
    if (cur === null || files.length === 0) return;
    const c = await this.busyRun(() => caseAttach(cur.id, files.map((f) => f.token)));
    if (c !== null) this.show(c, this.step);
  }
}

export const cases = new CasesState();
