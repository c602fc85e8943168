// A stand-in for the Tauri shell, injected into the page before the app runs
// (Playwright addInitScript). It implements window.__TAURI_INTERNALS__ the
// way @tauri-apps/api/core and /event call it, and serves the DTOs of
// docs/IPC.md from an in-memory ledger. window.__MOCK_CONFIG__ (set by an
// earlier init script) picks the scenario; window.__mock exposes the call
// log and lets a test emit shell events.
(() => {
  const cfg = Object.assign(
    { txns: 1000, sample: false, failOverview: null, fail: {}, delayMs: 0, commitSteps: 4, commitStepMs: 120 },
    window.__MOCK_CONFIG__ || {},
  );
  const calls = [];
  const callbacks = new Map();
  const listeners = new Map(); // event -> Set of callback ids
  let nextCb = 1;

  // -- the ledger ---------------------------------------------------------------
  const VENDORS = [
    { d: "OPENAI *CHATGPT SUBSCR", cls: "ai-subscription", v: "openai", p: "ChatGPT Plus", usd: "-20.00" },
    { d: "ANTHROPIC CLAUDE.AI SUBSCRIPTION", cls: "ai-subscription", v: "anthropic", p: "Claude Pro", usd: "-20.00" },
    { d: "OPENAI API USAGE", cls: "ai-api", v: "openai", p: "API", usd: "-13.42" },
    { d: "WHOLE FOODS MARKET #10233 SEATTLE", cls: "everyday", v: null, p: null, usd: null },
    { d: "SHELL OIL 57442", cls: "everyday", v: null, p: null, usd: null },
    { d: "CURSOR AI PRO", cls: "ai-subscription", v: "cursor", p: "Cursor Pro", usd: "-20.00" },
    { d: "AMAZON MKTPLACE PMTS", cls: "everyday", v: null, p: null, usd: null },
    { d: "MIDJOURNEY INC.", cls: "ai-subscription", v: "midjourney", p: "Basic", usd: "-10.00" },
    { d: "UNKNOWN MERCHANT 4411 LONDON GB", cls: null, v: null, p: null, usd: null },
    { d: "PAYMENT THANK YOU", cls: "transfer", v: null, p: null, usd: null },
  ];
  const ACCOUNTS = ["Chase Sapphire ••1234", "Revolut EUR", "Amex Gold ••1005"];
  const N = () => state.overview.transactions;
  const edits = new Map();

  function baseRow(i) {
    const n = N();
    const id = n - i;
    const day = Math.floor((i * 365) / Math.max(1, n));
    const d = new Date(Date.UTC(2026, 10, 20) - day * 86400000);
    const v = VENDORS[i % VENDORS.length];
    const cents = 500 + ((i * 7919) % 15000);
    const refund = i % 97 === 13;
    const amount = `${refund ? "" : "-"}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    return {
      id,
      date: d.toISOString().slice(0, 10),
      posted_date: null,
      description: `${v.d}${i % 3 === 0 ? "" : ` ${1000 + (i % 9000)}`}`,
      amount: v.usd !== null ? (v.usd === "-20.00" ? "-18.54" : "-12.44") : amount,
      currency: "EUR",
      original_amount: v.usd,
      original_currency: v.usd === null ? null : "USD",
      class: v.cls,
      vendor: v.v,
      product: v.p,
      class_source: v.cls === null ? null : v.v === null ? "default" : "catalog",
      review: null,
      account: ACCOUNTS[i % ACCOUNTS.length],
      status: i % 11 === 2 ? "pending" : i % 89 === 5 ? "reverted" : "posted",
      tags: [],
      note: null,
      category: null,
      memo: null,
      batch_id: 1 + (i % 3),
      details: v.v === "anthropic" ? { merchant: "Anthropic", descriptor: v.d, category: "Bills", type: "Card payment" } : {},
      decided_by:
        v.cls === null
          ? null
          : v.v === null
            ? { source: "default" }
            : v.v === "anthropic"
              ? { source: "catalog", entry: "anthropic/claude", field: "descriptor", match: "pattern", text: "CLAUDE.AI SUBSCRIPTION", price: "USD 20.00", price_by: "original" }
              : { source: "catalog", entry: `${v.v}/plan`, field: "description", match: "pattern", text: v.d.split(" ")[0] },
    };
  }
  function row(i) {
    const r = baseRow(i);
    const e = edits.get(r.id);
    return e ? Object.assign(r, e) : r;
  }

  function matches(r, q) {
    if (q.from && r.date < q.from) return false;
    if (q.to && r.date > q.to) return false;
    if (q.account && r.account !== q.account) return false;
    if (q.class && r.class !== q.class) return false;
    if (q.vendor && r.vendor !== q.vendor) return false;
    if (q.status && r.status !== q.status) return false;
    if (q.text && !r.description.toLowerCase().includes(q.text.toLowerCase())) return false;
    if (q.ids && !q.ids.includes(r.id)) return false;
    return true;
  }
  const unfiltered = (q) => !q.from && !q.to && !q.account && !q.class && !q.vendor && !q.status && !q.text && !q.ids;
  let filterCache = { key: "", idx: [] };
  function filtered(q) {
    const key = JSON.stringify(q) + "|" + N() + "|" + edits.size;
    if (filterCache.key !== key) {
      const idx = [];
      for (let i = 0; i < N(); i += 1) if (matches(row(i), q)) idx.push(i);
      filterCache = { key, idx };
    }
    return filterCache.idx;
  }
  function page(q, cursor, limit) {
    const all = unfiltered(q);
    const list = all ? null : filtered(q);
    const len = all ? N() : list.length;
    let start = 0;
    if (cursor) {
      if (all) start = N() - cursor.id + 1;
      else start = list.findIndex((i) => N() - i < cursor.id);
      if (start < 0) start = len;
    }
    const rows = [];
    for (let k = start; k < Math.min(len, start + limit); k += 1) rows.push(row(all ? k : list[k]));
    const lastRow = rows[rows.length - 1];
    const next = start + limit < len && lastRow ? { date: lastRow.date, id: lastRow.id } : null;
    return { rows, next };
  }

  const PATH = "/home/mei/.local/share/app.aispend.desktop/ledger.sqlite";
  const state = {
    keys: new Set(), synced: {}, syncResult: {}, syncCancel: false,
    overview: {
      path: PATH,
      data_folder: "/home/mei/.local/share/app.aispend.desktop",
      transactions: cfg.txns,
      schema_version: 4,
      sample_loaded: cfg.sample,
      currency: "EUR",
    },
    rules: [
      { id: 1, created_at: "2026-10-02T09:12:00Z", field: "description", kind: "contains", pattern: "CURSOR AI", min_amount: null,
        max_amount: null, account: null, currency: null, class: "ai-subscription", vendor: "cursor", product: "Cursor Pro",
        tags: [], priority: 10, enabled: true, from_txn: 4411 },
    ],
    batches: [
      { batch_id: 3, file: "Chase1234_Activity_20261101.CSV", sha256: "ab12", format: "chase-csv", account: "Chase Sapphire ••1234",
        imported_at: "2026-11-02T18:40:00Z", added: 412, duplicates: 0, rejected: 1, status: "imported", undone_at: null },
      { batch_id: 2, file: "openai-costs-2026-10.csv", sha256: "cd34", format: "openai-costs", account: "OpenAI",
        imported_at: "2026-10-31T08:01:00Z", added: 31, duplicates: 2, rejected: 0, status: "imported", undone_at: null },
      { batch_id: 1, file: "revolut-2026-09.csv", sha256: "ef56", format: "revolut-csv", account: "Revolut EUR",
        imported_at: "2026-10-01T12:00:00Z", added: 120, duplicates: 0, rejected: 0, status: "undone", undone_at: "2026-10-01T12:05:00Z" },
    ],
    picked: [
      { token: "tok-chase", name: "Chase1234_Activity_20261120.CSV", size: 48213 },
      { token: "tok-bank", name: "my-bank-export.csv", size: 9120 },
      { token: "tok-png", name: "receipt.png", size: 210000 },
    ],
  };

  const dashboardData = () => ({
    as_of: "2026-11-20",
    month: "2026-11",
    currency: N() === 0 ? null : "EUR",
    classes: ["ai-subscription", "ai-api", "everyday"],
    this_month: [
      { class: "ai-subscription", spent: "87.34", count: 5 },
      { class: "ai-api", spent: "41.18", count: 9 },
      { class: "everyday", spent: "1843.27", count: 64 },
    ],
    trend: Array.from({ length: 12 }, (_, k) => {
      const m = 12 - k; // oldest first: 2025-12 .. 2026-11
      const d = new Date(Date.UTC(2026, 10 - (m - 1), 1));
      return {
        month: d.toISOString().slice(0, 7),
        ai_subscription: (40 + k * 4.25).toFixed(2),
        ai_api: (k % 3 === 0 ? 12.5 + k * 3 : 5 + k).toFixed(2),
        everyday: (1500 + ((k * 337) % 600)).toFixed(2),
      };
    }),
    ai_share: "0.0652",
    top_vendors: [
      { vendor: "openai", name: "OpenAI", spent: "402.10", count: 33 },
      { vendor: "anthropic", name: "Anthropic", spent: "222.48", count: 12 },
      { vendor: "cursor", name: "Cursor", spent: "185.40", count: 10 },
      { vendor: "midjourney", name: "Midjourney", spent: "92.70", count: 10 },
    ],
    renewals: [
      { vendor: "anthropic", product: "Claude Pro", next_renewal: "2026-11-24", amount: "18.54", currency: "EUR", cadence: "monthly" },
      { vendor: "openai", product: "ChatGPT Plus", next_renewal: "2026-12-03", amount: "18.54", currency: "EUR", cadence: "monthly" },
      { vendor: "github", product: "Copilot", next_renewal: "2026-12-11", amount: "100.00", currency: "USD", cadence: "annual" },
    ],
    other_currencies: ["USD", "GBP"],
    pending_count: 3,
  });

  const subscriptionsData = [
    { vendor: "OpenAI", product: "ChatGPT Plus", cadence: "monthly", amount: "18.54", currency: "EUR", original_amount: "20.00",
      original_currency: "USD", first_charge: "2024-03-03", last_charge: "2026-11-03", next_renewal: "2026-12-03", annual_cost: "222.48",
      status: "active", price_change: true, previous_amount: "17.89", previous_currency: "EUR", price_changed_on: "2026-06-03",
      trial_to_paid: false, charges: 33, source: "ledger", id: null },
    { vendor: "Anthropic", product: "Claude Pro", cadence: "monthly", amount: "18.54", currency: "EUR", original_amount: "20.00",
      original_currency: "USD", first_charge: "2025-08-24", last_charge: "2026-10-24", next_renewal: "2026-11-24", annual_cost: "222.48",
      status: "active", price_change: false, previous_amount: null, previous_currency: null, price_changed_on: null,
      trial_to_paid: true, charges: 15, source: "ledger", id: null },
    { vendor: "GitHub", product: "Copilot", cadence: "annual", amount: "100.00", currency: "USD", original_amount: null,
      original_currency: null, first_charge: "2025-12-11", last_charge: "2025-12-11", next_renewal: "2026-12-11", annual_cost: "100.00",
      status: "active", price_change: false, previous_amount: null, previous_currency: null, price_changed_on: null,
      trial_to_paid: false, charges: 1, source: "ledger", id: null },
    { vendor: "Midjourney", product: "Basic", cadence: "monthly", amount: "9.27", currency: "EUR", original_amount: "10.00",
      original_currency: "USD", first_charge: "2025-01-15", last_charge: "2026-05-15", next_renewal: null, annual_cost: "111.24",
      status: "lapsed", price_change: false, previous_amount: null, previous_currency: null, price_changed_on: null,
      trial_to_paid: false, charges: 17, source: "ledger", id: null },
  ];

  const MAPPING = {
    header: ["Booking date", "Text", "Value", "Balance", "Currency"],
    sample: [
      ["2026-11-18", "OPENAI *CHATGPT SUBSCR", "-18.54", "1204.11", "EUR"],
      ["2026-11-17", "Lidl Berlin", "-23.10", "1222.65", "EUR"],
      ["2026-11-15", "Salary November", "3120.00", "1245.75", "EUR"],
    ],
    suggested_profile: "my-bank-export",
    fields: ["date", "amount", "debit", "credit", "description", "currency", "status"],
    header_line: 1,
  };
  const ASSUMED = {
    code: "assumed_currency", lines: [2, 7, 12], count: 3,
    message: "the file does not say its currency: 3 amounts read as USD; if they are in another currency, import it again with --currency CODE (in the app: the currency field under the file)",
    msg: { id: "import-notice-assumed-currency", args: { count: 3, currency: "USD" } },
  };
  // The core's message for a row whose amount cannot be read (import.ftl).
  const BAD_AMOUNT = { id: "import-bad-amount", args: { file: "bmo.csv", line: "4", field: "Transaction Amount", found: "12,3x" } };

  function preview(token, options) {
    const f = state.picked.find((p) => p.token === token) || { token, name: token, size: 0 };
    const base = { token, name: f.name, format: null, account: null, added: 0, duplicates: 0, rejected: 0, error: null, mapping: null, notices: [],
      lines: [], duplicate_lines: [], rejects: [], receipts: null };
    if (token === "tok-mbox")
      return Object.assign(base, { format: "mail-mbox", account: "mail receipts", added: 3,
        receipts: { recognised: 3, matched: 2, unmatched: 1, skipped_messages: 4, unrecognised: [
          { line: 263, file: "receipts.mbox", sender: "invoice@openai-billing-support.com", subject: "Your receipt from OpenAI, LLC", reason: "comes from a domain the vendor table does not list for OpenAI, LLC" }] } });
    if (token === "tok-chase") return Object.assign(base, { format: "chase-csv", account: "Chase Sapphire ••1234", added: 37, duplicates: 412, rejected: 1 });
    if (token === "tok-grown") {
      const line = (n, desc, amount) => ({ line: n, date: "2026-11-19", description: desc, amount, currency: "USD", original_amount: null, original_currency: null, status: "posted" });
      return Object.assign(base, { format: "chase-card-csv", account: "Chase ••1234", added: 2, duplicates: 1,
        lines: [line(2, "CURSOR USAGE MID NOV", "-7.13"), line(3, "OPENAI API", "-10.00")],
        duplicate_lines: [{ line: line(4, "OPENAI *CHATGPT SUBSCR", "-20.00"), of: { kind: "ledger", txn: { ...row(0), id: 881, date: "2026-11-19", account: "Chase ••1234" } } }] });
    }
    if (token === "tok-badrows") {
      if (!options.skip_bad_rows)
        return Object.assign(base, { format: "bmo-csv", error: { code: "bad-input", message: "bmo.csv:4: Transaction Amount \"12,3x\" is not an amount; expected a number such as -12.34", msg: BAD_AMOUNT } });
      return Object.assign(base, { format: "bmo-csv", account: "BMO", added: 5, rejected: 1,
        rejects: [{ line: 4, reason: "Transaction Amount \"12,3x\" is not an amount; expected a number such as -12.34", msg: BAD_AMOUNT }] });
    }
    if (token === "tok-ofxcut")
      return Object.assign(base, { format: "ofx", error: { code: "bad-input", message: "bank.ofx:33: the file ends inside <STMTTRN> (opened on line 28); expected </STMTTRN> and the rest of the statement; the file looks cut short, download it again",
        msg: { id: "import-malformed", args: { file: "bank.ofx", line: "33",
          found: { id: "detail-ofx-ends-inside-element", args: { element: "STMTTRN", opened: "28" } },
          expected: { id: "detail-ofx-cut-short", args: { expected: { id: "detail-ofx-rest-of-statement", args: { element: "STMTTRN" } } } } } } } });
    if (token === "tok-png")
      return Object.assign(base, { error: { code: "unknown-format", message: "receipt.png is not a statement AI Spend can read. Export a CSV, OFX or QIF file from your bank." } });
    if (token === "tok-qif")
      return Object.assign(base, { format: "qif", account: "QIF import", added: 3, notices: options.currency ? [] : [ASSUMED] });
    if (token === "tok-bank") {
      if (!options.mapping) return Object.assign(base, { mapping: { ...MAPPING, header_line: options.header_line || 1 } });
      return Object.assign(base, { format: "csv-mapped", account: options.account || "my-bank-export", added: 3, duplicates: 0, rejected: 0 });
    }
    return Object.assign(base, { format: "chase-csv", account: "Chase", added: 5 });
  }

  function emit(event, payload) {
    for (const id of listeners.get(event) || []) {
      const cb = callbacks.get(id);
      if (cb) cb({ event, id, payload });
    }
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function commit(tokens, options) {
    const out = [];
    for (const token of tokens) {
      const p = preview(token, options);
      const f = state.picked.find((x) => x.token === token);
      const total = f ? f.size : 1000;
      for (let s = 1; s <= cfg.commitSteps; s += 1) {
        await sleep(cfg.commitStepMs);
        emit("import-progress", { token, name: p.name, rows: s * 10, bytes: Math.round((total * s) / cfg.commitSteps), total_bytes: total });
      }
      const batch_id = Math.max(...state.batches.map((b) => b.batch_id)) + 1;
      state.batches.unshift({ batch_id, file: p.name, sha256: "ff", format: p.format, account: p.account, imported_at: "2026-11-20T10:00:00Z",
        added: p.added, duplicates: p.duplicates, rejected: p.rejected, status: "imported", undone_at: null });
      state.overview.transactions += p.added;
      out.push({ token, name: p.name, format: p.format, account: p.account, batch_id, added: p.added, duplicates: p.duplicates, rejected: p.rejected, error: null, notices: p.notices, receipts: p.receipts });
    }
    return out;
  }

  const settingsData = () => ({
    ledger_path: state.overview.path,
    data_folder: state.overview.data_folder,
    currency: state.overview.currency,
    currency_chosen: false,
    accounts: N() === 0 ? [] : ACCOUNTS.map((name, k) => ({ name, lines: Math.ceil((N() - k) / 3), first_date: "2025-11-21", last_date: "2026-11-20" })),
  });

  const receipts = new Map(); // line id -> receipts
  let nextReceipt = 1;
  function addReceipts(id, files) {
    const list = receipts.get(id) || [];
    for (const f of files) {
      const png = /\.(png|jpe?g)$/i.test(f.name);
      list.push({ id: nextReceipt++, file_name: f.name, media_type: png ? "image/png" : "application/pdf", size: f.size,
        sha256: "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", attached_at: "2026-11-24T10:00:00Z", has_thumbnail: png });
    }
    receipts.set(id, list);
  }
  function lineDetail(id) {
    const r = row(N() - id);
    const rate = r.original_amount === null ? null : (Number(r.amount) / Number(r.original_amount)).toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
    return { row: r, rate, batch: { id: 3, file: "Chase1234_Activity_20261120.CSV", format: "chase-card", imported_at: "2026-11-20T08:00:00Z", undone: false },
      receipts: (receipts.get(id) || []).map((x) => ({ ...x })), cases: [], refunds: [] };
  }

  const handlers = {
    ledger_overview: () => ({ ...state.overview }),
    // Another program's writes: a test bumps state.externalVersion.
    ledger_version: () => state.externalVersion ?? 0,
    dashboard: dashboardData,
    txn_page: (a) => page(a.query, a.cursor, a.limit),
    txn_seek: (a) => {
      if (a.position === 0) return null;
      const all = unfiltered(a.query);
      const list = all ? null : filtered(a.query);
      const len = all ? N() : list.length;
      if (a.position > len) return null;
      const r = row(all ? a.position - 1 : list[a.position - 1]);
      return { date: r.date, id: r.id };
    },
    // Lines are newest first: the position is how many match and are dated after the day.
    txn_seek_date: (a) => {
      const all = unfiltered(a.query);
      const list = all ? null : filtered(a.query);
      const len = all ? N() : list.length;
      const dateAt = (k) => row(all ? k : list[k]).date;
      let lo = 0;
      let hi = len;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (dateAt(mid) > a.date) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) return { position: 0, cursor: null };
      const prev = row(all ? lo - 1 : list[lo - 1]);
      return { position: lo, cursor: lo < len ? { date: prev.date, id: prev.id } : null };
    },
    txn_count: (a) => (unfiltered(a.query) ? N() : filtered(a.query).length),
    txn_facets: () => ({ accounts: ACCOUNTS, vendors: ["anthropic", "cursor", "midjourney", "openai"], classes: ["ai-api", "ai-subscription", "everyday", "transfer"], vendor_names: { anthropic: "Anthropic", cursor: "Cursor", midjourney: "Midjourney", openai: "OpenAI", perplexity: "Perplexity" } }),
    edit_txn: (a) => {
      edits.set(a.id, { class: a.edit.class, vendor: a.edit.vendor, tags: a.edit.tags || [], note: a.edit.note, class_source: "edit", decided_by: { source: "edit" } });
      return row(N() - a.id);
    },
    rule_from_txn: (a) => {
      const r = row(N() - a.id);
      const rule = { id: state.rules.length + 1, created_at: "2026-11-20T10:00:00Z", field: "description", kind: "contains", pattern: r.description.split(" ")[0],
        min_amount: null, max_amount: null, account: null, currency: null, class: r.class || "everyday", vendor: r.vendor, product: null, tags: [],
        priority: 10, enabled: true, from_txn: a.id };
      state.rules.push(rule);
      return { rule, reclassified: 1234 };
    },
    // The line detail panel: a rate from the original amount, the import,
    // receipts kept per line in `receipts` (a stand-in for the core's).
    line_detail: (a) => lineDetail(a.id),
    line_add_receipts: (a) => {
      if (state.picked.length === 0) return null;
      addReceipts(a.id, state.picked);
      return lineDetail(a.id);
    },
    line_attach_receipts: (a) => {
      addReceipts(a.id, a.tokens.map((t) => state.picked.find((p) => p.token === t) || { token: t, name: `${t}.pdf`, size: 4096 }));
      return lineDetail(a.id);
    },
    line_remove_receipt: (a) => {
      const list = receipts.get(a.id) || [];
      if (!list.some((r) => r.id === a.receiptId)) throw { code: "not-found", message: `line ${a.id} has no receipt ${a.receiptId}; open the line again to see its receipts` };
      receipts.set(a.id, list.filter((r) => r.id !== a.receiptId));
      return lineDetail(a.id);
    },
    receipt_thumbnail: (a) => ((receipts.get(a.id) || []).find((r) => r.id === a.receiptId)?.has_thumbnail ? "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" : null),
    receipt_open: () => null,
    rules: () => state.rules.slice(),
    remove_rule: (a) => {
      state.rules = state.rules.filter((r) => r.id !== a.id);
      return 17;
    },
    subscriptions: () => (N() === 0 ? [] : subscriptionsData),
    pick_import_files: () => state.picked.slice(),
    import_preview: (a) => a.tokens.map((t) => preview(t, a.options)),
    mapping_check: (a) => {
      // The core's check (app::mapping::check_mapping), as the mock backend answers it.
      const roles = a.mapping.columns.filter((c) => c.column.trim() !== "").map((c) => c.role);
      const missing = ["date", "description"].filter((r) => !roles.includes(r));
      if (!roles.includes("amount") && !roles.includes("debit")) missing.push("amount");
      return { valid: missing.length === 0, missing };
    },
    import_commit: (a) => commit(a.tokens, a.options),
    imports: () => state.batches.map((b) => ({ ...b })),
    undo_import: (a) => {
      const b = state.batches.find((x) => x.batch_id === a.batchId);
      b.status = "undone";
      b.undone_at = "2026-11-20T10:05:00Z";
      state.overview.transactions = Math.max(0, N() - b.added);
      return b.added;
    },
    settings: settingsData,
    set_language: (a) => a.lang,
    set_currency: (a) => {
      state.overview.currency = a.code;
      return settingsData();
    },
    backup_ledger: () => "/home/mei/Documents/aispend-backup-2026-11-20.sqlite",
    restore_ledger: () => ({ ...state.overview }),
    load_sample: () => {
      state.overview.transactions = 2400;
      state.overview.sample_loaded = true;
      return { ...state.overview };
    },
    remove_sample: () => {
      state.overview.transactions = 0;
      state.overview.sample_loaded = false;
      return { ...state.overview };
    },
    sync_status: () => ["openai", "anthropic"].map((id) => ({
      provider: id,
      name: id === "openai" ? "OpenAI" : "Anthropic",
      key_hint: id === "openai" ? "sk-admin-..." : "sk-ant-admin...",
      key_stored: state.keys.has(id),
      keychain_error: null,
      endpoints: [{ endpoint: id === "openai" ? "costs" : "cost_report", synced_through: state.synced[id] ?? null, last_run_at: null, last_result: state.syncResult[id] ?? null }],
    })),
    set_provider_key: (a) => {
      const prefix = a.provider === "openai" ? "sk-admin-" : "sk-ant-admin";
      if (!a.key.startsWith(prefix)) throw { code: "bad-key", message: `that is not an Admin key (${prefix}...)` };
      state.keys.add(a.provider);
      return null;
    },
    remove_provider_key: (a) => state.keys.delete(a.provider),
    sync_now: async (a) => {
      state.syncCancel = false;
      for (let page = 1; page <= 3; page += 1) {
        emit("sync-progress", { provider: a.provider, endpoint: "costs", stage: "fetching", page, status: null, delay_ms: null, added: null });
        await sleep(150);
        if (state.syncCancel) {
          state.syncResult[a.provider] = "cancelled";
          return { synced: [], error: { code: "cancelled", message: "the sync was cancelled; nothing was saved" } };
        }
      }
      state.synced[a.provider] = "2026-11-19";
      state.syncResult[a.provider] = "ok";
      return { synced: [{ provider: a.provider, endpoint: "costs", from: "2026-10-20", to: "2026-11-20", pages: 3, batch_id: 9, added: 42, duplicates: 0 }], error: null };
    },
    cancel_sync: () => {
      state.syncCancel = true;
      return true;
    },
    "plugin:event|listen": (a) => {
      if (!listeners.has(a.event)) listeners.set(a.event, new Set());
      listeners.get(a.event).add(a.handler);
      return a.handler;
    },
    "plugin:event|unlisten": (a) => {
      listeners.get(a.event)?.delete(a.eventId);
      return null;
    },
  };

  // -- top-up cases and reconciliation (issue #7) -------------------------------------
  // A small stand-in for the core's cases module: the rules here only make
  // the mock answer plausibly; the real ones live in crates/core.
  const PENDING_LINE = { kind: "txn", id: 901, date: "2026-11-21", description: "OPENAI                   OPENAI.COM    CA", amount: "-25.00", currency: "USD", status: "pending", account: "Citi card" };
  const HOLD_LINE = { kind: "txn", id: 905, date: "2026-11-06", description: "ANTHROPIC                ANTHROPIC.COM CA", amount: "-5.00", currency: "USD", status: "pending", account: "Citi card" };
  const SETTLED_LINE = { kind: "txn", id: 903, date: "2026-11-03", description: "OPENAI                   OPENAI.COM    CA", amount: "-20.00", currency: "USD", status: "posted", account: "Citi card" };
  const QUESTIONS = [
    ["recognized_charge", "yes_no", ["true", "false"]], ["amount", "decimal", []], ["currency", "currency", []], ["paid_at", "instant", []],
    ["bank_status", "choice", ["none", "pending", "settled", "declined", "reversed"]], ["charges_seen", "count", []],
    ["platform_payment_record", "choice", ["succeeded", "failed", "none"]],
    ["payment_error", "choice", ["none", "3ds_failed", "authentication_required", "card_declined", "international_blocked", "address_mismatch", "prepaid_not_supported", "unsupported_region", "verification_page_blocked"]],
    ["card_kind", "choice", ["credit", "debit", "prepaid", "virtual"]], ["balance_before", "decimal", []], ["balance_after", "decimal", []],
    ["topup_org", "text", []], ["key_org", "text", []], ["topup_project", "text", []], ["key_project", "text", []],
    ["can_view_billing", "yes_no", ["true", "false"]], ["auto_recharge", "paste", []], ["api_error", "paste", []],
    ["provider", "choice", ["openai", "anthropic"]], ["card_last4", "text", []], ["receipt_number", "text", []],
  ];
  const casesState = { cases: [], nextId: 1, picked: [], clock: 0 };
  const stamp = () => `2026-11-24T10:${String(casesState.clock++ % 60).padStart(2, "0")}:00Z`;

  function caseDiagnosis(c) {
    const a = c.answers;
    const v = (f) => (a[f] ? a[f].value : null);
    let findings;
    let contact;
    let doNot;
    if (v("recognized_charge") === "false") {
      findings = [{ code: "unauthorized_charge", confidence: 90, explanation: "You did not make this purchase." }];
      contact = "provider_and_bank";
      doNot = [];
    } else if (v("platform_payment_record") === "succeeded") {
      findings = [{ code: "payment_succeeded_not_credited", confidence: 70, explanation: "The provider shows the payment, but no credits arrived." }];
      contact = "openai_support";
      doNot = ["pay_again"];
    } else if (v("bank_status") === "pending") {
      const sure = v("platform_payment_record") === "none";
      findings = [
        { code: "bank_authorization_only", confidence: sure ? 80 : 55, explanation: `Your bank shows a pending charge of ${v("amount")} ${v("currency")}. A pending line is only a hold.`,
          explanation_msg: { id: "topup-why-bank-hold", args: { amount: `${v("amount")} ${v("currency")}`, record: sure ? "none" : "unchecked", hold: "young", provider: "OpenAI", days: 7 } } },
        { code: "balance_update_delay", confidence: 20, explanation: "Credits can take a few minutes to appear." },
      ];
      contact = "issuing_bank";
      doNot = ["pay_again", "chargeback"];
    } else {
      findings = [{ code: "balance_update_delay", confidence: 30, explanation: "Credits can take a few minutes to appear." }];
      contact = "wait";
      doNot = ["pay_again"];
    }
    const missing = ["platform_payment_record", "paid_at", "recognized_charge"].filter((f) => !a[f]);
    // The core's texts as messages (ids of crates/core/i18n/*/topup.ftl).
    const dash = (s) => s.replaceAll("_", "-");
    return {
      computed_at: c.updated_at,
      findings: findings.map((f) => ({ explanation_msg: null, ...f, title: { id: `topup-code-${dash(f.code)}`, args: {} } })),
      first_contact: contact,
      first_contact_msg: { id: `topup-contact-${dash(contact)}`, args: { provider: "OpenAI" } },
      first_contact_hint: { id: `topup-contact-hint-${dash(contact)}`, args: {} },
      do_not: doNot,
      do_not_msgs: doNot.map((x) => ({ id: `donot-${dash(x)}`, args: {} })),
      missing,
      next_steps: ["Check OpenAI's payment history for this payment."],
      next_steps_msg: [{ id: "topup-step-check-payment-history", args: { provider: "OpenAI" } }],
    };
  }

  function caseDto(c) {
    const d = caseDiagnosis(c);
    const questions = QUESTIONS.map(([fact, kind, choices]) => {
      const ans = c.answers[fact];
      const prefix = { provider: "provider", bank_status: "bank-status", platform_payment_record: "record", payment_error: "error", card_kind: "card" }[fact];
      return {
        fact, kind, choices,
        text: { id: `topup-q-${fact.replaceAll("_", "-")}`, args: {} },
        choice_labels: kind === "choice" ? choices.map((x) => ({ id: `topup-choice-${prefix}-${x.replaceAll("_", "-")}`, args: {} })) : choices.map((x) => ({ id: x, args: {} })),
        answer: ans ? ans.value : null,
        source: ans ? ans.source : null,
        rows: ans && ans.source === "ledger" ? c.rows.slice() : [],
        ledger_value: null,
        matters: d.missing.includes(fact),
      };
    });
    const next = d.missing.find((f) => !c.answers[f]) ?? null;
    const contact = { issuing_bank: "the bank that issued my card", openai_support: "OpenAI support", wait: "OpenAI support", provider_and_bank: "OpenAI support" }[d.first_contact];
    const message = `To: ${contact}\nSubject: Card payment to OpenAI of ${c.answers.amount ? c.answers.amount.value : "?"} USD\n\nHello,\n\nMy card •••• 1111 shows a payment to OpenAI that did not go through as expected.\n\nThank you,\n[your name]\n`;
    return {
      id: c.id, title: c.title, provider: "openai", status: c.status, created_at: c.created_at, updated_at: c.updated_at,
      questions, next_question: next, diagnosis: d, rows: c.rows.slice(), attachments: c.attachments.map((x) => ({ ...x })),
      notes: c.notes.map((n) => ({ ...n })), message,
      drafts: [
        { lang: "en", text: message, check: null },
        { lang: "zh-CN", text: message, check: `收件人：${d.first_contact === "issuing_bank" ? "我的发卡银行" : "OpenAI 客服"}\n\n您好：\n\n谢谢！\n【您的姓名】\n` },
      ],
    };
  }

  function newCase(title, rows, provider) {
    const now = stamp();
    const c = { id: casesState.nextId++, title, created_at: now, updated_at: now, rows, answers: {}, attachments: [], provider, status: "open", notes: [] };
    const line = rows[0];
    if (line) {
      c.answers.bank_status = { value: line.status === "pending" ? "pending" : "settled", source: "ledger" };
      c.answers.amount = { value: line.amount.replace("-", ""), source: "ledger" };
      c.answers.currency = { value: line.currency, source: "ledger" };
      c.answers.charges_seen = { value: String(rows.length), source: "ledger" };
    }
    casesState.cases.unshift(c);
    return c;
  }

  const findCase = (id) => {
    const c = casesState.cases.find((x) => x.id === id);
    if (!c) throw { code: "not-found", message: `there is no case ${id}; reopen the list` };
    return c;
  };
  const openCase = (id) => {
    const c = findCase(id);
    if (c.status === "closed") throw { code: "case", message: `case ${id} is closed; reopen it (\`aispend case reopen ${id}\`) to change it` };
    return c;
  };
  const PAYMENT_ROW = { kind: "payment", id: 71, date: "2026-11-21", description: "OpenAI credit purchase", amount: "25.00", currency: "USD", status: "succeeded", account: null };
  const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  function attachNamed(c, files) {
    for (const f of files) {
      const png = /\.(png|jpe?g)$/i.test(f.name);
      c.attachments.push({ id: c.attachments.length + 1, name: f.name, stored_name: `${String(c.attachments.length + 1).padStart(2, "0")}-${f.name}`,
        media_type: png ? "image/png" : "application/pdf", size: f.size, sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        captured_at: stamp(), metadata_removed: png, has_thumbnail: png });
    }
    c.updated_at = stamp();
  }

  const flags = () => [
    { key: "stale_pending:t905:", kind: "stale_pending", provider: "anthropic", date: "2026-11-06", amount: "5.00", currency: "USD",
      message: "A hold of 5.00 USD by Anthropic from 2026-11-06 has been pending for 18 days and never settled.",
      msg: { id: "reconcile-stale-pending", args: { amount: "5.00", currency: "USD", provider: "Anthropic", date: "2026-11-06", days: 18 } }, rows: [HOLD_LINE],
      case_id: casesState.cases.find((c) => c.rows.some((r) => r.id === HOLD_LINE.id))?.id ?? null },
    { key: "double_charge:t903,t904:", kind: "double_charge", provider: "openai", date: "2026-11-03", amount: "20.00", currency: "USD",
      message: "2 charges of 20.00 USD to OpenAI on Citi card within a day.",
      msg: { id: "reconcile-double-charge", args: { count: 2, amount: "20.00", currency: "USD", provider: "OpenAI", account: "Citi card", records: 0 } }, rows: [SETTLED_LINE, { ...SETTLED_LINE, id: 904 }], case_id: null },
  ];

  Object.assign(handlers, {
    case_list: () => casesState.cases.map((c) => ({ id: c.id, title: c.title, provider: c.provider, status: c.status, created_at: c.created_at, updated_at: c.updated_at })),
    case_note: (a) => {
      const c = openCase(a.id);
      if (a.text.trim() === "") throw { code: "case", message: "the note is empty; expected the text of the note" };
      c.notes.push({ id: c.notes.length + 1, text: a.text.trim(), created_at: stamp() });
      c.updated_at = stamp();
      return caseDto(c);
    },
    case_set_status: (a) => {
      const c = findCase(a.id);
      if (c.status !== a.status) {
        c.status = a.status;
        c.updated_at = stamp();
      }
      return caseDto(c);
    },
    case_link_candidates: (a) => {
      const c = findCase(a.id);
      const linked = (r) => c.rows.some((x) => x.kind === r.kind && x.id === r.id);
      return { txns: [PENDING_LINE, SETTLED_LINE].filter((r) => !linked(r)), payments: [PAYMENT_ROW].filter((r) => !linked(r)) };
    },
    case_link: (a) => {
      const c = openCase(a.id);
      const r = [PENDING_LINE, SETTLED_LINE, PAYMENT_ROW].find((x) => x.kind === a.kind && x.id === a.row);
      if (!r) throw { code: "not-found", message: `there is no ${a.kind} ${a.row}` };
      if (c.rows.some((x) => x.kind === r.kind && x.id === r.id)) throw { code: "link", message: `${a.kind} ${a.row} is already linked to case ${a.id}` };
      c.rows.push(r);
      if (r.kind === "payment") c.answers.platform_payment_record = { value: "succeeded", source: "ledger" };
      c.updated_at = stamp();
      return caseDto(c);
    },
    case_unlink: (a) => {
      const c = openCase(a.id);
      const before = c.rows.length;
      c.rows = c.rows.filter((x) => !(x.kind === a.kind && x.id === a.row));
      if (c.rows.length === before) throw { code: "link", message: `case ${a.id} has no linked ${a.kind}` };
      if (a.kind === "payment") delete c.answers.platform_payment_record;
      c.updated_at = stamp();
      return caseDto(c);
    },
    case_candidates: () => [PENDING_LINE, SETTLED_LINE],
    case_new: (a) => {
      const line = [PENDING_LINE, SETTLED_LINE].find((l) => l.id === a.txnId);
      return caseDto(newCase(line ? `OpenAI ${line.amount.replace("-", "")} USD on ${line.date}` : "OpenAI top-up", line ? [line] : [], "openai"));
    },
    case_open: (a) => caseDto(findCase(a.id)),
    case_answer: (a) => {
      const c = openCase(a.id);
      const q = QUESTIONS.find(([f]) => f === a.fact);
      if (q && q[1] === "choice" && a.value !== "unknown" && !q[2].includes(a.value))
        throw { code: "bad-answer", message: `field "${a.fact}": "${a.value}" is not one of the allowed values; expected one of ${q[2].join(", ")}` };
      if (q && q[1] === "decimal" && a.value !== "unknown" && !/^-?\d+(\.\d+)?$/.test(a.value))
        throw { code: "bad-answer", message: `field "${a.fact}": "${a.value}" is not a decimal amount; expected a number such as 20.00` };
      if (a.value === "unknown" || a.value === "") delete c.answers[a.fact];
      else c.answers[a.fact] = { value: a.value, source: "user" };
      c.updated_at = stamp();
      return caseDto(c);
    },
    case_add_files: (a) => {
      const c = findCase(a.id);
      if (casesState.picked.length === 0) return null;
      attachNamed(c, casesState.picked);
      return caseDto(c);
    },
    case_attach: (a) => {
      const c = findCase(a.id);
      attachNamed(c, a.tokens.map((t) => state.picked.find((p) => p.token === t) || { token: t, name: `${t}.png`, size: 2048 }));
      return caseDto(c);
    },
    case_thumbnail: (a) => {
      const c = findCase(a.id);
      const x = c.attachments.find((y) => y.id === a.attachmentId);
      if (!x) throw { code: "not-found", message: "no such attachment" };
      return x.has_thumbnail ? TINY_PNG : null;
    },
    case_pack_preview: (a) => {
      const c = findCase(a.id);
      const bag = `aispend-case-${c.id}`;
      return {
        files: [`${bag}/bagit.txt`, `${bag}/manifest.json`, `${bag}/data/summary.md`, `${bag}/data/summary.html`, `${bag}/data/timeline.csv`, `${bag}/data/message.txt`,
          ...c.attachments.map((x) => `${bag}/data/attachments/${x.stored_name}`)].map((path) => ({ path, size: 1024 })),
        redactions: [
          { file: `${bag}/data/summary.md`, kind: "card", hint: "•••• 1111 (16 digits)", replacement: "•••• 1111", line: 14 },
          { file: `${bag}/data/summary.md`, kind: "email", hint: "j…@example.com (20 chars)", replacement: "j•••@example.com", line: 15 },
        ],
        summary: `# Case ${c.id}: ${c.title}\n\nNote: Card •••• 1111, receipts to j•••@example.com\n`,
      };
    },
    case_export: (a) => {
      findCase(a.id);
      return { path: `/home/mei/Documents/aispend-case-${a.id}.zip`, sha256: "ab12", size: 48213, files: 7 };
    },
    reconciliation: () => ({ as_of: "2026-11-24", card_lines: 5, payments: 0, matched: 0, flags: flags(),
      notes: ["No OpenAI payment records: card charges can't be checked against what OpenAI credited."],
      note_msgs: [{ id: "reconcile-note-no-records", args: { provider: "OpenAI", id: "openai" } }] }),
    case_from_flag: (a) => {
      const f = flags().find((x) => x.key === a.key);
      if (!f) throw { code: "not-found", message: "that flag is no longer raised (the ledger changed); reload the reconciliation and choose again" };
      const c = newCase(`Anthropic 5.00 USD on 2026-11-06: hold never settled`, f.rows.slice(), f.provider);
      return caseDto(c);
    },
  });
  state.cases = casesState;
  // -- end of top-up cases and reconciliation ------------------------------------------
  // -- Reimbursement and Provider views (issue #7) --------------------------------
  // A separate block, so that it merges cleanly with other views' mocks. Tags
  // live in `edits` (like edit_txn's); marks in `marks`. The fake report sums
  // in integer cents, as the core would with decimals.
  const marks = new Map(); // txn id -> YYYY-MM-DD
  const cents = (s) => {
    const neg = s.startsWith("-");
    const [w, f = ""] = s.replace("-", "").split(".");
    const c = Number(w) * 100 + Number((f + "00").slice(0, 2));
    return neg ? -c : c;
  };
  const dec = (c) => `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;
  function taggedRows(client) {
    const want = `client:${client.trim()}`.toLowerCase();
    const out = [];
    for (const [id, e] of edits) {
      if ((e.tags || []).some((t) => t.toLowerCase() === want)) out.push(row(N() - id));
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  }
  const parties = { sender: "", payment_note: "", addresses: new Map() };
  const partiesOf = (client) => ({
    client: client.trim(), sender: parties.sender, payment_note: parties.payment_note,
    client_address: client.trim() === "" ? "" : parties.addresses.get(client.trim().toLowerCase()) ?? "",
  });
  function reimbursePreviewMock(req) {
    if (req.from > req.to) throw { code: "bad-input", message: `the period is backwards: --from ${req.from} is after --to ${req.to}` };
    const cur = req.currency || "USD";
    const rows = taggedRows(req.client).filter((r) => r.date >= req.from && r.date <= req.to && r.status !== "reverted")
      .filter((r) => req.include_reimbursed || !marks.has(r.id));
    const totals = new Map();
    let conv = 0;
    let outstanding = 0;
    let unconverted = 0;
    const lines = rows.map((r, i) => {
      const owed = dec(-cents(r.amount));
      const t = totals.get(r.currency) || { currency: r.currency, owed: 0, lines: 0 };
      t.owed += -cents(r.amount);
      t.lines += 1;
      totals.set(r.currency, t);
      let converted = null;
      let conversion = "missing";
      if (r.currency === cur) [converted, conversion] = [owed, "same"];
      else if (r.original_currency === cur && r.original_amount) [converted, conversion] = [dec(Math.abs(cents(r.original_amount))), "original"];
      if (converted === null) unconverted += 1;
      else {
        conv += cents(converted);
        if (!marks.has(r.id)) outstanding += cents(converted);
      }
      return {
        number: i + 1, txn_id: r.id, date: r.date, vendor: r.vendor ?? "", description: r.description, owed,
        currency: r.currency, owed_converted: converted, conversion, rate: null,
        receipts: i % 2 === 0 ? [`${r.date}_${r.vendor ?? "line"}_${r.id}.pdf`] : [],
        reimbursed_on: marks.get(r.id) ?? null, status: r.status, account: r.account,
        receipt_no: null, net: null, tax: null,
      };
    });
    const tagged = rows[0]?.tags.find((t) => t.toLowerCase() === `client:${req.client.trim()}`.toLowerCase());
    // Per vendor and currency, as the core's reimburse::subtotals (no tax in the mock).
    const subs = new Map();
    for (const l of lines) {
      const key = `${l.vendor.toLowerCase()}|${l.currency}`;
      const s = subs.get(key) || { by: "vendor", name: l.vendor, currency: l.currency, owed: 0, lines: 0 };
      s.owed += cents(l.owed);
      s.lines += 1;
      subs.set(key, s);
    }
    const subtotals = [...subs.values()]
      .sort((a, b) => (a.name === "") - (b.name === "") || a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.currency.localeCompare(b.currency))
      .map((s) => ({ ...s, owed: dec(s.owed), net: dec(s.owed), tax: "0.00" }));
    return {
      number: null, client: tagged ? tagged.slice(7) : req.client.trim(), from: req.from, to: req.to, currency: cur, lines,
      totals: [...totals.values()].map((t) => ({ ...t, owed: dec(t.owed), net: dec(t.owed), tax: "0.00" })),
      subtotals,
      total_converted: dec(conv), outstanding_converted: dec(outstanding), unconverted_lines: unconverted,
      missing_receipts: lines.filter((l) => l.receipts.length === 0).length,
      reimbursed_lines: lines.filter((l) => l.reimbursed_on !== null).length,
      notes: unconverted > 0 ? [{ id: "reimb-note-missing-rate", args: { currency: "EUR", report: cur } }] : [],
    };
  }
  const PROVIDER_VIEW = {
    records: 42,
    by_project: [
      { provider: "openai", key: "Client Atlas", currency: "USD", amount: "212.40", records: 12 },
      { provider: "anthropic", key: "Default", currency: "USD", amount: "96.15", records: 9 },
      { provider: "openai", key: "Default project", currency: "USD", amount: "31.05", records: 8 },
    ],
    by_line_item: [
      { provider: "openai", key: "gpt-5, input_tokens", currency: "USD", amount: "180.00", records: 6 },
      { provider: "anthropic", key: "Claude Sonnet 4.5", currency: "USD", amount: "96.15", records: 9 },
      { provider: "openai", key: "gpt-image-1, image_generation", currency: "USD", amount: "63.45", records: 14 },
    ],
    by_model: [
      { provider: "anthropic", key: "Claude Sonnet 4.5", currency: "USD", amount: "96.15", records: 9 },
      { provider: "openai", key: "(none)", currency: "USD", amount: "243.45", records: 20 },
    ],
    by_api_key: [
      { provider: "openai", key: "key_9TmQ2xVbR7sLk4Pd", currency: "USD", amount: "243.45", records: 20 },
      { provider: "anthropic", key: "laptop-dev", currency: "USD", amount: "96.15", records: 9 },
    ],
    by_month: [
      { provider: "anthropic", key: "2026-10", currency: "USD", amount: "40.00", records: 4 },
      { provider: "openai", key: "2026-10", currency: "USD", amount: "120.00", records: 10 },
      { provider: "anthropic", key: "2026-11", currency: "USD", amount: "56.15", records: 5 },
      { provider: "openai", key: "2026-11", currency: "USD", amount: "123.45", records: 10 },
    ],
    totals: [
      { provider: "anthropic", key: "total", currency: "USD", amount: "96.15", records: 9 },
      { provider: "openai", key: "total", currency: "USD", amount: "243.45", records: 20 },
    ],
    vs_topups: [
      { month: "2026-10", provider: "anthropic", currency: "USD", cost: "40.00", card_topups: "50.00", card_lines: 1, credit_purchases: "0" },
      { month: "2026-10", provider: "openai", currency: "USD", cost: "120.00", card_topups: "100.00", card_lines: 1, credit_purchases: "0" },
      { month: "2026-11", provider: "anthropic", currency: "USD", cost: "56.15", card_topups: "0", card_lines: 0, credit_purchases: "0" },
      { month: "2026-11", provider: "openai", currency: "USD", cost: "123.45", card_topups: "200.00", card_lines: 2, credit_purchases: "0" },
      { month: "2026-11", provider: "openai", currency: "EUR", cost: "0", card_topups: "18.54", card_lines: 1, credit_purchases: "0" },
    ],
    chart_currency: "USD",
    chart: [
      { month: "2026-10", openai: "120.00", anthropic: "40.00", topups: "150.00" },
      { month: "2026-11", openai: "123.45", anthropic: "56.15", topups: "200.00" },
    ],
    other_currencies: ["EUR"],
  };
  Object.assign(handlers, {
    reimburse_tags: () => {
      const counts = { client: new Map(), project: new Map() };
      for (const e of edits.values()) {
        for (const t of e.tags || []) {
          const [kind, ...rest] = t.split(":");
          const k = kind.toLowerCase();
          if (!(k in counts) || rest.length === 0) continue;
          const name = rest.join(":");
          const key = name.toLowerCase();
          const c = counts[k].get(key) || { name, lines: 0 };
          c.lines += 1;
          counts[k].set(key, c);
        }
      }
      const list = (m) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
      return { clients: list(counts.client), projects: list(counts.project) };
    },
    tag_lines: (a) => {
      let tag = a.tag.trim();
      if (/^client:\s*$/i.test(tag) || /^project:\s*$/i.test(tag)) throw { code: "bad-input", message: `tag "${a.tag}" cannot be used: it names no one after "client:"` };
      if (/^(client|project):/i.test(tag)) tag = tag.replace(/^(client|project):\s*/i, (m, p) => `${p.toLowerCase()}:`);
      let ids = a.target.ids;
      if (ids === null) ids = (unfiltered(a.target.query) ? [...Array(N()).keys()] : filtered(a.target.query)).map((i) => N() - i);
      if (ids.length === 0) throw { code: "bad-input", message: "no lines are chosen" };
      let changed = 0;
      for (const id of ids) {
        const e = edits.get(id) || { tags: [] };
        const has = (e.tags || []).some((t) => t.toLowerCase() === tag.toLowerCase());
        if (a.remove && has) e.tags = e.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase());
        else if (!a.remove && !has) e.tags = [...(e.tags || []), tag];
        else continue;
        changed += 1;
        edits.set(id, e);
      }
      const named = /^client:/i.test(tag) ? tag.slice("client:".length).trim() : "";
      return { tag, selected: ids.length, changed, client: named === "" ? null : named };
    },
    reimburse_preview: (a) => reimbursePreviewMock(a.request),
    export_reimbursement: (a) => {
      if (cfg.exportCancel) return null;
      const base = `/home/mei/Documents/reimbursement-${a.request.client.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      const p = reimbursePreviewMock(a.request);
      return a.kind === "zip"
        ? { kind: "zip", file: `${base}.receipts.zip`, receipts_zip: null, lines: p.lines.length, receipts: p.lines.length - p.missing_receipts }
        : { kind: a.kind, file: `${base}.${a.kind}`, receipts_zip: `${base}.receipts.zip`, lines: p.lines.length, receipts: p.lines.length - p.missing_receipts };
    },
    mark_reimbursed: (a) => {
      const on = a.on ?? "2026-11-20";
      const ids = taggedRows(a.client).filter((r) => r.date >= a.from && r.date <= a.to && r.status !== "reverted" && !marks.has(r.id)).map((r) => r.id);
      for (const id of ids) marks.set(id, on);
      return { client: a.client, on, ids };
    },
    unmark_reimbursed: (a) => a.ids.filter((id) => marks.delete(id)).length,
    report_parties: (a) => partiesOf(a.client),
    save_report_parties: (a) => {
      const p = a.parties;
      // The core's check, for one field: the sender's number of lines.
      const lines = p.sender.split("\n").filter((l, i, all) => l.trim() !== "" || (i > 0 && i < all.length - 1)).length;
      if (lines > 6) {
        throw { code: "bad-input", message: `Your name and address has ${lines} lines; the report has room for 6`,
          msg: { id: "reimb-party-too-many-lines", args: { field: "sender", lines, max: 6 } } };
      }
      parties.sender = p.sender.trim();
      parties.payment_note = p.payment_note.trim();
      if (p.client.trim() !== "") parties.addresses.set(p.client.trim().toLowerCase(), p.client_address.trim());
      return partiesOf(p.client);
    },
    provider_view: (a) => {
      if (cfg.providerEmpty) return { ...PROVIDER_VIEW, records: 0, by_project: [], by_line_item: [], by_model: [], by_api_key: [], by_month: [], totals: [], vs_topups: [], chart: [], chart_currency: null, other_currencies: [] };
      const p = a.query.provider;
      if (!p) return PROVIDER_VIEW;
      const only = (list) => list.filter((g) => g.provider === p);
      return {
        ...PROVIDER_VIEW,
        by_project: only(PROVIDER_VIEW.by_project), by_line_item: only(PROVIDER_VIEW.by_line_item), by_model: only(PROVIDER_VIEW.by_model),
        by_api_key: only(PROVIDER_VIEW.by_api_key), by_month: only(PROVIDER_VIEW.by_month), totals: only(PROVIDER_VIEW.totals),
        vs_topups: only(PROVIDER_VIEW.vs_topups),
        chart: PROVIDER_VIEW.chart.map((m) => ({ ...m, [p === "openai" ? "anthropic" : "openai"]: "0" })),
      };
    },
  });
  // -- end of the issue #7 block ------------------------------------------------

  // -- usage of AI tools and the watched log folders (issue #20) -------------------
  const watch = {
    folders: [
      { tool: "claude-code", path: "/home/ana/.claude/projects", exists: true, watched: false },
      { tool: "codex-cli", path: "/home/ana/.codex/sessions", exists: false, watched: false },
    ],
    last_scan: null,
  };
  Object.assign(handlers, {
    usage_view: () => ({
      by_tool: [{ key: "claude-code", tool: "claude-code", provider: "anthropic", input_tokens: 5135, cached_input_tokens: 50084,
        output_tokens: 539, reasoning_tokens: 0, requests: 4, records: 4, estimated_cost: "0.04", reported_cost: null, currency: "USD", unpriced_records: 0 }],
      by_model: [], by_project: [],
      check: [{ provider: "anthropic", month: "2026-11", currency: "USD", estimated: null, reported: null, charged: "100.00",
        plan_usage_value: "0.04", gaps: [] }],
      watch,
    }),
    set_watched_folder: (a) => {
      if (typeof a.folder !== "number" || "path" in a) throw new Error("set_watched_folder takes a folder's place, not a path");
      watch.folders[a.folder].watched = a.on;
      return watch;
    },
    scan_watched_now: () => {
      watch.last_scan = { at: "2026-11-24T10:00:00Z", added: 0, read: 0, failed: 0 };
      return 0;
    },
  });

  // -- credits, budgets and alerts (issue #18) ------------------------------------
  const ALERT_KINDS = ["renewal_soon", "trial_ending", "price_change", "lapsed_still_charged", "double_subscription",
    "budget_exceeded", "budget_projected", "credits_low", "credits_expiring", "auto_recharge_loop"];
  const alertState = { dismissed: new Set(), quiet: false, off: new Set(), autostart: false,
    budgets: [...(cfg.budgets || [])], grants: [], cancellations: [] };
  const ALERTS = cfg.alerts || [];
  const alertSettings = () => ({ kinds: ALERT_KINDS.map((kind) => ({ kind, enabled: !alertState.off.has(kind) })), quiet: alertState.quiet });
  Object.assign(handlers, {
    alerts_view: () => ({
      as_of: "2026-11-24",
      alerts: ALERTS.filter((a) => !alertState.dismissed.has(a.id) && !alertState.off.has(a.kind)),
      credits: cfg.credits || [],
      budgets: alertState.budgets,
      plan_value: cfg.planValue || [],
      plan_value_error: cfg.planValueError || null,
      settings: alertSettings(),
      cancellations: alertState.cancellations,
    }),
    // The core parses every field; the mock checks the two the tests type wrong.
    set_budget: (a) => {
      const i = a.input;
      if (!/^\d+(\.\d+)?$/.test(i.amount.trim())) {
        throw { code: "bad-input", message: `the amount "${i.amount.trim()}" is not an amount; write it with a point and no separators, such as 12.34` };
      }
      const id = alertState.budgets.reduce((m, b) => Math.max(m, b.id), 0) + 1;
      const scope = `${i.scope_kind}:${i.scope_value}`;
      const [from, to] = i.period === "monthly" ? ["2026-11-01", "2026-11-30"] : i.period.split("..");
      alertState.budgets.push({ id, scope, amount: i.amount, currency: i.currency, spent: "0.00", projected: "0.00", status: "ok",
        period: i.period, period_from: from, period_to: to, renewals: "0.00", skipped_lines: 0, rows: [] });
      return { id, scope, amount: i.amount, currency: i.currency, period: i.period };
    },
    remove_budget: (a) => {
      alertState.budgets = alertState.budgets.filter((b) => b.id !== a.id);
      return a.id;
    },
    add_grant: (a) => {
      if (a.input.on === "") throw { code: "bad-date", message: "the date is empty; enter a date (YYYY-MM-DD)" };
      alertState.grants.push(a.input);
      return alertState.grants.length;
    },
    set_credit_balance: (a) => ({ provider: a.input.provider, organization: null, currency: a.input.currency, balance: a.input.amount,
      as_of: a.input.on, purchases: [], next_expiry: null, burn_per_day_7d: "0.00", burn_per_day_30d: "0.00", runs_out_on: null,
      auto_recharge: { detected: false, amount: null, threshold: null, count_this_month: 0, usual_per_month: 0, is_loop: false, rows: [] },
      unexplained: "-0.75", checked_on: a.input.on, computed_balance: "5.00", used: "0.00", usage_rows: [] }),
    mark_cancelled: (a) => {
      const c = { id: alertState.cancellations.length + 1, vendor: a.input.vendor, product: a.input.product, cancelled_on: a.input.on };
      alertState.cancellations.push(c);
      return c;
    },
    unmark_cancelled: (a) => {
      alertState.cancellations = alertState.cancellations.filter((c) => c.id !== a.id);
      return a.id;
    },
    dismiss_alert: (a) => {
      const found = ALERTS.find((x) => x.id === a.id);
      if (!found) throw { code: "not-found", message: `there is no alert "${a.id}" now` };
      alertState.dismissed.add(a.id);
      return { ...found, dismissed: true };
    },
    set_alert_setting: (a) => {
      if (a.input.type === "quiet") alertState.quiet = a.input.quiet;
      else if (a.input.enabled) alertState.off.delete(a.input.kind);
      else alertState.off.add(a.input.kind);
      return alertSettings();
    },
    autostart_status: () => alertState.autostart,
    set_autostart: (a) => (alertState.autostart = a.enabled),
  });

  let releaseOverview = () => {};
  const overviewHeld = new Promise((resolve) => (releaseOverview = resolve));
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    transformCallback(cb, once) {
      const id = nextCb++;
      callbacks.set(id, (payload) => {
        if (once) callbacks.delete(id);
        return cb && cb(payload);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    convertFileSrc: (p) => p,
    async invoke(cmd, args = {}) {
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
      if (cfg.delayMs) await sleep(cfg.delayMs);
      if (cmd === "ledger_overview" && cfg.failOverview) throw cfg.failOverview;
      // holdOverview: ledger_overview answers only when the test calls
      // __mock.releaseOverview() (the start-up order is then visible).
      if (cmd === "ledger_overview" && cfg.holdOverview) await overviewHeld;
      if (cfg.fail[cmd]) throw cfg.fail[cmd];
      const h = handlers[cmd];
      if (!h) throw { code: "unknown-command", message: `mock: no command ${cmd}` };
      return h(args);
    },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };

  window.__mock = {
    releaseOverview,
    calls,
    state,
    emit,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd),
    listening: (event) => (listeners.get(event) || new Set()).size,
  };
})();
