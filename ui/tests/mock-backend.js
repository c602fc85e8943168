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
      class_source: v.cls === null ? null : "catalog",
      review: null,
      account: ACCOUNTS[i % ACCOUNTS.length],
      status: i % 11 === 2 ? "pending" : i % 89 === 5 ? "reverted" : "posted",
      tags: [],
      note: null,
      category: null,
      memo: null,
      batch_id: 1 + (i % 3),
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
    return true;
  }
  const unfiltered = (q) => !q.from && !q.to && !q.account && !q.class && !q.vendor && !q.status && !q.text;
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
  };

  function preview(token, options) {
    const f = state.picked.find((p) => p.token === token) || { token, name: token, size: 0 };
    const base = { token, name: f.name, format: null, account: null, added: 0, duplicates: 0, rejected: 0, error: null, mapping: null };
    if (token === "tok-chase") return Object.assign(base, { format: "chase-csv", account: "Chase Sapphire ••1234", added: 37, duplicates: 412, rejected: 1 });
    if (token === "tok-png")
      return Object.assign(base, { error: { code: "unknown-format", message: "receipt.png is not a statement AI Spend can read. Export a CSV, OFX or QIF file from your bank." } });
    if (token === "tok-bank") {
      if (!options.mapping) return Object.assign(base, { mapping: MAPPING });
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
      out.push({ token, name: p.name, format: p.format, account: p.account, batch_id, added: p.added, duplicates: p.duplicates, rejected: p.rejected, error: null });
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
    txn_count: (a) => (unfiltered(a.query) ? N() : filtered(a.query).length),
    txn_facets: () => ({ accounts: ACCOUNTS, vendors: ["anthropic", "cursor", "midjourney", "openai"], classes: ["ai-api", "ai-subscription", "everyday", "transfer"], vendor_names: { anthropic: "Anthropic", cursor: "Cursor", midjourney: "Midjourney", openai: "OpenAI", perplexity: "Perplexity" } }),
    edit_txn: (a) => {
      edits.set(a.id, { class: a.edit.class, vendor: a.edit.vendor, tags: a.edit.tags || [], note: a.edit.note, class_source: "edit" });
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
    rules: () => state.rules.slice(),
    remove_rule: (a) => {
      state.rules = state.rules.filter((r) => r.id !== a.id);
      return 17;
    },
    subscriptions: () => (N() === 0 ? [] : subscriptionsData),
    pick_import_files: () => state.picked.slice(),
    import_preview: (a) => a.tokens.map((t) => preview(t, a.options)),
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
      if (cfg.fail[cmd]) throw cfg.fail[cmd];
      const h = handlers[cmd];
      if (!h) throw { code: "unknown-command", message: `mock: no command ${cmd}` };
      return h(args);
    },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };

  window.__mock = {
    calls,
    state,
    emit,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd),
    listening: (event) => (listeners.get(event) || new Set()).size,
  };
})();
