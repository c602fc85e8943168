-- Subscription detection after an edit or a rule redoes the vendors it
-- touched (subs_stale) from their charges. Read through the partial vendor
-- index, a vendor's charges cost a read of each of its lines in the table,
-- scattered over the whole file: every line of the vendor, of any class
-- (on a 10M-line ledger, 84,000 lines for one vendor, 375 ms; 1.7 s when
-- the file was not in the page cache). This index holds exactly the
-- charges detection reads (posted subscription spending lines, by stored
-- class) and every column it reads of them, in the order it reads them:
-- a vendor's charges are one range of the index and no line is read. The
-- lines a user's edit covers (few) are still read from the table, by
-- their effective class and vendor (ledger/reports.rs,
-- `subscription_charges_of`).
CREATE INDEX transactions_sub_charges
    ON transactions (vendor, txn_date, account_id, fingerprint, occurrence,
                     amount, currency, original_amount, original_currency, product)
    WHERE class = 'ai-subscription' AND status = 'posted' AND amount <= 0;
