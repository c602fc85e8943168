-- Classification (SPEC §4): what the rules and the catalog say about each
-- line. A user's edit (txn_edits) is not copied here: it is laid over these
-- columns when the ledger is read, so it always wins and survives undo and
-- re-import. ADD COLUMN with no default rewrites nothing: old rows read NULL
-- until classified, which happens when the ledger is next opened
-- (classify_state.catalog_version is NULL).
ALTER TABLE transactions ADD COLUMN class TEXT
    CHECK (class IN ('ai-subscription', 'ai-api', 'everyday', 'transfer'));
ALTER TABLE transactions ADD COLUMN vendor TEXT;
ALTER TABLE transactions ADD COLUMN product TEXT;
-- 'rule:<id>', 'catalog' or 'default'
ALTER TABLE transactions ADD COLUMN class_source TEXT;
-- Why an unfamiliar line deserves a look (NULL: it does not).
ALTER TABLE transactions ADD COLUMN review TEXT;
-- JSON array of the tags a rule gave the line (NULL: none).
ALTER TABLE transactions ADD COLUMN rule_tags TEXT;

-- AI lines only (a few percent of a ledger), so the index costs an import
-- little; it serves `txns --vendor` and per-vendor summaries. `--class
-- everyday` reads most of the ledger anyway and gets no index.
CREATE INDEX transactions_vendor ON transactions (vendor, txn_date)
    WHERE vendor IS NOT NULL;

CREATE TABLE rules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
    created_at  TEXT NOT NULL,                      -- UTC instant
    field       TEXT NOT NULL CHECK (field IN ('description', 'merchant')),
    kind        TEXT NOT NULL CHECK (kind IN ('contains', 'regex')),
    pattern     TEXT NOT NULL CHECK (length(pattern) BETWEEN 1 AND 1000),
    min_amount  INTEGER,                            -- micro-units, size of the amount
    max_amount  INTEGER,
    account     TEXT,                               -- account name
    currency    TEXT,                               -- billed or original
    class       TEXT NOT NULL
                CHECK (class IN ('ai-subscription', 'ai-api', 'everyday', 'transfer')),
    vendor      TEXT,
    product     TEXT,
    tags        TEXT,                               -- JSON array of strings
    priority    INTEGER NOT NULL DEFAULT 0,         -- higher runs first
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    from_txn    INTEGER                             -- the line it was made from
) STRICT;

-- One row: the catalog version the stored classes were computed with. When
-- it differs from the running catalog's, the ledger is classified again.
CREATE TABLE classify_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    catalog_version  TEXT
) STRICT;
INSERT INTO classify_state (id, catalog_version) VALUES (1, NULL);
