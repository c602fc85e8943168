-- Subscription detection after an edit or a rule: only the vendors whose
-- lines changed are detected again. A write that changes lines one at a
-- time (an edit, a re-classification, a refund pairing, a receipt split)
-- notes here the effective vendor of each subscription line it changes,
-- before and after ('' for a line without a vendor: every vendor then),
-- and keeps subs_detected at the new generation when it was current. The
-- stored detection is then right for every vendor not listed here; the
-- next read detects the listed ones again and empties the list
-- (ledger/tally.rs, reports/subs.rs). A cache, like subs_detected: a
-- vendor listed needlessly only costs its detection.
CREATE TABLE subs_stale (
    vendor  TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- Text search combined with other filters: the body index holds every
-- column the transactions view filters on, so the count of a search with
-- other filters, a jump to a position in it and the days a page of it
-- reads are all answered from the index alone, without reading a line
-- (ledger/views_txns.rs, `text_days`). Lines a user's edit covers (few)
-- are counted again by their effective class and vendor.
DROP INDEX transactions_body_date;
CREATE INDEX transactions_body_date
    ON transactions (body_id, txn_date DESC, account_id, status, class, vendor);

-- Mostly distinct texts (an order number in every memo): the UNIQUE
-- constraint on txn_bodies.body kept each body twice, in the table and in
-- its index (about 50 bytes a line each on such a ledger). A body is found
-- by its 64-bit hash instead (xxh3 of its text, computed in Rust, so this
-- step fills it: ledger/text_index.rs) and compared in full, so two texts
-- with one hash stay two bodies. The ids, counts and the trigram index
-- (keyed by body id) are unchanged.
CREATE TABLE txn_bodies_by_hash (
    id    INTEGER PRIMARY KEY,
    hash  INTEGER NOT NULL,                   -- xxh3-64 of body, as a signed integer
    body  TEXT NOT NULL,
    n     INTEGER NOT NULL                    -- lines with this body
) STRICT;
INSERT INTO txn_bodies_by_hash (id, hash, body, n) SELECT id, 0, body, n FROM txn_bodies;
DROP TABLE txn_bodies;
ALTER TABLE txn_bodies_by_hash RENAME TO txn_bodies;
