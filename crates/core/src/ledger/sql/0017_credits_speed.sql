-- Credits, budgets and alerts on a ledger of a million lines and 100k cost
-- records: the usage cost per UTC day, kept as the records change.
--
-- Every credits, budget and alerts computation reads the cost per provider,
-- organization, currency and UTC day up to a date (ledger/credits.rs);
-- grouping 100k records for it on every call cost more than all the rest.
-- usage_cost_days holds exactly that grouping of the records counted (cost
-- records, not superseded, with an amount, not Claude Code's estimates),
-- kept by the triggers below in the same statement as every insert, update
-- and delete of provider_records, whichever code path writes them. A
-- record arriving adds to its day; one leaving or changing has its day (or
-- days) summed again from the records, so the table never drifts from them.
CREATE TABLE usage_cost_days (
    utc_date  INTEGER NOT NULL,          -- yyyymmdd
    provider  TEXT NOT NULL,
    org       TEXT NOT NULL,             -- organization_id, '' for none
    currency  TEXT NOT NULL,
    amount    INTEGER NOT NULL,          -- micro-units, summed
    records   INTEGER NOT NULL,
    first_id  INTEGER NOT NULL,          -- lowest provider_records.id
    last_id   INTEGER NOT NULL,          -- highest
    PRIMARY KEY (utc_date, provider, org, currency)
) STRICT, WITHOUT ROWID;

INSERT INTO usage_cost_days
SELECT utc_date, provider, coalesce(organization_id, ''), currency,
       sum(amount), count(*), min(id), max(id)
  FROM provider_records
 WHERE kind = 'cost' AND superseded_by IS NULL AND amount IS NOT NULL
   AND series <> 'claude-code'
 GROUP BY 1, 2, 3, 4;

CREATE TRIGGER usage_cost_days_insert AFTER INSERT ON provider_records
WHEN NEW.kind = 'cost' AND NEW.superseded_by IS NULL AND NEW.amount IS NOT NULL
 AND NEW.series <> 'claude-code'
BEGIN
    INSERT INTO usage_cost_days
    VALUES (NEW.utc_date, NEW.provider, coalesce(NEW.organization_id, ''), NEW.currency,
            NEW.amount, 1, NEW.id, NEW.id)
    ON CONFLICT (utc_date, provider, org, currency) DO UPDATE
       SET amount = amount + excluded.amount,
           records = records + 1,
           first_id = min(first_id, excluded.first_id),
           last_id = max(last_id, excluded.last_id);
END;

CREATE TRIGGER usage_cost_days_delete AFTER DELETE ON provider_records
WHEN OLD.kind = 'cost' AND OLD.superseded_by IS NULL AND OLD.amount IS NOT NULL
 AND OLD.series <> 'claude-code'
BEGIN
    DELETE FROM usage_cost_days
     WHERE utc_date = OLD.utc_date AND provider = OLD.provider
       AND org = coalesce(OLD.organization_id, '') AND currency = OLD.currency;
    INSERT INTO usage_cost_days
    SELECT utc_date, provider, coalesce(organization_id, ''), currency,
           sum(amount), count(*), min(id), max(id)
      FROM provider_records
     WHERE kind = 'cost' AND superseded_by IS NULL AND amount IS NOT NULL
       AND series <> 'claude-code'
       AND utc_date = OLD.utc_date AND provider = OLD.provider
       AND organization_id IS OLD.organization_id AND currency = OLD.currency
     GROUP BY 1, 2, 3, 4;
END;

CREATE TRIGGER usage_cost_days_update
AFTER UPDATE OF kind, series, utc_date, provider, organization_id, amount, currency, superseded_by
ON provider_records
WHEN (OLD.kind = 'cost' AND OLD.superseded_by IS NULL AND OLD.amount IS NOT NULL
      AND OLD.series <> 'claude-code')
  OR (NEW.kind = 'cost' AND NEW.superseded_by IS NULL AND NEW.amount IS NOT NULL
      AND NEW.series <> 'claude-code')
BEGIN
    DELETE FROM usage_cost_days
     WHERE (utc_date = OLD.utc_date AND provider = OLD.provider
            AND org = coalesce(OLD.organization_id, '') AND currency IS OLD.currency)
        OR (utc_date = NEW.utc_date AND provider = NEW.provider
            AND org = coalesce(NEW.organization_id, '') AND currency IS NEW.currency);
    INSERT INTO usage_cost_days
    SELECT utc_date, provider, coalesce(organization_id, ''), currency,
           sum(amount), count(*), min(id), max(id)
      FROM provider_records
     WHERE kind = 'cost' AND superseded_by IS NULL AND amount IS NOT NULL
       AND series <> 'claude-code'
       AND ((utc_date = OLD.utc_date AND provider = OLD.provider
             AND organization_id IS OLD.organization_id AND currency IS OLD.currency)
         OR (utc_date = NEW.utc_date AND provider = NEW.provider
             AND organization_id IS NEW.organization_id AND currency IS NEW.currency))
     GROUP BY 1, 2, 3, 4;
END;
