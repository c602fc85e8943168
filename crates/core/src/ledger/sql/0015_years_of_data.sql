-- Years of data: what keeps the transactions view and subscription detection
-- fast on a ledger of millions of lines.
--
-- txn_tally counts the lines per local statement date, account, effective
-- class, effective vendor and status, reverted lines included: the view's
-- "N matching lines" for any filter but text is a sum over it, a jump to a
-- position or a date finds its day in it, and a page bounds its scan to the
-- days that hold its lines. "Effective" is what the view filters on: the
-- user's edit (txn_edits) over the stored columns, as `queries.rs` lays it;
-- '' stands for no class / no vendor. It is kept in the same transaction as
-- every write that changes a line's contribution, alongside rollup_daily
-- (see ledger/tally.rs). This migration fills it from the lines already there.
CREATE TABLE txn_tally (
    day         INTEGER NOT NULL,          -- local statement date, yyyymmdd
    account_id  INTEGER NOT NULL,
    class       TEXT NOT NULL,             -- effective class, '' for none
    vendor      TEXT NOT NULL,             -- effective vendor id, '' for none
    status      TEXT NOT NULL,             -- posted, pending or reverted
    n           INTEGER NOT NULL,          -- lines
    PRIMARY KEY (day, account_id, class, vendor, status)
) STRICT, WITHOUT ROWID;

INSERT INTO txn_tally (day, account_id, class, vendor, status, n)
SELECT t.txn_date, t.account_id,
       coalesce(e.class, t.class, ''),
       coalesce(CASE WHEN e.vendor IS NOT NULL THEN e.vendor
                     WHEN e.class IN ('everyday', 'transfer') THEN NULL ELSE t.vendor END, ''),
       t.status, count(*)
  FROM transactions t
  LEFT JOIN txn_edits e
    ON e.txn_date = t.txn_date AND e.account_id = t.account_id
   AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence
 GROUP BY 1, 2, 3, 4, 5;

-- The view's filters that pick few lines seek these (partial, so the many
-- everyday, vendor-less, posted lines cost nothing): a page reads the
-- candidates of one filter inside the days the tally bounds it to.
CREATE INDEX transactions_class_date ON transactions (class, txn_date DESC)
    WHERE class <> 'everyday';
CREATE INDEX transactions_vendor_date ON transactions (vendor, txn_date DESC)
    WHERE vendor IS NOT NULL;
CREATE INDEX transactions_status_date ON transactions (status, txn_date DESC)
    WHERE status <> 'posted';

-- Subscription detection, served from its last result while no line changed.
-- line_generation.n goes up in the same transaction as every write that
-- changes a line's class, vendor, status or existence (the tally's write
-- paths, ledger/tally.rs); subs_detected holds the detection computed at
-- generation `generation` over every subscription charge up to `through`
-- (the newest day a posted subscription line has), as JSON. It is a cache:
-- a stale generation is never read, and dropping it only costs one detection.
CREATE TABLE line_generation (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
) STRICT;
INSERT INTO line_generation (id, n) VALUES (1, 0);

CREATE TABLE subs_detected (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL,
    through     INTEGER NOT NULL,             -- yyyymmdd
    body        TEXT NOT NULL                 -- JSON array of the detected subscriptions
) STRICT;

-- Text search: every line's searched text (description, memo and the
-- values of details, one a row of text) in an FTS5 trigram index, without
-- a copy of the text (contentless; rows deletable for undo; no positions).
-- A search asks it for the lines holding every trigram of the words, then
-- checks those few with the same LIKE as before, so what matches is
-- unchanged. Written with the batch's lines (ledger/text_index.rs) and
-- taken out before an undo deletes them.
CREATE VIRTUAL TABLE txn_text USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'trigram', detail = 'none'
);
INSERT INTO txn_text (rowid, body)
SELECT id, description || char(10) || coalesce(memo, '') || char(10)
           || coalesce((SELECT group_concat(value, char(10)) FROM json_each(details)), '')
  FROM transactions;
