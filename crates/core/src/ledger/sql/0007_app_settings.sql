-- The desktop app's own settings that belong to the ledger (SPEC §8): the
-- display currency, and which import batches are the removable sample data.
-- Preferences of one window (language, theme) stay in the UI.
CREATE TABLE app_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
