-- Browsers an account signed in on (trusted devices): the SHA-256 of the
-- random token in the device's cookie, whose it is, and when it was last
-- used (devices unused for long are forgotten).

CREATE TABLE trusted_devices (
    token_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_used_ms  INTEGER NOT NULL
);
CREATE INDEX trusted_devices_last_used ON trusted_devices (last_used_ms);
