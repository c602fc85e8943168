-- Text search over distinct texts: a statement repeats its merchants, so
-- the searched text of a million lines is a few hundred (or thousand)
-- distinct bodies. Each body (description, memo and the values of details,
-- one a row of text: what `txn_text` held per line) is stored once in
-- txn_bodies with the number of lines that carry it (n), indexed once in
-- an FTS5 trigram index (rowid = body id), and each line points at its body
-- (transactions.body_id). A search finds its bodies in the index, checks
-- them with the view's LIKE, and reads the lines of those bodies: newest
-- first through the date index for a common word, through
-- transactions_body_date for a rare one; the count of a search with no
-- other filter is the sum of the bodies' n. Kept in the import's and the
-- undo's transaction (ledger/text_index.rs); a body whose n reaches 0 goes,
-- with its index row. This replaces the per-line index txn_text (0015).
CREATE TABLE txn_bodies (
    id    INTEGER PRIMARY KEY,
    body  TEXT NOT NULL UNIQUE,
    n     INTEGER NOT NULL                    -- lines with this body
) STRICT;

INSERT INTO txn_bodies (body, n)
SELECT description || char(10) || coalesce(memo, '') || char(10)
       || coalesce((SELECT group_concat(value, char(10)) FROM json_each(details)), ''),
       count(*)
  FROM transactions
 GROUP BY 1;

ALTER TABLE transactions ADD COLUMN body_id INTEGER;

UPDATE transactions SET body_id = (
    SELECT b.id FROM txn_bodies b
     WHERE b.body = transactions.description || char(10) || coalesce(transactions.memo, '')
                    || char(10)
                    || coalesce((SELECT group_concat(value, char(10))
                                   FROM json_each(transactions.details)), ''));

CREATE INDEX transactions_body_date ON transactions (body_id, txn_date DESC);

CREATE VIRTUAL TABLE txn_body_text USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'none'
);
INSERT INTO txn_body_text (rowid, body) SELECT id, body FROM txn_bodies;

DROP TABLE txn_text;
