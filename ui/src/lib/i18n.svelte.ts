// A small typed message catalog: English and Simplified Chinese. The English
// file defines the keys; the compiler rejects a zh-CN file missing one, and
// tests/i18n-keys.test.mjs checks both ways (keys and {placeholders}).

import en from "../i18n/en.json";
import zhJson from "../i18n/zh-CN.json";
import { cachedIntl } from "./intl";
import type { ErrorCode } from "../api";

export type MessageKey = keyof typeof en;
export type Locale = "en" | "zh-CN";
export type LocalePref = Locale | "system";

const zh: Record<MessageKey, string> = zhJson;
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zh };

export const LOCALES: readonly Locale[] = ["en", "zh-CN"];
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

const STORAGE_KEY = "aispend.locale";

function systemLocale(): Locale {
  const langs = typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language];
  for (const l of langs) {
    if (l.toLowerCase().startsWith("zh")) return "zh-CN";
    if (l.toLowerCase().startsWith("en")) return "en";
  }
  return "en";
}

function storedPref(): LocalePref {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === "en" || v === "zh-CN") return v;
  } catch {
    // storage unavailable: follow the system
  }
  return "system";
}

class I18n {
  pref = $state<LocalePref>(storedPref());
  locale = $derived<Locale>(this.pref === "system" ? systemLocale() : this.pref);

  setPref(pref: LocalePref): void {
    this.pref = pref;
    try {
      if (pref === "system") localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, pref);
    } catch {
      // not persisted; still applies for this session
    }
  }
}

export const i18n = new I18n();

$effect.root(() => {
  $effect(() => {
    document.documentElement.lang = i18n.locale;
  });
});

type Params = Record<string, string | number>;

function fill(template: string, params: Params | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? formatInt(v) : v;
  });
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  return fill(catalogs[i18n.locale][key], params);
}

type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

const pluralRules = new Map<string, Intl.PluralRules>();
const intFormats = new Map<string, Intl.NumberFormat>();

/** A message with `.one`/`.other` forms chosen by `n` (also passed as `{n}`). */
export function tn(base: PluralBase, n: number, params?: Params): string {
  const rules = cachedIntl(pluralRules, i18n.locale, {}, () => new Intl.PluralRules(i18n.locale));
  const form = rules.select(n) === "one" ? "one" : "other";
  return t(`${base}.${form}` as MessageKey, { n, ...params });
}

/** Integers (counts, not money) in the current language's style. */
export function formatInt(n: number): string {
  // The shell's WebDriver tests read "1,234 transactions": English groups with commas.
  const locale = i18n.locale === "en" ? "en-US" : i18n.locale;
  return cachedIntl(intFormats, locale, {}, () => new Intl.NumberFormat(locale)).format(n);
}

/** What an error code means, in the current language (`error.kind.<code>`),
 * or null for a code the catalog does not explain. The core's own message
 * stays the precise detail (file, line, field) and is in English. */
export function errorSummary(code: ErrorCode): string | null {
  const key = `error.kind.${code}`;
  return key in en ? t(key as MessageKey) : null;
}

// The codes are the core's error table (`ErrorCode`, generated from
// crates/core/src/app/error.rs): a code the core adds without a summary here
// fails the type check. (`ui` is the UI's own, shown with its message only.)
type Assert<T extends true> = T;
export type EveryErrorCodeHasASummary = Assert<
  `error.kind.${Exclude<ErrorCode, "ui">}` extends MessageKey ? true : false
>;
