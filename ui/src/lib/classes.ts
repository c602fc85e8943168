// The classes of SPEC §4 as the UI shows them. The list itself is the
// core's (`CLASSES`, generated from `Class::ALL`); the UI keeps no copy.

import { CLASSES, type Class } from "../api";
import { t, type MessageKey } from "./i18n.svelte";

export { CLASSES };

/** Whether `c` is one of the core's classes (a line may carry another). */
export function isClass(c: string | null): c is Class {
  return c !== null && (CLASSES as readonly string[]).includes(c);
}

/** A class in words: a known class translated, any other as it is. */
export function classLabel(c: string): string {
  return isClass(c) ? t(`class.${c}` as MessageKey) : c;
}

/** The choices of a class menu: the core's classes, then any other the
 * ledger's lines have. */
export function classOptions(extra: readonly string[]): string[] {
  return [...new Set<string>([...CLASSES, ...extra])];
}
