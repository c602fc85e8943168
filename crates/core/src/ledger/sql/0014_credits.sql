-- Prepaid credits, budgets and reminders (issue: credits, budget, alerts).
--
-- Purchases and usage are not stored again here: they are the provider
-- payments, the card lines and the cost records the ledger already holds.
-- These tables keep only what the user says that no import can: credit
-- granted by hand, the balance a billing page showed, budgets, plans marked
-- cancelled, and which alerts were dismissed or already notified.

-- Promotional or granted credit, entered by hand. Used before paid credit.
CREATE TABLE credit_grants (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    provider         TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    organization_id  TEXT,
    granted_on       INTEGER NOT NULL,        -- local date, yyyymmdd
    amount           INTEGER NOT NULL CHECK (amount > 0),  -- micro-units
    currency         TEXT NOT NULL,
    expires_on       INTEGER,                 -- local date, yyyymmdd; NULL: never
    note             TEXT,
    created_at       TEXT NOT NULL            -- UTC instant
) STRICT;

-- "My billing page says 12.34 today": the balance the user saw on a date.
-- The difference from what the rows explain is shown, never absorbed.
CREATE TABLE credit_balance_checks (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    provider         TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    organization_id  TEXT,
    checked_on       INTEGER NOT NULL,        -- local date, yyyymmdd
    balance          INTEGER NOT NULL,        -- micro-units, may be negative
    currency         TEXT NOT NULL,
    created_at       TEXT NOT NULL
) STRICT;

-- A spending limit: per provider (usage cost), vendor, class or tag (card
-- lines), for every calendar month or for one period of local dates.
CREATE TABLE budgets (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    scope_kind       TEXT NOT NULL CHECK (scope_kind IN ('provider', 'vendor', 'class', 'tag')),
    scope_value      TEXT NOT NULL CHECK (length(scope_value) BETWEEN 1 AND 200),
    amount           INTEGER NOT NULL CHECK (amount > 0),  -- micro-units, the limit
    currency         TEXT NOT NULL,
    period_from      INTEGER,                 -- yyyymmdd; both NULL: monthly
    period_to        INTEGER,
    created_at       TEXT NOT NULL,
    CHECK ((period_from IS NULL) = (period_to IS NULL)),
    CHECK (period_from IS NULL OR period_from <= period_to)
) STRICT;

-- A plan the user says they cancelled: a charge after the date is flagged.
CREATE TABLE subscription_cancellations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor           TEXT NOT NULL CHECK (length(vendor) BETWEEN 1 AND 200),
    product          TEXT,                    -- NULL: every plan of the vendor
    cancelled_on     INTEGER NOT NULL,        -- local date, yyyymmdd
    created_at       TEXT NOT NULL
) STRICT;

-- What became of an alert, by its stable id.
CREATE TABLE alert_state (
    alert_id         TEXT PRIMARY KEY,
    dismissed_at     TEXT,                    -- UTC instant
    notified_at      TEXT                     -- UTC instant
) STRICT, WITHOUT ROWID;

-- Usage cost per provider and UTC day, read by every credits, budget and
-- alerts computation: a covering index, so 100k cost records are summed
-- without reading the table's rows.
CREATE INDEX provider_records_cost_days
    ON provider_records (kind, utc_date, provider, organization_id, currency, series, amount)
    WHERE superseded_by IS NULL;
