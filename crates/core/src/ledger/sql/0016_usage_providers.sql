-- Schema version 16: the providers that bill AI tools by use (issue 20).
--
-- Gemini CLI's usage is Google's, Cursor's and GitHub Copilot's overages
-- are Cursor's and GitHub's, OpenRouter bills its own credits: the closed
-- set of provider ids in `provider_records` and `provider_payments` grows
-- from ('openai', 'anthropic') to those six. SQLite cannot change a CHECK in
-- place, so both tables are rebuilt (SQLite's documented procedure: a new
-- table, the rows copied with their ids, the old one dropped, the new one
-- renamed, the indexes made again). No other table names either one in a
-- foreign key, and no view or trigger reads them.

CREATE TABLE provider_records_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    source_line        INTEGER NOT NULL,      -- physical 1-based line in the file
    provider           TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic', 'google',
                                                        'cursor', 'github', 'openrouter')),
    kind               TEXT NOT NULL CHECK (kind IN ('cost', 'usage')),
    -- What the numbers describe, so that only like replaces like:
    -- 'openai-costs', 'anthropic-usage-messages', 'claude-code', 'codex-cli',
    -- 'gemini-cli', 'cursor', 'github-copilot', 'openrouter', ...
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
    reasoning_tokens   INTEGER,
    machine            TEXT,
    CHECK ((amount IS NULL) = (currency IS NULL))
) STRICT;

INSERT INTO provider_records_new (
    id, batch_id, source_line, provider, kind, series, bucket_start, bucket_end, utc_date,
    source_id, organization_id, organization_name, project_id, project_name, api_key_id,
    api_key_name, user_id, line_item, model, token_type, service_tier, amount, currency,
    quantity, quantity_unit, requests, input_tokens, output_tokens, cached_input_tokens,
    cache_write_tokens, superseded_by, reasoning_tokens, machine)
SELECT
    id, batch_id, source_line, provider, kind, series, bucket_start, bucket_end, utc_date,
    source_id, organization_id, organization_name, project_id, project_name, api_key_id,
    api_key_name, user_id, line_item, model, token_type, service_tier, amount, currency,
    quantity, quantity_unit, requests, input_tokens, output_tokens, cached_input_tokens,
    cache_write_tokens, superseded_by, reasoning_tokens, machine
FROM provider_records;

-- AUTOINCREMENT's promise (an id is never used twice) kept across the rebuild.
DELETE FROM sqlite_sequence WHERE name = 'provider_records_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'provider_records_new', seq FROM sqlite_sequence WHERE name = 'provider_records';

DROP TABLE provider_records;
ALTER TABLE provider_records_new RENAME TO provider_records;

CREATE INDEX provider_records_day
    ON provider_records (series, utc_date) WHERE superseded_by IS NULL;
CREATE INDEX provider_records_batch ON provider_records (batch_id);
CREATE INDEX provider_records_superseded
    ON provider_records (superseded_by) WHERE superseded_by IS NOT NULL;
CREATE UNIQUE INDEX provider_records_event
    ON provider_records (provider, series, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX provider_records_cost_days
    ON provider_records (kind, utc_date, provider, organization_id, currency, series, amount)
    WHERE superseded_by IS NULL;

CREATE TABLE provider_payments_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    provider           TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic', 'google',
                                                        'cursor', 'github', 'openrouter')),
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
    balance_before     INTEGER,
    balance_after      INTEGER,
    note               TEXT,
    created_at         TEXT NOT NULL          -- UTC instant
) STRICT;

INSERT INTO provider_payments_new (
    id, provider, kind, status, paid_at, paid_date, amount, currency, invoice_number,
    receipt_number, organization_id, card_brand, card_last4, balance_before, balance_after,
    note, created_at)
SELECT
    id, provider, kind, status, paid_at, paid_date, amount, currency, invoice_number,
    receipt_number, organization_id, card_brand, card_last4, balance_before, balance_after,
    note, created_at
FROM provider_payments;

-- AUTOINCREMENT's promise (an id is never used twice) kept across the rebuild.
DELETE FROM sqlite_sequence WHERE name = 'provider_payments_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'provider_payments_new', seq FROM sqlite_sequence WHERE name = 'provider_payments';

DROP TABLE provider_payments;
ALTER TABLE provider_payments_new RENAME TO provider_payments;
