-- Accounts. Usernames are unique; the password is an argon2 PHC string.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    privacy        TEXT    NOT NULL DEFAULT 'friends' CHECK (privacy IN ('friends', 'private')),
    created_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
