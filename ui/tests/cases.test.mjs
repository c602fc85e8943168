// Component tests of the top-up wizard (Top-up cases) and the
// Reconciliation view, the shell mocked (tests/mock-backend.js, the block
// "top-up cases and reconciliation"). Run by `npm test` after `npm run build`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calls, clean, open, shot, tid, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** Opens the app on the Cases view and starts a case about the pending OpenAI line. */
async function newCaseAboutPendingLine(page) {
  await page.click(tid("nav-cases"));
  await page.waitForSelector(tid("case-list-empty"));
  await page.click(tid("case-new"));
  await page.click(`${tid("case-candidate")}[data-id="901"]`);
  await page.waitForSelector(tid("wizard"));
}

describe("top-up wizard", () => {
  test("a new case about a pending charge: ledger answers with their rows, the diagnosis beside the question", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);
    assert.deepEqual((await calls(page, "case_new")).map((c) => c.args), [{ txnId: 901 }]);
    assert.equal(await page.textContent(tid("case-title")), "OpenAI 25.00 USD on 2026-11-21");

    // The diagnosis: ranked findings, the first contact and what not to do yet.
    const codes = await page.$$eval(tid("finding"), (els) => els.map((e) => e.getAttribute("data-code")));
    assert.deepEqual(codes, ["bank_authorization_only", "balance_update_delay"]);
    assert.match(await page.textContent(`${tid("finding")}[data-code="bank_authorization_only"]`), /Only a bank hold/);
    assert.equal(await page.getAttribute(tid("first-contact"), "data-contact"), "issuing_bank");
    assert.match(await page.textContent(tid("first-contact")), /The bank that issued your card/);
    const doNot = await page.$$eval(tid("do-not-item"), (els) => els.map((e) => e.getAttribute("data-id")));
    assert.deepEqual(doNot, ["pay_again", "chargeback"]);

    // One question at a time: the core's next question is on screen.
    assert.equal(await page.getAttribute(tid("question"), "data-fact"), "platform_payment_record");
    assert.match(await page.textContent(tid("question-text")), /payment history list this payment/);

    // A question the ledger answered shows the rows it came from.
    await page.click("details.steps summary");
    await page.click(`${tid("step")}[data-fact="bank_status"]`);
    assert.equal(await page.getAttribute(tid("question"), "data-fact"), "bank_status");
    assert.equal(await page.isChecked(`${tid("answer-choice")}[data-value="pending"]`), true);
    const prefill = await page.textContent(tid("prefill"));
    assert.match(prefill, /Filled in from your ledger/);
    assert.match(prefill, /OPENAI/);
    assert.match(prefill, /-\$25\.00/);
    assert.match(prefill, /Pending/);
    assert.equal(await page.getAttribute(`${tid("prefill")} ${tid("ledger-row")}`, "data-id"), "901");
    await shot(page, "cases-wizard");
    await clean(page);
  });

  test("each answer goes to the core and the diagnosis and the next question follow", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);
    await page.check(`${tid("answer-choice")}[data-value="none"]`);
    await page.click(tid("answer-save"));
    await page.waitForFunction(() => document.querySelector('[data-testid="question"]')?.getAttribute("data-fact") === "paid_at");
    const answer = (await calls(page, "case_answer")).map((c) => c.args);
    assert.deepEqual(answer, [{ id: 1, fact: "platform_payment_record", value: "none" }]);
    assert.match(await page.textContent(tid("finding")), /score 80\/100/);

    // "I don't know" is an answer too; a datetime is sent as a UTC instant.
    await page.fill(tid("answer-input"), "2026-11-21T09:05");
    await page.click(tid("answer-save"));
    await page.waitForFunction(() => document.querySelector('[data-testid="question"]')?.getAttribute("data-fact") === "recognized_charge");
    const sent = (await calls(page, "case_answer")).at(-1).args;
    assert.equal(sent.fact, "paid_at");
    assert.equal(sent.value, "2026-11-21T09:05:00Z", "the test browser runs in UTC");
    await page.click(tid("answer-unknown"));
    await page.waitForFunction(() => (window.__mock.callsOf("case_answer").at(-1)?.args.value) === "unknown");

    // Someone else's purchase: the first contact changes at once.
    await page.check(`${tid("answer-choice")}[data-value="false"]`);
    await page.click(tid("answer-save"));
    await page.waitForSelector(`${tid("first-contact")}[data-contact="provider_and_bank"]`);
    assert.equal(await page.$(tid("do-not")), null);
    await page.waitForSelector(tid("wizard-done"));
    await clean(page);
  });

  test("a refused answer shows the core's message and keeps the question", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);
    await page.click("details.steps summary");
    await page.click(`${tid("step")}[data-fact="amount"]`);
    assert.equal(await page.inputValue(tid("answer-input")), "25.00");
    await page.fill(tid("answer-input"), "twenty");
    await page.click(tid("answer-save"));
    await page.waitForSelector("#error");
    assert.match(await page.textContent(tid("error-message")), /"twenty" is not a decimal amount/);
    assert.equal(await page.getAttribute(tid("question"), "data-fact"), "amount");
    await page.close();
  });

  test("evidence: files dropped on the window or added by dialog are attached, images with thumbnails", async () => {
    const page = await open(env, { txns: 20 });
    await page.waitForFunction(() => window.__mock.listening("files-dropped") === 1);
    await newCaseAboutPendingLine(page);
    await page.evaluate(() => {
      window.__mock.state.picked.push({ token: "tok-shot", name: "billing-page.png", size: 18211 });
      window.__mock.emit("files-dropped", { files: [{ token: "tok-shot", name: "billing-page.png", size: 18211 }], x: null, y: null });
    });
    await page.waitForSelector(`${tid("attachment")}[data-name="billing-page.png"]`);
    assert.deepEqual((await calls(page, "case_attach")).map((c) => c.args), [{ id: 1, tokens: ["tok-shot"] }]);
    assert.equal(await page.getAttribute(tid("nav-cases"), "aria-current"), "page", "the drop did not switch to Import");
    await page.waitForSelector(tid("attachment-thumb"));
    assert.match(await page.getAttribute(tid("attachment-thumb"), "src"), /^data:image\/png;base64,/);
    assert.equal(await page.$eval(tid("attachment-thumb"), (img) => img.complete && img.naturalWidth), 1);
    assert.match(await page.textContent(tid("attachment")), /metadata removed/);

    await page.evaluate(() => window.__mock.state.cases.picked.push({ name: "bank-statement.pdf", size: 90000 }));
    await page.click(tid("evidence-add"));
    await page.waitForSelector(`${tid("attachment")}[data-name="bank-statement.pdf"]`);
    assert.equal(await page.$$eval(tid("attachment-thumb"), (els) => els.length), 1, "a PDF gets no image");
    await shot(page, "cases-evidence");
    await clean(page);
  });

  test("with no case open, a drop still goes to Import", async () => {
    const page = await open(env, { txns: 20 });
    await page.waitForFunction(() => window.__mock.listening("files-dropped") === 1);
    await page.click(tid("nav-cases"));
    await page.waitForSelector(tid("case-list"));
    await page.evaluate(() => window.__mock.emit("files-dropped", { files: [{ token: "tok-chase", name: "Chase.CSV", size: 100 }], x: null, y: null }));
    await page.waitForSelector(tid("preview-counts"));
    assert.equal((await calls(page, "case_attach")).length, 0);
    await clean(page);
  });

  test("the pack: preview with masked card numbers and e-mails, export through the shell's dialog, copy the message", async () => {
    const page = await open(env, { txns: 20 });
    await env.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.url });
    await newCaseAboutPendingLine(page);
    await page.click(tid("pack-preview"));
    await page.waitForSelector(tid("pack-redactions"));
    const kinds = await page.$$eval(tid("pack-redaction"), (els) => els.map((e) => e.getAttribute("data-kind")));
    assert.deepEqual(kinds, ["card", "email"]);
    const table = await page.textContent(tid("pack-redactions"));
    assert.match(table, /•••• 1111/);
    assert.doesNotMatch(table, /4111 1111 1111 1111/);
    assert.match(await page.textContent(tid("pack-files")), /data\/message\.txt/);
    await shot(page, "cases-pack-preview");

    await page.click(tid("pack-export"));
    await page.waitForSelector(tid("export-result"));
    assert.match(await page.textContent(tid("export-result")), /aispend-case-1\.zip \(7 files\)/);
    assert.deepEqual((await calls(page, "case_export")).map((c) => c.args), [{ id: 1 }]);

    const message = await page.inputValue(tid("message"));
    assert.match(message, /^To: the bank that issued my card/);
    await page.click(tid("copy-message"));
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === "Message copied.");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), message);
    await clean(page);
  });

  test("a case can be left and reopened from the list", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);
    await page.check(`${tid("answer-choice")}[data-value="none"]`);
    await page.click(tid("answer-save"));
    await page.waitForFunction(() => document.querySelector('[data-testid="question"]')?.getAttribute("data-fact") === "paid_at");
    await page.click(tid("nav-dashboard"));
    await page.click(tid("nav-cases"));
    await page.click(tid("case-back"));
    await page.waitForSelector(`${tid("case-row")}[data-id="1"]`);
    assert.match(await page.textContent(tid("case-row")), /OpenAI 25\.00 USD on 2026-11-21/);
    await page.click(`${tid("case-row")}[data-id="1"]`);
    await page.waitForSelector(tid("wizard"));
    assert.deepEqual((await calls(page, "case_open")).map((c) => c.args), [{ id: 1 }]);
    assert.equal(await page.getAttribute(tid("question"), "data-fact"), "paid_at");
    await clean(page);
  });

  test("notes, links and closing: what only the command line could do", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);

    // A note, typed and added with the keyboard alone.
    await page.waitForSelector(tid("notes-none"));
    await page.focus(tid("note-text"));
    await page.keyboard.type("Called the bank: they see a hold only.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("note"));
    assert.deepEqual((await calls(page, "case_note")).map((c) => c.args), [{ id: 1, text: "Called the bank: they see a hold only." }]);
    assert.match(await page.textContent(tid("note")), /Called the bank/);
    assert.equal(await page.inputValue(tid("note-text")), "", "the box is emptied");

    // Link the provider's payment record from the picker; the ledger answers from it.
    await page.click(tid("link-open"));
    await page.waitForSelector(tid("link-picker"));
    const offered = await page.$$eval(`${tid("link-picker")} ${tid("ledger-row")}`, (els) => els.map((e) => `${e.getAttribute("data-kind")}${e.getAttribute("data-id")}`));
    assert.deepEqual(offered, ["txn903", "payment71"], "the linked line is not offered again");
    await page.click(`${tid("link-picker")} ${tid("ledger-row")}[data-kind="payment"] ${tid("row-action")}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-rows"] > .table-scroll [data-testid="ledger-row"]').length === 2);
    assert.deepEqual((await calls(page, "case_link")).map((c) => c.args), [{ id: 1, kind: "payment", row: 71 }]);
    assert.equal(await page.$(tid("link-picker")), null, "the picker closes");

    // Unlink it again.
    await page.click(`${tid("case-rows")} ${tid("ledger-row")}[data-kind="payment"] ${tid("row-action")}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-rows"] [data-testid="ledger-row"]').length === 1);
    assert.deepEqual((await calls(page, "case_unlink")).map((c) => c.args), [{ id: 1, kind: "payment", row: 71 }]);

    // Close: everything stays, nothing can be changed until it is reopened.
    await page.click(tid("case-close"));
    await page.waitForSelector(tid("case-closed-note"));
    assert.deepEqual((await calls(page, "case_set_status")).map((c) => c.args), [{ id: 1, status: "closed" }]);
    assert.equal(await page.getAttribute(tid("case-status"), "data-status"), "closed");
    assert.equal(await page.isDisabled(tid("note-text")), true);
    assert.equal(await page.isDisabled(tid("link-open")), true);
    assert.equal(await page.isDisabled(tid("evidence-add")), true);
    assert.equal(await page.isDisabled(`${tid("case-rows")} ${tid("row-action")}`), true);
    assert.match(await page.textContent(tid("note")), /Called the bank/, "the notes are kept");
    await shot(page, "cases-closed");
    await page.click(tid("case-back"));
    await page.waitForSelector(`${tid("case-row")}[data-id="1"]`);
    assert.match(await page.textContent(`${tid("case-row")}[data-id="1"]`), /Closed/);
    await page.click(`${tid("case-row")}[data-id="1"]`);
    await page.click(tid("case-reopen"));
    await page.waitForSelector(tid("case-close"));
    assert.equal(await page.$(tid("case-closed-note")), null);
    assert.equal(await page.isDisabled(tid("note-text")), false);
    await clean(page);
  });

  test("keyboard: the choices are radios in a labelled group, saved with Enter", async () => {
    const page = await open(env, { txns: 20 });
    await newCaseAboutPendingLine(page);
    const legend = await page.$eval(`${tid("question")} fieldset legend`, (l) => l.textContent);
    assert.match(legend, /payment history/);
    await page.focus(`${tid("answer-choice")}[data-value="succeeded"]`);
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.isChecked(`${tid("answer-choice")}[data-value="failed"]`), true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__mock.callsOf("case_answer").length === 1);
    assert.equal((await calls(page, "case_answer"))[0].args.value, "failed");
    // The next question's answer has the focus.
    await page.waitForFunction(() => document.querySelector('[data-testid="question"]')?.getAttribute("data-fact") === "paid_at");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "answer-input");
    await clean(page);
  });

  test("keyboard alone: open a case, answer, add a note, close it", async () => {
    const page = await open(env, { txns: 20 });
    /** Presses Tab until the element with this test id has the focus (it must be reachable). */
    async function tabTo(id, max = 80) {
      for (let i = 0; i < max; i += 1) {
        if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === id) return;
        await page.keyboard.press("Tab");
      }
      assert.fail(`${id} cannot be reached with Tab`);
    }
    await tabTo("nav-cases");
    await page.keyboard.press("Enter");
    await tabTo("case-new");
    await page.keyboard.press("Enter");
    await tabTo("case-candidate");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-id")), "901");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("wizard"));
    // The first question: choose with the arrows, save with Enter.
    await tabTo("answer-choice");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__mock.callsOf("case_answer").length === 1);
    // A note, then close the case.
    await tabTo("note-text");
    await page.keyboard.type("Bank says it is a hold.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("note"));
    await page.focus("body");
    await tabTo("case-close");
    await page.keyboard.press("Enter");
    await page.waitForSelector(tid("case-closed-note"));
    assert.equal((await calls(page, "case_set_status"))[0].args.status, "closed");
    await clean(page);
  });

  for (const [locale, scheme] of [["en", "dark"], ["zh-CN", "light"]]) {
    test(`the wizard in ${locale}, ${scheme}: every string translated`, async () => {
      const page = await open(env, { txns: 20 }, { locale, colorScheme: scheme });
      await newCaseAboutPendingLine(page);
      await page.click("details.steps summary");
      const text = await page.textContent("main");
      assert.doesNotMatch(text, /\b(q|qhint|choice|code|contact|donot|wiz|diag|ev|pack|msg)\.[a-z_]+/, "a raw message key is shown");
      // The core's texts come from its catalogs: no message id shows.
      assert.doesNotMatch(text, /\b(topup|donot|case)-[a-z0-9-]+/, "a raw core message id is shown");
      if (locale === "zh-CN") {
        assert.match(text, /首先联系/);
        // The core's texts in Chinese: the finding's title, whom to contact, the question.
        assert.match(await page.textContent(tid("diagnosis")), /只是银行冻结，并未真正付款/);
        assert.match(await page.textContent(tid("diagnosis")), /您的银行显示一笔待处理的扣款（25.00 USD）/);
        assert.match(await page.textContent(tid("first-contact")), /您的发卡银行/);
        // The letter to send, and beside it the same in Chinese to check.
        assert.match(await page.inputValue(tid("message-check")), /^收件人：/);
      } else {
        assert.equal(await page.$(tid("message-check")), null);
      }
      await shot(page, `cases-wizard-${locale}-${scheme}`);
      await clean(page);
    });
  }
});

describe("reconciliation", () => {
  test("each flag with its rows; Open a case starts the wizard prefilled", async () => {
    const page = await open(env, { txns: 20 });
    await page.click(tid("nav-reconcile"));
    await page.waitForSelector(tid("recon-flag"));
    const kinds = await page.$$eval(tid("recon-flag"), (els) => els.map((e) => e.getAttribute("data-kind")));
    assert.deepEqual(kinds, ["stale_pending", "double_charge"]);
    const stale = `${tid("recon-flag")}[data-kind="stale_pending"]`;
    assert.match(await page.textContent(stale), /A hold that never settled/);
    assert.match(await page.textContent(`${stale} ${tid("ledger-row")}`), /ANTHROPIC/);
    assert.equal(await page.$$eval(`${tid("recon-flag")}[data-kind="double_charge"] ${tid("ledger-row")}`, (e) => e.length), 2);
    assert.match(await page.textContent(tid("recon-note")), /No OpenAI payment records/);
    await shot(page, "reconcile");

    await page.click(`${stale} ${tid("flag-open-case")}`);
    await page.waitForSelector(tid("wizard"));
    assert.equal(await page.getAttribute(tid("nav-cases"), "aria-current"), "page");
    assert.deepEqual((await calls(page, "case_from_flag")).map((c) => c.args), [{ key: "stale_pending:t905:" }]);
    assert.match(await page.textContent(tid("case-rows")), /ANTHROPIC/);
    assert.equal(await page.getAttribute(tid("first-contact"), "data-contact"), "issuing_bank");

    // Back on the flag: it now leads to that case instead of a new one.
    await page.click(tid("nav-reconcile"));
    await page.waitForSelector(`${stale} ${tid("flag-open-case")}`);
    assert.match(await page.textContent(`${stale} ${tid("flag-open-case")}`), /Go to case 1/);
    await page.click(`${stale} ${tid("flag-open-case")}`);
    await page.waitForSelector(tid("wizard"));
    assert.equal((await calls(page, "case_from_flag")).length, 1);
    await clean(page);
  });
});
