-- Activity events: the source of truth of every feed. The identity never
-- reuses an id, so ids work as resume cursors; every transaction that
-- inserts here holds the activity-order advisory lock (src/record.rs)
-- from its insert to its commit, so events also become visible in id
-- order. Visibility is fixed when the event happens: turning privacy off
-- later does not reveal what was done in private.

CREATE TABLE activity (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT        NOT NULL CHECK (kind IN ('now_playing', 'paused', 'played', 'liked_track', 'liked_artist', 'friended')),
    track_id    BIGINT      REFERENCES tracks(id) ON DELETE SET NULL,
    artist_id   BIGINT      REFERENCES artists(id) ON DELETE SET NULL,
    friend_id   BIGINT      REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT        NOT NULL CHECK (visibility IN ('friends', 'private')),
    at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX activity_user ON activity (user_id, id);

-- Where each listener is in their current track (a ListeningState as JSON).
CREATE TABLE listening (
    user_id  BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    state    TEXT   NOT NULL
);
