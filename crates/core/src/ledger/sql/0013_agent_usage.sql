-- Schema version 12: usage from coding agents and other AI tools (issue 20).
--
-- Reasoning tokens as a log states them (OpenAI and Codex count them inside
-- output_tokens; the column says how many of those were reasoning), and the
-- machine a log was written on, so logs copied from several machines merge
-- with a label (NULL: this machine, or not said).
ALTER TABLE provider_records ADD COLUMN reasoning_tokens INTEGER;
ALTER TABLE provider_records ADD COLUMN machine TEXT;

-- Agent log files already read by `import --watch-default`, so a re-scan
-- with nothing new reads no file: a file whose size and modification time
-- are unchanged since the batch that read it (still imported, not undone)
-- is skipped; a grown log is read again and only its new events land.
CREATE TABLE agent_log_files (
    path         TEXT PRIMARY KEY,
    size         INTEGER NOT NULL,
    modified     TEXT NOT NULL,             -- the file's modification time, as the OS gives it
    batch_id     INTEGER NOT NULL REFERENCES import_batches(id),
    scanned_at   TEXT NOT NULL              -- UTC instant
) STRICT;
