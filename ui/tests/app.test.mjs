// Component tests of the built app in headless Chromium, the shell mocked
// (tests/mock-backend.js). Run by `npm test` after `npm run build`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calls, clean, open, shot, tid, useBrowser } from "./harness.mjs";

const env = useBrowser();

describe("shell", () => {
  test("the header keeps #txn-count and #ledger-path for the desktop tests", async () => {
    const page = await open(env, { txns: 1234 });
    await page.waitForSelector("#txn-count");
    assert.equal((await page.textContent("#txn-count")).trim(), "1,234 transactions in the ledger");
    assert.equal(await page.textContent("#ledger-path"), "/home/mei/.local/share/app.aispend.desktop/ledger.sqlite");
    assert.equal(await page.$("#error"), null);
    assert.equal(await page.title(), "AI Spend");
    await clean(page);
  });

  test("the dashboard asks for its data while the overview is still on its way", async () => {
    const page = await open(env, { txns: 1234, holdOverview: true });
    // Both requests are out before either answers: the first paint waits for
    // one round trip, not two in a row.
    await page.waitForFunction(() => window.__mock.callsOf("dashboard").length === 1, null, { timeout: 10000 });
    assert.equal((await calls(page, "ledger_overview")).length, 1);
    assert.equal(await page.$(tid("month-ai-subscription")), null, "no figures before the overview");
    assert.match(await page.textContent("main"), /Opening the ledger/);
    await page.evaluate(() => window.__mock.releaseOverview());
    await page.waitForSelector(tid("month-ai-subscription"));
    assert.equal((await calls(page, "dashboard")).length, 1, "the data already fetched is used");
    await clean(page);
  });

  test("on Linux the text uses the plain sans-serif stack, not system-ui", async () => {
    const page = await open(env, { txns: 1234 });
    await page.waitForSelector(tid("month-ai-subscription"));
    const fonts = await page.evaluate(() => ({
      ua: navigator.userAgent,
      linux: document.documentElement.classList.contains("os-linux"),
      font: getComputedStyle(document.documentElement).getPropertyValue("--font").trim(),
      body: getComputedStyle(document.body).fontFamily,
    }));
    assert.match(fonts.ua, /Linux/, "the test browser runs on Linux");
    assert.ok(fonts.linux, "main.ts marks the platform before mounting");
    assert.equal(fonts.font, "sans-serif");
    assert.equal(fonts.body, "sans-serif");
    await clean(page);
  });

  test("a ledger that cannot be opened shows #error with its message and code", async () => {
    const page = await open(env, {
      failOverview: { code: "newer-ledger", message: "This ledger was written by a newer AI Spend (schema 9). Install the latest version to open it." },
    });
    await page.waitForSelector("#error");
    const text = await page.textContent("#error");
    assert.match(text, /newer AI Spend/);
    assert.match(text, /newer-ledger/);
    assert.equal(await page.$("#txn-count"), null);
    await shot(page, "error-fatal");
    await page.close();
  });

  test("a failing command shows its message in the #error live region", async () => {
    const page = await open(env, { txns: 50, fail: { subscriptions: { code: "db-busy", message: "The ledger is busy. Close other AI Spend windows and try again." } } });
    await page.click(tid("nav-subscriptions"));
    await page.waitForSelector("#error");
    assert.equal(await page.getAttribute("#error", "role"), "alert");
    assert.match(await page.textContent(tid("error-message")), /Close other AI Spend windows/);
    assert.match(await page.textContent(tid("error-code")), /db-busy/);
    // In English the core's message is the whole text: no summary before it.
    assert.equal(await page.$(tid("error-summary")), null);
    await shot(page, "error-banner");
    await page.click(tid("error-dismiss"));
    assert.equal(await page.$("#error"), null);
    // the view offers to try again instead of loading forever
    await page.click(tid("retry"));
    await page.waitForSelector("#error");
    assert.equal((await calls(page, "subscriptions")).length, 2);
    await page.click(tid("error-dismiss"));
    await clean(page);
  });

  test("a write by another program (the CLI) reloads the views without a restart", async () => {
    const page = await open(env, { txns: 1234 });
    await page.waitForSelector("#txn-count");
    await page.waitForFunction(() => window.__mock.callsOf("ledger_version").length >= 1, null, { timeout: 10000 });
    await page.evaluate(() => {
      window.__mock.state.overview.transactions += 18;
      window.__mock.state.externalVersion = 7;
    });
    await page.waitForFunction(() => document.querySelector("#txn-count").textContent.trim() === "1,252 transactions in the ledger", null, { timeout: 10000 });
    assert.match(await page.textContent(tid("status")), /changed by another program/);
    await clean(page);
  });

  test("the app's own watch scan reloads the views without saying another program wrote", async () => {
    const page = await open(env, { txns: 1234 });
    await page.waitForSelector("#txn-count");
    await page.waitForFunction(() => window.__mock.listening("usage-scanned") > 0, null, { timeout: 10000 });
    await page.waitForFunction(() => window.__mock.callsOf("ledger_version").length >= 1, null, { timeout: 10000 });
    const before = (await calls(page, "ledger_overview")).length;
    // The watch writes through the app's own connection: the version the
    // UI polls stays as it was; the shell sends its event instead.
    await page.evaluate(() => {
      window.__mock.state.overview.transactions += 5;
      window.__mock.emit("usage-scanned", 42);
    });
    await page.waitForFunction(() => document.querySelector("#txn-count").textContent.trim() === "1,239 transactions in the ledger", null, { timeout: 10000 });
    assert.ok((await calls(page, "ledger_overview")).length > before, "the views reloaded");
    // Several polls later, still no notice.
    const polls = (await calls(page, "ledger_version")).length;
    await page.waitForFunction((n) => window.__mock.callsOf("ledger_version").length >= n + 2, polls, { timeout: 10000 });
    assert.doesNotMatch(await page.textContent(tid("status")), /changed by another program/);
    await clean(page);
  });

  test("in Chinese an error says what its code means, and keeps the core's English detail", async () => {
    const message = '"XYZ" is not a currency code; expected three capital letters such as USD, EUR or CNY';
    const page = await open(env, { txns: 50, fail: { subscriptions: { code: "bad-currency", message } } }, { locale: "zh-CN" });
    await page.click(tid("nav-subscriptions"));
    await page.waitForSelector("#error");
    assert.equal(await page.textContent(tid("error-summary")), "这不是货币代码；请使用三个大写字母，例如 USD、EUR 或 CNY。");
    assert.match(await page.textContent(tid("error-message")), /详细信息（英文）："XYZ" is not a currency code/);
    assert.equal(await page.getAttribute(`${tid("error-message")} [lang="en"]`, "lang"), "en");
    await shot(page, "error-banner-zh-CN");
    await clean(page);
  });

  test("in Chinese a bad-input summary fits input that is not a file's line", async () => {
    // A refused option value, not an import: the summary must not speak of a file.
    const message = 'the amount "12,5x" is not a number';
    const page = await open(env, { txns: 50, fail: { subscriptions: { code: "bad-input", message } } }, { locale: "zh-CN" });
    await page.click(tid("nav-subscriptions"));
    await page.waitForSelector("#error");
    const summary = await page.textContent(tid("error-summary"));
    assert.equal(summary, "所给的内容无法使用，因此没有做任何更改。详细信息中写明了是哪个值（或文件的哪一行）以及原因。");
    assert.doesNotMatch(summary, /此文件中有一行|导入/);
    assert.match(await page.textContent(tid("error-message")), /详细信息（英文）：the amount "12,5x" is not a number/);
    await clean(page);
  });
});

describe("dashboard", () => {
  for (const [locale, scheme] of [["en", "light"], ["en", "dark"], ["zh-CN", "light"], ["zh-CN", "dark"]]) {
    test(`renders totals and the trend chart (${locale}, ${scheme})`, async () => {
      const page = await open(env, { txns: 5000 }, { locale, colorScheme: scheme });
      await page.waitForSelector(tid("trend-chart"));
      if (locale === "en") {
        assert.equal(await page.textContent(tid("month-ai-subscription-amount")), "€87.34");
        assert.equal(await page.textContent(tid("month-everyday-amount")), "€1,843.27");
        assert.equal(await page.textContent(tid("ai-share-value")), "6.5%");
        assert.match(await page.textContent(tid("currency-note")), /USD, GBP/);
        assert.match(await page.textContent(tid("pending-note")), /^3 pending lines/);
      } else {
        assert.match(await page.textContent("h2"), /概览/);
        // The formatting helpers in Chinese: money and percent as zh-CN
        // writes them, counts with their measure word, names joined by 、.
        assert.equal(await page.textContent(tid("month-ai-subscription-amount")), "€87.34");
        assert.equal(await page.textContent(tid("month-everyday-amount")), "€1,843.27");
        assert.equal(await page.textContent(tid("ai-share-value")), "6.5%");
        assert.match(await page.textContent(tid("currency-note")), /USD、GBP/);
        assert.match(await page.textContent(tid("pending-note")), /^3 笔待入账记录/);
      }
      assert.equal(await page.locator(`${tid("trend-bar")}`).count(), 12);
      // the text alternative: an SVG title/desc and a table with all 12 months
      assert.equal(await page.locator(`${tid("trend-chart")} svg[role="img"] title`).count() > 0, true);
      assert.equal(await page.locator(`${tid("trend-table")} tbody tr`).count(), 12);
      assert.equal(await page.locator(`${tid("top-vendors")} li`).count(), 4);
      assert.equal(await page.locator(`${tid("renewals")} li`).count(), 3);
      await shot(page, `dashboard-${locale}-${scheme}`);
      await clean(page);
    });
  }
});

describe("first run", () => {
  test("an empty ledger offers sample data; the banner removes it again", async () => {
    const page = await open(env, { txns: 0 });
    await page.waitForSelector(tid("first-run"));
    await shot(page, "first-run");
    await page.click(tid("sample-load"));
    await page.waitForSelector(tid("sample-banner"));
    assert.equal((await page.textContent("#txn-count")).trim(), "2,400 transactions in the ledger");
    // The status said before a language switch follows it (it used to stay English).
    const said = (await page.textContent(tid("status"))).trim();
    assert.ok(said !== "", "a status was said");
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "zh-CN");
    const now = (await page.textContent(tid("status"))).trim();
    assert.notEqual(now, said);
    assert.match(now, /[\u4e00-\u9fff]/, `the status is in Chinese now: ${now}`);
    await page.selectOption(tid("set-language"), "en");
    await page.click(tid("nav-dashboard"));
    await page.waitForSelector(tid("trend-chart"));
    await shot(page, "sample-loaded");
    await page.click(tid("sample-remove"));
    await page.waitForSelector(tid("first-run"));
    assert.equal(await page.$(tid("sample-banner")), null);
    assert.equal((await calls(page, "load_sample")).length, 1);
    assert.equal((await calls(page, "remove_sample")).length, 1);
    await clean(page);
  });

  test("“Import your own files” opens the import view", async () => {
    const page = await open(env, { txns: 0 });
    await page.click(tid("firstrun-import"));
    await page.waitForSelector(tid("import-pick"));
    await clean(page);
  });
});

describe("transactions", () => {
  test("a 1,000,000-line ledger keeps only a window of rows in the DOM and pages as it scrolls", async () => {
    const page = await open(env, { txns: 1_000_000 });
    await page.click(tid("nav-transactions"));
    await page.waitForSelector(tid("txn-row"));
    assert.equal(await page.textContent(tid("txn-matching")), "1,000,000 matching lines");
    const firstPage = await calls(page, "txn_page");
    assert.equal(firstPage.length, 1);
    assert.equal(firstPage[0].args.cursor, null);
    assert.equal(firstPage[0].args.limit, 200);
    const inDom = await page.locator(tid("txn-row")).count();
    assert.ok(inDom > 5 && inDom < 60, `${inDom} rows in the DOM`);

    // scroll well past the first page, step by step like a user would
    const table = page.locator(tid("txn-table"));
    for (let i = 0; i < 12; i += 1) {
      await table.evaluate((el) => el.scrollBy(0, 1200));
      await page.waitForTimeout(30);
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="txn-row"]').length > 5);
    const pages = await calls(page, "txn_page");
    assert.ok(pages.length >= 2, "the next page was loaded");
    assert.deepEqual(Object.keys(pages[1].args.cursor).sort(), ["date", "id"]);
    const ids = await page.locator(tid("txn-row")).evaluateAll((rows) => rows.map((r) => Number(r.dataset.id)));
    assert.ok(Math.max(...ids) < 1_000_000 - 300, "rows from further down are shown");
    assert.ok(ids.length < 60, `${ids.length} rows in the DOM after scrolling`);

    // jump to the bottom of the scroll area: the last rows appear, still a window
    await table.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="txn-row"][data-id="1"]').length === 1, null, { timeout: 20000 });
    assert.ok((await page.locator(tid("txn-row")).count()) < 60);
    // The jump asked for the cursor at the spot instead of paging there.
    assert.ok((await calls(page, "txn_seek")).length >= 1, "txn_seek was used for the jump");
    const allPages = await calls(page, "txn_page");
    assert.ok(allPages.length < 20, `${allPages.length} txn_page calls to reach the bottom of 1,000,000 lines`);
    assert.ok(allPages.every((c) => c.args.limit <= 200));
    await shot(page, "transactions-bottom");
    await clean(page);
  });

  test("filters go to txn_count and txn_page; free text is debounced", async () => {
    const page = await open(env, { txns: 20000 });
    await page.click(tid("nav-transactions"));
    await page.waitForSelector(tid("txn-row"));
    await page.selectOption(tid("filter-class"), "ai-api");
    await page.waitForFunction(() => document.querySelector('[data-testid="txn-matching"]').textContent === "2,000 matching lines");
    // Vendors show by the catalog's name, in the table and the filter menu.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="txn-row"] [role="gridcell"]:nth-child(5)')].some((c) => c.textContent === "OpenAI"));
    const vendorCells = await page.locator(`${tid("txn-row")} [role="gridcell"]:nth-child(5)`).allTextContents();
    assert.ok(!vendorCells.includes("openai"), `ids shown: ${vendorCells}`);
    assert.deepEqual(await page.locator(`${tid("filter-vendor")} option`).allTextContents(), ["All", "Anthropic", "Cursor", "Midjourney", "OpenAI"]);
    await page.fill(tid("filter-text"), "o");
    await page.fill(tid("filter-text"), "op");
    await page.fill(tid("filter-text"), "openai");
    await page.waitForFunction(() => {
      const q = window.__mock.callsOf("txn_count").at(-1).args.query;
      return q.text === "openai";
    });
    const counts = (await calls(page, "txn_count")).map((c) => c.args.query.text);
    assert.ok(!counts.includes("o") && !counts.includes("op"), `debounced: ${JSON.stringify(counts)}`);
    const last = (await calls(page, "txn_page")).at(-1).args.query;
    assert.deepEqual(last, { from: null, to: null, account: null, class: "ai-api", vendor: null, status: null, text: "openai" });
    await page.fill(tid("filter-from"), "2026-06-01");
    await page.waitForFunction(() => window.__mock.callsOf("txn_count").at(-1).args.query.from === "2026-06-01");
    await shot(page, "transactions-filtered");
    await page.click(tid("filter-clear"));
    await page.waitForFunction(() => document.querySelector('[data-testid="txn-matching"]').textContent === "20,000 matching lines");
    await clean(page);
  });

  test("jump to a date: the core finds the position, the view scrolls there and selects the line", async () => {
    const page = await open(env, { txns: 1000000 });
    await page.click(tid("nav-transactions"));
    await page.waitForSelector(tid("txn-row"));
    await page.fill(tid("jump-date"), "2026-03-15");
    await page.click(tid("jump-go"));
    const call = (await calls(page, "txn_seek_date")).at(-1);
    assert.equal(call.args.date, "2026-03-15");
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="txn-table"]').getAttribute("aria-activedescendant")?.slice(8) ?? 0) > 0);
    const pos = Number((await page.getAttribute(tid("txn-table"), "aria-activedescendant")).slice("txn-row-".length));
    assert.ok(pos > 500000 && pos < 1000000, `position ${pos}`);
    // The selected line is the newest on or before the day; the one above it is after it.
    const dateOf = (i) => page.locator(`#txn-row-${i} [role="gridcell"]`).first().textContent();
    await page.waitForSelector(`#txn-row-${pos - 1}`, { state: "attached" });
    assert.ok(new Date(await dateOf(pos)) <= new Date("2026-03-15T23:59:59"), await dateOf(pos));
    assert.ok(new Date(await dateOf(pos - 1)) > new Date("2026-03-15T23:59:59"), await dateOf(pos - 1));
    // No paging from the top: a handful of pages, not thousands.
    assert.ok((await calls(page, "txn_page")).length < 10);
    await shot(page, "transactions-jump");
    await clean(page);
  });

  test("arrow keys move the selection, Enter opens the editor, Escape closes it", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-transactions"));
    await page.waitForSelector(tid("txn-row"));
    await page.focus(tid("txn-table"));
    const selected = () => page.getAttribute(tid("txn-table"), "aria-activedescendant");
    assert.equal(await selected(), "txn-row-0");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    assert.equal(await selected(), "txn-row-2");
    assert.equal(await page.getAttribute("#txn-row-2", "aria-selected"), "true");
    await page.keyboard.press("PageDown");
    const afterPage = Number((await selected()).slice("txn-row-".length));
    assert.ok(afterPage > 10, `PageDown moved to ${afterPage}`);
    await page.keyboard.press("Home");
    assert.equal(await selected(), "txn-row-0");
    // the selection scrolls into view
    for (let i = 0; i < 40; i += 1) await page.keyboard.press("ArrowDown");
    assert.equal(await selected(), "txn-row-40");
    assert.ok(await page.locator("#txn-row-40").isVisible());
    await shot(page, "transactions-keyboard");
    await page.keyboard.press("Enter");
    await page.waitForSelector(`${tid("txn-editor")}[open]`);
    assert.equal(await page.inputValue(tid("edit-class")), "ai-subscription");
    await page.keyboard.press("Escape");
    await page.waitForSelector(`${tid("txn-editor")}:not([open])`, { state: "attached" });
    await clean(page);
  });

  test("the line detail panel: rate, import, receipts attached by dialog or by a drop on the line, opened and removed", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-transactions"));
    await page.waitForSelector(tid("txn-row"));
    // Drop a receipt on the first line (an AI subscription charged in EUR for USD).
    await page.waitForFunction(() => window.__mock.listening("files-dropped") === 1);
    const box = await page.locator(`${tid("txn-row")}[data-id="1000"]`).boundingBox();
    await page.evaluate(({ x, y }) => {
      const f = { token: "tok-rcpt", name: "chatgpt-receipt.png", size: 20480 };
      window.__mock.state.picked.push(f);
      window.__mock.emit("files-dropped", { files: [f], x, y });
    },
      { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    await page.waitForSelector(`${tid("txn-editor")}[open] ${tid("receipt")}`);
    assert.deepEqual((await calls(page, "line_attach_receipts")).map((c) => c.args), [{ id: 1000, tokens: ["tok-rcpt"] }]);
    assert.equal(await page.getAttribute(tid("receipt"), "data-name"), "chatgpt-receipt.png");
    await page.waitForSelector(tid("receipt-thumb"));
    assert.equal(await page.textContent(tid("txn-rate")), "1 USD = 0.927 EUR");
    assert.match(await page.textContent(tid("txn-batch")), /Chase1234_Activity_20261120\.CSV/);
    assert.ok(await page.isVisible(tid("make-rule")), "make this a rule is on the panel");

    // A second one by the dialog, and one dropped while the panel is open.
    await page.evaluate(() => { window.__mock.state.picked = [{ token: "tok-pdf", name: "Invoice-7781.pdf", size: 51200 }]; });
    // (the dialog's pick replaces what was registered before)
    await page.click(tid("receipt-add"));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="receipt"]').length === 2);
    await page.evaluate(() => {
      const f = { token: "tok-eml", name: "receipt.eml", size: 3000 };
      window.__mock.state.picked.push(f);
      window.__mock.emit("files-dropped", { files: [f], x: null, y: null });
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="receipt"]').length === 3);

    // Open asks the shell; Remove takes it off the line.
    await page.click(`${tid("receipt")}[data-name="Invoice-7781.pdf"] ${tid("receipt-open")}`);
    await page.waitForFunction(() => window.__mock.callsOf("receipt_open").length === 1);
    assert.deepEqual((await calls(page, "receipt_open"))[0].args, { id: 1000, receiptId: 2 });
    await page.click(`${tid("receipt")}[data-name="Invoice-7781.pdf"] ${tid("receipt-remove")}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="receipt"]').length === 2);
    await shot(page, "line-detail");
    await page.keyboard.press("Escape");
    await page.waitForSelector(`${tid("txn-editor")}:not([open])`, { state: "attached" });

    // A drop that falls beside the lines goes to the import as before.
    await page.evaluate(() => window.__mock.emit("files-dropped", { files: [{ token: "tok-csv", name: "Visa.csv", size: 100 }], x: 5, y: 5 }));
    await page.waitForSelector(`${tid("import-file")}[data-name="Visa.csv"]`);
    assert.equal((await calls(page, "line_attach_receipts")).length, 2, "no third line attach");
    await clean(page);
  });

  test("editing a row calls edit_txn with the whole edit; make-a-rule reports re-classified lines", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-transactions"));
    await page.locator(tid("txn-row")).nth(8).click(); // UNKNOWN MERCHANT, unclassified
    await page.waitForSelector(`${tid("txn-editor")}[open]`);
    const id = 1000 - 8;
    await page.selectOption(tid("edit-class"), "ai-api");
    await page.fill(tid("edit-vendor"), "openrouter");
    await page.fill(tid("edit-tags"), "work, reimbursable ,");
    await page.fill(tid("edit-note"), "OpenRouter credits");
    await shot(page, "transactions-editor");
    await page.click(tid("edit-save"));
    await page.waitForSelector(`${tid("txn-editor")}:not([open])`, { state: "attached" });
    const edits = await calls(page, "edit_txn");
    assert.deepEqual(edits.at(-1).args, {
      id,
      edit: { class: "ai-api", vendor: "openrouter", tags: ["work", "reimbursable"], note: "OpenRouter credits" },
    });
    const row = page.locator(`${tid("txn-row")}[data-id="${id}"]`);
    assert.match(await row.textContent(), /AI API/);
    assert.match(await row.textContent(), /openrouter/);

    await row.click();
    await page.click(tid("make-rule"));
    await page.waitForSelector(tid("rule-result"));
    assert.equal(await page.textContent(tid("rule-result")), "Rule created: 1,234 lines were re-classified.");
    assert.deepEqual((await calls(page, "rule_from_txn")).at(-1).args, { id });
    await shot(page, "transactions-rule");
    await clean(page);
  });

  test("the line panel shows the bank's fields and why the line has its class, in both languages", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-transactions"));
    await page.locator(tid("txn-row")).nth(1).click(); // ANTHROPIC CLAUDE.AI SUBSCRIPTION
    await page.waitForSelector(`${tid("txn-editor")}[open]`);
    const fields = await page.locator(`${tid("txn-details")} dd`).evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-field"), e.textContent]),
    );
    assert.deepEqual(fields, [
      ["merchant", "Anthropic"],
      ["descriptor", "ANTHROPIC CLAUDE.AI SUBSCRIPTION"],
      ["category", "Bills"],
      ["type", "Card payment"],
    ]);
    assert.match(await page.textContent(tid("txn-details")), /Card descriptor/);
    assert.equal(
      (await page.textContent(tid("txn-why"))).replace(/\s+/g, " ").trim(),
      "Catalog entry anthropic/claude: Card descriptor has “CLAUDE.AI SUBSCRIPTION”; original amount at the plan price USD 20.00",
    );
    await shot(page, "transactions-details");
    await clean(page);
    const zh = await open(env, { txns: 1000 }, { locale: "zh-CN" });
    await zh.click(tid("nav-transactions"));
    await zh.locator(tid("txn-row")).nth(1).click();
    await zh.waitForSelector(`${tid("txn-editor")}[open]`);
    assert.match(await zh.textContent(tid("txn-details")), /卡账单描述/);
    assert.match(await zh.textContent(tid("txn-why")), /目录条目 anthropic\/claude：卡账单描述含“CLAUDE.AI SUBSCRIPTION”/);
    await clean(zh);
  });
});

describe("import", () => {
  test("preview → mapping step → commit with progress → result", async () => {
    const page = await open(env, { txns: 563, commitSteps: 5, commitStepMs: 150 });
    await page.click(tid("nav-import"));
    await page.click(tid("import-pick"));
    await page.waitForSelector(tid("preview-counts"));
    assert.deepEqual((await calls(page, "import_preview"))[0].args, {
      tokens: ["tok-chase", "tok-bank", "tok-png"],
      options: { account: null, format: null, mapping: null, profile: null, header_line: null, currency: null, skip_bad_rows: false },
    });
    const chase = page.locator(`${tid("import-file")}[data-name^="Chase"]`);
    assert.equal(await chase.locator(tid("preview-format")).textContent(), "chase-csv");
    assert.match(await chase.locator(tid("preview-added")).textContent(), /^37 new/);
    assert.match(await chase.locator(tid("preview-duplicates")).textContent(), /^412 duplicates/);
    assert.match(await chase.locator(tid("preview-rejected")).textContent(), /^1 rejected/);
    const png = page.locator(`${tid("import-file")}[data-name="receipt.png"]`);
    assert.match(await png.locator(tid("preview-error")).textContent(), /not a statement AI Spend can read/);
    assert.equal(await page.textContent(tid("import-commit")), "Import 1 file");

    // the unknown CSV: map its columns
    await page.waitForSelector(tid("mapping-step"));
    assert.equal(await page.locator(`${tid("mapping-sample")} tbody tr`).count(), 3);
    assert.equal(await page.inputValue(tid("map-date")), "Booking date");
    assert.equal(await page.inputValue(tid("map-amount")), "Value");
    assert.equal(await page.inputValue(tid("map-profile")), "my-bank-export");
    assert.equal(await page.inputValue(tid("map-header-line")), "1");
    // the header is below a preamble: another line is asked for, and shown
    await page.fill(tid("map-header-line"), "3");
    await page.dispatchEvent(tid("map-header-line"), "change");
    await page.waitForSelector(tid("map-preamble"));
    assert.deepEqual((await calls(page, "import_preview")).at(-1).args, {
      tokens: ["tok-bank"],
      options: { account: null, format: null, mapping: null, profile: null, header_line: 3, currency: null, skip_bad_rows: false },
    });
    assert.match(await page.textContent(tid("map-preamble")), /The 2 lines above it are skipped/);
    await page.selectOption(tid("map-description"), "Text");
    await page.fill(tid("map-account"), "Sparkasse Giro");
    await shot(page, "import-mapping");
    await page.click(tid("map-apply"));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="preview-counts"]').length === 2);
    const mapped = (await calls(page, "import_preview")).at(-1).args;
    assert.deepEqual(mapped, {
      tokens: ["tok-bank"],
      options: { account: "Sparkasse Giro", format: null, mapping: {
          columns: [
            { role: "date", column: "Booking date" },
            { role: "amount", column: "Value" },
            { role: "description", column: "Text" },
            { role: "currency", column: "Currency" },
          ],
        }, profile: "my-bank-export", header_line: 3, currency: null, skip_bad_rows: false },
    });
    assert.equal(await page.textContent(tid("import-commit")), "Import 2 files");
    await shot(page, "import-preview");

    await page.click(tid("import-commit"));
    await page.waitForSelector(`${tid("import-progress")} progress`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"] progress')?.value ?? 0) > 0);
    await shot(page, "import-progress");
    await page.waitForSelector(tid("import-result"), { timeout: 10000 });
    const commits = await calls(page, "import_commit");
    assert.equal(commits.length, 2, "default-option files and the mapped file go in separate calls");
    assert.deepEqual(commits[0].args.tokens, ["tok-chase"]);
    assert.deepEqual(commits[1].args, { tokens: ["tok-bank"], options: mapped.options });
    assert.equal(await page.locator(tid("import-result-file")).count(), 2);
    // the ledger count and the history follow
    await page.waitForFunction(() => document.querySelector("#txn-count").textContent.trim() === "603 transactions in the ledger");
    assert.equal(await page.locator(tid("history-row")).count(), 5);
    await shot(page, "import-done");
    await clean(page);
  });

  test("a file without a currency says which it assumed; the user can give another", async () => {
    const page = await open(env, { txns: 10 });
    await page.waitForFunction(() => window.__mock.listening("files-dropped") === 1);
    await page.evaluate(() => window.__mock.emit("files-dropped", { files: [{ token: "tok-qif", name: "Visa_2026-11.qif", size: 812 }], x: null, y: null }));
    await page.waitForSelector(tid("preview-notice"));
    assert.equal(await page.getAttribute(tid("preview-notice"), "data-code"), "assumed_currency");
    assert.match(await page.textContent(tid("preview-notice")), /read as USD.*the currency field under the file/);
    await shot(page, "import-assumed-currency");
    await page.fill(tid("preview-currency"), "eur");
    await page.click(tid("preview-currency-apply"));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="preview-notice"]').length === 0);
    assert.deepEqual((await calls(page, "import_preview")).at(-1).args, {
      tokens: ["tok-qif"],
      options: { account: null, format: null, mapping: null, profile: null, header_line: null, currency: "EUR", skip_bad_rows: false },
    });
    // the currency stays shown, and goes with the commit
    assert.equal(await page.inputValue(tid("preview-currency")), "EUR");
    await page.click(tid("import-commit"));
    await page.waitForSelector(tid("import-result"), { timeout: 10000 });
    assert.equal((await calls(page, "import_commit")).at(-1).args.options.currency, "EUR");
    await clean(page);
  });

  test("an import error names file, line and field in the current language, and follows a language switch", async () => {
    const page = await open(env, { txns: 20 });
    await page.evaluate(() => {
      window.__mock.state.picked = [{ token: "tok-badrows", name: "bmo.csv", size: 400 }];
    });
    await page.click(tid("nav-import"));
    await page.click(tid("import-pick"));
    const err = `${tid("import-file")}[data-name="bmo.csv"] ${tid("preview-error")}`;
    await page.waitForSelector(err);
    assert.equal(await page.getAttribute(err, "data-msg-id"), "import-bad-amount");
    assert.match(await page.textContent(err), /bmo\.csv:4: Transaction Amount "12,3x" is not an amount; expected a number such as -12\.34/);
    // Switched while the error is on screen: the core's message re-renders from the zh-CN catalog.
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "zh-CN");
    await page.click(tid("nav-import"));
    await page.waitForSelector(err);
    assert.match(await page.textContent(err), /bmo\.csv:4：字段“Transaction Amount”的值“12,3x”不是金额；应为数字，例如 -12\.34/);
    await shot(page, "import-error-zh-CN");
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "en");
    await page.click(tid("nav-import"));
    await page.waitForSelector(err);
    assert.match(await page.textContent(err), /is not an amount/);
    await clean(page);
  });

  test("a parser's found and expected are messages too: the whole error follows the language", async () => {
    const page = await open(env, { txns: 20 }, { locale: "zh-CN" });
    await page.evaluate(() => {
      window.__mock.state.picked = [{ token: "tok-ofxcut", name: "bank.ofx", size: 900 }];
    });
    await page.click(tid("nav-import"));
    await page.click(tid("import-pick"));
    const err = `${tid("import-file")}[data-name="bank.ofx"] ${tid("preview-error")}`;
    await page.waitForSelector(err);
    assert.equal(await page.getAttribute(err, "data-msg-id"), "import-malformed");
    assert.match(await page.textContent(err),
      /bank\.ofx:33：文件结构有误（文件在 <STMTTRN>（第 28 行开始）内部结束）；应为：<\/STMTTRN> 及账单的其余部分；文件看起来被截断了，请重新下载/);
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "en");
    await page.click(tid("nav-import"));
    await page.waitForSelector(err);
    assert.match(await page.textContent(err),
      /bank\.ofx:33: the file ends inside <STMTTRN> \(opened on line 28\); expected <\/STMTTRN> and the rest of the statement; the file looks cut short/);
    await clean(page);
  });

  test("the preview shows the lines to add, each duplicate with its ledger line, and rows left out with their reasons", async () => {
    const page = await open(env, { txns: 20 });
    await page.evaluate(() => {
      window.__mock.state.picked = [{ token: "tok-grown", name: "Chase1234_grown.CSV", size: 900 }, { token: "tok-badrows", name: "bmo.csv", size: 400 }];
    });
    await page.click(tid("nav-import"));
    await page.click(tid("import-pick"));
    const grown = `${tid("import-file")}[data-name="Chase1234_grown.CSV"]`;
    await page.waitForSelector(`${grown} ${tid("preview-lines")}`);
    await page.click(`${grown} ${tid("preview-lines")} summary`);
    const added = await page.$$eval(`${grown} ${tid("preview-new-line")}`, (rows) => rows.map((r) => r.textContent));
    assert.equal(added.length, 2);
    assert.match(added[0], /CURSOR USAGE MID NOV/);
    assert.match(await page.textContent(`${grown} ${tid("preview-dup-line")}`), /line #881 of .*Chase ••1234/);

    // A file with an unreadable row: refused, then previewed with the row left out and named.
    const bad = `${tid("import-file")}[data-name="bmo.csv"]`;
    await page.waitForSelector(`${bad} ${tid("preview-skip-bad")}`);
    await page.click(`${bad} ${tid("preview-skip-bad")}`);
    await page.waitForSelector(`${bad} ${tid("preview-lines")}`);
    const last = (await calls(page, "import_preview")).at(-1).args;
    assert.equal(last.options.skip_bad_rows, true);
    await page.click(`${bad} ${tid("preview-lines")} summary`);
    assert.match(await page.textContent(`${bad} ${tid("preview-reject")}`), /4.*not an amount/);
    await shot(page, "import-preview-lines");
    await clean(page);
  });

  test("a mailbox: the preview counts its receipts and names the sender it does not trust", async () => {
    const page = await open(env, { txns: 20 });
    await page.evaluate(() => {
      window.__mock.state.picked = [{ token: "tok-mbox", name: "receipts.mbox", size: 90000 }];
    });
    await page.click(tid("nav-import"));
    await page.click(tid("import-pick"));
    assert.match(await page.textContent(tid("preview-receipts")), /3 recognised, 2 matched to a card line, 1 waiting/);
    assert.match(await page.textContent(tid("preview-unrecognised")), /openai-billing-support\.com.*does not list/);
    await page.click(tid("import-commit"));
    await page.waitForSelector(tid("import-result-receipts"));
    assert.match(await page.textContent(tid("import-result-receipts")), /2 matched/);
    await clean(page);
  });

  test("files dropped on the window arrive through the files-dropped event", async () => {
    const page = await open(env, { txns: 10 });
    await page.waitForFunction(() => window.__mock.listening("files-dropped") === 1);
    await page.evaluate(() => window.__mock.emit("files-dropped", { files: [{ token: "tok-chase", name: "Chase1234_Activity_20261120.CSV", size: 48213 }], x: null, y: null }));
    await page.waitForSelector(tid("preview-counts"));
    assert.equal(await page.getAttribute(tid("nav-import"), "aria-current"), "page");
    await clean(page);
  });

  test("undo asks for confirmation, then calls undo_import", async () => {
    const page = await open(env, { txns: 563 });
    await page.click(tid("nav-import"));
    await page.waitForSelector(tid("history-undo"));
    assert.equal(await page.locator(tid("history-undo")).count(), 2, "only imported batches can be undone");
    await page.locator(tid("history-undo")).first().click();
    await page.waitForSelector(`${tid("undo-confirm")}[open]`);
    assert.match(await page.textContent(tid("undo-confirm")), /412 lines added from Chase1234_Activity_20261101\.CSV/);
    await shot(page, "import-undo-confirm");
    await page.click(tid("undo-confirm-cancel"));
    assert.equal((await calls(page, "undo_import")).length, 0);
    await page.locator(tid("history-undo")).first().click();
    await page.click(tid("undo-confirm-ok"));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-undo"]').length === 1);
    assert.deepEqual((await calls(page, "undo_import"))[0].args, { batchId: 3 });
    assert.equal((await page.textContent("#txn-count")).trim(), "151 transactions in the ledger");
    await clean(page);
  });
});

describe("subscriptions", () => {
  test("active and lapsed groups with renewals and flags", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-subscriptions"));
    await page.waitForSelector(tid("subs-active"));
    assert.equal(await page.locator(`${tid("subs-active")} ${tid("sub-row")}`).count(), 3);
    assert.equal(await page.locator(`${tid("subs-lapsed")} ${tid("sub-row")}`).count(), 1);
    assert.match(await page.textContent(tid("flag-price")), /€17\.89/);
    assert.equal(await page.textContent(tid("flag-trial")), "Trial became paid");
    await shot(page, "subscriptions-light");
    await clean(page);
  });
});

describe("settings", () => {
  test("language switch changes the text and persists", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "zh-CN");
    assert.equal(await page.textContent(`${tid("nav-dashboard")} span`), "概览");
    assert.equal(await page.textContent("#txn-count"), "账本中有 1,000 笔交易");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.equal(await page.evaluate(() => localStorage.getItem("aispend.locale")), "zh-CN");
    await shot(page, "settings-zh-CN");
    await page.selectOption(tid("set-language"), "en");
    assert.equal(await page.textContent(`${tid("nav-dashboard")} span`), "Dashboard");
    await clean(page);
  });

  test("the shell is told the UI's language at start and on every switch (its notifications speak it)", async () => {
    const page = await open(env, { txns: 20 });
    const told = () => page.evaluate(() => window.__mock.callsOf("set_language").map((c) => c.args.lang));
    await page.waitForFunction(() => window.__mock.callsOf("set_language").length > 0);
    assert.deepEqual(await told(), ["en"]);
    await page.click(tid("nav-settings"));
    await page.selectOption(tid("set-language"), "zh-CN");
    await page.waitForFunction(() => window.__mock.callsOf("set_language").length > 1);
    assert.deepEqual(await told(), ["en", "zh-CN"]);
    await page.selectOption(tid("set-language"), "en");
    await page.waitForFunction(() => window.__mock.callsOf("set_language").length > 2);
    assert.deepEqual(await told(), ["en", "zh-CN", "en"]);
    await clean(page);
  });

  test("theme switch sets data-theme and the colours follow", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-settings"));
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.check(tid("theme-dark"));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    assert.notEqual(await bg(), light);
    assert.equal(await page.evaluate(() => localStorage.getItem("aispend.theme")), "dark");
    await shot(page, "settings-dark");
    await page.check(tid("theme-system"));
    // "Follow the system": the page takes the system's scheme (light here).
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.themePref), "system");
    assert.equal(await bg(), light);
    await clean(page);
  });

  test("the report's sender, client address and payment note: saved, and a bad field named in both languages", async () => {
    const page = await open(env, { txns: 120 });
    // A client exists once a line carries its tag.
    await page.click(tid("nav-reimburse"));
    await page.waitForSelector(tid("rb-line"));
    await page.locator(tid("rb-line-check")).first().check();
    await page.fill(tid("rb-tag"), "client:Globex");
    await page.click(tid("rb-tag-selected"));
    await page.waitForSelector(tid("rb-tag-result"));
    await page.click(tid("nav-settings"));
    await page.waitForSelector(tid("parties"));
    await page.waitForSelector(`${tid("parties-client")} option[value="Globex"]`, { state: "attached" });
    // Globex is the only client: chosen without asking, its address open to type.
    await page.waitForFunction(() => document.querySelector('[data-testid="parties-client"]').value === "Globex");
    assert.equal(await page.isDisabled(tid("parties-client-address")), false);
    assert.equal((await calls(page, "report_parties")).at(-1).args.client, "Globex");

    // Seven lines do not fit: the core's message names the field, nothing is saved.
    await page.fill(tid("parties-sender"), ["Mei Lin", "a", "b", "c", "d", "e", "f"].join("\n"));
    await page.click(tid("parties-save"));
    await page.waitForSelector(tid("parties-error"));
    assert.equal(await page.getAttribute(tid("parties-error"), "data-msg-id"), "reimb-party-too-many-lines");
    assert.match(await page.textContent(tid("parties-error")), /Your name and address has 7 lines; the report has room for 6/);
    assert.equal(await page.getAttribute(tid("parties-error"), "role"), "alert");
    await page.selectOption(tid("set-language"), "zh-CN");
    assert.match(await page.textContent(tid("parties-error")), /你的姓名和地址有 7 行；报告最多容纳 6 行/);
    assert.match(await page.textContent(tid("parties")), /报销报告/);
    await shot(page, "settings-parties-error-zh-CN");
    await page.selectOption(tid("set-language"), "en");

    // A good form: the sender and note for every report, the address for Globex.
    await page.fill(tid("parties-sender"), "Mei Lin\n12 Harbour Road");
    await page.selectOption(tid("parties-client"), "Globex");
    await page.waitForFunction(() => !document.querySelector('[data-testid="parties-client-address"]').disabled);
    await page.fill(tid("parties-client-address"), "Globex Ltd\n1 Market Street");
    await page.fill(tid("parties-note"), "IBAN GB00 TEST 0000, due in 14 days");
    await page.click(tid("parties-save"));
    await page.waitForFunction(() => /Report details saved/.test(document.querySelector('[data-testid="status"]').textContent));
    assert.equal(await page.$(tid("parties-error")), null);
    const saved = (await calls(page, "save_report_parties")).at(-1).args.parties;
    assert.deepEqual(saved, {
      client: "Globex", sender: "Mei Lin\n12 Harbour Road", client_address: "Globex Ltd\n1 Market Street",
      payment_note: "IBAN GB00 TEST 0000, due in 14 days",
    });
    await shot(page, "settings-parties");
    // Another client has its own (empty) address; back to Globex brings its own.
    await page.selectOption(tid("parties-client"), "");
    await page.waitForFunction(() => document.querySelector('[data-testid="parties-client-address"]').value === "");
    await page.selectOption(tid("parties-client"), "Globex");
    await page.waitForFunction(() => document.querySelector('[data-testid="parties-client-address"]').value === "Globex Ltd\n1 Market Street");
    assert.equal(await page.inputValue(tid("parties-sender")), "Mei Lin\n12 Harbour Road");
    await clean(page);
  });

  test("currency, rules, backup and restore with confirmation", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-settings"));
    await page.waitForSelector(tid("accounts"));
    assert.equal(await page.textContent(tid("settings-ledger-path")), "/home/mei/.local/share/app.aispend.desktop/ledger.sqlite");
    await shot(page, "settings-light");
    await page.selectOption(tid("set-currency"), "USD");
    await page.waitForFunction(() => window.__mock.callsOf("set_currency").length === 1);
    assert.deepEqual((await calls(page, "set_currency"))[0].args, { code: "USD" });
    await page.click(tid("rule-remove"));
    await page.waitForFunction(() => window.__mock.callsOf("remove_rule").length === 1);
    assert.deepEqual((await calls(page, "remove_rule"))[0].args, { id: 1 });
    await page.waitForSelector(tid("rule-remove"), { state: "detached" });
    await page.click(tid("backup"));
    await page.waitForFunction(() => /Backup written to/.test(document.querySelector('[data-testid="status"]').textContent));
    await page.click(tid("restore"));
    await page.waitForSelector(`${tid("restore-confirm")}[open]`);
    assert.match(await page.textContent(tid("restore-confirm")), /replaced by the backup/);
    await shot(page, "settings-restore-confirm");
    assert.equal((await calls(page, "restore_ledger")).length, 0);
    await page.click(tid("restore-confirm-ok"));
    await page.waitForFunction(() => window.__mock.callsOf("restore_ledger").length === 1);
    await clean(page);
  });
});

describe("provider sync", () => {
  test("off until a key is stored; the key field is cleared; sync shows progress and can be cancelled", async () => {
    const page = await open(env, { txns: 1000 });
    await page.click(tid("nav-settings"));
    const openai = tid("sync-openai");
    await page.waitForSelector(`${openai} ${tid("sync-key-missing")}`);
    assert.equal(await page.$(`${openai} ${tid("sync-now")}`), null, "no sync button without a key");
    // A key of the wrong kind is refused with the shell's message.
    await page.fill(`${openai} ${tid("sync-key-input")}`, "sk-proj-123");
    await page.click(`${openai} ${tid("sync-key-save")}`);
    await page.waitForSelector(tid("error"));
    assert.match(await page.textContent(tid("error-message")), /not an Admin key/);
    assert.equal(await page.inputValue(`${openai} ${tid("sync-key-input")}`), "", "the key field is cleared");
    await page.click(tid("error-dismiss"));
    await page.fill(`${openai} ${tid("sync-key-input")}`, "sk-admin-TESTKEY");
    await page.click(`${openai} ${tid("sync-key-save")}`);
    await page.waitForSelector(`${openai} ${tid("sync-key-stored")}`);
    assert.deepEqual((await calls(page, "set_provider_key")).at(-1).args, { provider: "openai", key: "sk-admin-TESTKEY" });
    assert.equal(await page.inputValue(`${openai} ${tid("sync-key-input")}`), "");
    assert.equal((await page.content()).includes("sk-admin-TESTKEY"), false, "the key is not left in the page");
    // Sync with progress, then one cancelled run.
    await page.click(`${openai} ${tid("sync-now")}`);
    await page.waitForFunction(() => /fetching page [123]/.test(document.querySelector('[data-testid="sync-progress"]')?.textContent ?? ""));
    await shot(page, "settings-sync-progress");
    await page.waitForSelector(tid("sync-result"));
    assert.match(await page.textContent(tid("sync-result")), /42 new records/);
    assert.match(await page.textContent(`${openai} ${tid("sync-endpoint")}`), /synced through/);
    await page.click(`${openai} ${tid("sync-now")}`);
    await page.waitForSelector(tid("sync-cancel"));
    await page.click(tid("sync-cancel"));
    await page.waitForSelector(tid("sync-error"));
    assert.match(await page.textContent(tid("sync-error")), /cancelled/);
    assert.equal((await calls(page, "cancel_sync")).length, 1);
    await page.click(`${openai} ${tid("sync-key-remove")}`);
    await page.waitForSelector(`${openai} ${tid("sync-key-missing")}`);
    await clean(page);
  });
});

describe("keyboard", () => {
  test("the navigation is reachable by Tab and has visible focus", async () => {
    const page = await open(env, { txns: 1000 });
    await page.waitForSelector(tid("trend-chart"));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "nav-dashboard");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "nav-transactions");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, "solid");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("txn-table"));
    await clean(page);
  });
});

describe("every view in both themes", () => {
  for (const scheme of ["light", "dark"]) {
    test(`screenshots (${scheme})`, async () => {
      const page = await open(env, { txns: 1000, sample: true }, { colorScheme: scheme });
      for (const view of ["dashboard", "transactions", "import", "subscriptions", "settings"]) {
        await page.click(tid(`nav-${view}`));
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(100);
        await shot(page, `view-${view}-${scheme}`);
      }
      await clean(page);
    });
  }
});

describe("the smallest window (660×500), zh-CN", () => {
  test("collapses the sidebar to icons and keeps every view usable", async () => {
    const page = await open(env, { txns: 1000, sample: true }, { locale: "zh-CN" });
    await page.setViewportSize({ width: 660, height: 500 });
    for (const view of ["dashboard", "transactions", "import", "subscriptions", "settings"]) {
      await page.click(tid(`nav-${view}`));
      await page.waitForTimeout(150);
      await shot(page, `narrow-${view}-zh-CN`);
    }
    // the labels are hidden visually but still name the buttons
    assert.equal(await page.getAttribute(tid("nav-import"), "title"), "导入");
    assert.equal(await page.locator(`${tid("nav-import")} span`).textContent(), "导入");
    await clean(page);
  });
});
