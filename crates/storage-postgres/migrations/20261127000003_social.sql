-- Friendships are stored once per direction so "friends of X" is one index
-- range; a pending request is one row from the asker to the asked.

CREATE TABLE friend_requests (
    from_id     BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_id       BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (from_id, to_id),
    CHECK (from_id <> to_id)
);
CREATE INDEX friend_requests_to ON friend_requests (to_id);

CREATE TABLE friendships (
    user_id    BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    friend_id  BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    since      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (user_id, friend_id),
    CHECK (user_id <> friend_id)
);

-- `seq` is the insertion order SQLite's rowid gives: the tie-break of
-- "newest like first" between likes of one instant.
CREATE TABLE track_likes (
    user_id     BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    track_id    BIGINT      NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    seq         BIGINT      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (user_id, track_id)
);
CREATE INDEX track_likes_track ON track_likes (track_id);

CREATE TABLE artist_likes (
    user_id     BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    artist_id   BIGINT      NOT NULL REFERENCES artists(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    seq         BIGINT      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (user_id, artist_id)
);
CREATE INDEX artist_likes_artist ON artist_likes (artist_id);
