-- Online leases: a listener with a feed socket open on an instance, until
-- `expires_ms` (Unix milliseconds) unless the instance renews it.

CREATE TABLE online_leases (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    instance    INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL,
    PRIMARY KEY (user_id, instance)
);
CREATE INDEX online_leases_expiry ON online_leases (expires_ms);
