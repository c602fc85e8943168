// Display formatting. Money arrives as exact decimal strings; it is formatted
// here for display only. The UI never adds, subtracts or compares money: the
// core computes every total.

import { i18n } from "./i18n.svelte";

const cache = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, signDisplay: "auto" | "exceptZero"): Intl.NumberFormat | null {
  const key = `${i18n.locale}|${currency}|${signDisplay}`;
  let nf = cache.get(key);
  if (nf === undefined) {
    try {
      nf = new Intl.NumberFormat(i18n.locale, { style: "currency", currency, signDisplay });
    } catch {
      return null; // not an ISO 4217 code
    }
    cache.set(key, nf);
  }
  return nf;
}

/**
 * Formats a decimal string such as "-20.00" in `currency`. Intl.NumberFormat
 * (ES2023) takes the decimal string as is, so no digits are lost to floats.
 */
export function money(amount: string, currency: string | null, opts: { sign?: boolean } = {}): string {
  if (currency === null) return amount;
  const nf = moneyFormat(currency, opts.sign === true ? "exceptZero" : "auto");
  if (nf === null) return `${amount} ${currency}`;
  return nf.format(amount as unknown as number);
}

/** Whether a decimal string is negative (money spent) — a text check, not arithmetic. */
export function isNegative(amount: string): boolean {
  return amount.trim().startsWith("-");
}

/** A 0..1 decimal string as a percentage. */
export function percent(ratio: string): string {
  return new Intl.NumberFormat(i18n.locale, { style: "percent", maximumFractionDigits: 1 }).format(
    ratio as unknown as number,
  );
}

/**
 * A pixel length for a chart: the only place money becomes a float, and
 * only to draw. Nothing computed from it is shown as an amount.
 */
export function toPixels(amount: string): number {
  const n = Number.parseFloat(amount);
  return Number.isFinite(n) ? Math.abs(n) : 0;
}

function parseDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (m === null) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, m[3] === undefined ? 1 : Number(m[3]));
}

/** YYYY-MM-DD as a short local date. */
export function date(iso: string | null): string {
  if (iso === null) return "—";
  const d = parseDate(iso);
  if (d === null) return iso;
  return d.toLocaleDateString(i18n.locale, { year: "numeric", month: "short", day: "numeric" });
}

/** YYYY-MM-DD compactly, for table cells: "Nov 20, 2026" / "2026/11/20". */
export function tableDate(iso: string): string {
  const d = parseDate(iso);
  if (d === null) return iso;
  return d.toLocaleDateString(i18n.locale, i18n.locale === "en"
    ? { year: "numeric", month: "short", day: "numeric" }
    : { year: "numeric", month: "2-digit", day: "2-digit" });
}

/** YYYY-MM-DD as month and day only. */
export function shortDate(iso: string): string {
  const d = parseDate(iso);
  if (d === null) return iso;
  return d.toLocaleDateString(i18n.locale, { month: "short", day: "numeric" });
}

/** YYYY-MM as a month name, short or long. */
export function month(ym: string, style: "short" | "long" = "short"): string {
  const d = parseDate(ym);
  if (d === null) return ym;
  return d.toLocaleDateString(i18n.locale, style === "short" ? { month: "short" } : { year: "numeric", month: "long" });
}

/** An ISO timestamp as local date and time. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(i18n.locale, { dateStyle: "medium", timeStyle: "short" });
}

/** A byte count such as 1.2 MB. */
export function bytes(n: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toLocaleString(i18n.locale, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
}
