-- Schema version 2: what the AI providers themselves say (SPEC §3, §6).
--
-- These are provider records, not card spending: a cost export says what a
-- project's usage cost on a UTC day, a usage export counts its tokens, a
-- payment record is a credit purchase or receipt. They never mix with the
-- card lines in `transactions`; reports and reconciliation compare the two.

-- Cost and usage records from exports (OpenAI, Anthropic) and local logs.
--
-- Bucketed exports describe whole UTC days. Two exports of the same day
-- (overlapping CSVs, a CSV and an API page, a provider's later revision) say
-- the same thing twice, so a newer import replaces what older ones said about
-- that day in the same series: the older rows stay, marked with the batch
-- that superseded them, and come back if that batch is undone. Event logs
-- (Claude Code) have an id per event instead and are deduplicated on it.
CREATE TABLE provider_records (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    source_line        INTEGER NOT NULL,      -- physical 1-based line in the file
    provider           TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    kind               TEXT NOT NULL CHECK (kind IN ('cost', 'usage')),
    -- What the numbers describe, so that only like replaces like:
    -- 'openai-costs', 'openai-usage-completions', 'openai-activity',
    -- 'anthropic-costs', 'anthropic-usage-messages', 'claude-code'.
    series             TEXT NOT NULL,
    bucket_start       TEXT NOT NULL,         -- UTC instant (RFC 3339)
    bucket_end         TEXT,                  -- UTC instant, exclusive
    utc_date           INTEGER NOT NULL,      -- UTC calendar date of bucket_start, yyyymmdd
    source_id          TEXT,                  -- event id (Claude Code message:request)
    organization_id    TEXT,
    organization_name  TEXT,
    project_id         TEXT,                  -- OpenAI project, Anthropic workspace
    project_name       TEXT,
    api_key_id         TEXT,
    api_key_name       TEXT,
    user_id            TEXT,
    line_item          TEXT,                  -- e.g. 'gpt-4o-2024-08-06, input'
    model              TEXT,
    token_type         TEXT,                  -- e.g. 'output_tokens', 'cache_read'
    service_tier       TEXT,
    amount             INTEGER,               -- micro-units, NULL for usage-only rows
    currency           TEXT,
    quantity           TEXT,                  -- decimal text, with its unit
    quantity_unit      TEXT,
    requests           INTEGER,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    cached_input_tokens INTEGER,
    cache_write_tokens INTEGER,
    superseded_by      INTEGER REFERENCES import_batches(id),
    CHECK ((amount IS NULL) = (currency IS NULL))
) STRICT;

CREATE INDEX provider_records_day
    ON provider_records (series, utc_date) WHERE superseded_by IS NULL;
CREATE INDEX provider_records_batch ON provider_records (batch_id);
CREATE INDEX provider_records_superseded
    ON provider_records (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE UNIQUE INDEX provider_records_event
    ON provider_records (provider, series, source_id) WHERE source_id IS NOT NULL;

-- Payments the provider recorded: credit purchases, invoices, receipts.
-- Entered by the user (or read from a receipt), matched against card lines.
CREATE TABLE provider_payments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    provider           TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    kind               TEXT NOT NULL CHECK (kind IN ('credit_purchase', 'invoice', 'receipt')),
    status             TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'refunded', 'pending')),
    paid_at            TEXT,                  -- UTC instant, where known
    paid_date          INTEGER NOT NULL,      -- the date the receipt shows, yyyymmdd
    amount             INTEGER NOT NULL,      -- micro-units, positive: what was paid
    currency           TEXT NOT NULL,
    invoice_number     TEXT,
    receipt_number     TEXT,
    organization_id    TEXT,
    card_brand         TEXT,
    card_last4         TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    -- The credit balance the billing page showed before and after, where the
    -- user noted it (micro-units, may be negative): a top-up that partly
    -- repaid earlier overuse has a negative balance before it.
    balance_before     INTEGER,
    balance_after      INTEGER,
    note               TEXT,
    created_at         TEXT NOT NULL          -- UTC instant
) STRICT;

-- Named column mappings for CSVs no built-in profile reads (SPEC §3), found
-- again by the file's header.
CREATE TABLE mapping_profiles (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    header_key         TEXT NOT NULL,         -- the header's cells, normalised, joined by U+001F
    spec               TEXT NOT NULL,         -- the mapping, as `--map` takes it
    created_at         TEXT NOT NULL,
    used_at            TEXT
) STRICT;
CREATE INDEX mapping_profiles_header ON mapping_profiles (header_key);

-- Duplicate layer 3 (SPEC §2): a pending line and the posted line that may
-- be the same charge, proposed at import and decided by the user. Undoing
-- either line's batch removes the link with the line; importing the line
-- again proposes it again.
CREATE TABLE txn_links (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    pending_id         INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    posted_id          INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    state              TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'rejected')),
    reason             TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    decided_at         TEXT,
    UNIQUE (pending_id, posted_id)
) STRICT;
CREATE INDEX txn_links_posted ON txn_links (posted_id);
-- The pending lines, few in any ledger, found without a scan of them all.
CREATE INDEX transactions_pending
    ON transactions (account_id, amount) WHERE status = 'pending';

-- Rows a user chose to leave out of an import (`--skip-bad-rows`): each
-- with its physical line and why it could not be read, so nothing is
-- dropped without a trace.
CREATE TABLE import_rejects (
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    line               INTEGER NOT NULL,
    reason             TEXT NOT NULL,
    PRIMARY KEY (batch_id, line)
) STRICT, WITHOUT ROWID;
