// Both message catalogs have the same keys, the same {placeholders} per key,
// no empty strings, and no key the UI does not use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const load = (name) => JSON.parse(readFileSync(new URL(`../src/i18n/${name}.json`, import.meta.url), "utf8"));
const en = load("en");
const zh = load("zh-CN");
const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("en and zh-CN have the same keys", () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test("each message keeps its placeholders in both languages", () => {
  for (const key of Object.keys(en)) assert.deepEqual(holes(zh[key] ?? ""), holes(en[key]), key);
});

test("no message is empty", () => {
  for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) assert.ok(value.trim() !== "", key);
});

// Every key is named by the UI's code: as a literal ("dash.title"), or
// under a prefix the code completes (`nav.${view}`, "class." + id). A
// plural's forms (.one, .other) count as their key.
test("every message is used by the UI", () => {
  const root = new URL("../src/", import.meta.url);
  const files = readdirSync(root, { recursive: true })
    .filter((f) => /\.(svelte|ts|js)$/.test(f) && !f.startsWith("i18n") && !f.startsWith("generated"));
  const code = files.map((f) => readFileSync(new URL(f, root), "utf8")).join("\n");
  const prefixes = [...code.matchAll(/[`"']([a-zA-Z][\w.-]*\.)(?:\$\{|["'] *\+)/g)].map((m) => m[1]);
  const named = (key) =>
    ['"', "'", "`"].some((q) => code.includes(q + key + q)) || prefixes.some((p) => key.startsWith(p));
  const unused = Object.keys(en)
    .map((k) => k.replace(/\.(zero|one|two|few|many|other)$/, ""))
    .filter((k, i, all) => all.indexOf(k) === i && !named(k));
  assert.deepEqual(unused, []);
});
