// Component tests of the Reimbursement and Provider views (issue #7), the
// shell mocked (tests/mock-backend.js, its issue #7 block). Run by `npm test`
// after `npm run build`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calls, clean, open, shot, tid, useBrowser } from "./harness.mjs";

const env = useBrowser();

async function lineCount(page) {
  return page.locator(tid("rb-line")).count();
}

describe("reimbursement", () => {
  test("tags chosen and matching lines, previews, exports, marks and undoes", async () => {
    const page = await open(env, { txns: 300 });
    await page.click(tid("nav-reimburse"));
    await page.waitForSelector(tid("rb-line"));
    assert.equal(await page.getAttribute(tid("nav-reimburse"), "aria-current"), "page");

    // Three AI subscription lines, chosen one by one (the third by keyboard).
    await page.selectOption(tid("rb-filter-class"), "ai-subscription");
    await page.waitForFunction(() => document.querySelector('[data-testid="rb-matching"]')?.textContent?.includes("matching"));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="rb-line"]')].length > 3);
    const checks = page.locator(tid("rb-line-check"));
    await checks.nth(0).check();
    await checks.nth(1).check();
    await checks.nth(2).focus();
    await page.keyboard.press("Space");
    assert.match(await page.textContent(tid("rb-matching")), /3 selected/);
    assert.equal(await page.textContent(tid("rb-tag-selected")), "Add to 3 selected lines");
    await page.fill(tid("rb-tag"), "Client: Acme Corp");
    await page.click(tid("rb-tag-selected"));
    await page.waitForSelector(tid("rb-tag-result"));
    assert.match(await page.textContent(tid("rb-tag-result")), /Tagged 3 of 3 lines with client:Acme Corp/);
    const [first] = await calls(page, "tag_lines");
    assert.equal(first.args.target.ids.length, 3);
    assert.equal(first.args.target.query, null);
    assert.equal(first.args.remove, false);

    // Every Cursor line, through "all matching" (the query goes to the core).
    await page.selectOption(tid("rb-filter-class"), "");
    await page.selectOption(tid("rb-filter-vendor"), "cursor");
    await page.waitForFunction(() => /^\d+ matching/.test(document.querySelector('[data-testid="rb-matching"]')?.textContent ?? ""));
    const matching = Number((await page.textContent(tid("rb-matching"))).match(/^(\d+)/)[1]);
    assert.ok(matching > 0);
    await page.fill(tid("rb-tag"), "client:Acme Corp");
    await page.click(tid("rb-tag-matching"));
    await page.waitForFunction((n) => document.querySelector('[data-testid="rb-tag-result"]')?.textContent?.includes(`of ${n} lines`), matching);
    const all = (await calls(page, "tag_lines"))[1];
    assert.equal(all.args.target.ids, null);
    assert.equal(all.args.target.query.vendor, "cursor");
    // The tags show in the list.
    await page.waitForFunction(() => document.querySelector('[data-testid="rb-line"]')?.textContent?.includes("client:Acme Corp"));
    await shot(page, "money-reimburse-tagged");

    // The report: the client from its chip, a period, a preview.
    await page.click(tid("rb-client-chip"));
    assert.equal(await page.inputValue(tid("rb-client")), "Acme Corp");
    await page.fill(tid("rb-from"), "2025-01-01");
    await page.fill(tid("rb-to"), "2026-12-31");
    await page.click(tid("rb-preview-btn"));
    await page.waitForSelector(tid("rb-preview"));
    const rows = await page.locator(tid("rb-row")).count();
    assert.ok(rows >= 3, `${rows} report lines`);
    const req = (await calls(page, "reimburse_preview"))[0].args.request;
    assert.deepEqual(req, { client: "Acme Corp", from: "2025-01-01", to: "2026-12-31", currency: "USD", rates: [], include_reimbursed: true });
    // Totals are the core's strings, formatted.
    const eur = page.locator(`${tid("rb-total")}[data-currency="EUR"]`);
    const owed = await eur.getAttribute("data-amount");
    assert.match(owed, /^\d+\.\d\d$/);
    assert.match(await eur.textContent(), new RegExp(`€${Number(owed).toLocaleString("en-US", { minimumFractionDigits: 2 })}`));
    assert.ok((await page.locator(tid("rb-no-receipt")).count()) > 0, "lines missing a receipt are flagged");
    assert.match(await page.textContent(tid("rb-missing-receipts")), /Lines without a receipt/);
    // Subtotals per vendor and currency: the core's figures, formatted.
    const subs = page.locator(tid("rb-subtotal"));
    assert.ok((await subs.count()) > 0, "the preview lists subtotals");
    const cursorEur = page.locator(`${tid("rb-subtotal")}[data-by="vendor"][data-name="cursor"][data-currency="EUR"]`);
    const sub = await cursorEur.getAttribute("data-amount");
    assert.match(sub, /^\d+\.\d\d$/);
    assert.match(await cursorEur.textContent(), /Vendor cursor/);
    assert.match(await cursorEur.textContent(), new RegExp(`€${Number(sub).toLocaleString("en-US", { minimumFractionDigits: 2 })}`));
    await cursorEur.scrollIntoViewIfNeeded();
    await shot(page, "money-reimburse-subtotals");
    await shot(page, "money-reimburse-preview");

    // Exports go through the shell's save dialog; the view names the files.
    await page.click(tid("rb-export-csv"));
    await page.waitForSelector(tid("rb-export-result"));
    assert.match(await page.textContent(tid("rb-export-result")), /reimbursement-acme-corp\.csv/);
    assert.match(await page.textContent(tid("rb-export-result")), /receipts\.zip/);
    await page.click(tid("rb-export-pdf"));
    await page.waitForFunction(() => document.querySelector('[data-testid="rb-export-result"]')?.textContent?.includes(".pdf"));
    await page.click(tid("rb-export-zip"));
    await page.waitForFunction(() => !document.querySelector('[data-testid="rb-export-result"]')?.textContent?.includes(".pdf"));
    const kinds = (await calls(page, "export_reimbursement")).map((c) => c.args.kind);
    assert.deepEqual(kinds, ["csv", "pdf", "zip"]);
    assert.equal((await calls(page, "export_reimbursement"))[0].args.request.client, "Acme Corp");

    // Mark reimbursed: a confirmation first; cancel does nothing.
    await page.fill(tid("rb-paid-on"), "2026-11-21");
    await page.click(tid("rb-mark"));
    await page.waitForSelector(tid("rb-mark-confirm"));
    assert.match(await page.textContent(tid("rb-mark-confirm")), new RegExp(`${rows} lines of Acme Corp`));
    await shot(page, "money-reimburse-confirm");
    await page.click(tid("rb-mark-confirm-cancel"));
    assert.equal((await calls(page, "mark_reimbursed")).length, 0);
    await page.click(tid("rb-mark"));
    await page.click(tid("rb-mark-confirm-ok"));
    await page.waitForSelector(tid("rb-mark-result"));
    const mark = (await calls(page, "mark_reimbursed"))[0].args;
    assert.deepEqual([mark.client, mark.from, mark.to, mark.on], ["Acme Corp", "2025-01-01", "2026-12-31", "2026-11-21"]);
    await page.waitForFunction(() => document.querySelector('[data-testid="rb-reimbursed-on"]')?.textContent?.includes("2026"));
    assert.equal(await page.getAttribute(tid("rb-outstanding"), "data-amount"), "0.00");
    assert.equal(await page.isDisabled(tid("rb-mark")), true);
    await shot(page, "money-reimburse-marked");
    // Undo takes the marks off exactly those lines.
    await page.click(tid("rb-undo"));
    await page.waitForSelector(tid("rb-mark-result"), { state: "detached" });
    const undo = (await calls(page, "unmark_reimbursed"))[0].args;
    assert.equal(undo.ids.length, rows);
    await page.waitForFunction(() => document.querySelector('[data-testid="rb-reimbursed-on"]')?.textContent === "—");
    assert.equal(await page.isDisabled(tid("rb-mark")), false);
    await clean(page);
  });

  test("a refused tag shows the core's message and code", async () => {
    const page = await open(env, { txns: 50 });
    await page.click(tid("nav-reimburse"));
    await page.waitForSelector(tid("rb-line"));
    await page.locator(tid("rb-line-check")).first().check();
    await page.fill(tid("rb-tag"), "client:");
    await page.click(tid("rb-tag-selected"));
    await page.waitForSelector("#error");
    assert.match(await page.textContent(tid("error-message")), /names no one/);
    assert.match(await page.textContent(tid("error-code")), /bad-input/);
    await page.click(tid("error-dismiss"));
    // A preview without a client asks for one instead of calling the core.
    await page.fill(tid("rb-client"), "");
    await page.click(tid("rb-preview-btn"));
    assert.equal((await calls(page, "reimburse_preview")).length, 0);
    await clean(page);
  });

  for (const [locale, scheme] of [["en", "dark"], ["zh-CN", "light"], ["zh-CN", "dark"]]) {
    test(`renders in ${locale} (${scheme})`, async () => {
      const page = await open(env, { txns: 120 }, { locale, colorScheme: scheme });
      await page.click(tid("nav-reimburse"));
      await page.waitForSelector(tid("rb-line"));
      assert.ok((await lineCount(page)) > 0);
      await page.locator(tid("rb-line-check")).first().check();
      await page.fill(tid("rb-tag"), "client:Globex");
      await page.click(tid("rb-tag-selected"));
      await page.waitForSelector(tid("rb-tag-result"));
      await page.fill(tid("rb-client"), "Globex");
      await page.fill(tid("rb-from"), "2025-01-01");
      await page.fill(tid("rb-to"), "2026-12-31");
      await page.click(tid("rb-preview-btn"));
      await page.waitForSelector(tid("rb-row"));
      if (locale === "zh-CN") assert.match(await page.textContent("h2"), /报销/);
      await shot(page, `money-reimburse-${locale}-${scheme}`);
      await clean(page);
    });
  }
});

describe("providers", () => {
  for (const [locale, scheme] of [["en", "light"], ["en", "dark"], ["zh-CN", "light"], ["zh-CN", "dark"]]) {
    test(`cost by project, line item, model, key and month with the chart (${locale}, ${scheme})`, async () => {
      const page = await open(env, { txns: 100 }, { locale, colorScheme: scheme });
      await page.click(tid("nav-providers"));
      await page.waitForSelector(tid("provider-chart"));
      assert.equal(await page.locator(tid("provider-bar")).count(), 2);
      assert.equal(await page.getAttribute(`${tid("pv-total")}[data-provider="openai"]`, "data-amount"), "243.45");
      // Token counts are grouped in the app's language (not the webview's default).
      await page.waitForSelector(`${tid("us-line")}[data-key="claude-code"]`);
      assert.match(await page.textContent(`${tid("us-line")}[data-key="claude-code"]`), /5,135/);
      if (locale === "en") {
        assert.match(await page.textContent(`${tid("pv-total")}[data-provider="openai"]`), /\$243\.45/);
        assert.match(await page.textContent(tid("pv-other-currencies")), /EUR/);
      }
      // The chart's table alternative holds the same figures.
      assert.match(await page.textContent(tid("provider-chart-table")), /123\.45/);
      assert.equal(await page.getAttribute(`${tid("provider-chart")} svg`, "role"), "img");
      // Project first, biggest first; then each grouping by its radio.
      assert.equal(await page.getAttribute(tid("pv-groups"), "data-by"), "project");
      assert.equal(await page.getAttribute(tid("pv-group"), "data-key"), "Client Atlas");
      for (const [by, key] of [["line_item", "gpt-5, input_tokens"], ["model", "Claude Sonnet 4.5"], ["api_key", "key_9TmQ2xVbR7sLk4Pd"], ["month", "2026-10"]]) {
        await page.check(tid(`pv-by-${by}`));
        await page.waitForFunction((b) => document.querySelector('[data-testid="pv-groups"]')?.getAttribute("data-by") === b, by);
        assert.ok(await page.locator(`${tid("pv-group")}[data-key="${key}"]`).count() > 0, `${by}: ${key}`);
      }
      assert.equal(await page.locator(tid("pv-vs-row")).count(), 5);
      await page.check(tid("pv-by-project"));
      await shot(page, `money-providers-${locale}-${scheme}`);
      await clean(page);
    });
  }

  test("filters go to the core; the radios work from the keyboard", async () => {
    const page = await open(env, { txns: 100 });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("pv-group"));
    await page.selectOption(tid("pv-provider"), "anthropic");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pv-total"]').length === 1);
    await page.fill(tid("pv-from"), "2026-11-01");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pv-group"]').length > 0);
    const last = (await calls(page, "provider_view")).at(-1).args.query;
    assert.deepEqual(last, { provider: "anthropic", from: "2026-11-01", to: null });
    await page.focus(tid("pv-by-project"));
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector('[data-testid="pv-groups"]')?.getAttribute("data-by") === "line_item");
    await clean(page);
  });

  test("an empty ledger says how to get provider records", async () => {
    const page = await open(env, { txns: 0, providerEmpty: true });
    await page.click(tid("nav-providers"));
    await page.waitForSelector(tid("pv-empty"));
    assert.match(await page.textContent(tid("pv-empty")), /Import an OpenAI or Anthropic cost export/);
    await shot(page, "money-providers-empty");
    await clean(page);
  });
});
