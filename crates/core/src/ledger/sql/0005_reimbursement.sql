-- Reimbursement (SPEC §5): receipts attached to lines, and lines marked
-- reimbursed.
--
-- Both tables are keyed by the line's identity (date, account, fingerprint,
-- occurrence), like txn_edits, so a receipt or a mark survives an undo and
-- re-import of the statement that holds the line.

-- A receipt file copied into `<ledger folder>/receipts/<sha256>.<ext>`: the
-- same bytes are stored once however often they are attached.
CREATE TABLE receipts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    txn_date     INTEGER NOT NULL,
    fingerprint  INTEGER NOT NULL,
    occurrence   INTEGER NOT NULL,
    file_name    TEXT NOT NULL,               -- the original name, as the user had it
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    stored_name  TEXT NOT NULL,               -- relative to <ledger folder>/receipts/
    attached_at  TEXT NOT NULL,               -- UTC instant
    UNIQUE (txn_date, account_id, fingerprint, occurrence, sha256)
) STRICT;

-- A line the client has paid back.
CREATE TABLE reimbursements (
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    txn_date       INTEGER NOT NULL,
    fingerprint    INTEGER NOT NULL,
    occurrence     INTEGER NOT NULL,
    client         TEXT NOT NULL,             -- the client name as given when marking
    reimbursed_on  INTEGER NOT NULL,          -- local date, yyyymmdd
    marked_at      TEXT NOT NULL,             -- UTC instant
    PRIMARY KEY (txn_date, account_id, fingerprint, occurrence)
) STRICT, WITHOUT ROWID;
