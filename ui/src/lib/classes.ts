// The classes of SPEC §4 as the UI shows them. The list and the type are the
// core's (`CLASSES` and `Class`, generated from `Class::ALL`); the UI keeps no
// copy. A line's class is always one of them (the ledger refuses any other).

import { CLASSES, type Class } from "../api";
import { t } from "./i18n.svelte";

export { CLASSES };

/** A class in words. */
export function classLabel(c: Class): string {
  return t(`class.${c}`);
}
