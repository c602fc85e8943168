-- Credits, budgets and alerts under 50 ms on a million lines: partial
-- indexes, so the few lines these read are found without reading every
-- line (and the top-ups without reading the wide rows at all).
--
-- The API top-ups (lines stored as `ai-api`): every credits computation
-- reads them all, with only these columns (ledger/credits.rs); the edit
-- join's key columns are in it too.
CREATE INDEX transactions_api_topups
    ON transactions (class, txn_date, vendor, status, amount, currency,
                     original_amount, original_currency, account_id, fingerprint,
                     occurrence)
    WHERE class = 'ai-api';

-- Lines a rule tagged: a tag budget reads those of its month, not every
-- line of the month (ledger/budgets.rs; lines tagged by the user's edit
-- are found through txn_edits).
CREATE INDEX transactions_rule_tagged
    ON transactions (txn_date) WHERE rule_tags IS NOT NULL;

-- Provider records by day: a budget's plan value prices one month of usage
-- records (ledger/provider_records.rs `costs` with both bounds), not all.
CREATE INDEX provider_records_utc_date
    ON provider_records (utc_date) WHERE superseded_by IS NULL;
