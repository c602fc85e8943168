-- A batch read from many files (a folder of agent logs, one scan of the
-- watched folders) names, for each record, the file it came from: a line
-- number alone does not say which of the batch's files it is in.
--
-- `source_file` is the file's path relative to the folder that was read
-- (`2026/11/20/rollout-….jsonl`); NULL where the batch is one file, whose
-- name the batch keeps.
ALTER TABLE provider_records ADD COLUMN source_file TEXT;
