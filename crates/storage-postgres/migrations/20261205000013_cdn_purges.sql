-- Surrogate keys waiting to be purged from the CDN, kept until it confirms.
-- `generation` tells a key queued again apart from the copy being sent;
-- `due_ms` is when it may be sent (again): a claim by a sender moves it
-- past the send, a failure to the retry. `fence` is the primary's WAL
-- insert position when the key was queued: the purge waits until the read
-- replica has replayed it (src/purges.rs).

CREATE TABLE cdn_purges (
    key          TEXT    NOT NULL PRIMARY KEY,
    generation   BIGINT  NOT NULL,
    queued_ms    BIGINT  NOT NULL,
    due_ms       BIGINT  NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    fence        PG_LSN  NOT NULL
);
CREATE INDEX cdn_purges_due ON cdn_purges (due_ms);
