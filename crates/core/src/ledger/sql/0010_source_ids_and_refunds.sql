-- Schema version 10: duplicate layer 1 keyed by what a source id really
-- names, and refunds paired with their purchases.
--
-- Layer 1 (the source's own id) used to merge any two lines of an account
-- that carried the same id. Alipay and WeChat Pay exports, anonymised
-- exports and some banks re-use one id on lines that differ (an order and
-- its refund, two payments of one order, ids blanked to one value): the
-- later ones vanished as "duplicates" on the first import. An id now only
-- merges lines that also agree on the date and the signed amount (so the
-- direction too), and, like layer 2, on the occurrence: two identical
-- lines of one file (two 12.00 payments on one day under one blanked id)
-- are two payments, while the same file or an overlapping one imported
-- again gives the same keys and adds nothing. Lines that differ are all
-- kept, and the import names the re-used ids (notice `reused_source_ids`).
-- Lines merged under the old rule are not in the ledger; importing their
-- file again adds them.
DROP INDEX transactions_source_id;
CREATE UNIQUE INDEX transactions_source_id
    ON transactions (account_id, source_id, txn_date, amount, occurrence)
    WHERE source_id IS NOT NULL;

-- A refund line and the purchase it gives money back for (Alipay
-- `退款成功`, WeChat Pay `…-退款`), paired at import (ledger/refunds.rs).
-- Pairing changes the lines' stored status or class; the status each line
-- had before is kept here, so undoing either line's batch puts the other
-- line back as its own file wrote it.
CREATE TABLE refund_links (
    refund_id        INTEGER PRIMARY KEY REFERENCES transactions(id) ON DELETE CASCADE,
    purchase_id      INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    -- 'order id' or 'counterparty and amount'
    matched_by       TEXT NOT NULL,
    refund_status    TEXT NOT NULL CHECK (refund_status = 'posted' OR refund_status = 'pending'
                                          OR refund_status = 'reverted'),
    purchase_status  TEXT NOT NULL CHECK (purchase_status = 'posted' OR purchase_status = 'pending'
                                          OR purchase_status = 'reverted'),
    created_at       TEXT NOT NULL            -- UTC instant
) STRICT;
CREATE INDEX refund_links_purchase ON refund_links (purchase_id);
