// Display formatting. Money arrives as exact decimal strings; it is formatted
// here for display only. The UI never adds, subtracts or compares money: the
// core computes every total.

import { i18n, t } from "./i18n.svelte";
import { cachedIntl } from "./intl";

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedIntl(dateFormats, i18n.locale, options, () => new Intl.DateTimeFormat(i18n.locale, options));
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedIntl(numberFormats, i18n.locale, options, () => new Intl.NumberFormat(i18n.locale, options));
}

/** A currency formatter, or null when `currency` is no ISO 4217 code. */
function moneyFormat(currency: string, signDisplay: "auto" | "exceptZero"): Intl.NumberFormat | null {
  try {
    return numberFormat({ style: "currency", currency, signDisplay });
  } catch {
    return null;
  }
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

/**
 * A chart axis value (a float, for drawing only) as compact money, e.g.
 * "$100" or "$1.2K"; the number as is when `currency` is no ISO 4217 code.
 */
export function axisMoney(v: number, currency: string): string {
  try {
    return numberFormat({ style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(v);
  } catch {
    return String(v);
  }
}

/** Whether a decimal string is negative (money spent) — a text check, not arithmetic. */
export function isNegative(amount: string): boolean {
  return amount.trim().startsWith("-");
}

/** Names in a sentence (currencies, plans) joined as the language joins
 * them: "USD, GBP" in English, "USD、GBP" in Chinese. (Intl.ListFormat's
 * zh-CN unit lists have no separator at all: "USDGBP".) */
export function list(items: readonly string[]): string {
  return items.join(t("list.separator"));
}

/** A 0..1 decimal string as a percentage. */
export function percent(ratio: string): string {
  return numberFormat({ style: "percent", maximumFractionDigits: 1 }).format(ratio as unknown as number);
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
  return dateFormat({ year: "numeric", month: "short", day: "numeric" }).format(d);
}

/** YYYY-MM-DD compactly, for table cells: "Nov 20, 2026" / "2026/11/20". */
export function tableDate(iso: string): string {
  const d = parseDate(iso);
  if (d === null) return iso;
  return dateFormat(i18n.locale === "en"
    ? { year: "numeric", month: "short", day: "numeric" }
    : { year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** YYYY-MM-DD as month and day only. */
export function shortDate(iso: string): string {
  const d = parseDate(iso);
  if (d === null) return iso;
  return dateFormat({ month: "short", day: "numeric" }).format(d);
}

/** YYYY-MM as a month name, short or long. */
export function month(ym: string, style: "short" | "long" = "short"): string {
  const d = parseDate(ym);
  if (d === null) return ym;
  return dateFormat(style === "short" ? { month: "short" } : { year: "numeric", month: "long" }).format(d);
}

/** An ISO timestamp as local date and time. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat({ dateStyle: "medium", timeStyle: "short" }).format(d);
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
  return `${numberFormat({ maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}
