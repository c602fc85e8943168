-- Receipts read from mail (issue #19): what a vendor's or an app store's
-- receipt e-mail says, one row per recognised receipt, kept with the import
-- batch that read it (undo removes it) and matched to the card line it
-- backs. A receipt is a provider record, never card spending.
CREATE TABLE mail_receipts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id       INTEGER NOT NULL REFERENCES import_batches(id),
    source_line    INTEGER NOT NULL,          -- physical line the message starts on
    source         TEXT NOT NULL CHECK (source IN ('email', 'pdf')),
    message_key    TEXT NOT NULL,             -- Message-ID, else the message's SHA-256
    vendor         TEXT NOT NULL,             -- catalog vendor id
    channel        TEXT NOT NULL CHECK (channel IN ('direct', 'apple', 'google_play')),
    product        TEXT,
    sender         TEXT NOT NULL,
    subject        TEXT NOT NULL,
    receipt_no     TEXT,
    invoice_no     TEXT,
    paid_at        TEXT,                      -- UTC instant of the message's Date:
    zone           TEXT,                      -- the zone the message states, +02:00
    paid_date      INTEGER NOT NULL,          -- the date the receipt states, yyyymmdd
    amount         INTEGER NOT NULL CHECK (amount > 0),  -- micro-units, tax included
    currency       TEXT NOT NULL,
    tax            INTEGER,                   -- micro-units
    tax_rate       TEXT,                      -- percent, decimal text
    items          TEXT NOT NULL DEFAULT '[]',-- JSON: [{description, kind, app, vendor, quantity, amount}]
    period_start   INTEGER,
    period_end     INTEGER,
    card_brand     TEXT,
    card_last4     TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
    file_sha256    TEXT,                      -- the stored .eml, when matched
    pdf_sha256     TEXT,                      -- its PDF attachment, stored too
    stored_name    TEXT,
    matched_txn_id INTEGER REFERENCES transactions(id) ON DELETE SET NULL,
    flag           TEXT CHECK (flag IS NULL OR flag IN ('double_payment')),
    -- 1 when the match named its line (class, vendor, product in txn_edits):
    -- undoing the batch takes those three back.
    edited         INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX mail_receipts_message ON mail_receipts (message_key);
CREATE INDEX mail_receipts_batch ON mail_receipts (batch_id);
CREATE INDEX mail_receipts_txn ON mail_receipts (matched_txn_id) WHERE matched_txn_id IS NOT NULL;
