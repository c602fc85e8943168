-- Provider sync (issue #8): how far each Admin API endpoint has been pulled.
--
-- One row per provider and endpoint. `synced_through` is the last UTC day a
-- successful run fetched (that day may still have been open); the next run
-- starts a day before it, because providers revise their latest figures. The
-- records themselves go through the import path as ordinary batches
-- (`last_batch_id`), so day replacement keeps a sync and a CSV export of the
-- same days from counting twice. The Admin key is never stored here: it
-- lives only in the OS keychain.
CREATE TABLE sync_state (
    provider        TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
    endpoint        TEXT NOT NULL,
    synced_through  INTEGER,              -- yyyymmdd (UTC), NULL before the first success
    last_run_at     TEXT NOT NULL,        -- UTC instant (RFC 3339)
    last_result     TEXT NOT NULL CHECK (last_result IN ('ok', 'failed', 'cancelled')),
    last_batch_id   INTEGER,
    PRIMARY KEY (provider, endpoint)
) STRICT;
