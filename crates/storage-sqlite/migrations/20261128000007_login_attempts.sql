-- Log-in attempts per username (lower-cased) and minute window (Unix ms
-- of its start), shared by every request that checks the limit.

CREATE TABLE login_attempts (
    key        TEXT    NOT NULL,
    window_ms  INTEGER NOT NULL,
    attempts   INTEGER NOT NULL,
    PRIMARY KEY (key, window_ms)
);
CREATE INDEX login_attempts_window ON login_attempts (window_ms);
