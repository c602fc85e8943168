-- Reports (SPEC §4, §5): a rollup that keeps the spending summary fast, and
-- subscriptions the user enters by hand.
--
-- rollup_daily holds, per local statement date, account, effective class,
-- effective vendor, billed currency, original currency and status, how many
-- lines there are and their sums in micro-units. "Effective" is what the
-- ledger shows: the user's edit (txn_edits) over the stored columns, exactly
-- as `queries.rs` lays it. Reverted lines are never counted; posted and
-- pending lines are kept apart by `status` (the summary counts posted lines
-- and shows pending ones separately).
--
-- Every write that can change a line's contribution keeps the rollup in the
-- same transaction (see ledger/rollup.rs): import (summed as rows are
-- inserted), undo of a batch, re-classification, a user's edit. This
-- migration fills it from the lines already there.
CREATE TABLE rollup_daily (
    day            INTEGER NOT NULL,          -- local statement date, yyyymmdd
    account_id     INTEGER NOT NULL,
    class          TEXT NOT NULL,             -- effective class ('everyday' when none)
    vendor         TEXT NOT NULL,             -- effective vendor id, '' for none
    currency       TEXT NOT NULL,             -- billed currency
    orig_currency  TEXT NOT NULL,             -- original currency, '' for none
    status         TEXT NOT NULL CHECK (status IN ('posted', 'pending')),
    n              INTEGER NOT NULL,          -- lines
    debit          INTEGER NOT NULL,          -- sum of the negative amounts (spending)
    credit         INTEGER NOT NULL,          -- sum of the positive amounts (money in)
    orig_debit     INTEGER NOT NULL,          -- sum of original_amount of the spending lines
    orig_credit    INTEGER NOT NULL,          -- sum of original_amount of the other lines
    PRIMARY KEY (day, account_id, class, vendor, currency, orig_currency, status)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_daily (day, account_id, class, vendor, currency, orig_currency, status,
                          n, debit, credit, orig_debit, orig_credit)
SELECT t.txn_date, t.account_id,
       coalesce(e.class, t.class, 'everyday'),
       coalesce(CASE WHEN e.vendor IS NOT NULL THEN e.vendor
                     WHEN e.class IN ('everyday', 'transfer') THEN NULL ELSE t.vendor END, ''),
       t.currency, coalesce(t.original_currency, ''), t.status,
       count(*),
       sum(CASE WHEN t.amount < 0 THEN t.amount ELSE 0 END),
       sum(CASE WHEN t.amount > 0 THEN t.amount ELSE 0 END),
       sum(CASE WHEN t.amount < 0 THEN coalesce(t.original_amount, 0) ELSE 0 END),
       sum(CASE WHEN t.amount < 0 THEN 0 ELSE coalesce(t.original_amount, 0) END)
  FROM transactions t
  LEFT JOIN txn_edits e
    ON e.txn_date = t.txn_date AND e.account_id = t.account_id
   AND e.fingerprint = t.fingerprint AND e.occurrence = t.occurrence
 WHERE t.status IN ('posted', 'pending')
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Subscriptions entered by hand (`aispend subs add`), shown beside the ones
-- detected from the ledger.
CREATE TABLE subscriptions_manual (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor      TEXT NOT NULL CHECK (length(vendor) BETWEEN 1 AND 200),
    product     TEXT,
    amount      INTEGER NOT NULL CHECK (amount > 0),   -- micro-units, the price
    currency    TEXT NOT NULL,
    cadence     TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly', 'annual')),
    since       INTEGER NOT NULL,                       -- first charge, local yyyymmdd
    note        TEXT,
    created_at  TEXT NOT NULL                           -- UTC instant
) STRICT;
