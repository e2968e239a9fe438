-- Surrogate keys waiting to be purged from the CDN, kept until it confirms.
-- `generation` tells a key queued again apart from the copy being sent;
-- `due_ms` is when it may be sent (again): a claim by a sender moves it
-- past the send, a failure to the retry.

CREATE TABLE cdn_purges (
    key          TEXT    NOT NULL PRIMARY KEY,
    generation   INTEGER NOT NULL,
    queued_ms    INTEGER NOT NULL,
    due_ms       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cdn_purges_due ON cdn_purges (due_ms);
