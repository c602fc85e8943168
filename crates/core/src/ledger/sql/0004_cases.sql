-- Schema version 0004: top-up cases and their evidence (SPEC §7.2).
--
-- A case is one missing top-up. Everything it learns is appended, never
-- overwritten: a later answer to a fact supersedes the earlier one (both
-- stay, for the timeline), an unlinked row keeps its link with the time it
-- was unlinked, and every diagnosis run is kept. Instants are RFC 3339 UTC
-- text; the case records the local time zone its timeline is shown in.

CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    title               TEXT NOT NULL,
    provider            TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at          TEXT NOT NULL,        -- UTC instant
    updated_at          TEXT NOT NULL,        -- UTC instant
    -- The local time the timeline is shown in: the IANA name where the
    -- system gave one (for the reader) and the UTC offset in minutes that
    -- was in force when the case was opened (what the times are computed with).
    tz_name             TEXT,
    utc_offset_minutes  INTEGER NOT NULL CHECK (utc_offset_minutes BETWEEN -1080 AND 1080)
) STRICT;

-- Every answer to a fact, oldest first; the current value of a fact is its
-- newest row. value is the fact's JSON (as `topup diagnose` prints it), or
-- NULL when the answer was "unknown".
CREATE TABLE case_facts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    fact                TEXT NOT NULL,
    value               TEXT,                 -- JSON, NULL = unknown
    source              TEXT NOT NULL CHECK (source IN ('user', 'ledger')),
    rows                TEXT NOT NULL DEFAULT '[]',  -- JSON array of ledger ids behind it
    answered_at         TEXT NOT NULL         -- UTC instant
) STRICT;
CREATE INDEX case_facts_case ON case_facts (case_id, fact, id);

-- Ledger lines (card transactions) and provider payment records linked to
-- a case. A transaction link also keeps the line's identity, as txn_edits
-- does, so it finds the line again after its batch is undone and the file
-- imported again (the line then has a new id).
CREATE TABLE case_rows (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('txn', 'payment')),
    txn_id              INTEGER,              -- the id when linked (may be gone after an undo)
    account_id          INTEGER,
    txn_date            INTEGER,              -- yyyymmdd
    fingerprint         INTEGER,
    occurrence          INTEGER,
    payment_id          INTEGER,
    linked_at           TEXT NOT NULL,        -- UTC instant
    unlinked_at         TEXT,                 -- UTC instant, NULL while linked
    CHECK ((kind = 'txn') = (txn_id IS NOT NULL AND account_id IS NOT NULL AND txn_date IS NOT NULL
                             AND fingerprint IS NOT NULL AND occurrence IS NOT NULL)),
    CHECK ((kind = 'payment') = (payment_id IS NOT NULL))
) STRICT;
CREATE INDEX case_rows_case ON case_rows (case_id);

CREATE TABLE case_notes (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    text                TEXT NOT NULL,
    created_at          TEXT NOT NULL         -- UTC instant
) STRICT;
CREATE INDEX case_notes_case ON case_notes (case_id);

-- Files copied into <data folder>/attachments/<case id>/. Images are stored
-- with their metadata (EXIF, GPS, text chunks) removed; both hashes are kept:
-- of the file as the user gave it and of the stored copy.
CREATE TABLE case_attachments (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    stored_name         TEXT NOT NULL,        -- file name inside the case's folder
    original_name       TEXT NOT NULL,
    original_sha256     TEXT NOT NULL,        -- lowercase hex, of the bytes given
    stored_sha256       TEXT NOT NULL,        -- lowercase hex, of the stored bytes
    original_size       INTEGER NOT NULL,
    size                INTEGER NOT NULL,     -- of the stored bytes
    media_type          TEXT NOT NULL,
    captured_at         TEXT NOT NULL,        -- UTC instant the app took the copy
    redacted            INTEGER NOT NULL CHECK (redacted IN (0, 1)),  -- metadata removed
    UNIQUE (case_id, stored_name)
) STRICT;

-- Every diagnosis run, with the JSON `topup diagnose` prints.
CREATE TABLE case_diagnoses (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id             INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    computed_at         TEXT NOT NULL,        -- UTC instant
    result              TEXT NOT NULL         -- JSON
) STRICT;
CREATE INDEX case_diagnoses_case ON case_diagnoses (case_id, id);
