-- Parts of a card line (issue #19): a receipt with several items (an Apple
-- receipt for ChatGPT Plus and an everyday app) splits the line it backs
-- into parts, one per item, that sum to the line exactly. The summary
-- rollup counts each part by its own class and vendor instead of the line;
-- the line itself stays as its file says. The parts belong to the receipt
-- that made them: undoing the mail import (or losing the line) drops them.
CREATE TABLE txn_parts (
    txn_id          INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL CHECK (idx >= 0),
    receipt_id      INTEGER NOT NULL REFERENCES mail_receipts(id) ON DELETE CASCADE,
    amount          INTEGER NOT NULL,        -- micro-units, signed as the line
    original_amount INTEGER,                 -- micro-units, where the line has one
    class           TEXT NOT NULL CHECK (class IN ('ai-subscription', 'ai-api', 'everyday', 'transfer')),
    vendor          TEXT,
    product         TEXT NOT NULL,
    PRIMARY KEY (txn_id, idx)
) STRICT;
CREATE INDEX txn_parts_receipt ON txn_parts (receipt_id);

-- Reimbursement report numbers (issue #19): a report a client is sent gets a
-- number once, kept for the same client, period and currency (written again,
-- it keeps its number); the next new report takes the next number.
CREATE TABLE reimbursement_reports (
    number       INTEGER PRIMARY KEY,
    client       TEXT NOT NULL,            -- lower case
    period_from  INTEGER NOT NULL,         -- yyyymmdd
    period_to    INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (client, period_from, period_to, currency)
) STRICT;
