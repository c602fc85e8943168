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
  rows: ["budget:1", "txn:3", "txn:1"], lines: [3, 1], dismissed: false, notified: true,
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

  test("a broken price list is named beside the budgets, which still show", async () => {
    const planValueError = { id: "plan-value-price-list-error", args: { error: "prices.toml: expected a table" } };
    const page = await open(env, { txns: 50, budgets: [BUDGET], planValueError });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("budget-over"));
    const text = await page.textContent(tid("plan-value-error"));
    assert.match(text, /price list could not be read \(prices\.toml: expected a table\)/);
    assert.equal(await page.$(tid("plan-value")), null);
    await clean(page);
  });

  test("plan value sets the usage against the price for the same days and opens the charge behind it", async () => {
    const planValue = [{
      provider: "anthropic", month: "2026-11", from: "2026-11-01", to: "2026-11-15", currency: "USD",
      api_value: "-80.00", plan_price: "-100.00", plan_price_to_date: "-50.00", plans: ["anthropic Claude Max"],
      by_hand: [], rows: ["txn:7"], lines: [7], value_per_price: "1.60", projected_api_value: "-160.00",
      price_buys_days: "18.8", days: 15, month_days: 30, records: 4, unpriced_records: 0, price_rows: [],
      msg: { id: "plan-value-no-plan", args: { provider: "Anthropic", value: "80.00", currency: "USD", from: "2026-11-01", to: "2026-11-15" } },
    }, {
      provider: "openai", month: "2026-11", from: "2026-11-01", to: "2026-11-15", currency: "USD",
      api_value: "-3.00", plan_price: "-20.00", plan_price_to_date: "-10.00", plans: ["openai ChatGPT Plus"],
      by_hand: ["openai ChatGPT Plus"], rows: ["subscription:2"], lines: [], value_per_price: "0.30", projected_api_value: "-6.00",
      price_buys_days: "100.0", days: 15, month_days: 30, records: 1, unpriced_records: 0, price_rows: [],
      msg: { id: "plan-value-no-plan", args: { provider: "OpenAI", value: "3.00", currency: "USD", from: "2026-11-01", to: "2026-11-15" } },
    }];
    const page = await open(env, { txns: 50, budgets: [BUDGET], planValue });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("plan-value-row"));
    const price = await page.textContent(tid("plan-value-price"));
    assert.match(price, /50\.00/, "the price for the 15 days so far");
    assert.match(price, /100\.00 a month, 15 of 30 days/);
    assert.match(await page.textContent(tid("plan-value-projected")), /160\.00/);
    assert.match(await page.textContent(tid("plan-value-by-hand")), /price entered by hand: openai ChatGPT Plus/);
    assert.equal((await page.$$(tid("plan-value-open-lines"))).length, 1, "only the detected plan has a line");
    await page.click(tid("plan-value-open-lines"));
    await page.waitForSelector(tid("txn-lines-note"));
    const asked = (await calls(page, "txn_page")).map((c) => c.args.query.ids);
    assert.deepEqual(asked.at(-1), [7]);
    assert.equal(await page.$("#error"), null);
    await clean(page);
  });

  test("a bell row opens Transactions on exactly the lines behind it", async () => {
    const page = await open(env, { txns: 50, alerts: [OVER], budgets: [BUDGET] });
    await page.waitForSelector(tid("alert-count"));
    await page.click(tid("alert-bell"));
    await page.click(`${tid("alert-budget_exceeded")} button`);
    await page.click(tid("alert-open-lines"));
    await page.waitForSelector(tid("txn-lines-note"));
    await page.waitForFunction(() => document.querySelector('[data-testid="txn-matching"]').textContent === "2 matching lines");
    assert.match(await page.textContent(tid("txn-lines-note")), /Budget exceeded: class:ai-api/);
    const asked = (await calls(page, "txn_page")).map((c) => c.args.query.ids);
    assert.deepEqual(asked.at(-1), [3, 1], "the core's ids filter, not a filter in TypeScript");
    await shot(page, "alerts-open-lines");
    await page.click(tid("txn-lines-clear"));
    await page.waitForFunction(() => document.querySelector('[data-testid="txn-matching"]').textContent === "50 matching lines");
    assert.equal(await page.$("#error"), null);
    await clean(page);
  });

  test("budgets are set and removed, credit granted and a balance corrected from the forms", async () => {
    const page = await open(env, { txns: 50 });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("budget-form"));
    // A bad amount: the core's message shows under the form and nothing is set.
    await page.fill(tid("budget-amount"), "12,5");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("budget-error"));
    assert.match(await page.textContent(tid("budget-error")), /is not an amount/);
    assert.equal(await page.getAttribute(tid("budget-error"), "role"), "alert", "a form's error is announced");
    assert.equal(await page.$(tid("budget-ok")), null);
    // Keyboard only: the scope, its value, the amount, then Enter.
    await page.selectOption(tid("budget-kind"), "provider");
    await page.selectOption(tid("budget-value"), "anthropic");
    await page.fill(tid("budget-amount"), "120");
    await page.click(tid("budget-range"));
    await page.fill(tid("budget-from"), "2026-11-01");
    await page.fill(tid("budget-to"), "2026-12-31");
    await page.focus(tid("budget-amount"));
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("budget-ok"));
    assert.equal(await page.$(tid("budget-error")), null);
    assert.deepEqual((await calls(page, "set_budget")).map((c) => c.args.input).at(-1),
      { scope_kind: "provider", scope_value: "anthropic", amount: "120", currency: "USD", period: "2026-11-01..2026-12-31" });
    await page.click(tid("credit-grant-open"));
    assert.equal(await page.inputValue(tid("credit-on")), "2026-11-24", "the date starts at the core's today");
    await page.fill(tid("credit-organization"), "org-A");
    await page.fill(tid("credit-amount"), "5.00");
    await page.fill(tid("credit-expires"), "2027-11-24");
    await page.click(tid("credit-save"));
    await page.waitForFunction(() => !document.querySelector('[data-testid="credit-form"]'));
    assert.deepEqual((await calls(page, "add_grant")).map((c) => c.args.input),
      [{ provider: "openai", organization: "org-A", amount: "5.00", currency: "USD", on: "2026-11-24", expires: "2027-11-24", note: "" }]);
    await page.click(tid("credit-balance-open"));
    await page.fill(tid("credit-amount"), "4.25");
    await page.click(tid("credit-save"));
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent.includes("0.75") ?? false);
    await shot(page, "credits-budgets-forms");
    await page.click(tid("budget-remove"));
    await page.waitForFunction(() => !document.querySelector('[data-testid="budget-ok"]'));
    assert.deepEqual((await calls(page, "remove_budget")).map((c) => c.args.id), [1]);
    assert.equal(await page.$("#error"), null);
    await clean(page);
  });

  test("a subscription is marked cancelled on a date and the mark taken back", async () => {
    const page = await open(env, { txns: 50 });
    await page.click(tid("nav-subscriptions"));
    await page.click(`${tid("sub-cancel")} >> nth=0`);
    assert.equal(await page.inputValue(tid("sub-cancel-on")), "2026-11-24");
    await page.fill(tid("sub-cancel-on"), "2026-11-10");
    await page.click(tid("sub-cancel-save"));
    await page.waitForSelector(tid("sub-mark"));
    assert.deepEqual((await calls(page, "mark_cancelled")).map((c) => c.args.input),
      [{ vendor: "OpenAI", product: "ChatGPT Plus", on: "2026-11-10" }]);
    await page.click(tid("sub-unmark"));
    await page.waitForFunction(() => !document.querySelector('[data-testid="sub-mark"]'));
    assert.deepEqual((await calls(page, "unmark_cancelled")).map((c) => c.args.id), [1]);
    await clean(page);
  });
});
