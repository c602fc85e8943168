// The core's messages (`Msg`: an id and its arguments) in the current
// language. The catalogs are the core's own Fluent files
// (crates/core/i18n/<language>/*.ftl), bundled at build time: the CLI and
// the app read the same text, and a language switch re-renders at once.

import { FluentBundle, FluentResource } from "@fluent/bundle";
import type { Msg } from "../generated/types";
import { i18n, type Locale } from "./i18n.svelte";

const sources: Record<Locale, Record<string, string>> = {
  en: import.meta.glob("../../../crates/core/i18n/en/*.ftl", {
    query: "?raw",
    import: "default",
    eager: true,
  }),
  "zh-CN": import.meta.glob("../../../crates/core/i18n/zh-CN/*.ftl", {
    query: "?raw",
    import: "default",
    eager: true,
  }),
};

const bundles = new Map<Locale, FluentBundle>();

function bundle(locale: Locale): FluentBundle {
  let b = bundles.get(locale);
  if (b === undefined) {
    // No Unicode isolation marks: the text is shown as it is written.
    b = new FluentBundle(locale, { useIsolating: false });
    for (const text of Object.values(sources[locale])) b.addResource(new FluentResource(text));
    bundles.set(locale, b);
  }
  return b;
}

/** `msg` in the current language; an id the catalog lacks (the core's
 * catalog test prevents it) shows as the id rather than as nothing. */
export function tm(msg: Msg): string {
  const b = bundle(i18n.locale);
  const m = b.getMessage(msg.id);
  if (m?.value == null) return msg.id;
  // An argument that is itself a message (what a parser found, what it
  // expected) is rendered first, in the same language.
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(msg.args)) args[k] = typeof v === "object" ? tm(v) : v;
  const errors: Error[] = [];
  const text = b.formatPattern(m.value, args, errors);
  return errors.length === 0 ? text : msg.id;
}
