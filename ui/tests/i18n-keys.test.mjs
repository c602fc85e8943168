// Both message catalogs have the same keys, the same {placeholders} per key,
// and no empty strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

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
