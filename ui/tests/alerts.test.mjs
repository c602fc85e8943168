// The bell, the credit and budget panels and the alert settings, with the
// shell mocked (tests/mock-backend.js serves what the core would compute).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calls, clean, open, shot, tid, useBrowser } from "./harness.mjs";

const env = useBrowser();

const OVER = {
  id: "budget_exceeded-4f1c2a9e0b", kind: "budget_exceeded", subject: "class:ai-api", date: "2026-11-30",
  amount: "-70.00", currency: "USD", message: "The class:ai-api budget of 60.00 USD for 2026-11-01..2026-11-30 is exceeded: 70.00 spent",
  msg: { id: "alert-budget-exceeded", args: { scope: "class:ai-api", amount: "60.00", currency: "USD", from: "2026-11-01", to: "2026-11-30", spent: "70.00" } },
  rows: ["budget:1", "txn:3", "txn:1"], dismissed: false, notified: true,
};
const BUDGET = {
  id: 1, scope: "class:ai-api", amount: "60.00", currency: "USD", spent: "-70.00", projected: "-81.67", status: "over",
  period: "monthly", period_from: "2026-11-01", period_to: "2026-11-30", renewals: "0.00", skipped_lines: 0, rows: ["txn:3", "txn:1"],
};

describe("alerts", () => {
  test("the bell counts the alerts, opens one onto its rows, and dismisses it", async () => {
    const page = await open(env, { txns: 50, alerts: [OVER], budgets: [BUDGET] });
    await page.waitForSelector(tid("alert-count"));
    assert.equal((await page.textContent(tid("alert-count"))).trim(), "1");
    await page.click(tid("alert-bell"));
    await page.waitForSelector(tid("alert-budget_exceeded"));
    await page.click(`${tid("alert-budget_exceeded")} button`);
    const rows = await page.textContent(tid("alert-rows"));
    assert.match(rows, /txn:3/);
    await shot(page, "alerts-bell");
    await page.click(tid("alert-dismiss"));
    await page.waitForFunction(() => !document.querySelector('[data-testid="alert-count"]'));
    assert.deepEqual((await calls(page, "dismiss_alert")).map((c) => c.args.id), [OVER.id]);
    assert.equal(await page.$("#error"), null);
    await clean(page);
  });

  test("budgets show on the Providers view and settings store kinds and quiet mode", async () => {
    const page = await open(env, { txns: 50, alerts: [OVER], budgets: [BUDGET] });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("budget-over"));
    await page.click(tid("nav-settings"));
    await page.waitForSelector(tid("alerts-quiet"));
    assert.equal(await page.isChecked(tid("autostart")), false, "start at login is off by default");
    await page.click(tid("alerts-quiet"));
    await page.click(tid("alerts-kind-budget_exceeded"));
    const sets = (await calls(page, "set_alert_setting")).map((c) => c.args.input);
    assert.deepEqual(sets, [{ type: "quiet", quiet: true }, { type: "kind", kind: "budget_exceeded", enabled: false }]);
    await clean(page);
  });
});
