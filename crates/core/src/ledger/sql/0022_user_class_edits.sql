-- Whose class and vendor a line's edit holds (issue #19): the user's (the
-- app's editor, `aispend txns edit`) or a mail receipt's match (an Apple
-- line named ChatGPT Plus). A line a multi-item receipt split into parts
-- counts by its parts until the user sets its class or vendor: then the
-- user's edit wins and the line counts whole, by that class and vendor. The
-- parts stay stored, so they count again if the mail import's undo and a
-- re-import bring the line back to the receipt's naming. Undoing a mail
-- import takes back only the naming its match wrote, never the user's.
ALTER TABLE txn_edits ADD COLUMN class_by_user INTEGER NOT NULL DEFAULT 0
    CHECK (class_by_user IN (0, 1));

-- Edits already there: the user's, unless a mail receipt's match wrote them.
UPDATE txn_edits SET class_by_user = 1
 WHERE (class IS NOT NULL OR vendor IS NOT NULL)
   AND NOT EXISTS (
       SELECT 1 FROM mail_receipts m JOIN transactions t ON t.id = m.matched_txn_id
        WHERE m.edited = 1
          AND t.txn_date = txn_edits.txn_date AND t.account_id = txn_edits.account_id
          AND t.fingerprint = txn_edits.fingerprint AND t.occurrence = txn_edits.occurrence);
