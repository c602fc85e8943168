// The start page: which ledger is open and how many transactions it holds.

import { ledgerOverview, toCommandError, type LedgerOverview } from "./api";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: { id?: string; class?: string } = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs.id !== undefined) node.id = attrs.id;
  if (attrs.class !== undefined) node.className = attrs.class;
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function renderOverview(root: HTMLElement, overview: LedgerOverview): void {
  const count = el("p", { id: "txn-count", class: "count" });
  count.textContent = `${plural(overview.transactions, "transaction", "transactions")} in the ledger`;

  const path = el("p", { class: "muted" }, "Ledger: ");
  path.append(el("code", { id: "ledger-path" }, overview.path));

  const schema = el("p", { class: "muted small" }, `Schema version ${overview.schema_version}`);
  root.replaceChildren(el("h1", {}, "AI Spend"), count, path, schema);
}

function renderError(root: HTMLElement, error: unknown): void {
  const { code, message } = toCommandError(error);
  const box = el("div", { id: "error", class: "error" });
  box.setAttribute("role", "alert");
  box.append(el("strong", {}, "The ledger could not be read"), el("p", {}, message));
  box.append(el("p", { class: "small" }, `Error code: ${code}`));
  root.replaceChildren(el("h1", {}, "AI Spend"), box);
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (root === null) return;
  try {
    renderOverview(root, await ledgerOverview());
  } catch (error) {
    renderError(root, error);
  }
}

void start();
