-- A batch read from many files (a scan of the agent logs' folders) leaves
-- out lines of several files: a line number alone does not say which file
-- it is in. Each left-out line now names its file.
--
-- `file` is the file's path relative to the folder that was read
-- (`2026/11/20/rollout-….jsonl`), as `provider_records.source_file`; ''
-- where the batch is one file, whose name the batch keeps. The key takes
-- the file, so line 7 of two logs can both be left out.
CREATE TABLE import_rejects_new (
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    file               TEXT NOT NULL DEFAULT '',
    line               INTEGER NOT NULL,
    reason             TEXT NOT NULL,
    PRIMARY KEY (batch_id, file, line)
) STRICT, WITHOUT ROWID;

INSERT INTO import_rejects_new (batch_id, file, line, reason)
SELECT batch_id, '', line, reason FROM import_rejects;

DROP TABLE import_rejects;
ALTER TABLE import_rejects_new RENAME TO import_rejects;
