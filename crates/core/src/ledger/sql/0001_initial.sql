-- Schema version 1: accounts, import batches, transactions, user edits.
-- Money is INTEGER micro-units (1e-6) plus an ISO 4217 code. Calendar dates
-- from statements are local dates stored as INTEGER yyyymmdd (20260301: exact,
-- sortable, readable, and a third of the bytes of text in the row and in the
-- identity index); instants are RFC 3339 UTC text.

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL                 -- UTC instant
) STRICT;

CREATE TABLE import_batches (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,               -- of the file's bytes, lowercase hex
    file_size    INTEGER NOT NULL,
    format       TEXT NOT NULL,               -- detected format id, e.g. 'chase-card-csv'
    profile      TEXT,                        -- mapping profile, where one was used
    account_id   INTEGER REFERENCES accounts(id),  -- NULL when its rows span accounts
    imported_at  TEXT NOT NULL,               -- UTC instant
    added        INTEGER NOT NULL CHECK (added >= 0),
    duplicates   INTEGER NOT NULL CHECK (duplicates >= 0),
    rejected     INTEGER NOT NULL CHECK (rejected >= 0),
    status       TEXT NOT NULL CHECK (status IN ('imported', 'undone')),
    -- The rows a batch added have ids in [first_txn_id, last_txn_id]: a batch
    -- is written in one transaction and ids only grow.
    first_txn_id INTEGER,
    last_txn_id  INTEGER,
    undone_at    TEXT                         -- UTC instant
) STRICT;

CREATE TABLE transactions (
    -- AUTOINCREMENT: an id is never reused after an undo, so anything that
    -- refers to a line (a case, a rule made from it) never points at another.
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    source_line        INTEGER NOT NULL,      -- physical 1-based line in the file
    source_id          TEXT,                  -- the source's own id (FITID, order id), if any
    fingerprint        INTEGER NOT NULL,      -- xxh3-64 of the normalised content
    occurrence         INTEGER NOT NULL,      -- n-th row with this content and date in its file
    txn_date           INTEGER NOT NULL,      -- local date written on the statement, yyyymmdd
    posted_date        INTEGER,               -- local, yyyymmdd
    occurred_at        TEXT,                  -- UTC instant, where the source has one
    description        TEXT NOT NULL,
    category           TEXT,                  -- the source's own category
    source_type        TEXT,                  -- the source's own type (Sale, Payment, ...)
    memo               TEXT,
    amount             INTEGER NOT NULL,      -- micro-units; spending negative
    currency           TEXT NOT NULL,
    original_amount    INTEGER,
    original_currency  TEXT,
    fx_rate            TEXT,                  -- decimal text, as implied or given
    fx_fee             INTEGER,               -- micro-units in `currency`
    status             TEXT NOT NULL CHECK (status IN ('posted', 'pending', 'reverted'))
) STRICT;

-- Duplicate layer 2 (content + occurrence) and the date-range index at once.
-- The date leads, descending: statements list the newest line first, so a
-- statement's keys arrive in this index's order and fill its pages at the
-- end (about 90% full) instead of splitting pages all over (about 50%).
CREATE UNIQUE INDEX transactions_identity
    ON transactions (txn_date DESC, account_id, fingerprint, occurrence);
-- Duplicate layer 1: the source's own id within the account.
CREATE UNIQUE INDEX transactions_source_id
    ON transactions (account_id, source_id) WHERE source_id IS NOT NULL;

-- What the user changed, kept apart from imported fields and keyed by the
-- imported row's identity, so it survives undo and re-import of the file.
CREATE TABLE txn_edits (
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    txn_date     INTEGER NOT NULL,
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL,
    class        TEXT CHECK (class IN ('ai-subscription', 'ai-api', 'everyday', 'transfer')),
    vendor       TEXT,
    product      TEXT,
    tags         TEXT,                        -- JSON array of strings
    note         TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (txn_date, account_id, fingerprint, occurrence)
) STRICT, WITHOUT ROWID;
