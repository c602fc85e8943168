-- Schema version 12: usage from coding agents and other AI tools (issue 20).
--
-- Reasoning tokens as a log states them (OpenAI and Codex count them inside
-- output_tokens; the column says how many of those were reasoning), and the
-- machine a log was written on, so logs copied from several machines merge
-- with a label (NULL: this machine, or not said).
ALTER TABLE provider_records ADD COLUMN reasoning_tokens INTEGER;
ALTER TABLE provider_records ADD COLUMN machine TEXT;
