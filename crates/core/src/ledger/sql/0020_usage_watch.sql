-- Schema version 19: watched agent log folders read incrementally, and the
-- tables that name a provider open to every provider that bills by use
-- (issue 20). The second part is not SQL: `cases`, `credit_grants` and
-- `credit_balance_checks` have their provider CHECK widened to the six
-- providers of 0016 by the step that follows this file
-- (`widen_provider_checks` in migrations.rs): `cases` cannot be rebuilt
-- here without its ON DELETE CASCADE children going with it.
--
-- `agent_log_files` now keeps how far each log was read (`read_to`, the
-- byte just after its last complete line) and the SHA-256 of those bytes,
-- so a grown log is read from there on, and a log cut short or written
-- over (its first `read_to` bytes no longer hash the same) is read again
-- from its start. `batch_id` may be NULL: a log read with nothing new in
-- it makes no batch. `machine` is the label its records were given.
-- SQLite cannot drop a NOT NULL in place: the table is rebuilt (no other
-- table refers to it).
CREATE TABLE agent_log_files_new (
    path           TEXT PRIMARY KEY,
    size           INTEGER NOT NULL,
    modified       TEXT NOT NULL,         -- the file's modification time, as the OS gives it
    batch_id       INTEGER REFERENCES import_batches(id),  -- the last batch that added from it
    scanned_at     TEXT NOT NULL,         -- UTC instant
    read_to        INTEGER NOT NULL DEFAULT 0 CHECK (read_to >= 0),
    prefix_sha256  TEXT,                  -- of the file's first read_to bytes, lowercase hex
    machine        TEXT
) STRICT;

INSERT INTO agent_log_files_new (path, size, modified, batch_id, scanned_at)
SELECT path, size, modified, batch_id, scanned_at FROM agent_log_files;

DROP TABLE agent_log_files;
ALTER TABLE agent_log_files_new RENAME TO agent_log_files;
