// Accessibility: axe-core (Deque's rules engine, the one browsers' own
// audits build on) runs on every view and on the dialogs and steps a user
// reaches, in both languages and both themes. No serious or critical
// violation may remain. The engine is evaluated through the test driver,
// so the app's CSP (no inline scripts) stays as it ships.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { clean, open, tid } from "./harness.mjs";
import { useBrowser } from "./harness.mjs";

const env = useBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const VIEWS = ["dashboard", "transactions", "import", "subscriptions", "cases", "reconcile", "reimburse", "providers", "settings"];

/** Serious and critical violations on the page as it is now, one line each. */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    // @ts-ignore axe is the engine just evaluated
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  return found;
}

for (const [locale, theme] of [["en", "light"], ["en", "dark"], ["zh-CN", "light"], ["zh-CN", "dark"]]) {
  describe(`accessibility, ${locale}, ${theme}`, () => {
    test("every view has no serious or critical axe violation", async () => {
      const page = await open(env, { txns: 200, sample: true }, { locale, theme, colorScheme: theme });
      const problems = [];
      for (const v of VIEWS) {
        await page.click(tid(`nav-${v}`));
        await page.waitForTimeout(250);
        for (const p of await violations(page)) problems.push(`${v}: ${p}`);
      }
      assert.deepEqual(problems, []);
      await clean(page);
    });

    test("the wizard, the line panel and the import preview have none either", async () => {
      const page = await open(env, { txns: 200 }, { locale, theme, colorScheme: theme });
      const problems = [];
      // The top-up wizard with a case open, its link picker and a note.
      await page.click(tid("nav-cases"));
      await page.click(tid("case-new"));
      await page.click(`${tid("case-candidate")}[data-id="901"]`);
      await page.waitForSelector(tid("wizard"));
      await page.click(tid("link-open"));
      await page.waitForSelector(tid("link-picker"));
      for (const p of await violations(page)) problems.push(`wizard: ${p}`);
      // The line detail panel.
      await page.click(tid("nav-transactions"));
      await page.click(`${tid("txn-row")}[data-id="200"]`);
      await page.waitForSelector(`${tid("txn-editor")}[open] ${tid("txn-receipts")}`);
      for (const p of await violations(page)) problems.push(`line panel: ${p}`);
      await page.keyboard.press("Escape");
      // The import preview with its lines shown.
      await page.evaluate(() => {
        window.__mock.state.picked = [{ token: "tok-grown", name: "Chase1234_grown.CSV", size: 900 }];
      });
      await page.click(tid("nav-import"));
      await page.click(tid("import-pick"));
      await page.click(`${tid("preview-lines")} summary`);
      for (const p of await violations(page)) problems.push(`import preview: ${p}`);
      assert.deepEqual(problems, []);
      await clean(page);
    });
  });
}
