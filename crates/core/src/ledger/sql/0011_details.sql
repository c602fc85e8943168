-- Schema version 11: every descriptive field the bank gives, and why each
-- line has its class (issue #16 §2).
--
-- `details`: the line's descriptive fields beyond its description, memo and
-- category (which have columns already), as a compact JSON object of the
-- non-empty ones: {"merchant":"Anthropic","descriptor":"CLAUDE.AI ..."}
-- (keys: merchant, descriptor, goods, mcc). NULL when the file gives none,
-- as card statements do: such a line costs nothing more.
--
-- `decided_by`: what decided the stored class, as a JSON object (the
-- `decided_by` of `txns --json` without its `source`, which is
-- `class_source`): {"entry":"openai/chatgpt","field":"goods",
-- "match":"pattern","text":"CHATGPT","price":"USD 20.00","price_by":"fx"}.
-- NULL for a line no rule nor entry claimed.
--
-- ADD COLUMN with no default rewrites nothing. Lines imported before read
-- NULL details (their fields were not kept; the memo still holds what
-- older importers put there), and get `decided_by` when the ledger is
-- next classified: the catalog's version changed with this release.
ALTER TABLE transactions ADD COLUMN details TEXT;
ALTER TABLE transactions ADD COLUMN decided_by TEXT;

-- Rules may now read any of those fields. SQLite cannot change a CHECK in
-- place; `rules` is a small table, so it is rebuilt (SQLite's documented
-- procedure: new table, copy, drop, rename), keeping every id and the
-- AUTOINCREMENT counter, so an id is still never reused.
CREATE TABLE rules_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
    created_at  TEXT NOT NULL,                      -- UTC instant
    field       TEXT NOT NULL CHECK (field IN ('description', 'merchant', 'descriptor',
                                               'goods', 'memo', 'category', 'mcc', 'any')),
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
INSERT INTO rules_new (id, created_at, field, kind, pattern, min_amount, max_amount, account,
                       currency, class, vendor, product, tags, priority, enabled, from_txn)
     SELECT id, created_at, field, kind, pattern, min_amount, max_amount, account,
            currency, class, vendor, product, tags, priority, enabled, from_txn
       FROM rules;
DELETE FROM sqlite_sequence WHERE name = 'rules_new';
INSERT INTO sqlite_sequence (name, seq)
     SELECT 'rules_new', seq FROM sqlite_sequence WHERE name = 'rules';
DROP TABLE rules;
ALTER TABLE rules_new RENAME TO rules;
